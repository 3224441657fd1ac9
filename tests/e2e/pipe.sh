#!/bin/sh
# e2e: pipes that are slow or never end (RELIABILITY.md cases 37 and 38).
#  38. A slow pipe: what has arrived shows at once, a partial line too;
#      new lines show as they come, with no key pressed; rubi sleeps in
#      one poll() on the pipe and the terminal, no busy wait; G waits for
#      the end and Ctrl-C (SIGINT) stops it.
#  37. A never-ending pipe: the first screen at once; rubi keeps at most
#      --max-pipe MiB of it and says so; G then goes to what it kept.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# CPU ticks (user + system) rubi has used so far.
ticks() {
	awk '{ print $14 + $15 }' "/proc/$(e2e_pid)/stat" 2>/dev/null
}

# The writer: waits for file $1 in $e2e_tmp before each further piece.
mkfifo "$e2e_tmp/fifo" || exit 99
(
	printf '第一行 first\n第二行 sec'
	while [ ! -e "$e2e_tmp/go2" ]; do sleep 0.05; done
	printf 'ond half\n'
	while [ ! -e "$e2e_tmp/go3" ]; do sleep 0.05; done
	printf '第三行 third\n'
	while [ ! -e "$e2e_tmp/go4" ]; do sleep 0.05; done
	printf '第四行 fourth\n'
) > "$e2e_tmp/fifo" &
writer=$!
E2E_STDIN=$e2e_tmp/fifo
e2e_start 60 10
E2E_STDIN=
e2e_check "slow pipe: the first line shows while the pipe is open" \
    e2e_wait_for 'first'
e2e_check "slow pipe: so does the part of a line that has arrived" \
    e2e_wait_for '第二行 sec'
e2e_check "slow pipe: the status bar says the input is still being read" \
    e2e_wait_for 'reading'
e2e_check "slow pipe: what has not been written is not shown" \
    e2e__lacks 'third'

# Idle on a pipe that sends nothing: asleep in poll(), not spinning.
t0=$(ticks)
sleep 1
t1=$(ticks)
e2e_check "slow pipe: idle for 1 s, rubi uses under 0.2 s of CPU ($t0 -> $t1 ticks)" \
    test -n "$t0" -a -n "$t1" -a $((t1 - t0)) -lt 20

: > "$e2e_tmp/go2"
e2e_check "slow pipe: the rest of the line shows as it comes, no key pressed" \
    e2e_wait_for '第二行 second half'
: > "$e2e_tmp/go3"
e2e_check "slow pipe: so does the next line" e2e_wait_for 'third'

# G waits for the end of the pipe; Ctrl-C stops the wait. (The signal
# goes to rubi alone: a Ctrl-C typed in this pane would also stop the
# writer and the shell, as it would stop `cat | less`.)
e2e_keys G
e2e_check "slow pipe: G says it is waiting for the end" \
    e2e_wait_for 'Waiting for'
e2e_signal INT
e2e_check "slow pipe: Ctrl-C stops G waiting for the end, and says so" \
    e2e_wait_for 'Interrupted'
e2e_check_alive "slow pipe: rubi is still running after Ctrl-C"
# A search, like G, waits for the rest of the pipe: it finds what comes.
e2e_keys / f o u r t h Enter
sleep 0.3
: > "$e2e_tmp/go4"
wait "$writer"
e2e_check "slow pipe: a search waits for the pipe and finds what came" \
    e2e_wait_for 'match 1/1'
e2e_keys G
e2e_check "slow pipe: once the pipe ends, G shows the last line" \
    e2e_wait_for 'fourth'
e2e_check "slow pipe: the status bar no longer says reading" \
    e2e_wait_gone 'reading'
e2e_keys q
e2e_check_eq "slow pipe: q exits with 0" 0 "$(e2e_wait_exit)"

# 37. An endless pipe, kept to 1 MiB.
mkfifo "$e2e_tmp/endless" || exit 99
( yes '生(sheng)態(tai)' > "$e2e_tmp/endless" 2>/dev/null ) &
yes_pid=$!
E2E_STDIN=$e2e_tmp/endless
e2e_start 60 10 --max-pipe=1
E2E_STDIN=
e2e_check "endless pipe: the first screen shows" e2e_wait_for 'shēng'
e2e_check "endless pipe: reading stops at the limit, and says so" \
    e2e_wait_for 'first 1 MiB'
e2e_keys G
e2e_check "endless pipe: G goes to the end of what was kept" \
    e2e_wait_for '100%'
if [ -z "${RUBI_WRAPPER:-}" ]; then # (a wrapper's memory is its own)
rss=$(awk '/^VmHWM/ { print $2 }' "/proc/$(e2e_pid)/status" 2>/dev/null)
e2e_check "endless pipe: peak memory stays small (${rss:-?} KiB < 64 MiB)" \
    test -n "$rss" -a "${rss:-0}" -lt 65536
fi
e2e_keys q
e2e_check_eq "endless pipe: q exits with 0" 0 "$(e2e_wait_exit)"
kill "$yes_pid" 2>/dev/null

e2e_done
