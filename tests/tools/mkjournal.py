#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# mkjournal.py IMAGE SEQUENCE TRANSACTION...: writes a log into the
# (clean, checksum-less) internal journal of an ext4 IMAGE, as a kernel
# that crashed before its checkpoint leaves it, for what debugfs's
# journal commands cannot write: escaped blocks, a sequence number about
# to wrap, tags naming blocks past the filesystem's end.  Each
# TRANSACTION is BLOCK=FILE[,BLOCK=FILE...]: the filesystem block and
# the file holding its new contents (one block).  The first starts at
# SEQUENCE; debugfs then sets needs_recovery.
import struct
import subprocess
import sys

MAGIC = 0xC03B3998


def run(*args):
    return subprocess.run(args, capture_output=True, text=True).stdout


image, seq = sys.argv[1], int(sys.argv[2], 0)
bs = int(run('dumpe2fs', '-h', image).split('Block size:')[1].split()[0])
blocks = [int(b) for b in run('debugfs', '-R', 'blocks <8>', image).split()]
with open(image, 'r+b') as f:
    f.seek(blocks[0] * bs)
    jsb = bytearray(f.read(bs))
    first = struct.unpack('>I', jsb[20:24])[0]
    incompat = struct.unpack('>I', jsb[40:44])[0]
    if incompat & 0x18:
        sys.exit('mkjournal.py: the journal has checksums (use ^metadata_csum)')
    tag = 12 if incompat & 0x2 else 8
    uuid = bytes(jsb[48:64])
    log = []
    for t in sys.argv[3:]:
        pairs = [p.split('=', 1) for p in t.split(',')]
        desc = bytearray(bs)
        struct.pack_into('>III', desc, 0, MAGIC, 1, seq & 0xffffffff)
        at, data = 12, []
        for i, (blk, path) in enumerate(pairs):
            content = bytearray(open(path, 'rb').read().ljust(bs, b'\0')[:bs])
            flags = 0 if i == 0 else 2
            if struct.unpack('>I', content[:4])[0] == MAGIC:
                flags |= 1
                content[:4] = b'\0\0\0\0'
            if i == len(pairs) - 1:
                flags |= 8
            b = int(blk)
            struct.pack_into('>IHH', desc, at, b & 0xffffffff, 0, flags)
            if tag == 12:
                struct.pack_into('>I', desc, at + 8, b >> 32)
            at += tag
            if i == 0:
                desc[at:at + 16] = uuid
                at += 16
            data.append(bytes(content))
        commit = bytearray(bs)
        struct.pack_into('>III', commit, 0, MAGIC, 2, seq & 0xffffffff)
        log += [bytes(desc)] + data + [bytes(commit)]
        seq += 1
    for i, block in enumerate(log):
        f.seek(blocks[first + i] * bs)
        f.write(block)
    struct.pack_into('>II', jsb, 24, int(sys.argv[2], 0) & 0xffffffff, first)
    f.seek(blocks[0] * bs)
    f.write(jsb)
subprocess.run(['debugfs', '-w', '-R', 'feature needs_recovery', image],
               capture_output=True)
