/*
 * pager.h: the interactive reader (ncurses).
 */
#ifndef RUBI_PAGER_H
#define RUBI_PAGER_H

#include "doc.h"
#include "layout.h"

struct pager_opts {
	const char *name; /* shown in the status bar (sanitised there) */
	const char *path; /* the file, for saved state; NULL for stdin */
	enum ruby_mode mode;
	int ambiwidth;
	int use_state;  /* read and save the position */
	int from_stdin; /* the document is on stdin: keys from /dev/tty */
};

/* pager_run's result when no terminal could be used (TERM unset, dumb or
 * unknown; no /dev/tty for keys): nothing was drawn, a warning is out. */
#define PAGER_NO_TERMINAL (-1)

/*
 * Run the reader on `doc` until the user quits or a signal asks to stop.
 * The terminal is restored on every path. Returns the exit status: 0, 1
 * on a failure (message printed after the terminal is restored), or
 * 128 + the signal that stopped it; or PAGER_NO_TERMINAL after one line on
 * stderr saying why the reader cannot run (the caller falls back to
 * writing the text).
 */
int pager_run(struct doc *doc, const struct pager_opts *opts);

#endif
