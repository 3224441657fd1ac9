/*
 * check.c: the parser's findings with line, column and words (check.h).
 * One block at a time; memory does not grow with the document.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "tone.h"
#include "utf8.h"

#define EXCERPT_MAX 24 /* characters of an excerpt shown, at most */

static const char *const kind_names[CHECK_KINDS] = {
        [FIND_REPEATED] = "repeated group",
        [FIND_TRAILING] = "not a reading after an annotation",
        [FIND_UNKNOWN] = "not a reading of the character",
        [FIND_TONE] = "tone not a reading of the character",
        [FIND_NON_HAN] = "reading on a non-Han base",
        [FIND_EMPTY] = "empty group",
        [FIND_MALFORMED] = "malformed group",
        [FIND_MIXED] = "mixed ASCII and full-width parentheses",
};

const char *
check_kind_name(enum finding_kind kind)
{
	return (unsigned)kind < CHECK_KINDS ? kind_names[kind] : "?";
}

void
check_describe(const struct block *blk, const struct finding *f,
        const struct unihan *uh, int prefer_hant, char *buf, size_t bufsize)
{
	char ex[EXCERPT_MAX * 4 + 8], rd[256];
	size_t o = 0, g;

	/* Glyphs are safe to print: the decoder made them so. */
	for (g = f->g0; g < f->g1 && g < blk->ng; g++) {
		if (g - f->g0 == EXCERPT_MAX) {
			o += (size_t)utf8_encode(0x2026, ex + o);
			break;
		}
		o += (size_t)utf8_encode(blk->g[g].cp, ex + o);
	}
	ex[o] = '\0';
	if ((f->kind == FIND_UNKNOWN || f->kind == FIND_TONE) &&
	        tone_readings_text(uh, f->cp, prefer_hant, rd, sizeof(rd)) > 0)
		snprintf(buf, bufsize, "%s: %s (Unihan: %s)",
		        check_kind_name((enum finding_kind)f->kind), ex, rd);
	else
		snprintf(buf, bufsize, "%s: %s",
		        check_kind_name((enum finding_kind)f->kind), ex);
}

size_t
check_chars_before(const struct block *blk, size_t at)
{
	size_t g, n = 0;

	for (g = 0; g < at && g < blk->ng; g++)
		n += blk->g[g].slen > 0;
	return n;
}

void
check_line_step(const struct bspan *b, const struct block *blk, size_t *line,
        size_t *col0)
{
	if (b->next > b->end) {
		++*line;
		*col0 = 0;
	} else {
		*col0 += check_chars_before(blk, blk->ng);
	}
}

static int
put(dump_write_fn write, void *ctx, const char *s)
{
	return write(ctx, s, strlen(s)) == 0 && write(ctx, "\n", 1) == 0;
}

enum status
check_doc(struct doc *doc, const char *name, const struct unihan *uh,
        int prefer_hant, dump_write_fn write, void *ctx,
        struct check_totals *tot)
{
	struct check_totals t;
	struct bspan b;
	struct block *blk;
	enum status st;
	size_t line = 1, col0 = 0, i;
	char what[512], out[1200], safe_name[512];

	memset(&t, 0, sizeof(t));
	utf8_sanitize(name, strlen(name), safe_name, sizeof(safe_name));
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		st = doc_parse(doc, &b, &blk);
		if (st != STATUS_OK)
			return st;
		for (i = 0; i < blk->nfinds; i++) {
			const struct finding *f = &blk->finds[i];
			check_describe(
			        blk, f, uh, prefer_hant, what, sizeof(what));
			snprintf(out, sizeof(out), "%s:%zu:%zu: %s", safe_name,
			        line, col0 + check_chars_before(blk, f->g0) + 1,
			        what);
			if (!put(write, ctx, out)) {
				block_free(blk);
				return STATUS_IO;
			}
			t.n++;
			t.per_kind[f->kind]++;
		}
		check_line_step(&b, blk, &line, &col0);
		block_free(blk);
		st = doc_block_next(doc, &b, &b);
	}
	if (st != STATUS_RANGE)
		return st;
	check_summary(&t, name, out, sizeof(out));
	if (!put(write, ctx, out))
		return STATUS_IO;
	*tot = t;
	return STATUS_OK;
}

void
check_summary(const struct check_totals *tot, const char *name, char *buf,
        size_t bufsize)
{
	char safe_name[512];
	size_t o, k;
	int n, first = 1;

	utf8_sanitize(name, strlen(name), safe_name, sizeof(safe_name));
	if (tot->n == 0) {
		snprintf(buf, bufsize, "%s: no suspicious annotations",
		        safe_name);
		return;
	}
	n = snprintf(buf, bufsize, "%s: %zu suspicious annotation%s (",
	        safe_name, tot->n, tot->n == 1 ? "" : "s");
	o = n < 0 ? 0 : (size_t)n;
	for (k = 0; k < CHECK_KINDS && o < bufsize; k++) {
		if (tot->per_kind[k] == 0)
			continue;
		n = snprintf(buf + o, bufsize - o, "%s%s %zu",
		        first ? "" : ", ", kind_names[k], tot->per_kind[k]);
		o += n < 0 ? 0 : (size_t)n;
		first = 0;
	}
	if (o + 1 < bufsize)
		strcat(buf, ")");
}

enum status
check_next(struct doc *doc, size_t from_off, size_t max_len,
        const struct unihan *uh, int prefer_hant, size_t *at_off,
        size_t *base_off, size_t *scanned_off, char *buf, size_t bufsize)
{
	struct bspan b;
	struct block *blk;
	enum status st;
	size_t i, off, best;

	st = doc_block_at(doc, from_off, &b);
	while (st == STATUS_OK) {
		if (max_len > 0 && b.off > from_off &&
		        b.off - from_off >= max_len) {
			/* Bounded: a key press never reads a whole file. */
			*scanned_off = b.off;
			return STATUS_RANGE;
		}
		st = doc_parse(doc, &b, &blk);
		if (st != STATUS_OK)
			return st;
		best = blk->nfinds;
		for (i = 0; i < blk->nfinds; i++) {
			off = b.off + blk->g[blk->finds[i].at].off;
			if (off >= from_off &&
			        (best == blk->nfinds ||
			                off < b.off +
			                                blk->g[blk->finds[best]
			                                                   .at]
			                                        .off))
				best = i;
		}
		if (best < blk->nfinds) {
			const struct finding *f = &blk->finds[best];
			check_describe(blk, f, uh, prefer_hant, buf, bufsize);
			*at_off = b.off + blk->g[f->at].off;
			*base_off = b.off + blk->g[f->g0].off;
			block_free(blk);
			return STATUS_OK;
		}
		block_free(blk);
		st = doc_block_next(doc, &b, &b);
	}
	if (st == STATUS_RANGE)
		*scanned_off = doc_size(doc);
	return st;
}
