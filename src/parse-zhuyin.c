/*
 * parse-zhuyin.c: inline zhuyin (bopomofo), FORMATS.md §6: 美(ㄇㄟˇ),
 * 美好（ㄇㄟˇ ㄏㄠˇ）, 的(ㄉㄜ˙) or 的(˙ㄉㄜ).
 *
 * The rules of inline pinyin (parse.c), with zhuyin syllables:
 *  1. A candidate is "(" or "（" right after a Han character with no
 *     reading yet, holding at most PARSE_GROUP_MAX characters of bopomofo
 *     letters, tone marks (ˉ ˊ ˇ ˋ ˙) and spaces, closed by the matching
 *     parenthesis.
 *  2. It splits into k syllables, each a known zhuyin spelling
 *     (zhuyin-table.h) with at most one tone mark (˙ before or after,
 *     the others after); spaces fall between syllables.
 *  3. The k syllables go over the last k unannotated Han characters; each
 *     must be one of that character's readings (through its pinyin) when
 *     the Unihan table knows the character.
 * The reading shown is the zhuyin as written, without the spaces.
 * Anything else stays text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse-int.h"
#include "zhuyin-parse-table.h"

#define ZSYL_MAX 16 /* syllables in one group */

/* One syllable of a group: glyphs [g0, g1) and its pinyin. */
struct zsyl {
	size_t g0, g1;
	struct syl py;
};

static int
is_letter(const struct glyph *g)
{
	return !(g->flags & GLYPH_PLACEHOLDER) &&
	        ((g->cp >= 0x3105 && g->cp <= 0x312f) ||
	                (g->cp >= 0x31a0 && g->cp <= 0x31bf));
}

/* Tone of a tone mark (1..5), or 0. */
static int
tone_of(const struct glyph *g)
{
	if (g->flags & GLYPH_PLACEHOLDER)
		return 0;
	switch (g->cp) {
	case 0x2c9: /* ˉ */
		return 1;
	case 0x2ca: /* ˊ */
		return 2;
	case 0x2c7: /* ˇ */
		return 3;
	case 0x2cb: /* ˋ */
		return 4;
	case 0x2d9: /* ˙ */
		return 5;
	}
	return 0;
}

static int
cmp_entry(const void *key, const void *elem)
{
	return strcmp(key, ((const struct zhuyin_entry *)elem)->zhuyin);
}

/* The pinyin of the zhuyin letters g[a..b), or NULL. */
static const char *
lookup(const struct glyph *g, size_t a, size_t b)
{
	char buf[16];
	const struct zhuyin_entry *e;
	size_t o = 0;

	for (; a < b; a++) {
		if (o + 4 >= sizeof(buf))
			return NULL;
		o += (size_t)utf8_encode(g[a].cp, buf + o);
	}
	buf[o] = '\0';
	e = bsearch(buf, zhuyin_table,
	        sizeof(zhuyin_table) / sizeof(zhuyin_table[0]),
	        sizeof(zhuyin_table[0]), cmp_entry);
	return e != NULL ? e->pinyin : NULL;
}

/*
 * Split g[i..end) into syllables (depth-first, longest spelling first),
 * out[0..k) being those found so far. Returns the total count, 0 when it
 * does not split; `dead` remembers where that was found, so each
 * (position, count) is tried once.
 */
/* Splits already known to fail: (glyph index - first, syllables so far). */
struct dead {
	size_t first;
	unsigned char at[PARSE_GROUP_MAX + 2][ZSYL_MAX + 1];
};

static size_t
split(const struct glyph *g, size_t i, size_t end, struct zsyl *out, size_t k,
        struct dead *dead)
{
	size_t j, len, r;
	const char *py;
	int tone;

	while (i < end && g[i].cp == ' ')
		i++;
	if (i == end)
		return k;
	if (k == ZSYL_MAX || dead->at[i - dead->first][k])
		return 0;
	j = i;
	tone = tone_of(&g[j]) == 5 ? 5 : 0;
	if (tone)
		j++;
	for (len = 4; len >= 1; len--) {
		size_t e = j + len, m;
		for (m = j; m < e && m < end && is_letter(&g[m]); m++)
			;
		if (m != e || (py = lookup(g, j, e)) == NULL)
			continue;
		out[k].g0 = i;
		out[k].py.tone = (unsigned char)(tone ? tone : 1);
		if (!tone && e < end && tone_of(&g[e]) != 0)
			out[k].py.tone = (unsigned char)tone_of(&g[e++]);
		out[k].g1 = e;
		memset(out[k].py.s, 0, sizeof(out[k].py.s));
		strncpy(out[k].py.s, py, sizeof(out[k].py.s) - 1);
		r = split(g, e, end, out, k + 1, dead);
		if (r > 0)
			return r;
	}
	dead->at[i - dead->first][k] = 1; /* keeps the search linear */
	return 0;
}

/* Is there a zhuyin group at g[i]? Its syllables, and *end past it. */
static size_t
group_at(const struct glyph *g, size_t n, size_t i, size_t *end,
        struct zsyl *syl)
{
	uint32_t close = g[i].cp == '(' ? ')' : 0xff09;
	struct dead dead;
	size_t j;

	for (j = i + 1; j < n && j <= i + 1 + PARSE_GROUP_MAX; j++) {
		if (g[j].cp == close && !(g[j].flags & GLYPH_PLACEHOLDER))
			break;
		if (!is_letter(&g[j]) && !tone_of(&g[j]) &&
		        !(g[j].cp == ' ' && !(g[j].flags & GLYPH_TAB)))
			return 0;
	}
	if (j >= n || j > i + 1 + PARSE_GROUP_MAX || j == i + 1)
		return 0;
	*end = j + 1;
	memset(&dead, 0, sizeof(dead));
	dead.first = i + 1;
	return split(g, i + 1, j, syl, 0, &dead);
}

void
parse_zhuyin(struct rb *b, const struct doc_opts *opts, struct parse_memo *memo)
{
	const struct glyph *g = b->blk->g;
	size_t n = b->blk->ng, i = 0, ps = 0, hanlen = 0, k, m, end, first;
	struct zsyl syl[ZSYL_MAX];

	while (i < n) {
		if (hanlen > 0 && parse_is_open(&g[i]) &&
		        (k = group_at(g, n, i, &end, syl)) > 0 && k <= hanlen) {
			first = i - k;
			for (m = 0; m < k; m++)
				if (!parse_fits(opts, g[first + m].cp,
				            &syl[m].py, memo))
					break;
			if (m == k) {
				rb_plain(b, ps, first);
				for (m = 0; m < k; m++) {
					struct run *r = rb_ruby_span(b,
					        first + m, first + m + 1,
					        syl[m].g0, syl[m].g1);
					if (r != NULL)
						r->syl = syl[m].py;
				}
				b->blk->groups++;
				i = ps = end;
				hanlen = 0;
				continue;
			}
		}
		if (parse_is_open(&g[i]))
			b->blk->literal++;
		hanlen = parse_is_han(g, i, n) ? hanlen + 1 : 0;
		i++;
	}
	rb_plain(b, ps, n);
}
