/*
 * test-utf8.c: unit tests for src/utf8.c (decoding into safe glyphs, the
 * width function, sanitising and fitting text).
 *
 * Decoded glyphs are compared as text: shown() writes the code points a
 * span decodes to as UTF-8, so a failure prints what a user would see.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

struct text {
	char s[512];
};

/* Decode s[0..len) with `opts`; *n glyphs, owned by the caller. */
static struct glyph *
decode(const char *s, size_t len, int ambiwidth, int skip_bom, size_t *n)
{
	struct utf8_opts opts;
	struct glyph *g = NULL;

	opts.ambiwidth = ambiwidth;
	opts.skip_bom = skip_bom;
	opts.keep_cr = 0;
	opts.keep_iaa = 0;
	*n = 12345;
	assert_int_equal(utf8_decode(s, len, &opts, &g, n), STATUS_OK);
	assert_true(*n == 0 || g != NULL);
	return g;
}

/* What the bytes s[0..len) look like on screen, as UTF-8. */
static struct text
shown_len(const char *s, size_t len, int skip_bom)
{
	struct text t;
	struct glyph *g;
	size_t n, i, o = 0;
	int k;

	g = decode(s, len, 1, skip_bom, &n);
	for (i = 0; i < n; i++) {
		assert_true(o + 4 < sizeof(t.s));
		k = utf8_encode(g[i].cp, t.s + o);
		assert_true(k > 0);
		o += (size_t)k;
	}
	t.s[o] = '\0';
	free(g);
	return t;
}

static struct text
shown(const char *s)
{
	return shown_len(s, strlen(s), 0);
}

static void
invalid_bytes_become_hex_placeholders(void **state)
{
	(void)state;
	assert_string_equal(shown("a\xff"
	                          "b")
	                            .s,
	                    "a<FF>b");
	assert_string_equal(shown("\x80").s, "<80>");
	assert_string_equal(shown("\xf8\x88\x80\x80\x80").s,
	                    "<F8><88><80><80><80>");
}

static void
overlong_encoding_shows_every_byte(void **state)
{
	(void)state;
	/* "/" written in two bytes: a classic filter bypass. */
	assert_string_equal(shown("\xc0\xaf").s, "<C0><AF>");
	assert_string_equal(shown("\xe0\x80\xaf").s, "<E0><80><AF>");
	assert_string_equal(shown("\xf0\x80\x80\xaf").s, "<F0><80><80><AF>");
}

static void
encoded_surrogate_shows_every_byte(void **state)
{
	(void)state;
	assert_string_equal(shown("\xed\xa0\x80").s, "<ED><A0><80>");
	assert_string_equal(shown("\xed\xbf\xbf"
	                          "x")
	                            .s,
	                    "<ED><BF><BF>x");
}

static void
code_point_above_unicode_shows_every_byte(void **state)
{
	(void)state;
	assert_string_equal(shown("\xf4\x90\x80\x80").s, "<F4><90><80><80>");
	/* The last valid code point is unassigned, so <U+...> not <XX>. */
	assert_string_equal(shown("\xf4\x8f\xbf\xbf").s, "<U+10FFFF>");
}

static void
character_cut_at_the_end_shows_its_bytes(void **state)
{
	(void)state;
	/* 生 is E7 94 9F; the last byte is missing. */
	assert_string_equal(shown("\xe7\x94\x9f\xe7\x94").s, "生<E7><94>");
	/* ... and a cut in the middle does not swallow the next char. */
	assert_string_equal(shown("\xe7\x94"
	                          "a")
	                            .s,
	                    "<E7><94>a");
}

static void
c0_controls_are_shown_in_caret_notation(void **state)
{
	(void)state;
	assert_string_equal(shown("a\x01"
	                          "b")
	                            .s,
	                    "a^Ab");
	assert_string_equal(shown("\x1b[31m").s, "^[[31m");
	assert_string_equal(shown_len("a\0b", 3, 0).s, "a^@b");
	assert_string_equal(shown("\x07\x08\x0b\x0c\x1f").s, "^G^H^K^L^_");
}

