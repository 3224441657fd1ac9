#!/bin/sh
# e2e: an Aozora Bunko file as distributed (Shift_JIS, CRLF) opens with no
# option: the status bar names the notation and the encoding, the heading
# notes are the sidebar's sections, the header legend is readable; ] goes
# to the first section, where readings stand above their kanji and no
# note or ^M is on the screen. And a file in
# no known encoding says so in the status bar.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

cp "$top_srcdir/tests/data/aozora-texts/sjis/799_ruby_6024.txt" \
    "$e2e_tmp/yume.txt" || exit 99
e2e_start 100 30 yume.txt
e2e_check "the reader starts" e2e_wait_mode above
e2e_check "the status bar says aozora and Shift_JIS" \
    e2e_wait_re 'aozora · Shift_JIS +[0-9]+%  above  h:help'
e2e_check "the sidebar lists the ten nights" e2e_wait_for " 第十夜"
e2e_check "the title is shown" e2e_wait_for "夢十夜"
e2e_check "the header legend is readable" e2e_wait_for "《》：ルビ"
e2e_keys ']'
e2e_check "] goes to the first night" \
    e2e_wait_re "· 第一夜 .*aozora"
e2e_check "a reading stands above its kanji" e2e_wait_for "すわ"
no_notation() {
	! e2e_screen | grep -q -E '［＃|《|》|\^M'
}
e2e_check "past the legend: no note, 《》 or ^M on the screen" no_notation
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"

# The same text straight from its ZIP archive, as Aozora Bunko gives it.
if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.write(sys.argv[1], "799_ruby_6024.txt")' \
    "$e2e_tmp/yume.txt" "$e2e_tmp/yume.zip"; then
	e2e_start 100 30 yume.zip
	e2e_check "zip: the status bar says aozora, zip and Shift_JIS" \
	    e2e_wait_re 'aozora · zip · Shift_JIS +[0-9]+%  above  h:help'
	e2e_check "zip: the sidebar lists the ten nights" e2e_wait_for " 第十夜"
	e2e_keys ']'
	e2e_check "zip: a reading stands above its kanji" e2e_wait_for "すわ"
	e2e_keys q
	e2e_check_eq "zip: q exits with 0" 0 "$(e2e_wait_exit)"
fi

printf 'caf\351 cr\350me\n' >"$e2e_tmp/latin1.txt"
e2e_start 100 30 latin1.txt
e2e_check "an unknown encoding is named in the status bar" \
    e2e_wait_re 'not UTF-8\? +[0-9]+%'
e2e_check "its bytes are placeholders" e2e_wait_for "caf<E9>"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_done
