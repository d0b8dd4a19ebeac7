#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Regenerates the committed seed corpora (small on purpose: libFuzzer
# mutates them).  Needs mke2fs, mkfs.xfs, sfdisk and python3; not run
# by make.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
MKELF="python3 $top/tests/tools/mkelf.py"
PATH=$PATH:/usr/sbin:/sbin

C=$top/tests/fuzz/corpus/walk
# Crashers (crash-*) found by make fuzz stay: they are regression tests.
mkdir -p "$C" "$W/r/boot/xen" "$W/r/xen"
$MKELF "$W/r/boot/xen/pvboot-x86_64.elf" --pv
$MKELF "$W/r/xen/real-i386.elf" --class 32 --pv --note PAE_MODE=yes
ln -s /xen/real-i386.elf "$W/r/xen/pvboot-i386.elf"
printf 'kernel' >"$W/r/boot/vmlinuz"
fs() { mke2fs -q -F -t "$1" -b 1024 -N 32 -O "$2" -d "$W/r" "$3" "$4" >/dev/null; }
fs ext2 ^resize_inode "$C/ext2-bare" 100K
fs ext4 ^has_journal,^resize_inode "$C/ext4-bare" 160K
fs ext2 ^resize_inode "$W/p.img" 100K
truncate -s 160K "$C/gpt"
printf 'label: gpt\nfirst-lba: 34\n34,220\n' | sfdisk -q "$C/gpt" >/dev/null
dd if="$W/p.img" of="$C/gpt" bs=512 seek=34 conv=notrunc status=none
truncate -s 160K "$C/mbr-logical"
printf 'label: dos\n1,10,L\n20,,E\n' | sfdisk -q "$C/mbr-logical" >/dev/null
printf 'label: dos\n1,10,L\n20,,E\n22,,L\n' | sfdisk -q "$C/mbr-logical" >/dev/null
start=$(sfdisk -d "$C/mbr-logical" | sed -n 's|.*mbr-logical5 *: *start= *\([0-9]*\),.*|\1|p')
dd if="$W/p.img" of="$C/mbr-logical" bs=512 seek="$start" conv=notrunc status=none

# An htree /boot/xen (e2fsck -D indexes what mke2fs -d writes plain).
mkdir -p "$W/h/boot/xen"
$MKELF "$W/h/boot/xen/pvboot-x86_64.elf" --pv
i=0
while [ $i -lt 120 ]; do : >"$W/h/boot/xen/e$i"; i=$((i + 1)); done
mke2fs -q -F -t ext4 -b 1024 -N 160 -O ^has_journal,^resize_inode \
	-d "$W/h" "$C/ext4-htree" 200K >/dev/null
e2fsck -fyD "$C/ext4-htree" >/dev/null 2>&1 || true

# A disk with no pvboot ELF: the walk goes on to the boot menu.
mkdir -p "$W/m/boot/grub"
printf 'set default=0\nmenuentry "x" {\n linux /boot/vmlinuz ro\n initrd /boot/initrd\n}\n' \
	>"$W/m/boot/grub/grub.cfg"
printf 'kernel' >"$W/m/boot/vmlinuz"
printf 'initrd' >"$W/m/boot/initrd"
mke2fs -q -F -t ext2 -b 1024 -N 32 -O ^resize_inode -d "$W/m" \
	"$C/ext2-menu" 100K >/dev/null

