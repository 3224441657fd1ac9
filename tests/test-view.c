/*
 * test-view.c: unit tests for src/view.c and src/frame.c, headless.
 *
 * A view is driven as the pager drives it (scroll, page, home, end, mode
 * and size changes) and painted into a frame; the frame's rows are read
 * back as text with frame_row_text(), which is what the screen shows.
 * The sample article is found through $top_srcdir and readings through
 * $RUBI_DATADIR/unihan.tsv (make check sets both).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc.h"
#include "frame.h"
#include "layout.h"
#include "source.h"
#include "unihan.h"
#include "view.h"

#include "testlib.h"

/* A document over a copy of the NUL-terminated s. */
static struct doc *
doc_of_str(const char *s)
{
	return testlib_doc_of_str(s, NULL);
}

struct text {
	char s[8192];
};

/* Row r of f as the screen shows it. */
static struct text
frow(const struct frame *f, int r)
{
	struct text t;
	size_t n;

	n = frame_row_text(f, r, t.s, sizeof(t.s));
	assert_true(n < sizeof(t.s));
	assert_int_equal(strlen(t.s), n);
	return t;
}

/* A view of doc with a frame of the same size. */
struct screen {
	struct view *v;
	struct frame *f;
};

static struct screen
screen_new(struct doc *doc, int rows, int cols, enum ruby_mode mode)
{
	struct screen sc = {NULL, NULL};

	assert_int_equal(view_new(doc, rows, cols, mode, 1, &sc.v), STATUS_OK);
	assert_int_equal(frame_new(rows, cols, &sc.f), STATUS_OK);
	return sc;
}

static void
screen_free(struct screen *sc)
{
	view_free(sc->v);
	frame_free(sc->f);
}

static void
paint(struct screen *sc)
{
	assert_int_equal(view_paint(sc->v, sc->f), STATUS_OK);
}

static void
resize(struct screen *sc, int rows, int cols)
{
	assert_int_equal(view_resize(sc->v, rows, cols), STATUS_OK);
	frame_free(sc->f);
	assert_int_equal(frame_new(rows, cols, &sc->f), STATUS_OK);
}

/* Does a cell on row r show source byte off? */
static int
row_shows(struct frame *f, int r, size_t off)
{
	int c;

	for (c = 0; c < f->cols; c++)
		if (frame_cell(f, r, c)->src_off == off &&
		    frame_cell(f, r, c)->len > 0)
			return 1;
	return 0;
}

/* All rows of the frame, joined by "|". */
static struct text
screen_text(const struct frame *f)
{
	struct text t = {""};
	int r;

	for (r = 0; r < f->rows; r++) {
		if (r > 0)
			strcat(t.s, "|");
		assert_true(strlen(t.s) + 1024 < sizeof(t.s));
		strcat(t.s, frow(f, r).s);
	}
	return t;
}

static void
frame_row_text_shows_text_exactly(void **state)
{
	struct doc *doc = doc_of_str("abc 漢字\n\nx\ty");
	struct screen sc = screen_new(doc, 5, 20, RUBY_OFF);

	(void)state;
	paint(&sc);
	assert_string_equal(frow(sc.f, 0).s, "abc 漢字");
	assert_string_equal(frow(sc.f, 1).s, "");
	assert_string_equal(frow(sc.f, 2).s, "x       y");
	assert_string_equal(frow(sc.f, 3).s, "");
	/* A wide character takes its cell and covers the next. */
	assert_int_equal(frame_cell(sc.f, 0, 4)->cols, 2);
	assert_int_equal(frame_cell(sc.f, 0, 5)->cols, 0);
	assert_memory_equal(frame_cell(sc.f, 0, 4)->text, "漢", 3);
	assert_int_equal(frame_cell(sc.f, 0, 4)->src_off, 4);
	/* Rows past the end are marked, rows of text are not. */
	assert_false(sc.f->row_flags[2] & FRAME_ROW_EOF);
	assert_true(sc.f->row_flags[3] & FRAME_ROW_EOF);
	assert_true(sc.f->row_flags[4] & FRAME_ROW_EOF);
	assert_true(view_at_end(sc.v));
	screen_free(&sc);
	doc_free(doc);
}

