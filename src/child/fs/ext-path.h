/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A path in an ext filesystem, walked by us, links read with bounds;
 * libext2fs's errors, named, a disk's EIO noted.
 */
#ifndef XENPVBOOT_EXT_PATH_H
#define XENPVBOOT_EXT_PATH_H

#include <stddef.h>

#include <ext2fs/ext2fs.h>

#include "child/fs/types.h"

const char	*ext_error(errcode_t rc);
enum fs_lookup	ext_path_resolve(ext2_filsys fs, const char *path,
	    ext2_ino_t *ino, char *why, size_t whylen);

#endif /* XENPVBOOT_EXT_PATH_H */