static void
del_is_shown_as_caret_question_mark(void **state)
{
	(void)state;
	assert_string_equal(shown("a\x7f"
	                          "b")
	                            .s,
	                    "a^?b");
}

static void
c1_controls_are_shown_as_code_points(void **state)
{
	(void)state;
	/* U+009B is CSI: a terminal would start an escape sequence. */
	assert_string_equal(shown("a\xc2\x9b"
	                          "2J")
	                            .s,
	                    "a<U+009B>2J");
	assert_string_equal(shown("\xc2\x80\xc2\x9f").s, "<U+0080><U+009F>");
}

static void
bidi_controls_are_shown_as_code_points(void **state)
{
	(void)state;
	assert_string_equal(shown("abc\xe2\x80\xae"
	                          "def")
	                            .s,
	                    "abc<U+202E>def");
	assert_string_equal(shown("\xe2\x81\xa6\xe2\x80\x8f").s,
	                    "<U+2066><U+200F>");
}

static void
line_and_paragraph_separators_are_shown_as_code_points(void **state)
{
	(void)state;
	assert_string_equal(shown("a\xe2\x80\xa8"
	                          "b")
	                            .s,
	                    "a<U+2028>b");
	assert_string_equal(shown("\xe2\x80\xa9").s, "<U+2029>");
}

static void
private_use_and_noncharacters_are_shown_as_code_points(void **state)
{
	(void)state;
	assert_string_equal(shown("\xee\x80\x80").s, "<U+E000>");
	assert_string_equal(shown("\xef\xbf\xbe").s, "<U+FFFE>");
	assert_string_equal(shown("\xf3\xb0\x80\x80").s, "<U+F0000>");
}

/* RELIABILITY.md 18, 19: an unassigned code point is a placeholder; a
 * U+FFFD already in the file is drawn as itself, as plain text, so that
 * it differs from our standout placeholders. */
static void
unassigned_is_a_placeholder_and_fffd_is_plain_text(void **state)
{
	struct glyph *g;
	size_t n;

	(void)state;
	assert_string_equal(shown("\xcd\xb8").s, "<U+0378>");
	g = decode("\xef\xbf\xbd", 3, 1, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].cp, 0xfffd);
	assert_int_equal(g[0].flags & GLYPH_PLACEHOLDER, 0);
	assert_int_equal(g[0].cols, 1);
	free(g);
}

static void
placeholders_are_flagged_and_text_is_not(void **state)
{
	struct glyph *g;
	size_t n, i;

	(void)state;
	g = decode("\xff"
	           "a\x01"
	           "\xe2\x80\xae"
	           "生",
	           9, 1, 0, &n);
	/* <FF> a ^A <U+202E> 生 */
	assert_int_equal(n, 4 + 1 + 2 + 8 + 1);
	for (i = 0; i < n; i++) {
		int text = i == 4 || i == n - 1;
		assert_int_equal((g[i].flags & GLYPH_PLACEHOLDER) != 0, !text);
		assert_int_equal(g[i].cols, text && i == n - 1 ? 2 : 1);
	}
	/* Every glyph of a placeholder points at the byte it stands for. */
	assert_int_equal(g[0].off, 0);
	assert_int_equal(g[3].off, 0);
	assert_int_equal(g[4].off, 1);
	assert_int_equal(g[5].off, 2);
	assert_int_equal(g[7].off, 3);
	assert_int_equal(g[n - 1].off, 6);
	free(g);
}

static void
bom_is_skipped_at_document_start(void **state)
{
	struct glyph *g;
	size_t n;

	(void)state;
	assert_string_equal(shown_len("\xef\xbb\xbf"
	                              "abc",
	                              6, 1)
	                            .s,
	                    "abc");
	g = decode("\xef\xbb\xbf"
	           "abc",
	           6, 1, 1, &n);
	assert_int_equal(n, 3);
	assert_int_equal(g[0].off, 3);
	free(g);
}

