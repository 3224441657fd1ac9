/*
 * outline.c: fuzz target "outline": section detection on every block of
 * the input (pinyin notation), with a title buffer whose size comes from
 * byte 0 (1..256 bytes).
 *
 * Invariants: a title is NUL-terminated inside the buffer, non-empty,
 * safe for a terminal (no control, bidi or invisible character, even when
 * the heading holds them), and cut at a character boundary; a block that
 * is not a heading leaves the buffer untouched.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "outline.h"

#define FUZZ_BLOCKS_MAX 256

int
fuzz_outline(const uint8_t *data, size_t size)
{
	char buf[257];
	struct bspan sp, next;
	struct block *b;
	struct doc *doc;
	size_t bufsize, nb = 0, len;

	if (size < 1)
		return 0;
	bufsize = 1 + data[0];
	doc = fuzz_doc(data + 1, size - 1, NOTATION_PINYIN, 1);
	FUZZ_ASSERT(doc_block_at(doc, 0, &sp) == STATUS_OK);
	for (;;) {
		FUZZ_ASSERT(doc_parse(doc, &sp, &b) == STATUS_OK);
		memset(buf, 'Z', sizeof(buf));
		if (outline_title(b, buf, bufsize)) {
			len = strnlen(buf, bufsize);
			FUZZ_ASSERT(len < bufsize);
			fuzz_check_safe(buf, len, 0);
		} else {
			FUZZ_ASSERT(buf[0] == 'Z');
		}
		block_free(b);
		if (++nb == FUZZ_BLOCKS_MAX ||
		        doc_block_next(doc, &sp, &next) != STATUS_OK)
			break;
		sp = next;
	}
	doc_free(doc);
	return 0;
}
