#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A guest kernel the guest's own PV GRUB can load: grubkernel.py IN OUT

GRUB's Xen loader (2.12) undoes a bzImage payload compressed with gzip,
xz or lzo, not zstd, which Debian 13's kernel uses ("error: not xen
image").  A kernel whose payload GRUB reads is copied as it is; a zstd
one has its payload (the kernel's ELF) compressed again as a kernel
build compresses with xz (scripts/xz_wrap.sh: CRC32 check, the x86 BCJ
filter, a 32 MiB dictionary, the size appended) right behind the
kernel's own boot sector and setup header (payload_offset 0), which GRUB
and Xen's domain builder read alike.  The kernel's own decompressor,
which that leaves out, is not used by a PV boot; a PVH GRUB, which
boots Linux by the x86 boot protocol, needs the kernel as it is."""
import shutil
import struct
import subprocess
import sys

ZSTD = b"\x28\xb5\x2f\xfd"


def payload(img):
    off = ((img[0x1F1] or 4) + 1) * 512 + struct.unpack_from("<I", img, 0x248)[0]
    return img[off:off + struct.unpack_from("<I", img, 0x24C)[0]]


def main():
    src, out = sys.argv[1], sys.argv[2]
    img = open(src, "rb").read()
    if img[0x202:0x206] != b"HdrS" or not payload(img).startswith(ZSTD):
        shutil.copyfile(src, out)
        return
    # The build appends the decompressed size, which zstd does not take.
    elf = subprocess.run(["zstd", "-dcq"], input=payload(img)[:-4],
                         check=True,
                         stdout=subprocess.PIPE).stdout
    if not elf.startswith(b"\x7fELF"):
        sys.exit("grubkernel.py: %s: the payload is no ELF" % src)
    xz = subprocess.run(["xz", "--format=xz", "--check=crc32", "--x86",
                         "--lzma2=,dict=32MiB", "-c"], input=elf, check=True,
                        stdout=subprocess.PIPE).stdout
    head = bytearray(img[:(img[0x1F1] or 4) * 512 + 512])
    body = xz + struct.pack("<I", len(elf))
    struct.pack_into("<II", head, 0x248, 0, len(body))
    with open(out, "wb") as f:
        f.write(bytes(head) + body)

if __name__ == "__main__":
    main()
