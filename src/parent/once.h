/* SPDX-License-Identifier: GPL-2.0-only */
/* grubenv's next_entry, remembered in dom0 as booted (once.c). */
#ifndef XENPVBOOT_ONCE_H
#define XENPVBOOT_ONCE_H

#include <stdbool.h>
#include <stddef.h>

void	once_load(int diskfd, char *spent, size_t len);
int	once_record(int diskfd, const char *id, char *why, size_t whylen);

#endif /* XENPVBOOT_ONCE_H */
