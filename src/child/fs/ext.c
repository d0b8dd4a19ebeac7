/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ext2/3/4 through libext2fs, on the disk fd with an io manager that
 * shares it (ext-io.c) and "offset=", so the child opens no path.  Lookups resolve
 * symlinks inside the guest filesystem only (libext2fs' namei treats the
 * filesystem root as "/"), bounded by EXT2FS_MAX_NESTED_LINKS.
 */
#include <errno.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ext2fs/ext2_err.h>
#include <ext2fs/ext2_fs.h>
#include <ext2fs/ext2fs.h>

#include "child/disk.h"
#include "ext-io.h"
#include "ext-journal.h"
#include "ext-map.h"
#include "ext-path.h"
#include "xenpvboot.h"
#include "ext.h"
#include "fs-impl.h"

#define INLINE_CHUNK	4096	/* inline data fits an inode's block */

struct extfs {
	ext2_filsys	fs;
	int		diskfd;		/* the child's, which fs->io shares */
	uint64_t	offset;		/* of the filesystem on the disk */
	blk64_t		meta_end;	/* group 0's superblock and descriptors */
	struct ext_journal j;		/* replayed in memory, or empty */
	bool		replayed;	/* fs reads through j */
	char		note[MSG_TEXT_MAX / 2];	/* for -v: the journal */
	char		warning[MSG_TEXT_MAX / 2];	/* for everyone */
};

static void	ext_close(void *);

/*
 * Superblock lies that libext2fs 1.47 takes on trust.  With
 * EXT2_FLAG_SUPER_ONLY it reads a group descriptor when first needed,
 * and a descriptor it cannot read (past the end of a truncated image)
 * or one past the last group (ext2fs_read_inode2() checks "group >
 * count") becomes a NULL dereference inside the library.  So the
 * filesystem must fit its partition, and its inodes its groups.
 */
static int
check_super(ext2_filsys fs, uint64_t size, char *why, size_t whylen)
{
	const struct ext2_super_block *sb = fs->super;
	uint64_t blocks = ext2fs_blocks_count(fs->super);

	if (blocks > size / EXT2_BLOCK_SIZE(sb)) {
		snprintf(why, whylen, "superblock: %" PRIu64 " blocks of %u "
		    "bytes do not fit the %" PRIu64 " bytes of the partition",
		    blocks, EXT2_BLOCK_SIZE(sb), size);
		return -1;
	}
	if (sb->s_inodes_per_group == 0 || (uint64_t)sb->s_inodes_per_group *
	    fs->group_desc_count < sb->s_inodes_count) {
		snprintf(why, whylen, "superblock: %u inodes do not fit %u "
		    "groups of %u", sb->s_inodes_count, fs->group_desc_count,
		    sb->s_inodes_per_group);
		return -1;
	}
	return 0;
}

/*
 * The end of the blocks at the start of the filesystem that no file
 * may hold: the boot block, the superblock, the group descriptors and
 * their reserve.  A file whose extent points there (at block 0, say)
 * lies.
 */
static blk64_t
metadata_end(ext2_filsys fs)
{
	blk64_t super = 0, old_desc = 0, new_desc = 0;
	blk_t used = 0;

	if (ext2fs_super_and_bgd_loc2(fs, 0, &super, &old_desc, &new_desc,
	    &used) != 0)
		return (blk64_t)fs->super->s_first_data_block + 1;
	return (blk64_t)fs->super->s_first_data_block + used;
}

/* libext2fs on the disk fd, which it shares and never closes (ext-io.c). */
static int
open_on(const struct extfs *g, io_manager io, ext2_filsys *fs, char *why,
    size_t whylen)
{
	char name[16], opts[64];
	errcode_t rc;

	snprintf(name, sizeof(name), "%d", g->diskfd);
	snprintf(opts, sizeof(opts), "offset=%" PRIu64, g->offset);
	/*
	 * SUPER_ONLY: group descriptors are read when a lookup needs them,
	 * not all at open, so the cost does not grow with the filesystem.
	 */
	rc = ext2fs_open2(name, opts, EXT2_FLAG_64BITS |
	    EXT2_FLAG_SUPER_ONLY, 0, 0, io, fs);
	if (rc != 0) {
		snprintf(why, whylen, "%s", ext_error(rc));
		return -1;
	}
	return 0;
}

/*
 * A journal that needs recovery is replayed in memory and the
 * filesystem opened again over it: what the guest's kernel would see.
 * A journal that cannot be replayed, or a filesystem that does not
 * open over it, leaves the state on the disk, as GRUB reads it.
 */
