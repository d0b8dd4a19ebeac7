/* SPDX-License-Identifier: GPL-2.0-only */
/* An ext3/4 journal replayed in memory: a map, nothing written (child). */
#ifndef XENPVBOOT_JBD2_H
#define XENPVBOOT_JBD2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JBD2_MAX_REVOKES	(1U << 20)	/* revocation records kept */

/* How the journal's blocks are read: block jblock of the journal file. */
struct jbd2_reader {
	void		*ctx;
	int		 (*read)(void *ctx, uint32_t jblock, unsigned char *buf);
	uint32_t	 blocksize;	/* the filesystem's */
	uint32_t	 maxlen;	/* blocks in the journal file */
	uint64_t	 fs_blocks;	/* the filesystem's; 0: unbounded */
};

/* Filesystem block fsblock's newest copy is journal block jblock. */
struct jbd2_map {
	uint64_t	fsblock;
	uint32_t	jblock;
	uint32_t	order;		/* in the log, while sorting */
	bool		escaped;	/* its first four bytes were the magic */
};

struct jbd2_replay {
	struct jbd2_map	*map;		/* by fsblock */
	size_t		 n, max;
	uint32_t	 first_seq;	/* the first transaction replayed */
	uint32_t	 end_seq;	/* the first one not replayed */
	uint32_t	 transactions;
	unsigned int	 revoke_hits;	/* logged copies a revocation dropped */
	unsigned int	 bad_blocks;	/* logged copies whose checksum failed */
	unsigned int	 outside;	/* logged blocks past the filesystem */
	bool		 bad_commit;	/* the log ended at a bad commit block */
	bool		 fast_commit;	/* fast-commit blocks, not replayed */
	bool		 v1_checksums;	/* v1 transaction checksums, unchecked */
};

int	jbd2_replay(const struct jbd2_reader *rd, struct jbd2_replay *r,
	    char *why, size_t whylen);
const struct jbd2_map *jbd2_lookup(const struct jbd2_replay *r,
	    uint64_t fsblock);
void	jbd2_replay_free(struct jbd2_replay *r);

#endif /* XENPVBOOT_JBD2_H */
