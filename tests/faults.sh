#!/bin/sh
# faults.sh: rubi's command line against awkward inputs and outputs
# (RELIABILITY.md cases 33-37, 42-48 and 62; the table is tests/README).
# Each check prints "ok: ..." or "FAIL: ..."; any failure fails the test.
#
# make check sets top_srcdir, top_builddir and RUBI_DATADIR; run by hand
# from the build directory, the defaults of tests/clilib.sh do the same.

clilib_name=faults
. "${top_srcdir:-$(dirname "$0")/..}/tests/clilib.sh"
escapes=$srcdir/tests/data/escapes.txt
# check DESC CMD...: ok when CMD succeeds.
check() {
	d=$1
	shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}
# Is file $1 free of every byte a terminal could act on: C0 but LF, DEL,
# invalid UTF-8, C1, bidi controls? (perl, which Debian always has.)
safe() {
	perl -e 'local $/; my $s = <STDIN>;
		exit 1 if $s =~ /[\x00-\x09\x0b-\x1f\x7f]/;
		exit 1 unless utf8::decode($s);
		exit 1 if $s =~ /[\x{80}-\x{9f}\x{202a}-\x{202e}\x{2066}-\x{2069}\x{200e}\x{200f}\x{61c}\x{2028}\x{2029}]/;
		exit 0' < "$1"
}
# fast LIMIT DESC SHELL-CMD: SHELL-CMD (run by sh -c, its output in
# $tmp/timed) takes less than LIMIT milliseconds.
fast() {
	t=$(ms sh -c "$3")
	check "$2 in $t ms (< $1)" [ "$t" -lt "$1" ]
}
# Elapsed wall time of a command, in milliseconds, on stdout; the
# command's own output goes to $tmp/timed.
ms() {
	t0=$(date +%s%N)
	"$@" > "$tmp/timed" 2>&1
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}

# 33. Empty file, a lone newline, no final newline: rendered, status 0.
: > "$tmp/empty"
printf '\n' > "$tmp/nl"
printf '生(shēng)' > "$tmp/nofinal"
for f in empty nl nofinal; do
	for m in above popup off inline; do
		"$rubi" --dump --ruby=$m --width=40 "$tmp/$f" > "$tmp/out" 2> "$tmp/err"
		st=$?
		if [ $st -ne 0 ] || [ -s "$tmp/err" ]; then
			bad "33: --dump --ruby=$m of '$f': status $st, $(cat "$tmp/err")"
		fi
	done
	"$rubi" --outline "$tmp/$f" > "$tmp/out" 2> "$tmp/err" ||
	    bad "33: --outline of '$f' failed"
done
check "33: empty file, lone newline, no final newline dump in every mode" \
    [ "$failures" -eq 0 ]
"$rubi" --dump --ruby=inline --width=0 "$tmp/nofinal" > "$tmp/out"
check "33: no final newline: the reading is kept" grep -q 'shēng' "$tmp/out"

# 34. Binary input (an ELF executable): every byte safe, status 0.
"$rubi" --dump --width=0 --ruby=off "$rubi" > "$tmp/bin.out" 2> "$tmp/err"
st=$?
check "34: --dump of an ELF binary: status 0 ($st), nothing on stderr" \
    [ $st -eq 0 ] && [ ! -s "$tmp/err" ]
check "34: --dump of an ELF binary is safe for a terminal" safe "$tmp/bin.out"
check "34: its bytes are shown as placeholders" \
    grep -q -F -e '^?ELF' "$tmp/bin.out"

# 35, 36. A 1 GB line of NULs and a 3 GB sparse file: the first lines come
# at once; the file is never read whole (that would take seconds).
if truncate -s 1G "$tmp/big1" 2>/dev/null &&
    truncate -s 3G "$tmp/big3" 2>/dev/null; then
	fast 1000 "35: 1 GB line: first 4 rows" \
	    "'$rubi' --dump --width=80 '$tmp/big1' | head -n 4"
	check "35: 1 GB line: NULs shown as ^@" grep -q '\^@\^@' "$tmp/timed"
	fast 1000 "36: 3 GB file: first 4 rows" \
	    "'$rubi' --dump --width=80 '$tmp/big3' | head -n 4"
	rm -f "$tmp/big1" "$tmp/big3"
else
	bad "35, 36: cannot make sparse files in $tmp"
fi

