/* SPDX-License-Identifier: GPL-2.0-only */
/* libxenguest's own ELF parser, as a second opinion on ours. */
#ifndef XENPVBOOT_XGCHECK_H
#define XENPVBOOT_XGCHECK_H

#include <stddef.h>

#include "codecs.h"
#include "xenpvboot.h"

int	xgcheck(const unsigned char *buf, size_t len, enum domain_type dt,
	    const char *caps, char *type, size_t typelen, char *why,
	    size_t whylen);
const struct xen_codecs *xgcheck_codecs(void);

#endif /* XENPVBOOT_XGCHECK_H */
