/*
 * test-source.c: unit tests for src/source.c, the bytes of a document.
 *
 * A regular file is a temporary file (in $TMPDIR, else /tmp) filled with
 * a pattern from which every byte's offset can be checked; a pipe is a
 * pipe() written by this process, or by a forked writer when it holds
 * more than the pipe's buffer. Every test that could block on a pipe runs
 * under alarm(), so that a source that reads too far fails instead of
 * hanging.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "source.h"

#include "testlib.h"

#define BIG (10u * 1024 * 1024) /* a file far larger than the window */

/* The byte at offset i of every test input: it differs from its
 * neighbours and from the bytes 256, 65536 and 1 MiB away. */
static unsigned char
pat(size_t i)
{
	return (unsigned char)(i ^ (i >> 8) * 31 ^ (i >> 16) * 7 ^ (i >> 20));
}

/* Do p[0..len) hold the pattern from offset off on? */
static int
is_pat(const char *p, size_t off, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)p[i] != pat(off + i))
			return 0;
	return 1;
}

static char *
pat_buf(size_t len)
{
	char *b = malloc(len ? len : 1);
	size_t i;

	assert_non_null(b);
	for (i = 0; i < len; i++)
		b[i] = (char)pat(i);
	return b;
}

/* A temporary file of `len` pattern bytes; its path goes to path. */
static int
pat_file(size_t len, char *path, size_t pathsize)
{
	char *b = pat_buf(len);
	int fd = testlib_temp_file(b, len, path, pathsize);

	free(b);
	return fd;
}

/* Open a file of BIG pattern bytes, already unlinked; returns its fd. */
static int
open_pat_file(struct source **src)
{
	char path[4096];
	int fd;

	fd = pat_file(BIG, path, sizeof(path));
	assert_int_equal(source_open(path, src), STATUS_OK);
	unlink(path);
	return fd;
}

/* Pipe tests run under a watchdog: a source that reads too far blocks. */
static int
arm_watchdog(void **state)
{
	(void)state;
	alarm(30);
	return 0;
}

static int
disarm_watchdog(void **state)
{
	(void)state;
	alarm(0);
	return 0;
}

static void
get_ok(struct source *src, size_t off, size_t want, const char **p, size_t *got)
{
	assert_int_equal(source_get(src, off, want, p, got), STATUS_OK);
}

static void
regular_file_is_read_on_demand_at_both_ends(void **state)
{
	struct source *src = NULL;
	const char *p;
	char path[4096];
	size_t got, i;
	int fd;

	(void)state;
	fd = pat_file(BIG, path, sizeof(path));
	close(fd);
	assert_int_equal(source_open(path, &src), STATUS_OK);
	unlink(path);
	assert_int_equal(source_size(src), BIG);
	assert_true(source_complete(src));

	/* The end first, then the start, then the end again: each get is
	 * served from a window far from the previous one. */
	get_ok(src, BIG - 100, 100, &p, &got);
	assert_int_equal(got, 100);
	assert_true(is_pat(p, BIG - 100, 100));
	get_ok(src, 0, 100, &p, &got);
	assert_int_equal(got, 100);
	assert_true(is_pat(p, 0, 100));
	get_ok(src, BIG / 2 + 12345, 4096, &p, &got);
	assert_int_equal(got, 4096);
	assert_true(is_pat(p, BIG / 2 + 12345, 4096));
	get_ok(src, BIG - 1, 1, &p, &got);
	assert_int_equal(got, 1);
	assert_true(is_pat(p, BIG - 1, 1));

	/* A whole window at a time, at offsets that straddle windows. */
	for (i = 0; i < BIG; i += SOURCE_WINDOW - 4097) {
		get_ok(src, i, SOURCE_WINDOW, &p, &got);
		assert_int_equal(
		        got, BIG - i < SOURCE_WINDOW ? BIG - i : SOURCE_WINDOW);
		assert_true(is_pat(p, i, got));
	}
	source_free(src);
}

