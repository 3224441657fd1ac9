/*
 * test-unihan.c: the Unihan reading table.
 *
 * Three groups. The first builds small text tables from buffers and files
 * written here: what is refused, what is accepted, the order of readings.
 * The second compiles text tables (unihan-bin.h) and checks that the
 * compiled table answers as its text table does, and that a cut or damaged
 * one gives no data rather than wrong data or a crash. The third loads the
 * real tables that the build generates from the system's
 * Unihan_Readings.txt, found as $RUBI_DATADIR/unihan.bin and unihan.tsv
 * (make check sets RUBI_DATADIR). They are always built when unicode-data
 * is installed, so a missing one is an error here, never a silent pass.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sbuf.h"
#include "unihan-bin.h"
#include "unihan.h"

#include "testlib.h"

#define MAX_READINGS 16

/* A three-line table: 地 (two kMandarin values), 帆 (the same) and 綠. */
static const char small_table[] =
	"# a comment\n"
	"005730\tde dì\tdì dí dì ma\tearth; soil, ground; region\n"
	"005E06\tfān fán\tfàn fán\tsail; boat\n"
	"#another comment, between data lines\n"
	"007DA0\tlǜ\tlù\tgreen; chlorine\n"
	"02000B\t\t\t\n";

/*
 * Can the data of `cp` be used from a table built from the NUL-terminated
 * `text`? No when the table is refused (always as STATUS_BAD_INPUT) or when
 * the line of cp gives neither readings nor a definition.
 */
static int
usable(const char *text, uint32_t cp)
{
	struct syl out[MAX_READINGS];
	struct unihan *u = NULL;
	enum status st;
	size_t len;
	int ok;

	st = unihan_from_buffer(text, strlen(text), &u);
	assert_true((st == STATUS_OK) == (u != NULL));
	if (st != STATUS_OK) {
		assert_int_equal(st, STATUS_BAD_INPUT);
		return 0;
	}
	ok = unihan_readings(u, cp, 0, out, MAX_READINGS) > 0 ||
	     unihan_definition(u, cp, &len) != NULL;
	unihan_free(u);
	return ok;
}


static struct unihan *
table_of(const char *text)
{
	struct unihan *u = NULL;

	assert_int_equal(unihan_from_buffer(text, strlen(text), &u),
	    STATUS_OK);
	assert_non_null(u);
	return u;
}

/*
 * In a table built from `text`, is the definition of `cp` either absent or
 * exactly `def`? (Never another character's.)
 */
static int
own_or_nothing(const char *text, uint32_t cp, const char *def)
{
	struct unihan *u = table_of(text);
	const char *d;
	size_t len;
	int ok;

	d = unihan_definition(u, cp, &len);
	ok = d == NULL || (len == strlen(def) && memcmp(d, def, len) == 0);
	unihan_free(u);
	return ok;
}

static void
assert_syl(const struct syl *syl, const char *s, int tone)
{
	assert_string_equal(syl->s, s);
	assert_int_equal(syl->tone, tone);
}

/* Write `len` bytes to a new temporary file; its path goes to path[]. */
static void
write_temp(const char *data, size_t len, char *path, size_t path_size)
{
	int fd = testlib_temp_file(data, len, path, path_size);

	assert_int_equal(close(fd), 0);
}

/* Group (a): crafted tables. */

static void
empty_table_is_accepted(void **state)
{
	struct unihan *u = NULL;
	struct syl out[MAX_READINGS];

	(void)state;
	assert_int_equal(unihan_from_buffer("", 0, &u), STATUS_OK);
	assert_int_equal(unihan_count(u), 0);
	assert_int_equal(unihan_readings(u, 0x4e00, 0, out, MAX_READINGS),
	    0);
	assert_null(unihan_definition(u, 0x4e00, NULL));
	unihan_free(u);
}

static void
table_of_only_comments_is_accepted(void **state)
{
	struct unihan *u;

	(void)state;
	u = table_of("# Unihan notice\n#\n# \xc2\xa9 Unicode\n");
	assert_int_equal(unihan_count(u), 0);
	unihan_free(u);
}

/*
 * The page index ("#@ HEX OFFSET" comment lines): right, it narrows each
 * search; wrong (a table edited by hand, offsets stale) or malformed, the
 * same answers come from a search of the whole table.
 */
