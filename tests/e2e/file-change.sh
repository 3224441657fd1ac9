#!/bin/sh
# e2e: the file changes while rubi shows it (RELIABILITY.md cases 39 and
# 40; issue 4): cut short at the end of the file, cut to nothing, written
# anew, and appended to. rubi notices within a moment, says so, keeps the
# place as far as the file still reaches, and never crashes.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_copies 30 grow.txt
size=$(wc -c < "$e2e_tmp/grow.txt" | tr -d ' ')

e2e_start 100 30 grow.txt
e2e_check "opens" e2e_wait_mode above
e2e_keys G
e2e_check "G: at the end" e2e_wait_re ' 100%  above  h:help'

# Cut to a third while the end is on screen: in place, so the same file.
head -c $((size / 3)) "$e2e_tmp/grow.txt" > "$e2e_tmp/third"
cat "$e2e_tmp/third" > "$e2e_tmp/grow.txt"
e2e_check "cut to a third: rubi says the file changed" \
    e2e_wait_for "The file changed"
e2e_check "cut to a third: still running" e2e_alive
e2e_check "cut to a third: the new end is on screen (100%)" \
    e2e_wait_re ' 100%  above  h:help'
last=$(tail -c 200 "$e2e_tmp/third" | tr -d '\n' | sed 's/([a-z]*)//g' |
    tail -c 12)
e2e_check "cut to a third: its last characters are shown" eval \
    'e2e_text | tr -d " \n" | grep -q -F "$last"'

# Cut to nothing.
: > "$e2e_tmp/grow.txt"
e2e_check "cut to nothing: rubi says so, and the page is empty" \
    e2e_wait_re 'read again \(0 bytes\).* empty  above'
e2e_check "cut to nothing: no text left on screen" eval \
    '[ -z "$(e2e_text | tr -d " ~\n")" ]'
e2e_check "cut to nothing: still running" e2e_alive

# Written anew: the new text, its sections and readings.
cat "$SAMPLE" > "$e2e_tmp/grow.txt"
e2e_check "written anew: the new text is shown from the top" e2e_poll eval \
    'e2e_starts_with "$(e2e_first_base)" "2月15日"'
e2e_keys ']'
e2e_check "written anew: ] finds the first section of the new text" \
    e2e_poll eval 'e2e_starts_with "$(e2e_first_base)" "$SEC1"'
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_check "no message on stderr" test ! -s "$e2e_tmp/stderr"

# Appended while open (RELIABILITY.md case 39): G shows the new text.
cp "$SAMPLE" "$e2e_tmp/grow.txt"
e2e_start 100 30 --no-state grow.txt
e2e_wait_mode above
printf '\n新的一段 APPENDED-LINE\n' >> "$e2e_tmp/grow.txt"
e2e_keys G
e2e_check "appended while open: G shows the new text" \
    e2e_wait_for 'APPENDED-LINE'
e2e_keys q
e2e_check_eq "appended: q exits with 0" 0 "$(e2e_wait_exit)"
e2e_done
