/*
 * zhuyin.h: pinyin syllables written in Zhuyin (Bopomofo), for the
 * zhuyin reading style.
 */
#ifndef RUBI_ZHUYIN_H
#define RUBI_ZHUYIN_H

#include <stddef.h>

#include "pinyin.h"

/*
 * Write `syl` in Zhuyin to buf (NUL-terminated, at most bufsize bytes):
 * its letters (生 shēng: ㄕㄥ), then the tone mark: none for the first
 * tone or an unwritten tone, ˊ ˇ ˋ for the second to fourth; a neutral
 * tone (5) puts ˙ in front (˙ㄇㄜ). Returns the length, or 0 when the
 * syllable has no Zhuyin spelling in the table (ê, m, hm, ...) or buf is
 * too small.
 */
size_t zhuyin_format(const struct syl *syl, char *buf, size_t bufsize);

#endif
