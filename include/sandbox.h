/* SPDX-License-Identifier: GPL-2.0-only */
/* What the child gives up before it reads the first byte of guest data. */
#ifndef XENPVBOOT_SANDBOX_H
#define XENPVBOOT_SANDBOX_H

#include <stddef.h>
#include <sys/types.h>

#include "xenpvboot.h"

struct sandbox_ids {
	int	drop;		/* 0: stay as we are (not root, no --runas) */
	uid_t	uid;
	gid_t	gid;
};

int	sandbox_prepare(const struct options *, struct sandbox_ids *, char *,
	    size_t);
int	sandbox_enter(const struct sandbox_ids *, char *, size_t);

#endif /* XENPVBOOT_SANDBOX_H */