static void
above_mode_paints_readings_over_their_bases(void **state)
{
	struct doc *doc = doc_of_str("生(sheng)態(tai)\n開發(fa)(fa)(EOD)");
	struct screen sc = screen_new(doc, 4, 30, RUBY_ABOVE);

	(void)state;
	paint(&sc);
	assert_string_equal(screen_text(sc.f).s,
	                    "shēng tài| 生   態|  fā|開發(EOD)");
	assert_int_equal(frame_cell(sc.f, 0, 0)->role, ROLE_READING);
	assert_int_equal(frame_cell(sc.f, 1, 1)->role, ROLE_RUBY_BASE);
	assert_int_equal(frame_cell(sc.f, 3, 0)->role, ROLE_TEXT);
	/* The reading points at the character it annotates. */
	assert_int_equal(frame_cell(sc.f, 0, 0)->src_off, 0);
	view_set_mode(sc.v, RUBY_INLINE);
	paint(&sc);
	assert_string_equal(screen_text(sc.f).s,
	                    "生(shēng)態(tài)|開發(fā)(EOD)||");
	screen_free(&sc);
	doc_free(doc);
}

static void
above_mode_falls_back_to_inline_on_one_row(void **state)
{
	struct doc *doc = doc_of_str("生(sheng)態(tai)");
	struct screen sc = screen_new(doc, 1, 30, RUBY_ABOVE);

	(void)state;
	paint(&sc);
	assert_string_equal(frow(sc.f, 0).s, "生(shēng)態(tài)");
	assert_int_equal(view_mode(sc.v), RUBY_ABOVE);
	screen_free(&sc);
	doc_free(doc);
}

/* Scroll down a little into the sample, to a line that is not a
 * paragraph start. */
static void
scroll_into_the_middle(struct screen *sc)
{
	assert_int_equal(view_scroll(sc->v, 9), STATUS_OK);
	paint(sc);
	assert_true(view_top_off(sc->v) > 0);
}

static void
first_base_line_stays_when_cycling_ruby_modes(void **state)
{
	static const enum ruby_mode cycle[] = {RUBY_POPUP, RUBY_OFF,
	                                       RUBY_ABOVE};
	struct doc *doc = testlib_sample_doc();
	struct screen sc = screen_new(doc, 12, 40, RUBY_ABOVE);
	struct text first, reading;
	size_t top, i;

	(void)state;
	scroll_into_the_middle(&sc);
	top = view_top_off(sc.v);
	first = frow(sc.f, 1);
	reading = frow(sc.f, 0);
	assert_true(row_shows(sc.f, 1, top));
	for (i = 0; i < sizeof(cycle) / sizeof(cycle[0]); i++) {
		view_set_mode(sc.v, cycle[i]);
		assert_int_equal(view_mode(sc.v), cycle[i]);
		paint(&sc);
		assert_int_equal(view_top_off(sc.v), top);
		/* The character at the top is still on the top line. */
		assert_true(
		        row_shows(sc.f, cycle[i] == RUBY_ABOVE ? 1 : 0, top));
	}
	assert_string_equal(frow(sc.f, 1).s, first.s);
	assert_string_equal(frow(sc.f, 0).s, reading.s);
	screen_free(&sc);
	doc_free(doc);
}

static void
resizing_and_back_keeps_the_place(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct screen sc = screen_new(doc, 30, 100, RUBY_ABOVE);
	struct text before;
	size_t top;

	(void)state;
	scroll_into_the_middle(&sc);
	top = view_top_off(sc.v);
	before = screen_text(sc.f);
	resize(&sc, 12, 40);
	paint(&sc);
	assert_int_equal(view_top_off(sc.v), top);
	assert_true(row_shows(sc.f, 1, top));
	resize(&sc, 30, 100);
	paint(&sc);
	assert_int_equal(view_top_off(sc.v), top);
	assert_string_equal(screen_text(sc.f).s, before.s);
	screen_free(&sc);
	doc_free(doc);
}

