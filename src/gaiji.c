/*
 * gaiji.c: look-ups in the generated JIS X 0213 table (see gaiji.h).
 */
#include "config.h"

#include <stdlib.h>

#include "gaiji.h"

static int
cmp_key(const void *key, const void *elem)
{
	unsigned k = *(const unsigned *)key;
	unsigned e = ((const struct gaiji_entry *)elem)->key;

	return k < e ? -1 : k > e;
}

int
gaiji_lookup(int plane, int row, int cell, uint32_t cp[2])
{
	const struct gaiji_entry *e;
	unsigned key;

	if (plane < 1 || plane > 2 || row < 1 || row > 94 || cell < 1 ||
	        cell > 94)
		return 0;
	key = (unsigned)((plane - 1) * 8836 + (row - 1) * 94 + cell - 1);
	e = bsearch(&key, gaiji_table, gaiji_count, sizeof(*e), cmp_key);
	if (e == NULL)
		return 0;
	cp[0] = e->cp;
	cp[1] = e->cp2;
	return 1;
}

int
gaiji_accent(const uint32_t *s, size_t n, size_t *used, uint32_t cp[2])
{
	const struct accent_entry *e;
	size_t k, i, len;

	for (len = 3; len >= 2; len--) {
		if (len > n)
			continue;
		for (k = 0; k < accent_count; k++) {
			e = &accent_table[k];
			for (i = 0; i < len && e->key[i] != '\0' &&
			        (uint32_t)(unsigned char)e->key[i] == s[i];
			        i++)
				;
			if (i == len && e->key[len] == '\0' &&
			        gaiji_lookup(e->plane, e->row, e->cell, cp)) {
				*used = len;
				return 1;
			}
		}
	}
	return 0;
}
