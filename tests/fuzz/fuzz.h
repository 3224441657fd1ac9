/*
 * fuzz.h: what the fuzz harnesses share (tests/fuzz/).
 *
 * Each harness is a function fuzz_NAME(data, size) that runs one input
 * through a part of the core and checks invariants (RELIABILITY.md §3.2),
 * calling FUZZ_ASSERT, which reports and aborts, when one breaks: a broken
 * invariant is a finding just like a crash. tests/fuzz/targets.def lists
 * the harnesses; fuzz.c turns them into one LLVMFuzzerTestOneInput that
 * runs the target named by $RUBI_FUZZ_TARGET (the libFuzzer/AFL++ binary
 * tests/fuzz/rubi-fuzzer) or by the replay driver (tests/fuzz/replay.c,
 * part of make check).
 */
#ifndef RUBI_FUZZ_H
#define RUBI_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* Inputs longer than this are ignored (AFL++ does not honour -max_len). */
#define FUZZ_MAX_LEN (64 * 1024)

/* Report a broken invariant (file, line, the condition) and abort(). */
#define FUZZ_ASSERT(cond)                                                      \
	do {                                                                   \
		if (!(cond))                                                   \
			fuzz_fail(__FILE__, __LINE__, #cond);                  \
	} while (0)

void fuzz_fail(const char *file, int line, const char *what);

/*
 * Check that s[0..len) is safe to send to a terminal: valid UTF-8 whose
 * code points are all printable (utf8_cp_cols() >= 0) and none of them a
 * C0 control (LF allowed when allow_lf), DEL, C1 control, bidi control,
 * line or paragraph separator. Aborts through FUZZ_ASSERT otherwise.
 */
void fuzz_check_safe(const char *s, size_t len, int allow_lf);

/*
 * A document over a copy of data[0..size) with notation `n`, no Unihan
 * table, ambiguous width `ambi`. Aborts if it cannot be made (only out of
 * memory can do that).
 */
struct doc *fuzz_doc(
        const uint8_t *data, size_t size, enum notation n, int ambi);

/* Harnesses (tests/fuzz/<name>.c). Return 0. */
#define FUZZ_TARGET(name) int fuzz_##name(const uint8_t *data, size_t size);
#define FUZZ_PARSER(name, notation)
#include "targets.def"
#undef FUZZ_TARGET
#undef FUZZ_PARSER

/* The notation-parser harness (parse.c) for notation `n`. */
int fuzz_parse(enum notation n, const uint8_t *data, size_t size);

/*
 * Select the target run by LLVMFuzzerTestOneInput. Returns 0, or -1 for an
 * unknown name.
 */
int fuzz_select(const char *name);

/* The name of target i (0, 1, ...), NULL past the last. */
const char *fuzz_target_name(size_t i);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
