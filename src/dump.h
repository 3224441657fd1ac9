/*
 * dump.h: the whole document laid out as text, without a terminal
 * (rubi --dump), and its outline (rubi --outline).
 *
 * Output goes through a caller-supplied writer, so the core never touches
 * a file descriptor; it is only ever called from the calling thread. A
 * regular file of several megabytes is laid out by one thread per core, a
 * chunk at a time (see dump.c); memory does not grow with the document.
 */
#ifndef RUBI_DUMP_H
#define RUBI_DUMP_H

#include <stddef.h>

#include "doc.h"
#include "layout.h"
#include "status.h"

/* Writes len bytes; returns 0 on success, -1 to stop (errno set). */
typedef int (*dump_write_fn)(void *ctx, const char *s, size_t len);

/*
 * Write every block of `doc` laid out for `cols` columns (LAYOUT_NOWRAP:
 * one line per block) in `mode`: each row followed by LF, with nothing
 * after its last character. STATUS_IO (from the source or the writer),
 * STATUS_NOMEM.
 */
enum status dump_doc(struct doc *doc, int cols, enum ruby_mode mode,
        int ambiwidth, dump_write_fn write, void *ctx);

/* dump_doc() with the layout_block_ex() extras `x` (may be NULL). */
enum status dump_doc_ex(struct doc *doc, int cols, enum ruby_mode mode,
        int ambiwidth, const struct layout_extra *x, dump_write_fn write,
        void *ctx);

/*
 * Write the title of every section heading, one per line. Also counts
 * them in *count when count is not NULL. STATUS_IO, STATUS_NOMEM.
 */
enum status dump_outline(
        struct doc *doc, dump_write_fn write, void *ctx, size_t *count);

#endif
