/*
 * status.h: the result of every fallible core function.
 *
 * Core functions never print or exit: they return an enum status and write
 * their results through out-parameters only on success. A struct diag, when
 * the caller passes one, says where in the input a problem was found.
 */
#ifndef RUBI_STATUS_H
#define RUBI_STATUS_H

#include <stddef.h>

enum status {
	STATUS_OK = 0,
	STATUS_NOMEM,     /* allocation failed; objects are unchanged */
	STATUS_BAD_INPUT, /* malformed input; see struct diag */
	STATUS_IO,        /* errno holds the cause */
	STATUS_RANGE,     /* argument outside the documented range */
};

/* Where a problem was found: 1-based line and column (in characters). */
struct diag {
	size_t line, col;
	char msg[128];
};

/* A static, human-readable name for `st`; never NULL. */
const char *status_str(enum status st);

#endif
