/*
 * export.c: runs -> HTML, base text or inline readings (see export.h).
 *
 * One block at a time: its output is built in a growing buffer and
 * handed to the writer. Base text is re-encoded from the block's glyphs
 * (never from the source bytes), readings come from blk->text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "outline.h"
#include "sbuf.h"
#include "utf8.h"

#define TITLE_MAX 1024 /* bytes of a heading or page title */

/* s[0..len) with &, <, > and " escaped when `html`. */
static void
ob_text(struct sbuf *b, const char *s, size_t len, int html)
{
	size_t i, from = 0;
	const char *esc;

	if (!html) {
		sbuf_put(b, s, len);
		return;
	}
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			esc = "&amp;";
			break;
		case '<':
			esc = "&lt;";
			break;
		case '>':
			esc = "&gt;";
			break;
		case '"':
			esc = "&quot;";
			break;
		default:
			continue;
		}
		sbuf_put(b, s + from, i - from);
		sbuf_str(b, esc);
		from = i + 1;
	}
	sbuf_put(b, s + from, len - from);
}

/* The base glyphs of run r as UTF-8 (a tab as a tab, except in HTML). */
static void
ob_base(struct sbuf *b, const struct block *blk, const struct run *r, int html)
{
	char enc[4];
	uint32_t g;
	int k;

	for (g = r->g0; g < r->g1; g++) {
		if ((blk->g[g].flags & GLYPH_TAB) && !html) {
			sbuf_put(b, "\t", 1);
			continue;
		}
		k = utf8_encode(blk->g[g].cp, enc);
		ob_text(b, enc, (size_t)k, html);
	}
}

/*
 * The runs of blk in fmt, clipped to glyphs [ga, gb): a plain run is cut
 * at the edges, a ruby run is written whole when it starts inside.
 */
static void
ob_runs(struct sbuf *b, const struct block *blk, uint32_t ga, uint32_t gb,
        enum export_format fmt)
{
	struct run r;
	size_t i;
	int html = fmt == EXPORT_HTML;

	for (i = 0; i < blk->nruns; i++) {
		r = blk->runs[i];
		if (r.g0 >= gb || r.g1 <= ga)
			continue;
		if (!(r.flags & RUN_RUBY) || fmt == EXPORT_TEXT) {
			r.g0 = r.g0 < ga ? ga : r.g0;
			r.g1 = r.g1 > gb ? gb : r.g1;
			ob_base(b, blk, &r, html);
			continue;
		}
		if (r.g0 < ga)
			continue;
		sbuf_str(b, html ? "<ruby>" : "");
		ob_base(b, blk, &r, html);
		sbuf_str(b, html ? "<rp>(</rp><rt>" : "(");
		ob_text(b, blk->text + r.rd_off, r.rd_len, html);
		sbuf_str(b, html ? "</rt><rp>)</rp></ruby>" : ")");
	}
}

/*
 * Where the heading titled `title` is in blk: base glyphs [*ga, *gb), the
 * title's first occurrence in the base text and a "。" right after it
 * (a "# " before it is markup, left out). All of the block when the
 * title is not found. STATUS_NOMEM.
 */
static enum status
heading_glyphs(
        const struct block *blk, const char *title, uint32_t *ga, uint32_t *gb)
{
	size_t r, n = 0, o = 0, k, pos, tlen = strlen(title);
	uint32_t g, *gi;
	size_t *start;
	char *t;
	const char *hit;

	*ga = 0;
	*gb = (uint32_t)blk->ng;
	t = malloc(blk->ng * 4 + 1);
	gi = malloc((blk->ng + 1) * sizeof(*gi));
	start = malloc((blk->ng + 1) * sizeof(*start));
	if (t == NULL || gi == NULL || start == NULL) {
		free(t);
		free(gi);
		free(start);
		return STATUS_NOMEM;
	}
	for (r = 0; r < blk->nruns; r++)
		for (g = blk->runs[r].g0; g < blk->runs[r].g1; g++) {
			gi[n] = g;
			start[n++] = o;
			o += (size_t)utf8_encode(blk->g[g].cp, t + o);
		}
	gi[n] = (uint32_t)blk->ng;
	start[n] = o;
	hit = tlen > 0 && o >= tlen ? memmem(t, o, title, tlen) : NULL;
	if (hit != NULL) {
		pos = (size_t)(hit - t);
		for (k = 0; k < n && start[k] < pos; k++)
			;
		*ga = gi[k];
		for (; k < n && start[k] < pos + tlen; k++)
			;
		if (k < n && blk->g[gi[k]].cp == 0x3002)
			k++;
		*gb = gi[k];
	}
	free(t);
	free(gi);
	free(start);
	return STATUS_OK;
}

