/*
 * glossary.c: rubi --glossary (glossary.h). Pairs are kept in an array in
 * order of first occurrence, found through an open-addressing hash table
 * of indices that doubles when half full.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "source.h"
#include "glossary.h"
#include "utf8.h"

/*
 * A (base, reading) pair: key holds the base text, a tab, and the reading
 * as displayed (for pinyin, tone marks after restoration); both UTF-8.
 */
struct entry {
	char *key;
	size_t klen;
	size_t count;
	size_t line, col;
};

struct table {
	struct entry *e;
	size_t n, cap;
	size_t *slot; /* index + 1 into e; 0 = empty */
	size_t nslot; /* a power of 2 */
};

static size_t
key_hash(const char *k, size_t len)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

/* Rebuild the slots at twice the size. */
static int
grow_slots(struct table *t)
{
	size_t nslot = t->nslot ? t->nslot * 2 : 256, i, h;
	size_t *slot = calloc(nslot, sizeof(*slot));

	if (slot == NULL)
		return -1;
	for (i = 0; i < t->n; i++) {
		h = key_hash(t->e[i].key, t->e[i].klen) & (nslot - 1);
		while (slot[h] != 0)
			h = (h + 1) & (nslot - 1);
		slot[h] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
	return 0;
}

/*
 * Count one occurrence of the pair key[0..klen) at glyph g of blk, on
 * line `line` after col0 characters. -1 when out of memory.
 */
static int
count(struct table *t, const char *key, size_t klen, size_t line, size_t col0,
        const struct block *blk, size_t g)
{
	struct entry *ne;
	size_t h, ncap;

	if ((t->n + 1) * 2 > t->nslot && grow_slots(t) != 0)
		return -1;
	h = key_hash(key, klen) & (t->nslot - 1);
	while (t->slot[h] != 0) {
		ne = &t->e[t->slot[h] - 1];
		if (ne->klen == klen && memcmp(ne->key, key, klen) == 0) {
			ne->count++;
			return 0;
		}
		h = (h + 1) & (t->nslot - 1);
	}
	if (t->n == t->cap) {
		ncap = t->cap ? t->cap * 2 : 256;
		ne = realloc(t->e, ncap * sizeof(*ne));
		if (ne == NULL)
			return -1;
		t->e = ne;
		t->cap = ncap;
	}
	ne = &t->e[t->n];
	ne->key = malloc(klen);
	if (ne->key == NULL)
		return -1;
	t->n++;
	memcpy(ne->key, key, klen);
	ne->klen = klen;
	ne->count = 1;
	ne->line = line;
	ne->col = col0 + check_chars_before(blk, g) + 1;
	t->slot[h] = t->n;
	return 0;
}

#define KEY_MAX 512 /* bytes of base and reading kept for one pair */

/*
 * The key of ruby run `run`: its base, a tab, its reading; tabs and
 * control characters cannot occur (glyphs are printable, readings are
 * built clean). Cut at KEY_MAX. Returns the length.
 */
static size_t
run_key(const struct block *blk, const struct run *run, char *key)
{
	size_t o = 0, g;
	char enc[4];
	int n;

	for (g = run->g0; g < run->g1; g++) {
		n = utf8_encode(blk->g[g].cp, enc);
		if (o + (size_t)n + 1 > KEY_MAX / 2)
			break;
		memcpy(key + o, enc, (size_t)n);
		o += (size_t)n;
	}
	key[o++] = '\t';
	n = run->rd_len < KEY_MAX - o ? run->rd_len : (int)(KEY_MAX - o);
	memcpy(key + o, blk->text + run->rd_off, (size_t)n);
	return o + (size_t)n;
}

/* Are all the base characters of run in `skip`? */
static int
all_known(const struct known *skip, const struct block *blk,
        const struct run *run)
{
	size_t g;

	if (skip == NULL)
		return 0;
	for (g = run->g0; g < run->g1; g++)
		if (!known_has(skip, blk->g[g].cp))
			return 0;
	return 1;
}

/* Count the ruby runs of one block; col0 = characters before it. */
static int
count_block(struct table *t, const struct block *blk, const struct known *skip,
        size_t line, size_t col0)
{
	char key[KEY_MAX];
	size_t r;

	for (r = 0; r < blk->nruns; r++) {
		const struct run *run = &blk->runs[r];
		if (!(run->flags & RUN_RUBY) || all_known(skip, blk, run))
			continue;
		/* The column is counted only for a pair seen first. */
		if (count(t, key, run_key(blk, run, key), line, col0, blk,
		            run->g0) != 0)
			return -1;
	}
	return 0;
}

/* Write entry e as one TSV line (a meaning for a one-character base). */
static int
put_entry(const struct entry *e, const struct unihan *uh, dump_write_fn write,
        void *ctx)
{
	char line[1024 + KEY_MAX], mean[600];
	const char *def, *tab = memchr(e->key, '\t', e->klen);
	size_t blen = (size_t)(tab - e->key), len, i;
	uint32_t cp = 0;
	int n;

	mean[0] = '\0';
	n = utf8_next(e->key, blen, &cp);
	def = n > 0 && (size_t)n == blen ? unihan_definition(uh, cp, &len)
	                                 : NULL;
	if (def != NULL) {
		utf8_sanitize(def, len, mean, sizeof(mean));
		for (i = 0; mean[i]; i++)
			if (mean[i] == '\t')
				mean[i] = ' ';
	}
	n = snprintf(line, sizeof(line), "%.*s\t%zu\t%zu:%zu\t%s\n",
	        (int)e->klen, e->key, e->count, e->line, e->col, mean);
	if (n < 0)
		return -1;
	return write(ctx, line, strlen(line));
}

enum status
glossary_write(struct doc *doc, const struct unihan *uh,
        const struct known *skip, dump_write_fn write, void *ctx, size_t *lines)
{
	struct table t;
	struct bspan b;
	struct block *blk;
	enum status st;
	size_t line = 1, col0 = 0, i;

	memset(&t, 0, sizeof(t));
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		st = doc_parse(doc, &b, &blk);
		if (st != STATUS_OK)
			break;
		if (count_block(&t, blk, skip, line, col0) != 0)
			st = STATUS_NOMEM;
		check_line_step(&b, blk, &line, &col0);
		block_free(blk);
		if (st != STATUS_OK)
			break;
		st = doc_block_next(doc, &b, &b);
	}
	if (st == STATUS_RANGE) {
		st = STATUS_OK;
		for (i = 0; i < t.n && st == STATUS_OK; i++)
			if (put_entry(&t.e[i], uh, write, ctx) != 0)
				st = STATUS_IO;
		if (st == STATUS_OK && lines != NULL)
			*lines = t.n;
	}
	for (i = 0; i < t.n; i++)
		free(t.e[i].key);
	free(t.e);
	free(t.slot);
	return st;
}

