/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The filesystems the child reads, chosen by libblkid's TYPE: ext2/3/4
 * through libext2fs (fs/ext.c), XFS v4 and v5 through libfsxfs
 * (fs/xfs.c), each opened on the disk fd at an offset, never a path;
 * and btrfs, FAT, ISO 9660 and every other type Debian's GRUB reads
 * (squashfs, f2fs, UFS, JFS, UDF, NILFS2, ReiserFS, NTFS, exFAT,
 * Minix, EROFS, HFS, HFS+, a ZFS pool) through GRUB's own reader, which
 * the parent runs for us (fs/grub.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disk.h"
#include "fs.h"
#include "child/fs/ext.h"
#include "child/fs/fs-impl.h"
#include "child/fs/grub.h"
#include "child/fs/xfs.h"
#include "xfs-lib.h"

struct guestfs {
	const struct fs_ops	*ops;
	void			*impl;
	char			 note[384];	/* why another reader, or "" */
};

static const struct {
	const char		*type;
	const struct fs_ops	*ops;
} types[] = {
	{ "ext2", &fs_ext_ops }, { "ext3", &fs_ext_ops },
	{ "ext4", &fs_ext_ops }, { "xfs", &fs_xfs_ops },
	/* Every other type libblkid names that Debian's GRUB reads. */
	{ "btrfs", &fs_grub_ops }, { "vfat", &fs_grub_ops },
	{ "iso9660", &fs_grub_ops }, { "squashfs", &fs_grub_ops },
	{ "f2fs", &fs_grub_ops }, { "ufs", &fs_grub_ops },
	{ "jfs", &fs_grub_ops }, { "udf", &fs_grub_ops },
	{ "nilfs2", &fs_grub_ops }, { "reiserfs", &fs_grub_ops },
	{ "ntfs", &fs_grub_ops }, { "exfat", &fs_grub_ops },
	{ "minix", &fs_grub_ops }, { "erofs", &fs_grub_ops },
	{ "hfsplus", &fs_grub_ops }, { "hfs", &fs_grub_ops },
	{ "zfs_member", &fs_grub_ops },
};

static const struct fs_ops *
ops_for(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].type, type) == 0)
			return types[i].ops;
	return NULL;
}

int
fs_supported(const char *type)
{
	return ops_for(type) != NULL;
}

/* Whether GRUB's reader, not one of ours, reads this type. */
bool
fs_by_grub(const char *type)
{
	return ops_for(type) == &fs_grub_ops;
}

/*
 * Whether the filesystem at offset needs a library that is loaded on
 * demand and is not: XFS, whose superblock starts with "XFSB".  Four
 * bytes, read before libblkid probes anything.
 */
bool
fs_wants_library(int fd, uint64_t offset)
{
	unsigned char magic[4];
	ssize_t n;

	if (xfs_lib_loaded())
		return false;
	n = pread(fd, magic, sizeof(magic), (off_t)offset);
	if (n < 0)
		disk_read_error(errno);
	return n == (ssize_t)sizeof(magic) && memcmp(magic, "XFSB", 4) == 0;
}

/*
 * A reader that finds a format it does not read hands the filesystem to
 * GRUB's (an XFS feature libfsxfs does not know, read by the guest's
 * own GRUB): why says both when neither reads it.
 */
static int
open_other(int diskfd, const struct fs_at *at, struct guestfs *g,
    char *why, size_t whylen)
{
	char own[256], grub[256];

	snprintf(own, sizeof(own), "%s", why);
	g->ops = &fs_grub_ops;
	if (g->ops->open(diskfd, at, &g->impl, grub, sizeof(grub)) == 0) {
		snprintf(g->note, sizeof(g->note), "%s: %s", own,
		    g->ops->note(g->impl));
		return 0;
	}
	snprintf(why, whylen, "%s, nor by GRUB's reader (%s)", own, grub);
	return -1;
}

int
fs_open(int diskfd, const struct fs_at *at, const char *type,
    struct guestfs **gp, char *why, size_t whylen)
{
	const struct fs_ops *ops = at->by_grub ? &fs_grub_ops : ops_for(type);
	struct fs_at where = *at;
	struct guestfs *g;
	int rc;

