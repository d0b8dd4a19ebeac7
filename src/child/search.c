/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The search order of the spec: for each architecture (x86_64 before
 * i386 under --arch=auto), for each partition in table order,
 * /boot/xen/pvboot-<ARCH>.elf then /xen/pvboot-<ARCH>.elf.  The first
 * candidate that passes the checks is sent to the parent.
 *
 * Every filesystem is looked at once: all spec paths are looked up in
 * one visit, and only the files worth reading are read, in order.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bootcfg.h"
#include "disk.h"
#include "fs.h"
#include "judge.h"
#include "proto.h"
#include "search.h"

#define NSPEC	2	/* spec paths per architecture */
#define NARCH	2

struct candidate {
	size_t		 part;		/* index into the partition table */
	enum arch	 arch;
	char		 path[MAX_GUEST_PATH];
	enum fs_lookup	 found;
	struct fs_file	 file;
	struct judgement judged;
	char		 reason[MSG_TEXT_MAX];
};

struct part_state {
	char		 fstype[16];
	char		 problem[128];	/* why it could not be searched */
};

struct search {
	const struct options	*o;
	int			 diskfd;
	int			 out;
	struct partition_table	*pt;
	struct part_state	*ps;
	struct candidate	*cand;
	size_t			 ncand;
	char			 reject[MSG_TEXT_MAX];	/* the first one */
};

static void __attribute__((format(printf, 3, 4)))
trace(struct search *s, enum trace_level level, const char *fmt, ...)
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

static int __attribute__((format(printf, 3, 4)))
fail(struct search *s, int code, const char *fmt, ...)
{
	struct msg_fail f = { .code = (uint32_t)code };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f.text, sizeof(f.text), fmt, ap);
	va_end(ap);
	(void)proto_send(s->out, MSG_FAIL, &f, sizeof(f));
	return code;
}

static const char *
part_name(const struct partition *p, char *buf, size_t len)
{
	if (p->partno == 0)
		snprintf(buf, len, "whole disk");
	else
		snprintf(buf, len, "partition %" PRIu32, p->partno);
	return buf;
}

/* Opens the filesystem of partition i, or says why not. */
static struct guestfs *
open_part(struct search *s, size_t i)
{
	const struct partition *p = &s->pt->part[i];
	struct part_state *ps = &s->ps[i];
	struct guestfs *g = NULL;
	char name[32];

	if (!fs_supported(ps->fstype))
		return NULL;
	if (fs_open(s->diskfd, p->offset, p->size, ps->fstype, &g,
	    ps->problem, sizeof(ps->problem)) != 0) {
		trace(s, TRACE_INFO, "%s: %s: cannot open: %s",
		    part_name(p, name, sizeof(name)), ps->fstype, ps->problem);
		return NULL;
	}
	return g;
}

static void
probe_part(struct search *s, size_t i)
{
	const struct partition *p = &s->pt->part[i];
	struct part_state *ps = &s->ps[i];
	char name[32];

	part_name(p, name, sizeof(name));
	if (disk_fstype(s->diskfd, p, ps->fstype, sizeof(ps->fstype)) != 0)
		snprintf(ps->problem, sizeof(ps->problem), "cannot probe");
	if (ps->fstype[0] == '\0')
		trace(s, TRACE_INFO, "%s: offset %" PRIu64 ", %" PRIu64
		    " bytes: no filesystem recognised", name, p->offset,
		    p->size);
	else if (!fs_supported(ps->fstype))
		trace(s, TRACE_INFO, "%s: offset %" PRIu64 ": %s: "
		    "filesystem not supported, skipped", name, p->offset,
		    ps->fstype);
	else
		trace(s, TRACE_INFO, "%s: offset %" PRIu64 ", %" PRIu64
		    " bytes: %s", name, p->offset, p->size, ps->fstype);
}

