/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * btrfs, FAT, ISO 9660 and the others fs.c names, read by GRUB's own
 * drivers: grub-fstest, which the parent runs confined for each request
 * (parent/grub.c, sandbox/helper.c), with its stdout and stderr on pipes
 * we hold.  We ask, read what it writes, bounded, and learn from the
 * parent how it ended.  What it writes is guest data like any other: the checks
 * after this stage are the same as for ext4.
 *
 * GRUB names the disk "loop0" and its partitions as GRUB's own
 * partition maps do ("loop0,gpt2", "loop0,msdos5"): the names a guest's
 * GRUB would use, and libblkid's numbers for them.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "btrfs-subvol.h"
#include "fs-impl.h"
#include "grub.h"
#include "proto.h"

#define GRUB_ERR_MAX	512	/* the first bytes of its stderr we keep */
#define GRUB_LS_MAX	(1 << 20)	/* what an ls may say: 4000 names */
#define ZFS_DATASETS	32	/* datasets a pool's walk looks in */
#define ZFS_NAME_MAX	256	/* a dataset's name, its NUL included */

static struct grub_channel ch = { -1, -1, -1, -1, 0 };

void
fs_grub_connect(const struct grub_channel *c)
{
	ch = *c;
}

struct grubfs {
	char		 dev[FS_GRUB_DEV_MAX + 2];	/* "(loop0,gpt2)" */
	char		 subvol[MAX_GUEST_PATH];	/* btrfs: the default */
	bool		 zfs;		/* subvol: the dataset, "/BOOT@" */
	char		*root;		/* its root's listing, or NULL */
	uint64_t	 rootlen;
	char		 note[MAX_GUEST_PATH + 128];
	char		 type[16];	/* libblkid's, for messages */
	unsigned char	*buf;		/* the file the last lookup read */
	char		 last[MSG_GRUB_PATH];	/* its path, as GRUB's */
	uint64_t	 len;
	uint64_t	 ino;		/* its number: lookups are counted */
};

/* What one run of grub-fstest gave. */
struct run {
	unsigned char	*out;
	uint64_t	 len;
	char		 err[GRUB_ERR_MAX];
	size_t		 errlen;
	struct msg_grub_done done;
};

/* Takes what a pipe holds now; -1 on a failed read of it. */
static int
drain(int fd, struct run *r, bool out, uint64_t limit)
{
	unsigned char scratch[65536], *p;
	size_t room;
	ssize_t n;

	for (;;) {
		if (out && r->len < limit) {
			room = limit - r->len > sizeof(scratch) ?
			    sizeof(scratch) : (size_t)(limit - r->len);
			p = realloc(r->out, r->len + room);
			if (p == NULL)
				return -1;
			r->out = p;
			n = read(fd, r->out + r->len, room);
			if (n > 0)
				r->len += (uint64_t)n;
		} else if (!out && r->errlen < sizeof(r->err) - 1) {
			n = read(fd, r->err + r->errlen,
			    sizeof(r->err) - 1 - r->errlen);
			if (n > 0)
				r->errlen += (size_t)n;
		} else
			n = read(fd, scratch, sizeof(scratch));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? 0 : -1;
		if (n == 0)
			return 0;
	}
}

/* The parent's word that grub-fstest is done (it has exited). */
static int
hear_done(struct run *r)
{
	union msg_payload buf;
	struct msg m;
	char why[128];

	if (proto_recv(ch.done, &m, (char *)&buf, sizeof(buf), why,
	    sizeof(why)) != 1 || m.type != MSG_GRUB_DONE)
		return -1;
	r->done = buf.grub_done;
	return 0;
}

/*
 * Runs one command and reads all it writes: its stdout may be larger
 * than a pipe, so it is read while it runs.  Its output ends when the
 * parent says it has exited: what it wrote is then in the pipes.
 */
