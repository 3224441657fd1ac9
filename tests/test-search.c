/*
 * test-search.c: unit tests for src/search.c.
 *
 * Documents are built in memory (or written to a temporary file, to go
 * through the file window of src/source.c) and parsed in the inline
 * pinyin notation with the Unihan table the build generates, found as
 * $RUBI_DATADIR/unihan.bin (make check sets it); a missing table is an
 * error, never a silent pass. The sample article is read from
 * $top_srcdir/data.
 *
 * The fast paths of search_next() and search_count() (raw prefilter,
 * windows) are checked against an oracle that parses every block and
 * calls search_block().
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
#include "search.h"
#include "source.h"
#include "unihan.h"

#include "testlib.h"

/* A document over a copy of the NUL-terminated s. */
static struct doc *
doc_of(const char *s)
{
	return testlib_doc_of_str(s, NULL);
}

/* A document over a temporary file holding s[0..len) (read in windows). */
static struct doc *
doc_of_file(const char *s, size_t len)
{
	struct source *src = NULL;
	char path[4096];
	int fd = testlib_temp_file(s, len, path, sizeof(path));

	assert_int_equal(close(fd), 0);
	assert_int_equal(source_open(path, &src), STATUS_OK);
	unlink(path);
	return testlib_doc_over(src, NULL);
}

static struct search *
query(const char *q)
{
	struct search *s = NULL;

	assert_int_equal(search_new(q, strlen(q), &s), STATUS_OK);
	assert_non_null(s);
	return s;
}

/* search_next() for query q, never cancelled. */
static enum status
find(struct doc *doc, const char *q, size_t from, int dir, struct match *m)
{
	struct search *s = query(q);
	enum status st;
	int cancelled = -1;

	st = search_next(s, doc, from, dir, NULL, NULL, m, &cancelled);
	assert_int_equal(cancelled, 0);
	search_free(s);
	return st;
}

/* The first match after the top of the document; it must exist. */
static struct match
first(struct doc *doc, const char *q)
{
	struct match m = {0, 0};

	assert_int_equal(find(doc, q, 0, 1, &m), STATUS_OK);
	assert_true(m.end > m.off);
	return m;
}

/* Is there no match of q in the whole document? */
static int
nowhere(struct doc *doc, const char *q)
{
	struct match m = {77, 88};
	struct search *s = query(q);
	size_t total = 99, index = 99;
	int cancelled = -1, none;

	none = search_next(s, doc, 0, 1, NULL, NULL, &m, &cancelled) ==
	       STATUS_RANGE;
	/* Nothing is written when nothing is found. */
	assert_int_equal(m.off, 77);
	assert_int_equal(m.end, 88);
	assert_int_equal(
	        search_count(s, doc, 0, NULL, NULL, &total, &index, &cancelled),
	        STATUS_OK);
	assert_int_equal(cancelled, 0);
	search_free(s);
	return none && total == 0 && index == 0;
}

/* Byte offset of the n-th (0-based) occurrence of needle in hay. */
static size_t
offset_of(const char *hay, const char *needle, int n)
{
	const char *p = hay;

	for (;;) {
		p = strstr(p, needle);
		assert_non_null(p);
		if (n-- == 0)
			return (size_t)(p - hay);
		p++;
	}
}

/* ---- The oracle: every block parsed and searched ---- */

struct matches {
	struct match *m;
	size_t n;
};

static struct matches
all_matches(struct doc *doc, const char *q)
{
	struct search *s = query(q);
	struct matches all = {NULL, 0};
	struct block *blk;
	struct bspan b, nb;
	size_t k, cnt;

	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	for (;;) {
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		cnt = search_block(s, blk, NULL, 0);
		all.m = realloc(all.m, (all.n + cnt + 1) * sizeof(*all.m));
		assert_non_null(all.m);
		assert_int_equal(search_block(s, blk, all.m + all.n, cnt), cnt);
		for (k = 0; k < cnt; k++)
			assert_true(all.m[all.n + k].off >= b.off &&
			            all.m[all.n + k].end <= b.end);
		all.n += cnt;
		block_free(blk);
		if (doc_block_next(doc, &b, &nb) != STATUS_OK)
			break;
		b = nb;
	}
	search_free(s);
	return all;
}