static void
get_at_the_end_of_a_file_is_short(void **state)
{
	struct source *src = NULL;
	const char *p;
	char path[4096];
	size_t got;
	int fd;

	(void)state;
	fd = pat_file(1000, path, sizeof(path));
	unlink(path);
	assert_int_equal(source_from_fd(fd, &src), STATUS_OK);
	get_ok(src, 990, 100, &p, &got);
	assert_int_equal(got, 10);
	assert_true(is_pat(p, 990, 10));
	get_ok(src, 1000, 1, &p, &got);
	assert_int_equal(got, 0);
	get_ok(src, 5000000, 10, &p, &got);
	assert_int_equal(got, 0);
	/* The source still serves the start after reads past the end. */
	get_ok(src, 0, 1000, &p, &got);
	assert_int_equal(got, 1000);
	assert_true(is_pat(p, 0, 1000));
	source_free(src);
}

static void
file_truncated_after_opening_gives_short_reads_not_a_crash(void **state)
{
	struct source *src = NULL;
	const char *p;
	size_t got;
	int fd;

	(void)state;
	fd = open_pat_file(&src);
	assert_int_equal(source_size(src), BIG);
	get_ok(src, 0, 100, &p, &got); /* a window at the start is held */
	assert_true(is_pat(p, 0, 100));

	assert_int_equal(ftruncate(fd, 100), 0);
	close(fd);
	get_ok(src, 5u * 1024 * 1024, 10, &p, &got);
	assert_int_equal(got, 0);
	assert_true(source_size(src) < BIG);
	get_ok(src, BIG - 10, 10, &p, &got);
	assert_int_equal(got, 0);
	get_ok(src, 100, 10, &p, &got);
	assert_int_equal(got, 0);
	/* What is left is still there. */
	get_ok(src, 0, 200, &p, &got);
	assert_int_equal(got, 100);
	assert_true(is_pat(p, 0, 100));
	assert_int_equal(source_size(src), 100);
	source_free(src);
}

/*
 * A file rewritten while open is noticed (size or modification time), and
 * then read afresh: the old window is not shown again.
 */
static void
file_changed_after_opening_is_noticed_and_read_again(void **state)
{
	struct source *src = NULL, *mem = NULL;
	const char *p;
	size_t got;
	int fd;

	(void)state;
	fd = open_pat_file(&src);
	assert_int_equal(source_changed(src), 0);
	get_ok(src, 0, 100, &p, &got);
	assert_true(is_pat(p, 0, 100));

	/* Cut short: noticed once, with the new size. */
	assert_int_equal(ftruncate(fd, 1000), 0);
	assert_int_equal(source_changed(src), 1);
	assert_int_equal(source_size(src), 1000);
	assert_int_equal(source_changed(src), 0);
	/* Rewritten in place, same size: the new bytes are read. */
	assert_int_equal(pwrite(fd, "changed", 7, 0), 7);
	{
		struct timespec ts[2] = {{0, UTIME_OMIT}, {12345, 0}};

		assert_int_equal(futimens(fd, ts), 0); /* a new mtime */
	}
	assert_int_equal(source_changed(src), 1);
	get_ok(src, 0, 7, &p, &got);
	assert_int_equal(got, 7);
	assert_memory_equal(p, "changed", 7);
	/* Grown: the new end is there. */
	assert_int_equal(ftruncate(fd, 5000), 0);
	assert_int_equal(source_changed(src), 1);
	assert_int_equal(source_size(src), 5000);
	close(fd);
	source_free(src);

	/* Memory sources never change. */
	assert_int_equal(source_from_memory("abc", 3, &mem), STATUS_OK);
	assert_int_equal(source_changed(mem), 0);
	source_free(mem);
}

