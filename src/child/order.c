/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The top of the child: which stages run, in what order, over one
 * session (session.c).  A boot tries the pvboot ELF (or --kernel), then
 * the guest's boot menu, then its unified kernel images, where it has
 * no menu (a grub.cfg beside them is what the ESP boots, as GRUB with
 * its uki command would); --entry asks for the menu first, or for a
 * UKI first when it names one ("NAME.efi").  -l lists
 * both, then says what a boot would do.  Where nothing boots from what
 * a journal replayed in memory gives, the run is made again on the
 * state on the disk; the logical volumes join the partitions first.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "order.h"
#include "proto.h"
#include "session.h"
#include "stage/bootmenu.h"
#include "stage/pvboot.h"
#include "stage/uki.h"

static int
not_found(struct session *s)
{
	char where[MSG_TEXT_MAX / 2];

	session_summary(s, where, sizeof(where));
	if (s->reject[0] != '\0')
		return session_fail(s, EXIT_REJECTED, "%s", s->reject);
	/* A menu is there but broke a rule or a limit: say which. */
	if (s->menu_problem[0] != '\0')
		return session_fail(s, EXIT_REJECTED, "no pvboot ELF, and the "
		    "boot menu cannot be used: %s", s->menu_problem);
	if (session_only_unread(s))
		return session_fail(s, EXIT_NOTFOUND, "no filesystem xenpvboot "
		    "reads (%s): it reads ext2, ext3, ext4 and XFS, and with "
		    "grub-common btrfs, FAT, ISO 9660, squashfs, f2fs, UFS, "
		    "UDF, NTFS, exFAT and the others xenpvboot(1) lists, "
		    "where the guest's /boot must be", where);
	if (s->o->kernel != NULL)
		return session_fail(s, EXIT_NOTFOUND, "kernel %s not found (%s)",
		    s->o->kernel, where);
	/* The fix is in the guest: GRUB for Xen makes the pvboot ELF. */
	if (s->o->arch == ARCH_AUTO)
		return session_fail(s, EXIT_NOTFOUND, "no /boot/xen/pvboot-{x86_64,"
		    "i386}.elf or /xen/pvboot-{x86_64,i386}.elf and no boot "
		    "menu (%s): in the guest, grub-install --target=x86_64-xen "
		    "makes one", where);
	return session_fail(s, EXIT_NOTFOUND, "no /boot/xen/pvboot-%s.elf or "
	    "/xen/pvboot-%s.elf and no boot menu (%s): in the guest, "
	    "grub-install --target=%s-xen makes one", arch_name(s->o->arch),
	    arch_name(s->o->arch), where, arch_name(s->o->arch));
}

/* Whether --entry names a UKI, by its file name. */
static bool
names_uki(const struct session *s)
{
	size_t n = s->o->entry != NULL ? strlen(s->o->entry) : 0;

	return n > 4 && strcasecmp(s->o->entry + n - 4, ".efi") == 0;
}

/* The menu --entry asks for first: the boot menu's, or the UKIs'. */
static int
entry_first(struct session *s)
{
	if (s->o->kernel != NULL || s->o->entry == NULL)
		return -1;
	return names_uki(s) ? uki_boot(s) : bootmenu_boot(s);
}

/* The guest's own menus, where no pvboot ELF boots. */
static int
menus(struct session *s)
{
	int rc;

	if (s->o->kernel != NULL)
		return -1;
	rc = bootmenu_boot(s);
	return rc >= 0 ? rc : uki_boot(s);
}

/* A boot: the pvboot ELF (or --kernel), else the guest's menus. */
static int
boot(struct session *s, struct pvboot *p)
{
	int rc;

	if ((rc = entry_first(s)) >= 0)
		return rc;
	if ((rc = pvboot_boot(p)) >= 0)
		return rc;
	if ((rc = menus(s)) >= 0) {
		if (rc == EXIT_OK)
			pvboot_warn_passed_over(p);
		return rc;
	}
	return not_found(s);
}

/*
 * -l: every candidate with its verdict, then the boot menu's entries,
 * then what a boot would do: the first candidate chosen, else the menu's
 * entry, loaded and judged as a boot would (bootmenu_boot() in dry
 * mode, which sends a verdict and no file); --entry asks for the menu
 * first, as in a boot.  A disk that would not boot fails as a boot
 * would, with its reason.
 */
