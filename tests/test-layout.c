/*
 * test-layout.c: unit tests for src/layout.c.
 *
 * Two kinds of test. Small examples whose rows are compared as text, as a
 * user would see them. And invariants checked on every line of every
 * block of the sample article and of generated paragraphs (a fixed
 * pseudo-random mix of Han, ASCII words, spaces, tabs, pinyin groups,
 * placeholders, wide and narrow characters), at every width from 1 to
 * 100 and without wrapping, in all four ruby modes:
 *  - no row is wider than the width, and no wide character is split;
 *  - pieces of a row never overlap;
 *  - a ruby unit (base and reading) is never split across lines;
 *  - above: readings of different units never overlap or touch, and a
 *    reading is centred over its base (within one column);
 *  - off: every base character appears exactly once, in order (spaces
 *    may only vanish where a line breaks);
 *  - no line starts with 。，、）」 when the line before had a break
 *    opportunity (UAX #14) that would have avoided it.
 * The sample is found through $top_srcdir and readings are checked against
 * $RUBI_DATADIR/unihan.bin (make check sets both).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unilbrk.h>

#include "doc.h"
#include "layout.h"
#include "source.h"
#include "unihan.h"
#include "utf8.h"

#include "testlib.h"

#define MAX_WIDTH 100

static const enum ruby_mode all_modes[] = {
        RUBY_ABOVE, RUBY_POPUP, RUBY_OFF, RUBY_INLINE};
static const char *const mode_names[] = {"above", "popup", "off", "inline"};

/* A document over a copy of s[0..len) with the given ambiguous width. */
static struct doc *
doc_of(const char *s, size_t len, int ambiwidth)
{
	struct doc_opts opts;

	testlib_doc_opts(&opts);
	opts.ambiwidth = ambiwidth;
	return testlib_doc_of(s, len, &opts);
}

/* The whole sample article, NUL-terminated; the caller frees it. */
static char *
read_sample(size_t *len)
{
	char *s = testlib_sample_bytes(len);

	assert_true(*len > 1000);
	return s;
}

/* Parse block 0 of text s. */
static struct block *
block_of(const char *s, int ambiwidth)
{
	struct doc *doc = doc_of(s, strlen(s), ambiwidth);
	struct block *blk = NULL;
	struct bspan b;

	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	doc_free(doc);
	return blk;
}

static struct layout *
lay_of(const struct block *blk, int cols, enum ruby_mode mode, int ambi)
{
	struct layout *lay = NULL;

	assert_int_equal(layout_block(blk, cols, mode, ambi, &lay), STATUS_OK);
	assert_non_null(lay);
	assert_true(lay->nlines >= 1);
	return lay;
}

struct text {
	char s[16384];
};

static struct text
row(const struct layout *lay, size_t line, int r)
{
	struct text t;
	size_t n;

	n = layout_row_text(lay, line, r, t.s, sizeof(t.s));
	assert_true(n < sizeof(t.s));
	assert_int_equal(strlen(t.s), n);
	return t;
}

/* Rows of text s laid out, as "row|row|..." (one text per row). */
static struct text
rows(const char *s, int cols, enum ruby_mode mode)
{
	struct block *blk = block_of(s, 1);
	struct layout *lay = lay_of(blk, cols, mode, 1);
	struct text t = {""};
	size_t line;
	int r;

	for (line = 0; line < lay->nlines; line++)
		for (r = 0; r < lay->rows_per_line; r++) {
			if (line > 0 || r > 0)
				strcat(t.s, "|");
			assert_true(strlen(t.s) + 1024 < sizeof(t.s));
			strcat(t.s, row(lay, line, r).s);
		}
	layout_free(lay);
	block_free(blk);
	return t;
}

/* ---- invariants ---------------------------------------------------- */

/* What a block is, computed once for all widths and modes. */
struct binfo {
	const struct block *blk;
	int32_t *g_at;      /* per source byte of the span: first glyph, -1 */
	int32_t *ruby_at;   /* per source byte: ruby run of its glyph, -1 */
	char *brk;          /* UAX #14 opportunities over the base text */
	uint32_t *gbyte;    /* glyph -> byte in the base text */
	uint8_t *breakable; /* glyph starts a unit that may begin a line */
};

static void
binfo_init(struct binfo *bi, const struct block *blk)
{
	size_t span = blk->span.end - blk->span.off + 1, r, o = 0, i;
	char *s;
	uint32_t g;

	bi->blk = blk;
	bi->g_at = malloc(span * sizeof(*bi->g_at));
	bi->ruby_at = malloc(span * sizeof(*bi->ruby_at));
	bi->brk = calloc(blk->ng * 4 + 1, 1);
	bi->gbyte = calloc(blk->ng + 1, sizeof(*bi->gbyte));
	bi->breakable = calloc(blk->ng + 1, 1);
	s = malloc(blk->ng * 4 + 1);
	assert_true(bi->g_at && bi->ruby_at && bi->brk && bi->gbyte &&
	        bi->breakable && s);
	for (i = 0; i < span; i++)
		bi->g_at[i] = bi->ruby_at[i] = -1;
	for (g = blk->ng; g-- > 0;)
		bi->g_at[blk->g[g].off] = (int32_t)g;
	for (r = 0; r < blk->nruns; r++)
		for (g = blk->runs[r].g0; g < blk->runs[r].g1; g++) {
			if (blk->runs[r].flags & RUN_RUBY)
				bi->ruby_at[blk->g[g].off] = (int32_t)r;
			bi->gbyte[g] = (uint32_t)o;
			bi->breakable[g] = !(blk->g[g].flags & GLYPH_MARK) &&
			        !((blk->runs[r].flags & RUN_RUBY) &&
			                g > blk->runs[r].g0);
			o += (size_t)utf8_encode(blk->g[g].cp, s + o);
		}
	if (o > 0)
		u8_possible_linebreaks((const uint8_t *)s, o, "UTF-8", bi->brk);
	free(s);
}