static void
page_index_right_or_wrong_gives_the_same_answers(void **state)
{
	static const char body[] =
	        "004E00\tyi1\t\tone\n"
	        "004E01\tding1\t\tmale adult\n"
	        "004E03\tqi1\t\tseven\n"
	        "0051AB\tzuo4\t\tdo\n"
	        "00751F\tsheng1\t\tlife\n"
	        "0099AC\tma3\t\thorse\n";
	static const char *const heads[] = {
	        "#@ 004E00 0\n#@ 004E03 41\n#@ 00751F 75\n", /* right */
	        "#@ 004E00 0\n#@ 004E03 30\n#@ 00751F 90\n", /* stale */
	        "#@ 004E00 0\n#@ 00751F 75\n#@ 004E03 41\n", /* unordered */
	        "#@ 4E00 x\n#@ 00751F 72\n",                  /* malformed */
	        "#@ 004E00 0\n#@ 0099AC 999999\n",           /* past the end */
	};
	static const uint32_t cps[] = {0x4e00, 0x4e01, 0x4e02, 0x4e03, 0x51ab,
	        0x751f, 0x99ac, 0x3400, 0x9fff};
	static const char *const defs[] = {"one", "male adult", NULL, "seven",
	        "do", "life", "horse", NULL, NULL};
	char text[1024], path[4096];
	struct unihan *u;
	const char *d;
	size_t h, i, len, from_file;

	(void)state;
	for (h = 0; h < sizeof(heads) / sizeof(heads[0]); h++) {
		snprintf(text, sizeof(text), "# a table\n%s%s", heads[h], body);
		/* In memory, and from a file: read as lookups need it, each
		 * in one read of the range the index gives when it can. */
		for (from_file = 0; from_file < 2; from_file++) {
			if (from_file) {
				write_temp(text, strlen(text), path,
				    sizeof(path));
				u = NULL;
				assert_int_equal(unihan_load(path, &u),
				    STATUS_OK);
				unlink(path);
			} else {
				u = table_of(text);
			}
			assert_int_equal(unihan_count(u), 6);
			for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
				d = unihan_definition(u, cps[i], &len);
				if (defs[i] == NULL) {
					assert_null(d);
					continue;
				}
				assert_non_null(d);
				assert_int_equal(len, strlen(defs[i]));
				assert_memory_equal(d, defs[i], len);
			}
			unihan_free(u);
		}
	}
}

static void
comments_between_data_lines_are_skipped(void **state)
{
	struct unihan *u;

	(void)state;
	u = table_of(small_table);
	assert_int_equal(unihan_count(u), 4);
	unihan_free(u);
}

static void
bad_hex_is_refused(void **state)
{
	(void)state;
	assert_false(usable("004E0G\tyī\t\tone\n", 0x4e00));
	assert_false(usable("U+4E00\tyī\t\tone\n", 0x4e00));
	assert_false(usable("004e00\tyī\t\tone\n", 0x4e00));
	assert_false(usable("4E0\tyī\t\tone\n", 0x4e00));
	assert_false(usable("0004E00\tyī\t\tone\n", 0x4e00));
	assert_false(usable(" 4E00\tyī\t\tone\n", 0x4e00));
	assert_false(usable("\tyī\t\tone\n", 0x4e00));
}

static void
short_and_padded_hex_are_both_accepted(void **state)
{
	struct unihan *u;
	size_t len;

	(void)state;
	u = table_of("4E00\tyī\t\tone\n004E8C\tèr\t\ttwo\n20000\thē\t\toh\n");
	assert_int_equal(unihan_count(u), 3);
	assert_non_null(unihan_definition(u, 0x4e00, &len));
	assert_non_null(unihan_definition(u, 0x4e8c, &len));
	assert_non_null(unihan_definition(u, 0x20000, &len));
	unihan_free(u);
}

/* Out of order, lookups may miss; they never give another's data. */
static void
descending_code_points_never_mix_characters(void **state)
{
	static const char text[] = "004E8C\tèr\t\ttwo\n004E00\tyī\t\tone\n";

	(void)state;
	assert_true(own_or_nothing(text, 0x4e00, "one"));
	assert_true(own_or_nothing(text, 0x4e8c, "two"));
	assert_false(usable(text, 0x4e01));
}

static void
repeated_code_point_gives_one_of_its_lines(void **state)
{
	static const char text[] =
	        "004E00\tyī\t\tone\n004E00\tyí\t\tuno\n004E01\tdīng\t\tnail\n";
	struct unihan *u = table_of(text);
	struct syl out[MAX_READINGS];
	const char *d;
	size_t len, n;

	(void)state;
	d = unihan_definition(u, 0x4e00, &len);
	assert_non_null(d);
	n = unihan_readings(u, 0x4e00, 0, out, MAX_READINGS);
	assert_int_equal(n, 1);
	/* The reading and the meaning come from the same line. */
	if (len == 3 && memcmp(d, "one", 3) == 0)
		assert_int_equal(out[0].tone, 1);
	else
		assert_true(len == 3 && memcmp(d, "uno", 3) == 0 &&
		            out[0].tone == 2);
	assert_true(own_or_nothing(text, 0x4e01, "nail"));
	unihan_free(u);
}

/* A bad line loses its own data only; the lines around it still work. */
static void
bad_line_costs_only_its_own_data(void **state)
{
	static const char text[] = "004E00\tyī\t\tone\n"
	                           "004E01\tdīng\t\tn\x1b" "ail\n"
	                           "004E03\tqī\t\tseven\n";

	(void)state;
	assert_true(usable(text, 0x4e00));
	assert_false(usable(text, 0x4e01));
	assert_true(usable(text, 0x4e03));
}

static void
missing_field_is_refused(void **state)
{
	(void)state;
	assert_false(usable("004E00\tyī\tone\n", 0x4e00));
	assert_false(usable("004E00\n", 0x4e00));
}

static void
extra_field_is_refused(void **state)
{
	(void)state;
	assert_false(usable("004E00\tyī\t\tone\textra\n", 0x4e00));
}

static void
code_point_above_10ffff_is_refused(void **state)
{
	(void)state;
	assert_false(usable("110000\tyī\t\tone\n", 0x110000));
	assert_false(usable("FFFFFF\tyī\t\tone\n", 0xffffff));
	assert_true(usable("10FFFF\tyī\t\tone\n", 0x10ffff));
}

