/* SPDX-License-Identifier: GPL-2.0-only */
/* The interactive boot menu on libxl's console pty (parent side). */
#ifndef XENPVBOOT_MENU_UI_H
#define XENPVBOOT_MENU_UI_H

#include <stddef.h>

#include "xenpvboot.h"

int	menu_ui(int in, int out, char (*titles)[MENU_TITLE_MAX], size_t n,
	    int deflt, int timeout);

#endif /* XENPVBOOT_MENU_UI_H */
