#!/bin/sh
# e2e: quitting with q, and being killed by SIGTERM, SIGINT or SIGHUP,
# leave the terminal as it was: `stty -g` the same before and after, the
# normal screen (not the alternate one), the cursor visible, keypad and
# mouse reporting off. q exits with status 0. Ctrl-Z suspends to the
# shell and fg brings the reader back.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

check_restored() {
	e2e_check_stty "$1"
	e2e_check_eq "$1: back on the normal screen" 0 "$(e2e_flag alternate_on)"
	e2e_check_eq "$1: the cursor is visible" 1 "$(e2e_flag cursor_flag)"
	e2e_check_eq "$1: cursor keys in normal mode" 0 \
	    "$(e2e_flag keypad_cursor_flag)"
	e2e_check_eq "$1: keypad in normal mode" 0 "$(e2e_flag keypad_flag)"
	e2e_check_eq "$1: mouse reporting off" 0 "$(e2e_flag mouse_any_flag)"
}

e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_check_eq "while running: the alternate screen is on" 1 \
    "$(e2e_flag alternate_on)"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
check_restored q

for sig in TERM INT HUP; do
	e2e_start 100 30 sample.txt
	e2e_wait_mode above
	# In the middle of something: popup mode, scrolled.
	e2e_keys r Space
	e2e_wait_mode popup
	e2e_signal "$sig"
	st=$(e2e_wait_exit)
	e2e_check "SIG$sig: rubi exits (status $st)" test -n "$st"
	check_restored "SIG$sig"
done

# Ctrl-Z and fg, in an interactive shell with job control.
if command -v bash >/dev/null 2>&1; then
	e2e_stop
	e2e_cols=100
	e2e_rows=30
	rm -f "$e2e_tmp/stty.before" "$e2e_tmp/stty.after" "$e2e_tmp/exit"
	cat > "$e2e_tmp/bashrc" <<'EOT'
PS1='$ '
EOT
	e2e_tmux new-session -d -s rubi -x 100 -y 30 -c "$e2e_tmp" \
	    "env -i PATH=$(e2e_q "$PATH") HOME=$(e2e_q "$e2e_tmp/home") XDG_STATE_HOME=$(e2e_q "$e2e_tmp/state") TERM=tmux-256color LANG=C.UTF-8 RUBI_DATADIR=$(e2e_q "$RUBI_DATADIR") bash --noprofile --rcfile $(e2e_q "$e2e_tmp/bashrc") -i"
	e2e_started=1
	e2e_wait_for '$'
	# Separate command lines: bash goes on with a list when a job stops.
	e2e_type "stty -g > stty.before"
	e2e_keys Enter
	e2e_wait_file stty.before
	e2e_poll eval '[ "$(e2e_flag pane_current_command)" = bash ]'
	e2e_type "$(e2e_q "$RUBI") sample.txt"
	e2e_keys Enter
	e2e_wait_mode above
	e2e_keys C-z
	e2e_check "Ctrl-Z: the shell reports the job stopped" e2e_wait_re 'Stopped'
	e2e_check_eq "Ctrl-Z: back on the normal screen" 0 "$(e2e_flag alternate_on)"
	e2e_poll eval '[ "$(e2e_flag pane_current_command)" = bash ]'
	e2e_type "stty -g > stty.during"
	e2e_keys Enter
	e2e_wait_file stty.during
	if cmp -s "$e2e_tmp/stty.before" "$e2e_tmp/stty.during"; then
		e2e_pass "Ctrl-Z: stty -g in the shell is as before"
	else
		e2e_fail "Ctrl-Z: stty -g in the shell is as before"
	fi
	e2e_type fg
	e2e_keys Enter
	e2e_check "fg: the reader is back" e2e_wait_mode above
	e2e_check "fg: the text is redrawn" e2e_wait_for "$SEC1"
	e2e_keys q
	# Type only once the shell is back in the foreground.
	e2e_poll eval '[ "$(e2e_flag pane_current_command)" = bash ]'
	e2e_type 'echo $? > exit.tmp; stty -g > stty.after; mv exit.tmp exit'
	e2e_keys Enter
	e2e_check_eq "q after fg: exit status 0" 0 "$(e2e_wait_exit)"
	check_restored "Ctrl-Z, fg, q"
fi
e2e_done
