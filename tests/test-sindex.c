/*
 * test-sindex.c: unit tests for the incremental section index
 * (src/sindex.c), the outline the sidebar shows.
 *
 * The sample article is found through $top_srcdir and readings through
 * $RUBI_DATADIR/unihan.bin (make check sets both); either missing is an
 * error, never a silent pass.
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
#include "dump.h"
#include "sindex.h"
#include "source.h"
#include "unihan.h"

#include "testlib.h"

static const char *const sample_titles[] = {
        "加快推動發展方式綠色轉型",
        "深入推進環境污染防治",
        "統籌生態系統保護修復",
        "積極穩妥推進碳達峰碳中和",
};

/* The sample article as a document over a copy in memory. */
static struct doc *
sample_doc(void)
{
	size_t len;
	char *s = testlib_sample_bytes(&len);
	struct doc *doc = testlib_doc_of(s, len, NULL);

	free(s);
	return doc;
}

/* An index of doc built in one step. */
static struct sindex *
index_whole(struct doc *doc)
{
	struct sindex *ix = NULL;

	assert_int_equal(sindex_new(doc, &ix), STATUS_OK);
	assert_int_equal(sindex_step(ix, (size_t)-1), STATUS_OK);
	assert_true(sindex_complete(ix));
	return ix;
}

static void
sample_has_the_four_policy_areas_in_order(void **state)
{
	struct doc *doc = sample_doc();
	struct sindex *ix = index_whole(doc);
	size_t i;

	(void)state;
	assert_int_equal(sindex_count(ix), 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(sindex_get(ix, i)->title, sample_titles[i]);
		if (i > 0)
			assert_true(sindex_get(ix, i)->off >
			        sindex_get(ix, i - 1)->off);
	}
	assert_null(sindex_get(ix, 4));
	assert_int_equal(sindex_scanned(ix), doc_size(doc));
	sindex_free(ix);
	doc_free(doc);
}

/* Titles and offsets seen so far, to check that entries never change. */
struct seen {
	size_t off[16];
	char title[16][256];
	size_t n;
};

static void
tiny_steps_give_the_same_sections_as_one_big_step(void **state)
{
	struct doc *doc = sample_doc();
	struct sindex *whole = index_whole(doc), *ix = NULL;
	struct seen seen;
	size_t steps = 0, scanned = 0, i, n;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(sindex_new(doc, &ix), STATUS_OK);
	assert_false(sindex_complete(ix));
	assert_int_equal(sindex_count(ix), 0);
	assert_int_equal(sindex_scanned(ix), 0);
	while (!sindex_complete(ix)) {
		assert_int_equal(sindex_step(ix, 1), STATUS_OK);
		steps++;
		assert_true(steps < 1000);
		/* Scanning moves forward, and what was found stays found. */
		assert_true(sindex_scanned(ix) > scanned);
		scanned = sindex_scanned(ix);
		assert_true(scanned <= doc_size(doc));
		n = sindex_count(ix);
		assert_true(n >= seen.n && n <= 16);
		for (i = 0; i < seen.n; i++) {
			assert_int_equal(sindex_get(ix, i)->off, seen.off[i]);
			assert_string_equal(
			        sindex_get(ix, i)->title, seen.title[i]);
		}
		for (; seen.n < n; seen.n++) {
			seen.off[seen.n] = sindex_get(ix, seen.n)->off;
			snprintf(seen.title[seen.n], sizeof(seen.title[0]),
			        "%s", sindex_get(ix, seen.n)->title);
			/* A section is found once the scan has passed it. */
			assert_true(seen.off[seen.n] < scanned);
		}
	}
	/* One block per step: more than one step for an 8-line article. */
	assert_true(steps > 4);
	assert_int_equal(sindex_scanned(ix), doc_size(doc));
	assert_int_equal(sindex_count(ix), sindex_count(whole));
	for (i = 0; i < sindex_count(whole); i++) {
		assert_int_equal(
		        sindex_get(ix, i)->off, sindex_get(whole, i)->off);
		assert_string_equal(
		        sindex_get(ix, i)->title, sindex_get(whole, i)->title);
	}
	/* Stepping a complete index changes nothing. */
	assert_int_equal(sindex_step(ix, 1), STATUS_OK);
	assert_int_equal(sindex_count(ix), 4);
	assert_int_equal(sindex_scanned(ix), doc_size(doc));
	sindex_free(ix);
	sindex_free(whole);
	doc_free(doc);
}

