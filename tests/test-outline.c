/*
 * test-outline.c: unit tests for section detection (src/outline.c), read
 * back through dump_outline() (src/dump.c) as `rubi --outline` prints it.
 *
 * The sample article is found through $top_srcdir and readings through
 * $RUBI_DATADIR/unihan.bin (make check sets both).
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
#include "dump.h"
#include "outline.h"
#include "source.h"
#include "unihan.h"

#include "testlib.h"

/* A writer into memory. */
struct mem {
	char s[8192];
	size_t len;
	int fail_after; /* calls that succeed before -1; < 0: never fail */
	int refused;    /* calls answered with -1 */
};

static int
mem_write(void *ctx, const char *s, size_t len)
{
	struct mem *m = ctx;

	if (m->fail_after == 0) {
		m->refused++;
		return -1;
	}
	if (m->fail_after > 0)
		m->fail_after--;
	assert_true(m->len + len < sizeof(m->s));
	memcpy(m->s + m->len, s, len);
	m->len += len;
	m->s[m->len] = '\0';
	return 0;
}

/* The outline of text s, one title per line. */
static struct mem
outline_of(const char *s, size_t *count)
{
	struct mem m = {"", 0, -1, 0};
	struct doc *doc = testlib_doc_of_str(s, NULL);

	assert_int_equal(dump_outline(doc, mem_write, &m, count), STATUS_OK);
	doc_free(doc);
	return m;
}

/* A body long enough for any short title: three sentences. */
#define BODY                                                                   \
	"持續實施三年行動，"                                          \
	"深入調整產業結構。"                                          \
	"培育壯大新動能，"                                             \
	"推進清潔生產和生態工業園區建設。"                     \
	"制定年度強制性清潔生產審核計劃。"

static void
sample_outline_is_the_four_policy_areas(void **state)
{
	struct mem m = {"", 0, -1, 0};
	struct doc *doc = testlib_sample_doc();
	size_t count = 0;

	(void)state;
	assert_int_equal(dump_outline(doc, mem_write, &m, &count), STATUS_OK);
	assert_string_equal(m.s, "加快推動發展方式綠色轉型\n"
	                         "深入推進環境污染防治\n"
	                         "統籌生態系統保護修復\n"
	                         "積極穩妥推進碳達峰碳中和\n");
	assert_int_equal(count, 4);
	doc_free(doc);
}

static void
readings_are_stripped_from_a_title(void **state)
{
	(void)state;
	assert_string_equal(outline_of("深(shen)入推(tui)進(jin)環境污染(ran)("
	                               "ran)防(fang)(fang)"
	                               "治。" BODY "\n",
	                               NULL)
	                            .s,
	                    "深入推進環境污染防治\n");
}

static void
disclaimer_paragraph_is_not_a_section(void **state)
{
	size_t count = 99;

	(void)state;
	/* The sample's closing paragraph: its first sentence has no
	 * punctuation inside, but the body is too short. */
	assert_string_equal(
	        outline_of("以上信(xin)息源自于(yu)網絡。我(wo)們(men)"
	                   "對文中觀(guan)點保(bao)持(chi)立(li),僅供學習參("
	                   "can)考、交流(liu)之"
	                   "目的,如有侵犯版權請(qing)告(gao)知,我(wo)們(men)將("
	                   "jiang)及時刪(shan)"
	                   "除!",
	                   &count)
	                .s,
	        "");
	assert_int_equal(count, 0);
}

static void
short_sentence_without_a_body_is_not_a_section(void **state)
{
	(void)state;
	assert_string_equal(outline_of("加快推動發展方式綠色轉型。\n", NULL).s,
	                    "");
	assert_string_equal(
	        outline_of("加快推動發展方式綠色轉型。\n" BODY "\n", NULL).s,
	        "");
	/* One more sentence is not a body either. */
	assert_string_equal(
	        outline_of("加快推動發展方式綠色轉型。持續實施。\n", NULL).s,
	        "");
}

static void
short_sentence_with_a_body_is_a_section(void **state)
{
	(void)state;
	assert_string_equal(
	        outline_of("前言\n加快推動綠色轉型。" BODY "\n", NULL).s,
	        "加快推動綠色轉型\n");
}

static void
heading_with_punctuation_inside_is_not_a_section(void **state)
{
	(void)state;
	assert_string_equal(
	        outline_of("加快推動，綠色轉型。" BODY "\n", NULL).s, "");
	assert_string_equal(
	        outline_of("加快推動、綠色轉型。" BODY "\n", NULL).s, "");
	assert_string_equal(outline_of("加快 推動綠色轉型。" BODY "\n", NULL).s,
	                    "");
	assert_string_equal(
	        outline_of("“四減四增”三年行動。" BODY "\n", NULL).s, "");
}

