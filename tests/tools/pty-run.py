#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Runs a command on a new pty as libxl does (TERM=vt100), types KEYS
once TEXT has appeared on the screen, and exits with the command's
status; the screen goes to SCREEN.  KEYS "!TERM" sends SIGTERM instead
(any signal's name); SCREEN.mode then says whether the pty was left
"raw" or "cooked" (ICANON and ECHO back on).
Usage: pty-run.py SCREEN TEXT KEYS -- COMMAND..."""
import os
import pty
import select
import signal
import sys
import termios
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
            if keys.startswith(b"!"):
                os.kill(pid, getattr(signal, "SIG" + keys[1:].decode()))
            else:
                os.write(fd, keys)
            sent = True
    _, status = os.waitpid(pid, 0)
    with open(screen, "wb") as f:
        f.write(seen)
    lflag = termios.tcgetattr(fd)[3]
    cooked = lflag & termios.ICANON and lflag & termios.ECHO
    with open(screen + ".mode", "w") as f:
        f.write("cooked\n" if cooked else "raw\n")
    code = os.waitstatus_to_exitcode(status)
    sys.exit(128 - code if code < 0 else code)  # a shell's way


if __name__ == "__main__":
    main()
