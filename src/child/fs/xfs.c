/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XFS, v4 and v5, through libfsxfs.  libfsxfs reads through a libbfio
 * handle; ours reads the already-open disk fd with pread() inside the
 * partition's range, so the child still opens no path.  Paths are
 * walked here a component at a time because libfsxfs does not follow
 * symbolic links: "/" and ".." stop at the guest's root, as in fs/ext.c,
 * and at most FS_MAX_LINKS links are followed.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bytes.h"
#include "child/disk.h"
#include "xfs.h"
#include "fs-impl.h"
#include "xfs-log.h"
#include "xfs-lib.h"
#include "xenpvboot.h"

#define MAX_LINK	4096		/* bytes of a link's target */
#define READ_CHUNK	(256 * 1024)	/* libfsxfs copies out of its cache */

struct range {				/* the partition, as libbfio sees it */
	int		fd;
	uint64_t	offset, size, pos;
};

struct xfs {
	libbfio_handle_t	*io;
	libfsxfs_volume_t	*volume;
	char			 note[MSG_TEXT_MAX / 2];  /* for -v: the log */
};

/* --- libbfio on the disk fd --------------------------------------------- */

static int
range_free(intptr_t **io, libbfio_error_t **error)
{
	(void)error;
	free(*io);
	*io = NULL;
	return 1;
}

static int
range_clone(intptr_t **dst, intptr_t *src, libbfio_error_t **error)
{
	struct range *r;

	(void)error;
	r = malloc(sizeof(*r));
	if (r == NULL)
		return -1;
	memcpy(r, src, sizeof(*r));
	*dst = (intptr_t *)r;
	return 1;
}

static int
range_open(intptr_t *io, int flags, libbfio_error_t **error)
{
	(void)io;
	(void)error;
	return (flags & LIBBFIO_ACCESS_FLAG_WRITE) ? -1 : 1;
}

static int
range_close(intptr_t *io, libbfio_error_t **error)
{
	(void)io;
	(void)error;
	return 0;
}

static ssize_t
range_read(intptr_t *io, uint8_t *buf, size_t size, libbfio_error_t **error)
{
	struct range *r = (struct range *)io;
	ssize_t n;

	(void)error;
	if (r->pos >= r->size)
		return 0;
	if (size > r->size - r->pos)
		size = (size_t)(r->size - r->pos);
	do
		n = pread(r->fd, buf, size, (off_t)(r->offset + r->pos));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		disk_read_error(errno);
	if (n > 0)
		r->pos += (uint64_t)n;
	return n;
}

static ssize_t
range_write(intptr_t *io, const uint8_t *buf, size_t size,
    libbfio_error_t **error)
{
	(void)io;
	(void)buf;
	(void)size;
	(void)error;
	return -1;
}

static off64_t
range_seek(intptr_t *io, off64_t offset, int whence, libbfio_error_t **error)
{
	struct range *r = (struct range *)io;
	int64_t base;

	(void)error;
	if (whence == SEEK_SET)
		base = 0;
	else if (whence == SEEK_CUR)
		base = (int64_t)r->pos;
	else if (whence == SEEK_END)
		base = (int64_t)r->size;
	else
		return -1;
	if ((offset < 0 && -offset > base) ||
	    (offset > 0 && (uint64_t)offset > r->size - (uint64_t)base + 1))
		return -1;
	r->pos = (uint64_t)(base + offset);
	return (off64_t)r->pos;
}

static int
range_exists(intptr_t *io, libbfio_error_t **error)
{
	(void)io;
	(void)error;
	return 1;
}

static int
range_is_open(intptr_t *io, libbfio_error_t **error)
{
	(void)io;
	(void)error;
	return 1;
}

static int
range_get_size(intptr_t *io, size64_t *size, libbfio_error_t **error)
{
	(void)error;
	*size = ((struct range *)io)->size;
	return 1;
}

