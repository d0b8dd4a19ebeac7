/* SPDX-License-Identifier: GPL-2.0-only */
/* btrfs: the default subvolume's path, read from the disk fd (child). */
#ifndef XENPVBOOT_BTRFS_SUBVOL_H
#define XENPVBOOT_BTRFS_SUBVOL_H

#include <stddef.h>
#include <stdint.h>

int	btrfs_default_subvol(int fd, uint64_t start, uint64_t size, char *path,
	    size_t len);

#endif /* XENPVBOOT_BTRFS_SUBVOL_H */
