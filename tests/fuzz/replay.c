/*
 * replay.c: make check's fuzz test. For every target of targets.def, feed
 * each file of tests/fuzz/corpus/<target>/ (the seeds) and of
 * tests/fuzz/crashers/<target>/ (minimised inputs that once broke
 * something; the directory may be missing) to LLVMFuzzerTestOneInput with
 * that target selected. A broken invariant aborts, which fails the test;
 * a target without seeds fails it too (a typo must not skip a target).
 *
 * Usage: replay [DIR]: DIR is the tests/fuzz directory of the source tree
 * (default: $top_srcdir/tests/fuzz). Prints one line per target:
 * "TARGET: N inputs passed".
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Run every file of dir/kind/target; returns the count, -1 on error. */
static long
replay_dir(const char *dir, const char *kind, const char *target, int need)
{
	char path[4096];
	struct dirent *e;
	unsigned char *buf;
	long count = 0;
	size_t n;
	FILE *f;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, kind, target);
	d = opendir(path);
	if (d == NULL) {
		if (!need && errno == ENOENT)
			return 0;
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf = malloc(FUZZ_MAX_LEN + 1);
	if (buf == NULL) {
		closedir(d);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s/%s", dir, kind, target,
		        e->d_name);
		f = fopen(path, "rb");
		if (f == NULL) {
			fprintf(stderr, "replay: %s: %s\n", path,
			        strerror(errno));
			count = -1;
			break;
		}
		n = fread(buf, 1, FUZZ_MAX_LEN + 1, f);
		fclose(f);
		if (n > FUZZ_MAX_LEN) {
			fprintf(stderr, "replay: %s: longer than %d bytes\n",
			        path, FUZZ_MAX_LEN);
			count = -1;
			break;
		}
		fprintf(stderr, "%s\n", path); /* named if it aborts */
		LLVMFuzzerTestOneInput(buf, n);
		count++;
	}
	free(buf);
	closedir(d);
	return count;
}

int
main(int argc, char **argv)
{
	char def[4096];
	const char *dir, *name, *top = getenv("top_srcdir");
	long seeds, crashers;
	int failed = 0;
	size_t i;

	if (argc > 1) {
		dir = argv[1];
	} else {
		if (top == NULL || *top == '\0') {
			fprintf(stderr, "replay: top_srcdir is not set\n");
			return 99;
		}
		snprintf(def, sizeof(def), "%s/tests/fuzz", top);
		dir = def;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 0; (name = fuzz_target_name(i)) != NULL; i++) {
		fuzz_select(name);
		seeds = replay_dir(dir, "corpus", name, 1);
		crashers = replay_dir(dir, "crashers", name, 0);
		if (seeds <= 0 || crashers < 0) {
			printf("%s: FAILED (no seeds, or unreadable)\n", name);
			failed = 1;
			continue;
		}
		printf("%s: %ld seeds and %ld crashers passed\n", name, seeds,
		        crashers);
	}
	return failed;
}
