/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Partition discovery and filesystem detection with libblkid, on the
 * already-open disk fd: the child never opens a path.  Entries that lie
 * (past the end of the disk, zero-sized) are dropped here, so later
 * stages only see ranges inside the disk.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <blkid.h>

#include "disk.h"
#include "xenpvboot.h"

#define SECTOR	512	/* libblkid's unit for partitions, whatever the disk's */

static struct partition_table *
table_alloc(size_t count)
{
	struct partition_table *t;

	t = calloc(1, sizeof(*t) + count * sizeof(t->part[0]));
	return t;
}

/*
 * A filesystem at a byte offset, with no partition table: the whole
 * disk (offset 0) or what --offset names.
 */
int
disk_partition_at(uint64_t offset, uint64_t disksize,
    struct partition_table **tp, char *why, size_t whylen)
{
	struct partition_table *t;

	*tp = NULL;
	if (offset >= disksize) {
		snprintf(why, whylen, "offset %" PRIu64 " is past the end "
		    "of the disk (%" PRIu64 " bytes)", offset, disksize);
		return -1;
	}
	t = table_alloc(1);
	if (t == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	t->count = 1;
	t->part[0].partno = 0;
	t->part[0].offset = offset;
	t->part[0].size = disksize - offset;
	*tp = t;
	return 0;
}

/*
 * Keeps a partition of the disk's own table when its range lies inside
 * the disk: not an extended container, not an entry of a table nested
 * in a partition (a BSD label inside a DOS one, say).
 */
static void
add_partition(struct partition_table *t, blkid_parttable root,
    blkid_partition par, uint64_t disksize)
{
	struct partition *p = &t->part[t->count];
	uint64_t start, size, sectors = disksize / SECTOR;

	if (blkid_partition_is_extended(par) ||
	    blkid_partition_get_table(par) != root ||
	    blkid_partition_get_start(par) < 0 ||
	    blkid_partition_get_size(par) <= 0 ||
	    blkid_partition_get_partno(par) <= 0)
		return;
	start = (uint64_t)blkid_partition_get_start(par);
	size = (uint64_t)blkid_partition_get_size(par);
	if (start > sectors || size > sectors - start)
		return;
	p->partno = (uint32_t)blkid_partition_get_partno(par);
	p->offset = start * SECTOR;
	p->size = size * SECTOR;
	t->count++;
}

/* The partitions libblkid found, in table order. */
static int
read_table(blkid_partlist pl, uint64_t disksize,
    struct partition_table **tp, char *why, size_t whylen)
{
	blkid_parttable root = blkid_partlist_get_table(pl);
	struct partition_table *t;
	int i, n;

