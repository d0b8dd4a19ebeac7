#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Builds what one run puts into dom0: the guest initrd, a guest disk and
# an xl.cfg per case, the case list, and the binary under test in
# libxl's private bindir, where bootloader = "xenpvboot" resolves.
# Usage: guest.sh CACHE OVERLAY XENPVBOOT XEN_BINDIR
set -eu
CACHE=$1 O=$2 BIN=$3 XB=$4
here=$(cd "$(dirname "$0")" && pwd)
PATH=$PATH:/usr/sbin:/sbin
kver=$(cat "$CACHE/kver")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

rm -rf "$O"
# Merged /usr: the overlay must not hold a /lib directory, which would
# replace the rootfs's /lib symlink when the kernel unpacks it.
mkdir -p "$O/e2e/disks" "$O/e2e/cfg" "$O$XB" "$O/usr/lib/modules/$kver"
install -m 0755 "$BIN" "$O$XB/xenpvboot"
# Where dom0's libxl looks for bootloader = "xenpvboot": init and the
# cases read it.
echo "XEN_BINDIR=$XB" >"$O/e2e/env"
install -m 0755 "$here/dom0-init" "$O/init"
install -m 0644 "$here/cases.sh" "$O/e2e/cases.sh"

# copy_modules DEST MOD...: the modules and what they depend on.
copy_modules() {
	dest=$1
	shift
	for m; do
		modprobe -d "$CACHE/x" -S "$kver" --show-depends "$m" |
			sed -n 's/^insmod \([^ ]*\).*/\1/p'
	done | awk '!seen[$0]++' | while read -r ko; do
		rel=${ko#"$CACHE/x"}
		rel=/${rel#/usr/}	# under /usr/lib or /lib: the same in dom0
		mkdir -p "$dest$(dirname "$rel")"
		cp "$ko" "$dest$rel"
		echo "$rel"
	done
}

dom0_mods="xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs xen-blkback loop"
copy_modules "$O/usr" $dom0_mods >/dev/null
cp "$CACHE/x/lib/modules/$kver"/modules.* "$O/usr/lib/modules/$kver/"
echo "$dom0_mods" >"$O/e2e/modules"

# The guest: Debian's kernel and a busybox initrd that loads blkfront,
# prints the marker with its command line, and powers off a second
# later: xenconsoled must have read the marker out of the console ring
# before the domain is gone (a pvh case lost it once, powering off at
# once).
g="$W/initrd"
mkdir -p "$g/bin" "$g/proc" "$g/sys" "$g/dev"
cp /bin/busybox "$g/bin/busybox"
copy_modules "$g" xen-blkfront >"$g/modules"
cat >"$g/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t devtmpfs dev /dev
for m in $(cat /modules); do insmod "$m"; done
echo "E2E-MARKER $(cat /proc/cmdline)"
sleep 1
poweroff -f
INIT
chmod 0755 "$g/init"
(cd "$g" && find . | cpio -o -H newc --quiet | gzip -9) >"$W/initrd.gz"
cp "$CACHE/vmlinuz" "$W/vmlinuz"

# pvboot UUID PREFIX OUT [FORMAT]: an in-guest PV GRUB, as grub-install
# --target=x86_64-xen makes it (or a PVH one, FORMAT i386-xen_pvh): its
# embedded config finds the boot filesystem by UUID and reads the
# guest's own grub.cfg.
pvboot() {
	cat >"$W/embedded.cfg" <<CFG
search --no-floppy --fs-uuid --set=root $1
set prefix=(\$root)$2
configfile \$prefix/grub.cfg
CFG
	grub-mkimage -O "${4:-x86_64-xen}" -o "$3" -c "$W/embedded.cfg" -p "$2" \
		part_gpt part_msdos ext2 search search_fs_uuid search_fs_file \
		search_label normal configfile linux echo test gzio xzio \
		lzopio cat ls minicmd halt reboot
}

# grubcfg FILE KERNEL INITRD MARKER: one entry; ${grub_cpu}-${grub_platform}
# expands to x86_64-xen only under a real GRUB, never under pygrub.
grubcfg() {
	mkdir -p "$(dirname "$1")"
	cat >"$1" <<CFG
set timeout=0
menuentry 'e2e' {
	linux $2 console=hvc0 e2e=$4-\${grub_cpu}-\${grub_platform}
	initrd $3
}
CFG
}

# disk NAME SIZE_MB LABEL SPEC...; fs NAME N DIR UUID: as in tests/.
disk() {
	n=$1 size=$2 label=$3
	shift 3
	truncate -s "${size}M" "$O/e2e/disks/$n.img"
	{ echo "label: $label"; for s; do echo "$s"; done; } |
		sfdisk -q "$O/e2e/disks/$n.img" >/dev/null
}
fs() {
	img="$O/e2e/disks/$1.img"
	start=$(sfdisk -d "$img" | sed -n "s|^$img$2 *: *start= *\([0-9]*\),.*|\1|p")
	size=$(sfdisk -d "$img" | sed -n "s|^$img$2 *:.*size= *\([0-9]*\),.*|\1|p")
	mke2fs -q -F -t ext4 -U "$4" -d "$3" -E offset=$((start * 512)) \
		"$img" "$((size / 2))k" >/dev/null
}

cfg() {
	name=$1
	shift
	{
		echo "name = \"$name\""
		echo 'type = "pv"'
		echo 'memory = 256'
		echo 'vcpus = 1'
		echo "disk = [ 'format=raw, vdev=xvda, access=rw, target=/e2e/disks/$name.img' ]"
		echo 'on_poweroff = "destroy"'
		echo 'on_crash = "destroy"'
		for l; do echo "$l"; done
	} >"$O/e2e/cfg/$name.cfg"
}

: >"$O/e2e/case-list"
case_line() { echo "$*" >>"$O/e2e/case-list"; }

# 1. chainload: xenpvboot -> libxl -> in-guest PV GRUB -> guest kernel.
u=5d2f2a57-0b1e-4c3a-9d6e-000000000001
r="$W/chainload"
mkdir -p "$r/boot/xen"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/boot/"
grubcfg "$r/boot/grub/grub.cfg" /boot/vmlinuz /boot/initrd.gz chainload
pvboot "$u" /boot/grub "$r/boot/xen/pvboot-x86_64.elf"
disk chainload 24 gpt ",22M"
fs chainload 1 "$r" "$u"
cfg chainload 'bootloader = "xenpvboot"'
case_line boots chainload e2e=chainload-x86_64-xen

# 2. separate /boot, not the first partition: /xen/pvboot-x86_64.elf.
u=5d2f2a57-0b1e-4c3a-9d6e-000000000002
r="$W/sepboot"
mkdir -p "$r/xen" "$W/sepboot-root/etc"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/"
grubcfg "$r/grub/grub.cfg" /vmlinuz /initrd.gz sepboot
pvboot "$u" /grub "$r/xen/pvboot-x86_64.elf"
disk sepboot 32 gpt ",6M" ",24M"
fs sepboot 1 "$W/sepboot-root" 5d2f2a57-0b1e-4c3a-9d6e-0000000000f2
fs sepboot 2 "$r" "$u"
cfg sepboot 'bootloader = "xenpvboot"'
case_line boots sepboot e2e=sepboot-x86_64-xen

# 4. restricted mode: libxl passes --runas=<uid of xpbuser> --quiet.
# An xl that knows xl.cfg's bootloader_restrict and bootloader_user
# (Xen 4.19 on) is told so there, as xl.cfg(5) says; an older one by
# its environment.  (xl 4.19 and 4.20 given LIBXL_BOOTLOADER_USER
# abort: libxl_create.c keeps the name in memory its gc frees, which xl
# frees again: "corrupted size vs. prev_size", with pygrub as with us.)
if grep -q bootloader_restrict "$CACHE/xl-knows"; then
	restrict_cfg='bootloader_restrict = 1'
	user_cfg='bootloader_user = "xpbuser"'
	restrict_env=
else
	restrict_cfg= user_cfg=
	restrict_env='LIBXL_BOOTLOADER_RESTRICT=1 LIBXL_BOOTLOADER_USER=xpbuser'
fi
cp "$O/e2e/disks/chainload.img" "$O/e2e/disks/restricted.img"
cfg restricted 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]' \
	"$restrict_cfg" "$user_cfg"
# shellcheck disable=SC2086
case_line boots restricted e2e=chainload-x86_64-xen $restrict_env
# Not as that uid (every guest's QEMU may share it) but as one of its own.
case_line logged restricted restricted-uid '"sandbox: a uid of the run"'
# The dom0 runs from its initramfs, whose root cannot be pivoted: the
# child's empty root is made by chroot, and -v says so.
case_line logged restricted sandbox-root \
	'"empty root (by chroot: / is an initramfs), no_new_privs"'

# 5. kernel= and ramdisk= inside the guest, passed as --kernel/--ramdisk.
r="$W/direct"
mkdir -p "$r/boot"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/boot/"
disk direct 24 dos ",22M,L"
fs direct 1 "$r" 5d2f2a57-0b1e-4c3a-9d6e-000000000005
cfg direct 'bootloader = "xenpvboot"' 'kernel = "/boot/vmlinuz"' \
	'ramdisk = "/boot/initrd.gz"' 'extra = "console=hvc0 e2e=direct"'
case_line boots direct e2e=direct

# refusal NAME ELF GUEST-PATH N TEXT: a disk whose only pvboot is ELF at
# GUEST-PATH; xl create must fail and the bootloader's log hold TEXT.
refusal() {
	r="$W/$1"
	mkdir -p "$r$(dirname "$3")"
	cp "$2" "$r$3"
	disk "$1" 16 gpt ",14M"
	fs "$1" 1 "$r" "5d2f2a57-0b1e-4c3a-9d6e-0000000000$4"
	cfg "$1" 'bootloader = "xenpvboot"'
	case_line refused "$1" "\"$5\""
}

# 6. a pvboot of the wrong class; a non-Xen ELF (the guest's busybox),
# refused before the domain builder's "Invalid kernel"; only an i386
# pvboot, on a Xen without xen-3.0-x86_32p.
refusal wrongclass /usr/lib/grub-xen/grub-i386-xen.bin \
	/boot/xen/pvboot-x86_64.elf 06 \
	"/boot/xen/pvboot-x86_64.elf: ELFCLASS32, expected ELFCLASS64 for x86_64"
refusal notxen /bin/busybox /boot/xen/pvboot-x86_64.elf 16 \
	"/boot/xen/pvboot-x86_64.elf: not a Xen ELF: no Xen ELF notes or __xen_guest section"
refusal i386only /usr/lib/grub-xen/grub-i386-xen.bin \
	/boot/xen/pvboot-i386.elf 26 \
	"guest type xen-3.0-x86_32p is not in the hypervisor's capabilities"

# On a dom0 the capabilities come from the hypervisor, and libxenguest's
# parser checks each verdict (the restricted case runs with -v).
case_line logged restricted second-opinion \
	'"(from the hypervisor); libxenguest gives a second opinion"'

# 7. PVH: a PVH GRUB at /boot/xen/pvboot-i386.elf; libxl does not tell
# the bootloader the domain type, so bootloader_args does.
u=5d2f2a57-0b1e-4c3a-9d6e-000000000007
r="$W/pvh"
mkdir -p "$r/boot/xen"
# A PVH GRUB boots Linux by the x86 boot protocol: the kernel undoes
# its own payload, so this guest has Debian's kernel as it is.
cp "$CACHE/vmlinuz-own" "$r/boot/vmlinuz"
cp "$W/initrd.gz" "$r/boot/"
grubcfg "$r/boot/grub/grub.cfg" /boot/vmlinuz /boot/initrd.gz pvh
pvboot "$u" /boot/grub "$r/boot/xen/pvboot-i386.elf" i386-xen_pvh
disk pvh 24 gpt ",22M"
fs pvh 1 "$r" "$u"
cfg pvh 'type = "pvh"' 'bootloader = "xenpvboot"' \
	'bootloader_args = [ "--domain-type=pvh" ]'
sed -i 's/^type = "pv"$//' "$O/e2e/cfg/pvh.cfg"
case_line boots pvh e2e=pvh-i386-xen_pvh

# 3. fallback: no pvboot ELF, a grub.cfg with two entries: the default,
# --entry=1 for the second, and extra= appended to the entry's args.
r="$W/fallback"
mkdir -p "$r/boot/grub"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/boot/"
cat >"$r/boot/grub/grub.cfg" <<'CFG'
set default="0"
set timeout=0
menuentry 'first' {
	linux /boot/vmlinuz console=hvc0 e2e=fallback-first
	initrd /boot/initrd.gz
}
menuentry 'second' {
	linux /boot/vmlinuz console=hvc0 e2e=fallback-second
	initrd /boot/initrd.gz
}
CFG
disk fallback 24 gpt ",22M"
fs fallback 1 "$r" 5d2f2a57-0b1e-4c3a-9d6e-000000000003
cfg fallback 'bootloader = "xenpvboot"' 'extra = "e2e-extra=yes"' \
	'bootloader_args = [ "-v" ]'
case_line boots fallback '"e2e=fallback-first e2e-extra=yes"'
# The menu's kernel is Debian's bzImage: a boot reads its Xen notes,
# decompressing its payload only up to them.
case_line logged fallback menu-bzimage \
	'"/boot/vmlinuz: a bzImage kernel whose Xen notes make it xen-3.0-x86_64 (xz, decompressed"'
cp "$O/e2e/disks/fallback.img" "$O/e2e/disks/fallback-entry.img"
cfg fallback-entry 'bootloader = "xenpvboot"' \
	'bootloader_args = [ "--entry=1" ]'
case_line boots fallback-entry e2e=fallback-second

# 3b. A menu whose kernel is gzip-compressed but no Xen kernel (the
# guest's busybox): by its format it may be a kernel; on the dom0 its
# notes are read, and it is refused before the domain builder would.
r="$W/menunotxen"
mkdir -p "$r/boot/grub"
gzip -c /bin/busybox >"$r/boot/vmlinuz"
cat >"$r/boot/grub/grub.cfg" <<'CFG'
menuentry 'busybox' {
	linux /boot/vmlinuz console=hvc0
}
CFG
disk menunotxen 16 gpt ",14M"
fs menunotxen 1 "$r" 5d2f2a57-0b1e-4c3a-9d6e-000000000036
cfg menunotxen 'bootloader = "xenpvboot"'
case_line refused menunotxen \
	'"kernel /boot/vmlinuz: a gzip kernel whose ELF (gzip) the domain builder would refuse: not a Xen ELF"'

# 9. RHEL-style: /boot is XFS v5 (mkfs.xfs's default, which Debian's pygrub
# cannot read) on partition 1, the root ext4 on partition 2, and no
# pvboot: xenpvboot reads the grub.cfg, kernel and initrd off the XFS.
r="$W/xfsboot"
mkdir -p "$r/grub2"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/"
cat >"$r/grub2/grub.cfg" <<'CFG'
set default="0"
set timeout=0
menuentry 'Red Hat Enterprise Linux (e2e) 9' {
	linux /vmlinuz console=hvc0 e2e=xfsboot
	initrd /initrd.gz
}
CFG
disk xfsboot 320 gpt ",301M" ",12M"
truncate -s 301M "$W/xfsboot.img"
python3 "$here/../tools/xfsproto.py" "$r" >"$W/xfsboot.proto"
mkfs.xfs -q -f -p "$W/xfsboot.proto" "$W/xfsboot.img" >/dev/null
start=$(sfdisk -d "$O/e2e/disks/xfsboot.img" |
	sed -n "s|^$O/e2e/disks/xfsboot.img1 *: *start= *\([0-9]*\),.*|\1|p")
dd if="$W/xfsboot.img" of="$O/e2e/disks/xfsboot.img" bs=64k \
	seek=$((start * 512)) oflag=seek_bytes conv=notrunc,sparse status=none
rm -f "$W/xfsboot.img"
mkdir -p "$W/xfsboot-root/etc"
fs xfsboot 2 "$W/xfsboot-root" 5d2f2a57-0b1e-4c3a-9d6e-000000000009
cfg xfsboot 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
case_line boots xfsboot e2e=xfsboot
case_line logged xfsboot xfs-read '"partition 1: offset 1048576, 315621376 bytes: xfs"'
# The same disk with Debian's pygrub, which cannot read XFS v5.
cp "$O/e2e/disks/xfsboot.img" "$O/e2e/disks/xfs-pygrub.img"
cfg xfs-pygrub 'bootloader = "pygrub"'
case_line refused xfs-pygrub '"Unable to find partition containing kernel"'

# 10. SUSE-style: /boot on btrfs (GPT partition 1), no pvboot: the
# dom0's grub-fstest, confined, reads grub.cfg, kernel and initrd for
# the child.  Debian's pygrub cannot read btrfs.
r="$W/btrfsboot"
mkdir -p "$r/boot/grub2"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/boot/"
cat >"$r/boot/grub2/grub.cfg" <<'CFG'
set default="0"
set timeout=0
menuentry 'openSUSE (e2e)' {
	linux /boot/vmlinuz console=hvc0 e2e=btrfsboot
	initrd /boot/initrd.gz
}
CFG
disk btrfsboot 140 gpt ",130M"
truncate -s 130M "$W/btrfsboot.img"
mkfs.btrfs -q -f -r "$r" "$W/btrfsboot.img" >/dev/null 2>&1
dd if="$W/btrfsboot.img" of="$O/e2e/disks/btrfsboot.img" bs=64k \
	seek=1048576 oflag=seek_bytes conv=notrunc,sparse status=none
rm -f "$W/btrfsboot.img"
cfg btrfsboot 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
case_line boots btrfsboot e2e=btrfsboot
case_line logged btrfsboot btrfs-read '"partition 1: offset 1048576, 136314880 bytes: btrfs"'

# 10b. SLES/openSUSE: the root a snapshot made the default subvolume,
# grub.cfg's paths relative to it (upstream GRUB sees only @/ at the
# top); zstd-compressed.
r="$W/suse-mnt"
mkdir -p "$r"
truncate -s 200M "$W/suseboot.img"
mkfs.btrfs -q -f "$W/suseboot.img" >/dev/null 2>&1
mount -o loop,compress=zstd "$W/suseboot.img" "$r"
(
	cd "$r"
	btrfs -q subvolume create @
	btrfs -q subvolume create @/.snapshots
	mkdir @/.snapshots/1
	btrfs -q subvolume create @/.snapshots/1/snapshot
	s=@/.snapshots/1/snapshot
	mkdir -p "$s/boot/grub2"
	cp "$W/vmlinuz" "$W/initrd.gz" "$s/boot/"
	cat >"$s/boot/grub2/grub.cfg" <<'CFG'
set btrfs_relative_path="y"
set timeout=0
menuentry 'SLES 15-SP5 (e2e)' {
	linux /boot/vmlinuz console=hvc0 e2e=suseboot
	initrd /boot/initrd.gz
}
CFG
	btrfs subvolume set-default \
		"$(btrfs subvolume list . | awk '/snapshot$/ { print $2 }')" .
) >/dev/null
umount "$r"
disk suseboot 210 gpt ",202M"
dd if="$W/suseboot.img" of="$O/e2e/disks/suseboot.img" bs=64k \
	seek=1048576 oflag=seek_bytes conv=notrunc,sparse status=none
rm -f "$W/suseboot.img"
cfg suseboot 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
case_line boots suseboot e2e=suseboot
case_line logged suseboot suse-subvol \
	'"paths from the default subvolume first, /@/.snapshots/1/snapshot"'

# 10c. LVM2: /boot an ext4 logical volume of a volume group on partition
# 2, written with vgcfgrestore (no device-mapper needed); GRUB reads it.
r="$W/lvmboot"
mkdir -p "$r/grub"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/"
cat >"$r/grub/grub.cfg" <<'CFG'
set timeout=0
menuentry 'LVM (e2e)' {
	linux /vmlinuz console=hvc0 e2e=lvmboot
	initrd /initrd.gz
}
CFG
disk lvmboot 80 gpt ",8M" ",64M"
lvmconf='devices { use_devicesfile=0 } backup { backup=0 archive=0 }'
export LVM_SUPPRESS_FD_WARNINGS=1
img="$O/e2e/disks/lvmboot.img"
start=$(sfdisk -d "$img" | sed -n "s|^${img}2 *: *start= *\([0-9]*\),.*|\1|p")
loop=$(losetup -f --show -o $((start * 512)) --sizelimit $((64 << 20)) "$img")
pvcreate -q -y --config "$lvmconf" "$loop" >/dev/null 2>&1
vgcreate -q --config "$lvmconf" vge2e "$loop" >/dev/null 2>&1
vgcfgbackup -q --config "$lvmconf" -f "$W/vg.txt" vge2e >/dev/null 2>&1
python3 "$here/../tools/lvmvg.py" "$W/vg.txt" swap:0:2 boot:2:10 >"$W/vg2.txt"
vgcfgrestore -q --config "$lvmconf" -f "$W/vg2.txt" vge2e >/dev/null 2>&1
pe0=$(pvs --noheadings --units b -o pe_start --config "$lvmconf" "$loop" |
	tr -dc 0-9)
losetup -d "$loop"
mke2fs -q -F -t ext4 -d "$r" "$W/lvmboot.ext4" 40M >/dev/null
dd if="$W/lvmboot.ext4" of="$img" bs=64k conv=notrunc,sparse status=none \
	oflag=seek_bytes seek=$((start * 512 + pe0 + 2 * 4194304))
rm -f "$W/lvmboot.ext4"
cfg lvmboot 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
case_line boots lvmboot e2e=lvmboot
case_line logged lvmboot lvm-read '"lvm vge2e/boot: ext*"'

# 10d. A guest destroyed right after a kernel update: its new grub.cfg
# exists only in the ext4 journal (written with debugfs, never
# checkpointed).  xenpvboot replays the journal in memory and boots the
# new entry; what is on the disk still names the old one.
r="$W/journal"
mkdir -p "$r/boot/grub"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/boot/"
journalcfg() {
	cat <<CFG
set timeout=0
menuentry 'e2e' {
	linux /boot/vmlinuz console=hvc0 e2e=$1
	initrd /boot/initrd.gz
}
CFG
}
journalcfg journal-old >"$r/boot/grub/grub.cfg"
mke2fs -q -F -t ext4 -b 4096 -d "$r" "$W/journal.old" 22M >/dev/null
cp "$W/journal.old" "$W/journal.new"
journalcfg journal-new >"$W/new.cfg"
debugfs -w -R "rm /boot/grub/grub.cfg" "$W/journal.new" >/dev/null 2>&1
debugfs -w -R "write $W/new.cfg /boot/grub/grub.cfg" "$W/journal.new" \
	>/dev/null 2>&1
cmp -l "$W/journal.old" "$W/journal.new" |
	awk '{ b = int(($1 - 1) / 4096); if (b > 0) print b }' | uniq >"$W/jblocks"
: >"$W/jdata"
for b in $(cat "$W/jblocks"); do
	dd if="$W/journal.new" bs=4096 skip="$b" count=1 status=none >>"$W/jdata"
done
printf 'jo\njw -b %s %s\njc\n' "$(paste -sd, "$W/jblocks")" "$W/jdata" |
	debugfs -w -f - "$W/journal.old" >/dev/null 2>&1
disk journalboot 24 gpt ",22M"
dd if="$W/journal.old" of="$O/e2e/disks/journalboot.img" bs=64k \
	seek=1048576 oflag=seek_bytes conv=notrunc,sparse status=none
rm -f "$W/journal.old" "$W/journal.new" "$W/jdata"
cfg journalboot 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
case_line boots journalboot e2e=journal-new
case_line logged journalboot journal-replayed \
	'"journal: 1 transactions replayed in memory"'

# 10e. Fedora's layout: partition 1 holds only a stub grub.cfg (as the
# EFI system partition does) that finds /boot by UUID and configfiles
# its grub.cfg, whose paths are relative to partition 2: GRUB's device
# model, which pygrub lacks.
u1=5d2f2a57-0b1e-4c3a-9d6e-0000000000e1
u2=5d2f2a57-0b1e-4c3a-9d6e-0000000000e2
r="$W/searchstub"
mkdir -p "$r/grub2"
cat >"$r/grub2/grub.cfg" <<CFG
search --no-floppy --fs-uuid --set=dev $u2
set prefix=(\$dev)/grub2
export \$prefix
configfile \$prefix/grub.cfg
CFG
r2="$W/searchboot"
mkdir -p "$r2/grub2"
cp "$W/vmlinuz" "$W/initrd.gz" "$r2/"
cat >"$r2/grub2/grub.cfg" <<CFG
set timeout=0
search --no-floppy --fs-uuid --set=root --hint='hd0,gpt2' $u2
menuentry 'e2e' {
	linux /vmlinuz console=hvc0 e2e=searchboot
	initrd /initrd.gz
}
CFG
disk searchboot 40 gpt ",8M" ",22M"
fs searchboot 1 "$r" "$u1"
fs searchboot 2 "$r2" "$u2"
cfg searchboot 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
case_line boots searchboot e2e=searchboot
case_line logged searchboot search-configfile \
	'"configfile (hd0,gpt2)/grub2/grub.cfg"'

# 11. An installer ISO as the disk: ISO 9660 with Rock Ridge and
# Joliet, its grub.cfg naming the installer's kernel and initrd.
r="$W/isoboot"
mkdir -p "$r/install.amd" "$r/boot/grub"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/install.amd/"
cat >"$r/boot/grub/grub.cfg" <<'CFG'
set timeout=0
menuentry 'Install' {
	linux /install.amd/vmlinuz console=hvc0 e2e=isoboot
	initrd /install.amd/initrd.gz
}
CFG
xorriso -as mkisofs -quiet -R -J -V E2E -o "$O/e2e/disks/isoboot.img" "$r" \
	>/dev/null 2>&1
cfg isoboot 'bootloader = "xenpvboot"'
case_line boots isoboot e2e=isoboot

# 12. /boot on f2fs (GPT partition 1), made and filled without the
# kernel's driver (mkfs.f2fs, sload.f2fs): GRUB's reader, confined,
# reads grub.cfg, kernel and initrd.  Debian's pygrub cannot read f2fs.
r="$W/f2fsboot"
mkdir -p "$r/boot/grub"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/boot/"
cat >"$r/boot/grub/grub.cfg" <<'CFG'
set timeout=0
menuentry 'Debian on f2fs (e2e)' {
	linux /boot/vmlinuz console=hvc0 e2e=f2fsboot
	initrd /boot/initrd.gz
}
CFG
disk f2fsboot 220 gpt ",200M"
truncate -s 200M "$W/f2fsboot.img"
mkfs.f2fs -q "$W/f2fsboot.img" >/dev/null && sload.f2fs -f "$r" "$W/f2fsboot.img" >/dev/null
dd if="$W/f2fsboot.img" of="$O/e2e/disks/f2fsboot.img" bs=64k \
	seek=1048576 oflag=seek_bytes conv=notrunc,sparse status=none
rm -f "$W/f2fsboot.img"
cfg f2fsboot 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
case_line boots f2fsboot e2e=f2fsboot
case_line logged f2fsboot f2fs-read '"partition 1: offset 1048576, 209715200 bytes: f2fs"'

# 13. grub-reboot 1: grubenv's next_entry, which GRUB boots once.  The
# same disk booted twice by libxl: next_entry's entry, then the default
# (xenpvboot remembers the boot in dom0's /var/lib/xenpvboot).
u=5d2f2a57-0b1e-4c3a-9d6e-0000000000f1
r="$W/nextentry"
mkdir -p "$r/boot/grub"
cp "$W/vmlinuz" "$W/initrd.gz" "$r/boot/"
cat >"$r/boot/grub/grub.cfg" <<'CFG'
set timeout=0
if [ -s $prefix/grubenv ]; then
  load_env
fi
if [ "${next_entry}" ] ; then
   set default="${next_entry}"
   set next_entry=
   save_env next_entry
   set boot_once=true
else
   set default="0"
fi
menuentry 'Debian (e2e)' {
	linux /boot/vmlinuz console=hvc0 e2e=next-default
	initrd /boot/initrd.gz
}
menuentry 'Debian, once (e2e)' {
	linux /boot/vmlinuz console=hvc0 e2e=next-once
	initrd /boot/initrd.gz
}
CFG
grub-editenv "$r/boot/grub/grubenv" create
grub-editenv "$r/boot/grub/grubenv" set next_entry=1
disk nextentry 40 gpt ",30M"
fs nextentry 1 "$r" "$u"
cfg nextentry 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
sed 's/^name = .*/name = "nextentry-again"/' "$O/e2e/cfg/nextentry.cfg" \
	>"$O/e2e/cfg/nextentry-again.cfg"
case_line boots nextentry e2e=next-once
case_line boots nextentry-again e2e=next-default
case_line logged nextentry-again next-entry-spent '"booted once already (grubenv unchanged since)"'

# 14. A unified kernel image on a FAT ESP, as Arch and Fedora install
# them: Debian's kernel and this initrd made one PE file with objcopy
# onto Debian's systemd stub (systemd-boot-efi); no boot menu anywhere.
# GRUB's uki command is EFI-only: no pvgrub boots it, and no pygrub.
stub=$(ls /usr/lib/systemd/boot/efi/linux*x64.efi.stub | head -n 1)
printf 'NAME="Debian GNU/Linux"\nID=debian\nPRETTY_NAME="Debian UKI (e2e)"\nVERSION_ID="13"\n' \
	>"$W/uki.osrel"
printf 'console=hvc0 e2e=ukiboot' >"$W/uki.cmdline"
objcopy --add-section .osrel="$W/uki.osrel" --change-section-vma .osrel=0x20000 \
	--add-section .cmdline="$W/uki.cmdline" --change-section-vma .cmdline=0x30000 \
	--add-section .linux="$W/vmlinuz" --change-section-vma .linux=0x2000000 \
	--add-section .initrd="$W/initrd.gz" --change-section-vma .initrd=0x3000000 \
	"$stub" "$W/debian.efi"
disk ukiboot 100 gpt ",90M,U"
truncate -s 90M "$W/esp.vfat"
mkfs.vfat "$W/esp.vfat" >/dev/null
mmd -i "$W/esp.vfat" ::/EFI ::/EFI/Linux
mcopy -i "$W/esp.vfat" "$W/debian.efi" ::/EFI/Linux/debian.efi
dd if="$W/esp.vfat" of="$O/e2e/disks/ukiboot.img" bs=64k \
	seek=1048576 oflag=seek_bytes conv=notrunc,sparse status=none
rm -f "$W/esp.vfat" "$W/debian.efi"
cfg ukiboot 'bootloader = "xenpvboot"' 'bootloader_args = [ "-v" ]'
case_line boots ukiboot e2e=ukiboot
case_line logged ukiboot uki-chosen '"/EFI/Linux: 1 unified kernel images, booting 0"'

# 8. control: Debian's pygrub on the disk of case 3.
cp "$O/e2e/disks/fallback.img" "$O/e2e/disks/control.img"
cfg control 'bootloader = "pygrub"' 'extra = "e2e-extra=yes"'
case_line boots control '"e2e=fallback-first e2e-extra=yes"'
# 8b. The same with pygrub in libxl's restricted mode: places a failure
# of the restricted case on the toolstack or on xenpvboot.
cp "$O/e2e/disks/fallback.img" "$O/e2e/disks/control-restricted.img"
cfg control-restricted 'bootloader = "pygrub"' 'extra = "e2e-extra=yes"' \
	"$restrict_cfg" "$user_cfg"
# shellcheck disable=SC2086
case_line boots control-restricted '"e2e=fallback-first e2e-extra=yes"' \
	$restrict_env

# 15. The menu path weighed: case 3's disk booted by xenpvboot and by
# pygrub, each through a timer between libxl and the bootloader that
# writes its wall time and its largest process's peak RSS (xenpvboot's
# parsing child, or pygrub) to /tmp/bltime.log, which cases.sh relays.
cat >"$O/e2e/timed" <<'PY'
#!/usr/bin/python3
import os, resource, sys, time
env = dict(l.strip().split("=", 1) for l in open("/e2e/env")
           if l.startswith("XEN_BINDIR="))
prog = os.path.basename(sys.argv[0])[len("timed-"):]
real = os.path.join(env["XEN_BINDIR"].strip('"'), prog)
t = time.monotonic()
pid = os.fork()
if pid == 0:
    os.execv(real, [real] + sys.argv[1:])
_, status = os.waitpid(pid, 0)
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open("/tmp/bltime.log", "a") as f:
    f.write("E2E-TIME %s %s %.2f s, peak RSS %d KiB\n" % (prog,
            os.path.basename(sys.argv[-1]), time.monotonic() - t, rss))
sys.exit(os.waitstatus_to_exitcode(status))
PY
chmod 0755 "$O/e2e/timed"
ln -sf timed "$O/e2e/timed-xenpvboot"
ln -sf timed "$O/e2e/timed-pygrub"
for b in xenpvboot pygrub; do
	cp "$O/e2e/disks/fallback.img" "$O/e2e/disks/timed-$b.img"
	cfg "timed-$b" "bootloader = \"/e2e/timed-$b\"" 'extra = "e2e-extra=yes"'
	case_line boots "timed-$b" '"e2e=fallback-first e2e-extra=yes"'
done

# dom0's root is a tmpfs of half its memory: ship the disks compressed;
# dom0-init expands them sparse.
for d in "$O"/e2e/disks/*.img; do gzip -1 "$d"; done
echo "e2e: $(wc -l <"$O/e2e/case-list") cases in $O"
