#!/bin/sh
# e2e: r cycles above -> popup -> off -> above; the status bar names the
# mode and the first base line on screen never moves.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_start 100 30 sample.txt
e2e_check "the reader starts in above mode" e2e_wait_mode above
# Start away from the top, mid-article.
old=$(e2e_screen)
e2e_keys j j j
e2e_wait_change "$old"
first=$(e2e_first_base)
e2e_check "j j j scrolled away from the top" \
    test -n "$first" -a "$(e2e_prefix "$first" 5)" != "2月15日"

for mode in popup off above; do
	e2e_keys r
	e2e_check "r: the status bar shows \"$mode\"" e2e_wait_mode "$mode"
	e2e_poll e2e__stable
	# The layouts differ (readings widen the above lines), so the top line
	# may be re-wrapped: the old first characters must be on the first
	# base line (or the next, if they straddle a wrap).
	now=$(e2e_text | grep "$(printf '[\343-\351\357]')" | head -n 2 | tr -d ' \n')
	e2e_check "$mode: the first base line holds the old top ($(e2e_prefix "$first" 4))" eval \
	    'case $now in *"$(e2e_prefix "$first" 4)"*) true ;; *) false ;; esac'
	case $mode in
	above) e2e_check "above: reading rows are shown" test -n "$(e2e_text | e2e_untone | grep -E "^ *([a-zü]+ +)*[a-zü]+ *$")" ;;
	*) e2e_check "$mode: no reading rows" test -z "$(e2e_text | grep -E '^ *([a-zü]+ +)*[a-zü]+ *$')" ;;
	esac
done
# Back in above mode: the very same first line (the position did not
# drift to the start of a re-wrapped line on the way).
e2e_check_eq "after a full cycle the first base line is the same" "$first" "$(e2e_first_base)"
e2e_done
