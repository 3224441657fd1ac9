/*
 * sindex.h: the section index (the outline shown in the sidebar).
 *
 * Built incrementally, a bounded amount of work per step, so that the
 * reader stays responsive on a document of any size: the front end calls
 * sindex_step() between keystrokes until sindex_complete(). Entries only
 * grow, in document order.
 */
#ifndef RUBI_SINDEX_H
#define RUBI_SINDEX_H

#include <stddef.h>

#include "doc.h"
#include "status.h"

struct section {
	size_t off;  /* first byte of the heading's block */
	char *title; /* UTF-8, safe to display, NUL-terminated */
};

struct sindex;

/* An empty index over `doc` (kept: it must outlive the index). */
enum status sindex_new(struct doc *doc, struct sindex **out);

/* Free an index; NULL is a no-op. */
void sindex_free(struct sindex *ix);

/*
 * Scan on from where the last step stopped, for about `budget` source
 * bytes (at least one block). STATUS_IO, STATUS_NOMEM; the index stays
 * usable either way.
 */
enum status sindex_step(struct sindex *ix, size_t budget);

/* Has the whole document been scanned? */
int sindex_complete(const struct sindex *ix);

/*
 * Did the last step stop because a pipe in live mode (source_set_live)
 * has given all it has so far? Step again once it has more to read.
 */
int sindex_waiting(const struct sindex *ix);

/* Bytes scanned so far. */
size_t sindex_scanned(const struct sindex *ix);

/* Sections found so far, and section i (borrowed until sindex_free). */
size_t sindex_count(const struct sindex *ix);
const struct section *sindex_get(const struct sindex *ix, size_t i);

/*
 * The index of the section holding byte `off` (the last one starting at
 * or before it), or (size_t)-1 when off is before the first section.
 */
size_t sindex_find(const struct sindex *ix, size_t off);

/*
 * The heading of the section holding byte `off`, even where the index has
 * not reached yet: there the blocks before `off` are read backwards, over
 * at most `budget` bytes. On success writes the heading's first byte to
 * *sec_off and its title to title (NUL-terminated, at most size bytes) and
 * returns 1; returns 0 when there is none (or none within the budget).
 */
int sindex_section_at(struct sindex *ix, size_t off, size_t budget,
        size_t *sec_off, char *title, size_t size);

/*
 * The first heading after byte `off` (starting past the block that holds
 * it), even where the index has not reached yet: there the blocks after
 * `off` are read forwards until one is a heading, so the cost is the
 * distance to it, not to the index. Outputs as sindex_section_at; 0 when
 * there is none (or on an I/O error).
 */
int sindex_section_after(struct sindex *ix, size_t off, size_t *sec_off,
        char *title, size_t size);

#endif
