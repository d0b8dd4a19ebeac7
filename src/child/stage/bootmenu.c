/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The child's boot-menu path, for guests with no pvboot ELF: read the
 * menu (bootcfg.c and menu/), choose the entry (or ask the user through
 * the parent), and send its kernel, initrd and arguments as the pvboot
 * path sends an ELF.  Also -l's menu listing and --isconfig.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "child/menu/bootcfg.h"
#include "child/judge.h"
#include "child/kformat.h"
#include "bootmenu.h"
#include "bootmenu-dev.h"
#include "proto.h"
#include "child/session.h"

/* The loopback device dev names, or NULL. */
static const struct menu_loop *
loop_named(const struct menu *m, const char *dev)
{
	size_t i;

	for (i = 0; i < m->nloops; i++)
		if (strcmp(m->loops[i].name, dev) == 0)
			return &m->loops[i];
	return NULL;
}

/* A path on partition i: as written, or, for a grub.cfg under /boot read
 * from the root filesystem, under /boot (what pygrub also tries). */
static enum fs_lookup
on_part(struct session *s, size_t i, const char *cfg, const char *path,
    struct candidate *c)
{
	struct guestfs *g = session_fs(s, i);

	c->part = i;
	c->reason[0] = '\0';
	snprintf(c->path, sizeof(c->path), "%s", path);
	if (g == NULL) {
		snprintf(c->reason, sizeof(c->reason), "%s", s->ps[i].problem);
		return c->found = FS_BAD;
	}
	c->found = fs_lookup(g, path, &c->file, c->reason, sizeof(c->reason));
	if (c->found == FS_ABSENT && strncmp(cfg, "/boot/", 6) == 0 &&
	    strncmp(path, "/boot/", 6) != 0) {
		snprintf(c->path, sizeof(c->path), "/boot%s", path);
		c->found = fs_lookup(g, c->path, &c->file, c->reason,
		    sizeof(c->reason));
	}
	return c->found;
}

/*
 * A file a menu entry names, on the device GRUB would read it from
 * (dev, from $root or a "(hd0,gpt2)" prefix); where this disk's device
 * does not hold it (a template's partition that is not here, a volume
 * that lacks it), on the config's own partition, as before the device
 * model, with a -v note.  A device that is not this disk's (another
 * disk, memdisk, a loopback image) is refused by name: a file of that
 * name on the config's partition is not the file the entry names.  The
 * device's failure is the reason if neither has it.
 */
static enum fs_lookup
menu_file(struct session *s, const struct menu *m, size_t cfg_part,
    const char *cfg, const char *dev, const char *path, struct candidate *c)
{
	char devwhy[MSG_TEXT_MAX / 2] = "";
	const struct menu_loop *l;
	size_t i = cfg_part;
	bool refused = false;
	int r = 0;

	if ((l = loop_named(m, dev)) != NULL) {
		snprintf(devwhy, sizeof(devwhy), "(%s)%s: on a loopback device "
		    "(the image %s inside the guest's filesystem), which "
		    "xenpvboot does not read", dev, path, l->file);
		refused = true;
	} else if (dev[0] != '\0' && (r = menu_dev_part(s, dev, &i, devwhy,
	    sizeof(devwhy))) == 0 && i != cfg_part) {
		if (on_part(s, i, cfg, path, c) == FS_FOUND)
			return FS_FOUND;
		snprintf(devwhy, sizeof(devwhy), "(%s)%s: %s", dev, path,
		    c->found == FS_ABSENT ? "not found" : c->reason);
	}
	if (refused || r == -2) {
		c->part = cfg_part;
		snprintf(c->path, sizeof(c->path), "%s", path);
		snprintf(c->reason, sizeof(c->reason), "%s", devwhy);
		return c->found = FS_BAD;
	}
	if (on_part(s, cfg_part, cfg, path, c) == FS_FOUND) {
		if (devwhy[0] != '\0')
			session_trace(s, TRACE_INFO, "%s; read from the "
			    "config's own partition, which has it", devwhy);
		return FS_FOUND;
	}
	/* A device that lacks the file, and the config's partition too. */
	if (devwhy[0] != '\0' && c->found == FS_ABSENT)
		snprintf(c->reason, sizeof(c->reason), "not found (%s)",
		    devwhy);
	else if (devwhy[0] != '\0') {
		snprintf(c->reason, sizeof(c->reason), "%s", devwhy);
		c->found = FS_BAD;
	}
	return c->found;
}

/* Loads one file a menu entry names; NULL with a failure sent. */
static unsigned char *
menu_load(struct session *s, const struct bootcfg *b, size_t cfg_part,
    enum file_kind kind, const char *dev, const char *path,
    struct candidate *c, int *rc)
{
	const char *what = kind == FILE_KERNEL ? "kernel" : "initrd";
	char name[PART_NAME_MAX];
	unsigned char *buf;

