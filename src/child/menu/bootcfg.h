/* SPDX-License-Identifier: GPL-2.0-only */
/* The guest's own boot configuration, where pygrub looks for it. */
#ifndef XENPVBOOT_BOOTCFG_H
#define XENPVBOOT_BOOTCFG_H

#include <stddef.h>

#include "child/fs.h"
#include "menu.h"

#define BOOTCFG_MAX_SIZE	(1024 * 1024)	/* a config file */
#define BOOTCFG_MAX_INCLUDE_DEPTH	8	/* syslinux include nesting */
#define BOOTCFG_MAX_INCLUDE_FILES	32	/* files a config includes */
#define BOOTCFG_MAX_INCLUDES	128	/* include lines it splices */
#define BOOTCFG_MAX_BLS		64		/* loader entries read */
#define BOOTCFG_MAX_BLS_NAMES	1024		/* names sorted to find them */
#define BOOTCFG_MAX_ESP		16		/* /EFI/<name>/ looked in */

struct bootcfg {
	struct menu	menu;
	char		path[MAX_GUEST_PATH];	/* the file read */
};

int	bootcfg_read(struct guestfs *g, struct bootcfg *b,
	    const struct menu_host *host, char *why, size_t whylen);
int	bootcfg_read_esp(struct guestfs *g, struct bootcfg *b,
	    const struct menu_host *host, char *why, size_t whylen);
int	bootcfg_slurp(struct guestfs *g, const char *path, size_t max,
	    char **buf, size_t *len, char *why, size_t whylen);
int	bootcfg_parse_named(const char *name, const char *text, size_t len,
	    struct menu *m, char *why, size_t whylen);

#endif /* XENPVBOOT_BOOTCFG_H */