static void
first_sentence_longer_than_the_limit_is_not_a_heading(void **state)
{
	char s[4096];
	int i;

	(void)state;
	/* OUTLINE_TITLE_MAX characters, then a long body: a heading. */
	s[0] = '\0';
	for (i = 0; i < OUTLINE_TITLE_MAX; i++)
		strcat(s, "綠");
	strcat(s, "。" BODY BODY BODY "\n");
	assert_int_equal(strlen(outline_of(s, NULL).s),
	                 OUTLINE_TITLE_MAX * strlen("綠") + 1);
	/* One character more: not a heading. */
	s[0] = '\0';
	for (i = 0; i <= OUTLINE_TITLE_MAX; i++)
		strcat(s, "綠");
	strcat(s, "。" BODY BODY BODY "\n");
	assert_string_equal(outline_of(s, NULL).s, "");
}

static void
markdown_headings_are_sections(void **state)
{
	size_t count = 0;

	(void)state;
	assert_string_equal(
	        outline_of("# Title\ntext\n### T\nmore\n", &count).s,
	        "Title\nT\n");
	assert_int_equal(count, 2);
	assert_string_equal(
	        outline_of("## 生(sheng)態(tai)保護, 第一部分  \n", NULL).s,
	        "生態保護, 第一部分\n");
	assert_string_equal(outline_of("###### Six\n", NULL).s, "Six\n");
}

static void
markdown_heading_needs_a_space_and_at_most_six_hashes(void **state)
{
	(void)state;
	assert_string_equal(outline_of("#NoSpace\n", NULL).s, "");
	assert_string_equal(outline_of("####### Seven\n", NULL).s, "");
	assert_string_equal(outline_of("#\n# \n", NULL).s, "");
	assert_string_equal(outline_of(" # Indented? no\n", NULL).s, "");
}

static void
title_is_safe_to_print(void **state)
{
	(void)state;
	/* An escape in a heading comes out as a placeholder. */
	assert_string_equal(outline_of("# A\x1b[2JB\n", NULL).s, "A^[[2JB\n");
}

static void
outline_title_fits_a_small_buffer(void **state)
{
	struct source *src = NULL;
	struct doc *doc;
	struct block *blk;
	struct bspan b;
	char buf[8];

	(void)state;
	assert_int_equal(source_from_memory("# 生態環境\n", 14, &src),
	                 STATUS_OK);
	doc = testlib_doc_over(src, NULL);
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(outline_title(blk, buf, sizeof(buf)), 1);
	/* Whole characters only: 生態 (6 bytes) and the NUL. */
	assert_string_equal(buf, "生態");
	block_free(blk);
	doc_free(doc);
}

static void
writer_failure_stops_the_outline(void **state)
{
	static const char full[] =
	        "加快推動發展方式綠色轉型\n深入推進環境污染防治\n";
	struct mem m = {"", 0, 1, 0};
	struct doc *doc = testlib_sample_doc();

	(void)state;
	assert_int_equal(dump_outline(doc, mem_write, &m, NULL), STATUS_IO);
	/* What was written is the start of the outline, and nothing more
	 * was tried after the first refusal. */
	assert_true(m.len > 0 && m.len < strlen(full));
	assert_memory_equal(m.s, full, m.len);
	assert_int_equal(m.refused, 1);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(sample_outline_is_the_four_policy_areas),
	        cmocka_unit_test(readings_are_stripped_from_a_title),
	        cmocka_unit_test(disclaimer_paragraph_is_not_a_section),
	        cmocka_unit_test(
	                short_sentence_without_a_body_is_not_a_section),
	        cmocka_unit_test(short_sentence_with_a_body_is_a_section),
	        cmocka_unit_test(
	                heading_with_punctuation_inside_is_not_a_section),
	        cmocka_unit_test(
	                first_sentence_longer_than_the_limit_is_not_a_heading),
	        cmocka_unit_test(markdown_headings_are_sections),
	        cmocka_unit_test(
	                markdown_heading_needs_a_space_and_at_most_six_hashes),
	        cmocka_unit_test(title_is_safe_to_print),
	        cmocka_unit_test(outline_title_fits_a_small_buffer),
	        cmocka_unit_test(writer_failure_stops_the_outline),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
