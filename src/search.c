/*
 * search.c: text and reading search (see search.h).
 *
 * Two levels. A parsed block is searched exactly: the text pattern (the
 * query's code points) against the base glyphs of its runs, in order, so
 * that the glyphs of the notation between runs are skipped; the reading
 * pattern (the query's letters, canonical like struct syl: lower-case,
 * ü as 'v', no tones) against the syllables of consecutive ruby runs,
 * starting and ending on syllable boundaries. Text and reading matches
 * are merged by a streaming iterator, so search_block() allocates nothing.
 *
 * A document is never parsed whole. It is read a window at a time
 * (source_get, SOURCE_WINDOW bytes, overlapping by WINDOW_OVERLAP so that
 * a hit near the end can be checked); memchr finds the probe bytes: the
 * query's first character, or every way the first reading letter can be
 * spelt (ASCII, capital, precomposed tone letter, full-width). A hit is
 * checked loosely against the raw bytes that follow it (raw_text_ok(),
 * raw_reading_ok()). The checks may pass what the block does not match,
 * never the reverse: they skip what decoding drops (format characters),
 * annotation groups after a Han character (in converted IAA input, what
 * lies between U+FFFA and U+FFFB), and anything they cannot see in the
 * window. Only the blocks with a hit that passes are parsed and
 * searched exactly.
 *
 * Coordinates: match offsets are source byte offsets; glyph offsets are
 * relative to the block's span.off.
 */
#include "config.h"

#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "parse.h"
#include "search.h"

#ifndef WINDOW_OVERLAP
#define WINDOW_OVERLAP (8 * 1024) /* bytes a raw check may look ahead */
#endif
/* What a window keeps past its last hit, whatever SOURCE_WINDOW is. */
#define OVERLAP                                                                \
	(WINDOW_OVERLAP < SOURCE_WINDOW / 4 ? WINDOW_OVERLAP                   \
	                                    : SOURCE_WINDOW / 4)
#define CANCEL_BYTES (256 * 1024) /* parsed bytes between cancel() calls */
#define PROBE_MAX 24
#define WALK_MAX (64 * 1024) /* bytes to walk with doc_block_next */
#define GROUP_BASE_MAX 64    /* characters before one annotation group */
#define GROUP_SYL_MAX 16     /* syllables in one group, as parse.c reads */

/* The Latin letters with diacritics that pinyin can hold. */
#define LATIN1_LO 0xc0
#define LATIN1_HI 0x250
#define LATIN2_LO 0x1e00
#define LATIN2_HI 0x1f00
#define LATIN_N ((LATIN1_HI - LATIN1_LO) + (LATIN2_HI - LATIN2_LO))

enum probe_kind {
	PROBE_TEXT = 1,
	PROBE_READING = 2,
};

/* A byte to look for, and where it sits in the character it belongs to. */
struct probe {
	unsigned char byte;
	unsigned char back; /* bytes from the character's first byte */
	unsigned char kind; /* enum probe_kind, or'ed */
};

struct search {
	uint32_t *q;        /* text pattern: code points (tab as ' ') */
	size_t qn;          /* 0: the query matches no text */
	int fold;           /* match ASCII letters case-insensitively */
	char *rd;           /* reading pattern: letters, NUL-terminated */
	unsigned char *cut; /* cut[i]: a syllable must begin at rd[i] */
	size_t rdn;         /* 0: not a reading query */
	struct probe probe[PROBE_MAX];
	size_t nprobe;
	char latin[LATIN_N]; /* base letter of LATIN1/LATIN2 code points */
};

static int
is_upper(uint32_t c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_alpha(uint32_t c)
{
	return is_upper(c) || (c >= 'a' && c <= 'z');
}

static uint32_t
lower(uint32_t c)
{
	return is_upper(c) ? c + ('a' - 'A') : c;
}

/* ASCII for the textbook letters ɑ and ɡ, lower case for the rest. */
static uint32_t
textbook_letter(uint32_t c)
{
	if (c == 0x251)
		return 'a';
	if (c == 0x261)
		return 'g';
	return lower(c);
}

/* Tone marks, and the marks of ü and ê: what pinyin reads on a letter. */
static int
is_pinyin_mark(uint32_t cp, uint32_t letter)
{
	switch (cp) {
	case 0x0300:
	case 0x0301:
	case 0x0304:
	case 0x0306:
	case 0x030c:
		return 1;
	case 0x0308:
		return letter == 'u';
	case 0x0302:
		return letter == 'e';
	default:
		return 0;
	}
}

/*
 * The pinyin letter that cp spells once decomposed ('v' for ü), or 0:
 * an ASCII letter followed only by marks that pinyin reads on it.
 */
static char
decomposed_letter(uint32_t cp)
{
	ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH], out[8];
	size_t n = 0, i, k;
	int tag, len, uml = 0;
	uint32_t base;

	out[n++] = cp;
	/* Decompose the first element until it decomposes no further. */
	for (k = 0; k < 4; k++) {
		len = uc_decomposition(out[0], &tag, d);
		if (len <= 0)
			break;
		if ((size_t)len + n - 1 > sizeof(out) / sizeof(out[0]))
			return 0;
		memmove(out + len, out + 1, (n - 1) * sizeof(out[0]));
		memcpy(out, d, (size_t)len * sizeof(out[0]));
		n += (size_t)len - 1;
	}
	base = textbook_letter(out[0]);
	if (!is_alpha(base))
		return 0;
	for (i = 1; i < n; i++) {
		if (!is_pinyin_mark(out[i], base))
			return 0;
		if (out[i] == 0x0308)
			uml = 1;
	}
	return uml ? 'v' : (char)base;
}

