/*
 * zip.h: the text file inside a ZIP archive, as Aozora Bunko distributes
 * its texts (one .txt per archive, Shift_JIS).
 */
#ifndef RUBI_ZIP_H
#define RUBI_ZIP_H

#include <stddef.h>

#include "status.h"

/* Does buf[0..len) start like a ZIP archive ("PK\3\4")? */
int zip_sniff(const char *buf, size_t len);

/*
 * Extract from the archive buf[0..len) its first member whose name ends
 * in ".txt" (any case), else its first member: stored or deflated, its
 * CRC-32 checked, at most `max` bytes once extracted. On success *out
 * (never NULL; free it) holds *out_len bytes and name[] the member's name
 * (cut to namesize - 1 bytes; not made safe to print). STATUS_BAD_INPUT
 * for an archive that is damaged, encrypted, empty, in another method,
 * or larger than max once extracted (a message in why[]); STATUS_NOMEM.
 */
enum status zip_extract_text(const char *buf, size_t len, size_t max,
        char **out, size_t *out_len, char *name, size_t namesize, char *why,
        size_t whysize);

#endif
