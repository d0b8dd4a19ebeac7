#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# plainfs.py DIR MOUNTPOINT: DIR, read-write, through FUSE's high-level
# API, which has no O_TMPFILE (the kernel says EOPNOTSUPP): an output
# directory where xenpvboot must fall back to files named at once.
# Debian's python3-fusepy; foreground: start it with &, `fusermount3 -u`.
import errno
import os
import sys

import fusepy as fuse

ROOT = sys.argv[1]


class Plain(fuse.Operations):
    def _p(self, path):
        return os.path.join(ROOT, path.lstrip('/'))

    def getattr(self, path, fh=None):
        st = os.lstat(self._p(path))
        return {k: getattr(st, k) for k in ('st_mode', 'st_nlink', 'st_uid',
                'st_gid', 'st_size', 'st_atime', 'st_mtime', 'st_ctime')}

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._p(path))

    def mkdir(self, path, mode):
        os.mkdir(self._p(path), mode)

    def chmod(self, path, mode):
        os.chmod(self._p(path), mode)

    def create(self, path, mode, fi=None):
        return os.open(self._p(path), os.O_RDWR | os.O_CREAT | os.O_EXCL,
                       mode)

    def open(self, path, flags):
        return os.open(self._p(path), flags)

    def read(self, path, size, offset, fh):
        return os.pread(fh, size, offset)

    def write(self, path, data, offset, fh):
        return os.pwrite(fh, data, offset)

    def truncate(self, path, length, fh=None):
        os.truncate(self._p(path), length)

    def unlink(self, path):
        os.unlink(self._p(path))

    def rmdir(self, path):
        os.rmdir(self._p(path))

    def release(self, path, fh):
        os.close(fh)

    def flush(self, path, fh):
        return 0

    def fsync(self, path, datasync, fh):
        return 0


fuse.FUSE(Plain(), sys.argv[2], foreground=True, allow_other=True,
          default_permissions=True)
