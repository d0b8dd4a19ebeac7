/* SPDX-License-Identifier: GPL-2.0-only */
/* What the running hypervisor can boot (the parent asks, before fork). */
#ifndef XENPVBOOT_HYPERVISOR_H
#define XENPVBOOT_HYPERVISOR_H

#include <stdbool.h>
#include <stddef.h>

bool	hypervisor_caps(char *caps, size_t len);

#endif /* XENPVBOOT_HYPERVISOR_H */
