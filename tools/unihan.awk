# unihan.awk: turn Unihan_Readings.txt (on stdin) into rubi's reading table.
#
# Usage (the build does this, see Makefile.am):
#   bzcat Unihan_Readings.txt.bz2 | LC_ALL=C awk -f tools/unihan.awk \
#     | LC_ALL=C sort -t '<TAB>' -k1,1
#
# Output: one line per character that has a Mandarin reading or a
# definition, in no particular order (the sort orders them):
#   HEX<TAB>kMandarin<TAB>other readings<TAB>kDefinition<LF>
# HEX is the code point in upper-case hex padded to 6 digits, so that a plain
# byte sort is a sort by code point. kMandarin keeps its order (zh-Hans
# reading first, zh-Hant second when they differ). "Other readings" are, in
# this order and without repeats or kMandarin values: kHanyuPinlu by
# frequency (highest first, counts dropped), kXHC1983, kTGHZ2013 and
# kHanyuPinyin (dictionary locations and '*' markers dropped). Control
# characters in a definition become spaces.
#
# One comment line records the version, date and copyright of the input;
# '#' sorts before any digit, so it lands right after data/UNIHAN-NOTICE.
#
# Portable: POSIX awk only (Debian's mawk and gawk give the same bytes), run
# under LC_ALL=C so that strings are bytes. No interval expressions ({n}):
# mawk 1.3.4 does not support them. Fields of a character may come in any
# order and need not be adjacent: everything is collected, then printed at
# the end.

BEGIN {
	FS = "\t"
	ncp = 0
	version = ""
	date = ""
	copyright = ""
}

# Header comments: remember what identifies the source.
/^#/ {
	if (version == "" && $0 ~ /^# Unicode version: /) {
		version = $0
		sub(/^# Unicode version: /, "", version)
	} else if (date == "" && $0 ~ /^# Date: /) {
		date = $0
		sub(/^# Date: /, "", date)
	} else if (copyright == "" && $0 ~ /^# (©|\(c\)|Copyright)/) {
		copyright = $0
		sub(/^# /, "", copyright)
	}
	next
}

/^U\+[0-9A-Fa-f]/ {
	line = $0
	sub(/\r$/, "", line)
	cp = toupper(substr($1, 3))
	field = $2
	# The value is everything after the second tab, tabs included.
	value = line
	sub(/^[^\t]*\t[^\t]*\t/, "", value)
	if (!(cp in seen)) {
		seen[cp] = 1
		order[++ncp] = cp
	}
	if (field == "kMandarin")
		mandarin[cp] = join(mandarin[cp], value)
	else if (field == "kHanyuPinlu")
		pinlu[cp] = join(pinlu[cp], value)
	else if (field == "kXHC1983")
		xhc[cp] = join(xhc[cp], value)
	else if (field == "kTGHZ2013")
		tghz[cp] = join(tghz[cp], value)
	else if (field == "kHanyuPinyin")
		hypy[cp] = join(hypy[cp], value)
	else if (field == "kDefinition")
		definition[cp] = join(definition[cp], value)
}

END {
	if (version != "" || date != "" || copyright != "") {
		s = "# Source: Unihan_Readings.txt"
		if (version != "")
			s = s ", Unicode version " version
		if (date != "")
			s = s ", date " date
		if (copyright != "")
			s = s "; " copyright
		print s
	}
	for (i = 1; i <= ncp; i++)
		emit(order[i])
}

function join(a, b)
{
	if (a == "")
		return b
	if (b == "")
		return a
	return a " " b
}

# Print the line of code point `cp` (hex digits), if it has anything to say.
function emit(cp,    hex, m, n, k, words, other, def)
{
	# Readings already placed for this character.
	split("", have)
	m = ""
	n = split(mandarin[cp], words, " ")
	for (k = 1; k <= n; k++)
		if (!(words[k] in have)) {
			have[words[k]] = 1
			m = join(m, words[k])
		}

	other = ""
	n = pinlu_sorted(pinlu[cp], words)
	for (k = 1; k <= n; k++)
		other = add(other, words[k])
	other = add_located(other, xhc[cp])
	other = add_located(other, tghz[cp])
	other = add_located(other, hypy[cp])

	def = definition[cp]
	gsub(/[\001-\037\177]/, " ", def)
	gsub(/^ +| +$/, "", def)

	if (m == "" && other == "" && def == "")
		return
	hex = cp
	while (length(hex) < 6)
		hex = "0" hex
	printf "%s\t%s\t%s\t%s\n", hex, m, other, def
}

# Append reading `r` to the space-separated list `list` unless it is
# already there (in `have`, shared with emit).
function add(list, r)
{
	if (r == "" || (r in have))
		return list
	have[r] = 1
	return join(list, r)
}

# "0442.080:háng 0460.010,0460.011*:xìng" or "20811.060:háng,xìng": drop
# the locations before ':' and add each reading.
function add_located(list, s,    n, k, entries, words, nw, j)
{
	n = split(s, entries, " ")
	for (k = 1; k <= n; k++) {
		sub(/^[^:]*:/, "", entries[k])
		nw = split(entries[k], words, ",")
		for (j = 1; j <= nw; j++)
			list = add(list, words[j])
	}
	return list
}

# "de(75596) dì(157)": readings into out[1..n], highest count first; equal
# counts keep their order (insertion sort, lists are short).
function pinlu_sorted(s, out,    n, k, j, entries, count, r, c, p)
{
	n = split(s, entries, " ")
	for (k = 1; k <= n; k++) {
		r = entries[k]
		c = 0
		p = index(r, "(")
		if (p > 0) {
			c = substr(r, p + 1) + 0
			r = substr(r, 1, p - 1)
		}
		for (j = k - 1; j >= 1 && count[j] < c; j--) {
			out[j + 1] = out[j]
			count[j + 1] = count[j]
		}
		out[j + 1] = r
		count[j + 1] = c
	}
	return n
}
