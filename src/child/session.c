/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bottom of the child: one run's state on the guest's disk and the
 * services every stage (stage/pvboot.c, stage/menu.c) borrows.  A
 * partition is probed and its filesystem opened when a stage first asks
 * for it, once; a file is read within the size cap into the parent's
 * output file of its kind (or memory, under -l), sent, or rejected by
 * name; traces and the failure go to the parent.  Nothing here knows a
 * stage: order.c decides which run and when.
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
#include "fs/grub.h"
#include "proto.h"
#include "session.h"

void
session_trace(struct session *s, enum trace_level level, const char *fmt, ...)
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
vfail(struct session *s, int code, const char *prefix, const char *fmt,
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
 * The run's failure.  One that blames the guest (nothing found,
 * nothing bootable) is the disk's instead when the disk failed under us.
 */
int
session_fail(struct session *s, int code, const char *fmt, ...)
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
session_fatal(struct session *s, int code, const char *fmt, ...)
{
	va_list ap;

	s->hold = false;
	va_start(ap, fmt);
	(void)vfail(s, code, "", fmt, ap);
	va_end(ap);
	_exit(code);
}

const char *
session_part_name(const struct partition *p, char *buf, size_t len)
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
session_readable(const struct session *s, size_t i)
{
	if (s->pt->part[i].lv[0] != '\0')
		return s->ps[i].fstype[0] != '\0';
	return fs_supported(s->ps[i].fstype);
}

/* -l: a partition as probed, for --json. */
static void
send_part(struct session *s, size_t i)
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
lv_id(const struct session *s, const char *dev, struct fs_grub_id *id)
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
probe_part(struct session *s, size_t i)
{
	const struct partition *p = &s->pt->part[i];
	struct part_state *ps = &s->ps[i];
	char name[PART_NAME_MAX];

	session_part_name(p, name, sizeof(name));
	if (p->lv[0] != '\0') {
		/* Its extents are GRUB's to find: GRUB named the filesystem. */
		lv_id(s, p->lv_dev, &ps->lv);
		snprintf(ps->fstype, sizeof(ps->fstype), "%s", ps->lv.type);
		session_trace(s, TRACE_INFO, "%s: %s", name, ps->fstype[0] !=
		    '\0' ? ps->fstype : "no filesystem recognised by GRUB");
		send_part(s, i);
		return;
	}
	if (disk_fstype(s->diskfd, p, ps->fstype, sizeof(ps->fstype)) != 0)
		snprintf(ps->problem, sizeof(ps->problem), "cannot probe");
	if (ps->fstype[0] == '\0')
		session_trace(s, TRACE_INFO, "%s: offset %" PRIu64 ", %" PRIu64
		    " bytes: no filesystem recognised", name, p->offset,
		    p->size);
	else if (!fs_supported(ps->fstype))
		session_trace(s, TRACE_INFO, "%s: offset %" PRIu64 ": %s: "
		    "filesystem not supported, skipped", name, p->offset,
		    ps->fstype);
	else
		session_trace(s, TRACE_INFO, "%s: offset %" PRIu64 ", %" PRIu64
		    " bytes: %s", name, p->offset, p->size, ps->fstype);
	send_part(s, i);
}

void
session_look_up(struct session *s, struct guestfs *g, struct candidate *c)
{
	char name[PART_NAME_MAX];

	c->found = fs_lookup(g, c->path, &c->file, c->reason,
	    sizeof(c->reason));
	session_part_name(&s->pt->part[c->part], name, sizeof(name));
	if (c->found == FS_ABSENT)
		session_trace(s, TRACE_INFO, "%s: %s: not found", name, c->path);
	else if (c->found == FS_BAD)
		session_trace(s, TRACE_INFO, "%s: %s: %s", name, c->path, c->reason);
	else
		session_trace(s, TRACE_INFO, "%s: %s: %" PRIu64 " bytes", name,
		    c->path, c->file.size);
}

/*
 * Each run of GRUB's reader on a logical volume reads the whole volume
 * group's metadata again: over a second with thousands of volumes.
 * Those still to be searched once a third of --timeout has gone since
 * the listing are passed over, and the first one says so.
 */
static bool
lv_time_up(struct session *s, size_t i)
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
	session_trace(s, TRACE_WARN, "LVM2: %s and the logical volumes after "
	    "it not searched: GRUB's reader took more than %u s, a third of "
	    "--timeout, on this volume group of %zu logical volumes",
	    session_part_name(&s->pt->part[i], name, sizeof(name)),
	    s->o->timeout_s / 3, s->nlvs_all);
	return true;
}

