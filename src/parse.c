/*
 * parse.c: the notations. Inline pinyin follows FORMATS.md §6.3:
 *
 *  1. A candidate is "(" or "（" right after a Han character that has no
 *     reading yet, holding 1..PARSE_GROUP_MAX characters of pinyin
 *     alphabet, closed by the matching ")" or "）".
 *  2-3. Its content splits into k valid syllables (pinyin_split).
 *  4. The k syllables align with the last k unannotated Han characters
 *     before it; each must be one of that character's readings (toneless,
 *     lu/lü and nu/nü alike) when Unihan knows the character.
 *  5. Accepted: the k characters become ruby runs, and following groups
 *     identical after normalisation are swallowed (scraper artefacts such
 *     as "綠(lv)(lv)"). Any other group stays text ("(EOD)").
 *
 * Everything rejected stays literal text. Work is linear in the block: a
 * candidate looks ahead at most PARSE_GROUP_MAX + 1 glyphs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse-int.h"
#include "parse.h"
#include "unihan.h"

#define GROUP_SYL_MAX 16 /* syllables in one group */
#define MEMO_SPLIT 4096  /* remembered group contents (a power of 2) */
#define MEMO_FIT 8192    /* remembered (character, syllable) checks */
#define MEMO_KEY 48      /* longest group content remembered, bytes */

/*
 * Annotated text repeats the same few hundred readings: remembering how a
 * group's content splits and whether a syllable fits a character makes
 * parsing cost little more than decoding. Entries are overwritten on
 * collision, so memory is fixed.
 */
struct split_memo {
	uint8_t used, len, k;
	char key[MEMO_KEY];
	struct syl syl[GROUP_SYL_MAX];
};

struct fit_memo {
	uint32_t cp;
	char s[PINYIN_SYL_MAX];
	uint8_t used, ok;
};

struct parse_memo {
	struct split_memo split[MEMO_SPLIT];
	struct fit_memo fit[MEMO_FIT];
};

enum status
parse_memo_new(struct parse_memo **out)
{
	*out = calloc(1, sizeof(**out));
	return *out == NULL ? STATUS_NOMEM : STATUS_OK;
}

void
parse_memo_free(struct parse_memo *m)
{
	free(m);
}