static void
resize_is_refused_below_one_cell(void **state)
{
	struct doc *doc = doc_of_str("abc");
	struct screen sc = screen_new(doc, 3, 10, RUBY_OFF);
	struct frame *wrong = NULL;

	(void)state;
	assert_int_equal(view_resize(sc.v, 0, 10), STATUS_RANGE);
	assert_int_equal(view_resize(sc.v, 3, 0), STATUS_RANGE);
	paint(&sc); /* still 3 x 10 */
	assert_string_equal(frow(sc.f, 0).s, "abc");
	/* A frame of another size is refused, not overrun. */
	assert_int_equal(frame_new(2, 10, &wrong), STATUS_OK);
	assert_int_equal(view_paint(sc.v, wrong), STATUS_RANGE);
	frame_free(wrong);
	screen_free(&sc);
	doc_free(doc);
}

static void
page_down_then_page_up_returns_to_the_start(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct screen sc = screen_new(doc, 12, 40, RUBY_ABOVE);
	struct text start, second;
	size_t bottom;
	int page;

	(void)state;
	paint(&sc);
	start = screen_text(sc.f);
	bottom = view_bottom_off(sc.v);
	page = view_page_lines(sc.v);
	assert_int_equal(page, 6);
	assert_int_equal(view_scroll(sc.v, page), STATUS_OK);
	paint(&sc);
	assert_true(view_top_off(sc.v) > 0);
	second = screen_text(sc.f);
	assert_true(strcmp(second.s, start.s) != 0);
	/* The new top line is the line after the old bottom one. */
	assert_int_equal(view_top_off(sc.v), bottom);
	assert_int_equal(view_scroll(sc.v, -page), STATUS_OK);
	paint(&sc);
	assert_int_equal(view_top_off(sc.v), 0);
	assert_string_equal(screen_text(sc.f).s, start.s);
	/* From the middle as well. */
	scroll_into_the_middle(&sc);
	second = screen_text(sc.f);
	assert_int_equal(view_scroll(sc.v, page), STATUS_OK);
	assert_int_equal(view_scroll(sc.v, -page), STATUS_OK);
	paint(&sc);
	assert_string_equal(screen_text(sc.f).s, second.s);
	screen_free(&sc);
	doc_free(doc);
}

