/*
 * test-state.c: the saved reading state and its file.
 *
 * Each test works in its own mkdtemp directory (under $TMPDIR or /tmp),
 * removed afterwards. The read-only and disk-full cases mount a small tmpfs
 * there when they may (root); when mounting is impossible they say so on
 * stdout and test the same failure another way (a read-only directory, a
 * RLIMIT_FSIZE write failure), never through a hook in the code.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "state.h"

struct fx {
	char dir[PATH_MAX];  /* the test's own directory */
	char path[PATH_MAX]; /* dir/rubi/state: the state file */
	char mnt[PATH_MAX];  /* a tmpfs mounted by the test, or "" */
};

/* a + b in buf (size bytes); the test fails if it does not fit. */
static char *
concat(char *buf, size_t size, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	assert_true(la + lb < size);
	memcpy(buf, a, la);
	memcpy(buf + la, b, lb + 1);
	return buf;
}

static int
fx_setup(void **ts)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");

	if (fx == NULL)
		return -1;
	if (tmp == NULL || tmp[0] != '/')
		tmp = "/tmp";
	concat(fx->dir, sizeof(fx->dir), tmp, "/rubi-state-XXXXXX");
	if (mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	concat(fx->path, sizeof(fx->path), fx->dir, "/rubi/state");
	*ts = fx;
	return 0;
}

static int
rm_one(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (type == FTW_DP)
		return rmdir(p) == -1 ? -1 : 0;
	return unlink(p) == -1 ? -1 : 0;
}

/* Make a directory writable again (a test may have made it read-only). */
static int
unlock_one(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (type == FTW_D)
		chmod(p, 0700);
	return 0;
}

static int
fx_teardown(void **ts)
{
	struct fx *fx = *ts;
	int r;

	if (fx->mnt[0] != '\0')
		umount2(fx->mnt, MNT_DETACH);
	nftw(fx->dir, unlock_one, 16, FTW_PHYS);
	r = nftw(fx->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(fx);
	return r;
}

/* dir/name in buf. */
static char *
in_dir(const struct fx *fx, const char *name, char *buf, size_t size)
{
	size_t n = strlen(fx->dir);

	concat(buf, size, fx->dir, "/");
	concat(buf + n + 1, size - n - 1, "", name);
	return buf;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);

	assert_true(fd != -1);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

/* The whole file in a new NUL-terminated buffer, its length in *len. */
static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int
exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

static struct state_rec
rec_at(size_t off)
{
	struct state_rec r;
	size_t i;

	r.off = off;
	r.size = 100000;
	r.mtime = 1700000000;
	r.head = 0;
	for (i = 0; i < STATE_MARKS; i++)
		r.marks[i] = STATE_UNSET;
	return r;
}

/* Save one record for `key` at `path`, from a fresh in-memory state. */
static enum status
save_one(const char *path, const char *key, size_t off)
{
	struct state_rec r = rec_at(off);
	struct state *st;
	enum status s;

	if (state_new(&st) != STATUS_OK)
		return STATUS_NOMEM;
	s = state_put(st, key, &r);
	if (s == STATUS_OK)
		s = state_save(path, st, key);
	state_free(st);
	return s;
}

/* Load `path`; fail the test unless it is clean. */
static struct state *
load_clean(const char *path)
{
	struct state *st = NULL;

	assert_int_equal(state_load(path, &st), STATUS_OK);
	assert_non_null(st);
	assert_false(state_was_corrupt(st));
	assert_int_equal(state_skipped(st), 0);
	return st;
}

/* Files in `dir` whose names start with "state." other than .lock. */
static int
temp_files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "state.", 6) == 0 &&
		    strcmp(de->d_name, "state.lock") != 0 &&
		    strcmp(de->d_name, "state.corrupt") != 0)
			n++;
	}
	closedir(d);
	return n;
}

/* --- Round trips ------------------------------------------------------- */

static void
a_saved_position_and_marks_are_there_after_reopening(void **ts)
{
	struct fx *fx = *ts;
	struct state_rec r = rec_at(1234);
	struct state *mine, *back;
	const struct state_rec *got;

	r.size = 5000;
	r.mtime = -86400; /* a file from before 1970 */
	r.head = 0x0123456789abcdefULL;
	r.marks[0] = 0;
	r.marks[25] = 4999;
	assert_int_equal(state_new(&mine), STATUS_OK);
	assert_int_equal(state_put(mine, "/home/u/文章.txt", &r), STATUS_OK);
	assert_int_equal(state_save(fx->path, mine, "/home/u/文章.txt"),
	    STATUS_OK);
	state_free(mine);

	back = load_clean(fx->path);
	assert_int_equal(state_count(back), 1);
	got = state_get(back, "/home/u/文章.txt");
	assert_non_null(got);
	assert_memory_equal(got, &r, sizeof(r));
	assert_null(state_get(back, "/home/u/other.txt"));
	state_free(back);
}

