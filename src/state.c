/*
 * state.c: the saved reading state and its file (see state.h).
 *
 * A state is an array of entries ordered most recent first (the order of
 * the file) plus an open-addressing hash table of indexes into it, so that
 * loading is linear in the file's size whatever the keys look like. The
 * table is never more than half full: it has at least 2 * STATE_MAX_RECORDS
 * slots and the array never holds more than STATE_MAX_RECORDS entries.
 * state_put() moves entries and rebuilds the table, O(STATE_MAX_RECORDS).
 *
 * Files: everything that writes happens under an exclusive flock on
 * PATH.lock, and the state file is only ever replaced by rename(2), so a
 * reader sees either the old or the new file, never a mixture.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state.h"
#include "utf8.h"

static const char MAGIC[] = "rubi-state 1\n";
#define MAGIC_LEN (sizeof(MAGIC) - 1)

/* Hash table slots: a power of two, at least twice the records. */
static size_t
slot_count(void)
{
	size_t n = 16;

	while (n < 2 * (size_t)STATE_MAX_RECORDS)
		n *= 2;
	return n;
}

struct entry {
	char *key;      /* NUL-terminated, owned */
	size_t key_len; /* bytes in key, without the NUL */
	size_t hash;    /* hash_key(key, key_len) */
	struct state_rec rec;
};

struct state {
	struct entry *ents;  /* n entries, most recent first */
	size_t n, cap;       /* entries used, allocated */
	size_t *slots;       /* nslots; 0 = empty, else index + 1 */
	size_t nslots;       /* a power of two */
	size_t skipped;      /* malformed lines skipped on load */
	int corrupt;         /* the loaded file was refused as a whole */
	struct known *known; /* the known characters (NULL: none yet) */
	struct known *k_on;  /* changes made by state_known_set(), */
	struct known *k_off; /* applied to the file by a save */
};

/* The line that holds the known characters (see state.h). */
static const char KNOWN_LEAD[] = "\tknown\t";
#define KNOWN_LEAD_LEN (sizeof(KNOWN_LEAD) - 1)

#define FNV_START 14695981039346656037ULL

