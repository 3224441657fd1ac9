#!/bin/sh
# e2e: nothing from the document reaches the terminal raw. rubi shows
# tests/data/escapes.txt, a file full of escape sequences (ESC [ ..., OSC 0
# and 52 and 8, DCS, C1 CSI U+009B as UTF-8 and as the raw byte 0x9b, OSC
# U+009D, NEL, bidi overrides and isolates, BEL, BS, CR, an OSC 8 left
# unterminated), also in its section headings, under a file name that
# holds an OSC 0 title sequence. Everything rubi writes to the
# pseudo-terminal is recorded (tmux pipe-pane) while it goes through every
# ruby mode (above, popup with its pop-up, off, inline), the sidebar with
# its focus, the status bar, the help screen, a search prompt into which
# such text is typed, and tiny screen sizes; then the recording must hold
# none of the payloads, no C1 or bidi control, no invalid UTF-8.
# (RELIABILITY.md cases 1-10 and 63, 68; rule 2.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"

esc=$(printf '\033')
name=$(printf 'evil\033]0;PWNED-NAME\007\302\233name.txt')
cp "$top_srcdir/tests/data/escapes.txt" "$e2e_tmp/$name" || exit 99

# check_clean WHAT: the recording holds no payload. The needles are the
# payloads as bytes (perl escapes); plain text such as "]0;PWNED" may be on
# screen after its ^[ placeholder, so each needle keeps its raw ESC, C1,
# BEL, BS or CR byte.
check_clean() {
	if [ ! -s "$e2e_tmp/raw.log" ]; then
		e2e_fail "$1: the recording is not empty"
		return
	fi
	found=$(perl -e '
		local $/; my $log = <STDIN>;
		my @needles = (
			"\e]0;PWNED", "\e]52;", "\e]8;;http", "\eP+q", "\e[6n",
			"\e[>0q", "\e[38;5;201m", "\e[38;5;20", "\x9b38;5;20",
			"\e\e[[2J", "\x07", "\x08\x08XX", "CR\rOVERWRITE",
			"\e]8;;http://unterminated", "\eP+qHEADDCS",
		);
		for my $n (@needles) {
			if (index($log, $n) >= 0) {
				(my $s = $n) =~ s/([^ -~])/sprintf("\\x%02x", ord($1))/ge;
				print "payload $s\n";
			}
		}
		if (!utf8::decode($log)) {
			print "invalid UTF-8\n";
		} else {
			while ($log =~ /([\x{80}-\x{9f}\x{202a}-\x{202e}\x{2066}-\x{2069}\x{200e}\x{200f}\x{61c}\x{2028}\x{2029}])/g) {
				printf "code point U+%04X\n", ord($1);
			}
		}' < "$e2e_tmp/raw.log" | sort | uniq -c)
	if [ -z "$found" ]; then
		e2e_pass "$1: none of the payloads in the $(wc -c \
		    < "$e2e_tmp/raw.log") bytes written"
	else
		e2e_fail "$1: no payload reached the terminal" "$found"
	fi
}

# 1. Above mode with the sidebar; page, jump, the sidebar's focus, the
#    pop-up, off, a search prompt, help.
E2E_RECORD=1
e2e_start 100 30 "$name"
e2e_wait_mode above
e2e_check "above: placeholders are on screen" e2e_wait_for '^[]0;PWNED-TITLE^G'
e2e_check "the status bar shows the name made safe" \
    e2e_wait_for 'evil^[]0;PWNED-NAME^G<U+009B>name.txt'
e2e_check "the sidebar shows a heading made safe" e2e_wait_for '^[]0;PWNED-HE'
e2e_keys Space Space G g
e2e_keys Tab j j Enter Tab
e2e_keys r
e2e_wait_mode popup
e2e_keys Down Down Right Right . . . ,
e2e_keys r
e2e_wait_mode off
e2e_keys /
e2e_type "$(printf 'PWN\302\233ED \342\200\256RLO ]0;X')"
e2e_keys C-g C-h
e2e_check "the search prompt shows typed C1 and bidi as placeholders" \
    e2e_wait_for '<U+009B>ED <U+202E>RLO'
e2e_keys Enter
e2e_wait_mode off
e2e_keys h
e2e_wait_for 'rubi keys'
e2e_keys q
e2e_wait_mode off
# Tiny screens: the sidebar goes, text is cut.
for size in "20 5" "3 2" "1 1" "100 30"; do
	# shellcheck disable=SC2086 # two numbers
	e2e_resize $size
	sleep 0.2
done
e2e_keys r
e2e_wait_mode above
e2e_keys q
e2e_check_eq "q: exit status 0" 0 "$(e2e_wait_exit)"
check_clean "above, popup, off, sidebar, search, help, resize"

# 2. Inline mode, from standard input.
rm -f "$e2e_tmp/raw.log"
E2E_STDIN=$e2e_tmp/$name
e2e_start 60 20 --ruby=inline
e2e_check "inline: placeholders are on screen" e2e_wait_for '^[P+q544e^['
e2e_keys Space Space G
e2e_wait_for '(END)' || :
e2e_keys q
e2e_check_eq "inline, stdin: exit status 0" 0 "$(e2e_wait_exit)"
check_clean "inline from standard input"
E2E_STDIN=
e2e_done