static void
pipe_is_read_only_as_far_as_asked(void **state)
{
	struct source *src = NULL;
	const char *p;
	char *b = pat_buf(3000);
	size_t got;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], b, 1000), 1000);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	assert_false(source_complete(src));

	/* The writer is still open: reading to the end would block, and
	 * the watchdog would end the test. */
	get_ok(src, 0, 10, &p, &got);
	assert_int_equal(got, 10);
	assert_true(is_pat(p, 0, 10));
	assert_false(source_complete(src));
	get_ok(src, 990, 10, &p, &got);
	assert_int_equal(got, 10);
	assert_true(is_pat(p, 990, 10));
	assert_false(source_complete(src));
	assert_int_equal(source_size(src), 1000);

	assert_int_equal(write(fds[1], b + 1000, 2000), 2000);
	close(fds[1]);
	get_ok(src, 2500, 100, &p, &got);
	assert_int_equal(got, 100);
	assert_true(is_pat(p, 2500, 100));
	get_ok(src, 2990, 100, &p, &got);
	assert_int_equal(got, 10);
	assert_true(is_pat(p, 2990, 10));
	assert_true(source_complete(src));
	assert_int_equal(source_size(src), 3000);
	get_ok(src, 3000, 1, &p, &got);
	assert_int_equal(got, 0);
	/* Bytes read earlier are kept: a pipe cannot be read again. */
	get_ok(src, 0, 3000, &p, &got);
	assert_int_equal(got, 3000);
	assert_true(is_pat(p, 0, 3000));
	source_free(src);
	free(b);
}

/* A child that writes `len` pattern bytes to fd in odd-sized pieces (it
 * closes `rd`, the pipe's read end, so that it sees EPIPE when we do). */
static pid_t
writer(int fd, int rd, size_t len)
{
	char *b = pat_buf(len);
	size_t done, n;
	ssize_t r;
	pid_t pid;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* EPIPE, not SIGPIPE, when the reader is gone; and the
		 * buffer freed on every way out (valgrind checks the child) */
		signal(SIGPIPE, SIG_IGN);
		close(rd);
		for (done = 0; done < len; done += (size_t)r) {
			n = len - done < 7777 ? len - done : 7777;
			r = write(fd, b + done, n);
			if (r <= 0) {
				free(b);
				_exit(1);
			}
		}
		free(b);
		_exit(0);
	}
	free(b);
	return pid;
}

static void
pipe_from_another_process_is_read_to_its_end(void **state)
{
	const size_t len = 3 * 1024 * 1024 + 17;
	struct source *src = NULL;
	const char *p;
	size_t got, i;
	int fds[2], wst;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = writer(fds[1], fds[0], len);
	close(fds[1]);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);

	get_ok(src, 1000000, 64, &p, &got);
	assert_int_equal(got, 64);
	assert_true(is_pat(p, 1000000, 64));
	assert_true(source_size(src) >= 1000064);

	get_ok(src, len + 5, 1, &p, &got); /* past the end */
	assert_int_equal(got, 0);
	assert_true(source_complete(src));
	assert_int_equal(source_size(src), len);
	assert_int_equal(source_read_all(src), STATUS_OK);
	assert_int_equal(source_size(src), len);

	for (i = 0; i < len; i += SOURCE_WINDOW) {
		get_ok(src, i, SOURCE_WINDOW, &p, &got);
		assert_int_equal(
		        got, len - i < SOURCE_WINDOW ? len - i : SOURCE_WINDOW);
		assert_true(is_pat(p, i, got));
	}
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	assert_true(WIFEXITED(wst) && WEXITSTATUS(wst) == 0);
	source_free(src);
}

static void
read_all_reads_a_pipe_to_its_end(void **state)
{
	struct source *src = NULL;
	const char *p;
	size_t got;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "hello\nworld", 11), 11);
	close(fds[1]);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	assert_int_equal(source_size(src), 0);
	assert_int_equal(source_read_all(src), STATUS_OK);
	assert_true(source_complete(src));
	assert_int_equal(source_size(src), 11);
	get_ok(src, 6, 100, &p, &got);
	assert_int_equal(got, 5);
	assert_memory_equal(p, "world", 5);
	source_free(src);
}

