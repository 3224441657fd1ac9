#!/bin/sh
# check.sh: rubi --check and rubi --glossary as a reviewer or learner runs
# them: output format, summary, exit statuses.
#
# make check sets top_srcdir, top_builddir and RUBI_DATADIR; run by hand
# from the build directory, the defaults of tests/clilib.sh do the same.

clilib_name=check
. "${top_srcdir:-$(dirname "$0")/..}/tests/clilib.sh"
if [ ! -r "$RUBI_DATADIR/unihan.bin" ]; then
	echo "ERROR: no $RUBI_DATADIR/unihan.bin: the checks need the table"
	exit 99
fi
# The known list lives in the state file: never the user's own.
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
# expect NAME WANT GOT: equal strings.
expect() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		bad "$1"
		echo "  expected: $2"
		echo "  got:      $3"
	fi
}

# 1. The sample: its 113 repeated groups and one (EOD), status 1.
"$rubi" --check "$sample" >"$tmp/out" 2>"$tmp/err"
expect "--check on the sample exits 1" 1 $?
expect "--check on the sample: first line" \
    "$sample:2:174: repeated group: 綠(lv)(lv)" "$(head -n 1 "$tmp/out")"
expect "--check on the sample: (EOD) is reported" \
    "$sample:3:818: not a reading after an annotation: 發(fa)(fa)(EOD)" \
    "$(grep EOD "$tmp/out")"
expect "--check on the sample: summary line" \
    "$sample: 114 suspicious annotations (repeated group 113, not a reading after an annotation 1)" \
    "$(tail -n 1 "$tmp/out")"
expect "--check on the sample: nothing on stderr" "" "$(cat "$tmp/err")"

# 2. A clean file: status 0 and the summary only.
printf '生(sheng)態(tai)環境(huanjing)，台灣(Taiwan)\n' >"$tmp/clean.txt"
"$rubi" --check "$tmp/clean.txt" >"$tmp/out" 2>&1
expect "--check on a clean file exits 0" 0 $?
expect "--check on a clean file says so" \
    "$tmp/clean.txt: no suspicious annotations" "$(cat "$tmp/out")"

# 3. Every category on a crafted file, one line each, from a pipe.
printf '生(tai)生(sheng3)\nかな(sheng)字()字(sheng）字(sheng\n' |
    "$rubi" --check >"$tmp/out" 2>&1
expect "--check from a pipe exits 1" 1 $?
expect "--check: crafted categories" \
"(standard input):1:1: not a reading of the character: 生(tai) (Unihan: shēng sheng)
(standard input):1:7: tone not a reading of the character: 生(sheng3) (Unihan: shēng sheng)
(standard input):2:2: reading on a non-Han base: な(sheng)
(standard input):2:10: empty group: 字()
(standard input):2:13: mixed ASCII and full-width parentheses: 字(sheng）
(standard input):2:21: malformed group: 字(sheng
(standard input): 6 suspicious annotations (not a reading of the character 1, tone not a reading of the character 1, reading on a non-Han base 1, empty group 1, malformed group 1, mixed ASCII and full-width parentheses 1)" \
    "$(cat "$tmp/out")"

# 4. Trouble: a missing file is status 2, as is a usage error.
"$rubi" --check "$tmp/missing.txt" >"$tmp/out" 2>"$tmp/err"
expect "--check on a missing file exits 2" 2 $?
"$rubi" --check --dump "$sample" >"$tmp/out" 2>"$tmp/err"
expect "--check with --dump is a usage error (2)" 2 $?

# 5. --glossary: TSV, five columns, first occurrence first.
"$rubi" --glossary "$sample" >"$tmp/out" 2>"$tmp/err"
expect "--glossary on the sample exits 0" 0 $?
expect "--glossary: the first line" \
    "$(printf '生\tshēng\t22\t2:2\tlife, living, lifetime; birth')" \
    "$(head -n 1 "$tmp/out")"
expect "--glossary: every line has five columns" "" \
    "$(awk -F '\t' 'NF != 5' "$tmp/out")"
expect "--glossary: one line per character and reading" "" \
    "$(cut -f 1,2 "$tmp/out" | sort | uniq -d)"

# 6. --known=FILE adds FILE's characters and writes the list back;
#    --unknown-only leaves them out.
printf '# known\n生 態\n' >"$tmp/known.txt"
"$rubi" --glossary --unknown-only --known="$tmp/known.txt" "$sample" \
    >"$tmp/out2" 2>"$tmp/err"
expect "--unknown-only --known exits 0" 0 $?
expect "--known: the imported characters are saved in the state file" \
    "$(printf '\tknown\t態生')" "$(sed -n 2p "$XDG_STATE_HOME/rubi/state")"
"$rubi" --glossary --unknown-only "$sample" >"$tmp/out3" 2>&1
expect "--unknown-only without --known: the saved list applies" \
    "$(cat "$tmp/out2")" "$(cat "$tmp/out3")"
"$rubi" --glossary --unknown-only --no-state "$sample" >"$tmp/out3" 2>&1
expect "--unknown-only --no-state: no saved list" \
    "$(cat "$tmp/out")" "$(cat "$tmp/out3")"
expect "--unknown-only: 生 and 態 are left out" "" \
    "$(cut -f 1 "$tmp/out2" | grep -x -e 生 -e 態)"
expect "--unknown-only: two lines fewer" \
    "$(($(wc -l <"$tmp/out") - 2))" "$(wc -l <"$tmp/out2" | tr -d ' ')"
expect "--known: the file is written back, one character a line" \
    "$(printf '態\n生')" "$(cat "$tmp/known.txt")"
"$rubi" --known="$tmp/new.txt" --check "$tmp/clean.txt" >/dev/null 2>&1
expect "--known with a new file: the whole saved list is exported" \
    "$(printf '態\n生')" "$(cat "$tmp/new.txt")"
"$rubi" --unknown-only "$sample" >/dev/null 2>&1
expect "--unknown-only without --glossary is a usage error" 2 $?

# 7. --readings: the same layout with other spellings of the readings.
expect "--readings=zhuyin: readings in zhuyin" \
    "  ㄕㄥ ㄊㄞˋ ㄏㄨㄢˊ ㄐㄧㄥˋ      ㄔㄥˊ  ㄓㄠˋ" \
    "$("$rubi" --dump --readings=zhuyin --width=60 "$sample" | sed -n 5p)"
expect "--readings=numbers: tone numbers" \
    "  sheng1 tai4 huan2 jing4      cheng2  zhao4" \
    "$("$rubi" --dump --readings=numbers --width=60 "$sample" | sed -n 5p)"
"$rubi" --dump --readings=pinyin "$sample" >/dev/null 2>&1
expect "--readings=pinyin is a usage error" 2 $?

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
exit 0