static void
binfo_fini(struct binfo *bi)
{
	free(bi->g_at);
	free(bi->ruby_at);
	free(bi->brk);
	free(bi->gbyte);
	free(bi->breakable);
}

struct ctx {
	const struct binfo *bi;
	const struct block *blk;
	const struct layout *lay;
	int cols;
	enum ruby_mode mode;
	int ambi;
};

/*
 * Broken invariants are counted, and the first example of each kind (the
 * condition that failed) is printed with the lines around it, so that one
 * run shows every distinct problem. Each test asserts the count is 0.
 */
static unsigned long violations;
static char seen[64][160];
static size_t nseen;

static void
report(const struct ctx *c, const char *what, size_t line)
{
	char buf[4096], key[160];
	size_t l, k;
	int r;

	violations++;
	snprintf(key, sizeof(key), "%s", what);
	for (k = 0; k < nseen; k++)
		if (strcmp(seen[k], key) == 0)
			return;
	if (nseen < sizeof(seen) / sizeof(seen[0]))
		strcpy(seen[nseen++], key);
	fprintf(stderr,
	        "layout invariant broken: %s\n  block at byte %zu, "
	        "width %d, mode %s, ambiwidth %d, line %zu; lines %zu..:\n",
	        what, c->blk->span.off, c->cols, mode_names[c->mode], c->ambi,
	        line, line > 2 ? line - 2 : 0);
	for (l = line > 2 ? line - 2 : 0; l < c->lay->nlines && l <= line + 2;
	        l++)
		for (r = 0; r < c->lay->rows_per_line; r++) {
			layout_row_text(c->lay, l, r, buf, sizeof(buf));
			fprintf(stderr, "  |%s|\n", buf);
		}
}

static void
expect_no_violations(void)
{
	if (violations > 0)
		fprintf(stderr, "%lu broken invariants in all\n", violations);
	assert_int_equal(violations, 0);
}

static void
reset_violations(void)
{
	violations = 0;
	nseen = 0;
}

