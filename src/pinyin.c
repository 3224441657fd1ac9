/*
 * pinyin.c: Hanyu Pinyin syllables: validity, normalisation, segmentation
 * and display.
 *
 * Input is UTF-8 given as (pointer, length): it is never NUL-terminated and
 * never read past its length. It is checked (u8_check) and brought to NFKD,
 * which turns full-width letters into ASCII and every tone-marked letter
 * into its base letter and combining marks, so "ē", "e" + U+0304 and "ｅ" +
 * U+0304 take one path. The text is then read as units (one letter, or one
 * tone digit) grouped into chunks, which spaces, apostrophes, hyphens and
 * middle dots separate. A chunk becomes one syllable or, segmented by
 * dynamic programming, several. Work is linear in the input: a chunk holds
 * at most CHUNK_MAX units and a syllable at most PIECE_MAX.
 *
 * Canonical form (struct syl): lower-case ASCII, ü = 'v', ê = "e^" (see
 * pinyin-table.h). Inside this file a syllable is spelt with 'E' for ê
 * (one char per letter) until it is looked up. Decisions beyond pinyin.h:
 * - Capitals: only on the first letter of a chunk that is one syllable of
 *   two or more letters ("Wang", "Ān"). "A", "EOD", "WAng" are refused.
 * - ü after j, q, x, y is written u ("jü" -> "ju"), as the table has it.
 *   "lu"/"nu" stay lu/nu (syllables of their own; pinyin_same_toneless()
 *   can compare loosely); "lue"/"nue", which can mean nothing else, become
 *   lve/nve.
 * - A breve (U+0306, "nĭ" for nǐ) is read as the third tone; the textbook
 *   letters ɑ (U+0251) and ɡ (U+0261) as a and g.
 * - A tone digit inside a syllable must follow the letter that carries the
 *   mark ("zho1ng", "xia1n"; not "zhon1g"), as pypinyin's TONE2 style
 *   writes it.
 * - A middle dot makes the next syllable neutral (tone 5). A dot before a
 *   syllable with another tone, or with no syllable after it, is refused.
 * - Segmentation never carves out the interjections n ng m hm hng ê (they
 *   stand alone), and carves out the erhua r only at the end of a chunk
 *   ("huìr" -> huì r). Of the segmentations left it takes the one with the
 *   fewest syllables that begin with a, o or e right after a letter (pinyin
 *   writes an apostrophe there, so "fangan" is fan gan, not fang'an), then
 *   the fewest syllables, then the longest first syllable.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>
#include <unistr.h>

#include "pinyin.h"
#include "pinyin-table.h"

enum {
	TOKEN_MAX = 64,  /* bytes: a longer token is never one syllable */
	CHUNK_MAX = 64,  /* units in one chunk */
	PIECE_MAX = 8,   /* units in one syllable ("zhuang" + digit = 7) */
	NORM_BUF = 256,  /* bytes of NFKD text held on the stack */
	ONSET_COST = 256 /* DP cost of a/o/e after a letter; > CHUNK_MAX */
};

/* One letter or tone digit of a chunk. */
struct unit {
	char c;              /* 'a'..'z', 'v' (ü), 'E' (ê), or '0'..'5' */
	unsigned char tone;  /* tone of a combining mark on it; 0 = none */
	unsigned char upper; /* written as a capital */
};

struct chunk {
	struct unit u[CHUNK_MAX];
	size_t n; /* units in use */
};

enum cp_kind {
	CP_OTHER, /* letter, digit, mark: for chunk_add() */
	CP_SEP,   /* space, apostrophe, hyphen */
	CP_DOT,   /* middle dot: separator, and the next syllable is neutral */
};

