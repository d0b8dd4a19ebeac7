/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest filesystem, opened read-only on the disk fd at an offset
 * (ext2/3/4 and XFS stand behind it); the interface is what the search
 * needs and no more.
 */
#ifndef XENPVBOOT_FS_H
#define XENPVBOOT_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guestfs;

struct fs_file {
	uint64_t	ino;
	uint64_t	size;
};

enum fs_lookup {
	FS_FOUND,	/* a regular file */
	FS_ABSENT,	/* no such path */
	FS_BAD,		/* the path exists but is no file we may read */
};

int	fs_supported(const char *);
bool	fs_wants_library(int, uint64_t);
int	fs_open(int, uint64_t, uint64_t, const char *, struct guestfs **,
	    char *, size_t);
enum fs_lookup fs_lookup(struct guestfs *, const char *, struct fs_file *,
	    char *, size_t);
int	fs_read(struct guestfs *, const struct fs_file *, void *, char *,
	    size_t);
#define FS_OUTPUT_FAILED	(-2)	/* fs_copy(): the output file failed */
int	fs_copy(struct guestfs *, const struct fs_file *, int, char *, size_t);
int	fs_list(struct guestfs *, const char *, char (*)[256], size_t,
	    size_t *, char *, size_t);
void	fs_close(struct guestfs *);

#endif /* XENPVBOOT_FS_H */
