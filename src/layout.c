/*
 * layout.c: block -> visual lines (see layout.h).
 *
 * Three passes: (1) units: a ruby run is one unit (never split), every
 * other cluster is a unit of its own, each with the break opportunity
 * before it from u8_possible_linebreaks() over the base text; (2) greedy
 * line filling that falls back to the last opportunity on the line; (3)
 * placement of pieces, readings centred over their bases.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "layout.h"
#include "zhuyin.h"

struct unit {
	uint32_t g0, g1; /* base glyphs */
	int run;         /* run index, or -1 */
	int bcols;       /* base columns (tab: 0, computed at placement) */
	int rcols;       /* reading columns (ruby only) */
	uint8_t brk;     /* a line may break before this unit */
	uint8_t ruby;    /* unit has a reading */
	uint8_t tab;
	uint8_t space; /* a plain space: may be dropped at a line end */
	int gap;       /* blank after the unit (above mode) */
};

/* A ruby run's reading in the style asked for. */
struct rdtext {
	const char *s; /* the block's text (marks), or buf */
	size_t len;
	char buf[40];
};

struct lb {
	struct layout *lay;
	size_t pcap, tcap, lcap;
	int failed;
	int ambi;
	const struct rdtext *rt; /* per run (ruby runs only) */
};

static void *
grow(void *p, size_t *cap, size_t need, size_t size, int *failed)
{
	size_t ncap;
	void *np;

	if (need <= *cap)
		return p;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	np = realloc(p, ncap * size);
	if (np == NULL) {
		*failed = 1;
		return p;
	}
	*cap = ncap;
	return np;
}

/* Add a piece drawing s[0..len) at `col` of the current line. */
static void
add_piece(struct lb *b, size_t src_off, const char *s, size_t len, int cols,
        int role, int col, int row)
{
	struct layout *lay = b->lay;
	struct piece *pc;
	size_t i;

	if (len > 255)
		len = 255;
	if (lay->np + 1 > b->pcap)
		lay->p = grow(lay->p, &b->pcap, lay->np + 1, sizeof(*lay->p),
		        &b->failed);
	if (lay->text_len + len > b->tcap)
		lay->text = grow(lay->text, &b->tcap, lay->text_len + len, 1,
		        &b->failed);
	if (b->failed)
		return;
	pc = &lay->p[lay->np++];
	pc->src_off = src_off;
	pc->text_off = (uint32_t)lay->text_len;
	pc->text_len = (uint8_t)len;
	pc->cols = (uint8_t)cols;
	pc->role = (uint8_t)role;
	pc->row = (uint8_t)row;
	pc->flags = 0;
	pc->tone = 0;
	pc->col = col;
	/* A few bytes: a loop, not the "rep movsb" an inlined memcpy()
	 * of unknown size becomes (see group_at() in parse.c). */
	for (i = 0; i < len; i++)
		lay->text[lay->text_len + i] = s[i];
	lay->text_len += len;
}

/* Glyphs [g, *end) form one cluster: a glyph and its marks. */
static size_t
cluster_end(const struct block *blk, size_t g, size_t lim)
{
	size_t first = g;

	g++;
	if (blk->g[first].flags & GLYPH_PLACEHOLDER) {
		/* A placeholder such as "<U+202E>" is one unbreakable unit. */
		while (g < lim && (blk->g[g].flags & GLYPH_PLACEHOLDER) &&
		        blk->g[g].off == blk->g[first].off &&
		        blk->g[g].slen == 0)
			g++;
		return g;
	}
	while (g < lim && (blk->g[g].flags & GLYPH_MARK))
		g++;
	return g;
}

/* A cluster that starts with a mark (its base was notation): on ◌. */
static int
bare_mark(const struct block *blk, size_t g)
{
	return (blk->g[g].flags & GLYPH_MARK) != 0;
}

/* The ◌ a bare mark is drawn on is East Asian Ambiguous: `ambi` columns. */
static int
cluster_cols(const struct block *blk, size_t g0, size_t g1, int ambi)
{
	int c = bare_mark(blk, g0) ? utf8_cp_cols(0x25cc, ambi) : 0;

	for (; g0 < g1; g0++)
		c += blk->g[g0].cols;
	return c;
}

