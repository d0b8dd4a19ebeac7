/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for fs/xfs.c and libfsxfs under it.  mkfs.xfs makes
 * nothing under 300 MiB and spreads a small tree over its allocation
 * groups, so an input is a sparse image: records of a little-endian
 * 32-bit block number and 4096 bytes, written into a 300 MiB memfd that
 * is otherwise zeros (tests/tools/xfsblocks.py makes the seeds).  The
 * walk looks up, reads and lists what the child would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sparse.h"
#include "child/fs.h"
#include "xfs-lib.h"

#define DISK_BYTES	(300ULL << 20)
#define MAX_READ	(8 << 20)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
read_one(struct guestfs *g, const char *path)
{
	char why[256];
	struct fs_file f;
	void *buf;

	if (fs_lookup(g, path, &f, why, sizeof(why)) != FS_FOUND ||
	    f.size > MAX_READ)
		return;
	buf = malloc(f.size + 1);
	if (buf != NULL)
		(void)fs_read(g, &f, buf, why, sizeof(why));
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char names[64][256];
	struct guestfs *g;
	char why[256];
	size_t n;
	int fd;

	/* As the parent does for a disk with XFS. */
	if (xfs_lib_load(why, sizeof(why)) != 0)
		abort();
	fd = sparse_disk(data, size, DISK_BYTES);
	if (fd < 0)
		return 0;
	if (fs_open(fd, &(struct fs_at){ .size = DISK_BYTES }, "xfs", &g, why,
	    sizeof(why)) == 0) {
		read_one(g, "/boot/xen/pvboot-x86_64.elf");
		read_one(g, "/xen/pvboot-i386.elf");
		read_one(g, "/boot/grub/grub.cfg");
		(void)fs_list(g, "/boot/loader/entries", names, 64, &n, why,
		    sizeof(why));
		fs_close(g);
	}
	close(fd);
	return 0;
}