static void
replay_journal(struct extfs *g, uint64_t size)
{
	ext2_filsys replayed;
	char why[128];
	int r;

	r = ext_journal_load(g->fs, g->diskfd, g->offset, &g->j, why,
	    sizeof(why));
	if (r < 0)
		snprintf(g->note, sizeof(g->note), "journal not replayed (%s): "
		    "the state read is the one on the disk", why);
	if (r <= 0)
		return;
	/* An empty log (needs_recovery alone), or no commit that holds. */
	if (g->j.r.transactions == 0) {
		snprintf(g->note, sizeof(g->note), "journal: marked as needing "
		    "recovery, but its log holds no whole transaction (the "
		    "next would be %u)%s: nothing replayed", g->j.r.first_seq,
		    g->j.r.bad_commit ? "; the log ends at a commit block "
		    "whose checksum fails" : "");
		ext_journal_free(&g->j);
		return;
	}
	ext_journal_use(&g->j);
	r = open_on(g, ext_journal_io_manager, &replayed, why, sizeof(why));
	ext_journal_use(NULL);
	if (r == 0 && check_super(replayed, size, why, sizeof(why)) != 0) {
		ext2fs_close_free(&replayed);
		r = -1;
	}
	if (r != 0) {
		snprintf(g->note, sizeof(g->note), "journal not replayed (the "
		    "replayed filesystem: %s): the state read is the one on "
		    "the disk", why);
		ext_journal_free(&g->j);
		return;
	}
	ext2fs_close_free(&g->fs);
	g->fs = replayed;
	g->replayed = true;
	snprintf(g->note, sizeof(g->note), "journal: %u transactions "
	    "replayed in memory (sequence %u..%u), %zu blocks%s%s",
	    g->j.r.transactions, g->j.r.first_seq, g->j.r.end_seq - 1,
	    g->j.r.n, g->j.r.bad_commit ? "; the log ends at a commit "
	    "block whose checksum fails" : "", g->j.r.fast_commit ?
	    "; fast-commit blocks not replayed" : "");
	/* What the guest changed after its last full commit is not seen. */
	if (g->j.r.fast_commit)
		snprintf(g->warning, sizeof(g->warning), "the journal's "
		    "fast commits after transaction %u are not replayed: the "
		    "state read is the one that transaction left",
		    g->j.r.end_seq - 1);
	if (g->j.r.bad_blocks + g->j.r.outside > 0)
		snprintf(g->note + strlen(g->note), sizeof(g->note) -
		    strlen(g->note), "; %u logged blocks left out (checksum "
		    "failed, or past the filesystem's end)",
		    g->j.r.bad_blocks + g->j.r.outside);
}

