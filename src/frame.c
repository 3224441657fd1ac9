/*
 * frame.c: the cell grid (see frame.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "frame.h"

enum status
frame_new(int rows, int cols, struct frame **out)
{
	struct frame *f;

	if (rows < 1 || cols < 1 || rows > 10000 || cols > 10000)
		return STATUS_RANGE;
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return STATUS_NOMEM;
	f->rows = rows;
	f->cols = cols;
	f->cells = calloc((size_t)rows * (size_t)cols, sizeof(*f->cells));
	f->row_flags = calloc((size_t)rows, 1);
	if (f->cells == NULL || f->row_flags == NULL) {
		frame_free(f);
		return STATUS_NOMEM;
	}
	frame_clear(f);
	*out = f;
	return STATUS_OK;
}

void
frame_free(struct frame *f)
{
	if (f == NULL)
		return;
	free(f->cells);
	free(f->row_flags);
	free(f->pool);
	free(f);
}

void
frame_clear(struct frame *f)
{
	size_t i, n = (size_t)f->rows * (size_t)f->cols;

	for (i = 0; i < n; i++) {
		f->cells[i].len = 0;
		f->cells[i].cols = 1;
		f->cells[i].role = 0;
		f->cells[i].flags = 0;
		f->cells[i].tone = 0;
		f->cells[i].src_off = (size_t)-1;
	}
	memset(f->row_flags, 0, (size_t)f->rows);
	f->pool_len = 0;
}

struct fcell *
frame_cell(struct frame *f, int row, int col)
{
	return &f->cells[(size_t)row * (size_t)f->cols + (size_t)col];
}

const char *
frame_text(const struct frame *f, const struct fcell *c)
{
	uint32_t off;

	if (c->len <= FCELL_INLINE)
		return c->text;
	memcpy(&off, c->text, sizeof(off));
	return f->pool + off;
}

/* Keep text[0..len) in c, or in the pool for a long one. 0 on failure. */
static int
keep_text(struct frame *f, struct fcell *c, const char *text, size_t len)
{
	uint32_t off;
	size_t cap;
	char *np;

	if (len <= FCELL_INLINE) {
		memcpy(c->text, text, len);
		return 1;
	}
	if (f->pool_cap - f->pool_len < len) {
		cap = f->pool_cap ? 2 * f->pool_cap : 1024;
		while (cap - f->pool_len < len)
			cap *= 2;
		if (cap > UINT32_MAX || (np = realloc(f->pool, cap)) == NULL)
			return 0;
		f->pool = np;
		f->pool_cap = cap;
	}
	off = (uint32_t)f->pool_len;
	memcpy(f->pool + off, text, len);
	f->pool_len += len;
	memcpy(c->text, &off, sizeof(off));
	return 1;
}

static void
blank(struct fcell *c)
{
	c->len = 0;
	c->cols = 1;
	c->role = 0;
	c->flags = 0;
	c->tone = 0;
	c->src_off = (size_t)-1;
}

int
frame_put(struct frame *f, int row, int col, const char *text, size_t len,
        int cols, int role, size_t src_off)
{
	struct fcell *c;
	int k;

	if (row < 0 || row >= f->rows || col < 0 || cols < 1 || cols > 2 ||
	        col + cols > f->cols || len > FRAME_TEXT_MAX)
		return 0;
	for (k = 0; k < cols; k++) {
		c = frame_cell(f, row, col + k);
		if (c->cols == 0 && col + k > 0)
			blank(frame_cell(f, row, col + k - 1));
		if (c->cols == 2 && col + k + 1 < f->cols)
			blank(frame_cell(f, row, col + k + 1));
	}
	c = frame_cell(f, row, col);
	if (!keep_text(f, c, text, len)) {
		/* no memory for a long cluster: its first character */
		len = 1;
		while (len < FCELL_INLINE &&
		        ((unsigned char)text[len] & 0xc0) == 0x80)
			len++;
		memcpy(c->text, text, len);
	}
	c->len = (uint8_t)len;
	c->cols = (uint8_t)cols;
	c->role = (uint8_t)role;
	c->flags = 0;
	c->tone = 0;
	c->src_off = src_off;
	if (cols == 2) {
		c = frame_cell(f, row, col + 1);
		blank(c);
		c->cols = 0;
		c->src_off = src_off;
	}
	return 1;
}

size_t
frame_row_text(const struct frame *f, int row, char *buf, size_t bufsize)
{
	const struct fcell *c;
	size_t o = 0, keep = 0, done = 0; /* done: bytes written to buf */
	int col, full = bufsize == 0;

	for (col = 0; col < f->cols; col++) {
		c = &f->cells[(size_t)row * (size_t)f->cols + (size_t)col];
		if (c->cols == 0)
			continue;
		/* Copy whole cells while they fit; then only count. */
		if (!full && o + (c->len ? c->len : 1) < bufsize) {
			if (c->len == 0)
				buf[o] = ' ';
			else
				memcpy(buf + o, frame_text(f, c), c->len);
			done = o + (c->len ? c->len : 1);
		} else {
			full = 1;
		}
		o += c->len ? c->len : 1;
		if (c->len > 0)
			keep = o;
	}
	if (bufsize > 0)
		buf[keep < done ? keep : done] = '\0';
	return keep;
}