static int
block_empty(const struct block *blk)
{
	size_t r;

	for (r = 0; r < blk->nruns; r++)
		if (blk->runs[r].g1 > blk->runs[r].g0)
			return 0;
	return 1;
}

/* One block as HTML: nothing, a <p>, an <h2>, or an <h2> and a <p>. */
static enum status
html_block(struct sbuf *b, const struct block *blk)
{
	char title[TITLE_MAX];
	uint32_t ga = 0, gb = 0, end = (uint32_t)blk->ng;
	size_t r;

	if (block_empty(blk))
		return STATUS_OK;
	if (outline_title(blk, title, sizeof(title))) {
		if (heading_glyphs(blk, title, &ga, &gb) != STATUS_OK)
			return STATUS_NOMEM;
		sbuf_str(b, "<h2>");
		ob_runs(b, blk, ga, gb, EXPORT_HTML);
		sbuf_str(b, "</h2>\n");
	}
	/* the rest, if anything of it is text */
	for (r = 0; r < blk->nruns; r++)
		if (blk->runs[r].g1 > gb && blk->runs[r].g1 > blk->runs[r].g0 &&
		        (blk->runs[r].g0 >= gb ||
		                !(blk->runs[r].flags & RUN_RUBY)))
			break;
	if (r < blk->nruns) {
		sbuf_str(b, "<p>");
		ob_runs(b, blk, gb, end, EXPORT_HTML);
		sbuf_str(b, "</p>\n");
	}
	return STATUS_OK;
}

static enum status
flush_out(struct sbuf *b, dump_write_fn write, void *ctx)
{
	enum status st = STATUS_OK;

	if (b->failed)
		st = STATUS_NOMEM;
	else if (b->len > 0 && write(ctx, b->s, b->len) != 0)
		st = STATUS_IO;
	b->len = 0;
	return st;
}

enum status
export_doc(struct doc *doc, enum export_format fmt, const char *title,
        dump_write_fn write, void *ctx)
{
	struct sbuf b = {NULL, 0, 0, 0};
	char safe[TITLE_MAX];
	struct bspan sp;
	struct block *blk;
	enum status st;

	if (fmt == EXPORT_HTML) {
		utf8_sanitize(title ? title : "rubi",
		        strlen(title ? title : "rubi"), safe, sizeof(safe));
		sbuf_str(&b,
		        "<!DOCTYPE html>\n<html>\n<head>\n"
		        "<meta charset=\"utf-8\">\n<title>");
		ob_text(&b, safe, strlen(safe), 1);
		sbuf_str(&b, "</title>\n</head>\n<body>\n");
	}
	st = doc_block_at(doc, 0, &sp);
	while (st == STATUS_OK) {
		st = doc_parse(doc, &sp, &blk);
		if (st != STATUS_OK)
			break;
		if (fmt == EXPORT_HTML) {
			st = html_block(&b, blk);
		} else {
			ob_runs(&b, blk, 0, (uint32_t)blk->ng, fmt);
			sbuf_put(&b, "\n", 1);
		}
		block_free(blk);
		if (st == STATUS_OK)
			st = flush_out(&b, write, ctx);
		if (st != STATUS_OK)
			break;
		st = doc_block_next(doc, &sp, &sp);
	}
	if (st == STATUS_RANGE && fmt == EXPORT_HTML) {
		sbuf_str(&b, "</body>\n</html>\n");
		st = flush_out(&b, write, ctx);
	} else if (st == STATUS_RANGE) {
		st = STATUS_OK;
	}
	free(b.s);
	return st;
}