	if (menu_file(s, &b->menu, cfg_part, b->path, dev, path, c) !=
	    FS_FOUND) {
		session_part_name(&s->pt->part[cfg_part], name, sizeof(name));
		*rc = session_fail(s, c->found == FS_ABSENT ? EXIT_NOTFOUND :
		    EXIT_REJECTED, "%s (%s): %s names %s %s: %s", name,
		    s->ps[cfg_part].fstype, b->path, what, path,
		    c->found == FS_ABSENT && c->reason[0] == '\0' ?
		    "not found" : c->reason);
		return NULL;
	}
	session_part_name(&s->pt->part[c->part], name, sizeof(name));
	buf = session_load(s, session_fs(s, c->part), c, kind);
	if (buf == NULL)
		*rc = session_fail(s, EXIT_REJECTED, "%s (%s): %s %s: %s", name,
		    s->ps[c->part].fstype, what, c->path, c->reason);
	return buf;
}

/*
 * The entry's arguments and dom0's --args after them, with one space,
 * as pygrub joins them; -1 when the two do not fit the record: the
 * admin's arguments (console=, a root=) must not be lost silently.
 */
static int
join_args(char *dst, size_t len, const struct menu_entry *e,
    const char *extra)
{
	int n;

	n = snprintf(dst, len, "%s%s%s", e->args, e->args[0] != '\0' &&
	    extra[0] != '\0' ? " " : "", extra);
	return n >= 0 && (size_t)n < len ? 0 : -1;
}


/*
 * grubenv's next_entry, which GRUB boots once: for the parent to
 * remember once the boot's answer is written, or to show under -l.
 */
static int
send_once(struct session *s, const struct menu *m)
{
	struct msg_once n = { .state = m->once_spent ? ONCE_SPENT :
	    ONCE_NEW };

	if (m->once_id[0] == '\0')
		return 0;
	snprintf(n.id, sizeof(n.id), "%s", m->once_id);
	snprintf(n.entry, sizeof(n.entry), "%s", m->next_entry);
	return proto_send(s->out, MSG_ONCE, &n, sizeof(n));
}

/*
 * Boots the chosen entry of the menu read from partition i; under -l
 * (dry) loads and judges what it would boot, and says so.
 */
static int
menu_boot(struct session *s, size_t i, const struct bootcfg *b,
    const struct menu_entry *e)
{
	struct candidate k = { .part = i, .arch = ARCH_AUTO };
	struct candidate r = { .part = i, .arch = ARCH_AUTO };
	unsigned char *kbuf, *rbuf = NULL;
	const char *initrd = s->o->ramdisk != NULL ? s->o->ramdisk : e->initrd;
	struct msg_args args;
	enum kernel_format f;
	int rc = EXIT_OK;

	if (e->kernel[0] == '\0')
		return session_fail(s, EXIT_REJECTED, "%s: entry \"%s\" has no linux "
		    "kernel", b->path, e->title);
	if (join_args(args.args, sizeof(args.args), e, s->o->args) != 0)
		return session_fail(s, EXIT_REJECTED, "%s: entry \"%s\": its "
		    "arguments (%zu bytes) and --args (%zu bytes) are longer "
		    "than the %d bytes of an args record: --args would be "
		    "lost", b->path, e->title, strlen(e->args),
		    strlen(s->o->args), MAX_ARGS_LEN - 1);
	kbuf = menu_load(s, b, i, FILE_KERNEL, e->kdev, e->kernel, &k, &rc);
	if (kbuf == NULL)
		return rc;
	if (session_judge_kernel(s, &k, kbuf, &f) != 0)
		rc = EXIT_REJECTED;
	if (rc == EXIT_OK && initrd[0] != '\0') {
		rbuf = menu_load(s, b, i, FILE_RAMDISK, s->o->ramdisk != NULL ?
		    "" : e->idev, initrd, &r, &rc);
		if (rbuf == NULL) {
			session_unload(&k, kbuf);
			return rc;
		}
	}
	if (rc == EXIT_OK && s->dry)
		rc = session_send_verdict(s, &k, (uint32_t)(e - b->menu.e),
		    kformat_name(f), e->title);
	else if (rc == EXIT_OK && (session_send_file(s, FILE_KERNEL, &k) != 0 ||
	    (rbuf != NULL && session_send_file(s, FILE_RAMDISK, &r) != 0) ||
	    proto_send(s->out, MSG_ARGS, &args, sizeof(args)) != 0 ||
	    (!b->menu.once_spent && send_once(s, &b->menu) != 0)))
		rc = EXIT_CHILD;
	session_unload(&k, kbuf);
	session_unload(&r, rbuf);
	return rc;
}

