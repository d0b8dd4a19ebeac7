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
 * The partition GRUB's device dev names: its index; -2 with why for
 * another disk or GRUB's memdisk, which the guest's GRUB would read and
 * a bootloader given one disk cannot; -1 with why for a name this disk
 * lacks (a partition or volume a template's config names that is not
 * here, an OS device name such as "/dev/xvda,msdos1" that grub-mkconfig
 * writes where it had no device map, left as $root when the search
 * after it finds nothing).
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
	if (strncmp(dev, "hd", 2) == 0 && dev[2] >= '1' && dev[2] <= '9') {
		snprintf(why, whylen, "(%s): another disk: the bootloader "
		    "sees one, hd0", dev);
		return -2;
	}
	if (strcmp(dev, "memdisk") == 0) {
		snprintf(why, whylen, "(memdisk): the memdisk inside the "
		    "guest's GRUB image, not this disk");
		return -2;
	}
	snprintf(why, whylen, "(%s): no such device", dev);
	return -1;
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

/*
 * grubenv's next_entry: named whole by its filesystem's UUID before
 * what bootcfg.c read of it, and passed over where the parent remembers
 * that this disk booted it (parent/once.c), as GRUB would have cleared
 * it then.
 */
static void
host_once(void *ctx, struct menu *m)
{
	struct menu_dev *d = ctx;
	struct session *s = d->s;
	char uuid[sizeof(s->ps[0].lv.uuid)], label[sizeof(s->ps[0].lv.label)];
	char name[PART_NAME_MAX];
	size_t i;

	if (!ids(s, d->part, uuid, sizeof(uuid), label, sizeof(label)) ||
	    uuid[0] == '\0')
		snprintf(uuid, sizeof(uuid), "-");
	/* An id that is no single printable word is none (proto.c's rule). */
	for (i = 0; uuid[i] != '\0'; i++)
		if (uuid[i] <= ' ' || uuid[i] > '~')
			uuid[i] = '?';
	snprintf(m->once_id, sizeof(m->once_id), "%s %s", uuid, m->env_id);
	m->once_spent = strcmp(m->once_id, s->rt->once_spent) == 0;
	session_trace(s, TRACE_INFO, "%s: grubenv: next_entry \"%s\", %s",
	    session_part_name(&s->pt->part[d->part], name, sizeof(name)),
	    m->next_entry, m->once_spent ? "booted once already (grubenv "
	    "unchanged since): passed over, as GRUB clears it" : "booted "
	    "once: a boot remembers it in dom0");
}

/* The host for a config read from partition i. */
void
menu_dev_host(struct menu_dev *d, struct session *s, size_t i)
{
	memset(d, 0, sizeof(*d));
	d->s = s;
	d->part = i;
	d->host.ctx = d;
	d->host.search = host_search;
	d->host.read = host_read;
	d->host.fs = host_fs;
	d->host.once = host_once;
	menu_dev_name(s, i, d->host.root, sizeof(d->host.root));
}
