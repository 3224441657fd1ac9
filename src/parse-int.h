/*
 * parse-int.h: what the notation parsers (src/parse*.c) share. Private to
 * them: nothing outside src/parse*.c includes it.
 *
 * A parser walks a block's glyphs and pushes runs in order through a
 * struct rb: plain runs, and ruby runs whose reading is appended to the
 * block's text. Glyphs in no run are notation, never drawn.
 */
#ifndef RUBI_PARSE_INT_H
#define RUBI_PARSE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "parse.h"

/* A growing array of runs plus the reading text of one block. */
struct rb {
	struct block *blk;
	size_t cap, tcap; /* allocated runs, text bytes */
	size_t fcap;      /* allocated findings (blk->finds) */
	int failed;       /* an allocation failed: everything else no-ops */
};

/*
 * Push a run over glyphs [g0, g1). Returns it (borrowed: valid until the
 * next push), or NULL after an allocation failure (b->failed is set).
 */
struct run *rb_push(struct rb *b, uint32_t g0, uint32_t g1);

/* Append s[0..len) to the block's text; returns its offset. */
uint32_t rb_text(struct rb *b, const char *s, size_t len);

/* A plain run over glyphs [g0, g1), if not empty. */
void rb_plain(struct rb *b, size_t g0, size_t g1);

/*
 * A run over base glyphs [g0, g1) whose reading is the code points of
 * glyphs [r0, r1), as UTF-8 (cut at 64 KiB); RUN_RUBY when that is not
 * empty. Returns the run as rb_push() does.
 */
struct run *rb_ruby_span(
        struct rb *b, size_t g0, size_t g1, size_t r0, size_t r1);

/* A run over glyphs [g0, g1) whose reading is s[0..len) (UTF-8). */
struct run *rb_ruby_text(
        struct rb *b, size_t g0, size_t g1, const char *s, size_t len);

/* Append the code points of glyphs [r0, r1) to the last run's reading. */
void rb_reading_more(struct rb *b, size_t r0, size_t r1);

/*
 * Does syllable `s` fit Han character cp, as far as the Unihan table in
 * opts knows (any reading, toneless; no data: yes)? `memo` may be NULL.
 */
int parse_fits(const struct doc_opts *opts, uint32_t cp, const struct syl *s,
        struct parse_memo *memo);

/* Is g a real (not placeholder) '(' or '（'? */
int parse_is_open(const struct glyph *g);

/* Is g a real Han character with no combining mark after it? */
int parse_is_han(const struct glyph *g, size_t i, size_t n);

/* The notation parsers, one per file. */
void parse_markdown(struct rb *b); /* parse-markdown.c */
void parse_anki(struct rb *b);     /* parse-anki.c */
void parse_zhuyin(struct rb *b, const struct doc_opts *opts,
        struct parse_memo *memo); /* parse-zhuyin.c */
void parse_aozora(
        struct rb *b, const struct doc_opts *opts); /* parse-aozora.c */
void parse_iaa(struct rb *b);                       /* parse-iaa.c */

#endif
