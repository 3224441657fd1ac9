/*
 * dump.c: rubi --dump and --outline (see dump.h).
 *
 * A regular file large enough is dumped by several threads: it is cut into
 * chunks of DUMP_CHUNK bytes at block starts (the block around each
 * multiple of DUMP_CHUNK, a rule every thread computes alike), each thread
 * lays out whole chunks over a document of its own (doc_clone), and the
 * calling thread lays out and writes the first chunk itself, then writes
 * the others in order. At most DUMP_SLOTS chunks are
 * held at once, so memory stays bounded whatever the size of the file.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dump.h"
#include "sindex.h"

#ifndef DUMP_CHUNK
#define DUMP_CHUNK (1024 * 1024) /* bytes of input per chunk */
#endif
#define DUMP_THREADS_MAX 8

/* Where laid-out rows go: the caller's writer, or a chunk's buffer. */
struct sink {
	dump_write_fn write;
	void *ctx;
};

struct how {
	int cols;
	enum ruby_mode mode;
	int ambiwidth;
	const struct layout_extra *x; /* may be NULL */
};

/* The block's row in RUBY_OFF without wrapping, with its LF, to `out`. */
static enum status
write_off_row(const struct block *blk, const struct how *how,
        const struct sink *out, char **row, size_t *cap)
{
	size_t need;
	char *nb;

	need = layout_off_row(blk, how->ambiwidth, *row, *cap);
	if (need + 1 > *cap) {
		nb = realloc(*row, need + 1);
		if (nb == NULL)
			return STATUS_NOMEM;
		*row = nb;
		*cap = need + 1;
		need = layout_off_row(blk, how->ambiwidth, *row, *cap);
	}
	(*row)[need] = '\n';
	return out->write(out->ctx, *row, need + 1) != 0 ? STATUS_IO
	                                                 : STATUS_OK;
}

/*
 * Lay out the blocks that start in [start, end) and send each row, with
 * its LF, to `out`. `start` must be a block start. *row is a buffer the
 * caller owns (grown here, of *cap bytes).
 */
static enum status
dump_range(struct doc *doc, size_t start, size_t end, const struct how *how,
        const struct sink *out, char **row, size_t *cap)
{
	struct bspan b;
	struct block *blk;
	struct layout *lay;
	enum status st;
	size_t line, need;
	char *nb;
	int r;

	st = doc_block_at(doc, start, &b);
	if (st == STATUS_OK && b.off < start)
		return STATUS_OK; /* start is the end of the document */
	while (st == STATUS_OK && b.off < end) {
		st = doc_parse(doc, &b, &blk);
		if (st != STATUS_OK)
			break;
		if (how->mode == RUBY_OFF && how->cols == LAYOUT_NOWRAP &&
		        (how->x == NULL || how->x->known == NULL)) {
			/* One row, the base text: no layout needed. */
			st = write_off_row(blk, how, out, row, cap);
			block_free(blk);
			if (st != STATUS_OK)
				break;
			st = doc_block_next(doc, &b, &b);
			continue;
		}
		st = layout_block_ex(blk, how->cols, how->mode, how->ambiwidth,
		        how->x, &lay);
		block_free(blk);
		if (st != STATUS_OK)
			break;
		for (line = 0; line < lay->nlines && st == STATUS_OK; line++)
			for (r = 0; r < lay->rows_per_line; r++) {
				need = layout_row_text(
				        lay, line, r, *row, *cap);
				if (need + 2 > *cap) {
					nb = realloc(*row, need + 2);
					if (nb == NULL) {
						st = STATUS_NOMEM;
						break;
					}
					*row = nb;
					*cap = need + 2;
					need = layout_row_text(
					        lay, line, r, *row, *cap);
				}
				(*row)[need] = '\n';
				if (out->write(out->ctx, *row, need + 1) != 0) {
					st = STATUS_IO;
					break;
				}
			}
		layout_free(lay);
		if (st != STATUS_OK)
			break;
		st = doc_block_next(doc, &b, &b);
	}
	return st == STATUS_RANGE ? STATUS_OK : st;
}

/* ----- several threads -------------------------------------------- */

#define DUMP_SLOTS (2 * DUMP_THREADS_MAX)

enum slot_state { SLOT_FREE, SLOT_BUSY, SLOT_DONE };

struct slot {
	enum slot_state state;
	size_t chunk;    /* which chunk it holds */
	char *buf;       /* its rows */
	size_t len, cap; /* bytes in buf, allocated */
	enum status st;  /* how laying it out went */
};

