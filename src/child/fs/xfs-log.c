/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Whether an XFS log needs recovery, found as the kernel's log mount
 * finds it (xlog_find_head(), xlog_find_tail()): every 512-byte basic
 * block of the log starts with the cycle number of the pass that wrote
 * it, so the head is where the cycle drops, found by bisection and then
 * checked against a window of the newest blocks for holes left by
 * writes still in flight; the last record before the head says the
 * rest: an unmount record alone means the log is clean, anything else
 * that its tail is still to be replayed.  libfsxfs ignores the log, so
 * a dirty one means the state read is the last checkpoint, which -v
 * says.  Nothing is replayed.
 *
 * Every number comes from the guest: reads stay inside the log, and the
 * work is bounded by a bisection and a window of XFS_LOG_WINDOW blocks.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "xfs-log.h"

#define HEADER_MAGIC	0xFEEDBABEU
#define UNMOUNT_TRANS	0x20		/* XLOG_UNMOUNT_TRANS, oh_flags */
#define CYCLE_SIZE	32768		/* XLOG_HEADER_CYCLE_SIZE */
#define MAX_RECORD	(256 * 1024)	/* XLOG_MAX_RECORD_BSIZE */
/* Eight records in flight at most (XLOG_MAX_ICLOGS): the kernel's window. */
#define XFS_LOG_WINDOW	(8 * MAX_RECORD / XFS_LOG_BB)
#define CHUNK		64		/* basic blocks read at once */

struct scan {
	const struct xfs_log_reader *rd;
	unsigned char	 buf[CHUNK * XFS_LOG_BB];
	uint64_t	 first;		/* of the chunk held; UINT64_MAX: none */
	uint32_t	 n;
	bool		 failed;
};

/* Basic block bb (< the log's size), or NULL when it cannot be read. */
static const unsigned char *
block(struct scan *s, uint64_t bb)
{
	uint64_t first = bb - bb % CHUNK;
	uint32_t n = CHUNK;

	if (s->first != UINT64_MAX && bb >= s->first && bb < s->first + s->n)
		return s->buf + (bb - s->first) * XFS_LOG_BB;
	if (first + n > s->rd->bbs)
		n = (uint32_t)(s->rd->bbs - first);
	if (s->rd->read(s->rd->ctx, first, n, s->buf) != 0) {
		s->failed = true;
		s->first = UINT64_MAX;
		return NULL;
	}
	s->first = first;
	s->n = n;
	return s->buf + (bb - first) * XFS_LOG_BB;
}

/* The cycle that wrote basic block bb: a record header holds it after
 * its magic, every other block in its first word (xlog_get_cycle()). */
static uint32_t
cycle(struct scan *s, uint64_t bb)
{
	const unsigned char *b = block(s, bb);

	if (b == NULL)
		return 0;
	return be32(b) == HEADER_MAGIC ? be32(b + 4) : be32(b);
}

/* The first block of [lo, hi) written in cycle c, or hi. */
static uint64_t
first_of_cycle(struct scan *s, uint64_t lo, uint64_t hi, uint32_t c)
{
	for (; lo < hi && !s->failed; lo++)
		if (cycle(s, lo) == c)
			return lo;
	return hi;
}

/*
 * The newest blocks before head, XFS_LOG_WINDOW of them, searched for
 * one older than its neighbours (cycle stop), a hole left by a write
 * that never finished: the head is really there.  Where the window
 * wraps, its part at the log's end is one cycle older still.
 */
static uint64_t
holes(struct scan *s, uint64_t head, uint32_t stop)
{
	uint64_t bbs = s->rd->bbs, n, h;

	n = bbs < XFS_LOG_WINDOW ? bbs : XFS_LOG_WINDOW;
	/* Always true only for find_head()'s call with head = bbs. */
	// cppcheck-suppress knownConditionTrueFalse
	if (head >= n)
		return first_of_cycle(s, head - n, head, stop);
	h = first_of_cycle(s, bbs - (n - head), bbs, stop - 1);
	if (h < bbs)
		return h;
	return first_of_cycle(s, 0, head, stop);
}

/*
 * The head (xlog_find_head()): by bisection, the first block of the
 * older cycle, then checked for holes.  The log's size in blocks when
 * it wrapped exactly.
 */
static uint64_t
find_head(struct scan *s, uint32_t first, uint32_t last)
{
	uint64_t lo = 0, hi = s->rd->bbs - 1, mid;

	if (first == last)
		return holes(s, s->rd->bbs, last - 1);
	while (hi - lo > 1 && !s->failed) {
		mid = lo + (hi - lo) / 2;
		if (cycle(s, mid) == last)
			hi = mid;
		else
			lo = mid;
	}
	return holes(s, hi, last);
}

/* A record header's length in basic blocks (v2 logs with big records
 * carry more than one). */
static uint64_t
header_bbs(const unsigned char *h)
{
	uint32_t size = be32(h + 320);

	if (be32(h + 8) == 2 && size > CYCLE_SIZE && size <= MAX_RECORD)
		return (size + CYCLE_SIZE - 1) / CYCLE_SIZE;
	return 1;
}

/*
 * The last record header before the head, searched backwards across the
 * log's start, within the window; its block in *at, its bytes in hdr.
 */
static int
last_record(struct scan *s, uint64_t head, uint64_t *at, unsigned char *hdr)
{
	uint64_t bbs = s->rd->bbs, bb = head, k;
	const unsigned char *b;

	for (k = 0; k < XFS_LOG_WINDOW && k < bbs; k++) {
		bb = bb == 0 ? bbs - 1 : bb - 1;
		b = block(s, bb);
		if (b == NULL)
			return -1;
		if (be32(b) == HEADER_MAGIC) {
			memcpy(hdr, b, XFS_LOG_BB);
			*at = bb;
			return 0;
		}
	}
	return -1;
}