#define CHECK(c, cond, line)                                                   \
	do {                                                                   \
		if (!(cond))                                                   \
			report((c), #cond, (line));                            \
	} while (0)

static int
base_row(const struct layout *lay)
{
	return lay->mode == RUBY_ABOVE ? 1 : 0;
}

/* Lines partition the pieces in order; rows are where pieces say. */
static void
check_structure(const struct ctx *c)
{
	const struct layout *lay = c->lay;
	uint32_t expect = 0, i;
	size_t l;
	int r, rpl = lay->rows_per_line;

	CHECK(c, rpl == (c->mode == RUBY_ABOVE ? 2 : 1), 0);
	CHECK(c, lay->nlines >= 1, 0);
	for (l = 0; l < lay->nlines; l++) {
		const struct lline *ln = &lay->lines[l];
		for (r = 0; r < rpl; r++) {
			CHECK(c, ln->p0[r] == expect, l);
			CHECK(c, ln->p0[r] <= ln->p1[r], l);
			for (i = ln->p0[r]; i < ln->p1[r]; i++) {
				CHECK(c, lay->p[i].row == r, l);
				CHECK(c,
				        lay->p[i].src_off >= lay->span.off &&
				                lay->p[i].src_off <
				                        lay->span.end,
				        l);
			}
			expect = ln->p1[r];
		}
		CHECK(c, ln->src_off >= lay->span.off, l);
		CHECK(c, ln->src_off <= lay->span.end, l);
	}
	CHECK(c, expect == lay->np, lay->nlines - 1);
}

/*
 * Every line starts at a later source byte than the one before: the view
 * keeps its place as a byte offset, so two lines starting at the same
 * byte could never both be at the top of the screen.
 */
static void
check_line_starts(const struct ctx *c)
{
	const struct layout *lay = c->lay;
	size_t l;

	CHECK(c, lay->lines[0].src_off == lay->span.off, 0);
	for (l = 1; l < lay->nlines; l++) {
		CHECK(c, lay->lines[l].src_off > lay->lines[l - 1].src_off, l);
		CHECK(c, layout_line_at(lay, lay->lines[l].src_off) == l, l);
	}
}

/* No row wider than the width, no wide character split, no overlap. */
static void
check_widths(const struct ctx *c)
{
	const struct layout *lay = c->lay;
	const struct piece *p;
	char buf[8192];
	size_t l, n;
	uint32_t i;
	int r, end, maxw;

	for (l = 0; l < lay->nlines; l++) {
		const struct lline *ln = &lay->lines[l];
		maxw = 0;
		for (r = 0; r < lay->rows_per_line; r++) {
			end = 0;
			for (i = ln->p0[r]; i < ln->p1[r]; i++) {
				p = &lay->p[i];
				CHECK(c, p->cols == 1 || p->cols == 2, l);
				CHECK(c, p->col >= end, l);
				CHECK(c, p->text_len > 0, l);
				/* the piece is as wide as what it draws */
				CHECK(c,
				        utf8_str_cols(lay->text + p->text_off,
				                p->text_len,
				                c->ambi) == p->cols,
				        l);
				if (c->cols != LAYOUT_NOWRAP)
					CHECK(c, p->col + p->cols <= c->cols,
					        l);
				end = p->col + p->cols;
			}
			if (end > maxw)
				maxw = end;
			n = layout_row_text(lay, l, r, buf, sizeof(buf));
			CHECK(c, n < sizeof(buf), l);
			if (c->cols != LAYOUT_NOWRAP)
				CHECK(c,
				        utf8_str_cols(buf, n, c->ambi) <=
				                c->cols,
				        l);
		}
		CHECK(c, ln->width == maxw, l);
		if (c->cols != LAYOUT_NOWRAP)
			CHECK(c, ln->width <= c->cols, l);
	}
	if (c->cols == LAYOUT_NOWRAP)
		CHECK(c, lay->nlines == 1, 0);
}

/* The source byte of glyph g. */
static size_t
gsrc(const struct block *blk, uint32_t g)
{
	return blk->span.off + blk->g[g].off;
}

struct rstat {
	size_t line;
	int b0, b1, r0, r1, nread, nbase, clipped;
};

/* Ruby units whole on one line; above: readings apart and centred. */
static void
check_ruby(const struct ctx *c)
{
	const struct block *blk = c->blk;
	const struct layout *lay = c->lay;
	const struct piece *p, *q;
	struct rstat *st, *rs;
	size_t r, l;
	uint32_t i;
	int32_t ri;
	int rr;

	st = calloc(blk->nruns + 1, sizeof(*st));
	assert_non_null(st);
	for (r = 0; r < blk->nruns; r++) {
		st[r].line = (size_t)-1;
		st[r].b0 = st[r].r0 = 1 << 30;
		st[r].b1 = st[r].r1 = -1;
	}
	for (l = 0; l < lay->nlines; l++)
		for (rr = 0; rr < lay->rows_per_line; rr++)
			for (i = lay->lines[l].p0[rr]; i < lay->lines[l].p1[rr];
			        i++) {
				p = &lay->p[i];
				ri = c->bi->ruby_at[p->src_off - blk->span.off];
				if (ri < 0) {
					CHECK(c,
					        p->role != ROLE_READING &&
					                p->role !=
					                        ROLE_RUBY_BASE,
					        l);
					continue;
				}
				rs = &st[ri];
				if (rs->line == (size_t)-1)
					rs->line = l;
				CHECK(c, rs->line == l, l); /* never split */
				if (p->role == ROLE_CLIPPED)
					rs->clipped = 1;
				if (p->role == ROLE_READING ||
				        (p->role == ROLE_CLIPPED &&
				                p->row == 0 &&
				                c->mode == RUBY_ABOVE)) {
					CHECK(c,
					        p->src_off ==
					                gsrc(blk,
					                        blk->runs[ri]
					                                .g0),
					        l);
					rs->nread++;
					if (p->col < rs->r0)
						rs->r0 = p->col;
					if (p->col + p->cols > rs->r1)
						rs->r1 = p->col + p->cols;
				} else {
					CHECK(c, p->row == base_row(lay), l);
					if (c->mode == RUBY_OFF)
						CHECK(c,
						        p->role !=
						                ROLE_RUBY_BASE,
						        l);
					else if (p->role != ROLE_CLIPPED)
						CHECK(c,
						        p->role ==
						                ROLE_RUBY_BASE,
						        l);
					rs->nbase++;
					if (p->col < rs->b0)
						rs->b0 = p->col;
					if (p->col + p->cols > rs->b1)
						rs->b1 = p->col + p->cols;
				}
			}
	for (r = 0; r < blk->nruns; r++) {
		if (!(blk->runs[r].flags & RUN_RUBY))
			continue;
		rs = &st[r];
		CHECK(c, rs->nbase >= 1, rs->line);
		if (c->mode == RUBY_ABOVE) {
			CHECK(c, rs->nread >= 1, rs->line);
			if (!rs->clipped) /* centred within one column */
				CHECK(c,
				        abs((rs->r0 + rs->r1) -
				                (rs->b0 + rs->b1)) <= 2,
				        rs->line);
		}
		if (c->mode == RUBY_OFF || c->mode == RUBY_POPUP)
			CHECK(c, rs->nread == 0, rs->line);
	}
	free(st);
	/* Above: readings of different units are apart by a blank. */
	if (c->mode != RUBY_ABOVE)
		return;
	for (l = 0; l < lay->nlines; l++) {
		const struct lline *ln = &lay->lines[l];
		for (i = ln->p0[0]; i + 1 < ln->p1[0]; i++) {
			p = &lay->p[i];
			q = &lay->p[i + 1];
			if (p->src_off != q->src_off)
				CHECK(c, q->col >= p->col + p->cols + 1, l);
		}
	}
}

/* Is the cluster at glyph g a plain space (may vanish at a break)? */
static int
is_space(const struct block *blk, uint32_t g)
{
	return blk->g[g].cp == ' ' &&
	        !(blk->g[g].flags & (GLYPH_TAB | GLYPH_PLACEHOLDER));
}

struct bpiece {
	size_t src;
	size_t line;
	char text[64];
	int role;
};

/* Off mode: every base cluster exactly once, in order. */
static void
check_every_base_char_once(const struct ctx *c)
{
	const struct block *blk = c->blk;
	const struct layout *lay = c->lay;
	struct bpiece *act;
	size_t nact = 0, l, j = 0, r;
	uint32_t i, g, e;
	char want[64];
	int o;

	act = calloc(lay->np + 1, sizeof(*act));
	assert_non_null(act);
	for (l = 0; l < lay->nlines; l++)
		for (i = lay->lines[l].p0[0]; i < lay->lines[l].p1[0]; i++) {
			const struct piece *p = &lay->p[i];
			act[nact].src = p->src_off;
			act[nact].line = l;
			act[nact].role = p->role;
			assert_true(p->text_len < sizeof(act[nact].text));
			memcpy(act[nact].text, lay->text + p->text_off,
			        p->text_len);
			nact++;
		}
	for (r = 0; r < blk->nruns; r++)
		for (g = blk->runs[r].g0; g < blk->runs[r].g1; g = e) {
			for (e = g + 1; e < blk->runs[r].g1 &&
			        (blk->g[e].flags & GLYPH_MARK);
			        e++)
				;
			o = 0;
			/* A mark whose base was notation is drawn on ◌. */
			if (blk->g[g].flags & GLYPH_MARK)
				o += utf8_encode(0x25cc, want);
			for (i = g; i < e; i++)
				o += utf8_encode(blk->g[i].cp, want + o);
			want[o] = '\0';
			if (blk->g[g].flags & GLYPH_PLACEHOLDER) {
				/* A placeholder is one unit: its characters
				 * in order, cut with ">" when too wide. */
				for (e = g + 1; e < blk->runs[r].g1 &&
				        (blk->g[e].flags & GLYPH_PLACEHOLDER) &&
				        blk->g[e].off == blk->g[g].off &&
				        blk->g[e].slen == 0;
				        e++)
					;
				CHECK(c, j < nact && act[j].src == gsrc(blk, g),
				        j < nact ? act[j].line : 0);
				for (i = g;
				        j < nact && act[j].src == gsrc(blk, g);
				        j++, i++) {
					CHECK(c,
					        (i < e &&
					                act[j].text[0] ==
					                        (char)blk->g[i]
					                                .cp &&
					                act[j].role ==
					                        ROLE_PLACEHOLDER) ||
					                (act[j].role == ROLE_CLIPPED &&
					                        strcmp(act[j].text,
					                                ">") ==
					                                0),
					        act[j].line);
				}
				continue;
			}
			if (blk->g[g].flags & GLYPH_TAB) {
				/* a tab: one or more blanks */
				CHECK(c, j < nact && act[j].src == gsrc(blk, g),
				        j < nact ? act[j].line : 0);
				while (j < nact && act[j].src == gsrc(blk, g)) {
					CHECK(c, strcmp(act[j].text, " ") == 0,
					        act[j].line);
					j++;
				}
				continue;
			}
			if (j < nact && act[j].src == gsrc(blk, g) &&
			        (strcmp(act[j].text, want) == 0 ||
			                (act[j].role == ROLE_CLIPPED &&
			                        strcmp(act[j].text, ">") == 0 &&
			                        c->cols < 2))) {
				j++;
				continue;
			}
			/* Only a space may be missing, and only where a
			 * line breaks (or past the end of the last line). */
			CHECK(c, is_space(blk, g), j < nact ? act[j].line : 0);
			CHECK(c,
			        j == nact ||
			                (j > 0 &&
			                        act[j].line != act[j - 1].line),
			        j < nact ? act[j].line : 0);
		}
	CHECK(c, j == nact, nact > 0 ? act[nact - 1].line : 0);
	free(act);
}

static int
no_line_start(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xff0c || cp == 0x3001 || cp == 0xff09 ||
	        cp == 0x300d;
}

/* No line starts with 。，、）」 if the line before could break sooner. */
static void
check_no_bad_line_start(const struct ctx *c)
{
	const struct block *blk = c->blk;
	const struct layout *lay = c->lay;
	const struct binfo *bi = c->bi;
	uint32_t first, prev = 0, m, i;
	size_t l;
	int br = base_row(lay);
	int32_t g;

	for (l = 0; l < lay->nlines; l++) {
		const struct lline *ln = &lay->lines[l];
		const struct piece *p = NULL;
		for (i = ln->p0[br]; i < ln->p1[br]; i++)
			if (lay->p[i].role != ROLE_READING) {
				p = &lay->p[i];
				break;
			}
		if (p == NULL)
			continue;
		g = bi->g_at[p->src_off - blk->span.off];
		CHECK(c, g >= 0, l);
		first = (uint32_t)g;
		if (l > 0 && no_line_start(blk->g[first].cp)) {
			int line_before_could_break_sooner = 0;
			for (m = prev + 1; m < first; m++)
				if (bi->breakable[m] &&
				        bi->brk[bi->gbyte[m]] ==
				                UC_BREAK_POSSIBLE)
					line_before_could_break_sooner = 1;
			CHECK(c, !line_before_could_break_sooner, l);
		}
		prev = first;
	}
}

static void
check_all(const struct binfo *bi, int cols, enum ruby_mode mode, int ambi)
{
	struct ctx c;
	struct layout *lay = lay_of(bi->blk, cols, mode, ambi);
	unsigned long before;

	c.bi = bi;
	c.blk = bi->blk;
	c.lay = lay;
	c.cols = cols;
	c.mode = mode;
	c.ambi = ambi;
	before = violations;
	check_structure(&c);
	if (violations == before) { /* the rest relies on the structure */
		check_line_starts(&c);
		check_widths(&c);
		check_ruby(&c);
		if (mode == RUBY_OFF || mode == RUBY_POPUP)
			check_every_base_char_once(&c);
		if (cols >= 4 || cols == LAYOUT_NOWRAP)
			check_no_bad_line_start(&c);
	}
	layout_free(lay);
}

/* Annotation groups the parser accepted and refused in check_doc(). */
static size_t groups_seen, literal_seen;

/* Check every block of doc at widths lo..hi and without wrapping. */
static size_t
check_doc(struct doc *doc, int lo, int hi, int ambi)
{
	struct block *blk;
	struct binfo bi;
	struct bspan b;
	enum status st;
	size_t nblocks = 0, m;
	int w;

	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		groups_seen += blk->groups;
		literal_seen += blk->literal;
		binfo_init(&bi, blk);
		for (m = 0; m < 4; m++) {
			check_all(&bi, LAYOUT_NOWRAP, all_modes[m], ambi);
			for (w = lo; w <= hi; w++)
				check_all(&bi, w, all_modes[m], ambi);
		}
		binfo_fini(&bi);
		block_free(blk);
		nblocks++;
		st = doc_block_next(doc, &b, &b);
	}
	assert_int_equal(st, STATUS_RANGE);
	return nblocks;
}

