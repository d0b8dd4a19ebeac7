/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GRUB's reader is a program we do not own, and its libraries change
 * under it: a call its filter forbids must be named, not only counted
 * as a signal.  So that filter does not kill: it stops the call and
 * asks a listener (SECCOMP_RET_USER_NOTIF), which the reader hands to
 * the parent before its exec; the parent reads which call it was,
 * kills the reader and says so ("killed for socket(2, ...)").  The
 * call itself is never made: with no one listening (the parent gone)
 * it fails with ENOSYS.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "seccomp-notify.h"
#include "syscall-names.h"

/* In the reader, before its exec: the listener, to the parent. */
int
seccomp_notify_send(int sock, int listener)
{
	char cbuf[CMSG_SPACE(sizeof(int))], byte = 'L';
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;

	memset(cbuf, 0, sizeof(cbuf));
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &listener, sizeof(int));
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

/*
 * In the parent: the listener the reader sent, or -1 (it ended without
 * sending one: its set-up failed, and it says so on its stderr).
 */
int
seccomp_notify_take(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	int fd = -1;
	ssize_t n;

	do
		n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	c = n == 1 ? CMSG_FIRSTHDR(&msg) : NULL;
	if (c != NULL && c->cmsg_level == SOL_SOCKET &&
	    c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/* The build machine's names, by number (seccomp-gen). */
static const char *
call_name(int nr)
{
	size_t n = sizeof(seccomp_syscall_names) /
	    sizeof(seccomp_syscall_names[0]);

	return nr >= 0 && (size_t)nr < n ? seccomp_syscall_names[nr] : NULL;
}

/*
 * Reads the call the reader is stopped in and names it in what, with
 * its first argument (an option, a family, an fd: what tells one use
 * of a call from another).  1: named; 0: none pending (the process is
 * gone); -1: errno.
 */
int
seccomp_notify_name(int listener, char *what, size_t whatlen)
{
	struct seccomp_notif n;
	const char *name;

	memset(&n, 0, sizeof(n));
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &n) != 0)
		return errno == ENOENT ? 0 : -1;
	name = call_name(n.data.nr);
	/* An int (an fd, AT_FDCWD, a family, an option) reads as one. */
	if (name != NULL && n.data.args[0] >> 32 == 0)
		snprintf(what, whatlen, "%s(%d, ...)", name,
		    (int)(int32_t)n.data.args[0]);
	else if (name != NULL)
		snprintf(what, whatlen, "%s(%#llx, ...)", name,
		    (unsigned long long)n.data.args[0]);
	else
		snprintf(what, whatlen, "system call %d", n.data.nr);
	return 1;
}