/*
 * Whether the record at rec runs past the head, a write that never
 * finished: then the head backs up to it, as the kernel's does
 * (xlog_find_verify_log_record()).
 */
static bool
partial(const struct scan *s, uint64_t rec, const unsigned char *hdr,
    uint64_t *head)
{
	uint64_t bbs = s->rd->bbs, len = be32(hdr + 12), end;

	end = (rec + header_bbs(hdr) + (len + XFS_LOG_BB - 1) / XFS_LOG_BB) %
	    bbs;
	if (end == *head)
		return false;
	*head = rec;
	return true;
}

/*
 * From the last record: an unmount record alone (one operation, the
 * unmount flag in its operation header, which follows the header's
 * blocks) leaves the log clean, its head the tail; else the tail is the
 * record's tail LSN's block.
 */
static int
read_tail(struct scan *s, uint64_t rec, const unsigned char *hdr,
    struct xfs_log *lg, char *why, size_t whylen)
{
	uint64_t bbs = s->rd->bbs, hb = header_bbs(hdr);
	uint32_t len = be32(hdr + 12), version = be32(hdr + 8);
	const unsigned char *op;

	if ((version != 1 && version != 2) || len > MAX_RECORD) {
		snprintf(why, whylen, "the log record at block %llu: version "
		    "%u, %u bytes", (unsigned long long)rec, version, len);
		return -1;
	}
	lg->cycle = be32(hdr + 4);
	lg->tail = (uint32_t)be64(hdr + 24) % bbs;
	if (be32(hdr + 40) == 1) {
		op = block(s, (rec + hb) % bbs);
		if (op == NULL) {
			snprintf(why, whylen, "the log cannot be read");
			return -1;
		}
		if (op[9] & UNMOUNT_TRANS) {
			lg->state = XFS_LOG_CLEAN;
			lg->head = (rec + hb + (len + XFS_LOG_BB - 1) /
			    XFS_LOG_BB) % bbs;
			lg->tail = lg->head;
			return 0;
		}
	}
	lg->state = XFS_LOG_DIRTY;
	return 0;
}

/* Whether the log needs recovery; -1 (why) when it cannot be told. */
int
xfs_log_find(const struct xfs_log_reader *rd, struct xfs_log *lg, char *why,
    size_t whylen)
{
	struct scan *s;
	unsigned char hdr[XFS_LOG_BB];
	uint32_t first, last;
	uint64_t head, rec;
	int rc = -1;

	memset(lg, 0, sizeof(*lg));
	if (rd->bbs < 2) {
		snprintf(why, whylen, "a log of %llu blocks",
		    (unsigned long long)rd->bbs);
		return -1;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	s->rd = rd;
	s->first = UINT64_MAX;
	first = cycle(s, 0);
	last = cycle(s, rd->bbs - 1);
	if (!s->failed && first == 0) {
		lg->state = XFS_LOG_EMPTY;	/* mkfs zeroed it, nothing since */
		rc = 0;
		goto out;
	}
	head = s->failed ? 0 : find_head(s, first, last) % rd->bbs;
	if (s->failed)
		snprintf(why, whylen, "the log cannot be read");
	else if (last_record(s, head, &rec, hdr) != 0 ||
	    (partial(s, rec, hdr, &head) && last_record(s, head, &rec,
	    hdr) != 0))
		snprintf(why, whylen, "no log record in the %d blocks before "
		    "the head (block %llu)", XFS_LOG_WINDOW,
		    (unsigned long long)head);
	else {
		lg->head = head;
		rc = read_tail(s, rec, hdr, lg, why, whylen);
	}
out:
	free(s);
	return rc;
}

/*
 * Where the internal log is, from the superblock's first 512 bytes:
 * its byte offset in the filesystem and its size in basic blocks.  1
 * when the log is on another device (sb_logstart 0).
 */
int
xfs_log_locate(const unsigned char *sb, uint64_t fs_bytes, uint64_t *offset,
    uint64_t *bbs, char *why, size_t whylen)
{
	uint32_t bsize = be32(sb + 4), agblocks = be32(sb + 84);
	uint32_t agcount = be32(sb + 88), logblocks = be32(sb + 96);
	uint64_t start = be64(sb + 48), agno, agbno, fsblock;
	unsigned int agblklog = sb[124];

	if (start == 0)
		return 1;
	if (agblklog == 0 || agblklog > 31 || bsize < XFS_LOG_BB) {
		snprintf(why, whylen, "superblock: AG block log %u, blocks of "
		    "%u bytes", agblklog, bsize);
		return -1;
	}
	agno = start >> agblklog;
	agbno = start & ((1ULL << agblklog) - 1);
	*bbs = (uint64_t)logblocks * bsize / XFS_LOG_BB;
	fsblock = agno < agcount && agbno < agblocks ?
	    agno * agblocks + agbno : UINT64_MAX;	/* both < 2^32 */
	if (fsblock > fs_bytes / bsize || *bbs < 2 ||
	    (*offset = fsblock * bsize) > fs_bytes ||
	    *bbs > (fs_bytes - *offset) / XFS_LOG_BB) {
		snprintf(why, whylen, "superblock: a log of %u blocks at block "
		    "%llu does not fit the filesystem", logblocks,
		    (unsigned long long)start);
		return -1;
	}
	return 0;
}