static void
latin_init(char *t)
{
	uint32_t cp;

	for (cp = LATIN1_LO; cp < LATIN1_HI; cp++)
		t[cp - LATIN1_LO] = decomposed_letter(cp);
	for (cp = LATIN2_LO; cp < LATIN2_HI; cp++)
		t[(LATIN1_HI - LATIN1_LO) + cp - LATIN2_LO] =
		        decomposed_letter(cp);
}

/* The pinyin letter that non-ASCII cp spells ('v' for ü), or 0. */
static char
latin_letter(const struct search *s, uint32_t cp)
{
	if (cp >= LATIN1_LO && cp < LATIN1_HI)
		return s->latin[cp - LATIN1_LO];
	if (cp >= LATIN2_LO && cp < LATIN2_HI)
		return s->latin[(LATIN1_HI - LATIN1_LO) + cp - LATIN2_LO];
	if (cp >= 0xff21 && cp <= 0xff3a)
		return (char)('a' + (cp - 0xff21));
	if (cp >= 0xff41 && cp <= 0xff5a)
		return (char)('a' + (cp - 0xff41));
	if (cp == 0x251)
		return 'a';
	if (cp == 0x261)
		return 'g';
	return 0;
}

/* Does a letter spelt in the text stand for pattern letter r? */
static int
same_letter(char c, char r)
{
	if (c == r)
		return 1;
	return (c == 'u' || c == 'v') && (r == 'u' || r == 'v');
}

static void
add_probe(struct search *s, unsigned char byte, unsigned char back, int kind)
{
	size_t i;

	for (i = 0; i < s->nprobe; i++)
		if (s->probe[i].byte == byte && s->probe[i].back == back) {
			s->probe[i].kind |= (unsigned char)kind;
			return;
		}
	/* At most 2 + 2 + 7 lead bytes for a reading, 2 for text. */
	assert(s->nprobe < PROBE_MAX);
	s->probe[s->nprobe].byte = byte;
	s->probe[s->nprobe].back = back;
	s->probe[s->nprobe].kind = (unsigned char)kind;
	s->nprobe++;
}

/* Probe for the character cp: its last byte, or its lead byte when rare. */
static void
add_probe_cp(struct search *s, uint32_t cp, int kind)
{
	char enc[4];
	int n;

	n = utf8_encode(cp, enc);
	if (n <= 0)
		return;
	/*
	 * Lead bytes C2..DF (Latin, Greek, ...) and E1 are rare in CJK text;
	 * for the rest the continuation byte is the rarer one.
	 */
	if (n == 2 || (unsigned char)enc[0] == 0xe1)
		add_probe(s, (unsigned char)enc[0], 0, kind);
	else
		add_probe(s, (unsigned char)enc[n - 1], (unsigned char)(n - 1),
		        kind);
}

/* Probes for every spelling of the first reading letter. */
static void
reading_probes(struct search *s)
{
	char c = s->rd[0];
	uint32_t cp;
	char l;

	add_probe(s, (unsigned char)c, 0, PROBE_READING);
	add_probe(s, (unsigned char)(c - 'a' + 'A'), 0, PROBE_READING);
	add_probe_cp(s, 0xff41 + (uint32_t)(c - 'a'), PROBE_READING);
	add_probe_cp(s, 0xff21 + (uint32_t)(c - 'a'), PROBE_READING);
	for (cp = LATIN1_LO; cp < LATIN2_HI; cp++) {
		if (cp == LATIN1_HI)
			cp = LATIN2_LO;
		l = latin_letter(s, cp);
		if (l != 0 && same_letter(l, c))
			add_probe_cp(s, cp, PROBE_READING);
	}
	if (c == 'a')
		add_probe_cp(s, 0x251, PROBE_READING);
	if (c == 'g')
		add_probe_cp(s, 0x261, PROBE_READING);
}

/* Is s[0..len) a syllable, reading u after l or n as ü too? */
static int
is_syllable_loose(const char *s, size_t len)
{
	char buf[PINYIN_SYL_MAX];

	if (pinyin_is_syllable(s, len))
		return 1;
	if (len >= 2 && len < sizeof(buf) && (s[0] == 'l' || s[0] == 'n') &&
	        s[1] == 'u') {
		memcpy(buf, s, len);
		buf[1] = 'v';
		return pinyin_is_syllable(buf, len);
	}
	return 0;
}

/* Can rd[0..n) be split into syllables, beginning one at every cut? */
static enum status
segments(const char *rd, const unsigned char *cut, size_t n, int *ok)
{
	unsigned char *seg;
	size_t i, j;

	seg = calloc(n + 1, 1);
	if (seg == NULL)
		return STATUS_NOMEM;
	seg[0] = 1;
	for (i = 1; i <= n; i++)
		for (j = i; j-- > 0 && i - j < PINYIN_SYL_MAX;) {
			if (seg[j] && is_syllable_loose(rd + j, i - j)) {
				seg[i] = 1;
				break;
			}
			if (cut[j])
				break; /* no syllable spans a cut */
		}
	*ok = seg[n];
	free(seg);
	return STATUS_OK;
}

/*
 * Read the query as pinyin: fill s->rd, s->cut and s->rdn, or leave
 * rdn at 0 when it is not a reading query.
 */
