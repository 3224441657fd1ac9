/*
 * test-parse.c: unit tests for the inline-pinyin notation (src/parse.c),
 * through the document model (src/doc.c).
 *
 * The cases are the expected results of FORMATS.md §6.3 and the examples
 * of issue 2. Readings are checked against the Unihan table the build
 * generates, found as $RUBI_DATADIR/unihan.bin (make check sets it); a
 * missing table is an error, never a silent pass.
 *
 * A parsed block is compared as text: runs() writes each run as its base
 * text, followed by "/reading" for a ruby run, separated by "|". So
 * "開發(fa)(fa)(EOD)模式" must read "開|發/fa|(EOD)模式": 開 plain, 發 with
 * the reading fa, and "(EOD)模式" plain text.
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
#include "parse.h"
#include "source.h"
#include "unihan.h"
#include "utf8.h"

#include "testlib.h"

struct text {
	char s[1024];
};

/* Parse block 0 of a document holding `len` bytes at s. */
static struct block *
parse_with(const char *s, size_t len, enum notation notation,
           const struct unihan *uh)
{
	struct doc_opts opts;
	struct doc *doc;
	struct block *blk = NULL;
	struct bspan b;

	testlib_doc_opts(&opts);
	opts.notation = notation;
	opts.uh = uh;
	doc = testlib_doc_of(s, len, &opts);
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	assert_non_null(blk);
	doc_free(doc);
	return blk;
}

static struct block *
parse(const char *s)
{
	return parse_with(s, strlen(s), NOTATION_PINYIN, testlib_table());
}

static void
append(struct text *t, const char *s, size_t len)
{
	size_t n = strlen(t->s);

	assert_true(n + len < sizeof(t->s));
	memcpy(t->s + n, s, len);
	t->s[n + len] = '\0';
}

/* The runs of blk as "base/reading|base|...". */
static struct text
describe(const struct block *blk)
{
	struct text t = {""};
	char enc[4];
	size_t r;
	uint32_t g;
	int k;

	for (r = 0; r < blk->nruns; r++) {
		const struct run *run = &blk->runs[r];
		if (r > 0)
			append(&t, "|", 1);
		assert_true(run->g0 < run->g1);
		assert_true(run->g1 <= blk->ng);
		for (g = run->g0; g < run->g1; g++) {
			k = utf8_encode(blk->g[g].cp, enc);
			append(&t, enc, (size_t)k);
		}
		assert_int_equal((run->flags & RUN_RUBY) != 0, run->rd_len > 0);
		if (run->flags & RUN_RUBY) {
			assert_true(run->rd_off + run->rd_len <= blk->text_len);
			append(&t, "/", 1);
			append(&t, blk->text + run->rd_off, run->rd_len);
		}
	}
	return t;
}

/* The runs of the first block of s, described. */
static struct text
runs(const char *s)
{
	struct block *blk = parse(s);
	struct text t = describe(blk);

	/* Runs are in order and do not overlap. */
	for (size_t r = 1; r < blk->nruns; r++)
		assert_true(blk->runs[r - 1].g1 <= blk->runs[r].g0);
	block_free(blk);
	return t;
}

static void
per_character_groups_become_ruby(void **state)
{
	(void)state;
	assert_string_equal(runs("生(sheng)態(tai)環(huan)境(jing)").s,
	                    "生/shēng|態/tài|環/huán|境/jìng");
	assert_string_equal(runs("省生(sheng)態(tai)廳").s,
	                    "省|生/shēng|態/tài|廳");
}

static void
repeated_group_gives_one_reading(void **state)
{
	struct block *blk;

	(void)state;
	assert_string_equal(runs("綠(lv)(lv)色").s, "綠/lǜ|色");
	blk = parse("綠(lv)(lv)色");
	assert_int_equal(blk->groups, 1);
	assert_int_equal(blk->literal, 0);
	block_free(blk);
}

static void
three_repeated_groups_give_one_reading(void **state)
{
	(void)state;
	assert_string_equal(runs("保(bao)(bao)(bao)護").s, "保/bǎo|護");
}

static void
parenthetical_after_a_group_stays_text(void **state)
{
	struct block *blk;

	(void)state;
	assert_string_equal(runs("開發(fa)(fa)(EOD)模式").s,
	                    "開|發/fā|(EOD)模式");
	blk = parse("開發(fa)(fa)(EOD)模式");
	assert_int_equal(blk->groups, 1);
	assert_int_equal(blk->literal, 1);
	block_free(blk);
}

static void
unannotated_character_before_a_group_has_no_reading(void **state)
{
	(void)state;
	/* One syllable annotates one character: the last before "(". */
	assert_string_equal(runs("加快推動發(fa)(fa)展(zhan)方式").s,
	                    "加快推動|發/fā|展/zhǎn|方式");
}

static void
full_width_parentheses_and_tone_digits(void **state)
{
	(void)state;
	assert_string_equal(runs("字（zi4）").s, "字/zì");
	assert_string_equal(runs("字（zì）").s, "字/zì");
}