static void
bom_elsewhere_is_never_drawn(void **state)
{
	(void)state;
	/* A BOM after the start is an invisible format character: it is
	 * dropped, never drawn and never made a placeholder. */
	assert_string_equal(shown_len("\xef\xbb\xbf"
	                              "abc",
	                              6, 0)
	                            .s,
	                    "abc");
	assert_string_equal(shown_len("a\xef\xbb\xbf"
	                              "b",
	                              5, 1)
	                            .s,
	                    "ab");
	/* skip_bom only skips a BOM at byte 0. */
	assert_string_equal(shown_len("a\xef\xbb\xbf", 4, 1).s, "a");
}

static void
invisible_format_characters_are_dropped(void **state)
{
	(void)state;
	assert_string_equal(shown("a\xe2\x80\x8b"
	                          "b")
	                            .s,
	                    "ab"); /* ZWSP */
	assert_string_equal(shown("a\xc2\xad"
	                          "b")
	                            .s,
	                    "ab"); /* SHY */
	assert_string_equal(shown("a\xe2\x80\x8d"
	                          "b")
	                            .s,
	                    "ab"); /* ZWJ */
	assert_string_equal(shown("a\xef\xb8\x8f"
	                          "b")
	                            .s,
	                    "ab"); /* VS16 */
}

static void
combining_mark_at_start_is_drawn_on_a_dotted_circle(void **state)
{
	struct glyph *g;
	size_t n;

	(void)state;
	assert_string_equal(shown("\xcc\x84"
	                          "a")
	                            .s,
	                    "\xe2\x97\x8c\xcc\x84"
	                    "a");
	g = decode("\xcc\x84", 2, 1, 0, &n);
	assert_int_equal(n, 2);
	assert_true(g[0].cp == 0x25cc);
	assert_int_equal(g[0].cols, 1);
	assert_int_equal(g[0].slen, 0);
	assert_true(g[1].cp == 0x304);
	assert_true(g[1].flags & GLYPH_MARK);
	assert_int_equal(g[1].cols, 0);
	free(g);
	/* A mark after a placeholder or a tab has nothing to combine with. */
	assert_string_equal(shown("\x01\xcc\x84").s, "^A\xe2\x97\x8c\xcc\x84");
	assert_string_equal(shown("\t\xcc\x84").s, " \xe2\x97\x8c\xcc\x84");
}

static void
combining_mark_after_a_letter_stays_on_it(void **state)
{
	struct glyph *g;
	size_t n;

	(void)state;
	g = decode("a\xcc\x84"
	           "b",
	           4, 1, 0, &n);
	assert_int_equal(n, 3);
	assert_true(g[0].cp == 'a');
	assert_true(g[1].flags & GLYPH_MARK);
	assert_true(g[2].cp == 'b');
	free(g);
}

static void
more_than_eight_marks_are_capped(void **state)
{
	char s[64];
	struct glyph *g;
	size_t n, i, len = 0;

	(void)state;
	s[len++] = 'e';
	for (i = 0; i < 20; i++) {
		s[len++] = '\xcc';
		s[len++] = '\x81';
	}
	s[len++] = 'x';
	g = decode(s, len, 1, 0, &n);
	assert_int_equal(n, 1 + UTF8_MARKS_MAX + 1);
	assert_int_equal(UTF8_MARKS_MAX, 8);
	for (i = 1; i <= UTF8_MARKS_MAX; i++)
		assert_true(g[i].flags & GLYPH_MARK);
	assert_true(g[n - 1].cp == 'x');
	/* The next character is not lost and keeps its offset. */
	assert_int_equal(g[n - 1].off, len - 1);
	free(g);
}

static void
cr_at_the_end_is_dropped_and_a_lone_cr_is_shown(void **state)
{
	(void)state;
	assert_string_equal(shown("abc\r").s, "abc");
	assert_string_equal(shown("a\rb").s, "a^Mb");
	assert_string_equal(shown("\r\r").s, "^M");
}

static void
tab_is_a_flagged_space(void **state)
{
	struct glyph *g;
	size_t n;

	(void)state;
	g = decode("a\tb", 3, 1, 0, &n);
	assert_int_equal(n, 3);
	assert_true(g[1].cp == ' ');
	assert_true(g[1].flags & GLYPH_TAB);
	assert_false(g[1].flags & GLYPH_PLACEHOLDER);
	assert_false(g[0].flags & GLYPH_TAB);
	assert_int_equal(g[1].off, 1);
	free(g);
}