enum status
glossary_count(struct doc *doc, uint32_t cp, size_t *off, size_t max_len,
        size_t *count)
{
	struct source *src = doc_source(doc);
	char nd[4];
	size_t nl = (size_t)utf8_encode(cp, nd), got, i, end, want;
	const char *p, *q;
	enum status st;

	end = max_len == 0 || *off > SIZE_MAX - max_len ? SIZE_MAX
	                                                : *off + max_len;
	while (*off < end) {
		/* Up to where a match could start before `end`. */
		want = end - *off > SOURCE_WINDOW - (nl - 1)
		        ? SOURCE_WINDOW
		        : end - *off + (nl - 1);
		st = source_get(src, *off, want, &p, &got);
		if (st != STATUS_OK)
			return st;
		if (got < nl) {
			*off += got;
			break;
		}
		/* UTF-8 never matches a character's bytes mid-character. */
		for (i = 0; i + nl <= got;) {
			q = memchr(p + i, nd[0], got - nl + 1 - i);
			if (q == NULL)
				break;
			i = (size_t)(q - p);
			if (memcmp(q, nd, nl) == 0) {
				++*count;
				i += nl;
			} else {
				i++;
			}
		}
		if (got < want) { /* the end of the input */
			*off += got;
			break;
		}
		/* The next window starts where a match could still begin. */
		*off += got - nl + 1;
	}
	return STATUS_OK;
}