static int
ext_open(int diskfd, const struct fs_at *at, void **gp, char *why,
    size_t whylen)
{
	struct extfs *g;
	static bool messages;

	*gp = NULL;
	/* error_message() needs libext2fs' table to name its codes. */
	if (!messages) {
		initialize_ext2_error_table();
		messages = true;
	}
	g = calloc(1, sizeof(*g));
	if (g == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	g->diskfd = diskfd;
	g->offset = at->offset;
	if (open_on(g, ext_disk_io_manager, &g->fs, why, whylen) != 0) {
		free(g);
		return -1;
	}
	if (check_super(g->fs, at->size, why, whylen) != 0) {
		ext_close(g);
		return -1;
	}
	replay_journal(g, at->size);
	g->meta_end = metadata_end(g->fs);
	*gp = g;
	return 0;
}

static enum fs_lookup
ext_lookup(void *impl, const char *path, struct fs_file *f, char *why,
    size_t whylen)
{
	struct extfs *g = impl;
	struct ext2_inode inode;
	enum fs_lookup r;
	ext2_ino_t ino;
	errcode_t rc;

	r = ext_path_resolve(g->fs, path, &ino, why, whylen);
	if (r != FS_FOUND)
		return r;
	if (ino == 0 || ino > g->fs->super->s_inodes_count) {
		snprintf(why, whylen, "inode %u out of range", ino);
		return FS_BAD;
	}
	/*
	 * The inodes below s_first_ino are the filesystem's own (the
	 * journal, the resize inode, ...): a name that leads to one does
	 * not make it a file, whatever its mode says.
	 */
	if (ino < EXT2_FIRST_INO(g->fs->super)) {
		snprintf(why, whylen, "not a regular file: reserved inode %u "
		    "(the filesystem's own)", ino);
		return FS_BAD;
	}
	rc = ext2fs_read_inode(g->fs, ino, &inode);
	if (rc != 0) {
		snprintf(why, whylen, "%s", ext_error(rc));
		return FS_BAD;
	}
	if (!LINUX_S_ISREG(inode.i_mode)) {
		snprintf(why, whylen, "%s", fs_mode_reason(inode.i_mode));
		return FS_BAD;
	}
	f->ino = ino;
	f->size = EXT2_I_SIZE(&inode);
	f->ctime_ns = (int64_t)inode.i_ctime * 1000000000;
	return FS_FOUND;
}

/*
 * The file goes out a run of contiguous blocks at a time: one copy per
 * extent instead of libext2fs' one read per block.  A run is clipped to
 * the file's size and must lie inside the filesystem.  Runs must come
 * in file order, which also bounds the work by the file's size,
 * whatever the tree.
 */
struct reader {
	ext2_filsys	 fs;
	const struct extfs *g;
	struct fs_sink	*sink;
	uint64_t	 size;
	uint64_t	 next;		/* file bytes placed so far */
	errcode_t	 rc;
	const char	*lie;		/* what the metadata got wrong */
	struct ext_map	 map;		/* the blocks read, and the map's */
	char		 said[96];	/* a lie with its block named */
};

/*
 * len bytes of the blocks from pblk on, placed at file offset off: from
 * the disk, but a block a replayed journal holds from its copy there
 * (the block as a journalled data write left it).
 */
static int
sink_blocks(struct reader *r, blk64_t pblk, uint64_t off, uint64_t len)
{
	const struct extfs *g = r->g;
	uint64_t bs = r->fs->blocksize, done = 0, run, src, n;
	unsigned char *tmp;
	bool esc;

	if (g->j.jblk == NULL)
		return fs_sink_disk(r->sink, g->diskfd, g->offset + pblk * bs,
		    off, len);
	while (done < len) {
		src = ext_journal_copy(&g->j, pblk + done / bs, &esc);
		if (src == 0) {
			for (run = bs; done + run < len && ext_journal_copy(&g->j,
			    pblk + (done + run) / bs, &esc) == 0; run += bs)
				;
			n = run < len - done ? run : len - done;
			if (fs_sink_disk(r->sink, g->diskfd, g->offset +
			    pblk * bs + done, off + done, n) != 0)
				return -1;
		} else {
			n = bs < len - done ? bs : len - done;
			if (!esc && fs_sink_disk(r->sink, g->diskfd, src,
			    off + done, n) != 0)
				return -1;
			if (esc) {
				tmp = malloc(bs);
				if (tmp == NULL || pread(g->diskfd, tmp, bs,
				    (off_t)src) != (ssize_t)bs) {
					free(tmp);
					errno = EIO;
					return -1;
				}
				memcpy(tmp, "\xc0\x3b\x39\x98", 4);
				n = fs_sink_bytes(r->sink, off + done, tmp,
				    (size_t)n) == 0 ? n : 0;
				free(tmp);
				if (n == 0)
					return -1;
			}
		}
		done += n;
	}
	return 0;
}

static int
read_run(struct reader *r, blk64_t pblk, blk64_t lblk, uint64_t count)
{
	unsigned int bs = r->fs->blocksize;
	uint64_t off, len;

	if (lblk > r->size / bs)
		return 0;		/* past the end: i_size wins */
	off = (uint64_t)lblk * bs;
	if (off < r->next) {
		r->lie = "blocks out of order or mapped twice";
		return -1;
	}
	if (pblk > ext2fs_blocks_count(r->fs->super) ||
	    count > ext2fs_blocks_count(r->fs->super) - pblk) {
		r->lie = "blocks beyond the end of the filesystem";
		return -1;
	}
	if (pblk < r->g->meta_end) {
		r->lie = "blocks in the superblock and group descriptors";
		return -1;
	}
	len = r->size - off < count * bs ? r->size - off : count * bs;
	if (ext_map_data(&r->map, pblk, (len + bs - 1) / bs) != 0) {
		r->rc = ENOMEM;
		return -1;
	}
	if (len > 0 && sink_blocks(r, pblk, off, len) != 0) {
		r->rc = errno == ENODATA ? EXT2_ET_SHORT_READ : errno;
		return -1;
	}
	r->next = off + len;
	return 0;
}

static int
read_extents(struct reader *r, ext2_ino_t ino, struct ext2_inode *inode)
{
	ext2_extent_handle_t h;
	struct ext2fs_extent e;
	uint64_t steps;
	int op = EXT2_EXTENT_ROOT;

	r->rc = ext2fs_extent_open2(r->fs, ino, inode, &h);
	if (r->rc != 0)
		return -1;
	/* Each leaf holds a block or more, each index block a leaf or more. */
	steps = 4 * (r->size / r->fs->blocksize) + 64;
	while ((r->rc = ext2fs_extent_get(h, op, &e)) == 0) {
		op = EXT2_EXTENT_NEXT;
		if (steps-- == 0) {
			r->lie = "extent tree larger than the file";
			break;
		}
		if (e.e_flags & EXT2_EXTENT_FLAGS_SECOND_VISIT)
			continue;
		/* An index entry: e_pblk is the tree block below it. */
		if (!(e.e_flags & EXT2_EXTENT_FLAGS_LEAF)) {
			if (ext_map_meta(&r->map, e.e_pblk) != 0) {
				r->rc = ENOMEM;
				break;
			}
			continue;
		}
		if (e.e_len == 0)
			continue;
		/* Unwritten extents read as zeros, as the kernel reads them. */
		if (e.e_flags & EXT2_EXTENT_FLAGS_UNINIT)
			continue;
		if (read_run(r, e.e_pblk, e.e_lblk, e.e_len) != 0)
			break;
	}
	ext2fs_extent_free(h);
	if (r->rc == EXT2_ET_EXTENT_NO_NEXT)
		r->rc = 0;
	return r->rc != 0 || r->lie != NULL ? -1 : 0;
}

struct blockmap {
	struct reader	*r;
	blk64_t		 pblk, lblk, count;	/* the run being gathered */
};

/* libext2fs' callback type: blocknr may not be const. */
static int
/* cppcheck-suppress constParameter */
map_one(ext2_filsys fs, blk64_t *blocknr, e2_blkcnt_t blockcnt,
    blk64_t ref_blk, int ref_offset, void *priv)
{
	struct blockmap *m = priv;

	(void)fs;
	(void)ref_blk;
	(void)ref_offset;
	/* An indirect block (-1, -2, -3), before the blocks it lists. */
	if (blockcnt < 0) {
		if (ext_map_meta(&m->r->map, *blocknr) == 0)
			return 0;
		m->r->rc = ENOMEM;
		return BLOCK_ABORT;
	}
	if (m->count > 0 && *blocknr == m->pblk + m->count &&
	    (blk64_t)blockcnt == m->lblk + m->count) {
		m->count++;
		return 0;
	}
	if (m->count > 0 && read_run(m->r, m->pblk, m->lblk, m->count) != 0)
		return BLOCK_ABORT;
	m->pblk = *blocknr;
	m->lblk = (blk64_t)blockcnt;
	m->count = 1;
	return 0;
}

/* ext2/3 block maps: libext2fs walks the indirect blocks for us. */
static int
read_blockmap(struct reader *r, ext2_ino_t ino)
{
	struct blockmap m = { .r = r };
	errcode_t rc;

	rc = ext2fs_block_iterate3(r->fs, ino, BLOCK_FLAG_READ_ONLY, NULL,
	    map_one, &m);
	if (rc == 0 && r->rc == 0 && r->lie == NULL && m.count > 0)
		read_run(r, m.pblk, m.lblk, m.count);
	if (rc != 0 && r->rc == 0)
		r->rc = rc;
	return r->rc != 0 || r->lie != NULL ? -1 : 0;
}

/* Inline data: libext2fs' own file reader knows where it lives. */
static errcode_t
read_inline(struct extfs *g, const struct fs_file *f, struct fs_sink *k)
{
	char buf[INLINE_CHUNK];
	ext2_file_t file;
	uint64_t done = 0;
	unsigned int want, got;
	errcode_t rc;

	rc = ext2fs_file_open(g->fs, (ext2_ino_t)f->ino, 0, &file);
	if (rc != 0)
		return rc;
	while (done < f->size) {
		want = f->size - done > sizeof(buf) ? sizeof(buf) :
		    (unsigned int)(f->size - done);
		rc = ext2fs_file_read(file, buf, want, &got);
		if (rc != 0)
			break;
		if (got == 0) {
			rc = EXT2_ET_SHORT_READ;
			break;
		}
		if (fs_sink_bytes(k, done, buf, got) != 0) {
			rc = errno;
			break;
		}
		done += got;
	}
	ext2fs_file_close(file);
	return rc;
}

/* Its data on none of the blocks that map it (ext-map.c). */
static int
own_map(struct reader *r)
{
	uint64_t b = ext_map_overlap(&r->map);

	if (b == 0)
		return 0;
	snprintf(r->said, sizeof(r->said), "block %" PRIu64 " is both the "
	    "file's data and a block of its own map, or two of them", b);
	r->lie = r->said;
	return -1;
}

/*
 * Puts the whole file into the sink.  A file whose blocks end early
 * reads as zeros there, as the kernel would.
 */
static int
ext_read(void *impl, const struct fs_file *f, struct fs_sink *k, char *why,
    size_t whylen)
{
	struct extfs *g = impl;
	struct reader r = { .fs = g->fs, .g = g, .sink = k, .size = f->size };
	struct ext2_inode inode;
	ext2_ino_t ino = (ext2_ino_t)f->ino;
	int rc;

	r.rc = ext2fs_read_inode(g->fs, ino, &inode);
	if (r.rc != 0)
		goto bad;
	if (inode.i_flags & EXT4_INLINE_DATA_FL) {
		r.rc = read_inline(g, f, k);
		if (r.rc != 0)
			goto bad;
		return 0;
	}
	if (inode.i_flags & EXT4_EXTENTS_FL)
		rc = read_extents(&r, ino, &inode);
	else
		rc = read_blockmap(&r, ino);
	if (rc == 0)
		rc = own_map(&r);
	ext_map_free(&r.map);
	if (rc == 0)
		return 0;
	if (r.lie != NULL) {
		snprintf(why, whylen, "while reading: %s", r.lie);
		return -1;
	}
bad:
	snprintf(why, whylen, "while reading: %s", ext_error(r.rc));
	return -1;
}

struct listing {
	char	(*names)[FS_NAME_MAX];
	size_t	 max;
	size_t	 n;
};

static int
list_one(struct ext2_dir_entry *d, int offset, int blocksize, char *buf,
    void *priv)
{
	struct listing *l = priv;
	size_t len = ext2fs_dirent_name_len(d);

	(void)offset;
	(void)blocksize;
	(void)buf;
	if (l->n >= l->max)
		return DIRENT_ABORT;
	if (len == 0 || len >= sizeof(l->names[0]) ||
	    (len <= 2 && memcmp(d->name, "..", len) == 0))
		return 0;
	memcpy(l->names[l->n], d->name, len);
	l->names[l->n][len] = '\0';
	l->n++;
	return 0;
}

/*
 * The names in directory path (at most max; "." and ".." left out).
 * Returns 0, 1 when there is no such directory, or -1.
 */
static int
ext_list(void *impl, const char *path,
    char (*names)[FS_NAME_MAX], size_t max, size_t *n, char *why,
    size_t whylen)
{
	struct extfs *g = impl;
	struct listing l = { .names = names, .max = max };
	ext2_ino_t ino;
	errcode_t rc;

	*n = 0;
	rc = ext2fs_namei_follow(g->fs, EXT2_ROOT_INO, EXT2_ROOT_INO, path,
	    &ino);
	if (rc == EXT2_ET_FILE_NOT_FOUND || rc == EXT2_ET_NO_DIRECTORY)
		return 1;
	if (rc == 0)
		rc = ext2fs_dir_iterate(g->fs, ino, 0, NULL, list_one, &l);
	if (rc == EXT2_ET_NO_DIRECTORY)
		return 1;
	if (rc != 0) {
		snprintf(why, whylen, "%s: %s", path, ext_error(rc));
		return -1;
	}
	*n = l.n;
	return 0;
}

static void
ext_close(void *impl)
{
	struct extfs *g = impl;

	if (g == NULL)
		return;
	ext2fs_close_free(&g->fs);
	ext_journal_free(&g->j);
	free(g);
}

/*
 * Back to the state on the disk, which GRUB and pygrub read: the
 * search's last resort when nothing boots from the replayed one.
 */
static int
ext_unreplay(void *impl, char *why, size_t whylen)
{
	struct extfs *g = impl;
	ext2_filsys disk;

	if (!g->replayed)
		return 0;
	if (open_on(g, ext_disk_io_manager, &disk, why, whylen) != 0)
		return -1;
	ext2fs_close_free(&g->fs);
	ext_journal_free(&g->j);
	g->fs = disk;
	g->replayed = false;
	g->warning[0] = '\0';
	g->meta_end = metadata_end(g->fs);
	snprintf(g->note, sizeof(g->note), "journal ignored: the state read "
	    "is the one on the disk");
	return 1;
}

static const char *
ext_note(void *impl)
{
	const struct extfs *g = impl;

	return g->note[0] != '\0' ? g->note : NULL;
}

static const char *
ext_warning(void *impl)
{
	const struct extfs *g = impl;

	return g->warning[0] != '\0' ? g->warning : NULL;
}

const struct fs_ops fs_ext_ops = {
	.name = "ext",
	.open = ext_open,
	.lookup = ext_lookup,
	.read = ext_read,
	.list = ext_list,
	.close = ext_close,
	.note = ext_note,
	.unreplay = ext_unreplay,
	.warning = ext_warning,
};