/* search_next() from `from` must give match `want` (of all.n), or none. */
static void
assert_next(const struct search *s, struct doc *doc, size_t from, int dir,
            const struct matches *all, size_t want)
{
	struct match m = {0, 0};
	enum status st;
	int cancelled = -1;

	st = search_next(s, doc, from, dir, NULL, NULL, &m, &cancelled);
	assert_int_equal(cancelled, 0);
	if (want >= all->n) {
		assert_int_equal(st, STATUS_RANGE);
		return;
	}
	assert_int_equal(st, STATUS_OK);
	assert_int_equal(m.off, all->m[want].off);
	assert_int_equal(m.end, all->m[want].end);
}

/*
 * search_next() in both directions and search_count() agree with the
 * oracle, around every match (around at most about 64 of them, spread
 * over the document, when there are many).
 */
static void
assert_scans_agree(struct doc *doc, const char *q, size_t expect)
{
	struct matches all = all_matches(doc, q);
	struct search *s = query(q);
	size_t k, total, index, off, none = (size_t)-1;
	int cancelled;

	assert_int_equal(all.n, expect);
	if (all.n == 0) {
		assert_next(s, doc, 0, 1, &all, none);
		assert_next(s, doc, doc_size(doc), -1, &all, none);
	}
	for (k = 0; k < all.n; k += all.n / 64 + 1) {
		off = all.m[k].off;
		assert_next(s, doc, off, 1, &all, k + 1);
		assert_next(s, doc, off, -1, &all, k > 0 ? k - 1 : none);
		if (off > 0)
			assert_next(s, doc, off - 1, 1, &all, k);
		assert_next(s, doc, off + 1, -1, &all, k);
	}
	/* Counting parses every candidate block: a few places will do. */
	for (k = 0; k < all.n; k += all.n / 3 + 1) {
		assert_int_equal(search_count(s, doc, all.m[k].off, NULL, NULL,
		                              &total, &index, &cancelled),
		                 STATUS_OK);
		assert_int_equal(total, all.n);
		assert_int_equal(index, k + 1);
	}
	if (all.n > 0) {
		/* The last match, and nothing after it (no wrap-around). */
		assert_next(s, doc, doc_size(doc), -1, &all, all.n - 1);
		assert_next(s, doc, all.m[all.n - 1].off, 1, &all, none);
	}
	search_free(s);
	free(all.m);
}

/* ---- Base text ---- */

static void
text_query_finds_base_text_across_readings(void **state)
{
	const char *t = "省生(sheng)態(tai)環境";
	struct doc *doc = doc_of(t);
	struct match m = first(doc, "生態");

	(void)state;
	assert_int_equal(m.off, offset_of(t, "生", 0));
	assert_int_equal(m.end, offset_of(t, "(tai)", 0));
	m = first(doc, "態環境");
	assert_int_equal(m.off, offset_of(t, "態", 0));
	assert_int_equal(m.end, strlen(t));
	doc_free(doc);
}

static void
readings_are_not_base_text(void **state)
{
	struct doc *doc = doc_of("生(sheng)態(tai)");

	(void)state;
	assert_true(nowhere(doc, "(sheng)"));
	assert_true(nowhere(doc, "生(")); /* the parenthesis is notation */
	doc_free(doc);
}