static void
surrogate_code_point_is_refused(void **state)
{
	(void)state;
	assert_false(usable("00D800\tyī\t\tone\n", 0xd800));
}

static void
invalid_utf8_is_refused(void **state)
{
	(void)state;
	/* A lone continuation byte, a truncated sequence, an overlong
	 * encoding, an encoded surrogate, and a bad byte in a comment. */
	assert_false(usable("004E00\tyī\t\t\x80one\n", 0x4e00));
	assert_false(usable("004E00\ty\xc4\t\tone\n", 0x4e00));
	assert_false(usable("004E00\tyī\t\t\xc0\xafone\n", 0x4e00));
	assert_false(usable("004E00\tyī\t\t\xed\xa0\x80one\n", 0x4e00));
	assert_false(usable("# \xff\n004E00\tyī\t\tone\n", 0x4e00));
}

static void
control_characters_in_fields_are_refused(void **state)
{
	(void)state;
	assert_false(usable("004E00\tyī\t\tone\r\n", 0x4e00));
	assert_false(usable("004E00\tyī\t\to\x1bne\n", 0x4e00));
	assert_false(usable("004E00\tyī\t\to\x7fne\n", 0x4e00));
	/* U+009B is CSI when it reaches a terminal. */
	assert_false(usable("004E00\tyī\t\to\xc2\x9bne\n", 0x4e00));
}

static void
empty_line_is_refused(void **state)
{
	(void)state;
	assert_false(usable("004E00\tyī\t\tone\n\n", 0x4e00));
	assert_false(usable("\n", 0x4e00));
}

static void
table_without_final_newline_is_refused(void **state)
{
	(void)state;
	assert_false(usable("004E00\tyī\t\tone", 0x4e00));
}

static void
stray_spaces_between_readings_are_refused(void **state)
{
	(void)state;
	assert_false(usable("004E00\tyī  yí\t\tone\n", 0x4e00));
	assert_false(usable("004E00\t yī\t\tone\n", 0x4e00));
	assert_false(usable("004E00\tyī\tyí \tone\n", 0x4e00));
}

static void
kmandarin_comes_first_in_table_order(void **state)
{
	struct syl out[MAX_READINGS];
	struct unihan *u;

	(void)state;
	u = table_of(small_table);
	assert_int_equal(unihan_readings(u, 0x5e06, 0, out, MAX_READINGS),
	    3);
	assert_syl(&out[0], "fan", 1);
	assert_syl(&out[1], "fan", 2);
	assert_syl(&out[2], "fan", 4);
	unihan_free(u);
}

static void
traditional_reading_comes_first_with_prefer_hant(void **state)
{
	struct syl out[MAX_READINGS];
	struct unihan *u;

	(void)state;
	u = table_of(small_table);
	assert_int_equal(unihan_readings(u, 0x5e06, 1, out, MAX_READINGS),
	    3);
	assert_syl(&out[0], "fan", 2);
	assert_syl(&out[1], "fan", 1);
	assert_syl(&out[2], "fan", 4);
	unihan_free(u);
}

static void
prefer_hant_changes_nothing_with_one_kmandarin_value(void **state)
{
	struct syl out[MAX_READINGS];
	struct unihan *u;

	(void)state;
	u = table_of(small_table);
	assert_int_equal(unihan_readings(u, 0x7da0, 1, out, MAX_READINGS),
	    2);
	assert_syl(&out[0], "lv", 4);
	assert_syl(&out[1], "lu", 4);
	unihan_free(u);
}

static void
repeated_readings_are_listed_once(void **state)
{
	struct syl out[MAX_READINGS];
	struct unihan *u;

	(void)state;
	u = table_of(small_table);
	/* de dì | dì dí dì ma */
	assert_int_equal(unihan_readings(u, 0x5730, 0, out, MAX_READINGS),
	    4);
	assert_syl(&out[0], "de", 0);
	assert_syl(&out[1], "di", 4);
	assert_syl(&out[2], "di", 2);
	assert_syl(&out[3], "ma", 0);
	unihan_free(u);
}

static void
readings_that_are_not_syllables_are_skipped(void **state)
{
	struct syl out[MAX_READINGS];
	struct unihan *u;

	(void)state;
	u = table_of("004E00\tyī\t!!! 123 yí\tone\n");
	assert_int_equal(unihan_readings(u, 0x4e00, 0, out, MAX_READINGS),
	    2);
	assert_syl(&out[0], "yi", 1);
	assert_syl(&out[1], "yi", 2);
	unihan_free(u);
}

static void
readings_stop_at_max(void **state)
{
	struct syl out[MAX_READINGS];
	struct unihan *u;

	(void)state;
	u = table_of(small_table);
	memset(out, 0, sizeof(out));
	assert_int_equal(unihan_readings(u, 0x5e06, 1, out, 1), 1);
	assert_syl(&out[0], "fan", 2);
	assert_int_equal(out[1].s[0], '\0');
	assert_int_equal(unihan_readings(u, 0x5e06, 1, out, 0), 0);
	unihan_free(u);
}

