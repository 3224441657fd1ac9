/*
 * state.c: fuzz target "state": the saved-state file parser.
 *
 * Invariants: parsing never fails but for memory; a refused buffer gives
 * an empty state; the state serialises within STATE_MAX_BYTES with the
 * version line first and at most STATE_MAX_RECORDS records; what it
 * serialises to loads back, unrefused, with nothing skipped, to a state
 * that serialises to the same bytes (load-save-load is stable).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "state.h"

static char *
serialize(const struct state *st, size_t *len)
{
	size_t n = state_serialize(st, NULL, 0);
	char *s = malloc(n + 1);

	FUZZ_ASSERT(s != NULL);
	FUZZ_ASSERT(state_serialize(st, s, n + 1) == n);
	FUZZ_ASSERT(s[n] == '\0');
	*len = n;
	return s;
}

int
fuzz_state(const uint8_t *data, size_t size)
{
	struct state *a, *b;
	size_t n1, n2;
	char *s1, *s2;
	int corrupt = -1;

	FUZZ_ASSERT(state_from_buffer((const char *)data, size, &a, &corrupt) ==
	        STATUS_OK);
	FUZZ_ASSERT(corrupt == 0 || corrupt == 1);
	if (corrupt)
		FUZZ_ASSERT(state_count(a) == 0);
	FUZZ_ASSERT(state_count(a) <= STATE_MAX_RECORDS);
	s1 = serialize(a, &n1);
	FUZZ_ASSERT(n1 <= STATE_MAX_BYTES);
	FUZZ_ASSERT(strncmp(s1, "rubi-state 1\n", 13) == 0);
	FUZZ_ASSERT(state_from_buffer(s1, n1, &b, &corrupt) == STATUS_OK);
	FUZZ_ASSERT(!corrupt);
	FUZZ_ASSERT(state_skipped(b) == 0);
	FUZZ_ASSERT(state_count(b) == state_count(a));
	s2 = serialize(b, &n2);
	FUZZ_ASSERT(n2 == n1 && memcmp(s1, s2, n1) == 0);
	free(s1);
	free(s2);
	state_free(a);
	state_free(b);
	return 0;
}
