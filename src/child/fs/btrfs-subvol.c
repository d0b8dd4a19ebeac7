/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which btrfs subvolume a guest's kernel mounts as its root: the default
 * subvolume, which SUSE sets to its current snapshot
 * (@/.snapshots/N/snapshot) and which SUSE's patched GRUB resolves
 * grub.cfg's paths against.  Upstream GRUB, and so grub-fstest, resolves
 * from the top-level subvolume and cannot say which one is the default;
 * no Debian library reads an unmounted btrfs.  So this reads the little
 * it takes, from the disk fd, in the child, bounded: the superblock,
 * the chunk tree (logical to physical addresses), and in the root tree
 * the "default" entry and each subvolume's back reference, and in a
 * subvolume's tree the names of the directories above another.  The
 * files themselves are GRUB's to read.  Anything unexpected answers
 * "none": the top-level subvolume is then used, as GRUB uses it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "btrfs-subvol.h"
#include "bytes.h"
#include "child/disk.h"

#define SUPER_AT	0x10000
#define SUPER_SIZE	4096
#define MAGIC		"_BHRfS_M"
#define HEADER		101	/* a tree node's header */
#define KEY		17	/* a key on disk: objectid, type, offset */
#define KEY_PTR		(KEY + 16)	/* an internal node's slot */
#define ITEM		(KEY + 8)	/* a leaf's slot */
#define CHUNK		48	/* a chunk item before its stripes */
#define STRIPE		32
#define MAX_CHUNKS	1024
#define MAX_READS	4096	/* nodes read by one search */
#define MAX_DEPTH	64	/* subvolumes and directories climbed */

#define TOP_LEVEL		5	/* the top-level subvolume's id */
#define FIRST_FREE		256	/* a subvolume's root directory */
#define FIRST_CHUNK_TREE	256
#define T_INODE_REF	12
#define T_DIR_ITEM	84
#define T_ROOT_ITEM	132
#define T_ROOT_BACKREF	144
#define T_CHUNK_ITEM	228
/* Profiles whose blocks are striped over devices: not one disk's. */
#define STRIPED		(8 | 64 | 128 | 256)	/* RAID0, 10, 5, 6 */

struct key {
	uint64_t	objectid;
	uint8_t		type;
	uint64_t	offset;
};

struct chunk {
	uint64_t	logical, length, physical;
};

struct fs {
	int		 fd;
	uint64_t	 start, size;	/* the filesystem's bytes on the disk */
	uint64_t	 devid;
	uint32_t	 nodesize;
	unsigned char	 fsid[16];
	struct chunk	*chunks;
	size_t		 nchunks;
	unsigned char	*node;		/* one node, nodesize bytes */
	unsigned int	 reads;		/* this search's */
};

static struct key
key_at(const unsigned char *p)
{
	struct key k = { le_bytes(p, 8), p[8], le_bytes(p + 9, 8) };

	return k;
}

static int
cmp(const struct key *a, const struct key *b)
{
	if (a->objectid != b->objectid)
		return a->objectid < b->objectid ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return 0;
}

/* A chunk item at p, of len bytes, mapped on this device. */
static void
add_chunk(struct fs *f, uint64_t logical, const unsigned char *p, size_t len)
{
	uint64_t type, n, i;

	if (len < CHUNK || f->nchunks >= MAX_CHUNKS)
		return;
	type = le_bytes(p + 24, 8);
	n = le_bytes(p + 44, 2);
	if ((type & STRIPED) || n == 0 || CHUNK + n * STRIPE > len)
		return;
	for (i = 0; i < n; i++)
		if (le_bytes(p + CHUNK + i * STRIPE, 8) == f->devid) {
			f->chunks[f->nchunks].logical = logical;
			f->chunks[f->nchunks].length = le_bytes(p, 8);
			f->chunks[f->nchunks].physical =
			    le_bytes(p + CHUNK + i * STRIPE + 8, 8);
			f->nchunks++;
			return;
		}
}

/* Logical to a byte offset on the disk, for len bytes inside one chunk. */
static int
map(const struct fs *f, uint64_t logical, uint64_t len, uint64_t *disk)
{
	const struct chunk *c;
	size_t i;

	for (i = 0; i < f->nchunks; i++) {
		c = &f->chunks[i];
		if (logical < c->logical || logical - c->logical > c->length ||
		    len > c->length - (logical - c->logical))
			continue;
		*disk = c->physical + (logical - c->logical);
		if (*disk > f->size || len > f->size - *disk)
			return -1;
		*disk += f->start;
		return 0;
	}
	return -1;
}

/* The node at logical, at level, into f->node; checked against itself. */
static int
read_node(struct fs *f, uint64_t logical, int level)
{
	uint64_t at;
	ssize_t n;

	if (++f->reads > MAX_READS || map(f, logical, f->nodesize, &at) != 0)
		return -1;
	n = pread(f->fd, f->node, f->nodesize, (off_t)at);
	if (n < 0)
		disk_read_error(errno);
	if (n != (ssize_t)f->nodesize || le_bytes(f->node + 0x30, 8) != logical ||
	    memcmp(f->node + 0x20, f->fsid, 16) != 0 ||
	    f->node[0x64] != level)
		return -1;
	return le_bytes(f->node + 0x60, 4) * (uint64_t)(level > 0 ? KEY_PTR : ITEM) <=
	    f->nodesize - HEADER ? 0 : -1;
}

