/*
 * unihan.h: per-character Mandarin readings and meanings from the Unicode
 * Han Database (Unihan_Readings.txt), read from the table that the build
 * generates: the text table (tools/unihan.awk -> unihan.tsv), or the same
 * compiled for speed (tools/unihan-compile -> unihan.bin, unihan-bin.h),
 * which is what rubi installs. Loading tells the two apart by their first
 * bytes; they answer every question alike.
 *
 * Text table format (UTF-8 text, one character per line, sorted by code point):
 *   HEX<TAB>kMandarin readings<TAB>other readings<TAB>definition<LF>
 * Readings are space-separated and carry tone marks; lines starting with
 * '#' are comments (the Unicode licence notice). Loading reads the file and
 * checks its frame (a file that is not a table, or is cut short, is
 * refused: STATUS_BAD_INPUT); each line is checked when it is looked up,
 * and a line that is not well formed gives no data.
 */
#ifndef RUBI_UNIHAN_H
#define RUBI_UNIHAN_H

#include <stddef.h>
#include <stdint.h>

#include "pinyin.h"
#include "status.h"

struct unihan;

/*
 * Load the table at `path` (text or compiled). On success *out owns a new
 * immutable table; free it with unihan_free(). STATUS_IO (errno set) when the
 * file cannot be read, STATUS_BAD_INPUT when it is not a table, STATUS_NOMEM.
 */
enum status unihan_load(const char *path, struct unihan **out);

/* The same from `len` bytes at `buf` (copied; buf is not kept). */
enum status unihan_from_buffer(
        const char *buf, size_t len, struct unihan **out);

/*
 * Read all of the table now. Lookups read the file as they need it, so
 * they are safe from several threads at once only after this. u may be
 * NULL.
 */
void unihan_read_all(const struct unihan *u);

/* Free a table; NULL is a no-op. */
void unihan_free(struct unihan *u);

/*
 * How many characters the table has lines for (a text table counts its
 * data lines on each call: O(size)).
 */
size_t unihan_count(const struct unihan *u);

/*
 * The code points a text table has lines for, ascending and each once, in
 * a new array *out (free() it) of *n entries. Reads the whole table (see
 * unihan_read_all()). STATUS_BAD_INPUT for a compiled table, STATUS_NOMEM.
 */
enum status unihan_keys(const struct unihan *u, uint32_t **out, size_t *n);

/*
 * The readings of `cp` in order of preference, written to out[0..max):
 * kMandarin first (with `prefer_hant`, the second kMandarin value, the
 * customary Traditional reading, comes first when there are two), then the
 * other readings as the table lists them, without repeats. Returns how many
 * were written (0 when the character has no data). u may be NULL.
 */
size_t unihan_readings(const struct unihan *u, uint32_t cp, int prefer_hant,
        struct syl *out, size_t max);

/*
 * The definition of `cp` (kDefinition, UTF-8, not NUL-terminated) and its
 * length in *len; NULL when there is none. The pointer is borrowed from the
 * table and valid until unihan_free(). u may be NULL.
 */
const char *unihan_definition(const struct unihan *u, uint32_t cp, size_t *len);

#endif
