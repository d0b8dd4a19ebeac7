/* SPDX-License-Identifier: GPL-2.0-only */
/* A name in an ext directory, through its htree index. */
#ifndef XENPVBOOT_EXT_HTREE_H
#define XENPVBOOT_EXT_HTREE_H

#include <stddef.h>

#include <ext2fs/ext2fs.h>

/* 1: *ino is name's inode; 0: no such name; -1: ask libext2fs instead. */
int	ext_htree_lookup(ext2_filsys fs, ext2_ino_t dir, const char *name,
	    size_t len, ext2_ino_t *ino);

#endif /* XENPVBOOT_EXT_HTREE_H */
