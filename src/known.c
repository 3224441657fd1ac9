/*
 * known.c: a sorted array of code points (known.h). Lookups are binary
 * searches; a learner's list holds a few thousand characters at most, so
 * insertion by moving the tail is cheap enough.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "known.h"
#include "utf8.h"

struct known {
	uint32_t *cp; /* sorted, no repeats */
	size_t n, cap;
};

enum status
known_new(struct known **out)
{
	*out = calloc(1, sizeof(**out));
	return *out == NULL ? STATUS_NOMEM : STATUS_OK;
}

void
known_free(struct known *k)
{
	if (k == NULL)
		return;
	free(k->cp);
	free(k);
}

/* The index of cp, or where it would go. */
static size_t
find(const struct known *k, uint32_t cp)
{
	size_t lo = 0, hi = k->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (k->cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
known_has(const struct known *k, uint32_t cp)
{
	size_t i;

	if (k == NULL)
		return 0;
	i = find(k, cp);
	return i < k->n && k->cp[i] == cp;
}

enum status
known_set(struct known *k, uint32_t cp, int on)
{
	size_t i = find(k, cp), ncap;
	uint32_t *ncp;

	if (!utf8_is_han(cp))
		return STATUS_RANGE;
	if (i < k->n && k->cp[i] == cp) {
		if (!on) {
			memmove(k->cp + i, k->cp + i + 1,
			        (k->n - i - 1) * sizeof(*k->cp));
			k->n--;
		}
		return STATUS_OK;
	}
	if (!on)
		return STATUS_OK;
	if (k->n == k->cap) {
		ncap = k->cap ? k->cap * 2 : 64;
		ncp = realloc(k->cp, ncap * sizeof(*ncp));
		if (ncp == NULL)
			return STATUS_NOMEM;
		k->cp = ncp;
		k->cap = ncap;
	}
	memmove(k->cp + i + 1, k->cp + i, (k->n - i) * sizeof(*k->cp));
	k->cp[i] = cp;
	k->n++;
	return STATUS_OK;
}

size_t
known_count(const struct known *k)
{
	return k == NULL ? 0 : k->n;
}

uint32_t
known_at(const struct known *k, size_t i)
{
	return k->cp[i];
}

enum status
known_add_list(struct known *k, const char *buf, size_t len, size_t *added)
{
	size_t i = 0, n0 = k->n;
	uint32_t cp;
	int step, bol = 1;

	while (i < len) {
		if (bol && buf[i] == '#') {
			while (i < len && buf[i] != '\n')
				i++;
			continue;
		}
		step = utf8_next(buf + i, len - i, &cp);
		if (step < 0) {
			i++;
			bol = 0;
			continue;
		}
		i += (size_t)step;
		bol = cp == '\n';
		if (utf8_is_han(cp) && known_set(k, cp, 1) == STATUS_NOMEM)
			return STATUS_NOMEM;
	}
	if (added != NULL)
		*added = k->n - n0;
	return STATUS_OK;
}

size_t
known_format(const struct known *k, char *buf, size_t bufsize)
{
	char enc[5];
	size_t i, o = 0;
	int n;

	/* Whole lines only: a prefix that fits, then the NUL. */
	for (i = 0; i < known_count(k); i++) {
		n = utf8_encode(k->cp[i], enc);
		enc[n++] = '\n';
		if (o + (size_t)n < bufsize) {
			memcpy(buf + o, enc, (size_t)n);
			buf[o + (size_t)n] = '\0';
		} else if (o < bufsize) {
			buf[o] = '\0';
			bufsize = o; /* nothing more is written */
		}
		o += (size_t)n;
	}
	if (known_count(k) == 0 && bufsize > 0)
		buf[0] = '\0';
	return o;
}

enum status
known_load_file(struct known *k, const char *path, size_t *added)
{
	struct stat sb;
	enum status st;
	char *buf;
	size_t got = 0;
	ssize_t n;
	int fd, e;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return STATUS_IO;
	if (fstat(fd, &sb) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return STATUS_IO;
	}
	if (sb.st_size > KNOWN_FILE_MAX) {
		close(fd);
		errno = EFBIG;
		return STATUS_IO;
	}
	buf = malloc((size_t)sb.st_size + 1);
	if (buf == NULL) {
		close(fd);
		return STATUS_NOMEM;
	}
	/* Read up to the size seen (a growing file is cut there). */
	while (got < (size_t)sb.st_size) {
		n = read(fd, buf + got, (size_t)sb.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			free(buf);
			close(fd);
			errno = e;
			return STATUS_IO;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	st = known_add_list(k, buf, got, added);
	free(buf);
	return st;
}

enum status
known_save_file(const struct known *k, const char *path)
{
	size_t len = known_format(k, NULL, 0), off = 0;
	char *buf, *tmp;
	ssize_t n;
	int fd, e;

	buf = malloc(len + 1);
	tmp = malloc(strlen(path) + 16);
	if (buf == NULL || tmp == NULL) {
		free(buf);
		free(tmp);
		return STATUS_NOMEM;
	}
	known_format(k, buf, len + 1);
	sprintf(tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(buf);
		free(tmp);
		errno = e;
		return STATUS_IO;
	}
	while (off < len) {
		n = write(fd, buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		off += (size_t)n;
	}
	e = off < len ? errno : 0;
	/* The list is the user's file: readable as any file they make. */
	if (e == 0 && fchmod(fd, 0644) != 0)
		e = errno;
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, path) != 0)
		e = errno;
	if (e != 0)
		unlink(tmp);
	free(buf);
	free(tmp);
	errno = e;
	return e == 0 ? STATUS_OK : STATUS_IO;
}