/* Tone marks by letter ("aeiouvEmn") and tone (1..4), as UTF-8 in NFC. */
static const char mark_letters[] = "aeiouvEmn";
/* clang-format off */
static const char *const marked[][4] = {
	{"\xc4\x81", "\xc3\xa1", "\xc7\x8e", "\xc3\xa0"}, /* ā á ǎ à */
	{"\xc4\x93", "\xc3\xa9", "\xc4\x9b", "\xc3\xa8"}, /* ē é ě è */
	{"\xc4\xab", "\xc3\xad", "\xc7\x90", "\xc3\xac"}, /* ī í ǐ ì */
	{"\xc5\x8d", "\xc3\xb3", "\xc7\x92", "\xc3\xb2"}, /* ō ó ǒ ò */
	{"\xc5\xab", "\xc3\xba", "\xc7\x94", "\xc3\xb9"}, /* ū ú ǔ ù */
	{"\xc7\x96", "\xc7\x98", "\xc7\x9a", "\xc7\x9c"}, /* ǖ ǘ ǚ ǜ */
	/* ê̄ ế ê̌ ề: tones 1 and 3 have no precomposed letter */
	{"\xc3\xaa\xcc\x84", "\xe1\xba\xbf",
	    "\xc3\xaa\xcc\x8c", "\xe1\xbb\x81"},
	{"m\xcc\x84", "\xe1\xb8\xbf", "m\xcc\x8c", "m\xcc\x80"}, /* m̄ ḿ m̌ m̀ */
	{"n\xcc\x84", "\xc5\x84", "\xc5\x88", "\xc7\xb9"},       /* n̄ ń ň ǹ */
};
/* clang-format on */

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_vowel(char c)
{
	return c != '\0' && strchr("aeiouvE", c) != NULL;
}

/* The syllables with no vowel, whose tone mark sits on m or n. */
static int
is_nasal(const char *s)
{
	return strcmp(s, "n") == 0 || strcmp(s, "ng") == 0 ||
	        strcmp(s, "m") == 0 || strcmp(s, "hm") == 0 ||
	        strcmp(s, "hng") == 0;
}

/*
 * A NUL-padded row of PINYIN_SYL_MAX bytes as a number that sorts as its
 * bytes do (big-endian): the table is searched with integer compares.
 */
static uint64_t
syl_key(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	/* Written out: compilers make it one load and a byte swap. */
	return (uint64_t)u[0] << 56 | (uint64_t)u[1] << 48 |
	        (uint64_t)u[2] << 40 | (uint64_t)u[3] << 32 |
	        (uint64_t)u[4] << 24 | (uint64_t)u[5] << 16 |
	        (uint64_t)u[6] << 8 | (uint64_t)u[7];
}