static libbfio_handle_t *
range_handle(int fd, uint64_t offset, uint64_t size)
{
	libbfio_handle_t *h = NULL;
	struct range *r;

	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->fd = fd;
	r->offset = offset;
	r->size = size;
	if (libbfio_handle_initialize(&h, (intptr_t *)r, range_free,
	    range_clone, range_open, range_close, range_read, range_write,
	    range_seek, range_exists, range_is_open, range_get_size,
	    LIBBFIO_FLAG_IO_HANDLE_MANAGED |
	    LIBBFIO_FLAG_IO_HANDLE_CLONE_BY_FUNCTION, NULL) != 1) {
		free(r);
		return NULL;
	}
	/*
	 * IO_HANDLE_MANAGED: h owns r and frees it with range_free().
	 * cppcheck cannot see that through the loaded function's pointer.
	 */
	/* cppcheck-suppress memleak */
	return h;
}

/* --- errors ------------------------------------------------------------- */

/* libfsxfs' message, its first line: "function: what went wrong". */
static void
say(libfsxfs_error_t **error, const char *what, char *why, size_t whylen)
{
	char msg[256] = "";
	char *nl;

	if (*error != NULL) {
		(void)libfsxfs_error_sprint(*error, msg, sizeof(msg));
		libfsxfs_error_free(error);
	}
	nl = strchr(msg, '\n');
	if (nl != NULL)
		*nl = '\0';
	if (msg[0] != '\0')
		snprintf(why, whylen, "%s: %s", what, msg);
	else
		snprintf(why, whylen, "%s", what);
}

/* --- open and close ----------------------------------------------------- */

/*
 * Superblock lies that libfsxfs 20201117 takes on trust: it reads the
 * superblock of every allocation group it is told of, so an AG count of
 * four billion is four billion reads.  The geometry must be the
 * kernel's (xfs_validate_sb_common()) and fit the partition.
 */
static int
check_super(int fd, uint64_t offset, uint64_t size, unsigned char *sb,
    char *why, size_t whylen)
{
	uint64_t dblocks;
	uint32_t bsize, agblocks, agcount;

	if (pread(fd, sb, XFS_LOG_BB, (off_t)offset) != XFS_LOG_BB) {
		snprintf(why, whylen, "superblock: cannot be read");
		return -1;
	}
	bsize = be32(sb + 4);
	dblocks = (uint64_t)be32(sb + 8) << 32 | be32(sb + 12);
	agblocks = be32(sb + 84);
	agcount = be32(sb + 88);
	if (bsize < 512 || bsize > 65536 || (bsize & (bsize - 1)) != 0 ||
	    agblocks == 0 || agcount == 0 || dblocks == 0 ||
	    (uint64_t)(agcount - 1) * agblocks >= dblocks ||
	    (uint64_t)agcount * agblocks < dblocks) {
		snprintf(why, whylen, "superblock: %u allocation groups of %u "
		    "blocks of %u bytes do not make %" PRIu64 " blocks",
		    agcount, agblocks, bsize, dblocks);
		return -1;
	}
	if (dblocks > size / bsize) {
		snprintf(why, whylen, "superblock: %" PRIu64 " blocks of %u "
		    "bytes do not fit the %" PRIu64 " bytes of the partition",
		    dblocks, bsize, size);
		return -1;
	}
	return 0;
}

/*
 * The incompatible features of a v5 superblock that libfsxfs reads (the
 * defaults of mkfs.xfs in xfsprogs 5 and 6.1); the kernel refuses to
 * mount one it does not know, and so do we: read blind, a changed
 * on-disk format gives wrong bytes, not an error (xfsprogs 6.x's
 * nrext64 default moves the inode's extent counters: libfsxfs then
 * reads zeros where the ELF is).  fs.c gives such a filesystem to GRUB's
 * reader, which refuses what it does not know itself.
 */
#define XFS_SB_VERSION_5	5
#define XFS_INCOMPAT_READ	0x0bu	/* ftype, sparse, bigtime */

