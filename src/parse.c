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
 *  A toneless reading takes its tone from Unihan (tone.h); RUN_GUESS
 *  marks a tone that is a guess.
 *
 * What looks wrong on the way (swallowed repeats, "(EOD)", pinyin that
 * does not fit, empty, unclosed or mixed parentheses) is recorded in the
 * block's findings, for rubi --check and the viewer: the parser says what
 * it decided, nobody parses twice.
 *
 * Everything rejected stays literal text. Work is linear in the block: a
 * candidate looks ahead at most PARSE_GROUP_MAX + 1 glyphs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <unictype.h>

#include "parse-int.h"
#include "parse.h"
#include "tone.h"
#include "unihan.h"

#define GROUP_SYL_MAX 16 /* syllables in one group */
#define MEMO_SPLIT 4096  /* remembered group contents (a power of 2) */
#define MEMO_FIT 8192    /* remembered (character, syllable) checks */
#define MEMO_KEY 48      /* longest group content remembered, bytes */
#define MEMO_FMT 1024    /* remembered readings as displayed */

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
	uint8_t res;         /* enum tone_result of restoring s on cp */
	struct syl restored; /* s with its restored tone */
};

struct fmt_memo {
	struct syl syl;
	uint8_t used, len;
	char text[24];
};

/*
 * Each table is an index of slots, picked by hash, into entries handed
 * out in order: the entries one screen of text uses sit together, so few
 * pages are touched (a first touch costs as much as parsing a paragraph
 * on some machines). A collision reuses the slot's entry.
 */
struct parse_memo {
	uint16_t split_ix[MEMO_SPLIT], fit_ix[MEMO_FIT], fmt_ix[MEMO_FMT];
	uint32_t split_next, fit_next, fmt_next;
	struct split_memo split[MEMO_SPLIT];
	struct fit_memo fit[MEMO_FIT];
	struct fmt_memo fmt[MEMO_FMT];
};

/* The entry of slot (h mod size) of ix, handed out now if it has none. */
static size_t
memo_entry(uint16_t *ix, size_t size, uint32_t h, uint32_t *next)
{
	uint16_t *slot = &ix[h & (size - 1)];

	if (*slot == 0)
		*slot = (uint16_t)((*next)++ % size + 1);
	return (size_t)*slot - 1;
}

/*
 * The memo is mapped by itself, not taken from the heap: it starts zeroed
 * (no entry used), and of its 1 MiB only the pages of the index and of the
 * entries handed out (in order) are ever touched.
 */