static void
loading_saving_and_loading_again_changes_nothing(void **ts)
{
	struct fx *fx = *ts;
	struct state *st;
	char *before, *after;
	size_t blen, alen;
	int i;

	for (i = 0; i < 20; i++) {
		char key[64];

		snprintf(key, sizeof(key), "/docs/%d\\file\t%d", i, i);
		assert_int_equal(save_one(fx->path, key, (size_t)i * 7),
		    STATUS_OK);
	}
	before = read_file(fx->path, &blen);

	/* re-save the most recent record unchanged: same bytes */
	st = load_clean(fx->path);
	assert_int_equal(state_count(st), 20);
	assert_int_equal(state_save(fx->path, st, "/docs/19\\file\t19"),
	    STATUS_OK);
	state_free(st);
	after = read_file(fx->path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	free(after);

	/* and the in-memory path: serialise, parse, serialise */
	{
		struct state *a, *b;
		size_t n1, n2;
		char *s1, *s2;
		int corrupt = 1;

		assert_int_equal(state_from_buffer(before, blen, &a, &corrupt),
		    STATUS_OK);
		assert_false(corrupt);
		n1 = state_serialize(a, NULL, 0);
		s1 = malloc(n1 + 1);
		assert_non_null(s1);
		assert_int_equal(state_serialize(a, s1, n1 + 1), n1);
		assert_int_equal(n1, blen);
		assert_memory_equal(s1, before, blen);
		assert_int_equal(state_from_buffer(s1, n1, &b, &corrupt),
		    STATUS_OK);
		n2 = state_serialize(b, NULL, 0);
		s2 = malloc(n2 + 1);
		assert_non_null(s2);
		state_serialize(b, s2, n2 + 1);
		assert_int_equal(n2, n1);
		assert_string_equal(s2, s1);
		free(s1);
		free(s2);
		state_free(a);
		state_free(b);
	}
	free(before);
}

static void
extreme_numbers_round_trip(void **ts)
{
	struct state_rec r = rec_at(SIZE_MAX);
	struct state *a, *b;
	const struct state_rec *got;
	char buf[1024];
	size_t n;
	int corrupt = 1;

	(void)ts;
	r.size = LLONG_MAX;
	r.mtime = LLONG_MIN;
	r.marks[3] = SIZE_MAX - 1;
	r.marks[4] = 0;
	assert_int_equal(state_new(&a), STATUS_OK);
	assert_int_equal(state_put(a, "/x", &r), STATUS_OK);
	n = state_serialize(a, buf, sizeof(buf));
	assert_true(n < sizeof(buf));
	assert_int_equal(state_from_buffer(buf, n, &b, &corrupt), STATUS_OK);
	assert_false(corrupt);
	got = state_get(b, "/x");
	assert_non_null(got);
	assert_memory_equal(got, &r, sizeof(r));
	state_free(a);
	state_free(b);
}

static void
a_file_name_with_newline_tab_and_escape_stays_one_record(void **ts)
{
	struct fx *fx = *ts;
	static const char evil[] =
		"/tmp/a\n/evil\t0\t0\t0\t-\nrubi-state 1\n"
		"\x1b]0;owned\x07\x1b[31m\\x41\\\x7f\r\x01";
	struct state *st;
	char *raw;
	size_t len, i, lines = 0;

	assert_int_equal(save_one(fx->path, evil, 42), STATUS_OK);
	raw = read_file(fx->path, &len);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)raw[i];

		/* nothing but text, tabs and the record ends */
		assert_true(c >= 0x20 || c == '\t' || c == '\n');
		assert_true(c != 0x7f);
		lines += c == '\n';
	}
	assert_int_equal(lines, 2); /* the magic line and one record */
	free(raw);

	st = load_clean(fx->path);
	assert_int_equal(state_count(st), 1);
	assert_non_null(state_get(st, evil));
	assert_int_equal(state_get(st, evil)->off, 42);
	assert_null(state_get(st, "/evil"));
	assert_null(state_get(st, "/tmp/a"));
	state_free(st);
}

/* --- Missing and corrupt files ----------------------------------------- */

static void
a_missing_file_is_an_empty_state_and_loading_creates_nothing(void **ts)
{
	struct fx *fx = *ts;
	struct state *st = load_clean(fx->path);
	char dir[PATH_MAX];

	assert_int_equal(state_count(st), 0);
	state_free(st);
	assert_false(exists(in_dir(fx, "rubi", dir, sizeof(dir))));

	/* nor does reading a file that is there */
	assert_int_equal(mkdir(dir, 0700), 0);
	write_file(fx->path, "rubi-state 1\n", 13);
	st = load_clean(fx->path);
	state_free(st);
	assert_false(exists(in_dir(fx, "rubi/state.lock", dir, sizeof(dir))));
}

/*
 * Put `len` bytes at the state path, load: rubi must go on with an empty
 * state, the file moved aside unchanged, and the next save must work.
 */
static void
check_moved_aside(struct fx *fx, const char *data, size_t len)
{
	char aside[PATH_MAX + 16], dir[PATH_MAX];
	struct state *st = NULL;
	struct stat sb;

	mkdir(in_dir(fx, "rubi", dir, sizeof(dir)), 0700);
	write_file(fx->path, data, len);
	assert_int_equal(state_load(fx->path, &st), STATUS_OK);
	assert_non_null(st);
	assert_true(state_was_corrupt(st));
	assert_int_equal(state_count(st), 0);
	state_free(st);

	assert_false(exists(fx->path));
	concat(aside, sizeof(aside), fx->path, ".corrupt");
	assert_int_equal(stat(aside, &sb), 0);
	assert_int_equal(sb.st_size, (off_t)len);
	if (len > 0 && len < 1024 * 1024) {
		size_t n;
		char *kept = read_file(aside, &n);

		assert_int_equal(n, len);
		assert_memory_equal(kept, data, len);
		free(kept);
	}

	assert_int_equal(save_one(fx->path, "/after", 9), STATUS_OK);
	st = load_clean(fx->path);
	assert_int_equal(state_count(st), 1);
	state_free(st);
}

static void
an_empty_state_file_is_moved_aside(void **ts)
{
	check_moved_aside(*ts, "", 0);
}

static void
a_file_cut_inside_the_first_line_is_moved_aside(void **ts)
{
	check_moved_aside(*ts, "rubi-sta", 8);
}

static void
random_bytes_are_moved_aside(void **ts)
{
	char data[4096];
	uint32_t x = 2463534242u;
	size_t i;

	for (i = 0; i < sizeof(data); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		data[i] = (char)(x >> 24);
	}
	data[0] = (char)0xff;
	check_moved_aside(*ts, data, sizeof(data));
}

