/*
 * zip.c: fuzz target "zip": extracting the text member of a ZIP archive
 * (src/zip.c) from hostile bytes, with a limit of 64 KiB on what is
 * extracted.
 *
 * Invariants: success gives a buffer of at most the limit and a member
 * name that is NUL-terminated in its buffer; failure gives a non-empty
 * reason and no buffer; nothing reads outside the input (ASan).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "zip.h"

#define FUZZ_ZIP_MAX (64 * 1024)

int
fuzz_zip(const uint8_t *data, size_t size)
{
	char name[64], why[128], *out = NULL;
	size_t len = 0, i, sum = 0;
	enum status st;

	memset(name, 'Z', sizeof(name));
	why[0] = '\0';
	st = zip_extract_text((const char *)data, size, FUZZ_ZIP_MAX, &out,
	        &len, name, sizeof(name), why, sizeof(why));
	if (st == STATUS_OK) {
		FUZZ_ASSERT(out != NULL);
		FUZZ_ASSERT(len <= FUZZ_ZIP_MAX);
		FUZZ_ASSERT(memchr(name, '\0', sizeof(name)) != NULL);
		for (i = 0; i < len; i++) /* every byte is there (ASan) */
			sum += (unsigned char)out[i];
		FUZZ_ASSERT(sum <= 255 * len);
		free(out);
	} else {
		FUZZ_ASSERT(st == STATUS_BAD_INPUT || st == STATUS_NOMEM);
		FUZZ_ASSERT(why[0] != '\0');
	}
	return 0;
}