/* ---- generated paragraphs ---------------------------------------- */

struct rng {
	uint32_t x;
};

static uint32_t
rnd(struct rng *r, uint32_t n)
{
	r->x = r->x * 1103515245u + 12345u;
	return (r->x >> 16) % n;
}

struct gen {
	char *s;
	size_t len, cap;
};

static void
put(struct gen *g, const char *s)
{
	size_t n = strlen(s);

	if (g->len + n + 1 > g->cap) {
		g->cap = (g->len + n + 1) * 2;
		g->s = realloc(g->s, g->cap);
		assert_non_null(g->s);
	}
	memcpy(g->s + g->len, s, n);
	g->len += n;
	g->s[g->len] = '\0';
}

/* Han characters and readings Unihan has for them. */
static const char *const ruby_pairs[][2] = {
        {"生", "sheng"},
        {"態", "tai"},
        {"環", "huan"},
        {"境", "jing"},
        {"綠", "lv"},
        {"莊", "zhuang"},
        {"雙", "shuang"},
        {"阿", "a"},
        {"的", "de"},
        {"字", "zi4"},
        {"女", "nǚ"},
        {"略", "lue"},
        {"保", "bao"},
        {"發", "fa"},
        {"窗", "chuang"},
        {"一", "yi"},
};
static const char *const han[] = {"山", "東", "省", "政", "府", "新", "聞",
        "辦", "舉", "行", "會", "〇", "々", "𠀀"};
