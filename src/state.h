/*
 * state.h: the saved reading state (position, file identity, marks) of every
 * file rubi has shown, kept in one small text file, by default
 * $XDG_STATE_HOME/rubi/state.
 *
 * File format (version 1): the first line is exactly "rubi-state 1"; then
 * one record per line, most recent first:
 *
 *   KEY<TAB>OFF<TAB>SIZE<TAB>MTIME<TAB>MARKS<LF>
 *
 * KEY is the document's absolute path with `\` `\t` `\n` escaped as
 * `\\` `\t` `\n` and every other byte below 0x20 or equal to 0x7f as `\xNN`,
 * so a file name can never start a second record or carry a control byte.
 * OFF, SIZE and MTIME are decimal (SIZE and MTIME may be negative). MARKS is
 * `-` when no mark is set, else 26 comma-separated items, each a decimal
 * offset or `-`, for marks a..z.
 *
 * The characters the user knows (known.h) are one more line, written right
 * after the first line when there is any:
 *
 *   <TAB>known<TAB>CHARACTERS<LF>
 *
 * CHARACTERS are Han characters in UTF-8, in code point order, nothing
 * between them. No record can start with a TAB (a key is never empty), and
 * rubi versions before the known list skip the line as malformed, so the
 * format is still version 1 and old files load as they did. A known line
 * holding anything but Han characters is malformed (skipped, counted); the
 * first known line wins.
 *
 * Loading is forgiving and never stops rubi: a missing file is an empty
 * state; a file with the wrong first line, or bigger than STATE_MAX_BYTES,
 * is corrupt: it is moved aside to PATH.corrupt and the state starts empty;
 * a malformed line (bad escape, a number out of range, a record cut short by
 * a crash, ...) is skipped and counted, the other records are kept; when a
 * key appears twice the first line wins. A state file that is a symlink,
 * not a regular file, or owned by another user is never opened through,
 * renamed or replaced: it is ignored on load and state_save() refuses it.
 *
 * Saving is a locked read-merge-write: see state_save().
 *
 * This module only stores numbers. Checking them against the document
 * (offset past the end, file changed since: start at the top) is the
 * caller's job.
 */
#ifndef RUBI_STATE_H
#define RUBI_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "known.h"
#include "status.h"

/* At most this many records are kept; the least recently used go first. */
#ifndef STATE_MAX_RECORDS
#define STATE_MAX_RECORDS 500
#endif

/*
 * A state file bigger than this is corrupt. Saving drops the oldest records
 * rather than write a bigger file, so rubi never writes what it would refuse.
 */
#ifndef STATE_MAX_BYTES
#define STATE_MAX_BYTES (4 * 1024 * 1024)
#endif

/* The longest key, in bytes (PATH_MAX on Linux). */
#define STATE_KEY_MAX 4096

/* Marks a..z. */
#define STATE_MARKS 26

/* The value of an offset that is not set. */
#define STATE_UNSET ((size_t)-1)

/* One file's saved state. */
struct state_rec {
	size_t off;                /* byte offset at the top of the screen */
	long long size;            /* document size in bytes when saved */
	long long mtime;           /* document mtime, seconds since the epoch */
	size_t marks[STATE_MARKS]; /* byte offsets, STATE_UNSET if not set */
	uint64_t head;             /* state_head_hash() of the document; 0:
	                              not known (saved by an older rubi) */
};

/* The bytes of a document that state_head_hash() reads. */
#define STATE_HEAD_BYTES (64 * 1024)

/*
 * A hash (never 0) of the first STATE_HEAD_BYTES of the file at `path`,
 * so that a file rewritten with the same size and mtime is not taken for
 * the one a position was saved for. STATUS_IO when it cannot be read.
 */
enum status state_head_hash(const char *path, uint64_t *out);

/* An in-memory table of records, keyed by the document's path. */
struct state;

/* A new empty state in *out. STATUS_NOMEM. */
enum status state_new(struct state **out);

/*
 * Read the state file at `path` into a new state in *out (free it with
 * state_free()). Never fails because of the file: a missing, unreadable,
 * refused (see above) or corrupt file gives an empty state and STATUS_OK;
 * a corrupt file is also renamed to PATH.corrupt and state_was_corrupt()
 * is then true. Only STATUS_NOMEM is returned as an error. Creates
 * nothing: it reads under a shared lock on PATH.lock when that exists.
 */