static void
empty_span_has_no_glyphs(void **state)
{
	struct glyph *g;
	size_t n;

	(void)state;
	g = decode("", 0, 1, 1, &n);
	assert_int_equal(n, 0);
	free(g);
	assert_string_equal(shown_len("\xef\xbb\xbf", 3, 1).s, "");
}

static void
han_is_two_columns_and_ascii_one(void **state)
{
	(void)state;
	assert_int_equal(utf8_cp_cols(0x751f, 1), 2); /* 生 */
	assert_int_equal(utf8_cp_cols(0x751f, 2), 2);
	assert_int_equal(utf8_cp_cols(0x3400, 1), 2);  /* ext. A */
	assert_int_equal(utf8_cp_cols(0x20000, 1), 2); /* ext. B */
	assert_int_equal(utf8_cp_cols(0x3002, 1), 2);  /* 。 */
	assert_int_equal(utf8_cp_cols(0xff08, 1), 2);  /* （ */
	assert_int_equal(utf8_cp_cols('a', 1), 1);
	assert_int_equal(utf8_cp_cols('a', 2), 1);
	assert_int_equal(utf8_cp_cols(' ', 1), 1);
	assert_int_equal(utf8_cp_cols(0x304, 1), 0); /* combining macron */
}

static void
tone_vowels_follow_ambiwidth(void **state)
{
	static const uint32_t vowels[] = {0x101, 0xe1,  0x1ce, 0xe0,  0xfc,
	                                  0x1da, 0x113, 0x12b, 0x14d, 0x16b};
	struct glyph *g;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(vowels) / sizeof(vowels[0]); i++) {
		assert_int_equal(utf8_cp_cols(vowels[i], 1), 1);
		assert_int_equal(utf8_cp_cols(vowels[i], 2), 2);
	}
	/* Decoding gives glyphs the same widths. */
	g = decode("\xc4\x81"
	           "a",
	           3, 2, 0, &n);
	assert_int_equal(n, 2);
	assert_int_equal(g[0].cols, 2);
	assert_int_equal(g[1].cols, 1);
	free(g);
	g = decode("\xc4\x81", 2, 1, 0, &n);
	assert_int_equal(g[0].cols, 1);
	free(g);
	assert_int_equal(utf8_str_cols("sh\xc4\x93ng", 6, 1), 5);
	assert_int_equal(utf8_str_cols("sh\xc4\x93ng", 6, 2), 6);
}

static void
unprintable_code_points_have_no_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_cp_cols(0x1b, 1), -1);
	assert_int_equal(utf8_cp_cols(0x7f, 1), -1);
	assert_int_equal(utf8_cp_cols(0x9b, 1), -1);
	assert_int_equal(utf8_cp_cols(0x202e, 1), -1);
	assert_int_equal(utf8_cp_cols(0xe000, 1), -1);
}

static void
string_columns_count_cjk_double(void **state)
{
	(void)state;
	assert_int_equal(utf8_str_cols("生態ab", 8, 1), 6);
	assert_int_equal(utf8_str_cols("", 0, 1), 0);
	/* An invalid byte takes the width of its "<XX>" placeholder. */
	assert_int_equal(utf8_str_cols("a\xff", 2, 1), 5);
}

static void
every_decoded_glyph_is_printable(void **state)
{
	char s[64];
	struct glyph *g;
	size_t n, i, len, k;
	uint32_t x = 12345;

	(void)state;
	for (k = 0; k < 20000; k++) {
		len = k % 40;
		for (i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			/* Bias towards lead and continuation bytes. */
			s[i] = (char)((x >> 16) & 0xff);
		}
		g = decode(s, len, 1 + (int)(k & 1), 0, &n);
		for (i = 0; i < n; i++) {
			assert_true(g[i].cp >= 0x20);
			assert_false(g[i].cp >= 0x7f && g[i].cp <= 0x9f);
			assert_false(g[i].cp >= 0x202a && g[i].cp <= 0x202e);
			assert_false(g[i].cp >= 0x2066 && g[i].cp <= 0x2069);
			assert_true(g[i].off < len);
			if (g[i].flags & GLYPH_MARK)
				assert_int_equal(g[i].cols, 0);
			else
				assert_true(g[i].cols == 1 || g[i].cols == 2);
		}
		free(g);
	}
}

