/*
 * keys.h: the one table from keys to commands. It dispatches keys, draws
 * the help screen, and tests check the man page against it.
 */
#ifndef RUBI_KEYS_H
#define RUBI_KEYS_H

#include <stddef.h>

#include "cmd.h"

struct binding {
	int code;       /* a character, or a curses KEY_* code */
	int is_keycode; /* code is a KEY_* from get_wch's KEY_CODE_YES */
	enum cmd cmd;
	const char *name; /* as the help screen and man page show it */
	const char *help; /* what it does (first binding of a command) */
};

extern const struct binding keys_table[];
extern const size_t keys_count;

/* The command bound to a key, or CMD_NONE. */
enum cmd keys_lookup(int code, int is_keycode);

#endif
