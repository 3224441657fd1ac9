/*
 * keys.c: key bindings, less-compatible where less has the key.
 */
#include <curses.h>

#include "keys.h"

#define CTRL(c) ((c)&0x1f)

const struct binding keys_table[] = {
	{'q', 0, CMD_QUIT, "q", "quit"},
	{'Q', 0, CMD_QUIT, "Q", NULL},
	{'j', 0, CMD_LINE_DOWN, "j", "one line down"},
	{KEY_DOWN, 1, CMD_LINE_DOWN, "Down", NULL},
	{'\n', 0, CMD_LINE_DOWN, "Enter", NULL},
	{'\r', 0, CMD_LINE_DOWN, NULL, NULL},
	{KEY_ENTER, 1, CMD_LINE_DOWN, NULL, NULL},
	{'e', 0, CMD_LINE_DOWN, "e", NULL},
	{'k', 0, CMD_LINE_UP, "k", "one line up"},
	{KEY_UP, 1, CMD_LINE_UP, "Up", NULL},
	{'y', 0, CMD_LINE_UP, "y", NULL},
	{' ', 0, CMD_PAGE_DOWN, "Space", "one page down"},
	{'f', 0, CMD_PAGE_DOWN, "f", NULL},
	{KEY_NPAGE, 1, CMD_PAGE_DOWN, "PgDn", NULL},
	{CTRL('f'), 0, CMD_PAGE_DOWN, "^F", NULL},
	{'b', 0, CMD_PAGE_UP, "b", "one page up"},
	{KEY_PPAGE, 1, CMD_PAGE_UP, "PgUp", NULL},
	{CTRL('b'), 0, CMD_PAGE_UP, "^B", NULL},
	{'d', 0, CMD_HALF_DOWN, "d", "half a page down"},
	{CTRL('d'), 0, CMD_HALF_DOWN, "^D", NULL},
	{'u', 0, CMD_HALF_UP, "u", "half a page up"},
	{CTRL('u'), 0, CMD_HALF_UP, "^U", NULL},
	{'g', 0, CMD_TOP, "g", "go to the top"},
	{'<', 0, CMD_TOP, "<", NULL},
	{KEY_HOME, 1, CMD_TOP, "Home", NULL},
	{'G', 0, CMD_BOTTOM, "G", "go to the end"},
	{'>', 0, CMD_BOTTOM, ">", NULL},
	{KEY_END, 1, CMD_BOTTOM, "End", NULL},
	{'r', 0, CMD_CYCLE_RUBY, "r", "readings: above, popup, off"},
	{CTRL('l'), 0, CMD_REDRAW, "^L", "redraw the screen"},
	{'h', 0, CMD_HELP, "h", "show the keys"},
	{KEY_F(1), 1, CMD_HELP, "F1", NULL},
};

const size_t keys_count = sizeof(keys_table) / sizeof(keys_table[0]);

enum cmd
keys_lookup(int code, int is_keycode)
{
	size_t i;

	for (i = 0; i < keys_count; i++)
		if (keys_table[i].code == code &&
		    keys_table[i].is_keycode == is_keycode)
			return keys_table[i].cmd;
	return CMD_NONE;
}
