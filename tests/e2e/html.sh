#!/bin/sh
# e2e: an HTML page (tests/data/ruby-sample.html) in the reader: readings
# above their characters with no markup left, the headings in the
# sidebar and under ]/[, search by characters and by readings, popup and
# off modes, and the same page read from a pipe.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

cp "$top_srcdir/tests/data/ruby-sample.html" "$e2e_tmp/page.html" || exit 99
H1=加快推動發展方式綠色轉型
H2=深入推進環境污染防治
H3=統籌生態系統保護修復

e2e_start 100 30 page.html
e2e_wait_mode above
e2e_wait_indexed
e2e_poll e2e__stable
screen=$(e2e_screen)
e2e_check "the reading shēng is above 生" e2e_poll eval \
    'e2e_text | grep -A1 "shēng" | tail -n 1 | grep -q "生"'
e2e_check "no markup, script, style or annotation character is shown" test \
    -z "$(printf '%s\n' "$screen" | grep -e '<r' -e '</' -e SCRIPT \
        -e STYLE -e TEMPLATE -e 'U+FFF' -e "$(printf '\357\277\271')")"
side=$(e2e_sidebar | tr -d ' ' | grep -v '^$' | head -n 3 | tr '\n' /)
e2e_check_eq "the sidebar lists the three headings" "$H1/$H2/$H3/" "$side"

e2e_keys ']'
e2e_check "] goes to the second heading" e2e_wait_re "· $H2 .*above"
e2e_poll e2e__stable
e2e_check "] puts $H2 at the top" e2e_starts_with "$(e2e_first_base)" "$H2"

# Search: text across annotated characters, and readings.
e2e_keys g
e2e_poll e2e__stable
e2e_keys /
e2e_type 生態
e2e_keys Enter
e2e_check "/生態 finds 3 matches" e2e_wait_for "match 1/3"
e2e_keys Escape
e2e_poll e2e__stable
e2e_keys g
e2e_poll e2e__stable
e2e_keys /
e2e_type shengtai
e2e_keys Enter
e2e_check "/shengtai finds the 2 annotated ones" e2e_wait_for "match 1/2"
# (Esc alone first: Esc and a key at once would be Alt+key, dropped.)
e2e_keys Escape
e2e_poll e2e__stable
e2e_keys g
e2e_poll e2e__stable

# Popup: the cursor starts on the first annotated character, 發, read
# fā; . goes to the next, 展, read zhǎn.
window() {
	e2e_text | awk -F '│' 'NF == 3 { gsub(/ /, "", $2); printf "%s/", $2 }'
}
gloss() {
	e2e_poll eval "window | grep -q '$1'"
}
e2e_keys r
e2e_wait_mode popup
e2e_check "popup: the window shows 發 and its reading fā" gloss "發/fā"
e2e_keys .
e2e_check "popup: . goes to 展, read zhǎn" gloss "展/zhǎn"
e2e_keys r
e2e_wait_mode off
e2e_poll e2e__stable
e2e_check "off: no reading is shown" test \
    -z "$(e2e_screen | grep -e shēng -e fā)"
e2e_keys q
e2e_check "q quits with status 0" e2e_wait_exit 0

# The same page from a pipe.
E2E_STDIN=$e2e_tmp/page.html
e2e_start 100 30
e2e_wait_mode above
e2e_check "from a pipe: readings above, headings in the sidebar" e2e_poll \
    eval 'e2e_text | grep -q "shēng" && e2e_sidebar | grep -q "$H3"'
e2e_keys q
e2e_check "q quits with status 0" e2e_wait_exit 0
e2e_done
