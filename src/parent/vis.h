/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest text made safe for a terminal or a log, as OpenBSD's vis(3). */
#ifndef XENPVBOOT_VIS_H
#define XENPVBOOT_VIS_H

#include <stddef.h>
#include <stdio.h>

size_t	vis_str(char *dst, size_t dstlen, const char *src);
void	vis_fputs(const char *s, FILE *fp);

#endif /* XENPVBOOT_VIS_H */
