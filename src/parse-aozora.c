/*
 * parse-aozora.c: Aozora Bunko notation, FORMATS.md §3.
 *
 * Two passes over a block's glyphs.
 *
 * 1. Notes. Every note "［＃…］" (brackets nest) leaves the glyph array:
 *    the array is compacted in place, so nothing of a note is drawn or
 *    searched. A gaiji note ("※［＃「木＋吶のつくり」、第3水準1-85-54］",
 *    "※［＃「口＋世」、U+546D、…］", "※［＃二の字点、1-2-22］", or the note
 *    alone with 第N水準 or U+) becomes one glyph: the character from the
 *    JIS X 0213 table (gaiji.h) or the code given, spanning the note's
 *    bytes; without either, the description in 「」 is shown (〓 when
 *    there is none). In "〔E'tude〕" (an accent decomposition, at most
 *    ACCENT_MAX glyphs on one line) each letter and mark becomes the
 *    accented letter (aozora2html's accent table: É); the 〔〕 stay.
 *    Characters that come from a gaiji note are literal:
 *    the escapes "※［＃始め二重山括弧、1-1-52］" (《) and the like are text,
 *    never notation. A heading note ("［＃「…」は中見出し］",
 *    "［＃大見出し］…［＃大見出し終わり］"; 大, 中 or 小) sets
 *    blk->heading for outline.c; "［＃ここから中見出し］" sets
 *    blk->heading_below (its title is the next line), and the closing
 *    "［＃ここで中見出し終わり］" is dropped like every other layout or
 *    emphasis note. The empty
 *    note "［＃］" (the header legend explains it) stays text. A note
 *    "［＃「X」に「Y」のルビ］" (or の注記, or の左に: left ruby and side
 *    notes such as ママ) gives X the reading Y when X is the text just
 *    before it and has no reading yet: a terminal has one place for a
 *    reading, above.
 * 2. Ruby, on what is left. "｜base《reading》": the base is what lies
 *    between the last ｜ and 《; without ｜, the run of characters of one
 *    class ending at 《 (aozora2html's rule: kanji, including 々〆〇ヶ仝 and
 *    gaiji; hiragana; katakana; full-width letters and digits; half-width
 *    letters, digits and #$%&',). The reading runs to the matching 》
 *    (《 》 nest inside it; at most READING_MAX glyphs, as a note has at
 *    most NOTE_MAX: longer ones are text, so that work stays linear).
 *    "《》", a 《 with nothing of one class before
 *    it, or no 》 on the line: text. A ｜ that no 《 follows stays text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gaiji.h"
#include "parse-int.h"

#define NONE ((size_t)-1)
#define NOTE_MAX 1024   /* glyphs in one note, at most */
#define READING_MAX 512 /* glyphs in one 《reading》, at most */
#define ACCENT_MAX 64   /* glyphs in one 〔accent decomposition〕 */

enum cls { C_NONE, C_MARK, C_KANJI, C_HIRA, C_KATA, C_ZEN, C_HAN };

#define SIDES_MAX 32   /* note rubies in one block */
#define SIDE_TEXT 2048 /* bytes of their readings */

/* Readings that notes give the text before them (pass 1 -> pass 2). */
struct sides {
	struct side {
		size_t g0, g1;   /* the base, compacted glyph indices */
		size_t off, len; /* its reading in text[] */
	} side[SIDES_MAX];
	size_t n;
	char text[SIDE_TEXT];
	size_t text_len;
};

static int
is(const struct glyph *g, uint32_t cp)
{
	return g->cp == cp && !(g->flags & GLYPH_PLACEHOLDER);
}

/* Index of the ］ closing the ［ at g[i] (within NOTE_MAX), or NONE. */
static size_t
note_end(const struct glyph *g, size_t n, size_t i)
{
	size_t depth = 0, lim = n - i > NOTE_MAX ? i + NOTE_MAX : n;

	for (n = lim; i < n; i++) {
		if (is(&g[i], 0xff3b))
			depth++;
		else if (is(&g[i], 0xff3d) && --depth == 0)
			return i;
	}
	return NONE;
}

