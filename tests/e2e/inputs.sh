#!/bin/sh
# e2e: inputs that change or misbehave under the reader (RELIABILITY.md
# cases 11, 40, 41, 60, 66, 71; 38 is in pipe.sh, 39 in file-change.sh).
# A file truncated to 0 or deleted while open neither crashes nor stops the
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
e2e_check "deleted while open: the status bar says so" \
    e2e_wait_for 'File deleted'
e2e_keys G
e2e_check "deleted while open: G still shows the end" \
    e2e_wait_re '100%  above'
e2e_keys q
e2e_check_eq "deleted: q exits with 0" 0 "$(e2e_wait_exit)"

# 41. Replaced by a rename while open (as editors save): the old text
# stays until E reads the new file, at the same place as far as it goes.
printf '# Old\nthe old text\n' > "$e2e_tmp/swap.txt"
e2e_start 60 10 --no-state swap.txt
e2e_wait_for 'the old text'
printf '# New\nthe new text\n' > "$e2e_tmp/swap.tmp"
mv "$e2e_tmp/swap.tmp" "$e2e_tmp/swap.txt"
e2e_check "replaced while open: the status bar offers E" \
    e2e_wait_for 'File replaced: E reads it'
e2e_check "replaced while open: the open copy is still shown" \
    e2e__has 'the old text'
e2e_keys E
e2e_check "replaced: E shows the new text" e2e_wait_for 'the new text'
e2e_check "replaced: and the new outline" e2e_wait_for 'New'
e2e_check "replaced: the old text is gone" e2e_wait_gone 'the old text'
e2e_keys q
e2e_check_eq "replaced: q exits with 0" 0 "$(e2e_wait_exit)"
E2E_STDIN=$e2e_tmp/swap.txt
e2e_start 60 10 --no-state
E2E_STDIN=
e2e_keys E
e2e_check "E on standard input: said that it cannot" \
    e2e_wait_for 'cannot be read again'
e2e_keys q
e2e_wait_exit >/dev/null

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

# 66. A 10 kB gloss (a table whose 生 has 500 senses): the pop-up stays
# inside the screen, cut short, with i (every sense) too, through resizes.
mkdir -p "$e2e_tmp/bigdata"
awk -F'\t' 'BEGIN { OFS = "\t" }
    $1 == "00751F" { d = ""; for (i = 0; i < 500; i++) d = d "sense" i " of life; "; $4 = d }
    { print }' "$RUBI_DATADIR/unihan.tsv" > "$e2e_tmp/bigdata/unihan.tsv"
printf '生(sheng)活 text\n' > "$e2e_tmp/gloss.txt"
saved_datadir=$RUBI_DATADIR
RUBI_DATADIR=$e2e_tmp/bigdata
e2e_start 40 12 --no-state --ruby=popup gloss.txt
RUBI_DATADIR=$saved_datadir
e2e_check "10 kB gloss: the first sense shows" e2e_wait_for 'sense0 of life'
e2e_keys i
e2e_check "10 kB gloss: i shows more senses" e2e_wait_for 'sense3 of life'
e2e_check "10 kB gloss: the status bar is still there" \
    e2e_wait_for 'h:help'
e2e_check "10 kB gloss: no sense past the screen (sense400 not shown)" \
    e2e__lacks 'sense400'
for size in "20 6" "3 2" "80 24" "40 12"; do
	e2e_resize $size
	sleep 0.2
done
e2e_check "10 kB gloss: after resizes, still running with its status bar" \
    e2e_wait_for 'h:help'
e2e_keys q
e2e_check_eq "10 kB gloss: q exits with 0" 0 "$(e2e_wait_exit)"

# 71. A saved offset past the end of the file (size and mtime matching)
# opens at the top; so does one saved for a file that changed since, even
# with the same size and mtime.
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
# Rewritten with the same size and mtime: the hash of its first 64 KiB
# tells. First a position is saved and comes back...
e2e_start 100 30 saved.txt
e2e_wait_mode above
e2e_keys Space Space
e2e_poll e2e__stable
saved=$(e2e_first_base)
e2e_keys q
e2e_wait_exit > /dev/null
e2e_start 100 30 saved.txt
e2e_wait_mode above
e2e_poll e2e__stable
e2e_check_eq "unchanged file: the saved position comes back" "$saved" \
    "$(e2e_first_base)"
e2e_keys q
e2e_wait_exit > /dev/null
# ... then the file is rewritten (2月 -> 3月, the same length) and its
# mtime set back.
mtime=$(stat -c %Y "$e2e_tmp/saved.txt")
sed -i '1s/2月15日/3月15日/' "$e2e_tmp/saved.txt"
touch -d "@$mtime" "$e2e_tmp/saved.txt"
e2e_start 100 30 saved.txt
e2e_wait_mode above
e2e_check "same size and mtime, other first bytes: opens at the top" \
    e2e_starts_with "$(e2e_first_base)" "3月15日"
e2e_keys q
e2e_wait_exit > /dev/null
# 34. A binary file: shown with placeholders, the status bar says so, and
# nothing is asked.
cp /bin/true "$e2e_tmp/prog"
e2e_start 100 30 prog
e2e_check "binary file: the status bar says it looks binary" \
    e2e_wait_for 'looks like a binary file'
e2e_check "binary file: its bytes are placeholders" e2e_wait_for 'ELF^B^A^A^@'
e2e_keys Space
e2e_check "binary file: the notice goes with the next key" \
    e2e_wait_gone 'looks like a binary file'
e2e_check "binary file: binary? stays in the status bar" \
    e2e_wait_for 'binary?'
e2e_keys q
e2e_check_eq "binary file: q exits with 0" 0 "$(e2e_wait_exit)"
e2e_done
