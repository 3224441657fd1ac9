/*
 * zhuyin.c: pinyin -> Zhuyin (zhuyin.h), by bsearch in zhuyin-table.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zhuyin-table.h"
#include "zhuyin.h"

#define NZHUYIN (sizeof(zhuyin_table) / sizeof(zhuyin_table[0]))

static int
cmp_pinyin(const void *key, const void *elem)
{
	return strcmp(key, ((const struct zhuyin_pair *)elem)->pinyin);
}

size_t
zhuyin_format(const struct syl *syl, char *buf, size_t bufsize)
{
	static const char *const marks[] = {
	        "", "", "\xcb\x8a", "\xcb\x87", "\xcb\x8b", ""};
	const struct zhuyin_pair *hit;
	int k;

	hit = bsearch(syl->s, zhuyin_table, NZHUYIN, sizeof(zhuyin_table[0]),
	        cmp_pinyin);
	if (hit == NULL || syl->tone > 5)
		return 0;
	k = snprintf(buf, bufsize, "%s%s%s", syl->tone == 5 ? "\xcb\x99" : "",
	        hit->zhuyin, marks[syl->tone]);
	if (k < 0 || (size_t)k >= bufsize)
		return 0;
	return (size_t)k;
}
