#!/bin/sh
# notations.sh: the notations and encodings from the command line. The four
# Aozora Bunko texts open from their Shift_JIS originals with no option:
# every 《…》 reading becomes a reading (counted here with iconv and grep,
# not by rubi), no note or 《 is left in --dump except the header legend's
# literal ones, and the heading notes are the --outline. Then --format and
# --encoding as a user meets them.
#
# make check sets top_srcdir, top_builddir and RUBI_DATADIR.

clilib_name=notations
. "${top_srcdir:-$(dirname "$0")/..}/tests/clilib.sh"
LC_ALL=C.UTF-8
export LC_ALL
texts=$srcdir/tests/data/aozora-texts/sjis
if ! command -v iconv >/dev/null 2>&1; then
	echo "ERROR: iconv not found"
	exit 99
fi
# Occurrences of the fixed string $1 in file $2.
count() {
	grep -oF -- "$1" "$2" | wc -l | tr -d ' '
}

for f in "$texts"/*.txt; do
	name=$(basename "$f")
	iconv -f CP932 -t UTF-8 "$f" >"$tmp/utf8" || exit 99
	# Readings in the file: 《…》 with something inside.
	want=$(grep -o '《[^《》]*》' "$tmp/utf8" | grep -vc '^《》$')
	"$rubi" --dump --ruby=inline --width=0 "$f" >"$tmp/inline" \
	    2>"$tmp/err" || bad "$name: --dump failed"
	"$rubi" --dump --ruby=off --width=0 "$f" >"$tmp/off" 2>>"$tmp/err" ||
	    bad "$name: --dump --ruby=off failed"
	# Each reading adds one "(" to the inline dump.
	got=$(($(count '(' "$tmp/inline") - $(count '(' "$tmp/off")))
	if [ "$want" -gt 50 ] && [ "$got" -eq "$want" ]; then
		ok "$name: all $want readings are readings"
	else
		bad "$name: $got readings shown, the file has $want"
	fi
	# No note, no 《 and no ｜ left, but for the legend's own lines.
	left=$(grep -v -e '^《》：ルビ$' -e '^［＃］：入力者注' \
	    -e '^｜：ルビの付く' "$tmp/off" | grep -c -e '［＃' -e '《' -e '》' \
	    -e '※［')
	if [ "$left" -eq 0 ] && [ "$(count '《》：ルビ' "$tmp/off")" -eq 1 ] &&
	    grep -q '^底本：' "$tmp/off" && [ ! -s "$tmp/err" ]; then
		ok "$name: no notation left; legend and 底本 readable"
	else
		bad "$name: $left lines with notation left in --dump"
		grep -e '［＃' -e '《' "$tmp/off" | head -n 3
	fi
	# CRLF line ends: no ^M.
	if grep -q '\^M' "$tmp/off"; then
		bad "$name: a CR is shown as ^M"
	fi
	# Headings: the 「…」 of each heading note, in order.
	grep -o '［＃「[^」]*」は[大中小]見出し］' "$tmp/utf8" |
	    sed 's/^［＃「\(.*\)」は.*$/\1/' >"$tmp/want-outline"
	"$rubi" --outline "$f" >"$tmp/outline" 2>&1
	if cmp -s "$tmp/want-outline" "$tmp/outline"; then
		ok "$name: outline has the $(wc -l <"$tmp/outline" |
		    tr -d ' ') heading notes"
	else
		bad "$name: outline differs from the heading notes"
		diff "$tmp/want-outline" "$tmp/outline" | head -n 4
	fi
done


# --format: every notation by name; a bad one is a usage error.
printf '私は 日本語[にほんご]を\n' >"$tmp/anki.txt"
out=$("$rubi" --dump --ruby=inline --format=anki "$tmp/anki.txt")
if [ "$out" = "私は日本語(にほんご)を" ]; then
	ok "--format=anki reads base[reading]"
else
	bad "--format=anki gave: $out"
fi
out=$("$rubi" --dump --ruby=inline "$tmp/anki.txt")
if [ "$out" = "私は 日本語[にほんご]を" ]; then
	ok "brackets are text unless --format=anki"
else
	bad "brackets without --format=anki gave: $out"
fi
printf '# 題\n{電子|でん|し}と{出版|しゅっぱん}\n' >"$tmp/notes.md"
out=$("$rubi" --dump --ruby=inline "$tmp/notes.md" | tail -n 1)
outline=$("$rubi" --outline "$tmp/notes.md")
if [ "$out" = "電(でん)子(し)と出版(しゅっぱん)" ] && [ "$outline" = "題" ]; then
	ok "*.md is read as Markdown"
else
	bad "*.md gave: $out / $outline"
fi
printf '美(ㄇㄟˇ)好(ㄏㄠˇ)\n' | "$rubi" --dump --ruby=inline >"$tmp/out"
if [ "$(cat "$tmp/out")" = "美(ㄇㄟˇ)好(ㄏㄠˇ)" ] &&
    printf '美(ㄇㄟˇ)好(ㄏㄠˇ)\n' | "$rubi" --dump --ruby=off |
    grep -qx '美好'; then
	ok "zhuyin is guessed from a pipe"
else
	bad "zhuyin from a pipe gave: $(cat "$tmp/out")"
fi
"$rubi" --format=rst "$tmp/anki.txt" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 2 ] && grep -q "unknown format: 'rst'" "$tmp/err"; then
	ok "--format=NAME that is not known: status 2"
else
	bad "--format=rst: status $status"
fi

# --encoding: a given one, a bad one, and bytes that are no known one.
iconv -f CP932 -t EUC-JP "$texts/92_ruby_164.txt" >"$tmp/euc.txt"
"$rubi" --dump --ruby=off -w0 --encoding=EUC-JP "$tmp/euc.txt" \
    >"$tmp/a" 2>"$tmp/err"
"$rubi" --dump --ruby=off -w0 "$texts/92_ruby_164.txt" >"$tmp/b"
if cmp -s "$tmp/a" "$tmp/b" && [ ! -s "$tmp/err" ]; then
	ok "--encoding=EUC-JP gives the same text as Shift_JIS"
else
	bad "--encoding=EUC-JP differs"
fi
"$rubi" --dump --encoding=NOPE "$tmp/euc.txt" >/dev/null 2>"$tmp/err"
status=$?
if [ "$status" -eq 2 ] && grep -q "unknown encoding: 'NOPE'" "$tmp/err"; then
	ok "--encoding=NAME that iconv does not know: status 2"
else
	bad "--encoding=NOPE: status $status"
fi
printf 'caf\351 cr\350me br\373l\351e\n' >"$tmp/latin1.txt"
"$rubi" --dump -w0 "$tmp/latin1.txt" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && grep -q 'not UTF-8' "$tmp/err" &&
    grep -qF 'caf<E9> cr<E8>me' "$tmp/out"; then
	ok "unknown encoding: placeholders, and a notice on stderr"
else
	bad "unknown encoding: status $status, $(cat "$tmp/err")"
fi

# An Aozora Bunko text straight from its ZIP archive (as distributed: the
# Shift_JIS text, deflated; here made with python3's zipfile): the same
# dump as the text itself, stored or deflated, with an image before it.
yume=$texts/799_ruby_6024.txt
if command -v python3 >/dev/null 2>&1; then
	python3 - "$yume" "$tmp" <<'PY' || bad "could not make the archives"
import sys, zipfile
src, tmp = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
for name, method, members in (
        ('deflated.zip', zipfile.ZIP_DEFLATED, [('799_ruby_6024.txt', data)]),
        ('stored.zip', zipfile.ZIP_STORED, [('799_ruby_6024.txt', data)]),
        ('image.zip', zipfile.ZIP_DEFLATED,
         [('fig/1.png', b'\x89PNG\r\n\x1a\n'), ('799_ruby_6024.TXT', data)])):
    with zipfile.ZipFile(tmp + '/' + name, 'w', method) as z:
        for n, d in members:
            z.writestr(n, d)
z = bytearray(open(tmp + '/deflated.zip', 'rb').read())
z[200] ^= 0x55  # inside the deflated text
open(tmp + '/damaged.zip', 'wb').write(z)
open(tmp + '/cut.zip', 'wb').write(z[:len(z) // 2])
PY
	"$rubi" --dump -w 60 "$yume" >"$tmp/want" 2>&1
	for z in deflated stored image; do
		"$rubi" --dump -w 60 "$tmp/$z.zip" >"$tmp/got" 2>&1
		if cmp -s "$tmp/want" "$tmp/got" && [ -s "$tmp/got" ]; then
			ok "ZIP ($z): the text inside, as from the text itself"
		else
			bad "ZIP ($z): not the same dump as the text"
		fi
	done
	"$rubi" --outline "$tmp/deflated.zip" >"$tmp/got" 2>&1
	if grep -q '第十夜' "$tmp/got"; then
		ok "ZIP: its text's headings are the outline"
	else
		bad "ZIP: no outline: $(head -3 "$tmp/got")"
	fi
	for z in damaged cut; do
		"$rubi" --dump "$tmp/$z.zip" >"$tmp/out" 2>"$tmp/err"
		status=$?
		if [ "$status" -eq 1 ] && [ ! -s "$tmp/out" ] &&
		    grep -q "a ZIP archive, but" "$tmp/err"; then
			ok "ZIP ($z): status 1 and one line saying why"
		else
			bad "ZIP ($z): status $status, $(cat "$tmp/err")"
		fi
	done
else
	bad "python3 is needed to make the ZIP archives"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
exit 0
