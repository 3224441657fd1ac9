/*
 * test-html.c: unit tests for HTML input: the converter (src/html.c), the
 * IAA notation it writes (src/parse-iaa.c) read back through the doc, and
 * html_sniff(); plus the html5lib-tests ruby tree-construction cases
 * (tests/data/html5lib-ruby/ruby.dat).
 *
 * Most tests describe a converted document as text: each block on a line,
 * plain runs as they are, a ruby run as [base|reading], a block marked as
 * a heading prefixed with "# ".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gumbo.h>

#include "doc.h"
#include "dump.h"
#include "html.h"
#include "outline.h"
#include "search.h"
#include "source.h"

#include "testlib.h"

#define DESC_MAX 4096

/* The runs of a parsed block appended to s as described above. */
static void
describe_block(const struct block *blk, char *s, size_t size)
{
	size_t r, o = strlen(s);
	uint32_t g;
	const struct run *run;

	if (blk->heading)
		o += (size_t)snprintf(s + o, size - o, "# ");
	for (r = 0; r < blk->nruns; r++) {
		run = &blk->runs[r];
		if (run->flags & RUN_RUBY)
			s[o++] = '[';
		for (g = run->g0; g < run->g1; g++) {
			assert_true(o + 5 < size);
			o += (size_t)utf8_encode(blk->g[g].cp, s + o);
		}
		if (run->flags & RUN_RUBY) {
			assert_true(o + run->rd_len + 3 < size);
			s[o++] = '|';
			memcpy(s + o, blk->text + run->rd_off, run->rd_len);
			o += run->rd_len;
			s[o++] = ']';
		}
	}
	assert_true(o + 2 < size);
	s[o++] = '\n';
	s[o] = '\0';
}

/* Every block of doc described, one per line. */
static void
describe_doc(struct doc *doc, char *s, size_t size)
{
	struct bspan b;
	struct block *blk;
	enum status st;

	s[0] = '\0';
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		describe_block(blk, s, size);
		block_free(blk);
		st = doc_block_next(doc, &b, &b);
	}
	assert_int_equal(st, STATUS_RANGE);
}

/* The first block of doc, parsed; the caller frees it. */
static struct block *
first_block(struct doc *doc)
{
	struct bspan b;
	struct block *blk;

	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	return blk;
}

/* A document in the IAA notation over iaa[0..len). */
static struct doc *
iaa_doc(const char *iaa, size_t len)
{
	struct doc_opts o;

	testlib_doc_opts(&o);
	o.notation = NOTATION_IAA;
	return testlib_doc_of(iaa, len, &o);
}

/* The HTML html converted, read back and described into s. */
static void
convert(const char *html, char *s, size_t size, struct html_stats *hs)
{
	char *iaa;
	size_t len;
	struct doc *doc;

	assert_int_equal(
	        html_to_iaa(html, strlen(html), &iaa, &len, hs), STATUS_OK);
	doc = iaa_doc(iaa, len);
	free(iaa);
	describe_doc(doc, s, size);
	doc_free(doc);
}

/* Assert that `html` reads as `want` (see the head comment). */
static void
check(const char *html, const char *want)
{
	char got[DESC_MAX];

	convert(html, got, sizeof(got), NULL);
	assert_string_equal(got, want);
}

static void
interleaved_bases_pair_with_the_rt_after_them(void **state)
{
	(void)state;
	check("<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>", "[漢|kan][字|ji]\n");
}

static void
rp_fallback_parentheses_are_dropped(void **state)
{
	(void)state;
	check("<p>我<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>字</p>",
	        "我[漢|hàn]字\n");
	check("<ruby>青空文庫<rp>（</rp><rt>あおぞらぶんこ</rt><rp>）</rp>"
	      "</ruby>",
	        "[青空文庫|あおぞらぶんこ]\n");
}

static void
a_word_under_one_reading_is_one_run(void **state)
{
	(void)state;
	check("<ruby>東京<rt>とうきょう</rt></ruby>に",
	        "[東京|とうきょう]に\n");
}