static void
a_foreign_file_is_moved_aside(void **ts)
{
	static const char less_hist[] = ".less-history-file:\n.search\n\"x\n";

	check_moved_aside(*ts, less_hist, sizeof(less_hist) - 1);
}

static void
an_old_version_is_moved_aside(void **ts)
{
	static const char v0[] = "rubi-state 0\n/a\t1\t2\t3\t-\n";

	check_moved_aside(*ts, v0, sizeof(v0) - 1);
}

static void
a_newer_version_is_moved_aside(void **ts)
{
	static const char v10[] = "rubi-state 10\n/a\t1\t2\t3\t-\n";

	check_moved_aside(*ts, v10, sizeof(v10) - 1);
}

static void
a_one_gigabyte_state_file_is_moved_aside_unread(void **ts)
{
	struct fx *fx = *ts;
	char aside[PATH_MAX + 16], dir[PATH_MAX];
	struct state *st = NULL;
	struct stat sb;
	int fd;

	mkdir(in_dir(fx, "rubi", dir, sizeof(dir)), 0700);
	fd = open(fx->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd != -1);
	assert_int_equal(write(fd, "rubi-state 1\n", 13), 13);
	/* sparse: costs no disk */
	assert_int_equal(ftruncate(fd, (off_t)1 << 30), 0);
	close(fd);

	assert_int_equal(state_load(fx->path, &st), STATUS_OK);
	assert_true(state_was_corrupt(st));
	assert_int_equal(state_count(st), 0);
	state_free(st);
	concat(aside, sizeof(aside), fx->path, ".corrupt");
	assert_int_equal(stat(aside, &sb), 0);
	assert_int_equal(sb.st_size, (off_t)1 << 30);
	assert_false(exists(fx->path));
}

static void
a_file_one_byte_over_the_cap_is_corrupt(void **ts)
{
	char *big = malloc((size_t)STATE_MAX_BYTES + 1);

	assert_non_null(big);
	memset(big, '\n', (size_t)STATE_MAX_BYTES + 1);
	memcpy(big, "rubi-state 1\n", 13);
	check_moved_aside(*ts, big, (size_t)STATE_MAX_BYTES + 1);
	free(big);
}

static void
a_file_cut_mid_record_keeps_the_complete_records(void **ts)
{
	struct fx *fx = *ts;
	static const char cut[] = "rubi-state 1\n"
				  "/a\t10\t100\t1000\t-\n"
				  "/b\t20\t200\t2000\t-\n"
				  "/c\t30\t300\t30"; /* the crash came here */
	char dir[PATH_MAX], *raw;
	struct state *st = NULL;
	size_t len;

	mkdir(in_dir(fx, "rubi", dir, sizeof(dir)), 0700);
	write_file(fx->path, cut, sizeof(cut) - 1);
	assert_int_equal(state_load(fx->path, &st), STATUS_OK);
	assert_false(state_was_corrupt(st));
	assert_int_equal(state_skipped(st), 1);
	assert_int_equal(state_count(st), 2);
	assert_int_equal(state_get(st, "/a")->off, 10);
	assert_int_equal(state_get(st, "/b")->mtime, 2000);
	assert_null(state_get(st, "/c"));
	state_free(st);
	assert_true(exists(fx->path)); /* kept: it still holds good records */

	/* the next save writes the good records and drops the fragment */
	assert_int_equal(save_one(fx->path, "/d", 40), STATUS_OK);
	raw = read_file(fx->path, &len);
	assert_string_equal(raw, "rubi-state 1\n"
				 "/d\t40\t100000\t1700000000\t-\n"
				 "/a\t10\t100\t1000\t-\n"
				 "/b\t20\t200\t2000\t-\n");
	free(raw);
}

static void
a_last_record_without_its_newline_is_not_trusted(void **ts)
{
	static const char cut[] = "rubi-state 1\n"
				  "/a\t1\t2\t3\t-\n"
				  "/b\t1\t2\t3\t-";
	struct state *st;
	int corrupt = 1;

	(void)ts;
	assert_int_equal(state_from_buffer(cut, sizeof(cut) - 1, &st, &corrupt),
	    STATUS_OK);
	assert_false(corrupt);
	assert_int_equal(state_count(st), 1);
	assert_int_equal(state_skipped(st), 1);
	assert_null(state_get(st, "/b"));
	state_free(st);
}

/* "-" and then n more ",-" */
#define DASHES(n) DASHES_##n
#define DASHES_22 "-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-"
#define DASHES_23 DASHES_22 ",-"
#define DASHES_24 DASHES_23 ",-"
#define DASHES_26 DASHES_24 ",-,-"