/* A menu path as -l shows it: "(hd0,gpt2)/vmlinuz" where it is read
 * from a partition of this disk that is not the config's own. */
static void
on_device(const struct session *s, const struct partition *p,
    const char *dev, const char *path, char *out, size_t len)
{
	char why[128];
	size_t i;

	if (p != NULL && dev[0] != '\0' && path[0] != '\0' &&
	    menu_dev_part(s, dev, &i, why, sizeof(why)) == 0 &&
	    &s->pt->part[i] != p)
		snprintf(out, len, "(%s)%s", dev, path);
	else
		snprintf(out, len, "%s", path);
}

static void
send_menu(struct session *s, const struct menu *m, size_t k, uint32_t flags,
    const struct partition *p, const char *cfg)
{
	const struct menu_entry *e = &m->e[k];
	struct msg_menu u = { .index = (uint32_t)k, .flags = flags,
	    .partno = p != NULL ? p->partno : 0 };

	if (p != NULL)
		snprintf(u.lv, sizeof(u.lv), "%s", p->lv);
	snprintf(u.config, sizeof(u.config), "%s", cfg);
	snprintf(u.title, sizeof(u.title), "%s", e->title);
	on_device(s, p, e->kdev, e->kernel, u.kernel, sizeof(u.kernel));
	on_device(s, p, e->idev, e->initrd, u.initrd, sizeof(u.initrd));
	if (flags & MENU_ISCONFIG)
		snprintf(u.args, sizeof(u.args), "%s%s%s", e->args,
		    e->args[0] != '\0' && s->o->args[0] != '\0' ? " " : "",
		    s->o->args);
	else
		snprintf(u.args, sizeof(u.args), "%s", e->args);
	(void)proto_send(s->out, MSG_MENU, &u, sizeof(u));
}

/* Where a menu's entries are, for session_ask's sender. */
struct shown {
	const struct menu	*m;
	const struct partition	*p;
	const char		*cfg;
};

static void
send_shown(struct session *s, size_t k, bool deflt, const void *ctx)
{
	const struct shown *w = ctx;

	send_menu(s, w->m, k, deflt ? MENU_DEFAULT : 0, w->p, w->cfg);
}

/*
 * The boot menu on partition i, grub.cfg's device model answered by the
 * disk: its configuration where pygrub looks, or with esp, a UEFI
 * install's stub on its ESP.  *cfg_part is where the config that made
 * the menu is (another, after a configfile).  As bootcfg_read().
 */
static int
read_menu(struct session *s, size_t i, bool esp, struct bootcfg *b,
    size_t *cfg_part, char *why, size_t whylen)
{
	struct menu_dev d;
	char name[PART_NAME_MAX], devwhy[128];
	int r;

	*cfg_part = i;
	menu_dev_host(&d, s, i);
	r = esp ? bootcfg_read_esp(session_fs(s, i), b, &d.host, why,
	    whylen) : bootcfg_read(session_fs(s, i), b, &d.host, why, whylen);
	if (r <= 0)
		return r;
	session_part_name(&s->pt->part[i], name, sizeof(name));
	if (b->menu.note[0] != '\0')
		session_trace(s, TRACE_INFO, "%s: %s: %s", name, b->path,
		    b->menu.note);
	if (b->menu.config[0] != '\0' && menu_dev_part(s,
	    b->menu.config_dev, cfg_part, devwhy, sizeof(devwhy)) == 0) {
		session_trace(s, TRACE_INFO, "%s: %s: configfile (%s)%s",
		    name, b->path, b->menu.config_dev, b->menu.config);
		snprintf(b->path, sizeof(b->path), "%s", b->menu.config);
	}
	return r;
}

/*
 * The menu partition i has (as read_menu()), its entry chosen and
 * booted: -1 when it has none, else the exit status.
 */