int
pinyin_is_syllable(const char *s, size_t len)
{
	char key[PINYIN_SYL_MAX] = {0};
	size_t lo = 0, hi = PINYIN_TABLE_LEN, mid;
	uint64_t k, r;

	if (s == NULL || len == 0 || len >= PINYIN_SYL_MAX ||
	        memchr(s, '\0', len) != NULL)
		return 0;
	/* Rows are NUL-padded, so comparing padded keys is strcmp(). */
	memcpy(key, s, len);
	k = syl_key(key);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = syl_key(pinyin_table[mid]);
		if (r < k)
			lo = mid + 1;
		else if (r > k)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/*
 * Where the tone mark of syllable s[0..k) goes (the 'E' spelling): on a or
 * e, else on the o of "ou", else on the last vowel, else on the first m or
 * n. Returns k when there is no place for it ("r").
 */
static size_t
mark_index(const char *s, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (s[i] == 'a' || s[i] == 'e' || s[i] == 'E')
			return i;
	for (i = 0; i + 1 < k; i++)
		if (s[i] == 'o' && s[i + 1] == 'u')
			return i;
	for (i = k; i-- > 0;)
		if (is_vowel(s[i]))
			return i;
	for (i = 0; i < k; i++)
		if (s[i] == 'm' || s[i] == 'n')
			return i;
	return k;
}

/* The tone of combining mark uc, or 0 when uc is not a tone mark. */
static int
mark_tone(ucs4_t uc)
{
	switch (uc) {
	case 0x0304: /* macron */
		return 1;
	case 0x0301: /* acute */
		return 2;
	case 0x030C: /* caron */
	case 0x0306: /* breve, often typed for the caron */
		return 3;
	case 0x0300: /* grave */
		return 4;
	default:
		return 0;
	}
}

static enum cp_kind
classify(ucs4_t uc)
{
	switch (uc) {
	case ' ': /* NFKD has turned U+00A0 and U+3000 into this */
	case '\t':
	case '\n':
	case '\r':
	case '\'':
	case 0x2019: /* right single quotation mark, as in xi’an */
	case 0x02BC: /* modifier letter apostrophe */
	case '-':
	case 0x2010: /* hyphen (and U+2011 after NFKD) */
		return CP_SEP;
	case 0x00B7: /* middle dot (and U+0387 after NFKD) */
	case 0x2027: /* hyphenation point */
	case 0x30FB: /* katakana middle dot (and U+FF65 after NFKD) */
		return CP_DOT;
	default:
		return CP_OTHER;
	}
}

/*
 * Add code point uc (NFKD) to chunk c: a letter or digit starts a unit, a
 * combining mark, ':' or '^' changes the last one. Returns 0 when uc cannot
 * be part of pinyin there, or the chunk is full.
 */
static int
chunk_add(struct chunk *c, ucs4_t uc)
{
	struct unit *last = c->n > 0 ? &c->u[c->n - 1] : NULL;
	struct unit add = {0, 0, 0};
	int tone;

	if (uc >= 'a' && uc <= 'z') {
		add.c = (char)uc;
	} else if (uc >= 'A' && uc <= 'Z') {
		add.c = (char)(uc - 'A' + 'a');
		add.upper = 1;
	} else if (uc >= '0' && uc <= '5') {
		add.c = (char)uc;
	} else if (uc == 0x0251) {
		add.c = 'a';
	} else if (uc == 0x0261) {
		add.c = 'g';
	} else if (last == NULL || is_digit(last->c)) {
		return 0;
	} else if ((uc == ':' || uc == 0x0308) && last->c == 'u') {
		last->c = 'v'; /* u: and u + diaeresis */
		return 1;
	} else if ((uc == '^' || uc == 0x0302) && last->c == 'e') {
		last->c = 'E'; /* e^ and e + circumflex */
		return 1;
	} else if ((tone = mark_tone(uc)) != 0 && last->tone == 0 &&
	        (is_vowel(last->c) || last->c == 'm' || last->c == 'n')) {
		last->tone = (unsigned char)tone;
		return 1;
	} else {
		return 0;
	}
	if (c->n == CHUNK_MAX)
		return 0;
	c->u[c->n++] = add;
	return 1;
}

/*
 * Respell the ü of s[0..k) (NUL-terminated) as the table has it, moving
 * *dpos (an index into s) along. Returns the new length.
 */
static size_t
respell(char *s, size_t k, size_t *dpos)
{
	if (k >= 3 && (s[0] == 'l' || s[0] == 'n') && s[1] == 'y' &&
	        s[2] == 'u') {
		/* lyu, nyu: ü written yu */
		s[1] = 'v';
		memmove(s + 2, s + 3, k - 2);
		k--;
		if (*dpos > 2)
			(*dpos)--;
	}
	if (k == 3 && (s[0] == 'l' || s[0] == 'n') && s[1] == 'u' &&
	        s[2] == 'e')
		s[1] = 'v'; /* lue, nue: only lüe and nüe exist */
	if (k >= 2 && strchr("jqxy", s[0]) != NULL && s[1] == 'v')
		s[1] = 'u'; /* jü -> ju */
	return k;
}

/*
 * Read units u[0..n) as one syllable. `whole`: they are the whole chunk;
 * `last`: they end it. Returns 1 and fills *out, or 0.
 */
static int
piece_parse(
        const struct unit *u, size_t n, int whole, int last, struct syl *out)
{
	char s[PIECE_MAX + 1];
	size_t k = 0, dpos = 0, i;
	int tone = 0, nasal_mark = 0;

	if (n == 0 || n > PIECE_MAX || is_digit(u[0].c))
		return 0;
	for (i = 0; i < n; i++) {
		if (is_digit(u[i].c)) {
			if (tone != 0)
				return 0;
			tone = u[i].c == '0' ? 5 : u[i].c - '0';
			dpos = i + 1 < n ? k : 0; /* 0: at the end */
			continue;
		}
		if (u[i].upper && (i != 0 || !whole))
			return 0;
		if (u[i].tone != 0) {
			if (tone != 0)
				return 0;
			tone = u[i].tone;
			nasal_mark = u[i].c == 'm' || u[i].c == 'n';
		}
		s[k++] = u[i].c;
	}
	s[k] = '\0';
	if (u[0].upper && k < 2)
		return 0;
	k = respell(s, k, &dpos);
	if (dpos != 0 && dpos != mark_index(s, k) + 1)
		return 0;
	if (k == 1 && s[0] == 'E') {
		s[0] = 'e';
		s[1] = '^';
		s[++k] = '\0';
	}
	if (!pinyin_is_syllable(s, k))
		return 0;
	if ((is_nasal(s) || strcmp(s, "e^") == 0) && !whole)
		return 0;
	if (nasal_mark && !is_nasal(s))
		return 0;
	if (strcmp(s, "r") == 0 && !last)
		return 0;
	memset(out, 0, sizeof(*out));
	memcpy(out->s, s, k);
	out->tone = (unsigned char)tone;
	return 1;
}

/*
 * Turn chunk c into syllables stored at out[*count] onwards (out NULL:
 * count only). `neutral`: a middle dot came before the chunk. Returns 0
 * when the chunk is not pinyin or *count would pass max.
 */
static int
chunk_flush(const struct chunk *c, int neutral, struct syl *out, size_t max,
        size_t *count)
{
	unsigned cost[CHUNK_MAX + 1];
	size_t next[CHUNK_MAX + 1];
	size_t n = c->n, i, j;
	struct syl syl;

	/* cost[i]: best segmentation of units [i, n); UINT_MAX: none. One
	 * syllable, the common case, costs 1, less than any other. */
	cost[n] = 0;
	cost[0] = UINT_MAX;
	if (n <= PIECE_MAX && piece_parse(c->u, n, 1, 1, &syl)) {
		cost[0] = 1;
		next[0] = n;
	}
	for (i = n; cost[0] == UINT_MAX && i-- > 0;) {
		cost[i] = UINT_MAX;
		for (j = i + (n - i < PIECE_MAX ? n - i : PIECE_MAX); j > i;
		        j--) {
			unsigned w;

			if (cost[j] == UINT_MAX ||
			        !piece_parse(c->u + i, j - i, i == 0 && j == n,
			                j == n, &syl))
				continue;
			w = cost[j] + 1;
			if (i > 0 && !is_digit(c->u[i - 1].c) &&
			        strchr("aoe", syl.s[0]) != NULL)
				w += ONSET_COST;
			if (w < cost[i]) {
				cost[i] = w;
				next[i] = j;
			}
		}
	}
	if (cost[0] == UINT_MAX)
		return 0;
	for (i = 0; i < n; i = next[i]) {
		if (!piece_parse(c->u + i, next[i] - i, i == 0 && next[i] == n,
		            next[i] == n, &syl) ||
		        *count == max)
			return 0;
		if (neutral && i == 0) {
			if (syl.tone != 0 && syl.tone != 5)
				return 0;
			syl.tone = 5;
		}
		if (out != NULL)
			out[*count] = syl;
		(*count)++;
	}
	return 1;
}

/*
 * Read NFKD text t[0..n) as syllables into out (NULL: count only). Returns
 * their number, or 0 when t is not pinyin or holds more than max. With
 * `single`, t must be one chunk, with at most a middle dot before it.
 */
static size_t
scan(const uint8_t *t, size_t n, int single, struct syl *out, size_t max)
{
	struct chunk c;
	size_t count = 0, i = 0;
	int neutral = 0;

	c.n = 0;
	while (i < n) {
		ucs4_t uc;
		enum cp_kind kind;

		i += (size_t)u8_mbtouc(&uc, t + i, n - i);
		kind = classify(uc);
		if (kind == CP_OTHER) {
			if (!chunk_add(&c, uc))
				return 0;
			continue;
		}
		if (single && (kind == CP_SEP || c.n > 0 || neutral))
			return 0;
		if (c.n > 0) {
			if (!chunk_flush(&c, neutral, out, max, &count))
				return 0;
			c.n = 0;
			neutral = 0;
		}
		if (kind == CP_DOT)
			neutral = 1;
	}
	if (c.n > 0)
		return chunk_flush(&c, neutral, out, max, &count) ? count : 0;
	return neutral ? 0 : count;
}

/*
 * NFKD of UTF-8 s[0..len): s itself when it is ASCII (its own NFKD: the
 * common case, "sheng", costs a look at each byte), else in buf (bufsize
 * bytes) or in a new heap block when it does not fit; the caller frees a
 * result that is neither s nor buf. NULL when s is not UTF-8 or memory ran
 * out.
 */
static const uint8_t *
decompose(const char *s, size_t len, uint8_t *buf, size_t bufsize,
        size_t *out_len)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i;

	for (i = 0; i < len && u[i] < 0x80; i++)
		;
	if (i == len) {
		*out_len = len;
		return u;
	}
	if (u8_check(u, len) != NULL)
		return NULL;
	*out_len = bufsize;
	return u8_normalize(UNINORM_NFKD, u, len, buf, out_len);
}

