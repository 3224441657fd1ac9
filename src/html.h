/*
 * html.h: HTML in, the interlinear annotation notation out.
 *
 * An HTML document is parsed by a real HTML5 parser (Gumbo, which builds
 * the tree the WHATWG algorithm gives: implied end tags, entities,
 * misnested markup) and turned into UTF-8 text that doc.h reads under
 * NOTATION_IAA: one line per block (paragraph, heading, list item, table
 * row, line of a pre, <br>), a blank line between paragraphs, and every
 * ruby pair written as U+FFF9 base U+FFFA reading U+FFFB. A heading
 * (h1-h6) is one line that starts with U+FFFB (a terminator with no
 * anchor open), which outline.h takes as a section heading.
 *
 * Nothing is fetched: no network, no external resources. script, style,
 * template, head and rp are dropped, img shows its alt text, whitespace
 * is collapsed as a browser does (except in pre). Characters are passed
 * on as they are, except U+FFF9..U+FFFB, which are removed from the text:
 * control characters are shown by the decoder as placeholders, like in
 * any other document.
 */
#ifndef RUBI_HTML_H
#define RUBI_HTML_H

#include <stddef.h>

#include "status.h"

#define HTML_INPUT_MAX ((size_t)256 << 20) /* bytes of HTML accepted */
#define HTML_SNIFF_LEN 1024                /* bytes html_sniff looks at */

/*
 * Is this HTML? Yes when `name` (may be NULL: standard input) ends in
 * .html, .htm or .xhtml (any case), or when the first bytes head[0..len)
 * (at most HTML_SNIFF_LEN are looked at) start, after a BOM and
 * whitespace, with "<!DOCTYPE html" or "<html", or hold "<html" or "<ruby"
 * followed by '>' or a space (any case). Returns 1 or 0.
 */
int html_sniff(const char *name, const char *head, size_t len);

/* What a conversion found. */
struct html_stats {
	size_t ruby;    /* ruby pairs written */
	size_t dropped; /* annotations with no base, or over a nested ruby */
};

/*
 * Convert the HTML html[0..len) (any bytes: invalid UTF-8 becomes U+FFFD)
 * to NOTATION_IAA text. On success *out owns a new buffer of *out_len
 * bytes (free() it; it is also NUL-terminated) and *stats (may be NULL)
 * is filled in. STATUS_RANGE when len > HTML_INPUT_MAX, STATUS_NOMEM.
 * Outputs are untouched on failure. The HTML parser (Gumbo 0.10) aborts
 * when memory runs out and overflows the stack on elements nested about
 * a million deep: a caller that must survive any input runs this in a
 * child process.
 */
enum status html_to_iaa(const char *html, size_t len, char **out,
        size_t *out_len, struct html_stats *stats);

#endif
