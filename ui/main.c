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
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "detect.h"
#include "zip.h"
#include "doc.h"
#include "dump.h"
#include "encoding.h"
#include "export.h"
#include "glossary.h"
#include "html.h"
#include "known.h"
#include "pager.h"
#include "source.h"
#include "state.h"
#include "unihan.h"
#include "utf8.h"

enum {
	OPT_DUMP = 256,
	OPT_OUTLINE,
	OPT_AMBI,
	OPT_FORMAT,
	OPT_ENCODING,
	OPT_NOSTATE,
	OPT_VERSION,
	OPT_CHECK,
	OPT_GLOSSARY,
	OPT_UNKNOWN_ONLY,
	OPT_KNOWN,
	OPT_EXPORT,
	OPT_READINGS,
	OPT_TONE_COLORS,
	OPT_MAX_PIPE,
};

static const struct option longopts[] = {
        {"dump", no_argument, NULL, OPT_DUMP},
        {"outline", no_argument, NULL, OPT_OUTLINE},
        {"width", required_argument, NULL, 'w'},
        {"ruby", required_argument, NULL, 'r'},
        {"ambiwidth", required_argument, NULL, OPT_AMBI},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"export", required_argument, NULL, OPT_EXPORT},
        {"encoding", required_argument, NULL, OPT_ENCODING},
        {"no-state", no_argument, NULL, OPT_NOSTATE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {"check", no_argument, NULL, OPT_CHECK},
        {"glossary", no_argument, NULL, OPT_GLOSSARY},
        {"unknown-only", no_argument, NULL, OPT_UNKNOWN_ONLY},
        {"known", required_argument, NULL, OPT_KNOWN},
        {"readings", required_argument, NULL, OPT_READINGS},
        {"tone-colors", required_argument, NULL, OPT_TONE_COLORS},
        {"max-pipe", required_argument, NULL, OPT_MAX_PIPE},
        {NULL, 0, NULL, 0},
};

static const char *const ruby_names[] = {"above", "popup", "off", "inline"};
static const char *const style_names[] = {
        "marks", "numbers", "plain", "zhuyin"}; /* enum reading_style order */
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
	      "      --check           list suspicious annotations as "
	      "FILE:LINE:COLUMN:\n"
	      "                        (column in characters); exit 1 if "
	      "any\n"
	      "      --glossary        the annotated characters as TSV: "
	      "character, reading,\n"
	      "                        count, first LINE:COLUMN, meaning\n"
	      "      --unknown-only    with --glossary: leave out known "
	      "characters\n"
	      "      --known=FILE      add the characters listed in FILE to "
	      "the known ones,\n"
	      "                        and write the whole list back to FILE\n"
	      "      --readings=STYLE  marks (default: shēng), numbers "
	      "(sheng1), plain\n"
	      "                        (sheng) or zhuyin (ㄕㄥ)\n"
	      "      --tone-colors=NAME  readings coloured by tone: pleco "
	      "(default), mdbg,\n"
	      "                        hanping or none (none with NO_COLOR)\n"
	      "      --format=NAME     notation: pinyin, zhuyin, aozora, "
	      "markdown, anki, html\n"
	      "                        or plain (default: from the file name "
	      "and contents)\n"
	      "      --encoding=NAME   the file's encoding (default: UTF-8, "
	      "or Shift_JIS,\n"
	      "                        EUC-JP, GB18030 or Big5 when "
	      "recognised)\n"
	      "      --export=FORMAT   write the document to standard output "
	      "as html (a page\n"
	      "                        with <ruby>), text (no readings) or "
	      "inline (base(reading))\n"
	      "      --ambiwidth=N     columns of East Asian ambiguous "
	      "characters: 1 or 2\n"
	      "      --no-state        neither read nor save the reading "
	      "position and the\n"
	      "                        known characters (also when "
	      "RUBI_NO_STATE is set)\n"
	      "      --max-pipe=MIB    keep at most MIB MiB of a pipe in the "
	      "reader (256)\n"
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