/* Place the base glyphs [g0, g1) from column `col`; returns the end col. */
static int
place_base(struct lb *b, const struct block *blk, size_t g0, size_t g1, int col,
        int row, int role, int maxcol)
{
	char buf[4 * (UTF8_MARKS_MAX + 2)];
	size_t g, e, k, o, src;
	int c, r;

	for (g = g0; g < g1; g = e) {
		e = cluster_end(blk, g, g1);
		c = cluster_cols(blk, g, e, b->ambi);
		src = blk->span.off + blk->g[g].off;
		if (blk->g[g].flags & GLYPH_PLACEHOLDER) {
			/* One piece per character; cut with ">" if needed. */
			for (k = g; k < e && col < maxcol; k++, col++) {
				if (col + 1 == maxcol && k + 1 < e) {
					add_piece(b, src, ">", 1, 1,
					        ROLE_CLIPPED, col, row);
					col = maxcol;
					break;
				}
				buf[0] = (char)blk->g[k].cp;
				add_piece(b, src, buf, 1, 1, ROLE_PLACEHOLDER,
				        col, row);
			}
			continue;
		}
		r = role;
		if (col + c > maxcol) {
			/* A wide character on a 1-column line. */
			if (col < maxcol)
				add_piece(b, src, ">", 1, 1, ROLE_CLIPPED, col,
				        row);
			col = maxcol;
			continue;
		}
		o = 0;
		if (bare_mark(blk, g))
			o += (size_t)utf8_encode(0x25cc, buf);
		for (k = g; k < e; k++)
			o += (size_t)utf8_encode(blk->g[k].cp, buf + o);
		add_piece(b, src, buf, o, c, r, col, row);
		col += c;
	}
	return col;
}

/* Place UTF-8 text s[0..len) from `col`, cut with "…" at maxcol. */
static int
place_text(struct lb *b, size_t src_off, const char *s, size_t len, int col,
        int maxcol, int role, int row)
{
	int ecols = utf8_cp_cols(0x2026, b->ambi), limit = maxcol, n, c;
	size_t i = 0;
	uint32_t cp;

	if (col + utf8_str_cols(s, len, b->ambi) > maxcol)
		limit = maxcol - ecols; /* leave room for the ellipsis */
	while (i < len) {
		n = utf8_next(s + i, len - i, &cp);
		if (n < 0) { /* cannot happen: readings are built clean */
			i++;
			continue;
		}
		c = utf8_cp_cols(cp, b->ambi);
		if (c > 0 && col + c > limit)
			break;
		if (c > 0) {
			add_piece(b, src_off, s + i, (size_t)n, c, role, col,
			        row);
			col += c;
		}
		i += (size_t)n;
	}
	if (i < len) {
		if (col + ecols <= maxcol)
			add_piece(b, src_off, "\xe2\x80\xa6", 3, ecols,
			        ROLE_CLIPPED, col, row);
		else if (col < maxcol) /* no room for "…": a 1-column mark */
			add_piece(
			        b, src_off, ">", 1, 1, ROLE_CLIPPED, col, row);
		return maxcol;
	}
	return col;
}

static int
unit_width(const struct unit *u, enum ruby_mode mode, int col)
{
	if (u->tab)
		return 8 - col % 8;
	if (!u->ruby)
		return u->bcols;
	switch (mode) {
	case RUBY_ABOVE:
		return (u->rcols > u->bcols ? u->rcols : u->bcols) + u->gap;
	case RUBY_INLINE:
		return u->bcols + u->rcols + 2;
	case RUBY_POPUP:
	case RUBY_OFF:
		break;
	}
	return u->bcols;
}

