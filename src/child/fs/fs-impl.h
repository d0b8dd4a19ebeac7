/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One filesystem implementation behind fs.h: fs.c picks it by libblkid's
 * TYPE and calls it through this table (each reader's header names its
 * own: ext.h, xfs.h, grub.h).  Each keeps its own state
 * behind the opaque pointer its open() returns.
 */
#ifndef XENPVBOOT_FS_IMPL_H
#define XENPVBOOT_FS_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "child/fs/types.h"

/*
 * Where an implementation's read() puts a file's bytes, in increasing
 * file offsets: into buf (size bytes), or into the file fd at the same
 * offsets.  Bytes still on the disk go by fs_sink_disk(), which for an
 * fd lets the kernel copy them from the disk's page cache (sendfile):
 * they never pass through the child's memory.  Holes are left to read
 * as zeros; fs.c finishes the sink.
 */
struct fs_sink {
	int		 fd;		/* -1: buf */
	unsigned char	*buf;
	uint64_t	 size;
	uint64_t	 done;		/* bytes before this are placed */
	int		 out_errno;	/* the output file failed: errno */
};

int	fs_sink_disk(struct fs_sink *k, int diskfd, uint64_t diskoff,
	    uint64_t off, uint64_t len);
int	fs_sink_bytes(struct fs_sink *k, uint64_t off, const void *bytes,
	    size_t len);
int	fs_sink_end(struct fs_sink *k);

/*
 * open() returns 0, -1 with why, or FS_OPEN_OTHER_READER with why: the
 * filesystem uses a format this reader does not read (fs.c offers it
 * to GRUB's reader).
 */
#define FS_OPEN_OTHER_READER	1

struct fs_ops {
	const char	*name;
	int		 (*open)(int, const struct fs_at *, void **, char *,
			    size_t);
	enum fs_lookup	 (*lookup)(void *, const char *, struct fs_file *,
			    char *, size_t);
	int		 (*read)(void *, const struct fs_file *,
			    struct fs_sink *, char *, size_t);
	int		 (*list)(void *, const char *, char (*)[FS_NAME_MAX],
			    size_t, size_t *, char *, size_t);
	void		 (*close)(void *);
	const char	*(*note)(void *);	/* for -v, or NULL */
	int		 (*unreplay)(void *, char *, size_t);	/* or NULL */
	const char	*(*warning)(void *);	/* for everyone, or NULL */
};

/* Why an inode that a path names is not a file we may read. */
static inline const char *
fs_mode_reason(unsigned int mode)
{
	if (S_ISDIR(mode))
		return "is a directory";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "is a device node";
	if (S_ISFIFO(mode))
		return "is a FIFO";
	if (S_ISSOCK(mode))
		return "is a socket";
	return "is not a regular file";
}

/* Symbolic links followed in one lookup, as libext2fs allows. */
#define FS_MAX_LINKS	8

#endif /* XENPVBOOT_FS_IMPL_H */
