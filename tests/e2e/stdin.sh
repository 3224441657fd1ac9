#!/bin/sh
# e2e: a document on standard input (`cat sample | rubi`): it is shown, and
# keys come from /dev/tty.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

E2E_STDIN=$SAMPLE
e2e_start 100 30
unset E2E_STDIN
e2e_check "cat sample | rubi: the reader starts" e2e_wait_mode above
e2e_check "the sample's first line is shown" \
    e2e_starts_with "$(e2e_first_base)" "2月15日"
e2e_check "the sidebar lists the first area" e2e_wait_for " $SEC1"
e2e_keys ']' ']'
e2e_check "keys work: ] ] goes to $SEC2" \
    e2e_wait_re "· $SEC2 .*%  above  h:help"
e2e_poll e2e__stable
e2e_check "$SEC2 is at the top" e2e_starts_with "$(e2e_first_base)" "$SEC2"
e2e_keys r
e2e_check "keys work: r goes to popup mode" e2e_wait_mode popup
e2e_keys G
e2e_check "G: the end of the input (100%)" e2e_wait_re ' 100%  popup  h:help'
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_check "stty -g is the same before and after" \
    cmp -s "$e2e_tmp/stty.before" "$e2e_tmp/stty.after"

# Explicitly "-".
E2E_STDIN=$SAMPLE
e2e_start 100 30 -
unset E2E_STDIN
e2e_check "cat sample | rubi -: the reader starts" e2e_wait_mode above
e2e_keys q
e2e_check_eq "rubi -: q exits with status 0" 0 "$(e2e_wait_exit)"
e2e_done