/* Free what decompose() returned for s, unless it is s or buf. */
static void
decomposed_free(const uint8_t *t, const char *s, const uint8_t *buf)
{
	if (t != (const uint8_t *)s && t != buf)
		free((void *)(uintptr_t)t);
}

int
pinyin_parse_syllable(const char *tok, size_t len, struct syl *out)
{
	uint8_t buf[NORM_BUF];
	const uint8_t *t;
	size_t n, count;
	struct syl syl;

	if (tok == NULL || out == NULL || len == 0 || len > TOKEN_MAX)
		return 0;
	t = decompose(tok, len, buf, sizeof(buf), &n);
	if (t == NULL)
		return 0;
	count = scan(t, n, 1, &syl, 1);
	decomposed_free(t, tok, buf);
	if (count != 1)
		return 0;
	*out = syl;
	return 1;
}

size_t
pinyin_split(const char *text, size_t len, struct syl *out, size_t max)
{
	uint8_t buf[NORM_BUF];
	const uint8_t *t;
	size_t n, count;

	if (text == NULL || out == NULL || len == 0 || max == 0)
		return 0;
	t = decompose(text, len, buf, sizeof(buf), &n);
	if (t == NULL)
		return 0;
	/* Count first, so that out is written only on success. */
	count = scan(t, n, 0, NULL, max);
	if (count > 0)
		count = scan(t, n, 0, out, max);
	decomposed_free(t, text, buf);
	return count;
}

