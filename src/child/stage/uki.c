/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The UKI stage: Unified Kernel Images (BLS Type #2), the .efi files of
 * /EFI/Linux on the ESP or the XBOOTLDR partition (/boot), found and
 * ordered as systemd-boot orders them: by sort key (the .osrel's
 * IMAGE_ID or ID), then by version, newest first (IMAGE_VERSION or
 * VERSION_ID, compared as the BLS compares versions), then by file
 * name, newest first; the default is loader/loader.conf's "default"
 * glob, else the first, and its "timeout" shows them at a console.  A
 * UKI boots as a menu entry does: its .linux judged as a menu's kernel,
 * its .initrd (after .ucode) the ramdisk, its .cmdline the arguments,
 * --args after them.  GRUB's uki command exists only on EFI, so pvgrub
 * cannot boot one: this stage is how a dom0 does.
 */
#include <fnmatch.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "child/menu/bls.h"
#include "child/menu/bootcfg.h"
#include "child/menu/uki.h"
#include "child/session.h"
#include "proto.h"
#include "uki.h"

#define UKI_DIR		"/EFI/Linux"
#define UKI_NAMES_MAX	256	/* names listed in /EFI/Linux */
#define UKI_MAX		32	/* images read and offered */

struct uki_entry {
	size_t		 part;
	char		 name[FS_NAME_MAX];
	bool		 initrd;	/* it has .initrd or .ucode */
	struct uki_text	 d;
};

struct ukis {
	struct uki_entry *e;
	size_t		 n;
	size_t		 part;		/* where they are */
	char		 deflt[MENU_VALUE_MAX];	/* loader.conf's glob */
	long		 timeout;	/* its timeout: as session_ask() */
};

/* Reads UKI c, whole, and its sections; NULL with c->reason. */
static unsigned char *
read_uki(struct session *s, struct candidate *c, struct uki *u)
{
	struct guestfs *g = session_fs(s, c->part);
	unsigned char *buf;
	char why[MSG_TEXT_MAX];

	if (g == NULL)
		return NULL;
	session_look_up(s, g, c);
	if (c->found != FS_FOUND || (buf = session_read(s, g, c)) == NULL)
		return NULL;
	if (uki_parse(buf, c->file.size, u, why, sizeof(why)) != 0) {
		snprintf(c->reason, sizeof(c->reason), "%s", why);
		session_unload(c, buf);
		return NULL;
	}
	return buf;
}

static void
candidate(struct candidate *c, size_t part, const char *name)
{
	memset(c, 0, sizeof(*c));
	c->part = part;
	c->arch = ARCH_AUTO;
	snprintf(c->path, sizeof(c->path), "%s/%s", UKI_DIR, name);
}

/* "*.efi", as systemd-boot takes them (case aside). */
static bool
efi_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && name[0] != '.' && strcasecmp(name + n - 4, ".efi") == 0;
}

/* systemd-boot's order: sort key, then version and name, newest first. */
static int
sd_order(const void *x, const void *y)
{
	const struct uki_entry *a = x, *b = y;
	int r;

	if ((a->d.sort_key[0] == '\0') != (b->d.sort_key[0] == '\0'))
		return a->d.sort_key[0] == '\0' ? 1 : -1;
	if ((r = strcmp(a->d.sort_key, b->d.sort_key)) != 0)
		return r;
	if ((r = bls_vercmp(b->d.version, a->d.version)) != 0)
		return r;
	return bls_vercmp(b->name, a->name);
}

/*
 * A loader.conf key's value: the word after the key, or NULL.
 */
static char *
conf_value(char *line, const char *key)
{
	size_t n = strlen(key);

	if (strncmp(line, key, n) != 0 || (line[n] != ' ' && line[n] != '\t'))
		return NULL;
	line += n + strspn(line + n, " \t");
	line[strcspn(line, " \t\r")] = '\0';
	return line;
}

/*
 * systemd-boot's timeout: seconds; "menu-force" waits for the user (-1);
 * 0, "menu-hidden", "menu-disabled", or none at all boot the default
 * without a menu.
 */
static long
conf_timeout(const char *v)
{
	char *end;
	long t;

	if (strcmp(v, "menu-force") == 0)
		return -1;
	t = strtol(v, &end, 10);
	return *v != '\0' && *end == '\0' && t > 0 ? t : 0;
}

/* loader/loader.conf's "default" glob and "timeout", where the UKIs are. */
static void
loader_conf(struct session *s, size_t i, struct ukis *k)
{
	struct guestfs *g = session_fs(s, i);
	char *text = NULL, why[128], *line, *save = NULL, *v;
	size_t n;

	k->deflt[0] = '\0';
	k->timeout = 0;
	if (g == NULL || bootcfg_slurp(g, "/loader/loader.conf", 64 * 1024,
	    &text, &n, why, sizeof(why)) != 1)
		return;
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " \t");
		if ((v = conf_value(line, "default")) != NULL)
			snprintf(k->deflt, sizeof(k->deflt), "%s", v);
		else if ((v = conf_value(line, "timeout")) != NULL)
			k->timeout = conf_timeout(v);
	}
	free(text);
}