static void
latin_text_in_the_article_is_found_as_text(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct source *src = doc_source(doc);
	struct search *s = query("EOD");
	struct match m = first(doc, "EOD");
	const char *p;
	size_t got;

	(void)state;
	assert_false(search_is_reading(s));
	assert_int_equal(source_get(src, m.off, m.end - m.off, &p, &got),
	                 STATUS_OK);
	assert_int_equal(got, 3);
	assert_memory_equal(p, "EOD", 3);
	/* Twice in the sample: "開發(EOD)模式" and "家EOD模式". */
	assert_scans_agree(doc, "EOD", 2);
	search_free(s);
	doc_free(doc);
}

static void
lower_case_query_ignores_case_and_a_capital_does_not(void **state)
{
	struct doc *doc = doc_of("Rubi reads EOD and eod.\n");

	(void)state;
	assert_scans_agree(doc, "eod", 2);
	assert_scans_agree(doc, "EOD", 1);
	assert_scans_agree(doc, "Eod", 0);
	assert_scans_agree(doc, "rubi", 1);
	doc_free(doc);
}

static void
invisible_characters_in_the_text_do_not_hide_a_match(void **state)
{
	/* Decoding drops U+200B and U+00AD, so the text reads END-OF-BIG. */
	struct doc *doc = doc_of("END\xe2\x80\x8b-OF-\xc2\xad"
	                         "BIG\n生\xe2\x80\x8b(sheng)態(tai)\n");

	(void)state;
	assert_scans_agree(doc, "END-OF-BIG", 1);
	assert_scans_agree(doc, "生態", 1);
	doc_free(doc);
}

static void
a_match_never_ends_inside_combining_marks(void **state)
{
	/* "é" spelt e + U+0301, then "e" alone. */
	struct doc *doc = doc_of("cafe\xcc\x81 cafe\n");
	struct match m;

	(void)state;
	assert_scans_agree(doc, "cafe", 1);
	m = first(doc, "cafe");
	assert_int_equal(m.off, 7);
	assert_scans_agree(doc, "cafe\xcc\x81", 1);
	doc_free(doc);
}

/* ---- Readings ---- */

static void
every_reading_spelling_finds_the_same_place_in_the_sample(void **state)
{
	static const char *const spellings[] = {
	        "shengtai",
	        "sheng tai",
	        "sheng'tai",
	        "Sheng Tai",
	        "sh\xc4\x93ngt\xc3\xa0i",   /* shēngtài */
	        "she\xcc\x84ngta\xcc\x80i", /* combining marks */
	        "sheng1tai4",
	        "\xef\xbd\x93hengtai", /* full-width s */
	        "  shengtai",
	};
	struct doc *doc = testlib_sample_doc();
	struct match text = first(doc, "生態"), m;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(spellings) / sizeof(spellings[0]); k++) {
		m = first(doc, spellings[k]);
		if (m.off != text.off || m.end != text.end)
			fprintf(stderr,
			        "\"%s\" found [%zu, %zu), 生態 [%zu, "
			        "%zu)\n",
			        spellings[k], m.off, m.end, text.off, text.end);
		assert_int_equal(m.off, text.off);
		assert_int_equal(m.end, text.end);
	}
	doc_free(doc);
}

static void
text_and_reading_queries_count_the_same_in_the_sample(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct matches text = all_matches(doc, "生態");

	(void)state;
	assert_true(text.n > 10);
	assert_scans_agree(doc, "生態", text.n);
	assert_scans_agree(doc, "shengtai", text.n);
	assert_scans_agree(doc, "sheng tai", text.n);
	free(text.m);
	doc_free(doc);
}

static void
reading_match_starts_and_ends_on_syllable_boundaries(void **state)
{
	struct doc *doc = doc_of("生(sheng)態(tai)環(huan)境(jing)\n");

	(void)state;
	assert_true(nowhere(doc, "engta"));
	assert_true(nowhere(doc, "shengta"));
	assert_true(nowhere(doc, "hengtai"));
	assert_scans_agree(doc, "taihuan", 1);
	assert_scans_agree(doc, "jing", 1);
	doc_free(doc);
}

