/*
 * unihan.c: the Unihan reading table (see unihan.h).
 *
 * The table keeps the file's bytes as one buffer and nothing else: a
 * lookup is a binary search over the lines themselves (the file must be in
 * ascending code point order), and only the line found is checked, when it
 * is found. A file is read as lookups reach it: the few KiB that the page
 * index narrows a lookup to in one read, everything else a page at a time
 * (a few pages kept); each line found is copied out and remembered, so
 * loading costs a look at the first and last lines and the work and the
 * memory after that follow the characters actually shown. A line that is not
 * well formed is never used: its character simply has no data, and a table out
 * of order, or with a character twice, can only make lookups miss, never return
 * another character's data. Nothing but the line asked for is ever parsed into
 * syllables.
 *
 * Line shape, as checked by check_line():
 *   HEX TAB readings TAB readings TAB definition LF
 * HEX is 4 to 6 upper-case hex digits naming a Unicode scalar value;
 * readings are space-separated tokens (no empty token); no field holds a
 * control character (C0, DEL or C1); the whole file is valid UTF-8.
 * A line starting with '#' is a comment; there are no empty lines.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

#include "unihan-bin.h"
#include "unihan.h"
#include "utf8.h"

#ifndef UNIHAN_CHUNK
#define UNIHAN_CHUNK (64 * 1024) /* first buffer for a pipe */
#endif

#define UNIHAN_FIELDS 4 /* code point, kMandarin, others, definition */

#define UNIHAN_SPAN (16 * 1024) /* a range searched in one piece */
/*
 * What a lookup does not read in one piece (find_direct()) is read in
 * pages kept in frames: the ends of the table when it is loaded, a table
 * without a page index. The characters of one screen are spread over
 * most of the CJK part of the table (some 850 KB), so few lookups share a
 * page, and what a miss costs is the memory it is read into the first
 * time (a fresh page, 1 to 25 us to touch) more than the read: a few small
 * frames, which stay warm.
 */
#ifndef UNIHAN_PAGE
#define UNIHAN_PAGE 4096 /* bytes of a file read at a time */
#endif
#define UNIHAN_FRAMES 8          /* pages of a file kept at once */
#define UNIHAN_ARENA (16 * 1024) /* bytes of copied lines per chunk */

/* A line found in a file, copied out: line NULL when cp has none. */
struct hit {
	uint32_t cp;
	const char *line; /* a copy of the line, its LF included */
	size_t len;       /* bytes, without the LF */
};

/* A chunk of copied lines; never moved, so lines stay where they are. */
struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
};

/*
 * What lookups in a file change: the pages kept, the lines copied out and
 * the table of hits (open addressing, entry index + 1 per slot).
 * Reached through a pointer, since lookups take a const table.
 */
struct ucache {
	char *whole; /* the whole file, once read (or NULL) */
	size_t cut;  /* 1 + the first offset a read fell short at; 0: none */
	char *frame[UNIHAN_FRAMES]; /* pages kept (allocated when used) */
	size_t tag[UNIHAN_FRAMES];  /* page number + 1 in each; 0: none */
	struct chunk *arena;
	uint32_t *slot;   /* hcap slots */
	size_t hcap;      /* a power of two, or 0 */
	struct hit *hits; /* nhits entries */
	size_t nhits, hits_cap;
};

struct unihan {
	char *buf;   /* the table's bytes, owned; every line ends with LF */
	size_t len;  /* bytes in buf */
	size_t data; /* offset of the first line after the leading comments */
	int fd;      /* the file (buf NULL) while it is read on demand, or -1 */
	struct ucache *c;       /* for a file read on demand, else NULL */
	uint32_t *ix_cp;        /* the page index ("#@ HEX OFFSET" lines): */
	size_t *ix_off;         /* code points and their lines' offsets from */
	size_t nix;             /* data, increasing; nix 0: none */
	struct unihan_bin *bin; /* a compiled table (nothing above is used) */
};

/* The fields of one data line after the code point, as spans of buf. */
struct unihan_line {
	const char *mandarin; /* kMandarin readings */
	size_t mandarin_len;  /* bytes */
	const char *other;    /* other readings */
	size_t other_len;     /* bytes */
	const char *def;      /* kDefinition */
	size_t def_len;       /* bytes */
};

static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Is s[0..len) a list of readings: tokens separated by single spaces,
 * without a space at either end? The empty list is one.
 */
static int
check_readings(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return 1;
	if (s[0] == ' ' || s[len - 1] == ' ')
		return 0;
	for (i = 1; i < len; i++)
		if (s[i] == ' ' && s[i - 1] == ' ')
			return 0;
	return 1;
}

/*
 * Check the data line at p (at most `avail` bytes, up to and without its
 * LF) in one pass: clean text (as utf8_is_clean()) with exactly UNIHAN_FIELDS
 * tab-separated fields of the shape described at the top. Stores its code
 * point in *cp, its length (without the LF) in *len, and the offset of its
 * second field in *field. 0 when the line is bad or has no LF.
 */
