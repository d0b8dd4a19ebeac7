/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The words fs.c, its callers and the readers behind it share: where a
 * filesystem is, a file found in it, what a lookup says.  No function:
 * a reader includes this and fs-impl.h, never fs.h, so that fs.c, which
 * calls the readers, is not one they reach back.
 */
#ifndef XENPVBOOT_FS_TYPES_H
#define XENPVBOOT_FS_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#define FS_GRUB_DEV_MAX	72	/* "lvm/VG-LV", its NUL included */

/* Where a filesystem is: its bytes on the disk, and GRUB's name for them. */
struct fs_at {
	uint64_t	offset;
	uint64_t	size;
	char		grub_dev[FS_GRUB_DEV_MAX];	/* "loop0,gpt2", "" */
	bool		by_grub;	/* GRUB reads it whatever the type */
	const char	*type;		/* libblkid's: fs_open() sets it */
};

struct fs_file {
	uint64_t	ino;
	uint64_t	size;
	int64_t		ctime_ns;	/* its inode's change; 0: not known */
};

enum fs_lookup {
	FS_FOUND,	/* a regular file */
	FS_ABSENT,	/* no such path */
	FS_BAD,		/* the path exists but is no file we may read */
};

#define FS_NAME_MAX	256	/* fs_list(): a name, its NUL included */
#define FS_OUTPUT_FAILED	(-2)	/* fs_copy(): the output file failed */

#endif /* XENPVBOOT_FS_TYPES_H */
