/*
 * pager.c: the interactive reader. Turns keys into commands, applies them
 * to the view, and copies the painted frame to the screen. Document text
 * reaches the terminal only as frame cells or strings the core has made
 * safe (decoded glyphs, sanitised names and titles).
 *
 * Screen: the sidebar (outline) on the left when shown, the text area to
 * its right, and a one-line status bar at the bottom.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"
#include "frame.h"
#include "glossary.h"
#include "keys.h"
#include "pager.h"
#include "search.h"
#include "sindex.h"
#include "state.h"
#include "term.h"
#include "tone.h"
#include "utf8.h"
#include "view.h"

#define MIN_ROWS 5
#define MIN_COLS 20
#define SIDEBAR_MIN_TERM 80    /* terminal columns below which it hides */
#define SIDEBAR_COLS 28        /* its width, border included */
#define PROMPT_MAX 256         /* bytes of a search query */
#define INDEX_STEP (64u << 10) /* bytes indexed between keystrokes */
#define INDEX_DRAW_EVERY 64    /* index steps between redraws */
#define NMARKS 26
#define SECTION_LOOKBACK (1u << 20) /* bytes read back for a title */
#define NO_OFF ((size_t)-1)

/* Box drawing (U+2500 block): the sidebar's border, the gloss's box. */
#define HLINE L'\x2500'
#define VLINE L'\x2502'
#define ULCORNER L'\x250c'
#define URCORNER L'\x2510'
#define LLCORNER L'\x2514'
#define LRCORNER L'\x2518'

struct pager {
	struct doc *doc;
	const struct pager_opts *opts;
	struct view *view;
	struct frame *frame;
	struct sindex *ix;
	int rows, cols; /* the terminal */
	int text_x;     /* first column of the text area */
	int text_rows, text_cols;
	int too_small;
	int cap_said; /* the --max-pipe notice has been shown */
	/* The file by its name: the one read (dev, ino), what was said of
	 * it (0, or 'd' deleted, 'r' replaced), when it was last looked at. */
	dev_t file_dev;
	ino_t file_ino;
	int file_said;
	struct timespec file_seen;
	int help;         /* the help screen is up */
	size_t help_top;  /* first help line shown */
	int sidebar_want; /* the user wants the sidebar */
	int sidebar;      /* it is shown (wanted and room for it) */
	int focus_side;   /* keys go to the sidebar */
	size_t side_sel;  /* selected entry */
	size_t side_top;  /* first entry drawn */
	int side_tail;    /* selection: the last section, found from the end */
	size_t tail_off;  /* its heading's first byte */
	char tail_title[256];
	size_t cur;   /* popup cursor: source byte, or NO_OFF */
	int want_col; /* popup cursor: column kept on up/down */
	long count;   /* numeric prefix being typed, or -1 */
	int pending;  /* 'm' or '\'' waiting for a letter */
	size_t marks[NMARKS];
	size_t last_jump; /* position before the last jump ('') */
	struct search *srch;
	int srch_dir;     /* 1 forward, -1 backward */
	size_t match_off; /* the current match, or NO_OFF */
	char name[256];   /* sanitised file name */
	char title[256];  /* section_title() for top offset title_for */
	size_t title_for;
	char msg[256];    /* a one-off message for the status bar */
	size_t flag_off;  /* the flagged annotation F went to, or NO_OFF */
	int gloss_all;    /* the gloss shows every sense (i) */
	int all_readings; /* known characters keep their readings (A) */
	enum reading_style style; /* R */
	int colors;               /* readings in tone colours */
	uint32_t gl_cp; /* the character being counted for the gloss */
	size_t gl_off;  /* counted up to this byte */
	size_t gl_n;    /* occurrences so far */
};

/* ----- drawing ----------------------------------------------------- */

/*
 * Tone colours, as learner tools draw them (tones 1..5, 5 = neutral; -1
 * the terminal's own colour). Colour pairs 1..5 are the tones'.
 */
const char *const pager_tone_schemes[] = {
        "none", "pleco", "mdbg", "hanping", NULL};
static const short tone_fg[][5] = {
        {-1, -1, -1, -1, -1},
        {COLOR_RED, COLOR_GREEN, COLOR_BLUE, COLOR_MAGENTA, -1}, /* pleco */
        {COLOR_RED, COLOR_YELLOW, COLOR_GREEN, COLOR_BLUE, -1},  /* mdbg */
        {COLOR_BLUE, COLOR_GREEN, COLOR_YELLOW, COLOR_RED, -1},  /* hanping */
};

/*
 * Set up the colour pairs of scheme `k`: only when the terminal has
 * colours and NO_COLOR (no-color.org) is unset or empty. Returns whether
 * readings are coloured.
 */
static int
tone_colors_start(int k)
{
	const char *nc = getenv("NO_COLOR");
	short t;

	if (k <= 0 || (nc != NULL && nc[0] != '\0') || !has_colors() ||
	        COLORS < 8 || COLOR_PAIRS < 6)
		return 0;
	for (t = 0; t < 5; t++)
		if (init_pair((short)(t + 1), tone_fg[k][t], -1) == ERR)
			return 0;
	return 1;
}

static int
cell_attr(const struct fcell *c, enum ruby_mode mode, int colors)
{
	int a = A_NORMAL;

	switch (c->role) {
	case ROLE_READING:
		/* In colour a reading needs no dimming, except a guess. */
		if (colors && c->tone >= 1 && c->tone <= 5)
			a = (int)COLOR_PAIR(c->tone);
		else
			a = A_DIM;
		/* A guessed tone is dimmer still: dim and italic. */
		if (c->flags & FCELL_GUESS)
			a |= A_DIM | A_ITALIC;
		break;
	case ROLE_PLACEHOLDER:
		a = A_STANDOUT;
		break;
	case ROLE_RUBY_BASE:
		a = mode == RUBY_POPUP ? A_UNDERLINE : A_NORMAL;
		break;
	case ROLE_CLIPPED:
		a = A_BOLD;
		break;
	}
	if (c->flags & FCELL_MATCH)
		a |= A_REVERSE;
	if (c->flags & FCELL_CURSOR)
		a = (a & ~A_REVERSE) | A_REVERSE | A_BOLD;
	return a;
}

/*
 * n cells of a line-drawing character (U+2500-U+257F) from (y, x) in the
 * current attributes. The terminal speaks UTF-8 (utf8_locale()), so the
 * character itself goes out, not ncurses's ACS_VLINE and the like. Where
 * the terminal's description does not say it takes Unicode for them (no
 * U8, as in xterm's), those switch to the alternate character set and
 * back around every cell: terminals that ignore the switch in UTF-8 show
 * "x" and "lqqk" (pyte does, and the text of a tmux pane holds them;
 * ncurses's NCURSES_NO_UTF8_ACS is for such terminals), and the switches
 * were a sixth of a first screen's attribute changes.
 */
static void
put_line(int y, int x, wchar_t wc, int n)
{
	const wchar_t s[2] = {wc, L'\0'};
	attr_t a = getattrs(stdscr);
	cchar_t cc;

	if (setcchar(&cc, s, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL) == OK)
		mvhline_set(y, x, &cc, n);
}

/*
 * One cell's text (safe UTF-8: a character and its marks, or a
 * placeholder such as <E2>) at (y, x): a character goes in as a cchar_t,
 * which spares ncurses decoding it again byte by byte.
 */
static void
put_cell(int y, int x, const char *s, size_t len, attr_t a)
{
	wchar_t wc[CCHARW_MAX + 1];
	cchar_t cc;
	size_t i = 0, n = 0;
	uint32_t cp;
	int k;

	while (i < len && n < CCHARW_MAX) {
		k = utf8_next(s + i, len - i, &cp);
		if (k <= 0 || (n > 0 && utf8_cp_cols(cp, 1) != 0))
			break; /* a placeholder: more than one character */
		wc[n++] = (wchar_t)cp;
		i += (size_t)k;
	}
	wc[n] = L'\0';
	if (i == len && n > 0 &&
	        setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL) ==
	                OK) {
		mvadd_wch(y, x, &cc);
		return;
	}
	attrset(a);
	mvaddnstr(y, x, s, (int)len);
	attrset(A_NORMAL);
}

/*
 * What a blank between two drawn cells of a row keeps of the attributes of
 * the cell before it: all that shows nothing on a space.
 */
#define GAP_ATTRS (A_COLOR | A_DIM | A_ITALIC | A_BOLD)