/*
 * Whether partition i is a logical volume whose time is up: then it is
 * read no more (neither opened nor looked in), and says why.
 */
static bool
lv_passed_over(struct session *s, size_t i)
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
 * Partitions are visited when a stage first asks for them, once each: the
 * filesystem is probed and opened.  Partitions after the one that boots
 * are never read.
 */
static void
visit(struct session *s, size_t i)
{
	const struct partition *p = &s->pt->part[i];
	struct part_state *ps = &s->ps[i];
	struct fs_at at = { .offset = p->offset, .size = p->size };
	char name[PART_NAME_MAX];

	if (ps->visited)
		return;
	ps->visited = true;
	probe_part(s, i);
	if (!session_readable(s, i))
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
		session_trace(s, TRACE_INFO, "%s: %s: cannot open: %s",
		    session_part_name(p, name, sizeof(name)), ps->fstype,
		    ps->problem);
		return;
	}
	if (fs_note(ps->g) != NULL)
		session_trace(s, TRACE_INFO, "%s: %s",
		    session_part_name(p, name, sizeof(name)), fs_note(ps->g));
	if (fs_warning(ps->g) != NULL)
		session_trace(s, TRACE_WARN, "%s (%s): %s",
		    session_part_name(p, name, sizeof(name)), ps->fstype,
		    fs_warning(ps->g));
}

/* The open filesystem of partition i, or NULL (with ps->problem). */
struct guestfs *
session_fs(struct session *s, size_t i)
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
void
session_note_reject(struct session *s, const struct candidate *c)
{
	char name[PART_NAME_MAX], disk[MSG_TEXT_MAX / 2];

	session_part_name(&s->pt->part[c->part], name, sizeof(name));
	if (disk_failed(s->diskfd, s->disksize, disk, sizeof(disk)))
		session_fatal(s, EXIT_DISK, "%s (%s): %s: %s (%s)", name,
		    s->ps[c->part].fstype, c->path, disk, c->reason);
	if (s->reject[0] != '\0')
		return;
	snprintf(s->reject, sizeof(s->reject), "%s (%s): %s: %s", name,
	    s->ps[c->part].fstype, c->path, c->reason);
}

void
session_reject(struct session *s, struct candidate *c, const char *fmt, ...)
{
	va_list ap;
	char name[PART_NAME_MAX];

	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	c->found = FS_BAD;
	session_note_reject(s, c);
	session_trace(s, TRACE_INFO, "%s: %s: rejected: %s",
	    session_part_name(&s->pt->part[c->part], name, sizeof(name)), c->path,
	    c->reason);
}

/*
 * The file written into the parent's output file of its kind, and
 * mapped back for the checks: only the pages they touch are read, and
 * private, so that a library writing to its input writes to a copy.
 */
