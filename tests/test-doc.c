/*
 * test-doc.c: unit tests for block boundaries and decoding in src/doc.c.
 *
 * A document's blocks are checked three ways that must agree: the walk
 * forward with doc_block_next(), the walk back with doc_block_prev(), and
 * doc_block_at() of offsets inside each block (every offset of a small
 * document; thousands of samples, plus the bytes around each multiple of
 * DOC_BLOCK_MAX, of a large one). The same bytes give the same blocks from
 * memory, from a file (read through the source's window) and from a pipe.
 * Text is read back from doc_parse() glyphs, which is what is shown.
 */
#include "config.h"

#include <poll.h>
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

#include "doc.h"
#include "source.h"
#include "utf8.h"

#include "testlib.h"

#define HAN "\xe6\xbc\xa2" /* 漢 */
#define BOM "\xef\xbb\xbf"

struct spans {
	struct bspan *b;
	size_t n, cap;
};

/* Blocks and decoding need no readings: no table, no zh-Hant choice. */
static const struct doc_opts no_readings = {
        .notation = NOTATION_PINYIN,
        .ambiwidth = 1,
};

static struct doc *
doc_over(struct source *src)
{
	return testlib_doc_over(src, &no_readings);
}

static struct doc *
doc_of_bytes(const char *s, size_t len)
{
	return testlib_doc_of(s, len, &no_readings);
}

static struct doc *
doc_of(const char *s)
{
	return testlib_doc_of_str(s, &no_readings);
}

/* A document over a temporary file holding s[0..len). */
static struct doc *
doc_of_file(const char *s, size_t len)
{
	struct source *src = NULL;
	char path[4096];
	int fd = testlib_temp_file(s, len, path, sizeof(path));

	unlink(path);
	assert_int_equal(source_from_fd(fd, &src), STATUS_OK);
	return doc_over(src);
}

/*
 * A document over a pipe that a child process writes s[0..len) to, in
 * pieces of `piece` bytes; *pid is the child, for reap().
 */
static struct doc *
doc_of_pipe(const char *s, size_t len, size_t piece, pid_t *pid)
{
	struct source *src = NULL;
	size_t done, n;
	ssize_t r;
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	*pid = fork();
	assert_true(*pid >= 0);
	if (*pid == 0) {
		close(fds[0]);
		for (done = 0; done < len; done += (size_t)r) {
			n = len - done < piece ? len - done : piece;
			r = write(fds[1], s + done, n);
			if (r <= 0)
				_exit(1);
		}
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	return doc_over(src);
}

static void
reap(pid_t pid)
{
	int wst;

	assert_int_equal(waitpid(pid, &wst, 0), pid);
	assert_true(WIFEXITED(wst) && WEXITSTATUS(wst) == 0);
}

static void
push(struct spans *v, const struct bspan *b)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->b = realloc(v->b, v->cap * sizeof(*v->b));
		assert_non_null(v->b);
	}
	v->b[v->n++] = *b;
}

/* Every block, first to last, by doc_block_next(). */
static struct spans
walk(struct doc *doc)
{
	struct spans v = {NULL, 0, 0};
	struct bspan b, nb;
	enum status st;

	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_int_equal(b.off, 0);
	for (;;) {
		push(&v, &b);
		st = doc_block_next(doc, &b, &nb);
		if (st == STATUS_RANGE)
			break;
		assert_int_equal(st, STATUS_OK);
		b = nb;
	}
	return v;
}

static int
same_span(const struct bspan *a, const struct bspan *b)
{
	return a->off == b->off && a->end == b->end && a->next == b->next;
}