static int
check_line(
        const char *p, size_t avail, uint32_t *cp, size_t *len, size_t *field)
{
	size_t tab[UNIHAN_FIELDS], nt = 0, i = 0;
	uint32_t v = 0, c32;
	int d, n;

	while ((i += utf8_printable_run(p + i, avail - i)) < avail) {
		unsigned char c = (unsigned char)p[i];

		if (c == '\n') {
			break;
		} else if (c == '\t') {
			if (nt == UNIHAN_FIELDS - 1)
				return 0; /* a fifth field */
			tab[nt++] = i++;
		} else if (c < 0x80) {
			return 0; /* C0 or DEL */
		} else {
			n = utf8_next(p + i, avail - i, &c32);
			if (n < 0 || c32 <= 0x9f)
				return 0; /* invalid, or C1 */
			i += (size_t)n;
		}
	}
	if (i == avail || nt != UNIHAN_FIELDS - 1 || tab[0] < 4 || tab[0] > 6)
		return 0;
	for (n = 0; n < (int)tab[0]; n++) {
		d = hex_value((unsigned char)p[n]);
		if (d < 0)
			return 0;
		v = v * 16 + (uint32_t)d;
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	if (!check_readings(p + tab[0] + 1, tab[1] - tab[0] - 1) ||
	        !check_readings(p + tab[1] + 1, tab[2] - tab[1] - 1))
		return 0;
	*cp = v;
	*len = i;
	*field = tab[0] + 1;
	return 1;
}

/* The whole table when it is in memory, else NULL. */
static inline const char *
whole(const struct unihan *u)
{
	return u->buf != NULL ? u->buf : u->c->whole;
}

/*
 * Page `pg` of the file, from the pages kept or read now into the frame
 * it maps to. A file's table is read a page at a time, when a lookup
 * first needs it. A page that cannot be read (an I/O error, a file cut
 * short since it was opened) reads as LFs: empty lines, which no lookup
 * accepts. NULL when memory runs out.
 */
static const char *
page(const struct unihan *u, size_t pg)
{
	struct ucache *c = u->c;
	size_t f = pg % UNIHAN_FRAMES, start, n, got = 0;
	ssize_t r;

	if (c->tag[f] == pg + 1)
		return c->frame[f];
	if (c->frame[f] == NULL && (c->frame[f] = malloc(UNIHAN_PAGE)) == NULL)
		return NULL;
	start = pg * UNIHAN_PAGE;
	n = u->len - start < UNIHAN_PAGE ? u->len - start : UNIHAN_PAGE;
	while (got < n) {
		r = pread(u->fd, c->frame[f] + got, n - got,
		        (off_t)(start + got));
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	memset(c->frame[f] + got, '\n', n - got);
	/* The LFs put for what could not be read end no line: one that
	 * runs into them was cut, and table_find() refuses it. */
	if (got < n && (c->cut == 0 || start + got < c->cut - 1))
		c->cut = start + got + 1;
	c->tag[f] = pg + 1;
	return c->frame[f];
}

/* Byte `off` of the table (an LF when it cannot be had). */
static char
byte_at(const struct unihan *u, size_t off)
{
	const char *w = whole(u), *p;

	if (w != NULL)
		return w[off];
	p = page(u, off / UNIHAN_PAGE);
	return p != NULL ? p[off % UNIHAN_PAGE] : '\n';
}

/*
 * The offset of the LF that ends the line at `off` (there is one: the
 * table ends with LF).
 */
static size_t
line_end(const struct unihan *u, size_t off)
{
	const char *w = whole(u), *p, *nl;
	size_t end;

	if (w != NULL)
		return (size_t)((const char *)memchr(
		                        w + off, '\n', u->len - off) -
		        w);
	for (;;) {
		end = (off / UNIHAN_PAGE + 1) * UNIHAN_PAGE;
		if (end > u->len)
			end = u->len;
		p = page(u, off / UNIHAN_PAGE);
		if (p == NULL)
			return off; /* as if an LF were there */
		nl = memchr(p + off % UNIHAN_PAGE, '\n', end - off);
		if (nl != NULL)
			return off + (size_t)(nl - (p + off % UNIHAN_PAGE));
		off = end;
	}
}

/*
 * Copy bytes [off, off + len) of the table to dst (a file's pages may
 * hold them apart).
 */
static void
copy_out(const struct unihan *u, size_t off, size_t len, char *dst)
{
	const char *w = whole(u), *p;
	size_t n;

	if (w != NULL) {
		memcpy(dst, w + off, len);
		return;
	}
	while (len > 0) {
		n = UNIHAN_PAGE - off % UNIHAN_PAGE;
		if (n > len)
			n = len;
		p = page(u, off / UNIHAN_PAGE);
		if (p != NULL)
			memcpy(dst, p + off % UNIHAN_PAGE, n);
		else
			memset(dst, '\n', n);
		off += n;
		dst += n;
		len -= n;
	}
}

/* len bytes of the arena (kept until the table is freed), or NULL. */
static char *
arena_take(struct ucache *c, size_t len)
{
	struct chunk *ch = c->arena;
	size_t cap;
	char *dst;

	if (ch == NULL || ch->cap - ch->used < len) {
		cap = len > UNIHAN_ARENA ? len : UNIHAN_ARENA;
		ch = malloc(sizeof(*ch) + cap);
		if (ch == NULL)
			return NULL;
		ch->next = c->arena;
		ch->used = 0;
		ch->cap = cap;
		c->arena = ch;
	}
	dst = ch->data + ch->used;
	ch->used += len;
	return dst;
}

/*
 * The line at `off`, its LF at `end`, as contiguous bytes: in the table
 * when it is in memory, else a copy in the arena (kept until the table is
 * freed). NULL when memory runs out.
 */
static const char *
line_bytes(const struct unihan *u, size_t off, size_t end)
{
	char *dst;

	if (whole(u) != NULL)
		return whole(u) + off;
	dst = arena_take(u->c, end - off + 1);
	if (dst != NULL)
		copy_out(u, off, end - off + 1, dst);
	return dst;
}

/* The hit entry for cp, or NULL. */
static const struct hit *
hit_get(const struct ucache *c, uint32_t cp)
{
	size_t i;

	if (c->hcap == 0)
		return NULL;
	for (i = (cp * 2654435761u) & (c->hcap - 1); c->slot[i] != 0;
	        i = (i + 1) & (c->hcap - 1))
		if (c->hits[c->slot[i] - 1].cp == cp)
			return &c->hits[c->slot[i] - 1];
	return NULL;
}

/* Remember what a search for cp found (line NULL: nothing). */
static void
hit_put(struct ucache *c, uint32_t cp, const char *line, size_t len)
{
	struct hit *nh;
	uint32_t *ns;
	size_t i, k, ncap;

	if (c->nhits == c->hits_cap) {
		ncap = c->hits_cap ? 2 * c->hits_cap : 256;
		nh = realloc(c->hits, ncap * sizeof(*nh));
		if (nh == NULL)
			return; /* not remembered: searched again next time */
		c->hits = nh;
		c->hits_cap = ncap;
	}
	if (2 * (c->nhits + 1) > c->hcap) { /* at most half full */
		ncap = c->hcap ? 2 * c->hcap : 512;
		ns = calloc(ncap, sizeof(*ns));
		if (ns == NULL)
			return;
		free(c->slot);
		c->slot = ns;
		c->hcap = ncap;
		for (k = 0; k < c->nhits; k++) {
			for (i = (c->hits[k].cp * 2654435761u) & (ncap - 1);
			        ns[i] != 0; i = (i + 1) & (ncap - 1))
				;
			ns[i] = (uint32_t)(k + 1);
		}
	}
	for (i = (cp * 2654435761u) & (c->hcap - 1); c->slot[i] != 0;
	        i = (i + 1) & (c->hcap - 1))
		;
	c->hits[c->nhits].cp = cp;
	c->hits[c->nhits].line = line;
	c->hits[c->nhits].len = len;
	c->slot[i] = (uint32_t)++c->nhits;
}

static void
cache_free(struct ucache *c)
{
	struct chunk *ch, *next;
	int f;

	if (c == NULL)
		return;
	for (f = 0; f < UNIHAN_FRAMES; f++)
		free(c->frame[f]);
	for (ch = c->arena; ch != NULL; ch = next) {
		next = ch->next;
		free(ch);
	}
	free(c->slot);
	free(c->hits);
	free(c->whole);
	free(c);
}

/*
 * A comment line "#@ HEX OFFSET" of the page index: add it. One that does
 * not follow the order (code points and offsets increasing) or does not
 * parse ends the index: the table is then searched whole. STATUS_NOMEM.
 */
static enum status
index_line(struct unihan *u, const char *p, size_t len)
{
	uint32_t cp = 0;
	size_t off = 0, i = 3, cap;
	void *grown;
	int d, nd = 0;

	if (len < 3 || memcmp(p, "#@ ", 3) != 0 || u->nix == (size_t)-1)
		return STATUS_OK;
	for (; i < len && (d = hex_value((unsigned char)p[i])) >= 0 && nd < 6;
	        i++, nd++)
		cp = cp * 16 + (uint32_t)d;
	if (nd < 4 || i >= len || p[i++] != ' ' || i >= len)
		goto drop;
	for (; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
		if (off > (SIZE_MAX - 9) / 10)
			goto drop;
		off = off * 10 + (size_t)(p[i] - '0');
	}
	if (i != len ||
	        (u->nix > 0 &&
	                (cp <= u->ix_cp[u->nix - 1] ||
	                        off <= u->ix_off[u->nix - 1])))
		goto drop;
	if ((u->nix & (u->nix - 1)) == 0) { /* 0, 1, 2, 4...: grow */
		cap = u->nix ? 2 * u->nix : 1;
		grown = realloc(u->ix_cp, cap * sizeof(*u->ix_cp));
		if (grown == NULL)
			return STATUS_NOMEM;
		u->ix_cp = grown;
		grown = realloc(u->ix_off, cap * sizeof(*u->ix_off));
		if (grown == NULL)
			return STATUS_NOMEM;
		u->ix_off = grown;
	}
	u->ix_cp[u->nix] = cp;
	u->ix_off[u->nix++] = off;
	return STATUS_OK;
drop:
	u->nix = (size_t)-1; /* no index (table_build makes it 0) */
	return STATUS_OK;
}

/*
 * Check the frame of the table in buf[0..len) and take it (and fd, the file
 * it is read from page by page, or -1 when buf holds all of it). The
 * leading comments (the licence notice) are checked whole; the first and
 * the last data lines must be well formed, which refuses a file that is
 * not a table, or is cut short, at once. On success *out owns a new table
 * that owns buf and fd; on failure they still belong to the caller and
 * *out is untouched.
 */
/*
 * Bytes [off, end] of the table, contiguous: in buf, or copied to *tmp
 * (grown as needed, *cap bytes). NULL when memory runs out.
 */
static const char *
line_tmp(
        const struct unihan *u, size_t off, size_t end, char **tmp, size_t *cap)
{
	char *nt;

	if (whole(u) != NULL)
		return whole(u) + off;
	if (end - off + 1 > *cap) {
		nt = realloc(*tmp, end - off + 1);
		if (nt == NULL)
			return NULL;
		*tmp = nt;
		*cap = end - off + 1;
	}
	copy_out(u, off, end - off + 1, *tmp);
	return *tmp;
}

static enum status
table_build(char *buf, size_t len, int fd, struct unihan **out)
{
	struct unihan *u;
	size_t off = 0, last, end = 0, linelen, field, tcap = 0;
	const char *p = NULL;
	char *tmp = NULL;
	uint32_t cp;

	u = calloc(1, sizeof(*u));
	if (u == NULL)
		return STATUS_NOMEM;
	u->buf = buf;
	u->len = len;
	u->fd = fd;
	if (buf == NULL && (u->c = calloc(1, sizeof(*u->c))) == NULL) {
		free(u);
		return STATUS_NOMEM;
	}
	if (len > 0 && byte_at(u, len - 1) != '\n')
		goto bad; /* truncated, or not a table */
	while (off < len) {
		end = line_end(u, off);
		p = line_tmp(u, off, end, &tmp, &tcap);
		if (p == NULL)
			goto bad;
		if (p[0] != '#')
			break;
		linelen = end - off;
		if (!utf8_is_clean(p, linelen) ||
		        index_line(u, p, linelen) != STATUS_OK)
			goto bad;
		off = end + 1;
	}
	u->data = off;
	if (u->nix == (size_t)-1)
		u->nix = 0;
	if (off < len) {
		/* p holds the first data line, LF at end */
		if (!check_line(p, end - off + 1, &cp, &linelen, &field))
			goto bad;
		for (last = len - 1;
		        last > off && byte_at(u, last - 1) != '\n';)
			last--;
		p = line_tmp(u, last, len - 1, &tmp, &tcap);
		if (p == NULL ||
		        (p[0] != '#' &&
		                !check_line(
		                        p, len - last, &cp, &linelen, &field)))
			goto bad;
	}
	free(tmp);
	*out = u;
	return STATUS_OK;
bad:
	free(tmp);
	cache_free(u->c);
	free(u->ix_cp);
	free(u->ix_off);
	free(u);
	return STATUS_BAD_INPUT;
}

/*
 * Read all of fd into a new buffer, UNIHAN_CHUNK bytes at a time. On
 * success *bufp is owned by the caller (never NULL, even when *lenp is 0).
 */
static enum status
read_all(int fd, char **bufp, size_t *lenp)
{
	char *buf, *grown;
	size_t cap, len;
	ssize_t got;

	cap = UNIHAN_CHUNK;
	len = 0;
	buf = malloc(cap);
	if (buf == NULL)
		return STATUS_NOMEM;
	for (;;) {
		if (len == cap) {
			if (cap > SIZE_MAX / 2) {
				free(buf);
				return STATUS_NOMEM;
			}
			grown = realloc(buf, cap * 2);
			if (grown == NULL) {
				free(buf);
				return STATUS_NOMEM;
			}
			buf = grown;
			cap *= 2;
		}
		got = read(fd, buf + len, cap - len);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			free(buf);
			return STATUS_IO;
		}
		if (got == 0)
			break;
		len += (size_t)got;
	}
	*bufp = buf;
	*lenp = len;
	return STATUS_OK;
}

/*
 * A compiled table from the file fd (buf NULL) or from buf[0..len). On
 * success *out owns fd or buf; on failure they are still the caller's.
 */
static enum status
bin_table(int fd, char *buf, size_t len, struct unihan **out)
{
	struct unihan *u = calloc(1, sizeof(*u));
	enum status st;

	if (u == NULL)
		return STATUS_NOMEM;
	u->fd = -1;
	st = buf != NULL ? unihan_bin_from_buffer(buf, len, &u->bin)
	                 : unihan_bin_open(fd, len, &u->bin);
	if (st != STATUS_OK) {
		free(u);
		return st;
	}
	*out = u;
	return STATUS_OK;
}

/* Take buf[0..len) as a table of either kind; on failure buf is still
 * the caller's. */
static enum status
from_bytes(char *buf, size_t len, struct unihan **out)
{
	if (!unihan_bin_is(buf, len))
		return table_build(buf, len, -1, out);
	return bin_table(-1, buf, len, out);
}

/* Is the regular file fd (size bytes) a compiled table? */
static int
file_is_bin(int fd, size_t size)
{
	char head[8];
	size_t got = 0;
	ssize_t r;

	while (got < sizeof(head) && got < size) {
		r = pread(fd, head + got, sizeof(head) - got, (off_t)got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return unihan_bin_is(head, got);
}

enum status
unihan_load(const char *path, struct unihan **out)
{
	enum status st;
	struct stat sb;
	char *buf;
	size_t len;
	int fd, saved;

	do
		fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	while (fd == -1 && errno == EINTR);
	if (fd == -1)
		return STATUS_IO;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	        (uintmax_t)sb.st_size < SIZE_MAX / 4) {
		/* A regular file: read the parts that lookups need. */
		len = (size_t)sb.st_size;
		if (file_is_bin(fd, len))
			st = bin_table(fd, NULL, len, out);
		else
			st = table_build(NULL, len, fd, out);
		if (st != STATUS_OK) {
			saved = errno;
			close(fd);
			errno = saved;
		}
		return st;
	}
	st = read_all(fd, &buf, &len);
	saved = errno;
	close(fd);
	errno = saved;
	if (st != STATUS_OK)
		return st;
	st = from_bytes(buf, len, out);
	if (st != STATUS_OK)
		free(buf);
	return st;
}

enum status
unihan_from_buffer(const char *buf, size_t len, struct unihan **out)
{
	enum status st;
	char *copy;

	copy = malloc(len ? len : 1);
	if (copy == NULL)
		return STATUS_NOMEM;
	if (len)
		memcpy(copy, buf, len);
	st = from_bytes(copy, len, out);
	if (st != STATUS_OK)
		free(copy);
	return st;
}

void
unihan_free(struct unihan *u)
{
	if (u == NULL)
		return;
	unihan_bin_free(u->bin);
	if (u->fd != -1)
		close(u->fd);
	cache_free(u->c);
	free(u->ix_cp);
	free(u->ix_off);
	free(u->buf);
	free(u);
}

void
unihan_read_all(const struct unihan *u)
{
	char *w;

	if (u != NULL && u->bin != NULL) {
		unihan_bin_read_all(u->bin);
		return;
	}
	if (u == NULL || whole(u) != NULL)
		return;
	w = malloc(u->len ? u->len : 1);
	if (w == NULL)
		return; /* lookups go on reading pages (one thread only) */
	copy_out(u, 0, u->len, w);
	u->c->whole = w;
}

size_t
unihan_count(const struct unihan *u)
{
	size_t off, n = 0;

	if (u == NULL)
		return 0;
	if (u->bin != NULL)
		return unihan_bin_count(u->bin);
	for (off = u->data; off < u->len; off = line_end(u, off) + 1)
		if (byte_at(u, off) != '#')
			n++;
	return n;
}

/*
 * The code point that a line starting at b[0] (n bytes of it at hand)
 * starts with: 4 to 6 upper-case hex digits and a tab. 0 when it does not
 * start so.
 */
static int
key_of(const char *b, size_t n, uint32_t *cp)
{
	uint32_t v = 0;
	size_t i;
	int d;

	for (i = 0; i < n && i <= 6; i++) {
		if (b[i] == '\t') {
			*cp = v;
			return i >= 4;
		}
		d = hex_value((unsigned char)b[i]);
		if (d < 0)
			return 0;
		v = v * 16 + (uint32_t)d;
	}
	return 0;
}

/* key_of() the line at `off` of the table. */
static int
line_key(const struct unihan *u, size_t off, uint32_t *cp)
{
	char b[7];
	size_t n = u->len - off < sizeof(b) ? u->len - off : sizeof(b);

	copy_out(u, off, n, b);
	return key_of(b, n, cp);
}

/* Is the line at `off` (a line start) the one of code point cp? */
static int
line_is(const struct unihan *u, size_t off, uint32_t cp)
{
	uint32_t key;

	return off < u->len &&
	        (off == u->data || byte_at(u, off - 1) == '\n') &&
	        line_key(u, off, &key) && key == cp;
}

/* The last entry of the page index at or below cp in *a; 0: none. */
static int
index_entry(const struct unihan *u, uint32_t cp, size_t *a)
{
	size_t lo = 0, hi = u->nix, m;

	if (u->nix == 0 || cp < u->ix_cp[0])
		return 0;
	while (hi - lo > 1) {
		m = lo + (hi - lo) / 2;
		if (u->ix_cp[m] <= cp)
			lo = m;
		else
			hi = m;
	}
	*a = lo;
	return 1;
}

/*
 * Narrow [*lo, *hi) to the lines between two entries of the page index
 * that bracket cp, when both check out (their lines are where the index
 * says: a table edited by hand keeps working, searched whole).
 */
static void
index_range(const struct unihan *u, uint32_t cp, size_t *lo, size_t *hi)
{
	size_t a;

	if (!index_entry(u, cp, &a))
		return;
	if (u->ix_off[a] > u->len - u->data ||
	        !line_is(u, u->data + u->ix_off[a], u->ix_cp[a]))
		return;
	if (a + 1 < u->nix) {
		if (u->ix_off[a + 1] > u->len - u->data ||
		        !line_is(
		                u, u->data + u->ix_off[a + 1], u->ix_cp[a + 1]))
			return;
		*hi = u->data + u->ix_off[a + 1];
	}
	*lo = u->data + u->ix_off[a];
}

#define NO_LINE ((size_t)-1)

/*
 * The offset in b[0..n) (whole lines) of the line of cp, or NO_LINE. A
 * binary search over byte offsets: each probe backs up to the start of
 * its line and skips comment lines; O(log n) probes, each as long as a
 * line.
 */
static size_t
span_find(const char *b, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n, mid, s, t;
	const char *nl;
	uint32_t key;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		nl = memrchr(b + lo, '\n', mid - lo);
		s = nl != NULL ? (size_t)(nl - b) + 1 : lo;
		for (t = s; t < hi && b[t] == '#';) {
			nl = memchr(b + t, '\n', hi - t);
			t = nl != NULL ? (size_t)(nl - b) + 1 : hi;
		}
		if (t >= hi) {
			hi = s; /* only comments from s on */
			continue;
		}
		if (!key_of(b + t, hi - t, &key)) {
			hi = s; /* a bad line: look below it */
			continue;
		}
		if (key < cp) {
			nl = memchr(b + t, '\n', hi - t);
			lo = nl != NULL ? (size_t)(nl - b) + 1 : hi;
		} else if (key > cp) {
			hi = t;
		} else {
			return t;
		}
	}
	return NO_LINE;
}

/*
 * Table bytes [off, off + n) straight from the file into dst; 0 when the
 * read falls short (an I/O error, or a file cut since it was opened),
 * which is noted as page() notes it: no line that runs past it is taken,
 * even from a page read before.
 */
static int
read_exact(const struct unihan *u, size_t off, size_t n, char *dst)
{
	struct ucache *c = u->c;
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = pread(u->fd, dst + got, n - got, (off_t)(off + got));
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (c->cut == 0 || off + got < c->cut - 1)
				c->cut = off + got + 1;
			return 0;
		}
		got += (size_t)r;
	}
	return 1;
}

