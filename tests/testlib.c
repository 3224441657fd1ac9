/*
 * testlib.c: setup shared by the cmocka test programs (see testlib.h).
 *
 * One table per test program: testlib_table_setup() and
 * testlib_table_teardown() are the group setup and teardown of every group
 * that needs readings, and testlib_table() hands the table to the helpers
 * that build documents. Paths come from the environment that make check
 * sets (RUBI_DATADIR, top_srcdir, TMPDIR) and are built into caller-sized
 * buffers; a path that does not fit is an error, never silently cut.
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
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"

#define SAMPLE "data/shandong-green-lowcarbon.txt"

/* Owned here; set by testlib_table_setup(), freed by the teardown. */
static struct unihan *table;

int
testlib_table_setup(void **state)
{
	const char *dir = getenv("RUBI_DATADIR");
	char path[4096];
	enum status st;

	if (dir == NULL || *dir == '\0') {
		fprintf(stderr,
		        "RUBI_DATADIR is not set: it must name the "
		        "directory holding the generated unihan.bin "
		        "(make check sets it; the build makes the table "
		        "from unicode-data's Unihan_Readings.txt)\n");
		return -1;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/unihan.bin", dir) >=
	        sizeof(path)) {
		fprintf(stderr, "RUBI_DATADIR is too long\n");
		return -1;
	}
	st = unihan_load(path, &table);
	if (st != STATUS_OK) {
		fprintf(stderr, "cannot load %s: %s%s%s\n", path,
		        status_str(st), st == STATUS_IO ? ": " : "",
		        st == STATUS_IO ? strerror(errno) : "");
		return -1;
	}
	*state = table;
	return 0;
}

int
testlib_table_teardown(void **state)
{
	unihan_free(table);
	table = NULL;
	*state = NULL;
	return 0;
}

const struct unihan *
testlib_table(void)
{
	return table;
}

void
testlib_doc_opts(struct doc_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->notation = NOTATION_PINYIN;
	opts->ambiwidth = 1;
	opts->prefer_hant = 1;
	opts->uh = table;
}

struct doc *
testlib_doc_over(struct source *src, const struct doc_opts *opts)
{
	struct doc_opts defaults;
	struct doc *doc = NULL;

	if (opts == NULL) {
		testlib_doc_opts(&defaults);
		opts = &defaults;
	}
	assert_int_equal(doc_new(src, opts, &doc), STATUS_OK);
	assert_non_null(doc);
	return doc;
}

struct doc *
testlib_doc_of(const char *s, size_t len, const struct doc_opts *opts)
{
	struct source *src = NULL;

	assert_int_equal(source_from_memory(s, len, &src), STATUS_OK);
	return testlib_doc_over(src, opts);
}

struct doc *
testlib_doc_of_str(const char *s, const struct doc_opts *opts)
{
	return testlib_doc_of(s, strlen(s), opts);
}

/* The sample article's path into path[0..size); fails the test if unset. */
static void
sample_path(char *path, size_t size)
{
	const char *top = getenv("top_srcdir");

	if (top == NULL || *top == '\0') {
		fprintf(stderr,
		        "top_srcdir is not set: run under make check, "
		        "or set it to the source tree\n");
		fail();
	}
	assert_true((size_t)snprintf(path, size, "%s/" SAMPLE, top) < size);
}

char *
testlib_file_bytes(const char *path, size_t *len)
{
	char *buf;
	FILE *f;
	long n;

	f = fopen(path, "rb");
	if (f == NULL)
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_true(fread(buf, 1, (size_t)n, f) == (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

char *
testlib_sample_bytes(size_t *len)
{
	char path[4096];

	sample_path(path, sizeof(path));
	return testlib_file_bytes(path, len);
}

char *
testlib_data_bytes(const char *rel, size_t *len)
{
	const char *dir = getenv("TEST_DATA_DIR");
	char path[4096];

	assert_non_null(dir);
	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dir, rel) <
	        sizeof(path));
	return testlib_file_bytes(path, len);
}

struct doc *
testlib_sample_doc(void)
{
	struct source *src = NULL;
	char path[4096];

	sample_path(path, sizeof(path));
	if (source_open(path, &src) != STATUS_OK)
		fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
	assert_non_null(src);
	return testlib_doc_over(src, NULL);
}

const char *
testlib_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir == NULL || *dir == '\0' ? "/tmp" : dir;
}

