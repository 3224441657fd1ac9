/*
 * known.h: the characters a learner has marked as known: a set of Han
 * code points, and its plain-list form for import and export.
 *
 * List format (what --known=FILE reads and writes): UTF-8 text in which
 * every Han character (utf8_is_han) is a known character; everything else
 * (newlines, spaces, punctuation, readings, notes) is ignored, as is a
 * line that starts with '#'. known_format() writes one character per
 * line, in code point order.
 */
#ifndef RUBI_KNOWN_H
#define RUBI_KNOWN_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

struct known;

/* A new empty set in *out; free it with known_free(). STATUS_NOMEM. */
enum status known_new(struct known **out);

/* Free a set; NULL is a no-op. */
void known_free(struct known *k);

/* Is cp in the set? k may be NULL (an empty set). */
int known_has(const struct known *k, uint32_t cp);

/*
 * Put cp in the set (on) or take it out (off). STATUS_RANGE when cp is
 * not a Han character, STATUS_NOMEM (the set is unchanged).
 */
enum status known_set(struct known *k, uint32_t cp, int on);

/* How many characters the set holds, and the i-th in code point order. */
size_t known_count(const struct known *k);
uint32_t known_at(const struct known *k, size_t i);

/*
 * Add every Han character of the list text buf[0..len) (format above;
 * invalid UTF-8 is skipped byte by byte). How many were new goes to
 * *added (may be NULL). STATUS_NOMEM (the set then holds some of them).
 */
enum status known_add_list(
        struct known *k, const char *buf, size_t len, size_t *added);

/* The largest list file known_load_file() reads. */
#define KNOWN_FILE_MAX (16 * 1024 * 1024)

/*
 * known_add_list() the contents of the file at `path`. STATUS_IO with
 * errno set (ENOENT when it does not exist, EFBIG when it is bigger than
 * KNOWN_FILE_MAX), STATUS_NOMEM.
 */
enum status known_load_file(struct known *k, const char *path, size_t *added);

/*
 * Write the set to the file at `path` as known_format() does: to a new
 * file next to it, then renamed over it, so that the old list stays whole
 * if anything fails. STATUS_IO with errno set, STATUS_NOMEM.
 */
enum status known_save_file(const struct known *k, const char *path);

/*
 * The set as a list, one character per line, into buf (at most bufsize
 * bytes, NUL-terminated when there is room). Returns the length of the
 * whole text, as snprintf() does: call with bufsize 0 to learn it.
 */
size_t known_format(const struct known *k, char *buf, size_t bufsize);

#endif
