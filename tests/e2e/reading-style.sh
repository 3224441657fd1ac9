#!/bin/sh
# e2e: R cycles the reading style: tone numbers, no tones, zhuyin, marks;
# --readings=zhuyin starts in zhuyin.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_start 100 30 --no-state sample.txt
e2e_wait_mode above
e2e_check "marks at first" e2e_wait_for "shēng tài"
e2e_keys R
e2e_check "R: tone numbers" e2e_wait_for "sheng1 tai4"
e2e_check "R: the status bar says so" e2e__has "Readings: tone numbers"
e2e_keys R
e2e_check "R R: without tones" e2e_wait_for "sheng tai"
e2e_keys R
e2e_check "R R R: zhuyin" e2e_wait_for "ㄕㄥ ㄊㄞˋ"
e2e_keys R
e2e_check "R R R R: marks again" e2e_wait_for "shēng tài"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"

e2e_start 100 30 --no-state --readings=zhuyin sample.txt
e2e_wait_mode above
e2e_check "--readings=zhuyin: zhuyin from the start" e2e_wait_for "ㄕㄥ ㄊㄞˋ"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_done
