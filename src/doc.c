/*
 * doc.c: blocks found around any offset, parsed on demand.
 *
 * Block boundaries are the bytes after each LF, plus a cut at every
 * multiple K of DOC_BLOCK_MAX whose preceding DOC_BLOCK_MAX bytes hold no
 * LF (moved forward past UTF-8 continuation bytes, so that no character is
 * split). The rule depends only on the bytes near K, so the block around
 * any offset is found by scanning at most 2 * DOC_BLOCK_MAX bytes, and
 * lines of ordinary length are never cut.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "parse.h"
#include "unihan.h"

#define SCAN_CHUNK (SOURCE_WINDOW / 2)
/*
 * The first step of a scan for an LF: paragraphs are mostly shorter, and
 * asking for no more than this keeps a first screen within the bytes
 * already read (a larger request reads the window again, 20 fresh pages),
 * and a pipe from waiting for bytes it does not need. Steps double.
 */
#define SCAN_FIRST (4 * 1024)

struct doc {
	struct source *src;
	struct doc_opts opts;
	struct parse_memo *memo; /* NULL if it could not be had */
	unsigned long parsed;    /* doc_parse() calls, for tests */
};

enum status
doc_new(struct source *src, const struct doc_opts *opts, struct doc **out)
{
	struct doc *doc;

	doc = calloc(1, sizeof(*doc));
	if (doc == NULL) {
		source_free(src);
		return STATUS_NOMEM;
	}
	doc->src = src;
	doc->opts = *opts;
	if (parse_memo_new(&doc->memo) != STATUS_OK)
		doc->memo = NULL; /* slower, not wrong */
	if (doc->opts.ambiwidth != 2)
		doc->opts.ambiwidth = 1;
	*out = doc;
	return STATUS_OK;
}

enum status
doc_clone(struct doc *doc, struct doc **out)
{
	struct source *src;
	enum status st;

	st = source_dup(doc->src, &src);
	if (st != STATUS_OK)
		return st;
	/* The clone shares the table: read it whole, so that it is never
	 * written to again while threads look things up. */
	unihan_read_all(doc->opts.uh);
	return doc_new(src, &doc->opts, out);
}

void
doc_free(struct doc *doc)
{
	if (doc == NULL)
		return;
	source_free(doc->src);
	parse_memo_free(doc->memo);
	free(doc);
}

void
doc_set_source(struct doc *doc, struct source *src)
{
	source_free(doc->src);
	doc->src = src;
}

enum notation
doc_notation(const struct doc *doc)
{
	return doc->opts.notation;
}

struct source *
doc_source(struct doc *doc)
{
	return doc->src;
}

unsigned long
doc_parsed(const struct doc *doc)
{
	return doc->parsed;
}

size_t
doc_size(const struct doc *doc)
{
	return source_size(doc->src);
}

/* Last LF in [lo, hi): *pos, 1; or 0. */
static enum status
lf_back(struct doc *doc, size_t lo, size_t hi, size_t *pos, int *found)
{
	const char *p, *q;
	size_t start, got, step = SCAN_FIRST;
	enum status st;

	*found = 0;
	for (; hi > lo; step = step < SCAN_CHUNK ? step * 2 : SCAN_CHUNK) {
		start = hi - lo > step ? hi - step : lo;
		st = source_get(doc->src, start, hi - start, &p, &got);
		if (st != STATUS_OK)
			return st;
		if (got == 0)
			return STATUS_OK;
		q = memrchr(p, '\n', got);
		if (q != NULL) {
			*pos = start + (size_t)(q - p);
			*found = 1;
			return STATUS_OK;
		}
		hi = start;
	}
	return STATUS_OK;
}

/* First LF in [lo, hi) (hi may be past the end). */
static enum status
lf_fwd(struct doc *doc, size_t lo, size_t hi, size_t *pos, int *found)
{
	const char *p, *q;
	size_t want, got, step = SCAN_FIRST;
	enum status st;

	*found = 0;
	for (; lo < hi; step = step < SCAN_CHUNK ? step * 2 : SCAN_CHUNK) {
		want = hi - lo > step ? step : hi - lo;
		st = source_get(doc->src, lo, want, &p, &got);
		if (st != STATUS_OK)
			return st;
		if (got == 0)
			return STATUS_OK;
		q = memchr(p, '\n', got);
		if (q != NULL) {
			*pos = lo + (size_t)(q - p);
			*found = 1;
			return STATUS_OK;
		}
		lo += got;
	}
	return STATUS_OK;
}

/*
 * The cut at multiple k (k > 0, below the end): *cut is where it falls
 * (after continuation bytes), or 0 when the line has an LF in the
 * DOC_BLOCK_MAX bytes before k and so is not cut there.
 */
static enum status
cut_at(struct doc *doc, size_t k, size_t *cut)
{
	const char *p;
	size_t pos, got, i;
	enum status st;
	int found;

	*cut = 0;
	st = lf_back(doc, k - DOC_BLOCK_MAX, k, &pos, &found);
	if (st != STATUS_OK || found)
		return st;
	st = source_get(doc->src, k, 3, &p, &got);
	if (st != STATUS_OK)
		return st;
	if (got == 0 || p[0] == '\n')
		return STATUS_OK; /* the end, or the line ends right there */
	for (i = 0; i < got && ((unsigned char)p[i] & 0xc0) == 0x80; i++)
		;
	*cut = k + i;
	return STATUS_OK;
}

