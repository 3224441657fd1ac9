# gaiji.awk: aozora2html's yml/jis2ucs.yml -> src/gaiji-table.c, the JIS X
# 0213 plane-row-cell -> Unicode table that resolves Aozora gaiji notes
# (see src/gaiji.h). Input lines look like
#   :1-84-77: "&#x6318;"
#   :1-04-87: "&#x304B;&#x309A;"
# The key is (plane - 1) * 8836 + (row - 1) * 94 + (cell - 1); entries come
# out sorted by key (the caller sorts numerically), for bsearch().
BEGIN {
	FS = "\""
	hex = "0123456789abcdef"
}
function fromhex(s,    i, v) {
	s = tolower(s)
	v = 0
	for (i = 1; i <= length(s); i++)
		v = v * 16 + index(hex, substr(s, i, 1)) - 1
	return v
}
/^:[12]-[0-9][0-9]-[0-9][0-9]: "/ {
	split(substr($1, 2, 7), k, "-")
	key = (k[1] - 1) * 8836 + (k[2] - 1) * 94 + (k[3] - 1)
	n = split($2, cps, ";")
	c1 = 0; c2 = 0
	if (n >= 2) c1 = fromhex(substr(cps[1], 4))
	if (n >= 3) c2 = fromhex(substr(cps[2], 4))
	if (c1 > 0)
		printf "%d\t{%d, 0x%x, 0x%x},\n", key, key, c1, c2
}
