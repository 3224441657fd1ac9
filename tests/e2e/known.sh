#!/bin/sh
# e2e: known characters. In popup mode K marks the character under the
# cursor known; in above mode it then loses its reading everywhere; A
# shows every reading again; the list is saved (a new rubi still knows
# it); K again unmarks.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_start 100 30 --ruby=popup sample.txt
e2e_wait_mode popup
e2e_wait_for "┌"
e2e_keys K
e2e_check "K: the status bar says 生 is known" e2e_wait_for "生 marked known"
e2e_check "K: the gloss says so" e2e__has "· known"
e2e_keys r r
e2e_check "r r: above mode" e2e_wait_mode above
e2e_check "above: 態 keeps its reading" e2e_wait_for "tài"
e2e_check_eq "above: no shēng on screen (生 is known)" "" \
    "$(e2e_text | grep shēng)"
e2e_keys A
e2e_check "A: every reading again" e2e_wait_for "shēng"
e2e_keys A
e2e_check "A again: known ones hidden" e2e_wait_gone "shēng"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"

e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_check "a new rubi still knows 生 (saved)" e2e_wait_for "tài"
e2e_check_eq "no shēng on screen" "" "$(e2e_text | grep shēng)"
e2e_keys r
e2e_wait_mode popup
e2e_keys K
e2e_check "K again: unmarked" e2e_wait_for "生 no longer known"
e2e_keys r r
e2e_wait_mode above
e2e_check "above: shēng is back" e2e_wait_for "shēng"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_done
