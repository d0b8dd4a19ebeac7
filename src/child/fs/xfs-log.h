/* SPDX-License-Identifier: GPL-2.0-only */
/* Whether an XFS log needs recovery: its head and tail found (child). */
#ifndef XENPVBOOT_XFS_LOG_H
#define XENPVBOOT_XFS_LOG_H

#include <stddef.h>
#include <stdint.h>

#define XFS_LOG_BB	512	/* the log's basic block */

/* How the log is read: n basic blocks from basic block bb on. */
struct xfs_log_reader {
	void		*ctx;
	int		 (*read)(void *ctx, uint64_t bb, uint32_t n,
			    unsigned char *buf);
	uint64_t	 bbs;		/* basic blocks in the log */
};

enum xfs_log_state {
	XFS_LOG_EMPTY,		/* never written (zeroed) */
	XFS_LOG_CLEAN,		/* it ends with an unmount record */
	XFS_LOG_DIRTY,		/* it needs recovery */
};

struct xfs_log {
	enum xfs_log_state state;
	uint64_t	head;		/* basic block the next record goes to */
	uint64_t	tail;		/* the oldest one recovery would need */
	uint32_t	cycle;		/* of the last record */
};

int	xfs_log_find(const struct xfs_log_reader *rd, struct xfs_log *lg,
	    char *why, size_t whylen);
int	xfs_log_locate(const unsigned char *sb, uint64_t fs_bytes,
	    uint64_t *offset, uint64_t *bbs, char *why, size_t whylen);

#endif /* XENPVBOOT_XFS_LOG_H */
