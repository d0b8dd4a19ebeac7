/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What -l says of the disks given (run.c reads them, one after the
 * other, each by its own sandboxed child).  Text: each disk's table as
 * report.c prints it, after a "DISK path" line when there are several,
 * then one line per disk with what a boot would do.  --json: one
 * document, an object per disk (the schema is in xenpvboot(1); its
 * names do not change).  The exit status is that of the first disk that
 * would not boot, 0 when every one boots.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listing.h"
#include "report.h"
#include "vis.h"

#define SUMMARY_MAX	(MSG_TEXT_MAX + 4 * MENU_TITLE_MAX + 128)

/* One disk's line of the summary. */
struct listed {
	const char	*disk;
	char		 line[SUMMARY_MAX];
};

struct listing {
	const struct options	*o;
	const struct runtime	*rt;
	size_t			 ndisks;
	struct listed		*done;
	size_t			 ndone;
	/* the disk being listed */
	unsigned int		 nentries, nmenu;
	struct json		 parts, cands, entries;
	struct msg_menu		 menu;		/* its first entry's header */
	bool			 have_once;
	struct msg_once		 once;		/* grubenv's next_entry */
	bool			 have_verdict;
	struct msg_verdict	 v;
	char			 why[MSG_TEXT_MAX + 256];
};

static const char *const verdicts[] = { "chosen", "usable", "rejected" };

/* "partition 2", "lvm vg/boot", "whole disk": raw, for JSON. */
static void
place(char *buf, size_t len, uint32_t partno, const char *lv)
{
	if (lv[0] != '\0')
		snprintf(buf, len, "lvm %s", lv);
	else if (partno == 0)
		snprintf(buf, len, "whole disk");
	else
		snprintf(buf, len, "partition %" PRIu32, partno);
}

/* The keys every partition-bound object starts with. */
static void
json_place(struct json *j, uint32_t partno, const char *lv)
{
	char where[MSG_LV_MAX + 16];

	place(where, sizeof(where), partno, lv);
	json_kstr(j, "partition", where);
	json_kuint(j, "partno", partno);
	json_kstr_or_null(j, "lv", lv);
}

int
listing_part(struct listing *l, const struct msg_part *m)
{
	struct json *j = &l->parts;

	if (!l->o->json)
		return EXIT_OK;
	json_open(j, '{');
	json_place(j, m->partno, m->lv);
	json_kstr_or_null(j, "grub", m->grub);
	/* An LV's extents are GRUB's to find: no one offset, no size. */
	json_key(j, "offset");
	if (m->lv[0] != '\0')
		json_null(j);
	else
		json_uint(j, m->offset);
	json_key(j, "size");
	if (m->lv[0] != '\0')
		json_null(j);
	else
		json_uint(j, m->size);
	json_kstr_or_null(j, "fstype", m->fstype);
	json_close(j, '}');
	return j->full ? EXIT_CHILD : EXIT_OK;
}

static void
json_elf(struct json *j, const struct msg_entry *e)
{
	char entry[24];

	json_key(j, "elf");
	if (!(e->flags & ENTRY_ELF)) {
		json_null(j);
		return;
	}
	json_open(j, '{');
	json_kuint(j, "class", e->elfclass == 1 ? 32 : 64);
	json_kstr_or_null(j, "guest_type", e->guest_type);
	/* As text: a 64-bit address is past what a JSON number holds. */
	snprintf(entry, sizeof(entry), "%#" PRIx64, e->entry);
	json_kstr_or_null(j, "entry", e->guest_type[0] != '\0' ? entry : "");
	json_kstr(j, "guest_os", e->guest_os);
	json_kstr(j, "loader", e->loader);
	json_kstr(j, "xen_version", e->xen_ver);
	json_kbool(j, "pv", e->flags & ENTRY_PV);
	json_kbool(j, "pvh", e->flags & ENTRY_PVH);
	json_close(j, '}');
}

int
listing_entry(struct listing *l, const struct msg_entry *e)
{
	struct json *j = &l->cands;

	if (!l->o->json) {
		report_entry(e, l->nentries++);
		return EXIT_OK;
	}
	json_open(j, '{');
	json_place(j, e->partno, e->lv);
	json_kstr_or_null(j, "fstype", e->fstype);
	json_kstr(j, "path", e->path);
	json_kstr(j, "arch", arch_name(e->arch));
	json_kuint(j, "size", e->size);
	json_kstr(j, "verdict", verdicts[e->verdict]);
	json_kstr_or_null(j, "reason", e->verdict == ENTRY_REJECTED ? e->reason : "");
	json_elf(j, e);
	json_close(j, '}');
	return j->full ? EXIT_CHILD : EXIT_OK;
}

