#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: xenpvboot against cp and pygrub, measured in one run on the
# same images with a hot page cache (medians, the commands taking turns:
# tests/bench/alternate.c), plus peak RSS, bytes read from the disk, a
# 64-way concurrent run and a cold-cache run.
# It reports; it never fails a build.  Images are cached in $BENCH.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${XENPVBOOT:-$top/xenpvboot}
BENCH=${XENPVBOOT_BENCH:-/var/tmp/xenpvboot-bench}
ELF=/usr/lib/grub-xen/grub-x86_64-xen.bin
# Debian's pygrub, in Xen's tools directory as configure found it.
PYGRUB=$(sed -n 's/^XEN_BINDIR = //p' "$top/config.mk" 2>/dev/null)/pygrub
PATH=$PATH:/usr/sbin:/sbin
RUNS=${BENCH_RUNS:-100}

for t in cc mke2fs sfdisk strace; do
	command -v $t >/dev/null 2>&1 || {
		echo "bench: $t missing (as root: apt-get install gcc e2fsprogs fdisk strace)"
		exit 0
	}
done
mkdir -p "$BENCH" "$BENCH/out"
ALT=$BENCH/alternate
cc -O2 -o "$ALT" "$top/tests/bench/alternate.c" || exit 0
cd "$BENCH" || exit 0

# --- images, built once ---------------------------------------------------
tree() {
	rm -rf root
	mkdir -p root/boot/xen
	cp "$ELF" root/boot/xen/pvboot-x86_64.elf
}
if [ ! -f stamp ] || [ "$(cat stamp)" != "$(md5sum <"$ELF"; echo v3)" ]; then
	echo "bench: building images in $BENCH"
	rm -f *.img
	tree
	mke2fs -q -F -t ext4 -d root fs256.img 256M >/dev/null
	truncate -s 1T fs1t.img
	mke2fs -q -F -t ext4 -E lazy_itable_init=1,lazy_journal_init=1 \
		-d root fs1t.img >/dev/null
	truncate -s 1G gpt.img
	printf 'label: gpt\n,\n' | sfdisk -q gpt.img >/dev/null
	mke2fs -q -F -t ext4 -E offset=1048576 -d root gpt.img 1000M >/dev/null
	truncate -s 2T gpt2t.img
	printf 'label: gpt\n,\n' | sfdisk -q gpt2t.img >/dev/null
	mke2fs -q -F -t ext4 -E offset=1048576,lazy_itable_init=1,lazy_journal_init=1 \
		-d root gpt2t.img 2047G >/dev/null
	tree
	i=0
	while [ $i -lt 20000 ]; do : >"root/boot/xen/f$i"; i=$((i + 1)); done
	mke2fs -q -F -t ext4 -d root dir20k.img 512M >/dev/null
	# mke2fs -d writes plain directories; e2fsck -D indexes them (htree).
	e2fsck -fyD dir20k.img >/dev/null 2>&1
	tree
	mke2fs -q -F -t ext4 -d root dir3.img 512M >/dev/null
	# The pygrub-style fallback: grub.cfg, a kernel and a ~60 MiB initrd.
	tree
	rm -rf root/boot/xen
	mkdir -p root/boot/grub
	cp "$ELF" root/boot/vmlinuz
	head -c $((58 << 20)) /dev/urandom >root/boot/initrd.img
	printf '%s\n' 'set default=0' 'set timeout=5' \
		"menuentry 'Debian GNU/Linux' {" \
		'	linux /boot/vmlinuz root=/dev/xvda1 ro quiet' \
		'	initrd /boot/initrd.img' '}' >root/boot/grub/grub.cfg
	mke2fs -q -F -t ext4 -d root menu.img 256M >/dev/null
	tree
	mkdir -p par
	i=0
	while [ $i -lt 64 ]; do cp --sparse=always fs256.img par/$i.img; i=$((i + 1)); done
	{ md5sum <"$ELF"; echo v3; } >stamp
fi

# An MBR signature over an ext4 at offset 0 (its boot block is free):
# the table yields nothing, the whole disk is probed.
if [ ! -f mbr0.img ]; then
	cp --sparse=always fs256.img mbr0.img
	printf '\125\252' | dd of=mbr0.img bs=1 seek=510 conv=notrunc status=none
fi

# A chain of 10 000 logical partitions, the ELF's ext4 in the first:
# libblkid lists them all, the child reads 256.
if [ ! -f ebr10k.img ]; then
	python3 "$top/tests/tools/ebrchain.py" ebr10k.img 10000 5:260 >ebr.offsets
	dd if=fs256.img of=ebr10k.img bs=64K oflag=seek_bytes conv=notrunc,sparse \
		seek="$(sed -n 's/^5 //p' ebr.offsets)" status=none
