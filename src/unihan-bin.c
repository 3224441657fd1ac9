/*
 * unihan-bin.c: the compiled reading table (see unihan-bin.h for the
 * format) and its compiler.
 *
 * A table in a file is read as lookups need it: the header and the block
 * table at load (under 8 KiB for all of Unihan), then for a reading the
 * readings of the character's block (1 to 3 KiB, kept until a lookup
 * needs another block), for a definition its two offsets and its text.
 * Offsets are checked against the file before they are used and every
 * text is checked before it is given out, so a damaged or hostile file
 * gives no data, never another character's data or bytes from outside it.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unihan-bin.h"
#include "unihan.h"
#include "utf8.h"

#define UB_MAGIC "rubi-uh\n"
#define UB_MAGIC_LEN 8
#define UB_VERSION 1
#define UB_HEADER 64          /* bytes of the header */
#define UB_ENTRY 20           /* bytes of a block table entry */
#define UB_RD_INDEX (257 * 2) /* the u16 offsets opening readings */
#define UB_DF_INDEX (257 * 4) /* the u32 offsets opening definitions */
#define UB_RD_MAX 0xffff      /* the longest readings section */
#define UB_DEF_MAX (1u << 20) /* a longer definition is a damaged file */
#define UB_READINGS 255       /* readings per character, at most */

/* An entry of the block table: where a block's sections are. */
struct ub_block {
	uint32_t block;          /* code point >> 8 */
	uint32_t rd_off, rd_len; /* readings: bytes of the file; len 0: none */
	uint32_t df_off, df_len; /* definitions, the same */
};

/* A definition looked up in a file, copied out (s NULL: none). */
struct ub_def {
	uint32_t key; /* code point + 1; 0: a free slot */
	uint32_t len; /* bytes */
	char *s;      /* owned */
};

/*
 * What lookups in a file change, reached through a pointer since lookups
 * take a const table: the readings of one block, and the definitions
 * given out (they must stay valid until the table is freed).
 */
struct ub_cache {
	char *rd;           /* readings of block rd_block - 1 (rd_max bytes) */
	size_t rd_block;    /* index + 1 into the block table; 0: none */
	struct ub_def *def; /* dcap slots, open addressing */
	size_t ndef, dcap;  /* dcap a power of two, or 0 */
};

struct unihan_bin {
	int fd;               /* the file, or -1 when `whole` holds all of it */
	char *whole;          /* the table's bytes, owned, or NULL */
	size_t size;          /* bytes */
	size_t count;         /* characters */
	struct ub_block *blk; /* nblk entries, blocks increasing */
	size_t nblk;
	size_t rd_max; /* the longest readings section */
	struct ub_cache *c;
};

static uint32_t
get_u16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	        (uint32_t)p[3] << 24;
}

static void
set_u16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8 & 0xff);
}

static void
set_u32(unsigned char *p, uint32_t v)
{
	set_u16(p, v & 0xffff);
	set_u16(p + 2, v >> 16);
}

int
unihan_bin_is(const char *head, size_t n)
{
	return n >= UB_MAGIC_LEN && memcmp(head, UB_MAGIC, UB_MAGIC_LEN) == 0;
}

/*
 * Bytes [off, off + n) of the table: a pointer into it when it is in
 * memory, else read into dst. NULL when they are not all there (past the
 * end, an I/O error, a file cut since it was opened).
 */
static const unsigned char *
bytes_at(const struct unihan_bin *b, size_t off, size_t n, char *dst)
{
	size_t got = 0;
	ssize_t r;

	if (off > b->size || n > b->size - off)
		return NULL;
	if (b->whole != NULL)
		return (const unsigned char *)b->whole + off;
	while (got < n) {
		r = pread(b->fd, dst + got, n - got, (off_t)(off + got));
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return NULL;
		got += (size_t)r;
	}
	return (const unsigned char *)dst;
}

/* Is a section [off, off + len) of a file of `size` bytes, whose block
 * table ends at `body`, one that opens with an `index` of offsets? */
static int
section_ok(uint32_t off, uint32_t len, size_t index, size_t body, size_t size)
{
	if (len == 0)
		return 1;
	return len >= index && off >= body && off <= size && len <= size - off;
}

