#!/bin/sh
# cli.sh: rubi's command line as a user meets it: the article with its
# readings removed, the outline, exit statuses and messages, --help, and
# the copy of the input when standard output is not a terminal.
#
# make check sets top_srcdir, top_builddir and RUBI_DATADIR; run by hand
# from the build directory, the defaults of tests/clilib.sh do the same.

clilib_name=cli
. "${top_srcdir:-$(dirname "$0")/..}/tests/clilib.sh"
# The number of lines in file $1.
lines() {
	wc -l <"$1" | tr -d ' '
}
# Does file $1 hold an ESC byte? (Only reads it, twice.)
# shellcheck disable=SC2094
has_esc() {
	! LC_ALL=C tr -d '\033' <"$1" | cmp -s - "$1"
}

# 1. Readings off, no wrapping: the article with every reading removed
#    and nothing else changed (plus a final newline, which the sample
#    lacks).
"$rubi" --dump --ruby=off --width=0 "$sample" >"$tmp/off" 2>"$tmp/err"
status=$?
LC_ALL=C sed -E 's/\([a-z]+\)//g' "$sample" >"$tmp/want"
if [ "$(tail -c 1 "$tmp/want" | wc -l | tr -d ' ')" -eq 0 ]; then
	echo >>"$tmp/want"
fi
if [ "$status" -eq 0 ] && cmp -s "$tmp/want" "$tmp/off" &&
    [ ! -s "$tmp/err" ]; then
	ok "--dump --ruby=off --width=0 is the article without readings"
else
	bad "--dump --ruby=off --width=0 is the article without readings" \
	    "(status $status)"
	diff "$tmp/want" "$tmp/off" | head -n 6
fi

# 1b. A large file is dumped by several threads, chunk by chunk: the dump
#     of 900 copies of the article (about 6 MiB: threads are used from
#     4 MiB on) is exactly 900 copies of its dump, in every mode, wrapped
#     or not: no chunk lost, repeated or out of order at the seams.
cp "$sample" "$tmp/one"
echo >>"$tmp/one"
i=0
while [ $i -lt 30 ]; do cat "$tmp/one"; i=$((i + 1)); done >"$tmp/thirty"
i=0
while [ $i -lt 30 ]; do cat "$tmp/thirty"; i=$((i + 1)); done >"$tmp/big"
for args in "--ruby=off --width=0" "--ruby=above --width=37" \
    "--ruby=inline --width=80" "--ruby=popup --width=0"; do
	# shellcheck disable=SC2086
	"$rubi" --dump $args "$tmp/one" >"$tmp/one.out" &&
	i=0 &&
	while [ $i -lt 900 ]; do cat "$tmp/one.out"; i=$((i + 1)); done \
	    >"$tmp/big.want" &&
	# shellcheck disable=SC2086
	"$rubi" --dump $args "$tmp/big" >"$tmp/big.out"
	status=$?
	if [ "$status" -eq 0 ] && [ -s "$tmp/one.out" ] &&
	    cmp -s "$tmp/big.want" "$tmp/big.out"; then
		ok "--dump $args of 900 copies is 900 copies of the dump"
	else
		bad "--dump $args of 900 copies is 900 copies of the dump" \
		    "(status $status)"
		cmp "$tmp/big.want" "$tmp/big.out" | head -n 2
	fi
done

# 2. The outline: the four policy areas, in order.
printf '%s\n' 加快推動發展方式綠色轉型 深入推進環境污染防治 \
    統籌生態系統保護修復 積極穩妥推進碳達峰碳中和 >"$tmp/want"
"$rubi" --outline "$sample" >"$tmp/outline" 2>"$tmp/err"
status=$?
if [ "$status" -eq 0 ] && cmp -s "$tmp/want" "$tmp/outline"; then
	ok "--outline prints the four areas"
else
	bad "--outline prints the four areas (status $status)"
	cat "$tmp/outline"
fi

# 3. A missing file: status 1 and one line on stderr naming it.
for args in "--dump" "--outline" ""; do
	# shellcheck disable=SC2086 # $args is one option or none
	"$rubi" $args "$tmp/no-such-file" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 1 ] && [ "$(lines "$tmp/err")" -eq 1 ] &&
	    grep -q 'no-such-file' "$tmp/err" && [ ! -s "$tmp/out" ]; then
		ok "missing file ($args): status 1, one line naming it"
	else
		bad "missing file ($args): status $status, stderr:"
		cat "$tmp/err"
	fi
done

# 4. Usage errors: status 2.
for args in "--no-such-option" "--ruby=sideways" "--width=-3" \
    "--width=abc" "--ambiwidth=3" "--dump --outline"; do
	# shellcheck disable=SC2086 # several options on purpose
	"$rubi" $args "$sample" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 2 ] && [ -s "$tmp/err" ] && [ ! -s "$tmp/out" ]; then
		ok "$args: status 2 and a message"
	else
		bad "$args: status $status (want 2 and a message on stderr)"
	fi
