/*
 * test-tone.c: tone restoration (src/tone.c) and how the parser uses it
 * (RUN_GUESS, readings written with a tone left alone).
 *
 * Expected tones are the sample article's characters as the Unihan table
 * the build generates gives them ($RUBI_DATADIR/unihan.bin; a missing
 * table is an error): each case is also checked to be one of the table's
 * readings, so a table that changed would show here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"
#include "layout.h"
#include "pinyin.h"
#include "tone.h"
#include "unihan.h"
#include "utf8.h"

#include "testlib.h"

/* The first code point of UTF-8 s. */
static uint32_t
cp_of(const char *s)
{
	uint32_t cp;

	assert_true(utf8_next(s, strlen(s), &cp) > 0);
	return cp;
}

/* Restore toneless `plain` on character `ch`; the result in marks. */
static enum tone_result
restored(const char *ch, const char *plain, int hant, char *out, size_t size)
{
	struct syl syl;
	enum tone_result res;

	assert_true(pinyin_parse_syllable(plain, strlen(plain), &syl));
	res = tone_restore(testlib_table(), cp_of(ch), hant, &syl);
	assert_true(pinyin_format(&syl, PINYIN_MARKS, out, size) > 0);
	return res;
}

/* `ch` read `plain` restores to `want` for sure, and want is a reading. */
static void
expect_sure(const char *ch, const char *plain, const char *want)
{
	char got[32], all[256];

	assert_int_equal(restored(ch, plain, 1, got, sizeof(got)), TONE_SURE);
	assert_string_equal(got, want);
	assert_true(tone_readings_text(testlib_table(), cp_of(ch), 1, all,
	                    sizeof(all)) > 0);
	assert_non_null(strstr(all, want));
}

/* `ch` read `plain` restores to `want`, a guess among several tones. */
static void
expect_guess(const char *ch, const char *plain, const char *want)
{
	char got[32];

	assert_int_equal(restored(ch, plain, 1, got, sizeof(got)), TONE_GUESS);
	assert_string_equal(got, want);
}

static void
sample_characters_take_their_only_tone(void **state)
{
	(void)state;
	expect_sure("生", "sheng", "shēng");
	expect_sure("態", "tai", "tài");
	expect_sure("境", "jing", "jìng");
	expect_sure("程", "cheng", "chéng");
	expect_sure("趙", "zhao", "zhào");
	expect_sure("統", "tong", "tǒng");
	expect_sure("綠", "lv", "lǜ");
	expect_sure("保", "bao", "bǎo");
	expect_sure("護", "hu", "hù");
	expect_sure("產", "chan", "chǎn");
	expect_sure("業", "ye", "yè");
	expect_sure("展", "zhan", "zhǎn");
	expect_sure("模", "mo", "mó");
}

static void
polyphone_takes_the_tone_of_the_reading_written(void **state)
{
	(void)state;
	/* 行: xíng háng hàng xìng héng. Both spellings have two tones. */
	expect_guess("行", "xing", "xíng");
	expect_guess("行", "hang", "háng");
}

static void
traditional_text_prefers_the_zh_hant_reading(void **state)
{
	char got[32];

	(void)state;
	/* kMandarin of 帆 is "fān fán": fán is the customary zh-Hant one. */
	restored("帆", "fan", 1, got, sizeof(got));
	assert_string_equal(got, "fán");
	restored("帆", "fan", 0, got, sizeof(got));
	assert_string_equal(got, "fān");
}

static void
readings_that_differ_only_in_tone_give_a_guess(void **state)
{
	(void)state;
	/* 一 is yī, yí or yì; 上 shàng or shǎng: the first is taken. */
	expect_guess("一", "yi", "yī");
	expect_guess("上", "shang", "shàng");
	/* The sample's 環 is huán or huàn in the table. */
	expect_guess("環", "huan", "huán");
}

static void
reading_with_a_tone_is_never_changed(void **state)
{
	struct syl syl;
	char got[32];

	(void)state;
	assert_true(pinyin_parse_syllable("shǎng", strlen("shǎng"), &syl));
	assert_int_equal(
	        tone_restore(testlib_table(), cp_of("上"), 1, &syl), TONE_KEPT);
	pinyin_format(&syl, PINYIN_MARKS, got, sizeof(got));
	assert_string_equal(got, "shǎng");
}

static void
no_data_or_no_matching_reading_keeps_the_syllable(void **state)
{
	struct syl syl;

	(void)state;
	assert_true(pinyin_parse_syllable("sheng", 5, &syl));
	assert_int_equal(tone_restore(NULL, cp_of("生"), 1, &syl), TONE_KEPT);
	assert_int_equal(syl.tone, 0);
	assert_int_equal(
	        tone_restore(testlib_table(), cp_of("態"), 1, &syl), TONE_KEPT);
	assert_int_equal(syl.tone, 0);
	assert_string_equal(syl.s, "sheng");
}

static void
neutral_tone_reading_restores_as_neutral(void **state)
{
	char got[32];
	struct syl syl;

	(void)state;
	/* U+35D1 (a particle) has only the unmarked reading bai. */
	assert_true(pinyin_parse_syllable("bai", 3, &syl));
	assert_int_equal(
	        tone_restore(testlib_table(), 0x35d1, 1, &syl), TONE_SURE);
	assert_int_equal(syl.tone, 5);
	pinyin_format(&syl, PINYIN_MARKS, got, sizeof(got));
	assert_string_equal(got, "bai");
}

