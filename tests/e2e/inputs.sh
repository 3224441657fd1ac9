#!/bin/sh
# e2e: inputs that change or misbehave under the reader (RELIABILITY.md
# cases 11, 40, 41, 60, 66, 71; 38 and 39 are in known-gaps.sh). A file
# truncated to 0 or deleted while open neither crashes nor stops the
# reader; a 10 kB paste into the search prompt and terminal replies typed
# as keys leave it running; the pop-up survives tiny sizes; a saved
# position past the end of the file, or for a file that has changed,
# opens at the top.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# 40. Truncated to 0 while open, then paged: no crash.
for i in 1 2 3 4 5; do cat "$SAMPLE"; done > "$e2e_tmp/trunc.txt"
e2e_start 100 30 --no-state trunc.txt
e2e_wait_mode above
: > "$e2e_tmp/trunc.txt"
e2e_keys Space G g j 5 0 %
e2e_keys r
e2e_check "truncated to 0 while open: still running" e2e_wait_mode popup
e2e_keys q
e2e_check_eq "truncated: q exits with 0" 0 "$(e2e_wait_exit)"

# 41. Deleted while open: the open descriptor still reads.
for i in 1 2 3 4 5; do cat "$SAMPLE"; done > "$e2e_tmp/gone.txt"
e2e_start 100 30 --no-state gone.txt
e2e_wait_mode above
rm -f "$e2e_tmp/gone.txt"
e2e_keys G
e2e_check "deleted while open: G still shows the end" \
    e2e_wait_re '100%  above'
e2e_keys q
e2e_check_eq "deleted: q exits with 0" 0 "$(e2e_wait_exit)"

# 60, 11. A 10 kB paste into the search prompt; terminal replies (DA,
# XTVERSION) arriving as keys.
e2e_start 100 30 --no-state sample.txt
e2e_wait_mode above
e2e_keys /
e2e_type "$(printf '%10000s' '' | tr ' ' 'x')"
e2e_keys Enter
e2e_check "10 kB search: answered" e2e_wait_for 'Pattern not found'
# A reply holds '?' (search), 'r' (readings), 'm' (mark), digits...: none
# may act. Then a key that does: j.
e2e_keys Escape
e2e_wait_mode above
e2e_type "$(printf '\033[?62;c\033P>|xterm(367)\033\\\033]11;rgb:0/0/0\007')"
e2e_keys j
e2e_check "terminal replies as keys: no command ran (still above, no prompt)" \
    e2e_wait_re '[0-9]%  above  h:help'
sleep 0.3
e2e_check "terminal replies as keys: still above a moment later" \
    e2e_wait_re '[0-9]%  above  h:help'

# 66. The pop-up at the edges and on tiny screens.
e2e_keys r
e2e_wait_mode popup
e2e_keys G . . .
for size in "1 1" "2 2" "12 3" "30 6" "100 30"; do
	# shellcheck disable=SC2086
	e2e_resize $size
	sleep 0.2
done
e2e_check "pop-up through 1x1 and back: running" e2e_wait_mode popup
e2e_keys q
e2e_check_eq "q exits with 0" 0 "$(e2e_wait_exit)"

# 71. A saved offset past the end of the file (size and mtime matching)
# opens at the top; so does one saved for a file that changed since.
cp "$SAMPLE" "$e2e_tmp/saved.txt"
size=$(wc -c < "$e2e_tmp/saved.txt" | tr -d ' ')
mtime=$(stat -c %Y "$e2e_tmp/saved.txt")
mkdir -p "$e2e_tmp/state/rubi"
printf 'rubi-state 1\n%s\t%s\t%s\t%s\t-\n' "$e2e_tmp/saved.txt" \
    999999999 "$size" "$mtime" > "$e2e_tmp/state/rubi/state"
e2e_start 100 30 saved.txt
e2e_wait_mode above
e2e_check "offset past the end: opens at the top" \
    e2e_starts_with "$(e2e_first_base)" "2月15日"
e2e_keys G q
e2e_wait_exit > /dev/null
printf '\nmore\n' >> "$e2e_tmp/saved.txt"
e2e_start 100 30 saved.txt
e2e_wait_mode above
e2e_check "file changed since saved: opens at the top" \
    e2e_starts_with "$(e2e_first_base)" "2月15日"
e2e_keys q
e2e_wait_exit > /dev/null
e2e_done
