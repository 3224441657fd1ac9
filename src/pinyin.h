/*
 * pinyin.h: Hanyu Pinyin syllables: validity, normalisation, segmentation
 * and display.
 *
 * A syllable is held in a canonical toneless form: lower-case ASCII letters
 * with ü written as 'v' ("sheng", "lv", "nve", "er"), plus a tone number.
 * Every spelling the inline notation meets normalises to that form: tone
 * marks (precomposed or combining), tone digits after the syllable ("zi4")
 * or after the vowel ("zho1ng"), ü written "ü", "v", "u:" or "yu" after
 * l/n ("lyu"), "lue"/"nue" (which mean lüe/nüe), full-width letters (NFKC),
 * and an initial capital ("Wang").
 */
#ifndef RUBI_PINYIN_H
#define RUBI_PINYIN_H

#include <stddef.h>

#define PINYIN_SYL_MAX                                                         \
	8 /* longest canonical syllable ("zhuang") + NUL, padded; at most 8 */

struct syl {
	char s[PINYIN_SYL_MAX]; /* canonical toneless syllable, NUL-terminated
	                         */
	unsigned char tone;     /* 0 = not written, 1..4, 5 = neutral */
};

enum pinyin_style {
	PINYIN_MARKS,   /* shēng, lǜ */
	PINYIN_NUMBERS, /* sheng1, lü4 */
	PINYIN_PLAIN,   /* sheng, lü */
};

/* Is the canonical toneless syllable s[0..len) in the syllable table? */
int pinyin_is_syllable(const char *s, size_t len);

/*
 * Parse one token of UTF-8 text `tok` (`len` bytes) that must be exactly one
 * syllable with an optional tone ("Shēng", "zi4", "nu:3", "lv", "lyu",
 * "lüè", "zho1ng", "ma5", "ma0", "·ma"). Returns 1 and fills *out on
 * success, 0 otherwise (*out untouched). Tokens in capitals of two or more
 * letters ("EOD", "AN") are refused: they are abbreviations, not pinyin.
 */
int pinyin_parse_syllable(const char *tok, size_t len, struct syl *out);

/*
 * Split the content of an annotation group (the text between the
 * parentheses, UTF-8, `len` bytes) into syllables. Chunks are separated by
 * spaces, apostrophes, hyphens or middle dots; a chunk that is not one
 * syllable is segmented by dynamic programming over the syllable table
 * ("huanjing" -> huan jing, "nv3er2" -> nv er). A chunk that begins with a
 * capital must be a single syllable ("Wang" yes, "Taiwan" no: that is a
 * word). Returns the number of syllables written to out[0..max), or 0 when
 * the content is not pinyin or holds more than `max` syllables.
 */
size_t pinyin_split(const char *text, size_t len, struct syl *out, size_t max);

/*
 * Write `syl` in `style` to buf (NUL-terminated, at most bufsize bytes
 * including the NUL): the tone mark goes on a or e, else on the o of "ou",
 * else on the last vowel; ü is written "ü". A syllable with tone 0 or 5 is
 * written without a mark (and without a digit in PINYIN_NUMBERS for 0).
 * Returns the length written, or 0 if buf is too small.
 */
size_t pinyin_format(const struct syl *syl, enum pinyin_style style, char *buf,
        size_t bufsize);

/*
 * Do a and b spell the same toneless syllable? With `loose_u`, lu/lü,
 * nu/nü, lue/lüe and nue/nüe also compare equal (spellings that leave the
 * ü ambiguous).
 */
int pinyin_same_toneless(const struct syl *a, const struct syl *b, int loose_u);

#endif