static void
character_without_data_has_no_readings_or_definition(void **state)
{
	struct syl out[MAX_READINGS];
	struct unihan *u;
	size_t len = 99;

	(void)state;
	u = table_of(small_table);
	/* absent, before the first, after the last, and an empty line */
	assert_int_equal(unihan_readings(u, 0x4e00, 0, out, MAX_READINGS),
	    0);
	assert_int_equal(unihan_readings(u, 0x41, 0, out, MAX_READINGS), 0);
	assert_int_equal(unihan_readings(u, 0x10ffff, 0, out, MAX_READINGS),
	    0);
	assert_int_equal(unihan_readings(u, 0x2000b, 0, out, MAX_READINGS),
	    0);
	assert_null(unihan_definition(u, 0x4e00, &len));
	assert_int_equal(len, 0);
	len = 99;
	assert_null(unihan_definition(u, 0x2000b, &len));
	assert_int_equal(len, 0);
	unihan_free(u);
}

static void
definition_points_into_the_table_without_terminator(void **state)
{
	struct unihan *u;
	const char *def;
	size_t len;

	(void)state;
	u = table_of(small_table);
	def = unihan_definition(u, 0x5e06, &len);
	assert_non_null(def);
	assert_int_equal(len, strlen("sail; boat"));
	assert_memory_equal(def, "sail; boat", len);
	assert_int_equal(def[len], '\n');
	unihan_free(u);
}

static void
null_table_has_nothing_and_frees_quietly(void **state)
{
	struct syl out[MAX_READINGS];
	size_t len = 99;

	(void)state;
	assert_int_equal(unihan_count(NULL), 0);
	assert_int_equal(unihan_readings(NULL, 0x5e06, 1, out, MAX_READINGS),
	    0);
	assert_null(unihan_definition(NULL, 0x5e06, &len));
	assert_int_equal(len, 0);
	unihan_free(NULL);
}

static void
buffer_is_copied_not_kept(void **state)
{
	char text[sizeof(small_table)];
	struct unihan *u;
	const char *def;
	size_t len;

	(void)state;
	memcpy(text, small_table, sizeof(text));
	u = table_of(text);
	memset(text, 'x', sizeof(text) - 1);
	def = unihan_definition(u, 0x7da0, &len);
	assert_non_null(def);
	assert_memory_equal(def, "green; chlorine", len);
	unihan_free(u);
}

static void
missing_file_is_an_io_error(void **state)
{
	struct unihan *u = NULL;

	(void)state;
	errno = 0;
	assert_int_equal(unihan_load("/nonexistent/unihan.tsv", &u),
	    STATUS_IO);
	assert_int_equal(errno, ENOENT);
	assert_null(u);
}

static void
directory_is_an_io_error(void **state)
{
	struct unihan *u = NULL;

	(void)state;
	assert_int_equal(unihan_load("/", &u), STATUS_IO);
	assert_null(u);
}

static void
malformed_file_is_refused(void **state)
{
	static const char text[] = "Hello, world.\n";
	struct unihan *u = NULL;
	char path[4096];

	(void)state;
	write_temp(text, strlen(text), path, sizeof(path));
	assert_int_equal(unihan_load(path, &u), STATUS_BAD_INPUT);
	assert_null(u);
	unlink(path);
}

/*
 * Write a table of n characters (U+20000, U+20002, ...: má mà, "def I")
 * to a new temporary file named in path[]; returns its size.
 */
static size_t
write_big_table(size_t n, int indexed, char *path, size_t path_size)
{
	char *text, *body, *p, *q;
	size_t i, len;

	text = malloc(n * 32 + n);
	body = malloc(n * 32);
	assert_non_null(text);
	assert_non_null(body);
	p = text;
	q = body;
	for (i = 0; i < n; i++) {
		/* A page index entry every 64 lines (some 2 KB), as
		 * tools/unihan-index.awk writes them. */
		if (indexed && i % 64 == 0)
			p += sprintf(p, "#@ %06zX %zu\n", 0x20000 + 2 * i,
			    (size_t)(q - body));
		q += sprintf(q, "%06zX\tm\xc3\xa1\tm\xc3\xa0\tdef %zu\n",
		    0x20000 + 2 * i, i);
	}
	memcpy(p, body, (size_t)(q - body));
	len = (size_t)(p - text) + (size_t)(q - body);
	write_temp(text, len, path, path_size);
	free(body);
	free(text);
	return len;
}

/* Is the data of character i of write_big_table() there, and right? */
static int
big_entry_ok(const struct unihan *u, size_t i)
{
	struct syl out[MAX_READINGS];
	uint32_t cp = (uint32_t)(0x20000 + 2 * i);
	char want[32];
	const char *def;
	size_t len;

	if (unihan_readings(u, cp, 0, out, MAX_READINGS) != 2)
		return 0;
	assert_syl(&out[0], "ma", 2);
	assert_syl(&out[1], "ma", 4);
	def = unihan_definition(u, cp, &len);
	assert_non_null(def);
	snprintf(want, sizeof(want), "def %zu", i);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(def, want, len);
	return 1;
}

/*
 * A file of many pages (over 100 kB), read as lookups reach it: a binary
 * search finds every character in it and nothing between them.
 */
