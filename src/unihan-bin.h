/*
 * unihan-bin.h: the compiled reading table (unihan.bin), made at build time
 * from the text table (unihan.tsv) by tools/unihan-compile. It answers the
 * questions of unihan.h (readings, definitions) with one small read per
 * lookup and nothing to parse at load: a first screen looks up some
 * hundred characters spread over the whole table, and the text table spent
 * a search through a few KiB of text on each.
 *
 * unihan.c reads either format (unihan_load() tells them apart by the first
 * bytes); these functions are its compiled-table half and the compiler.
 * Format (integers little-endian):
 *   header, 64 bytes: "rubi-uh\n", u32 version (1), u32 file size,
 *     u32 characters, u32 blocks, u32 notice offset, u32 notice length,
 *     zeros;
 *   block table at 64: per block of 256 code points that has data, in
 *     increasing order: u32 block (code point >> 8), u32 readings offset,
 *     u32 readings length, u32 definitions offset, u32 definitions length;
 *   readings of a block (length 0: none): u16 offsets[257] from the start
 *     of the section, then per code point its readings as text, "sheng1
 *     xing2" (syllable and tone digit, space-separated; a leading '*': in
 *     Traditional text the first two change places);
 *   definitions of a block (length 0: none): u32 offsets[257], then the
 *     texts (UTF-8, no control characters);
 *   the licence notice of the Unihan data (text).
 * Everything read is checked: a table that does not hold together is
 * refused at load, a lookup that does not is answered with no data.
 */
#ifndef RUBI_UNIHAN_BIN_H
#define RUBI_UNIHAN_BIN_H

#include <stddef.h>
#include <stdint.h>

#include "pinyin.h"
#include "sbuf.h"
#include "status.h"

struct unihan;
struct unihan_bin;

/* Do the first n bytes of a file, head[0..n), start a compiled table? */
int unihan_bin_is(const char *head, size_t n);

/*
 * A compiled table read from `fd` (a regular file of `size` bytes) as
 * lookups need it: the header and the block table now, one section per
 * lookup later. On success *out owns fd. STATUS_BAD_INPUT when the file
 * is not a table that holds together, STATUS_IO (errno set), STATUS_NOMEM;
 * fd stays the caller's then.
 */
enum status unihan_bin_open(int fd, size_t size, struct unihan_bin **out);

/* The same from buf[0..len), which *out owns on success. */
enum status unihan_bin_from_buffer(
        char *buf, size_t len, struct unihan_bin **out);

/* Free; NULL is a no-op. */
void unihan_bin_free(struct unihan_bin *b);

/* Read the whole file now: lookups then never write (see unihan.h). */
void unihan_bin_read_all(struct unihan_bin *b);

/* Characters in the table. */
size_t unihan_bin_count(const struct unihan_bin *b);

/* As unihan_readings() and unihan_definition(). */
size_t unihan_bin_readings(const struct unihan_bin *b, uint32_t cp,
        int prefer_hant, struct syl *out, size_t max);
const char *unihan_bin_definition(
        const struct unihan_bin *b, uint32_t cp, size_t *len);

/*
 * Compile the text table `text` with the licence notice notice[0..len)
 * into out (appended). Every character of the text table gets what
 * unihan_readings() and unihan_definition() give for it, so the compiled
 * table answers as the text table does. STATUS_NOMEM, STATUS_BAD_INPUT
 * (text is itself compiled, or a character's readings cannot be written:
 * its Traditional order is neither the same nor the first two swapped).
 */
enum status unihan_bin_compile(const struct unihan *text, const char *notice,
        size_t notice_len, struct sbuf *out);

#endif