static int
run(enum grub_verb verb, const char *path, uint64_t limit, struct run *r)
{
	struct msg_grub g = { .verb = verb, .limit = limit };
	struct pollfd p[3] = {
		{ .fd = ch.out, .events = POLLIN },
		{ .fd = ch.err, .events = POLLIN },
		{ .fd = ch.done, .events = POLLIN },
	};

	memset(r, 0, sizeof(*r));
	if (ch.request < 0 || snprintf(g.path, sizeof(g.path), "%s", path) >=
	    (int)sizeof(g.path))
		return -1;
	if (proto_send(ch.request, MSG_GRUB, &g, sizeof(g)) != 0)
		return -1;
	for (;;) {
		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if ((p[0].revents && drain(ch.out, r, true, limit) != 0) ||
		    (p[1].revents && drain(ch.err, r, false, 0) != 0))
			return -1;
		if (p[2].revents)
			break;
	}
	if (hear_done(r) != 0 || drain(ch.out, r, true, limit) != 0 ||
	    drain(ch.err, r, false, 0) != 0)
		return -1;
	r->err[r->errlen] = '\0';
	return 0;
}

/*
 * Its complaint, one line: "grub-fstest: error: cannot open `P': file
 * `P' not found." says "file `P' not found".
 */
static void
complaint(const struct run *r, char *why, size_t whylen)
{
	const char *s = r->err, *colon;
	size_t n;

	if (strncmp(s, "grub-fstest: error: ", 20) == 0)
		s += 20;
	if (strncmp(s, "cannot open `", 13) == 0 &&
	    (colon = strstr(s, "': ")) != NULL)
		s = colon + 3;
	n = strcspn(s, "\n");
	while (n > 0 && s[n - 1] == '.')
		n--;
	snprintf(why, whylen, "GRUB: %.*s", (int)n, s);
}

/* How a run went, for anything but a clean exit. */
static void
failure(const struct grubfs *g, const struct run *r, char *why,
    size_t whylen)
{
	if (r->done.outcome == GRUB_NOT_RUN)
		snprintf(why, whylen, "%s needs grub-common (GRUB's reader: "
		    "%s)", g->type, r->done.why);
	else if (r->done.outcome == GRUB_KILLED && r->done.why[0] != '\0')
		snprintf(why, whylen, "GRUB's reader was killed for %.*s "
		    "(a call its filter forbids)", (int)sizeof(r->done.why),
		    r->done.why);
	else if (r->done.outcome == GRUB_KILLED)
		snprintf(why, whylen, "GRUB's reader died of signal %d (%s)",
		    r->done.code, r->done.code == SIGSYS ? "a call its filter "
		    "forbids" : "it crashed on this filesystem");
	else if (r->errlen > 0)
		complaint(r, why, whylen);
	else
		snprintf(why, whylen, "GRUB's reader exited with status %d",
		    r->done.code);
}

/*
 * The characters LVM allows in VG and LV names: a hostile volume group's
 * metadata may say anything, and a ")" in a name would end GRUB's device
 * name early (the parent refuses such a path, ending the run).
 */
static bool
lvm_chars(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    strchr("+_.-", s[i]) != NULL) || s[i] == '\0')
			return false;
	return true;
}

/*
 * The text between "- Label `" and the last "'": the label is the
 * guest's and may hold anything, "'" included, but nothing GRUB prints
 * after it does (time, UUID, sizes).
 */
static void
label_in(const char *text, char *label, size_t len)
{
	static const char key[] = "- Label `";
	const char *at = strstr(text, key), *end;

	if (at == NULL)
		return;
	at += sizeof(key) - 1;
	end = strrchr(at, '\'');
	if (end != NULL)
		snprintf(label, len, "%.*s", (int)(end - at), at);
}

/*
 * What GRUB says of a device, "Filesystem type ext* - Label `boot' -
 * Last modification time ..., UUID 1b2c... - Sector size 512B - ...":
 * the filesystem's name in GRUB's words ("ext*", "btrfs", "xfs",
 * "fat"), "" for "No known filesystem detected", and its label and
 * UUID as GRUB's search compares them.
 */
