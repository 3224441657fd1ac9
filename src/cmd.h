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
	CMD_LINE_DOWN, /* j: scroll (sidebar focus: next entry) */
	CMD_LINE_UP,
	CMD_DOWN, /* arrow: scroll, or move the popup cursor */
	CMD_UP,
	CMD_LEFT, /* arrow: move the popup cursor */
	CMD_RIGHT,
	CMD_NEXT_RUBY, /* popup cursor to the next annotated character */
	CMD_PREV_RUBY,
	CMD_PAGE_DOWN,
	CMD_PAGE_UP,
	CMD_HALF_DOWN,
	CMD_HALF_UP,
	CMD_TOP,
	CMD_BOTTOM,
	CMD_PERCENT, /* NN% or NNp */
	CMD_SEARCH_FWD,
	CMD_SEARCH_BACK,
	CMD_SEARCH_NEXT,
	CMD_SEARCH_PREV,
	CMD_MARK,      /* m + letter */
	CMD_GOTO_MARK, /* ' + letter, or '' */
	CMD_CYCLE_RUBY,
	CMD_SIDEBAR,
	CMD_FOCUS,
	CMD_ENTER, /* Enter: line down, or jump to the sidebar entry */
	CMD_SECTION_NEXT,
	CMD_SECTION_PREV,
	CMD_REDRAW,
	CMD_HELP,
	CMD_NEXT_FLAG,     /* next annotation rubi --check would report */
	CMD_GLOSS_ALL,     /* popup gloss: every sense of the meaning, or one */
	CMD_KNOWN,         /* popup: mark the character known, or not */
	CMD_ALL_READINGS,  /* show the readings of known characters too */
	CMD_READING_STYLE, /* marks -> numbers -> plain -> zhuyin -> marks */
	CMD_REOPEN,        /* read the file again from its name */
};

#endif