	n = blkid_partlist_numof_partitions(pl);
	if (n < 0)
		n = 0;
	t = table_alloc(n > MAX_PARTITIONS ? MAX_PARTITIONS : (size_t)n);
	if (t == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	/*
	 * As many as Linux reads (DISK_MAX_PARTS): a chain of 10 000 EBRs
	 * costs libblkid 0.3 s to list, and each one probed would cost
	 * us more.
	 */
	t->listed = (size_t)n;
	if (n > MAX_PARTITIONS)
		n = MAX_PARTITIONS;
	snprintf(t->label, sizeof(t->label), "%s",
	    blkid_parttable_get_type(root));
	for (i = 0; i < n; i++)
		add_partition(t, root, blkid_partlist_get_partition(pl, i),
		    disksize);
	*tp = t;
	return 0;
}

/* libblkid's probe; a failed read (EIO) is noted as the disk's. */
static int
safeprobe(blkid_probe pr)
{
	int rc;

	errno = 0;
	rc = blkid_do_safeprobe(pr);
	if (rc < 0)
		disk_read_error(errno);
	return rc;
}

/*
 * Lists the partitions in table order (logical ones after the primary
 * ones, extended containers left out), or the whole disk when there is
 * no partition table.  libblkid reads the table: the library that also
 * names the filesystems, and one that knows a FAT boot sector from an
 * MBR.
 */
int
disk_partitions(int fd, uint64_t disksize, struct partition_table **tp,
    char *why, size_t whylen)
{
	blkid_partlist pl;
	blkid_probe pr;
	int rc;

	*tp = NULL;
	pr = blkid_new_probe();
	if (pr == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	rc = blkid_probe_set_device(pr, fd, 0, (blkid_loff_t)disksize);
	if (rc == 0) {
		blkid_probe_enable_superblocks(pr, 0);
		blkid_probe_enable_partitions(pr, 1);
		rc = safeprobe(pr);
	}
	/*
	 * The partitions chain takes the first table its probers find, in
	 * libblkid's order; the DOS prober leaves a protective MBR's disk
	 * to the GPT one.
	 */
	if (rc < 0) {
		snprintf(why, whylen, "cannot read the partition table");
		blkid_free_probe(pr);
		return -1;
	}
	pl = rc == 0 ? blkid_probe_get_partitions(pr) : NULL;
	if (pl != NULL && blkid_partlist_get_table(pl) != NULL)
		rc = read_table(pl, disksize, tp, why, whylen);
	else
		rc = disk_partition_at(0, disksize, tp, why, whylen);
	blkid_free_probe(pr);
	/*
	 * A table with no usable partition (an MBR signature left on a
	 * disk that holds an ext4 at offset 0, whose boot block is free):
	 * the whole disk is probed instead, as pygrub does.
	 */
	if (rc == 0 && (*tp)->count == 0) {
		free(*tp);
		rc = disk_partition_at(0, disksize, tp, why, whylen);
	}
	return rc;
}

/*
 * The filesystems libblkid looks for: those we read, and those a guest's
 * /boot is commonly on that we can name in a message.  Probing for all
 * of libblkid's seventy-odd types read 300 KiB per partition (ZFS labels
 * alone are four 256 KiB reads), more than a tenth of a pvboot ELF;
 * these take about 30 KiB.  ZFS, whose labels alone are four 256 KiB
 * reads, is looked for only where none of these is (zfs_probe).
 */
static const char *const probe_types[] = {
	"ext2", "ext3", "ext4", "jbd", "xfs", "btrfs", "f2fs", "reiserfs",
	"jfs", "vfat", "exfat", "ntfs", "iso9660", "squashfs", "swap",
	"ufs", "udf", "nilfs2", "minix", "erofs", "hfsplus", "hfs",
	"LVM2_member", "crypto_LUKS", "linux_raid_member", "bcache", NULL,
};

/* ZFS's smallest vdev (SPA_MINDEVSIZE): a BIOS boot partition is not. */
#define ZFS_MIN_SIZE	(64ULL << 20)

/* A probe for the filesystem in partition p, asking for flags. */
static blkid_probe
fs_probe(int fd, const struct partition *p, int flags)
{
	blkid_probe pr = blkid_new_probe();

	if (pr == NULL)
		return NULL;
	if (blkid_probe_set_device(pr, fd, (blkid_loff_t)p->offset,
	    (blkid_loff_t)p->size) != 0) {
		blkid_free_probe(pr);
		return NULL;
	}
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, flags);
	blkid_probe_enable_partitions(pr, 0);
	return pr;
}

/*
 * The type libblkid finds in partition p among types: 0 with it in
 * type, 1 when none is there, below 0 on a failed read or when several
 * are (libblkid's ambivalent result: a guest can plant signatures to
 * confuse us), where type stays empty.
 */
static int
probe_among(int fd, const struct partition *p, const char *const *types,
    char *type, size_t typelen)
{
	blkid_probe pr;
	const char *val = NULL;
	int rc;

	pr = fs_probe(fd, p, BLKID_SUBLKS_TYPE);
	if (pr == NULL)
		return -1;
	blkid_probe_filter_superblocks_type(pr, BLKID_FLTR_ONLYIN,
	    (char **)types);
	rc = safeprobe(pr);
	if (rc == 0 && blkid_probe_lookup_value(pr, "TYPE", &val, NULL) == 0)
		snprintf(type, typelen, "%s", val);
	blkid_free_probe(pr);
	return rc;
}

/*
 * Names the filesystem in a partition ("ext4", "vfat", ...), or "" when
 * libblkid recognises none; ambivalent results count as none, and -1
 * says the probe failed.  A ZFS pool member (Ubuntu's and Debian's
 * bpool) is asked for only where no other type is: only there do its
 * labels cost a read.
 */
int
disk_fstype(int fd, const struct partition *p, char *type, size_t typelen)
{
	static const char *const zfs[] = { "zfs_member", NULL };
	int rc;

	type[0] = '\0';
	rc = probe_among(fd, p, probe_types, type, typelen);
	if (rc == 1 && p->size >= ZFS_MIN_SIZE)
		rc = probe_among(fd, p, zfs, type, typelen);
	return rc < 0 ? -1 : 0;
}

/*
 * A disk that fails under us (EIO from a dying device, a dm error
 * target) or shrinks (an image truncated, a volume reduced) is the
 * disk's failure, exit 4, not the guest's: the readers note each read
 * error here, and disk_failed() is asked before a failure is blamed on
 * what the guest wrote.
 */
static int read_errno;	/* the first read error, 0: none */

void
disk_read_error(int err)
{
	if (read_errno == 0 && err == EIO)
		read_errno = err;
}

/* 1, with why, when the disk failed since it was opened at size. */
int
disk_failed(int fd, uint64_t size, char *why, size_t whylen)
{
	uint64_t now = size;
	struct stat st;

	if (read_errno != 0) {
		snprintf(why, whylen, "the disk failed while being read: %s",
		    strerror(read_errno));
		return 1;
	}
	if (fstat(fd, &st) != 0)
		return 0;
	if (S_ISREG(st.st_mode))
		now = (uint64_t)st.st_size;
	else if (S_ISBLK(st.st_mode) && ioctl(fd, BLKGETSIZE64, &now) != 0)
		return 0;
	if (now >= size)
		return 0;
	snprintf(why, whylen, "the disk shrank from %" PRIu64 " to %" PRIu64
	    " bytes while being read", size, now);
	return 1;
}

/*
 * GRUB's name for a partition, as grub-fstest calls the disk: "loop0"
 * for a filesystem at the start of the disk (a whole-disk filesystem,
 * or a hybrid ISO's first partition), else the partition map's name
 * and libblkid's number, which GRUB's maps count the same way (GPT by
 * entry, DOS logical partitions from 5).  "" when GRUB has no map of
 * that kind.
 */
void
disk_grub_name(const struct partition_table *t, const struct partition *p,
    const char *disk, char *buf, size_t len)
{
	static const struct { const char *blkid, *grub; } maps[] = {
		{ "dos", "msdos" }, { "gpt", "gpt" }, { "mac", "apple" },
		{ "bsd", "bsd" }, { "sun", "sun" }, { "sgi", "dvh" },
	};
	size_t i;

	buf[0] = '\0';
	if (p->lv[0] != '\0') {
		snprintf(buf, len, "%s", p->lv_dev);
		return;
	}
	if (p->offset == 0 || p->partno == 0) {
		snprintf(buf, len, "%s", disk);
		return;
	}
	for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		if (strcmp(t->label, maps[i].blkid) == 0)
			snprintf(buf, len, "%s,%s%" PRIu32, disk, maps[i].grub,
			    p->partno);
}

/*
 * A pool's GUID, which libblkid gives in decimal and GRUB's search
 * compares as sixteen hex digits.
 */
static void
zfs_uuid(char *uuid, size_t uuidlen)
{
	unsigned long long guid;
	char *end;

	errno = 0;
	guid = strtoull(uuid, &end, 10);
	if (errno == 0 && end != uuid && *end == '\0')
		snprintf(uuid, uuidlen, "%016llx", guid);
}

/*
 * A filesystem's UUID and label as libblkid reads them, which is how
 * GRUB's drivers spell them too (FAT's "ABCD-1234" included; a ZFS
 * pool's GUID respelled).  Only a filesystem's: GRUB's search never
 * finds a PV, swap or LUKS by its UUID.
 */
int
disk_fs_ids(int fd, const struct partition *p, char *uuid, size_t uuidlen,
    char *label, size_t labellen)
{
	blkid_probe pr;
	const char *val = NULL;
	int rc;

	uuid[0] = label[0] = '\0';
	pr = fs_probe(fd, p, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_UUID |
	    BLKID_SUBLKS_LABEL | BLKID_SUBLKS_USAGE);
	if (pr == NULL)
		return -1;
	blkid_probe_filter_superblocks_usage(pr, BLKID_FLTR_ONLYIN,
	    BLKID_USAGE_FILESYSTEM);
	rc = safeprobe(pr);
	if (rc == 0 && blkid_probe_lookup_value(pr, "UUID", &val, NULL) == 0)
		snprintf(uuid, uuidlen, "%s", val);
	if (rc == 0 && blkid_probe_lookup_value(pr, "LABEL", &val, NULL) == 0)
		snprintf(label, labellen, "%s", val);
	if (rc == 0 && blkid_probe_lookup_value(pr, "TYPE", &val, NULL) == 0 &&
	    strcmp(val, "zfs_member") == 0)
		zfs_uuid(uuid, uuidlen);
	blkid_free_probe(pr);
	return rc < 0 ? -1 : 0;
}

/* Whether a partition (or the whole disk) is an LVM2 physical volume. */
bool
disk_is_lvm(int fd, const struct partition *p)
{
	static const char *const lvm[] = { "LVM2_member", NULL };
	const char *val = NULL;
	blkid_probe pr;
	bool yes = false;

	pr = blkid_new_probe();
	if (pr == NULL)
		return false;
	if (blkid_probe_set_device(pr, fd, (blkid_loff_t)p->offset,
	    (blkid_loff_t)p->size) == 0) {
		blkid_probe_enable_superblocks(pr, 1);
		blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
		blkid_probe_filter_superblocks_type(pr, BLKID_FLTR_ONLYIN,
		    (char **)lvm);
		blkid_probe_enable_partitions(pr, 0);
		yes = safeprobe(pr) == 0 && blkid_probe_lookup_value(pr,
		    "TYPE", &val, NULL) == 0;
	}
	blkid_free_probe(pr);
	return yes;
}

/*
 * GRUB's "VG-LV", a "-" in either name written "--", as "VG/LV".
 * Returns -1 for a name that is not one.
 */
static int
lv_name(const char *grub, char *out, size_t len)
{
	size_t i, o = 0;
	bool split = false;

	for (i = 0; grub[i] != '\0' && o + 1 < len; i++) {
		if (grub[i] == '-' && grub[i + 1] == '-')
			out[o++] = grub[i++];
		else if (grub[i] == '-' && !split && i > 0) {
			out[o++] = '/';
			split = true;
		} else
			out[o++] = grub[i];
	}
	out[o] = '\0';
	return split && grub[i] == '\0' && out[o - 1] != '/' ? 0 : -1;
}

/*
 * The logical volumes GRUB found, as partitions after the table's, in
 * the order given (the volume group's metadata order: session.c).  GRUB
 * reads them, wherever their extents lie.
 */
int
disk_add_lvs(struct partition_table **tp, char (*grub)[LV_NAME_MAX + 8],
    size_t n)
{
	struct partition_table *t;
	struct partition *p;
	size_t i;

	if (n > LVM_MAX_LVS)
		n = LVM_MAX_LVS;
	t = realloc(*tp, sizeof(*t) + ((*tp)->count + n) * sizeof(t->part[0]));
	if (t == NULL)
		return -1;
	*tp = t;
	for (i = 0; i < n; i++) {
		p = &t->part[t->count];
		memset(p, 0, sizeof(*p));
		if (strncmp(grub[i], "lvm/", 4) != 0 ||
		    lv_name(grub[i] + 4, p->lv, sizeof(p->lv)) != 0)
			continue;
		snprintf(p->lv_dev, sizeof(p->lv_dev), "%s", grub[i]);
		t->count++;
	}
	return 0;
}