static void
look_up(struct search *s, struct guestfs *g, struct candidate *c)
{
	char name[32];

	c->found = fs_lookup(g, c->path, &c->file, c->reason,
	    sizeof(c->reason));
	part_name(&s->pt->part[c->part], name, sizeof(name));
	if (c->found == FS_ABSENT)
		trace(s, TRACE_INFO, "%s: %s: not found", name, c->path);
	else if (c->found == FS_BAD)
		trace(s, TRACE_INFO, "%s: %s: %s", name, c->path, c->reason);
	else
		trace(s, TRACE_INFO, "%s: %s: %" PRIu64 " bytes", name,
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

/* One visit per filesystem: every candidate on it is looked up. */
static void
survey(struct search *s)
{
	struct guestfs *g;
	size_t i, k;

	for (i = 0; i < s->pt->count; i++) {
		probe_part(s, i);
		g = open_part(s, i);
		if (g == NULL)
			continue;
		for (k = 0; k < s->ncand; k++)
			if (s->cand[k].part == i)
				look_up(s, g, &s->cand[k]);
		fs_close(g);
	}
}

/* Remembers the first rejection: it is the failure if nothing boots. */
static void
note_reject(struct search *s, const struct candidate *c)
{
	char name[32];

	if (s->reject[0] != '\0')
		return;
	part_name(&s->pt->part[c->part], name, sizeof(name));
	snprintf(s->reject, sizeof(s->reject), "%s (%s): %s: %s", name,
	    s->ps[c->part].fstype, c->path, c->reason);
}

static void __attribute__((format(printf, 3, 4)))
reject(struct search *s, struct candidate *c, const char *fmt, ...)
{
	va_list ap;
	char name[32];

	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	c->found = FS_BAD;
	note_reject(s, c);
	trace(s, TRACE_INFO, "%s: %s: rejected: %s",
	    part_name(&s->pt->part[c->part], name, sizeof(name)), c->path,
	    c->reason);
}

/*
 * Reads a found file into memory, within the size cap.  Returns NULL
 * (with c->reason set) when it cannot be had.
 */
static unsigned char *
load(struct search *s, struct guestfs *g, struct candidate *c)
{
	unsigned char *buf;
	char why[MSG_TEXT_MAX];

	if (c->file.size > s->o->max_file_size) {
		reject(s, c, "%" PRIu64 " bytes, over the limit of %" PRIu64
		    " MiB", c->file.size, s->o->max_file_size >> 20);
		return NULL;
	}
	buf = malloc(c->file.size + 1);
	if (buf == NULL) {
		reject(s, c, "out of memory for %" PRIu64 " bytes",
		    c->file.size);
		return NULL;
	}
	if (fs_read(g, &c->file, buf, why, sizeof(why)) != 0) {
		reject(s, c, "%s", why);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Reads and checks one candidate; 0 when it may be booted. */
static int
verify(struct search *s, struct candidate *c, unsigned char **bufp)
{
	struct guestfs *g;
	unsigned char *buf;
	char why[MSG_TEXT_MAX];

	*bufp = NULL;
	g = open_part(s, c->part);
	if (g == NULL) {
		reject(s, c, "filesystem cannot be opened again");
		return -1;
	}
	buf = load(s, g, c);
	fs_close(g);
	if (buf == NULL)
		return -1;
	/* --kernel names any kernel: the domain builder judges it. */
	if (c->arch != ARCH_AUTO && judge_elf(s->o, buf, c->file.size,
	    c->arch, &c->judged, why, sizeof(why)) != 0) {
		reject(s, c, "%s", why);
		free(buf);
		return -1;
	}
	*bufp = buf;
	return 0;
}

static int
send_file(struct search *s, enum file_kind kind, const struct candidate *c,
    const unsigned char *buf)
{
	struct msg_file f = { .kind = kind, .size = c->file.size };
	uint64_t off;
	size_t n;

	f.partno = s->pt->part[c->part].partno;
	snprintf(f.path, sizeof(f.path), "%s", c->path);
	if (proto_send(s->out, MSG_FILE, &f, sizeof(f)) != 0)
		return -1;
	if (s->o->not_really)
		return 0;
	for (off = 0; off < c->file.size; off += n) {
		n = c->file.size - off > MSG_DATA_MAX ? MSG_DATA_MAX :
		    (size_t)(c->file.size - off);
		if (proto_send(s->out, MSG_DATA, buf + off, n) != 0)
			return -1;
	}
	return 0;
}

static void
send_entry(struct search *s, const struct candidate *c,
    enum entry_verdict verdict)
{
	const struct judgement *j = &c->judged;
	struct msg_entry e = { .arch = c->arch, .verdict = verdict };

	e.partno = s->pt->part[c->part].partno;
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
	char name[32];
	int rc;

	memset(&rd, 0, sizeof(rd));
	rd.part = kernel->part;
	rd.arch = ARCH_AUTO;
	snprintf(rd.path, sizeof(rd.path), "%s", s->o->ramdisk);
	part_name(&s->pt->part[rd.part], name, sizeof(name));
	g = open_part(s, rd.part);
	if (g == NULL)
		return fail(s, EXIT_DISK, "%s: filesystem cannot be opened "
		    "again", name);
	look_up(s, g, &rd);
	if (rd.found == FS_FOUND)
		buf = load(s, g, &rd);
	fs_close(g);
	if (rd.found == FS_ABSENT)
		return fail(s, EXIT_NOTFOUND, "%s (%s): ramdisk %s: not found",
		    name, s->ps[rd.part].fstype, rd.path);
	if (buf == NULL)
		return fail(s, EXIT_REJECTED, "%s (%s): ramdisk %s: %s", name,
		    s->ps[rd.part].fstype, rd.path, rd.reason);
	rc = send_file(s, FILE_RAMDISK, &rd, buf);
	free(buf);
	return rc == 0 ? EXIT_OK : EXIT_CHILD;
}

/* "partition 1: ext4, partition 2: vfat": what was searched. */
static void
summary(struct search *s, char *buf, size_t len)
{
	size_t i, used = 0;
	char name[32];
	int n;

	buf[0] = '\0';
	for (i = 0; i < s->pt->count && used < len; i++) {
		n = snprintf(buf + used, len - used, "%s%s: %s%s%s",
		    i > 0 ? ", " : "", part_name(&s->pt->part[i], name,
		    sizeof(name)), s->ps[i].fstype[0] != '\0' ?
		    s->ps[i].fstype : "no filesystem",
		    s->ps[i].problem[0] != '\0' ? " unreadable: " : "",
		    s->ps[i].problem);
		if (n < 0)
			break;
		used += (size_t)n;
	}
	if (s->pt->count == 0)
		snprintf(buf, len, "no partitions");
}

static int
not_found(struct search *s)
{
	char where[MSG_TEXT_MAX / 2];

	summary(s, where, sizeof(where));
	if (s->reject[0] != '\0')
		return fail(s, EXIT_REJECTED, "%s", s->reject);
	if (s->o->kernel != NULL)
		return fail(s, EXIT_NOTFOUND, "kernel %s not found (%s)",
		    s->o->kernel, where);
	if (s->o->arch == ARCH_AUTO)
		return fail(s, EXIT_NOTFOUND, "no /boot/xen/pvboot-{x86_64,"
		    "i386}.elf or /xen/pvboot-{x86_64,i386}.elf and no boot "
		    "menu (%s)", where);
	return fail(s, EXIT_NOTFOUND, "no /boot/xen/pvboot-%s.elf or "
	    "/xen/pvboot-%s.elf and no boot menu (%s)", arch_name(s->o->arch),
	    arch_name(s->o->arch), where);
}

/*
 * A menu path on the filesystem of the config: as written, or, for a
 * grub.cfg under /boot read from the root filesystem, under /boot (what
 * pygrub also tries).
 */
static enum fs_lookup
menu_file(struct guestfs *g, const char *cfg, const char *path,
    struct candidate *c)
{
	c->found = fs_lookup(g, path, &c->file, c->reason, sizeof(c->reason));
	snprintf(c->path, sizeof(c->path), "%s", path);
	if (c->found == FS_ABSENT && strncmp(cfg, "/boot/", 6) == 0 &&
	    strncmp(path, "/boot/", 6) != 0) {
		snprintf(c->path, sizeof(c->path), "/boot%s", path);
		c->found = fs_lookup(g, c->path, &c->file, c->reason,
		    sizeof(c->reason));
	}
	return c->found;
}

/* Loads one file a menu entry names; NULL with a failure sent. */
static unsigned char *
menu_load(struct search *s, struct guestfs *g, const char *cfg,
    const char *what, const char *path, struct candidate *c, int *rc)
{
	char name[32];
	unsigned char *buf;

	part_name(&s->pt->part[c->part], name, sizeof(name));
	if (menu_file(g, cfg, path, c) != FS_FOUND) {
		*rc = fail(s, c->found == FS_ABSENT ? EXIT_NOTFOUND :
		    EXIT_REJECTED, "%s (%s): %s names %s %s: %s", name,
		    s->ps[c->part].fstype, cfg, what, path,
		    c->found == FS_ABSENT ? "not found" : c->reason);
		return NULL;
	}
	buf = load(s, g, c);
	if (buf == NULL)
		*rc = fail(s, EXIT_REJECTED, "%s (%s): %s %s: %s", name,
		    s->ps[c->part].fstype, what, c->path, c->reason);
	return buf;
}

/* An ELF kernel is judged as a pvboot is; a bzImage is the builder's. */
static int
menu_kernel_ok(struct search *s, struct candidate *c, unsigned char *buf)
{
	char why[MSG_TEXT_MAX], name[32];

	if (c->file.size < 4 || memcmp(buf, "\177ELF", 4) != 0) {
		trace(s, TRACE_INFO, "%s: not an ELF (a bzImage?): left to "
		    "the domain builder", c->path);
		return 0;
	}
	if (judge_elf(s->o, buf, c->file.size, ARCH_AUTO, &c->judged, why,
	    sizeof(why)) == 0)
		return 0;
	return fail(s, EXIT_REJECTED, "%s (%s): kernel %s: %s",
	    part_name(&s->pt->part[c->part], name, sizeof(name)),
	    s->ps[c->part].fstype, c->path, why);
}

static int
send_args(struct search *s, const struct menu_entry *e)
{
	struct msg_args a;

	/* pygrub appends --args to the entry's, with one space. */
	snprintf(a.args, sizeof(a.args), "%s%s%s", e->args,
	    e->args[0] != '\0' && s->o->args[0] != '\0' ? " " : "",
	    s->o->args);
	return proto_send(s->out, MSG_ARGS, &a, sizeof(a));
}

/* Boots the chosen entry of the menu read from partition i. */
static int
menu_boot(struct search *s, struct guestfs *g, size_t i,
    const struct bootcfg *b, const struct menu_entry *e)
{
	struct candidate k = { .part = i, .arch = ARCH_AUTO };
	struct candidate r = { .part = i, .arch = ARCH_AUTO };
	unsigned char *kbuf, *rbuf = NULL;
	const char *initrd = s->o->ramdisk != NULL ? s->o->ramdisk : e->initrd;
	int rc = EXIT_OK;

	if (e->kernel[0] == '\0')
		return fail(s, EXIT_REJECTED, "%s: entry \"%s\" has no linux "
		    "kernel", b->path, e->title);
	kbuf = menu_load(s, g, b->path, "kernel", e->kernel, &k, &rc);
	if (kbuf == NULL)
		return rc;
	if (menu_kernel_ok(s, &k, kbuf) != 0)
		rc = EXIT_REJECTED;
	if (rc == EXIT_OK && initrd[0] != '\0') {
		rbuf = menu_load(s, g, b->path, "initrd", initrd, &r, &rc);
		if (rbuf == NULL) {
			free(kbuf);
			return rc;
		}
	}
	if (rc == EXIT_OK && (send_file(s, FILE_KERNEL, &k, kbuf) != 0 ||
	    (rbuf != NULL && send_file(s, FILE_RAMDISK, &r, rbuf) != 0) ||
	    send_args(s, e) != 0))
		rc = EXIT_CHILD;
	free(kbuf);
	free(rbuf);
	return rc;
}

static void
send_menu(struct search *s, const struct menu *m, size_t k, uint32_t flags,
    uint32_t partno, const char *cfg)
{
	const struct menu_entry *e = &m->e[k];
	struct msg_menu u = { .index = (uint32_t)k, .flags = flags,
	    .partno = partno };

	snprintf(u.config, sizeof(u.config), "%s", cfg);
	snprintf(u.title, sizeof(u.title), "%s", e->title);
	snprintf(u.kernel, sizeof(u.kernel), "%s", e->kernel);
	snprintf(u.initrd, sizeof(u.initrd), "%s", e->initrd);
	if (flags & MENU_ISCONFIG)
		snprintf(u.args, sizeof(u.args), "%s%s%s", e->args,
		    e->args[0] != '\0' && s->o->args[0] != '\0' ? " " : "",
		    s->o->args);
	else
		snprintf(u.args, sizeof(u.args), "%s", e->args);
	(void)proto_send(s->out, MSG_MENU, &u, sizeof(u));
}

/*
 * With a user at the console, the parent shows the menu: every entry,
 * then the question; its answer is an entry number on ask_fd.  A menu
 * whose timeout is 0 is not shown, as GRUB does not show it.
 */
static int
ask(struct search *s, const struct menu *m, size_t deflt, uint32_t partno,
    const char *cfg)
{
	struct msg_choose q = { .deflt = (uint32_t)deflt };
	uint32_t answer;
	size_t k;

	if (s->o->ask_fd < 0 || m->timeout == 0)
		return (int)deflt;
	q.timeout = m->timeout < 0 || m->timeout > MENU_TIMEOUT_MAX ?
	    MENU_TIMEOUT_MAX : (uint32_t)m->timeout;
	for (k = 0; k < m->n; k++)
		send_menu(s, m, k, k == deflt ? MENU_DEFAULT : 0, partno, cfg);
	if (proto_send(s->out, MSG_CHOOSE, &q, sizeof(q)) != 0 ||
	    read(s->o->ask_fd, &answer, sizeof(answer)) != sizeof(answer) ||
	    answer >= m->n)
		return (int)deflt;
	return (int)answer;
}

/*
 * No pvboot ELF: the guest's own boot menu, as pygrub reads it, from
 * the first filesystem (in table order) that has one.  Returns -1 when
 * no filesystem has a menu, else the exit status (FAIL sent if not 0).
 */
static int
fallback(struct search *s)
{
	struct bootcfg *b;
	struct guestfs *g;
	char why[MSG_TEXT_MAX], name[32];
	size_t i;
	int r, idx, rc = -1;

	b = malloc(sizeof(*b));
	if (b == NULL)
		return fail(s, EXIT_CHILD, "out of memory");
	for (i = 0; i < s->pt->count && rc < 0; i++) {
		g = open_part(s, i);
		if (g == NULL)
			continue;
		part_name(&s->pt->part[i], name, sizeof(name));
		r = bootcfg_read(g, b, why, sizeof(why));
		/* An unreadable config is no menu: the next may do. */
		if (r < 0)
			trace(s, TRACE_INFO, "%s (%s): boot menu passed over: %s",
			    name, s->ps[i].fstype, why);
		else if (r > 0) {
			idx = menu_choose(&b->menu, s->o->entry,
			    s->o->entry != NULL, why, sizeof(why));
			if (idx >= 0)
				idx = ask(s, &b->menu, (size_t)idx,
				    s->pt->part[i].partno, b->path);
			trace(s, TRACE_INFO, "%s: %s: %zu entries, booting "
			    "%d (\"%s\")", name, b->path, b->menu.n, idx,
			    idx >= 0 ? b->menu.e[idx].title : "");
			rc = idx < 0 ? fail(s, EXIT_NOTFOUND, "%s (%s): %s: %s",
			    name, s->ps[i].fstype, b->path, why) :
			    menu_boot(s, g, i, b, &b->menu.e[idx]);
		}
		menu_free(&b->menu);
		fs_close(g);
	}
	free(b);
	return rc;
}

/* -l: the boot menu that the fallback would read, every entry. */
static bool
list_menu(struct search *s)
{
	struct bootcfg *b;
	struct guestfs *g;
	char why[MSG_TEXT_MAX];
	size_t i, k;
	int r = 0, d;

	b = malloc(sizeof(*b));
	for (i = 0; b != NULL && i < s->pt->count && r <= 0; i++) {
		g = open_part(s, i);
		if (g == NULL)
			continue;
		r = bootcfg_read(g, b, why, sizeof(why));
		if (r > 0) {
			d = menu_choose(&b->menu, s->o->entry,
			    s->o->entry != NULL, why, sizeof(why));
			for (k = 0; k < b->menu.n; k++)
				send_menu(s, &b->menu, k, (int)k == d ?
				    MENU_DEFAULT : 0, s->pt->part[i].partno,
				    b->path);
		}
		menu_free(&b->menu);
		fs_close(g);
	}
	free(b);
	return r > 0;
}

/* Rejections before the chosen one are worth a warning, not silence. */
static void
warn_passed_over(struct search *s, const struct candidate *chosen)
{
	const struct candidate *c;
	char name[32];

	for (c = s->cand; c < chosen; c++)
		if (c->found == FS_BAD)
			trace(s, TRACE_WARN, "%s (%s): %s: passed over: %s",
			    part_name(&s->pt->part[c->part], name,
			    sizeof(name)), s->ps[c->part].fstype, c->path,
			    c->reason);
}

/*
 * Tries the candidates in order.  Under -l every one is checked and
 * listed; otherwise the first good one is sent with its ramdisk.
 */
static int
choose(struct search *s)
{
	struct candidate *c, *chosen = NULL;
	enum entry_verdict verdict;
	bool listed = false;
	unsigned char *buf;
	char name[32];
	size_t k;
	int rc;

	/* --entry asks for the boot menu first. */
	if (s->o->entry != NULL && s->o->kernel == NULL && !s->o->list) {
		rc = fallback(s);
		if (rc >= 0)
			return rc;
	}
	for (k = 0; k < s->ncand; k++) {
		c = &s->cand[k];
		if (c->found == FS_ABSENT)
			continue;
		if (c->found == FS_BAD)
			note_reject(s, c);
		else if (verify(s, c, &buf) == 0) {
			verdict = chosen == NULL ? ENTRY_CHOSEN : ENTRY_USABLE;
			if (chosen == NULL) {
				chosen = c;
				trace(s, TRACE_INFO, "%s: %s: chosen",
				    part_name(&s->pt->part[c->part], name,
				    sizeof(name)), c->path);
			}
			if (!s->o->list) {
				warn_passed_over(s, c);
				rc = send_file(s, FILE_KERNEL, c, buf);
				free(buf);
				if (rc != 0)
					return EXIT_CHILD;
				break;
			}
			send_entry(s, c, verdict);
			free(buf);
			continue;
		}
		if (s->o->list)
			send_entry(s, c, ENTRY_REJECTED);
	}
	if (s->o->list && s->o->kernel == NULL)
		listed = list_menu(s);
	if (chosen == NULL && s->o->kernel == NULL && !s->o->list) {
		rc = fallback(s);
		if (rc == EXIT_OK)
			warn_passed_over(s, s->cand + s->ncand);
		if (rc >= 0)
			return rc;
	}
	if (chosen == NULL && !listed)
		return not_found(s);
	if (s->o->ramdisk != NULL && !s->o->list)
		return send_ramdisk(s, chosen);
	return EXIT_OK;
}

/*
 * --isconfig: the "disk" is a boot configuration; say what it boots, in
 * pygrub's words.  Its bytes are guest data like any other.
 */
static int
isconfig(struct search *s, uint64_t size)
{
	struct menu m;
	char *text, why[MSG_TEXT_MAX];
	ssize_t n;
	size_t got = 0;
	int idx, rc;

	if (size > BOOTCFG_MAX_SIZE)
		return fail(s, EXIT_REJECTED, "%" PRIu64 " bytes, over %d for a "
		    "configuration", size, BOOTCFG_MAX_SIZE);
	text = malloc((size_t)size + 1);
	if (text == NULL)
		return fail(s, EXIT_CHILD, "out of memory");
	while (got < size) {
		n = pread(s->diskfd, text + got, (size_t)size - got,
		    (off_t)got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	text[got] = '\0';
	rc = bootcfg_parse_named(s->o->disk, text, got, &m, why, sizeof(why));
	free(text);
	if (rc != 0) {
		menu_free(&m);
		return fail(s, EXIT_REJECTED, "%s", why);
	}
	idx = menu_choose(&m, s->o->entry, s->o->entry != NULL, why,
	    sizeof(why));
	if (idx < 0)
		rc = fail(s, EXIT_NOTFOUND, "%s", why);
	else
		send_menu(s, &m, (size_t)idx, MENU_ISCONFIG, 0, s->o->disk);
	menu_free(&m);
	return rc == 0 ? EXIT_OK : rc;
}

/*
 * The child's entry point.  Returns its exit status, after sending
 * either MSG_DONE or MSG_FAIL to the parent on fd out.
 */
int
search_run(const struct options *o, int diskfd, uint64_t disksize, int out)
{
	struct search s = {
		.o = o, .diskfd = diskfd, .out = out,
	};
	char why[MSG_TEXT_MAX];
	int rc;

	trace(&s, TRACE_INFO, "parsing as uid %u, gid %u; %s",
	    (unsigned int)getuid(), (unsigned int)getgid(),
	    o->sandbox_note != NULL ? o->sandbox_note : "no sandbox");
	trace(&s, TRACE_INFO, "domain type %s; hypervisor capabilities \"%s\" "
	    "(from %s)%s", o->domain_type == DOMAIN_PVH ? "pvh" : "pv",
	    o->xen_caps, o->caps_source, o->second_opinion ?
	    "; libxenguest gives a second opinion" : "");
	if (o->isconfig) {
		rc = isconfig(&s, disksize);
		if (rc == EXIT_OK)
			(void)proto_send(out, MSG_DONE, NULL, 0);
		return rc;
	}
	if (o->have_offset)
		rc = disk_partition_at(o->offset, disksize, &s.pt, why,
		    sizeof(why));
	else
		rc = disk_partitions(diskfd, disksize, &s.pt, why,
		    sizeof(why));
	if (rc != 0) {
		rc = fail(&s, EXIT_DISK, "%s", why);
		goto out;
	}
	if (s.pt->label[0] != '\0')
		trace(&s, TRACE_INFO, "%s partition table, %zu partitions",
		    s.pt->label, s.pt->count);
	s.ps = calloc(s.pt->count + 1, sizeof(*s.ps));
	if (s.ps == NULL || plan(&s) != 0) {
		rc = fail(&s, EXIT_CHILD, "out of memory");
		goto out;
	}
	survey(&s);
	rc = choose(&s);
	if (rc == EXIT_OK)
		(void)proto_send(out, MSG_DONE, NULL, 0);
out:
	free(s.cand);
	free(s.ps);
	free(s.pt);
	return rc;
}
