/* SPDX-License-Identifier: GPL-2.0-only */
/* ext3/4: a dirty internal journal replayed in memory, under libext2fs. */
#ifndef XENPVBOOT_EXT_JOURNAL_H
#define XENPVBOOT_EXT_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ext2fs/ext2fs.h>

#include "jbd2.h"

#define EXT_JOURNAL_MAX_BLOCKS	(1U << 21)	/* 8 GiB of 4 KiB blocks */

struct ext_journal {
	struct jbd2_replay	 r;
	blk64_t			*jblk;		/* journal block -> fs block */
	uint32_t		 njblk;
	int			 diskfd;
	uint64_t		 offset;	/* of the filesystem */
	unsigned int		 blocksize;
};

extern io_manager ext_journal_io_manager;

int	ext_journal_load(ext2_filsys fs, int diskfd, uint64_t offset,
	    struct ext_journal *j, char *why, size_t whylen);
void	ext_journal_use(const struct ext_journal *j);
uint64_t ext_journal_copy(const struct ext_journal *j, uint64_t b,
	    bool *escaped);
void	ext_journal_free(struct ext_journal *j);

#endif /* XENPVBOOT_EXT_JOURNAL_H */
