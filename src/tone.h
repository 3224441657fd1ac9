/*
 * tone.h: tone restoration from Unihan (FORMATS.md §7).
 *
 * A reading written without a tone ("sheng") takes the tone of the first
 * of the character's readings, in unihan_readings() order (kMandarin, the
 * zh-Hant value first for Traditional text, then the other fields), that
 * spells the same syllable. When the readings that spell it carry
 * different tones (一 yī/yí/yì, 上 shàng/shǎng) the result is a guess; a
 * neutral-tone alternative (生 shēng, sheng as in 先生) does not count. A
 * reading written with a tone is never changed.
 */
#ifndef RUBI_TONE_H
#define RUBI_TONE_H

#include <stddef.h>
#include <stdint.h>

#include "pinyin.h"
#include "unihan.h"

enum tone_result {
	TONE_KEPT,  /* nothing changed: toned already, or no matching data */
	TONE_SURE,  /* every matching reading has this tone */
	TONE_GUESS, /* matching readings differ in tone: the first is taken */
};

/*
 * Restore the tone of toneless `syl` on character `cp` from table `u`
 * (may be NULL). An exact spelling match is preferred; failing that lu/lü
 * and nu/nü are taken as the same, and syl takes the reading's spelling.
 * A neutral-tone reading gives tone 5. syl is changed only when the
 * result is TONE_SURE or TONE_GUESS.
 */
enum tone_result tone_restore(
        const struct unihan *u, uint32_t cp, int prefer_hant, struct syl *syl);

#define TONE_READINGS 32 /* readings looked at per character */

/*
 * tone_restore() from readings the caller already has: rd[0..n), what
 * unihan_readings() gave for the character (at most TONE_READINGS).
 */
enum tone_result tone_restore_with(
        const struct syl *rd, size_t n, struct syl *syl);

/*
 * Does `syl` (toned or not) agree with one of cp's readings: same
 * syllable (lu/lü alike) and, when syl has a tone, the same tone (a
 * neutral tone matches an unmarked reading)? Returns 1 when it does or the
 * table has no readings for cp, 0 otherwise.
 */
int tone_agrees(const struct unihan *u, uint32_t cp, int prefer_hant,
        const struct syl *syl);

/*
 * cp's readings with tone marks, separated by spaces, into buf
 * (NUL-terminated, truncated to bufsize). Returns how many readings there
 * are (0: none; buf is then "").
 */
size_t tone_readings_text(const struct unihan *u, uint32_t cp, int prefer_hant,
        char *buf, size_t bufsize);

#endif
