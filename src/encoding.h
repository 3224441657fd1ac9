/*
 * encoding.h: documents not in UTF-8. Shift_JIS (as CP932), EUC-JP,
 * GB18030 and Big5 are recognised from a sample of the bytes and
 * converted to UTF-8 with iconv into a memory source; everything else
 * reaches the decoder as it is (invalid bytes become placeholders).
 */
#ifndef RUBI_ENCODING_H
#define RUBI_ENCODING_H

#include <stddef.h>

#include "source.h"
#include "status.h"

#define ENCODING_SAMPLE                                                        \
	(16 * 1024) /* bytes looked at to decide (see DETECT_SAMPLE) */

/*
 * The encoding of buf[0..len), the start of a document (`complete`: the
 * whole of it, so a character cut at the end is an error): NULL when it
 * is UTF-8 (or ASCII), the iconv name of the encoding it was
 * confidently recognised as ("CP932", "EUC-JP", "GB18030", "BIG5"), or
 * "" when it is neither. Returned strings are static.
 */
const char *encoding_detect(const char *buf, size_t len, int complete);

/*
 * Is `name` an encoding iconv can convert to UTF-8? (For --encoding.)
 */
int encoding_known(const char *name);

/*
 * Convert buf[0..len) from encoding `from` to UTF-8. A byte sequence that
 * is not valid in `from` is copied unchanged, so the decoder shows it as
 * a placeholder. On success *out owns a new buffer (free() it; never
 * NULL) of *outlen bytes. STATUS_RANGE when iconv does not know `from`,
 * STATUS_NOMEM.
 */
enum status encoding_convert(const char *from, const char *buf, size_t len,
        char **out, size_t *outlen);

/*
 * Make *src UTF-8. `forced` is an encoding name, or NULL to detect from
 * the first ENCODING_SAMPLE bytes. When the source is not UTF-8 and the
 * encoding is known, the whole source is read, converted and *src
 * replaced by a memory source (the old one is freed). *used is set to the
 * encoding converted from (static or `forced`), NULL for UTF-8, or ""
 * when the bytes are not UTF-8 and no encoding was recognised (nothing
 * is converted then). STATUS_IO, STATUS_NOMEM, STATUS_RANGE (unknown
 * forced name); *src is unchanged on failure.
 */
enum status encoding_apply(
        struct source **src, const char *forced, const char **used);

#endif
