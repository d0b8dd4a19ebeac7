/* SPDX-License-Identifier: GPL-2.0-only */
/* GRUB Legacy's menu.lst (legacy.c). */
#ifndef XENPVBOOT_LEGACY_H
#define XENPVBOOT_LEGACY_H

#include <stddef.h>

#include "menu.h"

int	legacy_parse(const char *text, size_t len, struct menu *m, char *why,
	    size_t whylen);

#endif /* XENPVBOOT_LEGACY_H */