/* FNV-1a of p[0..len), going on from h (FNV_START to begin). */
static uint64_t
fnv1a(uint64_t h, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static size_t
hash_key(const char *key, size_t len)
{
	uint64_t h = fnv1a(FNV_START, key, len);

	return (size_t)(h ^ (h >> 32));
}

/* The slot holding `key`, or the empty slot where it would go. */
static size_t
find_slot(const struct state *st, const char *key, size_t len, size_t hash)
{
	size_t mask = st->nslots - 1;
	size_t i = hash & mask;

	for (;;) {
		size_t s = st->slots[i];
		const struct entry *e;

		if (s == 0)
			return i;
		e = &st->ents[s - 1];
		if (e->hash == hash && e->key_len == len &&
		        memcmp(e->key, key, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
}

/* The index of `key` in st->ents, or -1 as size_t. */
static size_t
find_entry(const struct state *st, const char *key, size_t len, size_t hash)
{
	size_t s = st->slots[find_slot(st, key, len, hash)];

	return s == 0 ? (size_t)-1 : s - 1;
}

static void
rebuild_slots(struct state *st)
{
	size_t i;

	memset(st->slots, 0, st->nslots * sizeof(*st->slots));
	for (i = 0; i < st->n; i++) {
		const struct entry *e = &st->ents[i];
		size_t s = find_slot(st, e->key, e->key_len, e->hash);

		st->slots[s] = i + 1;
	}
}

/* Room for one more entry. */
static enum status
reserve(struct state *st)
{
	struct entry *ents;
	size_t cap;

	if (st->n < st->cap)
		return STATUS_OK;
	cap = st->cap == 0 ? 16 : st->cap * 2;
	if (cap > (size_t)STATE_MAX_RECORDS + 1)
		cap = (size_t)STATE_MAX_RECORDS + 1;
	ents = realloc(st->ents, cap * sizeof(*ents));
	if (ents == NULL)
		return STATUS_NOMEM;
	st->ents = ents;
	st->cap = cap;
	return STATUS_OK;
}

enum status
state_new(struct state **out)
{
	struct state *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return STATUS_NOMEM;
	st->nslots = slot_count();
	st->slots = calloc(st->nslots, sizeof(*st->slots));
	if (st->slots == NULL) {
		free(st);
		return STATUS_NOMEM;
	}
	*out = st;
	return STATUS_OK;
}

void
state_free(struct state *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->n; i++)
		free(st->ents[i].key);
	free(st->ents);
	free(st->slots);
	known_free(st->known);
	known_free(st->k_on);
	known_free(st->k_off);
	free(st);
}

const struct known *
state_known(const struct state *st)
{
	return st->known;
}

/* *k, created when missing. STATUS_NOMEM. */
static enum status
known_made(struct known **k)
{
	return *k != NULL ? STATUS_OK : known_new(k);
}

enum status
state_known_set(struct state *st, uint32_t cp, int on)
{
	enum status s;

	if (!utf8_is_han(cp))
		return STATUS_RANGE;
	if ((s = known_made(&st->known)) != STATUS_OK ||
	        (s = known_made(&st->k_on)) != STATUS_OK ||
	        (s = known_made(&st->k_off)) != STATUS_OK ||
	        (s = known_set(st->known, cp, on)) != STATUS_OK ||
	        (s = known_set(on ? st->k_on : st->k_off, cp, 1)) != STATUS_OK)
		return s;
	known_set(on ? st->k_off : st->k_on, cp, 0); /* never fails */
	return STATUS_OK;
}

/* Apply mine's known-character changes to disk (read for a save). */
static enum status
apply_known(struct state *disk, const struct state *mine)
{
	enum status s;
	size_t i;

	for (i = 0; i < known_count(mine->k_on); i++)
		if ((s = state_known_set(disk, known_at(mine->k_on, i), 1)) !=
		        STATUS_OK)
			return s;
	for (i = 0; i < known_count(mine->k_off); i++)
		if ((s = state_known_set(disk, known_at(mine->k_off, i), 0)) !=
		        STATUS_OK)
			return s;
	return STATUS_OK;
}

/*
 * The known line's characters s[0..n): Han characters only, else the
 * line is malformed (0). -1 when out of memory.
 */
static int
parse_known(struct state *st, const char *s, size_t n)
{
	struct known *k;
	size_t i = 0;
	uint32_t cp;
	int step;

	if (known_new(&k) != STATUS_OK)
		return -1;
	while (i < n) {
		step = utf8_next(s + i, n - i, &cp);
		if (step < 0 || !utf8_is_han(cp)) {
			known_free(k);
			return 0;
		}
		if (known_set(k, cp, 1) != STATUS_OK) {
			known_free(k);
			return -1;
		}
		i += (size_t)step;
	}
	st->known = k;
	return 1;
}

size_t
state_count(const struct state *st)
{
	return st->n;
}

int
state_was_corrupt(const struct state *st)
{
	return st->corrupt;
}

size_t
state_skipped(const struct state *st)
{
	return st->skipped;
}

/* The length of a valid key, or 0 when it is empty or too long. */
static size_t
key_length(const char *key)
{
	size_t len = strnlen(key, STATE_KEY_MAX + 1);

	return len > STATE_KEY_MAX ? 0 : len;
}

const struct state_rec *
state_get(const struct state *st, const char *key)
{
	size_t len = key_length(key);
	size_t i;

	if (len == 0)
		return NULL;
	i = find_entry(st, key, len, hash_key(key, len));
	return i == (size_t)-1 ? NULL : &st->ents[i].rec;
}

enum status
state_put(struct state *st, const char *key, const struct state_rec *rec)
{
	size_t len = key_length(key);
	size_t hash, i;
	struct entry e;

	if (len == 0)
		return STATUS_RANGE;
	hash = hash_key(key, len);
	i = find_entry(st, key, len, hash);
	if (i != (size_t)-1) {
		e = st->ents[i];
		e.rec = *rec;
		memmove(&st->ents[1], &st->ents[0], i * sizeof(e));
		st->ents[0] = e;
		rebuild_slots(st);
		return STATUS_OK;
	}
	if (reserve(st) != STATUS_OK)
		return STATUS_NOMEM;
	e.key = malloc(len + 1);
	if (e.key == NULL)
		return STATUS_NOMEM;
	memcpy(e.key, key, len + 1);
	e.key_len = len;
	e.hash = hash;
	e.rec = *rec;
	memmove(&st->ents[1], &st->ents[0], st->n * sizeof(e));
	st->ents[0] = e;
	st->n++;
	if (st->n > STATE_MAX_RECORDS) {
		st->n--;
		free(st->ents[st->n].key);
	}
	rebuild_slots(st);
	return STATUS_OK;
}

/* Drop the record for `key`, if any. */
static void
state_remove(struct state *st, const char *key)
{
	size_t len = key_length(key);
	size_t i;

	if (len == 0)
		return;
	i = find_entry(st, key, len, hash_key(key, len));
	if (i == (size_t)-1)
		return;
	free(st->ents[i].key);
	memmove(&st->ents[i], &st->ents[i + 1],
	        (st->n - i - 1) * sizeof(*st->ents));
	st->n--;
	rebuild_slots(st);
}

/* --- Parsing ----------------------------------------------------------- */

/* A decimal of digits only (no sign, space or locale), at most `max`. */
static int
parse_unsigned(const char *s, size_t n, unsigned long long max,
        unsigned long long *out)
{
	unsigned long long v = 0;
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return 0;
		d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

/* An optional '-' and a decimal that fits in long long. */
static int
parse_signed(const char *s, size_t n, long long *out)
{
	unsigned long long v;

	if (n > 0 && s[0] == '-') {
		unsigned long long max = (unsigned long long)LLONG_MAX + 1;

		if (!parse_unsigned(s + 1, n - 1, max, &v))
			return 0;
		/* -(LLONG_MAX + 1) without overflowing a long long */
		*out = v == 0 ? 0 : -(long long)(v - 1) - 1;
		return 1;
	}
	if (!parse_unsigned(s, n, LLONG_MAX, &v))
		return 0;
	*out = (long long)v;
	return 1;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Unescape the key field s[0..n) into `out` (room for n + 1 bytes). Returns
 * the key's length, or 0 when the field is malformed: a raw control byte,
 * an unknown escape, an escaped NUL, empty, or longer than STATE_KEY_MAX.
 */
static size_t
unescape_key(const char *s, size_t n, char *out)
{
	size_t i, len = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c == '\\') {
			if (++i == n)
				return 0;
			switch (s[i]) {
			case '\\':
				break;
			case 't':
				c = '\t';
				break;
			case 'n':
				c = '\n';
				break;
			case 'x': {
				int hi, lo;

				if (n - i < 3)
					return 0;
				hi = hex_digit(s[i + 1]);
				lo = hex_digit(s[i + 2]);
				if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
					return 0;
				c = (unsigned char)(hi * 16 + lo);
				i += 2;
				break;
			}
			default:
				return 0;
			}
		}
		if (len == STATE_KEY_MAX)
			return 0;
		out[len++] = (char)c;
	}
	out[len] = '\0';
	return len;
}

/* The marks field: "-" or 26 comma-separated items, each "-" or decimal. */
static int
parse_marks(const char *s, size_t n, size_t *marks)
{
	size_t i, k = 0;

	if (n == 1 && s[0] == '-') {
		for (i = 0; i < STATE_MARKS; i++)
			marks[i] = STATE_UNSET;
		return 1;
	}
	for (k = 0; k < STATE_MARKS; k++) {
		const char *comma = memchr(s, ',', n);
		size_t item = comma ? (size_t)(comma - s) : n;
		unsigned long long v;

		if ((comma == NULL) != (k == STATE_MARKS - 1))
			return 0;
		if (item == 1 && s[0] == '-')
			marks[k] = STATE_UNSET;
		else if (parse_unsigned(s, item, SIZE_MAX - 1, &v))
			marks[k] = (size_t)v;
		else
			return 0;
		if (comma == NULL)
			break;
		s += item + 1;
		n -= item + 1;
	}
	return 1;
}

/*
 * Parse one record line (without its LF) into `rec` and the key into `key`
 * (room for len + 1 bytes). Returns the key's length, 0 if malformed.
 */
static size_t
parse_record(const char *line, size_t len, char *key, struct state_rec *rec)
{
	const char *f[6];
	size_t flen[6];
	size_t k = 0, start = 0, i, key_len;
	unsigned long long u;
	int d;

	for (i = 0; i <= len; i++) {
		if (i < len && line[i] != '\t')
			continue;
		if (k == 6)
			return 0;
		f[k] = line + start;
		flen[k] = i - start;
		k++;
		start = i + 1;
	}
	if (k != 5 && k != 6) /* the sixth, the head hash, came later */
		return 0;
	key_len = unescape_key(f[0], flen[0], key);
	if (key_len == 0)
		return 0;
	if (!parse_unsigned(f[1], flen[1], SIZE_MAX, &u))
		return 0;
	rec->off = (size_t)u;
	if (!parse_signed(f[2], flen[2], &rec->size) ||
	        !parse_signed(f[3], flen[3], &rec->mtime) ||
	        !parse_marks(f[4], flen[4], rec->marks))
		return 0;
	rec->head = 0;
	if (k == 6) {
		if (flen[5] != 16)
			return 0;
		for (i = 0; i < 16; i++) {
			if ((d = hex_digit(f[5][i])) < 0)
				return 0;
			rec->head = rec->head << 4 | (uint64_t)d;
		}
		if (rec->head == 0)
			return 0;
	}
	return key_len;
}

/* Add the lines of buf[0..len) after the magic line to the empty `st`. */
static enum status
parse_records(struct state *st, const char *buf, size_t len)
{
	char *key;
	size_t pos = 0;

	/* The longest key comes from the longest line, which is < len. */
	key = malloc(len + 1);
	if (key == NULL)
		return STATUS_NOMEM;
	while (pos < len && st->n < STATE_MAX_RECORDS) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		struct entry e;
		size_t key_len, line_len;

		if (nl == NULL) {
			/* the last record was cut short: never trust it */
			st->skipped++;
			break;
		}
		line_len = (size_t)(nl - (buf + pos));
		if (line_len >= KNOWN_LEAD_LEN &&
		        memcmp(buf + pos, KNOWN_LEAD, KNOWN_LEAD_LEN) == 0) {
			int ok = 0;
			/* The first known line wins, as for records. */
			if (st->known == NULL)
				ok = parse_known(st, buf + pos + KNOWN_LEAD_LEN,
				        line_len - KNOWN_LEAD_LEN);
			if (ok < 0)
				goto nomem;
			st->skipped += ok == 0 && st->known == NULL;
			pos += line_len + 1;
			continue;
		}
		key_len = parse_record(buf + pos, line_len, key, &e.rec);
		pos += line_len + 1;
		if (key_len == 0) {
			st->skipped++;
			continue;
		}
		e.hash = hash_key(key, key_len);
		if (find_entry(st, key, key_len, e.hash) != (size_t)-1)
			continue; /* the first (most recent) one wins */
		if (reserve(st) != STATUS_OK)
			goto nomem;
		e.key = malloc(key_len + 1);
		if (e.key == NULL)
			goto nomem;
		memcpy(e.key, key, key_len + 1);
		e.key_len = key_len;
		st->ents[st->n] = e;
		st->slots[find_slot(st, key, key_len, e.hash)] = st->n + 1;
		st->n++;
	}
	free(key);
	return STATUS_OK;
nomem:
	free(key);
	return STATUS_NOMEM;
}

enum status
state_from_buffer(const char *buf, size_t len, struct state **out, int *corrupt)
{
	struct state *st;
	enum status s;

	s = state_new(&st);
	if (s != STATUS_OK)
		return s;
	if (len > STATE_MAX_BYTES || len < MAGIC_LEN ||
	        memcmp(buf, MAGIC, MAGIC_LEN) != 0) {
		st->corrupt = 1;
	} else {
		s = parse_records(st, buf + MAGIC_LEN, len - MAGIC_LEN);
		if (s != STATUS_OK) {
			state_free(st);
			return s;
		}
	}
	if (corrupt != NULL)
		*corrupt = st->corrupt;
	*out = st;
	return STATUS_OK;
}

/* --- Serialising ------------------------------------------------------- */

/* Bytes go to buf while there is room; len counts them all. */
struct sink {
	char *buf;
	size_t size;
	size_t len;
};

static void
put_bytes(struct sink *s, const char *p, size_t n)
{
	if (s->len < s->size) {
		size_t room = s->size - s->len;

		memcpy(s->buf + s->len, p, n < room ? n : room);
	}
	s->len += n;
}

static void
put_key(struct sink *s, const char *key, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)key[i];
		char esc[4] = {'\\', 0, 0, 0};
		size_t esc_len = 2;

		if (c >= 0x20 && c != 0x7f && c != '\\')
			continue;
		put_bytes(s, key + run, i - run);
		run = i + 1;
		if (c == '\\') {
			esc[1] = '\\';
		} else if (c == '\t') {
			esc[1] = 't';
		} else if (c == '\n') {
			esc[1] = 'n';
		} else {
			esc[1] = 'x';
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 15];
			esc_len = 4;
		}
		put_bytes(s, esc, esc_len);
	}
	put_bytes(s, key + run, len - run);
}