static enum status
reading_init(struct search *s, const char *q, size_t len)
{
	uint8_t buf[256], *t;
	size_t n = sizeof(buf), i = 0, k = 0;
	int ok = 1, word = 1, pending = 0, len1;
	enum status st;
	ucs4_t uc;

	if (u8_check((const uint8_t *)q, len) != NULL)
		return STATUS_OK;
	t = u8_normalize(UNINORM_NFKD, (const uint8_t *)q, len, buf, &n);
	if (t == NULL)
		return errno == ENOMEM ? STATUS_NOMEM : STATUS_OK;
	s->rd = malloc(n + 1);
	s->cut = calloc(n + 1, 1);
	if (s->rd == NULL || s->cut == NULL) {
		if (t != buf)
			free(t);
		return STATUS_NOMEM;
	}
	while (ok && i < n) {
		len1 = u8_mbtouc(&uc, t + i, n - i);
		i += (size_t)len1;
		if (is_alpha(uc) || uc == 0x251 || uc == 0x261) {
			if (is_upper(uc) && !word)
				ok = 0; /* "EOD", "AN": abbreviations */
			word = 0;
			if (pending && k > 0)
				s->cut[k] = 1;
			pending = 0;
			s->rd[k++] = (char)textbook_letter(uc);
		} else if (uc == 0x0300 || uc == 0x0301 || uc == 0x0304 ||
		        uc == 0x0306 || uc == 0x030c) {
			ok = k > 0 && !pending; /* a tone mark: ignored */
		} else if (uc == 0x0308 || uc == ':') {
			ok = k > 0 && !pending && s->rd[k - 1] == 'u';
			if (ok)
				s->rd[k - 1] = 'v';
		} else if (uc == 0x0302 || uc == '^') {
			ok = k > 0 && !pending && s->rd[k - 1] == 'e';
		} else if (uc >= '0' && uc <= '5') {
			ok = k > 0; /* a tone digit: ignored */
			word = 1;
		} else if (uc == ' ' || uc == '\t' || uc == '\'' || uc == '-' ||
		        uc == 0x2010 || uc == 0x2019 || uc == 0x02bc ||
		        uc == 0x00b7 || uc == 0x2027 || uc == 0x30fb) {
			pending = 1;
			word = 1;
		} else {
			ok = 0;
		}
	}
	if (t != buf)
		free(t);
	if (!ok || k == 0)
		return STATUS_OK;
	s->rd[k] = '\0';
	/* ü after j, q, x and y is written u, as in struct syl. */
	for (i = 1; i < k; i++)
		if (s->rd[i] == 'v' && strchr("jqxy", s->rd[i - 1]) != NULL)
			s->rd[i] = 'u';
	st = segments(s->rd, s->cut, k, &ok);
	if (st != STATUS_OK)
		return st;
	if (ok)
		s->rdn = k;
	return STATUS_OK;
}

/* The text pattern: the query decoded as document text is. */
static enum status
text_init(struct search *s, const char *q, size_t len)
{
	struct glyph *g = NULL;
	size_t n = 0, i;
	enum status st;

	st = utf8_decode(q, len, NULL, &g, &n);
	if (st != STATUS_OK)
		return st;
	for (i = 0; i < n; i++)
		if ((g[i].flags & GLYPH_PLACEHOLDER) || g[i].slen == 0)
			break;
	if (n == 0 || i < n) {
		free(g);
		return STATUS_OK; /* matches no text */
	}
	s->q = malloc(n * sizeof(*s->q));
	if (s->q == NULL) {
		free(g);
		return STATUS_NOMEM;
	}
	s->fold = 1;
	for (i = 0; i < n; i++) {
		s->q[i] = g[i].cp;
		if (is_upper(g[i].cp))
			s->fold = 0;
	}
	s->qn = n;
	free(g);
	return STATUS_OK;
}

enum status
search_new(const char *q, size_t len, struct search **out)
{
	struct search *s;
	enum status st;
	size_t i;
	uint32_t c;

	for (i = 0; i < len && (q[i] == ' ' || q[i] == '\t'); i++)
		;
	if (i == len)
		return STATUS_RANGE;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return STATUS_NOMEM;
	st = text_init(s, q, len);
	if (st == STATUS_OK)
		st = reading_init(s, q, len);
	if (st != STATUS_OK) {
		search_free(s);
		return st;
	}
	if (s->qn > 0) {
		c = s->q[0];
		if (s->fold && is_alpha(c)) {
			add_probe(s, (unsigned char)c, 0, PROBE_TEXT);
			add_probe(s, (unsigned char)(c - 'a' + 'A'), 0,
			        PROBE_TEXT);
		} else if (c < 0x80) {
			add_probe(s, (unsigned char)c, 0, PROBE_TEXT);
			if (c == ' ')
				add_probe(s, '\t', 0, PROBE_TEXT);
		} else {
			add_probe_cp(s, c, PROBE_TEXT);
		}
	}
	if (s->rdn > 0) {
		latin_init(s->latin);
		reading_probes(s);
	}
	*out = s;
	return STATUS_OK;
}

void
search_free(struct search *s)
{
	if (s == NULL)
		return;
	free(s->q);
	free(s->rd);
	free(s->cut);
	free(s);
}

int
search_is_reading(const struct search *s)
{
	return s->rdn > 0;
}

/* ---- Exact matching in a parsed block ---- */

/* A position in the base text: glyph i of run r (r == nruns: the end). */
struct cursor {
	size_t r, i;
};

