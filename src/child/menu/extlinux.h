/* SPDX-License-Identifier: GPL-2.0-only */
/* extlinux.conf and syslinux.cfg (extlinux.c). */
#ifndef XENPVBOOT_EXTLINUX_H
#define XENPVBOOT_EXTLINUX_H

#include <stddef.h>

#include "menu.h"

int	extlinux_parse(const char *text, size_t len, const char *dir,
	    struct menu *m, char *why, size_t whylen);

#endif /* XENPVBOOT_EXTLINUX_H */