static uint32_t
hash(const char *s, size_t len, uint32_t h)
{
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

struct run *
rb_push(struct rb *b, uint32_t g0, uint32_t g1)
{
	struct run *nr, *r;
	size_t ncap;

	if (b->failed)
		return NULL;
	if (b->blk->nruns == b->cap) {
		ncap = b->cap ? b->cap * 2 : 16;
		nr = realloc(b->blk->runs, ncap * sizeof(*nr));
		if (nr == NULL) {
			b->failed = 1;
			return NULL;
		}
		b->blk->runs = nr;
		b->cap = ncap;
	}
	r = &b->blk->runs[b->blk->nruns++];
	memset(r, 0, sizeof(*r));
	r->g0 = g0;
	r->g1 = g1;
	return r;
}

uint32_t
rb_text(struct rb *b, const char *s, size_t len)
{
	struct block *blk = b->blk;
	size_t ncap;
	char *nt;
	uint32_t off;

	if (b->failed)
		return 0;
	if (blk->text_len + len > b->tcap) {
		ncap = b->tcap ? b->tcap * 2 : 256;
		while (ncap < blk->text_len + len)
			ncap *= 2;
		nt = realloc(blk->text, ncap);
		if (nt == NULL) {
			b->failed = 1;
			return 0;
		}
		blk->text = nt;
		b->tcap = ncap;
	}
	off = (uint32_t)blk->text_len;
	memcpy(blk->text + blk->text_len, s, len);
	blk->text_len += len;
	return off;
}

void
rb_plain(struct rb *b, size_t g0, size_t g1)
{
	if (g1 > g0)
		rb_push(b, (uint32_t)g0, (uint32_t)g1);
}

void
rb_reading_more(struct rb *b, size_t r0, size_t r1)
{
	struct run *r;
	char enc[4];
	size_t k;
	int e;

	if (b->failed || b->blk->nruns == 0)
		return;
	for (k = r0; k < r1; k++) {
		r = &b->blk->runs[b->blk->nruns - 1];
		e = utf8_encode(b->blk->g[k].cp, enc);
		if ((size_t)r->rd_len + (size_t)e > UINT16_MAX)
			return;
		if (r->rd_len == 0)
			r->rd_off = (uint32_t)b->blk->text_len;
		rb_text(b, enc, (size_t)e);
		if (b->failed)
			return;
		r->rd_len = (uint16_t)(r->rd_len + e);
		r->flags |= RUN_RUBY;
	}
}

struct run *
rb_ruby_span(struct rb *b, size_t g0, size_t g1, size_t r0, size_t r1)
{
	if (rb_push(b, (uint32_t)g0, (uint32_t)g1) == NULL)
		return NULL;
	rb_reading_more(b, r0, r1);
	return b->failed ? NULL : &b->blk->runs[b->blk->nruns - 1];
}

struct run *
rb_ruby_text(struct rb *b, size_t g0, size_t g1, const char *s, size_t len)
{
	struct run *r;
	uint32_t off;

	if (len > UINT16_MAX)
		len = UINT16_MAX;
	if (rb_push(b, (uint32_t)g0, (uint32_t)g1) == NULL)
		return NULL;
	off = rb_text(b, s, len);
	if (b->failed)
		return NULL;
	r = &b->blk->runs[b->blk->nruns - 1];
	r->rd_off = off;
	r->rd_len = (uint16_t)len;
	r->flags = len > 0 ? RUN_RUBY : 0;
	return r;
}

int
parse_is_open(const struct glyph *g)
{
	return !(g->flags & GLYPH_PLACEHOLDER) &&
	        (g->cp == '(' || g->cp == 0xff08);
}

int
parse_is_han(const struct glyph *g, size_t i, size_t n)
{
	return utf8_is_han(g[i].cp) && !(g[i].flags & GLYPH_PLACEHOLDER) &&
	        !(i + 1 < n && (g[i + 1].flags & GLYPH_MARK));
}

/* May cp appear inside a pinyin group? */
static int
pinyin_char(const struct glyph *g)
{
	uint32_t c = g->cp;

	if (g->flags & (GLYPH_PLACEHOLDER | GLYPH_TAB))
		return 0;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	        (c >= '0' && c <= '5'))
		return 1;
	switch (c) {
	case ':':
	case '\'':
	case '-':
	case ' ':
	case 0xb7:   /* · */
	case 0x2027: /* ‧ */
	case 0x2019: /* ’ */
		return 1;
	}
	if (g->flags & GLYPH_MARK)
		return c >= 0x300 && c <= 0x36f;
	return (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) ||
	        (c >= 0x1e00 && c <= 0x1eff) || (c >= 0xff21 && c <= 0xff3a) ||
	        (c >= 0xff41 && c <= 0xff5a) || (c >= 0xff10 && c <= 0xff15);
}

/*
 * Is there a pinyin group opening at g[i]? On success stores the index
 * just past its closing parenthesis in *end and its syllables in syl
 * (count returned); 0 otherwise.
 */
static size_t
group_at(const struct glyph *g, size_t n, size_t i, size_t *end,
        struct syl *syl, struct parse_memo *memo)
{
	struct split_memo *e;
	size_t k;
	char buf[PARSE_GROUP_MAX * 4 + 1];
	uint32_t close = g[i].cp == '(' ? ')' : 0xff09;
	size_t j, o = 0;

