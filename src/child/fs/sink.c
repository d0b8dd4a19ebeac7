/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest file's bytes on their way out of the filesystem code: into a
 * buffer (boot menus, -l), or straight into an output file the parent
 * made (the kernel and ramdisk of a boot).  Into a file, bytes still on
 * the disk are copied by the kernel, from the disk's page cache to the
 * file's (sendfile): a 60 MiB initrd costs the child no memory and the
 * machine one copy, where pread() into a buffer and a pipe to the
 * parent cost a buffer and two.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "child/disk.h"
#include "fs-impl.h"

#define CHUNK	(1U << 30)	/* below sendfile()'s and pread()'s caps */

/* Bytes off..off+len come next: in order, inside the file. */
static int
place(struct fs_sink *k, uint64_t off, uint64_t len)
{
	if (off < k->done || off > k->size || len > k->size - off ||
	    off > INT64_MAX) {
		errno = EINVAL;
		return -1;
	}
	/* A hole: a buffer is zeroed, a file is left to read as zeros. */
	if (k->fd < 0)
		memset(k->buf + k->done, 0, off - k->done);
	return 0;
}

/*
 * Which side a copy failed on: the output file's (a full or failing
 * output filesystem, the size limit: out_errno, and the run must end)
 * or the disk's (noted for disk_failed()).  sendfile() says EIO for
 * either; a read of the disk where it stopped tells them apart.
 */
static int
failed(struct fs_sink *k, int diskfd, off_t from)
{
	int err = errno;
	char byte;

	if (k->fd >= 0 && (err == ENOSPC || err == EDQUOT || err == EFBIG ||
	    (err == EIO && pread(diskfd, &byte, 1, from) == 1)))
		k->out_errno = err;
	else
		disk_read_error(err);
	errno = err;
	return -1;
}

/*
 * The len bytes at diskoff on diskfd are the file's bytes at off.  A
 * disk that ends first fails with ENODATA.
 */
int
fs_sink_disk(struct fs_sink *k, int diskfd, uint64_t diskoff, uint64_t off,
    uint64_t len)
{
	off_t from = (off_t)diskoff;
	uint64_t left = len;
	size_t want;
	ssize_t n;

	if (place(k, off, len) != 0 || diskoff > INT64_MAX - len) {
		errno = EINVAL;
		return -1;
	}
	if (k->fd >= 0 && lseek(k->fd, (off_t)off, SEEK_SET) < 0)
		return -1;
	while (left > 0) {
		want = left > CHUNK ? CHUNK : (size_t)left;
		if (k->fd >= 0)
			n = sendfile(k->fd, diskfd, &from, want);
		else if ((n = pread(diskfd, k->buf + off + (len - left), want,
		    from)) > 0)
			from += n;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENODATA;
			return failed(k, diskfd, from);
		}
		left -= (uint64_t)n;
	}
	k->done = off + len;
	return 0;
}

/* The file's bytes at off are in memory (inline data, a library's). */
int
fs_sink_bytes(struct fs_sink *k, uint64_t off, const void *bytes, size_t len)
{
	size_t put = 0;
	ssize_t n;

	if (place(k, off, len) != 0)
		return -1;
	if (k->fd < 0)
		memcpy(k->buf + off, bytes, len);
	while (k->fd >= 0 && put < len) {
		n = pwrite(k->fd, (const char *)bytes + put, len - put,
		    (off_t)(off + put));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			k->out_errno = n < 0 ? errno : EIO;
			return -1;
		}
		put += (size_t)n;
	}
	k->done = off + len;
	return 0;
}

/* What no run placed, up to the size, reads as zeros. */
int
fs_sink_end(struct fs_sink *k)
{
	if (k->fd >= 0) {
		if (ftruncate(k->fd, (off_t)k->size) == 0)
			return 0;
		k->out_errno = errno;
		return -1;
	}
	memset(k->buf + k->done, 0, k->size - k->done);
	k->done = k->size;
	return 0;
}