static void
large_file_loads_and_every_character_is_found(void **state)
{
	enum { N = 20000 };
	struct syl out[MAX_READINGS];
	struct unihan *u;
	char path[4096];
	size_t i;
	int indexed;

	(void)state;
	for (indexed = 0; indexed < 2; indexed++) {
		u = NULL;
		assert_true(write_big_table(N, indexed, path, sizeof(path)) >
		    100000);
		assert_int_equal(unihan_load(path, &u), STATUS_OK);
		unlink(path);
		/* Backwards, so that many searches meet pages not read
		 * yet. */
		for (i = N; i-- > 0;) {
			assert_true(big_entry_ok(u, i));
			assert_int_equal(unihan_readings(u,
			    (uint32_t)(0x20000 + 2 * i + 1), 0, out,
			    MAX_READINGS), 0);
		}
		assert_int_equal(unihan_count(u), N);
		unihan_free(u);
	}
}

/*
 * A table file cut short while rubi runs: what was read stays right, what
 * is gone gives no data, and nothing breaks.
 */
static void
file_cut_short_while_open_gives_no_data_past_the_cut(void **state)
{
	enum { N = 20000 };
	struct unihan *u;
	char path[4096];
	size_t len, i, found;
	int indexed;

	(void)state;
	for (indexed = 0; indexed < 2; indexed++) {
		u = NULL;
		found = 0;
		len = write_big_table(N, indexed, path, sizeof(path));
		assert_int_equal(unihan_load(path, &u), STATUS_OK);
		assert_true(big_entry_ok(u, 0)); /* its page is read now */
		assert_int_equal(truncate(path, (off_t)(len / 2)), 0);
		unlink(path);
		assert_true(big_entry_ok(u, 0));
		assert_false(big_entry_ok(u, N - 1));
		for (i = 0; i < N; i++)
			found += (size_t)big_entry_ok(u, i);
		/* The first half, and at most the few pages read past the
		 * cut before it was made. */
		assert_true(found >= N / 4);
		assert_true(found <= (len / 2 + 64 * 1024) / (len / N));
		unihan_free(u);
	}
}
/*
 * Group (b): compiled tables.
 */

/* Compile the text table t (a table of its own: free it). */
static struct unihan *
compiled(const struct unihan *t)
{
	struct sbuf out = {0};
	struct unihan *b = NULL;
	uint32_t *keys;
	size_t n;

	assert_int_equal(unihan_bin_compile(t, "notice\n", 7, &out),
	    STATUS_OK);
	assert_true(unihan_bin_is(out.s, out.len));
	assert_int_equal(unihan_from_buffer(out.s, out.len, &b), STATUS_OK);
	sbuf_fini(&out);
	/* It counts characters (a text table counts lines: the same
	 * unless some character has two). */
	assert_int_equal(unihan_keys(t, &keys, &n), STATUS_OK);
	assert_int_equal(unihan_count(b), n);
	free(keys);
	/* What is compiled is not compiled again. */
	assert_int_equal(unihan_keys(b, &keys, &n), STATUS_BAD_INPUT);
	return b;
}

/*
 * Do tables a and b give cp the same readings (both orders, all of them
 * and the first only) and the same definition?
 */
static void
assert_same_answers(const struct unihan *a, const struct unihan *b,
    uint32_t cp)
{
	struct syl x[MAX_READINGS], y[MAX_READINGS];
	size_t nx, ny, max, lx, ly, i;
	const char *dx, *dy;
	int hant;

	for (hant = 0; hant < 2; hant++)
		for (max = 1; max <= MAX_READINGS; max += MAX_READINGS - 1) {
			nx = unihan_readings(a, cp, hant, x, max);
			ny = unihan_readings(b, cp, hant, y, max);
			if (nx != ny)
				fprintf(stderr, "U+%04X hant %d max %zu: "
				    "%zu readings, compiled %zu\n", cp, hant,
				    max, nx, ny);
			assert_int_equal(nx, ny);
			for (i = 0; i < nx; i++)
				assert_syl(&y[i], x[i].s, x[i].tone);
		}
	dx = unihan_definition(a, cp, &lx);
	dy = unihan_definition(b, cp, &ly);
	assert_int_equal(dx == NULL, dy == NULL);
	assert_int_equal(lx, ly);
	if (dx != NULL)
		assert_memory_equal(dx, dy, lx);
}

/* Every character of text t, its neighbours and a few others. */
static void
assert_same_table(const struct unihan *t, const struct unihan *b)
{
	static const uint32_t others[] = {0, 0x41, 0x4e00, 0x10ffff};
	uint32_t *keys;
	size_t n, i;

	assert_int_equal(unihan_keys(t, &keys, &n), STATUS_OK);
	for (i = 0; i < n; i++) {
		assert_true(i == 0 || keys[i] > keys[i - 1]);
		assert_same_answers(t, b, keys[i]);
		assert_same_answers(t, b, keys[i] + 1);
		if (keys[i] > 0)
			assert_same_answers(t, b, keys[i] - 1);
	}
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		assert_same_answers(t, b, others[i]);
	free(keys);
}

/*
 * Crafted text tables, compiled: the same answers, read from memory (and
 * whole again after unihan_read_all()).
 */