/*
 * Copy frame f to the screen at (y, x). The blanks between two drawn
 * cells of a row take the colour (and the dim or italic) of the cell
 * before them: they look the same, and the terminal is sent a row of
 * readings as one run per colour instead of a colour on and off and a
 * cursor movement around each reading (the first screen went out in
 * 6.6 KB instead of 7.9, its refresh took 2.8M instructions, not 3.3M).
 */
static void
blit_frame(const struct frame *f, int y, int x, enum ruby_mode mode, int colors)
{
	const struct fcell *c;
	attr_t a, gap;
	int r, col, from;

	for (r = 0; r < f->rows; r++) {
		move(y + r, x);
		if (f->row_flags[r] & FRAME_ROW_EOF) {
			attrset(A_DIM);
			addch('~');
			attrset(A_NORMAL);
			continue;
		}
		gap = A_NORMAL;
		from = -1;
		for (col = 0; col < f->cols; col++) {
			c = &f->cells[(size_t)r * (size_t)f->cols +
			        (size_t)col];
			if (c->cols == 0)
				continue;
			if (c->len == 0) {
				if (from < 0)
					from = col;
				continue;
			}
			if (from >= 0 && gap != A_NORMAL)
				mvchgat(y + r, x + from, col - from,
				        gap & ~A_COLOR, (short)PAIR_NUMBER(gap),
				        NULL);
			from = -1;
			a = (attr_t)cell_attr(c, mode, colors);
			put_cell(y + r, x + col, frame_text(f, c), c->len, a);
			gap = a & GAP_ATTRS;
		}
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

	if (maxcols <= 0)
		return 0;
	w = utf8_fit(s, strlen(s), maxcols, 1, buf, sizeof(buf));
	mvaddstr(y, x, buf);
	return w;
}

/* The index entry of the section on top (NO_OFF: none, or not indexed). */
static size_t
current_section(struct pager *pg)
{
	size_t top = view_top_off(pg->view);

	if (top >= sindex_scanned(pg->ix) && !sindex_complete(pg->ix))
		return NO_OFF;
	return sindex_find(pg->ix, top);
}

/* The title of the section on top, read back from it if need be. */
static const char *
section_title(struct pager *pg)
{
	size_t top = view_top_off(pg->view), off;

	if (pg->title_for != top) {
		pg->title_for = top;
		if (!sindex_section_at(pg->ix, top, SECTION_LOOKBACK, &off,
		            pg->title, sizeof(pg->title)))
			pg->title[0] = '\0';
	}
	return pg->title;
}

static void
draw_status(struct pager *pg)
{
	char right[160], left[600];
	size_t size = doc_size(pg->doc);
	int y = pg->rows - 1, rw, pct = 0, x;

	if (size == 0) {
		snprintf(right, sizeof(right), " empty  %s  h:help ",
		        mode_name(view_mode(pg->view)));
	} else {
		pct = view_at_end(pg->view)
		        ? 100
		        : (int)((double)view_bottom_off(pg->view) * 100.0 /
		                  (double)size);
		if (pct > 100)
			pct = 100;
		snprintf(right, sizeof(right), " %s%s%s%3d%%  %s  h:help ",
		        pg->opts->format ? pg->opts->format : "",
		        pg->opts->format ? "  " : "",
		        !source_complete(doc_source(pg->doc)) ? "reading "
		                : sindex_complete(pg->ix)     ? ""
		                                              : "indexing ",
		        pct, mode_name(view_mode(pg->view)));
	}
	rw = utf8_str_cols(right, strlen(right), 1);
	if (rw > pg->cols - 10 && size > 0) {
		/* Narrow terminal: the percentage alone. */
		snprintf(right, sizeof(right), " %3d%% ", pct);
		rw = utf8_str_cols(right, strlen(right), 1);
	}
	attrset(A_REVERSE);
	for (x = 0; x < pg->cols; x++)
		mvaddch(y, x, ' ');
	if (pg->msg[0] != '\0') {
		put_fit(y, 1, pg->msg, pg->cols - rw - 2);
	} else {
		if (section_title(pg)[0] != '\0')
			snprintf(left, sizeof(left), "%s \xc2\xb7 %s", pg->name,
			        pg->title);
		else
			snprintf(left, sizeof(left), "%s", pg->name);
		put_fit(y, 1, left, pg->cols - rw - 2);
	}
	if (rw <= pg->cols)
		mvaddstr(y, pg->cols - rw, right);
	attrset(A_NORMAL);
}

static void
draw_sidebar(struct pager *pg)
{
	size_t n = sindex_count(pg->ix), cur = current_section(pg), i;
	int w = SIDEBAR_COLS - 1, rows = pg->text_rows, r;

	if (pg->side_tail && sindex_complete(pg->ix)) {
		/* The index got there: the tail is an ordinary entry now. */
		pg->side_tail = 0;
		pg->side_sel = sindex_find(pg->ix, pg->tail_off);
	}
	if (pg->side_tail && pg->focus_side && rows > 2) {
		/* Known entries, a gap, then the last section. */
		rows -= 2;
		pg->side_sel = n > 0 ? n - 1 : 0;
		attrset(A_DIM);
		put_line(rows, w, VLINE, 1);
		put_fit(rows, 1, "\xe2\x8b\xaf", w - 1);
		attrset(A_REVERSE);
		put_line(rows + 1, w, VLINE, 1);
		put_fit(rows + 1, 1, pg->tail_title, w - 1);
		attrset(A_NORMAL);
	}
	/* Keep the selection (or, unfocused, the current section) in view. */
	if (!pg->focus_side && cur != NO_OFF)
		pg->side_sel = cur;
	if (pg->side_sel >= n && n > 0)
		pg->side_sel = n - 1;
	if (pg->side_sel < pg->side_top)
		pg->side_top = pg->side_sel;
	if (pg->side_sel >= pg->side_top + (size_t)rows)
		pg->side_top = pg->side_sel - (size_t)rows + 1;
	for (r = 0; r < rows; r++) {
		i = pg->side_top + (size_t)r;
		attrset(A_NORMAL);
		put_line(r, w, VLINE, 1);
		if (i >= n) {
			if (i == 0 && r == 0)
				put_fit(r, 1,
				        sindex_complete(pg->ix)
				                ? "(no sections)"
				                : "(indexing…)",
				        w - 1);
			continue;
		}
		if (i == pg->side_sel && pg->focus_side && !pg->side_tail)
			attrset(A_REVERSE);
		else if (i == cur)
			attrset(A_BOLD);
		put_fit(r, 1, sindex_get(pg->ix, i)->title, w - 1);
	}
	attrset(A_NORMAL);
}

/* Lines of the help screen: one per command, from the key table. */
static size_t
help_line(size_t n, char *line, size_t size)
{
	char names[96];
	size_t i, j, k = 0;

	for (i = 0; i < keys_count; i++) {
		if (keys_table[i].help == NULL)
			continue;
		if (k++ != n)
			continue;
		names[0] = '\0';
		for (j = 0; j < keys_count; j++)
			if (keys_table[j].cmd == keys_table[i].cmd &&
			        keys_table[j].name != NULL) {
				if (names[0] != '\0')
					strncat(names, " ",
					        sizeof(names) - strlen(names) -
					                1);
				strncat(names, keys_table[j].name,
				        sizeof(names) - strlen(names) - 1);
			}
		snprintf(line, size, "  %-18s %s", names, keys_table[i].help);
		return 1;
	}
	return 0;
}

static size_t
help_count(void)
{
	char line[256];
	size_t n = 0;

	while (help_line(n, line, sizeof(line)))
		n++;
	return n;
}

static void
draw_help(struct pager *pg)
{
	char line[256];
	size_t n = help_count(), i;
	int y;

	if (pg->help_top + (size_t)(pg->rows - 2) > n)
		pg->help_top = n > (size_t)(pg->rows - 2)
		        ? n - (size_t)(pg->rows - 2)
		        : 0;
	attrset(A_REVERSE);
	for (y = 0; y < pg->cols; y++)
		mvaddch(0, y, ' ');
	put_fit(0, 1,
	        n > (size_t)(pg->rows - 2)
	                ? "rubi keys (q closes; j, k, Space, b scroll)"
	                : "rubi keys (q closes)",
	        pg->cols - 1);
	attrset(A_NORMAL);
	for (y = 2, i = pg->help_top;
	        y < pg->rows && help_line(i, line, sizeof(line)); y++, i++)
		put_fit(y, 0, line, pg->cols);
}

/* Flag the frame cells that show a search match. */
static void
mark_matches(struct pager *pg)
{
	struct match m[256];
	struct frame *f = pg->frame;
	const struct block *blk, *last = NULL;
	size_t i, n = 0, k, total = (size_t)f->rows * (size_t)f->cols;
	struct fcell *c;

	if (pg->srch == NULL)
		return;
	for (i = 0; i < total; i++) {
		c = &f->cells[i];
		if (c->src_off == NO_OFF || c->role == ROLE_READING)
			continue;
		blk = view_cached_block(pg->view, c->src_off);
		if (blk == NULL)
			continue;
		if (blk != last) {
			n = search_block(pg->srch, blk, m, 256);
			if (n > 256)
				n = 256;
			last = blk;
		}
		for (k = 0; k < n; k++)
			if (c->src_off >= m[k].off && c->src_off < m[k].end) {
				c->flags |= FCELL_MATCH;
				break;
			}
	}
}

/* The cell under the popup cursor, or NULL if it is not on screen. */
static struct fcell *
cursor_cell(struct pager *pg, int *row, int *col)
{
	struct frame *f = pg->frame;
	struct fcell *c;
	int r, x;

	if (pg->cur == NO_OFF)
		return NULL;
	for (r = 0; r < f->rows; r++)
		for (x = 0; x < f->cols; x++) {
			c = frame_cell(f, r, x);
			if (c->cols > 0 && c->len > 0 &&
			        c->src_off == pg->cur &&
			        c->role != ROLE_READING) {
				*row = r;
				*col = x;
				return c;
			}
		}
	return NULL;
}

/* The run holding source byte `off`, in a cached block. */
static const struct run *
run_at(struct pager *pg, size_t off, const struct block **bout)
{
	const struct block *blk = view_cached_block(pg->view, off);
	size_t r, g;

	if (blk == NULL)
		return NULL;
	*bout = blk;
	for (r = 0; r < blk->nruns; r++)
		for (g = blk->runs[r].g0; g < blk->runs[r].g1; g++)
			if (blk->span.off + blk->g[g].off == off)
				return &blk->runs[r];
	return NULL;
}

#define GLOSS_LINES 12              /* inner lines of the gloss box */
#define GLOSS_COUNT_STEP (4u << 20) /* bytes counted per redraw */

/* Append a gloss line (made safe to show) unless the box is full. */
static void
gloss_add(char lines[][256], int *n, const char *s, size_t len)
{
	if (*n < GLOSS_LINES)
		utf8_sanitize(s, len, lines[(*n)++], 256);
}

/*
 * How often cp occurs in the text: counted on from where the last draw
 * stopped, at most GLOSS_COUNT_STEP bytes per draw, so a huge file never
 * stalls a key press. Writes "N times in the text" or "≥N so far".
 */
static void
gloss_count(struct pager *pg, uint32_t cp, char *buf, size_t bufsize)
{
	struct source *src = doc_source(pg->doc);
	size_t avail;

	if (cp != pg->gl_cp) {
		pg->gl_cp = cp;
		pg->gl_off = 0;
		pg->gl_n = 0;
	}
	/* Only what has been read: a pipe is never waited for here. */
	avail = doc_size(pg->doc) - pg->gl_off;
	if (!source_complete(src))
		avail = avail > 3 ? avail - 3 : 0;
	if (avail > GLOSS_COUNT_STEP)
		avail = GLOSS_COUNT_STEP;
	if (avail > 0)
		glossary_count(pg->doc, cp, &pg->gl_off, avail, &pg->gl_n);
	if (pg->gl_off >= doc_size(pg->doc) && source_complete(src))
		snprintf(buf, bufsize, "%zu time%s in the text", pg->gl_n,
		        pg->gl_n == 1 ? "" : "s");
	else
		snprintf(buf, bufsize, "\xe2\x89\xa5%zu so far (counting)",
		        pg->gl_n);
}

/*
 * The lines of the gloss for the cell `c` under the cursor: the character;
 * the text's reading (tone-restored, "guess" when it is one); the other
 * readings Unihan has; the meaning (first sense, or every sense after i);
 * how often the character occurs. Returns how many.
 */
static int
gloss_lines(
        struct pager *pg, const struct fcell *c, char lines[][256], int *guess)
{
	const struct block *blk;
	const struct run *run = run_at(pg, pg->cur, &blk);
	const struct unihan *uh = pg->opts->uh;
	char buf[256], all[256], rd[64];
	const char *def, *semi;
	size_t len, k;
	uint32_t cp = 0;
	int n = 0;

	*guess = 0;
	gloss_add(lines, &n, frame_text(pg->frame, c), c->len);
	utf8_next(frame_text(pg->frame, c), c->len, &cp);
	rd[0] = '\0';
	if (run != NULL && (run->flags & RUN_RUBY)) {
		snprintf(rd, sizeof(rd), "%.*s", (int)run->rd_len,
		        blk->text + run->rd_off);
		*guess = (run->flags & RUN_GUESS) != 0;
		snprintf(
		        buf, sizeof(buf), "%s%s", rd, *guess ? " (guess)" : "");
		gloss_add(lines, &n, buf, strlen(buf));
	} else {
		gloss_add(lines, &n, "(no reading)", 12);
	}
	if (cp == 0 || !utf8_is_han(cp))
		return n;
	/* The table's readings other than the text's. */
	if (tone_readings_text(
	            uh, cp, pg->opts->prefer_hant, all, sizeof(all)) > 0) {
		char *tok, *save = NULL, other[256] = "";
		for (tok = strtok_r(all, " ", &save); tok != NULL;
		        tok = strtok_r(NULL, " ", &save))
			if (strcmp(tok, rd) != 0 &&
			        strlen(other) + strlen(tok) + 2 <
			                sizeof(other)) {
				strcat(other, other[0] ? " " : "");
				strcat(other, tok);
			}
		if (other[0]) {
			snprintf(buf, sizeof(buf), "%s: %s",
			        rd[0] ? "also" : "Unihan", other);
			gloss_add(lines, &n, buf, strlen(buf));
		}
	}
	/* The meaning: senses are separated by ';'. */
	def = unihan_definition(uh, cp, &len);
	while (def != NULL && len > 0) {
		semi = memchr(def, ';', len);
		k = semi != NULL ? (size_t)(semi - def) : len;
		if (!pg->gloss_all && semi != NULL) {
			snprintf(buf, sizeof(buf),
			        "%.*s; \xe2\x80\xa6 (i: all)", (int)k, def);
			gloss_add(lines, &n, buf, strlen(buf));
			break;
		}
		gloss_add(lines, &n, def, k);
		if (semi == NULL)
			break;
		len -= k + 1;
		def = semi + 1;
		while (len > 0 && *def == ' ') {
			def++;
			len--;
		}
	}
	gloss_count(pg, cp, buf, sizeof(buf));
	if (known_has(pg->opts->known, cp))
		strncat(buf, " \xc2\xb7 known", sizeof(buf) - strlen(buf) - 1);
	gloss_add(lines, &n, buf, strlen(buf));
	return n;
}

/* The gloss window next to the cursor: never over it, never off screen. */
static void
draw_popup(struct pager *pg, int crow, int ccol, const struct fcell *c)
{
	char lines[GLOSS_LINES][256];
	int nl, w = 0, h, y, x, i, lw, guess;

	nl = gloss_lines(pg, c, lines, &guess);
	for (i = 0; i < nl; i++) {
		lw = utf8_str_cols(lines[i], strlen(lines[i]), 1);
		if (lw > w)
			w = lw;
	}
	w += 4;
	h = nl + 2;
	if (w > pg->text_cols)
		w = pg->text_cols;
	/* Fewer lines rather than none, but always character and reading. */
	while (h > pg->text_rows - 1 && nl > 2) {
		nl--;
		h--;
	}
	if (h > pg->text_rows - 1 || w < 5)
		return; /* no room that leaves the cursor visible */
	/* Below the cursor if it fits, else above. */
	y = crow + 1;
	if (y + h > pg->text_rows)
		y = crow - h;
	if (y < 0)
		return;
	x = ccol - 1;
	if (x + w > pg->text_cols)
		x = pg->text_cols - w;
	if (x < 0)
		x = 0;
	x += pg->text_x;
	attrset(A_NORMAL);
	/* Blank the whole box first: a border cell over half of a wide
	 * character must not leave the other half (ncurses draws that
	 * badly), so the box always covers whole cells. */
	for (int r = 0; r < h; r++)
		mvhline(y + r, x, ' ', w);
	put_line(y, x, ULCORNER, 1);
	put_line(y, x + 1, HLINE, w - 2);
	put_line(y, x + w - 1, URCORNER, 1);
	put_line(y + h - 1, x, LLCORNER, 1);
	put_line(y + h - 1, x + 1, HLINE, w - 2);
	put_line(y + h - 1, x + w - 1, LRCORNER, 1);
	for (int r = 1; r < h - 1; r++) {
		put_line(y + r, x, VLINE, 1);
		mvhline(y + r, x + 1, ' ', w - 2);
		put_line(y + r, x + w - 1, VLINE, 1);
	}
	for (i = 0; i < nl; i++) {
		attrset(i == 0 ? A_BOLD : i == 1 && guess ? A_DIM : A_NORMAL);
		put_fit(y + 1 + i, x + 2, lines[i], w - 4);
	}
	attrset(A_NORMAL);
}

/* Fit the view and frame to the terminal's size. */
static int
layout_screen(struct pager *pg)
{
	getmaxyx(stdscr, pg->rows, pg->cols);
	pg->too_small = pg->rows < MIN_ROWS || pg->cols < MIN_COLS;
	if (pg->too_small)
		return 0;
	pg->sidebar = pg->sidebar_want && pg->cols >= SIDEBAR_MIN_TERM;
	if (!pg->sidebar)
		pg->focus_side = 0;
	pg->text_x = pg->sidebar ? SIDEBAR_COLS : 0;
	pg->text_rows = pg->rows - 1;
	pg->text_cols = pg->cols - pg->text_x;
	if (pg->frame == NULL || pg->frame->rows != pg->text_rows ||
	        pg->frame->cols != pg->text_cols) {
		frame_free(pg->frame);
		pg->frame = NULL;
		if (frame_new(pg->text_rows, pg->text_cols, &pg->frame) !=
		        STATUS_OK)
			return -1;
	}
	/* The anchor (a source byte) stays as it is: the top line is the
	 * one that holds it in the new layout, so no place is lost. */
	if (view_resize(pg->view, pg->text_rows, pg->text_cols) != STATUS_OK)
		return -1;
	return 0;
}

/* Popup mode: put the cursor on screen (first annotated cell if lost). */
static void
settle_cursor(struct pager *pg)
{
	struct frame *f = pg->frame;
	struct fcell *c, *first = NULL, *ruby = NULL;
	int r, x;

	if (view_mode(pg->view) != RUBY_POPUP)
		return;
	if (cursor_cell(pg, &r, &x) != NULL)
		return;
	for (r = 0; r < f->rows && ruby == NULL; r++)
		for (x = 0; x < f->cols; x++) {
			c = frame_cell(f, r, x);
			if (c->cols == 0 || c->len == 0 || c->src_off == NO_OFF)
				continue;
			if (first == NULL)
				first = c;
			if (c->role == ROLE_RUBY_BASE) {
				ruby = c;
				break;
			}
		}
	c = ruby != NULL ? ruby : first;
	pg->cur = c != NULL ? c->src_off : NO_OFF;
}

static int
draw(struct pager *pg)
{
	struct fcell *c;
	int r = 0, x = 0;

	erase();
	if (pg->too_small) {
		/* Not on a 1x1 screen: its only cell is the lower right corner,
		 * which ncurses 6.4 writes by looking at the cell before it
		 * (out of bounds there: valgrind sees the read). */
		if (pg->rows > 1 || pg->cols > 1)
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
	mark_matches(pg);
	settle_cursor(pg);
	c = view_mode(pg->view) == RUBY_POPUP ? cursor_cell(pg, &r, &x) : NULL;
	if (c != NULL)
		c->flags |= FCELL_CURSOR;
	blit_frame(pg->frame, 0, pg->text_x, view_mode(pg->view), pg->colors);
	if (pg->sidebar)
		draw_sidebar(pg);
	if (c != NULL)
		draw_popup(pg, r, x, c);
	draw_status(pg);
	refresh();
	return 0;
}

/* ----- commands ---------------------------------------------------- */

/* A one-off message for the status bar (made safe to show). */
static void
say(struct pager *pg, const char *text)
{
	utf8_sanitize(text, strlen(text), pg->msg, sizeof(pg->msg));
}

/* Remember where we were before a jump, for ''. */
static void
before_jump(struct pager *pg)
{
	pg->last_jump = view_top_off(pg->view);
}

static int
search_cancel(void *ctx)
{
	(void)ctx;
	return term_quit_signal == SIGINT;
}

static enum status read_to_end(struct pager *pg);

static enum status
run_search(struct pager *pg, int dir)
{
	struct match m;
	size_t from, total = 0, index = 0;
	enum status st;
	int cancelled = 0;
	char buf[64];

	if (pg->srch == NULL) {
		say(pg, "No previous search");
		return STATUS_OK;
	}
	/* A pipe is read to its end first (as for G; Ctrl-C stops that and
	 * the search looks through what has arrived). */
	if (!source_complete(doc_source(pg->doc)) &&
	        (st = read_to_end(pg)) != STATUS_OK)
		return st;
	from = pg->match_off != NO_OFF ? pg->match_off : view_top_off(pg->view);
	st = search_next(pg->srch, pg->doc, from, dir, search_cancel, NULL, &m,
	        &cancelled);
	if (cancelled) {
		term_quit_signal = 0;
		say(pg, "Search interrupted");
		return STATUS_OK;
	}
	if (st == STATUS_RANGE) {
		say(pg, "Pattern not found");
		return STATUS_OK;
	}
	if (st != STATUS_OK)
		return st;
	before_jump(pg);
	pg->match_off = m.off;
	pg->cur = m.off;
	st = view_goto(pg->view, m.off);
	if (st != STATUS_OK)
		return st;
	st = search_count(pg->srch, pg->doc, m.off, search_cancel, NULL, &total,
	        &index, &cancelled);
	if (cancelled) {
		term_quit_signal = 0;
		return STATUS_OK;
	}
	if (st == STATUS_OK && total > 0) {
		snprintf(buf, sizeof(buf), "match %zu/%zu", index, total);
		say(pg, buf);
	}
	return STATUS_OK;
}

#define FLAG_SCAN_MAX (8u << 20) /* bytes F looks through per press */

/*
 * F: go to the next annotation --check would report, and say why. From
 * the one it went to last while that is on screen, else from the top.
 */
static enum status
next_flag(struct pager *pg)
{
	size_t from, at, base, scanned;
	enum status st;
	char why[256];

	from = view_top_off(pg->view);
	if (pg->flag_off != NO_OFF && pg->flag_off >= from &&
	        pg->flag_off < view_bottom_off(pg->view))
		from = pg->flag_off + 1;
	st = check_next(pg->doc, from, FLAG_SCAN_MAX, pg->opts->uh,
	        pg->opts->prefer_hant, &at, &base, &scanned, why, sizeof(why));
	if (st == STATUS_RANGE) {
		if (scanned < doc_size(pg->doc)) {
			/* Go on from there with the next F. */
			before_jump(pg);
			pg->flag_off = NO_OFF;
			say(pg,
			        "No flagged annotation in the next 8 MB "
			        "(F looks further)");
			return view_goto(pg->view, scanned);
		}
		say(pg, "No more flagged annotations");
		return STATUS_OK;
	}
	if (st != STATUS_OK)
		return st;
	before_jump(pg);
	pg->flag_off = at;
	pg->cur = base;
	st = view_goto(pg->view, base);
	if (st == STATUS_OK)
		say(pg, why);
	return st;
}

static const char *const reading_style_names[] = {"Readings: tone marks",
        "Readings: tone numbers", "Readings: without tones",
        "Readings: zhuyin"};

/* Say that `key` works on the popup cursor. Returns STATUS_OK. */
static enum status
say_popup_only(struct pager *pg, int key)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%c works in popup mode (r)", key);
	say(pg, buf);
	return STATUS_OK;
}

/*
 * K: mark the character under the popup cursor known, or unmark it, and
 * save the change (a read-merge-write of the state file, so another rubi
 * marking other characters loses nothing).
 */
static enum status
toggle_known(struct pager *pg)
{
	struct known *k = pg->opts->known;
	const struct block *blk;
	struct state *st;
	char buf[128], ch[5];
	uint32_t cp;
	size_t g;
	int on, n;

	blk = pg->cur == NO_OFF ? NULL : view_cached_block(pg->view, pg->cur);
	if (blk == NULL || k == NULL)
		return STATUS_OK;
	for (g = 0; g < blk->ng; g++)
		if (blk->span.off + blk->g[g].off == pg->cur)
			break;
	if (g == blk->ng || !utf8_is_han(cp = blk->g[g].cp)) {
		say(pg, "Not a Han character");
		return STATUS_OK;
	}
	on = !known_has(k, cp);
	if (known_set(k, cp, on) != STATUS_OK)
		return STATUS_NOMEM;
	view_set_known(pg->view, pg->all_readings ? NULL : k);
	n = utf8_encode(cp, ch);
	ch[n] = '\0';
	snprintf(buf, sizeof(buf),
	        on ? "%s marked known" : "%s no longer known", ch);
	if (pg->opts->known_state != NULL) {
		if (state_new(&st) != STATUS_OK)
			return STATUS_NOMEM;
		if (state_known_set(st, cp, on) == STATUS_OK &&
		        state_save(pg->opts->known_state, st, NULL) !=
		                STATUS_OK)
			snprintf(buf, sizeof(buf), "%s: not saved (%s)", ch,
			        strerror(errno));
		state_free(st);
	}
	say(pg, buf);
	return STATUS_OK;
}

/*
 * After an ESC key: read and drop the rest of an escape sequence that is
 * already waiting, such as a terminal's late reply to some query
 * (ESC [ ? 6 2 ; c, or ESC P > | xterm ESC \), so that none of its
 * characters is taken for a command (the CVE-2022-46663 loop; an 'r' or
 * 'm' in a reply would otherwise act). A user's Esc has nothing after it
 * and drops nothing. Bounded: at most 4096 characters.
 */
static void
drain_escape(void)
{
	enum { AFTER_ESC, CSI, STRING, STRING_ESC } state = AFTER_ESC;
	wint_t ch;
	int k, n;

	wtimeout(stdscr, 0);
	for (n = 0; n < 4096; n++) {
		k = get_wch(&ch);
		if (k == ERR)
			break;
		if (k == KEY_CODE_YES) {
			ungetch((int)ch); /* a real key (resize): keep it */
			break;
		}
		if (state == AFTER_ESC && ch == '[') {
			state = CSI;
		} else if (state == AFTER_ESC &&
		        (ch == ']' || ch == 'P' || ch == '_' || ch == '^' ||
		                ch == 'X')) {
			state = STRING; /* OSC, DCS, APC, PM, SOS: up to ST */
		} else if (state == AFTER_ESC) {
			break; /* ESC and one character (Alt+key) */
		} else if (state == CSI) {
			if (ch >= 0x40 && ch <= 0x7e)
				break; /* the final byte */
		} else if (state == STRING) {
			if (ch == 7)
				break;
			if (ch == 27)
				state = STRING_ESC;
		} else if (ch == '\\') {
			break; /* ST */
		} else {
			state = STRING;
		}
	}
	wtimeout(stdscr, 250);
}

/* Read a line on the status bar; returns 0 on Enter, -1 on Esc. */
static int
prompt(struct pager *pg, const char *lead, char *buf, size_t bufsize)
{
	char shown[PROMPT_MAX * 4 + 16], enc[4];
	size_t len = 0;
	int k, n;
	wint_t ch;

	buf[0] = '\0';
	curs_set(1);
	for (;;) {
		utf8_sanitize(buf, len, shown, sizeof(shown));
		attrset(A_NORMAL);
		move(pg->rows - 1, 0);
		clrtoeol();
		mvaddstr(pg->rows - 1, 0, lead);
		put_fit(pg->rows - 1, 1, shown, pg->cols - 2);
		refresh();
		k = get_wch(&ch);
		if (term_quit_signal) {
			if (term_quit_signal == SIGINT)
				term_quit_signal = 0;
			curs_set(0);
			return -1;
		}
		if (k == ERR)
			continue;
		if (k == KEY_CODE_YES) {
			if (ch == KEY_BACKSPACE && len > 0) {
				while (len > 0 &&
				        ((unsigned char)buf[--len] & 0xc0) ==
				                0x80)
					;
			} else if (ch == KEY_ENTER) {
				break;
			}
			buf[len] = '\0';
			continue;
		}
		if (ch == 27) {
			drain_escape();
			curs_set(0);
			return -1;
		}
		if (ch == '\n' || ch == '\r')
			break;
		if (ch == 127 || ch == 8) {
			if (len == 0) {
				curs_set(0);
				return -1;
			}
			while (len > 0 &&
			        ((unsigned char)buf[--len] & 0xc0) == 0x80)
				;
			buf[len] = '\0';
			continue;
		}
		if (ch == 21) { /* ^U */
			len = 0;
			buf[0] = '\0';
			continue;
		}
		if (ch < 0x20)
			continue;
		n = utf8_encode((uint32_t)ch, enc);
		if (n > 0 && len + (size_t)n < bufsize) {
			memcpy(buf + len, enc, (size_t)n);
			len += (size_t)n;
			buf[len] = '\0';
		}
	}
	curs_set(0);
	return 0;
}

static enum status
start_search(struct pager *pg, int dir)
{
	char q[PROMPT_MAX];
	struct search *s;
	enum status st;

	if (prompt(pg, dir > 0 ? "/" : "?", q, sizeof(q)) != 0)
		return STATUS_OK;
	if (q[0] == '\0') {
		if (pg->srch == NULL)
			return STATUS_OK;
	} else {
		st = search_new(q, strlen(q), &s);
		if (st == STATUS_RANGE) {
			say(pg, "Empty search");
			return STATUS_OK;
		}
		if (st != STATUS_OK)
			return st;
		search_free(pg->srch);
		pg->srch = s;
	}
	pg->srch_dir = dir;
	pg->match_off = NO_OFF;
	return run_search(pg, dir);
}

/*
 * Wait for more of a pipe, for a command that needs it (G, the last
 * section): 0 when there may be more to read, -1 when Ctrl-C (or another
 * signal) stopped the wait, which is then said.
 */
static int
pipe_wait(struct pager *pg)
{
	if (source_wait(doc_source(pg->doc), 100) == -1 && errno != EINTR)
		return -1;
	if (term_quit_signal == SIGINT) {
		term_quit_signal = 0;
		say(pg, "Interrupted: not all of the input has been read");
		return -1;
	}
	return term_quit_signal ? -1 : 0;
}

/* Index until section i is known or the index is complete. */
static enum status
index_until(struct pager *pg, size_t i)
{
	enum status st = STATUS_OK;

	while (sindex_count(pg->ix) <= i && !sindex_complete(pg->ix) &&
	        st == STATUS_OK) {
		st = sindex_step(pg->ix, INDEX_STEP);
		if (st == STATUS_OK && sindex_waiting(pg->ix) &&
		        pipe_wait(pg) != 0)
			break;
	}
	return st;
}

static enum status
goto_section(struct pager *pg, size_t i)
{
	const struct section *s = sindex_get(pg->ix, i);

	if (s == NULL)
		return STATUS_OK;
	before_jump(pg);
	pg->cur = NO_OFF;
	return view_goto(pg->view, s->off);
}

/*
 * The file changed under us (rewritten, cut short or grown): start the
 * section index again, forget what was laid out and where the cursor and
 * the match were, keep the place as far as the file still reaches, and
 * say so.
 */
static enum status
file_changed(struct pager *pg)
{
	struct sindex *ix;
	char note[96];

	if (sindex_new(pg->doc, &ix) != STATUS_OK)
		return STATUS_NOMEM;
	sindex_free(pg->ix);
	pg->ix = ix;
	pg->side_sel = pg->side_top = 0;
	pg->side_tail = 0;
	pg->cur = pg->match_off = pg->title_for = NO_OFF;
	snprintf(note, sizeof(note), "The file changed: read again (%zu bytes)",
	        doc_size(pg->doc));
	say(pg, note);
	return view_reload(pg->view);
}

/* Remember which file `path` names now (after opening or reading it). */
static void
file_remember(struct pager *pg)
{
	struct stat sb;

	pg->file_said = 0;
	if (pg->opts->path != NULL && stat(pg->opts->path, &sb) == 0) {
		pg->file_dev = sb.st_dev;
		pg->file_ino = sb.st_ino;
	}
}

/*
 * Every 250 ms: is the file's name gone (deleted) or on another file
 * (replaced by a rename, as editors and downloads do)? The open file is
 * still read; the status bar says so once, and E reads the new one.
 */
static int
file_watch(struct pager *pg)
{
	struct timespec now;
	struct stat sb;
	int said;

	if (pg->opts->path == NULL)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - pg->file_seen.tv_sec) * 1000L +
	                (now.tv_nsec - pg->file_seen.tv_nsec) / 1000000L <
	        250)
		return 0;
	pg->file_seen = now;
	if (stat(pg->opts->path, &sb) != 0)
		said = errno == ENOENT ? 'd' : 0;
	else
		said = sb.st_dev != pg->file_dev || sb.st_ino != pg->file_ino
		        ? 'r'
		        : 0;
	if (said == 0 || said == pg->file_said) {
		if (said == 0)
			pg->file_said = 0;
		return 0;
	}
	pg->file_said = said;
	say(pg,
	        said == 'd' ? "File deleted: still shown as it was"
	                    : "File replaced: E reads it");
	return 1;
}

