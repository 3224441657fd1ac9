# accent.awk: aozora2html's yml/accent_table.yml -> the entries of
# src/accent-table.c: Aozora accent decomposition ("〔E'tude〕": a letter,
# or two, and a mark) -> a JIS X 0213 plane-row-cell, resolved through the
# gaiji table. Input:
#   A:                      a letter
#     "`":                  a mark after it
#     - 1-09/1-09-23        the cell
#     E:                    a second letter ("AE&" is Æ)
#       "&":
#       - 1-09/1-09-29
# Output lines: {"A`", 1, 9, 23},
/^[^ -]/ {
	l1 = $1; sub(/:$/, "", l1); gsub(/"/, "", l1)
	l2 = ""; mark = ""
	next
}
/^  [^ -]/ {
	k = $1; sub(/:$/, "", k); gsub(/"/, "", k)
	if (k ~ /^[A-Za-z]$/) { l2 = k; mark = "" } else { l2 = ""; mark = k }
	next
}
/^    [^ -]/ {
	mark = $1; sub(/:$/, "", mark); gsub(/"/, "", mark)
	next
}
/^ *- [12]-[0-9][0-9]\/[12]-[0-9][0-9]-[0-9][0-9]$/ {
	split($2, parts, "/")
	split(parts[2], c, "-")
	key = l1 l2 mark
	gsub(/\\/, "\\\\", key)
	gsub(/"/, "\\\"", key)
	printf "\t{\"%s\", %d, %d, %d},\n", key, c[1], c[2] + 0, c[3] + 0
}
