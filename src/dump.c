/*
 * dump.c: rubi --dump and --outline (see dump.h).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "outline.h"

enum status
dump_doc(struct doc *doc, int cols, enum ruby_mode mode, int ambiwidth,
    dump_write_fn write, void *ctx)
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
		st = layout_block(blk, cols, mode, ambiwidth, &lay);
		block_free(blk);
		if (st != STATUS_OK)
			break;
		for (line = 0; line < lay->nlines && st == STATUS_OK; line++)
			for (row = 0; row < lay->rows_per_line; row++) {
				need = layout_row_text(lay, line, row, buf, cap);
				if (need + 2 > cap) {
					cap = need + 2;
					nb = realloc(buf, cap);
					if (nb == NULL) {
						st = STATUS_NOMEM;
						break;
					}
					buf = nb;
					need = layout_row_text(lay, line, row,
					    buf, cap);
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
	char title[1024];
	struct bspan b;
	struct block *blk;
	enum status st;
	size_t n = 0, len;

	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		st = doc_parse(doc, &b, &blk);
		if (st != STATUS_OK)
			break;
		if (outline_title(blk, title, sizeof(title) - 1)) {
			len = strlen(title);
			title[len] = '\n';
			n++;
			if (write(ctx, title, len + 1) != 0)
				st = STATUS_IO;
		}
		block_free(blk);
		if (st != STATUS_OK)
			break;
		st = doc_block_next(doc, &b, &b);
	}
	if (count != NULL)
		*count = n;
	return st == STATUS_RANGE ? STATUS_OK : st;
}