static void
empty_pipe_is_a_complete_empty_source(void **state)
{
	struct source *src = NULL;
	const char *p;
	size_t got;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	close(fds[1]);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	get_ok(src, 0, 1, &p, &got);
	assert_int_equal(got, 0);
	assert_true(source_complete(src));
	assert_int_equal(source_size(src), 0);
	source_free(src);
}

/* Live mode: what has arrived, never a wait (the watchdog would fire). */
static void
live_pipe_gives_what_has_arrived_without_waiting(void **state)
{
	struct source *src = NULL;
	const char *p;
	size_t got;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	source_set_live(src, 1);
	assert_int_equal(source_wait_fd(src), fds[0]);
	get_ok(src, 0, 100, &p, &got);
	assert_int_equal(got, 0);
	assert_false(source_complete(src));
	assert_int_equal(source_wait(src, 0), 0); /* nothing to read */

	assert_int_equal(write(fds[1], "line one\nline t", 16), 16);
	assert_int_equal(source_wait(src, 1000), 1);
	get_ok(src, 0, 100, &p, &got);
	assert_int_equal(got, 16); /* a partial line, as it came */
	assert_memory_equal(p, "line one\nline t", 16);
	assert_false(source_complete(src));

	assert_int_equal(write(fds[1], "wo\n", 3), 3);
	assert_int_equal(source_read_more(src), STATUS_OK);
	assert_int_equal(source_size(src), 19);
	close(fds[1]);
	assert_int_equal(source_read_more(src), STATUS_OK);
	assert_true(source_complete(src));
	assert_int_equal(source_wait_fd(src), -1);
	assert_int_equal(source_wait(src, -1), 1); /* ended: no wait */
	source_free(src);
}

static void
read_all_waits_for_the_end_even_in_live_mode(void **state)
{
	const size_t len = 1024 * 1024 + 3;
	struct source *src = NULL;
	int fds[2], wst;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = writer(fds[1], fds[0], len);
	close(fds[1]);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	source_set_live(src, 1);
	assert_int_equal(source_read_all(src), STATUS_OK);
	assert_true(source_complete(src));
	assert_int_equal(source_size(src), len);
	assert_int_equal(waitpid(pid, &wst, 0), pid);
	source_free(src);
}

static void
pipe_is_kept_to_its_limit_and_says_so(void **state)
{
	struct source *src = NULL;
	const char *p;
	size_t got;
	int fds[2], wst;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = writer(fds[1], fds[0], 3 * 1024 * 1024);
	close(fds[1]);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	source_set_limit(src, 1000000);
	assert_false(source_capped(src));
	assert_int_equal(source_read_all(src), STATUS_OK);
	assert_true(source_complete(src));
	assert_true(source_capped(src));
	assert_int_equal(source_size(src), 1000000);
	get_ok(src, 999990, 100, &p, &got);
	assert_int_equal(got, 10);
	assert_true(is_pat(p, 999990, 10));
	source_free(src); /* the writer gets EPIPE */
	assert_int_equal(waitpid(pid, &wst, 0), pid);
}

static void
prefetch_waits_for_the_first_bytes_only(void **state)
{
	struct source *src = NULL;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "abc", 3), 3);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	/* 3 bytes of the 65536 asked for: back after about 50 ms. */
	assert_int_equal(source_prefetch(src, 65536, 50), STATUS_OK);
	assert_int_equal(source_size(src), 3);
	assert_false(source_complete(src));
	close(fds[1]);
	assert_int_equal(source_prefetch(src, 65536, 50), STATUS_OK);
	assert_true(source_complete(src));
	source_free(src);
}

