/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot Loader Specification entries, one file each, in their order (bls.c). */
#ifndef XENPVBOOT_BLS_H
#define XENPVBOOT_BLS_H

#include <stddef.h>

#include "menu.h"

int	bls_parse(const char *text, size_t len, const char *name,
	    struct menu *m, char *why, size_t whylen);
void	bls_sort(struct menu *m, size_t first);
int	bls_vercmp(const char *a, const char *b);

#endif /* XENPVBOOT_BLS_H */