/* E: read the file again by its name, keeping the place. */
static enum status
file_reopen(struct pager *pg)
{
	struct source *src;
	char msg[200];

	if (pg->opts->reopen == NULL) {
		say(pg, "A pipe cannot be read again");
		return STATUS_OK;
	}
	if (pg->opts->reopen(pg->opts->reopen_ctx, &src, msg, sizeof(msg)) !=
	        0) {
		say(pg, msg);
		return STATUS_OK;
	}
	doc_set_source(pg->doc, src);
	file_remember(pg);
	return file_changed(pg);
}

/*
 * ] and [: the next heading after the top line, or the heading of the
 * section on top (the one before it when that heading is the top line).
 * Both are read from the document around the top where the index has not
 * reached, so they cost the distance to the heading, not to the index.
 */
static enum status
section_step(struct pager *pg, int dir)
{
	size_t top = view_top_off(pg->view), off;
	char title[8];
	int found;

	if (dir > 0) {
		found = sindex_section_after(
		        pg->ix, top, &off, title, sizeof(title));
	} else {
		found = sindex_section_at(
		        pg->ix, top, SIZE_MAX, &off, title, sizeof(title));
		if (found && off >= top)
			found = off > 0 &&
			        sindex_section_at(pg->ix, off - 1, SIZE_MAX,
			                &off, title, sizeof(title));
	}
	if (!found) {
		say(pg, dir > 0 ? "No next section" : "No previous section");
		return STATUS_OK;
	}
	before_jump(pg);
	pg->cur = NO_OFF;
	return view_goto(pg->view, off);
}