static void
explicit_bases_pair_in_order_with_implied_end_tags(void **state)
{
	(void)state;
	check("<ruby><rb>漢<rb>字<rt>kan<rt>ji</ruby>", "[漢|kan][字|ji]\n");
	check("<ruby><rb>漢</rb><rb>字</rb><rp>(</rp><rt>kan</rt><rt>ji</rt>"
	      "<rp>)</rp></ruby>",
	        "[漢|kan][字|ji]\n");
}

static void
surplus_bases_are_text_and_surplus_readings_dropped(void **state)
{
	struct html_stats hs;
	char got[DESC_MAX];

	(void)state;
	check("<ruby><rb>a<rb>b<rt>x</ruby>", "[a|x]b\n");
	convert("<ruby><rb>a<rt>x<rt>y</ruby>", got, sizeof(got), &hs);
	assert_string_equal(got, "[a|x]\n");
	assert_int_equal(hs.ruby, 1);
	assert_int_equal(hs.dropped, 1);
}

static void
an_rtc_after_rt_is_a_second_level_not_shown(void **state)
{
	(void)state;
	check("<ruby><rb>旧<rb>金<rb>山<rt>jiù<rt>jīn<rt>shān"
	      "<rtc>San Francisco</rtc></ruby>",
	        "[旧|jiù][金|jīn][山|shān]\n");
}

static void
an_rtc_alone_is_the_reading_its_text_spanning_all_bases(void **state)
{
	(void)state;
	check("<ruby><rb>旧<rb>金<rb>山<rtc>San Francisco</rtc></ruby>",
	        "[旧金山|San Francisco]\n");
	check("<ruby><rb>旧<rb>金<rtc><rt>jiù<rt>jīn</rtc></ruby>",
	        "[旧|jiù][金|jīn]\n");
}

static void
a_nested_ruby_keeps_the_inner_readings(void **state)
{
	struct html_stats hs;
	char got[DESC_MAX];

	(void)state;
	convert("<ruby><ruby>東<rt>とう</rt>南<rt>なん</rt></ruby>"
	        "<rt>たつみ</rt></ruby>",
	        got, sizeof(got), &hs);
	assert_string_equal(got, "[東|とう][南|なん]\n");
	assert_int_equal(hs.dropped, 1);
}

static void
a_reading_equal_to_its_base_is_hidden(void **state)
{
	(void)state;
	check("<ruby>振<rt>ふ</rt>り<rt>り</rt>仮<rt>が</rt></ruby>",
	        "[振|ふ]り[仮|が]\n");
}

static void
entities_are_decoded_in_bases_and_readings(void **state)
{
	(void)state;
	check("<ruby>&#x6F22;<rt>k&amp;n&lt;</rt></ruby>&nbsp;&copy;",
	        "[漢|k&n<]\u00a0\u00a9\n");
}

static void
inline_tags_in_bases_and_readings_give_their_text(void **state)
{
	(void)state;
	/* pinyin-pro's output: the base in a span */
	check("<ruby><span class=\"py-chinese-item\">汉</span><rp>(</rp>"
	      "<rt class=\"py-pinyin-item\">hàn</rt><rp>)</rp></ruby>",
	        "[汉|hàn]\n");
	check("<ruby><b>漢</b><i>字</i><rt> <em>kan</em>\n ji </rt></ruby>",
	        "[漢字|kan ji]\n");
}

static void
a_one_syllable_pinyin_reading_can_be_searched(void **state)
{
	struct doc *doc;
	struct block *blk;
	char *iaa;
	size_t len;

	(void)state;
	assert_int_equal(html_to_iaa("<ruby>漢<rt>hàn</rt>字<rt>zi</rt>"
	                             "東京<rt>とうきょう</rt></ruby>",
	                         strlen("<ruby>漢<rt>hàn</rt>字<rt>zi</rt>"
	                                "東京<rt>とうきょう</rt></ruby>"),
	                         &iaa, &len, NULL),
	        STATUS_OK);
	doc = iaa_doc(iaa, len);
	free(iaa);
	blk = first_block(doc);
	assert_int_equal(blk->nruns, 3);
	assert_string_equal(blk->runs[0].syl.s, "han");
	assert_int_equal(blk->runs[0].syl.tone, 4);
	assert_true(blk->runs[1].flags & RUN_TONELESS);
	assert_string_equal(blk->runs[2].syl.s, "");
	block_free(blk);
	doc_free(doc);
}

