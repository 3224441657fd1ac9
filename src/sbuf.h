/*
 * sbuf.h: a growing byte buffer, for code that writes text piece by piece
 * (html.c, export.c).
 *
 * After an allocation failure `failed` is set and every later append is a
 * no-op, so a writer checks once at the end. The bytes are always
 * NUL-terminated once anything has been appended (s is NULL before).
 */
#ifndef RUBI_SBUF_H
#define RUBI_SBUF_H

#include <stddef.h>

struct sbuf {
	char *s;    /* owned; free() it (or sbuf_fini) */
	size_t len; /* bytes, not counting the NUL */
	size_t cap; /* bytes allocated */
	int failed; /* an allocation failed: the contents are incomplete */
};

/* Append s[0..len) (len may be 0: the buffer is then allocated). */
void sbuf_put(struct sbuf *b, const char *s, size_t len);

/* Append the NUL-terminated string s. */
void sbuf_str(struct sbuf *b, const char *s);

/* Free the bytes and empty the buffer. */
void sbuf_fini(struct sbuf *b);

#endif
