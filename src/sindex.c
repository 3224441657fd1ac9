/*
 * sindex.c: the incremental section index (see sindex.h). A block is
 * parsed only when its raw bytes could hold a heading: it starts with
 * '#' or with the IAA heading mark U+FFFB, or a "。" appears early enough
 * for a short first sentence.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outline.h"
#include "sindex.h"

/* Raw bytes a run-in heading's sentence can take, readings included. */
#define HEAD_RAW_MAX (OUTLINE_TITLE_MAX * 16)

struct sindex {
	struct doc *doc;
	struct section *s;
	size_t n, cap;
	struct bspan next; /* the next block to scan (or the last scanned) */
	int started, complete;
	int scanned_next; /* next has been scanned: move on from it */
	int waiting;      /* the last step stopped at the end of a pipe */
};

enum status
sindex_new(struct doc *doc, struct sindex **out)
{
	struct sindex *ix = calloc(1, sizeof(*ix));

	if (ix == NULL)
		return STATUS_NOMEM;
	ix->doc = doc;
	*out = ix;
	return STATUS_OK;
}

void
sindex_free(struct sindex *ix)
{
	size_t i;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->n; i++)
		free(ix->s[i].title);
	free(ix->s);
	free(ix);
}

/*
 * Could p[0..n) open with a run-in heading? There must be a "。", and no
 * punctuation a run-in title cannot hold before it: ",", "，", "、", "；",
 * "：", quotation marks (no notation's reading holds these either). Most
 * body paragraphs fail here, unparsed.
 */
static int
run_in_candidate(const char *p, size_t n)
{
	static const char *const stop[] = {
	        "\xef\xbc\x8c", /* ， */
	        "\xe3\x80\x81", /* 、 */
	        "\xef\xbc\x9b", /* ； */
	        "\xef\xbc\x9a", /* ： */
	        "\xe2\x80\x9c", /* “ */
	        "\xe3\x80\x8c", /* 「 */
	};
	const char *end = memmem(p, n, "\xe3\x80\x82", 3);
	size_t i;

	if (end == NULL || memchr(p, ',', (size_t)(end - p)) != NULL)
		return 0;
	for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (memmem(p, (size_t)(end - p), stop[i], 3) != NULL)
			return 0;
	return 1;
}

/* Could the block at b be a heading, judging by its raw bytes? */
static enum status
maybe_heading(struct doc *doc, const struct bspan *b, int *maybe)
{
	const char *p;
	size_t got, want;
	enum status st;

	want = b->end - b->off;
	if (want > HEAD_RAW_MAX)
		want = HEAD_RAW_MAX;
	*maybe = 0;
	if (want == 0)
		return STATUS_OK;
	st = source_get(doc_source(doc), b->off, want, &p, &got);
	if (st != STATUS_OK)
		return st;
	*maybe = (got > 0 && p[0] == '#') ||
	        (got >= 3 && memcmp(p, "\xef\xbf\xbb", 3) == 0) ||
	        memmem(p, got, "見出し", strlen("見出し")) !=
	                NULL || /* Aozora */
	        run_in_candidate(p, got);
	return STATUS_OK;
}

/*
 * Is the block at b a heading? *found, and its title in buf. A block that
 * opens a heading titled by the next line (outline_title_below) takes
 * that line's text.
 */
static enum status
heading_at(struct doc *doc, const struct bspan *b, char *buf, size_t size,
        int *found)
{
	struct block *blk, *nblk;
	struct bspan nb;
	enum status st;

	st = doc_parse(doc, b, &blk);
	if (st != STATUS_OK)
		return st;
	*found = outline_title(blk, buf, size);
	if (!*found && outline_title_below(blk) &&
	        doc_block_next(doc, b, &nb) == STATUS_OK &&
	        (st = doc_parse(doc, &nb, &nblk)) == STATUS_OK) {
		*found = outline_text(nblk, buf, size);
		block_free(nblk);
	}
	block_free(blk);
	return st;
}

static enum status
add(struct sindex *ix, size_t off, const char *title)
{
	struct section *ns;
	size_t ncap;
	char *t;

	if (ix->n == ix->cap) {
		ncap = ix->cap ? ix->cap * 2 : 64;
		ns = realloc(ix->s, ncap * sizeof(*ns));
		if (ns == NULL)
			return STATUS_NOMEM;
		ix->s = ns;
		ix->cap = ncap;
	}
	t = strdup(title);
	if (t == NULL)
		return STATUS_NOMEM;
	ix->s[ix->n].off = off;
	ix->s[ix->n].title = t;
	ix->n++;
	return STATUS_OK;
}

/*
 * Does b end where a pipe's input ends so far, without an LF? Then its
 * line may go on: it is not scanned until it ends.
 */
static int
line_open(struct doc *doc, const struct bspan *b)
{
	return !source_complete(doc_source(doc)) && b->end == b->next &&
	        b->next >= doc_size(doc);
}

