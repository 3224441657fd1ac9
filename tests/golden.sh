#!/bin/sh
# golden.sh: `rubi --dump` of the sample article in every ruby mode at
# widths 40 and 80, compared byte for byte with the goldens in
# tests/data/golden/sample.MODE.wWIDTH.txt.
#
# On a mismatch the output is kept as tests/NAME.actual in the build tree
# (the source tree is read-only under make distcheck), the first line that
# differs is printed, and the test fails. GENERATE=1 rewrites the goldens
# in the source tree instead: read them before committing.
#
# make check sets top_srcdir, top_builddir and RUBI_DATADIR; run by hand
# from the build directory, the defaults of tests/clilib.sh do the same.

clilib_name=golden
. "${top_srcdir:-$(dirname "$0")/..}/tests/clilib.sh"
golden=$srcdir/tests/data/golden
out=$builddir/tests

mkdir -p "$out" || exit 99
if [ "${GENERATE:-}" = 1 ]; then
	mkdir -p "$golden" || exit 99
fi

# Print the first line where file $2 (actual) differs from $1 (expected).
first_difference() {
	awk -v want="$1" '
	{
		if ((getline line < want) <= 0) {
			printf "  line %d: expected the end, got:\n", NR
			printf "    %s\n", $0
			bad = 1
			exit
		}
		if (line != $0) {
			printf "  line %d:\n", NR
			printf "    expected: %s\n    actual:   %s\n", line, $0
			bad = 1
			exit
		}
	}
	END {
		if (bad)
			exit
		if ((getline line < want) > 0) {
			printf "  line %d: the output ends early; expected:\n",
			    NR + 1
			printf "    %s\n", line
		} else {
			print "  (the files differ only in a final newline)"
		}
	}' "$2"
}

fail=0
for mode in above inline off popup; do
	for width in 40 80; do
		name=sample.$mode.w$width
		actual=$out/$name.actual
		"$rubi" --dump --width="$width" --ruby="$mode" "$sample" \
		    >"$actual"
		status=$?
		if [ "$status" -ne 0 ]; then
			echo "FAIL: $name: rubi exited with status $status"
			fail=1
			continue
		fi
		if [ "${GENERATE:-}" = 1 ]; then
			if cp "$actual" "$golden/$name.txt"; then
				rm -f "$actual"
				echo "generated $golden/$name.txt"
			else
				fail=1
			fi
			continue
		fi
		if [ ! -f "$golden/$name.txt" ]; then
			echo "FAIL: $name: no golden $golden/$name.txt" \
			    "(GENERATE=1 makes it)"
			fail=1
		elif cmp -s "$golden/$name.txt" "$actual"; then
			rm -f "$actual"
			echo "ok: $name"
		else
			echo "FAIL: $name: output differs from the golden;" \
			    "kept in $actual"
			first_difference "$golden/$name.txt" "$actual"
			fail=1
		fi
	done
done
exit $fail