#define FIND_PAGED (-1) /* find_direct() cannot tell: go through the pages */

/*
 * A file's lookup as the page index narrows it, in one read: the lines
 * between the two entries that bracket cp, with the byte before them and
 * the key of the line after, read into buf (UNIHAN_SPAN bytes) and checked
 * as index_range() checks them. Returns 1 with the line of cp at *line
 * (in buf, LF included: *len bytes without it), 0 when the table has no
 * line for cp, FIND_PAGED when this cannot be had in one read (no index,
 * an index that does not check out, a range too long, a read that fell
 * short): the pages then answer, as they answer everything else. One
 * pread() and nothing copied through the pages: a first screen's lookups
 * are mostly misses spread over the whole table.
 */
static int
find_direct(const struct unihan *u, uint32_t cp, char *buf, const char **line,
        size_t *len)
{
	size_t a, lo, hi, start, end, t;
	const char *nl;
	uint32_t key;

	if (u->c->cut != 0 || !index_entry(u, cp, &a) ||
	        u->ix_off[a] > u->len - u->data)
		return FIND_PAGED;
	lo = u->data + u->ix_off[a];
	hi = u->len;
	if (a + 1 < u->nix) {
		if (u->ix_off[a + 1] > u->len - u->data)
			return FIND_PAGED;
		hi = u->data + u->ix_off[a + 1];
	}
	start = lo > u->data ? lo - 1 : lo;
	end = u->len - hi < 7 ? u->len : hi + 7;
	if (lo >= hi || end - start > UNIHAN_SPAN ||
	        !read_exact(u, start, end - start, buf))
		return FIND_PAGED;
	if ((start < lo && buf[0] != '\n') ||
	        !key_of(buf + (lo - start), end - lo, &key) ||
	        key != u->ix_cp[a] || buf[hi - 1 - start] != '\n')
		return FIND_PAGED;
	if (a + 1 < u->nix &&
	        (!key_of(buf + (hi - start), end - hi, &key) ||
	                key != u->ix_cp[a + 1]))
		return FIND_PAGED;
	t = span_find(buf + (lo - start), hi - lo, cp);
	if (t == NO_LINE)
		return 0;
	*line = buf + (lo - start) + t;
	nl = memchr(*line, '\n', hi - (lo + t));
	*len = (size_t)(nl - *line);
	return 1;
}