/* The rows of the last line of doc laid out cols wide in mode. */
static struct text
last_line_row(struct doc *doc, int cols, enum ruby_mode mode, int r)
{
	struct bspan b;
	struct block *blk;
	struct layout *lay;
	struct text t;

	assert_int_equal(doc_block_at(doc, doc_size(doc), &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	assert_int_equal(layout_block(blk, cols, mode, 1, &lay), STATUS_OK);
	layout_row_text(lay, lay->nlines - 1, r, t.s, sizeof(t.s));
	layout_free(lay);
	block_free(blk);
	return t;
}

static void
end_shows_the_last_line_at_the_bottom(void **state)
{
	static const enum ruby_mode modes[] = {RUBY_ABOVE, RUBY_OFF,
	                                       RUBY_INLINE};
	struct doc *doc = testlib_sample_doc();
	struct screen sc;
	size_t m;

	(void)state;
	for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		sc = screen_new(doc, 12, 40, modes[m]);
		paint(&sc);
		assert_false(view_at_end(sc.v));
		assert_int_equal(view_end(sc.v), STATUS_OK);
		paint(&sc);
		assert_true(view_at_end(sc.v));
		assert_false(sc.f->row_flags[11] & FRAME_ROW_EOF);
		assert_string_equal(
		        frow(sc.f, 11).s,
		        last_line_row(doc, 40, modes[m],
		                      modes[m] == RUBY_ABOVE ? 1 : 0)
		                .s);
		if (modes[m] == RUBY_ABOVE)
			assert_string_equal(
			        frow(sc.f, 10).s,
			        last_line_row(doc, 40, modes[m], 0).s);
		assert_int_equal(view_bottom_off(sc.v), doc_size(doc));
		/* Home goes back to the first screen. */
		assert_int_equal(view_home(sc.v), STATUS_OK);
		paint(&sc);
		assert_int_equal(view_top_off(sc.v), 0);
		assert_false(view_at_end(sc.v));
		screen_free(&sc);
	}
	doc_free(doc);
}

static void
scrolling_past_the_end_stops(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct screen sc = screen_new(doc, 12, 40, RUBY_ABOVE);
	struct text last;
	size_t end_top;

	(void)state;
	assert_int_equal(view_end(sc.v), STATUS_OK);
	end_top = view_top_off(sc.v);
	paint(&sc);
	last = screen_text(sc.f);
	assert_int_equal(view_home(sc.v), STATUS_OK);
	assert_int_equal(view_scroll(sc.v, 1000000), STATUS_OK);
	paint(&sc);
	assert_int_equal(view_top_off(sc.v), end_top);
	assert_true(view_at_end(sc.v));
	assert_string_equal(screen_text(sc.f).s, last.s);
	/* Further down: nothing moves. */
	assert_int_equal(view_scroll(sc.v, 1), STATUS_OK);
	assert_int_equal(view_scroll(sc.v, 6), STATUS_OK);
	paint(&sc);
	assert_int_equal(view_top_off(sc.v), end_top);
	assert_string_equal(screen_text(sc.f).s, last.s);
	/* And back up past the start: the top. */
	assert_int_equal(view_scroll(sc.v, -1000000), STATUS_OK);
	assert_int_equal(view_top_off(sc.v), 0);
	assert_int_equal(view_goto(sc.v, doc_size(doc) + 100), STATUS_OK);
	assert_int_equal(view_top_off(sc.v), end_top);
	screen_free(&sc);
	doc_free(doc);
}

static void
short_document_stays_at_its_top(void **state)
{
	struct doc *doc = doc_of_str("生(sheng)\n態(tai)\n");
	struct screen sc = screen_new(doc, 12, 40, RUBY_ABOVE);

	(void)state;
	assert_int_equal(view_end(sc.v), STATUS_OK);
	assert_int_equal(view_scroll(sc.v, 3), STATUS_OK);
	paint(&sc);
	assert_int_equal(view_top_off(sc.v), 0);
	assert_string_equal(frow(sc.f, 1).s, " 生");
	assert_string_equal(frow(sc.f, 3).s, "態");
	assert_true(view_at_end(sc.v));
	assert_true(sc.f->row_flags[4] & FRAME_ROW_EOF);
	screen_free(&sc);
	doc_free(doc);
}

/*
 * Scroll one line at a time from the top to the end and back, on a
 * screen one line high, and check that the top line shows each line of
 * the document in turn, as layout_block lays them out. Returns "" or the
 * first difference, after freeing everything (so that a failure does not
 * leak).
 */
static struct text
every_line_reaches_the_top(struct doc *doc, int cols, enum ruby_mode mode)
{
	int rows = mode == RUBY_ABOVE ? 2 : 1, br = rows - 1;
	struct screen sc = screen_new(doc, rows, cols, mode);
	struct text *want = NULL, diff = {""}, got;
	size_t n = 0, cap = 0, k, l;
	struct bspan b;
	struct block *blk;
	struct layout *lay;
	enum status st;

	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		assert_int_equal(layout_block(blk, cols, mode, 1, &lay),
		                 STATUS_OK);
		for (l = 0; l < lay->nlines; l++) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				want = realloc(want, cap * sizeof(*want));
				assert_non_null(want);
			}
			layout_row_text(lay, l, br, want[n].s,
			                sizeof(want[n].s));
			n++;
		}
		layout_free(lay);
		block_free(blk);
		st = doc_block_next(doc, &b, &b);
	}
	for (k = 0; k < n && diff.s[0] == '\0'; k++) {
		if (k > 0 && view_scroll(sc.v, 1) != STATUS_OK)
			snprintf(diff.s, sizeof(diff.s), "scroll failed");
		paint(&sc);
		got = frow(sc.f, br);
		if (strcmp(got.s, want[k].s) != 0)
			snprintf(diff.s, sizeof(diff.s),
			         "going down, line %zu at the top shows "
			         "'%.1000s', "
			         "not '%.1000s'",
			         k, got.s, want[k].s);
	}
	if (diff.s[0] == '\0' && !view_at_end(sc.v))
		snprintf(diff.s, sizeof(diff.s), "not at the end");
	for (k = n; k-- > 0 && diff.s[0] == '\0';) {
		paint(&sc);
		got = frow(sc.f, br);
		if (strcmp(got.s, want[k].s) != 0)
			snprintf(diff.s, sizeof(diff.s),
			         "going up, line %zu at the top shows "
			         "'%.1000s', "
			         "not '%.1000s'",
			         k, got.s, want[k].s);
		if (view_scroll(sc.v, -1) != STATUS_OK)
			snprintf(diff.s, sizeof(diff.s), "scroll failed");
	}
	if (diff.s[0] == '\0' && view_top_off(sc.v) != 0)
		snprintf(diff.s, sizeof(diff.s), "not back at the top");
	free(want);
	screen_free(&sc);
	return diff;
}

