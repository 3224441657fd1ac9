#!/bin/sh
# e2e: F goes to the next annotation rubi --check reports and the status
# bar says why; F again goes to the one after; popup mode puts the cursor
# there.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_keys F
e2e_check "F: the status bar names the first finding" \
    e2e_wait_for "repeated group: 綠(lv)(lv)"
e2e_check "F: the line with 綠 is on top" \
    eval 'e2e_text | sed -n 2p | grep -q "綠"'
e2e_keys F
e2e_check "F again: the next finding (綠 a second time)" \
    e2e_wait_for "repeated group: 綠(lv)(lv)"
e2e_keys F
e2e_check "F a third time: the next one, 發(fa)(fa)" \
    e2e_wait_for "repeated group: 發(fa)(fa)"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"

printf '生(sheng)態(tai)\n字()\n' > "$e2e_tmp/one.txt"
e2e_start 60 10 --no-state one.txt
e2e_wait_mode above
e2e_keys F
e2e_check "F on a crafted file: the empty group" \
    e2e_wait_for "empty group: 字()"
e2e_keys F
e2e_check "F past the last one: says there is none after" \
    e2e_wait_for "No more flagged annotations"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"

e2e_start 100 30 --no-state --ruby=popup sample.txt
e2e_wait_mode popup
e2e_keys F
e2e_wait_for "repeated group"
cur=$(e2e_attr_cells r | awk -F '\t' '{ s = s $3 } END { print s }')
e2e_check_eq "popup mode: the cursor is on the flagged character" "綠" "$cur"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_done
