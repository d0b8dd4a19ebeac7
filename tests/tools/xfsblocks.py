#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""xfsblocks.py IMAGE: prints IMAGE's non-zero 4 KiB blocks as records
of a little-endian 32-bit block number and the block: the sparse image
that tests/fuzz/fuzz-xfs.c reads."""
import struct
import sys

BLOCK = 4096
out = sys.stdout.buffer
with open(sys.argv[1], "rb") as f:
    n = 0
    while True:
        b = f.read(BLOCK)
        if not b:
            break
        if b.strip(b"\0"):
            out.write(struct.pack("<I", n) + b.ljust(BLOCK, b"\0"))
        n += 1
