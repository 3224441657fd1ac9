/*
 * pager.c: the interactive reader. Turns keys into commands, applies them
 * to the view, and copies the painted frame to the screen. All drawing of
 * document text goes through blit_frame(), which only places cells the
 * core has already made safe.
 *
 * Screen: the text area on top, a one-line status bar at the bottom.
 */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "keys.h"
#include "pager.h"
#include "term.h"
#include "utf8.h"
#include "view.h"

#define MIN_ROWS 5
#define MIN_COLS 20

struct pager {
	struct doc *doc;
	const struct pager_opts *opts;
	struct view *view;
	struct frame *frame;
	int rows, cols;      /* the terminal */
	int text_rows;       /* rows of the text area */
	int too_small;
	int help;            /* the help screen is up */
	char name[256];      /* sanitised file name */
	char msg[256];       /* a one-off message for the status bar */
};

static int
role_attr(int role, enum ruby_mode mode)
{
	switch (role) {
	case ROLE_READING:
		return A_DIM;
	case ROLE_PLACEHOLDER:
		return A_STANDOUT;
	case ROLE_RUBY_BASE:
		return mode == RUBY_POPUP ? A_UNDERLINE : A_NORMAL;
	case ROLE_CLIPPED:
		return A_BOLD;
	}
	return A_NORMAL;
}

/* Copy frame f to the screen at (y, x). */
static void
blit_frame(const struct frame *f, int y, int x, enum ruby_mode mode)
{
	const struct fcell *c;
	int r, col;

	for (r = 0; r < f->rows; r++) {
		move(y + r, x);
		if (f->row_flags[r] & FRAME_ROW_EOF) {
			attrset(A_DIM);
			addch('~');
			attrset(A_NORMAL);
			clrtoeol();
			continue;
		}
		for (col = 0; col < f->cols; col++) {
			c = &f->cells[(size_t)r * (size_t)f->cols + (size_t)col];
			if (c->cols == 0)
				continue;
			if (c->len == 0) {
				attrset(A_NORMAL);
				mvaddch(y + r, x + col, ' ');
				continue;
			}
			attrset(role_attr(c->role, mode));
			mvaddnstr(y + r, x + col, c->text, c->len);
		}
		attrset(A_NORMAL);
	}
}

static const char *
mode_name(enum ruby_mode m)
{
	switch (m) {
	case RUBY_ABOVE:
		return "above";
	case RUBY_POPUP:
		return "popup";
	case RUBY_OFF:
		return "off";
	case RUBY_INLINE:
		return "inline";
	}
	return "?";
}

/* Draw `s` (safe UTF-8) at (y, x) in at most maxcols columns. */
static int
put_fit(int y, int x, const char *s, int maxcols)
{
	char buf[1024];
	int w;

	w = utf8_fit(s, strlen(s), maxcols, 1, buf, sizeof(buf));
	mvaddstr(y, x, buf);
	return w;
}

static void
draw_status(struct pager *pg)
{
	char right[128];
	size_t size = doc_size(pg->doc);
	int y = pg->rows - 1, rw, pct;

	if (size == 0)
		snprintf(right, sizeof(right), " empty  %s  h:help ",
		    mode_name(view_mode(pg->view)));
	else {
		pct = view_at_end(pg->view) ? 100 :
		    (int)((double)view_bottom_off(pg->view) * 100.0 /
		    (double)size);
		if (pct > 100)
			pct = 100;
		snprintf(right, sizeof(right), " %3d%%  %s  h:help ", pct,
		    mode_name(view_mode(pg->view)));
	}
	attrset(A_REVERSE);
	move(y, 0);
	clrtoeol();
	for (rw = 0; rw < pg->cols; rw++)
		mvaddch(y, rw, ' ');
	rw = utf8_str_cols(right, strlen(right), 1);
	if (pg->msg[0] != '\0')
		put_fit(y, 1, pg->msg, pg->cols - rw - 2);
	else
		put_fit(y, 1, pg->name, pg->cols - rw - 2);
	if (rw <= pg->cols)
		mvaddstr(y, pg->cols - rw, right);
	attrset(A_NORMAL);
}

static void
draw_help(struct pager *pg)
{
	char line[256], names[96];
	size_t i, j;
	int y = 0;

	erase();
	put_fit(y++, 0, "rubi keys (q closes this screen)", pg->cols);
	y++;
	for (i = 0; i < keys_count && y < pg->rows; i++) {
		if (keys_table[i].help == NULL)
			continue;
		names[0] = '\0';
		for (j = 0; j < keys_count; j++)
			if (keys_table[j].cmd == keys_table[i].cmd &&
			    keys_table[j].name != NULL) {
				if (names[0] != '\0')
					strncat(names, " ",
					    sizeof(names) - strlen(names) - 1);
				strncat(names, keys_table[j].name,
				    sizeof(names) - strlen(names) - 1);
			}
		snprintf(line, sizeof(line), "  %-22s %s", names,
		    keys_table[i].help);
		put_fit(y++, 0, line, pg->cols);
	}
}

