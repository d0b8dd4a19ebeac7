#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Prints a mkfs.xfs protofile (mkfs.xfs -p) that copies directory DIR:
regular files, directories and symbolic links, owned by root.  This is
how the tests make XFS images without root or a mount."""
import os
import stat
import sys


def entries(path, depth):
    pad = " " * depth
    for name in sorted(os.listdir(path)):
        full = os.path.join(path, name)
        st = os.lstat(full)
        mode = "%03o" % stat.S_IMODE(st.st_mode)
        if any(c.isspace() for c in name):
            sys.exit("xfsproto: no spaces in names: %r" % full)
        if stat.S_ISLNK(st.st_mode):
            print("%s%s l--%s 0 0 %s" % (pad, name, mode, os.readlink(full)))
        elif stat.S_ISDIR(st.st_mode):
            print("%s%s d--%s 0 0" % (pad, name, mode))
            entries(full, depth + 1)
            print("%s$" % pad)
        elif stat.S_ISREG(st.st_mode):
            print("%s%s ---%s 0 0 %s" % (pad, name, mode,
                                          os.path.abspath(full)))


def main():
    root = sys.argv[1]
    print("/dev/null")
    print("0 0")
    print("d--755 0 0")
    entries(root, 1)
    print("$")


main()