static void
find_maps_an_offset_to_its_section(void **state)
{
	struct doc *doc = sample_doc();
	struct sindex *ix = index_whole(doc);
	struct bspan b;
	size_t i, off;

	(void)state;
	assert_int_equal(sindex_count(ix), 4);
	assert_true(sindex_get(ix, 0)->off > 0);
	/* The lead paragraph comes before any section. */
	assert_true(sindex_find(ix, 0) == (size_t)-1);
	assert_true(sindex_find(ix, sindex_get(ix, 0)->off - 1) == (size_t)-1);
	for (i = 0; i < 4; i++) {
		off = sindex_get(ix, i)->off;
		assert_int_equal(doc_block_at(doc, off, &b), STATUS_OK);
		assert_int_equal(b.off, off);
		assert_int_equal(sindex_find(ix, off), i);
		assert_int_equal(sindex_find(ix, (b.off + b.end) / 2), i);
		assert_int_equal(sindex_find(ix, b.end), i);
		if (i + 1 < 4)
			assert_int_equal(
			        sindex_find(ix, sindex_get(ix, i + 1)->off - 1),
			        i);
	}
	/* The closing lines belong to the last section. */
	assert_int_equal(sindex_find(ix, doc_size(doc) - 1), 3);
	assert_int_equal(sindex_find(ix, (size_t)-2), 3);
	sindex_free(ix);
	doc_free(doc);
}

static void
find_before_any_section_is_found_is_none(void **state)
{
	struct doc *doc = sample_doc();
	struct sindex *ix = NULL;

	(void)state;
	assert_int_equal(sindex_new(doc, &ix), STATUS_OK);
	assert_true(sindex_find(ix, 0) == (size_t)-1);
	assert_true(sindex_find(ix, 5000) == (size_t)-1);
	sindex_free(ix);
	doc_free(doc);
}

/* `copies` copies of one[0..len), each on its own lines (as cat(1) of
 * files with line ends would give). The caller frees the result. */
static char *
copies_of(const char *one, size_t len, size_t copies, size_t *total)
{
	char *s;
	size_t i;

	*total = copies * (len + 1);
	s = malloc(*total);
	assert_non_null(s);
	for (i = 0; i < copies; i++) {
		memcpy(s + i * (len + 1), one, len);
		s[i * (len + 1) + len] = '\n';
	}
	return s;
}

static void
two_thousand_copies_give_eight_thousand_sections(void **state)
{
	const size_t copies = 2000;
	size_t len, total, i;
	char *one = testlib_sample_bytes(&len), *s;
	struct doc *doc;
	struct sindex *ix = NULL;
	size_t steps = 0, last = 0;

	(void)state;
	s = copies_of(one, len, copies, &total);
	doc = testlib_doc_of(s, total, NULL);
	assert_int_equal(sindex_new(doc, &ix), STATUS_OK);
	while (!sindex_complete(ix)) {
		assert_int_equal(sindex_step(ix, 1u << 20), STATUS_OK);
		assert_true(sindex_scanned(ix) >= last);
		last = sindex_scanned(ix);
		steps++;
	}
	assert_true(steps > 1);
	assert_int_equal(sindex_count(ix), copies * 4);
	assert_int_equal(sindex_scanned(ix), total);
	for (i = 0; i < copies * 4; i++) {
		assert_string_equal(
		        sindex_get(ix, i)->title, sample_titles[i % 4]);
		if (i >= 4)
			assert_int_equal(sindex_get(ix, i)->off,
			        sindex_get(ix, i - 4)->off + len + 1);
	}
	assert_int_equal(sindex_find(ix, total - 1), copies * 4 - 1);
	sindex_free(ix);
	doc_free(doc);
	free(s);
	free(one);
}