/* Does g[a..b) contain the code points of UTF-8 string s? */
static int
contains(const struct glyph *g, size_t a, size_t b, const char *s)
{
	uint32_t want[16];
	size_t k, nw = 0, i;
	int len;

	while (*s != '\0' && nw < 16) {
		len = utf8_next(s, strlen(s), &want[nw]);
		if (len <= 0)
			return 0;
		s += len;
		nw++;
	}
	for (i = a; i + nw <= b; i++) {
		for (k = 0; k < nw && is(&g[i + k], want[k]); k++)
			;
		if (k == nw)
			return 1;
	}
	return 0;
}

static int
digit(const struct glyph *g)
{
	return g->cp >= '0' && g->cp <= '9' ? (int)(g->cp - '0') : -1;
}

/* A decimal number at g[*i..b): its value, *i moved past it; or -1. */
static int
number(const struct glyph *g, size_t *i, size_t b)
{
	int v = 0, nd = 0;

	while (*i < b && digit(&g[*i]) >= 0 && nd < 3) {
		v = v * 10 + digit(&g[*i]);
		(*i)++;
		nd++;
	}
	return nd > 0 ? v : -1;
}

/*
 * The code the note content g[a..b) gives: "U+XXXX", or a plane-row-cell
 * after 水準 (after 、 too when `star`: "※［＃二の字点、1-2-22］"). Returns 1
 * with cp[0..1] filled (cp[1] a combining mark or 0), else 0.
 */
static int
note_code(const struct glyph *g, size_t a, size_t b, int star, uint32_t cp[2])
{
	size_t i, j;
	int p, r, c, h, k;
	uint32_t v;

	for (i = a; i + 2 < b; i++) {
		if (!is(&g[i], 'U') || !is(&g[i + 1], '+'))
			continue;
		v = 0;
		for (j = i + 2, k = 0; j < b && k < 6; j++, k++) {
			h = g[j].cp >= '0' && g[j].cp <= '9'
			        ? (int)g[j].cp - '0'
			        : g[j].cp >= 'A' && g[j].cp <= 'F'
			        ? (int)g[j].cp - 'A' + 10
			        : g[j].cp >= 'a' && g[j].cp <= 'f'
			        ? (int)g[j].cp - 'a' + 10
			        : -1;
			if (h < 0)
				break;
			v = v * 16 + (uint32_t)h;
		}
		if (k >= 4 && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff) &&
		        utf8_cp_cols(v, 1) > 0) {
			cp[0] = v;
			cp[1] = 0;
			return 1;
		}
	}
	for (i = a + 1; i < b; i++) {
		if (!(is(&g[i - 1], 0x6e96) || (star && is(&g[i - 1], 0x3001))))
			continue; /* 準, 、 */
		j = i;
		p = number(g, &j, b);
		if (p < 1 || j >= b || !is(&g[j++], '-'))
			continue;
		r = number(g, &j, b);
		if (r < 0 || j >= b || !is(&g[j++], '-'))
			continue;
		c = number(g, &j, b);
		if (c > 0 && gaiji_lookup(p, r, c, cp))
			return 1;
	}
	return 0;
}

/* Set blk->heading from a note's content g[a..b), if it is a heading. */
static void
note_heading(struct block *blk, size_t a, size_t b)
{
	const struct glyph *g = blk->g;

	unsigned char level;

	/* Only 大, 中 and 小 are headings: a bare 見出し is not. */
	if (contains(g, a, b, "大見出し"))
		level = 1;
	else if (contains(g, a, b, "中見出し"))
		level = 2;
	else if (contains(g, a, b, "小見出し"))
		level = 3;
	else
		return;
	if (contains(g, a, b, "ここから"))
		blk->heading_below = level; /* the title is the next line */
	else if (!contains(g, a, b, "ここで") && !blk->heading)
		blk->heading = level;
}