/* Build the units of blk with their break opportunities. */
static struct unit *
make_units(const struct block *blk, enum ruby_mode mode, int ambi, int wrap,
        const struct known *known, const struct rdtext *rt, size_t *nu)
{
	struct unit *u;
	char *s, *brk;
	size_t r, g, e, n = 0, o = 0, k;
	uint32_t *gbyte;

	u = calloc(blk->ng + 1, sizeof(*u));
	if (u == NULL)
		return NULL;
	s = brk = NULL;
	gbyte = NULL;
	if (wrap) {
		/* Base text of the block, and each glyph's byte in it. */
		s = malloc(blk->ng * 4 + 1);
		brk = malloc(blk->ng * 4 + 1);
		gbyte = malloc((blk->ng + 1) * sizeof(*gbyte));
		if (s == NULL || brk == NULL || gbyte == NULL) {
			free(u);
			free(s);
			free(brk);
			free(gbyte);
			return NULL;
		}
		for (r = 0; r < blk->nruns; r++)
			for (g = blk->runs[r].g0; g < blk->runs[r].g1; g++) {
				gbyte[g] = (uint32_t)o;
				o += (size_t)utf8_encode(blk->g[g].cp, s + o);
			}
		if (o > 0)
			u8_possible_linebreaks(
			        (const uint8_t *)s, o, "UTF-8", brk);
	}
	for (r = 0; r < blk->nruns; r++) {
		const struct run *run = &blk->runs[r];
		/* A known character's reading is left out: plain text. */
		if ((run->flags & RUN_RUBY) &&
		        !(mode != RUBY_POPUP && run->g1 == run->g0 + 1 &&
		                known_has(known, blk->g[run->g0].cp))) {
			u[n].g0 = run->g0;
			u[n].g1 = run->g1;
			u[n].run = (int)r;
			u[n].ruby = 1;
			u[n].bcols = cluster_cols(blk, run->g0, run->g1, ambi);
			/* Only drawn readings are measured (rt: NULL). */
			u[n].rcols = rt == NULL
			        ? 0
			        : utf8_str_cols(rt[r].s, rt[r].len, ambi);
			u[n].brk = wrap &&
			        brk[gbyte[run->g0]] == UC_BREAK_POSSIBLE;
			n++;
			continue;
		}
		for (g = run->g0; g < run->g1; g = e) {
			e = cluster_end(blk, g, run->g1);
			u[n].g0 = (uint32_t)g;
			u[n].g1 = (uint32_t)e;
			u[n].run = -1;
			u[n].bcols = cluster_cols(blk, g, e, ambi);
			u[n].tab = (blk->g[g].flags & GLYPH_TAB) != 0;
			u[n].space = blk->g[g].cp == ' ' && !u[n].tab &&
			        !(blk->g[g].flags & GLYPH_PLACEHOLDER);
			/* Not wrapping, no break is ever taken. */
			u[n].brk = wrap && brk[gbyte[g]] == UC_BREAK_POSSIBLE;
			n++;
		}
	}
	/* Neighbouring readings never touch: pad a unit whose reading is
	 * at least as wide as its base when another reading follows. */
	if (mode == RUBY_ABOVE)
		for (k = 0; k + 1 < n; k++)
			if (u[k].ruby && u[k + 1].ruby &&
			        u[k].rcols >= u[k].bcols)
				u[k].gap = 1;
	free(s);
	free(brk);
	free(gbyte);
	*nu = n;
	return u;
}

/* Does the run of spaces at unit k end where a line may break? */
static int
space_breaks(const struct unit *u, size_t nu, size_t k)
{
	while (k < nu && u[k].space)
		k++;
	return k == nu || u[k].brk;
}

static void
new_line(struct lb *b, size_t src_off)
{
	struct layout *lay = b->lay;
	struct lline *l;

	lay->lines = grow(lay->lines, &b->lcap, lay->nlines + 1,
	        sizeof(*lay->lines), &b->failed);
	if (b->failed)
		return;
	l = &lay->lines[lay->nlines++];
	memset(l, 0, sizeof(*l));
	l->src_off = src_off;
}

/* Pieces [p0, np) show the reading of `run`: its tone, and a guess. */
static void
mark_reading(struct layout *lay, const struct run *run, uint32_t p0)
{
	uint32_t i;

	for (i = p0; i < lay->np; i++) {
		lay->p[i].tone = run->syl.tone;
		if (run->flags & RUN_GUESS)
			lay->p[i].flags |= PIECE_GUESS;
	}
}