/* The block of v that holds byte off (the last one past the end). */
static size_t
holder(const struct spans *v, size_t off)
{
	size_t lo = 0, hi = v->n, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (v->b[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void
block_at_agrees(struct doc *doc, const struct spans *v, size_t off)
{
	struct bspan b;
	size_t i = holder(v, off);

	assert_int_equal(doc_block_at(doc, off, &b), STATUS_OK);
	if (!same_span(&b, &v->b[i]))
		fprintf(stderr,
		        "doc_block_at(%zu) = [%zu, %zu, %zu), walk has "
		        "[%zu, %zu, %zu)\n",
		        off, b.off, b.end, b.next, v->b[i].off, v->b[i].end,
		        v->b[i].next);
	assert_true(same_span(&b, &v->b[i]));
}

/*
 * Check the blocks of doc, of `len` bytes s: the forward walk tiles the
 * document, the backward walk gives the same blocks, doc_block_at agrees
 * (at every offset when `every`, else at samples), no block starts inside
 * a UTF-8 character and every block is no longer than `maxlen`. Returns
 * the forward walk (free v.b).
 */
static struct spans
check_blocks(
        struct doc *doc, const char *s, size_t len, int every, size_t maxlen)
{
	struct spans v = walk(doc);
	struct bspan b, pb;
	uint32_t x = 12345;
	size_t i, k, d;
	enum status st;

	assert_int_equal(doc_size(doc), len);
	for (i = 0; i < v.n; i++) {
		b = v.b[i];
		assert_true(b.off <= b.end && b.end <= b.next);
		assert_true(b.next <= len);
		assert_true(b.next - b.end <= 1);
		if (b.next > b.end)
			assert_int_equal(s[b.end], '\n');
		assert_null(memchr(s + b.off, '\n', b.end - b.off));
		assert_true(b.end - b.off <= maxlen);
		if (b.off < len)
			assert_true(((unsigned char)s[b.off] & 0xc0) != 0x80);
		if (i + 1 < v.n)
			assert_int_equal(v.b[i + 1].off, b.next);
		else
			assert_int_equal(b.next, len);
	}

	/* Back from the last block, one by one. */
	b = v.b[v.n - 1];
	for (i = v.n - 1; i > 0; i--) {
		assert_int_equal(doc_block_prev(doc, &b, &pb), STATUS_OK);
		assert_true(same_span(&pb, &v.b[i - 1]));
		b = pb;
	}
	st = doc_block_prev(doc, &b, &pb);
	assert_int_equal(st, STATUS_RANGE);

	if (every) {
		for (i = 0; i <= len + 2; i++)
			block_at_agrees(doc, &v, i);
		return v;
	}
	for (i = 0; i < 3000; i++) {
		x = x * 1103515245u + 12345u;
		block_at_agrees(doc, &v, (size_t)(x >> 1) % (len + 1));
	}
	for (k = DOC_BLOCK_MAX; k < len + DOC_BLOCK_MAX; k += DOC_BLOCK_MAX)
		for (d = 0; d < 10; d++) {
			if (k + d >= 5 && k + d - 5 <= len + 1)
				block_at_agrees(doc, &v, k + d - 5);
		}
	block_at_agrees(doc, &v, len);
	block_at_agrees(doc, &v, len + 1000);
	for (i = 0; i < v.n; i++) {
		block_at_agrees(doc, &v, v.b[i].off);
		if (v.b[i].next > v.b[i].off)
			block_at_agrees(doc, &v, v.b[i].next - 1);
	}
	return v;
}

/* The text shown for block b: its glyphs' code points, as UTF-8. */
static char *
shown(struct doc *doc, const struct bspan *b)
{
	struct block *blk = NULL;
	char *t;
	size_t i, n = 0;

	assert_int_equal(doc_parse(doc, b, &blk), STATUS_OK);
	t = malloc(blk->ng * 4 + 1);
	assert_non_null(t);
	for (i = 0; i < blk->ng; i++)
		n += (size_t)utf8_encode(blk->g[i].cp, t + n);
	t[n] = '\0';
	block_free(blk);
	return t;
}

/* The texts shown for every block, each followed by '|'. */
static char *
shown_all(struct doc *doc)
{
	struct spans v = walk(doc);
	char *all = NULL, *t;
	size_t i, n = 0;

	for (i = 0; i < v.n; i++) {
		t = shown(doc, &v.b[i]);
		all = realloc(all, n + strlen(t) + 2);
		assert_non_null(all);
		memcpy(all + n, t, strlen(t));
		n += strlen(t);
		all[n++] = '|';
		all[n] = '\0';
		free(t);
	}
	free(v.b);
	return all;
}

static void
expect_shown(const char *s, size_t len, const char *want)
{
	struct doc *doc = doc_of_bytes(s, len);
	struct spans v = check_blocks(doc, s, len, 1, len);
	char *all = shown_all(doc);

	assert_string_equal(all, want);
	free(all);
	free(v.b);
	doc_free(doc);
}

static void
final_line_end_makes_no_empty_block(void **state)
{
	(void)state;
	expect_shown("a\nb\n", 4, "a|b|");
}

static void
empty_line_is_an_empty_block(void **state)
{
	(void)state;
	expect_shown("a\n\nb", 4, "a||b|");
	expect_shown("\n\n", 2, "||");
	expect_shown("a\n\n", 3, "a||");
	expect_shown("\na", 2, "|a|");
}

static void
empty_document_has_one_empty_block(void **state)
{
	struct doc *doc = doc_of("");
	struct bspan b, nb;

	(void)state;
	assert_int_equal(doc_size(doc), 0);
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_true(b.off == 0 && b.end == 0 && b.next == 0);
	assert_int_equal(doc_block_next(doc, &b, &nb), STATUS_RANGE);
	assert_int_equal(doc_block_prev(doc, &b, &nb), STATUS_RANGE);
	assert_int_equal(doc_block_at(doc, 100, &b), STATUS_OK);
	assert_true(b.off == 0 && b.end == 0 && b.next == 0);
	doc_free(doc);
	expect_shown("", 0, "|");
}

static void
crlf_line_ends_show_no_carriage_return(void **state)
{
	(void)state;
	expect_shown("ab\r\ncd\r\n", 8, "ab|cd|");
	expect_shown("ab\r\n\r\ncd", 8, "ab||cd|");
}

static void
every_offset_of_a_small_document_finds_its_block(void **state)
{
	static const char s[] = "\n\nfirst line\n\n" HAN "(han) second\n"
	                        "x\n\n\nlast";
	struct doc *doc = doc_of(s);
	struct spans v;

	(void)state;
	v = check_blocks(doc, s, strlen(s), 1, strlen(s));
	assert_int_equal(v.n, 9);
	free(v.b);
	doc_free(doc);
}

static void
block_at_past_the_end_is_the_last_block(void **state)
{
	struct doc *doc = doc_of("one\ntwo\n");
	struct bspan b, nb;

	(void)state;
	assert_int_equal(doc_block_at(doc, 8, &b), STATUS_OK);
	assert_true(b.off == 4 && b.end == 7 && b.next == 8);
	assert_int_equal(doc_block_at(doc, (size_t)1 << 40, &b), STATUS_OK);
	assert_true(b.off == 4 && b.end == 7 && b.next == 8);
	assert_int_equal(doc_block_next(doc, &b, &nb), STATUS_RANGE);
	doc_free(doc);
}

/* n bytes of 漢 (n a multiple of 3), with no line end. */
static char *
han_line(size_t n)
{
	char *s = malloc(n + 1);
	size_t i;

	assert_non_null(s);
	for (i = 0; i < n; i += 3)
		memcpy(s + i, HAN, 3);
	s[n] = '\0';
	return s;
}

/* Do the glyphs of every block stand for all of its bytes, with no
 * placeholder (a cut inside a character would show one)? */
static void
blocks_decode_whole(struct doc *doc, const struct spans *v)
{
	struct block *blk = NULL;
	size_t i, j, bytes;

	for (i = 0; i < v->n; i++) {
		assert_int_equal(doc_parse(doc, &v->b[i], &blk), STATUS_OK);
		bytes = 0;
		for (j = 0; j < blk->ng; j++) {
			assert_false(blk->g[j].flags & GLYPH_PLACEHOLDER);
			bytes += blk->g[j].slen;
		}
		assert_int_equal(bytes, v->b[i].end - v->b[i].off);
		block_free(blk);
	}
}

static void
long_han_line_is_cut_between_characters(void **state)
{
	const size_t len = 200 * 1024 / 3 * 3;
	char *s = han_line(len);
	struct doc *doc = doc_of_bytes(s, len);
	struct spans v;

	(void)state;
	v = check_blocks(doc, s, len, 0, 2 * DOC_BLOCK_MAX);
	assert_true(v.n >= len / (2 * DOC_BLOCK_MAX) + 1);
	assert_true(v.n > 1);
	blocks_decode_whole(doc, &v);
	free(v.b);
	doc_free(doc);
	free(s);
}

/*
 * len bytes of characters of 1 to 4 bytes in a pseudo-random order, with
 * a line end about every `line` bytes (never, when line is 0).
 */
static char *
mixed_text(size_t len, size_t line, uint32_t seed)
{
	static const char *const ch[] = {
	        "a", "b ", "\xc3\xa9", HAN, "\xf0\xa0\x80\x80", "(han)"};
	char *s = malloc(len + 1);
	uint32_t x = seed;
	size_t n = 0, l;

	assert_non_null(s);
	while (n < len) {
		x = x * 1103515245u + 12345u;
		if (line && (x >> 8) % line == 0) {
			s[n++] = '\n';
			continue;
		}
		l = strlen(ch[(x >> 16) % 6]);
		if (n + l > len) {
			s[n++] = 'z';
			continue;
		}
		memcpy(s + n, ch[(x >> 16) % 6], l);
		n += l;
	}
	s[len] = '\0';
	return s;
}

static void
long_mixed_line_is_cut_between_characters(void **state)
{
	const size_t len = 5 * DOC_BLOCK_MAX + 777;
	char *s = mixed_text(len, 0, 7);
	struct doc *doc = doc_of_bytes(s, len);
	struct spans v;

	(void)state;
	v = check_blocks(doc, s, len, 0, 2 * DOC_BLOCK_MAX);
	assert_true(v.n >= 5);
	blocks_decode_whole(doc, &v);
	free(v.b);
	doc_free(doc);
	free(s);
}

/*
 * A line that ends exactly at a multiple of DOC_BLOCK_MAX: its line end
 * ends its last block, and no empty block (a blank line that is not in
 * the text) follows.
 */
static void
line_ending_at_a_cut_offset_adds_no_blank_line(void **state)
{
	const size_t k = DOC_BLOCK_MAX;
	char *s = malloc(2 * k + 2);
	struct doc *doc;
	struct spans v;

	(void)state;
	assert_non_null(s);
	/* A line of exactly DOC_BLOCK_MAX bytes: not cut at all. */
	memset(s, 'a', k);
	memcpy(s + k, "\nb", 2);
	doc = doc_of_bytes(s, k + 2);
	v = check_blocks(doc, s, k + 2, 0, 2 * k);
	if (v.n != 2)
		fprintf(stderr, "%zu blocks; the second is [%zu, %zu, %zu)\n",
		        v.n, v.b[1].off, v.b[1].end, v.b[1].next);
	assert_int_equal(v.n, 2);
	assert_true(v.b[0].off == 0 && v.b[0].end == k && v.b[0].next == k + 1);
	free(v.b);
	doc_free(doc);

	/* A line of twice that: cut once, then its line end. */
	memset(s, 'a', 2 * k);
	memcpy(s + 2 * k, "\nb", 2);
	doc = doc_of_bytes(s, 2 * k + 2);
	v = check_blocks(doc, s, 2 * k + 2, 0, 2 * k);
	assert_int_equal(v.n, 3);
	assert_true(v.b[1].off == k && v.b[1].end == 2 * k &&
	        v.b[1].next == 2 * k + 1);
	free(v.b);
	doc_free(doc);
	free(s);
}

/* Put a line end at s[p], turning what it cuts of a character into
 * ASCII so that the text stays valid UTF-8. */
static void
set_lf(char *s, size_t len, size_t p)
{
	size_t i;

	for (i = p + 1; i < len && ((unsigned char)s[i] & 0xc0) == 0x80; i++)
		s[i] = 'c';
	for (i = p; i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80; i--)
		;
	for (; i < p; i++)
		s[i] = 'c';
	s[p] = '\n';
}

/* Long and short lines, with line ends at and around multiples of
 * DOC_BLOCK_MAX. */
static char *
edge_lines(size_t *lenp)
{
	static const long at[] = {-2, -1, 0, 1, 2, 3};
	const size_t len = 16 * DOC_BLOCK_MAX;
	char *s = mixed_text(len, 0, 99);
	size_t i;

	for (i = 0; i < 6; i++)
		set_lf(s, len,
		        (size_t)((long)(2 * i + 2) * DOC_BLOCK_MAX + at[i]));
	set_lf(s, len, DOC_BLOCK_MAX / 2);
	set_lf(s, len, DOC_BLOCK_MAX / 2 + 1);
	for (i = 0; i < 6; i++)
		set_lf(s, len, 15 * DOC_BLOCK_MAX + 100 + 10 * i);
	*lenp = len;
	return s;
}

static void
line_ends_near_a_cut_give_consistent_blocks(void **state)
{
	size_t len;
	char *s = edge_lines(&len);
	struct doc *doc = doc_of_bytes(s, len);
	struct spans v;

	(void)state;
	/* A block is read whole with one source_get. */
	v = check_blocks(doc, s, len, 0, SOURCE_WINDOW);
	blocks_decode_whole(doc, &v);
	free(v.b);
	doc_free(doc);
	free(s);
}

static void
file_and_memory_give_the_same_blocks(void **state)
{
	size_t len, i;
	char *s = edge_lines(&len);
	struct doc *mem = doc_of_bytes(s, len);
	struct doc *file = doc_of_file(s, len);
	struct spans vm = walk(mem), vf;

	(void)state;
	vf = check_blocks(file, s, len, 0, SOURCE_WINDOW);
	assert_int_equal(vf.n, vm.n);
	for (i = 0; i < vm.n; i++)
		assert_true(same_span(&vf.b[i], &vm.b[i]));
	free(vm.b);
	free(vf.b);
	doc_free(mem);
	doc_free(file);
	free(s);
}

static void
pipe_and_memory_give_the_same_blocks(void **state)
{
	static const size_t pieces[] = {1000, 4096, 65536, 100000};
	size_t len, i, j;
	char *s = edge_lines(&len);
	struct doc *mem = doc_of_bytes(s, len), *pipe;
	struct spans vm = walk(mem), vp;
	pid_t pid;

	(void)state;
	for (j = 0; j < 4; j++) {
		pipe = doc_of_pipe(s, len, pieces[j], &pid);
		vp = walk(pipe);
		if (vp.n != vm.n)
			fprintf(stderr, "pieces of %zu: %zu blocks, not %zu\n",
			        pieces[j], vp.n, vm.n);
		assert_int_equal(vp.n, vm.n);
		for (i = 0; i < vm.n; i++)
			assert_true(same_span(&vp.b[i], &vm.b[i]));
		assert_true(source_complete(doc_source(pipe)));
		free(vp.b);
		vp = check_blocks(pipe, s, len, 0, SOURCE_WINDOW);
		free(vp.b);
		doc_free(pipe);
		reap(pid);
	}
	free(vm.b);
	doc_free(mem);
	free(s);
}

/*
 * A pipe that has delivered exactly DOC_BLOCK_MAX bytes so far, in the
 * middle of a line that began after a line end in those bytes: the line
 * must not be cut where the bytes read so far happen to stop. The writer
 * sends the first DOC_BLOCK_MAX bytes, then the rest when told to (or
 * after two seconds, for a reader that rightly waits for more).
 */
static void
line_is_not_cut_where_a_pipe_read_stops(void **state)
{
	const size_t len = DOC_BLOCK_MAX + 5;
	char *s = malloc(len);
	struct doc *doc, *mem;
	struct spans vm, vp;
	struct source *src = NULL;
	struct bspan b, nb;
	struct pollfd pfd;
	int fds[2], ctl[2];
	ssize_t w;
	pid_t pid;

	(void)state;
	assert_non_null(s);
	memset(s, 'x', len);
	s[1] = '\n';
	s[len - 1] = '\n';
	mem = doc_of_bytes(s, len);
	vm = walk(mem);
	assert_int_equal(vm.n, 2);

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(pipe(ctl), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		close(ctl[1]);
		if (write(fds[1], s, DOC_BLOCK_MAX) != DOC_BLOCK_MAX)
			_exit(1);
		pfd.fd = ctl[0];
		pfd.events = POLLIN;
		(void)poll(&pfd, 1, 2000);
		if (write(fds[1], s + DOC_BLOCK_MAX, 5) != 5)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	close(ctl[0]);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	doc = doc_over(src);
	assert_int_equal(doc_block_at(doc, 0, &b), STATUS_OK);
	assert_true(same_span(&b, &vm.b[0]));
	assert_int_equal(doc_block_next(doc, &b, &nb), STATUS_OK);
	w = write(ctl[1], "", 1); /* EPIPE if the writer went on alone */
	(void)w;
	close(ctl[1]);
	if (!same_span(&nb, &vm.b[1]))
		fprintf(stderr,
		        "second block [%zu, %zu, %zu), not [%zu, %zu, "
		        "%zu)\n",
		        nb.off, nb.end, nb.next, vm.b[1].off, vm.b[1].end,
		        vm.b[1].next);
	assert_true(same_span(&nb, &vm.b[1]));
	vp = walk(doc);
	assert_int_equal(vp.n, 2);
	free(vp.b);
	free(vm.b);
	doc_free(doc);
	doc_free(mem);
	reap(pid);
	free(s);
}

static void
bom_is_hidden_at_the_start_and_in_later_blocks(void **state)
{
	static const char s[] = BOM "ab\n" BOM "cd\n" BOM;
	struct doc *doc = doc_of(s);
	struct block *blk = NULL;
	struct bspan b;
	size_t i;

	(void)state;
	expect_shown(s, strlen(s), "ab|cd||");
	/* Nothing of it is drawn, not even as a placeholder. */
	for (i = 0; i < strlen(s); i += 6) {
		assert_int_equal(doc_block_at(doc, i, &b), STATUS_OK);
		assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
		assert_int_equal(blk->ng, b.end - b.off > 3 ? 2 : 0);
		block_free(blk);
	}
	doc_free(doc);
}

static void
doc_over_a_pipe_reads_it_as_far_as_needed(void **state)
{
	static const char s[] = "first\nsecond\nthird";
	struct source *src = NULL;
	struct doc *doc;
	struct bspan b;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], s, strlen(s)), (ssize_t)strlen(s));
	close(fds[1]);
	assert_int_equal(source_from_fd(fds[0], &src), STATUS_OK);
	doc = doc_over(src);
	assert_int_equal(doc_block_at(doc, 15, &b), STATUS_OK);
	assert_true(b.off == 13 && b.end == 18 && b.next == 18);
	assert_int_equal(doc_size(doc), strlen(s));
	doc_free(doc);
}

/*
 * len bytes: lines of 80 up to DOC_BLOCK_MAX + 500, then one line with no
 * LF to the end (a new buffer).
 */
static char *
short_lines_then_a_long_one(size_t len)
{
	char *s = malloc(len);
	size_t i;

	assert_non_null(s);
	for (i = 0; i < len; i++)
		s[i] = i < DOC_BLOCK_MAX + 500 && i % 80 == 79 ? '\n' : 'a';
	return s;
}

/*
 * The file is cut short while a block is being found: the first reads
 * come from what was read before, the later ones find the new end. The
 * block found lies within the file as it now is (it was once made of an
 * offset never set, and rubi asked for gigabytes to lay it out).
 */
static void
file_cut_short_while_finding_a_block_gives_a_block_inside_it(void **state)
{
	static const size_t cuts[] = {0, 1000, 70000, 2 * DOC_BLOCK_MAX - 4096};
	size_t len = 3 * DOC_BLOCK_MAX, off = 2 * DOC_BLOCK_MAX + 100, i, got;
	struct source *src = NULL;
	struct bspan b;
	const char *p;
	char path[4096];
	/* One long line with no LF from before the cut at 2 * DOC_BLOCK_MAX
	 * to past off, and LFs now and then before it. */
	char *s = short_lines_then_a_long_one(len);
	struct doc *doc;
	int fd;

	(void)state;
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		fd = testlib_temp_file(s, len, path, sizeof(path));
		assert_int_equal(source_from_fd(fd, &src), STATUS_OK);
		doc = doc_over(src);
		/* What the reader last saw: the bytes around off, and the
		 * cut at 2 * DOC_BLOCK_MAX, but not the lines before it. */
		assert_int_equal(
		        source_get(src, off - 50, 1, &p, &got), STATUS_OK);
		assert_int_equal(truncate(path, (off_t)cuts[i]), 0);
		assert_int_equal(doc_block_at(doc, off, &b), STATUS_OK);
		assert_true(b.off <= b.end && b.end <= b.next);
		assert_true(b.next <= doc_size(doc));
		assert_true(doc_size(doc) <= len);
		assert_true(b.end - b.off <= DOC_BLOCK_MAX);
		doc_free(doc);
		unlink(path);
	}
	free(s);
}

