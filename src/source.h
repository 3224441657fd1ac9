/*
 * source.h: the bytes of a document, from a file, a pipe or memory.
 *
 * A regular file is never held whole: bytes are read on demand with
 * pread() into one window (SOURCE_WINDOW bytes), so memory stays bounded
 * whatever the file's size. A pipe or terminal cannot be re-read, so its
 * bytes are kept in memory, read in chunks as far as they are asked for.
 * Never mmap: a file truncated under us must give a short read, not SIGBUS.
 */
#ifndef RUBI_SOURCE_H
#define RUBI_SOURCE_H

#include <stddef.h>

#include "status.h"

#ifndef SOURCE_WINDOW
#define SOURCE_WINDOW (256 * 1024) /* bytes read at once from a file */
#endif

struct source;

/*
 * Open `path` ("-" is standard input). On success *out owns a new source.
 * STATUS_IO with errno set when it cannot be opened, or is a directory
 * (EISDIR); STATUS_NOMEM.
 */
enum status source_open(const char *path, struct source **out);

/*
 * A source over file descriptor `fd`, which it takes ownership of (closed
 * by source_free). Regular files are read on demand, others into memory.
 */
enum status source_from_fd(int fd, struct source **out);

/* A source over a copy of buf[0..len). */
enum status source_from_memory(
        const char *buf, size_t len, struct source **out);

/*
 * A second source over the same regular file, with a window of its own, so
 * that two threads can read one file at once (each its own source).
 * STATUS_RANGE for a source that is not a regular file; STATUS_IO,
 * STATUS_NOMEM.
 */
enum status source_dup(const struct source *src, struct source **out);

/* Free a source and close its descriptor; NULL is a no-op. */
void source_free(struct source *src);

/*
 * Make bytes [off, off + want) available (want <= SOURCE_WINDOW) and point
 * *p at byte `off`; *got is how many there are (less than want only at the
 * end of the input; 0 when off is at or past the end). The pointer is
 * borrowed and valid until the next call on `src`. STATUS_IO on a read
 * error.
 */
enum status source_get(struct source *src, size_t off, size_t want,
        const char **p, size_t *got);

/* Bytes read from the file or pipe since it was opened (tests use it to
 * pin how little a first screen reads). */
size_t source_bytes_read(const struct source *src);

/*
 * Bytes known so far: the file's size, or what was read from a pipe.
 */
size_t source_size(const struct source *src);

/*
 * Has the regular file under src changed (size or modification time)
 * since it was opened or last asked? On a change the source takes the new
 * size and forgets the bytes it had read, and 1 is returned. 0 when it has
 * not, or src is not a regular file; -1 when fstat fails (errno set).
 */
int source_changed(struct source *src);

/* Has the end of the input been seen (always true for files)? */
int source_complete(const struct source *src);

/* Read a pipe to its end (no-op for files), waiting for it even in live
 * mode. STATUS_IO, STATUS_NOMEM. */
enum status source_read_all(struct source *src);

/*
 * Live mode for a pipe (the reader's): reads never wait, so source_get()
 * gives what has arrived and the last line may be partial (shorter than
 * asked while the input is not complete). Off at first.
 */
void source_set_live(struct source *src, int live);

/*
 * Keep at most `limit` bytes of a pipe (0: no limit): reading stops
 * there, the input counts as complete and source_capped() says so. No-op
 * for files and memory copies.
 */
void source_set_limit(struct source *src, size_t limit);
int source_capped(const struct source *src);

/*
 * The descriptor to poll() for more input: a pipe not yet read to its
 * end; -1 otherwise.
 */
int source_wait_fd(const struct source *src);

/*
 * Wait until a pipe has given `want` bytes or has ended, but no longer
 * than `ms` milliseconds once its first bytes are in (no-op for files):
 * a sample to detect the notation from, without waiting on a slow pipe.
 * Returns early, with what there is, when a signal arrives before the
 * first bytes. STATUS_IO, STATUS_NOMEM.
 */
enum status source_prefetch(struct source *src, size_t want, int ms);

/*
 * Wait up to `ms` milliseconds (-1: for ever) until a pipe has more to
 * read or has ended: 1 then (and at once for a file or a complete
 * input), 0 on timeout, -1 on error or a signal (errno set).
 */
int source_wait(const struct source *src, int ms);

/*
 * Read what a pipe has to give now, without waiting (no-op for files).
 * STATUS_IO, STATUS_NOMEM.
 */
enum status source_read_more(struct source *src);

#endif