static void
separators_in_the_query_fall_on_syllable_boundaries(void **state)
{
	struct doc *doc = doc_of("西(xi)安(an)和先(xian)\n");
	struct match m;

	(void)state;
	assert_scans_agree(doc, "xian", 2);
	assert_scans_agree(doc, "xi'an", 1);
	assert_scans_agree(doc, "xi an", 1);
	assert_int_equal(find(doc, "xi'an", doc_size(doc), -1, &m), STATUS_OK);
	assert_int_equal(m.off, 0);
	assert_true(nowhere(doc, "xia n"));
	doc_free(doc);
}

static void
u_v_and_u_colon_all_spell_u_umlaut(void **state)
{
	struct doc *doc = doc_of("綠(lv)(lv)色和道路(lu)\n");

	(void)state;
	assert_scans_agree(doc, "l\xc3\xbc", 1); /* lü */
	assert_scans_agree(doc, "lv", 1);
	assert_scans_agree(doc, "lu:", 1);
	assert_scans_agree(doc, "l\xc7\x9c", 1); /* lǜ */
	assert_scans_agree(doc, "lu", 2);        /* u also finds ü */
	doc_free(doc);
}

static void
readings_in_other_spellings_are_found(void **state)
{
	/* Full-width letters and parentheses, capitals, tone digits. */
	struct doc *doc = doc_of("生（\xef\xbd\x93\xef\xbd\x88\xef\xbd\x85\xef"
	                         "\xbd\x8e\xef\xbd\x87）"
	                         "態（\xef\xbd\x94\xef\xbd\x81\xef\xbd\x89）\n"
	                         "王(Wang)先生\n"
	                         "中(zho1ng)國(guo2)\n"
	                         "生態(sh\xc4\x93ng t\xc3\xa0i)\n");

	(void)state;
	assert_scans_agree(doc, "shengtai", 2);
	assert_scans_agree(doc, "wang", 1);
	assert_scans_agree(doc, "zhongguo", 1);
	doc_free(doc);
}

static void
abbreviations_and_non_pinyin_are_text_only(void **state)
{
	static const char *const text_only[] = {
	        "EOD", "AN", "ShengTai", "END-OF-BIG", "qqq", "生態", "sheng6",
	};
	static const char *const reading[] = {
	        "an", "An", "shengtai", "xi'an", "lu:", "n\xc7\x9a",
	};
	struct search *s;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(text_only) / sizeof(text_only[0]); k++) {
		s = query(text_only[k]);
		if (search_is_reading(s))
			fprintf(stderr, "\"%s\" is read as pinyin\n",
			        text_only[k]);
		assert_false(search_is_reading(s));
		search_free(s);
	}
	for (k = 0; k < sizeof(reading) / sizeof(reading[0]); k++) {
		s = query(reading[k]);
		if (!search_is_reading(s))
			fprintf(stderr, "\"%s\" is not read as pinyin\n",
			        reading[k]);
		assert_true(search_is_reading(s));
		search_free(s);
	}
}

/* ---- search_block ---- */

static void
search_block_merges_text_and_reading_matches(void **state)
{
	const char *t = "xian 西(xi)安(an) 先(xian) xian";
	struct doc *doc = doc_of(t);
	struct search *s = query("xian");
	struct block *blk;
	struct bspan b;
	struct match m[8];

	(void)state;
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	assert_int_equal(search_block(s, blk, m, 8), 4);
	assert_int_equal(m[0].off, 0);
	assert_int_equal(m[0].end, 4);
	assert_int_equal(m[1].off, offset_of(t, "西", 0));
	assert_int_equal(m[1].end, offset_of(t, "(an)", 0));
	assert_int_equal(m[2].off, offset_of(t, "先", 0));
	assert_int_equal(m[2].end, offset_of(t, "(xian)", 0));
	assert_int_equal(m[3].off, offset_of(t, "xian", 2));
	/* More than max: the count, and only max written. */
	m[1].off = 12345;
	assert_int_equal(search_block(s, blk, m, 1), 4);
	assert_int_equal(m[1].off, 12345);
	assert_int_equal(search_block(s, blk, NULL, 0), 4);
	block_free(blk);
	search_free(s);
	doc_free(doc);
}

