# SPDX-License-Identifier: GPL-2.0-only
# Sourced by every tests/ts/<area>/<case>: builds real disk images
# without root (truncate, sfdisk, mke2fs -d) and runs the real binary
# the way libxl does.  Each check prints "ok NAME", "FAIL NAME: why" or
# "skip NAME: why"; tests/run.sh counts them.

set -u

: "${XENPVBOOT:?run me from tests/run.sh}"
: "${TS_TMP:?run me from tests/run.sh}"
GRUB_X64=/usr/lib/grub-xen/grub-x86_64-xen.bin
GRUB_I386=/usr/lib/grub-xen/grub-i386-xen.bin
GRUB_PVH=/usr/lib/grub-xen/grub-i386-xen_pvh.bin
# Their sizes as this release ships them, read from the files.
X64_SIZE=$(stat -c %s "$GRUB_X64" 2>/dev/null)
I386_SIZE=$(stat -c %s "$GRUB_I386" 2>/dev/null)
# A Xen that still runs 32-bit PV guests (x86_32p), for the i386 cases.
CAPS32="xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64"
TOOLS=$(cd "$(dirname "$0")/../.." && pwd)/tools
MKELF="python3 $TOOLS/mkelf.py"
# Xen's tools as configure found them (libxl's private bindir), so
# Debian's pygrub whatever the release's Xen: the tool compared against.
XEN_BINDIR=$(sed -n 's/^XEN_BINDIR = //p' "$TOOLS/../../config.mk" 2>/dev/null)
PYGRUB=${XEN_BINDIR:-/nonexistent}/pygrub
# The ids a run takes two of, as root (configure --uid-range).
RUN_UID_FIRST=$(sed -n 's/^RUN_UID_FIRST = //p' "$TOOLS/../../config.mk" 2>/dev/null)
RUN_UID_LAST=$(sed -n 's/^RUN_UID_LAST = //p' "$TOOLS/../../config.mk" 2>/dev/null)
PYGRUB_MISSING="pygrub not installed (Debian: xen-utils-VERSION)"
PATH=$PATH:/usr/sbin:/sbin

ts_area=$(basename "$(dirname "$0")")
ts_name="$ts_area/$(basename "$0")"
T="$TS_TMP/$ts_area-$(basename "$0")"
rm -rf "$T"
mkdir -p "$T"

ok() { printf 'ok %s: %s\n' "$ts_name" "$1"; }
fail() { printf 'FAIL %s: %s: %s\n' "$ts_name" "$1" "$2"; }
skip() { printf 'skip %s: %s: %s\n' "$ts_name" "$1" "$2"; }
# A check a sanitizer build cannot take (ASan reserves terabytes of
# address space, so no ulimit -v lets it start): said, and counted as a
# skip, but not one TS_STRICT fails on, which is for missing tools.
skip_sanitizer() {
	printf 'skip %s: %s: a sanitizer build: %s\n' "$ts_name" "$1" "$2"
}
# Whether the binary under test is one (make check-asan).
sanitizer_build() { grep -q __asan_init "$XENPVBOOT"; }

# need TOOL...: skips the whole case when a tool is missing.
need() {
	for t; do
		command -v "$t" >/dev/null 2>&1 && continue
		skip "all" "$t not installed"
		exit 0
	done
}
need sfdisk mke2fs debugfs truncate cmp
[ -r "$GRUB_X64" ] || { skip all "grub-xen-host not installed"; exit 0; }

# tree DIR: an empty guest root to fill.
tree() { rm -rf "$1"; mkdir -p "$1"; }

# fsimg IMG SIZE_MB TYPE DIR [mke2fs options...]: a filesystem image.
fsimg() {
	img=$1 size=$2 type=$3 dir=$4
	shift 4
	rm -f "$img"
	mke2fs -q -F -t "$type" -d "$dir" "$@" "$img" "${size}M" >/dev/null ||
		{ echo "mke2fs failed for $img" >&2; return 1; }
}

# mkxfs IMG SIZE_MB DIR [mkfs.xfs options...]: an XFS image holding
# DIR, made by mkfs.xfs from a protofile (tests/tools/xfsproto.py), with
# this release's mkfs.xfs defaults but for the options.  XFS wants 300
# MiB at least; the image is sparse.
mkxfs() {
	img=$1 size=$2 dir=$3
	shift 3
	rm -f "$img"
	truncate -s "${size}M" "$img"
	python3 "$TOOLS/xfsproto.py" "$dir" >"$img.proto" &&
	mkfs.xfs -q -f -p "$img.proto" "$@" "$img" >/dev/null 2>&1 ||
		{ echo "mkfs.xfs failed for $img" >&2; return 1; }
}

# xfs_libfsxfs: mkfs.xfs's options for an XFS libfsxfs reads (large
# extent counters off, where this mkfs.xfs knows them).
xfs_libfsxfs() {
	mkfs.xfs 2>&1 | grep -q nrext64 && echo "-i nrext64=0"
}