static void
u_colon_and_v_and_u_umlaut_all_read_u_umlaut(void **state)
{
	(void)state;
	assert_string_equal(runs("女(nu:3)").s, "女/nǚ");
	assert_string_equal(runs("女(nǚ)").s, "女/nǚ");
	assert_string_equal(runs("女(nv3)").s, "女/nǚ");
	assert_string_equal(runs("綠(lü)").s, "綠/lǜ");
}

static void
lue_is_read_as_lue_umlaut(void **state)
{
	(void)state;
	assert_string_equal(runs("略(lue)").s, "略/lüè");
	assert_string_equal(runs("略(lve4)").s, "略/lüè");
}

static void
word_level_group_is_split_over_its_characters(void **state)
{
	(void)state;
	assert_string_equal(runs("環境(huanjing)").s, "環/huán|境/jìng");
	assert_string_equal(runs("環境(huán jìng)").s, "環/huán|境/jìng");
	assert_string_equal(runs("女兒(nv3er2)").s, "女/nǚ|兒/ér");
}

static void
one_syllable_is_read_as_two_when_the_text_needs_it(void **state)
{
	(void)state;
	/* "xian" is a syllable, but not a reading of 安: xi an fits. */
	assert_string_equal(runs("西安(xian)").s, "西/xī|安/ān");
	assert_string_equal(runs("西安(xi'an)").s, "西/xī|安/ān");
	/* Where one syllable fits, it stays one. */
	assert_string_equal(runs("先(xian)").s, "先/xiān");
	assert_string_equal(runs("西先(xian)").s, "西|先/xiān");
}

static void
word_level_group_annotates_only_the_last_characters(void **state)
{
	(void)state;
	assert_string_equal(runs("保護環境(huanjing)工作").s,
	                    "保護|環/huán|境/jìng|工作");
}

static void
capitalised_syllable_is_accepted_when_it_is_a_reading(void **state)
{
	(void)state;
	assert_string_equal(runs("王(Wang)先生").s, "王/wáng|先生");
}

static void
valid_syllable_that_is_not_a_reading_stays_text(void **state)
{
	struct block *blk;

	(void)state;
	assert_string_equal(runs("他(ta)(an)").s, "他/tā|(an)");
	blk = parse("他(ta)(an)");
	assert_int_equal(blk->groups, 1);
	assert_int_equal(blk->literal, 1);
	block_free(blk);
	assert_string_equal(runs("冠(guan)軍(A)").s, "冠/guān|軍(A)");
	assert_string_equal(runs("生(an)").s, "生(an)");
}

static void
polyphonic_character_takes_the_reading_written(void **state)
{
	(void)state;
	assert_string_equal(runs("行(xing)人").s, "行/xíng|人");
	assert_string_equal(runs("行(hang)業").s, "行/háng|業");
	assert_string_equal(runs("帆(fan)船").s, "帆/fán|船");
}

static void
words_in_parentheses_stay_text(void **state)
{
	struct block *blk;

	(void)state;
	assert_string_equal(runs("台灣(Taiwan)").s, "台灣(Taiwan)");
	assert_string_equal(runs("蘋果(apple)").s, "蘋果(apple)");
	assert_string_equal(runs("(see 1)").s, "(see 1)");
	assert_string_equal(runs("見(see 1)").s, "見(see 1)");
	blk = parse("台灣(Taiwan)");
	assert_int_equal(blk->nruns, 1);
	assert_int_equal(blk->groups, 0);
	assert_int_equal(blk->literal, 1);
	block_free(blk);
}

static void
malformed_groups_stay_text(void **state)
{
	(void)state;
	assert_string_equal(runs("生(sheng").s, "生(sheng");
	assert_string_equal(runs("生(sheng 態").s, "生(sheng 態");
	assert_string_equal(runs("生()").s, "生()");
	assert_string_equal(runs("生(shēng）").s, "生(shēng）");
	assert_string_equal(runs("生（shēng)").s, "生（shēng)");
	assert_string_equal(runs("生((sheng))").s, "生((sheng))");
}

static void
tab_or_escape_inside_a_group_keeps_it_text(void **state)
{
	struct block *blk;

	(void)state;
	blk = parse("生(she\tng)");
	assert_int_equal(blk->nruns, 1);
	assert_false(blk->runs[0].flags & RUN_RUBY);
	assert_int_equal(blk->runs[0].g1 - blk->runs[0].g0, blk->ng);
	block_free(blk);
	assert_string_equal(runs("生(sh\x1bng)").s, "生(sh^[ng)");
	assert_string_equal(runs("生(sheng\x1b)").s, "生(sheng^[)");
	assert_string_equal(runs("生(\x1b[31msheng)").s, "生(^[[31msheng)");
}

static void
group_without_a_han_character_before_it_stays_text(void **state)
{
	(void)state;
	assert_string_equal(runs("abc(sheng)").s, "abc(sheng)");
	assert_string_equal(runs("生 (sheng)").s, "生 (sheng)");
	assert_string_equal(runs("。(sheng)").s, "。(sheng)");
}

static void
more_syllables_than_characters_stays_text(void **state)
{
	(void)state;
	assert_string_equal(runs("境(huanjing)").s, "境(huanjing)");
	assert_string_equal(runs("a境(huanjing)").s, "a境(huanjing)");
}

