#!/bin/sh
# The core (src/) must never know a terminal exists: fail if any file
# there includes or mentions curses.
srcdir=${top_srcdir:-$(dirname "$0")/..}
if grep -rnE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/|term\.h)' "$srcdir/src"; then
	echo "FAIL: src/ includes curses (above)"
	exit 1
fi
if grep -rnE '\b(initscr|newterm|stdscr|wrefresh|mvwadd|get_wch|wgetch)\b' "$srcdir/src"; then
	echo "FAIL: src/ calls curses (above)"
	exit 1
fi
echo "ok: src/ is free of curses"
