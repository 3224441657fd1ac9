/*
 * dump.c: rubi --dump and --outline (see dump.h).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "sindex.h"

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
	struct bspan b;
	struct block *blk;
	struct layout *lay;
	enum status st;
	size_t line, need, cap = 4096;
	char *buf, *nb;
	int row;

	buf = malloc(cap);
	if (buf == NULL)
		return STATUS_NOMEM;
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		st = doc_parse(doc, &b, &blk);
		if (st != STATUS_OK)
			break;
		st = layout_block_ex(blk, cols, mode, ambiwidth, x, &lay);
		block_free(blk);
		if (st != STATUS_OK)
			break;
		for (line = 0; line < lay->nlines && st == STATUS_OK; line++)
			for (row = 0; row < lay->rows_per_line; row++) {
				need = layout_row_text(
				        lay, line, row, buf, cap);
				if (need + 2 > cap) {
					cap = need + 2;
					nb = realloc(buf, cap);
					if (nb == NULL) {
						st = STATUS_NOMEM;
						break;
					}
					buf = nb;
					need = layout_row_text(
					        lay, line, row, buf, cap);
				}
				buf[need] = '\n';
				if (write(ctx, buf, need + 1) != 0) {
					st = STATUS_IO;
					break;
				}
			}
		layout_free(lay);
		if (st != STATUS_OK)
			break;
		st = doc_block_next(doc, &b, &b);
	}
	free(buf);
	return st == STATUS_RANGE ? STATUS_OK : st;
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