struct par {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct doc *docs[DUMP_THREADS_MAX];
	struct slot slot[DUMP_SLOTS];
	size_t nslots;
	size_t next;      /* the next chunk to take */
	size_t nchunks;   /* chunks in all */
	int stop;         /* a failure: take no more chunks */
	enum status fail; /* the first failure */
	struct how how;
};

/* Append to a slot's buffer (a struct sink writer). */
static int
slot_append(void *ctx, const char *s, size_t len)
{
	struct slot *sl = ctx;
	size_t cap;
	char *nb;

	if (sl->len + len > sl->cap) {
		cap = sl->cap ? sl->cap : DUMP_CHUNK;
		while (cap < sl->len + len)
			cap *= 2;
		nb = realloc(sl->buf, cap);
		if (nb == NULL) {
			errno = ENOMEM;
			return -1;
		}
		sl->buf = nb;
		sl->cap = cap;
	}
	memcpy(sl->buf + sl->len, s, len);
	sl->len += len;
	return 0;
}

/* The first byte of chunk k: the start of the block around k * DUMP_CHUNK. */
static enum status
chunk_start(struct doc *doc, size_t k, size_t *off)
{
	struct bspan b;
	enum status st;

	if (k == 0) {
		*off = 0;
		return STATUS_OK;
	}
	st = doc_block_at(doc, k * DUMP_CHUNK, &b);
	*off = b.off;
	return st;
}

struct worker {
	struct par *par;
	struct doc *doc;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct par *par = w->par;
	struct sink sink = {slot_append, NULL};
	struct slot *sl;
	size_t k, start, end, cap = 4096;
	char *row = malloc(cap);
	enum status st;

	for (;;) {
		pthread_mutex_lock(&par->lock);
		for (;;) {
			k = par->next;
			sl = &par->slot[k % par->nslots];
			if (par->stop || k >= par->nchunks ||
			        sl->state == SLOT_FREE)
				break;
			pthread_cond_wait(&par->cond, &par->lock);
		}
		if (par->stop || k >= par->nchunks) {
			pthread_mutex_unlock(&par->lock);
			break;
		}
		par->next++;
		sl->state = SLOT_BUSY;
		sl->chunk = k;
		sl->len = 0;
		pthread_mutex_unlock(&par->lock);

		sink.ctx = sl;
		st = row == NULL ? STATUS_NOMEM
		                 : chunk_start(w->doc, k, &start);
		if (st == STATUS_OK && k + 1 < par->nchunks)
			st = chunk_start(w->doc, k + 1, &end);
		else
			end = SIZE_MAX;
		if (st == STATUS_OK)
			st = dump_range(w->doc, start, end, &par->how, &sink,
			        &row, &cap);

		pthread_mutex_lock(&par->lock);
		sl->st = st;
		sl->state = SLOT_DONE;
		if (st != STATUS_OK && !par->stop) {
			par->stop = 1;
			par->fail = st;
		}
		pthread_cond_broadcast(&par->cond);
		pthread_mutex_unlock(&par->lock);
	}
	free(row);
	return NULL;
}

