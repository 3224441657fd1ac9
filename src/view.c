/*
 * view.c: viewport over a document (see view.h).
 *
 * A position is (block, line index in the block's layout). Moving walks
 * lines and blocks one at a time, so every command costs work in
 * proportion to the lines it crosses, never to the document's size.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "view.h"

struct centry {
	struct block *blk;
	struct layout *lay;
	unsigned long used; /* stamp of last use; 0 = empty */
};

struct view {
	struct doc *doc;
	int rows, cols, ambi;
	enum ruby_mode mode;
	size_t top_off;
	size_t bottom_off;
	int at_end;
	struct centry cache[VIEW_CACHE];
	unsigned long stamp;
	unsigned long made;
	struct layout_extra extra; /* known characters, reading style */
};

/* A line of a block; copies only, so cache evictions cannot dangle. */
struct vpos {
	struct bspan span; /* the block */
	size_t nlines;     /* lines in its layout */
	size_t line;       /* line index */
	size_t off;        /* the line's first source byte */
};

static void
pos_set(struct vpos *p, const struct layout *lay, size_t line)
{
	p->span = lay->span;
	p->nlines = lay->nlines;
	p->line = line;
	p->off = lay->lines[line].src_off;
}

static enum ruby_mode
drawn_mode(const struct view *v)
{
	if (v->mode == RUBY_ABOVE && v->rows < 2)
		return RUBY_INLINE;
	return v->mode;
}

static void
cache_drop(struct view *v)
{
	int i;

	for (i = 0; i < VIEW_CACHE; i++) {
		block_free(v->cache[i].blk);
		layout_free(v->cache[i].lay);
		memset(&v->cache[i], 0, sizeof(v->cache[i]));
	}
}

/*
 * Forget the layouts but keep the parsed blocks: a new width or mode lays
 * the same blocks out again without decoding and parsing them again.
 */
static void
layouts_drop(struct view *v)
{
	int i;

	for (i = 0; i < VIEW_CACHE; i++) {
		layout_free(v->cache[i].lay);
		v->cache[i].lay = NULL;
	}
}

/* The layout of the block at span (from the cache, or made now). */
static enum status
get_layout(struct view *v, const struct bspan *span, struct layout **out)
{
	struct centry *e = NULL;
	struct block *blk;
	struct layout *lay;
	enum status st;
	int i;

	for (i = 0; i < VIEW_CACHE; i++) {
		e = &v->cache[i];
		/* The end too: a pipe's last line grows as it arrives. */
		if (!e->used || e->blk->span.off != span->off ||
		        e->blk->span.next != span->next)
			continue;
		if (e->lay == NULL) {
			st = layout_block_ex(e->blk, v->cols, drawn_mode(v),
			        v->ambi, &v->extra, &e->lay);
			if (st != STATUS_OK)
				return st;
			v->made++;
		}
		e->used = ++v->stamp;
		*out = e->lay;
		return STATUS_OK;
	}
	e = NULL;
	st = doc_parse(v->doc, span, &blk);
	if (st != STATUS_OK)
		return st;
	st = layout_block_ex(
	        blk, v->cols, drawn_mode(v), v->ambi, &v->extra, &lay);
	if (st != STATUS_OK) {
		block_free(blk);
		return st;
	}
	v->made++;
	for (i = 0; i < VIEW_CACHE; i++)
		if (e == NULL || v->cache[i].used < e->used)
			e = &v->cache[i];
	block_free(e->blk);
	layout_free(e->lay);
	e->blk = blk;
	e->lay = lay;
	e->used = ++v->stamp;
	*out = lay;
	return STATUS_OK;
}

static enum status
pos_at(struct view *v, size_t off, struct vpos *p)
{
	struct layout *lay;
	struct bspan b;
	enum status st;

	st = doc_block_at(v->doc, off, &b);
	if (st == STATUS_OK)
		st = get_layout(v, &b, &lay);
	if (st == STATUS_OK)
		pos_set(p, lay, layout_line_at(lay, off));
	return st;
}

/* The layout of p's block. */
static enum status
pos_layout(struct view *v, const struct vpos *p, struct layout **lay)
{
	return get_layout(v, &p->span, lay);
}