static void
cursor_settle(const struct block *b, struct cursor *c)
{
	while (c->r < b->nruns && c->i >= b->runs[c->r].g1) {
		c->r++;
		if (c->r < b->nruns)
			c->i = b->runs[c->r].g0;
	}
}

static void
cursor_step(const struct block *b, struct cursor *c)
{
	c->i++;
	cursor_settle(b, c);
}

/* Does the text pattern match at c? Fills *m (source offsets). */
static int
text_at(const struct search *s, const struct block *b, struct cursor c,
        struct match *m)
{
	const struct glyph *g;
	size_t k, end = 0, first = c.i, last = c.i;
	uint32_t cp;

	for (k = 0; k < s->qn; k++) {
		if (c.r >= b->nruns)
			return 0;
		g = &b->g[c.i];
		if (g->flags & GLYPH_PLACEHOLDER)
			return 0;
		cp = s->fold ? lower(g->cp) : g->cp;
		if (cp != s->q[k])
			return 0;
		if (g->off + (size_t)g->slen > end)
			end = g->off + (size_t)g->slen;
		last = c.i;
		cursor_step(b, &c);
	}
	/* Never end inside a character's combining marks. */
	if (c.r < b->nruns && c.i == last + 1 && (b->g[c.i].flags & GLYPH_MARK))
		return 0;
	m->off = b->span.off + b->g[first].off;
	m->end = b->span.off + end;
	return 1;
}

/* Source offset just past the base glyphs of run r. */
static size_t
run_end(const struct block *b, size_t r)
{
	size_t i, end = 0;

	for (i = b->runs[r].g0; i < b->runs[r].g1; i++)
		if (b->g[i].off + (size_t)b->g[i].slen > end)
			end = b->g[i].off + (size_t)b->g[i].slen;
	return b->span.off + end;
}

/* Does the reading pattern match from ruby run r on? Fills *m. */
static int
reading_at(const struct search *s, const struct block *b, size_t r,
        struct match *m)
{
	size_t k = 0, j = r, i;
	const char *p;

	while (k < s->rdn) {
		if (j >= b->nruns || !(b->runs[j].flags & RUN_RUBY))
			return 0;
		p = b->runs[j].syl.s;
		for (i = 0; i < PINYIN_SYL_MAX && p[i] != '\0'; i++) {
			if (p[i] == '^')
				continue; /* ê: matched as e */
			if (k >= s->rdn || (i > 0 && s->cut[k]))
				return 0;
			if (s->rd[k] != p[i] &&
			        !(s->rd[k] == 'u' && p[i] == 'v'))
				return 0;
			k++;
		}
		j++;
	}
	if (j == r || b->runs[r].g1 <= b->runs[r].g0)
		return 0;
	m->off = b->span.off + b->g[b->runs[r].g0].off;
	m->end = run_end(b, j - 1);
	return 1;
}

enum { NEXT_UNKNOWN, NEXT_HAVE, NEXT_NONE };

/* The merged matches of one block, in order. */
struct miter {
	const struct search *s;
	const struct block *b;
	size_t pos; /* the next match starts at or after this source byte */
	struct cursor tc;
	size_t rr;
	int ts, rs; /* NEXT_*: state of t and r */
	struct match t, r;
};

static void
miter_init(struct miter *it, const struct search *s, const struct block *b)
{
	memset(it, 0, sizeof(*it));
	it->s = s;
	it->b = b;
	it->pos = b->span.off;
	it->tc.r = 0;
	it->tc.i = b->nruns > 0 ? b->runs[0].g0 : 0;
	cursor_settle(b, &it->tc);
	it->ts = s->qn > 0 ? NEXT_UNKNOWN : NEXT_NONE;
	it->rs = s->rdn > 0 ? NEXT_UNKNOWN : NEXT_NONE;
}

static int
miter_next(struct miter *it, struct match *out)
{
	const struct block *b = it->b;

	if (it->ts == NEXT_HAVE && it->t.off < it->pos)
		it->ts = NEXT_UNKNOWN;
	while (it->ts == NEXT_UNKNOWN) {
		if (it->tc.r >= b->nruns)
			it->ts = NEXT_NONE;
		else if (b->span.off + b->g[it->tc.i].off >= it->pos &&
		        text_at(it->s, b, it->tc, &it->t))
			it->ts = NEXT_HAVE;
		else
			cursor_step(b, &it->tc);
	}
	if (it->rs == NEXT_HAVE && it->r.off < it->pos)
		it->rs = NEXT_UNKNOWN;
	while (it->rs == NEXT_UNKNOWN) {
		if (it->rr >= b->nruns)
			it->rs = NEXT_NONE;
		else if ((b->runs[it->rr].flags & RUN_RUBY) &&
		        b->runs[it->rr].g1 > b->runs[it->rr].g0 &&
		        b->span.off + b->g[b->runs[it->rr].g0].off >= it->pos &&
		        reading_at(it->s, b, it->rr, &it->r))
			it->rs = NEXT_HAVE;
		else
			it->rr++;
	}
	if (it->ts == NEXT_HAVE &&
	        (it->rs != NEXT_HAVE || it->t.off < it->r.off ||
	                (it->t.off == it->r.off && it->t.end >= it->r.end)))
		*out = it->t;
	else if (it->rs == NEXT_HAVE)
		*out = it->r;
	else
		return 0;
	it->pos = out->end > out->off ? out->end : out->off + 1;
	return 1;
}

