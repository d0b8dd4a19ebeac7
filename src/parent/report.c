/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the child's messages say, printed: traces on stderr, -l's table
 * and menus and --isconfig's answer on stdout.  Every guest string is
 * escaped (vis.c) on its way to a terminal or a log.
 */
#include <inttypes.h>
#include <stdio.h>

#include "report.h"
#include "vis.h"

void
report_trace(const struct msg_trace *t, const char *disk)
{
	fprintf(stderr, "%s: %s%s: ", PROGRAM_NAME,
	    t->level == TRACE_WARN ? "warning: " : "", disk);
	vis_fputs(t->text, stderr);
	fputc('\n', stderr);
}

/* One candidate: a table row, then its Xen notes or why it was refused. */
void
report_entry(const struct msg_entry *e, unsigned int n)
{
	static const char *const verdicts[] = {
		"chosen", "usable", "rejected",
	};
	char fstype[4 * sizeof(e->fstype)];

	if (n == 0)
		printf("%-5s %-7s %-7s %10s  %-8s %s\n", "PART", "FS", "ARCH",
		    "SIZE", "VERDICT", "PATH");
	if (e->lv[0] != '\0') {
		fputs("lvm ", stdout);
		vis_fputs(e->lv, stdout);
		fputc(' ', stdout);
	} else
		printf("%-5" PRIu32 " ", e->partno);
	/* The child's word, escaped as any guest text: it may lie. */
	vis_str(fstype, sizeof(fstype), e->fstype);
	printf("%-7s %-7s %10" PRIu64 "  %-8s ", fstype, arch_name(e->arch),
	    e->size, verdicts[e->verdict]);
	vis_fputs(e->path, stdout);
	fputc('\n', stdout);
	if (e->flags & ENTRY_ELF) {
		printf("      %s", e->elfclass == 1 ? "ELFCLASS32" :
		    "ELFCLASS64");
		if (e->guest_type[0] != '\0')
			printf(", %s, entry %#" PRIx64, e->guest_type,
			    e->entry);
		printf(", GUEST_OS \"");
		vis_fputs(e->guest_os, stdout);
		printf("\", LOADER \"");
		vis_fputs(e->loader, stdout);
		printf("\", XEN_VERSION \"");
		vis_fputs(e->xen_ver, stdout);
		printf("\", PV %s, PVH %s\n", e->flags & ENTRY_PV ? "yes" : "no",
		    e->flags & ENTRY_PVH ? "yes" : "no");
	}
	if (e->verdict == ENTRY_REJECTED) {
		fputs("      rejected: ", stdout);
		vis_fputs(e->reason, stdout);
		fputc('\n', stdout);
	}
}

/*
 * A boot-menu entry under -l, or --isconfig's answer in pygrub's words
 * ("  kernel: ...", "  initrd: ...", "  args: ...").
 */
void
report_menu(const struct msg_menu *u, unsigned int n)
{
	if (u->flags & MENU_ISCONFIG) {
		fputs("  kernel: ", stdout);
		vis_fputs(u->kernel, stdout);
		if (u->initrd[0] != '\0') {
			fputs("\n  initrd: ", stdout);
			vis_fputs(u->initrd, stdout);
		}
		fputs("\n  args: ", stdout);
		vis_fputs(u->args, stdout);
		fputc('\n', stdout);
		return;
	}
	if (n == 0) {
		if (u->lv[0] != '\0') {
			fputs("MENU lvm ", stdout);
			vis_fputs(u->lv, stdout);
			fputs(": ", stdout);
		} else if (u->partno == 0)
			printf("MENU whole disk: ");
		else
			printf("MENU partition %" PRIu32 ": ", u->partno);
		vis_fputs(u->config, stdout);
		fputc('\n', stdout);
	}
	printf("%4" PRIu32 "%c ", u->index, u->flags & MENU_DEFAULT ? '*' :
	    ' ');
	vis_fputs(u->title, stdout);
	fputs("\n      kernel ", stdout);
	vis_fputs(u->kernel[0] != '\0' ? u->kernel : "(none)", stdout);
	if (u->initrd[0] != '\0') {
		fputs(", initrd ", stdout);
		vis_fputs(u->initrd, stdout);
	}
	if (u->args[0] != '\0') {
		fputs(", args ", stdout);
		vis_fputs(u->args, stdout);
	}
	fputc('\n', stdout);
}

/* grubenv's next_entry under -l, after the menu: "  next_entry 1 (once)". */
void
report_once(const struct msg_once *n)
{
	fputs("      next_entry ", stdout);
	vis_fputs(n->entry, stdout);
	fputs(n->state == ONCE_SPENT ? " (once: booted already, the default "
	    "boots)\n" : " (once)\n", stdout);
}
