/*
 * fuzz.c: the one LLVMFuzzerTestOneInput of rubi's fuzz targets, and the
 * helpers the harnesses share (see fuzz.h).
 *
 * The target is chosen once: by fuzz_select() (the replay driver), or by
 * $RUBI_FUZZ_TARGET in LLVMFuzzerInitialize (libFuzzer, and AFL++, whose
 * driver calls it too). With no target chosen every input goes through
 * every target. Harnesses must be deterministic and keep no state between
 * inputs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "source.h"
#include "utf8.h"

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

#define FUZZ_TARGET(name)
#define FUZZ_PARSER(name, notation)                                            \
	static int fuzz_##name(const uint8_t *data, size_t size)               \
	{                                                                      \
		return fuzz_parse(notation, data, size);                       \
	}
#include "targets.def"
#undef FUZZ_TARGET
#undef FUZZ_PARSER

static const struct {
	const char *name;
	fuzz_fn fn;
} targets[] = {
#define FUZZ_TARGET(name) {#name, fuzz_##name},
#define FUZZ_PARSER(name, notation) {#name, fuzz_##name},
#include "targets.def"
#undef FUZZ_TARGET
#undef FUZZ_PARSER
};

#define NTARGETS (sizeof(targets) / sizeof(targets[0]))

static fuzz_fn selected;

void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

void
fuzz_check_safe(const char *s, size_t len, int allow_lf)
{
	size_t i = 0;
	uint32_t cp;
	int n;

	while (i < len) {
		n = utf8_next(s + i, len - i, &cp);
		FUZZ_ASSERT(n > 0); /* valid UTF-8 */
		i += (size_t)n;
		if (cp == '\n' && allow_lf)
			continue;
		FUZZ_ASSERT(cp >= 0x20 && cp != 0x7f);
		FUZZ_ASSERT(cp < 0x80 || cp > 0x9f);
		FUZZ_ASSERT(!(cp >= 0x202a && cp <= 0x202e));
		FUZZ_ASSERT(!(cp >= 0x2066 && cp <= 0x2069));
		FUZZ_ASSERT(cp != 0x200e && cp != 0x200f && cp != 0x061c);
		FUZZ_ASSERT(cp != 0x2028 && cp != 0x2029);
		FUZZ_ASSERT(!utf8_is_invisible(cp));
		FUZZ_ASSERT(utf8_cp_cols(cp, 1) >= 0);
	}
}

struct doc *
fuzz_doc(const uint8_t *data, size_t size, enum notation n, int ambi)
{
	struct source *src;
	struct doc_opts o;
	struct doc *doc;

	memset(&o, 0, sizeof(o));
	o.notation = n;
	o.ambiwidth = ambi;
	o.prefer_hant = 1;
	FUZZ_ASSERT(source_from_memory((const char *)data, size, &src) ==
	        STATUS_OK);
	FUZZ_ASSERT(doc_new(src, &o, &doc) == STATUS_OK);
	return doc;
}

int
fuzz_select(const char *name)
{
	size_t i;

	for (i = 0; i < NTARGETS; i++) {
		if (strcmp(targets[i].name, name) == 0) {
			selected = targets[i].fn;
			return 0;
		}
	}
	return -1;
}

const char *
fuzz_target_name(size_t i)
{
	return i < NTARGETS ? targets[i].name : NULL;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *t = getenv("RUBI_FUZZ_TARGET");
	size_t i;

	(void)argc;
	(void)argv;
	if (t != NULL && *t != '\0' && fuzz_select(t) != 0) {
		fprintf(stderr,
		        "RUBI_FUZZ_TARGET: unknown target '%s'; one of:", t);
		for (i = 0; i < NTARGETS; i++)
			fprintf(stderr, " %s", targets[i].name);
		fputc('\n', stderr);
		exit(2);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	if (size > FUZZ_MAX_LEN)
		return 0;
	if (selected != NULL)
		return selected(data, size);
	for (i = 0; i < NTARGETS; i++)
		targets[i].fn(data, size);
	return 0;
}
