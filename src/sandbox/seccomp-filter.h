/* SPDX-License-Identifier: GPL-2.0-only */
/* The parsing child's system-call filter. */
#ifndef XENPVBOOT_SECCOMP_FILTER_H
#define XENPVBOOT_SECCOMP_FILTER_H

#include <stddef.h>

int	seccomp_filter_load(char *why, size_t whylen);
int	seccomp_helper_load(void);

#endif /* XENPVBOOT_SECCOMP_FILTER_H */
