/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Paths in an ext filesystem are walked here a component at a time, as
 * the kernel walks them, and not by libext2fs' namei: its link
 * following (1.47) trusts a link's i_size, so an inode whose mode says
 * symlink over a 2 MiB extent-mapped file made it read 2 MiB from a
 * one-block buffer (SIGSEGV in ext2fs_namei_follow).  A link's target is
 * read here, bounded: from the inode (a fast link), its inline data, or
 * its one block; a target must be shorter than a block and than
 * MAX_LINK.  "/" and ".." stop at the guest's root; at most
 * FS_MAX_LINKS links are followed.  Names are looked up through the
 * directory's htree index where it has one (ext-htree.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ext2fs/ext2_err.h>
#include <ext2fs/ext2fs.h>

#include "child/disk.h"
#include "ext-htree.h"
#include "ext-path.h"
#include "fs-impl.h"
#include "xenpvboot.h"

#define MAX_LINK	4095	/* bytes of a link's target */

struct walk {
	ext2_filsys	fs;
	ext2_ino_t	dir;		/* where the next name is looked up */
	int		links;
	char		rest[MAX_GUEST_PATH + MAX_LINK + 2];	/* to walk */
	char		*why;
	size_t		whylen;
};

/*
 * libext2fs's message for rc.  Its fd io manager returns a failed
 * read's errno as the code: an EIO is the disk's, noted for
 * disk_failed().  For every ext reader (ext.c too).
 */
const char *
ext_error(errcode_t rc)
{
	if (rc == EIO)
		disk_read_error(EIO);
	return error_message(rc);
}

static enum fs_lookup
bad(struct walk *w, const char *what)
{
	snprintf(w->why, w->whylen, "%s", what);
	return FS_BAD;
}

/* name's inode in w->dir: 0, EXT2_ET_FILE_NOT_FOUND, or an error. */
static errcode_t
lookup(struct walk *w, const char *name, size_t len, ext2_ino_t *ino)
{
	int r;

	/* An index holds no "." or "..": they head its root block. */
	if (len == 2 && memcmp(name, "..", 2) == 0)
		return ext2fs_lookup(w->fs, w->dir, name, (int)len, NULL, ino);
	r = ext_htree_lookup(w->fs, w->dir, name, len, ino);
	if (r == 1)
		return 0;
	if (r == 0)
		return EXT2_ET_FILE_NOT_FOUND;
	return ext2fs_lookup(w->fs, w->dir, name, (int)len, NULL, ino);
}

/* A link's target into buf (MAX_LINK + 1 bytes), NUL-terminated. */
static int
read_link(struct walk *w, ext2_ino_t ino, struct ext2_inode *inode,
    char *buf)
{
	uint64_t size = EXT2_I_SIZE(inode);
	char *block = NULL;
	size_t got = 0;
	blk64_t pblk = 0;

	if (size == 0 || size > MAX_LINK || size >= w->fs->blocksize)
		return -1;
	if (ext2fs_is_fast_symlink(inode)) {
		memcpy(buf, (const char *)inode->i_block, (size_t)size);
	} else if (inode->i_flags & EXT4_INLINE_DATA_FL) {
		if (ext2fs_inline_data_size(w->fs, ino, &got) != 0 ||
		    got < size || got > w->fs->blocksize ||
		    ext2fs_get_mem(w->fs->blocksize, &block) != 0)
			return -1;
		if (ext2fs_inline_data_get(w->fs, ino, inode, block,
		    &got) != 0 || got < size)
			goto fail;
		memcpy(buf, block, (size_t)size);
	} else {
		if (ext2fs_bmap2(w->fs, ino, inode, NULL, 0, 0, NULL,
		    &pblk) != 0 || pblk == 0 ||
		    pblk >= ext2fs_blocks_count(w->fs->super) ||
		    ext2fs_get_mem(w->fs->blocksize, &block) != 0)
			return -1;
		if (io_channel_read_blk64(w->fs->io, pblk, 1, block) != 0)
			goto fail;
		memcpy(buf, block, (size_t)size);
	}
	ext2fs_free_mem(&block);
	buf[size] = '\0';
	return 0;
fail:
	ext2fs_free_mem(&block);
	return -1;
}

