/*
 * source.c: document bytes on demand (see source.h).
 *
 * Two modes: `file` (regular file: pread into a sliding window) and
 * `memory` (pipe or copy: a growing buffer, read forward in chunks).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "source.h"

#define PIPE_CHUNK (64 * 1024)
#define READ_MIN (16 * 1024) /* a file is read this much past a request */

struct source {
	int fd;                /* -1 for a memory copy */
	int is_file;           /* regular file, read with pread */
	size_t size;           /* file size, or bytes in mem */
	int complete;          /* end of input seen */
	char *mem;             /* memory mode: all bytes so far */
	size_t cap;            /* allocated bytes of mem */
	char *win;             /* file mode: the window */
	size_t win_off;        /* file offset of win[0] */
	size_t win_len;        /* valid bytes in win */
	struct timespec mtime; /* file mode: modification time seen */
	int live;              /* memory mode: never wait for the pipe */
	size_t limit;          /* memory mode: bytes kept at most (0: any) */
	int capped;            /* reading stopped at limit */
	size_t nread;          /* bytes read from fd, in all */
};

enum status
source_from_fd(int fd, struct source **out)
{
	struct source *src;
	struct stat st;

	if (fstat(fd, &st) == -1)
		return STATUS_IO;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return STATUS_IO;
	}
	src = calloc(1, sizeof(*src));
	if (src == NULL)
		return STATUS_NOMEM;
	src->fd = fd;
	if (S_ISREG(st.st_mode)) {
		src->is_file = 1;
		src->size = (size_t)st.st_size;
		src->mtime = st.st_mtim;
		src->complete = 1;
		src->win = malloc(SOURCE_WINDOW);
		if (src->win == NULL) {
			free(src);
			return STATUS_NOMEM;
		}
	}
	*out = src;
	return STATUS_OK;
}

enum status
source_open(const char *path, struct source **out)
{
	enum status st;
	int fd, saved;

	if (strcmp(path, "-") == 0) {
		fd = dup(0);
	} else {
		do
			fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
		while (fd == -1 && errno == EINTR);
	}
	if (fd == -1)
		return STATUS_IO;
	st = source_from_fd(fd, out);
	if (st != STATUS_OK) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return st;
}

enum status
source_from_memory(const char *buf, size_t len, struct source **out)
{
	struct source *src;

	src = calloc(1, sizeof(*src));
	if (src == NULL)
		return STATUS_NOMEM;
	src->fd = -1;
	src->complete = 1;
	src->mem = malloc(len ? len : 1);
	if (src->mem == NULL) {
		free(src);
		return STATUS_NOMEM;
	}
	if (len)
		memcpy(src->mem, buf, len);
	src->size = src->cap = len;
	*out = src;
	return STATUS_OK;
}

enum status
source_dup(const struct source *src, struct source **out)
{
	struct source *copy;
	int fd;

	if (!src->is_file)
		return STATUS_RANGE;
	fd = fcntl(src->fd, F_DUPFD_CLOEXEC, 0);
	if (fd == -1)
		return STATUS_IO;
	copy = calloc(1, sizeof(*copy));
	if (copy == NULL || (copy->win = malloc(SOURCE_WINDOW)) == NULL) {
		free(copy);
		close(fd);
		return STATUS_NOMEM;
	}
	copy->fd = fd;
	copy->is_file = 1;
	copy->size = src->size;
	copy->mtime = src->mtime;
	copy->complete = 1;
	*out = copy;
	return STATUS_OK;
}

int
source_changed(struct source *src)
{
	struct stat st;

	if (!src->is_file)
		return 0;
	if (fstat(src->fd, &st) == -1)
		return -1;
	if ((size_t)st.st_size == src->size &&
	        st.st_mtim.tv_sec == src->mtime.tv_sec &&
	        st.st_mtim.tv_nsec == src->mtime.tv_nsec)
		return 0;
	src->size = (size_t)st.st_size;
	src->mtime = st.st_mtim;
	src->win_len = 0; /* what was read may be gone */
	return 1;
}

void
source_free(struct source *src)
{
	if (src == NULL)
		return;
	if (src->fd >= 0)
		close(src->fd);
	free(src->mem);
	free(src->win);
	free(src);
}

size_t
source_bytes_read(const struct source *src)
{
	return src->nread;
}

size_t
source_size(const struct source *src)
{
	return src->size;
}

int
source_complete(const struct source *src)
{
	return src->complete;
}

/*
 * Memory mode: read the pipe until `need` bytes are held or it ends (or,
 * when live, until it has nothing more to give right now).
 */