enum status
sindex_step(struct sindex *ix, size_t budget)
{
	char title[OUTLINE_TITLE_MAX * 4 + 512];
	size_t done = 0;
	enum status st;
	int maybe, found;

	if (ix->complete)
		return STATUS_OK;
	ix->waiting = 0;
	if (!ix->started) {
		st = doc_block_at(ix->doc, 0, &ix->next);
		if (st != STATUS_OK)
			return st;
		ix->started = 1;
	}
	for (;;) {
		if (ix->scanned_next) {
			st = doc_block_next(ix->doc, &ix->next, &ix->next);
			if (st == STATUS_RANGE) {
				if (source_complete(doc_source(ix->doc)))
					ix->complete = 1;
				else
					ix->waiting = 1;
				return STATUS_OK;
			}
			if (st != STATUS_OK)
				return st;
			ix->scanned_next = 0;
			if (done >= budget)
				return STATUS_OK;
		}
		if (line_open(ix->doc, &ix->next)) {
			/* Read on: the line may have ended by now. */
			st = doc_block_at(ix->doc, ix->next.off, &ix->next);
			if (st != STATUS_OK)
				return st;
			if (line_open(ix->doc, &ix->next)) {
				ix->waiting = 1;
				return STATUS_OK;
			}
		}
		st = maybe_heading(ix->doc, &ix->next, &maybe);
		if (st != STATUS_OK)
			return st;
		if (maybe) {
			st = heading_at(ix->doc, &ix->next, title,
			        sizeof(title), &found);
			if (st == STATUS_OK && found)
				st = add(ix, ix->next.off, title);
			if (st != STATUS_OK)
				return st;
		}
		done += ix->next.next - ix->next.off + 1;
		ix->scanned_next = 1;
	}
}

int
sindex_waiting(const struct sindex *ix)
{
	return ix->waiting;
}

int
sindex_complete(const struct sindex *ix)
{
	return ix->complete;
}

size_t
sindex_scanned(const struct sindex *ix)
{
	return ix->complete ? doc_size(ix->doc) : ix->next.off;
}

size_t
sindex_count(const struct sindex *ix)
{
	return ix->n;
}

const struct section *
sindex_get(const struct sindex *ix, size_t i)
{
	return i < ix->n ? &ix->s[i] : NULL;
}

size_t
sindex_find(const struct sindex *ix, size_t off)
{
	size_t lo = 0, hi = ix->n, mid;

	if (ix->n == 0 || off < ix->s[0].off)
		return (size_t)-1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (ix->s[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Is the block at b a heading? Its title goes to buf. 0 on errors. */
static int
block_heading(struct doc *doc, const struct bspan *b, char *buf, size_t size)
{
	int maybe, found;

	if (maybe_heading(doc, b, &maybe) != STATUS_OK || !maybe ||
	        heading_at(doc, b, buf, size, &found) != STATUS_OK)
		return 0;
	return found;
}

int
sindex_section_after(struct sindex *ix, size_t off, size_t *sec_off,
        char *title, size_t size)
{
	char buf[OUTLINE_TITLE_MAX * 4 + 512];
	const struct section *sec;
	struct bspan b;
	size_t i;

	i = sindex_find(ix, off);
	sec = sindex_get(ix, i == (size_t)-1 ? 0 : i + 1);
	if (sec == NULL && !ix->complete && off < sindex_scanned(ix))
		off = sindex_scanned(ix) - 1; /* none indexed: read on */
	if (sec == NULL && !ix->complete) {
		if (doc_block_at(ix->doc, off, &b) != STATUS_OK)
			return 0;
		while (doc_block_next(ix->doc, &b, &b) == STATUS_OK)
			if (block_heading(ix->doc, &b, buf, sizeof(buf))) {
				*sec_off = b.off;
				snprintf(title, size, "%s", buf);
				return 1;
			}
		return 0;
	}
	if (sec == NULL)
		return 0;
	*sec_off = sec->off;
	snprintf(title, size, "%s", sec->title);
	return 1;
}

int
sindex_section_at(struct sindex *ix, size_t off, size_t budget, size_t *sec_off,
        char *title, size_t size)
{
	char buf[OUTLINE_TITLE_MAX * 4 + 512];
	const struct section *sec;
	struct bspan b;
	size_t i, done = 0;

	if (off < sindex_scanned(ix) || ix->complete) {
		i = sindex_find(ix, off);
		if (i == (size_t)-1)
			return 0;
		sec = &ix->s[i];
		*sec_off = sec->off;
		snprintf(title, size, "%s", sec->title);
		return 1;
	}
	if (doc_block_at(ix->doc, off, &b) != STATUS_OK)
		return 0;
	for (;;) {
		if (b.off < sindex_scanned(ix))
			return sindex_section_at(
			        ix, b.off, 0, sec_off, title, size);
		if (block_heading(ix->doc, &b, buf, sizeof(buf))) {
			*sec_off = b.off;
			snprintf(title, size, "%s", buf);
			return 1;
		}
		done += b.next - b.off + 1;
		if (done > budget ||
		        doc_block_prev(ix->doc, &b, &b) != STATUS_OK)
			return 0;
	}
}
