/*
 * test-detect.c: guessing the notation (src/detect.c) and the encoding
 * (src/encoding.c), on real samples: the four Aozora Bunko files as
 * distributed (Shift_JIS, CRLF), the same text in EUC-JP, and the bundled
 * Traditional Chinese article in GB18030 and Big5 (converted here with
 * iconv, which is what a file in those encodings holds).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iconv.h>

#include <cmocka.h>

#include "detect.h"
#include "doc.h"
#include "encoding.h"
#include "source.h"

#include "testlib.h"

static const char *const aozora_files[] = {
        "127_ruby_150.txt",
        "92_ruby_164.txt",
        "43754_ruby_17594.txt",
        "799_ruby_6024.txt",
};

/* The bytes of tests/data/aozora-texts/sjis/NAME (caller frees). */
static char *
aozora_bytes(const char *name, size_t *len)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "aozora-texts/sjis/%s", name);
	return testlib_data_bytes(rel, len);
}

/* buf converted from `from` to `to`, skipping what `to` cannot hold. */
static char *
recode(const char *from, const char *to, const char *buf, size_t len,
        size_t *outlen)
{
	char tobuf[64];
	iconv_t cd;
	char *out, *in = (char *)(uintptr_t)buf, *o;
	size_t inleft = len, oleft = len * 4 + 16;

	snprintf(tobuf, sizeof(tobuf), "%s//IGNORE", to);
	cd = iconv_open(tobuf, from);
	assert_true(cd != (iconv_t)-1);
	out = malloc(oleft);
	assert_non_null(out);
	o = out;
	iconv(cd, &in, &inleft, &o, &oleft); /* -1 for ignored characters */
	iconv_close(cd);
	*outlen = (size_t)(o - out);
	assert_true(*outlen > len / 4);
	return out;
}

static void
utf8_text_is_utf8_even_when_the_sample_cuts_a_character(void **state)
{
	size_t len;
	char *s = testlib_sample_bytes(&len);
	size_t cut;

	(void)state;
	assert_null(encoding_detect(s, len, 1));
	/* The first Han character's bytes, cut after its first byte. */
	for (cut = 0; cut < len && (unsigned char)s[cut] < 0x80; cut++)
		;
	assert_null(encoding_detect(s, cut + 1, 0));
	assert_non_null(encoding_detect(s, cut + 1, 1));
	free(s);
}

static void
aozora_files_are_recognised_as_shift_jis(void **state)
{
	size_t k, len;
	char *s;

	(void)state;
	for (k = 0; k < sizeof(aozora_files) / sizeof(aozora_files[0]); k++) {
		s = aozora_bytes(aozora_files[k], &len);
		assert_string_equal(encoding_detect(s, len, 1), "CP932");
		/* The first 2 KiB are enough, cut anywhere. */
		assert_string_equal(encoding_detect(s, 2047, 0), "CP932");
		free(s);
	}
}

static void
euc_jp_is_recognised(void **state)
{
	size_t len, elen;
	char *s = aozora_bytes("799_ruby_6024.txt", &len);
	char *e = recode("CP932", "EUC-JP", s, len, &elen);

	(void)state;
	assert_string_equal(encoding_detect(e, elen, 1), "EUC-JP");
	free(e);
	free(s);
}

static void
chinese_in_gb18030_and_big5_is_recognised(void **state)
{
	size_t len, glen, blen;
	char *s = testlib_sample_bytes(&len);
	char *g = recode("UTF-8", "GB18030", s, len, &glen);
	char *b = recode("UTF-8", "BIG5", s, len, &blen);

	(void)state;
	assert_string_equal(encoding_detect(g, glen, 1), "GB18030");
	assert_string_equal(encoding_detect(b, blen, 1), "BIG5");
	free(g);
	free(b);
	free(s);
}

static void
other_bytes_are_not_guessed(void **state)
{
	static const char latin1[] = "Caf\xe9 cr\xe8"
	                             "me, na\xef"
	                             "ve fa\xe7"
	                             "ade; \xe0 la carte, d\xe9j\xe0 vu.\n";
	char noise[512];
	size_t k;

	(void)state;
	assert_string_equal(encoding_detect(latin1, strlen(latin1), 1), "");
	for (k = 0; k < sizeof(noise); k++)
		noise[k] = (char)(0x80 + (k * 37) % 128);
	assert_string_equal(encoding_detect(noise, sizeof(noise), 1), "");
}

/* A document over the Aozora file NAME, opened as rubi opens a file. */
static struct doc *
open_aozora(const char *name, const char *forced, const char **used)
{
	char path[4096];
	struct source *src;
	struct doc_opts opts;

	snprintf(path, sizeof(path), "%s/aozora-texts/sjis/%s",
	        getenv("TEST_DATA_DIR"), name);
	assert_int_equal(source_open(path, &src), STATUS_OK);
	assert_int_equal(encoding_apply(&src, forced, used), STATUS_OK);
	testlib_doc_opts(&opts);
	opts.notation = NOTATION_AOZORA;
	return testlib_doc_over(src, &opts);
}

