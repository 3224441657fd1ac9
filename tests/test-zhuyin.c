/*
 * test-zhuyin.c: readings written in other styles: Zhuyin from pinyin
 * (src/zhuyin.c) and layout_reading() (src/layout.c).
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
#include "zhuyin.h"

#include "testlib.h"

/* Zhuyin of pinyin token `py` ("" when there is none). */
static const char *
zy(const char *py, char *buf, size_t size)
{
	struct syl syl;

	assert_true(pinyin_parse_syllable(py, strlen(py), &syl));
	if (zhuyin_format(&syl, buf, size) == 0)
		buf[0] = '\0';
	return buf;
}

static void
syllables_take_their_zhuyin_and_tone_mark(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(zy("shēng", buf, sizeof(buf)), "ㄕㄥ");
	assert_string_equal(zy("huán", buf, sizeof(buf)), "ㄏㄨㄢˊ");
	assert_string_equal(zy("bǎo", buf, sizeof(buf)), "ㄅㄠˇ");
	assert_string_equal(zy("tài", buf, sizeof(buf)), "ㄊㄞˋ");
	assert_string_equal(zy("lǜ", buf, sizeof(buf)), "ㄌㄩˋ");
	assert_string_equal(zy("lüè", buf, sizeof(buf)), "ㄌㄩㄝˋ");
	assert_string_equal(zy("ju4", buf, sizeof(buf)), "ㄐㄩˋ");
	assert_string_equal(zy("zhi", buf, sizeof(buf)), "ㄓ");
	assert_string_equal(zy("er2", buf, sizeof(buf)), "ㄦˊ");
}

static void
neutral_tone_dot_goes_first(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(zy("ma5", buf, sizeof(buf)), "˙ㄇㄚ");
}

static void
syllable_without_zhuyin_gives_nothing(void **state)
{
	char buf[64];

	(void)state;
	/* hm is an interjection the table does not spell. */
	assert_string_equal(zy("hm", buf, sizeof(buf)), "");
	/* A buffer too small gives nothing rather than half a letter. */
	assert_string_equal(zy("zhuang", buf, 4), "");
}

/* The reading of the first ruby run of s in `style`. */
static const char *
reading_of(const char *s, enum reading_style style, char *buf, size_t size)
{
	struct doc *doc = testlib_doc_of_str(s, NULL);
	struct block *blk = NULL;
	struct bspan b;
	size_t r;

	buf[0] = '\0';
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	for (r = 0; r < blk->nruns; r++)
		if (blk->runs[r].flags & RUN_RUBY) {
			layout_reading(blk, &blk->runs[r], style, buf, size);
			break;
		}
	block_free(blk);
	doc_free(doc);
	return buf;
}

static void
every_style_writes_the_restored_reading(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(reading_of("生(sheng)", READING_MARKS, buf, 64),
	        "shēng");
	assert_string_equal(reading_of("生(sheng)", READING_NUMBERS, buf, 64),
	        "sheng1");
	assert_string_equal(reading_of("生(sheng)", READING_PLAIN, buf, 64),
	        "sheng");
	assert_string_equal(reading_of("生(sheng)", READING_ZHUYIN, buf, 64),
	        "ㄕㄥ");
	assert_string_equal(reading_of("綠(lv)", READING_NUMBERS, buf, 64),
	        "lü4");
}

static void
zhuyin_falls_back_to_marks_without_a_spelling(void **state)
{
	char buf[64];

	(void)state;
	/* 呣 (U+5463) reads m (ḿ, restored from Unihan), which has no
	 * zhuyin in the table: the tone-marked pinyin stays. */
	assert_string_equal(reading_of("呣(m)", READING_ZHUYIN, buf, 64), "ḿ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(syllables_take_their_zhuyin_and_tone_mark),
	        cmocka_unit_test(neutral_tone_dot_goes_first),
	        cmocka_unit_test(syllable_without_zhuyin_gives_nothing),
	        cmocka_unit_test(every_style_writes_the_restored_reading),
	        cmocka_unit_test(zhuyin_falls_back_to_marks_without_a_spelling),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
