/*
 * test-export.c: unit tests for --export (src/export.c): HTML, base text
 * and inline readings from documents of any notation, and the round trip
 * through the HTML converter (src/html.c): what is exported as HTML reads
 * back as the same runs and the same sections.
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
#include "export.h"
#include "html.h"
#include "outline.h"
#include "source.h"

#include "testlib.h"

/* A growing writer into memory. */
struct mem {
	char *s;
	size_t len, cap;
	int fail; /* answer -1 to every call */
};

static int
mem_write(void *ctx, const char *s, size_t len)
{
	struct mem *m = ctx;

	if (m->fail)
		return -1;
	if (m->len + len + 1 > m->cap) {
		m->cap = (m->len + len + 1) * 2;
		m->s = realloc(m->s, m->cap);
		assert_non_null(m->s);
	}
	memcpy(m->s + m->len, s, len);
	m->len += len;
	m->s[m->len] = '\0';
	return 0;
}

/* doc exported in fmt; the caller frees the result. */
static char *
export_of(struct doc *doc, enum export_format fmt, const char *title)
{
	struct mem m = {NULL, 0, 0, 0};

	assert_int_equal(export_doc(doc, fmt, title, mem_write, &m), STATUS_OK);
	assert_non_null(m.s);
	return m.s;
}

/* The pinyin text s exported in fmt; the caller frees the result. */
static char *
export_str(const char *s, enum export_format fmt)
{
	struct doc *doc = testlib_doc_of_str(s, NULL);
	char *out = export_of(doc, fmt, "t");

	doc_free(doc);
	return out;
}

/* The body of an exported page: between <body>\n and </body>. */
static char *
body_of(char *page)
{
	char *b = strstr(page, "<body>\n"), *e = strstr(page, "</body>");

	assert_non_null(b);
	assert_non_null(e);
	*e = '\0';
	return b + 7;
}

static void
text_export_keeps_the_base_text_only(void **state)
{
	char *out;

	(void)state;
	out = export_str(
	        "生(sheng)態(tai)好。\n\n開發(fa)(fa)(EOD)\n", EXPORT_TEXT);
	assert_string_equal(out, "生態好。\n\n開發(EOD)\n");
	free(out);
}

static void
inline_export_writes_normalised_readings_in_parentheses(void **state)
{
	char *out;

	(void)state;
	out = export_str("生(sheng1)態(tai4) 綠(lv4)(lv4)\n", EXPORT_INLINE);
	assert_string_equal(out, "生(shēng)態(tài) 綠(lǜ)\n");
	free(out);
}

static void
html_export_is_a_standalone_escaped_page(void **state)
{
	struct doc *doc;
	char *out;

	(void)state;
	doc = testlib_doc_of_str(
	        "A&B <i>\"x\"</i> 生(sheng)\n\n\x1b[31m\n", NULL);
	out = export_of(doc, EXPORT_HTML, "a<b>&\x1b.txt");
	doc_free(doc);
	assert_string_equal(out,
	        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
	        "<title>a&lt;b&gt;&amp;^[.txt</title>\n</head>\n<body>\n"
	        "<p>A&amp;B &lt;i&gt;&quot;x&quot;&lt;/i&gt; <ruby>生<rp>(</rp>"
	        "<rt>shēng</rt><rp>)</rp></ruby></p>\n"
	        "<p>^[[31m</p>\n</body>\n</html>\n");
	free(out);
}

static void
a_run_in_heading_becomes_an_h2_and_its_body_a_p(void **state)
{
	char *out;

	(void)state;
	out = export_str("綠(lv)色轉型。第一句很長的正文。第二句也很長的正文。"
	                 "\n# 標題\n",
	        EXPORT_HTML);
	assert_string_equal(body_of(out),
	        "<h2><ruby>綠<rp>(</rp><rt>lǜ</rt><rp>)</rp></ruby>色轉型。"
	        "</h2>\n<p>第一句很長的正文。第二句也很長的正文。</p>\n"
	        "<h2>標題</h2>\n");
	free(out);
}

static void
a_failing_writer_stops_the_export(void **state)
{
	struct doc *doc = testlib_doc_of_str("a\nb\n", NULL);
	struct mem m = {NULL, 0, 0, 1};

	(void)state;
	assert_int_equal(
	        export_doc(doc, EXPORT_TEXT, NULL, mem_write, &m), STATUS_IO);
	assert_int_equal(
	        export_doc(doc, EXPORT_HTML, NULL, mem_write, &m), STATUS_IO);
	doc_free(doc);
}