/* Index of the first 」 in g[i..b), or NONE. */
static size_t
close_quote(const struct glyph *g, size_t i, size_t b)
{
	for (; i < b; i++)
		if (is(&g[i], 0x300d))
			return i;
	return NONE;
}

/* Do glyphs g[i..b) spell UTF-8 s, and nothing more? */
static int
spells(const struct glyph *g, size_t i, size_t b, const char *s)
{
	uint32_t cp;
	int len;

	while (*s != '\0' && i < b) {
		len = utf8_next(s, strlen(s), &cp);
		if (len <= 0 || !is(&g[i], cp))
			return 0;
		s += len;
		i++;
	}
	return *s == '\0' && i == b;
}

/*
 * A note that gives the text before it a reading: "「X」に「Y」のルビ",
 * "「X」の左に「Y」のルビ", "「X」に「Y」の注記" (and 左 too), content g[a..e).
 * When the o glyphs kept so far end with X, Y becomes X's reading (a
 * base that already has one does not end there: its 》 does).
 */
static void
side_note(const struct glyph *g, size_t a, size_t e, size_t o,
        const unsigned char *lit, struct sides *sd)
{
	size_t x, y, y0, k, lenx;
	char enc[4];
	struct side *sn;

	if (!is(&g[a], 0x300c) || (x = close_quote(g, a + 1, e)) == NONE ||
	        sd->n == SIDES_MAX)
		return;
	for (y0 = x + 1; y0 < e && !is(&g[y0], 0x300c); y0++)
		;
	if (y0 >= e || (y = close_quote(g, y0 + 1, e)) == NONE || y == y0 + 1 ||
	        !(spells(g, x + 1, y0 + 1, "に「") ||
	                spells(g, x + 1, y0 + 1, "の左に「")) ||
	        !(spells(g, y + 1, e, "のルビ") ||
	                spells(g, y + 1, e, "の注記")))
		return;
	lenx = x - (a + 1);
	if (lenx == 0 || lenx > o)
		return;
	for (k = 0; k < lenx; k++)
		if (lit[o - lenx + k] || g[o - lenx + k].cp != g[a + 1 + k].cp)
			return;
	if (sd->n > 0 && sd->side[sd->n - 1].g1 > o - lenx)
		return; /* overlaps the one before */
	sn = &sd->side[sd->n];
	sn->g0 = o - lenx;
	sn->g1 = o;
	sn->off = sd->text_len;
	for (k = y0 + 1; k < y; k++) {
		int len = utf8_encode(g[k].cp, enc);
		if (sd->text_len + (size_t)len > SIDE_TEXT)
			return;
		memcpy(sd->text + sd->text_len, enc, (size_t)len);
		sd->text_len += (size_t)len;
	}
	sn->len = sd->text_len - sn->off;
	sd->n++;
}

/* One glyph standing for the source bytes of g[a..b]. */
static struct glyph
stand_in(const struct glyph *g, size_t a, size_t b, uint32_t cp, int ambi)
{
	struct glyph out;
	int cols = utf8_cp_cols(cp, ambi);

	memset(&out, 0, sizeof(out));
	out.cp = cols > 0 ? cp : 0x3013; /* 〓 */
	out.cols = (uint8_t)(cols > 0 ? cols : 2);
	out.off = g[a].off;
	out.slen = (uint8_t)(g[b].off + g[b].slen - g[a].off > 255
	                ? 255
	                : g[b].off + g[b].slen - g[a].off);
	return out;
}

/* Index of the 〕 that closes the 〔 at g[i] on its line, or NONE. */
static size_t
accent_end(const struct glyph *g, size_t n, size_t i)
{
	size_t j;

	for (j = i + 1; j < n && j <= i + ACCENT_MAX; j++) {
		if (is(&g[j], 0x3015))
			return j;
		if (is(&g[j], 0x3014))
			break;
	}
	return NONE;
}

