/*
 * cmd.h: what a key asks the reader to do. No key codes here: ui/keys.c
 * maps keys to commands with one table, which also feeds the help screen
 * and the man page check.
 */
#ifndef RUBI_CMD_H
#define RUBI_CMD_H

enum cmd {
	CMD_NONE = 0,
	CMD_QUIT,
	CMD_LINE_DOWN,
	CMD_LINE_UP,
	CMD_PAGE_DOWN,
	CMD_PAGE_UP,
	CMD_HALF_DOWN,
	CMD_HALF_UP,
	CMD_TOP,
	CMD_BOTTOM,
	CMD_CYCLE_RUBY,
	CMD_REDRAW,
	CMD_HELP,
};

#endif
