#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# reach.py PID...: what the calling process can reach of each PID, the
# ways an attacker of another uid would try: the disk in its root
# (/proc/PID/root/disk), its descriptors (/proc/PID/fd: listed, then
# each opened and read), its memory (/proc/PID/mem, read at its first
# mapping), ptrace (PTRACE_SEIZE, which does not stop it) and a signal
# (kill 0).  One line per way, "PID WAY: reached" or "PID WAY: ERRNO";
# exits 1 if any was reached, else 0.  Run it as the other uid, e.g.
# setpriv --reuid=65534 --regid=65534 --clear-groups.
import ctypes
import errno
import os
import sys

PTRACE_SEIZE = 0x4206
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p,
                        ctypes.c_void_p]
reached = 0


def attempt(pid, way, fn):
    global reached
    try:
        fn()
    except OSError as e:
        print('%d %s: %s' % (pid, way, errno.errorcode.get(e.errno, e.errno)))
        return
    print('%d %s: reached' % (pid, way))
    reached += 1


def root_disk(pid):
    with open('/proc/%d/root/disk' % pid, 'rb') as f:
        f.read(512)


def fds(pid):
    names = os.listdir('/proc/%d/fd' % pid)
    for n in names:
        try:
            fd = os.open('/proc/%d/fd/%s' % (pid, n),
                         os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue
        os.close(fd)


def mem(pid):
    fd = os.open('/proc/%d/mem' % pid, os.O_RDONLY)
    try:
        with open('/proc/%d/maps' % pid) as m:
            start = int(m.readline().split('-')[0], 16)
        os.pread(fd, 16, start)
    finally:
        os.close(fd)


def ptrace(pid):
    if libc.ptrace(PTRACE_SEIZE, pid, None, None) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    # Seized, not stopped: the tracer's exit lets it go.


def signal(pid):
    os.kill(pid, 0)


for arg in sys.argv[1:]:
    pid = int(arg)
    attempt(pid, 'root/disk', lambda: root_disk(pid))
    attempt(pid, 'fd', lambda: fds(pid))
    attempt(pid, 'mem', lambda: mem(pid))
    attempt(pid, 'ptrace', lambda: ptrace(pid))
    attempt(pid, 'kill', lambda: signal(pid))
sys.exit(1 if reached else 0)