static void
scrolling_line_by_line_shows_every_line(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct text d1, d2, d3, d4;

	(void)state;
	d1 = every_line_reaches_the_top(doc, 40, RUBY_ABOVE);
	d2 = every_line_reaches_the_top(doc, 33, RUBY_OFF);
	d3 = every_line_reaches_the_top(doc, 80, RUBY_INLINE);
	doc_free(doc);
	doc = doc_of_str("\n\n生(sheng)\n\n\nabc\n");
	d4 = every_line_reaches_the_top(doc, 4, RUBY_ABOVE);
	doc_free(doc);
	assert_string_equal(d1.s, "");
	assert_string_equal(d2.s, "");
	assert_string_equal(d3.s, "");
	assert_string_equal(d4.s, "");
}

static void
scrolling_shows_every_line_of_a_cut_placeholder(void **state)
{
	struct doc *doc = doc_of_str("ab\xe2\x80\xae"
	                             "cd\nxyz");
	struct text d;

	(void)state;
	/* "<U+202E>" is wider than a 4-column screen: "ab<U", "+202",
	 * "E>cd", "xyz". Each of them must come to the top in turn. */
	d = every_line_reaches_the_top(doc, 4, RUBY_OFF);
	doc_free(doc);
	assert_string_equal(d.s, "");
}

/* A document of n short paragraphs, each one visual line at 40 columns. */
static char *
many_paragraphs(int n, size_t *len)
{
	size_t cap = (size_t)n * 64, o = 0;
	char *s = malloc(cap);
	int i;

	assert_non_null(s);
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(s + o, cap - o,
		                      "第%d段生(sheng)態(tai)環境。\n", i);
	*len = o;
	return s;
}

static void
only_blocks_on_screen_are_laid_out(void **state)
{
	size_t len;
	char *s = many_paragraphs(2000, &len);
	struct doc *doc = testlib_doc_of(s, len, NULL);
	struct screen sc = screen_new(doc, 12, 40, RUBY_ABOVE);
	unsigned long before;
	int on_screen = view_page_lines(sc.v);

	(void)state;
	paint(&sc);
	/* One paragraph per line: 6 on screen, and only they are laid out
	 * (not the 7th, to learn that more follows). */
	assert_string_equal(frow(sc.f, 11).s, "第5段 生   態 環境。");
	assert_int_equal(on_screen, 6);
	assert_int_equal(view_layouts_made(sc.v), 6);
	assert_false(view_at_end(sc.v));
	/* The end: only the last blocks, not 2000. */
	before = view_layouts_made(sc.v);
	assert_int_equal(view_end(sc.v), STATUS_OK);
	assert_true(view_layouts_made(sc.v) - before <=
	            (unsigned long)on_screen + 2);
	paint(&sc);
	assert_true(view_layouts_made(sc.v) - before <=
	            (unsigned long)on_screen + 2);
	assert_string_equal(frow(sc.f, 11).s, "第1999段 生   態 環境。");
	/* Back home: again a screenful. */
	before = view_layouts_made(sc.v);
	assert_int_equal(view_home(sc.v), STATUS_OK);
	paint(&sc);
	assert_true(view_layouts_made(sc.v) - before <=
	            (unsigned long)on_screen + 2);
	/* A page down lays out about a page. */
	before = view_layouts_made(sc.v);
	assert_int_equal(view_scroll(sc.v, on_screen), STATUS_OK);
	paint(&sc);
	assert_true(view_layouts_made(sc.v) - before <=
	            (unsigned long)on_screen + 2);
	assert_string_equal(frow(sc.f, 1).s, "第6段 生   態 環境。");
	screen_free(&sc);
	doc_free(doc);
	free(s);
}