# 37. Never-ending pipes: the first rows come and rubi ends with its
# reader (SIGPIPE), in well under a second.
fast 2000 "37: yes | rubi --dump | head" \
    "yes '生(sheng)' | '$rubi' --dump --width=40 | head -n 6"
check "37: ... and shows the readings" grep -q 'sh[eē]ng' "$tmp/timed"
fast 2000 "37: rubi --dump < /dev/zero | head" \
    "'$rubi' --dump --width=40 < /dev/zero | head -n 2"
fast 2000 "37: yes | rubi | head (copy)" \
    "yes | '$rubi' | head -n 3"

# 42. A directory, a missing file: one line naming it, status 1.
"$rubi" "$tmp" > /dev/null 2> "$tmp/err"
st=$?
check "42: a directory: status 1 ($st), one line" \
    [ $st -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ]
check "42: ... saying it is a directory" grep -q 'directory' "$tmp/err"

# 43. A terminal as the file is refused (when there is one to try).
if command -v script > /dev/null 2>&1 &&
    script -qc true /dev/null < /dev/null > /dev/null 2>&1; then
	script -qc "'$rubi' /dev/tty; echo status=\$?" /dev/null \
	    < /dev/null > "$tmp/out" 2>&1
	check "43: rubi /dev/tty is refused with status 1" eval \
	    "grep -q 'is a terminal' '$tmp/out' && grep -q 'status=1' '$tmp/out'"
else
	bad "43: script(1) cannot make a pseudo-terminal here"
fi

# 43. /dev/urandom is a never-ending pipe: the first rows come, safe.
fast 2000 "43: rubi --dump /dev/urandom | head" \
    "'$rubi' --dump --width=80 /dev/urandom | head -n 40"
check "43: ... every byte of it safe" safe "$tmp/timed"

# 44. Document on stdin, no /dev/tty to read keys from (setsid: no
# controlling terminal), stdout a terminal: a warning and the text written
# safely, status 0.
if command -v setsid > /dev/null 2>&1; then
	script -qc "setsid -w sh -c 'cat \"$escapes\" | TERM=xterm \"$rubi\"; echo status=\$?'" \
	    /dev/null < /dev/null > "$tmp/out" 2>&1
	check "44: stdin document, no /dev/tty: status 0" \
	    grep -q 'status=0' "$tmp/out"
	check "44: ... one warning" grep -q 'writing the text instead' "$tmp/out"
	check "44: ... and the text with placeholders" \
	    grep -q 'UNTERMINATED^\[\]8;;http' "$tmp/out"
	check "44: ... no payload reached the terminal" eval \
	    "! grep -q \"\$(printf '\\033]8;;http')\" '$tmp/out'"
else
	bad "44: setsid is missing"
fi

# 45. Awkward file names: a leading '-', a newline, spaces, opened as
# given (after --); a name with a newline in a message is one line.
cp "$sample" "$tmp/-n x.txt"
"$rubi" --dump --width=40 -- "$tmp/-n x.txt" > "$tmp/out" 2>&1
check "45: a name with a leading '-' and a space opens after --" \
    grep -q '2月15日' "$tmp/out"
nl_name="$tmp/$(printf 'a\nb\033[2J')"
"$rubi" "$nl_name" > /dev/null 2> "$tmp/err"
check "45: a missing name with LF and ESC: one stderr line, made safe" \
    [ "$(wc -l < "$tmp/err")" -eq 1 ] && safe "$tmp/err"

# 46. stdout not a terminal: a byte-identical copy, escapes and all.
"$rubi" "$escapes" > "$tmp/copy"
check "46: not a terminal: a byte-identical copy" cmp -s "$escapes" "$tmp/copy"

# 47. stdout closed: one line on stderr, status 1.
for args in "" "--dump" "--outline"; do
	# shellcheck disable=SC2086 # one option or none
	"$rubi" $args "$sample" >&- 2> "$tmp/err"
	st=$?
	check "47: stdout closed ($args): status 1 ($st), one stderr line" \
	    [ $st -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ]
	check "47: ... naming standard output" \
	    grep -q 'standard output' "$tmp/err"
done

