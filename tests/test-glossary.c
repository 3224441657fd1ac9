/*
 * test-glossary.c: the known-character set and its list form
 * (src/known.c), and the glossary that leaves known characters out
 * (src/glossary.c). Readings and meanings come from the Unihan table the
 * build generates ($RUBI_DATADIR/unihan.bin; missing is an error).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "doc.h"
#include "glossary.h"
#include "known.h"
#include "layout.h"

#include "testlib.h"

/* The glossary of text s, leaving out `skip` (may be NULL). */
static struct testlib_out
glossary_of(const char *s, const struct known *skip, size_t *lines)
{
	struct doc *doc = testlib_doc_of_str(s, NULL);
	struct testlib_out o = {"", 0};

	assert_int_equal(glossary_write(doc, testlib_table(), skip, testlib_out_write, &o,
	                         lines),
	        STATUS_OK);
	doc_free(doc);
	return o;
}

/* The glossary of text s in notation n. */
static struct testlib_out
glossary_in(const char *s, enum notation n)
{
	struct doc_opts opts;
	struct doc *doc;
	struct testlib_out o = {"", 0};

	testlib_doc_opts(&opts);
	opts.notation = n;
	doc = testlib_doc_of_str(s, &opts);
	assert_int_equal(glossary_write(doc, testlib_table(), NULL,
	                         testlib_out_write, &o, NULL),
	        STATUS_OK);
	doc_free(doc);
	return o;
}

/*
 * Notations that annotate words (Aozora, Markdown) give one line per word
 * and reading, as written; a one-character base also gets its meaning.
 */
static void
words_and_kana_readings_are_pairs_too(void **state)
{
	(void)state;
	assert_string_equal(
	        glossary_in("\xe4\xb8\x8b\xe4\xba\xba\xe3\x80\x8a"
	                    "\xe3\x81\x92\xe3\x81\xab\xe3\x82\x93"
	                    "\xe3\x80\x8b\xe3\x81\xae\xe7\xb3\x9e"
	                    "\xe3\x80\x8a\xe3\x81\xb5\xe3\x82\x93"
	                    "\xe3\x80\x8b\n\xe4\xb8\x8b\xe4\xba\xba"
	                    "\xe3\x80\x8a\xe3\x81\x92\xe3\x81\xab"
	                    "\xe3\x82\x93\xe3\x80\x8b\n",
	                NOTATION_AOZORA)
	                .s,
	        "下人\tげにん\t2\t1:1\t\n"
	        "糞\tふん\t1\t1:9\tmanure, dung, night soil\n");
	assert_string_equal(
	        glossary_in("{電子|でんし}と{電子|でんし}\n", NOTATION_MARKDOWN)
	                .s,
	        "電子\tでんし\t2\t1:2\t\n");
}

static struct known *
known_of(const char *list)
{
	struct known *k = NULL;

	assert_int_equal(known_new(&k), STATUS_OK);
	assert_int_equal(known_add_list(k, list, strlen(list), NULL),
	        STATUS_OK);
	return k;
}

static void
glossary_has_five_columns_in_order_of_first_occurrence(void **state)
{
	size_t lines = 0;

	(void)state;
	assert_string_equal(
	        glossary_of("綠(lv)色\n生(sheng)態(tai)，生(sheng)\n", NULL,
	                &lines)
	                .s,
	        "綠\tlǜ\t1\t1:1\tgreen; chlorine\n"
	        "生\tshēng\t2\t2:1\tlife, living, lifetime; birth\n"
	        "態\ttài\t1\t2:9\tmanner, bearing, attitude\n");
	assert_int_equal(lines, 3);
}

static void
polyphone_read_two_ways_gets_two_lines(void **state)
{
	(void)state;
	assert_string_equal(glossary_of("行(xing)人行(hang)業行(xing)", NULL,
	                            NULL)
	                            .s,
	        "行\txíng\t2\t1:1\tgo; walk; move, travel; circulate; "
	        "Kangxi radical 144\n"
	        "行\tháng\t1\t1:9\tgo; walk; move, travel; circulate; "
	        "Kangxi radical 144\n");
}

static void
known_characters_are_left_out(void **state)
{
	struct known *k = known_of("生\n");

	(void)state;
	assert_string_equal(glossary_of("生(sheng)態(tai)", k, NULL).s,
	        "態\ttài\t1\t1:9\tmanner, bearing, attitude\n");
	known_free(k);
}

static void
sample_glossary_counts_every_annotation(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct testlib_out *o = calloc(1, sizeof(*o));
	size_t lines = 0, total = 0;
	char *p;

	(void)state;
	assert_non_null(o);
	assert_int_equal(glossary_write(doc, testlib_table(), NULL, testlib_out_write, o,
	                         &lines),
	        STATUS_OK);
	/* The counts add up to the sample's ruby runs: 生 alone is 22. */
	for (p = o->s; *p; p = strchr(p, '\n') + 1) {
		char *c = strchr(strchr(p, '\t') + 1, '\t') + 1;
		total += strtoul(c, NULL, 10);
	}
	assert_true(lines > 100);
	assert_non_null(strstr(o->s, "生\tshēng\t22\t2:2\t"));
	assert_true(total > lines);
	free(o);
	doc_free(doc);
}