/* The section titles of converted html, one per line, into s. */
static void
titles_of(const char *html, char *s, size_t size)
{
	char *iaa, title[128];
	size_t len;
	struct doc *doc;
	struct bspan b;
	struct block *blk;
	enum status st;

	assert_int_equal(
	        html_to_iaa(html, strlen(html), &iaa, &len, NULL), STATUS_OK);
	doc = iaa_doc(iaa, len);
	free(iaa);
	s[0] = '\0';
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		if (outline_title(blk, title, sizeof(title))) {
			assert_true(strlen(s) + strlen(title) + 2 < size);
			strcat(s, title);
			strcat(s, "\n");
		}
		block_free(blk);
		st = doc_block_next(doc, &b, &b);
	}
	doc_free(doc);
}

/* Matches of q in doc: search_count (raw prefilter) and block by block. */
static size_t
count_matches(struct doc *doc, const char *q)
{
	struct search *s;
	struct bspan b;
	struct block *blk;
	size_t total = 0, index, exact = 0;
	int cancelled;
	enum status st;

	assert_int_equal(search_new(q, strlen(q), &s), STATUS_OK);
	assert_int_equal(
	        search_count(s, doc, 0, NULL, NULL, &total, &index, &cancelled),
	        STATUS_OK);
	st = doc_block_at(doc, 0, &b);
	while (st == STATUS_OK) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		exact += search_block(s, blk, NULL, 0);
		block_free(blk);
		st = doc_block_next(doc, &b, &b);
	}
	search_free(s);
	assert_int_equal(total, exact); /* the prefilter lost nothing */
	return total;
}

static void
text_and_readings_of_converted_html_can_be_searched(void **state)
{
	static const char html[] =
	        "<p>省<ruby>生<rt>shēng</rt>態<rt>tài</rt></ruby>環境，"
	        "<ruby>生態<rt>shēngtài</rt></ruby>。</p>"
	        "<p><ruby>東京<rt>とうきょう</rt></ruby>に<ruby>行<rt>い</rt>"
	        "</ruby>く。<ruby>生<rt>sheng1</rt></ruby>"
	        "<ruby>tai<rt>x</rt></ruby></p>";
	struct doc *doc;
	char *iaa;
	size_t len;

	(void)state;
	assert_int_equal(html_to_iaa(html, sizeof(html) - 1, &iaa, &len, NULL),
	        STATUS_OK);
	doc = iaa_doc(iaa, len);
	free(iaa);
	assert_int_equal(count_matches(doc, "生態"), 2);
	assert_int_equal(count_matches(doc, "省生態環境"), 1);
	assert_int_equal(count_matches(doc, "東京に行く"), 1);
	assert_int_equal(count_matches(doc, "shengtai"), 1);
	assert_int_equal(count_matches(doc, "sheng"), 2);
	assert_int_equal(count_matches(doc, "tai"), 2); /* a reading, a text */
	assert_int_equal(count_matches(doc, "とうきょう"), 0);
	doc_free(doc);
}

static void
headings_are_sections_with_no_mark_shown(void **state)
{
	const char *html = "<h1>第一章 <ruby>漢<rt>hàn</rt></ruby>字</h1>"
	                   "<p>正文</p><h3>二、<br>結論。</h3><h2> </h2>"
	                   "<p>一句話，沒有標題。</p>";
	char got[DESC_MAX];

	(void)state;
	check(html,
	        "# 第一章 [漢|hàn]字\n\n正文\n\n# 二、 結論。\n\n"
	        "一句話，沒有標題。\n");
	titles_of(html, got, sizeof(got));
	assert_string_equal(got, "第一章 漢字\n二、 結論\n");
}

static void
scripts_styles_templates_and_head_are_dropped(void **state)
{
	(void)state;
	check("<!DOCTYPE html><html><head><title>T</title>"
	      "<style>p{}</style><script>var a = '<p>x</p>';</script></head>"
	      "<body><p>a<script>alert(1)</script>b</p>"
	      "<template><p>t</p></template><!-- c --><noscript>n</noscript>"
	      "<img src=x.png alt=\"pic\"><img src=y.png></body></html>",
	        "ab\n\nnpic\n");
}

