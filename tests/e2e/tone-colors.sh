#!/bin/sh
# e2e: readings in tone colours (pleco by default: 1 red, 2 green, 3 blue,
# 4 magenta), a guessed tone dim and italic; none with --tone-colors=none
# or NO_COLOR set; mdbg on request.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

esc=$(printf '\033')
unset NO_COLOR
e2e_start 100 30 --no-state sample.txt
e2e_wait_mode above
e2e_wait_for "shēng tài"
e2e_check "pleco: shēng (tone 1) is red" \
    eval 'e2e_screen_e | grep -q "${esc}\[31mshēng"'
e2e_check "pleco: tài (tone 4) is magenta" \
    eval 'e2e_screen_e | grep -q "${esc}\[35mtài"'
e2e_check "a guessed tone (huán) is dim and italic" \
    eval 'e2e_screen_e | grep -q "${esc}\[2;3m${esc}\[32mhuán"'
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"

e2e_start 100 30 --no-state --tone-colors=mdbg sample.txt
e2e_wait_for "shēng tài"
e2e_check "mdbg: tài (tone 4) is blue" \
    eval 'e2e_screen_e | grep -q "${esc}\[34mtài"'
e2e_keys q
e2e_wait_exit >/dev/null

e2e_start 100 30 --no-state --tone-colors=none sample.txt
e2e_wait_for "shēng tài"
e2e_check_eq "none: no colour on readings" "" \
    "$(e2e_screen_e | grep "${esc}\[3[1-5]m")"
e2e_keys q
e2e_wait_exit >/dev/null

NO_COLOR=1
export NO_COLOR
e2e_start 100 30 --no-state sample.txt
e2e_wait_for "shēng tài"
e2e_check_eq "NO_COLOR: no colour on readings" "" \
    "$(e2e_screen_e | grep "${esc}\[3[1-5]m")"
e2e_check "NO_COLOR: readings are dim" \
    eval 'e2e_screen_e | grep -q "${esc}\[2mshēng"'
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
unset NO_COLOR
e2e_done