/* Popup cursor moves, in screen terms. */
static enum status
cursor_move(struct pager *pg, int dr, int dc, int ruby_only)
{
	struct frame *f = pg->frame;
	struct fcell *c;
	int r, x, tries;
	enum status st;

	if (cursor_cell(pg, &r, &x) == NULL) {
		settle_cursor(pg);
		return STATUS_OK;
	}
	if (dr == 0 && dc != 0)
		pg->want_col = -1;
	if (pg->want_col < 0 || dc != 0)
		pg->want_col = x;
	for (tries = 0; tries < 4 * f->rows * f->cols + 4; tries++) {
		if (dc > 0) {
			x++;
			if (x >= f->cols) {
				x = 0;
				r++;
			}
		} else if (dc < 0) {
			x--;
			if (x < 0) {
				x = f->cols - 1;
				r--;
			}
		} else {
			r += dr;
			x = pg->want_col;
		}
		if (r >= f->rows || r < 0) {
			/* Scroll a line and look again from the edge. */
			st = view_scroll(pg->view, r < 0 ? -1 : 1);
			if (st != STATUS_OK)
				return st;
			st = view_paint(pg->view, f);
			if (st != STATUS_OK)
				return st;
			if (f->row_flags[r < 0 ? 0 : f->rows - 1] &
			        FRAME_ROW_EOF)
				return STATUS_OK;
			r = r < 0 ? 0 : f->rows - 1;
			if (dc > 0)
				x = 0;
			else if (dc < 0)
				x = f->cols - 1;
			if (tries > f->rows * f->cols)
				return STATUS_OK;
		}
		if (dr != 0 && dc == 0) {
			/* Nearest character on that row, at or left of x. */
			for (; x >= 0; x--) {
				c = frame_cell(f, r, x);
				if (c->cols > 0 && c->len > 0 &&
				        c->role != ROLE_READING &&
				        c->src_off != NO_OFF)
					break;
			}
			if (x < 0)
				continue;
		}
		c = frame_cell(f, r, x);
		if (c->cols == 0 || c->len == 0 || c->src_off == NO_OFF ||
		        c->role == ROLE_READING)
			continue;
		if (ruby_only && c->role != ROLE_RUBY_BASE)
			continue;
		pg->cur = c->src_off;
		return STATUS_OK;
	}
	return STATUS_OK;
}