# 48. The reader of stdout goes away: killed by SIGPIPE, or, with SIGPIPE
# ignored, status 1 and no message.
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$sample" "$sample"; done > "$tmp/big"
for args in "" "--dump"; do
	# shellcheck disable=SC2086
	st=$( { "$rubi" $args "$tmp/big" 2> "$tmp/err"; echo $? > "$tmp/st"; } |
	    head -n 1 > /dev/null; cat "$tmp/st")
	check "48: rubi $args | head -1: SIGPIPE (status $st = 141)" \
	    [ "$st" -eq 141 ] && [ ! -s "$tmp/err" ]
	# shellcheck disable=SC2086
	st=$( { trap '' PIPE; "$rubi" $args "$tmp/big" 2> "$tmp/err"; echo $? > "$tmp/st"; } |
	    head -n 1 > /dev/null; cat "$tmp/st")
	check "48: SIGPIPE ignored, rubi $args | head -1: status 1 ($st), quiet" \
	    [ "$st" -eq 1 ] && [ ! -s "$tmp/err" ]
done

# 61. A megabyte of '(' and of unterminated groups: linear, literal.
perl -e 'print "(" x 1048576; print "\n"; print "生(sheng" x 100000' > "$tmp/paren"
t=$(ms "$rubi" --dump --width=80 "$tmp/paren")
check "61: 1 MiB of '(' and 100000 unterminated groups: $t ms (< 5000)" \
    [ "$t" -lt 5000 ]
check "61: ... shown literally" grep -q '生(sheng生(sheng' "$tmp/timed"

# 12. Nothing in the document is ever run: the program calls no shell
# and starts no program (no system, popen or exec* in src/ or ui/).
if grep -n -E '\<(system|popen|execl|execlp|execle|execv|execvp|execve|posix_spawn)[[:space:]]*\(' \
    "$srcdir"/src/*.c "$srcdir"/ui/*.c > "$tmp/exec"; then
	bad "12: a call that runs a program: $(cat "$tmp/exec")"
else
	ok "12: no call that runs a program in src/ or ui/"
fi

# 26. A regional-indicator pair (a flag) takes 2 columns, a lone one 1.
printf '\360\237\207\250\360\237\207\263|\n\360\237\207\250|\n' > "$tmp/ri"
"$rubi" --dump --ruby=off --width=2 "$tmp/ri" > "$tmp/out"
printf '\360\237\207\250\360\237\207\263\n|\n\360\237\207\250|\n' > "$tmp/want"
check "26: at width 2 a flag fills a row, a lone indicator leaves 1 column" \
    cmp -s "$tmp/want" "$tmp/out"

# 30. Decomposed pinyin (e + U+0304) lays out as the precomposed one.
printf '生(she\314\204ng)態(tai)\n' > "$tmp/dec"
printf '生(sh\304\223ng)態(tai)\n' > "$tmp/pre"
for m in above inline; do
	"$rubi" --dump --ruby=$m --width=20 "$tmp/dec" > "$tmp/a"
	"$rubi" --dump --ruby=$m --width=20 "$tmp/pre" > "$tmp/b"
	check "30: --ruby=$m: e+U+0304 and ē give the same screen" \
	    cmp -s "$tmp/a" "$tmp/b"
done

# 51. A malformed terminfo entry through TERMINFO: refused by ncurses,
# then the text is written safely, status 0.
mkdir -p "$tmp/ti/x" && head -c 600 /dev/urandom > "$tmp/ti/x/xbroken" &&
    printf '\032\001\377\377\377\377' > "$tmp/ti/x/xshort"
for t in xbroken xshort; do
	script -qc "TERMINFO='$tmp/ti' TERM=$t '$rubi' '$escapes'; echo status=\$?" \
	    /dev/null < /dev/null > "$tmp/out" 2>&1
	check "51: TERMINFO entry '$t' is garbage: warned, text written, status 0" \
	    eval "grep -q 'writing the text instead' '$tmp/out' &&
	        grep -q 'status=0' '$tmp/out' &&
	        grep -q 'UNTERMINATED' '$tmp/out'"
done

# 59. LANG=C or LC_ALL=POSIX: the file is still read as UTF-8.
"$rubi" --dump --width=60 "$sample" > "$tmp/utf8"
for loc in C POSIX; do
	LC_ALL=$loc "$rubi" --dump --width=60 "$sample" > "$tmp/out" 2>&1
	check "59: LC_ALL=$loc: the same dump as in a UTF-8 locale" \
	    cmp -s "$tmp/utf8" "$tmp/out"
done

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
exit 0