/*
 * The accent decomposition "〔E'tude〕" g[i..end] (end: its 〕), copied to
 * g[o..], each letter-and-mark written as its accented letter (one glyph
 * over their bytes). Returns the glyphs written.
 */
static size_t
accents(struct glyph *g, size_t i, size_t end, size_t o, unsigned char *lit,
        int ambi)
{
	size_t j, k, used, w = 0;
	uint32_t cps[3], cp[2];

	for (j = i; j <= end;) {
		for (k = 0; k < 3 && j + k < end; k++)
			cps[k] = (g[j + k].flags & GLYPH_PLACEHOLDER)
			        ? 0
			        : g[j + k].cp;
		lit[o + w] = 0;
		if (j > i && gaiji_accent(cps, k, &used, cp)) {
			g[o + w] = stand_in(g, j, j + used - 1, cp[0], ambi);
			j += used;
		} else {
			g[o + w] = g[j++];
		}
		w++;
	}
	return w;
}

/*
 * Pass 1: compact the notes out of blk->g (see the top). lit[k] is set
 * for glyphs that came from a gaiji note.
 */
static void
notes(struct block *blk, unsigned char *lit, int ambi, struct sides *sd)
{
	struct glyph *g = blk->g;
	size_t n = blk->ng, i = 0, o = 0, e, a, q, k;
	uint32_t cp[2];
	int star;

	while (i < n) {
		if (is(&g[i], 0x3014) && (e = accent_end(g, n, i)) != NONE) {
			/* 〔…〕, compacted up to its 〕 */
			o += accents(g, i, e, o, lit, ambi);
			i = e + 1;
			continue;
		}
		star = is(&g[i], 0x203b) && i + 2 < n &&
		        is(&g[i + 1], 0xff3b) && is(&g[i + 2], 0xff03);
		if (!star &&
		        !(is(&g[i], 0xff3b) && i + 1 < n &&
		                is(&g[i + 1], 0xff03))) {
			lit[o] = 0;
			g[o++] = g[i++];
			continue;
		}
		a = i + (star ? 3 : 2); /* the content */
		e = note_end(g, n, a - 2);
		if (e == NONE || e == a) {
			lit[o] = 0;
			g[o++] = g[i++];
			continue;
		}
		if (note_code(g, a, e, star, cp)) {
			lit[o] = 1;
			g[o] = stand_in(g, i, e, cp[0], ambi);
			o++;
			if (cp[1] != 0 && utf8_cp_cols(cp[1], ambi) == 0) {
				lit[o] = 1;
				g[o] = stand_in(g, e, e, cp[1], ambi);
				g[o].flags = GLYPH_MARK;
				g[o].cols = 0;
				g[o].slen = 0;
				o++;
			}
		} else if (star) {
			/* Unknown gaiji: its description, or 〓. */
			for (q = a; q < e && !is(&g[q], 0x300c); q++)
				;
			for (k = q + 1; k < e && !is(&g[k], 0x300d); k++)
				;
			if (q < e && k < e && k > q + 1) {
				for (q++; q < k; q++) {
					lit[o] = 1;
					g[o++] = g[q];
				}
			} else {
				lit[o] = 1;
				g[o] = stand_in(g, i, e, 0x3013, ambi);
				o++;
			}
		} else {
			side_note(g, a, e, o, lit, sd);
			note_heading(blk, a, e);
		}
		i = e + 1;
	}
	blk->ng = o;
}

