/*
 * parse.h: ruby notations -> runs.
 *
 * Every notation turns a block's glyphs into the same runs (struct run in
 * doc.h): plain text, or base text with a reading. Glyphs that belong to
 * the notation itself (parentheses around a reading, the reading's
 * letters, swallowed duplicate groups) are in no run.
 */
#ifndef RUBI_PARSE_H
#define RUBI_PARSE_H

#include "doc.h"

#define PARSE_GROUP_MAX 40 /* characters inside one annotation group */

struct parse_memo;

/*
 * A memo that makes repeated groups cheap to parse (fixed size, about a
 * megabyte). Free it with parse_memo_free (NULL is a no-op).
 */
enum status parse_memo_new(struct parse_memo **out);
void parse_memo_free(struct parse_memo *m);

/*
 * Fill blk->runs, blk->text, blk->groups and blk->literal from blk->g
 * under opts->notation. The block's previous runs and text must be empty.
 * `memo` (may be NULL) remembers work for later blocks of the same
 * document. STATUS_NOMEM (the block is then left with no runs).
 */
enum status parse_block(struct block *blk, const struct doc_opts *opts,
        struct parse_memo *memo);

#endif
