/*
 * tone.c: tone restoration from the Unihan readings (see tone.h). Pure
 * functions of the table: no state, no allocation.
 */
#include "config.h"

#include <string.h>

#include "tone.h"

/* The tone a reading stands for: an unmarked reading is neutral (5). */
static unsigned char
tone_of(const struct syl *s)
{
	return s->tone == 0 ? 5 : s->tone;
}

/* Index of the first reading that spells syl (exactly, else loosely). */
static int
first_match(const struct syl *rd, size_t n, const struct syl *syl, int *loose)
{
	size_t k;

	for (*loose = 0; *loose < 2; (*loose)++)
		for (k = 0; k < n; k++)
			if (pinyin_same_toneless(&rd[k], syl, *loose))
				return (int)k;
	return -1;
}

enum tone_result
tone_restore(
        const struct unihan *u, uint32_t cp, int prefer_hant, struct syl *syl)
{
	struct syl rd[TONE_READINGS];
	size_t n;

	if (syl->tone != 0)
		return TONE_KEPT;
	n = unihan_readings(u, cp, prefer_hant, rd, TONE_READINGS);
	return tone_restore_with(rd, n, syl);
}

enum tone_result
tone_restore_with(const struct syl *rd, size_t n, struct syl *syl)
{
	size_t k;
	int i, loose;
	enum tone_result res = TONE_SURE;

	if (syl->tone != 0)
		return TONE_KEPT;
	i = first_match(rd, n, syl, &loose);
	if (i < 0)
		return TONE_KEPT;
	/* A neutral-tone alternative (生 shēng, sheng in 先生) is how the
	 * syllable sounds inside some words, not another citation tone: it
	 * does not make the restored tone a guess. */
	for (k = (size_t)i + 1; k < n; k++)
		if (pinyin_same_toneless(&rd[k], syl, loose) &&
		        tone_of(&rd[k]) != 5 &&
		        tone_of(&rd[k]) != tone_of(&rd[i]))
			res = TONE_GUESS;
	memcpy(syl->s, rd[i].s, sizeof(syl->s));
	syl->tone = tone_of(&rd[i]);
	return res;
}

int
tone_agrees(const struct unihan *u, uint32_t cp, int prefer_hant,
        const struct syl *syl)
{
	struct syl rd[TONE_READINGS];
	size_t n, k;

	n = unihan_readings(u, cp, prefer_hant, rd, TONE_READINGS);
	if (n == 0)
		return 1;
	for (k = 0; k < n; k++)
		if (pinyin_same_toneless(&rd[k], syl, 1) &&
		        (syl->tone == 0 || tone_of(&rd[k]) == tone_of(syl)))
			return 1;
	return 0;
}

size_t
tone_readings_text(const struct unihan *u, uint32_t cp, int prefer_hant,
        char *buf, size_t bufsize)
{
	struct syl rd[TONE_READINGS];
	char one[32];
	size_t n, k, o = 0, len;

	n = unihan_readings(u, cp, prefer_hant, rd, TONE_READINGS);
	if (bufsize == 0)
		return n;
	buf[0] = '\0';
	for (k = 0; k < n; k++) {
		len = pinyin_format(&rd[k], PINYIN_MARKS, one, sizeof(one));
		if (o + len + (k > 0) + 1 > bufsize)
			break;
		if (k > 0)
			buf[o++] = ' ';
		memcpy(buf + o, one, len);
		o += len;
		buf[o] = '\0';
	}
	return n;
}
