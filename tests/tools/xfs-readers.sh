#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# xfs-readers.sh [DIR]: weighs the two XFS readers xenpvboot has, on the
# XFS a guest's /boot is made with, from this host's mkfs.xfs:
#   libfsxfs, in the parsing child (xenpvboot's run as libxl makes it);
#   GRUB's XFS driver (grub-fstest cat), which xenpvboot runs confined
#   for what libfsxfs refuses.
# For each layout: whether each gives the pvboot ELF's bytes, and its
# median time of 20 runs; then seeded damage to the metadata, and what
# each reader makes of it.  Prints a table; README's XFS section quotes
# one.  Root makes the layouts only a mount can (a file of 500 extents,
# a directory of 5000 entries); else those rows say why they are not.
# Its times are the reader's alone for GRUB (grub-fstest, unconfined)
# and a whole run as libxl makes it for xenpvboot (which reads with
# GRUB's reader, confined, only the nrext64 row).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${XENPVBOOT:-$top/xenpvboot}
W=${1:-$top/tests/out/xfs-readers}
ELF=$(ls /usr/lib/grub-xen/grub-x86_64-xen.bin 2>/dev/null)
FSTEST=$(command -v grub-fstest)
SPEC=/boot/xen/pvboot-x86_64.elf
[ -n "$ELF" ] && [ -n "$FSTEST" ] && [ -x "$BIN" ] ||
	{ echo "xfs-readers: needs grub-xen-host, grub-common and make"; exit 1; }
rm -rf "$W"
mkdir -p "$W/root/boot/xen" "$W/out"
cp "$ELF" "$W/root$SPEC"

knows() { mkfs.xfs 2>&1 | grep -q "$1"; }

# The layouts: name and mkfs.xfs options, those this mkfs.xfs knows.
layouts() {
	echo "v4 -m crc=0"
	echo "rhel7 -m crc=1,finobt=0 -n ftype=1$(knows reflink && echo ' -m reflink=0,rmapbt=0') -i sparse=0$(knows nrext64 && echo ',nrext64=0')"
	echo "rhel8 -m crc=1,finobt=1,reflink=1$(knows bigtime && echo ',bigtime=0,inobtcount=0')$(knows nrext64 && echo ' -i nrext64=0')"
	if knows bigtime; then
		echo "rhel9 -m crc=1,finobt=1,reflink=1,bigtime=1,inobtcount=1$(knows nrext64 && echo ' -i nrext64=0')"
	fi
	echo "default"
	knows nrext64 && echo "nrext64 -i nrext64=1"
}

mkimg() { # IMG OPTIONS...: the tree in root/, by a protofile
	img=$1
	shift
	truncate -s 300M "$img"
	python3 "$top/tests/tools/xfsproto.py" "$W/root" >"$W/proto" &&
		mkfs.xfs -q -f -p "$W/proto" "$@" "$img" >/dev/null 2>&1
}

# After a mount: the ELF in 4 KiB pieces between other files' (extents),
# so that it has some 500 extents (a B+tree fork); or 5000 names beside
# it in /boot/xen (bigdir), a directory in node form.
reshape() { # IMG extents|bigdir: prints what it made
	mnt=$W/mnt
	mkdir -p "$mnt"
	# allocsize: no speculative preallocation to merge the pieces
	mount -o loop,allocsize=4k "$1" "$mnt" 2>/dev/null || return 1
	if [ "$2" = extents ]; then
		rm -f "$mnt$SPEC"
		n=$(( ($(stat -c %s "$ELF") + 4095) / 4096 ))
		i=0
		while [ $i -lt "$n" ]; do
			dd if="$ELF" of="$mnt$SPEC" bs=4096 skip=$i seek=$i \
				count=1 conv=notrunc,fsync status=none
			dd if=/dev/zero of="$mnt/boot/xen/pad$((i % 64))" bs=4096 \
				count=1 oflag=append conv=notrunc,fsync status=none
			i=$((i + 1))
		done
		echo "$(xfs_io -r -c fiemap "$mnt$SPEC" | tail -n +2 | wc -l) extents"
	else
		j=0
		while [ $j -lt 5000 ]; do
			: >"$mnt/boot/xen/entry-$j"
			j=$((j + 1))
		done
		echo "5000 names in /boot/xen"
	fi
	umount "$mnt"
}