/*
 * `copies` copies of the sample as one document, with an index of it all
 * (full) and an empty one (ix) to compare with it.
 */
struct copies {
	char *one, *s;
	size_t len, total;
	struct doc *doc;
	struct sindex *full, *ix;
};

static void
copies_open(struct copies *c, size_t copies)
{
	c->one = testlib_sample_bytes(&c->len);
	c->s = copies_of(c->one, c->len, copies, &c->total);
	c->doc = testlib_doc_of(c->s, c->total, NULL);
	c->full = index_whole(c->doc);
	assert_int_equal(sindex_new(c->doc, &c->ix), STATUS_OK);
}

static void
copies_close(struct copies *c)
{
	sindex_free(c->ix);
	sindex_free(c->full);
	doc_free(c->doc);
	free(c->s);
	free(c->one);
}

/* Before the index gets anywhere, the section at the end (and in the
 * middle) is found by reading back, and agrees with the full index. */
static void
section_at_reads_back_where_the_index_has_not_been(void **state)
{
	struct copies c;
	size_t i, off, mid, want_off;
	char title[256];

	(void)state;
	copies_open(&c, 200);
	assert_int_equal(sindex_scanned(c.ix), 0);
	/* The end of the document: the last heading. */
	assert_true(sindex_section_at(c.ix, c.total, 1u << 20, &off, title,
	        sizeof(title)));
	want_off = sindex_get(c.full, sindex_count(c.full) - 1)->off;
	assert_int_equal(off, want_off);
	assert_string_equal(title, sample_titles[3]);
	/* The middle, inside some section's body. */
	mid = c.total / 2;
	assert_true(sindex_section_at(c.ix, mid, 1u << 20, &off, title,
	        sizeof(title)));
	i = sindex_find(c.full, mid);
	assert_int_equal(off, sindex_get(c.full, i)->off);
	assert_string_equal(title, sindex_get(c.full, i)->title);
	/* Still nothing indexed: reading back did not step the index. */
	assert_int_equal(sindex_count(c.ix), 0);
	/* A budget too small to reach a heading finds none. */
	assert_false(sindex_section_at(c.ix, want_off - 1, 1, &off, title,
	        sizeof(title)) &&
	        off == want_off);
	copies_close(&c);
}

/*
 * The next heading after any offset, with the index nowhere, part of the
 * way, or complete, is the one the full index has next, and finding it
 * reads forward without stepping the index.
 */
static void
section_after_agrees_with_the_full_index(void **state)
{
	struct copies c;
	size_t i, off, got, k, stride;
	char title[256];
	int round, found;

	(void)state;
	copies_open(&c, 50);
	stride = c.total / 97;
	for (round = 0; round < 3; round++) {
		if (round == 1) /* a third of the way */
			while (sindex_scanned(c.ix) < c.total / 3)
				assert_int_equal(sindex_step(c.ix, 4096),
				        STATUS_OK);
		if (round == 2)
			while (!sindex_complete(c.ix))
				assert_int_equal(sindex_step(c.ix, 1u << 20),
				        STATUS_OK);
		k = sindex_count(c.ix);
		for (off = 0; off < c.total; off += stride) {
			i = sindex_find(c.full, off);
			i = i == (size_t)-1 ? 0 : i + 1;
			found = sindex_section_after(
			        c.ix, off, &got, title, sizeof(title));
			if (i == sindex_count(c.full)) {
				assert_false(found);
				continue;
			}
			assert_true(found);
			assert_int_equal(got, sindex_get(c.full, i)->off);
			assert_string_equal(
			        title, sindex_get(c.full, i)->title);
		}
		/* Reading forward did not step the index. */
		assert_int_equal(sindex_count(c.ix), k);
	}
	/* After the last heading there is none. */
	assert_false(sindex_section_after(c.ix,
	        sindex_get(c.full, sindex_count(c.full) - 1)->off, &off,
	        title, sizeof(title)));
	copies_close(&c);
}