static void
compiled_tables_answer_as_their_text_tables(void **state)
{
	static const char *const texts[] = {
		small_table,
		"",
		"# only a comment\n",
		/* Two kMandarin values that are one reading; one that is
		 * not a syllable; repeats; readings past kMandarin. */
		"004E00\tyī yī\tyí yì yī\tone\n"
		"004E01\txyz dīng\tzhēng\tmale adult\n"
		"004E02\tkǎo yú\tyú kǎo qiǎo\t\n"
		"004E03\t\tqī\tseven\n"
		"004E04\t\t\tnothing but a definition\n",
		/* Out of order and repeated lines: the misses of the text
		 * table are the compiled table's misses. */
		"007DA0\tlǜ\t\tgreen\n"
		"005730\tdì\t\tearth\n"
		"005730\tde\t\tsoil\n"
		"009000\tfoo bar\tbaz\tdefined\n",
		/* Characters in blocks far apart, at both ends. */
		"000041\tā\t\tthe first block\n"
		"0000FF\tá\t\tits last character\n"
		"10FFFD\tǎ\t\tthe last block\n",
	};
	struct unihan *t, *b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		t = table_of(texts[i]);
		b = compiled(t);
		assert_same_table(t, b);
		unihan_read_all(b);
		assert_same_table(t, b);
		unihan_free(b);
		unihan_free(t);
	}
}

/* Write the compiled form of text table t to a new temporary file. */
static size_t
write_compiled(const struct unihan *t, char *path, size_t path_size)
{
	struct sbuf out = {0};
	size_t len;

	assert_int_equal(unihan_bin_compile(t, "notice\n", 7, &out),
	    STATUS_OK);
	write_temp(out.s, out.len, path, path_size);
	len = out.len;
	sbuf_fini(&out);
	return len;
}

/*
 * A compiled file of 20,000 characters over 157 blocks, read as lookups
 * reach it, then cut short while open: what it still has is right, what
 * is gone gives no data, and a cut file is refused when it is loaded.
 */
static void
compiled_file_is_read_as_needed_and_survives_a_cut(void **state)
{
	enum { N = 20000 };
	struct unihan *t = NULL, *b = NULL;
	char path[4096], bpath[4096];
	size_t i, len, found = 0;

	(void)state;
	write_big_table(N, 1, path, sizeof(path));
	assert_int_equal(unihan_load(path, &t), STATUS_OK);
	unlink(path);
	len = write_compiled(t, bpath, sizeof(bpath));
	assert_int_equal(unihan_load(bpath, &b), STATUS_OK);
	for (i = N; i-- > 0;)
		assert_true(big_entry_ok(b, i));
	assert_int_equal(unihan_count(b), N);
	assert_true(big_entry_ok(b, 0));
	assert_int_equal(truncate(bpath, (off_t)(len / 2)), 0);
	for (i = 0; i < N; i++)
		found += (size_t)big_entry_ok(b, i);
	/* Definitions given out before stay; blocks past the cut give
	 * nothing new. */
	assert_true(found < N);
	unihan_free(b);
	b = NULL;
	assert_int_equal(unihan_load(bpath, &b), STATUS_BAD_INPUT);
	assert_null(b);
	unlink(bpath);
	unihan_free(t);
}

/* Readings that are syllables and a definition that is clean text. */
static void
assert_clean_answers(const struct unihan *u, uint32_t cp)
{
	struct syl out[MAX_READINGS];
	const char *d;
	size_t n, i, len;
	int hant;

	for (hant = 0; hant < 2; hant++) {
		n = unihan_readings(u, cp, hant, out, MAX_READINGS);
		assert_true(n <= MAX_READINGS);
		for (i = 0; i < n; i++) {
			assert_true(pinyin_is_syllable(out[i].s,
			    strlen(out[i].s)));
			assert_true(out[i].tone <= 5);
		}
	}
	d = unihan_definition(u, cp, &len);
	if (d == NULL)
		return;
	assert_true(len > 0);
	for (i = 0; i < len; i++)
		assert_true((unsigned char)d[i] >= 0x20 &&
		    (unsigned char)d[i] != 0x7f);
}

/*
 * Every cut of a compiled table is refused, and every byte of it damaged
 * in turn gives a table that is refused or answers with syllables and
 * clean text only (under the sanitizers and valgrind: never a read
 * outside the table).
 */
static void
cut_or_damaged_compiled_table_is_refused_or_clean(void **state)
{
	static const char text[] =
		"005730\tde dì\tdì dí\tearth; soil\n"
		"005731\tlǜ\t\tgreen\n"
		"0057FF\t\tqī\tseven\n";
	static const unsigned char masks[] = {0x01, 0x80, 0xff};
	static const uint32_t cps[] = {0x5700, 0x5730, 0x5731, 0x5732,
		0x57ff, 0x5800};
	struct sbuf out = {0};
	struct unihan *t, *b;
	size_t len, i, m, k, accepted = 0;
	char *copy;

	(void)state;
	t = table_of(text);
	assert_int_equal(unihan_bin_compile(t, "notice\n", 7, &out),
	    STATUS_OK);
	unihan_free(t);
	/* (No bytes at all are an empty text table.) */
	for (len = 1; len < out.len; len++) {
		b = NULL;
		assert_int_equal(unihan_from_buffer(out.s, len, &b),
		    STATUS_BAD_INPUT);
		assert_null(b);
	}
	copy = malloc(out.len);
	assert_non_null(copy);
	for (i = 0; i < out.len; i++)
		for (m = 0; m < sizeof(masks); m++) {
			memcpy(copy, out.s, out.len);
			copy[i] = (char)(copy[i] ^ masks[m]);
			b = NULL;
			if (unihan_from_buffer(copy, out.len, &b) !=
			    STATUS_OK) {
				assert_null(b);
				continue;
			}
			accepted++;
			for (k = 0; k < sizeof(cps) / sizeof(cps[0]); k++)
				assert_clean_answers(b, cps[k]);
			unihan_free(b);
		}
	/* Most damage is inside texts and offsets: loaded, and checked on
	 * each lookup. */
	assert_true(accepted > out.len);
	free(copy);
	sbuf_fini(&out);
}