fi

run() { # the command libxl runs, on image $1
	: >out/answer
	"$BIN" --output=out/answer --output-format=simple0 \
		--output-directory=out "$1" >/dev/null 2>&1
	rm -f out/boot_*
}
median() { # alternate's output $1 -> median ms of command $2 (from 0)
	sed -n "$(($2 + 1))s/ .*//p" "$1"
}

echo "bench: $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -r); $RUNS rounds, hot cache"
# As root each run takes uids of its own (src/sandbox/run-ids.c): no
# user is looked up, so NSS loads none of its modules into the parent.
if [ "$(id -u)" -eq 0 ]; then
	echo "bench: as root: the child and GRUB's reader run as uids of the run's own"
else
	echo "bench: not root: the child runs as the caller, in a user namespace"
fi
# xenpvboot against cp and pygrub on the same 1 GiB GPT disk.  Each run
# starts as under libxl, which makes a new empty answer file (pygrub will
# not create it); cp makes a new file too: on ext4, truncating an old one
# starts its writeback on close (auto_da_alloc).  Earlier runs' files are
# removed, or their writeback blurs the figures.  xenpvboot and cp take
# turns, and so do the two pygrubs: a 60 ms Python run between two 2 ms
# runs would leave each of them cold caches that cp never meets.
prep="rm -rf out/copy out/boot_kernel.* out/boot_ramdisk.* out/65534-*; rm -f out/a out/p; : >out/a; : >out/p"
"$ALT" "$RUNS" 3 "$prep" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out gpt.img" \
	"cp root/boot/xen/pvboot-x86_64.elf out/copy" >out/main.txt ||
	echo "bench: the timer failed"
set --
have_pygrub=no
if [ -x "$PYGRUB" ]; then
	have_pygrub=yes
	# pygrub knows only the menu path: --kernel= names the same file.
	set -- "$PYGRUB -q --kernel=/boot/xen/pvboot-x86_64.elf --output=out/p --output-format=simple0 --output-directory=out gpt.img"
	[ "$(id -u)" -eq 0 ] && set -- "$@" "$PYGRUB -q --runas=65534 --kernel=/boot/xen/pvboot-x86_64.elf --output=out/p --output-format=simple0 --output-directory=out gpt.img"
	"$ALT" "$((RUNS / 3 + 1))" 2 "$prep" "$@" >out/pygrub.txt ||
		echo "bench: the timer failed on pygrub"
fi
for f in out/main.txt out/pygrub.txt; do
	[ -f $f ] && ! awk '$2 > 0 { exit 1 }' $f &&
		echo "bench: some runs failed ($f: $(tr '\n' ' ' <$f))"
done
x=$(median out/main.txt 0)
c=$(median out/main.txt 1)
printf '%-44s %9s\n' "command" "median ms"
printf '%-44s %9s\n' "xenpvboot (as libxl runs it)" "$x"
printf '%-44s %9s\n' "cp of the same ELF" "$c"
if [ $have_pygrub = yes ]; then
	p=$(median out/pygrub.txt 0)
	printf '%-44s %9s\n' "pygrub --kernel=" "$p"
	[ "$(id -u)" -eq 0 ] && { pr=$(median out/pygrub.txt 1); printf '%-44s %9s\n' "pygrub --runas" "$pr"; }
fi
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
echo
echo "ratios (targets from issue #6)"
printf '  xenpvboot / cp                 %6s  (target <= 1.5)\n' "$(ratio "$x" "$c")"
[ $have_pygrub = yes ] && printf '  pygrub / xenpvboot             %6s\n' "$(ratio "$p" "$x")"
[ -n "${pr:-}" ] && printf '  pygrub --runas / xenpvboot     %6s  (target >= 25)\n' "$(ratio "$pr" "$x")"

# Where the ext4 row's time goes (#32), each step's median less the
# one before: starting any process (/bin/true), xenpvboot's own start
# (its libraries linked, --version), the sandbox and the child on a disk
# with nothing to read (a 1 MiB empty image: the run-ids claim, the fork
# into new namespaces, the empty root, seccomp, libblkid finding nothing,
# the child's exit), then the search and the copy; cp beside it.
truncate -s 1M empty.img
"$ALT" "$RUNS" 3 "$prep" "/bin/true" "$BIN --version" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out empty.img" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out gpt.img" \
	"cp root/boot/xen/pvboot-x86_64.elf out/copy" >out/steps.txt ||
	echo "bench: the timer failed on the steps"