/* One line down; STATUS_RANGE at the last line. */
static enum status
pos_next(struct view *v, struct vpos *p)
{
	struct layout *lay;
	struct bspan b;
	enum status st;

	if (p->line + 1 < p->nlines) {
		st = pos_layout(v, p, &lay);
		if (st == STATUS_OK)
			pos_set(p, lay, p->line + 1);
		return st;
	}
	st = doc_block_next(v->doc, &p->span, &b);
	if (st != STATUS_OK)
		return st;
	st = get_layout(v, &b, &lay);
	if (st == STATUS_OK)
		pos_set(p, lay, 0);
	return st;
}

/* Whether a line follows p (STATUS_RANGE if none), without laying out
 * the next block. */
static enum status
pos_peek_next(struct view *v, const struct vpos *p)
{
	struct bspan b;

	if (p->line + 1 < p->nlines)
		return STATUS_OK;
	return doc_block_next(v->doc, &p->span, &b);
}

/* One line up; STATUS_RANGE at the first line. */
static enum status
pos_prev(struct view *v, struct vpos *p)
{
	struct layout *lay;
	struct bspan b;
	enum status st;

	if (p->line > 0) {
		st = pos_layout(v, p, &lay);
		if (st == STATUS_OK)
			pos_set(p, lay, p->line - 1);
		return st;
	}
	st = doc_block_prev(v->doc, &p->span, &b);
	if (st != STATUS_OK)
		return st;
	st = get_layout(v, &b, &lay);
	if (st == STATUS_OK)
		pos_set(p, lay, lay->nlines - 1);
	return st;
}

static size_t
pos_off(const struct vpos *p)
{
	return p->off;
}

int
view_page_lines(const struct view *v)
{
	int n = v->rows / (drawn_mode(v) == RUBY_ABOVE ? 2 : 1);

	return n > 0 ? n : 1;
}

enum status
view_new(struct doc *doc, int rows, int cols, enum ruby_mode mode,
        int ambiwidth, struct view **out)
{
	struct view *v;

	if (rows < 1 || cols < 1)
		return STATUS_RANGE;
	v = calloc(1, sizeof(*v));
	if (v == NULL)
		return STATUS_NOMEM;
	v->doc = doc;
	v->rows = rows;
	v->cols = cols;
	v->mode = mode;
	v->ambi = ambiwidth == 2 ? 2 : 1;
	*out = v;
	return STATUS_OK;
}

void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	cache_drop(v);
	free(v);
}

enum status
view_resize(struct view *v, int rows, int cols)
{
	if (rows < 1 || cols < 1)
		return STATUS_RANGE;
	if (cols != v->cols || (rows < 2) != (v->rows < 2))
		layouts_drop(v);
	v->rows = rows;
	v->cols = cols;
	return STATUS_OK;
}

void
view_set_mode(struct view *v, enum ruby_mode mode)
{
	if (mode != v->mode)
		layouts_drop(v);
	v->mode = mode;
}

void
view_set_known(struct view *v, const struct known *known)
{
	/* The set may have changed even if the pointer did not. */
	layouts_drop(v);
	v->extra.known = known;
}

void
view_set_style(struct view *v, enum reading_style style)
{
	if (style != v->extra.style)
		layouts_drop(v);
	v->extra.style = style;
}

enum ruby_mode
view_mode(const struct view *v)
{
	return v->mode;
}

size_t
view_top_off(const struct view *v)
{
	return v->top_off;
}

