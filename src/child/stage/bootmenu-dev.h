/* SPDX-License-Identifier: GPL-2.0-only */
/* grub.cfg's device model on the guest's disk (menu-dev.c). */
#ifndef XENPVBOOT_STAGE_BOOTMENU_DEV_H
#define XENPVBOOT_STAGE_BOOTMENU_DEV_H

#include <stddef.h>

#include "child/menu/menu.h"
#include "child/session.h"

#define MENU_DEV_MEMO	8	/* searches remembered */

/*
 * A search's answer, kept: Debian's grub.cfg repeats the same search in
 * every entry.
 */
struct menu_dev_memo {
	enum menu_search	 how;
	char			 arg[MENU_DEV_MAX];
	char			 hint[MENU_DEV_MAX];
	char			 dev[MENU_DEV_MAX];	/* "": found nothing */
};

struct menu_dev {
	struct menu_host	 host;
	struct session		*s;
	size_t			 part;		/* the config's partition */
	int			 searches;	/* run on the disk */
	struct menu_dev_memo	 memo[MENU_DEV_MEMO];
	size_t			 nmemo;		/* filled, then a ring */
};

void	menu_dev_host(struct menu_dev *d, struct session *s, size_t i);
int	menu_dev_part(const struct session *s, const char *dev, size_t *idx,
	    char *why, size_t whylen);
void	menu_dev_name(const struct session *s, size_t i, char *dev,
	    size_t len);

#endif /* XENPVBOOT_STAGE_BOOTMENU_DEV_H */
