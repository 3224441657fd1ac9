/*
 * main.c: rubi's command line: options, locale, the document, and the
 * choice between dump, outline, passthrough and the interactive pager.
 * The only place that turns a status into a message and an exit code:
 * 0 ok, 1 runtime failure, 2 usage.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "doc.h"
#include "dump.h"
#include "pager.h"
#include "source.h"
#include "unihan.h"
#include "utf8.h"

enum {
	OPT_DUMP = 256,
	OPT_OUTLINE,
	OPT_AMBI,
	OPT_FORMAT,
	OPT_NOSTATE,
	OPT_VERSION
};

static const struct option longopts[] = {
        {"dump", no_argument, NULL, OPT_DUMP},
        {"outline", no_argument, NULL, OPT_OUTLINE},
        {"width", required_argument, NULL, 'w'},
        {"ruby", required_argument, NULL, 'r'},
        {"ambiwidth", required_argument, NULL, OPT_AMBI},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"no-state", no_argument, NULL, OPT_NOSTATE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
};

static const char *const ruby_names[] = {"above", "popup", "off", "inline"};
static const enum ruby_mode ruby_values[] = {
        RUBY_ABOVE, RUBY_POPUP, RUBY_OFF, RUBY_INLINE};

static void
usage(FILE *f)
{
	fputs("Usage: rubi [OPTION]... [FILE]\n"
	      "Read text whose characters carry ruby annotations (pinyin over "
	      "hanzi).\n"
	      "With no FILE, or when FILE is -, read standard input.\n\n"
	      "  -r, --ruby=MODE       show readings: above (default), popup, "
	      "off, inline\n"
	      "      --dump            write the laid-out text to standard "
	      "output, no terminal\n"
	      "  -w, --width=N         width for --dump (0: no wrapping; "
	      "default: terminal or 80)\n"
	      "      --outline         print the section titles, one per line\n"
	      "      --format=NAME     notation: pinyin (default) or plain\n"
	      "      --ambiwidth=N     columns of East Asian ambiguous "
	      "characters: 1 or 2\n"
	      "      --no-state        neither read nor save the reading "
	      "position\n"
	      "  -h, --help            show this help and exit\n"
	      "      --version         show the version and exit\n\n"
	      "In the reader, press h for the keys. See rubi(1).\n",
	        f);
}

/* One line on stderr, prefixed, with every argument made safe to print. */
static void
warn_msg(const char *fmt, ...)
{
	char raw[1024], safe[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	utf8_sanitize(raw, strlen(raw), safe, sizeof(safe));
	fprintf(stderr, "rubi: %s\n", safe);
}

static int
usage_error(const char *fmt, const char *arg)
{
	warn_msg(fmt, arg);
	fputs("Try 'rubi --help' for more information.\n", stderr);
	return 2;
}

/* ctx: an int set to 1 when writing failed. */
static int
write_stdout(void *ctx, const char *s, size_t len)
{
	if (fwrite(s, 1, len, stdout) == len)
		return 0;
	*(int *)ctx = 1;
	return -1;
}

/* Copy the input to stdout byte for byte (stdout is not a terminal). */
static int
passthrough(struct source *src)
{
	const char *p;
	size_t off = 0, got;

	for (;;) {
		if (source_get(src, off, SOURCE_WINDOW, &p, &got) != STATUS_OK)
			return -1;
		if (got == 0)
			return 0;
		if (fwrite(p, 1, got, stdout) != got)
			return -2;
		off += got;
	}
}

static int
terminal_cols(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/*
 * --dump (or --outline) to stdout; width -1: the terminal's, else 80.
 * Returns the exit status; a reader that went away (EPIPE) is no error
 * worth a message.
 */
static int
write_doc(
        struct doc *doc, int outline, int width, enum ruby_mode mode, int ambi)
{
	enum status st;
	int out_failed = 0;

	if (width < 0)
		width = isatty(STDOUT_FILENO) ? terminal_cols() : 80;
	if (outline)
		st = dump_outline(doc, write_stdout, &out_failed, NULL);
	else
		st = dump_doc(
		        doc, width, mode, ambi, write_stdout, &out_failed);
	if (st == STATUS_OK && fflush(stdout) != 0) {
		st = STATUS_IO;
		out_failed = 1;
	}
	if (st != STATUS_OK) {
		if (errno != EPIPE)
			warn_msg("%s%s", out_failed ? "standard output: " : "",
			        st == STATUS_IO ? strerror(errno)
			                        : status_str(st));
		return 1;
	}
	return 0;
}

/* Is `file` a terminal (rubi /dev/tty)? Reading it as the document
 * would fight the reader for the keys and never end: refused. */
static int
is_terminal_file(const char *file)
{
	int fd = open(file, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	int tty;

	if (fd == -1)
		return 0;
	tty = isatty(fd);
	close(fd);
	return tty;
}

/* Load the Unihan table from $RUBI_DATADIR or the package data dir. */
static struct unihan *
load_unihan(char *path, size_t pathsize)
{
	const char *dir = getenv("RUBI_DATADIR");
	struct unihan *uh = NULL;

	snprintf(path, pathsize, "%s/unihan.tsv",
	        dir && *dir ? dir : PKGDATADIR);
	if (unihan_load(path, &uh) != STATUS_OK)
		return NULL;
	return uh;
}

static int
version(void)
{
	char path[PATH_MAX];
	struct unihan *uh = load_unihan(path, sizeof(path));

	printf("rubi %s\n", PACKAGE_VERSION);
	if (uh != NULL)
		printf("Unihan readings: %s (%zu characters)\n", path,
		        unihan_count(uh));
	else
		printf("Unihan readings: not found (%s): readings are checked "
		       "by syllable only\n",
		        path);
	printf("Copyright (C) 2026 the rubi developers.\n"
	       "License GPLv3+: GNU GPL version 3 or later "
	       "<https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and "
	       "redistribute it.\nThere is NO WARRANTY, to the extent "
	       "permitted by law.\n");
	unihan_free(uh);
	return 0;
}

int
main(int argc, char **argv)
{
	struct pager_opts po;
	struct doc_opts dopts;
	struct source *src = NULL;
	struct doc *doc = NULL;
	struct unihan *uh = NULL;
	char path[PATH_MAX];
	const char *file = NULL;
	int c, dump = 0, outline = 0, width = -1, ambi = 1, nostate = 0;
	enum ruby_mode mode = RUBY_ABOVE;
	enum notation notation = NOTATION_PINYIN;
	enum status st;
	char *end;
	long n;
	size_t i;
	int rc;

	setlocale(LC_ALL, "");
	while ((c = getopt_long(argc, argv, "hr:w:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DUMP:
			dump = 1;
			break;
		case OPT_OUTLINE:
			outline = 1;
			break;
		case 'w':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || n < 0 ||
			        n > 100000)
				return usage_error(
				        "invalid width: '%s'", optarg);
			width = (int)n;
			break;
		case 'r':
			for (i = 0; i < 4; i++)
				if (strcmp(optarg, ruby_names[i]) == 0)
					break;
			if (i == 4)
				return usage_error(
				        "invalid ruby mode: '%s' "
				        "(above, popup, off or inline)",
				        optarg);
			mode = ruby_values[i];
			break;
		case OPT_AMBI:
			if (strcmp(optarg, "1") && strcmp(optarg, "2"))
				return usage_error("invalid ambiwidth: '%s' "
				                   "(1 or 2)",
				        optarg);
			ambi = optarg[0] - '0';
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "pinyin") == 0)
				notation = NOTATION_PINYIN;
			else if (strcmp(optarg, "plain") == 0)
				notation = NOTATION_PLAIN;
			else
				return usage_error("unknown format: '%s' "
				                   "(pinyin or plain)",
				        optarg);
			break;
		case OPT_NOSTATE:
			nostate = 1;
			break;
		case 'h':
			usage(stdout);
			return fflush(stdout) == 0 ? 0 : 1;
		case OPT_VERSION:
			version();
			return fflush(stdout) == 0 ? 0 : 1;
		default:
			fputs("Try 'rubi --help' for more information.\n",
			        stderr);
			return 2;
		}
	}
	if (argc - optind > 1)
		return usage_error("too many files: '%s'", argv[optind + 1]);
	if (optind < argc)
		file = argv[optind];
	if (file == NULL) {
		if (isatty(STDIN_FILENO))
			return usage_error("%s",
			        "no file given and standard "
			        "input is a terminal");
		file = "-";
	}
	if (dump && outline)
		return usage_error("%s",
		        "--dump and --outline do not go "
		        "together");

	if (strcmp(file, "-") != 0 && is_terminal_file(file)) {
		warn_msg("%s: is a terminal, not a file to read", file);
		return 1;
	}
	st = source_open(file, &src);
	if (st != STATUS_OK) {
		warn_msg("%s: %s",
		        strcmp(file, "-") == 0 ? "standard input" : file,
		        st == STATUS_IO ? strerror(errno) : status_str(st));
		return 1;
	}
	if (!dump && !outline && !isatty(STDOUT_FILENO)) {
		/* Like less: not a terminal, so copy the input unchanged. */
		rc = passthrough(src);
		source_free(src);
		if (rc == -1) {
			warn_msg("%s: %s", file, strerror(errno));
			return 1;
		}
		if (rc == -2 || fflush(stdout) != 0) {
			if (errno != EPIPE)
				warn_msg(
				        "standard output: %s", strerror(errno));
			return 1;
		}
		return 0;
	}

	uh = load_unihan(path, sizeof(path));
	memset(&dopts, 0, sizeof(dopts));
	dopts.notation = notation;
	dopts.ambiwidth = ambi;
	dopts.prefer_hant = 1;
	dopts.uh = uh;
	st = doc_new(src, &dopts, &doc);
	if (st != STATUS_OK) {
		warn_msg("%s", status_str(st));
		unihan_free(uh);
		return 1;
	}

	rc = 0;
	if (dump || outline) {
		rc = write_doc(doc, outline, width, mode, ambi);
	} else {
		memset(&po, 0, sizeof(po));
		po.name = strcmp(file, "-") == 0 ? "(standard input)" : file;
		po.path = strcmp(file, "-") == 0 ? NULL : file;
		po.mode = mode;
		po.ambiwidth = ambi;
		po.use_state = !nostate;
		po.from_stdin = strcmp(file, "-") == 0;
		rc = pager_run(doc, &po);
		/* No usable terminal: the text, laid out and made safe (never
		 * the raw bytes: stdout is a terminal, if a poor one). */
		if (rc == PAGER_NO_TERMINAL)
			rc = write_doc(doc, 0, width, mode, ambi);
	}
	doc_free(doc);
	unihan_free(uh);
	return rc;
}
