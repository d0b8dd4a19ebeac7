/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * grub.cfg's device model on the guest's disk: GRUB's device names
 * ("hd0", "hd0,gpt2", "hd0,msdos5", "hd0,2", "lvm/VG-LV") mapped to the
 * partitions the search found, and the host the interpreter asks:
 * which filesystem has a UUID, a label or a file (search), and a config
 * file on a device (configfile, source).  The guest's disk is hd0: the
 * bootloader sees no other.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "child/menu/bootcfg.h"
#include "bootmenu-dev.h"

/* "N" at p, a partition number, up to the end or a comma. */
static bool
number(const char *p, uint32_t *n)
{
	char *end;
	unsigned long v;

	if (*p < '1' || *p > '9')
		return false;
	v = strtoul(p, &end, 10);
	if (*end != '\0' || v > UINT32_MAX)
		return false;
	*n = (uint32_t)v;
	return true;
}

/* Whether the partition is the one GRUB's name after "hd0," means. */
static bool
matches(const struct partition_table *t, const struct partition *p,
    const char *part)
{
	char mine[MENU_DEV_MAX];
	uint32_t n;

	if (p->lv[0] != '\0' || p->partno == 0)
		return false;
	if (number(part, &n))		/* "hd0,2": any partition map's */
		return p->partno == n;
	disk_grub_name(t, p, "hd0", mine, sizeof(mine));
	return strncmp(mine, "hd0,", 4) == 0 && strcmp(mine + 4, part) == 0;
}

/*
 * The partition GRUB's device dev names: its index; -1 with why where
 * this disk lacks it (a partition or volume a template's config names
 * that is not here); -2 with why for a device that is not this disk's
 * at all (another disk, GRUB's memdisk, a CD), which the guest's GRUB
 * would read elsewhere and a bootloader given one disk cannot.
 */
int
menu_dev_part(const struct session *s, const char *dev, size_t *idx,
    char *why, size_t whylen)
{
	const struct partition_table *t = s->pt;
	size_t i;

	for (i = 0; i < t->count; i++) {
		if ((t->part[i].lv[0] != '\0' && strcmp(t->part[i].lv_dev,
		    dev) == 0) || (strcmp(dev, "hd0") == 0 &&
		    (t->part[i].partno == 0 || t->part[i].offset == 0) &&
		    t->part[i].lv[0] == '\0') ||
		    (strncmp(dev, "hd0,", 4) == 0 && matches(t, &t->part[i],
		    dev + 4))) {
			*idx = i;
			return 0;
		}
	}
	if (strncmp(dev, "hd0,", 4) == 0 || strcmp(dev, "hd0") == 0) {
		snprintf(why, whylen, "(%s): no such partition on this disk",
		    dev);
		return -1;
	}
	if (strncmp(dev, "lvm/", 4) == 0) {
		snprintf(why, whylen, "(%s): no such logical volume on this "
		    "disk", dev);
		return -1;
	}
	if (strncmp(dev, "hd", 2) == 0)
		snprintf(why, whylen, "(%s): another disk: the bootloader "
		    "sees one, hd0", dev);
	else if (strcmp(dev, "memdisk") == 0)
		snprintf(why, whylen, "(memdisk): the memdisk inside the "
		    "guest's GRUB image, not this disk");
	else
		snprintf(why, whylen, "(%s): no such device: the bootloader "
		    "sees one disk, hd0", dev);
	return -2;
}

/* The GRUB device name of partition i. */
void
menu_dev_name(const struct session *s, size_t i, char *dev, size_t len)
{
	disk_grub_name(s->pt, &s->pt->part[i], "hd0", dev, len);
}

/*
 * The UUID and label of partition i's filesystem: libblkid's, or for a
 * logical volume, whose extents GRUB finds, GRUB's.  Both spell them as
 * GRUB's search compares them.
 */
static bool
ids(struct session *s, size_t i, char *uuid, size_t uuidlen, char *label,
    size_t labellen)
{
	if (s->pt->part[i].lv[0] == '\0')
		return disk_fs_ids(s->diskfd, &s->pt->part[i], uuid, uuidlen,
		    label, labellen) == 0;
	(void)session_fs(s, i);		/* probes it */
	snprintf(uuid, uuidlen, "%s", s->ps[i].lv.uuid);
	snprintf(label, labellen, "%s", s->ps[i].lv.label);
	return true;
}

