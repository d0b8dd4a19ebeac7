/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for fs/btrfs-subvol.c, our reader of a btrfs's
 * superblock, chunk tree and root tree (the default subvolume's path).
 * As for XFS, an input is a sparse image: records of a little-endian
 * 32-bit block number and 4096 bytes, written into a 256 MiB memfd
 * that is otherwise zeros (tests/tools/xfsblocks.py makes the seeds
 * from a real image).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sparse.h"
#include "child/fs/btrfs-subvol.h"
#include "xenpvboot.h"

#define DISK_BYTES	(256ULL << 20)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[MAX_GUEST_PATH];
	int fd;

	fd = sparse_disk(data, size, DISK_BYTES);
	if (fd < 0)
		return 0;
	/* The whole image, and as a partition that ends early. */
	(void)btrfs_default_subvol(fd, 0, DISK_BYTES, path, sizeof(path));
	(void)btrfs_default_subvol(fd, 0, 32ULL << 20, path, sizeof(path));
	close(fd);
	return 0;
}