/* The UKIs of partition i, read and described; how many. */
static size_t
find_on(struct session *s, size_t i, struct ukis *k)
{
	char (*names)[FS_NAME_MAX], why[MSG_TEXT_MAX], pname[PART_NAME_MAX];
	struct guestfs *g = session_fs(s, i);
	struct candidate c;
	unsigned char *buf;
	struct uki u;
	size_t n = 0, j;

	if (g == NULL || (names = calloc(UKI_NAMES_MAX, sizeof(*names))) ==
	    NULL)
		return 0;
	if (fs_list(g, UKI_DIR, names, UKI_NAMES_MAX, &n, why,
	    sizeof(why)) != 0)
		n = 0;
	session_part_name(&s->pt->part[i], pname, sizeof(pname));
	for (j = 0; j < n && k->n < UKI_MAX; j++) {
		if (!efi_name(names[j]))
			continue;
		candidate(&c, i, names[j]);
		buf = read_uki(s, &c, &u);
		if (buf == NULL) {
			session_trace(s, TRACE_INFO, "%s: %s: passed over: %s",
			    pname, c.path, c.found == FS_ABSENT ? "not found" :
			    c.reason);
			/* Where nothing boots, the first one says why. */
			if (c.found != FS_ABSENT && s->menu_problem[0] == '\0')
				snprintf(s->menu_problem,
				    sizeof(s->menu_problem), "%s (%s): %s: %s",
				    pname, s->ps[i].fstype, c.path, c.reason);
			continue;
		}
		k->e[k->n].part = i;
		snprintf(k->e[k->n].name, sizeof(k->e[0].name), "%s",
		    names[j]);
		uki_describe(buf, &u, &k->e[k->n].d);
		k->e[k->n].initrd = u.parts.initrd.present ||
		    u.parts.ucode.present;
		if (k->e[k->n].d.title[0] == '\0')
			snprintf(k->e[k->n].d.title, sizeof(k->e[0].d.title),
			    "%s", names[j]);
		if (u.nprofiles > 1)
			session_trace(s, TRACE_INFO, "%s: %s: %u profiles: the "
			    "first boots, as systemd-stub boots it by default",
			    pname, c.path, u.nprofiles);
		session_unload(&c, buf);
		k->n++;
	}
	free(names);
	return k->n;
}

/* The first partition (in table order) with UKIs: they, sorted. */
static int
find(struct session *s, struct ukis *k)
{
	size_t i;

	memset(k, 0, sizeof(*k));
	k->e = calloc(UKI_MAX, sizeof(*k->e));
	if (k->e == NULL)
		return -1;
	for (i = 0; i < s->pt->count && k->n == 0; i++)
		if (find_on(s, i, k) > 0) {
			k->part = i;
			loader_conf(s, i, k);
		}
	qsort(k->e, k->n, sizeof(k->e[0]), sd_order);
	return 0;
}

/*
 * The entry to boot: --entry's (a file name, a title or an index),
 * else loader.conf's default glob (its first match), else the first;
 * -1 with why.
 */
static int
choose(const struct session *s, const struct ukis *k, char *why,
    size_t whylen)
{
	const char *want = s->o->entry;
	char *end;
	unsigned long idx;
	size_t i;

	if (want != NULL) {
		for (i = 0; i < k->n; i++)
			if (strcmp(k->e[i].name, want) == 0 ||
			    strcmp(k->e[i].d.title, want) == 0)
				return (int)i;
		idx = strtoul(want, &end, 10);
		if (*want != '\0' && *end == '\0' && idx < k->n)
			return (int)idx;
		snprintf(why, whylen, "no unified kernel image \"%s\" in %s "
		    "(%zu)", want, UKI_DIR, k->n);
		return -1;
	}
	for (i = 0; k->deflt[0] != '\0' && k->deflt[0] != '@' && i < k->n;
	    i++)
		if (fnmatch(k->deflt, k->e[i].name, FNM_CASEFOLD) == 0)
			return (int)i;
	return 0;
}

/* A UKI as a menu entry: for -l, and for the menu at the console. */
static void
send_entry(struct session *s, size_t i, bool deflt, const void *ctx)
{
	const struct ukis *k = ctx;
	const struct uki_entry *e = &k->e[i];
	const struct partition *p = &s->pt->part[e->part];
	struct msg_menu u = { .index = (uint32_t)i,
	    .flags = deflt ? MENU_DEFAULT : 0, .partno = p->partno };

	snprintf(u.lv, sizeof(u.lv), "%s", p->lv);
	snprintf(u.config, sizeof(u.config), "%s", UKI_DIR);
	snprintf(u.title, sizeof(u.title), "%s", e->d.title);
	snprintf(u.kernel, sizeof(u.kernel), "%s/%s:.linux", UKI_DIR, e->name);
	if (e->initrd)
		snprintf(u.initrd, sizeof(u.initrd), "%s/%s:.initrd", UKI_DIR,
		    e->name);
	snprintf(u.args, sizeof(u.args), "%s", e->d.cmdline);
	(void)proto_send(s->out, MSG_MENU, &u, sizeof(u));
}


