/*
 * zip.c: the text member of a ZIP archive (see zip.h).
 *
 * The central directory at the end names the members; the chosen one's
 * local header gives where its data starts. Every offset and size read
 * from the archive is checked against its length before use, and what
 * inflating gives is bounded by `max`, not by the size the archive
 * claims (a small archive can claim anything).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "zip.h"

#define EOCD_SIG 0x06054b50u
#define CDIR_SIG 0x02014b50u
#define LOCAL_SIG 0x04034b50u
#define EOCD_LEN 22
#define CDIR_LEN 46
#define LOCAL_LEN 30

static uint32_t
get16(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	return (uint32_t)u[0] | (uint32_t)u[1] << 8;
}

static uint32_t
get32(const char *p)
{
	return get16(p) | get16(p + 2) << 16;
}

int
zip_sniff(const char *buf, size_t len)
{
	return len >= 4 && get32(buf) == LOCAL_SIG;
}

static int
ends_txt(const char *name, size_t n)
{
	static const char txt[] = ".txt";
	size_t i;

	if (n < 4)
		return 0;
	for (i = 0; i < 4; i++) {
		char c = name[n - 4 + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != txt[i])
			return 0;
	}
	return 1;
}

/* CRC-32 of p[0..n), fed to zlib at most 1 GiB at a time. */
static uint32_t
checksum(const char *p, size_t n)
{
	uLong sum = crc32(0L, Z_NULL, 0);
	size_t step;

	for (; n > 0; p += step, n -= step) {
		step = n > (1u << 30) ? 1u << 30 : n;
		sum = crc32(sum, (const Bytef *)p, (uInt)step);
	}
	return (uint32_t)sum;
}

/* Inflate raw deflate data in[0..n) into a new buffer, at most max bytes. */
static enum status
inflate_all(const char *in, size_t n, size_t max, size_t hint, char **out,
        size_t *out_len, char *why, size_t whysize)
{
	z_stream z;
	size_t cap = hint > 0 && hint <= max ? hint : 64 * 1024, len = 0;
	char *buf, *nb;
	int r;

	if (cap == 0)
		cap = 1;
	buf = malloc(cap);
	if (buf == NULL)
		return STATUS_NOMEM;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
		free(buf);
		return STATUS_NOMEM;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	for (;;) {
		if (len == cap) {
			if (cap >= max) {
				snprintf(why, whysize,
				        "its text is larger than %zu MiB",
				        max >> 20);
				r = Z_DATA_ERROR;
				break;
			}
			cap = cap > max / 2 ? max : cap * 2;
			nb = realloc(buf, cap);
			if (nb == NULL) {
				inflateEnd(&z);
				free(buf);
				return STATUS_NOMEM;
			}
			buf = nb;
		}
		/* zlib counts in uInt: feed and take at most 1 GiB a time */
		if (z.avail_in == 0 && n > 0) {
			z.avail_in = n > (1u << 30) ? 1u << 30 : (uInt)n;
			n -= z.avail_in;
		}
		z.next_out = (Bytef *)buf + len;
		z.avail_out =
		        cap - len > (1u << 30) ? 1u << 30 : (uInt)(cap - len);
		r = inflate(&z, Z_NO_FLUSH);
		len = (size_t)((char *)z.next_out - buf);
		if (r == Z_STREAM_END)
			break;
		if (r == Z_BUF_ERROR && z.avail_in == 0 && n == 0) {
			snprintf(why, whysize, "its data is cut short");
			r = Z_DATA_ERROR;
			break;
		}
		if (r != Z_OK && r != Z_BUF_ERROR) {
			snprintf(why, whysize, "its data is damaged");
			break;
		}
	}
	inflateEnd(&z);
	if (r != Z_STREAM_END) {
		free(buf);
		return STATUS_BAD_INPUT;
	}
	*out = buf;
	*out_len = len;
	return STATUS_OK;
}

