#!/bin/sh
# e2e: poor terminals and process faults (RELIABILITY.md cases 49, 50, 52,
# 53, 55, 57, 58). TERM unset, dumb or unknown: one line on stderr and the text
# written as --dump would (made safe, never the raw file), status 0, the
# terminal untouched. Stale exported COLUMNS/LINES and a tty that reports
# 0x0 do not pin a wrong size. SIGSTOP, a resize, SIGCONT: redrawn for
# the new size. 200 resizes in a
# row leave a screen drawn for the final size.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

cp "$top_srcdir/tests/data/escapes.txt" "$e2e_tmp/escapes.txt" || exit 99
# The wrapper rubi runs under from outside (valgrind in CI) stays
# innermost: RUBI_WRAPPER="env -u TERM $outer".
outer=${RUBI_WRAPPER:-}

for how in "env -u TERM" "env TERM=dumb" "env TERM=no-such-terminal-xyz"; do
	RUBI_WRAPPER="$how $outer"
	e2e_start 100 30 escapes.txt
	e2e_check_eq "$how: exit status 0" 0 "$(e2e_wait_exit)"
	e2e_check "$how: one line on stderr says why" eval \
	    '[ "$(grep -c "^rubi:" "$e2e_tmp/stderr")" -eq 1 ] &&
	     grep -q "writing the text instead" "$e2e_tmp/stderr"'
	e2e_check "$how: the text is written with placeholders" \
	    e2e_wait_for 'UNTERMINATED^[]8;;http://unterminated.example'
	e2e_check_eq "$how: the alternate screen was never used" 0 \
	    "$(e2e_flag alternate_on)"
	e2e_check_stty "$how"
done

# Stale exported sizes (ncurses would pin COLS to them): the pane's real
# 100x30 wins, the sidebar is shown and the status bar is the last row.
RUBI_WRAPPER="env COLUMNS=10 LINES=abc $outer"
e2e_start 100 30 sample.txt
e2e_check "COLUMNS=10 LINES=abc: the status bar is on row 30" \
    e2e_poll eval 'e2e_status | grep -q "h:help"'
e2e_check "COLUMNS=10 LINES=abc: drawn 100 columns wide (sidebar)" \
    e2e_poll eval '[ "$(e2e_row 0 | e2e_cut 27 28)" = "│" ]'
e2e_keys q
e2e_check_eq "COLUMNS=10: q exits with 0" 0 "$(e2e_wait_exit)"

# A tty that reports 0 rows and 0 columns.
cat > "$e2e_tmp/zero.sh" <<'EOT'
stty rows 0 cols 0
exec "$@"
EOT
RUBI_WRAPPER="sh zero.sh $outer"
e2e_start 100 30 sample.txt
e2e_check "0x0 tty: the reader draws a status bar" \
    e2e_poll eval 'e2e_screen | grep -q "h:help"'
e2e_keys q
e2e_check_eq "0x0 tty: q exits with 0" 0 "$(e2e_wait_exit)"
e2e_check_stty "0x0 tty"
RUBI_WRAPPER=$outer

# Signals sent with kill. SIGSTOP (which cannot be caught), a resize
# while stopped, SIGCONT: the screen is redrawn for the new size. (Ctrl-Z
# in a job-control shell is terminal-restore.sh's test.)
e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_signal STOP
e2e_resize 60 20
e2e_signal CONT
e2e_check "SIGSTOP, resize, SIGCONT: redrawn at 60x20" e2e_poll eval \
    '[ "$(e2e_screen | wc -l)" -eq 20 ] && e2e_status | grep -q "h:help"'
e2e_keys r
e2e_check "after SIGCONT: keys work" e2e_wait_mode popup
e2e_keys q
e2e_check_eq "after SIGSTOP/SIGCONT: q exits with 0" 0 \
    "$(e2e_wait_exit)"
e2e_check_stty "SIGSTOP/SIGCONT"

# 56. SIGHUP, SIGINT, SIGTERM: status 128 + the signal's number
# (terminal-restore.sh checks the terminal after each).
for sn in HUP:1 INT:2 TERM:15; do
	e2e_start 100 30 --no-state sample.txt
	e2e_wait_mode above
	e2e_signal "${sn%:*}"
	e2e_check_eq "SIG${sn%:*}: exit status $((128 + ${sn#*:}))" \
	    $((128 + ${sn#*:})) "$(e2e_wait_exit)"
done

# 58. A crash in rubi itself (here SIGSEGV and SIGABRT sent with kill):
# the terminal's modes are restored, the alternate screen left, the cursor
# shown, and the signal then kills rubi as it would have. Not under a
# wrapper such as valgrind, which takes fatal signals for itself (the
# plain and sanitizer builds run it).
crash_sigs="SEGV ABRT"
if [ -n "${RUBI_WRAPPER:-}" ]; then
	echo "# SKIP 58 (SIGSEGV, SIGABRT): rubi runs under $RUBI_WRAPPER"
	crash_sigs=
fi
for sig in $crash_sigs; do
	e2e_start 100 30 sample.txt
	e2e_wait_mode above
	e2e_signal $sig
	st=$(e2e_wait_exit)
	e2e_check "SIG$sig: rubi dies of it (status $st > 128)" \
	    test "${st:-0}" -gt 128
	e2e_check_stty "SIG$sig"
	e2e_check_eq "SIG$sig: back on the normal screen" 0 \
	    "$(e2e_flag alternate_on)"
	e2e_check_eq "SIG$sig: the cursor is visible" 1 "$(e2e_flag cursor_flag)"
done

# A resize storm: 200 resizes, then the screen fits the last size.
e2e_start 100 30 sample.txt
e2e_wait_mode above
i=0
while [ $i -lt 200 ]; do
	e2e_resize $((20 + i % 90)) $((3 + i % 40)) 2>/dev/null
	i=$((i + 1))
done
e2e_resize 70 20
e2e_check "after 200 resizes: alive" e2e_alive
e2e_check "after 200 resizes: the status bar is on row 20" e2e_poll eval \
    '[ "$(e2e_screen | wc -l)" -eq 20 ] && e2e_status | grep -q "h:help"'
e2e_check "after 200 resizes: nothing wider than 70 columns" eval \
    '[ "$(e2e_screen | e2e_width | sort -n | tail -n 1)" -le 70 ]'
e2e_keys q
e2e_check_eq "after the storm: q exits with 0" 0 "$(e2e_wait_exit)"
e2e_check_stty "resize storm"
e2e_done