static void
malformed_lines_are_skipped_and_the_rest_kept(void **ts)
{
	static const char text[] =
		"rubi-state 1\n"
		"/good1\t5\t6\t7\t-\n"
		"/off-overflow\t18446744073709551616\t0\t0\t-\n"
		"/size-overflow\t0\t9223372036854775808\t0\t-\n"
		"/mtime-underflow\t0\t0\t-9223372036854775809\t-\n"
		"/negative-off\t-1\t0\t0\t-\n"
		"/plus\t+5\t0\t0\t-\n"
		"/space\t 5\t0\t0\t-\n"
		"/hex\t0x10\t0\t0\t-\n"
		"/empty-number\t\t0\t0\t-\n"
		"/four-fields\t1\t2\t3\n"
		"/six-fields\t1\t2\t3\t-\t9\n"
		"/head-zero\t1\t2\t3\t-\t0000000000000000\n"
		"/head-not-hex\t1\t2\t3\t-\t00000000000000ag\n"
		"/seven-fields\t1\t2\t3\t-\t00000000000000ab\t1\n"
		"/head\t1\t2\t3\t-\t00000000000000aB\n"
		"/marks25\t1\t2\t3\t" DASHES(24) "\n"
		"/marks27\t1\t2\t3\t" DASHES(26) "\n"
		"/mark-bad\t1\t2\t3\t1,2,x," DASHES(22) "\n"
		"/mark-empty\t1\t2\t3\t1,," DASHES(23) "\n"
		"/bad\\qescape\t1\t2\t3\t-\n"
		"/nul\\x00\t1\t2\t3\t-\n"
		"/short-hex\\x4\t1\t2\t3\t-\n"
		"/trailing-backslash\\\t1\t2\t3\t-\n"
		"/raw-cr\r\t1\t2\t3\t-\n"
		"/raw-esc\x1b\t1\t2\t3\t-\n"
		"\t1\t2\t3\t-\n"
		"\n"
		"/good1\t99\t99\t99\t-\n" /* a duplicate: the first wins */
		"/good2\\x41\\\\\t1\t-2\t-3\t"
		"0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,"
		"23,24,18446744073709551614\n";
	struct state *st;
	const struct state_rec *g;
	int corrupt = 1;

	(void)ts;
	assert_int_equal(state_from_buffer(text, sizeof(text) - 1, &st,
	    &corrupt), STATUS_OK);
	assert_false(corrupt);
	assert_int_equal(state_count(st), 3);
	assert_int_equal(state_skipped(st), 25);
	g = state_get(st, "/good1");
	assert_non_null(g);
	assert_int_equal(g->off, 5);
	assert_true(g->head == 0); /* five fields: an older rubi's record */
	g = state_get(st, "/head");
	assert_non_null(g);
	assert_true(g->head == 0xab);
	g = state_get(st, "/good2A\\");
	assert_non_null(g);
	assert_int_equal(g->size, -2);
	assert_int_equal(g->marks[0], 0);
	assert_int_equal(g->marks[24], 24);
	assert_true(g->marks[25] == (size_t)18446744073709551614ull);
	state_free(st);
}

static void
head_hash_tells_files_of_the_same_size_apart(void **ts)
{
	struct fx *fx = *ts;
	char a[PATH_MAX + 16], b[PATH_MAX + 16];
	uint64_t ha, ha2, hb;
	FILE *f;

	snprintf(a, sizeof(a), "%s/head-a", fx->dir);
	snprintf(b, sizeof(b), "%s/head-b", fx->dir);
	f = fopen(a, "w");
	assert_non_null(f);
	fputs("2\xe6\x9c\x88 one article\n", f);
	fclose(f);
	f = fopen(b, "w");
	assert_non_null(f);
	fputs("3\xe6\x9c\x88 one article\n", f);
	fclose(f);
	assert_int_equal(state_head_hash(a, &ha), STATUS_OK);
	assert_int_equal(state_head_hash(a, &ha2), STATUS_OK);
	assert_int_equal(state_head_hash(b, &hb), STATUS_OK);
	assert_true(ha == ha2);
	assert_true(ha != hb);
	assert_true(ha != 0 && hb != 0);
	unlink(a);
	unlink(b);
	assert_int_equal(state_head_hash(a, &ha), STATUS_IO);
}

