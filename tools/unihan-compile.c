/*
 * unihan-compile: compile rubi's text reading table into the table rubi
 * installs (src/unihan-bin.h). The build runs it:
 *   tools/unihan-compile data/unihan.tsv data/UNIHAN-NOTICE data/unihan.bin
 * and the compiled table answers every lookup as the text one does.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "status.h"
#include "unihan-bin.h"
#include "unihan.h"

/* Read all of path into b; 0 (with a message) when it cannot be read. */
static int
slurp(const char *path, struct sbuf *b)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		fprintf(stderr, "unihan-compile: %s: %s\n", path,
		        strerror(errno));
		return 0;
	}
	sbuf_put(b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sbuf_put(b, chunk, n);
	if (ferror(f) || b->failed) {
		fprintf(stderr, "unihan-compile: %s: cannot read it\n", path);
		fclose(f);
		return 0;
	}
	fclose(f);
	return 1;
}

int
main(int argc, char **argv)
{
	struct sbuf notice = {0}, out = {0};
	struct unihan *u = NULL;
	enum status st;
	FILE *f;
	int ok = 0;

	if (argc != 4) {
		fprintf(stderr,
		        "usage: unihan-compile TABLE.tsv NOTICE "
		        "OUT.bin\n");
		return 2;
	}
	st = unihan_load(argv[1], &u);
	if (st != STATUS_OK) {
		fprintf(stderr, "unihan-compile: %s: %s\n", argv[1],
		        st == STATUS_IO ? strerror(errno) : status_str(st));
		return 1;
	}
	if (!slurp(argv[2], &notice))
		goto done;
	st = unihan_bin_compile(u, notice.s, notice.len, &out);
	if (st != STATUS_OK) {
		fprintf(stderr, "unihan-compile: %s: %s\n", argv[1],
		        status_str(st));
		goto done;
	}
	f = fopen(argv[3], "wb");
	if (f == NULL || fwrite(out.s, 1, out.len, f) != out.len ||
	        fclose(f) != 0) {
		fprintf(stderr, "unihan-compile: %s: %s\n", argv[3],
		        strerror(errno));
		goto done;
	}
	ok = 1;
done:
	sbuf_fini(&notice);
	sbuf_fini(&out);
	unihan_free(u);
	return ok ? 0 : 1;
}