/*
 * Group (c): the real tables, the compiled one loaded by
 * testlib_table_setup() from $RUBI_DATADIR/unihan.bin; each test's state
 * is that table.
 */

/* The table of the group; fails the test when there is none. */
static const struct unihan *
real_table(void **state)
{
	assert_non_null(*state);
	return *state;
}

/*
 * The compiled table the build made answers for every character of the
 * text table it was made from as that table does.
 */
static void
generated_compiled_table_answers_as_the_text_table(void **state)
{
	const struct unihan *b = real_table(state);
	const char *dir = getenv("RUBI_DATADIR");
	struct unihan *t = NULL;
	char path[4096];

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/unihan.tsv", dir);
	assert_int_equal(unihan_load(path, &t), STATUS_OK);
	assert_true(unihan_count(b) > 40000);
	assert_int_equal(unihan_count(b), unihan_count(t));
	assert_same_table(t, b);
	unihan_free(t);
}

/* Is {s, tone} among the readings of cp? */
static int
has_reading(const struct unihan *u, uint32_t cp, const char *s, int tone)
{
	struct syl out[MAX_READINGS];
	size_t i, n;

	n = unihan_readings(u, cp, 0, out, MAX_READINGS);
	for (i = 0; i < n; i++)
		if (strcmp(out[i].s, s) == 0 && out[i].tone == tone)
			return 1;
	return 0;
}

static void
real_table_holds_tens_of_thousands_of_characters(void **state)
{
	const struct unihan *u = real_table(state);

	assert_true(unihan_count(u) > 40000);
}

static void
fan_reads_fan2_first_in_traditional_text(void **state)
{
	const struct unihan *u = real_table(state);
	struct syl out[MAX_READINGS];

	/* 帆 kMandarin "fān fán" */
	assert_true(unihan_readings(u, 0x5e06, 1, out, MAX_READINGS) >= 2);
	assert_syl(&out[0], "fan", 2);
	assert_syl(&out[1], "fan", 1);
}

static void
fan_reads_fan1_first_in_simplified_text(void **state)
{
	const struct unihan *u = real_table(state);
	struct syl out[MAX_READINGS];

	assert_true(unihan_readings(u, 0x5e06, 0, out, MAX_READINGS) >= 2);
	assert_syl(&out[0], "fan", 1);
	assert_syl(&out[1], "fan", 2);
}

static void
lv_green_reads_lv4(void **state)
{
	const struct unihan *u = real_table(state);
	struct syl out[MAX_READINGS];

	/* 綠 */
	assert_true(unihan_readings(u, 0x7da0, 1, out, MAX_READINGS) >= 1);
	assert_syl(&out[0], "lv", 4);
}

static void
xing_walk_reads_both_xing2_and_hang2(void **state)
{
	const struct unihan *u = real_table(state);
	struct syl out[MAX_READINGS];

	/* 行: xíng first, háng among the others */
	assert_true(unihan_readings(u, 0x884c, 0, out, MAX_READINGS) >= 2);
	assert_syl(&out[0], "xing", 2);
	assert_true(has_reading(u, 0x884c, "hang", 2));
}

static void
sheng_life_reads_sheng1_first(void **state)
{
	const struct unihan *u = real_table(state);
	struct syl out[MAX_READINGS];

	/* 生 */
	assert_true(unihan_readings(u, 0x751f, 1, out, MAX_READINGS) >= 1);
	assert_syl(&out[0], "sheng", 1);
}

static void
tai_manner_is_defined_as_manner(void **state)
{
	const struct unihan *u = real_table(state);
	const char *def;
	size_t len;

	/* 態 "manner, bearing, attitude" */
	def = unihan_definition(u, 0x614b, &len);
	assert_non_null(def);
	assert_true(len >= 6);
	assert_memory_equal(def, "manner", 6);
	assert_true(has_reading(u, 0x614b, "tai", 4));
}

static void
extension_b_characters_are_found(void **state)
{
	const struct unihan *u = real_table(state);

	/* U+20000 𠀀 kMandarin hē */
	assert_true(has_reading(u, 0x20000, "he", 1));
	assert_null(unihan_definition(u, 0x41, NULL));
}

/* unihan_readings() reads each reading of the table as
 * pinyin_parse_syllable() does (it has a faster path for the common
 * spelling): checked for every character of the generated table. */
