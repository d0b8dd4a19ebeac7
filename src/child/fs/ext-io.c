/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libext2fs' reads, from the child's one disk fd at the filesystem's
 * offset.  libext2fs' unixfd io manager closes the fd it is given when
 * the filesystem closes, so each open filesystem held a dup of its own:
 * from the 23rd ext partition on there was none left (RLIMIT_NOFILE),
 * and a pvboot ELF on partition 30 was refused.  This one shares the fd
 * and never closes it, so nothing per partition is held but the
 * filesystem's own memory.  It keeps no cache of its own: the blocks a
 * lookup reads again come from the page cache, one pread each.
 * Read-only: a write is refused.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ext2fs/ext2fs.h>

#include "ext-io.h"

struct disk_chan {
	int		 fd;
	unsigned long long offset;	/* of the filesystem, in the disk */
};

/* name: the disk fd's number, as "%d". */
static errcode_t
dio_open(const char *name, int flags, io_channel *chan)
{
	struct disk_chan *d;
	io_channel c;
	char *end;
	long fd;

	if (flags & IO_FLAG_RW)
		return EXT2_ET_RO_FILSYS;
	errno = 0;
	fd = strtol(name, &end, 10);
	if (errno != 0 || *end != '\0' || fd < 0 || fd > INT_MAX)
		return EXT2_ET_BAD_DEVICE_NAME;
	c = calloc(1, sizeof(*c));
	d = calloc(1, sizeof(*d));
	if (c == NULL || d == NULL || (c->name = strdup(name)) == NULL) {
		free(c);
		free(d);
		return EXT2_ET_NO_MEMORY;
	}
	d->fd = (int)fd;
	c->magic = EXT2_ET_MAGIC_IO_CHANNEL;
	c->manager = ext_disk_io_manager;
	c->block_size = 1024;
	c->refcount = 1;
	c->private_data = d;
	*chan = c;
	return 0;
}

static errcode_t
dio_close(io_channel c)
{
	if (--c->refcount > 0)
		return 0;
	free(c->private_data);
	free(c->name);
	free(c);
	return 0;
}

static errcode_t
dio_set_blksize(io_channel c, int blksize)
{
	c->block_size = blksize;
	return 0;
}

/*
 * As unixfd's: count blocks, or -count bytes; a failed read returns its
 * errno (ext_error() takes an EIO for the disk's), a short one zeroes
 * the rest and says so.
 */
static errcode_t
dio_read_blk64(io_channel c, unsigned long long block, int count, void *data)
{
	struct disk_chan *d = c->private_data;
	size_t len = count < 0 ? (size_t)-(long long)count :
	    (size_t)count * (size_t)c->block_size;
	unsigned long long at = d->offset + block * (unsigned long long)
	    c->block_size;
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = pread(d->fd, (char *)data + done, len - done,
		    (off_t)(at + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0) {
			memset((char *)data + done, 0, len - done);
			return EXT2_ET_SHORT_READ;
		}
		done += (size_t)n;
	}
	return 0;
}

static errcode_t
dio_read_blk(io_channel c, unsigned long block, int count, void *data)
{
	return dio_read_blk64(c, block, count, data);
}

/* A write, refused: shared with the journal overlay (ext-journal.c). */
errcode_t
ext_io_write_blk64(io_channel c, unsigned long long block, int count,
    const void *data)
{
	(void)c;
	(void)block;
	(void)count;
	(void)data;
	return EXT2_ET_RO_FILSYS;
}

errcode_t
ext_io_write_blk(io_channel c, unsigned long block, int count,
    const void *data)
{
	return ext_io_write_blk64(c, block, count, data);
}

/* Nothing is written, so nothing to flush. */
errcode_t
ext_io_flush(io_channel c)
{
	(void)c;
	return 0;
}

/* "offset": where the filesystem starts in the disk, in bytes. */
static errcode_t
dio_set_option(io_channel c, const char *option, const char *arg)
{
	struct disk_chan *d = c->private_data;
	unsigned long long v;
	char *end;

	if (strcmp(option, "offset") != 0 || arg == NULL)
		return EXT2_ET_INVALID_ARGUMENT;
	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || *end != '\0')
		return EXT2_ET_INVALID_ARGUMENT;
	d->offset = v;
	return 0;
}

static struct struct_io_manager disk_manager = {
	.magic = EXT2_ET_MAGIC_IO_MANAGER,
	.name = "xenpvboot shared disk fd",
	.open = dio_open,
	.close = dio_close,
	.set_blksize = dio_set_blksize,
	.read_blk = dio_read_blk,
	.write_blk = ext_io_write_blk,
	.flush = ext_io_flush,
	.set_option = dio_set_option,
	.read_blk64 = dio_read_blk64,
	.write_blk64 = ext_io_write_blk64,
};

io_manager ext_disk_io_manager = &disk_manager;