static void
parse_id(const char *text, struct fs_grub_id *id)
{
	static const char key[] = "Filesystem type ", ukey[] = ", UUID ";
	const char *at, *u;
	size_t n;

	memset(id, 0, sizeof(*id));
	at = strstr(text, key);
	if (at == NULL)
		return;
	at += sizeof(key) - 1;
	n = strcspn(at, " \n");
	snprintf(id->type, sizeof(id->type), "%.*s", (int)n, at);
	label_in(at, id->label, sizeof(id->label));
	/* The UUID comes after the label, never inside it. */
	u = strrchr(at, '\'');
	u = strstr(u != NULL ? u : at, ukey);
	if (u != NULL) {
		u += sizeof(ukey) - 1;
		n = strcspn(u, " \n");
		snprintf(id->uuid, sizeof(id->uuid), "%.*s", (int)n, u);
	}
}

/*
 * The next name in GRUB's "ls" output from *s, *len bytes long (a
 * directory's with its "/"), or NULL past the last: names are separated
 * by spaces and newlines, so a name with a space in it reads as two.
 */
static const char *
ls_name(const char **s, const char *end, size_t *len)
{
	const char *name;

	while (*s < end && (**s == ' ' || **s == '\n'))
		(*s)++;
	if (*s >= end)
		return NULL;
	name = *s;
	for (*len = 0; name + *len < end && name[*len] != ' ' &&
	    name[*len] != '\n'; (*len)++)
		;
	*s = name + *len;
	return name;
}

/*
 * GRUB's "ls" with no path: the devices it found, "(loop0) (loop0,gpt1)
 * (lvm/vg-root) (proc) (host)".  GRUB lists the LVM2 logical volumes
 * last first: the first max of the metadata's order are the last max
 * it lists, kept as they come and put in that order into lvs[].dev;
 * *total counts them all.  A volume group is read once, however many
 * volumes it has.
 */
int
fs_grub_lvs(struct fs_grub_lv *lvs, size_t max, size_t *n, size_t *total,
    char *why, size_t whylen)
{
	struct grubfs g = { .type = "LVM2_member" };
	struct fs_grub_lv tmp;
	const char *s, *end, *dev;
	struct run r;
	size_t len, i;

	*n = *total = 0;
	if (max == 0 || run(GRUB_DEVICES, "", GRUB_LS_MAX, &r) != 0) {
		free(r.out);
		snprintf(why, whylen, "no answer from GRUB's reader");
		return -1;
	}
	if (r.done.outcome != GRUB_EXITED || r.done.code != 0) {
		free(r.out);
		failure(&g, &r, why, whylen);
		return -1;
	}
	memset(lvs, 0, max * sizeof(*lvs));
	s = (const char *)r.out;
	end = s + r.len;
	while ((dev = ls_name(&s, end, &len)) != NULL)
		if (len > 7 && len - 2 < FS_GRUB_DEV_MAX &&
		    memcmp(dev, "(lvm/", 5) == 0 && dev[len - 1] == ')' &&
		    lvm_chars(dev + 5, len - 6)) {
			/* A ring of the last max: slot total % max. */
			memcpy(lvs[*total % max].dev, dev + 1, len - 2);
			lvs[*total % max].dev[len - 2] = '\0';
			(*total)++;
		}
	free(r.out);
	*n = *total < max ? *total : max;
	/* The ring, oldest first, is GRUB's order: rotate, then reverse. */
	for (i = 0; *total > max && i < *total % max; i++) {
		tmp = lvs[0];
		memmove(lvs, lvs + 1, (max - 1) * sizeof(*lvs));
		lvs[max - 1] = tmp;
	}
	for (i = 0; i < *n / 2; i++) {
		tmp = lvs[i];
		lvs[i] = lvs[*n - 1 - i];
		lvs[*n - 1 - i] = tmp;
	}
	return 0;
}

/* The LV a "Device lvm/NAME: ..." line of ls -l speaks of, or NULL. */
static struct fs_grub_lv *
lv_of(const char *line, const char *end, struct fs_grub_lv *lvs, size_t n)
{
	static const char key[] = "Device ";
	const char *name, *colon;
	size_t i, len;

	if ((size_t)(end - line) < sizeof(key) || memcmp(line, key,
	    sizeof(key) - 1) != 0)
		return NULL;
	name = line + sizeof(key) - 1;
	colon = memchr(name, ':', (size_t)(end - name));
	if (colon == NULL)
		return NULL;
	len = (size_t)(colon - name);
	for (i = 0; i < n; i++)
		if (strlen(lvs[i].dev) == len &&
		    memcmp(lvs[i].dev, name, len) == 0)
			return &lvs[i];
	return NULL;
}

