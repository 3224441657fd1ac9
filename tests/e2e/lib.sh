# lib.sh: helpers for rubi's end-to-end tests, sourced by tests/e2e/*.sh.
#
# Each test drives the real binary inside a private tmux server (a real
# terminal emulator), sends keys and asserts on the screen text that tmux
# captures. The pattern is the one of tmux's own regress suite and of
# less's lesstest (RELIABILITY.md section 3.7):
#
#   e2e_start 100 30 sample.txt    start rubi in a 100x30 pane
#   e2e_keys r                     send keys (tmux key names)
#   e2e_wait_for ' popup '         poll the screen until the text shows
#   e2e_check "desc" test ...      one line per check: ok / not ok
#   e2e_done                       exit 0, 1 (a check failed) or 77 (skip)
#
# Nothing waits a fixed time: every wait polls the screen (or a file the
# pane writes) until what it expects shows up or $E2E_TIMEOUT expires.
# The scripts run from `make check` (AM_TESTS_ENVIRONMENT exports
# top_srcdir, top_builddir and RUBI_DATADIR) and also by hand from the
# build directory: `sh tests/e2e/popup.sh`. A failing check prints the
# screen it saw and rubi's stderr; E2E_TIMEOUT (seconds, default 5) bounds
# every wait; E2E_KEEP=1 keeps the temporary directory.
#
# RUBI_WRAPPER (e.g. "valgrind -q --error-exitcode=1"): a command rubi is
# run under; set E2E_TIMEOUT higher with it. E2E_RECORD=1 before
# e2e_start: everything rubi writes to the terminal is appended to
# $e2e_tmp/raw.log (tmux pipe-pane, attached before rubi starts).
# E2E_TERM: the TERM rubi gets (tmux-256color by default; tmux emulates
# xterm well enough for xterm-256color too).

set -u
LC_ALL=C
export LC_ALL
unset TMUX TMUX_PANE 2>/dev/null || :