static void
title_with_control_bytes_is_stored_safe_to_print(void **state)
{
	static const char s[] = "intro\n"
	                        "# Alarm \x1b[2J\x1b]0;owned\x07 here\r\n"
	                        "body\n"
	                        "## tab\there\x7f"
	                        "del\x9b"
	                        "c1\n";
	struct doc *doc = testlib_doc_of(s, strlen(s), NULL);
	struct sindex *ix = index_whole(doc);
	const unsigned char *t;
	size_t i;

	(void)state;
	assert_int_equal(sindex_count(ix), 2);
	assert_int_equal(sindex_get(ix, 0)->off, 6);
	for (i = 0; i < 2; i++) {
		for (t = (const unsigned char *)sindex_get(ix, i)->title; *t;
		        t++)
			assert_true(*t >= 0x20 && *t != 0x7f);
	}
	/* The text around the control bytes is kept. */
	assert_non_null(strstr(sindex_get(ix, 0)->title, "Alarm"));
	assert_non_null(strstr(sindex_get(ix, 0)->title, "here"));
	assert_null(strchr(sindex_get(ix, 0)->title, '\x1b'));
	assert_non_null(strstr(sindex_get(ix, 1)->title, "del"));
	sindex_free(ix);
	doc_free(doc);
}

static void
document_without_headings_has_no_sections(void **state)
{
	static const char s[] = "just text\n\nno headings here.\n";
	struct doc *doc = testlib_doc_of(s, strlen(s), NULL);
	struct sindex *ix = index_whole(doc);

	(void)state;
	assert_int_equal(sindex_count(ix), 0);
	assert_true(sindex_find(ix, 3) == (size_t)-1);
	assert_int_equal(sindex_scanned(ix), strlen(s));
	sindex_free(ix);
	doc_free(doc);

	doc = testlib_doc_of("", 0, NULL);
	ix = index_whole(doc);
	assert_int_equal(sindex_count(ix), 0);
	assert_int_equal(sindex_scanned(ix), 0);
	sindex_free(ix);
	doc_free(doc);
	sindex_free(NULL);
}

static int
failing_write(void *ctx, const char *s, size_t len)
{
	(void)s;
	(void)len;
	++*(int *)ctx;
	return -1;
}

static void
outline_with_a_failing_writer_is_an_io_error(void **state)
{
	struct doc *doc = sample_doc();
	size_t count = 99;
	int calls = 0;

	(void)state;
	assert_int_equal(
	        dump_outline(doc, failing_write, &calls, &count), STATUS_IO);
	assert_int_equal(calls, 1); /* nothing more is tried */
	assert_true(count < 4);
	doc_free(doc);
}

/* A pipe in live mode: a heading is indexed once its line has ended,
 * the index waits (not complete) while the pipe is open, and a line that
 * arrives in pieces is indexed once, whole. */