/* Read and check the header and the block table. */
static enum status
load(struct unihan_bin *b)
{
	char hb[UB_HEADER], *tb;
	const unsigned char *h, *t;
	size_t i, body, noff, nlen;
	struct ub_block *k;

	h = bytes_at(b, 0, UB_HEADER, hb);
	if (h == NULL || !unihan_bin_is((const char *)h, UB_HEADER) ||
	        get_u32(h + 8) != UB_VERSION || get_u32(h + 12) != b->size)
		return STATUS_BAD_INPUT;
	b->count = get_u32(h + 16);
	b->nblk = get_u32(h + 20);
	noff = get_u32(h + 24);
	nlen = get_u32(h + 28);
	if (b->nblk > (b->size - UB_HEADER) / UB_ENTRY ||
	        b->count > b->nblk * 256 || noff > b->size ||
	        nlen > b->size - noff)
		return STATUS_BAD_INPUT;
	body = UB_HEADER + b->nblk * UB_ENTRY;
	tb = malloc(b->nblk * UB_ENTRY + 1);
	b->blk = malloc((b->nblk + 1) * sizeof(*b->blk));
	if (tb == NULL || b->blk == NULL) {
		free(tb);
		return STATUS_NOMEM;
	}
	t = bytes_at(b, UB_HEADER, b->nblk * UB_ENTRY, tb);
	for (i = 0; t != NULL && i < b->nblk; i++, t += UB_ENTRY) {
		k = &b->blk[i];
		k->block = get_u32(t);
		k->rd_off = get_u32(t + 4);
		k->rd_len = get_u32(t + 8);
		k->df_off = get_u32(t + 12);
		k->df_len = get_u32(t + 16);
		if (k->block > 0x10ffff >> 8 ||
		        (i > 0 && k->block <= b->blk[i - 1].block) ||
		        k->rd_len > UB_RD_MAX ||
		        !section_ok(k->rd_off, k->rd_len, UB_RD_INDEX, body,
		                b->size) ||
		        !section_ok(k->df_off, k->df_len, UB_DF_INDEX, body,
		                b->size))
			break;
		if (k->rd_len > b->rd_max)
			b->rd_max = k->rd_len;
	}
	free(tb);
	return t != NULL && i == b->nblk ? STATUS_OK : STATUS_BAD_INPUT;
}

static enum status
make(int fd, char *whole, size_t size, struct unihan_bin **out)
{
	struct unihan_bin *b;
	enum status st;

	b = calloc(1, sizeof(*b));
	if (b == NULL || (b->c = calloc(1, sizeof(*b->c))) == NULL) {
		free(b);
		return STATUS_NOMEM;
	}
	b->fd = fd;
	b->whole = whole;
	b->size = size;
	st = load(b);
	if (st != STATUS_OK) {
		b->fd = -1; /* both still the caller's */
		b->whole = NULL;
		unihan_bin_free(b);
		return st;
	}
	*out = b;
	return STATUS_OK;
}

enum status
unihan_bin_open(int fd, size_t size, struct unihan_bin **out)
{
	return make(fd, NULL, size, out);
}

enum status
unihan_bin_from_buffer(char *buf, size_t len, struct unihan_bin **out)
{
	return make(-1, buf, len, out);
}

void
unihan_bin_free(struct unihan_bin *b)
{
	size_t i;

	if (b == NULL)
		return;
	if (b->fd != -1)
		close(b->fd);
	if (b->c != NULL) {
		for (i = 0; i < b->c->dcap; i++)
			free(b->c->def[i].s);
		free(b->c->def);
		free(b->c->rd);
		free(b->c);
	}
	free(b->blk);
	free(b->whole);
	free(b);
}

void
unihan_bin_read_all(struct unihan_bin *b)
{
	char *w;

	if (b == NULL || b->whole != NULL)
		return;
	w = malloc(b->size ? b->size : 1);
	if (w == NULL || bytes_at(b, 0, b->size, w) == NULL) {
		free(w); /* lookups go on reading the file (one thread) */
		return;
	}
	b->whole = w;
}

size_t
unihan_bin_count(const struct unihan_bin *b)
{
	return b != NULL ? b->count : 0;
}