static void
directory_is_refused_with_eisdir(void **state)
{
	const char *dir = testlib_tmpdir();
	struct source *src = NULL;

	(void)state;
	errno = 0;
	assert_int_equal(source_open(dir, &src), STATUS_IO);
	assert_int_equal(errno, EISDIR);
	assert_null(src);
	errno = 0;
	assert_int_equal(source_open("/", &src), STATUS_IO);
	assert_int_equal(errno, EISDIR);
	assert_null(src);
}

static void
missing_file_is_refused_with_enoent(void **state)
{
	struct source *src = NULL;

	(void)state;
	errno = 0;
	assert_int_equal(
	        source_open("/nonexistent-rubi-test/no-such-file.txt", &src),
	        STATUS_IO);
	assert_int_equal(errno, ENOENT);
	assert_null(src);
}

static void
memory_source_keeps_its_own_copy(void **state)
{
	char buf[] = "first line\nsecond";
	struct source *src = NULL;
	const char *p;
	size_t got;

	(void)state;
	assert_int_equal(source_from_memory(buf, strlen(buf), &src), STATUS_OK);
	memset(buf, 'X', strlen(buf));
	assert_true(source_complete(src));
	assert_int_equal(source_size(src), 17);
	get_ok(src, 0, 17, &p, &got);
	assert_int_equal(got, 17);
	assert_true(p != buf);
	assert_memory_equal(p, "first line\nsecond", 17);
	get_ok(src, 11, 100, &p, &got);
	assert_int_equal(got, 6);
	assert_memory_equal(p, "second", 6);
	get_ok(src, 17, 1, &p, &got);
	assert_int_equal(got, 0);
	get_ok(src, 1000, 1, &p, &got);
	assert_int_equal(got, 0);
	source_free(src);
}

static void
empty_memory_source_has_no_bytes(void **state)
{
	struct source *src = NULL;
	const char *p;
	size_t got = 99;

	(void)state;
	assert_int_equal(source_from_memory("", 0, &src), STATUS_OK);
	assert_int_equal(source_size(src), 0);
	assert_true(source_complete(src));
	get_ok(src, 0, 10, &p, &got);
	assert_int_equal(got, 0);
	source_free(src);
	source_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(regular_file_is_read_on_demand_at_both_ends),
	        cmocka_unit_test(get_at_the_end_of_a_file_is_short),
	        cmocka_unit_test(
	                file_changed_after_opening_is_noticed_and_read_again),
	        cmocka_unit_test(
	                file_truncated_after_opening_gives_short_reads_not_a_crash),
	        cmocka_unit_test_setup_teardown(
	                pipe_is_read_only_as_far_as_asked, arm_watchdog,
	                disarm_watchdog),
	        cmocka_unit_test_setup_teardown(
	                pipe_from_another_process_is_read_to_its_end,
	                arm_watchdog, disarm_watchdog),
	        cmocka_unit_test_setup_teardown(
	                read_all_reads_a_pipe_to_its_end, arm_watchdog,
	                disarm_watchdog),
	        cmocka_unit_test_setup_teardown(
	                empty_pipe_is_a_complete_empty_source, arm_watchdog,
	                disarm_watchdog),
	        cmocka_unit_test_setup_teardown(
	                live_pipe_gives_what_has_arrived_without_waiting,
	                arm_watchdog, disarm_watchdog),
	        cmocka_unit_test_setup_teardown(
	                read_all_waits_for_the_end_even_in_live_mode,
	                arm_watchdog, disarm_watchdog),
	        cmocka_unit_test_setup_teardown(
	                pipe_is_kept_to_its_limit_and_says_so, arm_watchdog,
	                disarm_watchdog),
	        cmocka_unit_test_setup_teardown(
	                prefetch_waits_for_the_first_bytes_only, arm_watchdog,
	                disarm_watchdog),
	        cmocka_unit_test(directory_is_refused_with_eisdir),
	        cmocka_unit_test(missing_file_is_refused_with_enoent),
	        cmocka_unit_test(memory_source_keeps_its_own_copy),
	        cmocka_unit_test(empty_memory_source_has_no_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
