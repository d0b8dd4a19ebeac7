#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs the unit tests, the fuzz targets' replays and every
# tests/ts/<area>/<case> against the built binary, then prints the
# totals; the last line is "N passed, N failed[, N skipped]".
#
# A program's "ok" lines count only if it then exits 0: one that dies
# of a signal or exits non-zero, whatever it printed before, is a FAIL
# by its name (as util-linux's ts runner counts exit status), and so is
# one that prints no result at all.  Every skip is printed with its
# reason and counted; with TS_STRICT=1 (CI, where everything the suite
# needs is installed) a skip fails the run, but one a sanitizer build
# cannot take (functions.sh's skip_sanitizer).
# Usage: tests/run.sh [area/case ...]
# TS_DIR: where the cases are (tests/ts); the runner's own test sets it.

top=$(cd "$(dirname "$0")/.." && pwd)
XENPVBOOT=${XENPVBOOT:-$top/xenpvboot}
TS_TMP=${TS_TMP:-$top/tests/out}
TS_DIR=${TS_DIR:-$top/tests/ts}
export XENPVBOOT TS_TMP
# Each case clears its own directory; make check-e2e's may be in use.
mkdir -p "$TS_TMP"
log="$TS_TMP/results.$$"
out="$TS_TMP/output.$$"
status="$TS_TMP/status.$$"
: >"$log"
trap 'rm -f "$out" "$status"' EXIT

[ -x "$XENPVBOOT" ] || { echo "no binary at $XENPVBOOT (run make)"; exit 1; }

# signame N: SIGSEGV for 11.
signame() {
	s=$(kill -l "$1" 2>/dev/null) && echo "SIG${s#SIG}" || echo "signal $1"
}

# run NAME PROGRAM [ARGS...]: runs one test program, its output shown
# as it comes and kept; then judges how it ended.
run() {
	name=$1
	shift
	{ "$@" 2>&1; echo $? >"$status"; } | tee "$out"
	cat "$out" >>"$log"
	st=$(cat "$status")
	if [ "$st" -gt 128 ]; then
		echo "FAIL $name: died of $(signame $((st - 128))) after" \
		    "$(grep -c '^ok ' "$out") checks" | tee -a "$log"
	elif [ "$st" -ne 0 ]; then
		echo "FAIL $name: exited $st after $(grep -c '^ok ' "$out")" \
		    "checks" | tee -a "$log"
	elif ! grep -qE '^(ok|FAIL|skip) ' "$out"; then
		echo "FAIL $name: printed no result" | tee -a "$log"
	fi
}

if [ $# -gt 0 ]; then
	cases=$(for c; do echo "$TS_DIR/$c"; done)
else
	cases=$(ls "$TS_DIR"/*/* | sort)
	# Only the unit tests and replays whose source is in this tree: a
	# binary left from a deleted test must not count as passes, and
	# one not built is a failure, not a silence.
	for src in "$top"/tests/unit/test-*.c; do
		u=${src%.c}
		if [ -x "$u" ]; then
			run "unit/${u##*/test-}" "$u"
		else
			echo "FAIL unit/${u##*/test-}: not built (make check" \
			    "builds it)" | tee -a "$log"
		fi
	done
	# Each fuzz target replays its seeds and past crashers.
	for src in "$top"/tests/fuzz/fuzz-*.c; do
		f=${src##*/fuzz-}
		f=${f%.c}
		r="$top/tests/fuzz/replay-$f"
		if [ -x "$r" ]; then
			run "replay/$f" "$r" "$top/tests/fuzz/corpus/$f"/*
		else
			echo "FAIL replay/$f: not built (make check builds it)" |
			    tee -a "$log"
		fi
	done
fi

# As root each case runs in a mount namespace of its own, with an empty
# tmpfs over STATE_DIR, where a boot remembers grubenv's next_entry: no
# case sees another's state or the host's, and none writes the host's.
# The directory is made if missing, as the package makes it.
state_dir=$(sed -n 's/^STATE_DIR = //p' "$top/config.mk" 2>/dev/null)
private() {
	if [ "$(id -u)" -eq 0 ] && [ -n "$state_dir" ] &&
	    mkdir -p "$state_dir" 2>/dev/null; then
		unshare -m --propagation private sh -c 'mount -t tmpfs \
		    -o mode=0755,size=1m xenpvboot-state "$0" && exec "$@"' \
		    "$state_dir" "$@"
	else
		"$@"
	fi
}

for c in $cases; do
	run "${c#"$TS_DIR"/}" private sh "$c"
done

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL ' "$log")
skipped=$(grep -c '^skip ' "$log")
# Those TS_STRICT fails on: all but what a sanitizer build cannot take.
missing=$(grep '^skip ' "$log" | grep -vc ': a sanitizer build: ')
mv "$log" "$TS_TMP/results"
if [ "$failed" -gt 0 ]; then
	echo
	echo "failures:"
	grep '^FAIL ' "$TS_TMP/results"
fi
if [ "$skipped" -gt 0 ]; then
	echo
	echo "skipped:"
	grep '^skip ' "$TS_TMP/results"
	[ "${TS_STRICT:-0}" = 1 ] && [ "$missing" -gt 0 ] &&
	    echo "TS_STRICT=1: a skip for a missing tool fails the run (CI" \
	    "installs what the suite needs)"
fi
echo
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ] &&
    { [ "$missing" -eq 0 ] || [ "${TS_STRICT:-0}" != 1 ]; }
