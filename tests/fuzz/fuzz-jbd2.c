/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for fs/jbd2.c, the journal replay: the input is the
 * journal file itself, block after block (its superblock first), read
 * with the block size its superblock says (1, 2 or 4 KiB, else 1); blocks
 * past the input read
 * as zeros, up to the length the superblock may claim.  Each block the
 * map names is looked up, as the overlay would.  Seeds: the first blocks
 * of e2fsprogs' dirty journals (tests/corpus/jbd2).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "child/fs/jbd2.h"

#define MAX_BLOCKS	65536

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct input {
	const uint8_t	*data;
	size_t		 size;
	uint32_t	 bs;
};

static int
read_block(void *ctx, uint32_t jb, unsigned char *buf)
{
	const struct input *in = ctx;
	uint64_t at = (uint64_t)jb * in->bs;

	memset(buf, 0, in->bs);
	if (at < in->size)
		memcpy(buf, in->data + at, in->size - at < in->bs ?
		    in->size - at : in->bs);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 1024 };
	struct jbd2_reader rd = { &in, read_block, 0, MAX_BLOCKS, 1U << 20 };
	struct jbd2_replay r;
	char why[256];
	size_t i;

	if (size >= 16) {
		in.bs = (uint32_t)data[12] << 24 | (uint32_t)data[13] << 16 |
		    (uint32_t)data[14] << 8 | data[15];
		if (in.bs != 2048 && in.bs != 4096)
			in.bs = 1024;
	}
	rd.blocksize = in.bs;
	if (jbd2_replay(&rd, &r, why, sizeof(why)) != 0)
		return 0;
	for (i = 0; i < r.n; i++)
		if (jbd2_lookup(&r, r.map[i].fsblock) == NULL)
			__builtin_trap();
	jbd2_replay_free(&r);
	return 0;
}