static const char *const punct[] = {"。", "，", "、", "）", "「", "」", ",",
        ".", "!", "(", "“", "”", "—", "：", "？"};
static const char *const odd[] = {
        "\x01",
        "\xff",
        "\xe2\x80\xae",
        "\xc2\x9b",
        "\x7f",
        "\xed\xa0\x80",
        "\xc4\x81",
        "\xc3\xbc",
        "\xef\xbc\xa1",
        "e\xcc\x81",
        "\xcc\x81",
        "\xf0\x9f\x98\x80",
        "\xed\x95\x9c",
        "\xe2\x80\x8b",
        "\xc2\xad",
        "\xe2\x80\xa6",
        "\xce\xb1",
        "\xe3\x81\x82",
        "\r",
        "\xe7\x94",
};

static void
gen_paragraph(struct rng *r, struct gen *g)
{
	uint32_t n = rnd(r, 60), k, j, len;
	char word[64];

	if (rnd(r, 12) == 0)
		return; /* an empty paragraph */
	for (k = 0; k < n; k++) {
		switch (rnd(r, 12)) {
		case 0:
		case 1:
			put(g, han[rnd(r, sizeof(han) / sizeof(han[0]))]);
			break;
		case 2:
		case 3:
		case 4: {
			j = rnd(r, sizeof(ruby_pairs) / sizeof(ruby_pairs[0]));
			int fw = rnd(r, 4) == 0;
			put(g, ruby_pairs[j][0]);
			put(g, fw ? "（" : "(");
			put(g, ruby_pairs[j][1]);
			put(g, fw ? "）" : ")");
			if (rnd(r, 5) == 0) { /* a scraper's repeat */
				put(g, "(");
				put(g, ruby_pairs[j][1]);
				put(g, ")");
			}
			break;
		}
		case 5:
			put(g, "環境(huanjing)");
			break;
		case 6:
			len = 1 + rnd(r, rnd(r, 4) == 0 ? 40 : 10);
			for (j = 0; j < len; j++)
				word[j] = (char)('a' + rnd(r, 26));
			word[len] = '\0';
			put(g, word);
			break;
		case 7:
			put(g, rnd(r, 3) == 0 ? "   " : " ");
			break;
		case 8:
			put(g, "\t");
			break;
		case 9:
			put(g, punct[rnd(r, sizeof(punct) / sizeof(punct[0]))]);
			break;
		case 10:
			put(g, odd[rnd(r, sizeof(odd) / sizeof(odd[0]))]);
			break;
		default:
			put(g, "(EOD)");
			break;
		}
	}
}

static char *
generated(uint32_t seed, int paragraphs, size_t *len)
{
	struct rng r = {seed};
	struct gen g = {NULL, 0, 0};
	int i;

	put(&g, "");
	for (i = 0; i < paragraphs; i++) {
		gen_paragraph(&r, &g);
		put(&g, "\n");
	}
	*len = g.len;
	return g.s;
}

/* ---- tests ---------------------------------------------------------- */
/*
 * Every block of s[0..len): its row as --dump --ruby=off --width=0 writes
 * it (layout_off_row) is the row of its layout, byte for byte; and a parse
 * for the base text alone (base_only) gives the same row as a full one.
 */
