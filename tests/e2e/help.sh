#!/bin/sh
# e2e: h (and F1) shows every key of the key table (ui/keys.c, the table
# that dispatches keys), q closes the help and leaves the reader running.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# The help texts of the key table.
tr '\n' ' ' < "$top_srcdir/ui/keys.c" |
    grep -o '{[^{}]*"[^"]*"[[:space:]]*}' |
    sed 's/.*"\([^"]*\)"[[:space:]]*}$/\1/' > "$e2e_tmp/helps"
e2e_check "ui/keys.c has help texts (quit among them)" \
    grep -q -x quit "$e2e_tmp/helps"

e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_keys h
e2e_check "h shows the key list" e2e_wait_for "quit"
e2e_screen > "$e2e_tmp/seen"
# If the list is longer than the screen, Space may page it.
old=$(e2e_screen)
e2e_keys Space
e2e_poll e2e__stable
e2e_screen >> "$e2e_tmp/seen"
missing=
while IFS= read -r text; do
	grep -q -F -e "$text" "$e2e_tmp/seen" || missing="$missing
$text"
done < "$e2e_tmp/helps"
if [ -z "$missing" ]; then
	e2e_pass "at 100x30 every key of the table is listed ($(wc -l < "$e2e_tmp/helps" | tr -d ' ') entries)"
else
	e2e_fail "at 100x30 every key of the table is listed" \
	    "not shown:$missing"
fi
e2e_check "q is listed as the quit key" e2e_poll eval \
    'grep -q -E "^ +q( Q)? +quit" "$e2e_tmp/seen"'

e2e_keys q
e2e_check "q closes the help" e2e_wait_mode above
e2e_check_alive "q in the help does not quit the reader"
e2e_check "the text is back" e2e_wait_for "2月15日"

e2e_keys F1
e2e_check "F1 shows the key list too" e2e_wait_for "quit"
e2e_keys q
e2e_check "q closes it" e2e_wait_mode above
e2e_keys q
e2e_check_eq "q quits the reader: exit status 0" 0 "$(e2e_wait_exit)"
e2e_done