t0=$(median out/steps.txt 0) t1=$(median out/steps.txt 1)
t2=$(median out/steps.txt 2) t3=$(median out/steps.txt 3)
t4=$(median out/steps.txt 4)
d() { python3 -c "print('%.2f' % ($1 - $2))"; }
echo "  where the ext4 row's $t3 ms go: a process $t0, xenpvboot's start +$(d "$t1" "$t0"), sandbox and child +$(d "$t2" "$t1"), search and copy +$(d "$t3" "$t2"); cp $t4 (+$(d "$t4" "$t0") beyond a process)"

# Earlier runs' output files are still being written back: let them.
sync
"$ALT" "$RUNS" 3 "rm -f out/boot_kernel.* out/a; : >out/a" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out fs256.img" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out fs1t.img" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out dir3.img" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out dir20k.img" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out mbr0.img" \
	>out/size.txt
rm -f out/boot_*
printf '  1 TiB ext4 / 256 MiB ext4      %6s  (target <= 1.1)\n' \
	"$(ratio "$(median out/size.txt 1)" "$(median out/size.txt 0)")"
printf '  20,000 entries / 3 in /boot/xen %5s  (target <= 1.2)\n' \
	"$(ratio "$(median out/size.txt 3)" "$(median out/size.txt 2)")"
printf '  empty MBR over ext4 / bare ext4 %5s\n' \
	"$(ratio "$(median out/size.txt 4)" "$(median out/size.txt 0)")"

# The EBR chain: a few hundred ms each, so 10 rounds.
sync
"$ALT" 10 2 "rm -f out/boot_kernel.* out/a; : >out/a" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out ebr10k.img" \
	"$BIN --output=out/a --output-format=simple0 --output-directory=out fs256.img" \
	>out/ebr.txt || echo "bench: the timer failed on the EBR chain"
rm -f out/boot_*
printf '  10,000-EBR chain / bare ext4 %8s  (%s ms: libblkid walks the chain)\n' \
	"$(ratio "$(median out/ebr.txt 0)" "$(median out/ebr.txt 1)")" \
	"$(median out/ebr.txt 0)"

# btrfs, through GRUB's reader (a confined grub-fstest per file read):
# the same ELF at the same path; pygrub 4.17 cannot read btrfs.
if [ ! -f btrfs.img ] && command -v mkfs.btrfs >/dev/null 2>&1; then
	tree
	truncate -s 256M btrfs.img
	mkfs.btrfs -q -f -r root btrfs.img >/dev/null 2>&1 || rm -f btrfs.img
fi
if [ -f btrfs.img ] && [ -x /usr/bin/grub-fstest ]; then
	sync
	"$ALT" 20 2 "rm -f out/boot_kernel.* out/a; : >out/a" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out btrfs.img" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out fs256.img" \
		>out/btrfs.txt || echo "bench: the timer failed on btrfs"
	rm -f out/boot_*
	printf '  btrfs (GRUB'"'"'s reader) / ext4 %6s  (%s ms: two confined grub-fstest runs)\n' \
		"$(ratio "$(median out/btrfs.txt 0)" "$(median out/btrfs.txt 1)")" \
		"$(median out/btrfs.txt 0)"
else
	echo "  btrfs: skipped (needs btrfs-progs and grub-common)"
fi

# The other filesystems GRUB's reader reads, made by their own tools
# (squashfs-tools, f2fs-tools, makefs): the same ELF at the same path.
if [ ! -f squashfs.img ] && command -v mksquashfs >/dev/null 2>&1; then
	tree
	mksquashfs root squashfs.img -quiet -noappend >/dev/null 2>&1 ||
		rm -f squashfs.img
fi
if [ ! -f f2fs.img ] && command -v sload.f2fs >/dev/null 2>&1; then
	tree
	truncate -s 128M f2fs.img
	{ mkfs.f2fs -q f2fs.img && sload.f2fs -f root f2fs.img; } \
		>/dev/null 2>&1 || rm -f f2fs.img
fi
if [ ! -f ufs.img ] && command -v makefs >/dev/null 2>&1; then
	tree
	makefs -t ffs -o version=2 -s 16m ufs.img root >/dev/null 2>&1 ||
		rm -f ufs.img
fi
# grub_rows NAME:IMG...: each image's pvboot boot through GRUB's reader,
# timed in turns with the bare ext4's, and its ratio to it.
grub_rows() {
	n=$# names=
	for r; do
		names="$names ${r%%:*}"
		[ -f "${r#*:}" ] || {
			echo "  $names: skipped (an image could not be made here)"
			return
		}
	done
	[ -x /usr/bin/grub-fstest ] || { echo "  $names: skipped (needs grub-common)"; return; }
	for r; do
		set -- "$@" "$BIN --output=out/a --output-format=simple0 --output-directory=out ${r#*:}"
	done
	shift "$n"
	sync
	"$ALT" 20 2 "rm -f out/boot_kernel.* out/a; : >out/a" "$@" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out fs256.img" \
		>out/grub.txt || echo "bench: the timer failed on$names"
	rm -f out/boot_*
	k=0
	for name in $names; do
		printf '  %-8s (GRUB'"'"'s reader) / ext4 %5s  (%s ms)\n' "$name" \
			"$(ratio "$(median out/grub.txt $k)" "$(median out/grub.txt "$n")")" \
			"$(median out/grub.txt $k)"
		k=$((k + 1))
	done
}
grub_rows squashfs:squashfs.img f2fs:f2fs.img UFS2:ufs.img

