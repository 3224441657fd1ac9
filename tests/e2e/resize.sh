#!/bin/sh
# e2e: resizing. 100x30 -> 40x12 -> 100x30 keeps the position; the sidebar
# hides below 80 columns; tiny sizes (1x1 .. 19x4) show "terminal too
# small" where it fits and never crash; growing back shows the text; a
# burst of resizes leaves a sane screen.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# Wait until rubi has drawn for the current size: the status bar is the
# last row and ends with h:help, and nothing is wider than the terminal.
drawn() {
	e2e_status | grep -q 'h:help *$' &&
	    [ "$(e2e_screen | e2e_width | sort -n | tail -n 1)" -le "$e2e_cols" ]
}

sidebar_shown() {
	[ "$(e2e_row 0 | e2e_cut 27 28)" = "│" ]
}

e2e_start 100 30 sample.txt
e2e_wait_mode above
old=$(e2e_screen)
e2e_keys j j j j j
e2e_wait_change "$old"
first=$(e2e_first_base)
e2e_check "scrolled down five lines" test "$(e2e_prefix "$first" 5)" != "2月15日"

e2e_resize 40 12
e2e_check "40x12: redrawn with the status bar on the last row" e2e_poll drawn
e2e_check "40x12: the sidebar is hidden" e2e_poll eval '! sidebar_shown'
# The line that was on top is now on the first or second line (it may
# have been re-wrapped to start mid-line).
small=$(e2e_text 0 | grep "$(printf '[\343-\351\357]')" | head -n 2 | tr -d ' \n')
e2e_check "40x12: the old first line's start is at the top" eval \
    'case $small in *"$(e2e_prefix "$first" 4)"*) true ;; *) false ;; esac'

e2e_resize 100 30
e2e_check "100x30 again: redrawn" e2e_poll drawn
e2e_check "100x30 again: the sidebar is back" e2e_poll sidebar_shown
e2e_poll e2e__stable
e2e_check_eq "100x30 again: the same first line as before the resize" \
    "$first" "$(e2e_first_base)"
first=$(e2e_first_base)

# Tiny sizes.
for size in 1x1 2x1 1x2 2x2 5x2 10x3 19x4 18x5 100x4 19x30 20x4; do
	c=${size%x*}
	r=${size#*x}
	e2e_resize "$c" "$r"
	if [ "$c" -ge 18 ]; then
		e2e_check "${size}: \"terminal too small\"" \
		    e2e_wait_for "terminal too small"
	else
		e2e_check "${size}: the screen fits the terminal" e2e_poll eval \
		    '[ "$(e2e_screen | e2e_width | sort -n | tail -n 1)" -le "$c" ]'
		e2e_poll e2e__stable
	fi
	e2e_check_alive "${size}: rubi is still running"
done
e2e_resize 20 5
e2e_check "20x5 (the minimum): no \"too small\" notice" e2e_wait_gone "too small"
e2e_check "20x5: the text is shown" e2e_poll eval \
    'e2e_screen | head -n 4 | grep -q "$(printf "[\343-\351]")"'
e2e_check "20x5: the status bar shows the position (NN%)" e2e_poll eval \
    'e2e_status | grep -q "[0-9]%"'
e2e_resize 100 30
e2e_check "100x30: the text is back" e2e_poll drawn
e2e_poll e2e__stable
e2e_check_eq "100x30: the same first line as before the tiny sizes" \
    "$first" "$(e2e_first_base)"

# A burst of resizes, no waiting in between.
for size in 30x8 1x1 120x40 7x3 80x24 45x15 2x9 99x29 60x20 100x30; do
	e2e_tmux resize-window -t rubi -x "${size%x*}" -y "${size#*x}"
done
e2e_cols=100
e2e_rows=30
e2e_check "after a burst of resizes: redrawn at 100x30" e2e_poll drawn
e2e_check_alive "after a burst of resizes: rubi is still running"
e2e_keys q
e2e_check_eq "q exits with status 0" 0 "$(e2e_wait_exit)"
e2e_check "rubi wrote nothing on stderr" test ! -s "$e2e_tmp/stderr"
e2e_done
