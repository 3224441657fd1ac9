#!/bin/sh
# e2e: the popup gloss. On 環 (the third annotated character of the
# sample) the box shows the character, the text's reading with its tone
# restored and flagged as a guess (Unihan has huán and huàn), the other
# reading, the first sense of the meaning, and how often 環 occurs (10
# times, as grep -o counts); i shows every sense.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

e2e_start 100 30 --no-state --ruby=popup sample.txt
e2e_wait_mode popup
e2e_wait_for "┌"
e2e_keys . .
e2e_check "the gloss shows the restored reading, flagged as a guess" \
    e2e_wait_for "huán (guess)"
e2e_check "the gloss shows the other reading from Unihan" \
    e2e__has "also: huàn"
e2e_check "the gloss shows the first sense, and how to see all" \
    e2e__has "jade ring or bracelet; … (i: all)"
e2e_check "the gloss counts the character in the text" \
    e2e__has "10 times in the text"
e2e_keys i
e2e_check "i: every sense, one a line" e2e_wait_gone "(i: all)"
e2e_check "i: the second sense is shown" \
    eval 'e2e_text | grep -q "│ ring  *│"'
e2e_keys ,
e2e_check "on 態: the gloss shows tài" e2e_wait_re "│ tài +│"
e2e_check_eq "on 態: no guess flag" "" "$(e2e_text | grep 'tài (guess)')"
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
e2e_done