static const struct {
	uint32_t	 bit;
	const char	*name;
} incompat[] = {
	{ 1u << 0, "ftype (file types in directories)" },
	{ 1u << 1, "sparse (sparse inode chunks)" },
	{ 1u << 2, "meta_uuid (a metadata UUID of its own)" },
	{ 1u << 3, "bigtime (timestamps past 2038)" },
	{ 1u << 4, "needsrepair (xfs_repair has not finished)" },
	{ 1u << 5, "nrext64 (large extent counters)" },
	{ 1u << 6, "exchange (file range exchange)" },
	{ 1u << 7, "parent (parent pointers)" },
	{ 1u << 8, "metadir (metadata directory tree)" },
	{ 1u << 9, "zoned (zoned storage)" },
};

/* 0, or 1 with why naming the first feature libfsxfs does not read. */
static int
check_features(const unsigned char *sb, char *why, size_t whylen)
{
	uint32_t unread;
	const char *name = NULL;
	size_t i;

	if ((be16(sb + 100) & 0x000f) != XFS_SB_VERSION_5)
		return 0;
	unread = be32(sb + 216) & ~XFS_INCOMPAT_READ;
	if (unread == 0)
		return 0;
	for (i = 0; i < sizeof(incompat) / sizeof(incompat[0]); i++)
		if (unread & incompat[i].bit) {
			name = incompat[i].name;
			break;
		}
	if (name != NULL)
		snprintf(why, whylen, "XFS feature %s is not read by "
		    "libfsxfs %s", name, libfsxfs_get_version());
	else
		snprintf(why, whylen, "XFS incompatible features 0x%x are not "
		    "read by libfsxfs %s", unread, libfsxfs_get_version());
	return 1;
}

/* --- the log ------------------------------------------------------------ */

struct log_at {
	int		fd;
	uint64_t	offset;		/* of the log on the disk */
};

static int
log_read(void *ctx, uint64_t bb, uint32_t n, unsigned char *buf)
{
	const struct log_at *l = ctx;
	size_t len = (size_t)n * XFS_LOG_BB;

	return pread(l->fd, buf, len, (off_t)(l->offset + bb * XFS_LOG_BB)) ==
	    (ssize_t)len ? 0 : -1;
}

/*
 * libfsxfs reads the filesystem as its last checkpoint left it: -v says
 * when the log holds more (a guest that crashed, or was destroyed), as
 * the kernel's log mount would find it.
 */
static void
note_log(struct xfs *x, int fd, uint64_t offset, const unsigned char *sb)
{
	uint64_t fs_bytes = ((uint64_t)be32(sb + 8) << 32 | be32(sb + 12)) *
	    be32(sb + 4);
	struct log_at at = { .fd = fd };
	struct xfs_log_reader rd = { .ctx = &at, .read = log_read };
	struct xfs_log lg;
	char why[128];
	int r;

	r = xfs_log_locate(sb, fs_bytes, &at.offset, &rd.bbs, why,
	    sizeof(why));
	if (r == 1) {
		snprintf(x->note, sizeof(x->note), "log: on another device, "
		    "not read: the state read is the last checkpoint");
		return;
	}
	at.offset += offset;
	if (r == 0)
		r = xfs_log_find(&rd, &lg, why, sizeof(why));
	if (r != 0)
		snprintf(x->note, sizeof(x->note), "log: cannot tell whether "
		    "it needs recovery (%s)", why);
	else if (lg.state == XFS_LOG_DIRTY)
		snprintf(x->note, sizeof(x->note), "log: dirty (tail at block "
		    "%llu, head at block %llu, cycle %u), not replayed: the "
		    "state read is the last checkpoint",
		    (unsigned long long)lg.tail, (unsigned long long)lg.head,
		    lg.cycle);
}

static void
xfs_close(void *impl)
{
	struct xfs *x = impl;

	if (x == NULL)
		return;
	if (x->volume != NULL) {
		(void)libfsxfs_volume_close(x->volume, NULL);
		(void)libfsxfs_volume_free(&x->volume, NULL);
	}
	if (x->io != NULL)
		(void)libbfio_handle_free(&x->io, NULL);
	free(x);
}

