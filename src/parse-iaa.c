/*
 * parse-iaa.c: the Unicode interlinear annotation notation (NOTATION_IAA),
 * which converted inputs (HTML, see html.h) are turned into:
 *
 *     U+FFF9 base U+FFFA reading [U+FFFA more...] U+FFFB
 *
 * The base glyphs become one ruby run (a word under one reading is one
 * run); the first annotation is its reading, later ones (a second level,
 * such as an HTML rtc gloss) are skipped. A block whose first glyph is a
 * U+FFFB, a terminator with no anchor open, is a section heading: the
 * mark sets blk->heading and is not shown.
 *
 * The three characters arrive as GLYPH_IAA glyphs (utf8_decode keeps them
 * when doc.c asks, for this notation only) and are never put in a run, so
 * they never reach the screen. A group that is not closed, or has an empty
 * base or reading, keeps its base as plain text and counts in
 * blk->literal. Work is linear in the block.
 */
#include "config.h"

#include <string.h>

#include "parse-int.h"
#include "pinyin.h"

#define IAA_ANCHOR 0xfff9
#define IAA_SEPARATOR 0xfffa
#define IAA_TERMINATOR 0xfffb
#define IAA_READING_MAX 1024 /* bytes of one reading kept */

static int
is_iaa(const struct glyph *g, uint32_t cp)
{
	return (g->flags & GLYPH_IAA) && g->cp == cp;
}

/* Index of the first GLYPH_IAA glyph in [i, n), or n. */
static size_t
next_iaa(const struct glyph *g, size_t n, size_t i)
{
	while (i < n && !(g[i].flags & GLYPH_IAA))
		i++;
	return i;
}

/*
 * The reading glyphs [a, b) as UTF-8 in buf (tabs as spaces, spaces at
 * either end trimmed, whole characters only). Returns its length.
 */
static size_t
reading_text(const struct glyph *g, size_t a, size_t b, char *buf)
{
	size_t o = 0;
	int k;

	while (a < b && g[a].cp == ' ')
		a++;
	while (b > a && g[b - 1].cp == ' ')
		b--;
	for (; a < b; a++) {
		if (o + 4 > IAA_READING_MAX)
			break;
		k = utf8_encode(g[a].cp, buf + o);
		o += (size_t)k;
	}
	return o;
}

/* The run for base [g0, g1) with the reading rd[0..len). */
static void
ruby_run(struct rb *b, size_t g0, size_t g1, const char *rd, size_t len)
{
	struct syl syl;
	struct run *r;

	r = rb_push(b, (uint32_t)g0, (uint32_t)g1);
	if (r == NULL)
		return;
	r->rd_off = rb_text(b, rd, len);
	r->rd_len = (uint16_t)len;
	r->flags = RUN_RUBY;
	/* A reading that is one pinyin syllable can be searched as one. */
	if (pinyin_parse_syllable(rd, len, &syl)) {
		r->syl = syl;
		if (syl.tone == 0)
			r->flags |= RUN_TONELESS;
	}
}

void
parse_iaa(struct rb *b)
{
	struct block *blk = b->blk;
	const struct glyph *g = blk->g;
	size_t n = blk->ng, i = 0, ps = 0, sep, end, k;
	char rd[IAA_READING_MAX];
	size_t len;

	if (n > 0 && is_iaa(&g[0], IAA_TERMINATOR)) {
		blk->heading = 1;
		i = ps = 1;
	}
	while ((i = next_iaa(g, n, i)) < n) {
		rb_plain(b, ps, i);
		ps = i + 1;
		if (g[i].cp != IAA_ANCHOR) {
			i++; /* a stray separator or terminator: notation */
			continue;
		}
		sep = next_iaa(g, n, i + 1);
		if (sep == n || g[sep].cp != IAA_SEPARATOR) {
			/* no reading: the base stays text */
			blk->literal++;
			i++;
			continue;
		}
		end = sep;
		do
			end = next_iaa(g, n, end + 1);
		while (end < n && g[end].cp == IAA_SEPARATOR);
		k = next_iaa(g, n, sep + 1);
		len = reading_text(g, sep + 1, k, rd);
		if (end == n || g[end].cp != IAA_TERMINATOR || sep == i + 1 ||
		        len == 0) {
			blk->literal++;
			rb_plain(b, i + 1, sep);
			i = ps = end == n || g[end].cp != IAA_TERMINATOR
			        ? end
			        : end + 1;
			continue;
		}
		ruby_run(b, i + 1, sep, rd, len);
		blk->groups++;
		i = ps = end + 1;
	}
	rb_plain(b, ps, n);
}