static void
put_record(struct sink *s, const struct entry *e)
{
	char num[80]; /* three 20-digit numbers and tabs, or the hash */
	int any = 0;
	size_t i;

	put_key(s, e->key, e->key_len);
	snprintf(num, sizeof(num), "\t%zu\t%lld\t%lld\t", e->rec.off,
	        e->rec.size, e->rec.mtime);
	put_bytes(s, num, strlen(num));
	for (i = 0; i < STATE_MARKS; i++)
		any |= e->rec.marks[i] != STATE_UNSET;
	if (!any) {
		put_bytes(s, "-", 1);
	} else {
		for (i = 0; i < STATE_MARKS; i++) {
			if (i > 0)
				put_bytes(s, ",", 1);
			if (e->rec.marks[i] == STATE_UNSET) {
				put_bytes(s, "-", 1);
			} else {
				snprintf(num, sizeof(num), "%zu",
				        e->rec.marks[i]);
				put_bytes(s, num, strlen(num));
			}
		}
	}
	if (e->rec.head != 0) {
		snprintf(num, sizeof(num), "\t%016llx",
		        (unsigned long long)e->rec.head);
		put_bytes(s, num, strlen(num));
	}
	put_bytes(s, "\n", 1);
}

enum status
state_head_hash(const char *path, uint64_t *out)
{
	char buf[4096]; /* a small buffer, read 16 times: no new pages */
	uint64_t h = FNV_START;
	size_t got = 0;
	ssize_t r;
	int fd, e;

	fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd == -1)
		return STATUS_IO;
	while (got < STATE_HEAD_BYTES) {
		r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			close(fd);
			errno = e;
			return STATUS_IO;
		}
		if (r == 0)
			break;
		if ((size_t)r > STATE_HEAD_BYTES - got)
			r = (ssize_t)(STATE_HEAD_BYTES - got);
		h = fnv1a(h, buf, (size_t)r);
		got += (size_t)r;
	}
	close(fd);
	*out = h ? h : 1;
	return STATUS_OK;
}

