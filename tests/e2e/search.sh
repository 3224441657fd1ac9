#!/bin/sh
# e2e: / searches the base text, ignoring readings, and a Latin query also
# matches the readings: /生態 and /shengtai (and sheng tai, shēngtài,
# sheng1tai4) find the same place, "match 1/N". Matches are highlighted; a
# failed search says so and does not move; n goes to the next match.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

# Highlighted (reverse) text of the text area, row by row.
highlights() {
	e2e_attr_cells r | awk -F '\t' '{ r[$1] = r[$1] $3 }
	    END { for (k in r) print k "\t" r[k] }' | sort -n | cut -f 2
}

# The status line is a prompt starting with /.
prompt_open() {
	e2e_poll eval 'e2e_status | grep -q "^/"'
}

# search QUERY: from the top, / QUERY Enter; sets $top and $status.
search() {
	e2e_keys g
	e2e_poll e2e__stable
	e2e_keys /
	prompt_open || e2e_fail "/ opens a prompt on the status line"
	e2e_type "$1"
	e2e_keys Enter
	if e2e_wait_for "match "; then
		e2e_poll e2e__stable
	fi
	top=$(e2e_first_base)
	status=$(e2e_status)
	count=$(printf '%s\n' "$status" | sed -n 's/.*\(match [0-9]*\/[0-9]*\).*/\1/p')
}

e2e_start 100 30 sample.txt
e2e_wait_mode above

search 生態
ref_top=$top
ref_count=$count
e2e_check "/生態: the status bar shows match 1/N" e2e_starts_with "$count" "match 1/"
e2e_check "/生態: the match is on the first line" eval \
    'case $top in *生態*) true ;; *) false ;; esac'
e2e_check "/生態: the match is highlighted" eval \
    'highlights | head -n 1 | grep -q -x "生態\(生態\)*"' 

for q in shengtai 'sheng tai' shēngtài sheng1tai4; do
	search "$q"
	e2e_check_eq "/$q: the same top line as /生態" "$ref_top" "$top"
	e2e_check_eq "/$q: the same match count as /生態" "$ref_count" "$count"
	e2e_check "/$q: 生態 is highlighted" eval \
	    'highlights | head -n 1 | grep -q -x "生態\(生態\)*"' 
done

# n: the second match, further down (or on the same line).
e2e_keys n
e2e_check "n: match 2/N" e2e_wait_for "match 2/"

# Not found: a message, no move.
e2e_keys g
e2e_poll e2e__stable
e2e_keys j j
e2e_poll e2e__stable
before=$(e2e_first_base)
e2e_keys /
prompt_open
e2e_type zzqxzz
e2e_keys Enter
e2e_check "a search that finds nothing says so" e2e_wait_re '[Nn]ot found'
e2e_check_eq "and does not move" "$before" "$(e2e_first_base)"

# Latin text of the article is still found as text.
search EOD
e2e_check "/EOD finds the Latin text: match 1/" e2e_starts_with "$count" "match 1/"
e2e_check "/EOD: EOD is highlighted" eval \
    'highlights | grep -q -x "EOD\(EOD\)*"'
e2e_done
