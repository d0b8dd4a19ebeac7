/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot-menu path, as search.c calls it (child only). */
#ifndef XENPVBOOT_MENU_BOOT_H
#define XENPVBOOT_MENU_BOOT_H

#include <stdbool.h>
#include <stdint.h>

#include "search-impl.h"

int	menu_fallback(struct search *s);
bool	menu_list(struct search *s);
int	menu_isconfig(struct search *s, uint64_t size);

#endif /* XENPVBOOT_MENU_BOOT_H */