static enum cls
cls_of(const struct glyph *g, int lit)
{
	uint32_t c = g->cp;

	if (g->flags & GLYPH_MARK)
		return C_MARK;
	if (g->flags & (GLYPH_PLACEHOLDER | GLYPH_TAB))
		return C_NONE;
	if (lit)
		return utf8_is_han(c) || c == 0x3013 || c == 0x303b ? C_KANJI
		                                                    : C_NONE;
	if (utf8_is_han(c) || c == 0x203b)
		return C_KANJI;
	if ((c >= 0x3041 && c <= 0x3093) || c == 0x309d || c == 0x309e)
		return C_HIRA;
	if ((c >= 0x30a1 && c <= 0x30f4) || (c >= 0x30fc && c <= 0x30fe))
		return C_KATA;
	if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) ||
	        (c >= 0xff41 && c <= 0xff5a) || (c >= 0x391 && c <= 0x3c9) ||
	        (c >= 0x401 && c <= 0x451))
		return C_ZEN;
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	        (c >= '0' && c <= '9') || (c >= '#' && c <= '\'') || c == ',' ||
	        (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7))
		return C_HAN;
	return C_NONE;
}

/* Start of the implicit base ending at g[i] (exclusive), or i if none. */
static size_t
implicit_base(
        const struct glyph *g, const unsigned char *lit, size_t ps, size_t i)
{
	enum cls want = C_NONE, c;
	size_t s = i;

	while (s > ps) {
		c = cls_of(&g[s - 1], lit[s - 1]);
		if (c == C_MARK) {
			s--;
			continue;
		}
		if (want == C_NONE)
			want = c;
		if (c == C_NONE || c != want)
			break;
		s--;
	}
	while (s < i && (g[s].flags & GLYPH_MARK))
		s++; /* marks whose base is outside */
	return want == C_NONE ? i : s;
}

/* Pass 2: ruby on the compacted glyphs. */
static void
rubies(struct rb *b, const unsigned char *lit, const struct sides *sd)
{
	const struct glyph *g = b->blk->g;
	size_t n = b->blk->ng, i, j, s, ps = 0, bar = NONE, depth, k = 0;
	const struct side *sn;

	for (i = 0; i < n; i++) {
		while (k < sd->n && sd->side[k].g0 < i)
			k++; /* inside a ruby already */
		if (k < sd->n && sd->side[k].g0 == i && i >= ps) {
			/* A reading given by a note. */
			sn = &sd->side[k++];
			rb_plain(b, ps, i);
			rb_ruby_text(
			        b, sn->g0, sn->g1, sd->text + sn->off, sn->len);
			b->blk->groups++;
			ps = sn->g1;
			i = sn->g1 - 1;
			bar = NONE;
			continue;
		}
		if (lit[i])
			continue;
		if (is(&g[i], 0xff5c)) {
			bar = i;
			continue;
		}
		if (!is(&g[i], 0x300a))
			continue;
		for (j = i + 1, depth = 1; j < n && j <= i + READING_MAX; j++) {
			if (lit[j])
				continue;
			if (is(&g[j], 0x300a))
				depth++;
			else if (is(&g[j], 0x300b) && --depth == 0)
				break;
		}
		s = bar != NONE ? bar + 1 : implicit_base(g, lit, ps, i);
		if (j >= n || j > i + READING_MAX || j == i + 1 || s >= i) {
			b->blk->literal++;
			continue;
		}
		rb_plain(b, ps, bar != NONE ? bar : s);
		rb_ruby_span(b, s, i, i + 1, j);
		b->blk->groups++;
		i = j;
		ps = j + 1;
		bar = NONE;
	}
	rb_plain(b, ps, n);
}

void
parse_aozora(struct rb *b, const struct doc_opts *opts)
{
	unsigned char *lit;
	struct sides *sd;

	b->blk->marked = 1;
	if (b->blk->ng == 0)
		return;
	lit = malloc(b->blk->ng);
	sd = malloc(sizeof(*sd));
	if (lit == NULL || sd == NULL) {
		free(lit);
		free(sd);
		b->failed = 1;
		return;
	}
	sd->n = sd->text_len = 0;
	notes(b->blk, lit, opts->ambiwidth, sd);
	rubies(b, lit, sd);
	free(sd);
	free(lit);
}