static int
xfs_open(int diskfd, const struct fs_at *at, void **xp, char *why,
    size_t whylen)
{
	uint64_t offset = at->offset, size = at->size;
	libfsxfs_error_t *error = NULL;
	unsigned char sb[XFS_LOG_BB];
	struct xfs *x;

	*xp = NULL;
	if (!xfs_lib_loaded()) {
		snprintf(why, whylen, "libfsxfs could not be loaded");
		return -1;
	}
	if (check_super(diskfd, offset, size, sb, why, whylen) != 0)
		return -1;
	if (check_features(sb, why, whylen) != 0)
		return FS_OPEN_OTHER_READER;
	x = calloc(1, sizeof(*x));
	if (x == NULL || (x->io = range_handle(diskfd, offset, size)) == NULL ||
	    libfsxfs_volume_initialize(&x->volume, &error) != 1) {
		say(&error, "out of memory", why, whylen);
		xfs_close(x);
		return -1;
	}
	if (libfsxfs_volume_open_file_io_handle(x->volume, x->io,
	    LIBFSXFS_OPEN_READ, &error) != 1) {
		say(&error, "superblock", why, whylen);
		(void)libfsxfs_volume_free(&x->volume, NULL);
		xfs_close(x);
		return -1;
	}
	/* It may succeed and still leave an error behind. */
	if (error != NULL)
		libfsxfs_error_free(&error);
	note_log(x, diskfd, offset, sb);
	*xp = x;
	return 0;
}

/* --- paths ------------------------------------------------------------- */

/*
 * A path is resolved as the kernel would, a component at a time, on
 * canonical paths ("/boot/xen") that libfsxfs looks up from the root:
 * its own lookup follows no links and knows no "..".
 */
struct walk {
	char	canon[MAX_GUEST_PATH + MAX_LINK + 2];	/* resolved so far */
	char	rest[MAX_GUEST_PATH + MAX_LINK + 2];	/* still to walk */
	int	links;
	libfsxfs_file_entry_t *at;	/* the entry at canon, if held */
};

static void
drop(struct walk *w)
{
	if (w->at != NULL)
		(void)libfsxfs_file_entry_free(&w->at, NULL);
}

static uint16_t
mode_of(libfsxfs_file_entry_t *e)
{
	uint16_t mode = 0;

	if (libfsxfs_file_entry_get_file_mode(e, &mode, NULL) != 1)
		return 0;
	return mode;
}

/* The entry at canonical path p: 1, 0 when there is none, -1. */
static int
entry_at(struct xfs *x, const char *p, libfsxfs_file_entry_t **e, char *why,
    size_t whylen)
{
	libfsxfs_error_t *error = NULL;
	int rc;

	*e = NULL;
	if (p[0] == '\0')
		p = "/";
	rc = libfsxfs_volume_get_file_entry_by_utf8_path(x->volume,
	    (const uint8_t *)p, strlen(p), e, &error);
	if (rc < 0)
		say(&error, "directory", why, whylen);
	else if (error != NULL)
		libfsxfs_error_free(&error);
	return rc;
}

/*
 * The walk goes on along link target + "/" + rest; an absolute target
 * starts again from the root, a relative one from the link's directory.
 */
static enum fs_lookup
follow(struct walk *w, libfsxfs_file_entry_t *link, const char *rest,
    char *why, size_t whylen)
{
	char target[MAX_LINK + 1], tail[sizeof(w->rest)];
	size_t len = 0;

	if (++w->links > FS_MAX_LINKS) {
		snprintf(why, whylen, "too many levels of symbolic links");
		return FS_BAD;
	}
	if (libfsxfs_file_entry_get_utf8_symbolic_link_target_size(link, &len,
	    NULL) != 1 || len == 0 || len > sizeof(target) ||
	    libfsxfs_file_entry_get_utf8_symbolic_link_target(link,
	    (uint8_t *)target, len, NULL) != 1) {
		snprintf(why, whylen, "unreadable symbolic link");
		return FS_BAD;
	}
	target[len - 1] = '\0';
	snprintf(tail, sizeof(tail), "%s", rest);
	if ((size_t)snprintf(w->rest, sizeof(w->rest), "%s/%s", target,
	    tail) >= sizeof(w->rest)) {
		snprintf(why, whylen, "symbolic link target too long");
		return FS_BAD;
	}
	if (target[0] == '/')
		w->canon[0] = '\0';
	return FS_FOUND;
}