/* The UKI's kernel, ramdisk (.ucode, then .initrd) and arguments. */
static int
send_parts(struct session *s, const unsigned char *buf, const struct uki *u,
    const struct uki_entry *e, struct candidate *k)
{
	const unsigned char *piece[2];
	uint64_t len[2];
	struct candidate r = *k;
	struct msg_args args;
	size_t n = 0;
	int w;

	w = snprintf(args.args, sizeof(args.args), "%s%s%s", e->d.cmdline,
	    e->d.cmdline[0] != '\0' && s->o->args[0] != '\0' ? " " : "",
	    s->o->args);
	if (w < 0 || (size_t)w >= sizeof(args.args))
		return session_fail(s, EXIT_REJECTED, "%s: its .cmdline and "
		    "--args are longer than the %d bytes of an args record",
		    k->path, MAX_ARGS_LEN - 1);
	piece[0] = buf + u->parts.kernel.off;
	len[0] = u->parts.kernel.size;
	session_write(s, FILE_KERNEL, k, piece, len, 1);
	if (u->parts.ucode.present && u->parts.ucode.size > 0) {
		piece[n] = buf + u->parts.ucode.off;
		len[n++] = u->parts.ucode.size;
	}
	if (u->parts.initrd.present && u->parts.initrd.size > 0) {
		piece[n] = buf + u->parts.initrd.off;
		len[n++] = u->parts.initrd.size;
	}
	snprintf(r.path, sizeof(r.path), "%.*s:.initrd",
	    (int)(strlen(k->path) - strlen(":.linux")), k->path);
	if (n > 0)
		session_write(s, FILE_RAMDISK, &r, piece, len, n);
	if (session_send_file(s, FILE_KERNEL, k) != 0 || (n > 0 &&
	    session_send_file(s, FILE_RAMDISK, &r) != 0) ||
	    proto_send(s->out, MSG_ARGS, &args, sizeof(args)) != 0)
		return EXIT_CHILD;
	return EXIT_OK;
}

/* Boots (or under -l judges) UKI i. */
static int
boot_one(struct session *s, const struct ukis *k, size_t i)
{
	const struct uki_entry *e = &k->e[i];
	struct candidate c, kern;
	enum kernel_format f;
	unsigned char *buf;
	char name[PART_NAME_MAX], format[24];
	struct uki u;
	int rc;

	candidate(&c, e->part, e->name);
	if ((buf = read_uki(s, &c, &u)) == NULL)
		return session_fail(s, EXIT_REJECTED, "%s (%s): %s: %s",
		    session_part_name(&s->pt->part[e->part], name,
		    sizeof(name)), s->ps[e->part].fstype, c.path, c.reason);
	kern = c;
	snprintf(kern.path, sizeof(kern.path), "%s:.linux", c.path);
	kern.file.size = u.parts.kernel.size;
	if (session_judge_kernel(s, &kern, buf + u.parts.kernel.off, &f) !=
	    0)
		rc = EXIT_REJECTED;
	else if (s->dry) {
		snprintf(format, sizeof(format), "UKI %s", kformat_name(f));
		rc = session_send_verdict(s, &kern, (uint32_t)i, format,
		    e->d.title);
	} else
		rc = send_parts(s, buf, &u, e, &kern);
	session_unload(&c, buf);
	return rc;
}

/*
 * A boot from the UKIs of the first partition that has them: -1 when
 * none has, else the exit status (FAIL sent if not 0).
 */
int
uki_boot(struct session *s)
{
	char why[MSG_TEXT_MAX], name[PART_NAME_MAX];
	struct ukis k;
	int i, rc;

	if (find(s, &k) != 0)
		return session_fail(s, EXIT_CHILD, "out of memory");
	if (k.n == 0) {
		free(k.e);
		return -1;
	}
	i = choose(s, &k, why, sizeof(why));
	if (i >= 0)
		i = (int)session_ask(s, k.n, (size_t)i, k.timeout, send_entry,
		    &k);
	session_trace(s, TRACE_INFO, "%s: %s: %zu unified kernel images, "
	    "booting %d (\"%s\")", session_part_name(&s->pt->part[k.part],
	    name, sizeof(name)), UKI_DIR, k.n, i, i >= 0 ? k.e[i].name : "");
	rc = i < 0 ? session_fail(s, EXIT_NOTFOUND, "%s", why) :
	    boot_one(s, &k, (size_t)i);
	free(k.e);
	return rc;
}

/* -l: the UKIs a boot would choose from, every one. */
bool
uki_list(struct session *s)
{
	char why[MSG_TEXT_MAX];
	struct ukis k;
	size_t i;
	int d;

	if (find(s, &k) != 0)
		return false;
	d = choose(s, &k, why, sizeof(why));
	for (i = 0; i < k.n; i++)
		send_entry(s, i, (int)i == d, &k);
	free(k.e);
	return k.n > 0;
}
