/* SPDX-License-Identifier: GPL-2.0-only */
/* The sparse disk of fuzz-xfs and fuzz-btrfs (sparse.h). */
#include <sys/mman.h>
#include <unistd.h>

#include "sparse.h"

int
sparse_disk(const uint8_t *data, size_t size, uint64_t disk_bytes)
{
	uint32_t blk;
	int fd;

	fd = memfd_create("disk", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, (off_t)disk_bytes) != 0)
		goto bad;
	for (; size >= 4 + SPARSE_BLOCK; data += 4 + SPARSE_BLOCK,
	    size -= 4 + SPARSE_BLOCK) {
		blk = (uint32_t)data[0] | (uint32_t)data[1] << 8 |
		    (uint32_t)data[2] << 16 | (uint32_t)data[3] << 24;
		if ((uint64_t)blk * SPARSE_BLOCK >= disk_bytes)
			continue;
		if (pwrite(fd, data + 4, SPARSE_BLOCK,
		    (off_t)blk * SPARSE_BLOCK) != SPARSE_BLOCK)
			goto bad;
	}
	return fd;
bad:
	if (fd >= 0)
		close(fd);
	return -1;
}