# ZFS (a pool by zfs-fuse, as root), HFS+ (the HFS+ volume of xorriso's
# hybrid), HFS (genisoimage's hybrid, its ISO 9660 descriptors blanked)
# and UDF, through GRUB's reader: a ZFS pool first asks for the dataset
# its paths are read from.
if [ ! -f zfs.img ] && [ "$(id -u)" -eq 0 ] && [ -e /dev/fuse ] &&
    command -v zfs-fuse >/dev/null 2>&1; then
	tree
	sh "$top/tests/tools/mkzpool.sh" "$BENCH/zfs.img" 64 root root \
		>/dev/null 2>&1 || rm -f zfs.img
fi
if [ ! -f hfsplus.img ] && command -v xorriso >/dev/null 2>&1; then
	tree
	sh "$top/tests/tools/mkhfs.sh" hfsplus hfsplus.img root >/dev/null 2>&1 ||
		rm -f hfsplus.img
fi
if [ ! -f hfs.img ] && command -v genisoimage >/dev/null 2>&1; then
	tree
	sh "$top/tests/tools/mkhfs.sh" hfs hfs.img root >/dev/null 2>&1 ||
		rm -f hfs.img
fi
# UDF: mkudffs makes it, udfclient (no kernel driver) fills it.
if [ ! -f udf.img ] && command -v mkudffs >/dev/null 2>&1 &&
    command -v udfclient >/dev/null 2>&1; then
	tree
	truncate -s 32M udf.img
	mkudffs --media-type=hd udf.img >/dev/null 2>&1
	vol=$(printf 'ls\nquit\n' | udfclient udf.img 2>/dev/null |
		awk '/^d/ { print $NF; exit }')
	printf 'cd %s\nmkdir boot\ncd boot\nmkdir xen\ncd xen\nlcd %s\nput pvboot-x86_64.elf\nquit\n' \
		"$vol" "$BENCH/root/boot/xen" | udfclient -W udf.img >/dev/null 2>&1
fi
grub_rows ZFS:zfs.img HFS+:hfsplus.img HFS:hfs.img UDF:udf.img

# A unified kernel image (the pvboot ELF as its .linux, made with
# objcopy onto Debian's systemd stub), no boot menu: on an XBOOTLDR ext4
# (libext2fs) and on a FAT ESP (GRUB's reader).  Each UKI is read whole
# twice: once to list and order, once to boot.
STUB=$(ls /usr/lib/systemd/boot/efi/linux*x64.efi.stub 2>/dev/null | head -n 1)
if [ ! -f ukiext.img ] && [ -n "$STUB" ] && command -v objcopy >/dev/null &&
    command -v mcopy >/dev/null; then
	rm -rf uki
	mkdir -p uki/EFI/Linux
	printf 'ID=debian\nPRETTY_NAME="Debian"\nVERSION_ID=13\n' >osrel
	objcopy --add-section .osrel=osrel --change-section-vma .osrel=0x20000 \
		--add-section .linux="$ELF" --change-section-vma .linux=0x2000000 \
		"$STUB" uki/EFI/Linux/debian.efi
	mke2fs -q -F -t ext4 -d uki ukiext.img 256M >/dev/null
	truncate -s 64M ukifat.img
	mkfs.vfat ukifat.img >/dev/null &&
		mmd -i ukifat.img ::/EFI ::/EFI/Linux &&
		mcopy -i ukifat.img uki/EFI/Linux/debian.efi ::/EFI/Linux/ ||
		rm -f ukifat.img
fi
if [ -f ukiext.img ] && [ -f ukifat.img ] && [ -x /usr/bin/grub-fstest ]; then
	sync
	"$ALT" 20 2 "rm -f out/boot_kernel.* out/a; : >out/a" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out ukiext.img" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out ukifat.img" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out fs256.img" \
		>out/uki.txt || echo "bench: the timer failed on the UKIs"
	rm -f out/boot_*
	printf '  UKI on ext4 / pvboot on ext4   %6s  (%s ms)\n' \
		"$(ratio "$(median out/uki.txt 0)" "$(median out/uki.txt 2)")" \
		"$(median out/uki.txt 0)"
	printf '  UKI on a FAT ESP / pvboot ext4 %6s  (%s ms: GRUB'"'"'s reader)\n' \
		"$(ratio "$(median out/uki.txt 1)" "$(median out/uki.txt 2)")" \
		"$(median out/uki.txt 1)"