static void
tone_agrees_only_with_a_tone_the_table_has(void **state)
{
	struct syl syl;

	(void)state;
	assert_true(pinyin_parse_syllable("sheng1", 6, &syl));
	assert_true(tone_agrees(testlib_table(), cp_of("生"), 1, &syl));
	assert_true(pinyin_parse_syllable("sheng3", 6, &syl));
	assert_false(tone_agrees(testlib_table(), cp_of("生"), 1, &syl));
	assert_true(pinyin_parse_syllable("sheng", 5, &syl));
	assert_true(tone_agrees(testlib_table(), cp_of("生"), 1, &syl));
}

/* The single run with a reading in the first block of s. */
static uint16_t
ruby_flags(const char *s, char *rd, size_t size)
{
	struct doc *doc = testlib_doc_of_str(s, NULL);
	struct block *blk = NULL;
	struct bspan b;
	uint16_t flags = 0;
	size_t r;

	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	for (r = 0; r < blk->nruns; r++)
		if (blk->runs[r].flags & RUN_RUBY) {
			flags = blk->runs[r].flags;
			assert_true(blk->runs[r].rd_len < size);
			memcpy(rd, blk->text + blk->runs[r].rd_off,
			        blk->runs[r].rd_len);
			rd[blk->runs[r].rd_len] = '\0';
		}
	block_free(blk);
	doc_free(doc);
	return flags;
}

static void
parsed_guess_is_flagged_and_a_sure_tone_is_not(void **state)
{
	char rd[32];
	uint16_t f;

	(void)state;
	f = ruby_flags("一(yi)", rd, sizeof(rd));
	assert_string_equal(rd, "yī");
	assert_true(f & RUN_GUESS);
	assert_true(f & RUN_TONELESS);
	f = ruby_flags("生(sheng)", rd, sizeof(rd));
	assert_string_equal(rd, "shēng");
	assert_false(f & RUN_GUESS);
	f = ruby_flags("上(shǎng)", rd, sizeof(rd));
	assert_string_equal(rd, "shǎng");
	assert_false(f & (RUN_GUESS | RUN_TONELESS));
}

static void
guessed_reading_is_laid_out_with_the_guess_flag(void **state)
{
	struct doc *doc = testlib_doc_of_str("一(yi)生(sheng)", NULL);
	struct block *blk = NULL;
	struct layout *lay = NULL;
	struct bspan b;
	size_t i, guess = 0, sure = 0;

	(void)state;
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	assert_int_equal(layout_block(blk, 40, RUBY_ABOVE, 1, &lay), STATUS_OK);
	for (i = 0; i < lay->np; i++) {
		if (lay->p[i].role != ROLE_READING)
			continue;
		/* yī over 一 (offset 0) is a guess, shēng over 生 is not. */
		if (lay->p[i].src_off == 0)
			guess += (lay->p[i].flags & PIECE_GUESS) != 0;
		else
			sure += (lay->p[i].flags & PIECE_GUESS) == 0;
	}
	assert_int_equal(guess, 2);
	assert_int_equal(sure, 5);
	layout_free(lay);
	block_free(blk);
	doc_free(doc);
}

static void
every_restored_reading_of_the_sample_is_a_table_reading(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct block *blk;
	struct bspan b;
	struct syl rd[32];
	size_t r, k, n, checked = 0;
	int found;

	(void)state;
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	for (;;) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		for (r = 0; r < blk->nruns; r++) {
			const struct run *run = &blk->runs[r];
			if (!(run->flags & RUN_TONELESS))
				continue;
			n = unihan_readings(
			        testlib_table(), blk->g[run->g0].cp, 1, rd, 32);
			found = 0;
			for (k = 0; k < n; k++)
				found |= strcmp(rd[k].s, run->syl.s) == 0 &&
				        (rd[k].tone ? rd[k].tone : 5) ==
				                run->syl.tone;
			assert_true(found);
			checked++;
		}
		block_free(blk);
		if (doc_block_next(doc, &b, &b) != STATUS_OK)
			break;
	}
	assert_true(checked > 300);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(sample_characters_take_their_only_tone),
	        cmocka_unit_test(
	                polyphone_takes_the_tone_of_the_reading_written),
	        cmocka_unit_test(traditional_text_prefers_the_zh_hant_reading),
	        cmocka_unit_test(
	                readings_that_differ_only_in_tone_give_a_guess),
	        cmocka_unit_test(reading_with_a_tone_is_never_changed),
	        cmocka_unit_test(
	                no_data_or_no_matching_reading_keeps_the_syllable),
	        cmocka_unit_test(neutral_tone_reading_restores_as_neutral),
	        cmocka_unit_test(tone_agrees_only_with_a_tone_the_table_has),
	        cmocka_unit_test(
	                parsed_guess_is_flagged_and_a_sure_tone_is_not),
	        cmocka_unit_test(
	                guessed_reading_is_laid_out_with_the_guess_flag),
	        cmocka_unit_test(
	                every_restored_reading_of_the_sample_is_a_table_reading),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
