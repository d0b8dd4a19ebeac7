/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GRUB's reader as the child asks it (fs/grub.c): the wire to it, and
 * the logical volumes it finds, besides the files it reads through
 * fs.h like any reader.
 */
#ifndef XENPVBOOT_FS_GRUB_H
#define XENPVBOOT_FS_GRUB_H

#include <stddef.h>
#include <stdint.h>

#include "child/fs/types.h"

/* The child's ends of the wire to GRUB's reader (fs/grub.c). */
struct grub_channel {
	int		request;	/* MSG_GRUB goes here */
	int		out, err;	/* the reader's stdout and stderr */
	int		done;		/* MSG_GRUB_DONE comes here */
	uint64_t	max_file_size;
};

/* A filesystem as GRUB names it, for a logical volume's search. */
struct fs_grub_id {
	char		type[16];	/* "ext*", "btrfs", "xfs", "fat" */
	char		uuid[64];	/* as GRUB spells it */
	char		label[257];	/* btrfs's 256 bytes, a NUL */
};

/* An LVM2 logical volume as GRUB lists it, with what it holds. */
struct fs_grub_lv {
	char		 dev[FS_GRUB_DEV_MAX];	/* "lvm/VG-LV" */
	struct fs_grub_id id;
};

struct fs_ops;
extern const struct fs_ops fs_grub_ops;	/* fs.c's, as fs-impl.h has it */

void	fs_grub_connect(const struct grub_channel *ch);
int	fs_grub_lvs(struct fs_grub_lv *lvs, size_t max, size_t *n,
	    size_t *total, char *why, size_t whylen);
void	fs_grub_ids(struct fs_grub_lv *lvs, size_t n);
void	fs_grub_probe(const char *dev, struct fs_grub_id *id);

#endif /* XENPVBOOT_FS_GRUB_H */