/* Place units [u0, u1) as the current line. */
static void
place_line(struct lb *b, const struct block *blk, const struct unit *u,
        size_t u0, size_t u1, int maxcol)
{
	struct layout *lay = b->lay;
	struct lline *l = &lay->lines[lay->nlines - 1];
	int brow = lay->mode == RUBY_ABOVE ? 1 : 0;
	int col = 0, w, area, bc, rc, x, bx, rx;
	uint32_t start = (uint32_t)lay->np;
	const struct run *run;
	size_t k, src;
	struct piece *tmp;
	uint32_t i, j, nb;

	for (k = u0; k < u1; k++) {
		w = unit_width(&u[k], lay->mode, col);
		if (col >= maxcol)
			break;
		src = blk->span.off + blk->g[u[k].g0].off;
		if (u[k].tab) {
			for (x = 0; x < w && col + x < maxcol; x++)
				add_piece(b, src, " ", 1, 1, ROLE_TEXT, col + x,
				        brow);
		} else if (!u[k].ruby) {
			place_base(b, blk, u[k].g0, u[k].g1, col, brow,
			        ROLE_TEXT, maxcol);
		} else {
			run = &blk->runs[u[k].run];
			bc = u[k].bcols;
			rc = u[k].rcols;
			if (lay->mode == RUBY_ABOVE) {
				area = rc > bc ? rc : bc;
				bx = col + (area - bc) / 2;
				rx = col + (area - rc) / 2;
				if (area > maxcol -
				                col) { /* wider than the line */
					bx = col;
					rx = col;
				}
				place_base(b, blk, u[k].g0, u[k].g1, bx, brow,
				        ROLE_RUBY_BASE, maxcol);
				i = (uint32_t)lay->np;
				place_text(b, src, b->rt[u[k].run].s,
				        b->rt[u[k].run].len, rx, maxcol,
				        ROLE_READING, 0);
				mark_reading(lay, run, i);
			} else if (lay->mode == RUBY_INLINE) {
				x = place_base(b, blk, u[k].g0, u[k].g1, col,
				        brow, ROLE_RUBY_BASE, maxcol);
				x = place_text(b, src, "(", 1, x, maxcol,
				        ROLE_READING, brow);
				i = (uint32_t)lay->np;
				x = place_text(b, src, b->rt[u[k].run].s,
				        b->rt[u[k].run].len, x, maxcol,
				        ROLE_READING, brow);
				mark_reading(lay, run, i);
				place_text(b, src, ")", 1, x, maxcol,
				        ROLE_READING, brow);
			} else {
				place_base(b, blk, u[k].g0, u[k].g1, col, brow,
				        lay->mode == RUBY_POPUP ? ROLE_RUBY_BASE
				                                : ROLE_TEXT,
				        maxcol);
			}
		}
		col += w;
	}
	if (b->failed)
		return;
	l = &lay->lines[lay->nlines - 1];
	/* Readings (row 0) before base text (row 1), each in column order:
	 * a stable partition of the pieces placed for this line. */
	nb = 0;
	for (i = start; i < lay->np; i++)
		nb += lay->p[i].row == 0;
	if (brow == 1 && nb > 0 && nb < lay->np - start) {
		tmp = malloc((lay->np - start) * sizeof(*tmp));
		if (tmp == NULL) {
			b->failed = 1;
			return;
		}
		j = 0;
		for (i = start; i < lay->np; i++)
			if (lay->p[i].row == 0)
				tmp[j++] = lay->p[i];
		for (i = start; i < lay->np; i++)
			if (lay->p[i].row != 0)
				tmp[j++] = lay->p[i];
		memcpy(lay->p + start, tmp, j * sizeof(*tmp));
		free(tmp);
	}
	if (brow == 0)
		nb = lay->np - start;
	l->p0[0] = start;
	l->p1[0] = start + nb;
	l->p0[1] = start + nb;
	l->p1[1] = brow == 1 ? (uint32_t)lay->np : start + nb;
	l->width = 0;
	for (i = start; i < lay->np; i++)
		if (lay->p[i].col + lay->p[i].cols > l->width)
			l->width = lay->p[i].col + lay->p[i].cols;
}