/* A pipe: read it to its end (as less does for G), chunk by chunk. */
static enum status
read_to_end(struct pager *pg)
{
	struct source *src = doc_source(pg->doc);
	enum status st = STATUS_OK;

	if (!source_complete(src)) {
		/* This can take a while: say so (like less's "Waiting"). */
		say(pg, "Waiting for the input (Ctrl-C stops)");
		(void)draw(pg);
		pg->msg[0] = '\0';
	}
	while (st == STATUS_OK && !source_complete(src)) {
		st = source_read_more(src);
		if (st == STATUS_OK && !source_complete(src) &&
		        pipe_wait(pg) != 0)
			break;
	}
	return st;
}

static enum status
goto_percent(struct pager *pg, long pct)
{
	size_t size = doc_size(pg->doc);

	if (pct < 0)
		pct = 0;
	if (pct > 100)
		pct = 100;
	before_jump(pg);
	pg->cur = NO_OFF;
	if (pct == 100)
		return view_end(pg->view);
	return view_goto(
	        pg->view, (size_t)((double)size * (double)pct / 100.0));
}

static enum status
sidebar_cmd(struct pager *pg, enum cmd cmd, int *handled)
{
	size_t n = sindex_count(pg->ix);
	enum status st;

	*handled = 1;
	switch (cmd) {
	case CMD_LINE_DOWN:
	case CMD_DOWN:
		st = index_until(pg, pg->side_sel + 1);
		if (st != STATUS_OK)
			return st;
		if (pg->side_sel + 1 < sindex_count(pg->ix))
			pg->side_sel++;
		return STATUS_OK;
	case CMD_LINE_UP:
	case CMD_UP:
		if (pg->side_tail)
			pg->side_tail = 0; /* back to the last known entry */
		else if (pg->side_sel > 0)
			pg->side_sel--;
		return STATUS_OK;
	case CMD_TOP:
		pg->side_tail = 0;
		pg->side_sel = 0;
		return STATUS_OK;
	case CMD_BOTTOM:
		/* Not indexed that far yet: find the last section from the
		 * end of the document instead of indexing all of it. */
		if (!sindex_complete(pg->ix) &&
		        sindex_section_at(pg->ix, doc_size(pg->doc),
		                SECTION_LOOKBACK, &pg->tail_off, pg->tail_title,
		                sizeof(pg->tail_title)) &&
		        pg->tail_off >= sindex_scanned(pg->ix)) {
			pg->side_tail = 1;
			return STATUS_OK;
		}
		st = index_until(pg, (size_t)-2);
		if (st != STATUS_OK)
			return st;
		n = sindex_count(pg->ix);
		pg->side_sel = n > 0 ? n - 1 : 0;
		return STATUS_OK;
	case CMD_ENTER:
		if (pg->side_tail) {
			before_jump(pg);
			pg->cur = NO_OFF;
			return view_goto(pg->view, pg->tail_off);
		}
		return goto_section(pg, pg->side_sel);
	default:
		break;
	}
	*handled = 0;
	return STATUS_OK;
}