static void
every_table_reading_reads_as_the_pinyin_parser_reads_it(void **state)
{
	const struct unihan *u = real_table(state);
	const char *dir = getenv("RUBI_DATADIR");
	char path[4096], line[16384], *f1, *f3, *tok, *save;
	struct syl got[64], want;
	size_t n, k, checked = 0;
	unsigned long cp;
	FILE *fp;
	int found;

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/unihan.tsv", dir);
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		cp = strtoul(line, &f1, 16);
		assert_true(*f1 == '\t');
		f3 = strchr(f1 + 1, '\t');
		assert_non_null(f3);
		f3 = strchr(f3 + 1, '\t');
		assert_non_null(f3);
		*f3 = '\0';
		n = unihan_readings(u, (uint32_t)cp, 0, got, 64);
		for (tok = strtok_r(f1 + 1, " \t", &save); tok != NULL;
		        tok = strtok_r(NULL, " \t", &save)) {
			if (!pinyin_parse_syllable(tok, strlen(tok), &want))
				continue;
			found = 0;
			for (k = 0; k < n; k++)
				found |= strcmp(got[k].s, want.s) == 0 &&
				        got[k].tone == want.tone;
			if (!found && n < 64)
				fprintf(stderr, "U+%04lX %s: not read as %s/%d\n",
				        cp, tok, want.s, want.tone);
			assert_true(found || n == 64);
			checked++;
		}
	}
	fclose(fp);
	assert_true(checked > 50000);
}

int
main(void)
{
	const struct CMUnitTest crafted_tables[] = {
		cmocka_unit_test(empty_table_is_accepted),
		cmocka_unit_test(table_of_only_comments_is_accepted),
		cmocka_unit_test(comments_between_data_lines_are_skipped),
	        cmocka_unit_test(page_index_right_or_wrong_gives_the_same_answers),
		cmocka_unit_test(bad_hex_is_refused),
		cmocka_unit_test(short_and_padded_hex_are_both_accepted),
		cmocka_unit_test(descending_code_points_never_mix_characters),
		cmocka_unit_test(repeated_code_point_gives_one_of_its_lines),
		cmocka_unit_test(bad_line_costs_only_its_own_data),
		cmocka_unit_test(missing_field_is_refused),
		cmocka_unit_test(extra_field_is_refused),
		cmocka_unit_test(code_point_above_10ffff_is_refused),
		cmocka_unit_test(surrogate_code_point_is_refused),
		cmocka_unit_test(invalid_utf8_is_refused),
		cmocka_unit_test(control_characters_in_fields_are_refused),
		cmocka_unit_test(empty_line_is_refused),
		cmocka_unit_test(table_without_final_newline_is_refused),
		cmocka_unit_test(stray_spaces_between_readings_are_refused),
		cmocka_unit_test(kmandarin_comes_first_in_table_order),
		cmocka_unit_test(
		    traditional_reading_comes_first_with_prefer_hant),
		cmocka_unit_test(
		    prefer_hant_changes_nothing_with_one_kmandarin_value),
		cmocka_unit_test(repeated_readings_are_listed_once),
		cmocka_unit_test(readings_that_are_not_syllables_are_skipped),
		cmocka_unit_test(readings_stop_at_max),
		cmocka_unit_test(
		    character_without_data_has_no_readings_or_definition),
		cmocka_unit_test(
		    definition_points_into_the_table_without_terminator),
		cmocka_unit_test(null_table_has_nothing_and_frees_quietly),
		cmocka_unit_test(buffer_is_copied_not_kept),
		cmocka_unit_test(missing_file_is_an_io_error),
		cmocka_unit_test(directory_is_an_io_error),
		cmocka_unit_test(malformed_file_is_refused),
		cmocka_unit_test(large_file_loads_and_every_character_is_found),
		cmocka_unit_test(
		    file_cut_short_while_open_gives_no_data_past_the_cut),
	};
	const struct CMUnitTest compiled_tables[] = {
		cmocka_unit_test(compiled_tables_answer_as_their_text_tables),
		cmocka_unit_test(
		    compiled_file_is_read_as_needed_and_survives_a_cut),
		cmocka_unit_test(
		    cut_or_damaged_compiled_table_is_refused_or_clean),
	};
	const struct CMUnitTest generated_table[] = {
		cmocka_unit_test(
		    generated_compiled_table_answers_as_the_text_table),
		cmocka_unit_test(
		    real_table_holds_tens_of_thousands_of_characters),
		cmocka_unit_test(fan_reads_fan2_first_in_traditional_text),
		cmocka_unit_test(fan_reads_fan1_first_in_simplified_text),
		cmocka_unit_test(lv_green_reads_lv4),
		cmocka_unit_test(xing_walk_reads_both_xing2_and_hang2),
		cmocka_unit_test(sheng_life_reads_sheng1_first),
		cmocka_unit_test(tai_manner_is_defined_as_manner),
		cmocka_unit_test(extension_b_characters_are_found),
		cmocka_unit_test(
		    every_table_reading_reads_as_the_pinyin_parser_reads_it),
	};
	int failed;

	failed = cmocka_run_group_tests(crafted_tables, NULL, NULL);
	failed += cmocka_run_group_tests(compiled_tables, NULL, NULL);
	failed += cmocka_run_group_tests(generated_table, testlib_table_setup,
	    testlib_table_teardown);
	return failed ? 1 : 0;
}
