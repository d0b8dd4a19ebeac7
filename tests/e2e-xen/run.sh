#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make check-e2e: boots this host's release's Xen and a dom0 of that
# release (artifacts.sh finds both) under QEMU (TCG),
# runs `xl create` with bootloader = "xenpvboot" for each case inside
# dom0, and reads the results off the serial console.  Exits 0 only when
# every case passed.  Everything comes from Debian packages; artifacts
# are cached in $XENPVBOOT_E2E_CACHE (default /var/tmp/xenpvboot-e2e).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BIN=${XENPVBOOT:-$top/xenpvboot}
CACHE=${XENPVBOOT_E2E_CACHE:-/var/tmp/xenpvboot-e2e}
RUN=${XENPVBOOT_E2E_RUN:-$top/tests/out/e2e}
QEMU_TIMEOUT=${XENPVBOOT_E2E_TIMEOUT:-1200}
PATH=$PATH:/usr/sbin:/sbin

host_pkgs="qemu-system-x86 mmdebstrap busybox-static cpio kmod e2fsprogs \
xfsprogs btrfs-progs xorriso lvm2 python3 fdisk grub-xen-bin grub-common grub-xen-host \
zstd xz-utils"
missing=""
for p in $host_pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed$' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "e2e: missing Debian packages:$missing (as root: apt-get install$missing)" >&2
		exit 1
	fi
	echo "e2e: installing missing Debian packages:$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
fi
# mmdebstrap --mode=root and the dom0's root-owned files need root.
[ "$(id -u)" -eq 0 ] || { echo "e2e: must run as root" >&2; exit 1; }
[ -x "$BIN" ] || { echo "e2e: no binary at $BIN (run make)" >&2; exit 1; }
# libxl's private bindir, as configure found it in this host's libxl:
# the dom0 runs the same release.
XEN_BINDIR=$(sed -n 's/^XEN_BINDIR = //p' "$(dirname "$BIN")/config.mk")
[ -n "$XEN_BINDIR" ] || { echo "e2e: configure found no Xen tools (XEN_BINDIR)" >&2; exit 1; }

sh "$here/artifacts.sh" "$CACHE" "$BIN"
rm -rf "$RUN"
mkdir -p "$RUN"
sh "$here/guest.sh" "$CACHE" "$RUN/overlay" "$BIN" "$XEN_BINDIR"
(cd "$RUN/overlay" && find . | cpio -o -H newc --quiet | gzip -1) \
	>"$RUN/overlay.cpio.gz"
# Linux unpacks concatenated archives in order: the overlay wins.
cat "$CACHE/dom0-rootfs.cpio.gz" "$RUN/overlay.cpio.gz" >"$RUN/dom0.cpio.gz"
expected=$(grep -c . "$RUN/overlay/e2e/case-list")

echo "e2e: booting Xen under QEMU (log: $RUN/serial.log)"
t0=$(date +%s)
set +e
timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -machine q35 \
	-accel tcg,tb-size=256 -cpu qemu64,+rdrand,+svm,+npt -m 3072 -smp 2 \
	-display none -monitor none -serial "file:$RUN/serial.log" -no-reboot \
	-kernel "$CACHE/xen" \
	-append "console=com1 com1=115200,8n1 console_timestamps=boot loglvl=all guest_loglvl=all dom0_mem=2048M,max:2048M dom0_max_vcpus=2 bootscrub=0" \
	-initrd "$CACHE/vmlinuz console=hvc0 earlyprintk=xen rdinit=/init,$RUN/dom0.cpio.gz"
qrc=$?
set -e
t1=$(date +%s)
tr -d '\r' <"$RUN/serial.log" >"$RUN/serial.txt"
grep -E '^E2E-(INFO|ARGV|GUEST|BOOTLOADER|LOG|WARN|FATAL|TIME)' "$RUN/serial.txt" || true
grep -E '^E2E-CASE ' "$RUN/serial.txt" | while read -r _ name res secs; do
	echo "E2E-CASE $name $res $secs"
done
passed=$(grep -cE '^E2E-CASE [^ ]+ PASS' "$RUN/serial.txt" || true)
failed=$(grep -cE '^E2E-CASE [^ ]+ FAIL' "$RUN/serial.txt" || true)
ran=$((passed + failed))
if [ "$ran" -lt "$expected" ]; then
	echo "e2e: only $ran of $expected cases reported (QEMU exit $qrc after $((t1 - t0)) s); serial tail:"
	tail -n 30 "$RUN/serial.txt"
	failed=$((failed + expected - ran))
fi
grep -q '^E2E-DONE' "$RUN/serial.txt" || echo "e2e: dom0 did not finish"
echo "e2e: QEMU ran $((t1 - t0)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