static void
overlapping_matches_keep_the_earlier(void **state)
{
	/* "aa" in "aaa": one match, at 0; then reading vs text. */
	struct doc *doc = doc_of("aaa\n");

	(void)state;
	assert_scans_agree(doc, "aa", 1);
	doc_free(doc);
}

/* ---- Documents ---- */

static void
no_match_returns_range_and_writes_nothing(void **state)
{
	struct doc *doc = testlib_sample_doc();
	struct match m = {1, 2};

	(void)state;
	assert_int_equal(find(doc, "不存在的詞", 0, 1, &m), STATUS_RANGE);
	assert_int_equal(find(doc, "zzzzz", 0, -1, &m), STATUS_RANGE);
	assert_int_equal(m.off, 1);
	assert_int_equal(m.end, 2);
	assert_true(nowhere(doc, "不存在的詞"));
	doc_free(doc);
}

static void
backward_search_finds_the_last_match_before(void **state)
{
	const char *t = "生(sheng)態(tai)一\n生態二\n三生態\n";
	struct doc *doc = doc_of(t);
	struct match m;

	(void)state;
	assert_int_equal(find(doc, "生態", strlen(t), -1, &m), STATUS_OK);
	assert_int_equal(m.off, offset_of(t, "生態", 1));
	assert_int_equal(find(doc, "生態", m.off, -1, &m), STATUS_OK);
	assert_int_equal(m.off, offset_of(t, "生態", 0));
	assert_int_equal(find(doc, "shengtai", m.off, -1, &m), STATUS_OK);
	assert_int_equal(m.off, 0);
	/* From inside a match, backward finds that match. */
	assert_int_equal(find(doc, "生態", offset_of(t, "態二", 0), -1, &m),
	                 STATUS_OK);
	assert_int_equal(m.off, offset_of(t, "生態", 0));
	doc_free(doc);
}

static void
search_does_not_wrap_around(void **state)
{
	const char *t = "一生態二\n三\n四生態五\n";
	struct doc *doc = doc_of(t);
	struct match m;
	size_t last = offset_of(t, "生態", 1);

	(void)state;
	assert_int_equal(find(doc, "生態", last, 1, &m), STATUS_RANGE);
	assert_int_equal(find(doc, "生態", offset_of(t, "生", 0), -1, &m),
	                 STATUS_RANGE);
	assert_int_equal(find(doc, "生態", 0, -1, &m), STATUS_RANGE);
	assert_int_equal(find(doc, "生態", strlen(t) + 100, 1, &m),
	                 STATUS_RANGE);
	doc_free(doc);
}

static void
matches_never_span_blocks(void **state)
{
	struct doc *doc = doc_of("生\n態\n生(sheng)\n態(tai)\nEND-OF\n-BIG\n");

	(void)state;
	assert_true(nowhere(doc, "生態"));
	assert_true(nowhere(doc, "shengtai"));
	assert_true(nowhere(doc, "END-OF-BIG"));
	assert_true(nowhere(doc, "態\n生"));
	doc_free(doc);
}

static void
count_gives_total_and_index(void **state)
{
	const char *t = "生態一\n生(sheng)態(tai)二生態\n三\n生態";
	struct doc *doc = doc_of(t);
	struct search *s = query("生態");
	size_t total = 0, index = 0;
	int cancelled = -1;

	(void)state;
	assert_int_equal(search_count(s, doc, offset_of(t, "生態", 1), NULL,
	                              NULL, &total, &index, &cancelled),
	                 STATUS_OK);
	assert_int_equal(cancelled, 0);
	assert_int_equal(total, 4);
	assert_int_equal(index, 3);
	assert_int_equal(
	        search_count(s, doc, 0, NULL, NULL, &total, &index, &cancelled),
	        STATUS_OK);
	assert_int_equal(index, 1);
	assert_int_equal(search_count(s, doc, strlen(t), NULL, NULL, &total,
	                              &index, &cancelled),
	                 STATUS_OK);
	assert_int_equal(index, 4);
	assert_scans_agree(doc, "生態", 4);
	search_free(s);
	doc_free(doc);
}