size_t
state_serialize(const struct state *st, char *buf, size_t bufsize)
{
	struct sink s = {buf, bufsize, 0};
	size_t i;

	put_bytes(&s, MAGIC, MAGIC_LEN);
	/* The known characters first: never dropped for the records. */
	if (known_count(st->known) > 0) {
		char enc[4];
		put_bytes(&s, KNOWN_LEAD, KNOWN_LEAD_LEN);
		for (i = 0; i < known_count(st->known); i++)
			put_bytes(&s, enc,
			        (size_t)utf8_encode(
			                known_at(st->known, i), enc));
		put_bytes(&s, "\n", 1);
	}
	for (i = 0; i < st->n; i++) {
		struct sink count = {NULL, 0, 0};

		put_record(&count, &st->ents[i]);
		if (count.len > STATE_MAX_BYTES - s.len)
			break;
		put_record(&s, &st->ents[i]);
	}
	if (s.len < bufsize)
		buf[s.len] = '\0';
	return s.len;
}

/* --- Files ------------------------------------------------------------- */

/* path + suffix in a new string, or NULL. */
static char *
path_with(const char *path, const char *suffix)
{
	size_t a = strlen(path), b = strlen(suffix);
	char *p = malloc(a + b + 1);

	if (p != NULL) {
		memcpy(p, path, a);
		memcpy(p + a, suffix, b + 1);
	}
	return p;
}

