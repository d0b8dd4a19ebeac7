/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot-menu stage (bootmenu.c): the guest's own menu, as pygrub reads it. */
#ifndef XENPVBOOT_STAGE_BOOTMENU_H
#define XENPVBOOT_STAGE_BOOTMENU_H

#include <stdbool.h>
#include <stdint.h>

#include "child/session.h"

int	bootmenu_boot(struct session *s);
bool	bootmenu_list(struct session *s);
int	bootmenu_isconfig(struct session *s, uint64_t size);

#endif /* XENPVBOOT_STAGE_BOOTMENU_H */
