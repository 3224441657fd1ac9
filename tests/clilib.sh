# clilib.sh: what the command-line test scripts (cli.sh, check.sh,
# faults.sh, html-cli.sh, notations.sh) share. Sourced, with clilib_name
# set to the script's name:
#
#   clilib_name=cli
#   . "${top_srcdir:-$(dirname "$0")/..}/tests/clilib.sh"
#
# Sets srcdir, builddir, rubi (the binary, which must exist: else exit 99),
# sample (the bundled article), tmp (a directory removed on exit) and
# failures = 0, and defines ok and bad, which print a result line (bad
# counts it). make check sets top_srcdir, top_builddir and RUBI_DATADIR;
# run by hand from the build directory, the defaults do the same.

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${top_builddir:-.}
RUBI_DATADIR=${RUBI_DATADIR:-$builddir/data}
export RUBI_DATADIR

rubi=$builddir/rubi
sample=$srcdir/data/shandong-green-lowcarbon.txt

if [ ! -x "$rubi" ]; then
	echo "ERROR: no rubi binary at $rubi"
	exit 99
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubi-${clilib_name:-test}.XXXXXX") ||
    exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

failures=0
ok() {
	echo "ok: $*"
}
bad() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
