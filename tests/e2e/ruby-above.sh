#!/bin/sh
# e2e: the sample at 100x30 in the default mode shows every reading centred
# above the character it annotates (display columns: Han = 2).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_start 100 30 sample.txt
e2e_check "the reader starts in above mode" e2e_wait_mode above
e2e_check "the sidebar is shown at 100 columns (border at column 27)" \
    test "$(e2e_row 0 | e2e_cut 27 28)" = "│"

e2e_sample_readings > "$e2e_tmp/readings"
e2e_check "readings carry the tones restored from Unihan (shēng tài)" \
    eval 'e2e_text | grep -q "shēng tài"'
e2e_text | e2e_untone | e2e_cells > "$e2e_tmp/cells"

# The first row holding "sheng tai" and the row under it: 生 centred under
# "sheng", 態 under "tai".
set -- $(awk -F '\t' '
{ n[$1]++; ch[$1, n[$1]] = $5; at[$1, n[$1]] = $2; col[$1, $2] = $5; w[$1, $2] = $3
  if ($1 > maxr) maxr = $1 }
END {
	for (r = 0; r < maxr; r++) {
		s = -1
		for (i = 1; i + 8 <= n[r]; i++) {
			t = ""
			for (j = i; j < i + 9; j++) t = t ch[r, j]
			if (t == "sheng tai") { s = at[r, i]; break }
		}
		if (s < 0) continue
		print r, s
		# sheng: columns s..s+4, centre 2s+5 (half-columns)
		for (c = s; c <= s + 4; c++)
			if ((r + 1, c) in col && w[r + 1, c] == 2) {
				d = 2 * c + 2 - (2 * s + 5)
				print c, col[r + 1, c], (d <= 1 && d >= -1) ? "centred" : "off-centre"
				break
			}
		if (c > s + 4) print "-", "none", "-"
		t = s + 6
		for (c = t - 1; c <= t + 2; c++)
			if ((r + 1, c) in col && w[r + 1, c] == 2) {
				d = 2 * c + 2 - (2 * t + 3)
				print c, col[r + 1, c], (d <= 1 && d >= -1) ? "centred" : "off-centre"
				break
			}
		if (c > t + 2) print "-", "none", "-"
		exit
	}
}' "$e2e_tmp/cells")
if [ $# -ne 8 ]; then
	e2e_fail "a reading row with \"sheng tai\" is on screen"
else
	e2e_pass "row $1 of the text area shows \"sheng tai\" (sheng at column $2)"
	e2e_check_eq "生 is under \"sheng\" (row $(($1 + 1)), column $3)" \
	    "生 centred" "$4 $5"
	e2e_check_eq "態 is under \"tai\" (row $(($1 + 1)), column $6)" \
	    "態 centred" "$7 $8"
fi

# Every reading on screen: the row under it has, centred under the reading,
# a character that the sample annotates with that reading.
report=$(awk -F '\t' '
FNR == NR { ok[$1 "\t" $2] = 1; next }
{ col[$1, $2] = $5; w[$1, $2] = $3; txt[$1] = txt[$1] $5
  if ($1 > maxr) maxr = $1; if ($5 != " " && $5 !~ /^[a-z]$/ && $5 != "\303\274") notrd[$1] = 1 }
END {
	n = 0; bad = 0
	for (r = 0; r < maxr; r++) {
		if (r in notrd || txt[r] !~ /[a-z]/) continue
		# tokens: runs of non-space cells
		c = 0
		while ((r, c) in col) {
			if (col[r, c] == " ") { c++; continue }
			s = c; tok = ""
			while ((r, c) in col && col[r, c] != " ") { tok = tok col[r, c]; c += w[r, c] }
			wt = c - s; n++
			g = tok; gsub(/\303\274/, "v", g)
			found = ""
			for (k = s - 1; k < c; k++)
				if ((r + 1, k) in col && w[r + 1, k] == 2) {
					d = 2 * k + 2 - (2 * s + wt)
					if (d >= -1 && d <= 1) { found = col[r + 1, k]; break }
				}
			if (found == "") {
				bad++; print "row " r " col " s ": no character centred under \"" tok "\""
			} else if (!((found "\t" g) in ok)) {
				bad++; print "row " r " col " s ": \"" tok "\" is over " found ", which the sample does not annotate so"
			}
		}
	}
	print "checked " n " readings, " bad " misplaced"
}' "$e2e_tmp/readings" "$e2e_tmp/cells")
summary=$(printf '%s\n' "$report" | tail -n 1)
case $summary in
"checked 0 "*) e2e_fail "readings are shown above their characters" "$report" ;;
*", 0 misplaced") e2e_pass "every reading on screen is centred over its character ($summary)" ;;
*) e2e_fail "every reading on screen is centred over its character" "$report" ;;
esac

e2e_keys q
e2e_check_eq "q exits with status 0" 0 "$(e2e_wait_exit)"
e2e_done
