/*
 * dump.c: fuzz target "dump": the whole --dump path (source, document,
 * parser, layout, dump) on the input after two option bytes (byte 0: the
 * width, 0 for no wrapping; byte 1: ruby mode and ambiguous width).
 *
 * Invariants: the output is safe for a terminal (valid UTF-8, no control
 * but LF, no C1, bidi or invisible character); every line fits the width;
 * the output ends with LF; with readings off and no wrapping there is one
 * output line per block.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "fuzz.h"
#include "utf8.h"

struct sink {
	char *buf;
	size_t len, cap;
};

static int
sink_write(void *ctx, const char *s, size_t len)
{
	struct sink *k = ctx;
	char *nb;

	if (k->len + len > k->cap) {
		k->cap = (k->len + len) * 2 + 64;
		nb = realloc(k->buf, k->cap);
		FUZZ_ASSERT(nb != NULL);
		k->buf = nb;
	}
	memcpy(k->buf + k->len, s, len);
	k->len += len;
	return 0;
}

int
fuzz_dump(const uint8_t *data, size_t size)
{
	static const enum ruby_mode modes[] = {
	        RUBY_ABOVE, RUBY_POPUP, RUBY_OFF, RUBY_INLINE};
	struct sink k = {NULL, 0, 0};
	struct doc *doc;
	enum ruby_mode mode;
	size_t i, start;
	int cols, ambi;

	if (size < 2)
		return 0;
	cols = data[0];
	mode = modes[data[1] & 3];
	ambi = 1 + ((data[1] >> 2) & 1);
	doc = fuzz_doc(data + 2, size - 2, NOTATION_PINYIN, ambi);
	FUZZ_ASSERT(
	        dump_doc(doc, cols, mode, ambi, sink_write, &k) == STATUS_OK);
	doc_free(doc);
	fuzz_check_safe(k.buf, k.len, 1);
	FUZZ_ASSERT(k.len > 0 && k.buf[k.len - 1] == '\n');
	for (start = 0, i = 0; i < k.len; i++) {
		if (k.buf[i] != '\n')
			continue;
		if (cols != LAYOUT_NOWRAP)
			FUZZ_ASSERT(utf8_str_cols(k.buf + start, i - start,
			                    ambi) <= cols);
		start = i + 1;
	}
	free(k.buf);
	return 0;
}
