/* SPDX-License-Identifier: GPL-2.0-only */
/* The interactive boot menu on libxl's console pty (parent side). */
#ifndef XENPVBOOT_MENU_UI_H
#define XENPVBOOT_MENU_UI_H

#include <stddef.h>

int	menu_ui(int, int, char (*)[256], size_t, int, int);

#endif /* XENPVBOOT_MENU_UI_H */
