/*
 * keys.c: key bindings, less-compatible where less has the key.
 */
#include <curses.h>

#include "keys.h"

#define CTRL(c) ((c)&0x1f)

/* clang-format off: one binding a line, tab-indented */
const struct binding keys_table[] = {
        {'q', 0, CMD_QUIT, "q", "quit"},
        {'Q', 0, CMD_QUIT, "Q", NULL},
        {'j', 0, CMD_LINE_DOWN, "j", "one line down (sidebar: next entry)"},
        {'e', 0, CMD_LINE_DOWN, "e", NULL},
        {CTRL('n'), 0, CMD_LINE_DOWN, "^N", NULL},
        {'k', 0, CMD_LINE_UP, "k", "one line up (sidebar: previous entry)"},
        {'y', 0, CMD_LINE_UP, "y", NULL},
        {CTRL('p'), 0, CMD_LINE_UP, "^P", NULL},
        {'\n', 0, CMD_ENTER, "Enter", "one line down (sidebar: jump there)"},
        {'\r', 0, CMD_ENTER, NULL, NULL},
        {KEY_ENTER, 1, CMD_ENTER, NULL, NULL},
        {KEY_DOWN, 1, CMD_DOWN, "Down", "line down; popup mode: cursor down"},
        {KEY_UP, 1, CMD_UP, "Up", "line up; popup mode: cursor up"},
        {KEY_LEFT, 1, CMD_LEFT, "Left", "popup mode: cursor left"},
        {KEY_RIGHT, 1, CMD_RIGHT, "Right", "popup mode: cursor right"},
        {'.', 0, CMD_NEXT_RUBY, ".", "popup mode: next annotated character"},
        {',', 0, CMD_PREV_RUBY, ",",
                "popup mode: previous annotated character"},
        {' ', 0, CMD_PAGE_DOWN, "Space", "one page down"},
        {'f', 0, CMD_PAGE_DOWN, "f", NULL},
        {KEY_NPAGE, 1, CMD_PAGE_DOWN, "PgDn", NULL},
        {CTRL('f'), 0, CMD_PAGE_DOWN, "^F", NULL},
        {CTRL('v'), 0, CMD_PAGE_DOWN, NULL, NULL},
        {'b', 0, CMD_PAGE_UP, "b", "one page up"},
        {KEY_PPAGE, 1, CMD_PAGE_UP, "PgUp", NULL},
        {CTRL('b'), 0, CMD_PAGE_UP, "^B", NULL},
        {'d', 0, CMD_HALF_DOWN, "d", "half a page down"},
        {CTRL('d'), 0, CMD_HALF_DOWN, "^D", NULL},
        {'u', 0, CMD_HALF_UP, "u", "half a page up"},
        {CTRL('u'), 0, CMD_HALF_UP, "^U", NULL},
        {'g', 0, CMD_TOP, "g", "go to the top (sidebar: first entry)"},
        {'<', 0, CMD_TOP, "<", NULL},
        {KEY_HOME, 1, CMD_TOP, "Home", NULL},
        {'G', 0, CMD_BOTTOM, "G", "go to the end (sidebar: last entry)"},
        {'>', 0, CMD_BOTTOM, ">", NULL},
        {KEY_END, 1, CMD_BOTTOM, "End", NULL},
        {'%', 0, CMD_PERCENT, "NN%", "go to NN percent of the file"},
        {'p', 0, CMD_PERCENT, "NNp", NULL},
        {'/', 0, CMD_SEARCH_FWD, "/", "search forward (text or reading)"},
        {'?', 0, CMD_SEARCH_BACK, "?", "search backward"},
        {'n', 0, CMD_SEARCH_NEXT, "n", "repeat the search"},
        {'N', 0, CMD_SEARCH_PREV, "N", "repeat the search the other way"},
        {'m', 0, CMD_MARK, "m", "m + letter: set a mark"},
        {'\'', 0, CMD_GOTO_MARK, "'", "' + letter: go to a mark; '': back"},
        {'r', 0, CMD_CYCLE_RUBY, "r", "readings: above, popup, off"},
        {'s', 0, CMD_SIDEBAR, "s", "show or hide the sidebar"},
        {'\t', 0, CMD_FOCUS, "Tab", "move the focus: text or sidebar"},
        {']', 0, CMD_SECTION_NEXT, "]", "next section"},
        {'[', 0, CMD_SECTION_PREV, "[", "previous section"},
        {CTRL('l'), 0, CMD_REDRAW, "^L", "redraw the screen"},
        {'F', 0, CMD_NEXT_FLAG, "F",
                "next suspicious annotation (as --check); the status bar says "
                "why"},
        {'i', 0, CMD_GLOSS_ALL, "i",
                "popup mode: all senses of the meaning, or the first"},
        {'K', 0, CMD_KNOWN, "K",
                "popup mode: mark the character known (again: unmark)"},
        {'A', 0, CMD_ALL_READINGS, "A",
                "show the readings of known characters too, or not"},
        {'R', 0, CMD_READING_STYLE, "R",
                "readings as marks, numbers, plain or zhuyin"},
        {'E', 0, CMD_REOPEN, "E",
                "read the file again by its name (after it was replaced)"},
        {'h', 0, CMD_HELP, "h", "show the keys"},
        {KEY_F(1), 1, CMD_HELP, "F1", NULL},
};
/* clang-format on */

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
