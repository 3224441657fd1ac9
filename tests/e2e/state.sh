#!/bin/sh
# e2e: the reading position is saved under $XDG_STATE_HOME/rubi/ on quit
# and restored when the file is opened again; --no-state starts at the
# top and saves nothing; a corrupt state file is ignored.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_start 100 30 sample.txt
e2e_wait_mode above
top0=$(e2e_first_base)
e2e_check "a new file opens at the top" e2e_starts_with "$top0" "2月15日"
old=$(e2e_screen)
e2e_keys Space
e2e_wait_change "$old"
old=$(e2e_screen)
e2e_keys j j j
e2e_wait_change "$old"
saved=$(e2e_first_base)
e2e_check "Space and j j j moved down" test "$saved" != "$top0"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_check "a state file exists under \$XDG_STATE_HOME/rubi/" \
    test -n "$(ls -A "$e2e_tmp/state/rubi" 2>/dev/null)"
e2e_check "rubi wrote nothing on stderr" test ! -s "$e2e_tmp/stderr"

e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_poll e2e__stable
e2e_check_eq "reopened: the same first line" "$saved" "$(e2e_first_base)"
e2e_keys q
e2e_wait_exit > /dev/null

# Through another name for the same file (the key is the real path).
ln -s sample.txt "$e2e_tmp/link.txt"
e2e_start 100 30 link.txt
e2e_wait_mode above
e2e_poll e2e__stable
e2e_check_eq "reopened through a symlink: the same first line" "$saved" \
    "$(e2e_first_base)"
e2e_keys q
e2e_wait_exit > /dev/null

e2e_start 100 30 --no-state sample.txt
e2e_wait_mode above
e2e_poll e2e__stable
e2e_check "--no-state: starts at the top" \
    e2e_starts_with "$(e2e_first_base)" "2月15日"
old=$(e2e_screen)
e2e_keys Space Space
e2e_wait_change "$old"
e2e_keys q
e2e_wait_exit > /dev/null
e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_poll e2e__stable
e2e_check_eq "--no-state did not overwrite the saved position" "$saved" \
    "$(e2e_first_base)"
e2e_keys q
e2e_wait_exit > /dev/null

# RUBI_NO_STATE in the environment does what --no-state does (like
# LESSSECURE): nothing read, nothing written.
sum_before=$(cat "$e2e_tmp"/state/rubi/* 2>/dev/null | cksum)
RUBI_NO_STATE=1
export RUBI_NO_STATE
e2e_start 100 30 sample.txt
unset RUBI_NO_STATE
e2e_wait_mode above
e2e_poll e2e__stable
e2e_check "RUBI_NO_STATE: starts at the top" \
    e2e_starts_with "$(e2e_first_base)" "2月15日"
old=$(e2e_screen)
e2e_keys Space Space Space
e2e_wait_change "$old"
e2e_keys q
e2e_wait_exit > /dev/null
e2e_check_eq "RUBI_NO_STATE: the state files are untouched" "$sum_before" \
    "$(cat "$e2e_tmp"/state/rubi/* 2>/dev/null | cksum)"
e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_poll e2e__stable
e2e_check_eq "RUBI_NO_STATE did not overwrite the saved position" "$saved" \
    "$(e2e_first_base)"
e2e_keys q
e2e_wait_exit > /dev/null

# A corrupt state file: ignored, the file opens at the top.
for f in "$e2e_tmp"/state/rubi/*; do
	[ -f "$f" ] && printf '\377garbage\n\0\0\0 1 2 3\n%s\t-5\n' "$SAMPLE" > "$f"
done
e2e_start 100 30 sample.txt
e2e_check "corrupt state: the reader starts" e2e_wait_mode above
e2e_poll e2e__stable
e2e_check "corrupt state: opens at the top" \
    e2e_starts_with "$(e2e_first_base)" "2月15日"
e2e_keys q
e2e_check_eq "corrupt state: q exits with status 0" 0 "$(e2e_wait_exit)"
e2e_done
