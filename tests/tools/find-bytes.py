#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# find-bytes.py IMAGE FILE: the byte offset in IMAGE of FILE's first 4 KiB
# (where a filesystem stored it), or nothing.
import mmap
import sys

with open(sys.argv[2], 'rb') as f:
    needle = f.read(4096)
with open(sys.argv[1], 'rb') as f:
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    at = m.find(needle)
    if at >= 0:
        print(at)
