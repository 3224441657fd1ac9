/*
 * layout.h: one parsed block, a width and a ruby mode -> visual lines of
 * positioned pieces.
 *
 * A piece is one cluster (a character and its combining marks) at a column
 * of a row, with the bytes to draw it. A visual line has one row, or two
 * in RUBY_ABOVE (row 0: readings, row 1: base text). Line breaks come from
 * UAX #14 (libunistring) on the base text; a ruby unit (a base and its
 * reading) is never split, a reading is centred over its base, and a base
 * is padded when its reading is wider so that neighbouring readings never
 * touch. Columns come only from utf8_cp_cols(). No row is wider than the
 * width. Layout is a pure function of its inputs.
 */
#ifndef RUBI_LAYOUT_H
#define RUBI_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "known.h"
#include "status.h"

enum ruby_mode {
	RUBY_ABOVE,  /* readings on a row above their bases */
	RUBY_POPUP,  /* base text only, annotated bases marked */
	RUBY_OFF,    /* base text only */
	RUBY_INLINE, /* base(reading) */
};

enum piece_role {
	ROLE_TEXT,        /* plain base text */
	ROLE_RUBY_BASE,   /* base text that has a reading */
	ROLE_READING,     /* a reading (or its parentheses when inline) */
	ROLE_PLACEHOLDER, /* a placeholder for an unsafe byte: standout */
	ROLE_CLIPPED,     /* ">" or "…": something did not fit */
};

#define LAYOUT_NOWRAP 0 /* cols value: one line per block */

struct piece {
	size_t src_off;    /* source byte the piece shows (or annotates) */
	uint32_t text_off; /* UTF-8 bytes in layout->text */
	uint8_t text_len;
	uint8_t cols;  /* 1 or 2 */
	uint8_t role;  /* enum piece_role */
	uint8_t row;   /* 0 or 1 (rows_per_line 2: 0 = readings) */
	uint8_t flags; /* enum piece_flag */
	uint8_t tone;  /* a reading's tone (0 none, 1..4, 5 neutral) */
	int col;       /* first column */
};

enum piece_flag {
	PIECE_GUESS = 1 << 0, /* a reading whose restored tone is a guess */
};

struct lline {
	size_t src_off; /* first source byte shown on the line */
	uint32_t p0[2]; /* pieces of row r: [p0[r], p1[r]) */
	uint32_t p1[2];
	int width; /* columns used (the widest row) */
};

struct layout {
	struct bspan span;
	int cols; /* the width asked for (LAYOUT_NOWRAP: none) */
	enum ruby_mode mode;
	int rows_per_line;   /* 2 for RUBY_ABOVE, else 1 */
	struct lline *lines; /* at least one line, even for an empty block */
	size_t nlines;
	struct piece *p;
	size_t np;
	char *text;
	size_t text_len;
};

/*
 * Lay out `blk` for `cols` columns (>= 1, or LAYOUT_NOWRAP) in `mode`,
 * with East Asian Ambiguous characters `ambiwidth` columns wide. On
 * success *out owns a new layout that keeps nothing of blk (free it with
 * layout_free). STATUS_RANGE (cols < 0), STATUS_NOMEM.
 */
enum status layout_block(const struct block *blk, int cols, enum ruby_mode mode,
        int ambiwidth, struct layout **out);

/* How readings with a syllable (struct run's syl) are written. */
enum reading_style {
	READING_MARKS,   /* shēng (as the parser wrote them) */
	READING_NUMBERS, /* sheng1 */
	READING_PLAIN,   /* sheng */
	READING_ZHUYIN,  /* ㄕㄥ (pinyin converted; marks when it has none) */
};

/* What else a layout depends on. */
struct layout_extra {
	const struct known *known; /* lose their readings; may be NULL */
	enum reading_style style;
};

/*
 * The reading of ruby run `run` of `blk` in `style`, into buf
 * (NUL-terminated; cut to bufsize). A run without a syllable (notations
 * other than pinyin) keeps its text. Returns the length.
 */
size_t layout_reading(const struct block *blk, const struct run *run,
        enum reading_style style, char *buf, size_t bufsize);

/*
 * layout_block() with `x` (may be NULL: none known, READING_MARKS): the
 * characters in x->known (borrowed for the call) lose their readings in
 * RUBY_ABOVE and RUBY_INLINE, laid out as plain text so the page carries
 * only what the reader still needs (RUBY_POPUP keeps them marked, for the
 * gloss); readings are written in x->style.
 */
enum status layout_block_ex(const struct block *blk, int cols,
        enum ruby_mode mode, int ambiwidth, const struct layout_extra *x,
        struct layout **out);

/* Free a layout; NULL is a no-op. */
void layout_free(struct layout *lay);

/* The line holding source byte `off` (the last line whose src_off <= off). */
size_t layout_line_at(const struct layout *lay, size_t off);

/*
 * Write row `row` (0 .. rows_per_line - 1) of line `line` as text into buf
 * (NUL-terminated, at most bufsize bytes): pieces at their columns, blanks
 * between, nothing after the last piece. Returns the length, or the length
 * needed when bufsize is too small (then buf holds a prefix).
 */
size_t layout_row_text(const struct layout *lay, size_t line, int row,
        char *buf, size_t bufsize);

/*
 * The one row that layout_block_ex(blk, LAYOUT_NOWRAP, RUBY_OFF, ambiwidth,
 * x) gives when x has no known characters, as layout_row_text() writes it,
 * but straight from the glyphs, with no layout built (--dump --ruby=off
 * --width=0). Returns the length; bytes past bufsize are counted, not
 * written; buf is not NUL-terminated.
 */
size_t layout_off_row(
        const struct block *blk, int ambiwidth, char *buf, size_t bufsize);

#endif