static void
cycle_mode(struct pager *pg)
{
	struct view *v = pg->view;

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
}

static enum status
apply(struct pager *pg, enum cmd cmd, long count, int *quit)
{
	struct view *v = pg->view;
	int page = view_page_lines(v), handled;
	int popup = view_mode(v) == RUBY_POPUP;
	long n = count > 0 ? count : 1;
	enum status st;

	if (pg->focus_side && pg->sidebar) {
		st = sidebar_cmd(pg, cmd, &handled);
		if (handled || st != STATUS_OK)
			return st;
	}
	switch (cmd) {
	case CMD_NONE:
		break;
	case CMD_QUIT:
		*quit = 1;
		break;
	case CMD_DOWN:
		if (popup)
			return cursor_move(pg, 1, 0, 0);
		return view_scroll(v, n);
	case CMD_UP:
		if (popup)
			return cursor_move(pg, -1, 0, 0);
		return view_scroll(v, -n);
	case CMD_LEFT:
		return popup ? cursor_move(pg, 0, -1, 0) : STATUS_OK;
	case CMD_RIGHT:
		return popup ? cursor_move(pg, 0, 1, 0) : STATUS_OK;
	case CMD_NEXT_RUBY:
		return popup ? cursor_move(pg, 0, 1, 1) : STATUS_OK;
	case CMD_PREV_RUBY:
		return popup ? cursor_move(pg, 0, -1, 1) : STATUS_OK;
	case CMD_ENTER:
	case CMD_LINE_DOWN:
		return view_scroll(v, n);
	case CMD_LINE_UP:
		return view_scroll(v, -n);
	case CMD_PAGE_DOWN:
		return view_scroll(v, n * page);
	case CMD_PAGE_UP:
		return view_scroll(v, -n * page);
	case CMD_HALF_DOWN:
		return view_scroll(v, page / 2 > 0 ? page / 2 : 1);
	case CMD_HALF_UP:
		return view_scroll(v, -(page / 2 > 0 ? page / 2 : 1));
	case CMD_TOP:
		before_jump(pg);
		pg->cur = NO_OFF;
		return view_home(v);
	case CMD_BOTTOM:
		before_jump(pg);
		pg->cur = NO_OFF;
		st = read_to_end(pg);
		if (st != STATUS_OK)
			return st;
		return view_end(v);
	case CMD_PERCENT:
		return goto_percent(pg, count < 0 ? 0 : count);
	case CMD_SEARCH_FWD:
		return start_search(pg, 1);
	case CMD_SEARCH_BACK:
		return start_search(pg, -1);
	case CMD_SEARCH_NEXT:
		return run_search(pg, pg->srch_dir);
	case CMD_SEARCH_PREV:
		return run_search(pg, -pg->srch_dir);
	case CMD_MARK:
	case CMD_GOTO_MARK:
		pg->pending = cmd == CMD_MARK ? 'm' : '\'';
		say(pg,
		        cmd == CMD_MARK ? "mark: type a letter"
		                        : "go to mark: type a letter (' for "
		                          "the last position)");
		break;
	case CMD_CYCLE_RUBY:
		cycle_mode(pg); /* the anchor stays */
		break;
	case CMD_SIDEBAR:
		pg->sidebar_want = !pg->sidebar_want;
		if (pg->sidebar_want && pg->cols < SIDEBAR_MIN_TERM)
			say(pg, "The sidebar needs 80 columns");
		return layout_screen(pg) == 0 ? STATUS_OK : STATUS_NOMEM;
	case CMD_FOCUS:
		if (pg->sidebar) {
			pg->focus_side = !pg->focus_side;
			pg->side_tail = 0;
		} else
			say(pg, "No sidebar (s shows it)");
		break;
	case CMD_SECTION_NEXT:
		return section_step(pg, 1);
	case CMD_SECTION_PREV:
		return section_step(pg, -1);
	case CMD_REDRAW:
		clearok(curscr, TRUE);
		break;
	case CMD_HELP:
		pg->help = 1;
		pg->help_top = 0;
		break;
	case CMD_NEXT_FLAG:
		return next_flag(pg);
	case CMD_KNOWN:
		return popup ? toggle_known(pg) : say_popup_only(pg, 'K');
	case CMD_ALL_READINGS:
		pg->all_readings = !pg->all_readings;
		view_set_known(v, pg->all_readings ? NULL : pg->opts->known);
		say(pg,
		        pg->all_readings ? "All readings shown (A: hide known)"
		                         : "Known characters without readings");
		break;
	case CMD_REOPEN:
		return file_reopen(pg);
	case CMD_READING_STYLE:
		pg->style = (pg->style + 1) % 4;
		view_set_style(v, pg->style);
		say(pg, reading_style_names[pg->style]);
		break;
	case CMD_GLOSS_ALL:
		if (!popup)
			say_popup_only(pg, 'i');
		pg->gloss_all = !pg->gloss_all;
		break;
	}
	return STATUS_OK;
}