else
	echo "  UKI: skipped (needs systemd-boot-efi, binutils, mtools, grub-common)"
fi

# A boot menu's kernel as a dom0 judges it, Debian's xz bzImage: our
# peek at its Xen notes (a boot's, kpeek.c) against libxenguest's whole
# decompression and parse (-l's, and what a boot did before), each with
# libxenguest loaded (tests/unit/xgcross, which make check builds).
XG=$top/tests/unit/xgcross
KERNEL=$(sh "$top/tests/tools/debian-kernel.sh" 2>/dev/null)
if [ -x "$XG" ] && [ -n "$KERNEL" ]; then
	"$ALT" 10 1 ":" \
		"$XG --peek xen-3.0-x86_64 pv $KERNEL" \
		"$XG --oracle xen-3.0-x86_64 pv $KERNEL" \
		>out/kpeek.txt || echo "bench: the timer failed on the kernel judge"
	printf '  menu bzImage judged: notes / whole %5s  (%s ms against %s ms)\n' \
		"$(ratio "$(median out/kpeek.txt 0)" "$(median out/kpeek.txt 1)")" \
		"$(median out/kpeek.txt 0)" "$(median out/kpeek.txt 1)"
else
	echo "  menu bzImage judged: skipped (needs tests/unit/xgcross, make check builds it, and a Debian kernel)"
fi

# A dirty journal: the ELF reinstalled (a new copy renamed over the old)
# and the change only in the log, never checkpointed; xenpvboot replays it in
# memory.  Against the same filesystem clean.
if [ ! -f dirty.img ] && command -v debugfs >/dev/null 2>&1; then
	tree
	mke2fs -q -F -t ext4 -b 4096 -d root dirty.old 256M >/dev/null
	cp dirty.old dirty.new
	printf 'write %s /boot/xen/new.elf\nrm /boot/xen/pvboot-x86_64.elf\nln /boot/xen/new.elf /boot/xen/pvboot-x86_64.elf\nunlink /boot/xen/new.elf\n' \
		"$ELF" | debugfs -w -f - dirty.new >/dev/null 2>&1
	cmp -l dirty.old dirty.new | awk '{ b = int(($1 - 1) / 4096);
		if (b > 0) print b }' | uniq >dirty.blocks
	: >dirty.data
	for b in $(cat dirty.blocks); do
		dd if=dirty.new bs=4096 skip="$b" count=1 status=none >>dirty.data
	done
	cp dirty.old dirty.img
	printf 'jo\njw -b %s dirty.data\njc\n' "$(paste -sd, dirty.blocks)" |
		debugfs -w -f - dirty.img >/dev/null 2>&1
	rm -f dirty.new dirty.data
fi
if [ -f dirty.img ]; then
	sync
	"$ALT" 20 2 "rm -f out/boot_kernel.* out/a; : >out/a" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out dirty.img" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out dirty.old" \
		>out/dirty.txt || echo "bench: the timer failed on the journal"
	rm -f out/boot_*
	printf '  dirty journal / clean ext4     %6s  (%s ms: %s blocks replayed in memory)\n' \
		"$(ratio "$(median out/dirty.txt 0)" "$(median out/dirty.txt 1)")" \
		"$(median out/dirty.txt 0)" "$(wc -l <dirty.blocks)"
fi

# XFS (libfsxfs, the child started twice to load it), clean and with a
# dirty, wrapped log (tests/tools/xfslog.py) whose head and tail -v
# reports: the log is read only to find them; and with the large extent
# counters (nrext64) libfsxfs does not read, which GRUB's reader reads
# (two confined grub-fstest runs).  Against ext4.
nrext64_knob() { mkfs.xfs 2>&1 | grep -q nrext64 && echo "-i nrext64=$1"; }
if [ ! -f xfsdirty.img ] && command -v mkfs.xfs >/dev/null 2>&1; then
	tree
	truncate -s 300M xfs.img
	# shellcheck disable=SC2046
	python3 "$top/tests/tools/xfsproto.py" root >xfs.proto &&
	mkfs.xfs -q -f -p xfs.proto $(nrext64_knob 0) xfs.img >/dev/null 2>&1 &&
	cp xfs.img xfsdirty.img &&
	python3 "$top/tests/tools/xfslog.py" xfsdirty.img wrapped-dirty ||
		rm -f xfs.img xfsdirty.img
	if [ -n "$(nrext64_knob 1)" ] && [ -f xfs.img ]; then
		truncate -s 300M xfsbig.img
		# shellcheck disable=SC2046
		mkfs.xfs -q -f -p xfs.proto $(nrext64_knob 1) xfsbig.img \
			>/dev/null 2>&1 || rm -f xfsbig.img
	fi