/* One run of "ls -l" on the devices named in list; fills their ids. */
static void
probe_batch(const char *list, struct fs_grub_lv *lvs, size_t n)
{
	char text[1024];
	const char *s, *end, *nl;
	struct fs_grub_lv *lv;
	struct run r;
	size_t len;

	if (run(GRUB_PROBE, list, GRUB_LS_MAX, &r) == 0 &&
	    r.done.outcome == GRUB_EXITED && r.done.code == 0) {
		s = (const char *)r.out;
		end = s + r.len;
		while (s < end) {
			nl = memchr(s, '\n', (size_t)(end - s));
			len = (size_t)((nl != NULL ? nl : end) - s);
			lv = lv_of(s, s + len, lvs, n);
			if (lv != NULL) {
				snprintf(text, sizeof(text), "%.*s",
				    (int)(len < sizeof(text) ? len :
				    sizeof(text) - 1), s);
				parse_id(strchr(text, ':'), &lv->id);
			}
			s = nl != NULL ? nl + 1 : end;
		}
	}
	free(r.out);
}

/*
 * What each of the n LVs holds, as GRUB's "ls -l" says: as many in one
 * run as the request holds (GRUB reads the volume group once a run).
 * A label that holds a line of its own can only misname the guest's
 * own volumes.
 */
void
fs_grub_ids(struct fs_grub_lv *lvs, size_t n)
{
	char list[MSG_GRUB_PATH];
	size_t i, len = 0, first = 0, need;

	list[0] = '\0';
	for (i = 0; i <= n; i++) {
		need = i < n ? strlen(lvs[i].dev) + 3 : 0;
		if (i == n || len + need >= sizeof(list)) {
			if (len > 0)
				probe_batch(list, lvs + first, i - first);
			len = 0;
			list[0] = '\0';
			first = i;
		}
		if (i < n)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s(%s)", len > 0 ? " " : "", lvs[i].dev);
	}
}

/* What GRUB says of one device ("ls -l (lvm/vg-boot)"). */
void
fs_grub_probe(const char *dev, struct fs_grub_id *id)
{
	char path[FS_GRUB_DEV_MAX + 2];
	struct run r;

	memset(id, 0, sizeof(*id));
	snprintf(path, sizeof(path), "(%s)", dev);
	if (run(GRUB_LS, path, GRUB_LS_MAX, &r) == 0 &&
	    r.done.outcome == GRUB_EXITED && r.done.code == 0 && r.len > 0 &&
	    r.len < 4096) {
		r.out[r.len - 1] = '\0';
		parse_id((const char *)r.out, id);
	}
	free(r.out);
}

/*
 * An empty listing of the root is an empty filesystem, or one this GRUB
 * has no driver for (EROFS, for Debian 12's and 13's): GRUB says
 * nothing of either and exits 0.  Its description of the device tells
 * them apart.
 */
static bool
grub_knows(const char *dev)
{
	struct fs_grub_id id;

	fs_grub_probe(dev, &id);
	return id.type[0] != '\0';
}

/* Whether an ls named anything. */
static bool
listed(const struct run *r)
{
	const char *s = (const char *)r->out;
	size_t len;

	return ls_name(&s, s + r->len, &len) != NULL;
}

/*
 * The datasets under ds ("" the pool's root, "/BOOT") that GRUB's
 * listing of it names, in its order, pushed so that the first listed is
 * popped first.
 */