enum step {
	STEP_OK,	/* into the next component */
	STEP_LINK,	/* a link: the walk goes on along w->rest */
	STEP_ABSENT,
	STEP_BAD,
};

/* One component: ".", "..", or a name in the directory walked so far. */
static enum step
step(struct xfs *x, struct walk *w, const char *name, size_t len,
    const char *rest, char *why, size_t whylen)
{
	libfsxfs_file_entry_t *e;
	size_t at = strlen(w->canon);
	enum step r = STEP_OK;
	char *slash;
	int rc;

	if (len == 0 || (len == 1 && name[0] == '.'))
		return STEP_OK;
	if (len == 2 && memcmp(name, "..", 2) == 0) {
		drop(w);
		slash = strrchr(w->canon, '/');
		if (slash != NULL)
			*slash = '\0';		/* "/.." is "/" */
		return STEP_OK;
	}
	if (at + 1 + len >= sizeof(w->canon)) {
		snprintf(why, whylen, "path too long");
		return STEP_BAD;
	}
	w->canon[at] = '/';
	memcpy(w->canon + at + 1, name, len);
	w->canon[at + 1 + len] = '\0';
	rc = entry_at(x, w->canon, &e, why, whylen);
	if (rc <= 0)
		return rc == 0 ? STEP_ABSENT : STEP_BAD;
	drop(w);
	if (S_ISLNK(mode_of(e))) {
		w->canon[at] = '\0';
		r = follow(w, e, rest, why, whylen) == FS_FOUND ? STEP_LINK :
		    STEP_BAD;
		(void)libfsxfs_file_entry_free(&e, NULL);
	} else
		w->at = e;		/* the walk's answer if it ends here */
	return r;
}

/*
 * Walks path from the root, following links; on FS_FOUND, *e is the
 * entry it names (the caller frees it).
 */
static enum fs_lookup
walk(struct xfs *x, struct walk *w, const char *path,
    libfsxfs_file_entry_t **e, char *why, size_t whylen)
{
	const char *p, *end;
	enum step r;
	int rc;

	memset(w, 0, sizeof(*w));
	snprintf(w->rest, sizeof(w->rest), "%s", path);
	p = w->rest;
	while (*p != '\0') {
		end = strchr(p, '/');
		if (end == NULL)
			end = p + strlen(p);
		r = step(x, w, p, (size_t)(end - p),
		    *end == '/' ? end + 1 : end, why, whylen);
		if (r == STEP_LINK) {
			p = w->rest;		/* the link's target, then rest */
			continue;
		}
		if (r != STEP_OK)
			drop(w);
		if (r == STEP_BAD)
			return FS_BAD;
		if (r == STEP_ABSENT && w->links == 0)
			return FS_ABSENT;
		if (r == STEP_ABSENT) {
			snprintf(why, whylen, "dangling symbolic link");
			return FS_BAD;
		}
		p = *end == '/' ? end + 1 : end;
	}
	if (w->at != NULL) {
		*e = w->at;
		w->at = NULL;
		return FS_FOUND;
	}
	rc = entry_at(x, w->canon, e, why, whylen);
	return rc == 1 ? FS_FOUND : rc == 0 ? FS_ABSENT : FS_BAD;
}