size_t
pinyin_format(const struct syl *syl, enum pinyin_style style, char *buf,
        size_t bufsize)
{
	char s[PINYIN_SYL_MAX], tmp[32];
	const char *end;
	size_t k, mark, i, n = 0;

	if (bufsize > 0)
		buf[0] = '\0';
	end = memchr(syl->s, '\0', PINYIN_SYL_MAX);
	if (end == NULL || syl->tone > 5 ||
	        !pinyin_is_syllable(syl->s, (size_t)(end - syl->s)))
		return 0;
	k = (size_t)(end - syl->s);
	memcpy(s, syl->s, k + 1);
	if (strcmp(s, "e^") == 0) {
		s[0] = 'E';
		s[1] = '\0';
		k = 1;
	}
	mark = style == PINYIN_MARKS && syl->tone >= 1 && syl->tone <= 4
	        ? mark_index(s, k)
	        : k;
	for (i = 0; i < k; i++) {
		const char *piece;
		size_t plen;

		if (i == mark)
			piece = marked[strchr(mark_letters, s[i]) -
			        mark_letters][syl->tone - 1];
		else if (s[i] == 'v')
			piece = "\xc3\xbc"; /* ü */
		else if (s[i] == 'E')
			piece = "\xc3\xaa"; /* ê */
		else
			piece = NULL;
		plen = piece != NULL ? strlen(piece) : 1;
		if (n + plen >= sizeof(tmp))
			return 0;
		if (piece != NULL)
			memcpy(tmp + n, piece, plen);
		else
			tmp[n] = s[i];
		n += plen;
	}
	if (style == PINYIN_NUMBERS && syl->tone != 0)
		tmp[n++] = (char)('0' + syl->tone);
	if (n + 1 > bufsize)
		return 0;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return n;
}

int
pinyin_same_toneless(const struct syl *a, const struct syl *b, int loose_u)
{
	size_t i;

	for (i = 0; i < PINYIN_SYL_MAX; i++) {
		char ca = a->s[i], cb = b->s[i];

		/* After l and n, ü may have been written u. */
		if (loose_u && (a->s[0] == 'l' || a->s[0] == 'n')) {
			ca = ca == 'v' ? 'u' : ca;
			cb = cb == 'v' ? 'u' : cb;
		}
		if (ca != cb)
			return 0;
		if (ca == '\0')
			return 1;
	}
	return 1;
}