size_t
search_block(const struct search *s, const struct block *blk, struct match *out,
        size_t max)
{
	struct miter it;
	struct match m;
	size_t n = 0;

	miter_init(&it, s, blk);
	while (miter_next(&it, &m)) {
		if (n < max)
			out[n] = m;
		n++;
	}
	return n;
}

/* ---- Loose checks on raw bytes ---- */

/*
 * Decode the character at p[0..n): its length, or 0 when the bytes are
 * not UTF-8, or -1 when they may be a character cut by the window's end.
 */
static int
raw_char(const unsigned char *p, size_t n, uint32_t *cp)
{
	int len;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	len = utf8_next((const char *)p, n, cp);
	if (len > 0)
		return len;
	return n < 4 ? -1 : 0;
}

/*
 * Skip the annotation group whose opening parenthesis is at p[0] (at most
 * PARSE_GROUP_MAX characters, then the closing one). Returns the bytes
 * skipped, 0 when there is no such group, -1 when the window ends first.
 */
static long
raw_group(const unsigned char *p, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;
	int len;

	for (k = 0; k < PARSE_GROUP_MAX + 2; k++) {
		if (i >= n)
			return -1;
		len = raw_char(p + i, n - i, &cp);
		if (len < 0)
			return -1;
		if (len == 0 || cp == '\n')
			return 0;
		i += (size_t)len;
		if (k > 0 && (cp == ')' || cp == 0xff09))
			return (long)i;
	}
	return 0;
}

#define IAA_SKIP_MAX 4096 /* bytes of one IAA reading or base, at most */

/*
 * Converted input (NOTATION_IAA): skip from just after a U+FFFA or U+FFFB
 * at p[0] to just after the next `until` (U+FFFB: past a reading; U+FFFA:
 * past the next base, to its reading). Returns the bytes skipped, 0 when
 * there is none before a line end or IAA_SKIP_MAX bytes, -1 when the
 * window ends first.
 */
static long
raw_iaa_skip(const unsigned char *p, size_t n, uint32_t until)
{
	size_t i = 0;
	uint32_t cp;
	int len;

	while (i < IAA_SKIP_MAX) {
		if (i >= n)
			return -1;
		len = raw_char(p + i, n - i, &cp);
		if (len <= 0)
			return len;
		if (cp == '\n')
			return 0;
		i += (size_t)len;
		if (cp == until)
			return (long)i;
	}
	return 0;
}

/*
 * Could cp be notation that hides or stands for text between two base
 * characters: Markdown { | } and escapes, Anki [ ] and the space before
 * a base, Aozora ｜ 《 ［ (notes) and ※ (gaiji)?
 */
static int
is_syntax(uint32_t cp)
{
	switch (cp) {
	case '{':
	case '|':
	case '}':
	case '\\':
	case '[':
	case ' ':
	case 0xff5c: /* ｜ */
	case 0x300a: /* 《 */
	case 0xff3b: /* ［ */
	case 0x203b: /* ※ */
		return 1;
	}
	return 0;
}

/*
 * Could the text pattern match at p[0] (n bytes of window)? Skips what
 * decoding drops and annotation groups after a Han character; with
 * `syntax` (a notation other than pinyin), passes at the first character
 * that may be another notation's syntax; with `iaa`, skips the readings
 * between U+FFFA and U+FFFB.
 */
static int
raw_text_ok(const struct search *s, const unsigned char *p, size_t n,
        int syntax, int iaa)
{
	size_t i = 0, k = 0;
	int han = 0, len;
	long skip;
	uint32_t cp;

	while (k < s->qn) {
		if (i >= n)
			return 1;
		len = raw_char(p + i, n - i, &cp);
		if (len <= 0)
			return len < 0;
		if (cp == '\t')
			cp = ' ';
		if (s->fold)
			cp = lower(cp);
		if (cp == s->q[k]) {
			k++;
			han = utf8_is_han(cp);
			i += (size_t)len;
		} else if (k == 0) {
			return 0;
		} else if (iaa && cp == 0xfffa) {
			skip = raw_iaa_skip(p + i, n - i, 0xfffb);
			if (skip <= 0)
				return skip < 0;
			i += (size_t)skip;
		} else if (utf8_is_invisible(cp) ||
		        (cp >= 0x300 &&
		                uc_is_general_category(cp, UC_CATEGORY_M))) {
			/* dropped, or a mark past UTF8_MARKS_MAX */
			i += (size_t)len;
		} else if (han && (cp == '(' || cp == 0xff08)) {
			skip = raw_group(p + i, n - i);
			if (skip <= 0)
				return skip < 0;
			i += (size_t)skip;
		} else {
			/* Other notations: let the parser decide. */
			return syntax && is_syntax(cp);
		}
	}
	return 1;
}

/* A group whose base characters are to be counted (see group_fits()). */
struct group_check {
	const unsigned char *open; /* its opening parenthesis */
	size_t n;                  /* bytes of window from there */
	size_t chars;              /* base characters before the group */
};

#define CHECKS_MAX 8

/*
 * Does the group annotate exactly the characters between it and the group
 * before? It annotates the k characters just before it (k + 1 when the
 * parser splits a syllable in two): with more, the first ones have no
 * reading, and the annotated characters are not consecutive. When the
 * content does not split here (a dropped character in it, say), the
 * parser decides. Called only for hits that pass otherwise: it is slow.
 */
