/* SPDX-License-Identifier: GPL-2.0-only */
/* GRUB 2's grub.cfg, interpreted as GRUB would run it (grub2.c). */
#ifndef XENPVBOOT_GRUB2_H
#define XENPVBOOT_GRUB2_H

#include <stddef.h>

#include "menu.h"

int	grub2_parse(const char *text, size_t len, struct menu *m,
	    const struct menu_host *host, char *why, size_t whylen);

#endif /* XENPVBOOT_GRUB2_H */
