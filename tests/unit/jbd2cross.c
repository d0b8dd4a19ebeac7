/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cross-checks our in-memory journal replay (src/child/fs/jbd2.c)
 * against e2fsck's own recovery, the reference:
 *   jbd2cross DIRTY RECOVERED
 * DIRTY is an ext3/4 image whose journal needs recovery; RECOVERED is a
 * copy after "e2fsck -E journal_only".  Every block we map must hold, in
 * the journal, what e2fsck wrote home; every block e2fsck changed, but
 * the superblock and the journal's own, must be one we map.  Prints the
 * replay's figures, then "ok" or "FAIL" lines, as tests/run.sh counts.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ext2fs/ext2fs.h>

#include "child/fs/jbd2.h"

struct journal {
	ext2_filsys	 fs;
	int		 fd;
	blk64_t		*blocks;	/* journal block -> fs block */
	uint32_t	 n;
};

static int
read_jblock(void *ctx, uint32_t jb, unsigned char *buf)
{
	struct journal *j = ctx;
	size_t bs = j->fs->blocksize;

	if (jb >= j->n || j->blocks[jb] == 0)
		return -1;
	return pread(j->fd, buf, bs, (off_t)(j->blocks[jb] * bs)) ==
	    (ssize_t)bs ? 0 : -1;
}

static int
map_journal(struct journal *j)
{
	struct ext2_inode ino;
	uint32_t i;

	if (ext2fs_read_inode(j->fs, j->fs->super->s_journal_inum, &ino) != 0)
		return -1;
	j->n = (uint32_t)(EXT2_I_SIZE(&ino) / j->fs->blocksize);
	j->blocks = calloc(j->n, sizeof(*j->blocks));
	if (j->blocks == NULL)
		return -1;
	for (i = 0; i < j->n; i++)
		if (ext2fs_bmap2(j->fs, j->fs->super->s_journal_inum, &ino,
		    NULL, 0, i, NULL, &j->blocks[i]) != 0)
			return -1;
	return 0;
}

static bool
is_journal(const struct journal *j, uint64_t b)
{
	uint32_t i;

	for (i = 0; i < j->n; i++)
		if (j->blocks[i] == b)
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	struct journal j = { 0 };
	struct jbd2_replay r;
	struct jbd2_reader rd;
	const struct jbd2_map *m;
	unsigned char *a, *b;
	char why[256];
	uint64_t blk, nblocks, mismatched = 0, missed = 0;
	size_t bs, i;
	int rfd, fails = 0;

	if (argc != 3)
		return 2;
	/* Each line out before a sanitizer's report ends the process. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (ext2fs_open(argv[1], EXT2_FLAG_64BITS, 0, 0, unix_io_manager,
	    &j.fs) != 0 || map_journal(&j) != 0)
		return printf("FAIL unit/jbd2cross: %s: cannot open\n",
		    argv[1]), 1;
	bs = j.fs->blocksize;
	nblocks = ext2fs_blocks_count(j.fs->super);
	j.fd = open(argv[1], O_RDONLY);
	rfd = open(argv[2], O_RDONLY);
	a = malloc(bs);
	b = malloc(bs);
	if (j.fd < 0 || rfd < 0 || a == NULL || b == NULL)
		return 1;
	rd = (struct jbd2_reader){ &j, read_jblock, (uint32_t)bs, j.n, nblocks };
	if (jbd2_replay(&rd, &r, why, sizeof(why)) != 0)
		return printf("FAIL unit/jbd2cross: %s: %s\n", argv[1], why), 1;
	printf("jbd2cross: %s: %" PRIu32 " transactions (%" PRIu32 "..%"
	    PRIu32 "), %zu blocks, %u revoked, %u outside, %u bad\n",
	    argv[1], r.transactions, r.first_seq, r.end_seq, r.n,
	    r.revoke_hits, r.outside, r.bad_blocks);
	/* What we map is what e2fsck wrote home. */
	for (i = 0; i < r.n; i++) {
		m = &r.map[i];
		/* e2fsck rewrites the superblock once it has replayed. */
		if (m->fsblock * bs < 2048)
			continue;
		if (read_jblock(&j, m->jblock, a) != 0 ||
		    pread(rfd, b, bs, (off_t)(m->fsblock * bs)) != (ssize_t)bs)
			continue;
		if (m->escaped)
			memcpy(a, "\xc0\x3b\x39\x98", 4);
		if (memcmp(a, b, bs) != 0)
			mismatched++;
	}
	/* What e2fsck changed (but its own superblock work) we map. */
	for (blk = 0; blk < nblocks; blk++) {
		if (blk * bs < 2048 || is_journal(&j, blk))
			continue;
		if (pread(j.fd, a, bs, (off_t)(blk * bs)) != (ssize_t)bs ||
		    pread(rfd, b, bs, (off_t)(blk * bs)) != (ssize_t)bs)
			break;
		if (memcmp(a, b, bs) != 0 && jbd2_lookup(&r, blk) == NULL)
			missed++;
	}
	if (mismatched != 0) {
		printf("FAIL unit/jbd2cross: %s: %" PRIu64 " mapped blocks "
		    "differ from e2fsck's\n", argv[1], mismatched);
		fails++;
	} else
		printf("ok unit/jbd2cross: %s: every mapped block as e2fsck "
		    "wrote it\n", argv[1]);
	if (missed != 0) {
		printf("FAIL unit/jbd2cross: %s: %" PRIu64 " blocks e2fsck "
		    "replayed are not mapped\n", argv[1], missed);
		fails++;
	} else
		printf("ok unit/jbd2cross: %s: every block e2fsck replayed is "
		    "mapped\n", argv[1]);
	jbd2_replay_free(&r);
	free(a);
	free(b);
	free(j.blocks);
	close(rfd);
	close(j.fd);
	ext2fs_close_free(&j.fs);
	return fails != 0;
}
