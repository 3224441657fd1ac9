#!/bin/sh
# e2e: the sidebar lists the sample's four areas; ] and [ jump between
# sections from the text; the current section is highlighted; Tab moves
# the focus to the sidebar, where j and Enter choose and jump; s hides it.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# The bold (highlighted) entry of the sidebar.
highlighted() {
	e2e_attr_cells "$1" 0 | awk -F '\t' '$2 < 27 { r[$1] = r[$1] $3 }
	    END { for (k in r) print r[k] }'
}

# Wait until the status bar names section TITLE.
wait_section() {
	e2e_wait_re "· $1 .*%  above  h:help"
}

e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_wait_indexed
side=$(e2e_sidebar)
for t in "$SEC1" "$SEC2" "$SEC3" "$SEC4"; do
	e2e_check "the sidebar lists $t" e2e_starts_with \
	    "$(printf '%s\n' "$side" | grep -F -e "$t")" " $t"
done
e2e_check "the sidebar has the four areas in order" test \
    "$(printf '%s\n' "$side" | tr -d ' ' | grep -v '^$' | head -n 4 | tr '\n' /)" = \
    "$SEC1/$SEC2/$SEC3/$SEC4/"
e2e_check "the sidebar's border is column 27 on every text row" test \
    "$(e2e_screen | sed -n "1,$((e2e_rows - 1))p" | e2e_cut 27 28 | sort -u)" = "│"

n=0
for t in "$SEC1" "$SEC2" "$SEC3"; do
	n=$((n + 1))
	e2e_keys ']'
	e2e_check "] #$n: the status bar names $t" wait_section "$t"
	e2e_poll e2e__stable
done
top=$(e2e_first_base)
e2e_check "] three times puts $SEC3 at the top of the text area" \
    e2e_starts_with "$top" "$SEC3"
e2e_check_eq "the sidebar highlights $SEC3" "$SEC3" "$(highlighted b | tr -d ' ')"

e2e_keys '['
e2e_check "[ goes back to $SEC2" wait_section "$SEC2"
e2e_poll e2e__stable
e2e_check "[: $SEC2 is at the top" e2e_starts_with "$(e2e_first_base)" "$SEC2"
e2e_check_eq "the sidebar highlights $SEC2" "$SEC2" "$(highlighted b | tr -d ' ')"

# Focus the sidebar, choose the last entry, jump.
e2e_keys Tab
e2e_check "Tab: the sidebar selection is shown in reverse video" \
    e2e_poll eval 'test -n "$(highlighted r)"' 
e2e_keys j j
e2e_check_poll "j j in the sidebar selects $SEC4" "$SEC4" eval \
    'highlighted r | tr -d " "' 
e2e_keys Enter
e2e_check "Enter jumps to $SEC4" wait_section "$SEC4"
e2e_poll e2e__stable
e2e_check "Enter: $SEC4 is at the top" e2e_starts_with "$(e2e_first_base)" "$SEC4"
e2e_keys Tab

# s hides the sidebar: the text starts at column 0. Mid-document (at
# the second area), where the wider text still fills the screen.
e2e_keys '[' '['
e2e_wait_re "· $SEC2 .*%  above  h:help"
e2e_poll e2e__stable
at2=$(e2e_first_base)
e2e_keys s
e2e_check "s hides the sidebar" e2e_poll eval \
    'test "$(e2e_row 0 | e2e_cut 27 28)" != "│"'
e2e_poll e2e__stable
e2e_check "without the sidebar the text starts at column 0, still at $SEC2" \
    e2e_starts_with "$(e2e_first_base 0)" "$SEC2"
e2e_keys s
e2e_check "s shows it again" e2e_poll eval \
    'test "$(e2e_row 0 | e2e_cut 27 28)" = "│"'
e2e_poll e2e__stable
e2e_check_eq "s s: back to the same first line" "$at2" "$(e2e_first_base)"

# The same near the end: the last area fills less than a screen once the
# text is 100 columns wide, but s s must still come back to it.
e2e_keys g ']' ']' ']' ']'
e2e_wait_re "· $SEC4 .*%  above  h:help"
e2e_poll e2e__stable
at4=$(e2e_first_base)
e2e_check "g ] ] ] ]: $SEC4 at the top" e2e_starts_with "$at4" "$SEC4"
old=$(e2e_screen)
e2e_keys s
e2e_wait_change "$old"
old=$(e2e_screen)
e2e_keys s
e2e_wait_change "$old"
e2e_check_eq "s s near the end: back to the same first line" "$at4" \
    "$(e2e_first_base)"
# The border is the character U+2502 itself, not ncurses's ACS_VLINE: a
# switch to the alternate character set (ESC ( 0) and back on every row,
# which some terminals ignore in UTF-8 and show as "x" (and a tmux pane's
# text, capture-pane, holds "x"). ncurses draws ACS with Unicode by
# itself where the terminal's description says so (tmux's has U8#1);
# xterm's does not, so this part runs under it.
E2E_RECORD=1
E2E_TERM=xterm-256color
e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_check "xterm-256color: the border goes out as │ itself" e2e_raw_has "│"
e2e_check "xterm-256color: no switch to the alternate character set" \
    e2e_raw_lacks '\033(0'
e2e_done