/*
 * Find and check the line of `cp` and split it into its fields; 0 when the
 * table has no well-formed line for cp. The page index narrows the search
 * to a few KiB, searched in one piece (copied from the pages of a file);
 * a longer range (no index) is first halved through the pages.
 */
static int
table_find(const struct unihan *u, uint32_t cp, struct unihan_line *line)
{
	char span[UNIHAN_SPAN], *dst;
	const char *p, *tab, *end;
	const struct hit *h;
	size_t lo, hi, mid, s, t = 0, linelen, field;
	uint32_t key;

	if (u == NULL)
		return 0;
	if (whole(u) == NULL && (h = hit_get(u->c, cp)) != NULL) {
		if (h->line == NULL)
			return 0;
		p = h->line;
		linelen = h->len;
		(void)check_line(p, linelen + 1, &key, &linelen, &field);
		goto fields;
	}
	if (whole(u) == NULL) {
		switch (find_direct(u, cp, span, &p, &linelen)) {
		case 0:
			hit_put(u->c, cp, NULL, 0);
			return 0;
		case 1:
			dst = arena_take(u->c, linelen + 1);
			if (dst != NULL) {
				memcpy(dst, p, linelen + 1);
				if (!check_line(dst, linelen + 1, &key,
				            &linelen, &field))
					dst = NULL;
			}
			hit_put(u->c, cp, dst, dst != NULL ? linelen : 0);
			if (dst == NULL)
				return 0;
			p = dst;
			goto fields;
		default:
			break;
		}
	}
	lo = u->data;
	hi = u->len;
	index_range(u, cp, &lo, &hi);
	/* Halve a range too long to copy (a table without a page index)
	 * byte by byte through the pages; search the rest in one piece. */
	while (lo < hi && hi - lo > UNIHAN_SPAN && whole(u) == NULL) {
		mid = lo + (hi - lo) / 2;
		for (s = mid; s > lo && byte_at(u, s - 1) != '\n';)
			s--;
		for (t = s; t < hi && byte_at(u, t) == '#';)
			t = line_end(u, t) + 1;
		if (t >= hi) {
			hi = s; /* only comments from s on */
			continue;
		}
		if (!line_key(u, t, &key)) {
			/* A bad line (or a page the file no longer has, read
			 * as empty lines): look below it. */
			hi = s;
			continue;
		}
		if (key < cp)
			lo = line_end(u, t) + 1;
		else if (key > cp)
			hi = t;
		else
			break;
	}
	if (lo < hi && (whole(u) != NULL || hi - lo <= UNIHAN_SPAN)) {
		if (whole(u) != NULL) {
			t = span_find(whole(u) + lo, hi - lo, cp);
		} else {
			copy_out(u, lo, hi - lo, span);
			t = span_find(span, hi - lo, cp);
		}
		if (t == NO_LINE)
			hi = lo;
		else
			t += lo;
	}
	/* A line that a short read cut (the file shrank) is not the line. */
	if (lo < hi && whole(u) == NULL && u->c->cut != 0 &&
	        line_end(u, t) >= u->c->cut - 1)
		hi = lo;
	p = lo < hi ? line_bytes(u, t, line_end(u, t)) : NULL;
	if (p != NULL &&
	        !check_line(p, line_end(u, t) - t + 1, &key, &linelen, &field))
		p = NULL;
	if (whole(u) == NULL)
		hit_put(u->c, cp, p, p != NULL ? linelen : 0);
	if (p == NULL)
		return 0;

fields:
	/* The line is well formed: three tabs, then LF. */
	end = p + linelen;
	p += field;
	tab = memchr(p, '\t', (size_t)(end - p));
	line->mandarin = p;
	line->mandarin_len = (size_t)(tab - p);
	p = tab + 1;
	tab = memchr(p, '\t', (size_t)(end - p));
	line->other = p;
	line->other_len = (size_t)(tab - p);
	p = tab + 1;
	line->def = p;
	line->def_len = (size_t)(end - p);
	return 1;
}