/* Does buf hold anything a terminal would take as a control? */
static int
has_control(const char *buf, size_t len)
{
	const unsigned char *b = (const unsigned char *)buf;
	size_t i;

	for (i = 0; i < len; i++) {
		if (b[i] < 0x20 || b[i] == 0x7f)
			return 1;
		/* C1 controls U+0080..U+009F are C2 80..C2 9F */
		if (b[i] == 0xc2 && i + 1 < len && b[i + 1] >= 0x80 &&
		    b[i + 1] <= 0x9f)
			return 1;
		/* bidi controls U+202A..U+202E, U+2066..U+2069 */
		if (b[i] == 0xe2 && i + 2 < len && b[i + 1] == 0x80 &&
		    b[i + 2] >= 0xaa && b[i + 2] <= 0xae)
			return 1;
		if (b[i] == 0xe2 && i + 2 < len && b[i + 1] == 0x81 &&
		    b[i + 2] >= 0xa6 && b[i + 2] <= 0xa9)
			return 1;
	}
	return 0;
}

static void
sanitize_never_outputs_a_control(void **state)
{
	char in[8], out[64];
	size_t len, i;
	uint32_t cp, x = 99;
	int k;

	(void)state;
	/* Every single byte. */
	for (k = 0; k < 256; k++) {
		in[0] = (char)k;
		len = utf8_sanitize(in, 1, out, sizeof(out));
		assert_int_equal(strlen(out), len);
		assert_false(has_control(out, len));
	}
	/* Every code point, encoded. */
	for (cp = 0; cp <= 0x10ffff; cp++) {
		k = utf8_encode(cp, in);
		if (k == 0)
			continue;
		len = utf8_sanitize(in, (size_t)k, out, sizeof(out));
		assert_false(has_control(out, len));
	}
	/* Random bytes. */
	for (k = 0; k < 20000; k++) {
		char rnd[24], big[256];
		for (i = 0; i < sizeof(rnd); i++) {
			x = x * 1103515245u + 12345u;
			rnd[i] = (char)((x >> 16) & 0xff);
		}
		len = utf8_sanitize(rnd, sizeof(rnd), big, sizeof(big));
		assert_int_equal(strlen(big), len);
		assert_false(has_control(big, len));
	}
}

static void
sanitize_shows_every_control_byte_even_at_the_end(void **state)
{
	char in[4], out[64], want[8];
	int k;

	(void)state;
	/* A file name "a\r" must not print as "a": every C0 control but
	 * the tab (a space) and DEL shows as ^X, wherever it is. */
	for (k = 0; k < 0x80; k++) {
		if (k >= 0x20 && k < 0x7f)
			continue;
		if (k == '\t')
			continue;
		snprintf(want, sizeof(want), "a^%c", k == 0x7f ? '?' : '@' + k);
		in[0] = 'a';
		in[1] = (char)k;
		utf8_sanitize(in, 2, out, sizeof(out));
		assert_string_equal(out, want);
	}
}

static void
sanitize_keeps_text_and_shows_escapes(void **state)
{
	const char *name = "file\x1b[2J名.txt";
	char out[128];
	size_t len;

	(void)state;
	len = utf8_sanitize(name, strlen(name), out, sizeof(out));
	assert_string_equal(out, "file^[[2J名.txt");
	assert_int_equal(len, strlen(out));
	utf8_sanitize("a\xc2\x9b"
	              "b\xff",
	              5, out, sizeof(out));
	assert_string_equal(out, "a<U+009B>b<FF>");
	utf8_sanitize("a\tb\n", 4, out, sizeof(out));
	assert_string_equal(out, "a b^J");
}

