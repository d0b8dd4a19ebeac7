/* SPDX-License-Identifier: GPL-2.0-only */
/* The child's messages printed for the user (parent side). */
#ifndef XENPVBOOT_REPORT_H
#define XENPVBOOT_REPORT_H

#include "proto.h"

#define PROGRAM_NAME	"xenpvboot"

void	report_trace(const struct msg_trace *t, const char *disk);
void	report_entry(const struct msg_entry *e, unsigned int n);
void	report_menu(const struct msg_menu *u, unsigned int n);
void	report_once(const struct msg_once *n);

#endif /* XENPVBOOT_REPORT_H */
