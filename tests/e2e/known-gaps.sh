#!/bin/sh
# e2e: what rubi does NOT do yet (RELIABILITY.md case 38). This test is
# listed in XFAIL_TESTS: it is expected to fail, and make check reports
# XPASS (a failure) once it works, so that it moves to the passing tests.
# (Case 39, a file appended to while open, works now: e2e/file-change.sh.)
#  38. A slow pipe: the first line should show while the pipe is still
#      open; rubi waits for a screenful or the end of the pipe first.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# 38. A slow pipe: one line, a pause, another.
mkfifo "$e2e_tmp/fifo" || exit 99
E2E_STDIN=$e2e_tmp/fifo
# The writer: the first line now, the second once "go2" exists.
( printf '第一行 first\n'; while [ ! -e "$e2e_tmp/go2" ]; do sleep 0.05; done
  printf '第二行 second\n' ) > "$e2e_tmp/fifo" &
writer=$!
e2e_start 60 10
E2E_STDIN=
e2e_check "slow pipe: the first line shows while the pipe is open" \
    e2e_wait_for 'first'
e2e_check "slow pipe: the second line is not there yet" e2e__lacks 'second'
: > "$e2e_tmp/go2"
wait "$writer"
e2e_keys G
e2e_check "slow pipe: the second line shows once written (G)" \
    e2e_wait_for 'second'
e2e_keys q
e2e_check_eq "slow pipe: q exits with 0" 0 "$(e2e_wait_exit)"

e2e_done
