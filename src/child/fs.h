/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest filesystem, opened read-only on the disk fd at an offset
 * (ext2/3/4, XFS and GRUB's reader stand behind it); the interface is what the search
 * needs and no more.
 */
#ifndef XENPVBOOT_FS_H
#define XENPVBOOT_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "child/fs/types.h"

struct guestfs;

int	fs_supported(const char *type);
bool	fs_wants_library(int fd, uint64_t offset);
bool	fs_by_grub(const char *type);

int	fs_open(int diskfd, const struct fs_at *at, const char *type,
	    struct guestfs **gp, char *why, size_t whylen);
enum fs_lookup fs_lookup(struct guestfs *g, const char *path,
	    struct fs_file *f, char *why, size_t whylen);
int	fs_read(struct guestfs *g, const struct fs_file *f, void *buf,
	    char *why, size_t whylen);
int	fs_copy(struct guestfs *g, const struct fs_file *f, int fd, char *why,
	    size_t whylen);
int	fs_list(struct guestfs *g, const char *path, char (*names)[FS_NAME_MAX],
	    size_t max, size_t *n, char *why, size_t whylen);
const char *fs_note(struct guestfs *g);
const char *fs_warning(struct guestfs *g);
int	fs_unreplay(struct guestfs *g, char *why, size_t whylen);
void	fs_close(struct guestfs *g);

#endif /* XENPVBOOT_FS_H */