/*
 * The first item whose key is at least want, in the subtree at logical:
 * its key, and its data copied into buf (at most len bytes, *got).
 * Returns 1 when found, 0 when the subtree holds none, -1 on damage.
 */
static int
find_ge(struct fs *f, uint64_t logical, int level, const struct key *want,
    struct key *k, unsigned char *buf, size_t len, size_t *got)
{
	unsigned char *slot;
	uint64_t n, i, first = 0, ptrs[2048], off, size;
	struct key at;
	int r;

	if (level < 0 || level > 7 || read_node(f, logical, level) != 0)
		return -1;
	n = le_bytes(f->node + 0x60, 4);
	if (level == 0) {
		for (i = 0; i < n; i++) {
			slot = f->node + HEADER + i * ITEM;
			at = key_at(slot);
			if (cmp(&at, want) < 0)
				continue;
			off = le_bytes(slot + KEY, 4);
			size = le_bytes(slot + KEY + 4, 4);
			if (off > f->nodesize - HEADER ||
			    size > f->nodesize - HEADER - off)
				return -1;
			*k = at;
			*got = size < len ? (size_t)size : len;
			memcpy(buf, f->node + HEADER + off, *got);
			return 1;
		}
		return 0;
	}
	/* The last child whose first key is <= want, then those after. */
	if (n > sizeof(ptrs) / sizeof(ptrs[0]))
		return -1;
	for (i = 0; i < n; i++) {
		slot = f->node + HEADER + i * KEY_PTR;
		at = key_at(slot);
		if (cmp(&at, want) <= 0)
			first = i;
		ptrs[i] = le_bytes(slot + KEY, 8);
	}
	for (i = first; i < n; i++) {
		r = find_ge(f, ptrs[i], level - 1, want, k, buf, len, got);
		if (r != 0)
			return r;
	}
	return 0;
}

/* One search from a tree's root, with its own budget of node reads. */
static int
search(struct fs *f, uint64_t root, int level, const struct key *want,
    struct key *k, unsigned char *buf, size_t len, size_t *got)
{
	f->reads = 0;
	return find_ge(f, root, level, want, k, buf, len, got);
}

static int
next_key(struct key *k)
{
	if (++k->offset != 0)
		return 0;
	if (++k->type != 0)
		return 0;
	return ++k->objectid != 0 ? 0 : -1;
}

/* Every chunk, from the superblock's system chunks and the chunk tree. */
static int
load_chunks(struct fs *f, const unsigned char *sb)
{
	unsigned char item[CHUNK + 16 * STRIPE];
	size_t len = (size_t)le_bytes(sb + 0xa0, 4), at = 0, n, got;
	const unsigned char *sys = sb + 0x32b;
	struct key k, want = { FIRST_CHUNK_TREE, T_CHUNK_ITEM, 0 };
	int r;

	if (len > 2048)
		return -1;
	while (at + KEY + CHUNK <= len) {
		k = key_at(sys + at);
		n = CHUNK + le_bytes(sys + at + KEY + 44, 2) * STRIPE;
		if (k.type != T_CHUNK_ITEM || at + KEY + n > len)
			return -1;
		add_chunk(f, k.offset, sys + at + KEY, n);
		at += KEY + n;
	}
	for (;;) {
		r = search(f, le_bytes(sb + 0x58, 8), sb[0xc7], &want, &k, item,
		    sizeof(item), &got);
		if (r < 0)
			return -1;
		if (r == 0 || k.objectid != FIRST_CHUNK_TREE ||
		    k.type != T_CHUNK_ITEM)
			return 0;
		add_chunk(f, k.offset, item, got);
		want = k;
		if (next_key(&want) != 0 || f->nchunks >= MAX_CHUNKS)
			return 0;
	}
}

/* The default subvolume's id: the root directory's "default" entry. */
static uint64_t
default_id(struct fs *f, uint64_t root, int level, uint64_t dir)
{
	unsigned char item[4096];
	struct key k, want = { dir, T_DIR_ITEM, 0 };
	size_t got, at, nlen;
	int r;

	for (;;) {
		r = search(f, root, level, &want, &k, item, sizeof(item), &got);
		if (r <= 0 || k.objectid != dir || k.type != T_DIR_ITEM)
			return 0;
		/* Several entries share an item when their names' hashes do. */
		for (at = 0; at + 30 <= got; at += 30 + nlen + le_bytes(item + at +
		    25, 2)) {
			nlen = le_bytes(item + at + 27, 2);
			if (at + 30 + nlen > got)
				break;
			if (nlen == 7 && memcmp(item + at + 30, "default", 7) == 0)
				return le_bytes(item + at, 8);
		}
		want = k;
		if (next_key(&want) != 0)
			return 0;
	}
}

