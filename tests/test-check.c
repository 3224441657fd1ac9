/*
 * test-check.c: the parser's findings as rubi --check reports them
 * (src/parse.c records them, src/check.c words and places them).
 *
 * Each category on a crafted line, the sample's known artefacts, and no
 * finding on plain annotations or ordinary parentheses. Readings are
 * checked against the Unihan table the build generates
 * ($RUBI_DATADIR/unihan.bin; missing is an error).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "doc.h"

#include "testlib.h"

/* rubi --check's output for text s (file name "t"); totals to *tot. */
static struct testlib_out
check_of(const char *s, struct check_totals *tot)
{
	struct doc *doc = testlib_doc_of_str(s, NULL);
	struct testlib_out o = {"", 0};

	assert_int_equal(check_doc(doc, "t", testlib_table(), 1, testlib_out_write, &o,
	                         tot),
	        STATUS_OK);
	doc_free(doc);
	return o;
}

/* The findings lines of text s, without the summary line. */
static struct testlib_out
findings(const char *s)
{
	struct check_totals tot;
	struct testlib_out o = check_of(s, &tot);
	char *last;

	/* Drop the summary: the last line. */
	assert_true(o.len > 0 && o.s[o.len - 1] == '\n');
	o.s[o.len - 1] = '\0';
	last = strrchr(o.s, '\n');
	if (last != NULL)
		last[1] = '\0';
	else
		o.s[0] = '\0';
	return o;
}

static void
repeated_group_is_reported_where_it_starts(void **state)
{
	(void)state;
	assert_string_equal(findings("擴綠(lv)(lv)色").s,
	        "t:1:2: repeated group: 綠(lv)(lv)\n");
}

static void
parenthesis_after_an_annotation_is_reported(void **state)
{
	(void)state;
	assert_string_equal(findings("開發(fa)(fa)(EOD)模式").s,
	        "t:1:2: repeated group: 發(fa)(fa)\n"
	        "t:1:2: not a reading after an annotation: 發(fa)(fa)(EOD)\n");
	assert_string_equal(findings("他(ta)(an)").s,
	        "t:1:1: not a reading after an annotation: 他(ta)(an)\n");
}

static void
reading_unihan_does_not_know_names_the_readings_it_has(void **state)
{
	(void)state;
	assert_string_equal(findings("生(tai)").s,
	        "t:1:1: not a reading of the character: 生(tai) "
	        "(Unihan: shēng sheng)\n");
	/* In a word group the character that does not fit is named. */
	assert_string_equal(findings("環境(huan tai)").s,
	        "t:1:1: not a reading of the character: 環境(huan tai) "
	        "(Unihan: jìng)\n");
}

static void
written_tone_unihan_does_not_have_is_reported(void **state)
{
	(void)state;
	assert_string_equal(findings("生(sheng3)").s,
	        "t:1:1: tone not a reading of the character: 生(sheng3) "
	        "(Unihan: shēng sheng)\n");
	assert_string_equal(findings("生(sheng1)").s, "");
}

static void
reading_on_a_non_han_base_is_reported(void **state)
{
	(void)state;
	assert_string_equal(findings("かな(sheng)").s,
	        "t:1:2: reading on a non-Han base: な(sheng)\n");
}

static void
empty_malformed_and_mixed_groups_are_reported(void **state)
{
	(void)state;
	assert_string_equal(findings("生()態").s,
	        "t:1:1: empty group: 生()\n");
	assert_string_equal(findings("生（）").s,
	        "t:1:1: empty group: 生（）\n");
	assert_string_equal(findings("生(sheng").s,
	        "t:1:1: malformed group: 生(sheng\n");
	assert_string_equal(findings("生(zì4)").s,
	        "t:1:1: malformed group: 生(zì4)\n");
	assert_string_equal(findings("生(sheng tai)").s,
	        "t:1:1: malformed group: 生(sheng tai)\n");
	assert_string_equal(findings("生(sheng）").s,
	        "t:1:1: mixed ASCII and full-width parentheses: 生(sheng）\n");
	assert_string_equal(findings("生（sheng)").s,
	        "t:1:1: mixed ASCII and full-width parentheses: 生（sheng)\n");
}

static void
plain_annotations_and_ordinary_parentheses_are_not_flagged(void **state)
{
	struct check_totals tot;
	struct testlib_out o;

	(void)state;
	o = check_of("生(sheng)態(tai)環境(huánjìng)字（zì）綠(lv)，"
	             "台灣(Taiwan)、蘋果(apple)、(note) item(a) 2(3) "
	             "中文（見附錄）、見圖(1)和表（２）、年(2023)、"
	             "包括(a)方法(e)。",
	        &tot);
	assert_int_equal(tot.n, 0);
	assert_string_equal(o.s, "t: no suspicious annotations\n");
}

