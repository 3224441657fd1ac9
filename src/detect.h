/*
 * detect.h: which notation a document is written in, from its name and
 * the start of its text; and the names of the notations (--format, the
 * status bar).
 */
#ifndef RUBI_DETECT_H
#define RUBI_DETECT_H

#include <stddef.h>

#include "doc.h"

/*
 * Bytes of text looked at: some 5,000 characters of CJK text. 64 KiB
 * decided the same for every file of the corpora and the tests, and its
 * UTF-8 check and notation count (branchy byte work) took 0.21 ms of a
 * first screen; these take 0.10.
 */
#define DETECT_SAMPLE (16 * 1024)

/*
 * The notation of a document called `name` (a path; may be NULL, as for
 * standard input) whose text (UTF-8, after any conversion) starts with
 * buf[0..len). By name: *.md and *.markdown are Markdown. By content:
 * the notation with the most groups in the sample (Aozora 《》 and ［＃］
 * notes, Markdown {base|reading}, zhuyin or pinyin in parentheses after
 * a Han character); pinyin when there is none, or a tie. Anki is never
 * guessed (brackets are too common): it must be asked for.
 */
enum notation detect_notation(const char *name, const char *buf, size_t len);

/*
 * Does buf[0..len), the start of a document, look like a binary file
 * rather than text (as less decides before asking "See it anyway?")? A
 * NUL byte, or more than 5 control bytes other than tab, LF, CR, FF, VT,
 * BS and ESC in the first 512 bytes. rubi shows it anyway, with
 * placeholders, and says so.
 */
int detect_binary(const char *buf, size_t len);

/* The notation's name as --format spells it ("aozora"); static. */
const char *detect_name(enum notation n);

/*
 * The notation that --format `name` asks for: 1 and *out set, or 0 when
 * the name is unknown (*out untouched).
 */
int detect_parse_name(const char *name, enum notation *out);

#endif