static void
whitespace_collapses_except_in_pre(void **state)
{
	(void)state;
	check("<p>  a \n\t b  </p>\n\n<div> c<span> </span>d </div>"
	      "<pre>  x  =\n\ty\n\n</pre><p>e</p>",
	        "a b\n\nc d\n\n  x  =\n y\n\ne\n"); /* a tab is a ' ' glyph */
	/* a line break between two Chinese or Japanese characters is no
	 * space (CSS Text 3 segment breaks); between others, or a space
	 * typed as such, it is; Hangul keeps it */
	check("<p>中文\n  字 a\nb 字\n<ruby>漢<rt>kan</rt></ruby>\nか。\n"
	      "한국\n어</p>",
	        "中文字 a b 字[漢|kan]か。 한국 어\n");
}

static void
lists_tables_and_line_breaks_are_lines(void **state)
{
	(void)state;
	check("<p>a<br>b<br><br>c</p>"
	      "<ul><li>one<li>two<ol><li>x<li>y</ol></ul>"
	      "<table><tr><th>A<th>B<tr><td>1<td><td>3</table>",
	        "a\nb\n\nc\n\n\u2022 one\n\u2022 two\n  1. x\n  2. y\n\n"
	        "A | B\n1 |  | 3\n");
}

static void
control_characters_reach_the_doc_only_as_placeholders(void **state)
{
	char got[DESC_MAX];

	(void)state;
	/* ESC from a character reference: the decoder shows it as ^[. The
	 * parser itself turns raw ESC and BEL bytes into U+FFFD, and the
	 * reference &#x9b; into U+203A, as HTML5 maps C1 references to
	 * windows-1252. */
	convert("<p>a&#x1b;[31mb\x1b]0;x\x07 c&#x9b;d</p>", got, sizeof(got),
	        NULL);
	assert_null(memchr(got, 0x1b, strlen(got)));
	assert_null(memchr(got, 0x07, strlen(got)));
	assert_null(strstr(got, "\xc2\x9b"));
	assert_string_equal(got, "a^[[31mb\ufffd]0;x\ufffd c\u203ad\n");
}

static void
annotation_characters_in_the_html_text_are_removed(void **state)
{
	(void)state;
	check("<p>a&#xfff9;b&#xfffa;c&#xfffb;d \xef\xbf\xb9x</p>"
	      "<p>&#xfffb;not a heading</p>",
	        "abcd x\n\nnot a heading\n");
}

static void
elements_nested_too_deep_still_give_their_text(void **state)
{
	enum { DEPTH = 2000 };
	char *html, *p, got[DESC_MAX];
	int i;

	(void)state;
	html = malloc(DEPTH * 6 + 64);
	assert_non_null(html);
	p = html;
	p += sprintf(p, "<p>top");
	for (i = 0; i < DEPTH; i++)
		p += sprintf(p, "<span>");
	sprintf(p, " deep <br> <ruby>text<rp>(<rt>no</ruby><script>no");
	convert(html, got, sizeof(got), NULL);
	assert_string_equal(got, "top deep text\n");
	free(html);
}

static void
empty_and_oversized_input(void **state)
{
	char *iaa = NULL;
	size_t len = 99;

	(void)state;
	check("", "\n");
	check("<html><body>  </body></html>", "\n");
	assert_int_equal(html_to_iaa("x", HTML_INPUT_MAX + 1, &iaa, &len, NULL),
	        STATUS_RANGE);
	assert_null(iaa);
	assert_int_equal(len, 99);
}

