/*
 * gaiji.h: JIS X 0213 plane-row-cell -> Unicode, for Aozora Bunko gaiji
 * notes ("※［＃「木＋吶のつくり」、第3水準1-85-54］" is U+6798).
 *
 * The table (src/gaiji-table.c) is generated at build time by
 * tools/gaiji.awk from data/aozora2html/jis2ucs.yml (aozora2html, CC0),
 * and the accent table (src/accent-table.c) by tools/accent.awk from
 * data/aozora2html/accent_table.yml.
 */
#ifndef RUBI_GAIJI_H
#define RUBI_GAIJI_H

#include <stddef.h>
#include <stdint.h>

struct gaiji_entry {
	uint16_t key; /* (plane - 1) * 8836 + (row - 1) * 94 + cell - 1 */
	uint32_t cp;  /* the character */
	uint32_t cp2; /* a combining mark after it (か + U+309A), or 0 */
};

/* The generated table, sorted by key (read-only). */
extern const struct gaiji_entry gaiji_table[];
extern const size_t gaiji_count;

/* An accent decomposition: letters and a mark -> a JIS X 0213 cell. */
struct accent_entry {
	const char *key; /* "E'", "AE&": ASCII */
	unsigned char plane, row, cell;
};

/* The generated accent table (read-only), in the order of the file. */
extern const struct accent_entry accent_table[];
extern const size_t accent_count;

/*
 * The character that the ASCII code points s[0..n) start with, read as an
 * Aozora accent decomposition (a letter, or two, and a mark: "e'" is é,
 * "ae&" is æ): stores it as gaiji_lookup() does, sets *used to the code
 * points it stands for (2 or 3) and returns 1; 0 when s starts with none.
 */
int gaiji_accent(const uint32_t *s, size_t n, size_t *used, uint32_t cp[2]);

/*
 * The character at JIS X 0213 plane-row-cell (plane 1 or 2, row and cell
 * 1..94): stores it in cp[0] and a combining mark or 0 in cp[1] and
 * returns 1, or returns 0 when the table has no such cell.
 */
int gaiji_lookup(int plane, int row, int cell, uint32_t cp[2]);

#endif
