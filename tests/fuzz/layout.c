/*
 * layout.c: fuzz target "layout": the first block of the input laid out
 * at a width and in a ruby mode taken from the input's first two bytes
 * (byte 0: width 1..256, or no wrapping when it is 0; byte 1: mode and
 * ambiguous width), then the rest parsed as inline pinyin.
 *
 * Invariants: at least one line; pieces of a row are in column order,
 * never overlap and end within the width; every piece's text is safe and
 * is 1 or 2 columns, as utf8_str_cols measures it; no line is wider than
 * the width; a row's text is no wider than the width; the base pieces of
 * one ruby unit all sit on one line (a unit is never split); readings off
 * and no wrapping, the row written without a layout (layout_off_row, what
 * --dump --ruby=off --width=0 writes) is the row, byte for byte.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "layout.h"
#include "utf8.h"

/* For each source byte of the block, the ruby run whose glyph starts
 * there, or (size_t)-1. The caller frees the array. */
static size_t *
runs_by_offset(const struct block *b)
{
	size_t len = b->span.end - b->span.off + 1, i, gi;
	size_t *at = malloc(len * sizeof(*at));

	FUZZ_ASSERT(at != NULL);
	for (i = 0; i < len; i++)
		at[i] = (size_t)-1;
	for (i = 0; i < b->nruns; i++)
		if (b->runs[i].flags & RUN_RUBY)
			for (gi = b->runs[i].g0; gi < b->runs[i].g1; gi++)
				at[b->g[gi].off] = i;
	return at;
}

static void
check_layout(
        const struct block *b, const struct layout *lay, int cols, int ambi)
{
	const struct piece *p;
	size_t li, pi, r, ru, *line_of_run = NULL, *run_at;
	char *row;
	size_t need;
	int end, w;

	FUZZ_ASSERT(lay->nlines >= 1);
	run_at = runs_by_offset(b);
	if (b->nruns > 0) {
		line_of_run = malloc(b->nruns * sizeof(*line_of_run));
		FUZZ_ASSERT(line_of_run != NULL);
		for (r = 0; r < b->nruns; r++)
			line_of_run[r] = (size_t)-1;
	}
	for (li = 0; li < lay->nlines; li++) {
		if (cols != LAYOUT_NOWRAP)
			FUZZ_ASSERT(lay->lines[li].width <= cols);
		for (r = 0; r < (size_t)lay->rows_per_line; r++) {
			end = 0;
			FUZZ_ASSERT(
			        lay->lines[li].p0[r] <= lay->lines[li].p1[r]);
			FUZZ_ASSERT(lay->lines[li].p1[r] <= lay->np);
			for (pi = lay->lines[li].p0[r];
			        pi < lay->lines[li].p1[r]; pi++) {
				p = &lay->p[pi];
				FUZZ_ASSERT(p->row == r);
				FUZZ_ASSERT(p->col >= end);
				FUZZ_ASSERT(p->cols == 1 || p->cols == 2);
				end = p->col + p->cols;
				if (cols != LAYOUT_NOWRAP)
					FUZZ_ASSERT(end <= cols);
				FUZZ_ASSERT((size_t)p->text_off + p->text_len <=
				        lay->text_len);
				fuzz_check_safe(lay->text + p->text_off,
				        p->text_len, 0);
				w = utf8_str_cols(lay->text + p->text_off,
				        p->text_len, ambi);
				FUZZ_ASSERT(w == p->cols);
				if (p->role != ROLE_RUBY_BASE)
					continue;
				FUZZ_ASSERT(p->src_off >= b->span.off &&
				        p->src_off <= b->span.end);
				ru = run_at[p->src_off - b->span.off];
				if (ru == (size_t)-1)
					continue;
				if (line_of_run[ru] == (size_t)-1)
					line_of_run[ru] = li;
				FUZZ_ASSERT(line_of_run[ru] == li);
			}
			need = layout_row_text(lay, li, (int)r, NULL, 0);
			row = malloc(need + 1);
			FUZZ_ASSERT(row != NULL);
			FUZZ_ASSERT(layout_row_text(lay, li, (int)r, row,
			                    need + 1) == need);
			fuzz_check_safe(row, need, 0);
			if (cols != LAYOUT_NOWRAP)
				FUZZ_ASSERT(
				        utf8_str_cols(row, need, ambi) <= cols);
			free(row);
		}
	}
	free(line_of_run);
	free(run_at);
}

/* The row --dump --ruby=off --width=0 writes without a layout is its row. */
static void
check_off_row(const struct block *b, const struct layout *lay, int ambi)
{
	size_t n, want;
	char *got, *row;

	FUZZ_ASSERT(lay->nlines == 1);
	want = layout_row_text(lay, 0, 0, NULL, 0);
	row = malloc(want + 1);
	got = malloc(want + 1);
	FUZZ_ASSERT(row != NULL && got != NULL);
	FUZZ_ASSERT(layout_row_text(lay, 0, 0, row, want + 1) == want);
	n = layout_off_row(b, ambi, got, want + 1);
	FUZZ_ASSERT(n == want && memcmp(got, row, want) == 0);
	free(row);
	free(got);
}

int
fuzz_layout(const uint8_t *data, size_t size)
{
	static const enum ruby_mode modes[] = {
	        RUBY_ABOVE, RUBY_POPUP, RUBY_OFF, RUBY_INLINE};
	struct layout *lay;
	struct bspan sp;
	struct block *b;
	struct doc *doc;
	int cols, ambi;
	enum ruby_mode mode;

	if (size < 2)
		return 0;
	cols = data[0]; /* 0: LAYOUT_NOWRAP */
	mode = modes[data[1] & 3];
	ambi = 1 + ((data[1] >> 2) & 1);
	doc = fuzz_doc(data + 2, size - 2, NOTATION_PINYIN, ambi);
	FUZZ_ASSERT(doc_block_at(doc, 0, &sp) == STATUS_OK);
	FUZZ_ASSERT(doc_parse(doc, &sp, &b) == STATUS_OK);
	FUZZ_ASSERT(layout_block(b, cols, mode, ambi, &lay) == STATUS_OK);
	FUZZ_ASSERT(lay->rows_per_line == (mode == RUBY_ABOVE ? 2 : 1));
	check_layout(b, lay, cols, ambi);
	if (cols == LAYOUT_NOWRAP && mode == RUBY_OFF)
		check_off_row(b, lay, ambi);
	layout_free(lay);
	block_free(b);
	doc_free(doc);
	return 0;
}
