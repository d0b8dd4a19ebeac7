#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Runs README's commands in a root of another Debian release, as on a
# fresh machine of that release: make demo, then make check.
# Usage (root): tests/release-root.sh RELEASE [MAKE-TARGET...]
#
# The root is a debootstrap minbase of RELEASE from the archive this
# host's apt uses, made once and kept under $XENPVBOOT_ROOTS
# (/var/tmp/xenpvboot-roots); the tree (what git tracks, as it is in the
# work tree, and new files git does not ignore) is copied into it anew.
# It is entered by pivot_root in a private mount namespace, not by
# chroot: the kernel refuses user namespaces to a chrooted process, and
# the sandbox and the tests need them (and loop devices, FUSE and
# idmapped mounts, which work there as on a host).
set -eu

release=${1:?usage: $0 RELEASE [MAKE-TARGET...]}
shift
[ $# -gt 0 ] || set -- demo check
top=$(cd "$(dirname "$0")/.." && pwd)
roots=${XENPVBOOT_ROOTS:-/var/tmp/xenpvboot-roots}
root="$roots/$release"

[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (debootstrap, mounts)" >&2; exit 1; }

# The archive apt uses here: deb822 sources first, then sources.list.
archive() {
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		sed -n 's/^URIs: *\([^ ]*\).*/\1/p' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		sed -n 's/^deb  *\(\[[^]]*\]  *\)\{0,1\}\([^ ]*\) .*/\2/p' "$f"
	done
}
uri=$(archive | grep -v -e security -e '^$' | head -n 1)
[ -n "$uri" ] || { echo "$0: no Debian archive in this host's apt sources" >&2; exit 1; }

if [ ! -f "$root/.xenpvboot-root" ]; then
	command -v debootstrap >/dev/null 2>&1 || {
		echo "installing debootstrap"
		apt-get install -y -qq debootstrap >/dev/null
	}
	echo "making a Debian $release root in $root from $uri"
	rm -rf "$root"
	mkdir -p "$roots"
	debootstrap --variant=minbase "$release" "$root" "$uri" \
		>"$roots/$release.log" 2>&1 ||
		{ tail -n 20 "$roots/$release.log" >&2; exit 1; }
	# README's two commands install the rest; they are run by make.
	chroot "$root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq make' \
		>>"$roots/$release.log" 2>&1 ||
		{ tail -n 20 "$roots/$release.log" >&2; exit 1; }
	touch "$root/.xenpvboot-root"
fi
echo "Debian $release root: $(cat "$root/etc/debian_version")"

rm -rf "$root/src"
mkdir -p "$root/src"
(cd "$top" && { git ls-files -z; git ls-files -z --others --exclude-standard; } |
	tar --null --no-recursion -T - -cf -) | tar -xf - -C "$root/src"

# The targets, in the root's own namespace of mounts.
unshare --mount --propagation private sh -c '
	set -e
	r=$1
	shift
	mount --rbind "$r" "$r"
	mount -t proc proc "$r/proc"
	mount --rbind /sys "$r/sys"
	mount --rbind /dev "$r/dev"
	mount -t tmpfs tmpfs "$r/tmp"
	mkdir -p "$r/.old"
	cd "$r"
	pivot_root . .old
	umount -l /.old
	rmdir /.old
	exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		TS_STRICT="${TS_STRICT:-0}" LANG=C.UTF-8 \
		sh -c "cd /src && for t; do make \"\$t\" || exit 1; done" \
		sh "$@"' sh "$root" "$@"
