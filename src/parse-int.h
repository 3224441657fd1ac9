/*
 * parse-int.h: what the notation parsers (parse*.c) share; not for use
 * outside them.
 *
 * A parser appends runs to the block in glyph order with parse_rb_push()
 * and parse_rb_plain(), and readings to blk->text with parse_rb_text().
 * After an allocation failure every call is a no-op and `failed` is set;
 * parse_block() then empties the block and reports STATUS_NOMEM.
 */
#ifndef RUBI_PARSE_INT_H
#define RUBI_PARSE_INT_H

#include "doc.h"

/* A growing array of runs plus the reading text. */
struct rb {
	struct block *blk;
	size_t cap, tcap; /* allocated runs, allocated bytes of text */
	size_t fcap;      /* allocated findings (blk->finds) */
	int failed;
};

/*
 * Append a run for glyphs [g0, g1) with no reading; returns it (borrowed,
 * valid until the next push) for the caller to fill in, or NULL.
 */
struct run *parse_rb_push(struct rb *b, uint32_t g0, uint32_t g1);

/* Append s[0..len) to the block's text; returns its offset. */
uint32_t parse_rb_text(struct rb *b, const char *s, size_t len);

/* Plain text run for glyphs [g0, g1), if not empty. */
void parse_rb_plain(struct rb *b, size_t g0, size_t g1);

/* The parser of NOTATION_IAA (parse-iaa.c). */
void parse_iaa(struct rb *b);

#endif