static int
list(struct session *s, struct pvboot *p)
{
	bool menu = s->o->kernel == NULL;
	int rc = -1;

	pvboot_list(p);
	if (menu && !bootmenu_list(s))
		(void)uki_list(s);
	s->dry = true;
	rc = entry_first(s);
	if (rc < 0)
		rc = pvboot_verdict(p);
	if (rc < 0)
		rc = menus(s);
	s->dry = false;
	return rc >= 0 ? rc : not_found(s);
}

static int
run(struct session *s, struct pvboot *p)
{
	return s->o->list ? list(s, p) : boot(s, p);
}

/*
 * A journal replayed in memory is what the guest's kernel will see, but
 * one that lies in a way its checksums do not catch must not stop a
 * guest that boots without it: when nothing boots, and nothing has been
 * sent yet, the stages run again on the state on the disk.
 */
static int
with_journals(struct session *s, struct pvboot *p)
{
	struct msg_fail first;
	int rc;

	s->hold = true;
	rc = run(s, p);
	if ((rc == EXIT_NOTFOUND || rc == EXIT_REJECTED) &&
	    (s->o->list || !s->committed) && session_unreplay(s)) {
		pvboot_forget(p);
		first = s->held;
		s->held.code = 0;
		if (s->o->list)
			session_trace(s, TRACE_WARN, "nothing boots from the "
			    "state the journal gives (%s): the state on the "
			    "disk, as GRUB and pygrub read it, follows",
			    first.text);
		rc = run(s, p);
		if (rc != EXIT_OK) {
			s->held = first;
			rc = (int)first.code;
		} else if (!s->o->list)
			session_trace(s, TRACE_WARN, "nothing boots from the "
			    "state the journal gives (%s): booted from the "
			    "state on the disk, as GRUB and pygrub read it",
			    first.text);
	}
	s->hold = false;
	if (rc != EXIT_OK && s->held.code != 0)
		(void)proto_send(s->out, MSG_FAIL, &s->held, sizeof(s->held));
	return rc;
}

/* What the parent needs to know of how this child runs, for -v. */
static void
trace_start(struct session *s)
{
	const struct runtime *rt = s->rt;

	session_trace(s, TRACE_INFO, "parsing as uid %u, gid %u; %s",
	    (unsigned int)getuid(), (unsigned int)getgid(),
	    s->sandbox_note != NULL ? s->sandbox_note : "no sandbox");
	session_trace(s, TRACE_INFO, "domain type %s; hypervisor capabilities "
	    "\"%s\" (from %s)%s", s->o->domain_type == DOMAIN_PVH ? "pvh" :
	    "pv", rt->xen_caps, rt->caps_source, rt->second_opinion ?
	    "; libxenguest gives a second opinion" : "");
}

/* --isconfig: the "disk" is a boot configuration, and no more. */
static int
isconfig(struct session *s)
{
	int rc;

	trace_start(s);
	rc = bootmenu_isconfig(s, s->disksize);
	if (rc == EXIT_OK)
		(void)proto_send(s->out, MSG_DONE, NULL, 0);
	return rc;
}

/*
 * The child's work.  Returns its exit status, after sending MSG_DONE,
 * MSG_FAIL or (alone) MSG_NEED_LIBS to the parent on io->report.
 * io->files[kind] are the output files to write, or NULL under -l, -n
 * and --isconfig.
 */
int
order_run(const struct options *o, const struct runtime *rt,
    const struct session_io *io)
{
	struct session s;
	struct pvboot *p = NULL;
	char why[MSG_TEXT_MAX];
	int rc, prc;

	session_init(&s, o, rt, io);
	if (o->isconfig)
		return isconfig(&s);
	/* Before a word is sent: the child may have to start again. */
	prc = session_partitions(&s, why, sizeof(why));
	if (prc == 0 && session_needs_libraries(&s)) {
		session_close(&s);
		(void)proto_send(s.out, MSG_NEED_LIBS, NULL, 0);
		return EXIT_OK;
	}
	trace_start(&s);
	if (prc != 0)
		rc = session_fail(&s, EXIT_DISK, "%s", why);
	else if (session_map(&s) != 0 || (p = pvboot_plan(&s)) == NULL)
		rc = session_fail(&s, EXIT_CHILD, "out of memory");
	else
		rc = with_journals(&s, p);
	if (rc == EXIT_OK)
		(void)proto_send(s.out, MSG_DONE, NULL, 0);
	pvboot_free(p);
	session_close(&s);
	return rc;
}
