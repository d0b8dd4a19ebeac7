/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pvboot stage: the search order of the spec.  For each
 * architecture (x86_64 before i386 under --arch=auto), for each
 * partition in table order, /boot/xen/pvboot-<ARCH>.elf then
 * /xen/pvboot-<ARCH>.elf (or the --kernel path on each partition).  The
 * first candidate that passes the checks is the one a boot sends.
 *
 * Work follows the order: a partition's filesystem is opened (by the
 * session) when the first of its candidates comes up, a path is looked
 * up when its turn comes, and nothing after the chosen one is read,
 * unless -l or a failure wants them all.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child/judge.h"
#include "child/session.h"
#include "pvboot.h"
#include "proto.h"

#define NSPEC	2	/* spec paths per architecture */
#define NARCH	2

struct pvboot {
	struct session		*s;
	struct candidate	*cand;		/* in the order they are tried */
	size_t			 ncand;
	struct candidate	*first;		/* -l: the one a boot sends */
};

static void
add_candidate(struct pvboot *p, size_t part, enum arch arch,
    const char *path)
{
	struct candidate *c = &p->cand[p->ncand++];

	memset(c, 0, sizeof(*c));
	c->part = part;
	c->arch = arch;
	snprintf(c->path, sizeof(c->path), "%s", path);
	c->found = FS_ABSENT;
}

/*
 * The candidates in the order they must be tried: arch, then partition,
 * then spec path (or just the --kernel path on each partition).  NULL:
 * out of memory.
 */
struct pvboot *
pvboot_plan(struct session *s)
{
	enum arch arches[NARCH];
	size_t narch = 0, a, i, k;
	char path[MAX_GUEST_PATH];
	struct pvboot *p;
	static const char *const spec[NSPEC] = {
		"/boot/xen/pvboot-%s.elf", "/xen/pvboot-%s.elf",
	};

	if (s->o->arch == ARCH_AUTO || s->o->arch == ARCH_X86_64)
		arches[narch++] = ARCH_X86_64;
	if (s->o->arch == ARCH_AUTO || s->o->arch == ARCH_I386)
		arches[narch++] = ARCH_I386;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->s = s;
	p->cand = calloc(s->pt->count * NARCH * NSPEC + 1, sizeof(*p->cand));
	if (p->cand == NULL) {
		free(p);
		return NULL;
	}
	if (s->o->kernel != NULL) {
		for (i = 0; i < s->pt->count; i++)
			add_candidate(p, i, ARCH_AUTO, s->o->kernel);
		return p;
	}
	for (a = 0; a < narch; a++)
		for (i = 0; i < s->pt->count; i++)
			for (k = 0; k < NSPEC; k++) {
				snprintf(path, sizeof(path), spec[k],
				    arch_name(arches[a]));
				add_candidate(p, i, arches[a], path);
			}
	return p;
}

void
pvboot_free(struct pvboot *p)
{
	if (p != NULL)
		free(p->cand);
	free(p);
}

/*
 * The journals were dropped (session_unreplay()): every candidate is
 * looked up and judged again.
 */
void
pvboot_forget(struct pvboot *p)
{
	size_t i;

	for (i = 0; i < p->ncand; i++) {
		p->cand[i].looked = false;
		p->cand[i].found = FS_ABSENT;
		p->cand[i].reason[0] = '\0';
		memset(&p->cand[i].file, 0, sizeof(p->cand[i].file));
		memset(&p->cand[i].judged, 0, sizeof(p->cand[i].judged));
	}
	p->first = NULL;
}

/*
 * A candidate is looked up when the search reaches it: once the x86_64
 * ELF is found, the i386 paths are not looked for (in a directory of
 * 20,000 entries each absent name is a full scan).
 */
static void
reach(struct session *s, struct candidate *c)
{
	struct guestfs *g;

	if (c->looked)
		return;
	c->looked = true;
	g = session_fs(s, c->part);
	if (g != NULL)
		session_look_up(s, g, c);
}

/* Reads and checks one candidate; 0 when it may be booted. */
static int
verify(struct session *s, struct candidate *c, unsigned char **bufp)
{
	unsigned char *buf;
	char why[MSG_TEXT_MAX];

	*bufp = NULL;
	buf = session_load(s, s->ps[c->part].g, c, FILE_KERNEL);
	if (buf == NULL)
		return -1;
	/* --kernel names any kernel: the domain builder judges it. */
	if (c->arch != ARCH_AUTO && judge_elf(s->o, s->rt, buf, c->file.size,
	    c->arch, &c->judged, why, sizeof(why)) != 0) {
		session_reject(s, c, "%s", why);
		session_unload(c, buf);
		return -1;
	}
	*bufp = buf;
	return 0;
}