/* Fit the view and frame to the terminal's size. */
static int
layout_screen(struct pager *pg)
{
	int tr, tc;

	getmaxyx(stdscr, pg->rows, pg->cols);
	pg->too_small = pg->rows < MIN_ROWS || pg->cols < MIN_COLS;
	if (pg->too_small)
		return 0;
	tr = pg->rows - 1;
	tc = pg->cols;
	pg->text_rows = tr;
	if (pg->frame == NULL || pg->frame->rows != tr || pg->frame->cols != tc) {
		frame_free(pg->frame);
		pg->frame = NULL;
		if (frame_new(tr, tc, &pg->frame) != STATUS_OK)
			return -1;
	}
	if (view_resize(pg->view, tr, tc) != STATUS_OK)
		return -1;
	return 0;
}

static int
draw(struct pager *pg)
{
	erase();
	if (pg->too_small) {
		put_fit(0, 0, "terminal too small", pg->cols);
		refresh();
		return 0;
	}
	if (pg->help) {
		draw_help(pg);
		refresh();
		return 0;
	}
	if (view_paint(pg->view, pg->frame) != STATUS_OK)
		return -1;
	blit_frame(pg->frame, 0, 0, view_mode(pg->view));
	draw_status(pg);
	refresh();
	return 0;
}

static enum status
apply(struct pager *pg, enum cmd cmd, int *quit)
{
	struct view *v = pg->view;
	int page = view_page_lines(v);

	switch (cmd) {
	case CMD_NONE:
		break;
	case CMD_QUIT:
		*quit = 1;
		break;
	case CMD_LINE_DOWN:
		return view_scroll(v, 1);
	case CMD_LINE_UP:
		return view_scroll(v, -1);
	case CMD_PAGE_DOWN:
		return view_scroll(v, page);
	case CMD_PAGE_UP:
		return view_scroll(v, -page);
	case CMD_HALF_DOWN:
		return view_scroll(v, page / 2 > 0 ? page / 2 : 1);
	case CMD_HALF_UP:
		return view_scroll(v, -(page / 2 > 0 ? page / 2 : 1));
	case CMD_TOP:
		return view_home(v);
	case CMD_BOTTOM:
		return view_end(v);
	case CMD_CYCLE_RUBY:
		switch (view_mode(v)) {
		case RUBY_ABOVE:
			view_set_mode(v, RUBY_POPUP);
			break;
		case RUBY_POPUP:
			view_set_mode(v, RUBY_OFF);
			break;
		case RUBY_OFF:
		case RUBY_INLINE:
			view_set_mode(v, RUBY_ABOVE);
			break;
		}
		/* The anchor stays; make sure it is still a line start. */
		return view_goto(v, view_top_off(v));
	case CMD_REDRAW:
		clearok(curscr, TRUE);
		break;
	case CMD_HELP:
		pg->help = 1;
		break;
	}
	return STATUS_OK;
}

/* Make sure the terminal speaks UTF-8 (our cells are UTF-8). */
static int
utf8_locale(void)
{
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return 0;
	return -1;
}

int
pager_run(struct doc *doc, const struct pager_opts *opts)
{
	struct pager pg;
	char msg[256];
	enum status st = STATUS_OK;
	int quit = 0, is_key, rc = 0;
	wint_t ch;

	if (utf8_locale() != 0) {
		fprintf(stderr, "rubi: the locale's character set is not "
		    "UTF-8 and C.UTF-8 is not available\n");
		return 2;
	}
	memset(&pg, 0, sizeof(pg));
	pg.doc = doc;
	pg.opts = opts;
	utf8_sanitize(opts->name, strlen(opts->name), pg.name, sizeof(pg.name));
	if (term_start(opts->from_stdin, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "rubi: %s\n", msg);
		return 1;
	}
	if (view_new(doc, 1, 1, opts->mode, opts->ambiwidth, &pg.view) !=
	    STATUS_OK || layout_screen(&pg) != 0) {
		term_stop();
		fprintf(stderr, "rubi: out of memory\n");
		view_free(pg.view);
		return 1;
	}
	while (!quit && !term_quit_signal) {
		if (draw(&pg) != 0) {
			st = STATUS_IO;
			break;
		}
		is_key = get_wch(&ch);
		if (term_quit_signal)
			break;
		if (is_key == ERR)
			continue;
		pg.msg[0] = '\0';
		if (is_key == KEY_CODE_YES && ch == KEY_RESIZE) {
			if (layout_screen(&pg) != 0) {
				st = STATUS_NOMEM;
				break;
			}
			continue;
		}
		if (pg.help) {
			if (ch == 'q' || ch == 'Q' || ch == 27 || ch == 'h')
				pg.help = 0;
			continue;
		}
		if (pg.too_small) {
			if (ch == 'q' || ch == 'Q')
				quit = 1;
			continue;
		}
		st = apply(&pg, keys_lookup((int)ch, is_key == KEY_CODE_YES),
		    &quit);
		if (st != STATUS_OK)
			break;
	}
	term_stop();
	if (st != STATUS_OK) {
		fprintf(stderr, "rubi: %s\n", status_str(st));
		rc = 1;
	} else if (term_quit_signal) {
		rc = 128 + term_quit_signal;
	}
	view_free(pg.view);
	frame_free(pg.frame);
	return rc;
}