	for (j = i + 1; j < n && j <= i + 1 + PARSE_GROUP_MAX; j++) {
		if (g[j].cp == close && !(g[j].flags & GLYPH_PLACEHOLDER))
			break;
		if (!pinyin_char(&g[j]))
			return 0;
		o += (size_t)utf8_encode(g[j].cp, buf + o);
	}
	if (j >= n || j > i + 1 + PARSE_GROUP_MAX || j == i + 1 ||
	        g[j].cp != close)
		return 0;
	*end = j + 1;
	if (memo == NULL || o > MEMO_KEY)
		return pinyin_split(buf, o, syl, GROUP_SYL_MAX);
	e = &memo->split[hash(buf, o, 2166136261u) & (MEMO_SPLIT - 1)];
	if (e->used && e->len == o && memcmp(e->key, buf, o) == 0) {
		memcpy(syl, e->syl, e->k * sizeof(*syl));
		return e->k;
	}
	k = pinyin_split(buf, o, syl, GROUP_SYL_MAX);
	e->used = 1;
	e->len = (uint8_t)o;
	memcpy(e->key, buf, o);
	e->k = (uint8_t)k;
	memcpy(e->syl, syl, k * sizeof(*syl));
	return k;
}

/* Does syllable s fit character cp, as far as Unihan knows? */
static int
fits_uncached(const struct doc_opts *opts, uint32_t cp, const struct syl *s)
{
	struct syl rd[32];
	size_t n, k;

	n = unihan_readings(opts->uh, cp, opts->prefer_hant, rd, 32);
	if (n == 0)
		return 1; /* no data: syllable validity alone */
	for (k = 0; k < n; k++)
		if (pinyin_same_toneless(&rd[k], s, 1))
			return 1;
	return 0;
}

/* fits_uncached(), remembered in memo when there is one. */
int
parse_fits(const struct doc_opts *opts, uint32_t cp, const struct syl *s,
        struct parse_memo *memo)
{
	struct fit_memo *e;

	if (memo == NULL)
		return fits_uncached(opts, cp, s);
	e = &memo->fit[hash(s->s, strlen(s->s), 2166136261u ^ cp) &
	        (MEMO_FIT - 1)];
	if (!e->used || e->cp != cp || strcmp(e->s, s->s) != 0) {
		e->used = 1;
		e->cp = cp;
		memcpy(e->s, s->s, sizeof(e->s));
		e->ok = (uint8_t)fits_uncached(opts, cp, s);
	}
	return e->ok;
}

/* Do syllables syl[0..k) fit the k Han glyphs from g[first]? */
static int
aligns(const struct doc_opts *opts, const struct glyph *g, size_t first,
        const struct syl *syl, size_t k, struct parse_memo *memo)
{
	size_t m;

	for (m = 0; m < k; m++)
		if (!parse_fits(opts, g[first + m].cp, &syl[m], memo))
			return 0;
	return 1;
}

/*
 * The group's k syllables do not fit; try reading one toneless syllable
 * as two ("xian" over 西安 is xi an), when another Han character is there
 * to take the extra one. On success syl holds k + 1 syllables.
 */
static int
split_one(const struct doc_opts *opts, const struct glyph *g, size_t i,
        size_t hanlen, struct syl *syl, size_t k, struct parse_memo *memo)
{
	struct syl alt[GROUP_SYL_MAX];
	size_t m, cut, len;

	if (k + 1 > hanlen || k + 1 > GROUP_SYL_MAX)
		return 0;
	for (m = 0; m < k; m++) {
		len = strlen(syl[m].s);
		if (syl[m].tone != 0)
			continue;
		for (cut = 1; cut < len; cut++) {
			if (!pinyin_is_syllable(syl[m].s, cut) ||
			        !pinyin_is_syllable(syl[m].s + cut, len - cut))
				continue;
			memcpy(alt, syl, m * sizeof(*alt));
			memset(&alt[m], 0, 2 * sizeof(*alt));
			memcpy(alt[m].s, syl[m].s, cut);
			memcpy(alt[m + 1].s, syl[m].s + cut, len - cut);
			memcpy(alt + m + 2, syl + m + 1,
			        (k - m - 1) * sizeof(*alt));
			if (aligns(opts, g, i - (k + 1), alt, k + 1, memo)) {
				memcpy(syl, alt, (k + 1) * sizeof(*alt));
				return 1;
			}
		}
	}
	return 0;
}