enum status
parse_memo_new(struct parse_memo **out)
{
	void *p = mmap(NULL, sizeof(**out), PROT_READ | PROT_WRITE,
	        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return STATUS_NOMEM;
	*out = p;
	return STATUS_OK;
}

void
parse_memo_free(struct parse_memo *m)
{
	if (m != NULL)
		(void)munmap(m, sizeof(*m));
}

static uint32_t
hash(const char *s, size_t len, uint32_t h)
{
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Record a finding of `kind` at glyph `at`, excerpt [g0, g1). */
static void
rb_find(struct rb *b, enum finding_kind kind, size_t g0, size_t g1, size_t at,
        uint32_t cp)
{
	struct block *blk = b->blk;
	struct finding *nf, *f;
	size_t ncap;

	if (b->failed)
		return;
	if (blk->nfinds == b->fcap) {
		ncap = b->fcap ? b->fcap * 2 : 8;
		nf = realloc(blk->finds, ncap * sizeof(*nf));
		if (nf == NULL) {
			b->failed = 1;
			return;
		}
		blk->finds = nf;
		b->fcap = ncap;
	}
	f = &blk->finds[blk->nfinds++];
	f->g0 = (uint32_t)g0;
	f->g1 = (uint32_t)g1;
	f->at = (uint32_t)at;
	f->cp = cp;
	f->kind = (uint8_t)kind;
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
	if (len == 0) /* an empty reading: blk->text may still be NULL */
		return (uint32_t)blk->text_len;
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
		if (e <= 0)
			continue; /* not a character: no reading of it */
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

static int
is_close(const struct glyph *g)
{
	return !(g->flags & GLYPH_PLACEHOLDER) &&
	        (g->cp == ')' || g->cp == 0xff09);
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
		if (g[j].cp < 0x80)
			buf[o++] = (char)g[j].cp;
		else
			o += (size_t)utf8_encode(g[j].cp, buf + o);
	}
	if (j >= n || j > i + 1 + PARSE_GROUP_MAX || j == i + 1 ||
	        g[j].cp != close)
		return 0;
	*end = j + 1;
	if (memo == NULL || o > MEMO_KEY)
		return pinyin_split(buf, o, syl, GROUP_SYL_MAX);
	e = &memo->split[memo_entry(memo->split_ix, MEMO_SPLIT,
	        hash(buf, o, 2166136261u), &memo->split_next)];
	if (e->used && e->len == o && memcmp(e->key, buf, o) == 0) {
		/* One at a time: a memcpy() of a size known only here
		 * became "rep movsq", whose start costs more than copying
		 * a few syllables (14 % of --dump's time). */
		for (k = 0; k < e->k; k++)
			syl[k] = e->syl[k];
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

/*
 * Does syllable s fit a character whose readings are rd[0..n), as far as
 * Unihan knows?
 */
static int
fits_in(const struct syl *rd, size_t n, const struct syl *s)
{
	size_t k;

	if (n == 0)
		return 1; /* no data: syllable validity alone */
	for (k = 0; k < n; k++)
		if (pinyin_same_toneless(&rd[k], s, 1))
			return 1;
	return 0;
}

/* Does syllable s fit character cp, as far as Unihan knows? */
static int
fits_uncached(const struct doc_opts *opts, uint32_t cp, const struct syl *s)
{
	struct syl rd[TONE_READINGS];

	return fits_in(rd,
	        unihan_readings(
	                opts->uh, cp, opts->prefer_hant, rd, TONE_READINGS),
	        s);
}

/*
 * The memo entry for (cp, s), filled on a miss: the fit check and the tone
 * restoration, from one look at the character's readings. memo must not be
 * NULL.
 */
static const struct fit_memo *
fit_entry(const struct doc_opts *opts, uint32_t cp, const struct syl *s,
        struct parse_memo *memo)
{
	struct syl rd[TONE_READINGS];
	struct fit_memo *e;
	size_t n;

	e = &memo->fit[memo_entry(memo->fit_ix, MEMO_FIT,
	        hash(s->s, strlen(s->s), 2166136261u ^ cp), &memo->fit_next)];
	if (!e->used || e->cp != cp || strcmp(e->s, s->s) != 0) {
		n = unihan_readings(
		        opts->uh, cp, opts->prefer_hant, rd, TONE_READINGS);
		e->used = 1;
		e->cp = cp;
		memcpy(e->s, s->s, sizeof(e->s));
		e->ok = (uint8_t)fits_in(rd, n, s);
		e->restored = *s;
		e->restored.tone = 0;
		e->res = (uint8_t)tone_restore_with(rd, n, &e->restored);
	}
	return e;
}

/* fits_uncached(), remembered in memo when there is one. */
int
parse_fits(const struct doc_opts *opts, uint32_t cp, const struct syl *s,
        struct parse_memo *memo)
{
	if (memo == NULL)
		return fits_uncached(opts, cp, s);
	return fit_entry(opts, cp, s, memo)->ok;
}

/* tone_restore() on s, through the memo when there is one. */
static enum tone_result
restore(const struct doc_opts *opts, uint32_t cp, struct syl *s,
        struct parse_memo *memo)
{
	const struct fit_memo *e;

	if (s->tone != 0)
		return TONE_KEPT;
	if (memo == NULL)
		return tone_restore(opts->uh, cp, opts->prefer_hant, s);
	e = fit_entry(opts, cp, s, memo);
	if (e->res != TONE_KEPT)
		*s = e->restored;
	return (enum tone_result)e->res;
}

/* pinyin_format(s, PINYIN_MARKS) into buf[32], through the memo. */
static size_t
format_marks(const struct syl *s, char *buf, struct parse_memo *memo)
{
	struct fmt_memo *e;
	size_t len;

	if (memo == NULL)
		return pinyin_format(s, PINYIN_MARKS, buf, 32);
	e = &memo->fmt[memo_entry(memo->fmt_ix, MEMO_FMT,
	        hash(s->s, strlen(s->s), 2166136261u ^ s->tone),
	        &memo->fmt_next)];
	if (!e->used || e->syl.tone != s->tone || strcmp(e->syl.s, s->s)) {
		len = pinyin_format(s, PINYIN_MARKS, buf, 32);
		if (len >= sizeof(e->text))
			return len;
		e->used = 1;
		e->syl = *s;
		e->len = (uint8_t)len;
		memcpy(e->text, buf, len);
		return len;
	}
	for (len = 0; len < e->len; len++) /* a few bytes: see group_at() */
		buf[len] = e->text[len];
	buf[len] = '\0';
	return len;
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

/* Index of the ")" or "）" that closes the parenthesis at g[i], or n. */
static size_t
close_of(const struct glyph *g, size_t n, size_t i)
{
	size_t j;

	for (j = i + 1; j < n && j <= i + 1 + PARSE_GROUP_MAX; j++)
		if (is_close(&g[j]))
			return j;
	return n;
}

/* A letter of a pinyin group: Latin, plain, tone-marked or full-width. */
static int
is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	        (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff) ||
	        (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

/*
 * The candidate group at g[i], after `hanlen` Han characters, was not
 * accepted: say why when it looks like a reading gone wrong. A
 * parenthesis holding anything but pinyin letters is ordinary text and
 * no finding.
 */
static void
note_rejected(struct rb *b, const struct doc_opts *opts, size_t i,
        size_t hanlen, struct parse_memo *memo)
{
	const struct glyph *g = b->blk->g;
	size_t n = b->blk->ng, j, k, m, o = 0;
	uint32_t want = g[i].cp == '(' ? ')' : 0xff09;
	struct syl syl[GROUP_SYL_MAX];
	char buf[PARSE_GROUP_MAX * 4 + 1];
	int intent = 0, letters = 0;

	for (j = i + 1; j < n && j <= i + PARSE_GROUP_MAX; j++) {
		if (is_close(&g[j]))
			break;
		if (!pinyin_char(&g[j]))
			return;
		/* Letters with tone marks or digits mean it was meant as
		 * pinyin; digits alone are a number: 圖(1). */
		if (g[j].cp >= 0x80 || (g[j].cp >= '0' && g[j].cp <= '5'))
			intent = 1;
		letters += is_letter(g[j].cp);
		o += (size_t)utf8_encode(g[j].cp, buf + o);
	}
	intent = intent && letters > 0;
	if (j < n && j == i + 1) {
		rb_find(b, FIND_EMPTY, i - 1, j + 1, i, 0);
		return;
	}
	k = o > 0 ? pinyin_split(buf, o, syl, GROUP_SYL_MAX) : 0;
	if (j >= n) {
		if (k > 0)
			rb_find(b, FIND_MALFORMED, i - 1, n, i, 0);
		return;
	}
	if (!is_close(&g[j]))
		return; /* too long to be a reading */
	if (g[j].cp != want) {
		if (k > 0 || intent)
			rb_find(b, FIND_MIXED, i - 1, j + 1, j, 0);
		return;
	}
	if (k == 0) {
		if (intent)
			rb_find(b, FIND_MALFORMED, i - 1, j + 1, i, 0);
		return;
	}
	if (k > hanlen) {
		rb_find(b, FIND_MALFORMED, i - hanlen, j + 1, i, 0);
		return;
	}
	/* One bare letter is an enumeration, 方法(a), not a reading. */
	if (j == i + 2 && g[i + 1].cp < 0x80)
		return;
	for (m = 0; m < k; m++)
		if (!parse_fits(opts, g[i - k + m].cp, &syl[m], memo))
			break;
	if (m == k)
		m = 0;
	rb_find(b, FIND_UNKNOWN, i - k, j + 1, i - k + m, g[i - k + m].cp);
}

/* A non-Han letter (kana, hangul, ...; not ASCII) before g[i]? */
static int
letter_before(const struct glyph *g, size_t i)
{
	uint32_t c;

	if (i == 0 || (g[i - 1].flags & (GLYPH_PLACEHOLDER | GLYPH_MARK)))
		return 0;
	c = g[i - 1].cp;
	return c >= 0x80 && !utf8_is_han(c) && uc_is_alpha(c);
}

/*
 * The group [first, first + k) .. end was accepted; its repeats were
 * swallowed up to `end`. Record written tones that Unihan does not know,
 * the repeats, and a parenthesis that follows and is not a reading.
 */
static void
note_accepted(struct rb *b, const struct doc_opts *opts, size_t first,
        const struct syl *syl, size_t k, size_t gend, size_t end)
{
	const struct glyph *g = b->blk->g;
	size_t n = b->blk->ng, m, c;

	for (m = 0; m < k; m++)
		if (syl[m].tone != 0 &&
		        !tone_agrees(opts->uh, g[first + m].cp,
		                opts->prefer_hant, &syl[m]))
			rb_find(b, FIND_TONE, first, gend, first + m,
			        g[first + m].cp);
	if (end > gend)
		rb_find(b, FIND_REPEATED, first, end, gend, 0);
	if (end < n && parse_is_open(&g[end]) && (c = close_of(g, n, end)) < n)
		rb_find(b, FIND_TRAILING, first, c + 1, end, 0);
}

static void
parse_pinyin(struct rb *b, const struct doc_opts *opts, struct parse_memo *memo)
{
	const struct glyph *g = b->blk->g;
	size_t n = b->blk->ng;
	struct syl syl[GROUP_SYL_MAX], dup[GROUP_SYL_MAX];
	size_t i = 0, ps = 0, hanlen = 0, k, m, end, end2, first, gend;
	char rd[32];
	struct run *r;
	size_t len;
	int ok;

	while (i < n) {
		if (hanlen > 0 && parse_is_open(&g[i]) &&
		        (k = group_at(g, n, i, &end, syl, memo)) > 0 &&
		        k <= hanlen) {
			ok = aligns(opts, g, i - k, syl, k, memo);
			if (!ok &&
			        split_one(opts, g, i, hanlen, syl, k, memo)) {
				k++;
				ok = aligns(opts, g, i - k, syl, k, memo);
			}
			first = i - k;
			if (ok) {
				rb_plain(b, ps, first);
				for (m = 0; m < k; m++) {
					r = rb_push(b, (uint32_t)(first + m),
					        (uint32_t)(first + m + 1));
					if (r == NULL)
						break;
					r->flags = RUN_RUBY;
					r->syl = syl[m];
					if (opts->base_only)
						continue;
					if (syl[m].tone == 0) {
						r->flags |= RUN_TONELESS;
						if (restore(opts,
						            g[first + m].cp,
						            &r->syl,
						            memo) == TONE_GUESS)
							r->flags |= RUN_GUESS;
					}
					len = format_marks(&r->syl, rd, memo);
					r->rd_off = rb_text(b, rd, len);
					r->rd_len = (uint16_t)len;
				}
				b->blk->groups++;
				/* Swallow identical repeats: 綠(lv)(lv). */
				gend = end;
				while (end < n && parse_is_open(&g[end]) &&
				        (m = group_at(g, n, end, &end2, dup,
				                 memo)) > 0 &&
				        same_syls(syl, k, dup, m))
					end = end2;
				if (!opts->base_only)
					note_accepted(b, opts, first, syl, k,
					        gend, end);
				i = ps = end;
				hanlen = 0;
				continue;
			}
		}
		if (parse_is_open(&g[i])) {
			b->blk->literal++;
			if (!opts->base_only && hanlen > 0)
				note_rejected(b, opts, i, hanlen, memo);
			else if (!opts->base_only && letter_before(g, i) &&
			        group_at(g, n, i, &end, syl, memo) > 0)
				rb_find(b, FIND_NON_HAN, i - 1, end, i - 1, 0);
		}
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
	struct rb b = {blk, 0, 0, 0, 0};

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
	case NOTATION_IAA:
		parse_iaa(&b);
		break;
	case NOTATION_PLAIN:
		rb_plain(&b, 0, blk->ng);
		break;
	}
	if (b.failed) {
		free(blk->runs);
		free(blk->text);
		free(blk->finds);
		blk->runs = NULL;
		blk->text = NULL;
		blk->finds = NULL;
		blk->nruns = blk->text_len = blk->nfinds = 0;
		return STATUS_NOMEM;
	}
	return STATUS_OK;
}