/* The IAA notation read directly: what the parser does with bad input. */
static void
unclosed_or_empty_annotations_keep_the_base_as_text(void **state)
{
	static const char iaa[] = "a\xef\xbf\xb9"
	                          "b\xef\xbf\xba"
	                          "x\xef\xbf\xbb" /* ok */
	                          "\xef\xbf\xb9"
	                          "c\xef\xbf\xbb" /* no reading */
	                          "\xef\xbf\xba"
	                          "d\xef\xbf\xbb" /* stray */
	                          "\xef\xbf\xb9\xef\xbf\xba"
	                          "y\xef\xbf\xbb" /* no base */
	                          "\xef\xbf\xb9"
	                          "e\xef\xbf\xba \xef\xbf\xbb" /* blank */
	                          "\xef\xbf\xb9"
	                          "f\xef\xbf\xba"
	                          "p\xef\xbf\xba"
	                          "q\xef\xbf\xbb" /* 2 levels */
	                          "\xef\xbf\xb9"
	                          "g\xef\xbf\xba"
	                          "z"; /* open */
	struct doc *doc = iaa_doc(iaa, sizeof(iaa) - 1);
	struct block *blk = first_block(doc);
	char got[DESC_MAX] = "";

	(void)state;
	describe_block(blk, got, sizeof(got));
	assert_string_equal(got, "a[b|x]cde[f|p]g\n");
	assert_int_equal(blk->groups, 2);
	assert_int_equal(blk->literal, 4);
	block_free(blk);
	doc_free(doc);
}

static void
other_notations_still_drop_annotation_characters(void **state)
{
	struct doc *doc = testlib_doc_of_str(
	        "\xef\xbf\xb9生\xef\xbf\xba(sheng)\xef\xbf\xbb", NULL);
	struct block *blk = first_block(doc);
	char got[DESC_MAX] = "";

	(void)state;
	describe_block(blk, got, sizeof(got));
	/* (A toneless reading takes its tone from the table.) */
	assert_string_equal(got, "[生|shēng]\n");
	block_free(blk);
	doc_free(doc);
}

static void
html_is_sniffed_by_name_and_content(void **state)
{
	static const char text[] = "生(sheng)態(tai) <b>not html</b>";

	(void)state;
	assert_true(html_sniff("a.html", "", 0));
	assert_true(html_sniff("dir/A.HTM", "", 0));
	assert_true(html_sniff("x.xhtml", text, strlen(text)));
	assert_false(html_sniff("a.txt", text, strlen(text)));
	assert_false(html_sniff(NULL, text, strlen(text)));
	assert_false(html_sniff("html", "", 0));
	assert_true(html_sniff(NULL, "\xef\xbb\xbf \n<!doctype HTML>", 20));
	assert_true(html_sniff(NULL, "<html lang=zh>", 14));
	assert_true(html_sniff(NULL, "<?xml version=\"1.0\"?>\n<html>", 28));
	assert_true(html_sniff(NULL, "notes: <ruby>漢<rt>kan</rt></ruby>", 20));
	assert_false(html_sniff(NULL, "<rubyx> <htmlfoo>", 17));
	assert_false(html_sniff(NULL, "<ruby", 5)); /* cut: no '>' seen */
	assert_true(html_sniff(NULL, "a < b, c<d <<RUBY\t", 19));
	assert_false(html_sniff(NULL, "a < b <", 7));
	assert_false(html_sniff(NULL, "x <rub<ruby", 11));
	assert_false(html_sniff(NULL, "ab <ruby>", 8)); /* '>' not looked at */
}

/* Only the first HTML_SNIFF_LEN bytes are looked at, up to the last. */
static void
html_sniff_looks_at_a_bounded_head(void **state)
{
	char buf[HTML_SNIFF_LEN + 64];

	(void)state;
	memset(buf, '<', sizeof(buf));
	memcpy(buf + HTML_SNIFF_LEN - 6, "<ruby>", 6);
	assert_true(html_sniff(NULL, buf, sizeof(buf)));
	assert_false(html_sniff(NULL, buf, HTML_SNIFF_LEN - 1));
	memcpy(buf + HTML_SNIFF_LEN - 6, "<<rub", 5);
	memcpy(buf + HTML_SNIFF_LEN - 1, "<ruby>", 6);
	assert_false(html_sniff(NULL, buf, sizeof(buf)));
}

/*
 * Is the block safe to draw: no GLYPH_IAA glyph in a run, every run glyph
 * printable (or a placeholder), every reading free of controls, C1
 * controls and annotation characters?
 */
