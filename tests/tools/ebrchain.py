#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""An MBR disk whose extended partition holds a chain of COUNT logical
partitions, one EBR each: ebrchain.py OUT COUNT [PARTNO:MIB ...]

Logical partitions are numbered from 5, as Linux and libblkid number
them; each is one sector unless PARTNO:MIB makes it MIB MiB, 1 MiB
aligned.  Prints "PARTNO BYTE-OFFSET" for each of those, for the caller
to write a filesystem there.  sfdisk stops listing such a chain early,
so the test builds it by hand."""
import struct
import sys

SECTOR = 512
EXT_START = 2048


def entry(ptype, start, size):
    return bytes([0, 0, 0, 0, ptype, 0, 0, 0]) + struct.pack("<II", start, size)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    big = {int(a.split(":")[0]): int(a.split(":")[1]) for a in sys.argv[3:]}
    ebrs, cursor = [], EXT_START
    for i in range(count):
        partno = 5 + i
        start = cursor + 1
        size = 1
        if partno in big:
            start = (start + 2047) // 2048 * 2048
            size = big[partno] * 2048
            print(partno, start * SECTOR)
        ebrs.append((cursor, start, size))
        cursor = start + size
    ext_size = cursor - EXT_START
    with open(out, "wb") as f:
        f.truncate((cursor + 2048) * SECTOR)
        mbr = bytearray(SECTOR)
        mbr[446:462] = entry(0x05, EXT_START, ext_size)
        mbr[510:512] = b"\x55\xaa"
        f.seek(0)
        f.write(mbr)
        for i, (at, start, size) in enumerate(ebrs):
            ebr = bytearray(SECTOR)
            ebr[446:462] = entry(0x83, start - at, size)
            if i + 1 < len(ebrs):
                nxt = ebrs[i + 1][0]
                ebr[462:478] = entry(0x05, nxt - EXT_START, 1)
            ebr[510:512] = b"\x55\xaa"
            f.seek(at * SECTOR)
            f.write(ebr)


if __name__ == "__main__":
    main()
