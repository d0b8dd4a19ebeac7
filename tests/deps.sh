#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Makes sure the Debian packages that "make check" or "make demo" need
# are installed.  As root it installs the missing ones with apt-get and
# says so; otherwise it prints the apt-get line to run and fails.
# Usage: tests/deps.sh check|demo|asan|bench|ci

# liblzma-dev, zlib1g-dev, libzstd-dev: their headers only (kpeek.c calls
# the decompressors libxenguest links, found through it; fuzz-kpeek
# links them).
build="gcc make pkgconf libext2fs-dev comerr-dev libblkid-dev libseccomp-dev libxen-dev libfsxfs-dev libbfio-dev liblzma-dev zlib1g-dev libzstd-dev"
# e2fsprogs: mke2fs -d, debugfs; xfsprogs: mkfs.xfs -p, xfs_db;
# btrfs-progs: btrfs images; fdisk: sfdisk;
# dosfstools, mtools: FAT images; xorriso: ISO 9660 images;
# squashfs-tools, f2fs-tools, makefs (UFS), udftools and udfclient,
# ntfs-3g, exfatprogs and exfat-fuse, erofs-utils, zfs-fuse (ZFS pools,
# without OpenZFS's kernel module), genisoimage (HFS; xorriso makes
# HFS+): the other filesystems GRUB reads, made and filled; jfsutils,
# nilfs-tools, reiserfsprogs, util-linux-extra (mkfs.minix, there since Debian 13):
# those made empty (filling them needs the kernel's driver);
# systemd-boot-efi: the stub unified kernel images are made on;
# lvm2: volume
# groups written with vgcfgrestore; grub-common:
# grub-fstest, GRUB's reader of btrfs, FAT and ISO 9660;
# grub-xen-host: real pvboot ELFs;
# python3: pygrub's repr(); xz-utils, zstd, lz4: compressed kernels;
# strace: which uid the parsing child runs as; python3-fusepy, fuse3:
# a slow disk (tests/tools/slowdisk.py) to act on a run mid-way; xen-utils-N (the
# release's, found below): Debian's pygrub, which the tests compare
# against; debhelper and lintian:
# the Debian package is built and checked (dpkg-buildpackage wants
# build-essential); jq: -l --json read back as
# an admin's script reads it.
test="build-essential e2fsprogs fdisk dosfstools mtools xorriso squashfs-tools f2fs-tools makefs udftools udfclient ntfs-3g exfatprogs exfat-fuse erofs-utils zfs-fuse genisoimage jfsutils nilfs-tools reiserfsprogs util-linux-extra systemd-boot-efi lvm2 grub-common xfsprogs btrfs-progs grub-xen-host python3 strace @xen-utils debhelper lintian python3-fusepy fuse3 xz-utils zstd lz4 jq"
# clang's sanitizer runtimes are clang's version's: @clang-rt.
lint="mandoc cppcheck clang @clang-rt"

# Names that differ by release are found, not written down: @xen-utils
# is the release's Xen tools (pygrub's package, xen-utils-VERSION),
# @clang-rt the runtimes of the clang it has.
# Empty when apt knows no such package yet (before an apt-get update).
installed() {
	dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null |
		grep -q '^install ok installed$'
}

resolve() {
	case $1 in
	@xen-utils)
		{ dpkg-query -W -f='${Package}\n' 'xen-utils-[0-9]*' 2>/dev/null
		  apt-cache pkgnames xen-utils- 2>/dev/null; } |
			grep -E '^xen-utils-[0-9]+[.][0-9]+$' | sort -V | tail -n 1 ;;
	@clang-rt)
		v=$(apt-cache depends clang 2>/dev/null |
			sed -n 's/^ *Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n 1)
		[ -n "$v" ] && echo "libclang-rt-$v-dev" ;;
	*)	echo "$1" ;;
	esac
}

case "${1:-check}" in
check|demo) want="$build $test" ;;
asan) want="$build $test clang @clang-rt" ;;
bench) want="$build $test time" ;;
ci) want="$build $test $lint" ;;
*) echo "usage: $0 check|demo|asan|bench|ci" >&2; exit 2 ;;
esac

# missing: the packages of $want not installed; unknown: names not found.
find_missing() {
	missing="" unknown=""
	for w in $want; do
		p=$(resolve "$w")
		if [ -z "$p" ]; then
			unknown="$unknown $w"
		elif ! installed "$p"; then
			missing="$missing $p"
		fi
	done
}
find_missing
[ -z "$missing$unknown" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	[ -z "$unknown" ] ||
		echo "not found (apt-get update first?):$unknown" >&2
	echo "missing Debian packages:$missing" >&2
	echo "run as root: apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || { echo "apt-get update failed" >&2; exit 1; }
find_missing
[ -z "$unknown" ] || {
	echo "no Debian package for:$unknown (apt-cache knows none)" >&2
	exit 1
}
[ -z "$missing" ] && exit 0
echo "installing missing Debian packages:$missing"
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	{ echo "apt-get install$missing failed" >&2; exit 1; }
echo "installed:$missing"
