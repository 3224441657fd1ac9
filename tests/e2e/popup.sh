#!/bin/sh
# e2e: popup mode. The cursor (reverse video) sits on a character; a
# bordered window next to it shows that character and its reading; .
# and , jump between annotated characters, the arrows move by character.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# The character under the cursor: the text area's reverse-video cells
# (no search is active, so the cursor is the only one).
cursor() {
	e2e_attr_cells r | awk -F '\t' '{ s = s $3 } END { print s }'
}

# The attributes of the cursor cell (u: underlined, an annotated one).
cursor_attrs() {
	e2e_screen_e | sed -n "1,$((e2e_rows - 1))p" | e2e_cells |
	    awk -F '\t' -v x="$(e2e_text_x)" '$2 >= x && index($4, "r") && $5 != " " { print $4 }'
}

# The gloss window's two inner lines, "CHAR READING", read from the text
# area: a row "│ X ... │" followed by a row "│ Y ... │".
window() {
	e2e_text | awk '
	{
		inner = ""
		p = index($0, "│")
		if (p > 0) {
			rest = substr($0, p + length("│"))
			q = index(rest, "│")
			if (q > 0) { inner = substr(rest, 1, q - 1); gsub(/ /, "", inner) }
		}
		if (inner != "" && prev != "") { print prev " " inner; exit }
		prev = inner
	}'
}

# Check that the window shows the cursor's character and its reading: one
# the sample gives that character if the cell is marked as annotated
# (underlined), else "(no reading)"; that the cursor is on EXPECT (if
# given); and that drawing the window left the rest of the screen intact
# (the sidebar is as it was at the start).
check_gloss() {
	c=$(cursor)
	if [ -n "${2:-}" ]; then
		e2e_check_eq "$1: the cursor is on $2" "$2" "$c"
	fi
	win=$(window | sed "s/(guess)//" | e2e_untone | sed "s/ü/v/g")
	if cursor_attrs | grep -q u; then
		rds=$(e2e_sample_readings | awk -F '\t' -v c="$c" '$1 == c { print $2 }')
		if [ -n "$c" ] && printf '%s\n' "$rds" | grep -q -x -F -e "${win#* }" &&
		    [ "${win%% *}" = "$c" ]; then
			e2e_pass "$1: the window shows $c and its reading (${win#* })"
		else
			e2e_fail "$1: the window shows $c and its reading" \
			    "window: $win
the sample reads $c as: $(printf '%s' "$rds" | tr '\n' ' ')"
		fi
	else
		e2e_check_eq "$1: the window shows $c and (no reading)" \
		    "$c (noreading)" "$win"
	fi
	e2e_check_eq "$1: the rest of the screen is intact (sidebar unchanged)" \
	    "$side0" "$(e2e_sidebar)"
}

e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_wait_indexed
side0=$(e2e_sidebar)
e2e_keys r
e2e_check "r: popup mode" e2e_wait_mode popup
e2e_check "popup: a bordered window is drawn" e2e_wait_for "┌"
# The first annotated character on screen: 生(sheng) in 省生態環境廳.
check_gloss "r" 生

old=$(e2e_screen)
e2e_keys .
e2e_wait_change "$old"
check_gloss ". (next annotated)" 態
old=$(e2e_screen)
e2e_keys .
e2e_wait_change "$old"
check_gloss ". again" 環
old=$(e2e_screen)
e2e_keys ,
e2e_wait_change "$old"
check_gloss ", (previous annotated)" 態
old=$(e2e_screen)
e2e_keys ,
e2e_wait_change "$old"
check_gloss ", again" 生

old=$(e2e_screen)
e2e_keys Left
e2e_wait_change "$old"
check_gloss "Left (a character without a reading)" 省
old=$(e2e_screen)
e2e_keys Right
e2e_wait_change "$old"
check_gloss "Right" 生
old=$(e2e_screen)
e2e_keys Down
e2e_wait_change "$old"
c=$(cursor)
e2e_check "Down: the cursor is on a character" test -n "$c"
check_gloss "Down"

# Never off screen, never over the cursor: at the last row the window
# goes above. G then walk the cursor to the bottom rows.
e2e_keys G
e2e_poll e2e__stable
e2e_keys Down Down Down Down Down Down Down Down Down Down
e2e_poll e2e__stable
check_gloss "at the end of the text"
e2e_check "the window's bottom border is on screen" e2e__has "└"

e2e_keys r
e2e_check "r: off mode" e2e_wait_mode off
e2e_check "off: no window" e2e_wait_gone "┌"
e2e_check_eq "off: no cursor" "" "$(cursor)"
# The box is drawn with box-drawing characters themselves, not ncurses's
# ACS_ULCORNER and the like (see sidebar.sh: xterm's description has no
# U8, so ncurses would switch to the alternate character set for them).
E2E_RECORD=1
E2E_TERM=xterm-256color
e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_keys r
e2e_check "xterm-256color: a bordered window" e2e_wait_for "┌"
e2e_check "xterm-256color: its corner and line go out as ┌── itself" \
    e2e_raw_has "┌──"
e2e_check "xterm-256color: no switch to the alternate character set" \
    e2e_raw_lacks '\033(0'
e2e_done
