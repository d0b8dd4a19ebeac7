/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The search order of the spec: for each architecture (x86_64 before
 * i386 under --arch=auto), for each partition in table order,
 * /boot/xen/pvboot-<ARCH>.elf then /xen/pvboot-<ARCH>.elf.  The first
 * candidate that passes the checks is sent to the parent.
 *
 * Work follows the order: a partition is probed and its filesystem
 * opened (once) when the first of its candidates comes up, a path is
 * looked up when its turn comes, and nothing after the chosen one is
 * read, unless -l or a failure wants them all.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "disk.h"
#include "fs.h"
#include "judge.h"
#include "menu-boot.h"
#include "proto.h"
#include "search-impl.h"
#include "search.h"

void
search_trace(struct search *s, enum trace_level level, const char *fmt, ...)
{
	struct msg_trace t = { .level = level };
	va_list ap;

	if (level == TRACE_INFO && s->o->verbose == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(t.text, sizeof(t.text), fmt, ap);
	va_end(ap);
	(void)proto_send(s->out, MSG_TRACE, &t, sizeof(t));
}

/* Sends the failure: prefix, then the message. */
static int
vfail(struct search *s, int code, const char *prefix, const char *fmt,
    va_list ap)
{
	struct msg_fail f = { .code = (uint32_t)code };
	int n;

	n = snprintf(f.text, sizeof(f.text), "%s", prefix);
	vsnprintf(f.text + n, sizeof(f.text) - (size_t)n, fmt, ap);
	if (!s->hold)
		(void)proto_send(s->out, MSG_FAIL, &f, sizeof(f));
	else if (s->held.code == 0)
		s->held = f;
	return code;
}

/*
 * The search's failure.  One that blames the guest (nothing found,
 * nothing bootable) is the disk's instead when the disk failed under us.
 */
int
search_fail(struct search *s, int code, const char *fmt, ...)
{
	char disk[MSG_TEXT_MAX / 2] = "";
	va_list ap;

	if ((code == EXIT_NOTFOUND || code == EXIT_REJECTED) &&
	    disk_failed(s->diskfd, s->disksize, disk, sizeof(disk) - 2)) {
		code = EXIT_DISK;
		strcat(disk, ": ");
	}
	va_start(ap, fmt);
	code = vfail(s, code, disk, fmt, ap);
	va_end(ap);
	return code;
}

/*
 * A failure that ends the run at once, whatever candidates are left:
 * the output file could not take a file (exit 5), or the disk failed
 * under us (exit 4).  Another candidate would fail the same way or boot
 * what the guest did not mean.  (The fuzz targets' disks and files,
 * memfds, fail neither way.)
 */
void
search_fatal(struct search *s, int code, const char *fmt, ...)
{
	va_list ap;

	s->hold = false;
	va_start(ap, fmt);
	(void)vfail(s, code, "", fmt, ap);
	va_end(ap);
	_exit(code);
}

const char *
search_part_name(const struct partition *p, char *buf, size_t len)
{
	if (p->lv[0] != '\0')
		snprintf(buf, len, "lvm %s", p->lv);
	else if (p->partno == 0)
		snprintf(buf, len, "whole disk");
	else
		snprintf(buf, len, "partition %" PRIu32, p->partno);
	return buf;
}

/*
 * Whether partition i holds a filesystem we read: a type fs.c knows, or
 * any that GRUB recognises on a logical volume, which GRUB reads.
 */
bool
search_readable(const struct search *s, size_t i)
{
	if (s->pt->part[i].lv[0] != '\0')
		return s->ps[i].fstype[0] != '\0';
	return fs_supported(s->ps[i].fstype);
}

/* -l: a partition as probed, for --json. */
static void
send_part(struct search *s, size_t i)
{
	const struct partition *p = &s->pt->part[i];
	struct msg_part m = { .partno = p->partno, .offset = p->offset,
	    .size = p->size };

	if (!s->o->list)
		return;
	snprintf(m.fstype, sizeof(m.fstype), "%s", s->ps[i].fstype);
	snprintf(m.lv, sizeof(m.lv), "%s", p->lv);
	disk_grub_name(s->pt, p, "hd0", m.grub, sizeof(m.grub));
	(void)proto_send(s->out, MSG_PART, &m, sizeof(m));
}

/* What GRUB's listing said an LV holds (asked again if it is not in it). */
static void
lv_id(const struct search *s, const char *dev, struct fs_grub_id *id)
{
	size_t i;

	for (i = 0; i < s->nlvs; i++)
		if (strcmp(s->lvs[i].dev, dev) == 0) {
			*id = s->lvs[i].id;
			return;
		}
	fs_grub_probe(dev, id);
}

static void
probe_part(struct search *s, size_t i)
{
	const struct partition *p = &s->pt->part[i];
	struct part_state *ps = &s->ps[i];
	char name[PART_NAME_MAX];

	search_part_name(p, name, sizeof(name));
	if (p->lv[0] != '\0') {
		/* Its extents are GRUB's to find: GRUB named the filesystem. */
		lv_id(s, p->lv_dev, &ps->lv);
		snprintf(ps->fstype, sizeof(ps->fstype), "%s", ps->lv.type);
		search_trace(s, TRACE_INFO, "%s: %s", name, ps->fstype[0] !=
		    '\0' ? ps->fstype : "no filesystem recognised by GRUB");
		send_part(s, i);
		return;
	}
	if (disk_fstype(s->diskfd, p, ps->fstype, sizeof(ps->fstype)) != 0)
		snprintf(ps->problem, sizeof(ps->problem), "cannot probe");
	if (ps->fstype[0] == '\0')
		search_trace(s, TRACE_INFO, "%s: offset %" PRIu64 ", %" PRIu64
		    " bytes: no filesystem recognised", name, p->offset,
		    p->size);
	else if (!fs_supported(ps->fstype))
		search_trace(s, TRACE_INFO, "%s: offset %" PRIu64 ": %s: "
		    "filesystem not supported, skipped", name, p->offset,
		    ps->fstype);
	else
		search_trace(s, TRACE_INFO, "%s: offset %" PRIu64 ", %" PRIu64
		    " bytes: %s", name, p->offset, p->size, ps->fstype);
	send_part(s, i);
}

static void
look_up(struct search *s, struct guestfs *g, struct candidate *c)
{
	char name[PART_NAME_MAX];

	c->found = fs_lookup(g, c->path, &c->file, c->reason,
	    sizeof(c->reason));
	search_part_name(&s->pt->part[c->part], name, sizeof(name));
	if (c->found == FS_ABSENT)
		search_trace(s, TRACE_INFO, "%s: %s: not found", name, c->path);
	else if (c->found == FS_BAD)
		search_trace(s, TRACE_INFO, "%s: %s: %s", name, c->path, c->reason);
	else
		search_trace(s, TRACE_INFO, "%s: %s: %" PRIu64 " bytes", name,
		    c->path, c->file.size);
}

static void
add_candidate(struct search *s, size_t part, enum arch arch,
    const char *path)
{
	struct candidate *c = &s->cand[s->ncand++];

	memset(c, 0, sizeof(*c));
	c->part = part;
	c->arch = arch;
	snprintf(c->path, sizeof(c->path), "%s", path);
	c->found = FS_ABSENT;
}

/*
 * Fills s->cand in the order they must be tried: arch, then partition,
 * then spec path (or just the --kernel path on each partition).
 */
static int
plan(struct search *s)
{
	enum arch arches[NARCH];
	size_t narch = 0, a, i, k;
	char path[MAX_GUEST_PATH];
	static const char *const spec[NSPEC] = {
		"/boot/xen/pvboot-%s.elf", "/xen/pvboot-%s.elf",
	};

	if (s->o->arch == ARCH_AUTO || s->o->arch == ARCH_X86_64)
		arches[narch++] = ARCH_X86_64;
	if (s->o->arch == ARCH_AUTO || s->o->arch == ARCH_I386)
		arches[narch++] = ARCH_I386;
	s->cand = calloc(s->pt->count * NARCH * NSPEC, sizeof(*s->cand));
	if (s->cand == NULL)
		return -1;
	if (s->o->kernel != NULL) {
		for (i = 0; i < s->pt->count; i++)
			add_candidate(s, i, ARCH_AUTO, s->o->kernel);
		return 0;
	}
	for (a = 0; a < narch; a++)
		for (i = 0; i < s->pt->count; i++)
			for (k = 0; k < NSPEC; k++) {
				snprintf(path, sizeof(path), spec[k],
				    arch_name(arches[a]));
				add_candidate(s, i, arches[a], path);
			}
	return 0;
}

/*
 * Each run of GRUB's reader on a logical volume reads the whole volume
 * group's metadata again: over a second with thousands of volumes.
 * Those still to be searched once a third of --timeout has gone since
 * the listing are passed over, and the first one says so.
 */
static bool
lv_time_up(struct search *s, size_t i)
{
	struct timespec now;
	char name[PART_NAME_MAX];
	long long ms;

	if (s->lv_over)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - s->lv_since.tv_sec) * 1000LL +
	    (now.tv_nsec - s->lv_since.tv_nsec) / 1000000;
	if (s->o->timeout_s == 0 || ms <= s->o->timeout_s * 1000LL / 3)
		return false;
	s->lv_over = true;
	search_trace(s, TRACE_WARN, "LVM2: %s and the logical volumes after "
	    "it not searched: GRUB's reader took more than %u s, a third of "
	    "--timeout, on this volume group of %zu logical volumes",
	    search_part_name(&s->pt->part[i], name, sizeof(name)),
	    s->o->timeout_s / 3, s->nlvs_all);
	return true;
}