enum status
layout_block(const struct block *blk, int cols, enum ruby_mode mode,
        int ambiwidth, struct layout **out)
{
	return layout_block_ex(blk, cols, mode, ambiwidth, NULL, out);
}

size_t
layout_reading(const struct block *blk, const struct run *run,
        enum reading_style style, char *buf, size_t bufsize)
{
	size_t len = 0;

	if (bufsize == 0)
		return 0;
	if (run->syl.s[0] != '\0') {
		if (style == READING_ZHUYIN)
			len = zhuyin_format(&run->syl, buf, bufsize);
		else if (style == READING_NUMBERS)
			len = pinyin_format(
			        &run->syl, PINYIN_NUMBERS, buf, bufsize);
		else if (style == READING_PLAIN)
			len = pinyin_format(
			        &run->syl, PINYIN_PLAIN, buf, bufsize);
	}
	if (len == 0) { /* marks, or no other spelling */
		len = run->rd_len < bufsize ? run->rd_len : bufsize - 1;
		memcpy(buf, blk->text + run->rd_off, len);
		buf[len] = '\0';
	}
	return len;
}

/* The readings of blk's ruby runs in `style` (NULL: out of memory). */
static struct rdtext *
make_readings(const struct block *blk, enum reading_style style)
{
	struct rdtext *rt = calloc(blk->nruns + 1, sizeof(*rt));
	const struct run *run;
	size_t r;

	if (rt == NULL)
		return NULL;
	for (r = 0; r < blk->nruns; r++) {
		run = &blk->runs[r];
		if (!(run->flags & RUN_RUBY))
			continue;
		if (style == READING_MARKS) { /* as parsed: no copy */
			rt[r].s = blk->text + run->rd_off;
			rt[r].len = run->rd_len;
		} else {
			rt[r].s = rt[r].buf;
			rt[r].len = layout_reading(
			        blk, run, style, rt[r].buf, sizeof(rt[r].buf));
		}
	}
	return rt;
}

enum status
layout_block_ex(const struct block *blk, int cols, enum ruby_mode mode,
        int ambiwidth, const struct layout_extra *x, struct layout **out)
{
	const struct known *known = x != NULL ? x->known : NULL;
	struct rdtext *rt = NULL;
	struct layout *lay;
	struct lb b;
	struct unit *u = NULL;
	size_t nu = 0, ls, k, end, lb;
	int maxcol, col, w;
	int drawn = mode == RUBY_ABOVE || mode == RUBY_INLINE;

	if (cols < 0)
		return STATUS_RANGE;
	maxcol = cols == LAYOUT_NOWRAP ? INT_MAX / 2 : cols;
	lay = calloc(1, sizeof(*lay));
	/* Readings are written out only in the modes that draw them. */
	if (drawn)
		rt = make_readings(blk, x != NULL ? x->style : READING_MARKS);
	if (lay == NULL || (drawn && rt == NULL)) {
		free(lay);
		free(rt);
		return STATUS_NOMEM;
	}
	lay->span = blk->span;
	lay->cols = cols;
	lay->mode = mode;
	lay->rows_per_line = mode == RUBY_ABOVE ? 2 : 1;
	memset(&b, 0, sizeof(b));
	b.lay = lay;
	b.ambi = ambiwidth;
	/* Room for one piece per glyph, and its bytes, for most blocks. */
	b.pcap = blk->ng + 16;
	b.tcap = blk->span.end - blk->span.off + 64;
	lay->p = malloc(b.pcap * sizeof(*lay->p));
	lay->text = malloc(b.tcap);
	if (lay->p == NULL || lay->text == NULL) {
		layout_free(lay);
		free(rt);
		return STATUS_NOMEM;
	}
	b.rt = rt;
	if (blk->ng > 0) {
		u = make_units(blk, mode, ambiwidth, cols != LAYOUT_NOWRAP,
		        known, rt, &nu);
		if (u == NULL) {
			layout_free(lay);
			free(rt);
			return STATUS_NOMEM;
		}
	}
	if (nu == 0)
		new_line(&b, blk->span.off);
	for (ls = 0; ls < nu && !b.failed;) {
		col = 0;
		end = nu;
		lb = ls;
		for (k = ls; k < nu; k++) {
			w = unit_width(&u[k], mode, col);
			if (k > ls && u[k].brk)
				lb = k;
			if (col + w > maxcol) {
				if (k == ls)
					end = k + 1; /* alone and too wide */
				else if (u[k].space && space_breaks(u, nu, k))
					end = k;
				else
					end = lb > ls ? lb : k;
				break;
			}
			col += w;
		}
		new_line(&b,
		        ls == 0 ? blk->span.off
		                : blk->span.off + blk->g[u[ls].g0].off);
		if (b.failed)
			break;
		place_line(&b, blk, u, ls, end, maxcol);
		/* Spaces where a line breaks are not carried to the next. */
		while (end < nu && end > ls && u[end].space)
			end++;
		ls = end;
	}
	free(u);
	free(rt);
	if (b.failed) {
		layout_free(lay);
		return STATUS_NOMEM;
	}
	*out = lay;
	return STATUS_OK;
}

