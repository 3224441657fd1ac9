/*
 * parse-anki.c: Anki furigana, FORMATS.md §5: base[reading].
 *
 * As Anki's regex " ?([^ >]+?)\[(.+?)\]" reads it: the base is the run of
 * characters other than space and '>' just before '[' (from the end of
 * the previous group at the earliest), the reading everything up to the
 * first ']' (not empty). A single space just before the base only marks
 * where the base starts and is hidden ("私は 日本語[にほんご]を"). A
 * bracket whose content starts with "sound:" is text. Only used when
 * asked for (--format=anki): brackets are common in plain text.
 */
#include "config.h"

#include "parse-int.h"

static int
is_sep(const struct glyph *g)
{
	return (g->flags & GLYPH_TAB) ||
	        (!(g->flags & GLYPH_PLACEHOLDER) &&
	                (g->cp == ' ' || g->cp == '>'));
}

static int
real(const struct glyph *g, uint32_t cp)
{
	return g->cp == cp && !(g->flags & GLYPH_PLACEHOLDER);
}

/* Does the reading at g[i..] start with "sound:"? */
static int
is_sound(const struct glyph *g, size_t i, size_t n)
{
	static const char sound[] = "sound:";
	size_t k;

	for (k = 0; k < sizeof(sound) - 1; k++)
		if (i + k >= n || !real(&g[i + k], (uint32_t)sound[k]))
			return 0;
	return 1;
}

void
parse_anki(struct rb *b)
{
	const struct glyph *g = b->blk->g;
	size_t n = b->blk->ng, i, j, ps = 0, bs = 0, close = 0;

	for (i = 0; i < n; i++) {
		if (is_sep(&g[i])) {
			bs = i + 1;
			continue;
		}
		if (!real(&g[i], '[') || i == bs || (g[bs].flags & GLYPH_MARK))
			continue;
		/* The first ']' after i (remembered: scans stay linear). */
		if (close <= i)
			for (close = i + 1; close < n && !real(&g[close], ']');
			        close++)
				;
		j = close;
		if (j >= n || j == i + 1 || is_sound(g, i + 1, n)) {
			b->blk->literal++;
			continue;
		}
		/* A single space before the base is the regex's " ?". */
		rb_plain(b, ps, bs > ps && real(&g[bs - 1], ' ') ? bs - 1 : bs);
		rb_ruby_span(b, bs, i, i + 1, j);
		b->blk->groups++;
		i = j;
		ps = bs = j + 1;
	}
	rb_plain(b, ps, n);
}