static enum status
finish_mark(struct pager *pg, wint_t ch)
{
	int kind = pg->pending;
	size_t off;

	pg->pending = 0;
	pg->msg[0] = '\0';
	if (kind == '\'' && ch == '\'') {
		off = pg->last_jump;
		before_jump(pg);
		return view_goto(pg->view, off);
	}
	if (ch < 'a' || ch > 'z') {
		say(pg, "Marks are the letters a to z");
		return STATUS_OK;
	}
	if (kind == 'm') {
		pg->marks[ch - 'a'] = view_top_off(pg->view);
		return STATUS_OK;
	}
	off = pg->marks[ch - 'a'];
	if (off == NO_OFF) {
		say(pg, "Mark not set");
		return STATUS_OK;
	}
	before_jump(pg);
	pg->cur = NO_OFF;
	return view_goto(pg->view, off);
}

static enum status
mouse(struct pager *pg)
{
	MEVENT ev;
	struct fcell *c;
	size_t i;
	int x;

	if (getmouse(&ev) != OK)
		return STATUS_OK;
	if (ev.bstate & BUTTON4_PRESSED)
		return view_scroll(pg->view, -3);
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED)
		return view_scroll(pg->view, 3);
#endif
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return STATUS_OK;
	if (pg->sidebar && ev.x < SIDEBAR_COLS - 1 && ev.y < pg->text_rows) {
		i = pg->side_top + (size_t)ev.y;
		if (i < sindex_count(pg->ix)) {
			pg->side_sel = i;
			return goto_section(pg, i);
		}
		return STATUS_OK;
	}
	if (view_mode(pg->view) != RUBY_POPUP || ev.y >= pg->text_rows ||
	        ev.x < pg->text_x)
		return STATUS_OK;
	for (x = ev.x - pg->text_x; x >= 0; x--) {
		c = frame_cell(pg->frame, ev.y, x);
		if (c->cols > 0) {
			if (c->len > 0 && c->src_off != NO_OFF &&
			        c->role != ROLE_READING)
				pg->cur = c->src_off;
			break;
		}
	}
	return STATUS_OK;
}

/* ----- saved position ---------------------------------------------- */

/* The file's record key, size and mtime; and, when head is not NULL, the
 * hash of its first bytes (reading them costs: only when needed). */
static int
state_key(struct pager *pg, char *key, size_t keysize, long long *size,
        long long *mtime, uint64_t *head)
{
	struct stat sb;

	if (!pg->opts->use_state || pg->opts->path == NULL)
		return -1;
	if (realpath(pg->opts->path, key) == NULL || strlen(key) >= keysize)
		return -1;
	if (stat(key, &sb) != 0 || !S_ISREG(sb.st_mode))
		return -1;
	*size = (long long)sb.st_size;
	*mtime = (long long)sb.st_mtime;
	if (head == NULL)
		return 0;
	return state_head_hash(key, head) == STATUS_OK ? 0 : -1;
}

static void
restore_state(struct pager *pg)
{
	char key[PATH_MAX], path[PATH_MAX];
	const struct state_rec *rec;
	struct state *st;
	long long size, mtime;
	uint64_t head;
	int i;

	if (state_key(pg, key, sizeof(key), &size, &mtime, NULL) != 0 ||
	        state_default_path(path, sizeof(path)) != STATUS_OK)
		return;
	if (state_load(path, &st) != STATUS_OK)
		return;
	rec = state_get(st, key);
	/* The same file as saved: size, mtime and (when the record has it,
	 * as all but an older rubi's do) the hash of its first bytes. */
	if (rec != NULL && rec->size == size && rec->mtime == mtime &&
	        (rec->head == 0 ||
	                (state_head_hash(key, &head) == STATUS_OK &&
	                        rec->head == head))) {
		for (i = 0; i < NMARKS; i++)
			pg->marks[i] = rec->marks[i] < (size_t)size
			        ? rec->marks[i]
			        : NO_OFF;
		if (rec->off < (size_t)size)
			view_goto(pg->view, rec->off);
	}
	state_free(st);
}

static void
save_state(struct pager *pg)
{
	char key[PATH_MAX], path[PATH_MAX];
	struct state_rec rec;
	struct state *st;
	long long size, mtime;
	uint64_t head;
	int i;

	if (state_key(pg, key, sizeof(key), &size, &mtime, &head) != 0 ||
	        state_default_path(path, sizeof(path)) != STATUS_OK)
		return;
	if (state_new(&st) != STATUS_OK)
		return;
	memset(&rec, 0, sizeof(rec));
	rec.off = view_top_off(pg->view);
	rec.size = size;
	rec.mtime = mtime;
	rec.head = head;
	for (i = 0; i < NMARKS; i++)
		rec.marks[i] = pg->marks[i];
	if (state_put(st, key, &rec) == STATUS_OK &&
	        state_save(path, st, key) != STATUS_OK)
		fprintf(stderr,
		        "rubi: cannot save the reading position: "
		        "%s\n",
		        strerror(errno));
	state_free(st);
}

