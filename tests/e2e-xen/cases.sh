#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs inside the test dom0.  For each case: xl create with the case's
# xl.cfg, wait for the guest's marker on its console log (or for xl
# create to fail, where failing is the point), then report one line:
#   E2E-CASE <name> PASS|FAIL <seconds>
# The host reads these lines off the serial console.
. /e2e/env
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$XEN_BINDIR
BL=$XEN_BINDIR/xenpvboot
WAIT=${E2E_WAIT:-150}

if ldd "$BL" | grep -q 'not found'; then
	echo "E2E-FATAL xenpvboot lacks libraries in dom0:"
	ldd "$BL" | grep 'not found' | sed 's/^/E2E-LOG /'
fi
echo "E2E-INFO $(xl info | grep -E '^(xen_version|xen_caps)' | tr -s ' ' | tr '\n' ' ')"

now() { cut -d' ' -f1 /proc/uptime | cut -d. -f1; }

# show FILE: relays a log to the serial console, for the report.
show() {
	[ -f "$1" ] || return 0
	sed "s|^|E2E-LOG $(basename "$1"): |" "$1" | tail -n 40
}

# wait_marker NAME TEXT: 0 once the guest's init printed its marker
# line with TEXT in it (the kernel's own "Command line:" does not count).
wait_marker() {
	set -- "$1" "E2E-MARKER .*$2"
	i=0
	while [ "$i" -lt "$WAIT" ]; do
		grep -q "$2" "/var/log/xen/console/guest-$1.log" 2>/dev/null &&
			return 0
		xl list "$1" >/dev/null 2>&1 || [ "$i" -lt 10 ] || {
			grep -q "$2" "/var/log/xen/console/guest-$1.log" 2>/dev/null
			return $?
		}
		sleep 1
		i=$((i + 1))
	done
	return 1
}

# report NAME PASS|FAIL SECONDS: the result line; the logs on failure.
# The bootloader's log is kept as /tmp/bl-NAME.log for later checks.
report() {
	cat /var/log/xen/bootloader.*.log >"/tmp/bl-$1.log" 2>/dev/null
	rm -f /var/log/xen/bootloader.*.log
	echo "E2E-CASE $1 $2 $3"
	if [ "$2" != PASS ] || [ -n "${E2E_VERBOSE:-}" ]; then
		show "/tmp/xl-$1.log"
		show "/tmp/bl-$1.log"
		show "/var/log/xen/console/guest-$1.log"
	fi
}

# logged NAME CASE TEXT: a follow-up case, PASS when the bootloader log
# of case NAME holds TEXT.
logged() {
	if grep -qF "$3" "/tmp/bl-$1.log"; then
		echo "E2E-CASE $2 PASS 0"
	else
		echo "E2E-CASE $2 FAIL 0"
		show "/tmp/bl-$1.log"
	fi
}

# boots NAME MARKER [ENV...]: xl create must succeed and the guest must
# print MARKER.
# A guest kernel that crashes in the emulator once the bootloader's work
# is done and the domain built (a PVH Linux triple-faulted under TCG, at
# random, once in some twenty runs) is not what a case tests: the case
# then runs once more, and says so; a second crash fails it.
triple_faults() { xl dmesg 2>/dev/null | grep -c 'Triple fault'; }

boots() {
	name=$1 marker=$2
	shift 2
	t0=$(now)
	tf=$(triple_faults)
	if ! env "$@" xl -vvv create "/e2e/cfg/$name.cfg" >"/tmp/xl-$name.log" 2>&1; then
		report "$name" FAIL $(($(now) - t0))
		return
	fi
	if wait_marker "$name" "$marker"; then
		result=PASS
	else
		result=FAIL
		if [ "$(triple_faults)" -gt "$tf" ] && [ -z "${E2E_AGAIN:-}" ]; then
			echo "E2E-INFO $name: the guest kernel triple-faulted after booting; once more"
			xl destroy "$name" >/dev/null 2>&1
			E2E_AGAIN=1
			boots "$name" "$marker" "$@"
			unset E2E_AGAIN
			return
		fi
	fi
	t1=$(now)
	grep -ah E2E-MARKER "/var/log/xen/console/guest-$name.log" 2>/dev/null |
		head -n 1 | sed "s/^/E2E-GUEST $name: /"
	xl destroy "$name" >/dev/null 2>&1
	grep -h "bootloader arg" "/tmp/xl-$name.log" | sed "s/^/E2E-ARGV $name: /" | head -n 20
	report "$name" "$result" $((t1 - t0))
}

# refused NAME TEXT: xl create must fail, the bootloader log must hold
# xenpvboot's one-line TEXT, and libxl's bootloader directory must be
# empty (libxl removes it only after a success).
refused() {
	name=$1 text=$2
	t0=$(now)
	if xl -vvv create "/e2e/cfg/$name.cfg" >"/tmp/xl-$name.log" 2>&1; then
		xl destroy "$name" >/dev/null 2>&1
		report "$name" FAIL $(($(now) - t0))
		return
	fi
	result=PASS
	grep -qF -- "$text" /var/log/xen/bootloader.*.log 2>/dev/null || {
		echo "E2E-LOG $name: bootloader log lacks: $text"
		result=FAIL
	}
	left=$(find /var/lib/xen -name 'boot_kernel.*' -o -name 'boot_ramdisk.*' | wc -l)
	[ "$left" -eq 0 ] || { echo "E2E-LOG $name: $left files left"; result=FAIL; }
	sed "s/^/E2E-BOOTLOADER $name: /" /var/log/xen/bootloader.*.log 2>/dev/null
	report "$name" "$result" $(($(now) - t0))
}

. /e2e/case-list
cat /tmp/bltime.log 2>/dev/null