static void
check_off_rows(const char *s, size_t len, int ambi)
{
	struct doc_opts opts;
	struct doc *full, *bare;
	struct block *blk, *bblk;
	struct layout *lay;
	struct bspan b, bb;
	static char got[1 << 18], bgot[1 << 18], want[1 << 18];
	size_t n, bn, wn, blocks = 0;

	testlib_doc_opts(&opts);
	opts.ambiwidth = ambi;
	full = testlib_doc_of(s, len, &opts);
	opts.base_only = 1;
	bare = testlib_doc_of(s, len, &opts);
	assert_int_equal(doc_block_at(full, 0, &b), STATUS_OK);
	assert_int_equal(doc_block_at(bare, 0, &bb), STATUS_OK);
	for (;;) {
		assert_int_equal(doc_parse(full, &b, &blk), STATUS_OK);
		assert_int_equal(doc_parse(bare, &bb, &bblk), STATUS_OK);
		lay = lay_of(blk, LAYOUT_NOWRAP, RUBY_OFF, ambi);
		assert_int_equal(lay->nlines, 1);
		wn = layout_row_text(lay, 0, 0, want, sizeof(want));
		n = layout_off_row(blk, ambi, got, sizeof(got));
		bn = layout_off_row(bblk, ambi, bgot, sizeof(bgot));
		assert_true(wn < sizeof(want));
		assert_int_equal(n, wn);
		assert_memory_equal(got, want, wn);
		assert_int_equal(bn, wn);
		assert_memory_equal(bgot, want, wn);
		/* Asked for less room, it counts what it could not write. */
		assert_int_equal(layout_off_row(blk, ambi, got, wn / 2), wn);
		layout_free(lay);
		block_free(blk);
		block_free(bblk);
		blocks++;
		if (doc_block_next(full, &b, &b) != STATUS_OK)
			break;
		assert_int_equal(doc_block_next(bare, &bb, &bb), STATUS_OK);
		assert_int_equal(bb.off, b.off);
	}
	assert_true(blocks > 0);
	doc_free(full);
	doc_free(bare);
}

static void
sample_invariants(int ambi)
{
	size_t len;
	char *s = read_sample(&len);
	struct doc *doc = doc_of(s, len, ambi);

	reset_violations();
	assert_int_equal(check_doc(doc, 1, MAX_WIDTH, ambi), 8);
	doc_free(doc);
	free(s);
	expect_no_violations();
}

static void
off_row_without_a_layout_is_the_layout_row(void **state)
{
	size_t len;
	char *s;
	uint32_t seed;
	int ambi;

	(void)state;
	for (ambi = 1; ambi <= 2; ambi++) {
		s = read_sample(&len);
		check_off_rows(s, len, ambi);
		free(s);
		/* tabs, marks, placeholders, wide and ambiguous characters,
		 * readings kept and dropped, scrapers' repeats */
		for (seed = 1; seed <= 8; seed++) {
			s = generated(seed, 300, &len);
			check_off_rows(s, len, ambi);
			free(s);
		}
	}
}

static void
invariants_hold_for_the_sample(void **state)
{
	(void)state;
	sample_invariants(1);
}

static void
invariants_hold_for_the_sample_at_ambiwidth_2(void **state)
{
	(void)state;
	sample_invariants(2);
}

static void
generated_invariants(uint32_t seed, int paragraphs, int ambi)
{
	size_t len;
	char *s = generated(seed, paragraphs, &len);
	struct doc *doc = doc_of(s, len, ambi);

	reset_violations();
	groups_seen = literal_seen = 0;
	assert_int_equal(
	        check_doc(doc, 1, MAX_WIDTH, ambi), (size_t)paragraphs);
	/* The text is only worth something if the parser accepts many of
	 * its groups as readings and refuses some. */
	assert_true(groups_seen > (size_t)paragraphs);
	assert_true(literal_seen > (size_t)paragraphs / 6);
	doc_free(doc);
	free(s);
	expect_no_violations();
}

static void
invariants_hold_for_generated_paragraphs(void **state)
{
	(void)state;
	generated_invariants(20260101u, 150, 1);
}

static void
invariants_hold_for_generated_text_at_ambiwidth_2(void **state)
{
	(void)state;
	generated_invariants(7u, 60, 2);
}

static void
reading_is_centred_over_its_base(void **state)
{
	(void)state;
	assert_string_equal(rows("生(sheng)", 0, RUBY_ABOVE).s, "shēng| 生");
	assert_string_equal(rows("阿(a)", 0, RUBY_ABOVE).s, "ā|阿");
	assert_string_equal(rows("莊(zhuang)", 0, RUBY_ABOVE).s, "zhuāng|  莊");
	assert_string_equal(
	        rows("環境(huanjing)", 0, RUBY_ABOVE).s, "huán jìng| 環   境");
}

static void
base_is_padded_so_readings_never_touch(void **state)
{
	(void)state;
	assert_string_equal(rows("生(sheng)態(tai)", 0, RUBY_ABOVE).s,
	        "shēng tài| 生   態");
	assert_string_equal(rows("的(de)的(de)的(de)", 0, RUBY_ABOVE).s,
	        "de de de|的 的 的");
	/* Plain text between readings keeps them apart already. */
	assert_string_equal(
	        rows("的(de)山的(de)", 0, RUBY_ABOVE).s, "de  de|的山的");
}

static void
inline_mode_writes_normalised_readings_in_parentheses(void **state)
{
	(void)state;
	assert_string_equal(rows("開發(fa)(fa)(EOD)模式擴綠(lv)(lv)字（zi4）",
	                            0, RUBY_INLINE)
	                            .s,
	        "開發(fā)(EOD)模式擴綠(lǜ)字(zì)");
}

static void
off_and_popup_modes_show_base_text_only(void **state)
{
	(void)state;
	assert_string_equal(
	        rows("開發(fa)(fa)(EOD)模式", 0, RUBY_OFF).s, "開發(EOD)模式");
	assert_string_equal(rows("開發(fa)(fa)(EOD)模式", 0, RUBY_POPUP).s,
	        "開發(EOD)模式");
}

static void
ruby_group_is_never_split(void **state)
{
	(void)state;
	/* 一二 is 4 columns; 莊 with zhuang needs 6 more: all of it moves
	 * to the next line, reading and base together. */
	assert_string_equal(
	        rows("一二莊(zhuang)", 8, RUBY_ABOVE).s, "|一二|zhuāng|  莊");
	assert_string_equal(
	        rows("一二莊(zhuang)", 10, RUBY_INLINE).s, "一二|莊(zhuāng)");
	assert_string_equal(rows("一二莊(zhuang)", 10, RUBY_ABOVE).s,
	        "    zhuāng|一二  莊");
}

