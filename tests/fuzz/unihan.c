/*
 * unihan.c: fuzz target "unihan": a reading table from hostile bytes, text
 * or compiled (src/unihan.c, src/unihan-bin.c), and lookups in it.
 *
 * Invariants: a table is refused with STATUS_BAD_INPUT (or NOMEM), or
 * every reading it gives is a syllable of the table with a tone of 0 to 5
 * and every definition is non-empty text without a control character;
 * reading the whole table changes no answer; nothing reads outside the
 * input (ASan).
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "unihan.h"

#define FUZZ_UH_READINGS 8

static const uint32_t fuzz_cps[] = {0, 0x41, 0x3400, 0x4e00, 0x4e01, 0x5730,
        0x5731, 0x57ff, 0x5e06, 0x7da0, 0x20000, 0x2000b, 0x10fffd};

/* The answers for cp, checked, as bytes in sig (for comparing). */
static size_t
answers(const struct unihan *u, uint32_t cp, char *sig, size_t cap)
{
	struct syl out[FUZZ_UH_READINGS];
	const char *d;
	size_t n, i, len, o = 0;
	int hant;

	for (hant = 0; hant < 2; hant++) {
		n = unihan_readings(u, cp, hant, out, FUZZ_UH_READINGS);
		FUZZ_ASSERT(n <= FUZZ_UH_READINGS);
		for (i = 0; i < n; i++) {
			FUZZ_ASSERT(pinyin_is_syllable(
			        out[i].s, strlen(out[i].s)));
			FUZZ_ASSERT(out[i].tone <= 5);
			if (o + sizeof(out[i]) <= cap) {
				memcpy(sig + o, &out[i], sizeof(out[i]));
				o += sizeof(out[i]);
			}
		}
	}
	d = unihan_definition(u, cp, &len);
	if (d != NULL) {
		FUZZ_ASSERT(len > 0);
		for (i = 0; i < len; i++)
			FUZZ_ASSERT((unsigned char)d[i] >= 0x20 &&
			        (unsigned char)d[i] != 0x7f);
		if (o + len <= cap) {
			memcpy(sig + o, d, len);
			o += len;
		}
	}
	return o;
}

int
fuzz_unihan(const uint8_t *data, size_t size)
{
	static char before[4096], after[4096];
	struct unihan *u = NULL;
	enum status st;
	size_t i, nb, na;

	st = unihan_from_buffer((const char *)data, size, &u);
	if (st != STATUS_OK) {
		FUZZ_ASSERT(u == NULL);
		FUZZ_ASSERT(st == STATUS_BAD_INPUT || st == STATUS_NOMEM);
		return 0;
	}
	for (i = 0; i < sizeof(fuzz_cps) / sizeof(fuzz_cps[0]); i++) {
		nb = answers(u, fuzz_cps[i], before, sizeof(before));
		unihan_read_all(u);
		na = answers(u, fuzz_cps[i], after, sizeof(after));
		FUZZ_ASSERT(na == nb && memcmp(before, after, na) == 0);
	}
	(void)unihan_count(u);
	unihan_free(u);
	return 0;
}
