/*
 * outline.c: section headings (see outline.h). Works on the base glyphs
 * of a parsed block, so readings never disturb detection.
 */
#include "config.h"

#include <string.h>

#include <unictype.h>

#include "outline.h"

/* Is glyph index g one of the base glyphs (inside a run)? */
static size_t
base_glyphs(const struct block *blk, const struct glyph **out, size_t max)
{
	size_t r, g, n = 0;

	for (r = 0; r < blk->nruns; r++)
		for (g = blk->runs[r].g0; g < blk->runs[r].g1 && n < max; g++)
			out[n++] = &blk->g[g];
	return n;
}

static int
is_word(const struct glyph *g)
{
	if (g->flags & (GLYPH_PLACEHOLDER | GLYPH_TAB))
		return 0;
	if (g->flags & GLYPH_MARK)
		return 1;
	return utf8_is_han(g->cp) || uc_is_alnum(g->cp);
}

static int
is_blank(const struct glyph *g)
{
	return (g->flags & GLYPH_TAB) || g->cp == ' ' || g->cp == 0x3000;
}

static int
is_sentence_end(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xff01 || cp == 0xff1f || cp == '!' ||
	        cp == '?' || cp == 0xff0e;
}

/* Copy glyphs [a, b) to buf as UTF-8, whole characters only. */
static void
copy_title(const struct glyph *const *g, size_t a, size_t b, char *buf,
        size_t bufsize)
{
	char enc[4];
	size_t o = 0;
	int k;

	for (; a < b; a++) {
		k = utf8_encode(g[a]->cp, enc);
		if (o + (size_t)k + 1 > bufsize)
			break;
		memcpy(buf + o, enc, (size_t)k);
		o += (size_t)k;
	}
	if (bufsize > 0)
		buf[o] = '\0';
}

int
outline_title_below(const struct block *blk)
{
	return blk->heading_below != 0;
}

int
outline_text(const struct block *blk, char *buf, size_t bufsize)
{
	enum { LOOK = 4096 };
	const struct glyph *g[LOOK];
	size_t n, i;

	n = base_glyphs(blk, g, LOOK);
	for (i = 0; i < n && is_blank(g[i]); i++)
		;
	/* Blanks, and a final "。" (as a run-in title has none). */
	while (n > i && (is_blank(g[n - 1]) || g[n - 1]->cp == 0x3002))
		n--;
	if (i == n)
		return 0;
	copy_title(g, i, n, buf, bufsize);
	return 1;
}

int
outline_title(const struct block *blk, char *buf, size_t bufsize)
{
	enum { LOOK = 4096 };
	const struct glyph *g[LOOK];
	size_t n, i, h, body, sentences;

	/* Marked by the notation (an Aozora heading note, an h1-h6 of
	 * converted HTML): its text is the title. */
	if (blk->heading)
		return outline_text(blk, buf, bufsize);
	n = base_glyphs(blk, g, LOOK);
	/* Markdown: "# Title" */
	for (h = 0; h < n && h < 7 && g[h]->cp == '#' &&
	        !(g[h]->flags & GLYPH_PLACEHOLDER);
	        h++)
		;
	if (h >= 1 && h <= 6 && h < n && g[h]->cp == ' ') {
		for (i = h; i < n && g[i]->cp == ' '; i++)
			;
		if (i < n) {
			while (n > i && g[n - 1]->cp == ' ')
				n--;
			copy_title(g, i, n, buf, bufsize);
			return 1;
		}
		return 0;
	}
	if (blk->marked)
		return 0;
	/* Run-in: a short unpunctuated sentence ending in 。 */
	for (i = 0; i < n && i <= OUTLINE_TITLE_MAX && is_word(g[i]); i++)
		;
	if (i < 2 || i > OUTLINE_TITLE_MAX || i >= n || g[i]->cp != 0x3002)
		return 0;
	body = 0;
	sentences = 0;
	for (h = i + 1; h < n; h++) {
		if (!(g[h]->flags & GLYPH_MARK))
			body++;
		if (is_sentence_end(g[h]->cp) &&
		        !(g[h]->flags & GLYPH_PLACEHOLDER))
			sentences++;
	}
	if (h == n && n < LOOK && body > 0 && !is_sentence_end(g[n - 1]->cp))
		sentences++; /* an unfinished last sentence counts */
	if (sentences < OUTLINE_BODY_SENTENCES || body < OUTLINE_BODY_RATIO * i)
		return 0;
	copy_title(g, 0, i, buf, bufsize);
	return 1;
}
