/* SPDX-License-Identifier: GPL-2.0-only */
/* GRUB's reader, run by the parent at the child's request. */
#ifndef XENPVBOOT_GRUB_H
#define XENPVBOOT_GRUB_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "proto.h"

struct grub_link {
	const char	*program;	/* grub-fstest */
	const char	*disk_path;
	int		 disk;
	int		 out, err;	/* the helper's stdout and stderr */
	int		 done;		/* MSG_GRUB_DONE, to the child */
	uint64_t	 max_file_size;
	unsigned int	 runs;
	bool		 stuck;		/* a reader killed lives on */
	bool		 drop;		/* root: to as_uid where it can */
	uid_t		 as_uid;	/* the reader's uid of the run's own */
	gid_t		 as_gid;
	int		 lock;		/* the claim on as_uid, or -1 */
	int		 idmap;		/* the owner as as_uid: -1 not yet,
					   -2 none to be had */
};

int	grub_serve(struct grub_link *l, const struct msg_grub *g, char *why,
	    size_t whylen);
void	grub_close(struct grub_link *l);

#endif /* XENPVBOOT_GRUB_H */
