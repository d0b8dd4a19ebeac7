/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Partition discovery with libfdisk and filesystem detection with
 * libblkid, both on the already-open disk fd: the child never opens a
 * path.  Entries that lie (past the end of the disk, zero-sized) are
 * dropped here, so later stages only see ranges inside the disk.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <blkid.h>
#include <libfdisk.h>

#include "disk.h"
#include "xenpvboot.h"

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

/* Keeps a partition when its range lies inside the disk. */
static int
add_partition(struct partition_table *t, struct fdisk_partition *pa,
    unsigned long ssz, uint64_t disksize)
{
	struct partition *p = &t->part[t->count];
	uint64_t start, size;

	if (fdisk_partition_is_container(pa) ||
	    !fdisk_partition_has_start(pa) || !fdisk_partition_has_size(pa))
		return 0;
	start = fdisk_partition_get_start(pa);
	size = fdisk_partition_get_size(pa);
	if (size == 0 || start > disksize / ssz ||
	    size > disksize / ssz - start)
		return 0;
	p->partno = (uint32_t)fdisk_partition_get_partno(pa) + 1;
	p->offset = start * ssz;
	p->size = size * ssz;
	t->count++;
	return 1;
}

static int
read_table(struct fdisk_context *cxt, uint64_t disksize,
    struct partition_table **tp, char *why, size_t whylen)
{
	struct fdisk_table *tb = NULL;
	struct fdisk_iter *it = NULL;
	struct fdisk_partition *pa;
	struct partition_table *t = NULL;
	unsigned long ssz;
	size_t n;
	int rc = -1;

	if (fdisk_get_partitions(cxt, &tb) != 0) {
		snprintf(why, whylen, "cannot read the %s partition table",
		    fdisk_label_get_name(fdisk_get_label(cxt, NULL)));
		goto out;
	}
	n = fdisk_table_get_nents(tb);
	if (n > MAX_PARTITIONS)
		n = MAX_PARTITIONS;
	t = table_alloc(n);
	it = fdisk_new_iter(FDISK_ITER_FORWARD);
	if (t == NULL || it == NULL) {
		snprintf(why, whylen, "out of memory");
		goto out;
	}
	snprintf(t->label, sizeof(t->label), "%s",
	    fdisk_label_get_name(fdisk_get_label(cxt, NULL)));
	ssz = fdisk_get_sector_size(cxt);
	if (ssz == 0)
		ssz = 512;
	fdisk_table_sort_partitions(tb, fdisk_partition_cmp_partno);
	while (t->count < n && fdisk_table_next_partition(tb, it, &pa) == 0)
		add_partition(t, pa, ssz, disksize);
	*tp = t;
	t = NULL;
	rc = 0;
out:
	free(t);
	fdisk_free_iter(it);
	fdisk_unref_table(tb);
	return rc;
}

/*
 * Lists the partitions in table order (logical ones after the primary
 * ones, extended containers left out), or the whole disk when there is
 * no partition table.
 */
int
disk_partitions(int fd, uint64_t disksize, struct partition_table **tp,
    char *why, size_t whylen)
{
	struct fdisk_context *cxt;
	int rc = -1;

	*tp = NULL;
	cxt = fdisk_new_context();
	if (cxt == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	/*
	 * List-only: libfdisk then skips its check for other signatures
	 * on the whole disk, a megabyte of reads we have no use for.
	 */
	fdisk_enable_listonly(cxt, 1);
	/* libfdisk does not own (or close) a device given by fd. */
	if (fdisk_assign_device_by_fd(cxt, fd, "guest disk", 1) != 0) {
		snprintf(why, whylen, "cannot read the partition table");
		goto out;
	}
	if (fdisk_has_label(cxt))
		rc = read_table(cxt, disksize, tp, why, whylen);
	else
		rc = disk_partition_at(0, disksize, tp, why, whylen);
out:
	fdisk_unref_context(cxt);
	return rc;
}

/*
 * The filesystems libblkid looks for: those we read, and those a guest's
 * /boot is commonly on that we can name in a message.  Probing for all
 * of libblkid's seventy-odd types read 300 KiB per partition (ZFS labels
 * alone are four 256 KiB reads), more than a tenth of a pvboot ELF;
 * these take 24 KiB.
 */
static const char *const probe_types[] = {
	"ext2", "ext3", "ext4", "jbd", "xfs", "btrfs", "f2fs", "reiserfs",
	"jfs", "vfat", "exfat", "ntfs", "iso9660", "squashfs", "swap",
	"LVM2_member", "crypto_LUKS", "linux_raid_member", "bcache", NULL,
};

/*
 * Names the filesystem in a partition ("ext4", "vfat", ...), or "" when
 * libblkid recognises none.  Ambivalent results count as none: a guest
 * can plant several signatures to confuse us.
 */
int
disk_fstype(int fd, const struct partition *p, char *type, size_t typelen)
{
	blkid_probe pr;
	const char *val = NULL;
	int rc;

	type[0] = '\0';
	pr = blkid_new_probe();
	if (pr == NULL)
		return -1;
	rc = blkid_probe_set_device(pr, fd, (blkid_loff_t)p->offset,
	    (blkid_loff_t)p->size);
	if (rc == 0) {
		blkid_probe_enable_superblocks(pr, 1);
		blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
		blkid_probe_filter_superblocks_type(pr, BLKID_FLTR_ONLYIN,
		    (char **)probe_types);
		blkid_probe_enable_partitions(pr, 0);
		rc = blkid_do_safeprobe(pr);
		if (rc == 0 && blkid_probe_lookup_value(pr, "TYPE", &val,
		    NULL) == 0)
			snprintf(type, typelen, "%s", val);
		rc = rc < 0 ? -1 : 0;
	}
	blkid_free_probe(pr);
	return rc;
}
