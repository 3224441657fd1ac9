/*
 * main.c: rubi's command line: options, locale, the document, and the
 * choice between dump, outline, passthrough and the interactive pager.
 * The only place that turns a status into a message and an exit code:
 * 0 ok, 1 runtime failure, 2 usage.
 */
#include "config.h"

#include <errno.h>
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

#include "detect.h"
#include "doc.h"
#include "dump.h"
#include "encoding.h"
#include "pager.h"
#include "source.h"
#include "unihan.h"
#include "utf8.h"

enum {
	OPT_DUMP = 256,
	OPT_OUTLINE,
	OPT_AMBI,
	OPT_FORMAT,
	OPT_ENCODING,
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
        {"encoding", required_argument, NULL, OPT_ENCODING},
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
	      "      --format=NAME     notation: pinyin, zhuyin, aozora, "
	      "markdown, anki or\n"
	      "                        plain (default: from the file name "
	      "and contents)\n"
	      "      --encoding=NAME   the file's encoding (default: UTF-8, "
	      "or Shift_JIS,\n"
	      "                        EUC-JP, GB18030 or Big5 when "
	      "recognised)\n"
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

static int
write_stdout(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	return fwrite(s, 1, len, stdout) == len ? 0 : -1;
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

/* How an iconv encoding name is shown. */
static const char *
enc_name(const char *iconv_name)
{
	return strcmp(iconv_name, "CP932") == 0 ? "Shift_JIS" : iconv_name;
}

/*
 * Convert the source to UTF-8 when it is not (encoding.h), then find its
 * notation unless one was given.
 */
static enum status
prepare(struct source **src, const char *file, const char *encoding,
        const char **enc_used, int format_given, enum notation *notation)
{
	const char *p;
	size_t got;
	enum status st;

	st = encoding_apply(src, encoding, enc_used);
	if (st != STATUS_OK || format_given)
		return st;
	st = source_get(*src, 0, DETECT_SAMPLE, &p, &got);
	if (st != STATUS_OK)
		return st;
	*notation =
	        detect_notation(strcmp(file, "-") == 0 ? NULL : file, p, got);
	return STATUS_OK;
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
	int format_given = 0;
	const char *encoding = NULL, *enc_used = NULL;
	char format[64];
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
			if (!detect_parse_name(optarg, &notation))
				return usage_error("unknown format: '%s' "
				                   "(pinyin, zhuyin, aozora, "
				                   "markdown, anki or plain)",
				        optarg);
			format_given = 1;
			break;
		case OPT_ENCODING:
			if (!encoding_known(optarg))
				return usage_error(
				        "unknown encoding: '%s'", optarg);
			encoding = optarg;
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

	st = prepare(&src, file, encoding, &enc_used, format_given, &notation);
	if (st != STATUS_OK) {
		warn_msg("%s: %s", file,
		        st == STATUS_IO ? strerror(errno) : status_str(st));
		source_free(src);
		return 1;
	}
	if (enc_used != NULL && enc_used[0] == '\0' && (dump || outline))
		warn_msg("%s: not UTF-8, nor Shift_JIS, EUC-JP, GB18030 or "
		         "Big5 as far as rubi can tell (try --encoding=NAME): "
		         "invalid bytes are shown as <XX>",
		        strcmp(file, "-") == 0 ? "standard input" : file);
	snprintf(format, sizeof(format), "%s%s%s", detect_name(notation),
	        enc_used == NULL ? "" : " \xc2\xb7 ",
	        enc_used == NULL              ? ""
	                : enc_used[0] == '\0' ? "not UTF-8?"
	                                      : enc_name(enc_used));

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
		if (width < 0)
			width = isatty(STDOUT_FILENO) ? terminal_cols() : 80;
		if (dump)
			st = dump_doc(
			        doc, width, mode, ambi, write_stdout, NULL);
		else
			st = dump_outline(doc, write_stdout, NULL, NULL);
		if (st == STATUS_OK && fflush(stdout) != 0)
			st = STATUS_IO;
		if (st != STATUS_OK) {
			if (errno != EPIPE)
				warn_msg("%s",
				        st == STATUS_IO ? strerror(errno)
				                        : status_str(st));
			rc = 1;
		}
	} else {
		memset(&po, 0, sizeof(po));
		po.name = strcmp(file, "-") == 0 ? "(standard input)" : file;
		po.path = strcmp(file, "-") == 0 ? NULL : file;
		po.mode = mode;
		po.ambiwidth = ambi;
		po.use_state = !nostate;
		po.from_stdin = strcmp(file, "-") == 0;
		po.format = format;
		rc = pager_run(doc, &po);
	}
	doc_free(doc);
	unihan_free(uh);
	return rc;
}
