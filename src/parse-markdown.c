/*
 * parse-markdown.c: Markdown ruby, FORMATS.md §4 (DenDen Markdown rules,
 * markdown-it-ruby escapes).
 *
 *  - {base|reading}: one reading over the whole base (group ruby).
 *  - {base|r|e|a|d}: when the number of readings equals the number of
 *    base characters, one per character (mono ruby); otherwise the parts
 *    are joined into one group reading (DenDen, not markdown-it-ruby).
 *  - The base is not empty, does not start with a space and holds no
 *    '{', '|', '}' or backslash; the reading is not empty and holds no
 *    '{' or backslash and ends at the first '}'. A '{' right after a '{'
 *    opens nothing. Anything else stays text.
 *  - A backslash before ASCII punctuation is an escape (CommonMark): the
 *    backslash is hidden and the character is text, so "\{a|b}" reads
 *    "{a|b}".
 * Headings ("# Title") are found by outline.c. Other Markdown (emphasis,
 * links) is shown as written.
 */
#include "config.h"

#include "parse-int.h"

static int
real(const struct glyph *g, uint32_t cp)
{
	return g->cp == cp && !(g->flags & GLYPH_PLACEHOLDER);
}

static int
ascii_punct(const struct glyph *g)
{
	uint32_t c = g->cp;

	return !(g->flags & GLYPH_PLACEHOLDER) &&
	        ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	                (c >= '[' && c <= '`') || (c >= '{' && c <= '~'));
}

/*
 * Is there a ruby group opening at g[i] ('{')? On success *bar is the
 * first '|', *close the '}', and the result is 1.
 */
static int
group_at(const struct glyph *g, size_t n, size_t i, size_t *bar, size_t *close)
{
	size_t j;

	if (i > 0 && real(&g[i - 1], '{'))
		return 0;
	for (j = i + 1; j < n; j++) {
		if (g[j].flags & GLYPH_PLACEHOLDER)
			continue;
		if (g[j].cp == '|' || g[j].cp == '{' || g[j].cp == '}' ||
		        g[j].cp == '\\')
			break;
	}
	if (j >= n || !real(&g[j], '|') || j == i + 1 || g[i + 1].cp == ' ' ||
	        (g[i + 1].flags & GLYPH_TAB))
		return 0;
	*bar = j;
	for (j++; j < n; j++) {
		if (g[j].flags & GLYPH_PLACEHOLDER)
			continue;
		if (g[j].cp == '}' || g[j].cp == '{' || g[j].cp == '\\')
			break;
	}
	if (j >= n || !real(&g[j], '}') || j == *bar + 1)
		return 0;
	*close = j;
	return 1;
}

/* Push the runs of the group {g[i+1..bar) | g[bar+1..close)}. */
static void
push_group(struct rb *b, size_t i, size_t bar, size_t close)
{
	const struct glyph *g = b->blk->g;
	size_t chars = 0, parts = 1, k, c, p0, p;

	for (k = i + 1; k < bar; k++)
		if (!(g[k].flags & GLYPH_MARK))
			chars++;
	for (k = bar + 1; k < close; k++)
		if (real(&g[k], '|'))
			parts++;
	if (parts > 1 && parts == chars) {
		/* Mono ruby: the k-th part over the k-th character. */
		c = i + 1;
		p0 = bar + 1;
		while (c < bar) {
			for (k = c + 1; k < bar && (g[k].flags & GLYPH_MARK);
			        k++)
				;
			for (p = p0; p < close && !real(&g[p], '|'); p++)
				;
			rb_ruby_span(b, c, k, p0, p);
			c = k;
			p0 = p + 1;
		}
		return;
	}
	/* Group ruby: the parts joined. */
	rb_push(b, (uint32_t)(i + 1), (uint32_t)bar);
	for (p0 = p = bar + 1; p <= close; p++) {
		if (p == close || real(&g[p], '|')) {
			rb_reading_more(b, p0, p);
			p0 = p + 1;
		}
	}
}

void
parse_markdown(struct rb *b)
{
	const struct glyph *g = b->blk->g;
	size_t n = b->blk->ng, i = 0, ps = 0, bar, close;

	while (i < n) {
		if (real(&g[i], '\\') && i + 1 < n && ascii_punct(&g[i + 1])) {
			rb_plain(b, ps, i);
			ps = i + 1; /* the escaped character is text */
			i += 2;
			continue;
		}
		if (real(&g[i], '{') && group_at(g, n, i, &bar, &close)) {
			rb_plain(b, ps, i);
			push_group(b, i, bar, close);
			b->blk->groups++;
			i = ps = close + 1;
			continue;
		}
		if (real(&g[i], '{'))
			b->blk->literal++;
		i++;
	}
	rb_plain(b, ps, n);
}