static enum status
fill(struct source *src, size_t need)
{
	struct pollfd pfd;
	size_t ncap, room;
	ssize_t r;
	char *nm;

	while (!src->complete && src->size < need) {
		if (src->limit && src->size >= src->limit) {
			src->complete = src->capped = 1;
			break;
		}
		if (src->live) {
			pfd.fd = src->fd;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, 0) != 1)
				break; /* nothing there yet (or EINTR) */
		}
		if (src->cap - src->size < PIPE_CHUNK) {
			ncap = src->cap ? src->cap * 2 : 4 * PIPE_CHUNK;
			nm = realloc(src->mem, ncap);
			if (nm == NULL)
				return STATUS_NOMEM;
			src->mem = nm;
			src->cap = ncap;
		}
		room = src->cap - src->size;
		if (src->limit && room > src->limit - src->size)
			room = src->limit - src->size;
		r = read(src->fd, src->mem + src->size, room);
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				if (src->live)
					break;
				continue;
			}
			return STATUS_IO;
		}
		if (r == 0)
			src->complete = 1;
		src->size += (size_t)r;
		src->nread += (size_t)r;
	}
	return STATUS_OK;
}

void
source_set_live(struct source *src, int live)
{
	src->live = live;
}

void
source_set_limit(struct source *src, size_t limit)
{
	if (!src->is_file && src->fd >= 0)
		src->limit = limit;
}

int
source_capped(const struct source *src)
{
	return src->capped;
}

int
source_wait_fd(const struct source *src)
{
	return src->is_file || src->complete ? -1 : src->fd;
}

enum status
source_prefetch(struct source *src, size_t want, int ms)
{
	struct pollfd pfd;
	struct timespec t0, t;
	long left;
	int live = src->live, r;
	enum status st = STATUS_OK;

	if (src->is_file)
		return STATUS_OK;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	src->live = 1;
	while (st == STATUS_OK && !src->complete && src->size < want) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		left = ms -
		        ((t.tv_sec - t0.tv_sec) * 1000L +
		                (t.tv_nsec - t0.tv_nsec) / 1000000L);
		/* Wait for the first bytes however long; the rest, not. */
		if (left <= 0 && src->size > 0)
			break;
		pfd.fd = src->fd;
		pfd.events = POLLIN;
		r = poll(&pfd, 1, src->size > 0 ? (int)left : -1);
		if (r == -1 && errno != EINTR)
			st = STATUS_IO;
		else if (r == -1 && src->size == 0)
			break; /* a signal: let the caller look */
		else if (r == 1)
			st = fill(src, want);
	}
	src->live = live;
	return st;
}

int
source_wait(const struct source *src, int ms)
{
	struct pollfd pfd;

	pfd.fd = source_wait_fd(src);
	if (pfd.fd == -1)
		return 1;
	pfd.events = POLLIN;
	return poll(&pfd, 1, ms);
}

enum status
source_read_more(struct source *src)
{
	int live = src->live;
	enum status st;

	src->live = 1;
	st = fill(src, (size_t)-1);
	src->live = live;
	return st;
}

enum status
source_read_all(struct source *src)
{
	int live;
	enum status st;

	if (src->is_file)
		return STATUS_OK;
	live = src->live;
	src->live = 0;
	st = fill(src, (size_t)-1);
	src->live = live;
	return st;
}

enum status
source_get(struct source *src, size_t off, size_t want, const char **p,
        size_t *got)
{
	enum status st;
	size_t start, len, done;
	ssize_t r;

	if (want > SOURCE_WINDOW)
		want = SOURCE_WINDOW;
	if (!src->is_file) {
		if (off + want > src->size) {
			st = fill(src, off + want);
			if (st != STATUS_OK)
				return st;
		}
		*p = src->mem + (off < src->size ? off : src->size);
		*got = off < src->size ? src->size - off : 0;
		if (*got > want)
			*got = want;
		return STATUS_OK;
	}
	if (off >= src->size) {
		*p = src->win;
		*got = 0;
		return STATUS_OK;
	}
	if (off + want > src->size)
		want = src->size - off;
	if (off < src->win_off || off + want > src->win_off + src->win_len) {
		/* Centre small requests so that reads to either side hit;
		 * read no more than READ_MIN beyond what is asked, so that a
		 * first screen touches few pages of the window. */
		start = off;
		if (want < SOURCE_WINDOW / 2)
			start = off > READ_MIN / 4 ? off - READ_MIN / 4 : 0;
		len = src->size - start;
		if (len > off - start + want + READ_MIN)
			len = off - start + want + READ_MIN;
		if (len > SOURCE_WINDOW)
			len = SOURCE_WINDOW;
		for (done = 0; done < len; done += (size_t)r) {
			r = pread(src->fd, src->win + done, len - done,
			        (off_t)(start + done));
			if (r < 0 && errno == EINTR) {
				r = 0;
				continue;
			}
			if (r < 0) {
				src->win_len = 0;
				return STATUS_IO;
			}
			if (r == 0)
				break; /* the file shrank under us */
			src->nread += (size_t)r;
		}
		src->win_off = start;
		src->win_len = done;
		if (off + want > start + done) {
			/* Truncated: believe what we could read. */
			src->size = start + done;
			if (off >= src->size) {
				*p = src->win;
				*got = 0;
				return STATUS_OK;
			}
			want = src->size - off;
		}
	}
	*p = src->win + (off - src->win_off);
	*got = want;
	return STATUS_OK;
}
