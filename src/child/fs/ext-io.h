/* SPDX-License-Identifier: GPL-2.0-only */
/* libext2fs' reads from the child's one disk fd (ext-io.c). */
#ifndef XENPVBOOT_EXT_IO_H
#define XENPVBOOT_EXT_IO_H

#include <ext2fs/ext2fs.h>

extern io_manager ext_disk_io_manager;

errcode_t	ext_io_write_blk(io_channel c, unsigned long block, int count,
		    const void *data);
errcode_t	ext_io_write_blk64(io_channel c, unsigned long long block,
		    int count, const void *data);
errcode_t	ext_io_flush(io_channel c);

#endif /* XENPVBOOT_EXT_IO_H */
