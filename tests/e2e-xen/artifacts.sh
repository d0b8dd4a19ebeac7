#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds, from Debian packages only, what booting Xen under QEMU needs:
# the hypervisor (uncompressed for QEMU's multiboot loader), the Linux
# kernel and its modules, and a Debian 12 dom0 rootfs with xen-utils-4.17
# packed as an initramfs.  Cached in $CACHE, rebuilt when a version moves.
# Usage: artifacts.sh CACHE
set -eu
CACHE=$1
mkdir -p "$CACHE"
cd "$CACHE"

kpkg=$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n1)
[ -n "$kpkg" ] || { echo "e2e: cannot resolve linux-image-amd64" >&2; exit 1; }
# The dom0's packages: the Xen toolstack, the libraries xenpvboot links,
# and grub-common, whose grub-fstest reads btrfs, FAT and ISO 9660 (a
# change here rebuilds the cached rootfs).
dom0_pkgs=xen-utils-4.17,busybox,kmod,procps,libext2fs2,libblkid1,libcom-err2,libuuid1,libfsxfs1,libbfio1,grub-common
stamp="$(apt-cache policy xen-hypervisor-4.17-amd64 xen-utils-4.17 "$kpkg" |
	sed -n 's/^ *Candidate: //p' | tr '\n' ' ')$kpkg $dom0_pkgs"
if [ -f stamp ] && [ "$(cat stamp)" = "$stamp" ] && [ -f dom0-rootfs.cpio.gz ]; then
	echo "e2e: artifacts cached in $CACHE ($stamp)"
	exit 0
fi
echo "e2e: building artifacts in $CACHE ($stamp)"
rm -rf debs x rootfs stamp xen vmlinuz kver dom0-rootfs.cpio.gz
mkdir debs x
(cd debs && apt-get download -q xen-hypervisor-4.17-amd64 "$kpkg" >/dev/null 2>&1) ||
	{ echo "e2e: apt-get download failed" >&2; exit 1; }
for d in debs/*.deb; do dpkg-deb -x "$d" x; done
zcat x/boot/xen-4.17-amd64.gz >xen
cp x/boot/vmlinuz-* vmlinuz
kver=$(ls x/lib/modules)
echo "$kver" >kver
depmod -b x "$kver"

# The dom0: minbase plus the Xen toolstack, from the same suites as the
# hypervisor so their versions match, and the libraries xenpvboot needs.
mmdebstrap --mode=root --variant=minbase --quiet \
	--include="$dom0_pkgs" \
	bookworm rootfs \
	"deb http://deb.debian.org/debian bookworm main" \
	"deb http://deb.debian.org/debian-security bookworm-security main" ||
	{ echo "e2e: mmdebstrap failed" >&2; exit 1; }
rm -rf rootfs/usr/share/doc rootfs/usr/share/man rootfs/usr/share/locale \
	rootfs/var/cache/apt rootfs/var/lib/apt/lists
(cd rootfs && find . | cpio -o -H newc --quiet | gzip -1) >dom0-rootfs.cpio.gz
rm -rf rootfs
echo "$stamp" >stamp
echo "e2e: artifacts ready"