/* A tiny xorshift generator for the invariant test below. */
static uint32_t
next_rand(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static void
any_input_reloads_to_the_same_state(void **ts)
{
	static const char *const tok[] = {
		"\t", "\t", "\t", "\n", "\n", "\\", "\\t", "\\n", "\\x1b",
		"\\x00", "\\\\", ",", "-", "0", "12", "18446744073709551615",
		"18446744073709551616", "9223372036854775807",
		"-9223372036854775808", "/a", "/b", "/c", "x", "\x1b", "\r",
		"\xff", "\x7f",
		"-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,-,",
		"/k\t1\t2\t3\t-\n", "rubi-state 1\n",
	};
	uint32_t x = 12345;
	char in[512];
	int iter;

	(void)ts;
	for (iter = 0; iter < 3000; iter++) {
		size_t len = 13, n1, n2, i;
		struct state *a, *b;
		char *s1, *s2;
		int corrupt;

		memcpy(in, "rubi-state 1\n", 13);
		while (len < sizeof(in) - 64) {
			const char *t = tok[next_rand(&x) % (sizeof(tok) /
			    sizeof(tok[0]))];

			if (next_rand(&x) % 16 == 0)
				break;
			memcpy(in + len, t, strlen(t));
			len += strlen(t);
		}
		if (iter % 7 == 0)
			in[next_rand(&x) % len] = (char)next_rand(&x);
		assert_int_equal(state_from_buffer(in, len, &a, &corrupt),
		    STATUS_OK);
		n1 = state_serialize(a, NULL, 0);
		s1 = malloc(n1 + 1);
		assert_non_null(s1);
		state_serialize(a, s1, n1 + 1);
		for (i = 0; i < n1; i++) {
			unsigned char c = (unsigned char)s1[i];

			assert_true((c >= 0x20 && c != 0x7f) || c == '\t' ||
			    c == '\n');
		}
		assert_int_equal(state_from_buffer(s1, n1, &b, &corrupt),
		    STATUS_OK);
		assert_false(corrupt);
		assert_int_equal(state_skipped(b), 0);
		assert_int_equal(state_count(b), state_count(a));
		n2 = state_serialize(b, NULL, 0);
		s2 = malloc(n2 + 1);
		assert_non_null(s2);
		state_serialize(b, s2, n2 + 1);
		assert_int_equal(n2, n1);
		assert_memory_equal(s2, s1, n1);
		free(s1);
		free(s2);
		state_free(a);
		state_free(b);
	}
}

/* --- What is never touched --------------------------------------------- */

static void
a_symlinked_state_file_is_never_followed(void **ts)
{
	struct fx *fx = *ts;
	static const char mine[] = "rubi-state 1\n/secret\t1\t2\t3\t-\n";
	char target[PATH_MAX], dir[PATH_MAX], *raw;
	struct state *st = NULL;
	struct stat sb;
	size_t len;

	mkdir(in_dir(fx, "rubi", dir, sizeof(dir)), 0700);
	write_file(in_dir(fx, "target", target, sizeof(target)), mine,
	    sizeof(mine) - 1);
	assert_int_equal(symlink(target, fx->path), 0);

	assert_int_equal(state_load(fx->path, &st), STATUS_OK);
	assert_int_equal(state_count(st), 0); /* not read through */
	assert_false(state_was_corrupt(st));  /* and not moved aside */
	state_free(st);

	errno = 0;
	assert_int_equal(save_one(fx->path, "/x", 1), STATUS_IO);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(lstat(fx->path, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode)); /* the user's link stays */
	raw = read_file(target, &len);
	assert_int_equal(len, sizeof(mine) - 1);
	assert_memory_equal(raw, mine, len); /* and its target is untouched */
	free(raw);
	assert_int_equal(temp_files_in(dir), 0);
}

static void
a_symlinked_lock_file_is_never_followed(void **ts)
{
	struct fx *fx = *ts;
	char target[PATH_MAX], lock[PATH_MAX + 8], dir[PATH_MAX];

	mkdir(in_dir(fx, "rubi", dir, sizeof(dir)), 0700);
	in_dir(fx, "elsewhere", target, sizeof(target));
	concat(lock, sizeof(lock), fx->path, ".lock");
	assert_int_equal(symlink(target, lock), 0);
	errno = 0;
	assert_int_equal(save_one(fx->path, "/x", 1), STATUS_IO);
	assert_int_equal(errno, ELOOP);
	assert_false(exists(target)); /* not created through the link */
	assert_false(exists(fx->path));
}

static void
a_fifo_at_the_state_path_neither_hangs_nor_is_replaced(void **ts)
{
	struct fx *fx = *ts;
	char dir[PATH_MAX];
	struct state *st = NULL;
	struct stat sb;

	mkdir(in_dir(fx, "rubi", dir, sizeof(dir)), 0700);
	assert_int_equal(mkfifo(fx->path, 0600), 0);
	alarm(10); /* a hang fails the test instead of blocking make check */
	assert_int_equal(state_load(fx->path, &st), STATUS_OK);
	assert_int_equal(state_count(st), 0);
	state_free(st);
	errno = 0;
	assert_int_equal(save_one(fx->path, "/x", 1), STATUS_IO);
	assert_int_equal(errno, EINVAL);
	alarm(0);
	assert_int_equal(lstat(fx->path, &sb), 0);
	assert_true(S_ISFIFO(sb.st_mode));
}

static void
a_state_file_owned_by_someone_else_is_left_alone(void **ts)
{
	struct fx *fx = *ts;
	static const char theirs[] = "rubi-state 1\n/theirs\t1\t2\t3\t-\n";
	char dir[PATH_MAX], *raw;
	struct state *st = NULL;
	size_t len;

	if (geteuid() != 0) {
		printf("# not root: cannot make a file owned by another user;"
		       " the foreign-owner case is not run\n");
		return;
	}
	mkdir(in_dir(fx, "rubi", dir, sizeof(dir)), 0700);
	write_file(fx->path, theirs, sizeof(theirs) - 1);
	assert_int_equal(chown(fx->path, 65534, 65534), 0);

	assert_int_equal(state_load(fx->path, &st), STATUS_OK);
	assert_int_equal(state_count(st), 0);
	assert_false(state_was_corrupt(st));
	state_free(st);
	errno = 0;
	assert_int_equal(save_one(fx->path, "/x", 1), STATUS_IO);
	assert_int_equal(errno, EPERM);
	raw = read_file(fx->path, &len);
	assert_int_equal(len, sizeof(theirs) - 1);
	assert_memory_equal(raw, theirs, len);
	free(raw);
}

static void
a_state_directory_owned_by_someone_else_gets_no_files(void **ts)
{
	struct fx *fx = *ts;
	char dir[PATH_MAX];
	DIR *d;
	struct dirent *de;
	int n = 0;

	if (geteuid() != 0) {
		printf("# not root: cannot make a directory owned by another"
		       " user; the case is not run\n");
		return;
	}
	/* root running with a user's HOME */
	assert_int_equal(mkdir(in_dir(fx, "rubi", dir, sizeof(dir)), 0700), 0);
	assert_int_equal(chown(dir, 65534, 65534), 0);
	errno = 0;
	assert_int_equal(save_one(fx->path, "/x", 1), STATUS_IO);
	assert_int_equal(errno, EPERM);
	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	assert_int_equal(n, 0); /* not even a lock file */

	/* nor directories made in it on the way to the state file */
	{
		char deeper[PATH_MAX];

		concat(deeper, sizeof(deeper), dir, "/new/state");
		errno = 0;
		assert_int_equal(save_one(deeper, "/x", 1), STATUS_IO);
		assert_int_equal(errno, EPERM);
		assert_false(exists(in_dir(fx, "rubi/new", deeper,
		    sizeof(deeper))));
	}
}

/* --- Permissions and failures ------------------------------------------ */

static void
the_state_file_is_private_and_new_directories_are_0700(void **ts)
{
	struct fx *fx = *ts;
	char path[PATH_MAX], dir[PATH_MAX], lock[PATH_MAX + 8];
	mode_t old = umask(0);
	struct stat sb;

	/* two missing directories; umask 0 must not widen anything */
	concat(path, sizeof(path), fx->dir, "/a/b/state");
	assert_int_equal(save_one(path, "/x", 1), STATUS_OK);
	umask(old);
	assert_int_equal(lstat(in_dir(fx, "a", dir, sizeof(dir)), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(lstat(in_dir(fx, "a/b", dir, sizeof(dir)), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0600);
	concat(lock, sizeof(lock), path, ".lock");
	assert_int_equal(lstat(lock, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(temp_files_in(dir), 0);
}

static void
saving_where_a_file_blocks_the_directory_fails_cleanly(void **ts)
{
	struct fx *fx = *ts;
	char blocker[PATH_MAX], path[PATH_MAX], *raw;
	size_t len;

	write_file(in_dir(fx, "blocker", blocker, sizeof(blocker)), "keep", 4);
	concat(path, sizeof(path), blocker, "/rubi/state");
	errno = 0;
	assert_int_equal(save_one(path, "/x", 1), STATUS_IO);
	assert_int_equal(errno, ENOTDIR);
	raw = read_file(blocker, &len);
	assert_string_equal(raw, "keep");
	free(raw);

	/* and under /proc, where nothing can be created */
	errno = 0;
	assert_int_equal(save_one("/proc/rubi-test/state", "/x", 1),
	    STATUS_IO);
	assert_true(errno != 0);
}

/* Mount a tmpfs with `opts` at dir/mnt; 0 when that is impossible. */
static int
mount_tmpfs(struct fx *fx, const char *opts)
{
	char mnt[PATH_MAX];

	in_dir(fx, "mnt", mnt, sizeof(mnt));
	assert_int_equal(mkdir(mnt, 0700), 0);
	if (mount("tmpfs", mnt, "tmpfs", 0, opts) == -1) {
		printf("# cannot mount a tmpfs here (%s)\n", strerror(errno));
		return 0;
	}
	memcpy(fx->mnt, mnt, sizeof(mnt));
	return 1;
}

static void
saving_on_a_read_only_file_system_keeps_the_old_file(void **ts)
{
	struct fx *fx = *ts;
	char path[PATH_MAX], *before, *after;
	struct state *st;
	size_t blen, alen;
	int mounted = mount_tmpfs(fx, "size=64k,mode=0700");

	if (mounted) {
		concat(path, sizeof(path), fx->mnt, "/state");
	} else if (geteuid() != 0) {
		printf("# using a read-only directory instead\n");
		concat(path, sizeof(path), fx->dir, "/mnt/state");
	} else {
		printf("# root ignores directory permissions: the read-only"
		       " case is not run\n");
		return;
	}
	assert_int_equal(save_one(path, "/old", 1), STATUS_OK);
	before = read_file(path, &blen);
	if (mounted) {
		assert_int_equal(mount("tmpfs", fx->mnt, "tmpfs",
		    MS_REMOUNT | MS_RDONLY, "size=64k"), 0);
	} else {
		char mnt[PATH_MAX];

		assert_int_equal(chmod(in_dir(fx, "mnt", mnt, sizeof(mnt)),
		    0500), 0);
	}

	errno = 0;
	assert_int_equal(save_one(path, "/new", 2), STATUS_IO);
	assert_int_equal(errno, mounted ? EROFS : EACCES);
	after = read_file(path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	st = load_clean(path);
	assert_non_null(state_get(st, "/old"));
	assert_null(state_get(st, "/new"));
	state_free(st);
	free(before);
	free(after);
}

static void
a_full_disk_leaves_the_old_state_intact(void **ts)
{
	struct fx *fx = *ts;
	char path[PATH_MAX], filler[PATH_MAX], *before, *after;
	static char chunk[1024];
	char *key;
	struct state *st;
	size_t blen, alen;
	int fd;

	if (!mount_tmpfs(fx, "size=64k,mode=0700")) {
		printf("# the disk-full case is covered by "
		       "a_write_error_leaves_the_old_state_intact instead\n");
		return;
	}
	concat(path, sizeof(path), fx->mnt, "/state");
	assert_int_equal(save_one(path, "/old", 1), STATUS_OK);
	before = read_file(path, &blen);

	concat(filler, sizeof(filler), fx->mnt, "/filler");
	fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd != -1);
	memset(chunk, 'x', sizeof(chunk));
	while (write(fd, chunk, sizeof(chunk)) > 0)
		;
	assert_int_equal(errno, ENOSPC);
	close(fd);

	/* a record too big for what is left */
	key = malloc(STATE_KEY_MAX + 1);
	assert_non_null(key);
	memset(key, 'k', STATE_KEY_MAX);
	key[0] = '/';
	key[STATE_KEY_MAX] = '\0';
	errno = 0;
	assert_int_equal(save_one(path, key, 2), STATUS_IO);
	assert_int_equal(errno, ENOSPC);
	free(key);

	after = read_file(path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	assert_int_equal(temp_files_in(fx->mnt), 0);
	st = load_clean(path);
	assert_int_equal(state_count(st), 1);
	state_free(st);

	/* space again: saving works again */
	assert_int_equal(unlink(filler), 0);
	assert_int_equal(save_one(path, "/new", 3), STATUS_OK);
	free(before);
	free(after);
}

static void
a_write_error_leaves_the_old_state_intact(void **ts)
{
	struct fx *fx = *ts;
	char *before, *after, dir[PATH_MAX];
	size_t blen, alen;
	pid_t pid;
	int ws;

	assert_int_equal(save_one(fx->path, "/old", 1), STATUS_OK);
	before = read_file(fx->path, &blen);

	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		/* the child can write at most 40 bytes to any file: EFBIG */
		struct rlimit rl = {40, 40};

		/* the parent's copy: valgrind would call it a leak */
		free(before);
		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) == -1)
			_exit(3);
		if (save_one(fx->path, "/a-long-enough-name-to-pass-the-limit",
		    2) != STATUS_IO)
			_exit(1);
		_exit(errno == EFBIG ? 0 : 2);
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws));
	assert_int_equal(WEXITSTATUS(ws), 0);

	after = read_file(fx->path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	assert_int_equal(temp_files_in(in_dir(fx, "rubi", dir, sizeof(dir))),
	    0);
	free(before);
	free(after);
}

/* --- Concurrency and merging ------------------------------------------- */

#define PER_PROCESS 200

static void
two_processes_saving_at_once_keep_every_record(void **ts)
{
	struct fx *fx = *ts;
	int go[2];
	pid_t pid[2];
	struct state *st;
	int p, i;

	assert_true(2 * PER_PROCESS <= STATE_MAX_RECORDS);
	assert_int_equal(pipe(go), 0);
	for (p = 0; p < 2; p++) {
		pid[p] = fork();
		assert_true(pid[p] != -1);
		if (pid[p] == 0) {
			char c;

			close(go[1]);
			/* wait until both exist, then race */
			if (read(go[0], &c, 1) != 0)
				_exit(4);
			for (i = 0; i < PER_PROCESS; i++) {
				char key[64];

				snprintf(key, sizeof(key), "/doc/%d/%d", p, i);
				if (save_one(fx->path, key,
				    (size_t)(p * 1000 + i)) != STATUS_OK)
					_exit(1);
			}
			_exit(0);
		}
	}
	close(go[0]);
	close(go[1]); /* start */
	for (p = 0; p < 2; p++) {
		int ws;

		assert_int_equal(waitpid(pid[p], &ws, 0), pid[p]);
		assert_true(WIFEXITED(ws));
		assert_int_equal(WEXITSTATUS(ws), 0);
	}

	st = load_clean(fx->path);
	assert_int_equal(state_count(st), 2 * PER_PROCESS);
	for (p = 0; p < 2; p++) {
		for (i = 0; i < PER_PROCESS; i++) {
			char key[64];
			const struct state_rec *r;

			snprintf(key, sizeof(key), "/doc/%d/%d", p, i);
			r = state_get(st, key);
			assert_non_null(r);
			assert_int_equal(r->off, p * 1000 + i);
		}
	}
	state_free(st);
}

static void
saving_keeps_what_another_process_saved_meanwhile(void **ts)
{
	struct fx *fx = *ts;
	struct state_rec r = rec_at(1);
	struct state *mine, *back;

	/* this process read the file when /b was at 1 */
	assert_int_equal(save_one(fx->path, "/b", 1), STATUS_OK);
	mine = load_clean(fx->path);
	/* another rubi moves /b on and saves */
	assert_int_equal(save_one(fx->path, "/b", 500), STATUS_OK);
	/* this one saves only its own document */
	assert_int_equal(state_put(mine, "/a", &r), STATUS_OK);
	assert_int_equal(state_save(fx->path, mine, "/a"), STATUS_OK);
	state_free(mine);

	back = load_clean(fx->path);
	assert_int_equal(state_count(back), 2);
	assert_int_equal(state_get(back, "/a")->off, 1);
	assert_int_equal(state_get(back, "/b")->off, 500);
	state_free(back);
}

static void
saving_without_a_record_forgets_that_file(void **ts)
{
	struct fx *fx = *ts;
	struct state *empty, *back;

	assert_int_equal(save_one(fx->path, "/a", 1), STATUS_OK);
	assert_int_equal(save_one(fx->path, "/b", 2), STATUS_OK);
	assert_int_equal(state_new(&empty), STATUS_OK);
	assert_int_equal(state_save(fx->path, empty, "/a"), STATUS_OK);
	state_free(empty);
	back = load_clean(fx->path);
	assert_int_equal(state_count(back), 1);
	assert_null(state_get(back, "/a"));
	assert_non_null(state_get(back, "/b"));
	state_free(back);
}

/* --- Limits -------------------------------------------------------------- */

static void
the_most_recently_read_files_are_kept_when_too_many(void **ts)
{
	struct state_rec r = rec_at(0);
	struct state *st;
	char key[32], buf[128];
	int i;

	(void)ts;
	assert_int_equal(state_new(&st), STATUS_OK);
	for (i = 0; i <= STATE_MAX_RECORDS; i++) {
		snprintf(key, sizeof(key), "/f%d", i);
		r.off = (size_t)i;
		assert_int_equal(state_put(st, key, &r), STATUS_OK);
	}
	assert_int_equal(state_count(st), STATE_MAX_RECORDS);
	assert_null(state_get(st, "/f0"));
	assert_non_null(state_get(st, "/f1"));
	/* reading /f1 again makes it recent: /f2 goes next */
	assert_int_equal(state_put(st, "/f1", &r), STATUS_OK);
	assert_int_equal(state_put(st, "/new", &r), STATUS_OK);
	assert_int_equal(state_count(st), STATE_MAX_RECORDS);
	assert_non_null(state_get(st, "/f1"));
	assert_null(state_get(st, "/f2"));
	assert_non_null(state_get(st, "/f3"));
	/* and the file lists the most recent first */
	state_serialize(st, buf, sizeof(buf));
	assert_memory_equal(buf, "rubi-state 1\n/new\t", 18);
	state_free(st);
}

static void
empty_and_overlong_keys_are_refused(void **ts)
{
	struct fx *fx = *ts;
	struct state_rec r = rec_at(7);
	struct state *st;
	char *key = malloc(STATE_KEY_MAX + 2);

	assert_non_null(key);
	assert_int_equal(state_new(&st), STATUS_OK);
	assert_int_equal(state_put(st, "", &r), STATUS_RANGE);
	memset(key, '\x1b', STATE_KEY_MAX + 1); /* escapes to 4 bytes each */
	key[0] = '/';
	key[STATE_KEY_MAX + 1] = '\0';
	assert_int_equal(state_put(st, key, &r), STATUS_RANGE);
	assert_int_equal(state_count(st), 0);
	assert_int_equal(state_save(fx->path, st, ""), STATUS_RANGE);

	/* the longest key is fine, through a file too */
	key[STATE_KEY_MAX] = '\0';
	assert_int_equal(state_put(st, key, &r), STATUS_OK);
	assert_int_equal(state_save(fx->path, st, key), STATUS_OK);
	state_free(st);
	st = load_clean(fx->path);
	assert_non_null(state_get(st, key));
	assert_int_equal(state_get(st, key)->off, 7);
	state_free(st);
	free(key);
}

static void
a_full_state_of_huge_keys_still_fits_the_size_cap(void **ts)
{
	struct fx *fx = *ts;
	struct state_rec r = rec_at(0);
	struct state *st, *back;
	char *key = malloc(STATE_KEY_MAX + 1);
	size_t n;
	int i;

	assert_non_null(key);
	/* ESC escapes to 4 bytes: 500 such keys would make 8 MiB */
	memset(key, '\x1b', STATE_KEY_MAX);
	key[0] = '/';
	key[STATE_KEY_MAX] = '\0';
	assert_int_equal(state_new(&st), STATUS_OK);
	for (i = 0; i < STATE_MAX_RECORDS; i++) {
		snprintf(key + 1, 16, "%d", i);
		key[strlen(key)] = '\x1b';
		assert_int_equal(state_put(st, key, &r), STATUS_OK);
	}
	n = state_serialize(st, NULL, 0);
	assert_true(n <= STATE_MAX_BYTES);

	/* saved, the most recent record survives and the file loads */
	assert_int_equal(state_save(fx->path, st, key), STATUS_OK);
	back = load_clean(fx->path);
	assert_true(state_count(back) > 0);
	assert_true(state_count(back) < STATE_MAX_RECORDS);
	assert_non_null(state_get(back, key));
	state_free(back);
	state_free(st);
	free(key);
}

/* --- The default path ---------------------------------------------------- */

/* Set (or with NULL, unset) an environment variable. */
static void
set_env(const char *name, const char *value)
{
	if (value == NULL)
		unsetenv(name);
	else
		setenv(name, value, 1);
}

static void
the_default_path_follows_xdg_then_home(void **ts)
{
	char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char buf[PATH_MAX], small[16];

	(void)ts;
	xdg = xdg ? strdup(xdg) : NULL;
	home = home ? strdup(home) : NULL;

	set_env("XDG_STATE_HOME", "/x/state");
	set_env("HOME", "/home/u");
	assert_int_equal(state_default_path(buf, sizeof(buf)), STATUS_OK);
	assert_string_equal(buf, "/x/state/rubi/state");

	set_env("XDG_STATE_HOME", "relative/dir"); /* invalid per XDG */
	assert_int_equal(state_default_path(buf, sizeof(buf)), STATUS_OK);
	assert_string_equal(buf, "/home/u/.local/state/rubi/state");
	set_env("XDG_STATE_HOME", "");
	assert_int_equal(state_default_path(buf, sizeof(buf)), STATUS_OK);
	assert_string_equal(buf, "/home/u/.local/state/rubi/state");

	assert_int_equal(state_default_path(small, sizeof(small)),
	    STATUS_RANGE);

	set_env("XDG_STATE_HOME", NULL);
	set_env("HOME", NULL);
	assert_int_equal(state_default_path(buf, sizeof(buf)), STATUS_RANGE);
	set_env("HOME", "");
	assert_int_equal(state_default_path(buf, sizeof(buf)), STATUS_RANGE);

	set_env("XDG_STATE_HOME", xdg);
	set_env("HOME", home);
	free(xdg);
	free(home);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(a_saved_position_and_marks_are_there_after_reopening),
		T(head_hash_tells_files_of_the_same_size_apart),
		T(loading_saving_and_loading_again_changes_nothing),
		cmocka_unit_test(extreme_numbers_round_trip),
		T(a_file_name_with_newline_tab_and_escape_stays_one_record),
		T(a_missing_file_is_an_empty_state_and_loading_creates_nothing),
		T(an_empty_state_file_is_moved_aside),
		T(a_file_cut_inside_the_first_line_is_moved_aside),
		T(random_bytes_are_moved_aside),
		T(a_foreign_file_is_moved_aside),
		T(an_old_version_is_moved_aside),
		T(a_newer_version_is_moved_aside),
		T(a_one_gigabyte_state_file_is_moved_aside_unread),
		T(a_file_one_byte_over_the_cap_is_corrupt),
		T(a_file_cut_mid_record_keeps_the_complete_records),
		cmocka_unit_test(
		    a_last_record_without_its_newline_is_not_trusted),
		cmocka_unit_test(malformed_lines_are_skipped_and_the_rest_kept),
		cmocka_unit_test(any_input_reloads_to_the_same_state),
		T(a_symlinked_state_file_is_never_followed),
		T(a_symlinked_lock_file_is_never_followed),
		T(a_fifo_at_the_state_path_neither_hangs_nor_is_replaced),
		T(a_state_file_owned_by_someone_else_is_left_alone),
		T(a_state_directory_owned_by_someone_else_gets_no_files),
		T(the_state_file_is_private_and_new_directories_are_0700),
		T(saving_where_a_file_blocks_the_directory_fails_cleanly),
		T(saving_on_a_read_only_file_system_keeps_the_old_file),
		T(a_full_disk_leaves_the_old_state_intact),
		T(a_write_error_leaves_the_old_state_intact),
		T(two_processes_saving_at_once_keep_every_record),
		T(saving_keeps_what_another_process_saved_meanwhile),
		T(saving_without_a_record_forgets_that_file),
		cmocka_unit_test(
		    the_most_recently_read_files_are_kept_when_too_many),
		T(empty_and_overlong_keys_are_refused),
		T(a_full_state_of_huge_keys_still_fits_the_size_cap),
		cmocka_unit_test(the_default_path_follows_xdg_then_home),
	};

	/* our "# ..." notes in line with cmocka's output */
	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