# XFS v5 and v4, as sparse block lists (tests/tools/xfsblocks.py): a
# pvboot ELF behind a link, a grub.cfg, BLS entries.
C=$top/tests/fuzz/corpus/xfs
mkdir -p "$C" "$W/x/boot/xen" "$W/x/xen" "$W/x/boot/grub" "$W/x/boot/loader/entries"
$MKELF "$W/x/xen/real.elf" --pv
ln -s ../../xen/real.elf "$W/x/boot/xen/pvboot-x86_64.elf"
printf 'menuentry "x" {\n linux /boot/vmlinuz ro\n}\n' >"$W/x/boot/grub/grub.cfg"
printf 'title a\nlinux /vmlinuz\n' >"$W/x/boot/loader/entries/a.conf"
python3 "$top/tests/tools/xfsproto.py" "$W/x" >"$W/x.proto"
for v in v5:"" v4:"-m crc=0 -n ftype=0"; do
	truncate -s 300M "$W/x.img"
	# shellcheck disable=SC2086
	mkfs.xfs -q -f -p "$W/x.proto" ${v#*:} "$W/x.img" 2>/dev/null
	python3 "$top/tests/tools/xfsblocks.py" "$W/x.img" >"$C/${v%%:*}"
	rm -f "$W/x.img"
done

C=$top/tests/fuzz/corpus/menu
# Crashers (crash-*) found by make fuzz stay: they are regression tests.
mkdir -p "$C"
i=0
for f in "$top"/tests/corpus/*.grub2; do
	{ printf '\000'; cat "$f"; } >"$C/grub2-$i"
	i=$((i + 1))
done
{ printf '\002'; cat "$top"/tests/corpus/*.extlinux; } >"$C/extlinux"
printf '\001default=1\ntimeout=5\ntitle a\n kernel (hd0,0)/vmlinuz ro\n initrd /initrd\ntitle b\n kernel /v2\n' >"$C/legacy"
printf '\003title T\nversion 1.2\nlinux /vmlinuz\ninitrd /initrd\noptions $kernelopts x\nkernelopts=root=/dev/sda\n' >"$C/bls"

C=$top/tests/fuzz/corpus/proto
# Crashers (crash-*) found by make fuzz stay: they are regression tests.
mkdir -p "$C"
python3 - "$C" <<'PY'
import struct, sys
d = sys.argv[1]
PATH = 1024; TEXT = 512
def msg(t, payload=b""): return struct.pack("<II", t, len(payload)) + payload
def trace(level, text): return msg(1, struct.pack("<I", level) + text.encode().ljust(TEXT, b"\0"))
def file(kind, size, path): return msg(3, struct.pack("<IIQ", kind, 1, size) + path.encode().ljust(PATH, b"\0"))
def fail(code, text): return msg(5, struct.pack("<I", code) + text.encode().ljust(TEXT, b"\0"))
def entry(path):
    return msg(2, struct.pack("<IIIIQQII", 1, 1, 0, 7, 100, 0x1000, 2, 0)
               + b"ext4".ljust(16, b"\0") + b"xen-3.0-x86_64".ljust(24, b"\0")
               + b"GRUB".ljust(16, b"\0") + b"generic".ljust(16, b"\0")
               + b"xen-3.0".ljust(16, b"\0") + path.encode().ljust(PATH, b"\0")
               + b"".ljust(TEXT, b"\0"))
done = msg(6)
seeds = {
    "kernel": trace(1, "hello") + file(0, 8, "/boot/xen/pvboot-x86_64.elf") + done,
    "kernel-ramdisk": file(0, 4, "/k") + file(1, 2, "/r") + done,
    "fail": trace(0, "warn") + fail(2, "nothing"),
    "list": entry("/boot/xen/pvboot-x86_64.elf") + done,
}
for name, b in seeds.items():
    open("%s/%s" % (d, name), "wb").write(b)
PY
# XFS logs (fuzz-xfslog): a superblock whose log is two blocks long, then
# that log as mkfs.xfs left it (clean), with its unmount record made a
# transaction (dirty), and wrapped (cycle 2 from the start, 1 beyond).
C=$top/tests/fuzz/corpus/xfslog
mkdir -p "$C"
truncate -s 300M "$W/x.img"
mkfs.xfs -q -f "$W/x.img"
python3 - "$W/x.img" "$C" <<'PY'
import struct, sys
img, d = sys.argv[1], sys.argv[2]
f = open(img, "rb")
sb = bytearray(f.read(512))
bsize, = struct.unpack(">I", sb[4:8])
start, = struct.unpack(">Q", sb[48:56])
agblocks, = struct.unpack(">I", sb[84:88])
agno, agbno = start >> sb[124], start & ((1 << sb[124]) - 1)
f.seek((agno * agblocks + agbno) * bsize)
log = bytearray(f.read(2 * bsize))
struct.pack_into(">I", sb, 96, 2)
open(d + "/clean", "wb").write(sb + log)
dirty = bytearray(log)
struct.pack_into(">I", dirty, 40, 2)
dirty[512 + 9] = 0x01
open(d + "/dirty", "wb").write(sb + dirty)
wrapped = bytearray(log)
for bb in range(len(wrapped) // 512):
    if bb >= 2:
        struct.pack_into(">I", wrapped, bb * 512, 2 if bb < 6 else 1)
struct.pack_into(">I", wrapped, 4, 2)
open(d + "/wrapped", "wb").write(sb + wrapped)
PY
echo "seeds written"

# kpeek: a small Xen ELF compressed each way Debian's libxenguest undoes,
# its size appended as a kernel build does, in a boot protocol header
# (first byte 0: a bzImage), and a whole gzip kernel (first byte 1).
C=$top/tests/fuzz/corpus/kpeek
mkdir -p "$C"
$MKELF "$W/k.elf" --pv
size=$(stat -c %s "$W/k.elf")
for z in "gzip:gzip -9c" "xz:xz --check=crc32 -c" "lzma:xz --format=lzma -c" \
    "zstd:zstd -q -19 -c"; do
	name=${z%%:*}
	${z#*:} <"$W/k.elf" >"$W/p"
	python3 -c 'import sys; sys.stdout.buffer.write(int(sys.argv[1]).to_bytes(4, "little"))' \
		"$size" >>"$W/p"
	python3 "$top/tests/tools/mkbzimage.py" "$W/bz" "$W/p"
	{ printf '\0'; cat "$W/bz"; } >"$C/bz-$name"
done
{ printf '\1'; gzip -9c <"$W/k.elf"; } >"$C/gz-elf"