static void
unit_wider_than_the_line_is_cut_visibly(void **state)
{
	(void)state;
	assert_string_equal(rows("莊(zhuang)", 4, RUBY_ABOVE).s, "zhu…|莊");
	assert_string_equal(rows("莊(zhuang)", 6, RUBY_INLINE).s, "莊(zh…");
	/* A wide character on a one-column line is a ">" marker. */
	assert_string_equal(rows("山東", 1, RUBY_OFF).s, ">|>");
}

static void
no_line_starts_with_closing_punctuation(void **state)
{
	(void)state;
	/* 。 would start the second line: 四 goes with it. */
	assert_string_equal(
	        rows("一二三四。五六", 8, RUBY_OFF).s, "一二三|四。五六");
	assert_string_equal(
	        rows("一二三四」五六", 8, RUBY_OFF).s, "一二三|四」五六");
	assert_string_equal(
	        rows("一二三四，、五六", 8, RUBY_OFF).s, "一二三|四，、五|六");
}

static void
cjk_breaks_between_characters_and_latin_at_spaces(void **state)
{
	(void)state;
	assert_string_equal(rows("山東省政府", 4, RUBY_OFF).s, "山東|省政|府");
	assert_string_equal(
	        rows("green low carbon", 9, RUBY_OFF).s, "green low|carbon");
	/* A word longer than the line is broken where it must be. */
	assert_string_equal(rows("abcdefghij", 4, RUBY_OFF).s, "abcd|efgh|ij");
}

static void
tab_expands_to_the_next_multiple_of_eight(void **state)
{
	(void)state;
	assert_string_equal(rows("a\tb", 0, RUBY_OFF).s, "a       b");
	assert_string_equal(
	        rows("abcdefgh\tb", 0, RUBY_OFF).s, "abcdefgh        b");
}

static void
empty_block_gives_one_empty_line(void **state)
{
	struct block *blk = block_of("", 1);
	struct layout *lay;
	size_t m;
	int w;

	(void)state;
	assert_int_equal(blk->ng, 0);
	for (m = 0; m < 4; m++)
		for (w = 0; w <= 3; w++) {
			lay = lay_of(blk, w, all_modes[m], 1);
			assert_int_equal(lay->nlines, 1);
			assert_int_equal(lay->np, 0);
			assert_int_equal(lay->lines[0].width, 0);
			assert_string_equal(row(lay, 0, 0).s, "");
			assert_string_equal(
			        row(lay, 0, lay->rows_per_line - 1).s, "");
			layout_free(lay);
		}
	block_free(blk);
	/* A line of invisible characters is empty as well. */
	blk = block_of("\xe2\x80\x8b\xc2\xad", 1);
	lay = lay_of(blk, 10, RUBY_ABOVE, 1);
	assert_int_equal(lay->nlines, 1);
	assert_int_equal(lay->np, 0);
	layout_free(lay);
	block_free(blk);
}

static void
nowrap_gives_one_line_per_block(void **state)
{
	size_t len, m, n = 0;
	char *s = read_sample(&len);
	struct doc *doc = doc_of(s, len, 1);
	struct block *blk;
	struct layout *lay, *wide;
	struct bspan b;
	enum status st;

	(void)state;
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		for (m = 0; m < 4; m++) {
			/* the same single line as on a very wide screen */
			lay = lay_of(blk, LAYOUT_NOWRAP, all_modes[m], 1);
			wide = lay_of(blk, 100000, all_modes[m], 1);
			assert_int_equal(lay->nlines, 1);
			assert_int_equal(wide->nlines, 1);
			assert_int_equal(
			        lay->lines[0].width, wide->lines[0].width);
			assert_true(lay->lines[0].width >= 20);
			assert_string_equal(
			        row(lay, 0, 0).s, row(wide, 0, 0).s);
			assert_string_equal(
			        row(lay, 0, lay->rows_per_line - 1).s,
			        row(wide, 0, wide->rows_per_line - 1).s);
			layout_free(lay);
			layout_free(wide);
		}
		block_free(blk);
		n++;
		st = doc_block_next(doc, &b, &b);
	}
	assert_int_equal(n, 8);
	doc_free(doc);
	free(s);
}

static void
off_mode_shows_the_sample_with_readings_removed(void **state)
{
	size_t len, r, o;
	char *s = read_sample(&len);
	struct doc *doc = doc_of(s, len, 1);
	struct block *blk;
	struct layout *lay;
	struct bspan b;
	enum status st;
	char *want, *got;
	uint32_t g;

	(void)state;
	want = malloc(len * 2 + 1);
	got = malloc(len * 2 + 1);
	assert_true(want && got);
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		for (o = 0, r = 0; r < blk->nruns; r++)
			for (g = blk->runs[r].g0; g < blk->runs[r].g1; g++)
				o += (size_t)utf8_encode(
				        blk->g[g].cp, want + o);
		want[o] = '\0';
		lay = lay_of(blk, LAYOUT_NOWRAP, RUBY_OFF, 1);
		layout_row_text(lay, 0, 0, got, len * 2 + 1);
		assert_string_equal(got, want);
		layout_free(lay);
		block_free(blk);
		st = doc_block_next(doc, &b, &b);
	}
	free(want);
	free(got);
	doc_free(doc);
	free(s);
}

/* Check the invariants on text s at widths 0..hi in every mode. */
static void
invariants_of(const char *s, int hi, int ambi)
{
	struct block *blk = block_of(s, ambi);
	struct binfo bi;
	size_t m;
	int w;

	reset_violations();
	binfo_init(&bi, blk);
	for (m = 0; m < 4; m++)
		for (w = 0; w <= hi; w++)
			check_all(&bi, w, all_modes[m], ambi);
	binfo_fini(&bi);
	block_free(blk);
	expect_no_violations();
}

