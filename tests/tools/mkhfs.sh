#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# mkhfs.sh hfsplus|hfs IMG DIR: an HFS+ or HFS volume holding DIR's
# files, made by the tools Debian has (no mkfs.hfsplus: hfsprogs is in
# neither Debian 12 nor 13; hfsutils' hformat is not in 13).
#   hfsplus  the HFS+ volume of xorriso's hybrid ISO (-hfsplus), cut out
#            of the image at its Apple partition map's HFSPLUS_Hybrid
#            entry: a volume that stands alone.
#   hfs      genisoimage's hybrid (-hfs), whose HFS volume starts at the
#            image's first byte, with its ISO 9660 volume descriptors
#            blanked (HFS never reads them): what is left is an HFS
#            volume and nothing else.
set -eu
kind=$1 img=$2 dir=$3
tmp=$img.iso
rm -f "$img" "$tmp"
case $kind in
hfsplus)
	xorriso -as mkisofs -quiet -hfsplus -R -o "$tmp" "$dir" 2>/dev/null
	# shellcheck disable=SC2046
	set -- $(partx -g -o START,SECTORS,NAME "$tmp" | awk '$3 == "HFSPLUS_Hybrid"')
	[ $# -eq 3 ] || { echo "mkhfs.sh: no HFS+ partition in xorriso's image" >&2; exit 1; }
	dd if="$tmp" of="$img" bs=512 skip="$1" count="$2" status=none
	;;
hfs)
	genisoimage -quiet -hfs -R -o "$img" "$dir"
	# The volume descriptors from sector 16 on, to the terminator's.
	python3 - "$img" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    for s in range(16, 32):
        f.seek(s * 2048)
        d = f.read(6)
        if d[1:6] != b"CD001":
            break
        f.seek(s * 2048)
        f.write(bytes(2048))
PY
	;;
*)
	echo "mkhfs.sh: no kind $kind" >&2
	exit 2
	;;
esac
rm -f "$tmp"
got=$(blkid -p -s TYPE -o value "$img")
[ "$got" = "$kind" ] || { echo "mkhfs.sh: libblkid names $img '$got'" >&2; exit 1; }