/*
 * Whether partition i is a logical volume whose time is up: then it is
 * read no more (neither opened nor looked in), and says why.
 */
static bool
lv_passed_over(struct search *s, size_t i)
{
	struct part_state *ps = &s->ps[i];

	if (s->pt->part[i].lv[0] == '\0' || !lv_time_up(s, i))
		return false;
	if (ps->g != NULL) {
		fs_close(ps->g);
		ps->g = NULL;
	}
	snprintf(ps->problem, sizeof(ps->problem), "not searched: GRUB's "
	    "reader took more than a third of --timeout on this volume "
	    "group");
	return true;
}

/*
 * Partitions are visited when the search reaches them, once each: the
 * filesystem is probed and opened.  Partitions after the one that boots
 * are never read.
 */
static void
visit(struct search *s, size_t i)
{
	const struct partition *p = &s->pt->part[i];
	struct part_state *ps = &s->ps[i];
	struct fs_at at = { .offset = p->offset, .size = p->size };
	char name[PART_NAME_MAX];

	if (ps->visited)
		return;
	ps->visited = true;
	probe_part(s, i);
	if (!search_readable(s, i))
		return;
	if (lv_passed_over(s, i))
		return;
	/* --offset places a filesystem where no partition map does. */
	if (!s->o->have_offset || s->o->offset == 0)
		disk_grub_name(s->pt, p, "loop0", at.grub_dev,
		    sizeof(at.grub_dev));
	at.by_grub = p->lv[0] != '\0';
	if (fs_open(s->diskfd, &at, ps->fstype, &ps->g,
	    ps->problem, sizeof(ps->problem)) != 0) {
		search_trace(s, TRACE_INFO, "%s: %s: cannot open: %s",
		    search_part_name(p, name, sizeof(name)), ps->fstype,
		    ps->problem);
		return;
	}
	if (fs_note(ps->g) != NULL)
		search_trace(s, TRACE_INFO, "%s: %s",
		    search_part_name(p, name, sizeof(name)), fs_note(ps->g));
	if (fs_warning(ps->g) != NULL)
		search_trace(s, TRACE_WARN, "%s (%s): %s",
		    search_part_name(p, name, sizeof(name)), ps->fstype,
		    fs_warning(ps->g));
}