static int
group_fits(const struct group_check *c)
{
	struct syl syl[GROUP_SYL_MAX];
	size_t k, in, out;
	long len;

	len = raw_group(c->open, c->n);
	if (len < 0)
		return 1; /* cut by the window: let the parser decide */
	if (len == 0)
		return 0;
	in = c->open[0] == '(' ? 1 : 3;
	out = c->open[len - 1] == ')' ? 1 : 3;
	k = pinyin_split((const char *)c->open + in, (size_t)len - in - out,
	        syl, GROUP_SYL_MAX);
	return k == 0 || c->chars == k || c->chars == k + 1;
}

/*
 * From a closing parenthesis (already passed) to the reading of the next
 * annotated character: repeated groups, the next group's base characters,
 * its opening parenthesis. Returns the bytes skipped, 0 when the text is
 * not like that, -1 when the window ends first. *c is what group_fits()
 * must check.
 */
static long
raw_next_group(const unsigned char *p, size_t n, struct group_check *c)
{
	size_t i = 0, chars = 0;
	uint32_t cp;
	long skip;
	int len;

	for (;;) {
		if (i >= n)
			return -1;
		len = raw_char(p + i, n - i, &cp);
		if (len <= 0)
			return len;
		if ((cp == '(' || cp == 0xff08) && chars == 0) {
			skip = raw_group(p + i, n - i); /* a repeated group */
			if (skip <= 0)
				return skip;
			i += (size_t)skip;
			continue;
		}
		if (cp == '(' || cp == 0xff08)
			break;
		if (cp < 0x80 ||
		        (!utf8_is_invisible(cp) && ++chars > GROUP_BASE_MAX))
			return 0;
		i += (size_t)len;
	}
	c->open = p + i;
	c->n = n - i;
	c->chars = chars;
	return (long)(i + (size_t)len);
}

/*
 * Could the reading pattern match from p[0] (n bytes of window)? Reads
 * letters in any spelling, skips tone marks and digits, separators and
 * what decoding drops, and goes from one group to the next (with `iaa`,
 * from a U+FFFB past the next base to its U+FFFA).
 */
static int
raw_reading_ok(
        const struct search *s, const unsigned char *p, size_t n, int iaa)
{
	struct group_check checks[CHECKS_MAX], c;
	size_t i = 0, k = 0, nchecks = 0, j;
	uint32_t cp;
	long skip;
	int len;
	char l;

	while (k < s->rdn) {
		if (i >= n)
			return 1;
		len = raw_char(p + i, n - i, &cp);
		if (len <= 0)
			return len < 0;
		l = cp < 0x80 ? (is_alpha(cp) ? (char)lower(cp) : 0)
		              : latin_letter(s, cp);
		if (l != 0) {
			if (same_letter(l, s->rd[k]))
				k++;
			else if (!(l == 'y' && k > 0 &&
			                 (s->rd[k] == 'u' || s->rd[k] == 'v') &&
			                 (s->rd[k - 1] == 'l' ||
			                         s->rd[k - 1] == 'n')))
				return 0; /* "lyu" is lü */
			i += (size_t)len;
			continue;
		}
		if (k == 0)
			return 0;
		i += (size_t)len;
		if (iaa && cp == 0xfffb) {
			skip = raw_iaa_skip(p + i, n - i, 0xfffa);
			if (skip <= 0)
				return skip < 0;
			i += (size_t)skip;
		} else if (cp == ')' || cp == 0xff09) {
			skip = raw_next_group(p + i, n - i, &c);
			if (skip <= 0)
				return skip < 0;
			i += (size_t)skip;
			if (nchecks < CHECKS_MAX)
				checks[nchecks++] = c;
			else if (!group_fits(&c))
				return 0;
		} else if (!((cp >= '0' && cp <= '5') || cp == ' ' ||
		                   cp == '\'' || cp == '-' || cp == ':' ||
		                   (cp >= 0x300 && cp <= 0x36f) || cp == 0xb7 ||
		                   cp == 0x2027 || cp == 0x2019 ||
		                   (cp >= 0xff10 && cp <= 0xff15) ||
		                   utf8_is_invisible(cp))) {
			return 0;
		}
	}
	for (j = 0; j < nchecks; j++)
		if (!group_fits(&checks[j]))
			return 0;
	return 1;
}

/* ---- Scanning a document ---- */

struct scan {
	const struct search *s;
	struct doc *doc;
	int (*cancel)(void *);
	void *ctx;
	size_t parsed; /* bytes parsed since cancel() was last called */
	int cancelled;
	size_t *cand; /* candidate offsets found in the current window */
	size_t ncand, cap;
	struct bspan last; /* the last block visited */
	int have_last;
	int syntax;           /* a notation with syntax other than pinyin's */
	int iaa;              /* converted input: readings in U+FFFA..FFFB */
	const char *extra[4]; /* NULL-ended: bytes that are candidates */
};

