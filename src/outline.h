/*
 * outline.h: which blocks are section headings, and their titles.
 *
 * Three kinds of heading are recognised, on base text (readings removed):
 *  - a block its notation marks as a heading (blk->heading: an Aozora
 *    heading note, an h1-h6 of converted HTML); the title is its text,
 *    without blanks around or a final "。"; or, for Aozora's multi-line
 *    form, the block of the opening note, titled with the next block's
 *    text (outline_title_below());
 *  - an explicit Markdown heading: a block that starts with 1 to 6 '#'
 *    and a space; the title is the rest of the line;
 *  - a run-in heading (not in a notation that marks its headings,
 *    blk->marked): a block that opens with a short sentence (at most
 *    OUTLINE_TITLE_MAX characters, at least 2) made only of letters,
 *    digits and Han characters, with no punctuation or space inside,
 *    ending in "。", followed in the same block by a body of at least
 *    OUTLINE_BODY_SENTENCES sentences and at least OUTLINE_BODY_RATIO
 *    times the heading's length. The title is the sentence without "。".
 * The rule is general: it knows no titles.
 */
#ifndef RUBI_OUTLINE_H
#define RUBI_OUTLINE_H

#include <stddef.h>

#include "doc.h"

#define OUTLINE_TITLE_MAX 40     /* characters in a run-in heading */
#define OUTLINE_BODY_SENTENCES 2 /* sentences after it, at least */
#define OUTLINE_BODY_RATIO 3     /* body length / heading length, at least */

/*
 * If `blk` is a section heading, write its title (UTF-8, safe to display,
 * NUL-terminated, cut at a character boundary to fit bufsize) to buf and
 * return 1; otherwise return 0 (buf untouched).
 */
int outline_title(const struct block *blk, char *buf, size_t bufsize);

/*
 * Does `blk` open a heading whose title is the text of the next block
 * (Aozora "［＃ここから中見出し］" on a line of its own)? Then the caller
 * takes the title with outline_text() on the next block.
 */
int outline_title_below(const struct block *blk);

/*
 * The base text of `blk` (readings removed, blanks around it dropped) as
 * a title in buf, as outline_title() writes one. Returns 1, or 0 when
 * the block has no text (buf untouched).
 */
int outline_text(const struct block *blk, char *buf, size_t bufsize);

#endif