/* ----- main loop --------------------------------------------------- */

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

static enum status
handle_key(struct pager *pg, int is_key, wint_t ch, int *quit)
{
	enum cmd cmd;
	long count;

	if (is_key == KEY_CODE_YES && ch == KEY_RESIZE) {
		/* All of it again: resizes that end at the size they started
		 * from reach ncurses as one with no change (KEY_RESIZE, no
		 * resizeterm), but the terminal may have cleared or moved
		 * lines on the way (a burst of resizes in tmux did). */
		clearok(curscr, TRUE);
		return layout_screen(pg) == 0 ? STATUS_OK : STATUS_NOMEM;
	}
	if (is_key == KEY_CODE_YES && ch == KEY_MOUSE)
		return pg->help || pg->too_small ? STATUS_OK : mouse(pg);
	if (is_key != KEY_CODE_YES && ch == 27)
		drain_escape();
	if (pg->help) {
		switch (keys_lookup((int)ch, is_key == KEY_CODE_YES)) {
		case CMD_LINE_DOWN:
		case CMD_DOWN:
		case CMD_ENTER:
			pg->help_top++;
			break;
		case CMD_LINE_UP:
		case CMD_UP:
			pg->help_top -= pg->help_top > 0;
			break;
		case CMD_PAGE_DOWN:
			pg->help_top += (size_t)(pg->rows - 2);
			break;
		case CMD_PAGE_UP:
			pg->help_top = pg->help_top > (size_t)(pg->rows - 2)
			        ? pg->help_top - (size_t)(pg->rows - 2)
			        : 0;
			break;
		case CMD_QUIT:
		case CMD_HELP:
			pg->help = 0;
			break;
		default:
			if (ch == 27)
				pg->help = 0;
			break;
		}
		return STATUS_OK;
	}
	if (pg->too_small) {
		if (ch == 'q' || ch == 'Q')
			*quit = 1;
		return STATUS_OK;
	}
	pg->msg[0] = '\0';
	if (pg->pending)
		return finish_mark(pg, is_key == KEY_CODE_YES ? 0 : ch);
	if (is_key != KEY_CODE_YES && ch >= '0' && ch <= '9') {
		if (pg->count < 0)
			pg->count = 0;
		if (pg->count < 100000000)
			pg->count = pg->count * 10 + (long)(ch - '0');
		return STATUS_OK;
	}
	count = pg->count;
	pg->count = -1;
	cmd = keys_lookup((int)ch, is_key == KEY_CODE_YES);
	if (cmd == CMD_NONE && is_key == KEY_CODE_YES)
		return STATUS_OK;
	return apply(pg, cmd, count, quit);
}

/* Wait (up to 250 ms) for a key or for more of the pipe being read. */
static void
key_or_input(struct pager *pg)
{
	struct pollfd pfd[2];

	pfd[0].fd = term_input_fd();
	pfd[1].fd = source_wait_fd(doc_source(pg->doc));
	pfd[0].events = pfd[1].events = POLLIN;
	(void)poll(pfd, 2, 250); /* EINTR: a resize or a signal to look at */
}

int
pager_run(struct doc *doc, const struct pager_opts *opts)
{
	struct pager pg;
	char msg[256];
	enum status st = STATUS_OK;
	int quit = 0, is_key, rc = 0, i, dirty = 1, busy, drawn = 0;
	int input_on = 0; /* function keys and mouse: after the first draw */
	unsigned long steps = 0;
	size_t size;
	wint_t ch;

	if (utf8_locale() != 0) {
		fprintf(stderr,
		        "rubi: the locale's character set is not "
		        "UTF-8 and C.UTF-8 is not available\n");
		return 2;
	}
	memset(&pg, 0, sizeof(pg));
	pg.doc = doc;
	pg.opts = opts;
	pg.sidebar_want = 1;
	pg.cur = pg.match_off = pg.last_jump = pg.title_for = NO_OFF;
	pg.flag_off = NO_OFF;
	pg.count = -1;
	pg.srch_dir = 1;
	pg.last_jump = 0;
	for (i = 0; i < NMARKS; i++)
		pg.marks[i] = NO_OFF;
	utf8_sanitize(opts->name, strlen(opts->name), pg.name, sizeof(pg.name));
	if (sindex_new(doc, &pg.ix) != STATUS_OK ||
	        view_new(doc, 1, 1, opts->mode, opts->ambiwidth, &pg.view) !=
	                STATUS_OK) {
		fprintf(stderr, "rubi: out of memory\n");
		sindex_free(pg.ix);
		return 1;
	}
	if (term_start(opts->from_stdin, msg, sizeof(msg)) != 0) {
		fprintf(stderr, "rubi: %s; writing the text instead\n", msg);
		view_free(pg.view);
		sindex_free(pg.ix);
		return PAGER_NO_TERMINAL;
	}
	restore_state(&pg);
	file_remember(&pg);
	if (opts->notice != NULL)
		say(&pg, opts->notice);
	view_set_known(pg.view, opts->known);
	pg.style = opts->style;
	pg.colors = tone_colors_start(opts->tone_colors);
	view_set_style(pg.view, pg.style);
	if (layout_screen(&pg) != 0)
		st = STATUS_NOMEM;
	while (st == STATUS_OK && !quit && !term_quit_signal) {
		if (dirty && draw(&pg) != 0) {
			st = STATUS_IO;
			break;
		}
		if (dirty && !input_on) {
			term_input_start();
			input_on = 1;
		}
		drawn |= dirty;
		dirty = 0;
		/* Index between keystrokes; wait for keys once it is done
		 * (and, on a pipe, for more of it: one poll on both). */
		busy = !sindex_complete(pg.ix) && !sindex_waiting(pg.ix);
		wtimeout(stdscr, busy ? 0 : 250);
		if (!busy && source_wait_fd(doc_source(pg.doc)) != -1) {
			wtimeout(stdscr, 0);
			is_key = get_wch(&ch);
			if (is_key == ERR && !term_quit_signal) {
				key_or_input(&pg);
				is_key = get_wch(&ch);
			}
		} else {
			is_key = get_wch(&ch);
		}
		if (term_quit_signal)
			break;
		if (source_changed(doc_source(pg.doc)) > 0) {
			st = file_changed(&pg);
			dirty = 1;
			if (is_key == ERR)
				continue;
		}
		if (file_watch(&pg)) {
			dirty = 1;
			if (is_key == ERR)
				continue;
		}
		if (is_key == ERR) {
			if (!sindex_complete(pg.ix)) {
				/*
				 * A screen just went out: let the kernel hand
				 * it to the terminal before indexing takes the
				 * processor. The pty's work is queued on this
				 * CPU, and a busy process kept it waiting for
				 * the next scheduler tick (3 ms late on the
				 * first screen in more than half of the runs).
				 */
				if (drawn)
					sched_yield();
				drawn = 0;
				size = doc_size(pg.doc);
				st = sindex_step(pg.ix, INDEX_STEP);
				/* Show progress now and then, and the end,
				 * and a pipe's new lines when they show. */
				dirty = sindex_complete(pg.ix) ||
				        ++steps % INDEX_DRAW_EVERY == 0 ||
				        (doc_size(pg.doc) != size &&
				                view_bottom_off(pg.view) >=
				                        size);
			}
			if (source_capped(doc_source(pg.doc)) && !pg.cap_said) {
				snprintf(msg, sizeof(msg),
				        "Only the first %zu MiB of the input "
				        "are kept (--max-pipe)",
				        doc_size(pg.doc) >> 20);
				say(&pg, msg);
				pg.cap_said = dirty = 1;
			}
			continue;
		}
		st = handle_key(&pg, is_key, ch, &quit);
		dirty = 1;
	}
	term_stop();
	if (st != STATUS_OK) {
		fprintf(stderr, "rubi: %s\n",
		        st == STATUS_IO ? strerror(errno) : status_str(st));
		rc = 1;
	} else if (term_quit_signal) {
		rc = 128 + term_quit_signal;
	}
	save_state(&pg);
	search_free(pg.srch);
	view_free(pg.view);
	frame_free(pg.frame);
	sindex_free(pg.ix);
	return rc;
}