/*
 * Open and flock PATH.lock: LOCK_EX creates it (0600), LOCK_SH only opens
 * an existing one. The fd, or -1 with errno.
 */
static int
lock_open(const char *path, int how)
{
	char *lock = path_with(path, ".lock");
	int flags = O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
	struct stat sb;
	int fd, e;

	if (lock == NULL) {
		errno = ENOMEM;
		return -1;
	}
	/* O_NONBLOCK: a FIFO planted there must not hang the open */
	flags |= how == LOCK_EX ? O_RDWR | O_CREAT : O_RDONLY;
	fd = open(lock, flags, 0600);
	free(lock);
	if (fd == -1)
		return -1;
	if (fstat(fd, &sb) == -1)
		goto fail;
	if (!S_ISREG(sb.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	while (flock(fd, how) == -1) {
		if (errno != EINTR)
			goto fail;
	}
	return fd;
fail:
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* Rename path to PATH.corrupt if it is still the file described by `sb`. */
static void
move_aside(const char *path, const struct stat *sb)
{
	struct stat now;
	char *aside;

	if (lstat(path, &now) == -1 || now.st_dev != sb->st_dev ||
	        now.st_ino != sb->st_ino)
		return;
	aside = path_with(path, ".corrupt");
	if (aside == NULL)
		return;
	/* best effort: on failure the next save replaces the file anyway */
	(void)rename(path, aside);
	free(aside);
}

/*
 * Read the whole regular file `fd` (at most STATE_MAX_BYTES + 1 bytes) into
 * a new buffer in *out and its length in *len. -1 with errno on failure.
 */
static int
read_all(int fd, size_t hint, char **out, size_t *len)
{
	size_t cap = hint + 1, n = 0;
	char *buf = malloc(cap);

	if (buf == NULL) {
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		ssize_t r;

		if (n == cap) {
			char *p;

			if (cap > STATE_MAX_BYTES)
				break; /* already too big: stop reading */
			cap = cap * 2 > (size_t)STATE_MAX_BYTES + 1
			        ? (size_t)STATE_MAX_BYTES + 1
			        : cap * 2;
			p = realloc(buf, cap);
			if (p == NULL) {
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			buf = p;
		}
		r = read(fd, buf + n, cap - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			int e = errno;

			free(buf);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*out = buf;
	*len = n;
	return 0;
}

/*
 * state_load() without the lock. *refused is set to 0 when the file may be
 * replaced (it was read, found corrupt, or does not exist), else to the
 * errno that says why it must be left alone.
 */
static enum status
load_unlocked(const char *path, struct state **out, int *refused)
{
	struct stat lsb, fsb;
	struct state *st;
	char *buf = NULL;
	size_t len = 0;
	enum status s;
	int fd, corrupt = 0;

	*refused = 0;
	if (lstat(path, &lsb) == -1) {
		if (errno != ENOENT)
			*refused = errno;
		return state_new(out);
	}
	if (S_ISLNK(lsb.st_mode))
		*refused = ELOOP;
	else if (S_ISDIR(lsb.st_mode))
		*refused = EISDIR;
	else if (!S_ISREG(lsb.st_mode))
		*refused = EINVAL;
	else if (lsb.st_uid != geteuid())
		*refused = EPERM;
	if (*refused != 0)
		return state_new(out);
	if (lsb.st_size > STATE_MAX_BYTES) {
		/* not even read: a 1 GB file costs nothing */
		s = state_new(&st);
		if (s != STATUS_OK)
			return s;
		st->corrupt = 1;
		move_aside(path, &lsb);
		*out = st;
		return STATUS_OK;
	}
	fd = open(path,
	        O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd == -1) {
		*refused = errno;
		return state_new(out);
	}
	if (fstat(fd, &fsb) == -1 || !S_ISREG(fsb.st_mode) ||
	        fsb.st_dev != lsb.st_dev || fsb.st_ino != lsb.st_ino) {
		/* swapped under us by something that ignores the lock */
		*refused = EAGAIN;
		close(fd);
		return state_new(out);
	}
	if (read_all(fd, (size_t)lsb.st_size, &buf, &len) == -1) {
		*refused = errno;
		close(fd);
		if (*refused == ENOMEM)
			return STATUS_NOMEM;
		return state_new(out);
	}
	close(fd);
	s = state_from_buffer(buf, len, &st, &corrupt);
	free(buf);
	if (s != STATUS_OK)
		return s;
	if (corrupt)
		move_aside(path, &fsb);
	*out = st;
	return STATUS_OK;
}

enum status
state_load(const char *path, struct state **out)
{
	enum status s;
	int refused;
	/*
	 * A shared lock on an existing PATH.lock keeps savers out while we
	 * read and perhaps move the file aside; without one, still read
	 * (move_aside() checks that the file is still the one we read).
	 */
	int lock = lock_open(path, LOCK_SH);

	s = load_unlocked(path, out, &refused);
	if (lock != -1)
		close(lock);
	return s;
}

/*
 * mkdir -p the directories above the last '/' of `path`, new ones 0700,
 * then check that the directory holding `path` is ours. Directories are
 * only created inside one of ours: root running with a user's HOME must
 * not leave root-owned files (a lock nobody else can open) in that user's
 * home. -1 with errno (EPERM for the ownership rule).
 */
static int
make_parents(const char *path)
{
	struct stat sb;
	char *p, *slash;
	int e;

	if (path[0] == '\0') {
		errno = ENOENT;
		return -1;
	}
	p = strdup(path);
	if (p == NULL) {
		errno = ENOMEM;
		return -1;
	}
	/* the directory the walk starts from */
	if (stat(path[0] == '/' ? "/" : ".", &sb) == -1)
		goto fail;
	for (slash = strchr(p + 1, '/'); slash != NULL;
	        slash = strchr(slash + 1, '/')) {
		uid_t above = sb.st_uid;

		if (slash[-1] == '/')
			continue;
		*slash = '\0';
		if (stat(p, &sb) == -1) {
			if (errno != ENOENT)
				goto fail;
			if (above != geteuid()) {
				errno = EPERM;
				goto fail;
			}
			if (mkdir(p, 0700) == -1 && errno != EEXIST)
				goto fail;
			if (stat(p, &sb) == -1)
				goto fail;
		}
		if (!S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			goto fail;
		}
		*slash = '/';
	}
	/* sb is now the directory holding path */
	if (sb.st_uid != geteuid()) {
		errno = EPERM;
		goto fail;
	}
	free(p);
	return 0;
fail:
	e = errno;
	free(p);
	errno = e;
	return -1;
}

/* The directory holding `path` in a new string, or NULL with errno. */
static char *
parent_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		errno = ENOMEM;
	return dir;
}

/* fsync the directory holding `path`, so the rename itself is durable. */
static int
sync_parent(const char *path)
{
	char *dir = parent_of(path);
	int fd, r, e;

	if (dir == NULL)
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd == -1)
		return -1;
	r = fsync(fd);
	e = errno;
	close(fd);
	/* some file systems cannot sync a directory: not an error */
	if (r == -1 && (e == EINVAL || e == EROFS))
		r = 0;
	errno = e;
	return r;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Replace `path` with the serialised `st`, atomically. -1 with errno. */
static int
write_atomic(const char *path, const struct state *st)
{
	size_t len = state_serialize(st, NULL, 0);
	char *buf = malloc(len + 1);
	char *tmp = path_with(path, ".XXXXXX");
	int fd = -1, e;

	if (buf == NULL || tmp == NULL) {
		errno = ENOMEM;
		goto fail;
	}
	state_serialize(st, buf, len + 1);
	fd = mkstemp(tmp);
	if (fd == -1) {
		free(tmp);
		tmp = NULL; /* nothing to unlink */
		goto fail;
	}
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 || fchmod(fd, 0600) == -1 ||
	        write_all(fd, buf, len) == -1 || fsync(fd) == -1)
		goto fail;
	e = close(fd);
	fd = -1;
	if (e == -1 || rename(tmp, path) == -1)
		goto fail;
	free(tmp);
	free(buf);
	return sync_parent(path);
fail:
	e = errno;
	if (fd != -1)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	free(buf);
	errno = e;
	return -1;
}

enum status
state_save(const char *path, const struct state *mine, const char *key)
{
	const struct state_rec *rec;
	struct state *disk;
	enum status s;
	int lock, refused, e;

	if (key != NULL && key_length(key) == 0)
		return STATUS_RANGE;
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* A fuzzing build never writes state (RELIABILITY.md case 76). */
	(void)mine;
	(void)path;
	return STATUS_OK;
#endif
	if (make_parents(path) == -1)
		return errno == ENOMEM ? STATUS_NOMEM : STATUS_IO;
	lock = lock_open(path, LOCK_EX);
	if (lock == -1)
		return errno == ENOMEM ? STATUS_NOMEM : STATUS_IO;
	s = load_unlocked(path, &disk, &refused);
	if (s != STATUS_OK) {
		close(lock);
		return s;
	}
	if (refused != 0) {
		state_free(disk);
		close(lock);
		errno = refused;
		return STATUS_IO;
	}
	s = apply_known(disk, mine);
	if (key != NULL && s == STATUS_OK) {
		rec = state_get(mine, key);
		if (rec != NULL)
			s = state_put(disk, key, rec);
		else
			state_remove(disk, key);
	}
	if (s == STATUS_OK && write_atomic(path, disk) == -1)
		s = errno == ENOMEM ? STATUS_NOMEM : STATUS_IO;
	e = errno;
	state_free(disk);
	close(lock); /* releases the lock */
	errno = e;
	return s;
}

enum status
state_default_path(char *buf, size_t bufsize)
{
	const char *dir = getenv("XDG_STATE_HOME");
	const char *rest = "/rubi/state";
	int n;

	/* the XDG spec: a relative path in these variables is invalid */
	if (dir == NULL || dir[0] != '/') {
		dir = getenv("HOME");
		rest = "/.local/state/rubi/state";
		if (dir == NULL || dir[0] != '/')
			return STATUS_RANGE;
	}
	n = snprintf(buf, bufsize, "%s%s", dir, rest);
	if (n < 0 || (size_t)n >= bufsize)
		return STATUS_RANGE;
	return STATUS_OK;
}
