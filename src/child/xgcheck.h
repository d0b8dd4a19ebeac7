/* SPDX-License-Identifier: GPL-2.0-only */
/* libxenguest's own ELF parser, as a second opinion on ours. */
#ifndef XENPVBOOT_XGCHECK_H
#define XENPVBOOT_XGCHECK_H

#include <stddef.h>

#include "xenpvboot.h"

int	xgcheck(const unsigned char *, size_t, enum domain_type, const char *,
	    char *, size_t, char *, size_t);

#endif /* XENPVBOOT_XGCHECK_H */