static void
count_in_small_steps_gives_the_whole_count(void **state)
{
	struct doc *doc = testlib_sample_doc();
	size_t off = 0, n = 0, calls = 0, whole = 0, whole_off = 0;

	(void)state;
	/* 生 occurs 22 times in the sample (grep -o 生 | wc -l). */
	assert_int_equal(glossary_count(doc, 0x751f, &whole_off, 0, &whole),
	        STATUS_OK);
	assert_int_equal(whole, 22);
	assert_int_equal(whole_off, doc_size(doc));
	/* 5 bytes at a time: every window edge splits some 生. */
	while (off < doc_size(doc)) {
		assert_int_equal(glossary_count(doc, 0x751f, &off, 5, &n),
		        STATUS_OK);
		calls++;
	}
	assert_int_equal(n, 22);
	assert_true(calls > 1000);
	doc_free(doc);
}

static void
list_takes_han_characters_and_ignores_the_rest(void **state)
{
	struct known *k = known_of("# my list 字\n生 態, shēng\n綠綠\n# x 色\n"
	                           "ab\xff環");
	char buf[64];

	(void)state;
	assert_int_equal(known_count(k), 4);
	assert_true(known_has(k, 0x751f)); /* 生 */
	assert_false(known_has(k, 0x5b57)); /* 字: on a comment line */
	assert_true(known_format(k, buf, sizeof(buf)) == 16);
	assert_string_equal(buf, "態\n環\n生\n綠\n");
	known_free(k);
}

static void
set_and_unset_keep_the_set_sorted(void **state)
{
	struct known *k = known_of("");

	(void)state;
	assert_int_equal(known_set(k, 0x751f, 1), STATUS_OK);
	assert_int_equal(known_set(k, 0x614b, 1), STATUS_OK);
	assert_int_equal(known_set(k, 0x751f, 1), STATUS_OK);
	assert_int_equal(known_count(k), 2);
	assert_int_equal(known_at(k, 0), 0x614b);
	assert_int_equal(known_set(k, 0x614b, 0), STATUS_OK);
	assert_int_equal(known_count(k), 1);
	assert_int_equal(known_set(k, 'a', 1), STATUS_RANGE);
	assert_false(known_has(NULL, 0x751f));
	known_free(k);
}

static void
short_buffer_holds_whole_lines_only(void **state)
{
	struct known *k = known_of("生態");
	char buf[6];

	(void)state;
	assert_int_equal(known_format(k, buf, sizeof(buf)), 8);
	assert_string_equal(buf, "態\n");
	known_free(k);
}

static void
list_file_round_trips(void **state)
{
	struct known *k = known_of("生態綠"), *back = known_of("");
	char path[4096], buf[64];
	size_t added = 0;
	int fd;

	(void)state;
	fd = testlib_temp_file("", 0, path, sizeof(path));
	close(fd);
	assert_int_equal(known_save_file(k, path), STATUS_OK);
	assert_int_equal(known_load_file(back, path, &added), STATUS_OK);
	assert_int_equal(added, 3);
	known_format(back, buf, sizeof(buf));
	assert_string_equal(buf, "態\n生\n綠\n");
	unlink(path);
	assert_int_equal(known_load_file(back, path, NULL), STATUS_IO);
	known_free(k);
	known_free(back);
}

/* Row r of line 0 of text s laid out in `mode` with `known`. */
static const char *
row_of(const char *s, enum ruby_mode mode, const struct known *known, int r,
        char *buf, size_t size)
{
	struct doc *doc = testlib_doc_of_str(s, NULL);
	struct block *blk = NULL;
	struct layout *lay = NULL;
	struct layout_extra x = {known, READING_MARKS};
	struct bspan b;

	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	assert_int_equal(layout_block_ex(blk, 40, mode, 1, &x, &lay),
	        STATUS_OK);
	assert_true(layout_row_text(lay, 0, r, buf, size) < size);
	layout_free(lay);
	block_free(blk);
	doc_free(doc);
	return buf;
}

static void
known_characters_lose_their_reading_above_and_inline_only(void **state)
{
	struct known *k = known_of("生");
	char buf[256];

	(void)state;
	assert_string_equal(
	        row_of("生(sheng)態(tai)", RUBY_ABOVE, NULL, 0, buf, sizeof(buf)),
	        "shēng tài");
	assert_string_equal(
	        row_of("生(sheng)態(tai)", RUBY_ABOVE, k, 0, buf, sizeof(buf)),
	        "  tài");
	assert_string_equal(
	        row_of("生(sheng)態(tai)", RUBY_ABOVE, k, 1, buf, sizeof(buf)),
	        "生態");
	assert_string_equal(
	        row_of("生(sheng)態(tai)", RUBY_INLINE, k, 0, buf, sizeof(buf)),
	        "生態(tài)");
	known_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(
	                glossary_has_five_columns_in_order_of_first_occurrence),
	        cmocka_unit_test(polyphone_read_two_ways_gets_two_lines),
	        cmocka_unit_test(known_characters_are_left_out),
	        cmocka_unit_test(words_and_kana_readings_are_pairs_too),
	        cmocka_unit_test(sample_glossary_counts_every_annotation),
	        cmocka_unit_test(count_in_small_steps_gives_the_whole_count),
	        cmocka_unit_test(list_takes_han_characters_and_ignores_the_rest),
	        cmocka_unit_test(set_and_unset_keep_the_set_sorted),
	        cmocka_unit_test(short_buffer_holds_whole_lines_only),
	        cmocka_unit_test(list_file_round_trips),
	        cmocka_unit_test(
	                known_characters_lose_their_reading_above_and_inline_only),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
