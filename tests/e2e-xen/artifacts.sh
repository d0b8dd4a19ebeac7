#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds, from Debian packages only, what booting Xen under QEMU needs:
# the hypervisor (uncompressed for QEMU's multiboot loader), the Linux
# kernel and its modules, and a dom0 rootfs of this host's release with
# its Xen tools, packed as an initramfs.  The dom0 is the host's release
# because the binary under test is built here and runs there; the Xen
# version is the newest xen-hypervisor-N-amd64 that release's archive
# has, found, not written down.  Cached in $CACHE, rebuilt when
# a version moves.
# Usage: artifacts.sh CACHE XENPVBOOT
set -eu
CACHE=$1 BIN=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$CACHE"
cd "$CACHE"

. /etc/os-release
suite=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
xenv=$(apt-cache pkgnames xen-hypervisor- 2>/dev/null |
	sed -n 's/^xen-hypervisor-\([0-9][0-9.]*\)-amd64$/\1/p' | sort -V | tail -n 1)
[ -n "$xenv" ] || { echo "e2e: no xen-hypervisor-N-amd64 in apt (apt-get update?)" >&2; exit 1; }
kpkg=$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n1)
[ -n "$kpkg" ] || { echo "e2e: cannot resolve linux-image-amd64" >&2; exit 1; }
# The dom0's packages: the Xen toolstack, the libraries xenpvboot needs
# by this release's names (tests/tools/libpkgs.sh), and grub-common,
# whose grub-fstest reads btrfs, FAT and ISO 9660 (a change here
# rebuilds the cached rootfs).
dom0_pkgs=xen-utils-$xenv,busybox,kmod,procps,grub-common,$(sh \
	"$here/../tools/libpkgs.sh" "$BIN" "$(dirname "$BIN")/config.mk" | paste -sd,)
stamp="$(apt-cache policy "xen-hypervisor-$xenv-amd64" "xen-utils-$xenv" "$kpkg" |
	sed -n 's/^ *Candidate: //p' | tr '\n' ' ')$suite $kpkg $dom0_pkgs \
$(cksum <"$here/../tools/grubkernel.py") xl-knows vmlinuz-own"
if [ -f stamp ] && [ "$(cat stamp)" = "$stamp" ] && [ -f dom0-rootfs.cpio.gz ]; then
	echo "e2e: artifacts cached in $CACHE ($stamp)"
	exit 0
fi
echo "e2e: building artifacts in $CACHE ($stamp)"
rm -rf debs x rootfs stamp xen vmlinuz vmlinuz-own kver xl-knows \
	dom0-rootfs.cpio.gz
mkdir debs x
(cd debs && apt-get download -q "xen-hypervisor-$xenv-amd64" "$kpkg" >/dev/null 2>&1) ||
	{ echo "e2e: apt-get download failed" >&2; exit 1; }
for d in debs/*.deb; do dpkg-deb -x "$d" x; done
zcat "x/boot/xen-$xenv-amd64.gz" >xen
# The guests' kernel: Debian's, its payload compressed again with xz
# where GRUB's Xen loader cannot undo it (Debian 13's zstd): the guests
# boot through their own PV GRUB.  make check judges Debian's own.
python3 "$here/../tools/grubkernel.py" x/boot/vmlinuz-* vmlinuz
# A PVH GRUB loads a kernel by the x86 boot protocol, the kernel undoing
# its own payload: the PVH guest boots Debian's kernel as it is.
cp x/boot/vmlinuz-* vmlinuz-own
# Debian 13's kernel package keeps its modules under /usr/lib (merged
# /usr); depmod -b and modprobe -d look under lib/.
if [ ! -d x/lib/modules ] && [ -d x/usr/lib/modules ]; then
	mkdir -p x/lib
	ln -s ../usr/lib/modules x/lib/modules
fi
kver=$(ls x/lib/modules)
echo "$kver" >kver
depmod -b x "$kver"

# The dom0: minbase plus the Xen toolstack, from the same suites as the
# hypervisor so their versions match, and the libraries xenpvboot needs.
mmdebstrap --mode=root --variant=minbase --quiet \
	--include="$dom0_pkgs" \
	"$suite" rootfs \
	"deb http://deb.debian.org/debian $suite main" \
	"deb http://deb.debian.org/debian-security $suite-security main" ||
	{ echo "e2e: mmdebstrap failed" >&2; exit 1; }
# Whether this xl takes restricted mode from xl.cfg (guest.sh).
if grep -q bootloader_restrict rootfs/usr/lib/xen-*/bin/xl; then
	echo bootloader_restrict >xl-knows
else
	: >xl-knows
fi
rm -rf rootfs/usr/share/doc rootfs/usr/share/man rootfs/usr/share/locale \
	rootfs/var/cache/apt rootfs/var/lib/apt/lists
(cd rootfs && find . | cpio -o -H newc --quiet | gzip -1) >dom0-rootfs.cpio.gz
rm -rf rootfs
echo "$stamp" >stamp
echo "e2e: artifacts ready"
