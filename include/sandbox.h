/* SPDX-License-Identifier: GPL-2.0-only */
/* The parsing child's confinement, decided by the parent before fork. */
#ifndef XENPVBOOT_SANDBOX_H
#define XENPVBOOT_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "run-ids.h"
#include "xenpvboot.h"

#define SANDBOX_NOTE_MAX	256

struct sandbox {
	bool		 drop;		/* change uid and gid (we are root) */
	uid_t		 uid;
	gid_t		 gid;
	struct run_ids	 ids;		/* root: the run's own (run-ids.c) */
	bool		 namespaces;	/* the child got new namespaces */
	bool		 userns;	/* in a user namespace of its own */
	bool		 chrooted;	/* no pivot_root: / is the rootfs */
	rlim_t		 max_memory;	/* RLIMIT_AS, 0: none */
	rlim_t		 max_write;	/* RLIMIT_FSIZE: the output files */
	int		 lifeline;	/* the pipe to the parent, or -1 */
	char		 note[SANDBOX_NOTE_MAX];	/* what was done, for -v */
};

int	sandbox_prepare(const struct options *o, struct sandbox *sb, char *why,
	    size_t whylen);
void	sandbox_release(struct sandbox *sb);
pid_t	sandbox_fork(struct sandbox *sb);
int	sandbox_enter(struct sandbox *sb, char *why, size_t whylen);
/* Shared with the GRUB helper's confinement (helper.c). */
int	sandbox_map_ids(uid_t uid, gid_t gid);
int	sandbox_drop_caps(void);
int	sandbox_pivot_here(bool *chrooted);

#endif /* XENPVBOOT_SANDBOX_H */
