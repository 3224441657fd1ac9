/*
 * utf8.c: fuzz target "utf8": decoding raw bytes into glyphs, and the
 * sanitiser used for names and messages.
 *
 * Invariants: every glyph is a printable code point of 0..2 columns
 * (marks 0, the rest 1 or 2), glyph offsets never go backwards and stay
 * inside the input; the glyphs re-encoded are safe for a terminal;
 * decoding in two pieces split before a printable ASCII byte gives the
 * same glyphs as decoding the whole (no decoder state crosses the split);
 * utf8_sanitize's output is safe and sanitising it again changes nothing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "utf8.h"

static void
check_glyphs(const struct glyph *g, size_t n, size_t len)
{
	char enc[4];
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(g[i].off <= len);
		FUZZ_ASSERT(g[i].off + g[i].slen <= len);
		if (i > 0)
			FUZZ_ASSERT(g[i].off >= g[i - 1].off);
		FUZZ_ASSERT(g[i].cols <= 2);
		if (g[i].flags & GLYPH_MARK)
			FUZZ_ASSERT(g[i].cols == 0);
		k = utf8_encode(g[i].cp, enc);
		FUZZ_ASSERT(k > 0);
		fuzz_check_safe(enc, (size_t)k, 0);
	}
}

static int
same_glyph(const struct glyph *a, const struct glyph *b, uint32_t shift)
{
	return a->cp == b->cp && a->off == b->off + shift &&
	        a->flags == b->flags && a->cols == b->cols &&
	        a->slen == b->slen;
}

int
fuzz_utf8(const uint8_t *data, size_t size)
{
	struct utf8_opts o = {1, 0, 0, 0};
	struct glyph *g = NULL, *ga = NULL, *gb = NULL;
	size_t n, na, nb, i, k, slen, slen2;
	const char *s = (const char *)data;
	char *san, *san2;

	if (size > 0) {
		o.ambiwidth = 1 + (data[0] & 1);
		o.skip_bom = (data[0] >> 1) & 1;
		o.keep_cr = (data[0] >> 2) & 1;
	}
	FUZZ_ASSERT(utf8_decode(s, size, &o, &g, &n) == STATUS_OK);
	check_glyphs(g, n, size);

	/* Split before the first printable ASCII byte after byte 1 whose
	 * predecessor is not a CR (a CR at the end of a span is a line end). */
	for (k = 2; k < size; k++)
		if (data[k] > 0x20 && data[k] < 0x7f && data[k - 1] != '\r')
			break;
	if (k < size) {
		FUZZ_ASSERT(utf8_decode(s, k, &o, &ga, &na) == STATUS_OK);
		o.skip_bom = 0;
		FUZZ_ASSERT(utf8_decode(s + k, size - k, &o, &gb, &nb) ==
		        STATUS_OK);
		FUZZ_ASSERT(na + nb == n);
		for (i = 0; i < na; i++)
			FUZZ_ASSERT(same_glyph(&g[i], &ga[i], 0));
		for (i = 0; i < nb; i++)
			FUZZ_ASSERT(
			        same_glyph(&g[na + i], &gb[i], (uint32_t)k));
	}
	free(g);
	free(ga);
	free(gb);

	/* Placeholders take at most 8 bytes (<U+XXXXX>) per input byte. */
	san = malloc(size * 10 + 16);
	san2 = malloc(size * 10 + 16);
	FUZZ_ASSERT(san != NULL && san2 != NULL);
	slen = utf8_sanitize(s, size, san, size * 10 + 16);
	FUZZ_ASSERT(slen == strlen(san));
	fuzz_check_safe(san, slen, 0);
	slen2 = utf8_sanitize(san, slen, san2, size * 10 + 16);
	FUZZ_ASSERT(slen2 == slen && memcmp(san, san2, slen) == 0);
	free(san);
	free(san2);
	return 0;
}