ms() { # median wall ms of 20 runs of "$@"
	python3 - "$@" <<'EOF'
import subprocess, sys, time
t = []
for _ in range(20):
    t0 = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    t.append((time.perf_counter() - t0) * 1000)
t.sort()
print("%.1f" % t[len(t) // 2])
EOF
}

# ours IMG: right, wrong, refused N, crashed N (the child's exit 6)
ours() {
	rm -rf "$W/out"/*
	"$BIN" -q --output="$W/out/o" --output-format=simple0 \
		--output-directory="$W/out" "$1" >/dev/null 2>"$W/err"
	rc=$?
	k=$(tr '\0' '\n' <"$W/out/o" 2>/dev/null | sed -n 's/^kernel //p')
	if [ $rc -eq 0 ]; then
		cmp -s "$k" "$ELF" && echo right || echo WRONG
	elif [ $rc -eq 6 ]; then
		echo "crashed(6)"
	else
		echo "refused($rc)"
	fi
}

# grubs IMG: GRUB's driver, unconfined, bounded to 30 s
grubs() {
	timeout 30 "$FSTEST" "$1" cat "$SPEC" >"$W/g.out" 2>/dev/null
	rc=$?
	if [ $rc -eq 0 ]; then
		cmp -s "$W/g.out" "$ELF" && echo right || echo WRONG
	elif [ $rc -eq 124 ]; then
		echo "hung"
	elif [ $rc -gt 128 ]; then
		echo "crashed(sig $((rc - 128)))"
	else
		echo "refused($rc)"
	fi
}

echo "XFS readers on $(mkfs.xfs -V), $(grub-fstest --version 2>/dev/null | head -1), $(ls /usr/lib/x86_64-linux-gnu/libfsxfs.so.* 2>/dev/null | head -1)"
printf '%-10s %-14s %-14s %10s %10s\n' layout xenpvboot GRUB "ms xenpvb." "ms GRUB"
layouts | while read -r name opts; do
	img=$W/$name.img
	# shellcheck disable=SC2086
	mkimg "$img" $opts || { echo "$name: mkfs.xfs refused: $opts"; continue; }
	printf '%-10s %-14s %-14s %10s %10s\n' "$name" "$(ours "$img")" \
		"$(grubs "$img")" \
		"$(ms "$BIN" -q --output="$W/out/o" --output-format=simple0 --output-directory="$W/out" "$img")" \
		"$(ms "$FSTEST" "$img" cat "$SPEC")"
done
# The reshaped and damaged images start from a layout both read: the
# RHEL 9 one where this mkfs.xfs makes it, else its defaults.
base=$W/default.img
[ -f "$W/rhel9.img" ] && base=$W/rhel9.img
for shape in extents bigdir; do
	img=$W/$shape.img
	if [ "$(id -u)" -ne 0 ]; then
		echo "$shape: not made (needs root, for a mount)"
		continue
	fi
	cp "$base" "$img"
	if x=$(reshape "$img" $shape); then
		printf '%-10s %-14s %-14s %10s %10s  (%s)\n' "$shape" \
			"$(ours "$img")" "$(grubs "$img")" \
			"$(ms "$BIN" -q --output="$W/out/o" --output-format=simple0 --output-directory="$W/out" "$img")" \
			"$(ms "$FSTEST" "$img" cat "$SPEC")" "$x"
	else
		echo "$shape: not made (no loop mount of XFS here)"
	fi
done

# Damage: 60 seeds, each 4 bytes in one of the structures a read of the
# ELF goes through: the superblock, AG 0's headers (AGF, AGI, AGFL),
# the inodes of /, /boot, /boot/xen and the ELF (xfs_db finds them).
targets=$(
	echo "0 2048"
	for p in / /boot /boot/xen "$SPEC"; do
		xfs_db -r -c "path $p" -c stack "$base" 2>/dev/null |
			sed -n 's/.*byte offset \([0-9]*\), length \([0-9]*\).*/\1 \2/p'
	done)
: >"$W/ours.tally"
: >"$W/grubs.tally"
seed=1
while [ $seed -le 60 ]; do
	cp "$base" "$W/d.img"
	echo "$targets" | python3 -c '
import random, sys
img, seed = sys.argv[1], int(sys.argv[2])
spans = [tuple(map(int, l.split())) for l in sys.stdin if l.strip()]
rng = random.Random(seed)
off, length = rng.choice(spans)
with open(img, "r+b") as f:
    for _ in range(4):
        f.seek(off + rng.randrange(length))
        f.write(bytes([rng.randrange(256)]))
' "$W/d.img" "$seed"
	ours "$W/d.img" | sed 's/(.*//' >>"$W/ours.tally"
	grubs "$W/d.img" | sed 's/(.*//' >>"$W/grubs.tally"
	seed=$((seed + 1))
done
echo "targets: $(echo "$targets" | wc -l) spans"
for reader in ours grubs; do
	printf 'damaged x60, %-8s %s\n' "$reader:" \
		"$(sort "$W/$reader.tally" | uniq -c | awk '{printf "%s %s, ", $1, $2}')"
done