# xfsimg IMG SIZE_MB DIR [mkfs.xfs options...]: mkxfs, one libfsxfs
# reads: large extent counters (nrext64, xfsprogs 6.x's default) off
# where mkfs.xfs knows them, unless the options say otherwise; the
# cases for mkfs.xfs's own defaults are in fs/xfs.
xfsimg() {
	case " $* " in
	*nrext64*|*crc=0*) mkxfs "$@" ;;
	# shellcheck disable=SC2046
	*) mkxfs "$@" $(xfs_libfsxfs) ;;
	esac
}

# btrfsimg IMG SIZE_MB DIR: a btrfs holding DIR (mkfs.btrfs -r).
btrfsimg() {
	rm -f "$1"
	truncate -s "$2M" "$1"
	mkfs.btrfs -q -f -r "$3" "$1" >/dev/null 2>&1 ||
		{ echo "mkfs.btrfs failed for $1" >&2; return 1; }
}

# disk IMG SIZE_MB LABEL SPEC...: a partitioned disk; each SPEC is an
# sfdisk line such as ",32M" or ",,L".
disk() {
	img=$1 size=$2 label=$3
	shift 3
	rm -f "$img"
	truncate -s "${size}M" "$img"
	{ echo "label: $label"; for s; do echo "$s"; done; } |
		sfdisk -q "$img" >/dev/null 2>&1 ||
		{ echo "sfdisk failed for $img" >&2; return 1; }
}

# part_start IMG N: byte offset of partition N.
part_start() {
	sfdisk -d "$1" | sed -n "s|^$1$2 *: *start= *\([0-9]*\),.*|\1|p" |
		awk '{ print $1 * 512 }'
}

# put IMG N FSIMG: copy a filesystem image into partition N.
put() {
	off=$(part_start "$1" "$2")
	[ -n "$off" ] || { echo "no partition $2 in $1" >&2; return 1; }
	dd if="$3" of="$1" bs=64K seek="$off" oflag=seek_bytes \
		conv=notrunc,sparse status=none
}

# xpb ARGS... DISK: run as libxl does; sets rc, and leaves the answer in
# $T/answer, stderr in $T/err, stdout in $T/stdout, files in $T/outdir.
xpb() {
	rm -rf "$T/outdir" "$T/answer"
	mkdir "$T/outdir"
	: >"$T/answer"
	"$XENPVBOOT" --output="$T/answer" --output-format=simple0 \
		--output-directory="$T/outdir" "$@" >"$T/stdout" 2>"$T/err"
	rc=$?
}

# field NAME: a record of the simple0 answer ("kernel", "ramdisk", "args").
field() {
	tr '\0' '\n' <"$T/answer" | sed -n "s/^$1 //p"
}

# Each expect_* prints nothing and returns 0 when it holds, else prints
# why on stdout and returns 1; check combines them into one ok/FAIL.
expect_rc() {
	[ "$rc" -eq "$1" ] && return 0
	echo "exit status $rc, expected $1 ($(head -c 300 "$T/err"))"
	return 1
}

expect_kernel() {
	k=$(field kernel)
	[ -n "$k" ] || { echo "no kernel record"; return 1; }
	cmp -s "$k" "$1" || { echo "kernel $k differs from $1"; return 1; }
}

expect_ramdisk() {
	r=$(field ramdisk)
	[ -n "$r" ] || { echo "no ramdisk record"; return 1; }
	cmp -s "$r" "$1" || { echo "ramdisk $r differs from $1"; return 1; }
}

expect_empty_outdir() {
	n=$(find "$T/outdir" -mindepth 1 | wc -l)
	[ "$n" -eq 0 ] && return 0
	echo "output directory holds $n files"
	return 1
}

# One line on stderr, naming the disk, and containing TEXT.
expect_error() {
	n=$(wc -l <"$T/err")
	[ "$n" -eq 1 ] || { echo "$n lines on stderr, expected 1"; return 1; }
	grep -qF -- "$1" "$T/err" ||
		{ echo "stderr lacks '$1': $(cat "$T/err")"; return 1; }
	grep -qF -- "xenpvboot: $DISK" "$T/err" ||
		{ echo "stderr does not name the disk: $(cat "$T/err")"; return 1; }
}

expect_grep() {
	grep -qE -- "$1" "$2" && return 0
	echo "$2 lacks /$1/: $(head -c 400 "$2")"
	return 1
}

# check NAME CMD...: one result line for a group of expectations.
check() {
	name=$1
	shift
	out=$("$@" 2>&1)
	if [ $? -eq 0 ]; then ok "$name"; else fail "$name" "$out"; fi
}

# all EXPECT... joined with ';' inside one string, run in order.
all() {
	for e; do
		eval "$e" || return 1
	done
}

