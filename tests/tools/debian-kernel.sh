#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Prints the path of a real Debian kernel (a bzImage): make check-e2e's,
# if it has fetched one, else linux-image-amd64's, fetched once with
# apt-get download into /var/tmp/xenpvboot-kernel.  Fails (prints
# nothing) where the archive cannot be reached.
set -u
for k in /var/tmp/xenpvboot-e2e/vmlinuz /var/tmp/xenpvboot-kernel/vmlinuz; do
	[ -s "$k" ] && { echo "$k"; exit 0; }
done
d=/var/tmp/xenpvboot-kernel
mkdir -p "$d" 2>/dev/null || exit 1
cd "$d" || exit 1
pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
[ -n "$pkg" ] || exit 1
apt-get download -q "$pkg" >/dev/null 2>&1 || exit 1
dpkg-deb -x linux-image-*.deb x 2>/dev/null || exit 1
cp x/boot/vmlinuz-* vmlinuz.tmp && mv vmlinuz.tmp vmlinuz
rm -rf x linux-image-*.deb
echo "$d/vmlinuz"