/*
 * A first screen of a large file reads the bytes near its start, not a
 * block's worth more: the scan for each paragraph's end asks for a few
 * KiB first (it asked for 64 KiB, and the window was read again).
 */
static void
first_screen_of_a_file_reads_little(void **state)
{
	size_t len;
	char *s = many_paragraphs(40000, &len), path[4096];
	struct source *src;
	struct doc *doc;
	struct doc_opts opts;
	struct screen sc;
	int fd;

	(void)state;
	assert_true(len > 1000000);
	fd = testlib_temp_file(s, len, path, sizeof(path));
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(source_open(path, &src), STATUS_OK);
	testlib_doc_opts(&opts);
	doc = testlib_doc_over(src, &opts);
	sc = screen_new(doc, 40, 120, RUBY_ABOVE);
	paint(&sc);
	assert_string_equal(frow(sc.f, 1).s, "第0段 生   態 環境。");
	assert_true(source_bytes_read(src) <= 32 * 1024);
	/* The end: a window there, not the file. */
	assert_int_equal(view_end(sc.v), STATUS_OK);
	paint(&sc);
	assert_string_equal(frow(sc.f, 39).s, "第39999段 生   態 環境。");
	assert_true(source_bytes_read(src) <= 64 * 1024);
	screen_free(&sc);
	doc_free(doc);
	unlink(path);
	free(s);
}

static void
mode_change_lays_out_only_the_screen_again(void **state)
{
	size_t len;
	char *s = many_paragraphs(2000, &len);
	struct doc *doc = testlib_doc_of(s, len, NULL);
	struct screen sc = screen_new(doc, 12, 40, RUBY_ABOVE);
	unsigned long before, parsed;

	(void)state;
	assert_int_equal(view_goto(sc.v, len / 2), STATUS_OK);
	paint(&sc);
	before = view_layouts_made(sc.v);
	view_set_mode(sc.v, RUBY_OFF);
	paint(&sc);
	assert_true(view_layouts_made(sc.v) - before <= 12 + 2);
	before = view_layouts_made(sc.v);
	parsed = doc_parsed(doc);
	resize(&sc, 12, 100);
	paint(&sc);
	assert_true(view_layouts_made(sc.v) - before <= 12 + 2);
	/* Laid out again, not parsed again: the blocks were kept. */
	assert_int_equal(doc_parsed(doc), parsed);
	view_set_mode(sc.v, RUBY_POPUP);
	paint(&sc);
	assert_int_equal(doc_parsed(doc), parsed);
	assert_non_null(view_cached_block(sc.v, view_top_off(sc.v)));
	screen_free(&sc);
	doc_free(doc);
	free(s);
}

static void
frame_put_keeps_wide_cells_whole(void **state)
{
	struct frame *f = NULL;
	char buf[64];

	(void)state;
	assert_int_equal(frame_new(1, 5, &f), STATUS_OK);
	assert_int_equal(frame_put(f, 0, 0, "漢", 3, 2, ROLE_TEXT, 0), 1);
	assert_int_equal(frame_put(f, 0, 2, "字", 3, 2, ROLE_TEXT, 3), 1);
	/* A wide character never crosses the right edge. */
	assert_int_equal(frame_put(f, 0, 4, "山", 3, 2, ROLE_TEXT, 6), 0);
	frame_row_text(f, 0, buf, sizeof(buf));
	assert_string_equal(buf, "漢字");
	/* Overwriting half of a wide cell blanks the other half. */
	assert_int_equal(frame_put(f, 0, 1, "a", 1, 1, ROLE_TEXT, 9), 1);
	frame_row_text(f, 0, buf, sizeof(buf));
	assert_string_equal(buf, " a字");
	/* A short buffer gets a prefix, and the length needed. */
	assert_int_equal(frame_row_text(f, 0, buf, 3), strlen(" a字"));
	assert_true(strlen(buf) < 3);
	frame_free(f);
}

