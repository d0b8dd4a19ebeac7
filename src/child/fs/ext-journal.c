/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A dirty ext3/4 journal, replayed in memory (jbd2.c) and served from
 * under libext2fs: an io manager over ext-io.c's that hands out,
 * for each block the journal holds a newer copy of, that copy.  So the
 * superblock, descriptors, inodes, directories and extent trees
 * libext2fs reads are those the guest's kernel would see after its
 * recovery.  Nothing is written to the disk.  File data goes out by
 * sendfile (ext.c), which asks ext_journal_copy() block by block.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ext2fs/ext2fs.h>

#include "child/disk.h"
#include "ext-io.h"
#include "ext-journal.h"

#define JBD2_MAGIC	"\xc0\x3b\x39\x98"

struct journal_blocks {
	blk64_t		*blk;		/* journal block -> filesystem block */
	uint32_t	 n;
	int		 diskfd;
	uint64_t	 offset;
	unsigned int	 blocksize;
};

/* libext2fs' callback type: blocknr may not be const. */
static int
/* cppcheck-suppress constParameter */
add_block(ext2_filsys fs, blk64_t *blocknr, e2_blkcnt_t cnt, blk64_t ref,
    int refoff, void *priv)
{
	struct journal_blocks *j = priv;

	(void)fs;
	(void)ref;
	(void)refoff;
	if (cnt < 0 || (uint64_t)cnt >= j->n)
		return cnt < 0 ? 0 : BLOCK_ABORT;
	if (*blocknr >= ext2fs_blocks_count(fs->super))
		return BLOCK_ABORT;
	j->blk[cnt] = *blocknr;
	return 0;
}

static int
read_jblock(void *ctx, uint32_t jb, unsigned char *buf)
{
	const struct journal_blocks *j = ctx;
	ssize_t n;

	if (jb >= j->n || j->blk[jb] == 0)
		return -1;
	n = pread(j->diskfd, buf, j->blocksize, (off_t)(j->offset +
	    j->blk[jb] * j->blocksize));
	if (n < 0)
		disk_read_error(errno);
	return n == (ssize_t)j->blocksize ? 0 : -1;
}

/*
 * Reads and replays the internal journal of fs, when its superblock says
 * it needs recovery.  Returns 1 with j filled (its map may be empty),
 * 0 when there is nothing to replay, -1 with why (the caller goes on
 * with the filesystem as it is on the disk, as GRUB would read it).
 */
int
ext_journal_load(ext2_filsys fs, int diskfd, uint64_t offset,
    struct ext_journal *j, char *why, size_t whylen)
{
	struct journal_blocks jb = { .diskfd = diskfd, .offset = offset,
	    .blocksize = fs->blocksize };
	struct ext2_inode ino;
	struct jbd2_reader rd;
	ext2_ino_t jino = fs->super->s_journal_inum;

	memset(j, 0, sizeof(*j));
	if (!ext2fs_has_feature_journal_needs_recovery(fs->super))
		return 0;
	if (jino == 0) {
		snprintf(why, whylen, "it is on another device, 0x%x",
		    fs->super->s_journal_dev);
		return -1;
	}
	if (ext2fs_read_inode(fs, jino, &ino) != 0 ||
	    EXT2_I_SIZE(&ino) / fs->blocksize > EXT_JOURNAL_MAX_BLOCKS ||
	    EXT2_I_SIZE(&ino) / fs->blocksize < 2) {
		snprintf(why, whylen, "the journal inode is unreadable or of "
		    "an impossible size");
		return -1;
	}
	jb.n = (uint32_t)(EXT2_I_SIZE(&ino) / fs->blocksize);
	jb.blk = calloc(jb.n, sizeof(*jb.blk));
	if (jb.blk == NULL || ext2fs_block_iterate3(fs, jino,
	    BLOCK_FLAG_READ_ONLY | BLOCK_FLAG_DATA_ONLY, NULL, add_block,
	    &jb) != 0) {
		snprintf(why, whylen, "the journal's blocks cannot be mapped");
		free(jb.blk);
		return -1;
	}
	rd = (struct jbd2_reader){ &jb, read_jblock, fs->blocksize, jb.n,
	    ext2fs_blocks_count(fs->super) };
	if (jbd2_replay(&rd, &j->r, why, whylen) != 0) {
		free(jb.blk);
		return -1;
	}
	j->jblk = jb.blk;
	j->njblk = jb.n;
	j->diskfd = diskfd;
	j->offset = offset;
	j->blocksize = fs->blocksize;
	return 1;
}

void
ext_journal_free(struct ext_journal *j)
{
	jbd2_replay_free(&j->r);
	free(j->jblk);
	j->jblk = NULL;
}

/*
 * Where filesystem block b's newest bytes are: the disk offset of its
 * journal copy, and whether its first four bytes must be given back
 * the journal's magic.  0 when the block is not in the journal.
 */
