#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Wraps a payload in an x86 boot protocol header, as a bzImage carries
its kernel: mkbzimage.py OUT PAYLOAD [VERSION]

Only the fields Xen's domain builder reads (xc_dom_bzimageloader.c):
"HdrS", the protocol version (default 2.15), setup_sects (1: the payload
starts 1024 bytes in), payload_offset 0 and payload_length.  The payload
is taken as given: a kernel build appends the decompressed size to it
(scripts/Makefile.lib's size_append), which the builder's decoders need;
the caller does the same."""
import sys


def main():
    out, payload = sys.argv[1], open(sys.argv[2], "rb").read()
    version = int(sys.argv[3], 0) if len(sys.argv) > 3 else 0x020F
    head = bytearray(1024)
    head[0x1F1] = 1
    head[0x202:0x206] = b"HdrS"
    head[0x206:0x208] = version.to_bytes(2, "little")
    head[0x248:0x24C] = (0).to_bytes(4, "little")
    head[0x24C:0x250] = len(payload).to_bytes(4, "little")
    with open(out, "wb") as f:
        f.write(bytes(head) + payload)


if __name__ == "__main__":
    main()
