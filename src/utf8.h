/*
 * utf8.h: decoding of document bytes into safe display glyphs, and THE
 * width function.
 *
 * Every byte of a document reaches the screen only through utf8_decode(),
 * which turns it into glyphs that are safe to draw: printable code points,
 * or visible placeholders for anything else (an invalid byte is "<XX>", a
 * C0 control or DEL "^X", a C1 control, bidi control, separator,
 * unassigned, private-use or non-character code point "<U+XXXX>").
 * Invisible format characters (ZWSP, ZWJ, soft hyphen, variation
 * selectors, emoji modifiers, a BOM after the first byte) are dropped; a
 * combining mark with nothing to combine with is drawn on U+25CC; at most
 * UTF8_MARKS_MAX marks stay on one cluster. Decoding is independent of the
 * locale and never reads outside the given bytes.
 *
 * The one exception: with keep_iaa, the interlinear annotation characters
 * U+FFF9 (anchor), U+FFFA (separator) and U+FFFB (terminator) are kept as
 * zero-width glyphs flagged GLYPH_IAA instead of dropped. They are the
 * notation of NOTATION_IAA (converted HTML): its parser reads them and
 * puts them in no run, so they are never drawn.
 */
#ifndef RUBI_UTF8_H
#define RUBI_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define UTF8_MARKS_MAX 8 /* combining marks kept on one cluster */

enum glyph_flag {
	GLYPH_PLACEHOLDER = 1
	        << 0,        /* part of a placeholder: draw in standout */
	GLYPH_TAB = 1 << 1,  /* a tab (cp is ' '): layout expands it */
	GLYPH_MARK = 1 << 2, /* zero width: part of the cluster before */
	GLYPH_IAA = 1 << 3,  /* U+FFF9..U+FFFB kept for the IAA parser */
};

/* One displayable code point and where it came from. */
struct glyph {
	uint32_t cp;   /* the code point to draw (always printable) */
	uint32_t off;  /* byte offset of its source character in the span */
	uint8_t flags; /* enum glyph_flag */
	uint8_t cols;  /* columns: 0 (marks), 1 or 2 (tabs: 1, see layout) */
	uint8_t slen;  /* source bytes this glyph stands for (0: inserted) */
};

/* Decoding options. */
struct utf8_opts {
	int ambiwidth; /* 1 or 2: columns of East Asian Ambiguous characters */
	int skip_bom;  /* the span starts the document: skip a BOM there */
	int keep_cr;   /* show a final CR as ^M (not a line end) */
	int keep_iaa;  /* keep U+FFF9..U+FFFB as GLYPH_IAA glyphs */
};

/*
 * Decode `len` bytes at `s` (one block: no LF inside; a CR just before the
 * end is dropped, a lone CR becomes "^M"). On success *out owns a new
 * array of *n glyphs (free() it; NULL when *n is 0). Glyph offsets are
 * relative to s. Returns STATUS_NOMEM or STATUS_RANGE (len > 2^31);
 * *out and *n are untouched on failure.
 */
enum status utf8_decode(const char *s, size_t len, const struct utf8_opts *opts,
        struct glyph **out, size_t *n);

/*
 * Columns that code point `cp` takes on the terminal: 0, 1 or 2; -1 for a
 * code point that is not printable (decode turns those into placeholders).
 * East Asian Ambiguous characters take `ambiwidth` (1 or 2) columns. This
 * is the only width function: nothing else may call uc_width or wcwidth.
 */
int utf8_cp_cols(uint32_t cp, int ambiwidth);

/*
 * Columns of the UTF-8 string s[0..len) as drawn (sum over code points;
 * invalid bytes count as 4 columns, the width of their placeholder).
 */
int utf8_str_cols(const char *s, size_t len, int ambiwidth);

/*
 * Encode `cp` as UTF-8 into buf (at least 4 bytes). Returns the number of
 * bytes, or 0 when cp is not a Unicode scalar value.
 */
int utf8_encode(uint32_t cp, char *buf);

/*
 * Decode one code point from s[0..len) (len > 0): returns its length in
 * bytes (1..4) and stores it in *cp, or returns -1 when the first byte does
 * not start a valid sequence (overlong, surrogate, > U+10FFFF, truncated).
 */
int utf8_next(const char *s, size_t len, uint32_t *cp);

/*
 * How many leading bytes of p[0..len) are printable ASCII (0x20..0x7e)?
 * Eight bytes at a time while they all are.
 */
size_t utf8_printable_run(const char *p, size_t len);

/*
 * Is p[0..len) valid UTF-8 with no control character but tab (no C0, DEL
 * or C1)? One pass; printable ASCII costs a compare.
 */
int utf8_is_clean(const char *p, size_t len);

/*
 * Is cp an invisible character that decoding drops (ZWSP, ZWJ, soft
 * hyphen, BOM, variation selectors, emoji modifiers, other format
 * characters)?
 */
int utf8_is_invisible(uint32_t cp);

/* Is cp a Han character (Script=Han, or 々 〇 〆 ヶ 仝)? */
int utf8_is_han(uint32_t cp);

/*
 * Append a sanitised copy of arbitrary bytes s[0..len) to buf (NUL-
 * terminated, at most bufsize bytes): printable text as is, everything
 * else as a placeholder, so that file names and messages are safe to
 * print on a terminal. Truncates at a character boundary. Returns the
 * length written.
 */
size_t utf8_sanitize(const char *s, size_t len, char *buf, size_t bufsize);

/*
 * Copy the UTF-8 text s[0..len) (already safe to display) into buf so
 * that it takes at most `maxcols` columns: whole characters only, and a
 * final "…" when something was cut. buf is NUL-terminated; bufsize must
 * be at least 4. Returns the columns used.
 */
int utf8_fit(const char *s, size_t len, int maxcols, int ambiwidth, char *buf,
        size_t bufsize);

#endif