static void
send_entry(struct session *s, const struct candidate *c,
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
send_ramdisk(struct session *s, const struct candidate *kernel)
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
	session_part_name(&s->pt->part[rd.part], name, sizeof(name));
	g = session_fs(s, rd.part);
	if (g == NULL)	/* the kernel's own filesystem: it was open */
		return session_fail(s, EXIT_CHILD, "%s: filesystem not open",
		    name);
	session_look_up(s, g, &rd);
	if (rd.found == FS_FOUND)
		buf = session_load(s, g, &rd, FILE_RAMDISK);
	if (rd.found == FS_ABSENT)
		return session_fail(s, EXIT_NOTFOUND, "%s (%s): ramdisk %s: not found",
		    name, s->ps[rd.part].fstype, rd.path);
	if (buf == NULL)
		return session_fail(s, EXIT_REJECTED, "%s (%s): ramdisk %s: %s", name,
		    s->ps[rd.part].fstype, rd.path, rd.reason);
	rc = session_send_file(s, FILE_RAMDISK, &rd);
	session_unload(&rd, buf);
	return rc == 0 ? EXIT_OK : EXIT_CHILD;
}

static void
trace_chosen(struct session *s, const struct candidate *c)
{
	char name[PART_NAME_MAX];

	session_trace(s, TRACE_INFO, "%s: %s: chosen",
	    session_part_name(&s->pt->part[c->part], name, sizeof(name)),
	    c->path);
}

/* -l: what a boot would boot, when it is a pvboot ELF (or --kernel). */
static int
send_verdict(struct session *s, const struct candidate *c)
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

/* Rejections before the chosen one are worth a warning, not silence. */
static void
warn_passed_over(const struct pvboot *p, const struct candidate *chosen)
{
	struct session *s = p->s;
	const struct candidate *c;
	char name[PART_NAME_MAX];

	for (c = p->cand; c < chosen; c++)
		if (c->found == FS_BAD)
			session_trace(s, TRACE_WARN, "%s (%s): %s: passed over: %s",
			    session_part_name(&s->pt->part[c->part], name,
			    sizeof(name)), s->ps[c->part].fstype, c->path,
			    c->reason);
}

/* Another stage booted: every rejection met is worth its warning. */
void
pvboot_warn_passed_over(const struct pvboot *p)
{
	warn_passed_over(p, p->cand + p->ncand);
}

/*
 * From candidate *k on, in search order, the next that may boot, read
 * into *bufp, with *k past it; NULL at the end.  The others met on the
 * way keep their verdicts, and under -l are listed as refused.
 */
static struct candidate *
next_bootable(struct pvboot *p, size_t *k, unsigned char **bufp)
{
	struct session *s = p->s;
	struct candidate *c;

	while (*k < p->ncand) {
		c = &p->cand[(*k)++];
		reach(s, c);
		if (c->found == FS_ABSENT)
			continue;
		if (c->found == FS_BAD)
			session_note_reject(s, c);
		else if (verify(s, c, bufp) == 0)
			return c;
		if (s->o->list)
			send_entry(s, c, ENTRY_REJECTED);
	}
	return NULL;
}

/*
 * A boot: the first candidate that may boot is sent, with --ramdisk
 * from its filesystem.  -1 when none may; else the exit status.
 */
int
pvboot_boot(struct pvboot *p)
{
	struct session *s = p->s;
	struct candidate *c;
	unsigned char *buf;
	size_t k = 0;
	int rc;

	c = next_bootable(p, &k, &buf);
	if (c == NULL)
		return -1;
	trace_chosen(s, c);
	warn_passed_over(p, c);
	rc = session_send_file(s, FILE_KERNEL, c);
	session_unload(c, buf);
	if (rc != 0)
		return EXIT_CHILD;
	return s->o->ramdisk != NULL ? send_ramdisk(s, c) : EXIT_OK;
}

/*
 * -l: every candidate with its verdict, the first that may boot as
 * chosen, each loaded and judged as a boot would.
 */
void
pvboot_list(struct pvboot *p)
{
	struct candidate *c;
	unsigned char *buf;
	size_t k = 0;

	p->first = NULL;
	while ((c = next_bootable(p, &k, &buf)) != NULL) {
		if (p->first == NULL)
			trace_chosen(p->s, c);
		send_entry(p->s, c, p->first != NULL ? ENTRY_USABLE :
		    ENTRY_CHOSEN);
		session_unload(c, buf);
		if (p->first == NULL)
			p->first = c;
	}
}

/* -l, after pvboot_list(): what a boot would send, or -1 if nothing. */
int
pvboot_verdict(const struct pvboot *p)
{
	return p->first != NULL ? send_verdict(p->s, p->first) : -1;
}
