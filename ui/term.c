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
#include <unistd.h>

#include "term.h"

volatile sig_atomic_t term_quit_signal;

static SCREEN *screen;
static FILE *keys_in; /* /dev/tty when the document is on stdin */
static int saved_stderr = -1;
static FILE *parked; /* stderr goes here while curses runs */
static int atexit_done;

static void
on_quit_signal(int sig)
{
	term_quit_signal = sig;
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

/* Send stderr to a temporary file until term_stop (as htop does). */
static void
park_stderr(void)
{
	parked = tmpfile();
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
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	set_escdelay(50);
	curs_set(0);
	wtimeout(stdscr, 250);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	                | BUTTON5_PRESSED
#endif
	        ,
	        NULL);
	mouseinterval(0);
	install_signals();
	return 0;
}

void
term_stop(void)
{
	if (screen == NULL)
		return;
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
