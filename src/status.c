/*
 * status.c: names for enum status.
 */
#include "config.h"

#include "status.h"

const char *
status_str(enum status st)
{
	switch (st) {
	case STATUS_OK:
		return "success";
	case STATUS_NOMEM:
		return "out of memory";
	case STATUS_BAD_INPUT:
		return "malformed input";
	case STATUS_IO:
		return "input/output error";
	case STATUS_RANGE:
		return "argument out of range";
	}
	return "unknown status";
}
