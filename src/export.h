/*
 * export.h: the document's runs written out in another notation
 * (rubi --export=html|text|inline), for any input notation.
 *
 * Works block by block through the doc.h API, so memory does not grow
 * with the document. Output goes through the caller's writer (dump.h).
 * Everything written comes from decoded glyphs and parsed readings, so
 * it is as safe as what the reader shows (placeholders included).
 */
#ifndef RUBI_EXPORT_H
#define RUBI_EXPORT_H

#include "doc.h"
#include "dump.h"
#include "status.h"

enum export_format {
	EXPORT_HTML,   /* a standalone HTML5 page, <ruby> with <rp>, <h2> */
	EXPORT_TEXT,   /* the base text only, one line per block */
	EXPORT_INLINE, /* base(reading), one line per block */
};

/*
 * Write every block of `doc` in `fmt`. `title` (UTF-8, may be NULL) is the
 * HTML page's <title>; it is sanitised and escaped here. In HTML, every
 * non-empty block is a <p>, and a section heading (outline.h) an <h2>: a
 * run-in heading's first sentence becomes the <h2> and the rest of its
 * block a <p>. Text and inline keep one line per block, empty ones too.
 * STATUS_IO (from the source, or the writer failed), STATUS_NOMEM.
 */
enum status export_doc(struct doc *doc, enum export_format fmt,
        const char *title, dump_write_fn write, void *ctx);

#endif
