/* SPDX-License-Identifier: GPL-2.0-only */
/* grub.cfg's device model on the guest's disk (menu-dev.c). */
#ifndef XENPVBOOT_MENU_DEV_H
#define XENPVBOOT_MENU_DEV_H

#include <stddef.h>

#include "child/menu/menu.h"
#include "search-impl.h"

struct menu_dev {
	struct menu_host	 host;
	struct search		*s;
};

void	menu_dev_host(struct menu_dev *d, struct search *s, size_t i);
int	menu_dev_part(const struct search *s, const char *dev, size_t *idx,
	    char *why, size_t whylen);
void	menu_dev_name(const struct search *s, size_t i, char *dev,
	    size_t len);

#endif /* XENPVBOOT_MENU_DEV_H */
