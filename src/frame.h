/*
 * frame.h: a plain grid of cells, the last step before the screen.
 *
 * The view paints a frame; the ncurses front end only copies cells to the
 * terminal, and tests print frames as text. A wide character takes its
 * cell and the one to its right, which is marked as covered (cols 0).
 */
#ifndef RUBI_FRAME_H
#define RUBI_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define FRAME_TEXT_MAX 40 /* bytes of one cluster (base + 8 marks) */
#define FCELL_INLINE 11   /* bytes of a cluster kept in its cell */

/*
 * 24 bytes: a screen of cells is few pages to touch. A cluster longer
 * than FCELL_INLINE (a base with several marks) lives in the frame's pool;
 * frame_text() finds it either way.
 */
struct fcell {
	char text[FCELL_INLINE]; /* UTF-8, not NUL-terminated (short ones) */
	uint8_t len;             /* bytes of the cluster; 0 = blank */
	uint8_t cols;   /* 1 or 2; 0 = covered by the wide cell to the left */
	uint8_t role;   /* enum piece_role (layout.h) */
	uint8_t flags;  /* enum fcell_flag */
	uint8_t tone;   /* a reading's tone: 0 none, 1..4, 5 neutral */
	size_t src_off; /* source byte shown (blank cells: (size_t)-1) */
};

enum fcell_flag {
	FCELL_MATCH = 1 << 0,  /* part of a search match */
	FCELL_CURSOR = 1 << 1, /* under the popup cursor */
	FCELL_GUESS = 1 << 2,  /* a reading whose tone is a guess: dim */
};

enum frame_row_flag {
	FRAME_ROW_EOF = 1 << 0, /* past the end of the document */
};

struct frame {
	int rows, cols;
	struct fcell *cells; /* rows * cols, row-major */
	uint8_t *row_flags;  /* enum frame_row_flag per row */
	char *pool;          /* the long clusters, emptied by frame_clear */
	size_t pool_len, pool_cap;
};

/*
 * A blank frame of rows x cols (both >= 1). *out owns it; free with
 * frame_free(). STATUS_RANGE, STATUS_NOMEM.
 */
enum status frame_new(int rows, int cols, struct frame **out);

/* Free a frame; NULL is a no-op. */
void frame_free(struct frame *f);

/* Blank every cell and row flag. */
void frame_clear(struct frame *f);

/* Cell at (row, col); both must be in range. Borrowed from f. */
struct fcell *frame_cell(struct frame *f, int row, int col);

/* The cell's cluster, c->len bytes (borrowed until the frame changes). */
const char *frame_text(const struct frame *f, const struct fcell *c);

/*
 * Put text[0..len) (one cluster of `cols` columns) at (row, col). A
 * cluster that would cross the right edge is not drawn; one that
 * overwrites half of a wide cell blanks the other half. Returns 1 if drawn.
 */
int frame_put(struct frame *f, int row, int col, const char *text, size_t len,
        int cols, int role, size_t src_off);

/*
 * Row `row` as text into buf (NUL-terminated): cells in order, blanks as
 * spaces, trailing blanks dropped. Returns the length (as frame_row_text
 * would need; buf holds a prefix when bufsize is too small).
 */
size_t frame_row_text(
        const struct frame *f, int row, char *buf, size_t bufsize);

#endif