/*
 * The next space-separated token of s[*pos..len), or NULL at the end;
 * its length goes to *tok_len and *pos moves past it.
 */
static const char *
next_token(const char *s, size_t len, size_t *pos, size_t *tok_len)
{
	size_t i, start;

	i = *pos;
	while (i < len && s[i] == ' ')
		i++;
	if (i == len) {
		*pos = i;
		return NULL;
	}
	start = i;
	while (i < len && s[i] != ' ')
		i++;
	*pos = i;
	*tok_len = i - start;
	return s + start;
}

/*
 * Parse `tok` and append it to out[0..*n) unless it is not a syllable, the
 * same syllable and tone are already there, or out is full.
 */
/*
 * The table's readings are lower-case pinyin with precomposed tone marks:
 * read the common case directly (a table lookup per letter) and leave the
 * rest (ê, m̄, combining marks) to pinyin_parse_syllable(). Returns 1 and
 * fills *out only when the token is such a syllable; the result is
 * exactly what pinyin_parse_syllable() gives (tests/test-unihan checks it
 * over the whole table).
 */
static int
quick_syllable(const char *tok, size_t len, struct syl *out)
{
	/* Tone-marked vowels of Latin-1 and Latin Extended-A/B. */
	static const struct {
		uint32_t cp;
		char base;
		unsigned char tone;
	} marks[] = {
	        {0xe0, 'a', 4},
	        {0xe1, 'a', 2},
	        {0xe8, 'e', 4},
	        {0xe9, 'e', 2},
	        {0xec, 'i', 4},
	        {0xed, 'i', 2},
	        {0xf2, 'o', 4},
	        {0xf3, 'o', 2},
	        {0xf9, 'u', 4},
	        {0xfa, 'u', 2},
	        {0xfc, 'v', 0},
	        {0x101, 'a', 1},
	        {0x113, 'e', 1},
	        {0x11b, 'e', 3},
	        {0x12b, 'i', 1},
	        {0x14d, 'o', 1},
	        {0x16b, 'u', 1},
	        {0x1ce, 'a', 3},
	        {0x1d0, 'i', 3},
	        {0x1d2, 'o', 3},
	        {0x1d4, 'u', 3},
	        {0x1d6, 'v', 1},
	        {0x1d8, 'v', 2},
	        {0x1da, 'v', 3},
	        {0x1dc, 'v', 4},
	};
	struct syl syl;
	size_t i = 0, o = 0, k;
	uint32_t cp;
	int n;

	memset(&syl, 0, sizeof(syl));
	while (i < len) {
		if (o + 1 >= sizeof(syl.s))
			return 0;
		if (tok[i] >= 'a' && tok[i] <= 'z') {
			syl.s[o++] = tok[i++];
			continue;
		}
		n = utf8_next(tok + i, len - i, &cp);
		if (n < 0)
			return 0;
		for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
			if (marks[k].cp == cp)
				break;
		if (k == sizeof(marks) / sizeof(marks[0]) ||
		        (marks[k].tone != 0 && syl.tone != 0))
			return 0;
		syl.s[o++] = marks[k].base;
		if (marks[k].tone != 0)
			syl.tone = marks[k].tone;
		i += (size_t)n;
	}
	if (o == 0 || !pinyin_is_syllable(syl.s, o))
		return 0;
	*out = syl;
	return 1;
}

