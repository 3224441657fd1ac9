/*
 * pager.h: the interactive reader (ncurses).
 */
#ifndef RUBI_PAGER_H
#define RUBI_PAGER_H

#include "doc.h"
#include "known.h"
#include "layout.h"
#include "unihan.h"
#include "layout.h"

struct pager_opts {
	const char *name; /* shown in the status bar (sanitised there) */
	const char *path; /* the file, for saved state; NULL for stdin */
	enum ruby_mode mode;
	int ambiwidth;
	int use_state;  /* read and save the position */
	int from_stdin; /* the document is on stdin: keys from /dev/tty */
	const struct unihan *uh;  /* readings for the gloss; may be NULL */
	struct known *known;      /* the known characters (K changes them);
	                             may be NULL: K is then refused */
	const char *known_state;  /* state file that K saves to, or NULL */
	enum reading_style style; /* how readings are written (R cycles) */
	int tone_colors;          /* pager_tone_schemes index; 0: none */
	int prefer_hant;          /* zh-Hant readings first */
	const char *format;       /* notation (and encoding) for the status bar;
	                             may be NULL */
	const char *notice;       /* said on the status bar at first, or NULL */
	/* Open the file again by its name, as it was opened (encoding, HTML):
	 * 0 and *out, or -1 with a message in msg. NULL for standard input. */
	int (*reopen)(void *ctx, struct source **out, char *msg, size_t size);
	void *reopen_ctx;
};

/* pager_run's result when no terminal could be used (TERM unset, dumb or
 * unknown; no /dev/tty for keys): nothing was drawn, a warning is out. */
#define PAGER_NO_TERMINAL (-1)

/*
 * The tone colour schemes, by name, for --tone-colors: "none" first
 * (index 0), then the presets. NULL-terminated.
 */
extern const char *const pager_tone_schemes[];

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