enum status
zip_extract_text(const char *buf, size_t len, size_t max, char **out,
        size_t *out_len, char *name, size_t namesize, char *why, size_t whysize)
{
	const char *eocd = NULL, *c, *pick = NULL, *data;
	size_t i, cd_off, cd_size, n_ent, k, nl, el, cl, lo, csize, usize;
	uint32_t method, flags, crc;
	enum status st;

	snprintf(why, whysize, "not a ZIP archive, or a damaged one");
	if (len < EOCD_LEN)
		return STATUS_BAD_INPUT;
	/* The end record: within the last 22 + 65535 (comment) bytes. */
	for (i = len - EOCD_LEN + 1; i-- > 0 && len - i <= EOCD_LEN + 65535;)
		if (get32(buf + i) == EOCD_SIG &&
		        get16(buf + i + 20) == len - i - EOCD_LEN) {
			eocd = buf + i;
			break;
		}
	if (eocd == NULL)
		return STATUS_BAD_INPUT;
	n_ent = get16(eocd + 10);
	cd_size = get32(eocd + 12);
	cd_off = get32(eocd + 16);
	if (cd_off > (size_t)(eocd - buf) ||
	        cd_size > (size_t)(eocd - buf) - cd_off)
		return STATUS_BAD_INPUT;
	/* The first member named *.txt, else the first member. */
	for (k = 0, c = buf + cd_off; k < n_ent; k++) {
		if ((size_t)(buf + cd_off + cd_size - c) < CDIR_LEN ||
		        get32(c) != CDIR_SIG)
			return STATUS_BAD_INPUT;
		nl = get16(c + 28);
		el = get16(c + 30);
		cl = get16(c + 32);
		if ((size_t)(buf + cd_off + cd_size - c) <
		        CDIR_LEN + nl + el + cl)
			return STATUS_BAD_INPUT;
		if (pick == NULL ||
		        (ends_txt(c + CDIR_LEN, nl) &&
		                !ends_txt(pick + CDIR_LEN, get16(pick + 28))))
			pick = c;
		c += CDIR_LEN + nl + el + cl;
	}
	if (pick == NULL) {
		snprintf(why, whysize, "the archive is empty");
		return STATUS_BAD_INPUT;
	}
	flags = get16(pick + 8);
	method = get16(pick + 10);
	crc = get32(pick + 16);
	csize = get32(pick + 20);
	usize = get32(pick + 24);
	nl = get16(pick + 28);
	lo = get32(pick + 42);
	snprintf(name, namesize, "%.*s",
	        (int)(nl < namesize ? nl : namesize - 1), pick + CDIR_LEN);
	if (flags & 1) {
		snprintf(why, whysize, "its text is encrypted");
		return STATUS_BAD_INPUT;
	}
	if (lo > len || len - lo < LOCAL_LEN || get32(buf + lo) != LOCAL_SIG)
		return STATUS_BAD_INPUT;
	k = LOCAL_LEN + get16(buf + lo + 26) + get16(buf + lo + 28);
	if (len - lo < k || len - lo - k < csize)
		return STATUS_BAD_INPUT;
	data = buf + lo + k;
	if (method == 0) {
		if (csize > max) {
			snprintf(why, whysize,
			        "its text is larger than %zu MiB", max >> 20);
			return STATUS_BAD_INPUT;
		}
		*out = malloc(csize ? csize : 1);
		if (*out == NULL)
			return STATUS_NOMEM;
		memcpy(*out, data, csize);
		*out_len = csize;
	} else if (method == 8) {
		st = inflate_all(
		        data, csize, max, usize, out, out_len, why, whysize);
		if (st != STATUS_OK)
			return st;
	} else {
		snprintf(why, whysize, "its text is compressed with method %u",
		        (unsigned)method);
		return STATUS_BAD_INPUT;
	}
	if (checksum(*out, *out_len) != crc) {
		free(*out);
		*out = NULL;
		snprintf(why, whysize, "its text fails its CRC check");
		return STATUS_BAD_INPUT;
	}
	return STATUS_OK;
}