static void
add_reading(const char *tok, size_t len, struct syl *out, size_t *n, size_t max)
{
	struct syl syl;
	size_t i;

	if (*n == max ||
	        (!quick_syllable(tok, len, &syl) &&
	                !pinyin_parse_syllable(tok, len, &syl)))
		return;
	for (i = 0; i < *n; i++)
		if (out[i].tone == syl.tone && strcmp(out[i].s, syl.s) == 0)
			return;
	out[(*n)++] = syl;
}

/* Append every token of the reading list s[0..len) with add_reading(). */
static void
add_readings(const char *s, size_t len, size_t skip_index, struct syl *out,
        size_t *n, size_t max)
{
	const char *tok;
	size_t pos, tok_len, i;

	pos = 0;
	for (i = 0; (tok = next_token(s, len, &pos, &tok_len)) != NULL; i++)
		if (i != skip_index)
			add_reading(tok, tok_len, out, n, max);
}

size_t
unihan_readings(const struct unihan *u, uint32_t cp, int prefer_hant,
        struct syl *out, size_t max)
{
	struct unihan_line line;
	const char *first, *second;
	size_t n, pos, first_len, second_len;

	if (u != NULL && u->bin != NULL)
		return unihan_bin_readings(u->bin, cp, prefer_hant, out, max);
	if (max == 0 || !table_find(u, cp, &line))
		return 0;
	n = 0;
	pos = 0;
	first = next_token(line.mandarin, line.mandarin_len, &pos, &first_len);
	second = NULL;
	if (first != NULL)
		second = next_token(
		        line.mandarin, line.mandarin_len, &pos, &second_len);
	if (prefer_hant && second != NULL) {
		/* zh-Hant customary reading, then the zh-Hans one, then any
		 * further values (Unihan 15.0 has at most two). */
		add_reading(second, second_len, out, &n, max);
		add_readings(line.mandarin, line.mandarin_len, 1, out, &n, max);
	} else {
		add_readings(line.mandarin, line.mandarin_len, SIZE_MAX, out,
		        &n, max);
	}
	add_readings(line.other, line.other_len, SIZE_MAX, out, &n, max);
	return n;
}

