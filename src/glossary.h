/*
 * glossary.h: the characters an article annotates, as a TSV a learner can
 * import into Anki (rubi --glossary).
 *
 * One line per (base, reading) pair, in the order of first occurrence,
 * five tab-separated columns:
 *
 *   BASE  READING  COUNT  LINE:COLUMN  MEANING
 *
 * BASE is the annotated character, or word where the notation gives one
 * reading to several characters (Aozora, Markdown, HTML); READING the
 * reading as displayed (pinyin with tone marks, tone-restored, see
 * tone.h; kana or zhuyin as written); COUNT how often the base carries
 * it; LINE:COLUMN where it first does (column in characters, as in
 * check.h); MEANING the Unihan definition (kDefinition) of a one-character
 * base, or empty. A polyphone read two ways gets two
 * lines. No header line. Tabs and control characters never appear inside
 * a column.
 */
#ifndef RUBI_GLOSSARY_H
#define RUBI_GLOSSARY_H

#include <stddef.h>

#include "doc.h"
#include "dump.h"
#include "known.h"
#include "status.h"
#include "unihan.h"

/*
 * Write the glossary of `doc` through `write`, leaving out the characters
 * in `skip` (may be NULL). The number of lines goes to *lines (may be
 * NULL). Memory grows with the number of distinct pairs, not with the
 * document. STATUS_IO (source or writer), STATUS_NOMEM.
 */
enum status glossary_write(struct doc *doc, const struct unihan *uh,
        const struct known *skip, dump_write_fn write, void *ctx,
        size_t *lines);

/*
 * Count the occurrences of character `cp` in the document's bytes from
 * *off on, looking at the matches that start in the next max_len bytes
 * (0: to the end; it reads at most 3 bytes past them),
 * adding them to *count and moving *off past what was looked at: call
 * again to go on. The count is complete when *off reaches doc_size() of
 * a complete source. STATUS_IO.
 */
enum status glossary_count(struct doc *doc, uint32_t cp, size_t *off,
        size_t max_len, size_t *count);

#endif
