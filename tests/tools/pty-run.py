#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Runs a command on a new pty as libxl does (TERM=vt100), types KEYS
once TEXT has appeared on the screen, and exits with the command's
status; the screen goes to SCREEN.
Usage: pty-run.py SCREEN TEXT KEYS -- COMMAND..."""
import os
import pty
import select
import sys
import time


def main():
    screen, text, keys = sys.argv[1], sys.argv[2].encode(), sys.argv[3]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    keys = keys.encode().decode("unicode_escape").encode("latin-1")
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "vt100"
        os.execvp(cmd[0], cmd)
    seen, sent, deadline = b"", False, time.time() + 30
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            seen += data
        if not sent and text in seen:
            os.write(fd, keys)
            sent = True
    _, status = os.waitpid(pid, 0)
    with open(screen, "wb") as f:
        f.write(seen)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
