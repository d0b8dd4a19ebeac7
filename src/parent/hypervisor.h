/* SPDX-License-Identifier: GPL-2.0-only */
/* What the running hypervisor can boot (the parent asks, before fork). */
#ifndef XENPVBOOT_HYPERVISOR_H
#define XENPVBOOT_HYPERVISOR_H

#include <stdbool.h>
#include <stddef.h>

/* A current x86_64 Xen without 32-bit PV, as `xl info` shows it. */
#define DEFAULT_XEN_CAPS \
	"xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64"

bool	hypervisor_caps(char *caps, size_t len);

#endif /* XENPVBOOT_HYPERVISOR_H */