static void
lines_and_columns_count_characters(void **state)
{
	(void)state;
	assert_string_equal(findings("abc\n生態。擴綠(lv)(lv)\n\n保(bao)(bao)").s,
	        "t:2:5: repeated group: 綠(lv)(lv)\n"
	        "t:4:1: repeated group: 保(bao)(bao)\n");
}

static void
summary_counts_each_category(void **state)
{
	struct check_totals tot;
	struct testlib_out o;

	(void)state;
	o = check_of("綠(lv)(lv)保(bao)(bao)生()", &tot);
	assert_int_equal(tot.n, 3);
	assert_int_equal(tot.per_kind[FIND_REPEATED], 2);
	assert_int_equal(tot.per_kind[FIND_EMPTY], 1);
	assert_non_null(strstr(o.s, "\nt: 3 suspicious annotations "
	                            "(repeated group 2, empty group 1)\n"));
}

static void
next_finding_is_found_in_bounded_steps(void **state)
{
	/* Line 1 is 14 bytes with its LF, line 2 is empty (byte 14): the
	 * repeated group's 綠 starts line 3, at byte 15. */
	const char *text = "生(sheng)態\n\n綠(lv)(lv)生()\n";
	struct doc *doc = testlib_doc_of_str(text, NULL);
	size_t at = 0, base = 0, scanned = 0;
	char why[256];

	(void)state;
	/* Looking no more than 4 bytes on from 0 stops at line 2. */
	assert_int_equal(check_next(doc, 0, 4, testlib_table(), 1, &at, &base,
	                         &scanned, why, sizeof(why)),
	        STATUS_RANGE);
	assert_int_equal(scanned, 14);
	/* From there: the repeated group, pointing at its repeat. */
	assert_int_equal(check_next(doc, scanned, 4, testlib_table(), 1, &at,
	                         &base, &scanned, why, sizeof(why)),
	        STATUS_OK);
	assert_string_equal(why, "repeated group: 綠(lv)(lv)");
	assert_int_equal(base, 15);
	assert_int_equal(at, 15 + 3 + 4); /* 綠(lv) then the repeat */
	/* The next one after it: the empty group. */
	assert_int_equal(check_next(doc, at + 1, 0, testlib_table(), 1, &at,
	                         &base, &scanned, why, sizeof(why)),
	        STATUS_OK);
	assert_string_equal(why, "empty group: 生()");
	/* And none after that, to the end. */
	assert_int_equal(check_next(doc, at + 1, 0, testlib_table(), 1, &at,
	                         &base, &scanned, why, sizeof(why)),
	        STATUS_RANGE);
	assert_int_equal(scanned, strlen(text));
	doc_free(doc);
}

/* A writer that counts the lines written. */
static int
count_lines(void *ctx, const char *s, size_t len)
{
	size_t *n = ctx;

	for (size_t i = 0; i < len; i++)
		*n += s[i] == '\n';
	return 0;
}

static void
sample_reports_its_repeated_groups_and_eod_only(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct check_totals tot;
	size_t lines = 0;

	(void)state;
	assert_int_equal(check_doc(doc, "s", testlib_table(), 1, count_lines,
	                         &lines, &tot),
	        STATUS_OK);
	/* 113 groups written twice or more ((x)(x), as grep counts them)
	 * and one (EOD); nothing else. */
	assert_int_equal(tot.per_kind[FIND_REPEATED], 113);
	assert_int_equal(tot.per_kind[FIND_TRAILING], 1);
	assert_int_equal(tot.n, 114);
	assert_int_equal(lines, 115); /* and the summary */
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(repeated_group_is_reported_where_it_starts),
	        cmocka_unit_test(parenthesis_after_an_annotation_is_reported),
	        cmocka_unit_test(
	                reading_unihan_does_not_know_names_the_readings_it_has),
	        cmocka_unit_test(written_tone_unihan_does_not_have_is_reported),
	        cmocka_unit_test(reading_on_a_non_han_base_is_reported),
	        cmocka_unit_test(empty_malformed_and_mixed_groups_are_reported),
	        cmocka_unit_test(
	                plain_annotations_and_ordinary_parentheses_are_not_flagged),
	        cmocka_unit_test(lines_and_columns_count_characters),
	        cmocka_unit_test(summary_counts_each_category),
	        cmocka_unit_test(sample_reports_its_repeated_groups_and_eod_only),
	        cmocka_unit_test(next_finding_is_found_in_bounded_steps),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
