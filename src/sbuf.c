/*
 * sbuf.c: a growing byte buffer (see sbuf.h). Capacity doubles, so
 * appending n bytes in any pieces costs O(n).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

void
sbuf_put(struct sbuf *b, const char *s, size_t len)
{
	size_t ncap;
	char *ns;

	if (b->failed)
		return;
	if (b->len + len + 1 > b->cap) {
		ncap = b->cap ? b->cap : 1024;
		while (ncap < b->len + len + 1)
			ncap *= 2;
		ns = realloc(b->s, ncap);
		if (ns == NULL) {
			b->failed = 1;
			return;
		}
		b->s = ns;
		b->cap = ncap;
	}
	if (len > 0)
		memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void
sbuf_str(struct sbuf *b, const char *s)
{
	sbuf_put(b, s, strlen(s));
}

void
sbuf_fini(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}