e2e_name=${0##*/}
e2e_name=${e2e_name%.sh}
e2e_here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$e2e_here/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
: "${RUBI_DATADIR:=$top_builddir/data}"
export RUBI_DATADIR
: "${E2E_TIMEOUT:=5}"
RUBI=$top_builddir/rubi
SAMPLE_SRC=$top_srcdir/data/shandong-green-lowcarbon.txt

# The four policy areas of the sample, in order.
SEC1=加快推動發展方式綠色轉型
SEC2=深入推進環境污染防治
SEC3=統籌生態系統保護修復
SEC4=積極穩妥推進碳達峰碳中和

e2e_failed=0
e2e_checks=0
e2e_cols=0
e2e_rows=0
e2e_started=0

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: $e2e_name: tmux is not installed"
	exit 77
fi
if [ ! -x "$RUBI" ]; then
	echo "ERROR: $e2e_name: no binary at $RUBI (build first)"
	exit 99
fi
if [ ! -r "$RUBI_DATADIR/unihan.bin" ]; then
	echo "SKIP: $e2e_name: no $RUBI_DATADIR/unihan.bin"
	exit 77
fi

e2e_tmp=$(mktemp -d "${TMPDIR:-/tmp}/rubi-e2e.XXXXXX") || exit 99
# The server's socket lives in the temporary directory (removed with it);
# a long $TMPDIR would overflow a socket path, then -L names one in
# tmux's own directory.
if [ ${#e2e_tmp} -lt 90 ]; then
	e2e_sockopt=-S
	e2e_sock=$e2e_tmp/sock
else
	e2e_sockopt=-L
	e2e_sock=rubi-e2e-$$
fi

e2e_cleanup() {
	e2e_tmux kill-server >/dev/null 2>&1
	if [ "${E2E_KEEP:-0}" = 1 ]; then
		echo "# kept $e2e_tmp"
	else
		rm -rf "$e2e_tmp"
	fi
}
trap e2e_cleanup EXIT
trap 'exit 1' HUP INT TERM

mkdir -p "$e2e_tmp/home" "$e2e_tmp/state" || exit 99
# The sample under a short name: the status bar shows the name as given.
cp "$SAMPLE_SRC" "$e2e_tmp/sample.txt" || exit 99
chmod u+w "$e2e_tmp/sample.txt"
SAMPLE=$e2e_tmp/sample.txt

# Options in a private config, so they hold before the first pane starts
# (a rubi that exits at once still leaves its pane to inspect). Not
# window-size: `set -g window-size manual` in a config makes tmux 3.3a's
# server die on new-session; resize-window sets it for the window anyway.
cat > "$e2e_tmp/tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
set -g history-limit 0
set -g escape-time 0
EOF

e2e_tmux() {
	tmux "$e2e_sockopt" "$e2e_sock" -f "$e2e_tmp/tmux.conf" "$@"
}

# Quote one argument for sh.
e2e_q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# ----- starting and stopping -------------------------------------------

# e2e_start COLS ROWS [RUBI-ARG...]: run rubi in a fresh COLSxROWS pane,
# in $e2e_tmp, with a clean environment. Set E2E_STDIN=FILE to pipe FILE
# into rubi (`cat FILE | rubi ARGS`). The pane's shell records `stty -g`
# before and after rubi, rubi's pid and its exit status. Waits until rubi
# has drawn something.
e2e_start() {
	e2e_stop
	e2e_cols=$1
	e2e_rows=$2
	shift 2
	rm -f "$e2e_tmp/pid" "$e2e_tmp/exit" "$e2e_tmp/stty.before" \
	    "$e2e_tmp/recording" \
	    "$e2e_tmp/stty.after" "$e2e_tmp/stderr"
	{
		echo "cd $(e2e_q "$e2e_tmp") || exit 1"
		echo 'stty -g > stty.before 2>&1'
		if [ "${E2E_RECORD:-0}" = 1 ]; then
			echo 'while [ ! -e recording ]; do sleep 0.05; done'
		fi
		if [ -n "${E2E_STDIN:-}" ]; then
			printf 'cat %s | ' "$(e2e_q "$E2E_STDIN")"
		fi
		printf 'env -i PATH=%s HOME=%s XDG_STATE_HOME=%s' \
		    "$(e2e_q "$PATH")" "$(e2e_q "$e2e_tmp/home")" \
		    "$(e2e_q "$e2e_tmp/state")"
		printf ' TERM=%s LANG=C.UTF-8 RUBI_DATADIR=%s' \
		    "$(e2e_q "${E2E_TERM:-tmux-256color}")" \
		    "$(e2e_q "$RUBI_DATADIR")"
		for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS NO_COLOR RUBI_NO_STATE; do
			eval "val=\${$v-}"
			[ -n "$val" ] && printf ' %s=%s' "$v" "$(e2e_q "$val")"
		done
		# The inner sh records its pid, then becomes rubi (or its
		# wrapper, which runs rubi in the same process).
		printf " sh -c 'echo \$\$ > pid; exec \"\$@\"' sh %s %s" \
		    "${RUBI_WRAPPER:-}" "$(e2e_q "$RUBI")"
		for a in "$@"; do
			printf ' %s' "$(e2e_q "$a")"
		done
		echo ' 2> stderr'
		echo 'rc=$?'
		echo 'stty -g > stty.after 2>&1'
		echo 'echo "$rc" > exit.tmp && mv exit.tmp exit'
		# Keep the pane alive: when a pane dies tmux hides its cursor
		# ("Pane is dead"), which would hide what rubi left behind.
		echo 'exec sleep 600'
	} > "$e2e_tmp/run.sh"
	e2e_tmux new-session -d -s rubi -x "$e2e_cols" -y "$e2e_rows" \
	    "sh $(e2e_q "$e2e_tmp/run.sh")" || {
		echo "ERROR: $e2e_name: cannot start tmux"
		exit 99
	}
	e2e_started=1
	if [ "${E2E_RECORD:-0}" = 1 ]; then
		e2e_tmux pipe-pane -o -t rubi \
		    "cat >> $(e2e_q "$e2e_tmp/raw.log")" &&
		    : > "$e2e_tmp/recording"
	fi
	e2e_wait_file pid || { e2e_fail "rubi started"; return 1; }
	# Drawn: the status bar (or the too-small notice), or rubi is gone.
	e2e_poll e2e__drawn
}

e2e__drawn() {
	[ -f "$e2e_tmp/exit" ] && return 0
	e2e_screen | grep -q -e 'h:help' -e 'too small' -e 'rubi keys'
}

# Kill the tmux server (and with it rubi, if still running).
e2e_stop() {
	if [ "$e2e_started" = 1 ]; then
		e2e_tmux kill-server >/dev/null 2>&1
		e2e_started=0
		# kill-server returns before the server is gone.
		e2e_poll e2e__server_gone
	fi
}

e2e__server_gone() {
	! e2e_tmux has-session >/dev/null 2>&1
}

e2e_pid() {
	cat "$e2e_tmp/pid" 2>/dev/null
}

# Is rubi still running?
e2e_alive() {
	[ ! -f "$e2e_tmp/exit" ] && kill -0 "$(e2e_pid)" 2>/dev/null
}

# Wait for rubi to exit; print its exit status.
e2e_wait_exit() {
	e2e_wait_file exit || return 1
	cat "$e2e_tmp/exit"
}

# Send a signal to rubi.
e2e_signal() {
	kill "-$1" "$(e2e_pid)"
}

# ----- polling ---------------------------------------------------------

# e2e_poll CMD...: run CMD every 50 ms until it succeeds or the timeout.
e2e_poll() {
	e2e__n=$((E2E_TIMEOUT * 20))
	while [ "$e2e__n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.05
		e2e__n=$((e2e__n - 1))
	done
	"$@"
}

e2e_wait_file() {
	e2e_poll test -s "$e2e_tmp/$1"
}

e2e__has() {
	e2e_screen | grep -q -F -e "$1"
}

e2e__has_re() {
	e2e_screen | grep -q -E -e "$1"
}

e2e__lacks() {
	! e2e__has "$1"
}

# Wait until the screen contains TEXT (fixed string).
e2e_wait_for() {
	e2e_poll e2e__has "$1"
}

# Wait until the screen matches the extended regex RE.
e2e_wait_re() {
	e2e_poll e2e__has_re "$1"
}

# Wait until TEXT is no longer on the screen.
e2e_wait_gone() {
	e2e_poll e2e__lacks "$1"
}

e2e__changed() {
	[ "$(e2e_screen)" != "$1" ]
}

e2e__stable() {
	e2e__s1=$(e2e_screen)
	sleep 0.1
	[ "$(e2e_screen)" = "$e2e__s1" ]
}

# Wait until the screen differs from OLD (a previous e2e_screen), then
# until it has stopped changing for 100 ms.
e2e_wait_change() {
	e2e_poll e2e__changed "$1" || return 1
	e2e_poll e2e__stable
}

# Wait for the status bar to show the percentage and MODE (above, popup,
# off): the reader is up and idle, not in a prompt.
e2e_wait_mode() {
	e2e_wait_re "(%|empty)  $1  h:help"
}

# Wait until the section index is complete: the status bar no longer says
# "indexing" (on the first screen it does, even for a short file: the
# index is built after the first screen is drawn), so the sidebar lists
# every section.
e2e_wait_indexed() {
	e2e_poll eval '! e2e_status | grep -q indexing'
}

# ----- keys and sizes --------------------------------------------------

# Send tmux key names: e2e_keys r Space C-l Enter.
e2e_keys() {
	e2e_tmux send-keys -t rubi "$@"
}

# Send text literally (UTF-8 works): e2e_type '生態'.
e2e_type() {
	e2e_tmux send-keys -t rubi -l -- "$1"
}

# Resize the terminal (rubi gets SIGWINCH).
e2e_resize() {
	e2e_cols=$1
	e2e_rows=$2
	e2e_tmux resize-window -t rubi -x "$1" -y "$2"
}

# Pane flags after rubi is gone: e2e_flag alternate_on.
e2e_flag() {
	e2e_tmux display-message -p -t rubi "#{$1}"
}

# ----- reading the screen ----------------------------------------------

# The screen as text, one line per row, trailing blanks trimmed.
e2e_screen() {
	e2e_tmux capture-pane -p -t rubi
}

# The screen with SGR attributes (for e2e_cells).
e2e_screen_e() {
	e2e_tmux capture-pane -p -e -t rubi
}

# Row N (0 = top).
e2e_row() {
	e2e_screen | sed -n "$(($1 + 1))p"
}

# The status bar: the last row.
e2e_status() {
	e2e_row $((e2e_rows - 1))
}

# The column where the text area starts: 28 with the sidebar (shown by
# default at 80 columns or more), else 0. Tests that hide the sidebar
# pass the column explicitly.
e2e_text_x() {
	if [ "$e2e_cols" -ge 80 ]; then echo 28; else echo 0; fi
}

# The awk program behind the column-aware helpers. Byte-oriented (C
# locale) so it works with mawk and gawk alike; it decodes UTF-8 itself
# and gives East Asian Wide/Fullwidth characters two columns, as tmux
# does. Input may hold the SGR sequences of `capture-pane -e`.
#   mode=cut   from=A to=B: each line cut to display columns [A, B)
#   mode=cells: one line per character: row, column, width, attributes
#              (b bold, d dim, u underline, r reverse, - none), character
#   mode=width: the display width of each line
e2e_awk='
BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i; FS = "\n" }
function wide(cp) {
	if (cp >= 768 && cp <= 879) return 0
	if (cp >= 4352 && cp <= 4447) return 2
	if (cp >= 11904 && cp <= 12350) return 2
	if (cp >= 12353 && cp <= 13311) return 2
	if (cp >= 13312 && cp <= 19903) return 2
	if (cp >= 19968 && cp <= 40959) return 2
	if (cp >= 40960 && cp <= 42191) return 2
	if (cp >= 44032 && cp <= 55203) return 2
	if (cp >= 63744 && cp <= 64255) return 2
	if (cp >= 65072 && cp <= 65103) return 2
	if (cp >= 65280 && cp <= 65376) return 2
	if (cp >= 65504 && cp <= 65510) return 2
	if (cp >= 127744 && cp <= 129791) return 2
	if (cp >= 131072 && cp <= 262141) return 2
	return 1
}
function sgr(p,   n, a, k, v) {
	n = split(p, a, ";")
	if (n == 0) { B = D = U = R = 0; return }
	for (k = 1; k <= n; k++) {
		v = a[k] + 0
		if (v == 0) B = D = U = R = 0
		else if (v == 1) B = 1
		else if (v == 2) D = 1
		else if (v == 4) U = 1
		else if (v == 7) R = 1
		else if (v == 22) B = D = 0
		else if (v == 24) U = 0
		else if (v == 27) R = 0
		else if (v == 38 || v == 48 || v == 58) {
			if (a[k + 1] == 5) k += 2
			else if (a[k + 1] == 2) k += 4
		}
	}
}
{
	line = $0; n = length(line); col = 0; out = ""; i = 1
	while (i <= n) {
		c = substr(line, i, 1); b = ord[c]
		if (b == 27) {
			c2 = substr(line, i + 1, 1)
			if (c2 == "[") {
				j = i + 2
				while (j <= n && substr(line, j, 1) ~ /[0-9;:?<=>]/) j++
				if (substr(line, j, 1) == "m") sgr(substr(line, i + 2, j - i - 2))
				i = j + 1
			} else if (c2 == "]") {
				j = i + 2
				while (j <= n && ord[substr(line, j, 1)] != 7 && \
				    !(substr(line, j, 2) == "\033\\")) j++
				i = j + (ord[substr(line, j, 1)] == 7 ? 1 : 2)
			} else {
				i += 2
			}
			continue
		}
		if (b < 128) { len = 1; cp = b }
		else if (b >= 192 && b < 224) { len = 2; cp = (b - 192) * 64 }
		else if (b >= 224 && b < 240) { len = 3; cp = (b - 224) * 4096 }
		else if (b >= 240 && b < 248) { len = 4; cp = (b - 240) * 262144 }
		else { len = 1; cp = 65533 }
		ch = substr(line, i, len)
		if (len == 2) cp += ord[substr(ch, 2, 1)] % 64
		else if (len == 3) cp += (ord[substr(ch, 2, 1)] % 64) * 64 + ord[substr(ch, 3, 1)] % 64
		else if (len == 4) cp += (ord[substr(ch, 2, 1)] % 64) * 4096 + (ord[substr(ch, 3, 1)] % 64) * 64 + ord[substr(ch, 4, 1)] % 64
		w = wide(cp)
		if (mode == "cells") {
			at = (B ? "b" : "") (D ? "d" : "") (U ? "u" : "") (R ? "r" : "")
			printf "%d\t%d\t%d\t%s\t%s\n", NR - 1, col, w, (at == "" ? "-" : at), ch
		} else if (mode == "cut") {
			if (col >= from && col + w <= to) out = out ch
			else if (col < from && col + w > from) {
				# a wide character across the left edge
				for (k = from; k < col + w && k < to; k++) out = out " "
			}
		}
		col += w; i += len
	}
	if (mode == "cut") print out
	else if (mode == "width") print col
}'

# Filters (stdin to stdout) over screen text.
e2e_cut() {   # e2e_cut FROM [TO]: display columns [FROM, TO)
	awk -v mode=cut -v from="$1" -v to="${2:-100000}" "$e2e_awk"
}
e2e_cells() {
	awk -v mode=cells "$e2e_awk"
}
e2e_width() {
	awk -v mode=width "$e2e_awk"
}

# The text area: rows 0 .. rows-2, from column X (default e2e_text_x).
e2e_text() {
	e2e_screen | sed -n "1,$((e2e_rows - 1))p" |
	    e2e_cut "${1:-$(e2e_text_x)}"
}

# The sidebar: rows 0 .. rows-2, columns 0 .. 26.
e2e_sidebar() {
	e2e_screen | sed -n "1,$((e2e_rows - 1))p" | e2e_cut 0 27
}

# The first base-text row of the text area (the first row holding a wide,
# i.e. Han, character; reading rows hold only Latin letters), spaces
# removed: the line the screen starts with, in any ruby mode.
e2e_first_base() {
	e2e_text "$@" | grep -m 1 "$(printf '[\343-\351\357]')" | tr -d ' '
}

# The first N characters of STRING (UTF-8 aware).
e2e_prefix() {
	printf '%s\n' "$1" | e2e_cells | awk -F '\t' -v n="$2" \
	    'NR <= n { s = s $5 } END { print s }'
}

# Number of characters in STRING.
e2e_nchars() {
	printf '%s\n' "$1" | e2e_cells | wc -l | tr -d ' '
}

# Do A and B start with the same characters? (The shorter one's length,
# at most N, default 6.) Used to compare first lines across ruby modes,
# whose line breaks differ.
e2e_same_start() {
	e2e__na=$(e2e_nchars "$1")
	e2e__nb=$(e2e_nchars "$2")
	e2e__k=${3:-6}
	[ "$e2e__na" -lt "$e2e__k" ] && e2e__k=$e2e__na
	[ "$e2e__nb" -lt "$e2e__k" ] && e2e__k=$e2e__nb
	[ "$e2e__k" -gt 0 ] &&
	    [ "$(e2e_prefix "$1" "$e2e__k")" = "$(e2e_prefix "$2" "$e2e__k")" ]
}

# Does STRING start with PREFIX?
e2e_starts_with() {
	case $1 in "$2"*) return 0 ;; esac
	return 1
}

# Characters of the text area drawn with attribute A (r, b, u, d), in
# screen order, as "row<TAB>col<TAB>char" lines (cols relative to the text
# area).
e2e_attr_cells() {
	e2e__x=${2:-$(e2e_text_x)}
	e2e_screen_e | sed -n "1,$((e2e_rows - 1))p" | e2e_cells |
	    awk -F '\t' -v a="$1" -v x="$e2e__x" \
	    '$2 >= x && index($4, a) && $5 != " " { print $1 "\t" ($2 - x) "\t" $5 }'
}

# The percentage on the status bar.
e2e_percent() {
	e2e_status | sed -n 's/.* \([0-9][0-9]*\)%  .*/\1/p'
}

# ----- checks ----------------------------------------------------------

e2e_dump() {
	echo "# screen (${e2e_cols}x${e2e_rows}):"
	e2e_screen 2>/dev/null | awk '{ printf "# %2d|%s\n", NR - 1, $0 }'
	if [ -s "$e2e_tmp/stderr" ]; then
		echo "# rubi's stderr:"
		sed 's/^/# /' "$e2e_tmp/stderr"
	fi
	if [ -f "$e2e_tmp/exit" ]; then
		echo "# rubi exited with status $(cat "$e2e_tmp/exit")"
	fi
}

e2e_pass() {
	e2e_checks=$((e2e_checks + 1))
	echo "ok $e2e_checks - $1"
}

# e2e_fail DESC [DETAIL]: a failed check, with the screen.
e2e_fail() {
	e2e_checks=$((e2e_checks + 1))
	e2e_failed=$((e2e_failed + 1))
	echo "not ok $e2e_checks - $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'
	e2e_dump
}

# e2e_check DESC CMD...: a check that passes when CMD succeeds.
e2e_check() {
	e2e__d=$1
	shift
	if "$@"; then e2e_pass "$e2e__d"; else e2e_fail "$e2e__d"; fi
}

# e2e_check_eq DESC EXPECTED SEEN
e2e_check_eq() {
	if [ "$2" = "$3" ]; then
		e2e_pass "$1"
	else
		e2e_fail "$1" "expected: $2
seen:     $3"
	fi
}

e2e__eq() {
	e2e__want=$1
	shift
	[ "$("$@")" = "$e2e__want" ]
}

# e2e_check_poll DESC EXPECTED CMD...: wait (up to the timeout) for the
# output of CMD to become EXPECTED, then check it.
e2e_check_poll() {
	e2e__d=$1
	e2e__x=$2
	shift 2
	e2e_poll e2e__eq "$e2e__x" "$@"
	e2e_check_eq "$e2e__d" "$e2e__x" "$("$@")"
}

# e2e_check_stty WHAT: `stty -g` in the pane after rubi equals before.
e2e_check_stty() {
	if cmp -s "$e2e_tmp/stty.before" "$e2e_tmp/stty.after"; then
		e2e_pass "$1: stty -g is the same before and after"
	else
		e2e_fail "$1: stty -g is the same before and after" \
		    "before: $(cat "$e2e_tmp/stty.before")
after:  $(cat "$e2e_tmp/stty.after")"
	fi
}

# A check that the reader is still running (no crash, no exit).
e2e_check_alive() {
	if e2e_alive; then
		e2e_pass "$1"
	else
		e2e_fail "$1" "rubi is not running"
	fi
}

# After all checks: the exit status for the automake test driver.
e2e_done() {
	if [ "$e2e_failed" -gt 0 ]; then
		echo "# $e2e_name: $e2e_failed of $e2e_checks checks failed"
		exit 1
	fi
	echo "# $e2e_name: all $e2e_checks checks passed"
	exit 0
}

# ----- the sample's annotations ----------------------------------------

# "character<TAB>reading" for every annotation 字(reading) in FILE
# (default: the sample), readings lower-case with ü written v.
e2e_sample_readings() {
	awk 'BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
	{
		line = $0
		while ((p = index(line, "(")) > 0) {
			q = index(substr(line, p + 1), ")")
			if (q == 0) break
			rd = substr(line, p + 1, q - 1)
			k = p - 1
			while (k > 0 && ord[substr(line, k, 1)] >= 128 &&
			    ord[substr(line, k, 1)] < 192) k--
			ch = k > 0 ? substr(line, k, p - k) : ""
			if (ch != "" && ch != ")" && rd ~ /^[a-z\200-\377]+$/) {
				gsub(/\303\274/, "v", rd)
				print ch "\t" rd
			}
			line = substr(line, p + q + 1)
		}
	}' "${1:-$SAMPLE}" | sort -u
}

# Standard input without tone marks (ǖǘǚǜ become ü): the screen shows
# tones restored from Unihan, the sample mostly has none.
e2e_untone() {
	# One substitution per letter: byte-wise in any locale.
	sed 's/ā/a/g; s/á/a/g; s/ǎ/a/g; s/à/a/g;
	    s/ē/e/g; s/é/e/g; s/ě/e/g; s/è/e/g;
	    s/ī/i/g; s/í/i/g; s/ǐ/i/g; s/ì/i/g;
	    s/ō/o/g; s/ó/o/g; s/ǒ/o/g; s/ò/o/g;
	    s/ū/u/g; s/ú/u/g; s/ǔ/u/g; s/ù/u/g;
	    s/ǖ/ü/g; s/ǘ/ü/g; s/ǚ/ü/g; s/ǜ/ü/g;'
}

# The reading the sample gives character CH (first one if several).
e2e_reading_of() {
	e2e_sample_readings | awk -F '\t' -v c="$1" '$1 == c { print $2; exit }'
}

# e2e_copies N FILE: N copies of the sample in $e2e_tmp/FILE, each ending
# its last line (the sample has no final newline).
e2e_copies() {
	_n=0
	while [ "$_n" -lt "$1" ]; do
		cat "$SAMPLE"
		echo
		_n=$((_n + 1))
	done > "$e2e_tmp/$2"
}

# e2e_raw_has TEXT / e2e_raw_lacks TEXT: what rubi wrote to the terminal
# (E2E_RECORD=1) holds TEXT (printf escapes allowed), or does not.
e2e_raw_has() {
	grep -qF -e "$(printf "$1")" "$e2e_tmp/raw.log"
}
e2e_raw_lacks() {
	[ -s "$e2e_tmp/raw.log" ] && ! e2e_raw_has "$1"
}