static int
block_is_safe(const struct block *blk)
{
	const struct glyph *gl;
	const unsigned char *t = (const unsigned char *)blk->text;
	size_t r, i;
	uint32_t g;

	for (r = 0; r < blk->nruns; r++) {
		for (g = blk->runs[r].g0; g < blk->runs[r].g1; g++) {
			gl = &blk->g[g];
			if ((gl->flags & GLYPH_IAA) ||
			        (!(gl->flags & GLYPH_PLACEHOLDER) &&
			                utf8_cp_cols(gl->cp, 1) < 0))
				return 0;
		}
		if (!(blk->runs[r].flags & RUN_RUBY))
			continue;
		for (i = blk->runs[r].rd_off;
		        i < (size_t)blk->runs[r].rd_off + blk->runs[r].rd_len;
		        i++)
			if (t[i] < 0x20 || t[i] == 0x7f ||
			        (t[i] == 0xc2 && t[i + 1] >= 0x80 &&
			                t[i + 1] <= 0x9f) ||
			        (t[i] == 0xef && t[i + 1] == 0xbf &&
			                t[i + 2] >= 0xb9 && t[i + 2] <= 0xbb))
				return 0;
	}
	return 1;
}

static void
random_markup_never_makes_an_unsafe_run(void **state)
{
	static const char *const tok[] = {"<ruby>", "</ruby>", "<rt>", "</rt>",
	        "<rb>", "<rtc>", "<rp>", "(", "<h2>", "</h2>", "<p>", "<br>",
	        "<pre>", "</pre>", "<li>", "<table><tr><td>", "<td>", "\n", " ",
	        "\t", "漢", "字", "kan", "&#xfff9;", "&#xfffa;", "&#xfffb;",
	        "\xef\xbf\xbb", "\x1b[31m", "&#x1b;", "&#x9b;", "\xc2\x9b",
	        "&#x202e;", "\x07", "\xff", "<script>", "<!--", "-->",
	        "<template>", "&amp;", "&", "<", "<span>", "<b>", "<div>",
	        "<img alt=\"\x1b\">", "\r", "<ruby>漢<rt>kan",
	        "<ruby>漢<rt>kan</rt>字<rt>zi</rt></ruby>",
	        "<ruby><rb>字<rb>漢<rt>zi<rt>", "<ruby>\x1b<rt>&#x9b;x</ruby>",
	        "<ruby>漢<rt>&#xfffa;k&#x1b;\xff</rt></ruby>", "<rt>ji",
	        "<ruby>東京<rp>(<rt>\x07とう", "<ruby>a<rtc>b<rt>c</ruby>",
	        "<ruby><ruby>東<rt>とう</ruby><rt>x</ruby>"};
	enum { CASES = 3000, TOKENS = 24 };
	char html[TOKENS * 64], *iaa;
	unsigned long seed = 12345;
	size_t c, k, len, blocks = 0, ruby = 0;
	struct doc *doc;
	struct bspan b;
	struct block *blk;
	enum status st;

	(void)state;
	for (c = 0; c < CASES; c++) {
		html[0] = '\0';
		for (k = 0; k < TOKENS; k++) {
			seed = seed * 6364136223846793005ul +
			        1442695040888963407ul;
			strcat(html,
			        tok[(seed >> 33) %
			                (sizeof(tok) / sizeof(tok[0]))]);
		}
		assert_int_equal(
		        html_to_iaa(html, strlen(html), &iaa, &len, NULL),
		        STATUS_OK);
		doc = iaa_doc(iaa, len);
		free(iaa);
		st = doc_block_at(doc, 0, &b);
		while (st == STATUS_OK) {
			assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
			if (!block_is_safe(blk))
				fail_msg("unsafe run from: %s", html);
			blocks++;
			ruby += blk->groups;
			block_free(blk);
			st = doc_block_next(doc, &b, &b);
		}
		doc_free(doc);
	}
	/* the inputs did exercise ruby and line structure */
	printf("# %zu random pages: %zu blocks, %zu ruby pairs\n",
	        (size_t)CASES, blocks, ruby);
	assert_true(ruby > CASES / 4);
	assert_true(blocks > CASES);
}