int
listing_menu(struct listing *l, const struct msg_menu *u)
{
	struct json *j = &l->entries;

	if (!l->o->json) {
		report_menu(u, l->nmenu++);
		return EXIT_OK;
	}
	if (l->nmenu++ == 0)
		l->menu = *u;
	json_open(j, '{');
	json_kuint(j, "index", u->index);
	json_kstr(j, "title", u->title);
	json_kstr_or_null(j, "kernel", u->kernel);
	json_kstr_or_null(j, "initrd", u->initrd);
	json_kstr(j, "args", u->args);
	json_kbool(j, "default", u->flags & MENU_DEFAULT);
	json_close(j, '}');
	return j->full ? EXIT_CHILD : EXIT_OK;
}

/* grubenv's next_entry, after the menu's entries: shown, not consumed. */
int
listing_once(struct listing *l, const struct msg_once *n)
{
	l->have_once = true;
	l->once = *n;
	if (!l->o->json)
		report_once(n);
	return EXIT_OK;
}

int
listing_verdict(struct listing *l, const struct msg_verdict *v)
{
	if (l->have_verdict)
		return EXIT_CHILD;
	l->have_verdict = true;
	l->v = *v;
	return EXIT_OK;
}

/*
 * Why the disk will not boot: the child's words, unescaped (the first
 * said is kept), or what run.c said on stderr.
 */
void
listing_failed(struct listing *l, const char *why)
{
	if (l->why[0] == '\0')
		snprintf(l->why, sizeof(l->why), "%s", why);
}

/* The summary's words for the disk just listed (guest text escaped). */
static void
verdict_line(const struct listing *l, int rc, char *buf, size_t len)
{
	char where[4 * MSG_LV_MAX + 16], title[4 * MENU_TITLE_MAX];
	char path[4 * MAX_GUEST_PATH];
	const struct msg_verdict *v = &l->v;

	if (rc != EXIT_OK) {
		vis_str(path, sizeof(path), l->why);
		snprintf(buf, len, "does not boot: %s", path);
		return;
	}
	place(where, sizeof(where), v->partno, "");
	if (v->lv[0] != '\0') {
		snprintf(where, sizeof(where), "lvm ");
		vis_str(where + 4, sizeof(where) - 4, v->lv);
	}
	if (v->kind == VERDICT_MENU) {
		vis_str(title, sizeof(title), v->title);
		snprintf(buf, len, "boots: menu entry \"%s\" (%s, %s)", title,
		    v->format, where);
	} else if (l->o->kernel != NULL) {
		vis_str(path, sizeof(path), v->path);
		snprintf(buf, len, "boots: kernel %s, %s (%s)", path,
		    arch_name((enum arch)v->arch), where);
	} else
		snprintf(buf, len, "boots: pvboot %s (%s)",
		    arch_name((enum arch)v->arch), where);
}

static void
json_verdict(struct json *j, const struct listing *l, int rc)
{
	const struct msg_verdict *v = &l->v;

	json_key(j, "verdict");
	if (rc != EXIT_OK) {
		json_null(j);
		return;
	}
	json_open(j, '{');
	json_kstr(j, "kind", v->kind == VERDICT_MENU ? "menu" : "pvboot");
	json_place(j, v->partno, v->lv);
	json_kstr(j, "path", v->path);
	json_kstr(j, "format", v->format);
	json_key(j, "arch");
	if (v->kind == VERDICT_MENU)
		json_null(j);
	else
		json_str(j, arch_name((enum arch)v->arch));
	json_kstr_or_null(j, "guest_type", v->guest_type);
	json_key(j, "entry_index");
	if (v->kind == VERDICT_MENU)
		json_uint(j, v->index);
	else
		json_null(j);
	json_kstr_or_null(j, "title", v->kind == VERDICT_MENU ? v->title : "");
	json_close(j, '}');
}

static void
json_menu(struct json *j, const struct listing *l)
{
	json_key(j, "menu");
	if (l->nmenu == 0) {
		json_null(j);
		return;
	}
	json_open(j, '{');
	json_place(j, l->menu.partno, l->menu.lv);
	json_kstr(j, "config", l->menu.config);
	json_key(j, "next_entry");
	if (l->have_once) {
		json_open(j, '{');
		json_kstr(j, "value", l->once.entry);
		json_kbool(j, "booted", l->once.state == ONCE_SPENT);
		json_close(j, '}');
	} else
		json_null(j);
	json_key(j, "entries");
	json_open(j, '[');
	json_splice(j, &l->entries);
	json_close(j, ']');
	json_close(j, '}');
}