enum status state_load(const char *path, struct state **out);

/*
 * Parse `len` bytes at `buf` (not kept) in the file format above into a new
 * state in *out. *corrupt (may be NULL) is set to 1 when the buffer was
 * refused as a whole (the state is then empty), else 0. STATUS_NOMEM.
 */
enum status state_from_buffer(
        const char *buf, size_t len, struct state **out, int *corrupt);

/* Free a state; NULL is a no-op. */
void state_free(struct state *st);

/* How many records `st` holds. */
size_t state_count(const struct state *st);

/* Whether the file read by state_load() was refused and moved aside. */
int state_was_corrupt(const struct state *st);

/* How many malformed lines were skipped while loading. */
size_t state_skipped(const struct state *st);

/*
 * The record for `key` (NUL-terminated), or NULL. The pointer is borrowed
 * from `st` and valid until the next state_put() or state_free() on it.
 */
const struct state_rec *state_get(const struct state *st, const char *key);

/*
 * Store a copy of `rec` under `key` (copied) as the most recent record,
 * replacing any record with the same key; when more than STATE_MAX_RECORDS
 * would be held, the least recent is dropped. STATUS_RANGE when the key is
 * empty or longer than STATE_KEY_MAX bytes, STATUS_NOMEM (st unchanged).
 */
enum status state_put(
        struct state *st, const char *key, const struct state_rec *rec);

/*
 * The known characters loaded (or set since), or NULL when there are
 * none. Borrowed: valid until the next state_known_set() or state_free().
 */
const struct known *state_known(const struct state *st);

/*
 * Mark cp known (on) or not (off) in st, and remember the change, which
 * state_save() applies to the file's list: two rubi processes marking
 * different characters lose neither. STATUS_RANGE when cp is not Han,
 * STATUS_NOMEM.
 */
enum status state_known_set(struct state *st, uint32_t cp, int on);

/*
 * Save mine's record for `key` into the file at `path`, keeping every other
 * record in that file: create the missing directories of `path` (0700),
 * take an exclusive flock on PATH.lock (created 0600, never through a
 * symlink), re-read the file as state_load() does, replace (or, when `mine`
 * holds no record for `key`, remove) the record for `key`, write everything
 * to a new mkstemp file next to `path` (0600), fsync it, close it, rename it
 * over `path` and fsync the directory. Two processes saving at once are
 * serialised by the lock, so neither loses the other's record. The
 * known-character changes made in `mine` (state_known_set) are applied
 * to the file's list the same way. `key` may be NULL: then only those
 * changes are saved.
 *
 * STATUS_IO with errno set when anything fails (ENOSPC, EIO, EROFS,
 * ENOTDIR, ...): the temporary file is removed and the old file is intact
 * (except when only the final fsync of the directory fails: the new file is
 * then in place but may not survive a crash, and STATUS_IO says so).
 * When `path` is a symlink (ELOOP), a directory (EISDIR), another kind of
 * non-regular file (EINVAL), a file owned by another user (EPERM), a file
 * that exists but cannot be read, or a directory that holds it (or would
 * hold a missing one) owned by another user (EPERM: root with a user's
 * HOME), nothing is written: rubi replaces only a state file it can read
 * and owns, in a directory it owns.
 * STATUS_RANGE for a bad key, STATUS_NOMEM.
 * Blocks while another process holds the lock (for one read-merge-write).
 */
enum status state_save(
        const char *path, const struct state *mine, const char *key);

/*
 * Write `st` in the file format to `buf` (at most `bufsize` bytes, then a
 * NUL when there is room) and return the length of the whole text, as
 * snprintf() does: call it with bufsize 0 to learn the size. Records that
 * would take the text past STATE_MAX_BYTES are left out, oldest first.
 * `buf` may be NULL when bufsize is 0.
 */
size_t state_serialize(const struct state *st, char *buf, size_t bufsize);

/*
 * The default state file path in `buf`: $XDG_STATE_HOME/rubi/state when
 * XDG_STATE_HOME is an absolute path, else $HOME/.local/state/rubi/state
 * when HOME is. STATUS_RANGE when neither is usable or the path does not fit
 * in `bufsize` bytes: the caller then turns state off. Reads the
 * environment, touches no file.
 */
enum status state_default_path(char *buf, size_t bufsize);

#endif
