#!/bin/sh
# The man page must keep up with the code: fail if groff has anything to say
# about man/rubi.1 (-ww: every warning), if a long option that `rubi --help`
# lists is missing from it, or if a key named in ui/keys.c's keys_table is
# missing from its KEYS section. The key names are read from the table's
# source (the 4th field of each entry), so rubi needs no option for this.
LC_ALL=C
export LC_ALL
srcdir=${top_srcdir:-$(dirname "$0")/..}
builddir=${top_builddir:-.}
man=$srcdir/man/rubi.1
keys=$srcdir/ui/keys.c
rubi=$builddir/rubi
fail=0

if ! command -v groff >/dev/null 2>&1; then
	echo "FAIL: groff not found (apt-get install groff-base)"
	exit 1
fi
if [ ! -x "$rubi" ]; then
	echo "FAIL: $rubi not built"
	exit 1
fi

# 1. groff -man -ww -z reports nothing.
out=$(groff -man -ww -z "$man" 2>&1)
if [ -n "$out" ]; then
	printf '%s\n' "$out"
	echo "FAIL: groff -man -ww -z $man reports the above"
	fail=1
fi

# The page as plain text, one line per paragraph and no hyphenation, so
# that a name is never split across lines.
text=$(groff -man -Tascii -P-cbou -rLL=5000n -rHY=0 "$man" 2>/dev/null)
if [ -z "$text" ]; then
	echo "FAIL: groff could not render $man"
	exit 1
fi

# 2. Every long option of --help appears in the page.
opts=$("$rubi" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
if [ -z "$opts" ]; then
	echo "FAIL: no long options found in rubi --help"
	fail=1
fi
for o in $opts; do
	if ! printf '%s\n' "$text" |
	    grep -qE -- "(^|[^a-z0-9-])$o([^a-z0-9-]|\$)"; then
		echo "FAIL: option $o (rubi --help) is not in the man page"
		fail=1
	fi
done

# 3. Every key name of keys_table is a tag in the KEYS section. An entry is
# {code, is_keycode, CMD_X, "name" or NULL, help}; entries may wrap, so
# the table is joined into one line before the names are picked out.
table=$(sed -n '/keys_table\[\] *=/,/^};/p' "$keys" | tr '\n\t' '  ')
nentries=$(printf '%s\n' "$table" | grep -oE 'CMD_[A-Z0-9_]+ *,' | wc -l)
fields=$(printf '%s\n' "$table" |
    grep -oE 'CMD_[A-Z0-9_]+ *, *("([^"\\]|\\.)*"|NULL)')
nfields=$(printf '%s\n' "$fields" | grep -c 'CMD_')
if [ "$nentries" -lt 1 ] || [ "$nentries" -ne "$nfields" ]; then
	echo "FAIL: cannot read the key names in $keys" \
	    "($nentries entries, $nfields names)"
	exit 1
fi
names=$(printf '%s\n' "$fields" |
    sed -n 's/^CMD_[A-Z0-9_]* *, *"\(.*\)"$/\1/p' |
    sed 's/\\"/"/g; s/\\\\/\\/g')

# The keys of KEYS are the tags of its .TP paragraphs: in the rendered page,
# a run of bold names (c BS c) at the section's indent (7 columns),
# separated by a roman ", ". The first roman character that is not such a
# separator ends the tag.
tags=$(groff -man -Tascii -P-c -rLL=5000n -rHY=0 "$man" 2>/dev/null | awk '
	BEGIN { bs = sprintf("%c", 8) }
	/^[^ ]/ {
		h = $0
		gsub("." bs, "", h)
		inkeys = (h == "KEYS")
		next
	}
	inkeys && /^       [^ ]/ {
		s = substr($0, 8)
		name = ""
		for (i = 1; i <= length(s); ) {
			c = substr(s, i, 1)
			if (substr(s, i + 1, 1) == bs && substr(s, i + 2, 1) == c) {
				name = name c
				i += 3
			} else if (c == "," && substr(s, i + 1, 1) == " " &&
			    substr(s, i + 2, 1) != bs) {
				if (name != "")
					print name
				name = ""
				i += 2
			} else
				break
		}
		if (name != "")
			print name
	}')
if [ -z "$tags" ]; then
	echo "FAIL: no KEYS section in $man"
	exit 1
fi
printf '%s\n' "$names" | {
	bad=0
	while IFS= read -r name; do
		if ! printf '%s\n' "$tags" | grep -qxF -e "$name"; then
			echo "FAIL: key '$name' (ui/keys.c) is not in KEYS of" \
			    "the man page"
			bad=1
		fi
	done
	exit $bad
} || fail=1

if [ $fail -eq 0 ]; then
	echo "ok: man page clean; $(printf '%s\n' "$opts" | wc -l) options and" \
	    "$(printf '%s\n' "$names" | wc -l) keys documented"
fi
exit $fail