static void
zfs_push(const char *s, const char *end, const char *ds,
    char (*stack)[ZFS_NAME_MAX], size_t *top)
{
	size_t len, first = *top, i, j;
	const char *tok;

	while (*top < ZFS_DATASETS && (tok = ls_name(&s, end, &len)) != NULL) {
		/* A dataset ends in "/"; "@/" is this one's own files. */
		if (len < 2 || tok[len - 1] != '/' || tok[0] == '@' ||
		    memchr(tok, '\0', len) != NULL ||
		    strlen(ds) + len + 1 > ZFS_NAME_MAX)
			continue;
		snprintf(stack[(*top)++], ZFS_NAME_MAX, "%s/%.*s", ds,
		    (int)len - 1, tok);
	}
	for (i = first, j = *top; i + 1 < j; i++, j--) {
		char t[ZFS_NAME_MAX];

		memcpy(t, stack[i], sizeof(t));
		memcpy(stack[i], stack[j - 1], sizeof(t));
		memcpy(stack[j - 1], t, sizeof(t));
	}
}

/* The datasets under ds, listed by GRUB's reader. */
static void
zfs_children(const struct grubfs *g, const char *ds,
    char (*stack)[ZFS_NAME_MAX], size_t *top)
{
	char path[MSG_GRUB_PATH];
	struct run r;

	snprintf(path, sizeof(path), "%s%s/", g->dev, ds);
	if (run(GRUB_LS, path, GRUB_LS_MAX, &r) == 0 &&
	    r.done.outcome == GRUB_EXITED && r.done.code == 0)
		zfs_push((char *)r.out, (char *)r.out + r.len, ds, stack, top);
	free(r.out);
}

/*
 * Where a ZFS pool's paths without an "@" are read.  GRUB's own name a
 * dataset ("/BOOT/ubuntu_x@/vmlinuz"); the spec's and pygrub's do not,
 * and the pool's bootfs property, which would say, is not one GRUB's
 * reader tells.  So: the first dataset that holds anything, depth first
 * in GRUB's order from the pool's root dataset.  That is the root
 * dataset of a pool that keeps /boot there, and bpool/BOOT/ubuntu_<id>
 * (mounted as /boot) in Ubuntu's and Debian's Root on ZFS layout, whose
 * upper datasets are never mounted and hold nothing.
 */
static void
zfs_dataset(struct grubfs *g, const char *pool, uint64_t poollen)
{
	static char stack[ZFS_DATASETS][ZFS_NAME_MAX];
	char ds[ZFS_NAME_MAX], path[MSG_GRUB_PATH];
	size_t top = 1, looked;
	struct run r;
	bool found = false;

	stack[0][0] = '\0';
	for (looked = 0; top > 0 && looked < ZFS_DATASETS; looked++) {
		memcpy(ds, stack[--top], sizeof(ds));
		snprintf(path, sizeof(path), "%s%s@/", g->dev,
		    ds[0] != '\0' ? ds : "/");
		found = run(GRUB_LS, path, GRUB_LS_MAX, &r) == 0 &&
		    r.done.outcome == GRUB_EXITED && r.done.code == 0 &&
		    listed(&r);
		if (found) {
			/* Its root, where paths without an "@" start. */
			g->root = (char *)r.out;
			g->rootlen = r.len;
			break;
		}
		free(r.out);
		/* The pool's own datasets: the listing that opened it. */
		if (ds[0] == '\0')
			zfs_push(pool, pool + poollen, ds, stack, &top);
		else
			zfs_children(g, ds, stack, &top);
	}
	if (!found)
		ds[0] = '\0';
	snprintf(g->subvol, sizeof(g->subvol), "%s@", ds[0] != '\0' ? ds : "/");
}

/* The prefix path is read from: a path naming its dataset has none. */
static const char *
prefix(const struct grubfs *g, const char *path)
{
	return g->zfs && strchr(path, '@') != NULL ? "" : g->subvol;
}