/* ctx: an int set to 1 when writing failed, or NULL. */
static int
write_stdout(void *ctx, const char *s, size_t len)
{
	if (fwrite(s, 1, len, stdout) == len)
		return 0;
	if (ctx != NULL)
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
write_doc(struct doc *doc, int outline, int width, enum ruby_mode mode,
        int ambi, const struct layout_extra *extra)
{
	enum status st;
	int out_failed = 0;

	if (width < 0)
		width = isatty(STDOUT_FILENO) ? terminal_cols() : 80;
	if (outline)
		st = dump_outline(doc, write_stdout, &out_failed, NULL);
	else
		st = dump_doc_ex(doc, width, mode, ambi, extra, write_stdout,
		        &out_failed);
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

/*
 * Load the Unihan table from $RUBI_DATADIR or the package data dir: the
 * compiled table, else a text one (made or edited by hand); the first that
 * is there is the one used. Its path goes to path[]; NULL when there is
 * none or it cannot be used (*st says why: STATUS_IO with errno ENOENT
 * when there is none).
 */
static struct unihan *
load_unihan(char *path, size_t pathsize, enum status *st)
{
	static const char *const names[] = {"unihan.bin", "unihan.tsv"};
	const char *dir = getenv("RUBI_DATADIR");
	struct unihan *uh = NULL;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, pathsize, "%s/%s",
		        dir && *dir ? dir : PKGDATADIR, names[i]);
		*st = unihan_load(path, &uh);
		if (*st == STATUS_OK)
			return uh;
		if (*st != STATUS_IO || errno != ENOENT)
			return NULL;
	}
	return NULL;
}

/*
 * After writing a result to stdout with status st: flush, and say what
 * went wrong (nothing when the reader closed the pipe). Returns 0 when
 * everything went out.
 */
static int
finish_output(enum status st)
{
	if (st == STATUS_OK && fflush(stdout) != 0)
		st = STATUS_IO;
	if (st == STATUS_OK)
		return 0;
	if (errno != EPIPE)
		warn_msg("%s",
		        st == STATUS_IO ? strerror(errno) : status_str(st));
	return -1;
}

/* --known=FILE: add FILE's characters (a missing FILE is an empty list). */
static int
import_known(struct known *k, const char *path)
{
	enum status st = known_load_file(k, path, NULL);

	if (st == STATUS_OK || (st == STATUS_IO && errno == ENOENT))
		return 0;
	warn_msg("%s: %s", path,
	        st == STATUS_IO ? strerror(errno) : status_str(st));
	return -1;
}

/*
 * The known characters into k: those saved in the state file (unless
 * nostate), plus those of --known=FILE (may be NULL), which are saved
 * there too. spath gets the state file's path, or "" when there is none.
 */
static int
load_known(struct known *k, int nostate, const char *file, char *spath,
        size_t size)
{
	struct known *imp = NULL;
	struct state *st = NULL;
	size_t i, added = 0;

	if (nostate || state_default_path(spath, size) != STATUS_OK)
		spath[0] = '\0';
	if (spath[0] != '\0' && state_load(spath, &st) == STATUS_OK) {
		for (i = 0; i < known_count(state_known(st)); i++)
			known_set(k, known_at(state_known(st), i), 1);
		state_free(st);
		st = NULL;
	}
	if (file == NULL)
		return 0;
	if (known_new(&imp) != STATUS_OK || import_known(imp, file) != 0 ||
	        (spath[0] != '\0' && state_new(&st) != STATUS_OK)) {
		known_free(imp);
		return -1;
	}
	for (i = 0; i < known_count(imp); i++) {
		if (st != NULL && !known_has(k, known_at(imp, i)) &&
		        state_known_set(st, known_at(imp, i), 1) == STATUS_OK)
			added++;
		known_set(k, known_at(imp, i), 1);
	}
	if (added > 0 && state_save(spath, st, NULL) != STATUS_OK)
		warn_msg("%s: cannot save the known characters: %s", spath,
		        strerror(errno));
	state_free(st);
	known_free(imp);
	return 0;
}

/* --known=FILE: write the whole list back. */
static int
export_known(const struct known *k, const char *path)
{
	enum status st = known_save_file(k, path);

	if (st == STATUS_OK)
		return 0;
	warn_msg("%s: %s", path,
	        st == STATUS_IO ? strerror(errno) : status_str(st));
	return -1;
}

