#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes a minimal PE file with the sections given, in order: what
objcopy cannot make (a section name twice, as a multi-profile UKI's
.profile; a section table that lies), for tests and fuzz seeds.  A UKI
for booting is made with objcopy onto Debian's systemd stub instead.

usage: mkuki.py OUT NAME=FILE... [--sections N] [--past-end NAME]
  --sections N     the COFF header says N sections, whatever follows
  --past-end NAME  section NAME's size runs past the end of the file
"""
import argparse
import struct

ALIGN = 0x200


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("sections", nargs="*")
    ap.add_argument("--sections", dest="count", type=int)
    ap.add_argument("--past-end")
    a = ap.parse_args()
    secs = []
    for spec in a.sections:
        name, path = spec.split("=", 1)
        with open(path, "rb") as f:
            secs.append((name, f.read()))
    opt = 0xF0                          # PE32+ optional header
    table = 0x40 + 4 + 20 + opt
    data_at = (table + 40 * len(secs) + ALIGN - 1) // ALIGN * ALIGN
    dos = bytearray(0x40)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3C, 0x40)
    coff = struct.pack("<HHIIIHH", 0x8664,
                       a.count if a.count is not None else len(secs),
                       0, 0, 0, opt, 0x22)
    optional = bytearray(opt)
    struct.pack_into("<H", optional, 0, 0x20B)
    headers, body, at = bytearray(), bytearray(), data_at
    for i, (name, data) in enumerate(secs):
        raw = (len(data) + ALIGN - 1) // ALIGN * ALIGN
        vsize = len(data)
        if name == a.past_end:
            vsize = raw = 0x10000000
        headers += struct.pack("<8sIIIIIIHHI", name.encode()[:8],
                               vsize, 0x20000 + i * 0x10000, raw, at,
                               0, 0, 0, 0, 0x40000040)
        body += data + bytes((len(data) + ALIGN - 1) // ALIGN * ALIGN -
                             len(data))
        at += (len(data) + ALIGN - 1) // ALIGN * ALIGN
    out = dos + b"PE\0\0" + coff + optional + headers
    out += bytes(data_at - len(out)) + body
    with open(a.out, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