# fails COUNT-OF-EXPECTATIONS for a refused disk: rc, one line, no files.
refused() {
	all "expect_rc $1" "expect_error \"$2\"" expect_empty_outdir
}

# slowdisk IMG [VAR=VALUE...]: serve IMG through tests/tools/slowdisk.py
# (reads slowed, or hanging or failing at an offset: see there) and set
# SLOW to its path; the mount goes when the case exits.  Returns 1 where
# FUSE cannot be had (not root, no fusepy): the caller skips.
slowdisk() {
	img=$1
	shift
	[ "$(id -u)" -eq 0 ] && [ -e /dev/fuse ] &&
		/usr/bin/python3 -c 'import fusepy' 2>/dev/null || return 1
	mkdir -p "$T/slow"
	env "$@" /usr/bin/python3 "$TOOLS/slowdisk.py" "$img" "$T/slow" \
		>"$T/slowdisk.log" 2>&1 &
	slow_pid=$!
	trap 'fusermount3 -u "$T/slow" 2>/dev/null || umount -l "$T/slow"; wait' EXIT
	for _ in $(seq 100); do
		[ -e "$T/slow/disk.img" ] && { SLOW=$T/slow/disk.img; return 0; }
		kill -0 $slow_pid 2>/dev/null || break
		sleep 0.1
	done
	echo "slowdisk did not start: $(cat "$T/slowdisk.log")" >&2
	return 1
}

# child_of PID: the parsing child of a running xenpvboot, once it is
# sandboxed (its seccomp filter loaded, the last step before it reads),
# waiting up to 10 s for it.
child_of() {
	for _ in $(seq 100); do
		c=$(pgrep -P "$1" | head -n 1)
		[ -n "$c" ] && grep -q '^Seccomp:[[:space:]]*2' "/proc/$c/status" \
			2>/dev/null && { echo "$c"; return 0; }
		sleep 0.1
	done
	return 1
}

# reader_of PID: the grub-fstest a running xenpvboot started, once its
# filter is loaded, waiting up to 10 s for it.
reader_of() {
	for _ in $(seq 200); do
		for h in $(pgrep -P "$1"); do
			[ "$(cat /proc/$h/comm 2>/dev/null)" = grub-fstest ] &&
				grep -q '^Seccomp:[[:space:]]*2' /proc/$h/status \
				2>/dev/null && { echo "$h"; return 0; }
		done
		sleep 0.05
	done
	return 1
}

# killed_in_read PID: PID lives, in an uninterruptible sleep (D) with
# SIGKILL pending: killed in a read the kernel cannot interrupt.
killed_in_read() {
	st=/proc/$1/status
	state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "$st" 2>/dev/null)
	[ -n "$state" ] || { echo "process $1 is gone"; return 1; }
	[ "$state" = D ] || { echo "process $1 is in state $state, not D"; return 1; }
	for m in $(awk '/^(SigPnd|ShdPnd):/ { print $2 }' "$st"); do
		[ $((0x$m & 0x100)) -ne 0 ] && return 0
	done
	echo "process $1 has no SIGKILL pending"
	return 1
}

# gone_within PID SECONDS: PID has ended (or is a zombie) by then.
gone_within() {
	for _ in $(seq $(($2 * 10))); do
		grep -q '^State:[[:space:]]*[^Z]' "/proc/$1/status" 2>/dev/null ||
			return 0
		sleep 0.1
	done
	echo "process $1 still runs after $2 s"
	return 1
}

# kernel FILE BYTES: a stand-in for a compressed kernel, as a boot menu
# names one: gzip's magic, then random bytes (the menu's kernel must be
# of a format the domain builder loads; its contents are not read).
kernel() {
	{ printf '\037\213'; head -c "$2" /dev/urandom; } >"$1"
}

# expect_golden NAME FILE: FILE is, byte for byte, tests/expected/
# <area>/<case>/NAME for this case (util-linux's way: a reviewer sees the
# whole output), with this case's directory written as @T@.
# XENPVBOOT_BLESS=1 writes the golden file instead, for a change that
# means to alter the output.
expect_golden() {
	golden=$(cd "$(dirname "$0")/../.." && pwd)/expected/$ts_name/$1
	sed "s|$T|@T@|g" "$2" >"$T/golden.got"
	if [ -n "${XENPVBOOT_BLESS:-}" ]; then
		mkdir -p "${golden%/*}"
		cp "$T/golden.got" "$golden"
		return 0
	fi
	[ -f "$golden" ] ||
		{ echo "no golden file tests/expected/$ts_name/$1"; return 1; }
	diff -u "$golden" "$T/golden.got" >"$T/golden.diff" && return 0
	echo "output differs from tests/expected/$ts_name/$1:"
	head -n 20 "$T/golden.diff"
	return 1
}