static enum fs_lookup
xfs_lookup(void *impl, const char *path, struct fs_file *f, char *why,
    size_t whylen)
{
	struct walk *w;
	libfsxfs_file_entry_t *e = NULL;
	enum fs_lookup r;
	size64_t size = 0;
	uint64_t ino = 0;

	w = malloc(sizeof(*w));
	if (w == NULL) {
		snprintf(why, whylen, "out of memory");
		return FS_BAD;
	}
	r = walk(impl, w, path, &e, why, whylen);
	if (r == FS_FOUND) {
		if (!S_ISREG(mode_of(e))) {
			snprintf(why, whylen, "%s", fs_mode_reason(mode_of(e)));
			r = FS_BAD;
		} else if (libfsxfs_file_entry_get_size(e, &size, NULL) != 1 ||
		    libfsxfs_file_entry_get_inode_number(e, &ino, NULL) != 1) {
			snprintf(why, whylen, "unreadable inode");
			r = FS_BAD;
		}
		f->ino = ino;
		f->size = size;
		if (libfsxfs_file_entry_get_inode_change_time(e, &f->ctime_ns,
		    NULL) != 1)
			f->ctime_ns = 0;
		(void)libfsxfs_file_entry_free(&e, NULL);
	}
	free(w);
	return r;
}

/* --- reading and listing ------------------------------------------------ */

static bool
all_zero(const char *buf, size_t n)
{
	return n == 0 || (buf[0] == 0 && memcmp(buf, buf + 1, n - 1) == 0);
}

/*
 * A second look at what libfsxfs will read, where it lists a file's
 * extents (releases after 20201117): a file with bytes but no extent
 * on the disk would read as zeros, as a misread inode does (the large
 * extent counters that 20240501 does not know move the count it
 * reads).  A file that is all hole is no kernel or ramdisk.  Where an
 * extent lies is not judged: 20240501 gives a block of an allocation
 * group after the first in XFS's own encoding, not as a byte of the
 * partition.  0, or -1 with why.
 */
static int
extents_check(libfsxfs_file_entry_t *e, uint64_t size, char *why,
    size_t whylen)
{
	off64_t offset;
	size64_t len;
	uint32_t flags;
	uint64_t mapped = 0;
	int n = 0, i;

	if (xfs_lib.extents_count == NULL || xfs_lib.extent_get == NULL ||
	    size == 0)
		return 0;
	if (xfs_lib.extents_count(e, &n, NULL) != 1 || n < 0) {
		snprintf(why, whylen, "while reading: its extents are "
		    "unreadable");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (xfs_lib.extent_get(e, i, &offset, &len, &flags,
		    NULL) != 1) {
			snprintf(why, whylen, "while reading: extent %d is "
			    "unreadable", i);
			return -1;
		}
		if ((flags & LIBFSXFS_EXTENT_FLAG_IS_SPARSE) == 0)
			mapped += len;
	}
	if (mapped == 0) {
		snprintf(why, whylen, "while reading: none of its %" PRIu64
		    " bytes is on the disk (its extents as libfsxfs reads "
		    "them)", size);
		return -1;
	}
	return 0;
}

/*
 * Puts the whole file into the sink, through libfsxfs in chunks.  A
 * file whose data ends before its size is an error: its inode lied.
 * So is one that reads as nothing but zeros, which no file we extract
 * is, and which is what a misread extent map gives.
 */
