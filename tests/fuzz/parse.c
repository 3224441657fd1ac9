/*
 * parse.c: the notation-parser harness, one fuzz target per notation
 * (FUZZ_PARSER lines in targets.def): every block of the input, decoded
 * and parsed as the document model does.
 *
 * Invariants: runs are in order, disjoint and inside the block's glyphs;
 * a run is never empty; a reading lies inside the block's reading text, is
 * safe for a terminal (and, for inline pinyin, holds at most
 * PARSE_GROUP_MAX characters), and only ruby runs have one; parsing again without the memo gives the same
 * runs (the memo changes speed, never results); blocks tile the input.
 * Linear time is checked by libFuzzer's -timeout.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "parse.h"

#define FUZZ_BLOCKS_MAX 256 /* blocks checked per input */

static size_t
count_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

static void
check_runs(const struct block *b, enum notation n)
{
	const struct run *r;
	uint32_t prev = 0;
	size_t i;

	for (i = 0; i < b->nruns; i++) {
		r = &b->runs[i];
		FUZZ_ASSERT(r->g0 >= prev && r->g0 < r->g1 && r->g1 <= b->ng);
		prev = r->g1;
		if (r->flags & RUN_RUBY) {
			FUZZ_ASSERT(r->rd_len > 0);
			FUZZ_ASSERT(
			        (size_t)r->rd_off + r->rd_len <= b->text_len);
			fuzz_check_safe(b->text + r->rd_off, r->rd_len, 0);
			/* An inline pinyin group is short; the other notations
			 * may give a long reading (layout cuts it with "…"). */
			if (n == NOTATION_PINYIN)
				FUZZ_ASSERT(count_chars(b->text + r->rd_off,
				                    r->rd_len) <= PARSE_GROUP_MAX);
		} else {
			FUZZ_ASSERT(r->rd_len == 0);
		}
	}
}

/* Parse b's glyphs again, without a memo: the same runs and readings. */
static void
check_reparse(const struct block *b, const struct doc_opts *o)
{
	struct block *c = calloc(1, sizeof(*c));
	size_t i;

	FUZZ_ASSERT(c != NULL);
	c->span = b->span;
	c->ng = b->ng;
	if (b->ng > 0) {
		c->g = malloc(b->ng * sizeof(*c->g));
		FUZZ_ASSERT(c->g != NULL);
		memcpy(c->g, b->g, b->ng * sizeof(*c->g));
	}
	FUZZ_ASSERT(parse_block(c, o, NULL) == STATUS_OK);
	FUZZ_ASSERT(c->nruns == b->nruns);
	FUZZ_ASSERT(c->groups == b->groups && c->literal == b->literal);
	for (i = 0; i < b->nruns; i++) {
		FUZZ_ASSERT(c->runs[i].g0 == b->runs[i].g0);
		FUZZ_ASSERT(c->runs[i].g1 == b->runs[i].g1);
		FUZZ_ASSERT(c->runs[i].flags == b->runs[i].flags);
		FUZZ_ASSERT(c->runs[i].rd_len == b->runs[i].rd_len);
		if (b->runs[i].rd_len > 0)
			FUZZ_ASSERT(memcmp(c->text + c->runs[i].rd_off,
			                    b->text + b->runs[i].rd_off,
			                    b->runs[i].rd_len) == 0);
	}
	block_free(c);
}

int
fuzz_parse(enum notation n, const uint8_t *data, size_t size)
{
	struct doc *doc = fuzz_doc(data, size, n, 1);
	struct doc_opts o;
	struct bspan sp, next;
	struct block *b;
	size_t nb = 0;

	memset(&o, 0, sizeof(o));
	o.notation = n;
	o.ambiwidth = 1;
	o.prefer_hant = 1;
	FUZZ_ASSERT(doc_block_at(doc, 0, &sp) == STATUS_OK);
	FUZZ_ASSERT(sp.off == 0);
	for (;;) {
		FUZZ_ASSERT(sp.off <= sp.end && sp.end <= sp.next);
		FUZZ_ASSERT(sp.next <= size);
		FUZZ_ASSERT(doc_parse(doc, &sp, &b) == STATUS_OK);
		check_runs(b, n);
		/* The Aozora parser takes no memo, and rewrites the glyphs it
		 * parses (notes removed): parsing its output again is not the
		 * same input. */
		if (n != NOTATION_AOZORA)
			check_reparse(b, &o);
		block_free(b);
		if (++nb == FUZZ_BLOCKS_MAX ||
		        doc_block_next(doc, &sp, &next) != STATUS_OK)
			break;
		FUZZ_ASSERT(next.off == sp.next); /* blocks tile the input */
		sp = next;
	}
	doc_free(doc);
	return 0;
}