/* Prepends "/name" to path (held right-aligned in buf, from *at). */
static int
prepend(char *buf, size_t *at, const unsigned char *name, size_t n)
{
	if (n == 0 || n + 1 > *at || memchr(name, '/', n) != NULL ||
	    memchr(name, '\0', n) != NULL)
		return -1;
	*at -= n;
	memcpy(buf + *at, name, n);
	buf[--*at] = '/';
	return 0;
}

/*
 * The directories from a subvolume's root down to inode ino, prepended:
 * each inode's reference names it in its parent directory.
 */
static int
dir_path(struct fs *f, uint64_t subvol, uint64_t root, int level,
    uint64_t ino, char *buf, size_t *at)
{
	unsigned char item[4096], ri[512];
	struct key k, want = { subvol, T_ROOT_ITEM, 0 };
	size_t got, depth;
	uint64_t tree;
	int tlevel;

	if (search(f, root, level, &want, &k, ri, sizeof(ri), &got) != 1 ||
	    k.objectid != subvol || k.type != T_ROOT_ITEM || got < 239)
		return -1;
	tree = le_bytes(ri + 176, 8);
	tlevel = ri[238];
	for (depth = 0; ino != FIRST_FREE; depth++) {
		want = (struct key){ ino, T_INODE_REF, 0 };
		if (depth >= MAX_DEPTH || search(f, tree, tlevel, &want, &k,
		    item, sizeof(item), &got) != 1 || k.objectid != ino ||
		    k.type != T_INODE_REF || got < 10 || 10 + le_bytes(item + 8, 2) >
		    got || prepend(buf, at, item + 10, le_bytes(item + 8, 2)) != 0)
			return -1;
		ino = k.offset;
	}
	return 0;
}

/* The path of subvolume id from the top level, right-aligned in buf. */
static int
subvol_path(struct fs *f, uint64_t root, int level, uint64_t id, char *buf,
    size_t *at)
{
	unsigned char item[4096];
	struct key k, want;
	size_t got, depth;

	for (depth = 0; id != TOP_LEVEL; depth++) {
		want = (struct key){ id, T_ROOT_BACKREF, 0 };
		if (depth >= MAX_DEPTH || search(f, root, level, &want, &k,
		    item, sizeof(item), &got) != 1 || k.objectid != id ||
		    k.type != T_ROOT_BACKREF || got < 18 ||
		    18 + le_bytes(item + 16, 2) > got ||
		    prepend(buf, at, item + 18, le_bytes(item + 16, 2)) != 0 ||
		    dir_path(f, k.offset, root, level, le_bytes(item, 8), buf,
		    at) != 0)
			return -1;
		id = k.offset;
	}
	return 0;
}

static int
read_super(struct fs *f, unsigned char *sb)
{
	ssize_t n;

	if (f->size < SUPER_AT + SUPER_SIZE)
		return -1;
	n = pread(f->fd, sb, SUPER_SIZE, (off_t)(f->start + SUPER_AT));
	if (n < 0)
		disk_read_error(errno);
	if (n != SUPER_SIZE || memcmp(sb + 0x40, MAGIC, 8) != 0)
		return -1;
	f->nodesize = (uint32_t)le_bytes(sb + 0x94, 4);
	if (f->nodesize < 4096 || f->nodesize > 65536 ||
	    (f->nodesize & (f->nodesize - 1)) != 0)
		return -1;
	memcpy(f->fsid, sb + 0x20, 16);
	f->devid = le_bytes(sb + 0xc9, 8);
	return 0;
}

/*
 * The default subvolume's path from the top level ("/@/.snapshots/1/
 * snapshot"), or "" when it is the top level itself or cannot be told.
 */
int
btrfs_default_subvol(int fd, uint64_t start, uint64_t size, char *path,
    size_t len)
{
	unsigned char sb[SUPER_SIZE];
	char buf[MAX_GUEST_PATH];
	struct fs f = { .fd = fd, .start = start, .size = size };
	size_t at = sizeof(buf) - 1;
	uint64_t id, root;
	int level, rc = -1;

	path[0] = '\0';
	buf[at] = '\0';
	if (read_super(&f, sb) != 0)
		return -1;
	f.chunks = calloc(MAX_CHUNKS, sizeof(*f.chunks));
	f.node = malloc(f.nodesize);
	if (f.chunks == NULL || f.node == NULL || load_chunks(&f, sb) != 0)
		goto out;
	root = le_bytes(sb + 0x50, 8);
	level = sb[0xc6];
	id = default_id(&f, root, level, le_bytes(sb + 0x80, 8));
	if (id == 0 || id == TOP_LEVEL) {
		rc = 0;
		goto out;
	}
	if (subvol_path(&f, root, level, id, buf, &at) == 0 &&
	    (size_t)snprintf(path, len, "%s", buf + at) < len)
		rc = 0;
	else
		path[0] = '\0';
out:
	free(f.chunks);
	free(f.node);
	return rc;
}
