#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs the unit tests and every tests/ts/<area>/<case> against the built
# binary, then prints the totals; the last line is "N passed, N failed".
# Usage: tests/run.sh [area/case ...]

top=$(cd "$(dirname "$0")/.." && pwd)
XENPVBOOT=${XENPVBOOT:-$top/xenpvboot}
TS_TMP=${TS_TMP:-$top/tests/out}
export XENPVBOOT TS_TMP
# Each case clears its own directory; make check-e2e's may be in use.
mkdir -p "$TS_TMP"
log="$TS_TMP/results"
: >"$log"

[ -x "$XENPVBOOT" ] || { echo "no binary at $XENPVBOOT (run make)"; exit 1; }

if [ $# -gt 0 ]; then
	cases=$(for c; do echo "$top/tests/ts/$c"; done)
else
	cases=$(ls "$top"/tests/ts/*/* | sort)
	# Only the unit tests whose source is in this tree: a binary left
	# from a deleted test must not count as passes.
	for src in "$top"/tests/unit/test-*.c; do
		u=${src%.c}
		if [ -x "$u" ]; then
			"$u" 2>&1 | tee -a "$log"
		else
			echo "FAIL unit/${u##*/test-}: not built (make check builds it)" |
				tee -a "$log"
		fi
	done
	# Each fuzz target replays its seeds and past crashers.
	for r in "$top"/tests/fuzz/replay-*; do
		[ -x "$r" ] || continue
		"$r" "$top/tests/fuzz/corpus/${r##*/replay-}"/* 2>&1 | tee -a "$log"
	done
fi

for c in $cases; do
	sh "$c" 2>&1 | tee -a "$log"
done

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL ' "$log")
skipped=$(grep -c '^skip ' "$log")
if [ "$failed" -gt 0 ]; then
	echo
	echo "failures:"
	grep '^FAIL ' "$log"
fi
echo
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
