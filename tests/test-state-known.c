/*
 * test-state-known.c: the known characters in the state file
 * (src/state.c): the extra "<TAB>known<TAB>..." line, files without it,
 * malformed lines, and saves that merge the changes of two processes.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "known.h"
#include "state.h"
#include "utf8.h"

#include "testlib.h"

#define REC "/a/b.txt\t10\t100\t5\t-\n"

static struct state *
from(const char *text)
{
	struct state *st = NULL;
	int corrupt = 1;

	assert_int_equal(state_from_buffer(text, strlen(text), &st, &corrupt),
	        STATUS_OK);
	assert_int_equal(corrupt, 0);
	return st;
}

/* The known list of st as "生態" (code point order). */
static const char *
chars(const struct state *st, char *buf, size_t size)
{
	char enc[4];
	size_t i, o = 0;
	int n;

	for (i = 0; i < known_count(state_known(st)); i++) {
		n = utf8_encode(known_at(state_known(st), i), enc);
		assert_true(o + (size_t)n < size);
		memcpy(buf + o, enc, (size_t)n);
		o += (size_t)n;
	}
	buf[o] = '\0';
	return buf;
}

static void
a_file_without_known_line_loads_as_before(void **state)
{
	struct state *st = from("rubi-state 1\n" REC);

	(void)state;
	assert_int_equal(state_count(st), 1);
	assert_null(state_known(st));
	assert_int_equal(state_skipped(st), 0);
	state_free(st);
}

static void
known_line_loads_next_to_the_records(void **state)
{
	struct state *st = from("rubi-state 1\n\tknown\t態生\n" REC);
	char buf[64];

	(void)state;
	assert_int_equal(state_count(st), 1);
	assert_non_null(state_get(st, "/a/b.txt"));
	assert_string_equal(chars(st, buf, sizeof(buf)), "態生");
	assert_int_equal(state_skipped(st), 0);
	state_free(st);
}

static void
malformed_known_line_is_skipped_and_counted(void **state)
{
	struct state *st = from("rubi-state 1\n\tknown\t生a\n" REC);

	(void)state;
	assert_null(state_known(st));
	assert_int_equal(state_skipped(st), 1);
	assert_int_equal(state_count(st), 1);
	state_free(st);
}

static void
known_line_is_written_first_and_reloads_the_same(void **state)
{
	struct state *st = from("rubi-state 1\n" REC), *back;
	char text[256], buf[64];

	(void)state;
	assert_int_equal(state_known_set(st, 0x751f, 1), STATUS_OK); /* 生 */
	assert_int_equal(state_known_set(st, 0x614b, 1), STATUS_OK); /* 態 */
	assert_int_equal(state_known_set(st, 'a', 1), STATUS_RANGE);
	state_serialize(st, text, sizeof(text));
	assert_string_equal(text, "rubi-state 1\n\tknown\t態生\n" REC);
	back = from(text);
	assert_string_equal(chars(back, buf, sizeof(buf)), "態生");
	state_free(back);
	state_free(st);
}

static void
saves_of_two_processes_merge_their_changes(void **state)
{
	char dir[4096], path[4200], buf[64];
	struct state *one, *two, *disk;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/rubi-known-XXXXXX", testlib_tmpdir());
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/state", dir);
	/* Both start from the same (missing) file. */
	assert_int_equal(state_load(path, &one), STATUS_OK);
	assert_int_equal(state_load(path, &two), STATUS_OK);
	assert_int_equal(state_known_set(one, 0x751f, 1), STATUS_OK);
	assert_int_equal(state_save(path, one, NULL), STATUS_OK);
	assert_int_equal(state_known_set(two, 0x614b, 1), STATUS_OK);
	assert_int_equal(state_save(path, two, NULL), STATUS_OK);
	assert_int_equal(state_load(path, &disk), STATUS_OK);
	assert_string_equal(chars(disk, buf, sizeof(buf)), "態生");
	state_free(disk);
	/* Unmarking is a change too, and travels the same way. */
	assert_int_equal(state_known_set(one, 0x751f, 0), STATUS_OK);
	assert_int_equal(state_save(path, one, NULL), STATUS_OK);
	assert_int_equal(state_load(path, &disk), STATUS_OK);
	assert_string_equal(chars(disk, buf, sizeof(buf)), "態");
	state_free(disk);
	state_free(one);
	state_free(two);
	unlink(path);
	snprintf(path, sizeof(path), "%s/state.lock", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(a_file_without_known_line_loads_as_before),
	        cmocka_unit_test(known_line_loads_next_to_the_records),
	        cmocka_unit_test(malformed_known_line_is_skipped_and_counted),
	        cmocka_unit_test(
	                known_line_is_written_first_and_reloads_the_same),
	        cmocka_unit_test(saves_of_two_processes_merge_their_changes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
