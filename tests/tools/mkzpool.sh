#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# mkzpool.sh IMG SIZE_MB DIR LAYOUT: a ZFS pool in the file IMG, made by
# zfs-fuse (Debian's main; OpenZFS's tools need a kernel module this
# kernel lacks), pool version 23 (zfs-fuse's newest: no feature flags),
# gzip-compressed, holding DIR's files, exported.  As root, needs
# /dev/fuse.  LAYOUT:
#   root   DIR's files in the pool's root dataset ("xpbpool").
#   bpool  Ubuntu's and Debian's Root on ZFS /boot: a pool "bpool" whose
#          root dataset and BOOT are never mounted and hold nothing, and
#          whose files are in bpool/BOOT/ubuntu_q1w2e3, mounted as /boot:
#          DIR/boot's files go there.
# The daemon is this script's own, in a mount namespace of its own (its
# socket and lock dirs on a tmpfs): a zfs-fuse a dom0 runs is not
# touched, and nothing outlives the script.  "@POOLGUID@" in a file
# becomes the pool's GUID as GRUB spells it.
set -eu
if [ "${MKZPOOL_INSIDE:-}" != 1 ]; then
	MKZPOOL_INSIDE=1 exec unshare -m --propagation private sh "$0" "$@"
fi
img=$1 size=$2 dir=$3 layout=$4
for d in /var/run/zfs /var/lock/zfs /var/lib/zfs /etc/zfs; do
	mkdir -p "$d"
	mount -t tmpfs -o size=1m,mode=0755 zfs-fuse-private "$d"
done
work=$(mktemp -d)
zfs-fuse --no-daemon --no-kstat-mount -p "$work/pid" >"$work/log" 2>&1 &
daemon=$!
stop() {
	kill "$daemon" 2>/dev/null || true
	wait "$daemon" 2>/dev/null || true
	umount -l "$work/alt" 2>/dev/null || true
	rm -rf "$work"
}
trap stop EXIT
i=0
until [ -S /var/run/zfs/zfs_socket ]; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || { cat "$work/log" >&2; exit 1; }
	sleep 0.1
done

rm -f "$img"
truncate -s "${size}M" "$img"
case $layout in
root)
	pool=xpbpool
	zpool create -o version=23 -o cachefile=none -R "$work/alt" \
	    -O compression=gzip "$pool" "$img"
	cp -a "$dir/." "$work/alt/"
	;;
bpool)
	pool=bpool
	zpool create -o version=23 -o cachefile=none -R "$work/alt" \
	    -O compression=gzip -O canmount=off -O mountpoint=/boot \
	    "$pool" "$img"
	zfs create -o canmount=off -o mountpoint=none "$pool/BOOT"
	zfs create -o mountpoint=/boot "$pool/BOOT/ubuntu_q1w2e3"
	cp -a "$dir/boot/." "$work/alt/boot/"
	;;
*)
	echo "mkzpool.sh: no layout $layout" >&2
	exit 2
	;;
esac
# @POOLGUID@ in a copied file: the pool's GUID as GRUB's search spells
# it, known only now (a grub.cfg's search --fs-uuid).
guid=$(printf '%016x' "$(zpool get guid "$pool" | awk 'NR == 2 { print $3 }')")
grep -rl @POOLGUID@ "$work/alt" 2>/dev/null |
	while read -r f; do sed -i "s/@POOLGUID@/$guid/g" "$f"; done
sync
zpool export "$pool"