static int
boot_from(struct session *s, size_t i, bool esp, struct bootcfg *b)
{
	char why[MSG_TEXT_MAX], name[PART_NAME_MAX];
	size_t c;
	int r, idx, rc = -1;

	if (session_fs(s, i) == NULL)
		return -1;
	session_part_name(&s->pt->part[i], name, sizeof(name));
	r = read_menu(s, i, esp, b, &c, why, sizeof(why));
	/* An unreadable config is no menu: the next may do. */
	if (r < 0) {
		session_trace(s, TRACE_INFO, "%s (%s): boot menu passed over: %s",
		    name, s->ps[i].fstype, why);
		if (s->menu_problem[0] == '\0')
			snprintf(s->menu_problem, sizeof(s->menu_problem),
			    "%s (%s): %s", name, s->ps[i].fstype, why);
	} else if (r > 0) {
		/* After a configfile, the config read is on c. */
		session_part_name(&s->pt->part[c], name, sizeof(name));
		if (b->menu.bls_dropped > 0)
			session_trace(s, TRACE_WARN, "%s (%s): %s: %zu BLS "
			    "entries older than the newest %d left out", name,
			    s->ps[c].fstype, b->path, b->menu.bls_dropped,
			    BOOTCFG_MAX_BLS);
		idx = menu_choose(&b->menu, s->o->entry, s->o->entry != NULL,
		    why, sizeof(why));
		if (idx >= 0) {
			struct shown w = { &b->menu, &s->pt->part[c], b->path };

			idx = (int)session_ask(s, b->menu.n, (size_t)idx,
			    b->menu.timeout, send_shown, &w);
		}
		session_trace(s, TRACE_INFO, "%s: %s: %zu entries, booting %d "
		    "(\"%s\")", name, b->path, b->menu.n, idx,
		    idx >= 0 ? b->menu.e[idx].title : "");
		rc = idx < 0 ? session_fail(s, EXIT_NOTFOUND, "%s (%s): %s: %s",
		    name, s->ps[c].fstype, b->path, why) :
		    menu_boot(s, c, b, &b->menu.e[idx]);
	}
	menu_free(&b->menu);
	return rc;
}

/*
 * No pvboot ELF: the guest's own boot menu, as pygrub reads it, from
 * the first filesystem (in table order) that has one; where none has,
 * the first ESP stub that leads to one.  Returns -1 when no filesystem
 * has a menu, else the exit status (FAIL sent if not 0).
 */
int
bootmenu_boot(struct session *s)
{
	struct bootcfg *b;
	size_t i;
	int pass, rc = -1;

	b = malloc(sizeof(*b));
	if (b == NULL)
		return session_fail(s, EXIT_CHILD, "out of memory");
	for (pass = 0; pass < 2 && rc < 0; pass++)
		for (i = 0; i < s->pt->count && rc < 0; i++)
			rc = boot_from(s, i, pass == 1, b);
	free(b);
	return rc;
}

/* -l: the boot menu that the fallback would read, every entry. */
bool
bootmenu_list(struct session *s)
{
	struct bootcfg *b;
	char why[MSG_TEXT_MAX];
	size_t i, k, c;
	int r = 0, d, pass;

	b = malloc(sizeof(*b));
	for (pass = 0; b != NULL && pass < 2 && r <= 0; pass++)
		for (i = 0; i < s->pt->count && r <= 0; i++) {
			if (session_fs(s, i) == NULL)
				continue;
			r = read_menu(s, i, pass == 1, b, &c, why,
			    sizeof(why));
			if (r > 0) {
				d = menu_choose(&b->menu, s->o->entry,
				    s->o->entry != NULL, why, sizeof(why));
				for (k = 0; k < b->menu.n; k++)
					send_menu(s, &b->menu, k, (int)k == d ?
					    MENU_DEFAULT : 0, &s->pt->part[c],
					    b->path);
				(void)send_once(s, &b->menu);
			}
			menu_free(&b->menu);
		}
	free(b);
	return r > 0;
}

/*
 * --isconfig: the "disk" is a boot configuration; say what it boots, in
 * pygrub's words.  Its bytes are guest data like any other.
 */
int
bootmenu_isconfig(struct session *s, uint64_t size)
{
	struct menu m;
	char *text, why[MSG_TEXT_MAX];
	ssize_t n;
	size_t got = 0;
	int idx, rc;

	if (size > BOOTCFG_MAX_SIZE)
		return session_fail(s, EXIT_REJECTED, "%" PRIu64 " bytes, over %d for a "
		    "configuration", size, BOOTCFG_MAX_SIZE);
	text = malloc((size_t)size + 1);
	if (text == NULL)
		return session_fail(s, EXIT_CHILD, "out of memory");
	while (got < size) {
		n = pread(s->diskfd, text + got, (size_t)size - got,
		    (off_t)got);
		if (n < 0)
			disk_read_error(errno);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	text[got] = '\0';
	rc = bootcfg_parse_named(s->o->disk, text, got, &m, why, sizeof(why));
	free(text);
	if (rc != 0) {
		menu_free(&m);
		return session_fail(s, EXIT_REJECTED, "%s", why);
	}
	idx = menu_choose(&m, s->o->entry, s->o->entry != NULL, why,
	    sizeof(why));
	if (idx < 0)
		rc = session_fail(s, EXIT_NOTFOUND, "%s", why);
	else
		send_menu(s, &m, (size_t)idx, MENU_ISCONFIG, NULL, s->o->disk);
	menu_free(&m);
	return rc == 0 ? EXIT_OK : rc;
}

