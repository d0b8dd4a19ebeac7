/* SPDX-License-Identifier: GPL-2.0-only */
/* The parsing child's one entry point, called on its side of the fork. */
#ifndef XENPVBOOT_CHILD_H
#define XENPVBOOT_CHILD_H

#include <stdint.h>

#include "proto.h"
#include "sandbox.h"
#include "xenpvboot.h"

/* What the parent hands the child across the fork; it keeps no other fd. */
struct child_fds {
	int		 report;	/* the pipe its messages go to */
	int		 answer;	/* the parent's menu choice, or -1 */
	int		 disk;
	uint64_t	 disksize;	/* when the parent opened it */
	int		 files[FILE_KIND_MAX + 1];	/* to write, or -1 */
	int		 grub[3];	/* GRUB's reader: stdout, stderr, done */
	int		 lock;		/* the claim on its uid, held, or -1 */
};

void	child_main(const struct options *o, const struct runtime *rt,
	    struct sandbox *sb, const struct child_fds *fds)
	    __attribute__((noreturn));

#endif /* XENPVBOOT_CHILD_H */
