/* SPDX-License-Identifier: GPL-2.0-only */
/* ext2, ext3 and ext4 by libext2fs (ext.c), behind fs.c. */
#ifndef XENPVBOOT_FS_EXT_H
#define XENPVBOOT_FS_EXT_H

#include "fs-impl.h"

extern const struct fs_ops fs_ext_ops;

#endif /* XENPVBOOT_FS_EXT_H */