static void
group_holds_at_most_forty_characters(void **state)
{
	char s[256];

	(void)state;
	assert_int_equal(PARSE_GROUP_MAX, 40);
	/* "sheng" and 35 spaces: 40 characters, still a reading. */
	snprintf(s, sizeof(s), "生(sheng%35s)", "");
	assert_string_equal(runs(s).s, "生/shēng");
	/* One more space: too long to be an annotation. */
	snprintf(s, sizeof(s), "生(sheng%36s)", "");
	assert_string_equal(runs(s).s, s);
}

static void
reading_written_with_a_tone_keeps_it(void **state)
{
	struct block *blk;

	(void)state;
	assert_string_equal(runs("生(shēng)態(tài)").s, "生/shēng|態/tài");
	blk = parse("生(shēng)態(tai)");
	assert_int_equal(blk->nruns, 2);
	assert_false(blk->runs[0].flags & RUN_TONELESS);
	assert_true(blk->runs[1].flags & RUN_TONELESS);
	assert_int_equal(blk->runs[0].syl.tone, 1);
	assert_string_equal(blk->runs[1].syl.s, "tai");
	block_free(blk);
}

static void
plain_notation_keeps_everything_as_text(void **state)
{
	struct block *blk;
	const char *s = "生(sheng)態(tai)";

	(void)state;
	blk = parse_with(s, strlen(s), NOTATION_PLAIN, testlib_table());
	assert_string_equal(describe(blk).s, s);
	assert_int_equal(blk->groups, 0);
	block_free(blk);
}

static void
without_unihan_syllable_validity_decides(void **state)
{
	struct block *blk;
	const char *s = "生(sheng)軍(an)果(apple)";

	(void)state;
	blk = parse_with(s, strlen(s), NOTATION_PINYIN, NULL);
	assert_string_equal(describe(blk).s, "生/sheng|軍/an|果(apple)");
	block_free(blk);
}

static void
only_the_first_block_is_parsed(void **state)
{
	(void)state;
	/* Block 0 is the first line: a group on the next line is not seen
	 * and the line end is not part of any run. */
	assert_string_equal(runs("生(sheng)\n態(tai)").s, "生/shēng");
	assert_string_equal(runs("生\n(sheng)").s, "生");
	assert_string_equal(runs("生(sheng)\r\n").s, "生/shēng");
}

static void
sample_sentence_parses_as_published(void **state)
{
	(void)state;
	assert_string_equal(runs("省生(sheng)態(tai)環(huan)境(jing)廳總工程("
	                         "cheng)師趙(zhao)輝")
	                            .s,
	                    "省|生/shēng|態/tài|環/huán|境/jìng|廳總工|程/"
	                    "chéng|師|趙/zhào|輝");
	assert_string_equal(runs("擴綠(lv)(lv)、增長").s, "擴|綠/lǜ|、增長");
	assert_string_equal(runs("開發(fa)(fa)(EOD)模(mo)式試(shi)(shi)點").s,
	                    "開|發/fā|(EOD)|模/mó|式|試/shì|點");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(per_character_groups_become_ruby),
	        cmocka_unit_test(repeated_group_gives_one_reading),
	        cmocka_unit_test(three_repeated_groups_give_one_reading),
	        cmocka_unit_test(parenthetical_after_a_group_stays_text),
	        cmocka_unit_test(
	                unannotated_character_before_a_group_has_no_reading),
	        cmocka_unit_test(full_width_parentheses_and_tone_digits),
	        cmocka_unit_test(u_colon_and_v_and_u_umlaut_all_read_u_umlaut),
	        cmocka_unit_test(lue_is_read_as_lue_umlaut),
	        cmocka_unit_test(word_level_group_is_split_over_its_characters),
	        cmocka_unit_test(
	                one_syllable_is_read_as_two_when_the_text_needs_it),
	        cmocka_unit_test(
	                word_level_group_annotates_only_the_last_characters),
	        cmocka_unit_test(
	                capitalised_syllable_is_accepted_when_it_is_a_reading),
	        cmocka_unit_test(
	                valid_syllable_that_is_not_a_reading_stays_text),
	        cmocka_unit_test(
	                polyphonic_character_takes_the_reading_written),
	        cmocka_unit_test(words_in_parentheses_stay_text),
	        cmocka_unit_test(malformed_groups_stay_text),
	        cmocka_unit_test(tab_or_escape_inside_a_group_keeps_it_text),
	        cmocka_unit_test(
	                group_without_a_han_character_before_it_stays_text),
	        cmocka_unit_test(more_syllables_than_characters_stays_text),
	        cmocka_unit_test(group_holds_at_most_forty_characters),
	        cmocka_unit_test(reading_written_with_a_tone_keeps_it),
	        cmocka_unit_test(plain_notation_keeps_everything_as_text),
	        cmocka_unit_test(without_unihan_syllable_validity_decides),
	        cmocka_unit_test(only_the_first_block_is_parsed),
	        cmocka_unit_test(sample_sentence_parses_as_published),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