/* Call cancel() now (parse == 0) or when enough has been parsed. */
static int
scan_cancelled(struct scan *sc, size_t parse)
{
	sc->parsed += parse;
	if (parse != 0 && sc->parsed < CANCEL_BYTES)
		return 0;
	sc->parsed = 0;
	if (sc->cancel != NULL && sc->cancel(sc->ctx) != 0)
		sc->cancelled = 1;
	return sc->cancelled;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Add a candidate offset. STATUS_NOMEM. */
static enum status
cand_push(struct scan *sc, size_t off)
{
	size_t *nc;

	if (sc->ncand == sc->cap) {
		nc = realloc(
		        sc->cand, (sc->cap ? sc->cap * 2 : 256) * sizeof(*nc));
		if (nc == NULL)
			return STATUS_NOMEM;
		sc->cand = nc;
		sc->cap = sc->cap ? sc->cap * 2 : 256;
	}
	sc->cand[sc->ncand++] = off;
	return STATUS_OK;
}

/*
 * Collect in sc->cand, ascending, the offsets of the hits that start in
 * p[0..lim) (the window at source offset `base` holds n >= lim bytes)
 * and pass the raw checks.
 */
static enum status
collect(struct scan *sc, const unsigned char *p, size_t n, size_t lim,
        size_t base)
{
	const struct search *s = sc->s;
	const struct probe *pr;
	const unsigned char *h;
	size_t k, i, stop, at;
	int ok;

	sc->ncand = 0;
	for (k = 0; k < s->nprobe; k++) {
		pr = &s->probe[k];
		stop = lim + pr->back < n ? lim + pr->back : n;
		for (i = pr->back; i < stop; i = (size_t)(h - p) + 1) {
			h = memchr(p + i, pr->byte, stop - i);
			if (h == NULL)
				break;
			at = (size_t)(h - p) - pr->back;
			ok = ((pr->kind & PROBE_TEXT) &&
			             raw_text_ok(s, p + at, n - at, sc->syntax,
			                     sc->iaa)) ||
			        ((pr->kind & PROBE_READING) &&
			                raw_reading_ok(
			                        s, p + at, n - at, sc->iaa));
			if (ok && cand_push(sc, base + at) != STATUS_OK)
				return STATUS_NOMEM;
		}
	}
	/*
	 * What other notations hide from the probes: in Aozora a gaiji note
	 * ("※［＃…］") stands for a character that is not in the bytes; in
	 * zhuyin a reading query's letters are not in the bytes. Every
	 * occurrence of sc->extra[] is a candidate.
	 */
	for (k = 0; sc->extra[k] != NULL; k++) {
		for (i = 0; i < lim; i = (size_t)(h - p) + 1) {
			h = memmem(p + i, n - i, sc->extra[k],
			        strlen(sc->extra[k]));
			if (h == NULL || (size_t)(h - p) >= lim)
				break;
			if (cand_push(sc, base + (size_t)(h - p)) != STATUS_OK)
				return STATUS_NOMEM;
		}
	}
	if ((s->nprobe > 1 || sc->extra[0] != NULL) && sc->ncand > 1)
		qsort(sc->cand, sc->ncand, sizeof(*sc->cand), cmp_size);
	return STATUS_OK;
}

/*
 * The block holding byte `off`: walked to with doc_block_next from the
 * last block when it is near ahead (cheap: the source window is warm),
 * else found with doc_block_at.
 */
static enum status
block_holding(struct scan *sc, size_t off, struct bspan *out)
{
	struct bspan b, nb;
	enum status st;

	if (sc->have_last && off >= sc->last.next &&
	        off - sc->last.next < WALK_MAX) {
		b = sc->last;
		while (off >= b.next) {
			st = doc_block_next(sc->doc, &b, &nb);
			if (st == STATUS_RANGE)
				break;
			if (st != STATUS_OK)
				return st;
			b = nb;
		}
		if (off >= b.off && (off < b.next || b.next == b.end)) {
			*out = sc->last = b;
			return STATUS_OK;
		}
	}
	st = doc_block_at(sc->doc, off, out);
	if (st != STATUS_OK)
		return st;
	sc->last = *out;
	sc->have_last = 1;
	return STATUS_OK;
}

/* Parse the block at `span` (checking cancel() first). */
static enum status
scan_parse(struct scan *sc, const struct bspan *span, struct block **out)
{
	if (scan_cancelled(sc, span->end - span->off + 1))
		return STATUS_RANGE;
	return doc_parse(sc->doc, span, out);
}

/*
 * What to do with the matches of each candidate block: `visit` returns 1
 * to stop the scan.
 */
typedef int (*visit_fn)(
        void *arg, const struct search *s, const struct block *blk);

/*
 * Visit, in order, every block at or after `start` that may match. Stops
 * when visit() returns 1 (STATUS_OK, *stopped = 1) or at the end of the
 * document (STATUS_OK, *stopped = 0). STATUS_RANGE when cancelled.
 */
static enum status
scan_forward(
        struct scan *sc, size_t start, visit_fn visit, void *arg, int *stopped)
{
	struct source *src = doc_source(sc->doc);
	struct block *blk;
	struct bspan span;
	const char *p;
	size_t lo = start, cur = start, got, lim, k;
	enum status st;
	int stop;

	*stopped = 0;
	for (;;) {
		if (scan_cancelled(sc, 0))
			return STATUS_RANGE;
		st = source_get(src, lo, SOURCE_WINDOW, &p, &got);
		if (st != STATUS_OK)
			return st;
		if (got == 0)
			return STATUS_OK;
		lim = got < SOURCE_WINDOW ? got : got - OVERLAP;
		st = collect(sc, (const unsigned char *)p, got, lim, lo);
		if (st != STATUS_OK)
			return st;
		for (k = 0; k < sc->ncand; k++) {
			if (sc->cand[k] < cur)
				continue;
			st = block_holding(sc, sc->cand[k], &span);
			if (st == STATUS_OK)
				st = scan_parse(sc, &span, &blk);
			if (st != STATUS_OK)
				return st;
			stop = visit(arg, sc->s, blk);
			block_free(blk);
			if (stop) {
				*stopped = 1;
				return STATUS_OK;
			}
			cur = span.next > sc->cand[k] ? span.next
			                              : sc->cand[k] + 1;
		}
		lo = lo + lim > cur ? lo + lim : cur;
	}
}

/* Search state for search_next and search_count. */
struct find {
	size_t from;
	int found;
	struct match m;
	size_t total, index;
};

static int
visit_first_after(void *arg, const struct search *s, const struct block *blk)
{
	struct find *f = arg;
	struct miter it;
	struct match m;

	miter_init(&it, s, blk);
	while (miter_next(&it, &m))
		if (m.off > f->from) {
			f->m = m;
			f->found = 1;
			return 1;
		}
	return 0;
}

static int
visit_count(void *arg, const struct search *s, const struct block *blk)
{
	struct find *f = arg;
	struct miter it;
	struct match m;

	miter_init(&it, s, blk);
	while (miter_next(&it, &m)) {
		f->total++;
		if (m.off <= f->from)
			f->index++;
	}
	return 0;
}

/* The last match before f->from in the blocks at or before `from`. */
static enum status
scan_backward(struct scan *sc, struct find *f)
{
	struct source *src = doc_source(sc->doc);
	struct block *blk;
	struct bspan span;
	struct miter it;
	struct match m;
	const char *p;
	size_t hi, lo, limit, got, n, k;
	enum status st;

	st = doc_block_at(sc->doc, f->from, &span);
	if (st != STATUS_OK)
		return st;
	hi = limit = span.next > span.end ? span.next : span.end;
	while (hi > 0) {
		if (scan_cancelled(sc, 0))
			return STATUS_RANGE;
		lo = hi > SOURCE_WINDOW - OVERLAP
		        ? hi - (SOURCE_WINDOW - OVERLAP)
		        : 0;
		st = source_get(src, lo, SOURCE_WINDOW, &p, &got);
		if (st != STATUS_OK)
			return st;
		n = hi - lo < got ? hi - lo : got;
		st = collect(sc, (const unsigned char *)p, got, n, lo);
		if (st != STATUS_OK)
			return st;
		for (k = sc->ncand; k-- > 0;) {
			if (sc->cand[k] >= limit)
				continue;
			st = doc_block_at(sc->doc, sc->cand[k], &span);
			if (st == STATUS_OK)
				st = scan_parse(sc, &span, &blk);
			if (st != STATUS_OK)
				return st;
			miter_init(&it, sc->s, blk);
			while (miter_next(&it, &m) && m.off < f->from) {
				f->m = m;
				f->found = 1;
			}
			block_free(blk);
			if (f->found)
				return STATUS_OK;
			limit = span.off;
		}
		hi = lo < limit ? lo : limit;
	}
	return STATUS_OK;
}

static void
scan_init(struct scan *sc, const struct search *s, struct doc *doc,
        int (*cancel)(void *), void *ctx)
{
	size_t k;

	memset(sc, 0, sizeof(*sc));
	sc->s = s;
	sc->doc = doc;
	sc->cancel = cancel;
	sc->ctx = ctx;
	sc->syntax = doc_notation(doc) != NOTATION_PINYIN &&
	        doc_notation(doc) != NOTATION_PLAIN;
	sc->iaa = doc_notation(doc) == NOTATION_IAA;
	k = 0;
	if (doc_notation(doc) == NOTATION_AOZORA)
		sc->extra[k++] = "\xe2\x80\xbb"; /* ※ */
	if (doc_notation(doc) == NOTATION_ZHUYIN && search_is_reading(s)) {
		sc->extra[k++] = "(";
		sc->extra[k++] = "\xef\xbc\x88"; /* （ */
	}
	sc->extra[k] = NULL;
}

enum status
search_next(const struct search *s, struct doc *doc, size_t from, int dir,
        int (*cancel)(void *), void *ctx, struct match *out, int *cancelled)
{
	struct bspan span;
	struct scan sc;
	struct find f;
	enum status st;
	int stopped;

	*cancelled = 0;
	if (s->nprobe == 0)
		return STATUS_RANGE; /* the query matches nothing */
	scan_init(&sc, s, doc, cancel, ctx);
	memset(&f, 0, sizeof(f));
	f.from = from;
	if (dir >= 0) {
		st = doc_block_at(doc, from, &span);
		if (st == STATUS_OK)
			st = scan_forward(
			        &sc, span.off, visit_first_after, &f, &stopped);
	} else {
		st = scan_backward(&sc, &f);
	}
	free(sc.cand);
	if (sc.cancelled) {
		*cancelled = 1;
		return STATUS_RANGE;
	}
	if (st != STATUS_OK)
		return st;
	if (!f.found)
		return STATUS_RANGE;
	*out = f.m;
	return STATUS_OK;
}

enum status
search_count(const struct search *s, struct doc *doc, size_t at,
        int (*cancel)(void *), void *ctx, size_t *total, size_t *index,
        int *cancelled)
{
	struct scan sc;
	struct find f;
	enum status st = STATUS_OK;
	int stopped;

	*cancelled = 0;
	memset(&f, 0, sizeof(f));
	f.from = at;
	if (s->nprobe > 0) {
		scan_init(&sc, s, doc, cancel, ctx);
		st = scan_forward(&sc, 0, visit_count, &f, &stopped);
		free(sc.cand);
		if (sc.cancelled) {
			*cancelled = 1;
			return STATUS_RANGE;
		}
	}
	if (st != STATUS_OK)
		return st;
	*total = f.total;
	*index = f.index;
	return STATUS_OK;
}