struct counter {
	int calls;
	int stop_at; /* cancel on this call (0: never) */
};

static int
count_calls(void *ctx)
{
	struct counter *c = ctx;

	return ++c->calls == c->stop_at;
}

/* n bytes of lines without a match, then `tail`. */
static char *
big_text(size_t n, const char *tail, size_t *len)
{
	static const char line[] = "省生(sheng)態(tai)環境廳總工程(cheng)師,"
	                           "EOD 模式試點 and some Latin text.\n";
	size_t tl = strlen(tail), i;
	char *t = malloc(n + tl + 1);

	assert_non_null(t);
	for (i = 0; i + sizeof(line) - 1 <= n; i += sizeof(line) - 1)
		memcpy(t + i, line, sizeof(line) - 1);
	memset(t + i, '\n', n - i);
	memcpy(t + n, tail, tl + 1);
	*len = n + tl;
	return t;
}

static void
cancel_stops_the_search(void **state)
{
	size_t len, total = 0, index = 0;
	char *t = big_text(3 * 1024 * 1024, "END-OF-BIG\n", &len);
	struct doc *doc = testlib_doc_of(t, len, NULL);
	struct search *s = query("END-OF-BIG");
	struct counter c = {0, 0};
	struct match m = {5, 6};
	int cancelled = -1;

	(void)state;
	/* Called at least once per 256 KiB scanned. */
	assert_int_equal(
	        search_next(s, doc, 0, 1, count_calls, &c, &m, &cancelled),
	        STATUS_OK);
	assert_int_equal(cancelled, 0);
	assert_int_equal(m.off, len - strlen("END-OF-BIG\n"));
	assert_true(c.calls >= (int)(len / (256 * 1024)));
	/* Stops when told to, and writes nothing. */
	c.calls = 0;
	c.stop_at = 3;
	m.off = 5;
	assert_int_equal(
	        search_next(s, doc, 0, 1, count_calls, &c, &m, &cancelled),
	        STATUS_RANGE);
	assert_int_equal(cancelled, 1);
	assert_int_equal(c.calls, 3);
	assert_int_equal(m.off, 5);
	c.calls = 0;
	/* Backward from the only match: nothing before it. */
	assert_int_equal(search_next(s, doc, len - strlen("END-OF-BIG\n"), -1,
	                             count_calls, &c, &m, &cancelled),
	                 STATUS_RANGE);
	assert_int_equal(cancelled, 1);
	assert_int_equal(c.calls, 3);
	c.calls = 0;
	assert_int_equal(search_count(s, doc, 0, count_calls, &c, &total,
	                              &index, &cancelled),
	                 STATUS_RANGE);
	assert_int_equal(cancelled, 1);
	assert_int_equal(total, 0);
	search_free(s);
	/* Also while parsing many matching blocks (a reading query). */
	s = query("shengtai");
	c.calls = 0;
	c.stop_at = 2;
	assert_int_equal(search_count(s, doc, 0, count_calls, &c, &total,
	                              &index, &cancelled),
	                 STATUS_RANGE);
	assert_int_equal(cancelled, 1);
	search_free(s);
	doc_free(doc);
	free(t);
}

