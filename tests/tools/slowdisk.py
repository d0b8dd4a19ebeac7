#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# slowdisk.py IMAGE MOUNTPOINT: IMAGE, read-only, as MOUNTPOINT/disk.img
# through FUSE, so that a test can act on a run mid-way: send the parent
# a signal, look at the parsing child's /proc/PID, reach --timeout, or
# have the disk fail under it.
#   SLOW_DELAY    seconds each read sleeps (default 0.2)
#   SLOW_FIRST    seconds the first read sleeps instead
#   SLOW_HANG_AT  a read reaching this byte offset hangs for SLOW_HANG s
#   SLOW_HANG_LEN only a read of the SLOW_HANG_LEN bytes from there does
#                 (each hang says "hanging at OFFSET" on stdout as it begins)
#   SLOW_EIO_AT   a read reaching this byte offset fails with EIO
#   SLOW_COUNT    a file that holds, after each read, "REQUESTS BYTES"
#                 read so far (make bench's network-storage rows)
# Debian's python3-fusepy and fuse3; it runs in the foreground: start it
# with &, wait for MOUNTPOINT/disk.img, `fusermount3 -u` to stop it.
import errno
import os
import stat
import sys
import threading
import time

import fusepy as fuse

IMAGE = sys.argv[1]
DELAY = float(os.environ.get('SLOW_DELAY', '0.2'))
HANG_AT = int(os.environ.get('SLOW_HANG_AT', '-1'))
HANG = float(os.environ.get('SLOW_HANG', '3600'))
HANG_LEN = int(os.environ.get('SLOW_HANG_LEN', '-1'))
EIO_AT = int(os.environ.get('SLOW_EIO_AT', '-1'))
FIRST = os.environ.get('SLOW_FIRST')
COUNT = os.environ.get('SLOW_COUNT')
counted = [0, 0]
lock = threading.Lock()


def count(size):
    with lock:
        counted[0] += 1
        counted[1] += size
        with open(COUNT, 'w') as f:
            f.write('%d %d\n' % (counted[0], counted[1]))


class SlowDisk(fuse.Operations):
    def getattr(self, path, fh=None):
        if path == '/':
            return dict(st_mode=stat.S_IFDIR | 0o755, st_nlink=2)
        if path == '/disk.img':
            st = os.stat(IMAGE)
            # The image's owner: GRUB's reader runs as the disk's.
            return dict(st_mode=stat.S_IFREG | 0o444, st_nlink=1,
                        st_size=st.st_size, st_uid=st.st_uid,
                        st_gid=st.st_gid)
        raise fuse.FuseOSError(errno.ENOENT)

    def readdir(self, path, fh):
        return ['.', '..', 'disk.img']

    def open(self, path, flags):
        return os.open(IMAGE, os.O_RDONLY)

    def read(self, path, size, offset, fh):
        global FIRST
        time.sleep(float(FIRST) if FIRST is not None else DELAY)
        FIRST = None
        if COUNT is not None:
            count(size)
        if 0 <= EIO_AT < offset + size:
            raise fuse.FuseOSError(errno.EIO)
        if 0 <= HANG_AT < offset + size and (
                HANG_LEN < 0 or offset < HANG_AT + HANG_LEN):
            # A line on stdout when a hang begins, for a test to wait on.
            print('hanging at %d' % offset, flush=True)
            time.sleep(HANG)
        return os.pread(fh, size, offset)

    def release(self, path, fh):
        os.close(fh)


fuse.FUSE(SlowDisk(), sys.argv[2], foreground=True, ro=True,
          allow_other=True, direct_io=True, attr_timeout=0)
