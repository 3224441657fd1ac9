/*
 * term.h: owning the terminal: curses start and stop, signal flags, and
 * stderr parked while curses draws.
 */
#ifndef RUBI_TERM_H
#define RUBI_TERM_H

#include <signal.h>

/* The signal (SIGINT, SIGTERM, SIGHUP) that asked us to quit, or 0. */
extern volatile sig_atomic_t term_quit_signal;

/*
 * Start curses on the terminal. Keys come from /dev/tty when `keys_tty`
 * (the document is on stdin). Returns 0, or -1 with a message in msg
 * (the terminal is untouched then).
 */
int term_start(int keys_tty, char *msg, size_t msgsize);

/*
 * Turn on function keys and the mouse: after the first screen, which
 * does not wait for them, and before the first key is read.
 */
void term_input_start(void);

/* The descriptor keys come from (for poll), once started. */
int term_input_fd(void);

/* Restore the terminal and replay what was written to stderr meanwhile.
 * Idempotent; also registered with atexit. */
void term_stop(void);

/* Leave curses, stop ourselves (SIGTSTP), and come back on SIGCONT. */
void term_suspend(void);

#endif
