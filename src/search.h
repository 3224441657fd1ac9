/*
 * search.h: finding a query in the base text and in the readings.
 *
 * A query matches the base text of a block, ignoring readings: "生態"
 * finds 生(sheng)態(tai). The query is decoded exactly as document text is
 * (utf8_decode) and compared code point by code point with the block's
 * base glyphs: a query that decodes to a placeholder (an invalid byte, a
 * control such as ESC) or begins with a lone combining mark matches no
 * text, and a match never starts or ends inside a character's combining
 * marks. Smart case: a query with no ASCII capital matches ASCII letters
 * case-insensitively; any capital makes the whole query case-sensitive.
 *
 * A query of pinyin letters also matches the readings of consecutive
 * annotated characters, ignoring tones and case: "shengtai", "sheng tai",
 * "Sheng'tai", "shēngtài" (precomposed or combining marks) and
 * "sheng1tai4" all find 生(sheng)態(tai). ü may be typed ü, v or u:, and
 * a plain u also finds ü ("lu" finds 綠(lǜ)). A reading match starts and
 * ends on syllable boundaries ("engta" does not match), and a space,
 * apostrophe, hyphen or middle dot in the query must fall on one ("xi'an"
 * finds 西安(xi an), not 先(xian); "xian" finds both). A query is a reading
 * query only when it splits into valid syllables and has no capital
 * except at the start of a space-separated word ("EOD" is text only).
 *
 * Matches never span blocks (a query never spans paragraphs) and never
 * wrap around the document. Match ranges are source byte offsets.
 *
 * Speed: search_next() and search_count() scan the raw bytes, a window
 * at a time, for the query's first character (or the spellings of its
 * first reading letter) with memchr, check each hit loosely against the
 * raw bytes around it, and parse and confirm only the blocks that pass.
 * The raw check passes any hit followed by another notation's syntax
 * (Markdown, Anki, Aozora), and in an Aozora document every gaiji note
 * ("※［＃…］", a character that is not in the bytes) is a hit too, as is
 * every parenthesis of a zhuyin document for a reading query (zhuyin
 * runs carry their pinyin, which is what a reading query matches).
 */
#ifndef RUBI_SEARCH_H
#define RUBI_SEARCH_H

#include <stddef.h>

#include "doc.h"
#include "status.h"

/* A match: source bytes [off, end) covering the matched base characters. */
struct match {
	size_t off; /* first byte of the first matched base character */
	size_t end; /* byte after the last one */
};

struct search;

/*
 * Compile the query q[0..len) (UTF-8 typed by the user; never read past
 * len, need not be valid or NUL-terminated). On success *out owns a new
 * immutable search; free it with search_free(). It keeps nothing of q.
 * STATUS_RANGE when the query is empty or holds only spaces and tabs;
 * STATUS_NOMEM. *out is untouched on failure.
 */
enum status search_new(const char *q, size_t len, struct search **out);

/* Free a search; NULL is a no-op. */
void search_free(struct search *s);

/* Does the query also match readings (see above)? */
int search_is_reading(const struct search *s);

/*
 * All matches in the parsed block `blk`, in order and non-overlapping
 * (text and reading matches merged: of two that overlap, the one that
 * starts first is kept, and of two that start together, the longer).
 * Writes the first `max` of them to out[0..max) (out may be NULL when
 * max is 0) and returns how many there are, which may exceed max.
 * Allocates nothing; never fails.
 */
size_t search_block(const struct search *s, const struct block *blk,
        struct match *out, size_t max);

/*
 * The match nearest to byte `from` in direction `dir`: dir > 0, the first
 * match with off > from; dir < 0, the last with off < from (no wrap-around).
 * Scans blocks through the doc.h API; `doc` is used, not kept. cancel(ctx)
 * (cancel may be NULL) is called before every window of at most
 * SOURCE_WINDOW bytes scanned and at least every 256 KiB of blocks parsed;
 * when it returns non-zero the search stops with STATUS_RANGE and
 * *cancelled = 1. Otherwise *cancelled = 0 and: STATUS_OK with *out set;
 * STATUS_RANGE when there is no such match (*out untouched); STATUS_IO;
 * STATUS_NOMEM.
 */
enum status search_next(const struct search *s, struct doc *doc, size_t from,
        int dir, int (*cancel)(void *), void *ctx, struct match *out,
        int *cancelled);

/*
 * Count the matches in the whole document (reading a pipe to its end):
 * *total, and in *index the number of matches with off <= at (the 1-based
 * index of the match starting at `at`; 0 when `at` is before the first).
 * The same cancel contract as search_next(); on cancellation returns
 * STATUS_RANGE with *cancelled = 1 and *total, *index untouched. STATUS_IO,
 * STATUS_NOMEM.
 */
enum status search_count(const struct search *s, struct doc *doc, size_t at,
        int (*cancel)(void *), void *ctx, size_t *total, size_t *index,
        int *cancelled);

#endif