fi
if [ -f xfsdirty.img ]; then
	sync
	set -- "$BIN --output=out/a --output-format=simple0 --output-directory=out xfs.img" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out xfsdirty.img" \
		"$BIN --output=out/a --output-format=simple0 --output-directory=out fs256.img"
	[ -f xfsbig.img ] && [ -x /usr/bin/grub-fstest ] &&
		set -- "$@" "$BIN --output=out/a --output-format=simple0 --output-directory=out xfsbig.img"
	"$ALT" 20 2 "rm -f out/boot_kernel.* out/a; : >out/a" "$@" \
		>out/xfs.txt || echo "bench: the timer failed on XFS"
	rm -f out/boot_*
	printf '  XFS / ext4                     %6s  (%s ms: libfsxfs, the child started twice)\n' \
		"$(ratio "$(median out/xfs.txt 0)" "$(median out/xfs.txt 2)")" \
		"$(median out/xfs.txt 0)"
	printf '  XFS dirty log / XFS clean      %6s  (%s ms: head and tail found, not replayed)\n' \
		"$(ratio "$(median out/xfs.txt 1)" "$(median out/xfs.txt 0)")" \
		"$(median out/xfs.txt 1)"
	if [ $# -eq 4 ]; then
		printf '  XFS nrext64 / ext4             %6s  (%s ms: refused by libfsxfs, read by GRUB'"'"'s reader)\n' \
			"$(ratio "$(median out/xfs.txt 3)" "$(median out/xfs.txt 2)")" \
			"$(median out/xfs.txt 3)"
	else
		echo "  XFS nrext64: skipped (needs xfsprogs 5.19 or later and grub-common)"
	fi
fi

# The fallback path: grub.cfg + kernel + 58 MiB initrd, against pygrub.
set -- "$BIN -q --output=out/a --output-format=simple0 --output-directory=out menu.img" \
	"cp menu/vmlinuz menu/initrd.img out/"
[ $have_pygrub = yes ] &&
	set -- "$@" "$PYGRUB -q --output=out/p --output-format=simple0 --output-directory=out menu.img"
sync
mkdir -p menu
[ -f menu/initrd.img ] || debugfs -R "rdump /boot/vmlinuz /boot/initrd.img menu" menu.img >/dev/null 2>&1
"$ALT" 10 2 "rm -rf out/boot_kernel.* out/boot_ramdisk.* out/vmlinuz out/initrd.img; rm -f out/a out/p; : >out/a; : >out/p" \
	"$@" >out/menu.txt || echo "bench: the timer failed on the menu image"
rm -f out/boot_* out/vmlinuz out/initrd.img
echo
echo "boot-menu fallback (grub.cfg, kernel + 58 MiB initrd), medians"
printf '  xenpvboot %s ms, cp of both files %s ms' "$(median out/menu.txt 0)" \
	"$(median out/menu.txt 1)"
[ $have_pygrub = yes ] && printf ', pygrub %s ms' "$(median out/menu.txt 2)"
echo
printf '  xenpvboot / cp                 %6s\n' \
	"$(ratio "$(median out/menu.txt 0)" "$(median out/menu.txt 1)")"
[ $have_pygrub = yes ] && printf '  pygrub / xenpvboot             %6s\n' \
	"$(ratio "$(median out/menu.txt 2)" "$(median out/menu.txt 0)")"

# A disk on network storage (iSCSI, Ceph RBD, NFS), where each read
# request is a round trip: the image behind a FUSE file that sleeps 1 ms
# per request and counts them (tests/tools/slowdisk.py; direct I/O, so
# every read the programs make reaches it).  One run each, as root.
# slow IMG CMD...: "REQUESTS BYTES MS" of CMD with @DISK@ the slow disk.
slow() {
	img=$1
	shift
	mkdir -p out/slow
	rm -f out/count
	SLOW_DELAY=0.001 SLOW_COUNT=$BENCH/out/count /usr/bin/python3 \
		"$top/tests/tools/slowdisk.py" "$BENCH/$img" out/slow >/dev/null 2>&1 &
	spid=$!
	for _ in $(seq 100); do [ -e out/slow/disk.img ] && break; sleep 0.1; done
	rm -f out/boot_* out/a out/p
	: >out/a
	: >out/p
	rm -f out/count
	start=$(date +%s%N)
	# shellcheck disable=SC2046
	$(echo "$*" | sed "s|@DISK@|out/slow/disk.img|") >/dev/null 2>&1
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	echo "$(cat out/count 2>/dev/null || echo '0 0') $ms"
	fusermount3 -u out/slow 2>/dev/null || umount -l out/slow
	wait $spid 2>/dev/null
	rm -f out/boot_*
}
if [ "$(id -u)" -eq 0 ] && [ -e /dev/fuse ] &&
    /usr/bin/python3 -c 'import fusepy' 2>/dev/null; then
	echo
	echo "a disk 1 ms away per read request: requests, bytes, wall time (target: ext4 <= 40 requests, under a third of pygrub's time)"
	xb="$BIN --output=out/a --output-format=simple0 --output-directory=out"
	pg="$PYGRUB -q --output=out/p --output-format=simple0 --output-directory=out"
	for row in "ext4 pvboot:fs256.img:$xb @DISK@" \
	    "ext4, pygrub --kernel=:fs256.img:$pg --kernel=/boot/xen/pvboot-x86_64.elf @DISK@" \
	    "XFS pvboot:xfs.img:$xb @DISK@" "btrfs pvboot:btrfs.img:$xb @DISK@" \
	    "boot menu, 58 MiB initrd:menu.img:$xb @DISK@" \
	    "boot menu, pygrub:menu.img:$pg @DISK@"; do
		name=${row%%:*} rest=${row#*:}
		img=${rest%%:*} cmd=${rest#*:}
		case $cmd in "$PYGRUB"*) [ $have_pygrub = yes ] || continue ;; esac
		[ -f "$img" ] || continue
		# shellcheck disable=SC2086
		set -- $(slow "$img" "$cmd")
		printf '  %-28s %6s requests %10s bytes %7s ms\n' "$name" "$1" "$2" "$3"
	done
else
	echo "a disk 1 ms away: skipped (needs root, /dev/fuse and python3-fusepy)"
fi

# grub.cfg's device model (Fedora's layout): partition 1's stub finds
# /boot by UUID and configfiles its grub.cfg on partition 2, whose 50
# grub-mkconfig entries each search for it again.  Against the same
# kernel, initrd and 50 entries on a one-partition disk.
if [ ! -f devmodel.img ]; then
	rm -rf dm && mkdir -p dm/one/boot/grub dm/p2/grub2 dm/p1/EFI/fedora
	cp "$ELF" dm/p2/vmlinuz
	head -c $((4 << 20)) /dev/urandom >dm/p2/initrd.img
	u=$(cat /proc/sys/kernel/random/uuid)
	i=0
	while [ $i -lt 50 ]; do
		printf "menuentry 'Fedora %s' { insmod ext2; set root='hd0,gpt2'; search --no-floppy --fs-uuid --set=root --hint=hd0,gpt2 %s; linux /vmlinuz ro; initrd /initrd.img; }\n" $i "$u"
		i=$((i + 1))
	done >dm/p2/grub2/grub.cfg
	mke2fs -q -F -t ext4 -U "$u" -d dm/p2 dm/p2.fs 64M >/dev/null
	printf 'search --no-floppy --fs-uuid --set=dev %s\nset prefix=($dev)/grub2\nexport $prefix\nconfigfile $prefix/grub.cfg\n' \
		"$u" >dm/p1/EFI/fedora/grub.cfg
	mke2fs -q -F -t ext4 -d dm/p1 dm/p1.fs 16M >/dev/null
	truncate -s 96M devmodel.img
	printf 'label: gpt\n,17M\n,65M\n' | sfdisk -q devmodel.img >/dev/null
	dd if=dm/p1.fs of=devmodel.img bs=1M seek=1 conv=notrunc,sparse status=none
	dd if=dm/p2.fs of=devmodel.img bs=1M seek=18 conv=notrunc,sparse status=none
	cp dm/p2/vmlinuz dm/p2/initrd.img dm/one/boot/
	sed 's/ set root=[^;]*; search [^;]*;//' dm/p2/grub2/grub.cfg \
		>dm/one/boot/grub/grub.cfg
	mke2fs -q -F -t ext4 -d dm/one dm/one.fs 64M >/dev/null
	truncate -s 96M devone.img
	printf 'label: gpt\n,65M\n' | sfdisk -q devone.img >/dev/null
	dd if=dm/one.fs of=devone.img bs=1M seek=1 conv=notrunc,sparse status=none
	rm -rf dm
fi
sync
"$ALT" 20 2 "rm -f out/boot_kernel.* out/boot_ramdisk.* out/a; : >out/a" \
	"$BIN -q --output=out/a --output-format=simple0 --output-directory=out devmodel.img" \
	"$BIN -q --output=out/a --output-format=simple0 --output-directory=out devone.img" \
	>out/devmodel.txt || echo "bench: the timer failed on the device model"
rm -f out/boot_*
printf '  device model / one partition   %6s  (%s ms: a stub configfiles /boot found by UUID, 50 entries search again)\n' \
	"$(ratio "$(median out/devmodel.txt 0)" "$(median out/devmodel.txt 1)")" \
	"$(median out/devmodel.txt 0)"

# The admin's pre-flight: -l over 50 disks in one call (one sandboxed
# child each, one after the other), against 50 calls of -l, one disk
# each.  The commands are scripts: the timer takes 32 words at most.
i=0
disks=""
while [ $i -lt 50 ]; do disks="$disks par/$i.img"; i=$((i + 1)); done
echo "exec $BIN -l $disks" >list50.sh
printf 'for d in %s; do %s -l "$d"; done\n' "$disks" "$BIN" >list1x50.sh
sync
"$ALT" 5 1 ":" "sh list50.sh" "sh list1x50.sh" >out/list50.txt ||
	echo "bench: the timer failed on -l over 50 disks"
printf '  -l over 50 disks: %s ms per disk (50 calls of -l: %s ms per disk)\n' \
	"$(python3 -c "print('%.2f' % ($(median out/list50.txt 0) / 50))")" \
	"$(python3 -c "print('%.2f' % ($(median out/list50.txt 1) / 50))")"

# Bytes the child reads from the disk (read, pread, and the sendfile
# that copies the file's extents into the output file), and peak RSS.
bytes() {
	strace -f -qq -e trace=read,pread64,sendfile,prctl -o out/trace "$BIN" \
		--output=out/a --output-format=simple0 --output-directory=out \
		"$1" >/dev/null 2>&1
	rm -f out/boot_*
	child=$(grep -m1 'prctl(PR_SET_NO_NEW_PRIVS' out/trace | awk '{ print $1 }')
	awk -v c="$child" '$1 == c && /= [0-9]+$/ { n += $NF } END { print n + 0 }' out/trace
}
elf=$(stat -c %s "$ELF")
echo
echo "bytes read by the child (ELF is $elf bytes; target <= ELF + 262144)"
for img in gpt.img fs1t.img gpt2t.img; do
	b=$(bytes $img)
	printf '  %-12s %10s  (+%s)\n' "$img" "$b" "$((b - elf))"
done
rm -f out/a; : >out/a
rss=$(/usr/bin/time -f %M "$BIN" --output=out/a --output-format=simple0 \
	--output-directory=out gpt.img 2>&1 >/dev/null | tail -n 1)
rm -f out/boot_* out/a; : >out/a
# -v says what each side peaked at; they share most of their pages (the
# child is a fork), so the larger is the run's figure, not the sum.
each=$("$BIN" -v --output=out/a --output-format=simple0 --output-directory=out \
	gpt.img 2>&1 >/dev/null | sed -n 's/.*peak RSS \([0-9]*\) KiB (this process \([0-9]*\) KiB).*/child \1 KiB, parent \2 KiB/p')
rm -f out/boot_* out/copy
crss=$(/usr/bin/time -f %M cp root/boot/xen/pvboot-x86_64.elf out/copy 2>&1 >/dev/null | tail -n 1)
echo "peak RSS, the larger of parent and child: ${rss} KiB (target <= 4096; cp ${crss} KiB; $each)"

# 64 concurrent runs on 64 images.
start=$(date +%s%N)
ok=0
for i in $(seq 0 63); do
	mkdir -p out/p$i
	( : >out/p$i/a; "$BIN" --output=out/p$i/a --output-format=simple0 \
	    --output-directory=out/p$i par/$i.img >/dev/null 2>&1 &&
	    echo ok >out/p$i/status ) &
done
wait
ok=$(cat out/p*/status 2>/dev/null | grep -c ok)
rm -rf out/p*
echo "64 concurrent runs: $ok succeeded in $(( ($(date +%s%N) - start) / 1000000 )) ms"

# Cold cache, where the kernel lets us drop it.
if [ "$(id -u)" -eq 0 ] && sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
	start=$(date +%s%N)
	run gpt.img
	cold=$(( ($(date +%s%N) - start) / 1000000 ))
	echo 3 >/proc/sys/vm/drop_caches
	start=$(date +%s%N)
	if [ $have_pygrub = yes ]; then
		: >out/p
		"$PYGRUB" -q --kernel=/boot/xen/pvboot-x86_64.elf --output=out/p \
			--output-format=simple0 --output-directory=out gpt.img \
			>/dev/null 2>&1
		rm -f out/boot_*
		pcold=$(( ($(date +%s%N) - start) / 1000000 ))
		echo "cold cache: xenpvboot $cold ms, pygrub $pcold ms"
	else
		echo "cold cache: xenpvboot $cold ms"
	fi
else
	echo "cold cache: not measured (cannot drop caches here)"
fi
exit 0