static void
matches_near_window_edges_are_all_found_in_a_file(void **state)
{
	/* Lines of ~100 bytes: matches fall on every window boundary. */
	size_t len;
	char *t = big_text(1024 * 1024 + 333, "tail 生(sheng)態(tai)\n", &len);
	struct doc *doc = doc_of_file(t, len);
	struct matches all = all_matches(doc, "EOD");
	size_t lines = all.n;

	(void)state;
	assert_true(lines > 10000);
	assert_scans_agree(doc, "EOD", lines);
	assert_scans_agree(doc, "eod", lines);
	assert_scans_agree(doc, "shengtai", lines + 1);
	assert_scans_agree(doc, "生態", lines + 1);
	assert_scans_agree(doc, "Latin text.", lines);
	free(all.m);
	doc_free(doc);
	free(t);
}

static void
a_long_line_cut_into_blocks_is_searched_block_by_block(void **state)
{
	/* One line of 200 KB: doc cuts it into blocks of DOC_BLOCK_MAX. */
	size_t n = 200 * 1000, i, len;
	char *t = malloc(n + 2);
	struct doc *doc;

	(void)state;
	assert_non_null(t);
	for (i = 0; i + 10 <= n; i += 10)
		memcpy(t + i, "abc EOD x ", 10);
	memset(t + i, 'z', n - i);
	t[n] = '\n';
	len = n + 1;
	doc = doc_of_file(t, len);
	{
		struct matches all = all_matches(doc, "EOD");
		/* At most one match per cut is lost (split by the cut). */
		assert_true(all.n >= n / 10 - 4);
		assert_scans_agree(doc, "EOD", all.n);
		free(all.m);
	}
	doc_free(doc);
	free(t);
}

/* ---- Odd queries ---- */

static void
empty_or_blank_query_is_refused(void **state)
{
	struct search *s = NULL;

	(void)state;
	assert_int_equal(search_new("", 0, &s), STATUS_RANGE);
	assert_int_equal(search_new("   ", 3, &s), STATUS_RANGE);
	assert_int_equal(search_new(" \t ", 3, &s), STATUS_RANGE);
	assert_null(s);
	search_free(NULL);
}

static void
query_is_never_read_past_its_length(void **state)
{
	struct doc *doc = doc_of("EOD EODX\n");
	struct search *s = NULL;
	struct match m;
	int cancelled;

	(void)state;
	/* "EODX" cut to 3 bytes is "EOD"; a cut UTF-8 sequence is refused. */
	assert_int_equal(search_new("EODX", 3, &s), STATUS_OK);
	assert_int_equal(search_next(s, doc, 0, 1, NULL, NULL, &m, &cancelled),
	                 STATUS_OK);
	assert_int_equal(m.off, 4);
	search_free(s);
	assert_int_equal(search_new("\xe7\x94\x9f", 2, &s), STATUS_OK);
	assert_int_equal(search_next(s, doc, 0, 1, NULL, NULL, &m, &cancelled),
	                 STATUS_RANGE);
	search_free(s);
	doc_free(doc);
}

static void
escape_and_invalid_bytes_in_a_query_match_nothing(void **state)
{
	/* The document holds the same bytes: they decode to placeholders. */
	static const char t[] = "a\x1b[1mb a\xff"
	                        "b ^[ <FF> \xef\xbf\xbd\n";
	struct doc *doc = testlib_doc_of(t, sizeof(t) - 1, NULL);

	(void)state;
	assert_true(nowhere(doc, "\x1b"));
	assert_true(nowhere(doc, "a\x1b[1mb"));
	assert_true(nowhere(doc, "a\xff"
	                         "b"));
	assert_true(nowhere(doc, "\xff"));
	assert_true(nowhere(doc, "\xcc\x81")); /* a lone combining mark */
	/* Placeholders are not text: "^[" is found only where typed. */
	assert_scans_agree(doc, "^[", 1);
	assert_scans_agree(doc, "<FF>", 1);
	assert_scans_agree(doc, "\xef\xbf\xbd", 1); /* U+FFFD as such */
	doc_free(doc);
}

/*
 * A writer rewrites the file in place, over and over, while text and
 * reading searches go forward and back from random places and count: each
 * finds a match or none, never fails, and a match lies within the file.
 */