static void
sanitize_truncates_at_a_character_boundary(void **state)
{
	char out[8];
	size_t len;

	(void)state;
	memset(out, 'X', sizeof(out));
	/* 7 bytes of room: "ab" + 生 (3) = 5, the next 生 does not fit. */
	len = utf8_sanitize("ab生生", 8, out, sizeof(out));
	assert_string_equal(out, "ab生");
	assert_int_equal(len, 5);
	/* Output is cut to the room given and stays safe. */
	len = utf8_sanitize("\x01\x01\x01\x01", 4, out, 4);
	assert_true(len <= 3);
	assert_int_equal(strlen(out), len);
	assert_memory_equal(out, "^A^A^A^A", len);
	assert_int_equal(utf8_sanitize("abc", 3, out, 0), 0);
}

static void
fit_keeps_text_that_fits(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(utf8_fit("生態環境", 12, 8, 1, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "生態環境");
	assert_int_equal(utf8_fit("abc", 3, 3, 1, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(utf8_fit("", 0, 3, 1, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

static void
fit_cuts_cjk_by_columns_with_an_ellipsis(void **state)
{
	char buf[64];

	(void)state;
	/* 8 columns into 7: 6 columns of text and "…". */
	assert_int_equal(utf8_fit("生態環境", 12, 7, 1, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "生態環…");
	/* Into 6: 5 columns are left, a wide char does not half fit. */
	assert_int_equal(utf8_fit("生態環境", 12, 6, 1, buf, sizeof(buf)), 5);
	assert_string_equal(buf, "生態…");
	assert_int_equal(utf8_fit("生態環境", 12, 1, 1, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "…");
	assert_int_equal(utf8_fit("abcdef", 6, 4, 1, buf, sizeof(buf)), 4);
	assert_string_equal(buf, "abc…");
}

static void
fit_counts_the_ellipsis_at_its_real_width(void **state)
{
	char buf[64];

	(void)state;
	/* "…" is East Asian Ambiguous: 2 columns with ambiwidth 2, so it
	 * leaves less room for the text. */
	assert_int_equal(utf8_cp_cols(0x2026, 2), 2);
	assert_int_equal(utf8_fit("abcdef", 6, 3, 2, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "a…");
	assert_int_equal(
	        utf8_fit("\xc4\x81\xc4\x81\xc4\x81", 6, 5, 2, buf, sizeof(buf)),
	        4);
	assert_string_equal(buf, "\xc4\x81…");
}

static void
fit_never_exceeds_maxcols(void **state)
{
	static const char *const texts[] = {
	        "生態環境廳總工程師趙輝介紹",
	        "a生b態c環d境e",
	        "sh\xc4\x93ng t\xc3\xa0i hu\xc3\xa1n",
	        "2月15日山東省政府新聞辦舉行新聞發布會,邀請",
	        "e\xcc\x81\xcc\x81x生",
	        "abcdefghijklmnopqrstuvwxyz",
	};
	char buf[200];
	size_t t, len, bufsize;
	int maxcols, ambi, cols;

	(void)state;
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
		for (ambi = 1; ambi <= 2; ambi++)
			for (maxcols = 1; maxcols <= 60; maxcols++)
				for (bufsize = 4; bufsize <= sizeof(buf);
				     bufsize += 7) {
					len = strlen(texts[t]);
					cols = utf8_fit(texts[t], len, maxcols,
					                ambi, buf, bufsize);
					assert_true(strlen(buf) < bufsize);
					assert_true(cols <= maxcols);
					assert_true(
					        utf8_str_cols(buf, strlen(buf),
					                      ambi) <= maxcols);
					assert_int_equal(
					        cols,
					        utf8_str_cols(buf, strlen(buf),
					                      ambi));
					/* What is kept is a prefix. */
					if (strlen(buf) >= 3 &&
					    strcmp(buf + strlen(buf) - 3,
					           "…") == 0)
						assert_memory_equal(
						        buf, texts[t],
						        strlen(buf) - 3);
					else if (maxcols <
					         utf8_cp_cols(0x2026, ambi))
						/* not even "…" fits */
						assert_string_equal(buf, "");
					else
						assert_string_equal(buf,
						                    texts[t]);
				}
}

static void
encode_and_next_agree(void **state)
{
	char buf[4];
	uint32_t cp, back;
	int k;

	(void)state;
	for (cp = 0; cp <= 0x10ffff; cp += 7) {
		k = utf8_encode(cp, buf);
		if (cp >= 0xd800 && cp <= 0xdfff) {
			assert_int_equal(k, 0);
			continue;
		}
		assert_true(k >= 1 && k <= 4);
		assert_int_equal(utf8_next(buf, (size_t)k, &back), k);
		assert_true(back == cp);
		if (k > 1)
			assert_int_equal(utf8_next(buf, (size_t)k - 1, &back),
			                 -1);
	}
	assert_int_equal(utf8_encode(0x110000, buf), 0);
}

static void
han_test_covers_han_and_iteration_marks_only(void **state)
{
	(void)state;
	assert_true(utf8_is_han(0x751f)); /* 生 */
	assert_true(utf8_is_han(0x7da0)); /* 綠 */
	assert_true(utf8_is_han(0x3007)); /* 〇 */
	assert_true(utf8_is_han(0x3005)); /* 々 */
	assert_true(utf8_is_han(0x20000));
	assert_false(utf8_is_han('a'));
	assert_false(utf8_is_han(0x3002)); /* 。 */
	assert_false(utf8_is_han(0x3042)); /* あ */
	assert_false(utf8_is_han(0xff08)); /* （ */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(invalid_bytes_become_hex_placeholders),
	        cmocka_unit_test(overlong_encoding_shows_every_byte),
	        cmocka_unit_test(encoded_surrogate_shows_every_byte),
	        cmocka_unit_test(code_point_above_unicode_shows_every_byte),
	        cmocka_unit_test(character_cut_at_the_end_shows_its_bytes),
	        cmocka_unit_test(c0_controls_are_shown_in_caret_notation),
	        cmocka_unit_test(del_is_shown_as_caret_question_mark),
	        cmocka_unit_test(c1_controls_are_shown_as_code_points),
	        cmocka_unit_test(bidi_controls_are_shown_as_code_points),
	        cmocka_unit_test(
	                line_and_paragraph_separators_are_shown_as_code_points),
	        cmocka_unit_test(
	                private_use_and_noncharacters_are_shown_as_code_points),
	        cmocka_unit_test(placeholders_are_flagged_and_text_is_not),
	        cmocka_unit_test(
	                unassigned_is_a_placeholder_and_fffd_is_plain_text),
	        cmocka_unit_test(bom_is_skipped_at_document_start),
	        cmocka_unit_test(bom_elsewhere_is_never_drawn),
	        cmocka_unit_test(invisible_format_characters_are_dropped),
	        cmocka_unit_test(
	                combining_mark_at_start_is_drawn_on_a_dotted_circle),
	        cmocka_unit_test(combining_mark_after_a_letter_stays_on_it),
	        cmocka_unit_test(more_than_eight_marks_are_capped),
	        cmocka_unit_test(
	                cr_at_the_end_is_dropped_and_a_lone_cr_is_shown),
	        cmocka_unit_test(tab_is_a_flagged_space),
	        cmocka_unit_test(empty_span_has_no_glyphs),
	        cmocka_unit_test(han_is_two_columns_and_ascii_one),
	        cmocka_unit_test(tone_vowels_follow_ambiwidth),
	        cmocka_unit_test(unprintable_code_points_have_no_width),
	        cmocka_unit_test(string_columns_count_cjk_double),
	        cmocka_unit_test(every_decoded_glyph_is_printable),
	        cmocka_unit_test(sanitize_never_outputs_a_control),
	        cmocka_unit_test(
	                sanitize_shows_every_control_byte_even_at_the_end),
	        cmocka_unit_test(sanitize_keeps_text_and_shows_escapes),
	        cmocka_unit_test(sanitize_truncates_at_a_character_boundary),
	        cmocka_unit_test(fit_keeps_text_that_fits),
	        cmocka_unit_test(fit_cuts_cjk_by_columns_with_an_ellipsis),
	        cmocka_unit_test(fit_counts_the_ellipsis_at_its_real_width),
	        cmocka_unit_test(fit_never_exceeds_maxcols),
	        cmocka_unit_test(encode_and_next_agree),
	        cmocka_unit_test(han_test_covers_han_and_iteration_marks_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
