/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The child's seccomp filter, loaded in a forked process: what it must
 * allow still works, path lookups fail with EACCES, ioctls other than a
 * block device's questions fail, and a call outside the list (socket,
 * execve, fork) kills the process with SIGSYS.  GRUB's reader's filter:
 * a library's start-up reads of its own process (libcap's bounding-set
 * probe) work, other prctl calls fail with EPERM, opening for writing
 * fails with EACCES, and a socket stops for the listener the probe
 * hands over as the reader does, which names it ("socket(2, ...)");
 * with no one listening, the call fails with ENOSYS, not made; so does
 * any exec but execveat() of the fd helper.c opens grub-fstest as.
 */
#define UNIT_NAME "seccomp"
#include <errno.h>
#include <poll.h>
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

#include "sandbox/helper.h"
#include "sandbox/seccomp-filter.h"
#include "sandbox/seccomp-notify.h"
#include "unit.h"

enum probe {
	P_READ, P_OPEN, P_TTY_IOCTL, P_SOCKET, P_EXEC, P_FORK,
	P_FS_IOCTL, P_NEAR_BLK_IOCTL, P_BLK_REFUSED, P_BLK_ASKED, P_HIGH_BITS,
	/* under the GRUB reader's filter */
	P_H_CAPBSET, P_H_GETS, P_H_SET_DUMPABLE, P_H_SET_NAME, P_H_CREATE,
	P_H_SOCKET, P_H_UNHEARD, P_H_EXECVE, P_H_EXECVEAT,
};

static char named[96];	/* the call a helper probe was stopped in */

/*
 * The reader's way (helper.c): its filter's listener goes to the parent
 * over HELPER_NOTIFY_FD; P_H_UNHEARD closes it unsent instead.
 */
static int
helper_load(enum probe p)
{
	int listener = seccomp_helper_load();

	if (listener < 0)
		return -1;
	if (p != P_H_UNHEARD &&
	    seccomp_notify_send(HELPER_NOTIFY_FD, listener) != 0)
		return -1;
	close(listener);
	return 0;
}

/* The parent's side: a call stopped is named, and its process killed. */
static void
serve(int sock, pid_t pid)
{
	struct pollfd pfd = { .events = POLLIN };

	named[0] = '\0';
	pfd.fd = seccomp_notify_take(sock);
	if (pfd.fd < 0)
		return;
	if (poll(&pfd, 1, 5000) > 0 && (pfd.revents & POLLIN) != 0 &&
	    seccomp_notify_name(pfd.fd, named, sizeof(named)) == 1)
		kill(pid, SIGKILL);
	close(pfd.fd);
}

/* Runs one probe under the filter; returns the wait status. */
static int
run(enum probe p)
{
	char why[128], buf[8];
	int status, fds[2], sv[2], file, bs;
	unsigned long long size;
	pid_t pid;

	if (pipe(fds) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return -1;
	/* A file, whose FIGETBSZ the kernel would answer. */
	file = memfd_create("probe", 0);
	if (file < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		/* fds[] may be 3: only the reader's probes give it up. */
		if ((p >= P_H_CAPBSET && dup2(sv[1], HELPER_NOTIFY_FD) < 0) ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
		    (p >= P_H_CAPBSET ? helper_load(p) :
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
		case P_H_CREATE:
			_exit(openat(AT_FDCWD, "/nonexistent/x", O_RDONLY |
			    O_CREAT, 0600) < 0 && errno == EACCES ? 0 : 117);
		case P_H_SOCKET:
			(void)socket(AF_INET, SOCK_STREAM, 0);
			_exit(116);
		case P_H_UNHEARD:
			_exit(socket(AF_INET, SOCK_STREAM, 0) < 0 &&
			    errno == ENOSYS ? 0 : 118);
		case P_H_EXECVE:
			execl("/bin/true", "true", (char *)NULL);
			_exit(119);
		case P_H_EXECVEAT:	/* by an fd other than its own */
			(void)syscall(SYS_execveat, AT_FDCWD, "/bin/true",
			    (char *[]){ "true", NULL }, (char *[]){ NULL }, 0);
			_exit(120);
		}
	}
	close(fds[0]);
	close(fds[1]);
	close(file);
	close(sv[1]);
	if (pid > 0 && p >= P_H_CAPBSET)
		serve(sv[0], pid);
	close(sv[0]);
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
	int st;

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
	CHECK("GRUB's reader: opening to create fails with EACCES",
	    exited0(run(P_H_CREATE)) && named[0] == '\0');
	st = run(P_H_SOCKET);
	CHECK("GRUB's reader: socket() stops, named socket(2, ...), killed",
	    st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL &&
	    strcmp(named, "socket(2, ...)") == 0);
	CHECK("GRUB's reader: with no listener, socket() fails with ENOSYS",
	    exited0(run(P_H_UNHEARD)));
	st = run(P_H_EXECVE);
	CHECK("GRUB's reader: execve() stops, named, killed",
	    st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL &&
	    strncmp(named, "execve(", 7) == 0);
	st = run(P_H_EXECVEAT);
	CHECK("GRUB's reader: execveat() of any fd but its own stops, killed",
	    st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL &&
	    strcmp(named, "execveat(-100, ...)") == 0);
	return unit_failed;
}