/*
 * A writer rewrites the file in place, over and over, while the reader
 * jumps, scrolls, pages to the end, changes the ruby mode and resizes,
 * noticing the change only now and then (the pager looks between keys):
 * every screen is painted, and shows only bytes the file held.
 */
static void
file_rewritten_while_shown_paints_every_screen(void **state)
{
	static const enum ruby_mode modes[] = {
	        RUBY_ABOVE, RUBY_OFF, RUBY_POPUP, RUBY_INLINE};
	size_t len, off, i;
	char *s = testlib_long_text(&len), path[4096];
	struct source *src = NULL;
	struct screen sc;
	struct doc *doc;
	unsigned seed = 11;
	pid_t pid;
	int fd, r, c;

	(void)state;
	fd = testlib_temp_file(s, len, path, sizeof(path));
	assert_int_equal(source_from_fd(fd, &src), STATUS_OK);
	doc = testlib_doc_over(src, NULL);
	sc = screen_new(doc, 24, 80, RUBY_ABOVE);
	pid = testlib_rewriter(path, s, len);
	for (i = 0; i < 600; i++) {
		if (i % 3 == 0 && source_changed(src) > 0)
			assert_int_equal(view_reload(sc.v), STATUS_OK);
		off = rand_r(&seed) % (len + 100);
		switch (rand_r(&seed) % 7) {
		case 0:
			assert_int_equal(view_goto(sc.v, off), STATUS_OK);
			break;
		case 1:
			assert_int_equal(
			        view_scroll(sc.v, (long)(off % 100) - 50),
			        STATUS_OK);
			break;
		case 2:
			assert_int_equal(view_end(sc.v), STATUS_OK);
			break;
		case 3:
			assert_int_equal(view_home(sc.v), STATUS_OK);
			break;
		case 4:
			view_set_mode(sc.v, modes[off % 4]);
			break;
		case 5:
			resize(&sc, 5 + (int)(off % 40), 10 + (int)(off % 90));
			break;
		default:
			assert_int_equal(
			        view_scroll(sc.v, view_page_lines(sc.v)),
			        STATUS_OK);
		}
		paint(&sc);
		for (r = 0; r < sc.f->rows; r++)
			for (c = 0; c < sc.f->cols; c++)
				assert_true(frame_cell(sc.f, r, c)->len == 0 ||
				        frame_cell(sc.f, r, c)->src_off < len);
	}
	testlib_rewriter_stop(pid);
	screen_free(&sc);
	doc_free(doc);
	unlink(path);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(frame_row_text_shows_text_exactly),
	        cmocka_unit_test(above_mode_paints_readings_over_their_bases),
	        cmocka_unit_test(above_mode_falls_back_to_inline_on_one_row),
	        cmocka_unit_test(first_base_line_stays_when_cycling_ruby_modes),
	        cmocka_unit_test(resizing_and_back_keeps_the_place),
	        cmocka_unit_test(resize_is_refused_below_one_cell),
	        cmocka_unit_test(page_down_then_page_up_returns_to_the_start),
	        cmocka_unit_test(end_shows_the_last_line_at_the_bottom),
	        cmocka_unit_test(scrolling_past_the_end_stops),
	        cmocka_unit_test(short_document_stays_at_its_top),
	        cmocka_unit_test(scrolling_line_by_line_shows_every_line),
	        cmocka_unit_test(
	                scrolling_shows_every_line_of_a_cut_placeholder),
	        cmocka_unit_test(only_blocks_on_screen_are_laid_out),
	        cmocka_unit_test(first_screen_of_a_file_reads_little),
	        cmocka_unit_test(mode_change_lays_out_only_the_screen_again),
	        cmocka_unit_test(frame_put_keeps_wide_cells_whole),
	        cmocka_unit_test(
	                file_rewritten_while_shown_paints_every_screen),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