static void
shift_jis_file_opens_converted_with_no_carriage_returns(void **state)
{
	const char *used = NULL;
	struct doc *doc = open_aozora("127_ruby_150.txt", NULL, &used);
	struct block *blk;
	struct bspan b;
	char text[4096];
	size_t blocks = 0, rubies = 0, r, g;

	(void)state;
	assert_string_equal(used, "CP932");
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	testlib_describe(blk, text, sizeof(text));
	assert_string_equal(text, "羅生門");
	block_free(blk);
	for (;;) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		for (g = 0; g < blk->ng; g++)
			assert_false(blk->g[g].flags & GLYPH_PLACEHOLDER);
		for (r = 0; r < blk->nruns; r++)
			rubies += (blk->runs[r].flags & RUN_RUBY) != 0;
		block_free(blk);
		blocks++;
		if (doc_block_next(doc, &b, &b) != STATUS_OK)
			break;
	}
	assert_int_equal(blocks, 71); /* its 71 lines */
	/* 132 《》 in the file, of which the legend's 《》 is no ruby. */
	assert_int_equal(rubies, 131);
	doc_free(doc);
}

static void
a_given_encoding_is_used_and_an_unknown_one_refused(void **state)
{
	const char *used = NULL;
	struct doc *doc = open_aozora("92_ruby_164.txt", "SHIFT_JIS", &used);
	struct source *src;
	char path[4096];

	(void)state;
	assert_string_equal(used, "SHIFT_JIS");
	doc_free(doc);
	doc = open_aozora("92_ruby_164.txt", "UTF-8", &used);
	assert_null(used); /* as asked: not converted */
	doc_free(doc);
	snprintf(path, sizeof(path), "%s/aozora-texts/sjis/%s",
	        getenv("TEST_DATA_DIR"), "92_ruby_164.txt");
	assert_int_equal(source_open(path, &src), STATUS_OK);
	assert_int_equal(
	        encoding_apply(&src, "NO-SUCH-CODE", &used), STATUS_RANGE);
	source_free(src);
}

static void
notation_is_guessed_from_name_and_text(void **state)
{
	size_t len, clen;
	char *s = aozora_bytes("43754_ruby_17594.txt", &len), *conv;
	char *py = testlib_sample_bytes(&clen);
	const char *zy = "美(ㄇㄟˇ)好(ㄏㄠˇ)的(ㄉㄜ˙)人(ㄖㄣˊ)。";
	const char *md =
	        "# 題\n{電子出版|でんししゅっぱん}を{手軽|て|がる}に\n";

	(void)state;
	assert_int_equal(
	        encoding_convert("CP932", s, len, &conv, &len), STATUS_OK);
	assert_int_equal(detect_notation("x.txt", conv, len), NOTATION_AOZORA);
	assert_int_equal(detect_notation(NULL, py, clen), NOTATION_PINYIN);
	assert_int_equal(
	        detect_notation(NULL, zy, strlen(zy)), NOTATION_ZHUYIN);
	assert_int_equal(
	        detect_notation("n.txt", md, strlen(md)), NOTATION_MARKDOWN);
	/* By name, whatever the text. */
	assert_int_equal(
	        detect_notation("notes.MD", py, clen), NOTATION_MARKDOWN);
	assert_int_equal(
	        detect_notation("a.markdown", "", 0), NOTATION_MARKDOWN);
	/* Anki is never guessed; plain text reads as pinyin (nothing). */
	assert_int_equal(detect_notation(NULL, "日本語[にほんご]を", 24),
	        NOTATION_PINYIN);
	assert_int_equal(detect_notation(NULL, "hello", 5), NOTATION_PINYIN);
	free(conv);
	free(py);
	free(s);
}

static void
format_names_round_trip(void **state)
{
	static const char *const names[] = {
	        "pinyin", "zhuyin", "aozora", "markdown", "anki", "plain"};
	enum notation n;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		assert_true(detect_parse_name(names[k], &n));
		assert_string_equal(detect_name(n), names[k]);
	}
	assert_false(detect_parse_name("Aozora", &n));
	assert_false(detect_parse_name("", &n));
}

static void
binary_files_are_told_from_text(void **state)
{
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char ctl[] = "a\x01" "b\x02" "c\x03" "d\x04" "e\x05" "f\x06" "g";
	static const char esc[] = "\x1b[31mred\x1b[0m\tand\r\n\f\b";
	size_t len;
	char *sample = testlib_sample_bytes(&len);

	(void)state;
	assert_true(detect_binary(elf, sizeof(elf) - 1));
	assert_true(detect_binary(png, sizeof(png) - 1));
	assert_true(detect_binary(ctl, sizeof(ctl) - 1));
	/* Text with escapes, tabs and CR LF is text (shown safely). */
	assert_false(detect_binary(esc, sizeof(esc) - 1));
	assert_false(detect_binary(sample, len));
	assert_false(detect_binary("", 0));
	free(sample);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(
	                utf8_text_is_utf8_even_when_the_sample_cuts_a_character),
	        cmocka_unit_test(aozora_files_are_recognised_as_shift_jis),
	        cmocka_unit_test(binary_files_are_told_from_text),
	        cmocka_unit_test(euc_jp_is_recognised),
	        cmocka_unit_test(chinese_in_gb18030_and_big5_is_recognised),
	        cmocka_unit_test(other_bytes_are_not_guessed),
	        cmocka_unit_test(
	                shift_jis_file_opens_converted_with_no_carriage_returns),
	        cmocka_unit_test(
	                a_given_encoding_is_used_and_an_unknown_one_refused),
	        cmocka_unit_test(notation_is_guessed_from_name_and_text),
	        cmocka_unit_test(format_names_round_trip),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