static int
same_syls(const struct syl *a, size_t na, const struct syl *b, size_t nb)
{
	size_t k;

	if (na != nb)
		return 0;
	for (k = 0; k < na; k++)
		if (strcmp(a[k].s, b[k].s) != 0 || a[k].tone != b[k].tone)
			return 0;
	return 1;
}

static void
parse_pinyin(struct rb *b, const struct doc_opts *opts, struct parse_memo *memo)
{
	const struct glyph *g = b->blk->g;
	size_t n = b->blk->ng;
	struct syl syl[GROUP_SYL_MAX], dup[GROUP_SYL_MAX];
	size_t i = 0, ps = 0, hanlen = 0, k, m, end, end2, first;
	char rd[32];
	struct run *r;
	size_t len;

	while (i < n) {
		if (hanlen > 0 && parse_is_open(&g[i]) &&
		        (k = group_at(g, n, i, &end, syl, memo)) > 0 &&
		        k <= hanlen) {
			if (!aligns(opts, g, i - k, syl, k, memo) &&
			        split_one(opts, g, i, hanlen, syl, k, memo))
				k++;
			first = i - k;
			if (aligns(opts, g, first, syl, k, memo)) {
				rb_plain(b, ps, first);
				for (m = 0; m < k; m++) {
					r = rb_push(b, (uint32_t)(first + m),
					        (uint32_t)(first + m + 1));
					len = pinyin_format(&syl[m],
					        PINYIN_MARKS, rd, sizeof(rd));
					if (r == NULL)
						break;
					r->rd_off = rb_text(b, rd, len);
					r->rd_len = (uint16_t)len;
					r->flags = RUN_RUBY;
					if (syl[m].tone == 0)
						r->flags |= RUN_TONELESS;
					r->syl = syl[m];
				}
				b->blk->groups++;
				/* Swallow identical repeats: 綠(lv)(lv). */
				while (end < n && parse_is_open(&g[end]) &&
				        (m = group_at(g, n, end, &end2, dup,
				                 memo)) > 0 &&
				        same_syls(syl, k, dup, m))
					end = end2;
				i = ps = end;
				hanlen = 0;
				continue;
			}
		}
		if (parse_is_open(&g[i]))
			b->blk->literal++;
		if (parse_is_han(g, i, n))
			hanlen++;
		else
			hanlen = 0;
		i++;
	}
	rb_plain(b, ps, n);
}

enum status
parse_block(
        struct block *blk, const struct doc_opts *opts, struct parse_memo *memo)
{
	struct rb b = {blk, 0, 0, 0};

	switch (opts->notation) {
	case NOTATION_PINYIN:
		parse_pinyin(&b, opts, memo);
		break;
	case NOTATION_ZHUYIN:
		parse_zhuyin(&b, opts, memo);
		break;
	case NOTATION_MARKDOWN:
		parse_markdown(&b);
		break;
	case NOTATION_ANKI:
		parse_anki(&b);
		break;
	case NOTATION_AOZORA:
		parse_aozora(&b, opts);
		break;
	case NOTATION_PLAIN:
	/* Not parsed yet (HTML comes converted to it on another branch). */
	case NOTATION_IAA:
		rb_plain(&b, 0, blk->ng);
		break;
	}
	if (b.failed) {
		free(blk->runs);
		free(blk->text);
		blk->runs = NULL;
		blk->text = NULL;
		blk->nruns = blk->text_len = 0;
		return STATUS_NOMEM;
	}
	return STATUS_OK;
}
