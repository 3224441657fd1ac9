# unihan-index.awk: the page index of rubi's reading table.
#
# Usage (the build does this, see Makefile.am):
#   LC_ALL=C awk -f tools/unihan-index.awk BODY
# where BODY is the sorted output of tools/unihan.awk. Prints one comment
# line per 4096 bytes of data:
#   #@ HEX OFFSET
# HEX is the code point of the first data line that starts at or after
# the next multiple of 4096 bytes, OFFSET the byte offset of that line
# from the first data line (leading comment lines are not data). rubi
# binary-searches these first, so that a lookup reads one 4 KiB page of
# the table instead of a page at every step of a search over the whole
# file (src/unihan.c); a table without them still works, more slowly.
# Run under LC_ALL=C: length() must count bytes.

BEGIN {
	FS = "\t"
	off = 0
	due = 0
	data = 0
}

!data && /^#/ { next }

{
	data = 1
	if (off >= due) {
		printf "#@ %s %d\n", $1, off
		due = (int(off / 4096) + 1) * 4096
	}
	off += length($0) + 1
}
