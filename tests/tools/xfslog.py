#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes an XFS log that the kernel's log mount would find in a given
state, into a filesystem mkfs.xfs made: the states a test cannot reach
by mounting (the minimum log is 64 MiB, so wrapping it takes minutes).

    xfslog.py IMG SCENARIO

SCENARIO is one of:
  wrapped-dirty  the log wrapped (cycle 6 from its start, 5 beyond); the
                 last record is a transaction: recovery is needed
  wrapped-clean  the same, ending with an unmount record
  torn           the last record's middle block was never written (it
                 still holds the older cycle): the head backs up to it
  exact-wrap     every block in cycle 6: the head is at the log's start
  big-header     a v2 record of 256 KiB, 8 of its blocks header, dirty

Every block carries its cycle number in its first word, as the kernel
stamps it; records carry the UUID, format and CRC32c the kernel checks.
xfs_logprint -t is the reference for where the head and tail are.
"""
import struct
import sys

BB = 512
MAGIC = 0xFEEDBABE
CYCLE_SIZE = 32768


def crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = crc32c_table()


def crc32c(crc, data):
    for b in data:
        crc = TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc


class Log:
    def __init__(self, path):
        self.f = open(path, 'r+b')
        sb = self.f.read(BB)
        bsize, = struct.unpack('>I', sb[4:8])
        logstart, = struct.unpack('>Q', sb[48:56])
        agblocks, = struct.unpack('>I', sb[84:88])
        logblocks, = struct.unpack('>I', sb[96:100])
        agblklog = sb[124]
        agno, agbno = logstart >> agblklog, logstart & ((1 << agblklog) - 1)
        self.offset = (agno * agblocks + agbno) * bsize
        self.bbs = logblocks * bsize // BB
        self.f.seek(self.offset)
        self.template = bytearray(self.f.read(BB))  # mkfs's record
        assert struct.unpack('>I', self.template[0:4])[0] == MAGIC

    def stamp(self, first, n, cycle):
        """Blocks [first, first + n) written in cycle, nothing else."""
        block = struct.pack('>I', cycle) + bytes(BB - 4)
        for bb in range(first, first + n):
            self.f.seek(self.offset + bb % self.bbs * BB)
            self.f.write(block)

    def record(self, at, cycle, nblocks, tail, unmount=False, hblocks=1):
        """A record at block at of nblocks data blocks; tail is
        (cycle, block) of the log's tail."""
        data = bytearray(nblocks * BB)
        if unmount:
            # xlog_op_header: tid, len 8, client XFS_LOG 0xaa, flags
            # XLOG_UNMOUNT_TRANS; then the unmount format's magic.
            data[0:12] = struct.pack('>IIBBH', 0xb0c0d0d0, 8, 0xAA, 0x20, 0)
            data[12:14] = struct.pack('>H', 0x556E)
        else:
            data[0:12] = struct.pack('>IIBBH', 0x1234, 16, 0x69, 0x01, 0)
        hdr = bytearray(hblocks * BB)
        hdr[0:BB] = self.template
        size = CYCLE_SIZE if hblocks == 1 else hblocks * CYCLE_SIZE
        struct.pack_into('>IIII', hdr, 0, MAGIC, cycle, 2, len(data))
        struct.pack_into('>QQ', hdr, 16, cycle << 32 | at,
                         tail[0] << 32 | tail[1])
        struct.pack_into('>III', hdr, 32, 0, 0xFFFFFFFF, 1)
        struct.pack_into('>I', hdr, 320, size)
        # The first word of each data block goes to the header's cycle
        # data (in the extended headers past the first 64 blocks), and
        # the cycle takes its place (xlog_pack_data()).
        for i in range(nblocks):
            word = data[i * BB:i * BB + 4]
            j, k = divmod(i, 64)
            where = 44 + k * 4 if j == 0 else j * BB + 4 + k * 4
            hdr[where:where + 4] = word
            data[i * BB:i * BB + 4] = struct.pack('>I', cycle)
        for j in range(1, hblocks):
            struct.pack_into('>I', hdr, j * BB, cycle)
        # xlog_cksum(): the header's 328 bytes with h_crc zero, the
        # extended headers' cycle data, then the data; stored inverted.
        crc = crc32c(0xFFFFFFFF, bytes(hdr[0:328]))
        for j in range(1, hblocks):
            crc = crc32c(crc, bytes(hdr[j * BB:j * BB + 260]))
        crc = crc32c(crc, bytes(data)) ^ 0xFFFFFFFF
        struct.pack_into('<I', hdr, 32, crc)
        self.f.seek(self.offset + at * BB)
        self.f.write(hdr)
        self.f.write(data)
        return at + hblocks + nblocks


def main():
    log = Log(sys.argv[1])
    scenario = sys.argv[2]
    n = log.bbs
    head = n // 2 + 7
    if scenario in ('wrapped-dirty', 'wrapped-clean'):
        log.stamp(0, n, 5)
        log.stamp(0, head, 6)
        at = log.record(head - 20, 6, 9, (5, n - 100))
        assert at == head - 10
        if scenario == 'wrapped-dirty':
            assert log.record(at, 6, 9, (5, n - 100)) == head
        else:
            assert log.record(at, 6, 1, (6, head - 10), unmount=True) \
                == head - 8
            log.stamp(head - 8, 8, 5)
    elif scenario == 'torn':
        log.stamp(0, n, 5)
        log.stamp(0, head, 6)
        at = log.record(head - 20, 6, 9, (5, n - 50))
        assert log.record(at, 6, 9, (5, n - 50)) == head
        log.stamp(head - 4, 1, 5)
    elif scenario == 'exact-wrap':
        log.stamp(0, n, 6)
        at = log.record(n - 20, 6, 9, (6, 2))
        assert log.record(at, 6, 9, (6, 2)) == n
    elif scenario == 'big-header':
        log.stamp(0, n, 3)
        log.stamp(0, head, 4)
        assert log.record(head - 512, 4, 504, (3, n - 1000),
                          hblocks=8) == head
    else:
        sys.exit('xfslog.py: unknown scenario ' + scenario)
    log.f.close()


if __name__ == '__main__':
    main()