done

# 5. --help lists every option the program accepts (from the option
#    table in ui/), on stdout, with status 0.
"$rubi" --help >"$tmp/help" 2>"$tmp/err"
status=$?
sp='[[:space:]]*'
opts=$(sed -n "s/^$sp{$sp\"\([a-z][a-z0-9-]*\)\",${sp}[a-z]*_argument.*/\1/p" \
    "$srcdir"/ui/*.c)
# shellcheck disable=SC2086,SC2116 # join the words with spaces
opts=$(echo $opts)
for o in dump outline width ruby ambiwidth help version; do
	case " $opts " in
	*" $o "*) ;;
	*) bad "option table in ui/ has no --$o"; ;;
	esac
done
missing=
for o in $opts; do
	grep -q -E -e "--$o([^a-z0-9-]|\$)" "$tmp/help" ||
	    missing="$missing --$o"
done
if [ "$status" -eq 0 ] && [ -n "$opts" ] && [ -z "$missing" ] &&
    [ ! -s "$tmp/err" ]; then
	ok "--help lists every option:" "$opts"
else
	bad "--help (status $status) does not list:$missing"
fi
"$rubi" --version >"$tmp/out" 2>&1
status=$?
if [ "$status" -eq 0 ] && head -n 1 "$tmp/out" | grep -q '^rubi '; then
	ok "--version"
else
	bad "--version: status $status"
fi
# 5b. The reading table --version names: the compiled one, else a text
#     one (a directory with only unihan.tsv), else none; a damaged one is
#     named as such.
mkdir "$tmp/dd-none" "$tmp/dd-text" "$tmp/dd-cut"
cp "$RUBI_DATADIR/unihan.tsv" "$tmp/dd-text/"
head -c 5000 "$RUBI_DATADIR/unihan.bin" >"$tmp/dd-cut/unihan.bin"
for want in "$RUBI_DATADIR/unihan.bin ([0-9]* characters)" \
    "$tmp/dd-text/unihan.tsv ([0-9]* characters)" \
    "not found (no unihan.bin or unihan.tsv in $tmp/dd-none)" \
    "cannot use $tmp/dd-cut/unihan.bin: malformed input"; do
	case $want in
	*dd-none*) dir=$tmp/dd-none ;;
	*dd-text*) dir=$tmp/dd-text ;;
	*dd-cut*) dir=$tmp/dd-cut ;;
	*) dir=$RUBI_DATADIR ;;
	esac
	RUBI_DATADIR=$dir "$rubi" --version >"$tmp/out" 2>&1
	status=$?
	if [ "$status" -eq 0 ] &&
	    grep -q "^Unihan readings: $want" "$tmp/out"; then
		ok "--version: Unihan readings: $want"
	else
		bad "--version in $dir (status $status):" \
		    "$(sed -n 2p "$tmp/out")"
	fi
done

# 6. Standard output not a terminal, no --dump: the input byte for byte,
#    from a file or from standard input, invalid bytes and escapes and all.
printf 'a\033[2Jb\377\r\n\t\302\233c(sheng)' >"$tmp/raw"
for f in "$sample" "$tmp/raw"; do
	"$rubi" "$f" >"$tmp/copy" 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 0 ] && cmp -s "$f" "$tmp/copy"; then
		ok "not a terminal: $(basename "$f") copied byte for byte"
	else
		bad "not a terminal: $(basename "$f") not copied" \
		    "(status $status)"
	fi
	"$rubi" <"$f" >"$tmp/copy" 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 0 ] && cmp -s "$f" "$tmp/copy"; then
		ok "not a terminal: $(basename "$f") from stdin copied"
	else
		bad "not a terminal: $(basename "$f") from stdin not copied" \
		    "(status $status)"
	fi
done

# 7. A file name with an escape sequence in it is printed sanitised.
name=$(printf 'evil\033[2Jname')
"$rubi" --dump "$tmp/$name" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 1 ] && ! has_esc "$tmp/err" &&
    grep -q 'evil^\[\[2Jname' "$tmp/err"; then
	ok "file name with ESC is shown as ^[ on stderr"
else
	bad "file name with ESC: status $status, stderr:"
	LC_ALL=C od -c "$tmp/err" | head -n 4
fi

# 8. --dump without --width on a pipe is 80 columns wide.
"$rubi" --dump "$sample" >"$tmp/a" 2>/dev/null
"$rubi" --dump --width=80 "$sample" >"$tmp/b" 2>/dev/null
if cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/a" ]; then
	ok "--dump defaults to 80 columns when not on a terminal"
else
	bad "--dump default width is not 80 off a terminal"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
exit 0
