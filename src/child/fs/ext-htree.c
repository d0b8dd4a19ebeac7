/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A name looked up through a directory's htree index, as the kernel
 * does: libext2fs' own lookup scans every block of the directory, which
 * for a /boot/xen of 20,000 entries is a hundred blocks read and parsed
 * for one name.  libext2fs gives the pieces: the hash (ext2fs_dirhash2),
 * the block map (ext2fs_bmap2), checksummed block reads
 * (ext2fs_read_dir_block4) and the index header (ext2fs_get_dx_countlimit);
 * this walks them.  Anything the index does not make plain (no index,
 * casefolding, an odd header, a lying block) returns -1, and the caller
 * falls back to libext2fs' scan.
 */
#include <stdlib.h>
#include <string.h>

#include <ext2fs/ext2_fs.h>
#include <ext2fs/ext2fs.h>

#include "ext-htree.h"

#define MAX_LEVELS	3	/* with largedir; 2 without */

struct dx {
	ext2_filsys		 fs;
	ext2_ino_t		 dir;
	struct ext2_inode	 inode;
	char			*buf;
};

static uint32_t
le32(const void *p)
{
	const unsigned char *b = p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[3] << 24;
}

/* Reads logical block lblk of the directory into dx->buf. */
static int
read_lblk(struct dx *dx, uint32_t lblk)
{
	blk64_t pblk = 0;

	if ((uint64_t)lblk * dx->fs->blocksize >= EXT2_I_SIZE(&dx->inode) ||
	    ext2fs_bmap2(dx->fs, dx->dir, &dx->inode, NULL, 0, lblk, NULL,
	    &pblk) != 0 || pblk == 0 ||
	    ext2fs_read_dir_block4(dx->fs, pblk, dx->buf, 0, dx->dir) != 0)
		return -1;
	return 0;
}

/* In an index block in dx->buf: the block of the last entry <= hash. */
static int
descend(struct dx *dx, uint32_t hash, uint32_t *lblk, uint32_t *next_hash)
{
	struct ext2_dx_countlimit *cl;
	const unsigned char *e;
	unsigned int count, lo, hi, mid;
	int offset;

	if (ext2fs_get_dx_countlimit(dx->fs, (struct ext2_dir_entry *)dx->buf,
	    &cl, &offset) != 0)
		return -1;
	count = ext2fs_le16_to_cpu(cl->count);
	if (count == 0 || count > ext2fs_le16_to_cpu(cl->limit) ||
	    (size_t)offset + (size_t)count * 8 > dx->fs->blocksize)
		return -1;
	/* Entry 0's hash field holds the count and limit: its hash is 0. */
	e = (const unsigned char *)dx->buf + offset;
	lo = 1;
	hi = count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (le32(e + mid * 8) <= hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	*lblk = le32(e + (lo - 1) * 8 + 4);
	*next_hash = lo < count ? le32(e + lo * 8) : UINT32_MAX;
	return 0;
}

/* Scans the leaf block in dx->buf for name: 1 found, 0 not, -1 broken. */
static int
scan_leaf(struct dx *dx, const char *name, size_t len, ext2_ino_t *ino)
{
	struct ext2_dir_entry *d;
	unsigned int off = 0, rec;
	size_t nlen;

	while (off + 8 <= dx->fs->blocksize) {
		d = (struct ext2_dir_entry *)(dx->buf + off);
		if (ext2fs_get_rec_len(dx->fs, d, &rec) != 0 || rec < 8 ||
		    rec % 4 != 0 || rec > dx->fs->blocksize - off)
			return -1;
		nlen = ext2fs_dirent_name_len(d);
		if (nlen + 8 > rec)
			return -1;
		if (d->inode != 0 && nlen == len &&
		    memcmp(d->name, name, len) == 0) {
			*ino = d->inode;
			return 1;
		}
		off += rec;
	}
	return 0;
}

/* The hash the kernel files name under in this directory. */
static int
name_hash(struct dx *dx, unsigned int version, const char *name, size_t len,
    uint32_t *hash)
{
	ext2_dirhash_t h = 0, minor = 0;

	if (version <= EXT2_HASH_TEA &&
	    (dx->fs->super->s_flags & EXT2_FLAGS_UNSIGNED_HASH))
		version += EXT2_HASH_LEGACY_UNSIGNED;
	if (version > EXT2_HASH_TEA_UNSIGNED ||
	    ext2fs_dirhash2((int)version, name, (int)len, NULL, 0,
	    dx->fs->super->s_hash_seed, &h, &minor) != 0)
		return -1;
	*hash = h;
	return 0;
}

static int
lookup(struct dx *dx, const char *name, size_t len, ext2_ino_t *ino)
{
	const struct ext2_dx_root_info *root;
	uint32_t hash, lblk, next_hash = UINT32_MAX;
	unsigned int level, levels;
	int r;

	if (read_lblk(dx, 0) != 0)
		return -1;
	/* "." (12 bytes) and ".." come first; the root info follows. */
	root = (const struct ext2_dx_root_info *)(dx->buf + 24);
	levels = root->indirect_levels;
	if (root->reserved_zero != 0 || root->info_length != 8 ||
	    levels >= MAX_LEVELS || (levels == 2 &&
	    !ext2fs_has_feature_largedir(dx->fs->super)) ||
	    (root->unused_flags & EXT2_HASH_FLAG_INCOMPAT) ||
	    name_hash(dx, root->hash_version, name, len, &hash) != 0)
		return -1;
	for (level = 0; ; level++) {
		if (descend(dx, hash, &lblk, &next_hash) != 0 ||
		    read_lblk(dx, lblk) != 0)
			return -1;
		if (level == levels)
			break;
	}
	r = scan_leaf(dx, name, len, ino);
	/*
	 * Names of one hash may go on in the next leaf (its hash has bit 0
	 * set): rare enough to leave to the full scan.
	 */
	if (r == 0 && (next_hash & 1) && (next_hash & ~1U) == (hash & ~1U))
		return -1;
	return r;
}

int
ext_htree_lookup(ext2_filsys fs, ext2_ino_t dir, const char *name,
    size_t len, ext2_ino_t *ino)
{
	struct dx dx = { .fs = fs, .dir = dir };
	int r = -1;

	if (!ext2fs_has_feature_dir_index(fs->super) || len == 0 ||
	    len > EXT2_NAME_LEN || ext2fs_read_inode(fs, dir, &dx.inode) != 0 ||
	    !LINUX_S_ISDIR(dx.inode.i_mode) ||
	    !(dx.inode.i_flags & EXT2_INDEX_FL) ||
	    (dx.inode.i_flags & (EXT4_CASEFOLD_FL | EXT4_ENCRYPT_FL |
	    EXT4_INLINE_DATA_FL)))
		return -1;
	dx.buf = malloc(fs->blocksize);
	if (dx.buf != NULL)
		r = lookup(&dx, name, len, ino);
	free(dx.buf);
	return r;
}