int
testlib_temp_file(const char *data, size_t len, char *path, size_t size)
{
	size_t done;
	ssize_t r;
	int fd;

	assert_true((size_t)snprintf(path, size, "%s/rubi-test-XXXXXX",
	                    testlib_tmpdir()) < size);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	for (done = 0; done < len; done += (size_t)r) {
		r = write(fd, data + done, len - done);
		assert_true(r > 0);
	}
	return fd;
}

pid_t
testlib_rewriter(const char *path, const char *data, size_t len)
{
	pid_t parent = getpid(), pid;
	size_t i, from, n;
	int fd;

	assert_true(len > 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid != 0)
		return pid;
	fd = open(path, O_WRONLY);
	for (i = 0; fd >= 0 && getppid() == parent; i++) {
		from = i % 2 ? (i * 104729) % len : 0;
		n = (i * 7919) % (len - from + 1);
		if (ftruncate(fd, 0) != 0 || pwrite(fd, data + from, n, 0) < 0)
			break;
		usleep((useconds_t)(i % 100));
	}
	_exit(1);
}

void
testlib_rewriter_stop(pid_t pid)
{
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
}

char *
testlib_long_text(size_t *len)
{
	size_t one, i;
	char *sample = testlib_sample_bytes(&one), *s;

	*len = 12 * one + 100000 * 7;
	s = malloc(*len);
	assert_non_null(s);
	for (i = 0; i < 12; i++)
		memcpy(s + i * one, sample, one);
	for (i = 0; i < 100000; i++)
		memcpy(s + 12 * one + i * 7, "\xe7\x94\x9f(sh)", 7); /* 生 */
	free(sample);
	return s;
}

int
testlib_out_write(void *ctx, const char *s, size_t len)
{
	struct testlib_out *o = ctx;

	assert_true(o->len + len < sizeof(o->s));
	memcpy(o->s + o->len, s, len);
	o->len += len;
	o->s[o->len] = '\0';
	return 0;
}

/* Append s[0..len) to buf (NUL-terminated, `size` bytes); fails if full. */
static void
put(char *buf, size_t size, const char *s, size_t len)
{
	size_t n = strlen(buf);

	assert_true(n + len < size);
	memcpy(buf + n, s, len);
	buf[n + len] = '\0';
}

void
testlib_describe(const struct block *blk, char *buf, size_t size)
{
	char enc[4];
	size_t r;
	uint32_t g;

	assert_true(size > 0);
	buf[0] = '\0';
	for (r = 0; r < blk->nruns; r++) {
		const struct run *run = &blk->runs[r];
		assert_true(run->g0 < run->g1 && run->g1 <= blk->ng);
		assert_true(r == 0 || blk->runs[r - 1].g1 <= run->g0);
		assert_int_equal((run->flags & RUN_RUBY) != 0, run->rd_len > 0);
		if (run->flags & RUN_RUBY)
			put(buf, size, "[", 1);
		for (g = run->g0; g < run->g1; g++)
			put(buf, size, enc,
			        (size_t)utf8_encode(blk->g[g].cp, enc));
		if (run->flags & RUN_RUBY) {
			assert_true(run->rd_off + run->rd_len <= blk->text_len);
			put(buf, size, "/", 1);
			put(buf, size, blk->text + run->rd_off, run->rd_len);
			put(buf, size, "]", 1);
		}
	}
}

struct block *
testlib_block_of(const char *s, enum notation n)
{
	struct doc_opts opts;
	struct doc *doc;
	struct block *blk = NULL;
	struct bspan b;

	testlib_doc_opts(&opts);
	opts.notation = n;
	doc = testlib_doc_of_str(s, &opts);
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
	doc_free(doc);
	return blk;
}

void
testlib_runs_of(const char *s, enum notation n, char *buf, size_t size)
{
	struct block *blk = testlib_block_of(s, n);

	testlib_describe(blk, buf, size);
	block_free(blk);
}
