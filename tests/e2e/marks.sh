#!/bin/sh
# e2e: m + letter sets a mark, ' + letter returns to it, '' returns to
# where the last jump started; an unset mark says so; marks are saved
# with the position.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_start 100 30 sample.txt
e2e_wait_mode above
old=$(e2e_screen)
e2e_keys j j j j
e2e_wait_change "$old"
marked=$(e2e_first_base)
e2e_keys m
e2e_check "m asks for a letter" e2e_wait_for "mark: type a letter"
e2e_keys a
e2e_check "ma: the prompt goes away" e2e_wait_gone "mark: type a letter"

old=$(e2e_screen)
e2e_keys Space j j
e2e_wait_change "$old"
moved=$(e2e_first_base)
e2e_check "Space j j moved away from the mark" test "$moved" != "$marked"

e2e_keys "'"
e2e_check "' asks for a letter" e2e_wait_for "go to mark"
e2e_keys a
e2e_wait_gone "go to mark"
e2e_poll e2e__stable
e2e_check_eq "'a returns to the mark" "$marked" "$(e2e_first_base)"

e2e_keys "'"
e2e_wait_for "go to mark"
e2e_keys "'"
e2e_wait_gone "go to mark"
e2e_check_poll "'' returns to where 'a jumped from" "$moved" e2e_first_base

e2e_keys "'"
e2e_wait_for "go to mark"
e2e_keys z
e2e_check "'z (not set) says so" e2e_wait_for "Mark not set"
e2e_check_eq "'z does not move" "$moved" "$(e2e_first_base)"

# Marks survive a restart (saved with the position).
e2e_keys g
e2e_poll e2e__stable
e2e_keys q
e2e_wait_exit > /dev/null
e2e_start 100 30 sample.txt
e2e_wait_mode above
e2e_keys "'"
e2e_wait_for "go to mark"
e2e_keys a
e2e_wait_gone "go to mark"
e2e_poll e2e__stable
e2e_check_eq "after reopening, 'a still returns to the mark" "$marked" \
    "$(e2e_first_base)"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_done