/* The block table entry of cp's block, or NULL. */
static const struct ub_block *
find_block(const struct unihan_bin *b, uint32_t cp)
{
	size_t lo = 0, hi = b->nblk, m;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (b->blk[m].block < cp >> 8)
			lo = m + 1;
		else if (b->blk[m].block > cp >> 8)
			hi = m;
		else
			return &b->blk[m];
	}
	return NULL;
}

/* The readings section of block k, from memory or the one kept. */
static const unsigned char *
readings_of(const struct unihan_bin *b, const struct ub_block *k)
{
	struct ub_cache *c = b->c;
	size_t ki = (size_t)(k - b->blk);
	const unsigned char *p;

	if (b->whole != NULL)
		return bytes_at(b, k->rd_off, k->rd_len, NULL);
	if (c->rd_block == ki + 1)
		return (const unsigned char *)c->rd;
	if (c->rd == NULL) {
		c->rd = malloc(b->rd_max);
		if (c->rd == NULL)
			return NULL;
	}
	c->rd_block = 0;
	p = bytes_at(b, k->rd_off, k->rd_len, c->rd);
	if (p != NULL)
		c->rd_block = ki + 1;
	return p;
}

/*
 * A reading as the table writes it, s[0..len): the canonical toneless
 * syllable, then its tone digit. 0 when it is not one.
 */
static int
token_syl(const char *s, size_t len, struct syl *out)
{
	memset(out, 0, sizeof(*out));
	if (len < 2 || len > sizeof(out->s) || s[len - 1] < '0' ||
	        s[len - 1] > '5' || !pinyin_is_syllable(s, len - 1))
		return 0;
	memcpy(out->s, s, len - 1);
	out->tone = (unsigned char)(s[len - 1] - '0');
	return 1;
}

size_t
unihan_bin_readings(const struct unihan_bin *b, uint32_t cp, int prefer_hant,
        struct syl *out, size_t max)
{
	const struct ub_block *k;
	const unsigned char *sec;
	const char *r;
	size_t i, o0, o1, n = 0, nvalid = 0, t;
	struct syl syl, held;
	int swap;

	if (b == NULL || max == 0 || (k = find_block(b, cp)) == NULL ||
	        k->rd_len == 0 || (sec = readings_of(b, k)) == NULL)
		return 0;
	o0 = get_u16(sec + 2 * (cp & 0xff));
	o1 = get_u16(sec + 2 * (cp & 0xff) + 2);
	if (o0 < UB_RD_INDEX || o0 > o1 || o1 > k->rd_len)
		return 0;
	r = (const char *)sec + o0;
	i = o1 > o0 && r[0] == '*'; /* '*': Traditional swaps the first two */
	swap = prefer_hant && i == 1;
	memset(&held, 0, sizeof(held));
	while (i < o1 - o0 && n < max) {
		for (t = i; t < o1 - o0 && r[t] != ' ';)
			t++;
		if (token_syl(r + i, t - i, &syl)) {
			/* Traditional order: the second reading, then the
			 * first (held back until then), then the rest. */
			if (swap && nvalid == 0)
				held = syl;
			else
				out[n++] = syl;
			if (swap && ++nvalid == 2 && n < max)
				out[n++] = held;
		}
		i = t + 1;
	}
	if (swap && nvalid == 1 && n < max)
		out[n++] = held;
	return n;
}

/* The slot of cp in the memo of definitions (free or taken). */
static struct ub_def *
def_slot(const struct ub_cache *c, uint32_t cp)
{
	size_t i;

	for (i = (cp * 2654435761u) & (c->dcap - 1);
	        c->def[i].key != 0 && c->def[i].key != cp + 1;
	        i = (i + 1) & (c->dcap - 1))
		;
	return &c->def[i];
}

/*
 * Remember cp's definition s[0..len) (NULL: none), which the memo owns
 * from now on. 0 when memory runs out: s is then freed.
 */