void
layout_free(struct layout *lay)
{
	if (lay == NULL)
		return;
	free(lay->lines);
	free(lay->p);
	free(lay->text);
	free(lay);
}

size_t
layout_line_at(const struct layout *lay, size_t off)
{
	size_t lo = 0, hi = lay->nlines, mid;

	/* The last line with src_off <= off (line 0 if none). */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (lay->lines[mid].src_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t
layout_row_text(const struct layout *lay, size_t line, int row, char *buf,
        size_t bufsize)
{
	const struct lline *l = &lay->lines[line];
	const struct piece *pc;
	size_t o = 0, k;
	uint32_t i;
	int col = 0;

	if (bufsize > 0)
		buf[0] = '\0';
	if (row < 0 || row >= lay->rows_per_line)
		return 0;
	for (i = l->p0[row]; i < l->p1[row]; i++) {
		pc = &lay->p[i];
		for (; col < pc->col; col++) {
			if (o + 1 < bufsize)
				buf[o] = ' ';
			o++;
		}
		if (o + pc->text_len < bufsize) /* a few bytes: a loop */
			for (k = 0; k < pc->text_len; k++)
				buf[o + k] = lay->text[pc->text_off + k];
		o += pc->text_len;
		col = pc->col + pc->cols;
	}
	if (bufsize > 0)
		buf[o < bufsize ? o : bufsize - 1] = '\0';
	return o;
}

size_t
layout_off_row(
        const struct block *blk, int ambiwidth, char *buf, size_t bufsize)
{
	char enc[4];
	size_t r, g, e, k, o = 0;
	int col = 0, w, n, i;

#define PUT(ch) (o < bufsize ? (void)(buf[o] = (ch)) : (void)0, o++)
	/* As make_units() and place_line(): a run with a reading is one
	 * unit, placed cluster by cluster (place_base); plain text is a
	 * unit per cluster, and a tab goes to the next multiple of 8. */
	for (r = 0; r < blk->nruns; r++) {
		const struct run *run = &blk->runs[r];

		for (g = run->g0; g < run->g1; g = e) {
			e = cluster_end(blk, g, run->g1);
			if (!(run->flags & RUN_RUBY) &&
			        (blk->g[g].flags & GLYPH_TAB)) {
				for (w = 8 - col % 8; w > 0; w--, col++)
					PUT(' ');
				continue;
			}
			if (blk->g[g].flags & GLYPH_PLACEHOLDER) {
				for (k = g; k < e; k++, col++)
					PUT((char)blk->g[k].cp);
				continue;
			}
			if (bare_mark(blk, g)) {
				n = utf8_encode(0x25cc, enc);
				for (i = 0; i < n; i++)
					PUT(enc[i]);
			}
			for (k = g; k < e; k++) {
				n = utf8_encode(blk->g[k].cp, enc);
				for (i = 0; i < n; i++)
					PUT(enc[i]);
			}
			col += cluster_cols(blk, g, e, ambiwidth);
		}
	}
#undef PUT
	return o;
}
