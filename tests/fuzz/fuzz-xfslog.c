/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for fs/xfs-log.c, whether an XFS log needs recovery:
 * the input is a superblock's first 512 bytes, then the log itself,
 * basic block after basic block.  The log is as long as the superblock
 * says where that fits (else as the input), at most 2^20 blocks; blocks
 * past the input read as zeros.  Seeds: mkfs.xfs's clean log and a
 * dirty one (tests/fuzz/make-seeds.sh).
 */
#include <stdint.h>
#include <string.h>

#include "child/fs/xfs-log.h"

#define MAX_BBS		(1U << 20)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct input {
	const uint8_t	*log;
	size_t		 size;
};

static int
read_bbs(void *ctx, uint64_t bb, uint32_t n, unsigned char *buf)
{
	const struct input *in = ctx;
	uint64_t at = bb * XFS_LOG_BB, len = (uint64_t)n * XFS_LOG_BB;

	memset(buf, 0, len);
	if (at < in->size)
		memcpy(buf, in->log + at, in->size - at < len ?
		    in->size - at : len);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in;
	struct xfs_log_reader rd = { .ctx = &in, .read = read_bbs };
	struct xfs_log lg;
	uint64_t offset, bbs;
	char why[256];

	if (size < XFS_LOG_BB)
		return 0;
	in.log = data + XFS_LOG_BB;
	in.size = size - XFS_LOG_BB;
	if (xfs_log_locate(data, 1ULL << 40, &offset, &bbs, why,
	    sizeof(why)) == 0 && bbs <= MAX_BBS)
		rd.bbs = bbs;
	else
		rd.bbs = in.size / XFS_LOG_BB;
	if (xfs_log_find(&rd, &lg, why, sizeof(why)) == 0 &&
	    (lg.head >= rd.bbs || lg.tail >= rd.bbs))
		__builtin_trap();
	return 0;
}
