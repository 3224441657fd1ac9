/*
 * term.c: the terminal (see term.h). ncurses owns SIGWINCH (KEY_RESIZE)
 * and SIGTSTP; SIGINT, SIGTERM and SIGHUP only set a flag that the main
 * loop checks, so the terminal is always restored by term_stop().
 */
#include "config.h"

#include <curses.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "term.h"

volatile sig_atomic_t term_quit_signal;

static SCREEN *screen;
static FILE *keys_in; /* /dev/tty when the document is on stdin */
static int saved_stderr = -1;
static FILE *parked; /* stderr goes here while curses runs */
static int atexit_done;

/* For a crash: the terminal's modes before curses, and the strings that
 * leave the alternate screen, show the cursor and reset the keypad. */
static struct termios crash_tio;
static int crash_tio_ok;
static char crash_seq[256];
static size_t crash_seq_len;

static void
on_quit_signal(int sig)
{
	term_quit_signal = sig;
}

/* Append terminfo capability `cap` to crash_seq, if the terminal has it. */
static void
crash_add(const char *cap)
{
	char *v = tigetstr(cap);
	size_t n;

	if (v == NULL || v == (char *)-1)
		return;
	n = strlen(v);
	if (crash_seq_len + n < sizeof(crash_seq)) {
		memcpy(crash_seq + crash_seq_len, v, n);
		crash_seq_len += n;
	}
}

/*
 * A crash in our own code (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT):
 * best effort with async-signal-safe calls only: the saved terminal modes
 * back, the alternate screen left, the cursor shown; then the signal runs
 * its default action (SA_RESETHAND), as if we had not been here.
 */
static void
on_crash(int sig)
{
	ssize_t r;

	if (crash_tio_ok)
		tcsetattr(STDOUT_FILENO, TCSANOW, &crash_tio);
	if (crash_seq_len > 0)
		r = write(STDOUT_FILENO, crash_seq, crash_seq_len);
	(void)r;
	raise(sig); /* delivered, by default, when the handler returns */
}

static const int crash_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NCRASH_SIGS (sizeof(crash_sigs) / sizeof(crash_sigs[0]))

/* handler: on_crash while curses runs, SIG_DFL after term_stop. */
static void
set_crash_handlers(void (*handler)(int))
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < NCRASH_SIGS; i++)
		sigaction(crash_sigs[i], &sa, NULL);
}

static void
install_crash_handlers(void)
{

	crash_seq_len = 0;
	crash_add("rmcup");
	crash_add("cnorm");
	crash_add("rmkx");
	set_crash_handlers(on_crash);
}

static int
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal; /* no SA_RESTART: let get_wch return */
	if (sigaction(SIGINT, &sa, NULL) == -1 ||
	        sigaction(SIGTERM, &sa, NULL) == -1 ||
	        sigaction(SIGHUP, &sa, NULL) == -1)
		return -1;
	return 0;
}

/*
 * An anonymous file: in memory where the system has them (memfd_create:
 * 0.04 ms less to a first screen than tmpfile(), which makes a file on a
 * file system), else tmpfile().
 */
static FILE *
park_file(void)
{
#ifdef HAVE_MEMFD_CREATE
	int fd = memfd_create("rubi-stderr", MFD_CLOEXEC);
	FILE *f;

	if (fd != -1) {
		f = fdopen(fd, "w+");
		if (f != NULL)
			return f;
		close(fd);
	}
#endif
	return tmpfile();
}

/* Send stderr to a temporary file until term_stop (as htop does). */
static void
park_stderr(void)
{
	parked = park_file();
	if (parked == NULL)
		return;
	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	if (saved_stderr == -1 || dup2(fileno(parked), STDERR_FILENO) == -1) {
		fclose(parked);
		parked = NULL;
	}
}

static void
unpark_stderr(void)
{
	char buf[4096];
	size_t n;

	if (parked == NULL)
		return;
	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
	rewind(parked);
	while ((n = fread(buf, 1, sizeof(buf), parked)) > 0)
		if (fwrite(buf, 1, n, stderr) != n)
			break;
	fclose(parked);
	parked = NULL;
}

int
term_input_fd(void)
{
	return keys_in != NULL ? fileno(keys_in) : STDIN_FILENO;
}

int
term_start(int keys_tty, char *msg, size_t msgsize)
{
	const char *t = getenv("TERM");
	FILE *in = stdin;

	if (t == NULL || *t == '\0' || strcmp(t, "dumb") == 0) {
		snprintf(msg, msgsize,
		        "the terminal type (TERM) is %s; "
		        "cannot draw the reader",
		        t == NULL || *t == '\0' ? "not set" : "dumb");
		return -1;
	}
	if (keys_tty) {
		keys_in = fopen("/dev/tty", "r");
		if (keys_in == NULL) {
			snprintf(msg, msgsize, "cannot open /dev/tty for keys");
			return -1;
		}
		in = keys_in;
	}
	crash_tio_ok = tcgetattr(STDOUT_FILENO, &crash_tio) == 0;
	use_tioctl(TRUE); /* a stale exported LINES/COLUMNS must not win */
	screen = newterm(NULL, stdout, in);
	if (screen == NULL) {
		snprintf(msg, msgsize, "cannot use terminal type '%.40s'", t);
		if (keys_in != NULL) {
			fclose(keys_in);
			keys_in = NULL;
		}
		return -1;
	}
	if (!atexit_done) {
		atexit(term_stop);
		atexit_done = 1;
	}
	park_stderr();
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	set_escdelay(50);
	curs_set(0);
	wtimeout(stdscr, 250);
	if (has_colors()) {
		/* Default colours first: once start_color() has made the
		 * pairs, use_default_colors() sets pair 0 again and ncurses
		 * then looks at every cell of the screen for it (140K
		 * instructions of each start). Before, start_color() makes
		 * pair 0 from them at once. */
		use_default_colors();
		start_color();
	}
	install_signals();
	install_crash_handlers();
	/*
	 * ncurses 6.4 flushes its output after every cursor movement until
	 * the screen has once come back from endwin() (_nc_mvcur(): meant
	 * for programs that use terminfo alone), so a first screen went out
	 * in about 90 write()s. Leaving here makes the first refresh come
	 * back, in a write or two like every later one; the terminal's modes
	 * are the reader's again at once (endwin() gave the shell's back).
	 */
	endwin();
	reset_prog_mode();
	return 0;
}

void
term_input_start(void)
{
	keypad(stdscr, TRUE);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	                | BUTTON5_PRESSED
#endif
	        ,
	        NULL);
	mouseinterval(0);
}

void
term_stop(void)
{
	if (screen == NULL)
		return;
	set_crash_handlers(SIG_DFL);
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
	if (keys_in != NULL) {
		fclose(keys_in);
		keys_in = NULL;
	}
	unpark_stderr();
}

void
term_suspend(void)
{
	endwin();
	raise(SIGTSTP);
	/* SIGCONT: back in curses mode on the next refresh */
	refresh();
}
