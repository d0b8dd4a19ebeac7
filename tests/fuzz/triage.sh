#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# triage.sh TARGET: sorts what make fuzz found for TARGET.  A crash,
# leak or timeout whose sanitizer report starts (past the sanitizer's
# own frames and libc's) inside libfsxfs is the library's: libfsxfs
# 20201117, Debian 12's, frees twice and reads out of bounds on broken
# metadata.  Those are moved to tests/out/fuzz-TARGET/libfsxfs/ and
# counted; in the product they stay in the sandboxed child, which is
# reported as crashed (exit 6).  Anything else is ours: exit 1.
t=$1
out=tests/out/fuzz-$t
bin=tests/fuzz/fuzz-$t-bin
ours=0
lib=0
mkdir -p "$out/libfsxfs"
for f in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
	[ -f "$f" ] || continue
	first=$(ASAN_OPTIONS=fast_unwind_on_malloc=0 \
		LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp \
		timeout 60 "$bin" -timeout=10 "$f" 2>&1 |
		grep -E '^ +#[0-9]+ 0x' |
		grep -vE 'in (__interceptor_|__asan|__sanitizer|__lsan|__ubsan|malloc|calloc|realloc|free)|/libc\.so|libc-start|\(/[^)]*fuzz-[a-z]+-bin\+' |
		head -n 1)
	case "$first" in
	*libfsxfs.so*)
		lib=$((lib + 1))
		mv "$f" "$out/libfsxfs/" ;;
	*)
		ours=$((ours + 1))
		echo "fuzz: $t: $f: ${first:-no stack}" ;;
	esac
done
[ "$lib" -eq 0 ] || echo "fuzz: $t: $lib inputs fail inside libfsxfs (kept in $out/libfsxfs)"
[ "$ours" -eq 0 ] || echo "fuzz: $t found $ours crashers of ours in $out"
[ "$ours" -eq 0 ]