	*gp = NULL;
	if (ops == NULL) {
		snprintf(why, whylen, "%s: not a filesystem xenpvboot reads",
		    type);
		return -1;
	}
	g = calloc(1, sizeof(*g));
	if (g == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	g->ops = ops;
	where.type = type;
	rc = ops->open(diskfd, &where, &g->impl, why, whylen);
	if (rc == FS_OPEN_OTHER_READER && ops != &fs_grub_ops)
		rc = open_other(diskfd, &where, g, why, whylen);
	if (rc != 0) {
		free(g);
		return -1;
	}
	*gp = g;
	return 0;
}

enum fs_lookup
fs_lookup(struct guestfs *g, const char *path, struct fs_file *f,
    char *why, size_t whylen)
{
	/* What a reader does not know (GRUB's: a change time) is 0. */
	memset(f, 0, sizeof(*f));
	return g->ops->lookup(g->impl, path, f, why, whylen);
}

/*
 * -1 when the guest's file cannot be had, FS_OUTPUT_FAILED when the
 * output file could not take it (no space, a quota, an I/O error).
 */
static int
extract(struct guestfs *g, const struct fs_file *f, struct fs_sink *k,
    char *why, size_t whylen)
{
	int rc;

	rc = g->ops->read(g->impl, f, k, why, whylen);
	if (rc == 0 && fs_sink_end(k) != 0)
		rc = -1;
	if (rc != 0 && k->out_errno != 0) {
		snprintf(why, whylen, "writing the output file: %s",
		    strerror(k->out_errno));
		return FS_OUTPUT_FAILED;
	}
	return rc;
}

/* The whole file into buf, which holds f->size bytes. */
int
fs_read(struct guestfs *g, const struct fs_file *f, void *buf, char *why,
    size_t whylen)
{
	struct fs_sink k = { .fd = -1, .buf = buf, .size = f->size };

	return extract(g, f, &k, why, whylen);
}

/*
 * The whole file into the file fd, replacing what it held.  An empty
 * fd is not truncated: ext4 takes a truncation to zero for a file being
 * replaced and starts writing it back on close (auto_da_alloc), which
 * the parent would wait for.
 */
int
fs_copy(struct guestfs *g, const struct fs_file *f, int fd, char *why,
    size_t whylen)
{
	struct fs_sink k = { .fd = fd, .size = f->size };
	struct stat st;

	if (fstat(fd, &st) != 0 || (st.st_size != 0 && ftruncate(fd, 0) != 0)) {
		snprintf(why, whylen, "emptying the output file: %s",
		    strerror(errno));
		return FS_OUTPUT_FAILED;
	}
	return extract(g, f, &k, why, whylen);
}

int
fs_list(struct guestfs *g, const char *path,
    char (*names)[FS_NAME_MAX], size_t max, size_t *n, char *why,
    size_t whylen)
{
	return g->ops->list(g->impl, path, names, max, n, why, whylen);
}

/* What -v should know of how the filesystem is read, or NULL. */
const char *
fs_note(struct guestfs *g)
{
	if (g->note[0] != '\0')
		return g->note;
	return g->ops->note != NULL ? g->ops->note(g->impl) : NULL;
}

/* What the admin should know of how it is read, even without -v. */
const char *
fs_warning(struct guestfs *g)
{
	return g->ops->warning != NULL ? g->ops->warning(g->impl) : NULL;
}

/*
 * Drops a journal replayed in memory: the filesystem reads the state on
 * the disk from now on.  1 if it did, 0 if there was none, -1 (why)
 * if the disk's state cannot be opened.
 */
int
fs_unreplay(struct guestfs *g, char *why, size_t whylen)
{
	return g->ops->unreplay != NULL ? g->ops->unreplay(g->impl, why,
	    whylen) : 0;
}

void
fs_close(struct guestfs *g)
{
	if (g == NULL)
		return;
	g->ops->close(g->impl);
	free(g);
}