/*
 * rubi --check: the findings on stdout. Exit status 0 clean, 1 findings,
 * 2 when the file could not be read through (as grep and diff do).
 */
static int
run_check(struct doc *doc, const char *file, const struct unihan *uh,
        int prefer_hant)
{
	struct check_totals tot;
	enum status st;

	st = check_doc(doc, strcmp(file, "-") == 0 ? "(standard input)" : file,
	        uh, prefer_hant, write_stdout, NULL, &tot);
	if (finish_output(st) != 0)
		return 2;
	return tot.n > 0 ? 1 : 0;
}

/* How an iconv encoding name is shown. */
static const char *
enc_name(const char *iconv_name)
{
	return strcmp(iconv_name, "CP932") == 0 ? "Shift_JIS" : iconv_name;
}

/* The notation of src, from the file name and the first bytes. */
static enum status
guess_notation(struct source *src, const char *file, enum notation *notation)
{
	const char *p;
	size_t got;
	enum status st;

	st = source_get(src, 0, DETECT_SAMPLE, &p, &got);
	if (st == STATUS_OK)
		*notation = detect_notation(
		        strcmp(file, "-") == 0 ? NULL : file, p, got);
	return st;
}

static int
version(void)
{
	char path[PATH_MAX];
	enum status st;
	struct unihan *uh = load_unihan(path, sizeof(path), &st);
	int err = errno, none = st == STATUS_IO && err == ENOENT;

	printf("rubi %s\n", PACKAGE_VERSION);
	if (uh != NULL)
		printf("Unihan readings: %s (%zu characters)\n", path,
		        unihan_count(uh));
	else if (none)
		printf("Unihan readings: not found (no unihan.bin or "
		       "unihan.tsv in %.*s): readings are checked by "
		       "syllable only\n",
		        (int)(strrchr(path, '/') - path), path);
	else
		printf("Unihan readings: cannot use %s: %s: readings are "
		       "checked by syllable only\n",
		        path, st == STATUS_IO ? strerror(err) : status_str(st));
	printf("HTML input: Gumbo %s\n", GUMBO_VERSION);
	printf("Copyright (C) 2026 the rubi developers.\n"
	       "License GPLv3+: GNU GPL version 3 or later "
	       "<https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and "
	       "redistribute it.\nThere is NO WARRANTY, to the extent "
	       "permitted by law.\n");
	unihan_free(uh);
	return 0;
}

/* Read all of src into a new buffer; -1 (errno) on error, -2 too large. */
static int
read_whole(struct source *src, size_t max, char **out, size_t *out_len)
{
	const char *p;
	char *buf = NULL, *nb;
	size_t off = 0, got, cap = 0;

	for (;;) {
		if (source_get(src, off, SOURCE_WINDOW, &p, &got) != STATUS_OK)
			break;
		if (got == 0 && !source_complete(src)) {
			/* A pipe in live mode: wait for the rest. */
			if (source_wait(src, -1) == -1 && errno != EINTR)
				break;
			continue;
		}
		if (got == 0) {
			*out = buf;
			*out_len = off;
			return 0;
		}
		if (off + got > max) {
			free(buf);
			return -2;
		}
		if (off + got > cap) {
			cap = cap ? cap : SOURCE_WINDOW;
			while (cap < off + got)
				cap *= 2;
			nb = realloc(buf, cap);
			if (nb == NULL)
				break;
			buf = nb;
		}
		memcpy(buf + off, p, got);
		off += got;
	}
	free(buf);
	return -1;
}

