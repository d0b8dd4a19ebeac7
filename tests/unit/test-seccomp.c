/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The child's seccomp filter, loaded in a forked process: what it must
 * allow still works, path lookups fail with EACCES, ioctls other than a
 * block device's questions fail, and a call outside the list (socket,
 * execve, fork) kills the process with SIGSYS.  GRUB's reader's filter:
 * a library's start-up reads of its own process (libcap's bounding-set
 * probe) work, other prctl calls fail with EPERM, a socket kills.
 */
#define UNIT_NAME "seccomp"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox/seccomp-filter.h"
#include "unit.h"

enum probe {
	P_READ, P_OPEN, P_TTY_IOCTL, P_SOCKET, P_EXEC, P_FORK,
	P_FS_IOCTL, P_NEAR_BLK_IOCTL, P_BLK_REFUSED, P_BLK_ASKED, P_HIGH_BITS,
	/* under the GRUB reader's filter */
	P_H_CAPBSET, P_H_GETS, P_H_SET_DUMPABLE, P_H_SET_NAME, P_H_SOCKET,
};

/* Runs one probe under the filter; returns the wait status. */
static int
run(enum probe p)
{
	char why[128], buf[8];
	int status, fds[2], file, bs;
	unsigned long long size;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	/* A file, whose FIGETBSZ the kernel would answer. */
	file = memfd_create("probe", 0);
	if (file < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
		    (p >= P_H_CAPBSET ? seccomp_helper_load() :
		    seccomp_filter_load(why, sizeof(why))) != 0)
			_exit(100);
		switch (p) {
		case P_READ:
			_exit(write(fds[1], "x", 1) == 1 &&
			    read(fds[0], buf, 1) == 1 ? 0 : 101);
		case P_OPEN:
			_exit(open("/etc/passwd", O_RDONLY) < 0 &&
			    errno == EACCES ? 0 : 102);
		case P_TTY_IOCTL:
			_exit(ioctl(fds[0], TCGETS, buf) < 0 &&
			    errno == ENOTTY ? 0 : 103);
		case P_SOCKET:
			(void)socket(AF_INET, SOCK_STREAM, 0);
			_exit(104);
		case P_EXEC:
			execl("/bin/true", "true", (char *)NULL);
			_exit(105);
		case P_FORK:
			(void)fork();
			_exit(106);
		case P_FS_IOCTL:	/* type 0x00, refused by nibble */
			_exit(ioctl(file, FIGETBSZ, &bs) < 0 &&
			    errno == ENOTTY ? 0 : 107);
		case P_NEAR_BLK_IOCTL:	/* type 0x13, refused one by one */
			_exit(ioctl(file, _IO(0x13, 1)) < 0 &&
			    errno == ENOTTY ? 0 : 108);
		case P_BLK_REFUSED:
			_exit(ioctl(file, BLKFLSBUF) < 0 && errno == EACCES ?
			    0 : 109);
		case P_BLK_ASKED:	/* allowed: the file is no disk */
			_exit(ioctl(file, BLKGETSIZE64, &size) < 0 &&
			    errno == ENOTTY ? 0 : 110);
		case P_HIGH_BITS:	/* the kernel drops bits the filter sees */
			(void)syscall(SYS_ioctl, fds[0],
			    (unsigned long)TCGETS | (1UL << 40), buf);
			_exit(111);
		case P_H_CAPBSET:	/* libcap's start-up */
			_exit(prctl(PR_CAPBSET_READ, 0, 0, 0, 0) >= 0 ?
			    0 : 112);
		case P_H_GETS:
			_exit(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) >= 0 &&
			    prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 &&
			    prctl(PR_GET_SECUREBITS, 0, 0, 0, 0) >= 0 ?
			    0 : 113);
		case P_H_SET_DUMPABLE:
			_exit(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) < 0 &&
			    errno == EPERM ? 0 : 114);
		case P_H_SET_NAME:
			_exit(prctl(PR_SET_NAME, "x", 0, 0, 0) < 0 &&
			    errno == EPERM ? 0 : 115);
		case P_H_SOCKET:
			(void)socket(AF_INET, SOCK_STREAM, 0);
			_exit(116);
		}
	}
	close(fds[0]);
	close(fds[1]);
	close(file);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static int
exited0(int st)
{
	return st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int
killed(int st)
{
	return st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS;
}

int
main(void)
{
	CHECK("reading and writing fds still works", exited0(run(P_READ)));
	CHECK("opening a path fails with EACCES", exited0(run(P_OPEN)));
	CHECK("a tty ioctl fails with ENOTTY", exited0(run(P_TTY_IOCTL)));
	CHECK("socket() kills with SIGSYS", killed(run(P_SOCKET)));
	CHECK("execve() kills with SIGSYS", killed(run(P_EXEC)));
	CHECK("fork() kills with SIGSYS", killed(run(P_FORK)));
	CHECK("a filesystem ioctl (type 0x00) fails with ENOTTY",
	    exited0(run(P_FS_IOCTL)));
	CHECK("an ioctl of type 0x13 fails with ENOTTY",
	    exited0(run(P_NEAR_BLK_IOCTL)));
	CHECK("BLKFLSBUF fails with EACCES", exited0(run(P_BLK_REFUSED)));
	CHECK("BLKGETSIZE64 reaches the kernel",
	    exited0(run(P_BLK_ASKED)));
	CHECK("an ioctl with bits above 32 kills with SIGSYS",
	    killed(run(P_HIGH_BITS)));
	CHECK("GRUB's reader: prctl(PR_CAPBSET_READ) works (libcap)",
	    exited0(run(P_H_CAPBSET)));
	CHECK("GRUB's reader: prctl's other reads of itself work",
	    exited0(run(P_H_GETS)));
	CHECK("GRUB's reader: prctl(PR_SET_DUMPABLE) fails with EPERM",
	    exited0(run(P_H_SET_DUMPABLE)));
	CHECK("GRUB's reader: prctl(PR_SET_NAME) fails with EPERM",
	    exited0(run(P_H_SET_NAME)));
	CHECK("GRUB's reader: socket() kills with SIGSYS",
	    killed(run(P_H_SOCKET)));
	return unit_failed;
}