static void
file_rewritten_while_searched_finds_or_not(void **state)
{
	static const char *const queries[] = {"生態", "shengtai", "碳中和"};
	struct search *q[3];
	struct source *src = NULL;
	struct match m;
	struct doc *doc;
	size_t len, from, total, index, i;
	char *s = testlib_long_text(&len), path[4096];
	unsigned seed = 13;
	enum status st;
	pid_t pid;
	int fd, cancelled;

	(void)state;
	for (i = 0; i < 3; i++)
		assert_int_equal(
		        search_new(queries[i], strlen(queries[i]), &q[i]),
		        STATUS_OK);
	fd = testlib_temp_file(s, len, path, sizeof(path));
	assert_int_equal(source_from_fd(fd, &src), STATUS_OK);
	doc = testlib_doc_over(src, NULL);
	pid = testlib_rewriter(path, s, len);
	for (i = 0; i < 300; i++) {
		if (i % 3 == 0)
			source_changed(src);
		from = (size_t)rand_r(&seed) % (len + 100);
		st = search_next(q[i % 3], doc, from, i % 2 ? -1 : 1, NULL,
		        NULL, &m, &cancelled);
		assert_true(st == STATUS_OK || st == STATUS_RANGE);
		assert_false(cancelled);
		if (st == STATUS_OK)
			assert_true(m.off < m.end && m.end <= len);
		if (i % 30 == 0) {
			st = search_count(q[i % 3], doc, from, NULL, NULL,
			        &total, &index, &cancelled);
			assert_int_equal(st, STATUS_OK);
			assert_true(index <= total);
		}
	}
	testlib_rewriter_stop(pid);
	doc_free(doc);
	for (i = 0; i < 3; i++)
		search_free(q[i]);
	unlink(path);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(text_query_finds_base_text_across_readings),
	        cmocka_unit_test(readings_are_not_base_text),
	        cmocka_unit_test(latin_text_in_the_article_is_found_as_text),
	        cmocka_unit_test(
	                lower_case_query_ignores_case_and_a_capital_does_not),
	        cmocka_unit_test(
	                invisible_characters_in_the_text_do_not_hide_a_match),
	        cmocka_unit_test(a_match_never_ends_inside_combining_marks),
	        cmocka_unit_test(
	                every_reading_spelling_finds_the_same_place_in_the_sample),
	        cmocka_unit_test(
	                text_and_reading_queries_count_the_same_in_the_sample),
	        cmocka_unit_test(
	                reading_match_starts_and_ends_on_syllable_boundaries),
	        cmocka_unit_test(
	                separators_in_the_query_fall_on_syllable_boundaries),
	        cmocka_unit_test(u_v_and_u_colon_all_spell_u_umlaut),
	        cmocka_unit_test(readings_in_other_spellings_are_found),
	        cmocka_unit_test(abbreviations_and_non_pinyin_are_text_only),
	        cmocka_unit_test(search_block_merges_text_and_reading_matches),
	        cmocka_unit_test(overlapping_matches_keep_the_earlier),
	        cmocka_unit_test(no_match_returns_range_and_writes_nothing),
	        cmocka_unit_test(backward_search_finds_the_last_match_before),
	        cmocka_unit_test(search_does_not_wrap_around),
	        cmocka_unit_test(matches_never_span_blocks),
	        cmocka_unit_test(count_gives_total_and_index),
	        cmocka_unit_test(cancel_stops_the_search),
	        cmocka_unit_test(
	                matches_near_window_edges_are_all_found_in_a_file),
	        cmocka_unit_test(
	                a_long_line_cut_into_blocks_is_searched_block_by_block),
	        cmocka_unit_test(empty_or_blank_query_is_refused),
	        cmocka_unit_test(query_is_never_read_past_its_length),
	        cmocka_unit_test(
	                escape_and_invalid_bytes_in_a_query_match_nothing),
	        cmocka_unit_test(file_rewritten_while_searched_finds_or_not),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
