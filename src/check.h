/*
 * check.h: suspicious annotations, as the parser found them (rubi --check
 * and the viewer's "next flagged annotation" key).
 *
 * Nothing is parsed twice: every finding is one the parser recorded in
 * block->finds while deciding what is a reading (doc.h, parse.c). This
 * module walks the blocks, gives each finding a line and column and words
 * it for people.
 *
 * Coordinates: lines count from 1; columns count characters (Unicode code
 * points, an invalid byte counting as one) from 1, not bytes or screen
 * columns. The column given is that of the excerpt's first character.
 */
#ifndef RUBI_CHECK_H
#define RUBI_CHECK_H

#include <stddef.h>

#include "doc.h"
#include "dump.h"
#include "status.h"
#include "unihan.h"

#define CHECK_KINDS (FIND_MIXED + 1)

/* The category of a finding as --check prints it ("repeated group"). */
const char *check_kind_name(enum finding_kind kind);

/*
 * Words for finding `f` of `blk` into buf (NUL-terminated, truncated to
 * bufsize): "CATEGORY: EXCERPT", plus the character's readings for an
 * unknown reading or tone ("(Unihan: shēng)"). Every character written is
 * safe to print. uh may be NULL.
 */
void check_describe(const struct block *blk, const struct finding *f,
        const struct unihan *uh, int prefer_hant, char *buf, size_t bufsize);

/*
 * Characters of blk before glyph g: glyphs that stand for source
 * characters (a placeholder for an invalid byte counts once).
 */
size_t check_chars_before(const struct block *blk, size_t g);

/*
 * Line bookkeeping while walking blocks: after block `blk` at `b`, on line
 * *line with *col0 characters of that line before the block, move to the
 * next block's line and column (a line longer than DOC_BLOCK_MAX is cut
 * into several blocks: the next one goes on with the same line).
 */
void check_line_step(const struct bspan *b, const struct block *blk,
        size_t *line, size_t *col0);

/* Totals of a check: findings per kind. */
struct check_totals {
	size_t n; /* all findings */
	size_t per_kind[CHECK_KINDS];
};

/*
 * Write every finding of `doc` as "NAME:LINE:COLUMN: CATEGORY: EXCERPT"
 * lines (LF-terminated), in the order of the text, then the summary line
 * (check_summary). `name` is how the file is named (borrowed). Totals go
 * to *tot. STATUS_IO (source or writer), STATUS_NOMEM.
 */
enum status check_doc(struct doc *doc, const char *name,
        const struct unihan *uh, int prefer_hant, dump_write_fn write,
        void *ctx, struct check_totals *tot);

/*
 * The summary line of `tot` for `name` into buf (NUL-terminated, no LF):
 * "NAME: 3 suspicious annotations (repeated group 2, ...)" or
 * "NAME: no suspicious annotations".
 */
void check_summary(const struct check_totals *tot, const char *name, char *buf,
        size_t bufsize);

/*
 * The first finding that points at a byte at or after `from_off`, looking at
 * blocks that start before from_off + max_len (max_len 0: no limit). On
 * success the source byte it points at (the repeated or stray
 * parenthesis, the character whose reading is wrong) goes to *at_off and
 * its words
 * (check_describe) to buf. STATUS_RANGE when there is none in that
 * stretch; *scanned_off then says where the search stopped (the end of
 * the document, or where to go on from). *base_off gets the first byte of
 * its excerpt (the annotated character, where a cursor can go); call
 * again from *at_off + 1 for the next. STATUS_IO, STATUS_NOMEM.
 */
enum status check_next(struct doc *doc, size_t from_off, size_t max_len,
        const struct unihan *uh, int prefer_hant, size_t *at_off,
        size_t *base_off, size_t *scanned_off, char *buf, size_t bufsize);

#endif