static void
live_pipe_is_indexed_as_its_lines_arrive(void **state)
{
	struct doc_opts opts;
	struct source *src = NULL;
	struct doc *doc = NULL;
	struct sindex *ix = NULL;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	source_set_live(src, 1);
	memset(&opts, 0, sizeof(opts));
	opts.notation = NOTATION_PINYIN;
	opts.ambiwidth = 1;
	assert_int_equal(doc_new(src, &opts, &doc), STATUS_OK);
	assert_int_equal(sindex_new(doc, &ix), STATUS_OK);

	assert_int_equal(sindex_step(ix, (size_t)-1), STATUS_OK);
	assert_true(sindex_waiting(ix)); /* nothing yet */
	assert_false(sindex_complete(ix));

	assert_int_equal(write(fds[1], "# One\ntext\n# Tw", 15), 15);
	assert_int_equal(sindex_step(ix, (size_t)-1), STATUS_OK);
	assert_true(sindex_waiting(ix));
	assert_int_equal(sindex_count(ix), 1); /* "# Tw" has not ended */
	assert_string_equal(sindex_get(ix, 0)->title, "One");

	assert_int_equal(write(fds[1], "o\nmore\n", 7), 7);
	assert_int_equal(sindex_step(ix, (size_t)-1), STATUS_OK);
	assert_int_equal(sindex_count(ix), 2);
	assert_string_equal(sindex_get(ix, 1)->title, "Two");
	assert_int_equal(sindex_get(ix, 1)->off, 11);
	assert_true(sindex_waiting(ix));

	assert_int_equal(write(fds[1], "# Three", 7), 7);
	close(fds[1]);
	assert_int_equal(sindex_step(ix, (size_t)-1), STATUS_OK);
	assert_true(sindex_complete(ix));
	assert_false(sindex_waiting(ix));
	assert_int_equal(sindex_count(ix), 3); /* the pipe ended: the last
	                                          line is whole */
	assert_string_equal(sindex_get(ix, 2)->title, "Three");
	sindex_free(ix);
	doc_free(doc);
}

/*
 * A writer rewrites the file in place, over and over, while the index is
 * built again and again (as the pager does on each change it notices) and
 * headings are looked for around random places: nothing fails, and every
 * section found starts within the file.
 */
static void
file_rewritten_while_indexed_gives_sections_inside_it(void **state)
{
	struct source *src = NULL;
	struct sindex *ix;
	struct doc *doc;
	size_t len, off, sec, i, k, steps;
	char *s = testlib_long_text(&len), path[4096], title[256];
	unsigned seed = 17;
	pid_t pid;
	int fd;

	(void)state;
	fd = testlib_temp_file(s, len, path, sizeof(path));
	assert_int_equal(source_from_fd(fd, &src), STATUS_OK);
	doc = testlib_doc_over(src, NULL);
	pid = testlib_rewriter(path, s, len);
	for (i = 0; i < 40; i++) {
		source_changed(src);
		assert_int_equal(sindex_new(doc, &ix), STATUS_OK);
		for (steps = 0; !sindex_complete(ix) && steps < 10000; steps++)
			assert_int_equal(sindex_step(ix, 64 * 1024), STATUS_OK);
		assert_true(sindex_complete(ix));
		for (k = 0; k < sindex_count(ix); k++)
			assert_true(sindex_get(ix, k)->off < len);
		off = (size_t)rand_r(&seed) % (len + 100);
		if (sindex_section_at(
		            ix, off, 1 << 20, &sec, title, sizeof(title)))
			assert_true(sec < len);
		if (sindex_section_after(ix, off, &sec, title, sizeof(title)))
			assert_true(sec < len);
		sindex_free(ix);
	}
	testlib_rewriter_stop(pid);
	doc_free(doc);
	unlink(path);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(sample_has_the_four_policy_areas_in_order),
	        cmocka_unit_test(
	                tiny_steps_give_the_same_sections_as_one_big_step),
	        cmocka_unit_test(find_maps_an_offset_to_its_section),
	        cmocka_unit_test(find_before_any_section_is_found_is_none),
	        cmocka_unit_test(
	                two_thousand_copies_give_eight_thousand_sections),
	        cmocka_unit_test(
	                title_with_control_bytes_is_stored_safe_to_print),
	        cmocka_unit_test(document_without_headings_has_no_sections),
	        cmocka_unit_test(section_after_agrees_with_the_full_index),
	        cmocka_unit_test(
	                section_at_reads_back_where_the_index_has_not_been),
	        cmocka_unit_test(outline_with_a_failing_writer_is_an_io_error),
	        cmocka_unit_test(live_pipe_is_indexed_as_its_lines_arrive),
	        cmocka_unit_test(
	                file_rewritten_while_indexed_gives_sections_inside_it),
	};

	return cmocka_run_group_tests(
	        tests, testlib_table_setup, testlib_table_teardown);
}