/* Write all of s[0..len) to fd; 0 or -1. */
static int
write_all(int fd, const char *s, size_t len)
{
	ssize_t w;

	while (len > 0) {
		w = write(fd, s, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

/*
 * Convert html[0..len) to NOTATION_IAA text in a child process: the HTML
 * parser aborts when it runs out of memory and overflows the stack on
 * elements nested about a million deep, so it runs apart, under a memory
 * limit, where a failure costs a message, not the reader. Returns 0 with
 * *out (malloc'ed) and *out_len; -1 with a message printed.
 */
static int
html_convert(const char *name, const char *html, size_t len, char **out,
        size_t *out_len)
{
	struct html_stats hs;
	struct rlimit rl;
	char *iaa = NULL, *nb, why[64];
	size_t n = 0, cap = 0, iaa_len;
	ssize_t r = -1;
	pid_t pid;
	int fd[2], wst, child_rc;

	if (pipe(fd) != 0 || (pid = fork()) < 0) {
		warn_msg("%s: %s", name, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(fd[0]);
#ifndef __SANITIZE_ADDRESS__
		/* Gumbo takes up to about 32 bytes per byte of ruby-dense
		 * HTML; ASan reserves terabytes of address space: no limit
		 * there */
		rl.rlim_cur = rl.rlim_max =
		        ((rlim_t)512 << 20) + 64 * (rlim_t)len;
		setrlimit(RLIMIT_AS, &rl);
#else
		(void)rl;
#endif
		child_rc = 3;
		if (html_to_iaa(html, len, &iaa, &iaa_len, &hs) == STATUS_OK)
			child_rc = write_all(fd[1], iaa, iaa_len) == 0 ? 0 : 4;
		_exit(child_rc);
	}
	close(fd[1]);
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			nb = realloc(iaa, cap);
			if (nb == NULL)
				break;
			iaa = nb;
		}
		r = read(fd[0], iaa + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd[0]);
	while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(wst) && WEXITSTATUS(wst) == 0 && r == 0) {
		*out = iaa;
		*out_len = n;
		return 0;
	}
	free(iaa);
	if (WIFSIGNALED(wst))
		snprintf(why, sizeof(why), "signal %d", WTERMSIG(wst));
	else if (WIFEXITED(wst) && WEXITSTATUS(wst) == 3)
		snprintf(why, sizeof(why), "out of memory");
	else
		snprintf(why, sizeof(why), "exit status %d",
		        WIFEXITED(wst) ? WEXITSTATUS(wst) : -1);
	warn_msg("%s: the HTML parser failed on this input (%s)", name, why);
	return -1;
}

/*
 * Read all of src (at most HTML_INPUT_MAX bytes) for a reader that needs
 * it whole (`what`: "HTML", "ZIP archive"). 0, or -1 after a message.
 */
static int
read_input(struct source *src, const char *name, const char *what, char **buf,
        size_t *len)
{
	int rc = read_whole(src, HTML_INPUT_MAX, buf, len);

	if (rc == -2)
		warn_msg("%s: %s larger than %zu MiB: not read", name, what,
		        HTML_INPUT_MAX >> 20);
	else if (rc != 0)
		warn_msg("%s: %s", name, strerror(errno));
	return rc != 0 ? -1 : 0;
}

/*
 * Replace *src by a source over buf[0..len) (freed here, as is the old
 * source). 0, or -1 after a message.
 */
static int
swap_source(struct source **src, char *buf, size_t len, const char *name)
{
	enum status st;

	source_free(*src);
	*src = NULL;
	st = source_from_memory(buf ? buf : "", len, src);
	free(buf);
	if (st != STATUS_OK) {
		warn_msg("%s: %s", name, status_str(st));
		return -1;
	}
	return 0;
}

/*
 * If src is a ZIP archive (an Aozora Bunko text as distributed), replace
 * it by a source over its text member. 0 (and *zipped set when it was
 * one), or -1 after a message.
 */
static int
zip_input(const char *name, struct source **src, int *zipped)
{
	char *zip = NULL, *text = NULL, member[256], why[128];
	const char *head;
	size_t got, len, tlen;
	enum status st;

	*zipped = 0;
	if (source_get(*src, 0, 4, &head, &got) != STATUS_OK ||
	        !zip_sniff(head, got))
		return 0;
	if (read_input(*src, name, "ZIP archive", &zip, &len) != 0)
		return -1;
	st = zip_extract_text(zip ? zip : "", len, HTML_INPUT_MAX, &text, &tlen,
	        member, sizeof(member), why, sizeof(why));
	free(zip);
	if (st != STATUS_OK) {
		if (st == STATUS_BAD_INPUT)
			warn_msg("%s: a ZIP archive, but %s", name, why);
		else
			warn_msg("%s: %s", name, status_str(st));
		return -1;
	}
	if (swap_source(src, text, tlen, name) != 0)
		return -1;
	*zipped = 1;
	return 0;
}

/*
 * If the input is HTML (forced, or html_sniff says so), replace *src by a
 * source over its conversion and set *notation. 0, or -1 after a message.
 */
static int
html_input(const char *name, const char *file, int forced, struct source **src,
        enum notation *notation)
{
	const char *head;
	char *html, *iaa;
	size_t got, len, iaa_len;
	int rc;

	if (!forced) {
		if (source_get(*src, 0, HTML_SNIFF_LEN, &head, &got) !=
		        STATUS_OK)
			got = 0;
		if (!html_sniff(
		            strcmp(file, "-") == 0 ? NULL : file, head, got))
			return 0;
	}
	if (read_input(*src, name, "HTML", &html, &len) != 0)
		return -1;
	rc = html_convert(name, html ? html : "", len, &iaa, &iaa_len);
	free(html);
	if (rc != 0 || swap_source(src, iaa, iaa_len, name) != 0)
		return -1;
	*notation = NOTATION_IAA;
	return 0;
}

/* How the file was opened, to open it again the same way (E). */
struct reopen_ctx {
	const char *file;
	const char *encoding; /* the one used, or NULL for UTF-8 */
	int html;             /* converted from HTML */
};

static int
reopen(void *vctx, struct source **out, char *msg, size_t size)
{
	struct reopen_ctx *ctx = vctx;
	struct source *src;
	enum notation notation;
	const char *used;
	enum status st;
	char name[128];
	int zipped;

	utf8_sanitize(ctx->file, strlen(ctx->file), name, sizeof(name));
	st = source_open(ctx->file, &src);
	if (st == STATUS_OK && zip_input(ctx->file, &src, &zipped) != 0) {
		snprintf(msg, size, "%s: could not be read again", name);
		source_free(src);
		return -1;
	}
	if (st == STATUS_OK)
		st = encoding_apply(&src, ctx->encoding, &used);
	if (st != STATUS_OK) {
		snprintf(msg, size, "%s: %s", name,
		        st == STATUS_IO ? strerror(errno) : status_str(st));
		source_free(src);
		return -1;
	}
	if (ctx->html &&
	        html_input(ctx->file, ctx->file, 1, &src, &notation) != 0) {
		snprintf(
		        msg, size, "%s: could not be read again as HTML", name);
		source_free(src);
		return -1;
	}
	*out = src;
	return 0;
}

int
main(int argc, char **argv)
{
	struct pager_opts po;
	struct reopen_ctx rctx;
	struct doc_opts dopts;
	struct source *src = NULL;
	struct doc *doc = NULL;
	struct unihan *uh = NULL;
	char path[PATH_MAX];
	const char *file = NULL;
	int c, dump = 0, outline = 0, width = -1, ambi = 1, nostate = 0;
	int check = 0, glossary = 0, unknown_only = 0, tone_colors = 1;
	const char *known_path = NULL;
	struct known *known = NULL;
	char spath[PATH_MAX] = "";
	int format_given = 0, export = -1, interactive;
	size_t max_pipe = (size_t)256 << 20, got;
	const char *sample;
	int binary = 0, zipped = 0;
	struct layout_extra extra = {NULL, READING_MARKS};
	const char *encoding = NULL, *enc_used = NULL;
	char format[64];
	enum ruby_mode mode = RUBY_ABOVE;
	enum notation notation = NOTATION_PINYIN;
	enum status st;
	char *end;
	long n;
	size_t i;
	int rc;

	/* What rubi uses of the locale: the character set and the system's
	 * messages (strerror); loading the other ten categories cost 0.3 ms of
	 * every start. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	if (getenv("RUBI_NO_STATE") != NULL && *getenv("RUBI_NO_STATE"))
		nostate = 1;
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
				return usage_error(
				        "unknown format: '%s' "
				        "(pinyin, zhuyin, aozora, "
				        "markdown, anki, html or plain)",
				        optarg);
			format_given = 1;
			break;
		case OPT_EXPORT:
			if (strcmp(optarg, "html") == 0)
				export = EXPORT_HTML;
			else if (strcmp(optarg, "text") == 0)
				export = EXPORT_TEXT;
			else if (strcmp(optarg, "inline") == 0)
				export = EXPORT_INLINE;
			else
				return usage_error(
				        "unknown export format: "
				        "'%s' (html, text or inline)",
				        optarg);
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
		case OPT_MAX_PIPE:
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || n < 1 ||
			        n > 1048576)
				return usage_error("invalid --max-pipe: '%s' "
				                   "(MiB, 1 to 1048576)",
				        optarg);
			max_pipe = (size_t)n << 20;
			break;
		case OPT_CHECK:
			check = 1;
			break;
		case OPT_GLOSSARY:
			glossary = 1;
			break;
		case OPT_UNKNOWN_ONLY:
			unknown_only = 1;
			break;
		case OPT_KNOWN:
			known_path = optarg;
			break;
		case OPT_TONE_COLORS:
			for (i = 0; pager_tone_schemes[i] != NULL; i++)
				if (strcmp(optarg, pager_tone_schemes[i]) == 0)
					break;
			if (pager_tone_schemes[i] == NULL)
				return usage_error("unknown tone colours: '%s' "
				                   "(pleco, mdbg, hanping or "
				                   "none)",
				        optarg);
			tone_colors = (int)i;
			break;
		case OPT_READINGS:
			for (i = 0; i < 4; i++)
				if (strcmp(optarg, style_names[i]) == 0)
					break;
			if (i == 4)
				return usage_error(
				        "invalid reading style: '%s' "
				        "(marks, numbers, plain or "
				        "zhuyin)",
				        optarg);
			extra.style = (enum reading_style)i;
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
	if (dump + outline + check + glossary > 1)
		return usage_error("%s",
		        "--dump, --outline, --check and --glossary do not go "
		        "together");
	if (unknown_only && !glossary)
		return usage_error("%s", "--unknown-only goes with --glossary");
	if (export >= 0 && (dump || outline || check || glossary))
		return usage_error("%s",
		        "--export goes with none of --dump, --outline, "
		        "--check and --glossary");

	if (strcmp(file, "-") != 0 && is_terminal_file(file)) {
		warn_msg("%s: is a terminal, not a file to read", file);
		return 1;
	}
	interactive = !dump && !outline && !check && !glossary && export < 0;
	st = source_open(file, &src);
	if (st != STATUS_OK) {
		warn_msg("%s: %s",
		        strcmp(file, "-") == 0 ? "standard input" : file,
		        st == STATUS_IO ? strerror(errno) : status_str(st));
		return check ? 2 : 1;
	}
	if (interactive && !isatty(STDOUT_FILENO)) {
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

	/*
	 * The reader never waits on a pipe: it takes what has arrived within
	 * a moment as the sample to detect from, then shows lines as they
	 * come (source_set_live), keeping at most max_pipe bytes.
	 */
	if (interactive) {
		source_set_limit(src, max_pipe);
		st = source_prefetch(src, DETECT_SAMPLE, 200);
		source_set_live(src, 1);
		if (st != STATUS_OK) {
			warn_msg("%s: %s", "standard input", strerror(errno));
			source_free(src);
			return 1;
		}
	}

	/* An archive: its text member, before anything looks at the bytes. */
	if (zip_input(strcmp(file, "-") == 0 ? "standard input" : file, &src,
	            &zipped) != 0) {
		source_free(src);
		return 1;
	}

	/* A binary file is shown as UTF-8 with placeholders, never guessed
	 * to be in some legacy encoding (which would make it look like
	 * text). */
	if (encoding == NULL &&
	        source_get(src, 0, DETECT_SAMPLE, &sample, &got) == STATUS_OK &&
	        detect_binary(sample, got)) {
		binary = 1;
		encoding = "UTF-8";
	}

	/* The encoding first (HTML and every notation are read as UTF-8),
	 * then HTML, then the other notations by name and contents. */
	st = encoding_apply(&src, encoding, &enc_used);
	if (st == STATUS_OK && (!format_given || notation == NOTATION_IAA) &&
	        html_input(strcmp(file, "-") == 0 ? "standard input" : file,
	                file, notation == NOTATION_IAA, &src, &notation) != 0) {
		source_free(src);
		return 1;
	}
	if (st == STATUS_OK && !format_given && notation != NOTATION_IAA)
		st = guess_notation(src, file, &notation);
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
	snprintf(format, sizeof(format), "%s%s%s%s%s", detect_name(notation),
	        zipped ? " \xc2\xb7 zip" : "",
	        binary ? " \xc2\xb7 binary?" : "",
	        enc_used == NULL ? "" : " \xc2\xb7 ",
	        enc_used == NULL              ? ""
	                : enc_used[0] == '\0' ? "not UTF-8?"
	                                      : enc_name(enc_used));

	if (known_new(&known) != STATUS_OK) {
		warn_msg("%s", status_str(STATUS_NOMEM));
		source_free(src);
		return 1;
	}
	/* The saved list matters to the reader and to --unknown-only. */
	if ((known_path != NULL || unknown_only ||
	            !(dump || outline || check || glossary)) &&
	        load_known(known, nostate, known_path, spath, sizeof(spath)) !=
	                0) {
		known_free(known);
		source_free(src);
		return 1;
	}
	uh = load_unihan(path, sizeof(path), &st);
	memset(&dopts, 0, sizeof(dopts));
	dopts.notation = notation;
	dopts.ambiwidth = ambi;
	dopts.prefer_hant = 1;
	dopts.uh = uh;
	dopts.base_only = dump && !outline && mode == RUBY_OFF;
	st = doc_new(src, &dopts, &doc);
	if (st != STATUS_OK) {
		warn_msg("%s", status_str(st));
		unihan_free(uh);
		known_free(known);
		return 1;
	}

	rc = 0;
	if (check) {
		rc = run_check(doc, file, uh, dopts.prefer_hant);
	} else if (glossary) {
		st = glossary_write(doc, uh, unknown_only ? known : NULL,
		        write_stdout, NULL, NULL);
		rc = finish_output(st) != 0;
	} else if (export >= 0) {
		st = export_doc(doc, (enum export_format) export,
		        strcmp(file, "-") == 0 ? NULL : file, write_stdout,
		        NULL);
		rc = finish_output(st) != 0;
	} else if (dump || outline) {
		rc = write_doc(doc, outline, width, mode, ambi, &extra);
	} else {
		memset(&po, 0, sizeof(po));
		po.name = strcmp(file, "-") == 0 ? "(standard input)" : file;
		po.path = strcmp(file, "-") == 0 ? NULL : file;
		po.mode = mode;
		po.ambiwidth = ambi;
		po.use_state = !nostate;
		po.from_stdin = strcmp(file, "-") == 0;
		po.uh = uh;
		po.known = known;
		po.style = extra.style;
		po.tone_colors = tone_colors;
		po.known_state = spath[0] != '\0' ? spath : NULL;
		po.prefer_hant = dopts.prefer_hant;
		po.format = format;
		if (strcmp(file, "-") != 0) {
			rctx.file = file;
			rctx.encoding = enc_used != NULL && enc_used[0] != '\0'
			        ? enc_used
			        : NULL;
			rctx.html = notation == NOTATION_IAA;
			po.reopen = reopen;
			po.reopen_ctx = &rctx;
		}
		po.notice = binary ? "This looks like a binary file: its "
		                     "bytes are shown as placeholders"
		                   : NULL;
		rc = pager_run(doc, &po);
		/* No usable terminal: the text, laid out and made safe (never
		 * the raw bytes: stdout is a terminal, if a poor one). */
		if (rc == PAGER_NO_TERMINAL) {
			source_set_live(doc_source(doc), 0);
			rc = write_doc(doc, 0, width, mode, ambi, &extra);
		}
	}
	doc_free(doc);
	unihan_free(uh);
	if (known_path != NULL && rc != 2 && export_known(known, known_path))
		rc = 1;
	known_free(known);
	return rc;
}