static int
xfs_read(void *impl, const struct fs_file *f, struct fs_sink *k, char *why,
    size_t whylen)
{
	struct xfs *x = impl;
	libfsxfs_file_entry_t *e = NULL;
	libfsxfs_error_t *error = NULL;
	uint64_t done = 0;
	bool written = true, zeros = true;
	char *buf;
	size_t want;
	ssize_t n = 0;

	buf = malloc(READ_CHUNK);
	if (buf == NULL) {
		snprintf(why, whylen, "while reading: out of memory");
		return -1;
	}
	if (libfsxfs_volume_get_file_entry_by_inode(x->volume, f->ino, &e,
	    &error) != 1) {
		free(buf);
		say(&error, "while reading: inode", why, whylen);
		return -1;
	}
	if (error != NULL)
		libfsxfs_error_free(&error);
	if (extents_check(e, f->size, why, whylen) != 0) {
		free(buf);
		(void)libfsxfs_file_entry_free(&e, NULL);
		return -1;
	}
	while (done < f->size) {
		want = f->size - done > READ_CHUNK ? READ_CHUNK :
		    (size_t)(f->size - done);
		n = libfsxfs_file_entry_read_buffer_at_offset(e, buf, want,
		    (off64_t)done, &error);
		if (n <= 0)
			break;
		if (zeros)
			zeros = all_zero(buf, (size_t)n);
		if (fs_sink_bytes(k, done, buf, (size_t)n) != 0) {
			snprintf(why, whylen, "writing the output file: %s",
			    strerror(errno));
			written = false;
			break;
		}
		done += (uint64_t)n;
	}
	free(buf);
	(void)libfsxfs_file_entry_free(&e, NULL);
	if (!written)
		return -1;
	if (done == f->size && zeros && done > 0) {
		snprintf(why, whylen, "while reading: all %" PRIu64 " bytes "
		    "read as zeros, as from a misread inode: no kernel, "
		    "ramdisk or ELF is", done);
		if (error != NULL)
			libfsxfs_error_free(&error);
		return -1;
	}
	if (done == f->size) {
		if (error != NULL)
			libfsxfs_error_free(&error);
		return 0;
	}
	if (n < 0)
		say(&error, "while reading", why, whylen);
	else
		snprintf(why, whylen, "while reading: data ends at %" PRIu64
		    " of %" PRIu64 " bytes", done, f->size);
	return -1;
}

/*
 * The name of entry i of dir ("" when it is no name we can take), or
 * -1 when the entry cannot be read.
 */
static int
entry_name(libfsxfs_file_entry_t *dir, int i, char *name, size_t len)
{
	libfsxfs_file_entry_t *sub = NULL;
	size_t size = 0;

	name[0] = '\0';
	if (libfsxfs_file_entry_get_sub_file_entry_by_index(dir, i, &sub,
	    NULL) != 1)
		return -1;
	if (libfsxfs_file_entry_get_utf8_name_size(sub, &size, NULL) != 1 ||
	    size == 0 || size > len ||
	    libfsxfs_file_entry_get_utf8_name(sub, (uint8_t *)name, size,
	    NULL) != 1)
		name[0] = '\0';
	name[len - 1] = '\0';
	(void)libfsxfs_file_entry_free(&sub, NULL);
	return 0;
}

/*
 * The names in directory path (at most max; "." and ".." left out).
 * Returns 0, 1 when there is no such directory, or -1.
 */
static int
xfs_list(void *impl, const char *path,
    char (*names)[FS_NAME_MAX], size_t max, size_t *n, char *why,
    size_t whylen)
{
	struct walk *w;
	libfsxfs_file_entry_t *dir = NULL;
	enum fs_lookup r;
	int count = 0, i, rc = 0;

	*n = 0;
	w = malloc(sizeof(*w));
	if (w == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	r = walk(impl, w, path, &dir, why, whylen);
	free(w);
	if (r != FS_FOUND)
		return r == FS_ABSENT ? 1 : -1;
	if (!S_ISDIR(mode_of(dir)))
		rc = 1;
	else if (libfsxfs_file_entry_get_number_of_sub_file_entries(dir,
	    &count, NULL) != 1) {
		snprintf(why, whylen, "%s: unreadable directory", path);
		rc = -1;
	}
	/* An entry that cannot be read ends the listing: the rest lie. */
	for (i = 0; rc == 0 && i < count && *n < max; i++) {
		if (entry_name(dir, i, names[*n], sizeof(names[0])) != 0)
			break;
		if (names[*n][0] != '\0' && strcmp(names[*n], ".") != 0 &&
		    strcmp(names[*n], "..") != 0)
			(*n)++;
	}
	(void)libfsxfs_file_entry_free(&dir, NULL);
	return rc;
}

static const char *
xfs_note(void *impl)
{
	const struct xfs *x = impl;

	return x->note[0] != '\0' ? x->note : NULL;
}

const struct fs_ops fs_xfs_ops = {
	.name = "xfs",
	.open = xfs_open,
	.lookup = xfs_lookup,
	.read = xfs_read,
	.list = xfs_list,
	.close = xfs_close,
	.note = xfs_note,
};