/*
 * A writer rewrites the file in place, over and over (cut to nothing,
 * then written again to a length of its choosing), while blocks are
 * found, stepped through and parsed at random places, as a reader does
 * when rubi notices the change late: nothing fails, and every block lies
 * within the longest file the writer wrote, its end not before its start.
 */
static void
file_rewritten_while_read_gives_sane_blocks(void **state)
{
	size_t len = 3 * DOC_BLOCK_MAX + 1000, i, j, off;
	struct source *src = NULL;
	struct bspan b, nb;
	struct block *blk;
	struct doc *doc;
	char path[4096];
	char *s = short_lines_then_a_long_one(len);
	unsigned seed = 7;
	enum status st;
	pid_t pid;
	int fd;

	(void)state;
	fd = testlib_temp_file(s, len, path, sizeof(path));
	assert_int_equal(source_from_fd(fd, &src), STATUS_OK);
	doc = doc_over(src);
	pid = testlib_rewriter(path, s, len);
	for (i = 0; i < 3000; i++) {
		source_changed(src);
		off = rand_r(&seed) % (len + 100);
		assert_int_equal(doc_block_at(doc, off, &b), STATUS_OK);
		for (j = 0; j < 4; j++) {
			assert_true(b.off <= b.end && b.end <= b.next);
			assert_true(b.next <= len);
			assert_int_equal(doc_parse(doc, &b, &blk), STATUS_OK);
			block_free(blk);
			st = j % 2 ? doc_block_prev(doc, &b, &nb)
			           : doc_block_next(doc, &b, &nb);
			if (st == STATUS_RANGE)
				break;
			assert_int_equal(st, STATUS_OK);
			b = nb;
		}
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
	        cmocka_unit_test(final_line_end_makes_no_empty_block),
	        cmocka_unit_test(empty_line_is_an_empty_block),
	        cmocka_unit_test(empty_document_has_one_empty_block),
	        cmocka_unit_test(crlf_line_ends_show_no_carriage_return),
	        cmocka_unit_test(
	                every_offset_of_a_small_document_finds_its_block),
	        cmocka_unit_test(block_at_past_the_end_is_the_last_block),
	        cmocka_unit_test(long_han_line_is_cut_between_characters),
	        cmocka_unit_test(long_mixed_line_is_cut_between_characters),
	        cmocka_unit_test(line_ends_near_a_cut_give_consistent_blocks),
	        cmocka_unit_test(
	                line_ending_at_a_cut_offset_adds_no_blank_line),
	        cmocka_unit_test(file_and_memory_give_the_same_blocks),
	        cmocka_unit_test(pipe_and_memory_give_the_same_blocks),
	        cmocka_unit_test(line_is_not_cut_where_a_pipe_read_stops),
	        cmocka_unit_test(
	                bom_is_hidden_at_the_start_and_in_later_blocks),
	        cmocka_unit_test(doc_over_a_pipe_reads_it_as_far_as_needed),
	        cmocka_unit_test(
	                file_cut_short_while_finding_a_block_gives_a_block_inside_it),
	        cmocka_unit_test(file_rewritten_while_read_gives_sane_blocks),
	};

	alarm(300); /* a pipe read too far blocks: fail instead of hanging */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