uint64_t
ext_journal_copy(const struct ext_journal *j, uint64_t b, bool *escaped)
{
	const struct jbd2_map *m;

	if (j == NULL || j->jblk == NULL || (m = jbd2_lookup(&j->r, b)) ==
	    NULL || m->jblock >= j->njblk)
		return 0;
	*escaped = m->escaped;
	return j->offset + j->jblk[m->jblock] * (uint64_t)j->blocksize;
}

/* Overwrites what [from, from+len) of the filesystem read with copies. */
static errcode_t
overlay(const struct ext_journal *j, uint64_t from, size_t len,
    unsigned char *buf)
{
	uint64_t b, start, end, at, src;
	size_t bs = j->blocksize, skip, n;
	unsigned char *tmp;
	bool esc;

	tmp = malloc(bs);
	if (tmp == NULL)
		return EXT2_ET_NO_MEMORY;
	for (b = from / bs; b * bs < from + len; b++) {
		src = ext_journal_copy(j, b, &esc);
		if (src == 0)
			continue;
		if (pread(j->diskfd, tmp, bs, (off_t)src) != (ssize_t)bs) {
			free(tmp);
			return EXT2_ET_SHORT_READ;
		}
		if (esc)
			memcpy(tmp, JBD2_MAGIC, 4);
		start = b * bs > from ? b * bs : from;
		end = (b + 1) * bs < from + len ? (b + 1) * bs : from + len;
		at = start - from;
		skip = (size_t)(start - b * bs);
		n = (size_t)(end - start);
		memcpy(buf + at, tmp + skip, n);
	}
	free(tmp);
	return 0;
}

/* The io manager: ext-io.c's, with the replayed blocks laid over it. */
static const struct ext_journal *pending;	/* for the next open */

struct overlay_chan {
	io_channel		 inner;
	const struct ext_journal *j;
};

static errcode_t
ov_open(const char *name, int flags, io_channel *chan)
{
	struct overlay_chan *o;
	io_channel c;
	errcode_t rc;

	if (flags & IO_FLAG_RW)
		return EXT2_ET_RO_FILSYS;
	c = calloc(1, sizeof(*c));
	o = calloc(1, sizeof(*o));
	if (c == NULL || o == NULL) {
		free(c);
		free(o);
		return EXT2_ET_NO_MEMORY;
	}
	rc = ext_disk_io_manager->open(name, flags, &o->inner);
	if (rc != 0) {
		free(c);
		free(o);
		return rc;
	}
	o->j = pending;
	c->magic = EXT2_ET_MAGIC_IO_CHANNEL;
	c->manager = ext_journal_io_manager;
	c->name = o->inner->name;
	c->block_size = o->inner->block_size;
	c->refcount = 1;
	c->private_data = o;
	*chan = c;
	return 0;
}

static errcode_t
ov_close(io_channel c)
{
	struct overlay_chan *o = c->private_data;
	errcode_t rc;

	if (--c->refcount > 0)
		return 0;
	rc = io_channel_close(o->inner);
	free(o);
	free(c);
	return rc;
}

static errcode_t
ov_set_blksize(io_channel c, int blksize)
{
	struct overlay_chan *o = c->private_data;
	errcode_t rc;

	rc = io_channel_set_blksize(o->inner, blksize);
	if (rc == 0)
		c->block_size = blksize;
	return rc;
}

static errcode_t
ov_read_blk64(io_channel c, unsigned long long block, int count, void *data)
{
	struct overlay_chan *o = c->private_data;
	size_t len = count < 0 ? (size_t)-count :
	    (size_t)count * (size_t)c->block_size;
	errcode_t rc;

	rc = io_channel_read_blk64(o->inner, block, count, data);
	if (rc != 0)
		return rc;
	return overlay(o->j, block * (uint64_t)c->block_size, len, data);
}

static errcode_t
ov_read_blk(io_channel c, unsigned long block, int count, void *data)
{
	return ov_read_blk64(c, block, count, data);
}

static errcode_t
ov_set_option(io_channel c, const char *option, const char *arg)
{
	struct overlay_chan *o = c->private_data;

	if (o->inner->manager->set_option == NULL)
		return EXT2_ET_INVALID_ARGUMENT;
	return o->inner->manager->set_option(o->inner, option, arg);
}

static struct struct_io_manager overlay_manager = {
	.magic = EXT2_ET_MAGIC_IO_MANAGER,
	.name = "xenpvboot journal overlay",
	.open = ov_open,
	.close = ov_close,
	.set_blksize = ov_set_blksize,
	.read_blk = ov_read_blk,
	.write_blk = ext_io_write_blk,
	.flush = ext_io_flush,
	.set_option = ov_set_option,
	.read_blk64 = ov_read_blk64,
	.write_blk64 = ext_io_write_blk64,
};

io_manager ext_journal_io_manager = &overlay_manager;

/* The journal the next open through ext_journal_io_manager lays over. */
void
ext_journal_use(const struct ext_journal *j)
{
	pending = j;
}
