/* SPDX-License-Identifier: GPL-2.0-only */
/* GRUB's reader, run by the parent at the child's request. */
#ifndef XENPVBOOT_GRUB_H
#define XENPVBOOT_GRUB_H

#include <stdbool.h>
#include <stdint.h>

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
};

int	grub_serve(struct grub_link *l, const struct msg_grub *g, char *why,
	    size_t whylen);

#endif /* XENPVBOOT_GRUB_H */