/*
 * A candidate is looked up when the search reaches it: once the x86_64
 * ELF is found, the i386 paths are not looked for (in a directory of
 * 20,000 entries each absent name is a full scan).
 */
static void
reach(struct search *s, struct candidate *c)
{
	visit(s, c->part);
	if (c->looked)
		return;
	c->looked = true;
	if (s->ps[c->part].g != NULL && !lv_passed_over(s, c->part))
		look_up(s, s->ps[c->part].g, c);
}

/* The open filesystem of partition i, or NULL (with ps->problem). */
struct guestfs *
search_fs(struct search *s, size_t i)
{
	visit(s, i);
	if (s->ps[i].g != NULL && lv_passed_over(s, i))
		return NULL;
	return s->ps[i].g;
}

/*
 * Remembers the first rejection: it is the failure if nothing boots.
 * One that the disk's failure caused ends the run.
 */
static void
note_reject(struct search *s, const struct candidate *c)
{
	char name[PART_NAME_MAX], disk[MSG_TEXT_MAX / 2];

	search_part_name(&s->pt->part[c->part], name, sizeof(name));
	if (disk_failed(s->diskfd, s->disksize, disk, sizeof(disk)))
		search_fatal(s, EXIT_DISK, "%s (%s): %s: %s (%s)", name,
		    s->ps[c->part].fstype, c->path, disk, c->reason);
	if (s->reject[0] != '\0')
		return;
	snprintf(s->reject, sizeof(s->reject), "%s (%s): %s: %s", name,
	    s->ps[c->part].fstype, c->path, c->reason);
}

static void __attribute__((format(printf, 3, 4)))
reject(struct search *s, struct candidate *c, const char *fmt, ...)
{
	va_list ap;
	char name[PART_NAME_MAX];

	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	c->found = FS_BAD;
	note_reject(s, c);
	search_trace(s, TRACE_INFO, "%s: %s: rejected: %s",
	    search_part_name(&s->pt->part[c->part], name, sizeof(name)), c->path,
	    c->reason);
}

/*
 * The file written into the parent's output file of its kind, and
 * mapped back for the checks: only the pages they touch are read, and
 * private, so that a library writing to its input writes to a copy.
 */