static int
def_put(struct ub_cache *c, uint32_t cp, char *s, size_t len)
{
	struct ub_def *old = c->def, *d;
	size_t i, ocap = c->dcap;

	if (2 * (c->ndef + 1) > c->dcap) { /* at most half full */
		c->def = calloc(ocap ? 2 * ocap : 64, sizeof(*c->def));
		if (c->def == NULL) {
			c->def = old;
			free(s);
			return 0;
		}
		c->dcap = ocap ? 2 * ocap : 64;
		for (i = 0; i < ocap; i++)
			if (old[i].key != 0)
				*def_slot(c, old[i].key - 1) = old[i];
		free(old);
	}
	d = def_slot(c, cp);
	d->key = cp + 1;
	d->len = (uint32_t)len;
	d->s = s;
	c->ndef++;
	return 1;
}

/* Give out definition s (*len its length; none: NULL, 0). */
static const char *
found(const char *s, size_t n, size_t *len)
{
	if (len != NULL)
		*len = s != NULL ? n : 0;
	return s;
}

const char *
unihan_bin_definition(const struct unihan_bin *b, uint32_t cp, size_t *len)
{
	const struct ub_block *k;
	const struct ub_def *d;
	const unsigned char *ix, *text;
	char ib[8], *copy = NULL;
	size_t i = cp & 0xff, a, z;

	if (b == NULL)
		return found(NULL, 0, len);
	if (b->whole == NULL && b->c->dcap != 0 &&
	        (d = def_slot(b->c, cp))->key != 0)
		return found(d->s, d->len, len);
	k = find_block(b, cp);
	if (k == NULL || k->df_len == 0 ||
	        (ix = bytes_at(b, k->df_off + 4 * i, 8, ib)) == NULL)
		return found(NULL, 0, len);
	a = get_u32(ix);
	z = get_u32(ix + 4);
	if (a < UB_DF_INDEX || a > z || z > k->df_len || z - a > UB_DEF_MAX)
		return found(NULL, 0, len);
	if (b->whole == NULL && (copy = malloc(z - a + 1)) == NULL)
		return found(NULL, 0, len);
	text = bytes_at(b, k->df_off + a, z - a, copy);
	if (text == NULL || !utf8_is_clean((const char *)text, z - a) ||
	        memchr(text, '\t', z - a) != NULL)
		z = a; /* damaged: none */
	if (b->whole != NULL)
		return found(z > a ? (const char *)text : NULL, z - a, len);
	if (z == a) {
		free(copy);
		copy = NULL;
	} else {
		copy[z - a] = '\0';
	}
	if (!def_put(b->c, cp, copy, z - a))
		return found(NULL, 0, len);
	return found(copy, z - a, len);
}

/*
 * The compiler.
 */

/* Are a[0..n) and b[0..n) the same readings? */
static int
same_syls(const struct syl *a, const struct syl *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i].tone != b[i].tone || strcmp(a[i].s, b[i].s) != 0)
			return 0;
	return 1;
}

/* Append cp's readings record to out. STATUS_BAD_INPUT: cannot be written. */
static enum status
put_readings(const struct unihan *text, uint32_t cp, struct sbuf *out)
{
	struct syl a[UB_READINGS], h[UB_READINGS];
	size_t n, nh, i, j;
	char tone;

	n = unihan_readings(text, cp, 0, a, UB_READINGS);
	nh = unihan_readings(text, cp, 1, h, UB_READINGS);
	if (n == UB_READINGS || nh != n)
		return STATUS_BAD_INPUT;
	if (!same_syls(a, h, n)) {
		if (n < 2 || !same_syls(a, h + 1, 1) ||
		        !same_syls(a + 1, h, 1) ||
		        !same_syls(a + 2, h + 2, n - 2))
			return STATUS_BAD_INPUT;
		sbuf_put(out, "*", 1);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; a[i].s[j] != '\0'; j++)
			if (a[i].s[j] == ' ' ||
			        (a[i].s[j] >= '0' && a[i].s[j] <= '9'))
				return STATUS_BAD_INPUT;
		if (i > 0)
			sbuf_put(out, " ", 1);
		sbuf_str(out, a[i].s);
		tone = (char)('0' + a[i].tone);
		sbuf_put(out, &tone, 1);
	}
	return STATUS_OK;
}

/*
 * Append block `blk`'s section to body: the readings (defs 0) or the
 * definitions (defs 1) of keys[0..n), which are in that block, opened by
 * their offsets. *len gets its length, 0 when no character has any.
 */
