#!/bin/sh
# e2e: a long document (the sample 200 times, about 1.3 MB): G shows the
# end, g the top, 50% lands mid-file, ] and [ walk the sections in order
# and the sidebar highlights the current one.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_copies 200 long.txt
e2e_check "--outline lists the four areas 200 times" test \
    "$("$RUBI" --outline "$e2e_tmp/long.txt" | sort | uniq -c | awk '{ print $1 }' | sort -u | tr '\n' ' ')" = "200 "

# The sidebar's bold entry (the current section).
current_entry() {
	e2e_attr_cells b 0 | awk -F '\t' '$2 < 27 { r[$1] = r[$1] $3 }
	    END { for (k in r) print r[k] }' | tr -d ' '
}

e2e_start 100 30 long.txt
e2e_check "the long document opens" e2e_wait_mode above
e2e_check "it opens at the top" e2e_starts_with "$(e2e_first_base)" "2月15日"
# The index may still be building: wait for it to finish.
e2e_check "the section index completes" e2e_wait_indexed

e2e_keys G
e2e_check "G: 100%" e2e_wait_re ' 100%  above  h:help'
e2e_poll e2e__stable
e2e_check "G: the last line of the document is on screen" eval \
    'e2e_text | tr -d " " | grep -q "刪除!$"'

e2e_keys g
e2e_check "g: back to the top" e2e_poll eval \
    'e2e_starts_with "$(e2e_first_base)" "2月15日"'

e2e_type 50%
e2e_poll eval '[ "$(e2e_percent)" -gt 40 ] 2>/dev/null'
e2e_poll e2e__stable
pct=$(e2e_percent)
e2e_check "50%: the status bar shows about 50% (seen: ${pct:-?}%)" \
    test "${pct:-0}" -ge 49 -a "${pct:-0}" -le 52

# ] from mid-file: the sections follow in the sample's order.
e2e_keys ']'
e2e_poll e2e__stable
first=$(e2e_first_base)
n=0
for t in "$SEC1" "$SEC2" "$SEC3" "$SEC4"; do
	e2e_starts_with "$first" "$t" && break
	n=$((n + 1))
done
if [ "$n" -ge 4 ]; then
	e2e_fail "]: a section title is at the top"
else
	e2e_pass "]: a section title is at the top"
	set -- "$SEC1" "$SEC2" "$SEC3" "$SEC4" "$SEC1" "$SEC2" "$SEC3" "$SEC4"
	shift "$n"
	k=0
	while [ "$k" -lt 5 ]; do
		t=$1
		if [ "$k" -gt 0 ]; then
			e2e_keys ']'
			e2e_wait_re "· $t .*%  above" >/dev/null
			e2e_poll e2e__stable
		fi
		e2e_check "] #$((k + 1)): $t at the top" \
		    e2e_starts_with "$(e2e_first_base)" "$t"
		e2e_check "] #$((k + 1)): the status bar names it" \
		    e2e_wait_re "· $t .*%  above"
		e2e_check_eq "] #$((k + 1)): the sidebar highlights it" \
		    "$t" "$(current_entry)"
		k=$((k + 1))
		[ "$k" -lt 5 ] && shift
	done
	# [ walks back.
	e2e_keys '['
	e2e_poll e2e__stable
	prev=$(case $t in "$SEC1") echo "$SEC4" ;; "$SEC2") echo "$SEC1" ;;
	    "$SEC3") echo "$SEC2" ;; *) echo "$SEC3" ;; esac)
	e2e_check "[: back to $prev" e2e_starts_with "$(e2e_first_base)" "$prev"
fi

e2e_keys G
e2e_wait_re ' 100%  above  h:help'
e2e_poll e2e__stable
e2e_check "G: the status bar names the last area, $SEC4" \
    e2e__has_re "· $SEC4 .* 100%  above"
e2e_keys '['
e2e_poll e2e__stable
cur=$(e2e_status | sed -n 's/.*· \([^ ]*\) .*/\1/p')
e2e_check "G then [: a section start is at the top ($cur)" \
    e2e_starts_with "$(e2e_first_base)" "${cur:-?}"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_done
