#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The Debian packages of the libraries a built xenpvboot needs, one a
# line, sorted: those it links (ldd) and those it dlopen()s (their
# sonames, as configure wrote them into config.mk), by this release's
# names (libext2fs2 or libext2fs2t64).  What the .deb should depend on
# (tests/ts/docs/package) and what the e2e dom0 must hold.
# Usage: libpkgs.sh XENPVBOOT CONFIG_MK
set -eu
bin=$1 config=$2
sonames=$(sed -n "s/^DLOPEN_DEFS = //p" "$config" | tr ' ' '\n' |
	sed -n "s/.*'\"\(.*\)\"'.*/\1/p")
{ ldd "$bin" | awk '$3 ~ /^\// { print $3 }' | while read -r l; do
	dpkg-query -S "$(readlink -f "$l")" 2>/dev/null || dpkg-query -S "$l"
  done
  for so in $sonames; do dpkg-query -S "*/$so" | head -n 1; done
} | cut -d: -f1 | sort -u