/* ---- html5lib-tests tree-construction/ruby.dat ---- */

struct h5case {
	char data[256];
	char tree[2048]; /* #document lines, "| " prefixes kept */
};

/* Read the cases of ruby.dat; returns how many. */
static size_t
read_cases(struct h5case *cases, size_t max)
{
	const char *dir = getenv("TEST_DATA_DIR");
	char path[1024], line[512];
	size_t n = 0;
	int part = 0; /* 1 data, 2 errors, 3 document */
	FILE *f;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/html5lib-ruby/ruby.dat", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strcmp(line, "#data\n") == 0) {
			assert_true(n < max);
			memset(&cases[n++], 0, sizeof(cases[0]));
			part = 1;
		} else if (strcmp(line, "#errors\n") == 0) {
			part = 2;
		} else if (strcmp(line, "#document\n") == 0) {
			part = 3;
		} else if (part == 1 && n > 0) {
			line[strcspn(line, "\n")] = '\0';
			assert_true(strlen(cases[n - 1].data) + strlen(line) <
			        sizeof(cases[0].data));
			strcat(cases[n - 1].data, line);
		} else if (part == 3 && n > 0 && line[0] == '|') {
			assert_true(strlen(cases[n - 1].tree) + strlen(line) <
			        sizeof(cases[0].tree));
			strcat(cases[n - 1].tree, line);
		}
	}
	fclose(f);
	return n;
}

/* Gumbo's tree below `n` in html5lib's format (elements and text). */
static void
dump_tree(const GumboNode *n, int depth, char *s, size_t size)
{
	const GumboVector *v;
	size_t o = strlen(s);
	unsigned i;

	switch (n->type) {
	case GUMBO_NODE_ELEMENT:
		snprintf(s + o, size - o, "| %*s<%s>\n", 2 * depth, "",
		        gumbo_normalized_tagname(n->v.element.tag));
		v = &n->v.element.children;
		for (i = 0; i < v->length; i++)
			dump_tree(v->data[i], depth + 1, s, size);
		break;
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_WHITESPACE:
		snprintf(s + o, size - o, "| %*s\"%s\"\n", 2 * depth, "",
		        n->v.text.text);
		break;
	default:
		snprintf(s + o, size - o, "| %*s<?>\n", 2 * depth, "");
		break;
	}
}

/*
 * The expected tree written back as HTML with every end tag explicit, so
 * that parsing it gives that tree whatever the implied-end-tag rules.
 */
static void
serialise(const char *tree, char *s, size_t size)
{
	char open[32][16];
	int depth, top = 0;
	const char *p = tree, *e;
	size_t o = 0, k;

	s[0] = '\0';
	while (*p == '|') {
		p += 2;
		for (depth = 0; *p == ' '; p += 2)
			depth++;
		e = strchr(p, '\n');
		assert_non_null(e);
		while (top > depth)
			o += (size_t)snprintf(
			        s + o, size - o, "</%s>", open[--top]);
		if (*p == '<') {
			k = (size_t)(e - p) - 2;
			assert_true(k < sizeof(open[0]) && top < 32);
			memcpy(open[top], p + 1, k);
			open[top][k] = '\0';
			o += (size_t)snprintf(
			        s + o, size - o, "<%s>", open[top]);
			top++;
		} else {
			o += (size_t)snprintf(s + o, size - o, "%.*s",
			        (int)(e - p) - 2, p + 1);
		}
		assert_true(o < size);
		p = e + 1;
	}
	while (top > 0)
		o += (size_t)snprintf(s + o, size - o, "</%s>", open[--top]);
}

