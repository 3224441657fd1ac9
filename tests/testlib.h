/*
 * testlib.h: setup shared by the cmocka test programs (tests/test-*.c).
 *
 * The Unihan table is the one the build generates and rubi reads, found
 * as $RUBI_DATADIR/unihan.bin; the sample article is
 * $top_srcdir/data/shandong-green-lowcarbon.txt. make check sets both
 * variables; a missing one is an error, never a silent pass. Temporary
 * files go to $TMPDIR, else /tmp.
 *
 * Apart from the group setup and teardown, which return -1 as cmocka
 * expects, these functions are called inside a test and fail it (with
 * cmocka's assertions) when something goes wrong: none returns an error.
 */
#ifndef RUBI_TESTLIB_H
#define RUBI_TESTLIB_H

#include <stddef.h>
#include <sys/types.h>

#include "doc.h"
#include "source.h"
#include "unihan.h"

/*
 * cmocka group setup: load $RUBI_DATADIR/unihan.bin as the table that
 * testlib_table() returns, and also store it in *state. Returns 0, or -1
 * after saying why on stderr (variable unset or empty, path too long,
 * table missing or malformed).
 */
int testlib_table_setup(void **state);

/*
 * cmocka group teardown: free the table of testlib_table_setup(); *state
 * and testlib_table() become NULL. Always returns 0.
 */
int testlib_table_teardown(void **state);

/*
 * The table loaded by testlib_table_setup(), or NULL outside such a
 * group. Valid until testlib_table_teardown(): free every doc that uses it
 * before.
 */
const struct unihan *testlib_table(void);

/*
 * Fill *opts with the options most tests use: inline pinyin notation,
 * ambiguous width 1, zh-Hant readings first, readings from testlib_table().
 */
void testlib_doc_opts(struct doc_opts *opts);

/*
 * A new document over `src`, which it takes ownership of, as doc_new()
 * does. `opts` is copied; NULL means testlib_doc_opts(). The caller frees
 * the doc with doc_free(), before the table that opts->uh names is freed.
 */
struct doc *testlib_doc_over(struct source *src, const struct doc_opts *opts);

/* testlib_doc_over() a memory source holding a copy of s[0..len). */
struct doc *testlib_doc_of(
        const char *s, size_t len, const struct doc_opts *opts);

/* testlib_doc_of() over the NUL-terminated string s. */
struct doc *testlib_doc_of_str(const char *s, const struct doc_opts *opts);

/*
 * The sample article read into memory: a new NUL-terminated buffer that
 * the caller frees; its length (not counting the NUL) goes to *len.
 */
char *testlib_sample_bytes(size_t *len);

/*
 * The bytes of the file at `path` (not empty), NUL-terminated, in a new
 * buffer the caller frees; their count in *len. Fails the test if the
 * file cannot be read.
 */
char *testlib_file_bytes(const char *path, size_t *len);

/* testlib_file_bytes() of $TEST_DATA_DIR/rel (tests/data). */
char *testlib_data_bytes(const char *rel, size_t *len);

/*
 * The sample article as a document with testlib_doc_opts(), over the file
 * itself (source_open(), so it is read through the source's window). The
 * caller frees it with doc_free().
 */
struct doc *testlib_sample_doc(void);

/*
 * The directory for temporary files: $TMPDIR, else "/tmp". Borrowed from
 * the environment: valid until TMPDIR changes.
 */
const char *testlib_tmpdir(void);

/*
 * Write data[0..len) to a new file in testlib_tmpdir() and return its
 * descriptor, open for reading and writing at offset `len`. The file's
 * path goes to path[0..size). The caller closes the descriptor and
 * unlinks the file.
 */
int testlib_temp_file(const char *data, size_t len, char *path, size_t size);

/*
 * Start a writer that rewrites the file at `path` in place, over and over
 * (cut to nothing, then written again), as an editor or a download might
 * while rubi shows it: it writes data[0..len) cut to a different length
 * each time, and every other time starts from a different offset of data,
 * so that lines move. It runs until testlib_rewriter_stop(), or until this
 * process is gone (a failed check). Returns its process id.
 */
pid_t testlib_rewriter(const char *path, const char *data, size_t len);

/* Stop the writer of testlib_rewriter() and reap it. */
void testlib_rewriter_stop(pid_t pid);

/*
 * Text for testlib_rewriter(), in a new buffer (its length in *len):
 * twelve copies of the sample article (more than a source window), then
 * one line of 100,000 han characters, each with a reading, which blocks
 * must cut.
 */
char *testlib_long_text(size_t *len);

/* Text written through a dump_write_fn (check, glossary, dump). */
struct testlib_out {
	char s[16384]; /* NUL-terminated */
	size_t len;
};

/*
 * A dump_write_fn appending to the struct testlib_out at ctx (which must
 * start zeroed); fails the test when the text would not fit.
 */
int testlib_out_write(void *ctx, const char *s, size_t len);

/*
 * Write the runs of `blk` to buf (`size` bytes, NUL-terminated) as text:
 * plain runs as they are, ruby runs as "[base/reading]"; so
 * "{青梅|おうめ}へ" in Markdown reads "[青梅/おうめ]へ". Checks on the way
 * that runs are in order, inside the block, and that a run has a reading
 * exactly when it is ruby; fails the test when buf is too small.
 */
void testlib_describe(const struct block *blk, char *buf, size_t size);

/* Block 0 of a document holding s in notation n, parsed (caller frees). */
struct block *testlib_block_of(const char *s, enum notation n);

/* testlib_describe() of block 0 of a document holding s in notation n. */
void testlib_runs_of(const char *s, enum notation n, char *buf, size_t size);

#endif