const char *
unihan_definition(const struct unihan *u, uint32_t cp, size_t *len)
{
	struct unihan_line line;

	if (u != NULL && u->bin != NULL)
		return unihan_bin_definition(u->bin, cp, len);
	if (!table_find(u, cp, &line) || line.def_len == 0) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	if (len != NULL)
		*len = line.def_len;
	return line.def;
}

static int
cmp_cp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

enum status
unihan_keys(const struct unihan *u, uint32_t **out, size_t *n)
{
	size_t off, end, k = 0, i;
	uint32_t *keys, cp;
	const char *w;

	if (u == NULL || u->bin != NULL)
		return STATUS_BAD_INPUT;
	unihan_read_all(u);
	w = whole(u);
	if (w == NULL)
		return STATUS_NOMEM;
	keys = malloc((unihan_count(u) + 1) * sizeof(*keys));
	if (keys == NULL)
		return STATUS_NOMEM;
	for (off = u->data; off < u->len; off = end + 1) {
		end = (size_t)((const char *)memchr(
		                       w + off, '\n', u->len - off) -
		        w);
		if (w[off] != '#' && key_of(w + off, end - off, &cp))
			keys[k++] = cp;
	}
	qsort(keys, k, sizeof(*keys), cmp_cp);
	for (i = 0, *n = 0; i < k; i++)
		if (i == 0 || keys[i] != keys[i - 1])
			keys[(*n)++] = keys[i];
	*out = keys;
	return STATUS_OK;
}
