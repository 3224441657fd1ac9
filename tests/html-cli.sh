#!/bin/sh
# html-cli.sh: HTML input and --export on rubi's command line, as a user
# meets them: detection by name and content, --format=html, the outline
# of an HTML page, exports and their round trip through the binary,
# messages and exit statuses for bad options and oversized or hostile
# input. The sample page is tests/data/ruby-sample.html.
#
# make check sets top_srcdir, top_builddir and RUBI_DATADIR; run by hand
# from the build directory, the defaults of tests/clilib.sh do the same.

clilib_name=html-cli
. "${top_srcdir:-$(dirname "$0")/..}/tests/clilib.sh"
page=$srcdir/tests/data/ruby-sample.html
# Does file $1 hold an ESC byte or U+FFF9..U+FFFB?
# shellcheck disable=SC2094
unsafe() {
	! LC_ALL=C tr -d '\033' <"$1" | cmp -s - "$1" ||
	    LC_ALL=C grep -q "$(printf '\357\277[\271\272\273]')" "$1"
}
# Run rubi with the arguments; stdout in $tmp/out, stderr in $tmp/err,
# exit status in $status.
run() {
	"$rubi" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# 1. A .html file is read as HTML: readings over their bases, markup,
#    scripts, styles and the title gone, nothing unsafe written.
run --dump --ruby=inline --width=0 "$page"
cat >"$tmp/want" <<'END'
加快推動發(fā)展(zhǎn)方式綠色轉型

省生(shēng)態(tài)環(huán)境(jìng)廳總工程師介紹，山東省生(shēng)態(tài)環(huán)境(jìng)系統將充分發揮作用，協同推進降碳(tàn)、減污、擴綠(lǜ)、增長。

深入推進環境污染防治

• 持續實施四減四增三年行動
• 東京(とうきょう)と大(おお)阪(さか)
• A & B <tag> 中文 NBSPend

項目 | 數量
碳(tàn)排放 | 100

統籌生態系統保護修復

  第一行
    第二行

控制字元：^[[31m 紅 ^? 完
換行之後[圖]
END
sed "s/NBSP/$(printf '\302\240')/" "$tmp/want" >"$tmp/want2"
mv "$tmp/want2" "$tmp/want"
if [ "$status" -eq 0 ] && cmp -s "$tmp/want" "$tmp/out" &&
    [ ! -s "$tmp/err" ] && ! unsafe "$tmp/out"; then
	ok "a .html file is read as HTML, readings inline"
else
	bad "a .html file read as HTML (status $status)"
	diff "$tmp/want" "$tmp/out" | head -n 8
	head -n 3 "$tmp/err"
fi
cp "$tmp/out" "$tmp/byname"

# 2. Found by content: from a pipe, and under a name that says nothing.
"$rubi" --dump --ruby=inline --width=0 <"$page" >"$tmp/pipe" 2>&1
cp "$page" "$tmp/page.txt"
"$rubi" --dump --ruby=inline --width=0 "$tmp/page.txt" >"$tmp/txt" 2>&1
printf '<p>a <ruby>漢<rt>kan</rt></ruby></p>\n' >"$tmp/frag"
"$rubi" --dump --ruby=inline --width=0 "$tmp/frag" >"$tmp/fragout" 2>&1
if cmp -s "$tmp/byname" "$tmp/pipe" && cmp -s "$tmp/byname" "$tmp/txt" &&
    [ "$(cat "$tmp/fragout")" = "a 漢(kan)" ]; then
	ok "HTML is found by content (pipe, .txt name, a <ruby> fragment)"
else
	bad "HTML not found by content"
	head -n 3 "$tmp/pipe" "$tmp/txt" "$tmp/fragout"
fi

# 3. --format decides: pinyin shows the markup, html reads a page that
#    neither name nor content give away.
run --dump --ruby=off --width=0 --format=pinyin "$page"
grep -q '<ruby>' "$tmp/out" && pinyin_raw=1 || pinyin_raw=0
printf 'x &amp; <b>y</b>\n' >"$tmp/plain.txt"
"$rubi" --dump --ruby=off --width=0 --format=html "$tmp/plain.txt" \
    >"$tmp/forced" 2>&1
"$rubi" --dump --ruby=off --width=0 "$tmp/plain.txt" >"$tmp/unforced" 2>&1
if [ "$pinyin_raw" -eq 1 ] && [ "$(cat "$tmp/forced")" = "x & y" ] &&
    [ "$(cat "$tmp/unforced")" = "x &amp; <b>y</b>" ]; then
	ok "--format=pinyin and --format=html override detection"
else
	bad "--format does not override detection: $pinyin_raw," \
	    "$(cat "$tmp/forced")," "$(cat "$tmp/unforced")"
fi

# 4. Headings are the outline.
run --outline "$page"
printf '%s\n' 加快推動發展方式綠色轉型 深入推進環境污染防治 \
    統籌生態系統保護修復 >"$tmp/want"
if [ "$status" -eq 0 ] && cmp -s "$tmp/want" "$tmp/out"; then
	ok "h1-h6 are the outline of an HTML page"
else
	bad "outline of the HTML page (status $status):"
	cat "$tmp/out"
fi

# 5. --export=text is --dump --ruby=off --width=0; --export=inline is
#    --dump --ruby=inline --width=0 (for the pinyin sample and the page).
for f in "$sample" "$page"; do
	"$rubi" --export=text "$f" >"$tmp/et" 2>&1
	"$rubi" --dump --ruby=off --width=0 "$f" >"$tmp/dt" 2>&1
	"$rubi" --export=inline "$f" >"$tmp/ei" 2>&1
	"$rubi" --dump --ruby=inline --width=0 "$f" >"$tmp/di" 2>&1
	if cmp -s "$tmp/et" "$tmp/dt" && cmp -s "$tmp/ei" "$tmp/di" &&
	    [ -s "$tmp/et" ]; then
		ok "--export=text and inline agree with --dump: ${f##*/}"
	else
		bad "--export=text or inline differ from --dump: ${f##*/}"
		diff "$tmp/et" "$tmp/dt" | head -n 4
		diff "$tmp/ei" "$tmp/di" | head -n 4
	fi
done

# 6. --export=html is a page that reads back as the same document: the
#    same readings over the same characters, the same sections.
run --export=html "$sample"
cp "$tmp/out" "$tmp/sample.html"
"$rubi" --export=inline "$sample" | tr -d '\n' >"$tmp/a"
"$rubi" --export=inline "$tmp/sample.html" | tr -d '\n' >"$tmp/b"
"$rubi" --outline "$sample" >"$tmp/oa"
"$rubi" --outline "$tmp/sample.html" >"$tmp/ob"
if [ "$status" -eq 0 ] && head -n 1 "$tmp/sample.html" |
    grep -qx '<!DOCTYPE html>' &&
    grep -q '<meta charset="utf-8">' "$tmp/sample.html" &&
    grep -q '<ruby>生<rp>(</rp><rt>shēng</rt><rp>)</rp></ruby>' \
        "$tmp/sample.html" &&
    [ "$(grep -c '<h2>' "$tmp/sample.html")" -eq 4 ] &&
    cmp -s "$tmp/a" "$tmp/b" && cmp -s "$tmp/oa" "$tmp/ob"; then
	ok "--export=html reads back as the same readings and sections"
else
	bad "--export=html round trip (status $status)"
	cmp "$tmp/a" "$tmp/b"
	diff "$tmp/oa" "$tmp/ob" | head -n 4
fi

# 7. Usage errors: exit status 2 and a message.
for args in "--export=pdf" "--export=html --dump" "--export=text --outline" \
    "--format=htm"; do
	# shellcheck disable=SC2086
	run $args "$page"
	if [ "$status" -eq 2 ] && grep -q '^rubi: ' "$tmp/err" &&
	    [ ! -s "$tmp/out" ]; then
		ok "rubi $args: usage error"
	else
		bad "rubi $args: status $status"
		cat "$tmp/err"
	fi
done

# 8. HTML over 256 MiB is refused with a message (a sparse file).
dd if=/dev/zero of="$tmp/big.html" bs=1 count=0 seek=257M 2>/dev/null
run --dump "$tmp/big.html"
if [ "$status" -eq 1 ] && grep -q 'larger than 256 MiB' "$tmp/err" &&
    [ ! -s "$tmp/out" ]; then
	ok "HTML over 256 MiB is refused"
else
	bad "HTML over 256 MiB: status $status"
	cat "$tmp/err"
fi
rm -f "$tmp/big.html"

# 9. Input that crashes the HTML parser (a million nested elements
#    overflow Gumbo's stack) gives a message and status 1: the parser
#    runs in a child process.
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "<q>"; print "x" }' \
    >"$tmp/deep.html"
run --dump "$tmp/deep.html"
if [ "$status" -eq 1 ] && grep -q 'HTML parser failed' "$tmp/err" &&
    [ ! -s "$tmp/out" ]; then
	ok "HTML that crashes the parser: a message, status 1"
else
	bad "HTML that crashes the parser: status $status"
	tail -n 3 "$tmp/err"
fi

# 10. --version names the HTML parser.
run --version
if grep -q '^HTML input: Gumbo [0-9]' "$tmp/out"; then
	ok "--version names the HTML parser"
else
	bad "--version does not name the HTML parser"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
exit 0
