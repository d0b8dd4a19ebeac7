/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest text made safe for a terminal or a log, as OpenBSD's vis(3). */
#ifndef XENPVBOOT_VIS_H
#define XENPVBOOT_VIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

size_t	vis_utf8_seq(const unsigned char *s, uint32_t *cp);
bool	vis_printable(uint32_t cp);
size_t	vis_str(char *dst, size_t dstlen, const char *src);
void	vis_fputs(const char *s, FILE *fp);

#endif /* XENPVBOOT_VIS_H */