/* The top position that shows the last screenful. */
static enum status
end_top(struct view *v, struct vpos *p)
{
	struct layout *lay;
	enum status st;
	int k;

	st = pos_at(v, doc_size(v->doc), p);
	if (st == STATUS_OK)
		st = pos_layout(v, p, &lay);
	if (st != STATUS_OK)
		return st;
	pos_set(p, lay, lay->nlines - 1);
	for (k = 1; k < view_page_lines(v); k++) {
		st = pos_prev(v, p);
		if (st == STATUS_RANGE)
			break;
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

/* Are there fewer than a screen of lines from p on? */
static enum status
short_of_screen(struct view *v, const struct vpos *p, int *is_short)
{
	struct vpos q = *p;
	enum status st;
	int k;

	*is_short = 0;
	for (k = 1; k < view_page_lines(v); k++) {
		st = pos_next(v, &q);
		if (st == STATUS_RANGE) {
			*is_short = 1;
			return STATUS_OK;
		}
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

/* Set the top to p, or to the last screenful if p is past it. */
static enum status
set_top(struct view *v, struct vpos *p)
{
	struct vpos e;
	enum status st;
	int is_short;

	st = short_of_screen(v, p, &is_short);
	if (st != STATUS_OK)
		return st;
	if (is_short) {
		st = end_top(v, &e);
		if (st != STATUS_OK)
			return st;
		/* Only move back: a short document stays at its top. */
		if (pos_off(&e) < pos_off(p))
			*p = e;
	}
	v->top_off = pos_off(p);
	return STATUS_OK;
}

enum status
view_scroll(struct view *v, long lines)
{
	struct vpos p;
	enum status st;

	st = pos_at(v, v->top_off, &p);
	for (; st == STATUS_OK && lines > 0; lines--)
		st = pos_next(v, &p);
	for (; st == STATUS_OK && lines < 0; lines++)
		st = pos_prev(v, &p);
	if (st != STATUS_OK && st != STATUS_RANGE)
		return st;
	return set_top(v, &p);
}

enum status
view_goto(struct view *v, size_t off)
{
	struct vpos p;
	enum status st;

	st = pos_at(v, off, &p);
	if (st != STATUS_OK)
		return st;
	return set_top(v, &p);
}

enum status
view_reload(struct view *v)
{
	size_t off = v->top_off;

	cache_drop(v);
	if (off >= doc_size(v->doc))
		return view_end(v);
	return view_goto(v, off);
}

enum status
view_home(struct view *v)
{
	v->top_off = 0;
	return view_goto(v, 0);
}

enum status
view_end(struct view *v)
{
	struct vpos p;
	enum status st;

	st = end_top(v, &p);
	if (st == STATUS_OK)
		v->top_off = pos_off(&p);
	return st;
}

enum status
view_paint(struct view *v, struct frame *f)
{
	struct layout *lay;
	const struct lline *l;
	const struct piece *pc;
	struct fcell *c;
	struct vpos p;
	enum status st;
	int r, row, rpl;
	uint32_t i;

	if (f->rows != v->rows || f->cols != v->cols)
		return STATUS_RANGE;
	frame_clear(f);
	st = pos_at(v, v->top_off, &p);
	if (st != STATUS_OK)
		return st;
	v->at_end = 0;
	for (r = 0; r < v->rows;) {
		st = pos_layout(v, &p, &lay);
		if (st != STATUS_OK)
			return st;
		l = &lay->lines[p.line];
		rpl = lay->rows_per_line;
		for (row = 0; row < rpl && r + row < v->rows; row++)
			for (i = l->p0[row]; i < l->p1[row]; i++) {
				pc = &lay->p[i];
				if (!frame_put(f, r + row, pc->col,
				            lay->text + pc->text_off,
				            pc->text_len, pc->cols, pc->role,
				            pc->src_off))
					continue;
				c = frame_cell(f, r + row, pc->col);
				c->tone = pc->tone;
				if (pc->flags & PIECE_GUESS)
					c->flags |= FCELL_GUESS;
			}
		r += rpl;
		v->bottom_off = p.line + 1 < lay->nlines
		        ? lay->lines[p.line + 1].src_off
		        : lay->span.next;
		/* Once the screen is full, only whether more follows (at_end):
		 * the next block is not laid out for it (a paragraph of work
		 * on most first screens). */
		st = r < v->rows ? pos_next(v, &p) : pos_peek_next(v, &p);
		if (st == STATUS_RANGE) {
			v->at_end = 1;
			for (; r < v->rows; r++)
				f->row_flags[r] |= FRAME_ROW_EOF;
			break;
		}
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

size_t
view_bottom_off(const struct view *v)
{
	return v->bottom_off;
}

int
view_at_end(const struct view *v)
{
	return v->at_end;
}

const struct block *
view_cached_block(const struct view *v, size_t off)
{
	const struct centry *best = NULL;
	int i;

	/* The newest match: an older one may be a pipe's line cut short. */
	for (i = 0; i < VIEW_CACHE; i++)
		if (v->cache[i].used && off >= v->cache[i].blk->span.off &&
		        (off < v->cache[i].blk->span.next ||
		                off == v->cache[i].blk->span.off) &&
		        (best == NULL || v->cache[i].used > best->used))
			best = &v->cache[i];
	return best ? best->blk : NULL;
}

unsigned long
view_layouts_made(const struct view *v)
{
	return v->made;
}
