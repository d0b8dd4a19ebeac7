#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Makes sure the Debian packages that "make check" or "make demo" need
# are installed.  As root it installs the missing ones with apt-get and
# says so; otherwise it prints the apt-get line to run and fails.
# Usage: tests/deps.sh check|demo|asan|bench|ci

build="gcc make pkgconf libext2fs-dev comerr-dev libblkid-dev libseccomp-dev libxen-dev libfsxfs-dev libbfio-dev"
# e2fsprogs: mke2fs -d, debugfs; xfsprogs: mkfs.xfs -p, xfs_db;
# btrfs-progs: btrfs images; fdisk: sfdisk;
# dosfstools, mtools: FAT images; xorriso: ISO 9660 images; lvm2: volume
# groups written with vgcfgrestore; grub-common:
# grub-fstest, GRUB's reader of btrfs, FAT and ISO 9660;
# grub-xen-host: real pvboot ELFs;
# python3: pygrub's repr(); xz-utils, zstd, lz4: compressed kernels;
# strace: which uid the parsing child runs as; python3-fusepy, fuse3:
# a slow disk (tests/tools/slowdisk.py) to act on a run mid-way; xen-utils-4.17: Debian's
# pygrub, which the menu tests compare against; debhelper and lintian:
# the Debian package is built and checked; jq: -l --json read back as
# an admin's script reads it.
test="e2fsprogs fdisk dosfstools mtools xorriso lvm2 grub-common xfsprogs btrfs-progs grub-xen-host python3 strace xen-utils-4.17 debhelper lintian python3-fusepy fuse3 xz-utils zstd lz4 jq"
lint="mandoc cppcheck clang libclang-rt-14-dev"

case "${1:-check}" in
check|demo) want="$build $test" ;;
asan) want="$build $test clang libclang-rt-14-dev" ;;
bench) want="$build $test time" ;;
ci) want="$build $test $lint" ;;
*) echo "usage: $0 check|demo|asan|bench|ci" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "missing Debian packages:$missing" >&2
	echo "run as root: apt-get install -y$missing" >&2
	exit 1
fi
echo "installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || { echo "apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	{ echo "apt-get install$missing failed" >&2; exit 1; }
echo "installed:$missing"
