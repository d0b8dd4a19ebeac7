#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo: builds a sample guest disk (GPT, ext4, Debian's real
# grub-x86_64-xen.bin as /boot/xen/pvboot-x86_64.elf) and runs xenpvboot
# on it exactly as libxl would.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
d="$top/demo-out"
PATH=$PATH:/usr/sbin:/sbin
elf=/usr/lib/grub-xen/grub-x86_64-xen.bin

rm -rf "$d"
mkdir -p "$d/root/boot/xen" "$d/out"
echo "== 1. a guest disk: 64 MiB GPT, partition 1 ext4 with the pvboot ELF"
cp "$elf" "$d/root/boot/xen/pvboot-x86_64.elf"
truncate -s 64M "$d/guest.img"
printf 'label: gpt\n,48M\n,\n' | sfdisk -q "$d/guest.img" >/dev/null
mke2fs -q -F -t ext4 -d "$d/root" -E offset=1048576 "$d/guest.img" 46M \
	>/dev/null
sfdisk -l "$d/guest.img" | sed 's/^/   /'

echo
echo "== 2. what xenpvboot finds there (xenpvboot -l)"
"$top/xenpvboot" -l "$d/guest.img" | sed 's/^/   /'

echo
echo "== 3. run as libxl runs it for bootloader = \"xenpvboot\""
: >"$d/bootloader.out"
set -x
"$top/xenpvboot" -v --output="$d/bootloader.out" --output-format=simple0 \
	--output-directory="$d/out" --args="console=hvc0" "$d/guest.img"
{ set +x; } 2>/dev/null

echo
echo "== 4. the answer libxl reads (NUL-separated, shown one record a line)"
tr '\0' '\n' <"$d/bootloader.out" | sed 's/^/   /'
kernel=$(tr '\0' '\n' <"$d/bootloader.out" | sed -n 's/^kernel //p')
ls -l "$kernel" | sed 's/^/   /'
if cmp -s "$kernel" "$elf"; then
	echo "   the extracted kernel is byte for byte $elf"
else
	echo "   MISMATCH: $kernel differs from $elf"
	exit 1
fi
echo
echo "demo files are in $d (libxl would now load and unlink $kernel)"