static unsigned char *
load_to_file(struct search *s, struct guestfs *g, struct candidate *c,
    int fd)
{
	unsigned char *buf;
	char why[MSG_TEXT_MAX], name[PART_NAME_MAX];
	int rc;

	rc = fs_copy(g, &c->file, fd, why, sizeof(why));
	if (rc == FS_OUTPUT_FAILED)
		search_fatal(s, EXIT_OUTPUT, "%s (%s): %s: %s",
		    search_part_name(&s->pt->part[c->part], name, sizeof(name)),
		    s->ps[c->part].fstype, c->path, why);
	if (rc != 0) {
		reject(s, c, "%s", why);
		return NULL;
	}
	buf = mmap(NULL, c->file.size + 1, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE, fd, 0);
	if (buf == MAP_FAILED) {
		reject(s, c, "cannot map the output file: %s",
		    strerror(errno));
		return NULL;
	}
	return buf;
}

/*
 * The file in memory, for -l and -n: MAP_POPULATE faults its pages in
 * with one call instead of one fault per page.
 */
static unsigned char *
load_to_memory(struct search *s, struct guestfs *g, struct candidate *c)
{
	unsigned char *buf;
	char why[MSG_TEXT_MAX];

	buf = mmap(NULL, c->file.size + 1, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (buf == MAP_FAILED) {
		reject(s, c, "out of memory for %" PRIu64 " bytes",
		    c->file.size);
		return NULL;
	}
	if (fs_read(g, &c->file, buf, why, sizeof(why)) != 0) {
		reject(s, c, "%s", why);
		search_unload(c, buf);
		return NULL;
	}
	return buf;
}

/*
 * Reads a found file, within the size cap, into the output file of its
 * kind when the parent made one, else into memory.  Returns its bytes,
 * readable until search_unload(), or NULL (with c->reason set) when it
 * cannot be had.
 */
unsigned char *
search_load(struct search *s, struct guestfs *g, struct candidate *c,
    enum file_kind kind)
{
	if (c->file.size > s->o->max_file_size && s->o->size_by_ulimit) {
		reject(s, c, "%s%" PRIu64 " bytes, over the limit of %" PRIu64
		    " bytes that ulimit -f sets",
		    c->file.size == s->o->max_file_size + 1 ? "more than " : "",
		    c->file.size == s->o->max_file_size + 1 ?
		    s->o->max_file_size : c->file.size, s->o->max_file_size);
		return NULL;
	}
	if (c->file.size > s->o->max_file_size) {
		/* GRUB's reader stops one byte past the limit. */
		reject(s, c, "%s%" PRIu64 " bytes, over the limit of %" PRIu64
		    " MiB (PYGRUB_MAX_FILE_SIZE_MB raises it)",
		    c->file.size == s->o->max_file_size + 1 ? "more than " : "",
		    c->file.size == s->o->max_file_size + 1 ?
		    s->o->max_file_size : c->file.size,
		    s->o->max_file_size >> 20);
		return NULL;
	}
	if (s->sink[kind] >= 0)
		return load_to_file(s, g, c, s->sink[kind]);
	return load_to_memory(s, g, c);
}

/* Gives back what search_load() returned for c. */
void
search_unload(const struct candidate *c, unsigned char *buf)
{
	if (buf != NULL)
		munmap(buf, c->file.size + 1);
}

/* Reads and checks one candidate; 0 when it may be booted. */
static int
verify(struct search *s, struct candidate *c, unsigned char **bufp)
{
	unsigned char *buf;
	char why[MSG_TEXT_MAX];

	*bufp = NULL;
	buf = search_load(s, s->ps[c->part].g, c, FILE_KERNEL);
	if (buf == NULL)
		return -1;
	/* --kernel names any kernel: the domain builder judges it. */
	if (c->arch != ARCH_AUTO && judge_elf(s->o, s->rt, buf, c->file.size,
	    c->arch, &c->judged, why, sizeof(why)) != 0) {
		reject(s, c, "%s", why);
		search_unload(c, buf);
		return -1;
	}
	*bufp = buf;
	return 0;
}

/*
 * Tells the parent which file the last search_load() of its kind put in
 * the output file: the parent takes it from there.
 */
int
search_send_file(struct search *s, enum file_kind kind,
    const struct candidate *c)
{
	struct msg_file f = { .kind = kind, .size = c->file.size };

	s->committed = true;
	f.partno = s->pt->part[c->part].partno;
	snprintf(f.path, sizeof(f.path), "%s", c->path);
	return proto_send(s->out, MSG_FILE, &f, sizeof(f));
}

static void
send_entry(struct search *s, const struct candidate *c,
    enum entry_verdict verdict)
{
	const struct judgement *j = &c->judged;
	struct msg_entry e = { .arch = c->arch, .verdict = verdict };

	e.partno = s->pt->part[c->part].partno;
	snprintf(e.lv, sizeof(e.lv), "%s", s->pt->part[c->part].lv);
	e.size = c->file.size;
	snprintf(e.fstype, sizeof(e.fstype), "%s", s->ps[c->part].fstype);
	snprintf(e.path, sizeof(e.path), "%s", c->path);
	if (verdict == ENTRY_REJECTED)
		snprintf(e.reason, sizeof(e.reason), "%s", c->reason);
	if (j->parsed) {
		e.flags = ENTRY_ELF | (j->pv_ok ? ENTRY_PV : 0) |
		    (j->pvh_ok ? ENTRY_PVH : 0);
		e.elfclass = j->elf.elfclass;
		e.entry = j->verdict.entry;
		snprintf(e.guest_type, sizeof(e.guest_type), "%s",
		    j->verdict.guest_type);
		snprintf(e.guest_os, sizeof(e.guest_os), "%s",
		    j->elf.guest_os);
		snprintf(e.loader, sizeof(e.loader), "%s", j->elf.loader);
		snprintf(e.xen_ver, sizeof(e.xen_ver), "%s", j->elf.xen_ver);
	}
	(void)proto_send(s->out, MSG_ENTRY, &e, sizeof(e));
}

/* The ramdisk comes from the filesystem the kernel came from. */
static int
send_ramdisk(struct search *s, const struct candidate *kernel)
{
	struct candidate rd;
	unsigned char *buf = NULL;
	struct guestfs *g;
	char name[PART_NAME_MAX];
	int rc;

	memset(&rd, 0, sizeof(rd));
	rd.part = kernel->part;
	rd.arch = ARCH_AUTO;
	snprintf(rd.path, sizeof(rd.path), "%s", s->o->ramdisk);
	search_part_name(&s->pt->part[rd.part], name, sizeof(name));
	g = search_fs(s, rd.part);
	if (g == NULL)	/* the kernel's own filesystem: it was open */
		return search_fail(s, EXIT_CHILD, "%s: filesystem not open",
		    name);
	look_up(s, g, &rd);
	if (rd.found == FS_FOUND)
		buf = search_load(s, g, &rd, FILE_RAMDISK);
	if (rd.found == FS_ABSENT)
		return search_fail(s, EXIT_NOTFOUND, "%s (%s): ramdisk %s: not found",
		    name, s->ps[rd.part].fstype, rd.path);
	if (buf == NULL)
		return search_fail(s, EXIT_REJECTED, "%s (%s): ramdisk %s: %s", name,
		    s->ps[rd.part].fstype, rd.path, rd.reason);
	rc = search_send_file(s, FILE_RAMDISK, &rd);
	search_unload(&rd, buf);
	return rc == 0 ? EXIT_OK : EXIT_CHILD;
}

/*
 * "partition 1: ext4, partition 2: vfat": what was searched; whole
 * items only, then "and N more" where they do not all fit.
 */
static void
summary(struct search *s, char *buf, size_t len)
{
	const size_t tail = sizeof(", and 4294967296 more");
	char item[256], name[PART_NAME_MAX];
	size_t i, used = 0, need;

	buf[0] = '\0';
	for (i = 0; i < s->pt->count; i++) {
		snprintf(item, sizeof(item), "%s%s: %s%s%s%s", i > 0 ? ", " :
		    "", search_part_name(&s->pt->part[i], name, sizeof(name)),
		    s->ps[i].fstype[0] != '\0' ? s->ps[i].fstype :
		    "no filesystem", s->ps[i].fstype[0] != '\0' &&
		    !search_readable(s, i) ? " (not read)" : "",
		    s->ps[i].problem[0] != '\0' ? " unreadable: " : "",
		    s->ps[i].problem);
		need = strlen(item);
		if (used + need + tail > len) {
			snprintf(buf + used, len - used, i > 0 ? ", and %zu "
			    "more" : "%zu partitions", s->pt->count - i);
			return;
		}
		memcpy(buf + used, item, need + 1);
		used += need;
	}
	if (s->pt->count == 0)
		snprintf(buf, len, "no partitions");
}

/*
 * Whether the guest's /boot is on a filesystem we do not read: some
 * partition holds one libblkid names, and none holds one we read.
 */
static bool
only_unread(const struct search *s)
{
	bool named = false;
	size_t i;

	for (i = 0; i < s->pt->count; i++) {
		if (search_readable(s, i))
			return false;
		if (s->ps[i].fstype[0] != '\0')
			named = true;
	}
	return named;
}

static int
not_found(struct search *s)
{
	char where[MSG_TEXT_MAX / 2];

	summary(s, where, sizeof(where));
	if (s->reject[0] != '\0')
		return search_fail(s, EXIT_REJECTED, "%s", s->reject);
	/* A menu is there but broke a rule or a limit: say which. */
	if (s->menu_problem[0] != '\0')
		return search_fail(s, EXIT_REJECTED, "no pvboot ELF, and the "
		    "boot menu cannot be used: %s", s->menu_problem);
	if (only_unread(s))
		return search_fail(s, EXIT_NOTFOUND, "no filesystem xenpvboot "
		    "reads (%s): it reads ext2, ext3, ext4 and XFS, and with "
		    "grub-common btrfs, FAT and ISO 9660, where the guest's "
		    "/boot must be", where);
	if (s->o->kernel != NULL)
		return search_fail(s, EXIT_NOTFOUND, "kernel %s not found (%s)",
		    s->o->kernel, where);
	/* The fix is in the guest: GRUB for Xen makes the pvboot ELF. */
	if (s->o->arch == ARCH_AUTO)
		return search_fail(s, EXIT_NOTFOUND, "no /boot/xen/pvboot-{x86_64,"
		    "i386}.elf or /xen/pvboot-{x86_64,i386}.elf and no boot "
		    "menu (%s): in the guest, grub-install --target=x86_64-xen "
		    "makes one", where);
	return search_fail(s, EXIT_NOTFOUND, "no /boot/xen/pvboot-%s.elf or "
	    "/xen/pvboot-%s.elf and no boot menu (%s): in the guest, "
	    "grub-install --target=%s-xen makes one", arch_name(s->o->arch),
	    arch_name(s->o->arch), where, arch_name(s->o->arch));
}

/* Rejections before the chosen one are worth a warning, not silence. */
static void
warn_passed_over(struct search *s, const struct candidate *chosen)
{
	const struct candidate *c;
	char name[PART_NAME_MAX];

	for (c = s->cand; c < chosen; c++)
		if (c->found == FS_BAD)
			search_trace(s, TRACE_WARN, "%s (%s): %s: passed over: %s",
			    search_part_name(&s->pt->part[c->part], name,
			    sizeof(name)), s->ps[c->part].fstype, c->path,
			    c->reason);
}

static void
trace_chosen(struct search *s, const struct candidate *c)
{
	char name[PART_NAME_MAX];

	search_trace(s, TRACE_INFO, "%s: %s: chosen",
	    search_part_name(&s->pt->part[c->part], name, sizeof(name)),
	    c->path);
}

/*
 * From candidate *k on, in search order, the next that may boot, read
 * into *bufp, with *k past it; NULL at the end.  The others met on the
 * way keep their verdicts, and under -l are listed as refused.
 */
static struct candidate *
next_bootable(struct search *s, size_t *k, unsigned char **bufp)
{
	struct candidate *c;

	while (*k < s->ncand) {
		c = &s->cand[(*k)++];
		reach(s, c);
		if (c->found == FS_ABSENT)
			continue;
		if (c->found == FS_BAD)
			note_reject(s, c);
		else if (verify(s, c, bufp) == 0)
			return c;
		if (s->o->list)
			send_entry(s, c, ENTRY_REJECTED);
	}
	return NULL;
}

/*
 * A boot: the pvboot ELF (or --kernel), else the boot menu's entry;
 * --entry asks for the menu first.
 */
static int
boot(struct search *s)
{
	struct candidate *c;
	unsigned char *buf;
	size_t k = 0;
	int rc;

	if (s->o->entry != NULL && s->o->kernel == NULL) {
		rc = menu_fallback(s);
		if (rc >= 0)
			return rc;
	}
	c = next_bootable(s, &k, &buf);
	if (c != NULL) {
		trace_chosen(s, c);
		warn_passed_over(s, c);
		rc = search_send_file(s, FILE_KERNEL, c);
		search_unload(c, buf);
		if (rc != 0)
			return EXIT_CHILD;
		return s->o->ramdisk != NULL ? send_ramdisk(s, c) : EXIT_OK;
	}
	if (s->o->kernel == NULL) {
		rc = menu_fallback(s);
		if (rc == EXIT_OK)
			warn_passed_over(s, s->cand + s->ncand);
		if (rc >= 0)
			return rc;
	}
	return not_found(s);
}

/* -l: what a boot would boot, when it is a pvboot ELF (or --kernel). */
static int
send_verdict(struct search *s, const struct candidate *c)
{
	struct msg_verdict v = { .kind = VERDICT_PVBOOT, .arch = c->arch };

	v.partno = s->pt->part[c->part].partno;
	snprintf(v.lv, sizeof(v.lv), "%s", s->pt->part[c->part].lv);
	snprintf(v.format, sizeof(v.format), "ELF");
	snprintf(v.guest_type, sizeof(v.guest_type), "%s",
	    c->judged.verdict.guest_type);
	snprintf(v.path, sizeof(v.path), "%s", c->path);
	return proto_send(s->out, MSG_VERDICT, &v, sizeof(v)) == 0 ?
	    EXIT_OK : EXIT_CHILD;
}

/*
 * -l: every candidate with its verdict, then the boot menu's entries,
 * then what a boot would do: the first candidate chosen, else the menu's
 * entry, loaded and judged as a boot would (menu_fallback() in dry
 * mode, which sends a verdict and no file); --entry asks for the menu
 * first, as in a boot.  A disk that would not boot fails as a boot
 * would, with its reason.
 */
static int
list(struct search *s)
{
	struct candidate *c, *first = NULL;
	unsigned char *buf;
	size_t k = 0;
	int rc;

	while ((c = next_bootable(s, &k, &buf)) != NULL) {
		if (first == NULL)
			trace_chosen(s, c);
		send_entry(s, c, first != NULL ? ENTRY_USABLE : ENTRY_CHOSEN);
		search_unload(c, buf);
		if (first == NULL)
			first = c;
	}
	if (s->o->kernel == NULL)
		(void)menu_list(s);
	s->dry = true;
	rc = -1;
	if (s->o->entry != NULL && s->o->kernel == NULL)
		rc = menu_fallback(s);
	if (rc < 0 && first != NULL)
		rc = send_verdict(s, first);
	if (rc < 0 && s->o->kernel == NULL)
		rc = menu_fallback(s);
	s->dry = false;
	return rc >= 0 ? rc : not_found(s);
}

/*
 * Every journal replayed in memory dropped, each partition back to the
 * state on its disk; the candidates to be looked up again.  Whether
 * there was one.
 */
static bool
unreplay(struct search *s)
{
	char name[PART_NAME_MAX], why[128];
	bool any = false;
	size_t i;
	int r;

	for (i = 0; i < s->pt->count; i++) {
		if (s->ps[i].g == NULL || (r = fs_unreplay(s->ps[i].g, why,
		    sizeof(why))) == 0)
			continue;
		search_part_name(&s->pt->part[i], name, sizeof(name));
		any = true;
		if (r > 0) {
			search_trace(s, TRACE_INFO, "%s: %s", name,
			    fs_note(s->ps[i].g));
			continue;
		}
		fs_close(s->ps[i].g);
		s->ps[i].g = NULL;
		snprintf(s->ps[i].problem, sizeof(s->ps[i].problem), "%s", why);
		search_trace(s, TRACE_INFO, "%s: %s: cannot open: %s", name,
		    s->ps[i].fstype, why);
	}
	for (i = 0; any && i < s->ncand; i++) {
		s->cand[i].looked = false;
		s->cand[i].found = FS_ABSENT;
		s->cand[i].reason[0] = '\0';
		memset(&s->cand[i].file, 0, sizeof(s->cand[i].file));
		memset(&s->cand[i].judged, 0, sizeof(s->cand[i].judged));
	}
	s->reject[0] = s->menu_problem[0] = '\0';
	return any;
}

/*
 * A journal replayed in memory is what the guest's kernel will see, but
 * one that lies in a way its checksums do not catch must not stop a
 * guest that boots without it: when nothing boots, and nothing has been
 * sent yet, the search runs again on the state on the disk.
 */
static int
search_with_journals(struct search *s)
{
	struct msg_fail first;
	int rc;

	s->hold = true;
	rc = s->o->list ? list(s) : boot(s);
	if ((rc == EXIT_NOTFOUND || rc == EXIT_REJECTED) &&
	    (s->o->list || !s->committed) && unreplay(s)) {
		first = s->held;
		s->held.code = 0;
		if (s->o->list)
			search_trace(s, TRACE_WARN, "nothing boots from the "
			    "state the journal gives (%s): the state on the "
			    "disk, as GRUB and pygrub read it, follows",
			    first.text);
		rc = s->o->list ? list(s) : boot(s);
		if (rc != EXIT_OK) {
			s->held = first;
			rc = (int)first.code;
		} else if (!s->o->list)
			search_trace(s, TRACE_WARN, "nothing boots from the "
			    "state the journal gives (%s): booted from the "
			    "state on the disk, as GRUB and pygrub read it",
			    first.text);
	}
	s->hold = false;
	if (rc != EXIT_OK && s->held.code != 0)
		(void)proto_send(s->out, MSG_FAIL, &s->held, sizeof(s->held));
	return rc;
}

/* The partitions: the one --offset names, else the partition table's. */
static int
partitions(struct search *s, uint64_t disksize, char *why, size_t whylen)
{
	if (s->o->have_offset)
		return disk_partition_at(s->o->offset, disksize, &s->pt, why,
		    whylen);
	return disk_partitions(s->diskfd, disksize, &s->pt, why, whylen);
}

/*
 * LVM2: where a partition (or the whole disk) is a physical volume,
 * GRUB finds the volume groups and lists their logical volumes, which
 * are searched after the partitions, the first LVM_MAX_LVS in the
 * metadata's order.  Two runs of GRUB's reader, and only for a disk
 * with a physical volume: one lists them, one says what each holds.
 */
static void
logical_volumes(struct search *s)
{
	char (*devs)[FS_GRUB_DEV_MAX], why[MSG_TEXT_MAX];
	size_t i, n = 0, count = s->pt->count;

	for (i = 0; i < count; i++)
		if (disk_is_lvm(s->diskfd, &s->pt->part[i]))
			break;
	if (s->o->have_offset || i == count)
		return;
	clock_gettime(CLOCK_MONOTONIC, &s->lv_since);
	s->lvs = calloc(LVM_MAX_LVS, sizeof(*s->lvs));
	devs = calloc(LVM_MAX_LVS, sizeof(*devs));
	if (s->lvs == NULL || devs == NULL) {
		search_trace(s, TRACE_WARN, "LVM2: out of memory");
		free(devs);
		return;
	}
	if (fs_grub_lvs(s->lvs, LVM_MAX_LVS, &n, &s->nlvs_all, why,
	    sizeof(why)) != 0) {
		search_trace(s, TRACE_WARN, "LVM2 physical volume: the logical "
		    "volumes cannot be listed: %s", why);
		free(devs);
		return;
	}
	s->nlvs = n;
	fs_grub_ids(s->lvs, n);
	for (i = 0; i < n; i++)
		snprintf(devs[i], sizeof(devs[i]), "%s", s->lvs[i].dev);
	if (s->nlvs_all > LVM_MAX_LVS)
		search_trace(s, TRACE_INFO, "LVM2: only the first %d of %zu "
		    "logical volumes are read", LVM_MAX_LVS, s->nlvs_all);
	if (disk_add_lvs(&s->pt, devs, n) != 0)
		search_trace(s, TRACE_WARN, "LVM2: out of memory");
	search_trace(s, TRACE_INFO, "LVM2: %zu logical volumes, "
	    "searched after the partitions", s->pt->count - count);
	free(devs);
}

/*
 * Whether a partition holds a filesystem whose library is not loaded
 * (XFS): then the child asks, before it has said anything, to be
 * started again with it.  Only once: the parent may fail to load it.
 */
static bool
needs_libraries(const struct search *s)
{
	size_t i;

	if (s->rt->libs_loaded)
		return false;
	for (i = 0; i < s->pt->count; i++)
		if (fs_wants_library(s->diskfd, s->pt->part[i].offset))
			return true;
	return false;
}

/*
 * The child's work.  Returns its exit status, after sending MSG_DONE,
 * MSG_FAIL or (alone) MSG_NEED_LIBS to the parent on fd out.
 * files[kind] are the output files to write, or NULL under -l, -n and
 * --isconfig.
 */
int
search_run(const struct options *o, const struct runtime *rt, int diskfd,
    uint64_t disksize, int out, const int *files)
{
	struct search s = {
		.o = o, .rt = rt, .diskfd = diskfd, .disksize = disksize,
		.out = out,
		.sink = { files != NULL ? files[FILE_KERNEL] : -1,
		    files != NULL ? files[FILE_RAMDISK] : -1 },
	};
	char why[MSG_TEXT_MAX];
	size_t i;
	int rc = 0, prc = 0;

	/* Before a word is sent: the child may have to start again. */
	prc = o->isconfig ? 0 : partitions(&s, disksize, why, sizeof(why));
	if (!o->isconfig && prc == 0 && needs_libraries(&s)) {
		free(s.pt);
		(void)proto_send(out, MSG_NEED_LIBS, NULL, 0);
		return EXIT_OK;
	}
	search_trace(&s, TRACE_INFO, "parsing as uid %u, gid %u; %s",
	    (unsigned int)getuid(), (unsigned int)getgid(),
	    rt->sandbox_note != NULL ? rt->sandbox_note : "no sandbox");
	search_trace(&s, TRACE_INFO, "domain type %s; hypervisor capabilities \"%s\" "
	    "(from %s)%s", o->domain_type == DOMAIN_PVH ? "pvh" : "pv",
	    rt->xen_caps, rt->caps_source, rt->second_opinion ?
	    "; libxenguest gives a second opinion" : "");
	if (o->isconfig) {
		rc = menu_isconfig(&s, disksize);
		if (rc == EXIT_OK)
			(void)proto_send(out, MSG_DONE, NULL, 0);
		return rc;
	}
	if (prc != 0) {
		rc = search_fail(&s, EXIT_DISK, "%s", why);
		goto out;
	}
	if (s.pt->label[0] != '\0')
		search_trace(&s, TRACE_INFO, "%s partition table, %zu partitions",
		    s.pt->label, s.pt->count);
	if (s.pt->listed > MAX_PARTITIONS)
		search_trace(&s, TRACE_INFO, "the table lists %zu entries: "
		    "only the first %d are read, as Linux reads no more",
		    s.pt->listed, MAX_PARTITIONS);
	logical_volumes(&s);
	s.ps = calloc(s.pt->count + 1, sizeof(*s.ps));
	if (s.ps == NULL || plan(&s) != 0) {
		rc = search_fail(&s, EXIT_CHILD, "out of memory");
		goto out;
	}
	rc = search_with_journals(&s);
	if (rc == EXIT_OK)
		(void)proto_send(out, MSG_DONE, NULL, 0);
out:
	for (i = 0; s.ps != NULL && i < s.pt->count; i++)
		fs_close(s.ps[i].g);
	free(s.cand);
	free(s.ps);
	free(s.pt);
	free(s.lvs);
	return rc;
}