static unsigned char *
load_to_file(struct session *s, struct guestfs *g, struct candidate *c,
    int fd)
{
	unsigned char *buf;
	char why[MSG_TEXT_MAX], name[PART_NAME_MAX];
	int rc;

	rc = fs_copy(g, &c->file, fd, why, sizeof(why));
	if (rc == FS_OUTPUT_FAILED)
		session_fatal(s, EXIT_OUTPUT, "%s (%s): %s: %s",
		    session_part_name(&s->pt->part[c->part], name, sizeof(name)),
		    s->ps[c->part].fstype, c->path, why);
	if (rc != 0) {
		session_reject(s, c, "%s", why);
		return NULL;
	}
	buf = mmap(NULL, c->file.size + 1, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE, fd, 0);
	if (buf == MAP_FAILED) {
		session_reject(s, c, "cannot map the output file: %s",
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
load_to_memory(struct session *s, struct guestfs *g, struct candidate *c)
{
	unsigned char *buf;
	char why[MSG_TEXT_MAX];

	buf = mmap(NULL, c->file.size + 1, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (buf == MAP_FAILED) {
		session_reject(s, c, "out of memory for %" PRIu64 " bytes",
		    c->file.size);
		return NULL;
	}
	if (fs_read(g, &c->file, buf, why, sizeof(why)) != 0) {
		session_reject(s, c, "%s", why);
		session_unload(c, buf);
		return NULL;
	}
	return buf;
}

/* Whether c is within the size cap; else rejected, saying which. */
static bool
within_cap(struct session *s, struct candidate *c)
{
	if (c->file.size > s->o->max_file_size && s->o->size_by_ulimit) {
		session_reject(s, c, "%s%" PRIu64 " bytes, over the limit of %" PRIu64
		    " bytes that ulimit -f sets",
		    c->file.size == s->o->max_file_size + 1 ? "more than " : "",
		    c->file.size == s->o->max_file_size + 1 ?
		    s->o->max_file_size : c->file.size, s->o->max_file_size);
		return NULL;
	}
	if (c->file.size > s->o->max_file_size) {
		/* GRUB's reader stops one byte past the limit. */
		session_reject(s, c, "%s%" PRIu64 " bytes, over the limit of %" PRIu64
		    " MiB (PYGRUB_MAX_FILE_SIZE_MB raises it)",
		    c->file.size == s->o->max_file_size + 1 ? "more than " : "",
		    c->file.size == s->o->max_file_size + 1 ?
		    s->o->max_file_size : c->file.size,
		    s->o->max_file_size >> 20);
		return false;
	}
	return true;
}

/*
 * Reads a found file, within the size cap, into the output file of its
 * kind when the parent made one, else into memory.  Returns its bytes,
 * readable until session_unload(), or NULL (with c->reason set) when it
 * cannot be had.
 */
unsigned char *
session_load(struct session *s, struct guestfs *g, struct candidate *c,
    enum file_kind kind)
{
	if (!within_cap(s, c))
		return NULL;
	if (s->sink[kind] >= 0)
		return load_to_file(s, g, c, s->sink[kind]);
	return load_to_memory(s, g, c);
}

/* As session_load(), always into memory: a file that holds the files. */
unsigned char *
session_read(struct session *s, struct guestfs *g, struct candidate *c)
{
	return within_cap(s, c) ? load_to_memory(s, g, c) : NULL;
}

/*
 * Writes the output file of kind from the pieces given, in order (a
 * UKI's .ucode and .initrd make one ramdisk), when the parent made one;
 * c->file.size becomes their sum.  An output file that fails ends the
 * run, as in load_to_file().
 */
void
session_write(struct session *s, enum file_kind kind, struct candidate *c,
    const unsigned char *const *piece, const uint64_t *len, size_t n)
{
	char name[PART_NAME_MAX];
	uint64_t at = 0, done;
	ssize_t w;
	size_t i;

	for (i = 0; i < n; i++) {
		for (done = 0; s->sink[kind] >= 0 && done < len[i];
		    done += (uint64_t)w) {
			w = pwrite(s->sink[kind], piece[i] + done,
			    len[i] - done > (1U << 30) ? (1U << 30) :
			    (size_t)(len[i] - done), (off_t)(at + done));
			if (w <= 0)
				session_fatal(s, EXIT_OUTPUT, "%s (%s): %s: the "
				    "output file: %s", session_part_name(
				    &s->pt->part[c->part], name, sizeof(name)),
				    s->ps[c->part].fstype, c->path,
				    w < 0 ? strerror(errno) : "no space");
		}
		at += len[i];
	}
	c->file.size = at;
}

/* Gives back what session_load() returned for c. */
void
session_unload(const struct candidate *c, unsigned char *buf)
{
	if (buf != NULL)
		munmap(buf, c->file.size + 1);
}

/*
 * A menu's kernel (a boot menu's entry, a UKI's .linux), judged for the
 * domain builder (judge_menu_kernel()); the run's failure, naming it,
 * where it may not boot.
 */
int
session_judge_kernel(struct session *s, struct candidate *c,
    const unsigned char *buf, enum kernel_format *format)
{
	char why[MSG_TEXT_MAX], name[PART_NAME_MAX];

	if (judge_menu_kernel(s->o, s->rt, buf, c->file.size, s->dry, format,
	    &c->judged, why, sizeof(why)) != 0)
		return session_fail(s, EXIT_REJECTED, "%s (%s): kernel %s: %s",
		    session_part_name(&s->pt->part[c->part], name,
		    sizeof(name)), s->ps[c->part].fstype, c->path, why);
	if (*format == KERNEL_ELF)
		return 0;
	if (c->judged.second_opinion)
		session_trace(s, TRACE_INFO, "%s: a %s kernel the domain "
		    "builder accepts as %s", c->path, kformat_name(*format),
		    c->judged.verdict.guest_type);
	else if (c->judged.peeked)
		session_trace(s, TRACE_INFO, "%s: a %s kernel whose Xen notes "
		    "make it %s (%s, decompressed %" PRIu64 " of its %" PRIu64
		    " bytes to reach them; the rest is the domain builder's)",
		    c->path, kformat_name(*format),
		    c->judged.verdict.guest_type, c->judged.peek_codec,
		    c->judged.peek_read, c->judged.peek_size);
	else
		session_trace(s, TRACE_INFO, "%s: a %s kernel: its Xen support "
		    "is the domain builder's to judge", c->path,
		    kformat_name(*format));
	return 0;
}

/*
 * -l, a dry boot of a menu's entry (a boot menu's, a UKI): what a boot
 * would boot, entry index of the menu, the kernel k in format.
 */
int
session_send_verdict(struct session *s, const struct candidate *k,
    uint32_t index, const char *format, const char *title)
{
	struct msg_verdict v = { .kind = VERDICT_MENU, .arch = ARCH_AUTO,
	    .index = index };

	v.partno = s->pt->part[k->part].partno;
	snprintf(v.lv, sizeof(v.lv), "%s", s->pt->part[k->part].lv);
	snprintf(v.format, sizeof(v.format), "%s", format);
	snprintf(v.guest_type, sizeof(v.guest_type), "%s",
	    k->judged.verdict.guest_type);
	snprintf(v.path, sizeof(v.path), "%s", k->path);
	snprintf(v.title, sizeof(v.title), "%s", title);
	return proto_send(s->out, MSG_VERDICT, &v, sizeof(v)) == 0 ?
	    EXIT_OK : EXIT_CHILD;
}

/*
 * Tells the parent which file the last session_load() of its kind put in
 * the output file: the parent takes it from there.
 */
int
session_send_file(struct session *s, enum file_kind kind,
    const struct candidate *c)
{
	struct msg_file f = { .kind = kind, .size = c->file.size };

	s->committed = true;
	f.partno = s->pt->part[c->part].partno;
	snprintf(f.path, sizeof(f.path), "%s", c->path);
	return proto_send(s->out, MSG_FILE, &f, sizeof(f));
}

/*
 * With a user at the console, the parent shows a menu of n entries:
 * every one (send), then the question; its answer, MSG_CHOSEN, comes on
 * s->answer.  A timeout of 0 is a menu not shown (GRUB's, systemd-boot's
 * default), one below 0 or over MENU_TIMEOUT_MAX (a menu that waits for
 * the user) waits MENU_TIMEOUT_MAX: nobody may be there.  The default
 * when nobody answers.
 */
size_t
session_ask(struct session *s, size_t n, size_t deflt, long timeout,
    session_entry_fn *send, const void *ctx)
{
	struct msg_choose q = { .deflt = (uint32_t)deflt };
	union msg_payload answer;
	char why[MSG_TEXT_MAX];
	struct msg reply;
	size_t k;

	if (s->answer < 0 || timeout == 0)
		return deflt;
	q.timeout = timeout < 0 || timeout > MENU_TIMEOUT_MAX ?
	    MENU_TIMEOUT_MAX : (uint32_t)timeout;
	s->committed = true;
	for (k = 0; k < n; k++)
		send(s, k, k == deflt, ctx);
	if (proto_send(s->out, MSG_CHOOSE, &q, sizeof(q)) != 0 ||
	    proto_recv(s->answer, &reply, (char *)&answer,
	    sizeof(answer), why, sizeof(why)) != 1 ||
	    reply.type != MSG_CHOSEN || answer.chosen.index >= n)
		return deflt;
	return answer.chosen.index;
}

/*
 * "partition 1: ext4, partition 2: vfat": what was searched; whole
 * items only, then "and N more" where they do not all fit.
 */
void
session_summary(struct session *s, char *buf, size_t len)
{
	const size_t tail = sizeof(", and 4294967296 more");
	char item[256], name[PART_NAME_MAX];
	size_t i, used = 0, need;

	buf[0] = '\0';
	for (i = 0; i < s->pt->count; i++) {
		snprintf(item, sizeof(item), "%s%s: %s%s%s%s", i > 0 ? ", " :
		    "", session_part_name(&s->pt->part[i], name, sizeof(name)),
		    s->ps[i].fstype[0] != '\0' ? s->ps[i].fstype :
		    "no filesystem", s->ps[i].fstype[0] != '\0' &&
		    !session_readable(s, i) ? " (not read)" : "",
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
bool
session_only_unread(const struct session *s)
{
	bool named = false;
	size_t i;

	for (i = 0; i < s->pt->count; i++) {
		if (session_readable(s, i))
			return false;
		if (s->ps[i].fstype[0] != '\0')
			named = true;
	}
	return named;
}

/*
 * Every journal replayed in memory dropped, each partition back to the
 * state on its disk, the first rejection and the menu's problem
 * forgotten: the stages look again.  Whether there was one.
 */
bool
session_unreplay(struct session *s)
{
	char name[PART_NAME_MAX], why[128];
	bool any = false;
	size_t i;
	int r;

	for (i = 0; i < s->pt->count; i++) {
		if (s->ps[i].g == NULL || (r = fs_unreplay(s->ps[i].g, why,
		    sizeof(why))) == 0)
			continue;
		session_part_name(&s->pt->part[i], name, sizeof(name));
		any = true;
		if (r > 0) {
			session_trace(s, TRACE_INFO, "%s: %s", name,
			    fs_note(s->ps[i].g));
			continue;
		}
		fs_close(s->ps[i].g);
		s->ps[i].g = NULL;
		snprintf(s->ps[i].problem, sizeof(s->ps[i].problem), "%s", why);
		session_trace(s, TRACE_INFO, "%s: %s: cannot open: %s", name,
		    s->ps[i].fstype, why);
	}
	s->reject[0] = s->menu_problem[0] = '\0';
	return any;
}

/*
 * The partitions: the one --offset names, else the partition table's.
 * Before a word is sent: the child may yet have to start again.
 */
int
session_partitions(struct session *s, char *why, size_t whylen)
{
	if (s->o->have_offset)
		return disk_partition_at(s->o->offset, s->disksize, &s->pt,
		    why, whylen);
	return disk_partitions(s->diskfd, s->disksize, &s->pt, why, whylen);
}

/*
 * LVM2: where a partition (or the whole disk) is a physical volume,
 * GRUB finds the volume groups and lists their logical volumes, which
 * are searched after the partitions, the first LVM_MAX_LVS in the
 * metadata's order.  Two runs of GRUB's reader, and only for a disk
 * with a physical volume: one lists them, one says what each holds.
 */
static void
logical_volumes(struct session *s)
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
		session_trace(s, TRACE_WARN, "LVM2: out of memory");
		free(devs);
		return;
	}
	if (fs_grub_lvs(s->lvs, LVM_MAX_LVS, &n, &s->nlvs_all, why,
	    sizeof(why)) != 0) {
		session_trace(s, TRACE_WARN, "LVM2 physical volume: the logical "
		    "volumes cannot be listed: %s", why);
		free(devs);
		return;
	}
	s->nlvs = n;
	fs_grub_ids(s->lvs, n);
	for (i = 0; i < n; i++)
		snprintf(devs[i], sizeof(devs[i]), "%s", s->lvs[i].dev);
	if (s->nlvs_all > LVM_MAX_LVS)
		session_trace(s, TRACE_INFO, "LVM2: only the first %d of %zu "
		    "logical volumes are read", LVM_MAX_LVS, s->nlvs_all);
	if (disk_add_lvs(&s->pt, devs, n) != 0)
		session_trace(s, TRACE_WARN, "LVM2: out of memory");
	session_trace(s, TRACE_INFO, "LVM2: %zu logical volumes, "
	    "searched after the partitions", s->pt->count - count);
	free(devs);
}

/*
 * Whether a partition holds a filesystem whose library is not loaded
 * (XFS): then the child asks, before it has said anything, to be
 * started again with it.  Only once: the parent may fail to load it.
 */
bool
session_needs_libraries(const struct session *s)
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
 * The partitions as searched: the table said, the logical volumes GRUB
 * finds added after them, a state for each.  -1: out of memory.
 */
int
session_map(struct session *s)
{
	if (s->pt->label[0] != '\0')
		session_trace(s, TRACE_INFO, "%s partition table, %zu partitions",
		    s->pt->label, s->pt->count);
	if (s->pt->listed > MAX_PARTITIONS)
		session_trace(s, TRACE_INFO, "the table lists %zu entries: "
		    "only the first %d are read, as Linux reads no more",
		    s->pt->listed, MAX_PARTITIONS);
	logical_volumes(s);
	s->ps = calloc(s->pt->count + 1, sizeof(*s->ps));
	return s->ps != NULL ? 0 : -1;
}

void
session_init(struct session *s, const struct options *o,
    const struct runtime *rt, const struct session_io *io)
{
	memset(s, 0, sizeof(*s));
	s->o = o;
	s->rt = rt;
	s->diskfd = io->disk;
	s->disksize = io->disksize;
	s->out = io->report;
	s->answer = io->answer;
	s->sandbox_note = io->sandbox_note;
	s->sink[FILE_KERNEL] = io->files != NULL ? io->files[FILE_KERNEL] : -1;
	s->sink[FILE_RAMDISK] = io->files != NULL ?
	    io->files[FILE_RAMDISK] : -1;
}

/* Every filesystem closed, the session's memory given back. */
void
session_close(struct session *s)
{
	size_t i;

	for (i = 0; s->ps != NULL && i < s->pt->count; i++)
		fs_close(s->ps[i].g);
	free(s->ps);
	free(s->pt);
	free(s->lvs);
	s->ps = NULL;
	s->pt = NULL;
	s->lvs = NULL;
}