static void
cut_marker_is_as_wide_as_drawn_with_ambiwidth_2(void **state)
{
	(void)state;
	/* "…" is East Asian Ambiguous: 2 columns with ambiwidth 2, so a
	 * reading cut on a narrow line must leave room for 2. */
	assert_int_equal(utf8_cp_cols(0x2026, 2), 2);
	invariants_of("莊(zhuang)", 8, 2);
}

static void
space_before_closing_punctuation_is_no_break(void **state)
{
	(void)state;
	/* UAX #14 forbids a break between a space and 」 (LB13/LB16): the
	 * line breaks before 五 instead, and 」 never starts a line. */
	assert_string_equal(
	        rows("一二三四五 」六", 10, RUBY_OFF).s, "一二三四|五 」六");
	invariants_of("一二三四五 」六。七八九十 ，", 14, 1);
}

static void
combining_mark_after_a_group_is_kept_visible(void **state)
{
	struct text t;

	(void)state;
	/* The mark was written after ")", which the notation removes: it
	 * has nothing to combine with any more. It must neither vanish,
	 * nor land on 生, nor be a piece of no width between two rubies
	 * (which let their readings touch). */
	t = rows("生(sheng)\xcc\x81x", 0, RUBY_OFF);
	assert_non_null(strstr(t.s, "\xcc\x81"));
	assert_true(strncmp(t.s, "生\xcc\x81", strlen("生\xcc\x81")) != 0);
	invariants_of("生(sheng)\xcc\x81態(tai)\t \xcc\x81環(huan)", 12, 1);
}

static void
bare_mark_is_as_wide_as_its_dotted_circle_at_ambiwidth_2(void **state)
{
	/* Found by the layout fuzzer (tests/fuzz/crashers/layout/): the ◌ a
	 * bare mark is drawn on is East Asian Ambiguous, 2 columns at
	 * --ambiwidth=2, but was counted as 1, so what followed it was
	 * drawn over it and rows could overflow. */
	struct block *blk = block_of("生(sheng)\xcc\x84x", 2);
	struct layout *lay;
	size_t i;
	int found = 0;

	(void)state;
	assert_int_equal(
	        layout_block(blk, LAYOUT_NOWRAP, RUBY_OFF, 2, &lay), STATUS_OK);
	for (i = 0; i < lay->np; i++) {
		if (lay->p[i].text_len == 1 &&
		        lay->text[lay->p[i].text_off] == 'x') {
			assert_int_equal(lay->p[i].col, 2 + 2);
			found = 1;
		} else if (lay->p[i].col == 2) {
			assert_int_equal(lay->p[i].cols, 2);
		}
	}
	assert_true(found);
	layout_free(lay);
	block_free(blk);
}

static void
lines_start_at_distinct_bytes_in_a_cut_placeholder(void **state)
{
	(void)state;
	/* "<U+202E>" is 8 columns: on narrower lines it is cut, and every
	 * line must still start at its own byte, or the view (which keeps
	 * its place as a byte offset) cannot show each line at the top. */
	invariants_of("ab\xe2\x80\xae"
	              "cd",
	        9, 1);
}

static void
line_at_finds_the_line_holding_a_byte(void **state)
{
	struct block *blk = block_of("山東省政府新聞辦", 1);
	struct layout *lay = lay_of(blk, 4, RUBY_OFF, 1);

	(void)state;
	assert_int_equal(lay->nlines, 4);
	assert_int_equal(layout_line_at(lay, 0), 0);
	assert_int_equal(layout_line_at(lay, 5), 0);
	assert_int_equal(layout_line_at(lay, 6), 1);
	assert_int_equal(layout_line_at(lay, 23), 3);
	assert_int_equal(layout_line_at(lay, 1000), 3);
	layout_free(lay);
	block_free(blk);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(invariants_hold_for_the_sample),
	        cmocka_unit_test(off_row_without_a_layout_is_the_layout_row),
	        cmocka_unit_test(invariants_hold_for_the_sample_at_ambiwidth_2),
	        cmocka_unit_test(invariants_hold_for_generated_paragraphs),
	        cmocka_unit_test(
	                invariants_hold_for_generated_text_at_ambiwidth_2),
	        cmocka_unit_test(reading_is_centred_over_its_base),
	        cmocka_unit_test(base_is_padded_so_readings_never_touch),
	        cmocka_unit_test(
	                inline_mode_writes_normalised_readings_in_parentheses),
	        cmocka_unit_test(off_and_popup_modes_show_base_text_only),
	        cmocka_unit_test(ruby_group_is_never_split),
	        cmocka_unit_test(unit_wider_than_the_line_is_cut_visibly),
	        cmocka_unit_test(no_line_starts_with_closing_punctuation),
	        cmocka_unit_test(
	                cjk_breaks_between_characters_and_latin_at_spaces),
	        cmocka_unit_test(tab_expands_to_the_next_multiple_of_eight),
	        cmocka_unit_test(empty_block_gives_one_empty_line),
	        cmocka_unit_test(nowrap_gives_one_line_per_block),
	        cmocka_unit_test(
	                off_mode_shows_the_sample_with_readings_removed),
	        cmocka_unit_test(
	                cut_marker_is_as_wide_as_drawn_with_ambiwidth_2),
	        cmocka_unit_test(space_before_closing_punctuation_is_no_break),
	        cmocka_unit_test(combining_mark_after_a_group_is_kept_visible),
	        cmocka_unit_test(
	                lines_start_at_distinct_bytes_in_a_cut_placeholder),
	        cmocka_unit_test(line_at_finds_the_line_holding_a_byte),
	        cmocka_unit_test(
	                bare_mark_is_as_wide_as_its_dotted_circle_at_ambiwidth_2),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
