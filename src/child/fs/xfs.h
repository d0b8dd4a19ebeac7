/* SPDX-License-Identifier: GPL-2.0-only */
/* XFS by libfsxfs (xfs.c), behind fs.c. */
#ifndef XENPVBOOT_FS_XFS_H
#define XENPVBOOT_FS_XFS_H

#include "fs-impl.h"

extern const struct fs_ops fs_xfs_ops;

#endif /* XENPVBOOT_FS_XFS_H */