static enum status
put_section(const struct unihan *text, uint32_t blk, const uint32_t *keys,
        size_t n, int defs, struct sbuf *body, uint32_t *len)
{
	size_t start = body->len, k = 0, c, dlen;
	size_t index = defs ? UB_DF_INDEX : UB_RD_INDEX, off;
	unsigned char zero[UB_DF_INDEX] = {0};
	const char *d;
	enum status st;

	sbuf_put(body, (const char *)zero, index);
	for (c = 0; c <= 256; c++) {
		off = body->len - start;
		if (body->failed)
			return STATUS_NOMEM;
		if (off > (defs ? UINT32_MAX : UB_RD_MAX))
			return STATUS_BAD_INPUT;
		if (defs)
			set_u32((unsigned char *)body->s + start + 4 * c,
			        (uint32_t)off);
		else
			set_u16((unsigned char *)body->s + start + 2 * c,
			        (uint32_t)off);
		if (c == 256 || k == n || keys[k] != (blk << 8 | c))
			continue;
		if (defs) {
			d = unihan_definition(text, keys[k], &dlen);
			if (d != NULL)
				sbuf_put(body, d, dlen);
		} else {
			st = put_readings(text, keys[k], body);
			if (st != STATUS_OK)
				return st;
		}
		k++;
	}
	*len = (uint32_t)(body->len - start);
	if (*len == index) { /* nothing: no section */
		body->len = start;
		*len = 0;
	}
	return STATUS_OK;
}

enum status
unihan_bin_compile(const struct unihan *text, const char *notice,
        size_t notice_len, struct sbuf *out)
{
	unsigned char head[UB_HEADER] = {0}, *e;
	struct sbuf body = {0}, table = {0};
	uint32_t *keys = NULL, rd_len, df_len;
	size_t nkeys, nblk = 0, i, j, base, size;
	enum status st;

	st = unihan_keys(text, &keys, &nkeys);
	if (st != STATUS_OK)
		return st;
	for (i = 0; i < nkeys; i++)
		if (i == 0 || keys[i] >> 8 != keys[i - 1] >> 8)
			nblk++;
	base = UB_HEADER + nblk * UB_ENTRY;
	for (i = 0; i < nkeys && st == STATUS_OK; i = j) {
		for (j = i; j < nkeys && keys[j] >> 8 == keys[i] >> 8;)
			j++;
		size = body.len;
		st = put_section(
		        text, keys[i] >> 8, keys + i, j - i, 0, &body, &rd_len);
		if (st == STATUS_OK)
			st = put_section(text, keys[i] >> 8, keys + i, j - i, 1,
			        &body, &df_len);
		if (st != STATUS_OK)
			break;
		sbuf_put(&table, (const char *)head, UB_ENTRY);
		if (table.failed) {
			st = STATUS_NOMEM;
			break;
		}
		e = (unsigned char *)table.s + table.len - UB_ENTRY;
		set_u32(e, keys[i] >> 8);
		set_u32(e + 4, rd_len ? (uint32_t)(base + size) : 0);
		set_u32(e + 8, rd_len);
		set_u32(e + 12, df_len ? (uint32_t)(base + size + rd_len) : 0);
		set_u32(e + 16, df_len);
	}
	size = base + body.len + notice_len;
	if (st == STATUS_OK && (size > UINT32_MAX || body.failed))
		st = body.failed ? STATUS_NOMEM : STATUS_BAD_INPUT;
	if (st == STATUS_OK) {
		memcpy(head, UB_MAGIC, UB_MAGIC_LEN);
		set_u32(head + 8, UB_VERSION);
		set_u32(head + 12, (uint32_t)size);
		set_u32(head + 16, (uint32_t)nkeys);
		set_u32(head + 20, (uint32_t)nblk);
		set_u32(head + 24, (uint32_t)(base + body.len));
		set_u32(head + 28, (uint32_t)notice_len);
		sbuf_put(out, (const char *)head, UB_HEADER);
		sbuf_put(out, table.s, table.len);
		sbuf_put(out, body.s, body.len);
		sbuf_put(out, notice, notice_len);
		if (out->failed)
			st = STATUS_NOMEM;
	}
	sbuf_fini(&body);
	sbuf_fini(&table);
	free(keys);
	return st;
}