/* One disk's object, printed whole once its child is done. */
static int
print_json(struct listing *l, const char *disk, int rc, const char *line)
{
	struct json j;

	json_init(&j, 2);
	json_open(&j, '{');
	json_kstr(&j, "disk", disk);
	json_kbool(&j, "boots", rc == EXIT_OK);
	json_kuint(&j, "exit_status", (uint64_t)rc);
	json_kstr(&j, "summary", line);
	json_kstr_or_null(&j, "reason", rc != EXIT_OK ? l->why : "");
	json_verdict(&j, l, rc);
	json_key(&j, "partitions");
	json_open(&j, '[');
	json_splice(&j, &l->parts);
	json_close(&j, ']');
	json_key(&j, "candidates");
	json_open(&j, '[');
	json_splice(&j, &l->cands);
	json_close(&j, ']');
	json_menu(&j, l);
	json_close(&j, '}');
	if (j.full) {
		json_free(&j);
		return -1;
	}
	printf("%s%s", l->ndone > 0 ? "," : "", j.buf);
	json_free(&j);
	return 0;
}

static void
reset(struct listing *l)
{
	json_free(&l->parts);
	json_free(&l->cands);
	json_free(&l->entries);
	l->nentries = l->nmenu = 0;
	l->have_verdict = false;
	l->have_once = false;
	memset(&l->v, 0, sizeof(l->v));
	l->why[0] = '\0';
}

/* Before a disk's child starts: a header between several disks' tables. */
void
listing_begin(struct listing *l, const char *disk)
{
	reset(l);
	if (!l->o->json && l->ndisks > 1) {
		printf("%sDISK ", l->ndone > 0 ? "\n" : "");
		vis_fputs(disk, stdout);
		putchar('\n');
	}
}

/* After it: the disk's verdict, kept, or its object printed; its status. */
int
listing_end(struct listing *l, const char *disk, int rc)
{
	struct listed *d = &l->done[l->ndone];

	if (rc == EXIT_OK && !l->have_verdict) {
		fprintf(stderr, "%s: %s: parsing child gave no verdict\n",
		    PROGRAM_NAME, disk);
		snprintf(l->why, sizeof(l->why), "parsing child gave no "
		    "verdict");
		rc = EXIT_CHILD;
	}
	d->disk = disk;
	verdict_line(l, rc, d->line, sizeof(d->line));
	if (l->o->json && print_json(l, disk, rc, d->line) != 0) {
		fprintf(stderr, "%s: %s: more than %u bytes of JSON: left "
		    "out\n", PROGRAM_NAME, disk, JSON_MAX);
		rc = EXIT_CHILD;
	}
	l->ndone++;
	return rc;
}

static void
json_head(const struct listing *l)
{
	struct json j;

	json_init(&j, 0);
	json_open(&j, '{');
	json_kstr(&j, "xen_caps", l->rt->xen_caps);
	json_kstr(&j, "xen_caps_from", l->rt->caps_source);
	json_kstr(&j, "domain_type", l->o->domain_type == DOMAIN_PVH ? "pvh" : "pv");
	json_kstr(&j, "arch", arch_name(l->o->arch));
	json_key(&j, "disks");
	/* The objects follow, printed as each disk is done. */
	printf("%s[", j.buf);
	json_free(&j);
}

struct listing *
listing_new(const struct options *o, const struct runtime *rt)
{
	struct listing *l;

	l = calloc(1, sizeof(*l));
	if (l != NULL)
		l->done = calloc((size_t)o->ndisks, sizeof(*l->done));
	if (l == NULL || l->done == NULL) {
		free(l);
		return NULL;
	}
	l->o = o;
	l->rt = rt;
	l->ndisks = (size_t)o->ndisks;
	json_init(&l->parts, 4);
	json_init(&l->cands, 4);
	json_init(&l->entries, 5);
	if (o->json)
		json_head(l);
	return l;
}

/* The end of the document, or the summary: a line per disk listed. */
void
listing_finish(struct listing *l)
{
	size_t i;

	if (l->o->json)
		printf("%s]\n}\n", l->ndone > 0 ? "\n  " : "");
	else {
		putchar('\n');
		for (i = 0; i < l->ndone; i++) {
			vis_fputs(l->done[i].disk, stdout);
			printf(": %s\n", l->done[i].line);
		}
	}
	reset(l);
	free(l->done);
	free(l);
}