static int
grub_open(int diskfd, const struct fs_at *at, void **gp, char *why,
    size_t whylen)
{
	struct grubfs *g;
	char path[64];
	struct run r;

	*gp = NULL;
	if (at->grub_dev[0] == '\0') {
		snprintf(why, whylen, "GRUB has no name for this partition");
		return -1;
	}
	g = calloc(1, sizeof(*g));
	if (g == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	snprintf(g->dev, sizeof(g->dev), "(%s)", at->grub_dev);
	snprintf(g->type, sizeof(g->type), "%s", at->type);
	/* A logical volume's bytes are not at one offset of the disk. */
	if (strcmp(at->type, "btrfs") == 0 && !at->by_grub)
		(void)btrfs_default_subvol(diskfd, at->offset, at->size,
		    g->subvol, sizeof(g->subvol));
	/* Its root, listed: the filesystem is one GRUB reads. */
	snprintf(path, sizeof(path), "%s/", g->dev);
	if (run(GRUB_LS, path, GRUB_LS_MAX, &r) != 0) {
		snprintf(why, whylen, "no answer from GRUB's reader");
		free(r.out);
		free(g);
		return -1;
	}
	if (r.done.outcome != GRUB_EXITED || r.done.code != 0) {
		free(r.out);
		failure(g, &r, why, whylen);
		free(g);
		return -1;
	}
	if (r.len == 0 && !grub_knows(at->grub_dev)) {
		free(r.out);
		snprintf(why, whylen, "GRUB's reader knows no filesystem here "
		    "(this GRUB has no %s driver)", at->type);
		free(g);
		return -1;
	}
	g->zfs = strcmp(at->type, "zfs_member") == 0;
	if (g->zfs)
		zfs_dataset(g, (char *)r.out, r.len);
	/* Paths resolve from the root listed only where there is no prefix. */
	if (!g->zfs && g->subvol[0] == '\0') {
		g->root = (char *)r.out;
		g->rootlen = r.len;
	} else
		free(r.out);
	*gp = g;
	return 0;
}

/*
 * Whether the root listing opening the filesystem took (a ZFS pool's:
 * its dataset's, for paths that name none) shows that path is not
 * there: its first name is not in it, even ignoring case (FAT's, NTFS's
 * and HFS+'s lookups ignore it).  Most paths a search tries
 * (pygrub's configs, the spec's, /EFI/Linux on a root filesystem) end
 * here, each a run of GRUB's reader saved.  A name with a space in it
 * cannot be told from GRUB's listing: never absent.
 */
static bool
absent_at_root(const struct grubfs *g, const char *path)
{
	const char *s, *end, *tok, *name = path + 1;
	size_t n = strcspn(name, "/"), len;

	if (g->root == NULL || path[0] != '/' || n == 0 ||
	    (g->zfs && strchr(path, '@') != NULL) ||
	    memchr(name, ' ', n) != NULL || (n <= 2 && name[0] == '.'))
		return false;
	s = g->root;
	end = g->root + g->rootlen;
	while ((tok = ls_name(&s, end, &len)) != NULL)
		if ((len == n || (len == n + 1 && tok[n] == '/')) &&
		    strncasecmp(tok, name, n) == 0)
			return false;
	return true;
}

/* One file, from the subvolume prefix (btrfs's default, or ""). */
static enum fs_lookup
cat(struct grubfs *g, const char *prefix, const char *path,
    struct fs_file *f, char *why, size_t whylen)
{
	char full[MSG_GRUB_PATH];
	struct run r;

	if (snprintf(full, sizeof(full), "%s%s%s", g->dev, prefix, path) >=
	    (int)sizeof(full)) {
		snprintf(why, whylen, "path too long");
		return FS_BAD;
	}
	/* The file read last, asked again (a UKI listed, then booted). */
	if (g->buf != NULL && strcmp(full, g->last) == 0) {
		f->ino = ++g->ino;
		f->size = g->len;
		return FS_FOUND;
	}
	free(g->buf);
	g->buf = NULL;
	g->len = 0;
	g->last[0] = '\0';
	if (run(GRUB_CAT, full, ch.max_file_size + 1, &r) != 0) {
		free(r.out);
		snprintf(why, whylen, "no answer from GRUB's reader");
		return FS_BAD;
	}
	if (r.done.outcome == GRUB_EXITED && r.done.code == 0) {
		g->buf = r.out;
		g->len = r.len;
		memcpy(g->last, full, sizeof(g->last));
		f->ino = ++g->ino;
		f->size = r.len;
		return FS_FOUND;
	}
	free(r.out);
	failure(g, &r, why, whylen);
	if (r.done.outcome == GRUB_EXITED && strstr(why, "not found") != NULL)
		return FS_ABSENT;
	if (strstr(why, "not a regular file") != NULL)
		snprintf(why, whylen, "is not a regular file");
	return FS_BAD;
}

/*
 * btrfs paths resolve from the default subvolume first, what the
 * guest's kernel mounts as / and SUSE's GRUB reads grub.cfg's paths
 * against, then from the top level, as upstream GRUB does.
 */
static enum fs_lookup
grub_lookup(void *impl, const char *path, struct fs_file *f, char *why,
    size_t whylen)
{
	struct grubfs *g = impl;
	enum fs_lookup r;

	if (absent_at_root(g, path)) {
		snprintf(why, whylen, "GRUB: file `%s' not found", path);
		return FS_ABSENT;
	}
	/* A ZFS pool's top level is its datasets, not the files. */
	if (g->zfs)
		return cat(g, prefix(g, path), path, f, why, whylen);
	if (g->subvol[0] != '\0') {
		r = cat(g, g->subvol, path, f, why, whylen);
		if (r != FS_ABSENT)
			return r;
	}
	return cat(g, "", path, f, why, whylen);
}

/* The file the lookup read: GRUB is not asked twice. */
static int
grub_read(void *impl, const struct fs_file *f, struct fs_sink *k, char *why,
    size_t whylen)
{
	struct grubfs *g = impl;

	if (f->ino != g->ino || g->buf == NULL || f->size != g->len) {
		snprintf(why, whylen, "not the file last looked up");
		return -1;
	}
	if (fs_sink_bytes(k, 0, g->buf, (size_t)g->len) != 0) {
		snprintf(why, whylen, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * GRUB's "ls": names separated by spaces, a directory's with a "/" after
 * it.  A name with a space in it cannot be told from two: each half is
 * then a name that is not there, and is skipped.
 */
static int
grub_list(void *impl, const char *path, char (*names)[FS_NAME_MAX],
    size_t max, size_t *n, char *why, size_t whylen)
{
	struct grubfs *g = impl;
	const char *s, *end, *tok;
	char full[MSG_GRUB_PATH];
	struct run r;
	size_t len;

	*n = 0;
	if (absent_at_root(g, path)) {
		snprintf(why, whylen, "%s: cannot list it", path);
		return -1;
	}
	snprintf(full, sizeof(full), "%s%s%s/", g->dev, prefix(g, path), path);
	if (run(GRUB_LS, full, GRUB_LS_MAX, &r) != 0 || r.done.outcome != GRUB_EXITED ||
	    r.done.code != 0) {
		free(r.out);
		snprintf(why, whylen, "%s: cannot list it", path);
		return -1;
	}
	s = (const char *)r.out;
	end = s + r.len;
	while (*n < max && (tok = ls_name(&s, end, &len)) != NULL) {
		if (tok[len - 1] == '/')
			len--;
		if (len == 0 || len >= FS_NAME_MAX ||
		    memchr(tok, '\0', len) != NULL)
			continue;
		memcpy(names[*n], tok, len);
		names[*n][len] = '\0';
		(*n)++;
	}
	free(r.out);
	return *n == 0 ? 1 : 0;
}

static void
grub_close(void *impl)
{
	struct grubfs *g = impl;

	if (g == NULL)
		return;
	free(g->buf);
	free(g->root);
	free(g);
}

static const char *
grub_note(void *impl)
{
	struct grubfs *g = impl;

	snprintf(g->note, sizeof(g->note), "read by GRUB's reader as %s%s%s",
	    g->dev, g->zfs ? "; paths without a dataset from " :
	    g->subvol[0] != '\0' ? "; paths from the default subvolume "
	    "first, " : "", g->subvol);
	return g->note;
}

const struct fs_ops fs_grub_ops = {
	.name = "grub",
	.open = grub_open,
	.lookup = grub_lookup,
	.read = grub_read,
	.list = grub_list,
	.close = grub_close,
	.note = grub_note,
};
