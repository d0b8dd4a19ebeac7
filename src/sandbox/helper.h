/* SPDX-License-Identifier: GPL-2.0-only */
/* GRUB's reader (grub-fstest), started confined for one command. */
#ifndef XENPVBOOT_HELPER_H
#define XENPVBOOT_HELPER_H

#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>

#define HELPER_DISK_NAME	"disk"
#define HELPER_DISK		"/" HELPER_DISK_NAME	/* the disk, in its root */
#define HELPER_SETUP_FAILED	126	/* its exit status: not confined */
#define HELPER_NOTIFY_FD	3	/* until its exec: to send the listener */
#define HELPER_LOCK_FD		4	/* the claim on its uid (run-ids.c) */
#define HELPER_FDS		16	/* RLIMIT_NOFILE: stdio, the disk, ld.so's */
/*
 * grub-fstest, opened before RLIMIT_NOFILE is set at HELPER_FDS, for
 * the one exec its filter allows: execveat() of this fd, a number the
 * program that runs can never hold again.
 */
#define HELPER_EXEC_FD		HELPER_FDS

struct helper {
	const char	*program;	/* grub-fstest, under /usr */
	const char	*disk_path;	/* as the parent opened it */
	int		 disk;		/* the parent's fd, to compare */
	int		 out, err;	/* its stdout and stderr */
	int		 notify;	/* a socket: its filter's listener */
	int		 lock;		/* the claim on as_uid, held, or -1 */
	bool		 userns;	/* not root: a user namespace */
	uid_t		 uid;		/* the disk's owner (or the caller) */
	gid_t		 gid;
	bool		 give;		/* root: the disk to as_uid if it can */
	uid_t		 as_uid;	/* the reader's uid of the run's own */
	gid_t		 as_gid;
	int		 idmap;		/* owner -> as_uid, a userns fd, or -1 */
	rlim_t		 max_memory;	/* RLIMIT_AS */
};

pid_t	helper_start(const struct helper *h, char *const argv[]);

#endif /* XENPVBOOT_HELPER_H */