/*
 * The whole document as one string: ruby runs as [base|reading], plain
 * text as it is, blocks joined with nothing between (HTML may split a
 * block in two: a heading and its body). Section titles go to titles.
 */
static char *
flatten(struct doc *doc, char *titles, size_t tsize, size_t *nruby)
{
	struct mem m = {NULL, 0, 0, 0};
	struct bspan b;
	struct block *blk;
	const struct run *r;
	char enc[4], title[256];
	enum status st;
	uint32_t g;
	size_t i;

	titles[0] = '\0';
	*nruby = 0;
	mem_write(&m, "", 0);
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		if (outline_title(blk, title, sizeof(title))) {
			assert_true(strlen(titles) + strlen(title) + 2 < tsize);
			strcat(titles, title);
			strcat(titles, "\n");
		}
		for (i = 0; i < blk->nruns; i++) {
			r = &blk->runs[i];
			if (r->flags & RUN_RUBY) {
				mem_write(&m, "[", 1);
				++*nruby;
			}
			for (g = r->g0; g < r->g1; g++)
				mem_write(&m, enc,
				        (size_t)utf8_encode(blk->g[g].cp, enc));
			if (r->flags & RUN_RUBY) {
				mem_write(&m, "|", 1);
				mem_write(&m, blk->text + r->rd_off, r->rd_len);
				mem_write(&m, "]", 1);
			}
		}
		block_free(blk);
		st = doc_block_next(doc, &b, &b);
	}
	assert_int_equal(st, STATUS_RANGE);
	return m.s;
}

/*
 * Export doc as HTML, read it back, compare runs and sections; the doc
 * must hold at least min_ruby readings for the comparison to mean much.
 */
static void
round_trip(struct doc *doc, size_t min_ruby)
{
	struct doc_opts o;
	struct html_stats hs;
	struct doc *back;
	char *page, *iaa, *a, *b;
	char ta[4096], tb[4096];
	size_t len, na, nb;

	page = export_of(doc, EXPORT_HTML, "round trip");
	assert_int_equal(
	        html_to_iaa(page, strlen(page), &iaa, &len, &hs), STATUS_OK);
	free(page);
	assert_int_equal(hs.dropped, 0);
	testlib_doc_opts(&o);
	o.notation = NOTATION_IAA;
	back = testlib_doc_of(iaa, len, &o);
	free(iaa);
	a = flatten(doc, ta, sizeof(ta), &na);
	b = flatten(back, tb, sizeof(tb), &nb);
	assert_true(na >= min_ruby);
	assert_int_equal(hs.ruby, na);
	assert_int_equal(nb, na);
	assert_string_equal(b, a);
	assert_string_equal(tb, ta);
	doc_free(back);
	free(a);
	free(b);
}

static void
the_sample_exported_as_html_reads_back_as_the_same_runs(void **state)
{
	struct doc *doc = testlib_sample_doc();
	char titles[4096], *flat;
	size_t n;

	(void)state;
	flat = flatten(doc, titles, sizeof(titles), &n);
	/* the comparison means something: readings and sections */
	assert_non_null(strstr(flat, "[生|shēng][態|tài]"));
	assert_non_null(strstr(titles, "統籌生態系統保護修復\n"));
	free(flat);
	round_trip(doc, 400);
	doc_free(doc);
}

static void
escaped_text_and_toneless_readings_survive_the_round_trip(void **state)
{
	struct doc *doc = testlib_doc_of_str(
	        "A&B <i>\"q\"</i> 生(sheng)態(tai4) &amp;\n\n"
	        "綠(lv)色轉型。第一句很長的正文。第二句也很長的正文。\n"
	        "\x1b[31m 開發(fa)(fa)(EOD)\n",
	        NULL);

	(void)state;
	round_trip(doc, 4);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(text_export_keeps_the_base_text_only),
	        cmocka_unit_test(
	                inline_export_writes_normalised_readings_in_parentheses),
	        cmocka_unit_test(html_export_is_a_standalone_escaped_page),
	        cmocka_unit_test(
	                a_run_in_heading_becomes_an_h2_and_its_body_a_p),
	        cmocka_unit_test(a_failing_writer_stops_the_export),
	        cmocka_unit_test(
	                the_sample_exported_as_html_reads_back_as_the_same_runs),
	        cmocka_unit_test(
	                escaped_text_and_toneless_readings_survive_the_round_trip),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