/* Dump with n threads over clones of doc; STATUS_RANGE: cannot here. */
static enum status
dump_parallel(struct doc *doc, int n, size_t from, const struct how *how,
        const struct sink *out)
{
	struct par par;
	struct worker w[DUMP_THREADS_MAX];
	pthread_t tid[DUMP_THREADS_MAX];
	struct slot *sl;
	enum status st = STATUS_OK;
	size_t k, end, cap = 4096;
	char *row;
	int i, started = 0;

	memset(&par, 0, sizeof(par));
	par.how = *how;
	par.nchunks = (doc_size(doc) + DUMP_CHUNK - 1) / DUMP_CHUNK;
	par.nslots = 2 * (size_t)n;
	par.next = 1; /* chunk 0 is this thread's */
	for (i = 0; i < n && st == STATUS_OK; i++)
		st = doc_clone(doc, &par.docs[i]);
	if (st != STATUS_OK)
		goto out_nothread; /* not a regular file, or no memory */
	if (pthread_mutex_init(&par.lock, NULL) != 0)
		goto out_nothread;
	if (pthread_cond_init(&par.cond, NULL) != 0) {
		pthread_mutex_destroy(&par.lock);
		goto out_nothread;
	}
	for (i = 0; i < n; i++) {
		w[i].par = &par;
		w[i].doc = par.docs[i];
		if (pthread_create(&tid[i], NULL, work, &w[i]) != 0)
			break;
		started++;
	}
	if (started == 0) {
		st = STATUS_RANGE;
		goto out_threads;
	}

	/* The rest of chunk 0 here, written as it is laid out (a whole
	 * chunk can take long: a line of NULs); then the others in order as
	 * they are done. */
	row = malloc(cap);
	st = row == NULL ? STATUS_NOMEM : chunk_start(doc, 1, &end);
	if (st == STATUS_OK && from < end)
		st = dump_range(doc, from, end, how, out, &row, &cap);
	free(row);
	if (st != STATUS_OK) {
		pthread_mutex_lock(&par.lock);
		if (!par.stop) {
			par.stop = 1;
			par.fail = st;
		}
		pthread_cond_broadcast(&par.cond);
		pthread_mutex_unlock(&par.lock);
	}
	for (k = 1; k < par.nchunks && st == STATUS_OK; k++) {
		sl = &par.slot[k % par.nslots];
		pthread_mutex_lock(&par.lock);
		/* A chunk once taken is always done; after a failure the
		 * chunks not taken never will be. */
		while (!(sl->state == SLOT_DONE && sl->chunk == k) &&
		        !(par.stop && k >= par.next))
			pthread_cond_wait(&par.cond, &par.lock);
		st = sl->state == SLOT_DONE && sl->chunk == k ? sl->st
		                                              : par.fail;
		pthread_mutex_unlock(&par.lock);
		if (st == STATUS_OK && sl->len > 0 &&
		        out->write(out->ctx, sl->buf, sl->len) != 0)
			st = STATUS_IO;
		pthread_mutex_lock(&par.lock);
		sl->state = SLOT_FREE;
		if (st != STATUS_OK && !par.stop) {
			par.stop = 1;
			par.fail = st;
		}
		pthread_cond_broadcast(&par.cond);
		pthread_mutex_unlock(&par.lock);
	}
out_threads:
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_cond_destroy(&par.cond);
	pthread_mutex_destroy(&par.lock);
	goto out;
out_nothread:
	st = STATUS_RANGE;
out:
	for (i = 0; i < DUMP_THREADS_MAX; i++)
		doc_free(par.docs[i]);
	for (k = 0; k < DUMP_SLOTS; k++)
		free(par.slot[k].buf);
	return st;
}

/* How many threads a dump of doc should use (1: not worth more). */
static int
dump_threads(struct doc *doc)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 2 || doc_size(doc) < 4 * (size_t)DUMP_CHUNK)
		return 1;
	return n > DUMP_THREADS_MAX ? DUMP_THREADS_MAX : (int)n;
}

enum status
dump_doc(struct doc *doc, int cols, enum ruby_mode mode, int ambiwidth,
        dump_write_fn write, void *ctx)
{
	return dump_doc_ex(doc, cols, mode, ambiwidth, NULL, write, ctx);
}

enum status
dump_doc_ex(struct doc *doc, int cols, enum ruby_mode mode, int ambiwidth,
        const struct layout_extra *x, dump_write_fn write, void *ctx)
{
	struct how how = {cols, mode, ambiwidth, x};
	struct sink out = {write, ctx};
	struct bspan first;
	enum status st;
	size_t cap = 4096;
	char *row;
	int n = dump_threads(doc);

	row = malloc(cap);
	if (row == NULL)
		return STATUS_NOMEM;
	/* The first block at once, before any thread is started or the
	 * table read whole for them: the first rows never wait. */
	st = doc_block_at(doc, 0, &first);
	if (st == STATUS_OK)
		st = dump_range(doc, 0, first.next, &how, &out, &row, &cap);
	if (st == STATUS_OK && n > 1 && first.next > 0) {
		st = dump_parallel(doc, n, first.next, &how, &out);
		if (st != STATUS_RANGE) {
			free(row);
			return st;
		}
		st = STATUS_OK;
	}
	if (st == STATUS_OK && (first.next > 0 || doc_size(doc) == 0))
		st = dump_range(
		        doc, first.next, SIZE_MAX, &how, &out, &row, &cap);
	free(row);
	return st;
}

enum status
dump_outline(struct doc *doc, dump_write_fn write, void *ctx, size_t *count)
{
	struct sindex *ix;
	const struct section *sec;
	enum status st;
	size_t i = 0;

	st = sindex_new(doc, &ix);
	if (st != STATUS_OK)
		return st;
	while (st == STATUS_OK) {
		st = sindex_step(ix, (size_t)1 << 22);
		for (; st == STATUS_OK && i < sindex_count(ix); i++) {
			sec = sindex_get(ix, i);
			if (write(ctx, sec->title, strlen(sec->title)) != 0 ||
			        write(ctx, "\n", 1) != 0)
				st = STATUS_IO;
		}
		if (sindex_complete(ix))
			break;
	}
	if (count != NULL)
		*count = i;
	sindex_free(ix);
	return st;
}