/* The walk goes on along target + "/" + rest. */
static enum fs_lookup
follow(struct walk *w, ext2_ino_t ino, struct ext2_inode *inode,
    const char *rest)
{
	char target[MAX_LINK + 1], tail[sizeof(w->rest)];

	if (++w->links > FS_MAX_LINKS)
		return bad(w, "too many levels of symbolic links");
	if (read_link(w, ino, inode, target) != 0)
		return bad(w, "unreadable symbolic link (its size or blocks "
		    "lie)");
	snprintf(tail, sizeof(tail), "%s", rest);
	if ((size_t)snprintf(w->rest, sizeof(w->rest), "%s/%s", target,
	    tail) >= sizeof(w->rest))
		return bad(w, "symbolic link target too long");
	if (target[0] == '/')
		w->dir = EXT2_ROOT_INO;
	return FS_FOUND;
}

/*
 * One component of the walk; on FS_FOUND *ino is what it names, and a
 * link has been followed when w->rest changed.
 */
static enum fs_lookup
step(struct walk *w, const char *name, size_t len, const char *rest,
    ext2_ino_t *ino, int *linked)
{
	struct ext2_inode inode;
	errcode_t rc;

	*linked = 0;
	if (len == 0 || (len == 1 && name[0] == '.')) {
		*ino = w->dir;
		return FS_FOUND;
	}
	if (len == 2 && memcmp(name, "..", 2) == 0 && w->dir == EXT2_ROOT_INO) {
		*ino = w->dir;		/* "/.." is "/" */
		return FS_FOUND;
	}
	rc = lookup(w, name, len, ino);
	if (rc == EXT2_ET_FILE_NOT_FOUND || rc == EXT2_ET_NO_DIRECTORY)
		return w->links > 0 ? bad(w, "dangling symbolic link") :
		    FS_ABSENT;
	if (rc == 0)
		rc = ext2fs_read_inode(w->fs, *ino, &inode);
	if (rc != 0) {
		snprintf(w->why, w->whylen, "%s", ext_error(rc));
		return FS_BAD;
	}
	if (!LINUX_S_ISLNK(inode.i_mode))
		return FS_FOUND;
	*linked = 1;
	return follow(w, *ino, &inode, rest);
}

/*
 * Walks path from the guest's root, following links; *ino is the inode
 * it names.  FS_ABSENT when a name is missing on the way (or a
 * directory on the way is none), FS_BAD with why for a broken link.
 */
enum fs_lookup
ext_path_resolve(ext2_filsys fs, const char *path, ext2_ino_t *ino,
    char *why, size_t whylen)
{
	struct walk *w;
	const char *p, *end;
	enum fs_lookup r = FS_FOUND;
	int linked;

	w = calloc(1, sizeof(*w));
	if (w == NULL) {
		snprintf(why, whylen, "out of memory");
		return FS_BAD;
	}
	*w = (struct walk){ .fs = fs, .dir = EXT2_ROOT_INO, .why = why,
	    .whylen = whylen };
	snprintf(w->rest, sizeof(w->rest), "%s", path);
	*ino = EXT2_ROOT_INO;
	p = w->rest;
	while (*p != '\0' && r == FS_FOUND) {
		end = strchr(p, '/');
		if (end == NULL)
			end = p + strlen(p);
		r = step(w, p, (size_t)(end - p), *end == '/' ? end + 1 : end,
		    ino, &linked);
		if (r != FS_FOUND)
			break;
		if (linked) {
			p = w->rest;	/* the target, then the rest */
			continue;
		}
		w->dir = *ino;
		p = *end == '/' ? end + 1 : end;
	}
	free(w);
	return r;
}