/* Fill in end and next for a block that starts at b->off. */
static enum status
block_end(struct doc *doc, struct bspan *b)
{
	const char *p;
	size_t k, pos, cut, got;
	enum status st;
	int found;

	k = (b->off / DOC_BLOCK_MAX + 1) * DOC_BLOCK_MAX;
	for (;;) {
		st = lf_fwd(doc,
		        b->off > k - DOC_BLOCK_MAX ? b->off : k - DOC_BLOCK_MAX,
		        k, &pos, &found);
		if (st != STATUS_OK)
			return st;
		if (found) {
			b->end = pos;
			b->next = pos + 1;
			return STATUS_OK;
		}
		/* Read a pipe past k before deciding that the input ends. */
		st = source_get(doc->src, k, 1, &p, &got);
		if (st != STATUS_OK)
			return st;
		if (k >= doc_size(doc)) {
			/* Not before the start: the file may have been cut
			 * short since the start was found. */
			b->end = b->next =
			        doc_size(doc) > b->off ? doc_size(doc) : b->off;
			return STATUS_OK;
		}
		st = cut_at(doc, k, &cut);
		if (st != STATUS_OK)
			return st;
		if (cut > b->off) {
			b->end = b->next = cut;
			return STATUS_OK;
		}
		k += DOC_BLOCK_MAX;
	}
}

enum status
doc_block_at(struct doc *doc, size_t off, struct bspan *out)
{
	const char *p;
	size_t k, pos, cut, got, start;
	enum status st;
	int found;

	/* Make sure a pipe has been read as far as `off`. */
	st = source_get(doc->src, off, 1, &p, &got);
	if (st != STATUS_OK)
		return st;
	for (;;) {
		/* Again on each turn: a read may find the file cut short. */
		if (off >= doc_size(doc)) {
			if (doc_size(doc) == 0) {
				out->off = out->end = out->next = 0;
				return STATUS_OK;
			}
			off = doc_size(doc) - 1;
		}
		k = off / DOC_BLOCK_MAX * DOC_BLOCK_MAX;
		st = lf_back(doc, k, off, &pos, &found);
		if (st != STATUS_OK)
			return st;
		start = found ? pos + 1 : 0;
		/* With an LF in [k, off) the block starts after it: a cut at k
		 * would lie before that LF (only continuation bytes follow k
		 * up to the cut), so it is not looked for. */
		if (k > 0 && !found) {
			st = cut_at(doc, k, &cut);
			if (st != STATUS_OK)
				return st;
			if (cut == 0 && off == k) {
				st = source_get(doc->src, k, 1, &p, &got);
				if (st != STATUS_OK)
					return st;
				if (got > 0 && p[0] == '\n') {
					/* the LF ending a line at k belongs
					 * to the block before k */
					off = k - 1;
					continue;
				}
			}
			if (cut > off) {
				/* off is a continuation byte before the cut */
				off = k - 1;
				continue;
			}
			if (cut > 0) {
				start = cut;
			} else {
				st = lf_back(doc, k - DOC_BLOCK_MAX, k, &pos,
				        &found);
				if (st != STATUS_OK)
					return st;
				/* cut == 0 means found, unless the file was
				 * cut short (then off moves back below k) or
				 * its bytes changed between two reads (then
				 * the block starts at k). */
				if (!found && doc_size(doc) <= k)
					continue;
				start = found ? pos + 1 : k;
			}
		}
		break;
	}
	out->off = start;
	return block_end(doc, out);
}

enum status
doc_block_next(struct doc *doc, const struct bspan *b, struct bspan *out)
{
	const char *p;
	size_t got;
	enum status st;

	st = source_get(doc->src, b->next, 1, &p, &got);
	if (st != STATUS_OK)
		return st;
	if (got == 0 || b->next <= b->off)
		return STATUS_RANGE;
	out->off = b->next;
	return block_end(doc, out);
}

enum status
doc_block_prev(struct doc *doc, const struct bspan *b, struct bspan *out)
{
	if (b->off == 0)
		return STATUS_RANGE;
	return doc_block_at(doc, b->off - 1, out);
}

enum status
doc_parse(struct doc *doc, const struct bspan *span, struct block **out)
{
	struct utf8_opts uo = {1, 0, 0, 0};
	struct block *blk;
	const char *p;
	size_t got;
	enum status st;

	doc->parsed++;
	blk = calloc(1, sizeof(*blk));
	if (blk == NULL)
		return STATUS_NOMEM;
	blk->span = *span;
	st = source_get(doc->src, span->off, span->end - span->off, &p, &got);
	if (st == STATUS_OK) {
		uo.ambiwidth = doc->opts.ambiwidth;
		uo.skip_bom = span->off == 0;
		uo.keep_iaa = doc->opts.notation == NOTATION_IAA;
		st = utf8_decode(p, got, &uo, &blk->g, &blk->ng);
	}
	if (st == STATUS_OK)
		st = parse_block(blk, &doc->opts, doc->memo);
	if (st != STATUS_OK) {
		block_free(blk);
		return st;
	}
	*out = blk;
	return STATUS_OK;
}

void
block_free(struct block *blk)
{
	if (blk == NULL)
		return;
	free(blk->g);
	free(blk->runs);
	free(blk->text);
	free(blk->finds);
	free(blk);
}