static void
html5lib_ruby_cases_build_the_expected_tree_and_pairs(void **state)
{
	static struct h5case cases[32];
	char tree[2048], ser[1024], want[DESC_MAX], got[DESC_MAX];
	size_t n, i, tree_ok = 0, pairs_ok = 0;
	GumboOutput *g;

	(void)state;
	n = read_cases(cases, 32);
	assert_int_equal(n, 21);
	for (i = 0; i < n; i++) {
		g = gumbo_parse(cases[i].data);
		tree[0] = '\0';
		dump_tree(g->root, 0, tree, sizeof(tree));
		gumbo_destroy_output(&kGumboDefaultOptions, g);
		if (strcmp(tree, cases[i].tree) == 0)
			tree_ok++;
		else
			printf("# case %zu %s: tree differs:\n%s# "
			       "expected:\n%s",
			        i + 1, cases[i].data, tree, cases[i].tree);
		serialise(cases[i].tree, ser, sizeof(ser));
		convert(ser, want, sizeof(want), NULL);
		convert(cases[i].data, got, sizeof(got), NULL);
		if (strcmp(got, want) == 0)
			pairs_ok++;
		else
			printf("# case %zu %s: pairs %s# expected (from %s): "
			       "%s",
			        i + 1, cases[i].data, got, ser, want);
	}
	printf("# html5lib ruby.dat: %zu/%zu trees as expected, %zu/%zu with "
	       "the expected ruby pairs\n",
	        tree_ok, n, pairs_ok, n);
	assert_int_equal(tree_ok, n);
	assert_int_equal(pairs_ok, n);
}

/* Two cases as pairs: a ruby inside an rtc over no base; an rtc's rt. */
static void
html5lib_nested_case_reads_as_expected(void **state)
{
	struct html_stats hs;
	char got[DESC_MAX];

	(void)state;
	convert("<html><ruby><rtc><ruby>a<rb>b<rt></ruby></ruby></html>", got,
	        sizeof(got), &hs);
	assert_string_equal(got, "\n"); /* an annotation with no base */
	assert_int_equal(hs.dropped, 1);
	check("<html><ruby>a<rtc>b<rt>c<rt>d</ruby></html>", "[a|c]\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(interleaved_bases_pair_with_the_rt_after_them),
	        cmocka_unit_test(rp_fallback_parentheses_are_dropped),
	        cmocka_unit_test(a_word_under_one_reading_is_one_run),
	        cmocka_unit_test(
	                explicit_bases_pair_in_order_with_implied_end_tags),
	        cmocka_unit_test(
	                surplus_bases_are_text_and_surplus_readings_dropped),
	        cmocka_unit_test(an_rtc_after_rt_is_a_second_level_not_shown),
	        cmocka_unit_test(
	                an_rtc_alone_is_the_reading_its_text_spanning_all_bases),
	        cmocka_unit_test(a_nested_ruby_keeps_the_inner_readings),
	        cmocka_unit_test(a_reading_equal_to_its_base_is_hidden),
	        cmocka_unit_test(entities_are_decoded_in_bases_and_readings),
	        cmocka_unit_test(
	                inline_tags_in_bases_and_readings_give_their_text),
	        cmocka_unit_test(a_one_syllable_pinyin_reading_can_be_searched),
	        cmocka_unit_test(
	                text_and_readings_of_converted_html_can_be_searched),
	        cmocka_unit_test(headings_are_sections_with_no_mark_shown),
	        cmocka_unit_test(scripts_styles_templates_and_head_are_dropped),
	        cmocka_unit_test(whitespace_collapses_except_in_pre),
	        cmocka_unit_test(lists_tables_and_line_breaks_are_lines),
	        cmocka_unit_test(
	                control_characters_reach_the_doc_only_as_placeholders),
	        cmocka_unit_test(
	                annotation_characters_in_the_html_text_are_removed),
	        cmocka_unit_test(
	                elements_nested_too_deep_still_give_their_text),
	        cmocka_unit_test(empty_and_oversized_input),
	        cmocka_unit_test(
	                unclosed_or_empty_annotations_keep_the_base_as_text),
	        cmocka_unit_test(
	                other_notations_still_drop_annotation_characters),
	        cmocka_unit_test(html_is_sniffed_by_name_and_content),
	        cmocka_unit_test(html_sniff_looks_at_a_bounded_head),
	        cmocka_unit_test(random_markup_never_makes_an_unsafe_run),
	        cmocka_unit_test(
	                html5lib_ruby_cases_build_the_expected_tree_and_pairs),
	        cmocka_unit_test(html5lib_nested_case_reads_as_expected),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