static bool
has(struct session *s, size_t i, enum menu_search how, const char *arg)
{
	char uuid[sizeof(s->ps[i].lv.uuid)], label[sizeof(s->ps[i].lv.label)];
	char why[128];
	struct guestfs *g;
	struct fs_file f;

	if (how == MENU_SEARCH_FILE) {
		g = session_fs(s, i);
		return g != NULL && fs_lookup(g, arg, &f, why, sizeof(why)) ==
		    FS_FOUND;
	}
	if (!ids(s, i, uuid, sizeof(uuid), label, sizeof(label)))
		return false;
	/* GRUB compares UUIDs without regard to case, labels exactly. */
	return how == MENU_SEARCH_UUID ? uuid[0] != '\0' &&
	    strcasecmp(uuid, arg) == 0 : label[0] != '\0' &&
	    strcmp(label, arg) == 0;
}

/* The partition search finds: the hint first, then the table's order. */
static bool
find(struct session *s, enum menu_search how, const char *arg,
    const char *hint, size_t *idx)
{
	char why[128];

	if (hint[0] != '\0' && menu_dev_part(s, hint, idx, why,
	    sizeof(why)) == 0 && has(s, *idx, how, arg))
		return true;
	for (*idx = 0; *idx < s->pt->count; (*idx)++)
		if (has(s, *idx, how, arg))
			return true;
	return false;
}

static struct menu_dev_memo *
recall(struct menu_dev *d, enum menu_search how, const char *arg,
    const char *hint)
{
	size_t i;

	for (i = 0; i < d->nmemo && i < MENU_DEV_MEMO; i++)
		if (d->memo[i].how == how && strcmp(d->memo[i].arg, arg) ==
		    0 && strcmp(d->memo[i].hint, hint) == 0)
			return &d->memo[i];
	return NULL;
}

/*
 * search, remembered, and bounded: each one may read every filesystem
 * on the disk, and a hostile grub.cfg may ask thousands.
 */
static int
host_search(void *ctx, enum menu_search how, const char *arg,
    const char *hint, char *dev, size_t devlen)
{
	struct menu_dev *d = ctx;
	struct menu_dev_memo *m = recall(d, how, arg, hint);
	size_t i;

	if (m != NULL) {
		snprintf(dev, devlen, "%s", m->dev);
		return m->dev[0] != '\0' ? 0 : -1;
	}
	if (d->searches == MENU_MAX_SEARCHES)
		return -2;
	d->searches++;
	dev[0] = '\0';
	if (find(d->s, how, arg, hint, &i))
		menu_dev_name(d->s, i, dev, devlen);
	if (strlen(arg) < sizeof(d->memo[0].arg) &&
	    strlen(hint) < sizeof(d->memo[0].hint)) {
		m = &d->memo[d->nmemo++ % MENU_DEV_MEMO];
		m->how = how;
		snprintf(m->arg, sizeof(m->arg), "%s", arg);
		snprintf(m->hint, sizeof(m->hint), "%s", hint);
		snprintf(m->dev, sizeof(m->dev), "%s", dev);
	}
	return dev[0] != '\0' ? 0 : -1;
}

/* configfile and source: a config on a device, bounded as grub.cfg. */
static int
host_read(void *ctx, const char *dev, const char *path, char **text,
    size_t *len, char *why, size_t whylen)
{
	struct menu_dev *d = ctx;
	struct guestfs *g;
	size_t i;

	*text = NULL;
	if (menu_dev_part(d->s, dev, &i, why, whylen) != 0)
		return -1;
	g = session_fs(d->s, i);
	if (g == NULL) {
		snprintf(why, whylen, "(%s): %s", dev, d->s->ps[i].problem);
		return -1;
	}
	return bootcfg_slurp(g, path, BOOTCFG_MAX_SIZE, text, len, why,
	    whylen);
}

static struct guestfs *
host_fs(void *ctx, const char *dev)
{
	struct menu_dev *d = ctx;
	char why[128];
	size_t i;

	return menu_dev_part(d->s, dev, &i, why, sizeof(why)) == 0 ?
	    session_fs(d->s, i) : NULL;
}

/* The host for a config read from partition i. */
void
menu_dev_host(struct menu_dev *d, struct session *s, size_t i)
{
	memset(d, 0, sizeof(*d));
	d->s = s;
	d->host.ctx = d;
	d->host.search = host_search;
	d->host.read = host_read;
	d->host.fs = host_fs;
	menu_dev_name(s, i, d->host.root, sizeof(d->host.root));
}
