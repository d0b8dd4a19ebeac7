/* SPDX-License-Identifier: GPL-2.0-only */
/* The pvboot stage (pvboot.c): the spec's ELF, or --kernel. */
#ifndef XENPVBOOT_STAGE_PVBOOT_H
#define XENPVBOOT_STAGE_PVBOOT_H

#include "child/session.h"

struct pvboot;

struct pvboot *pvboot_plan(struct session *s);
int	pvboot_boot(struct pvboot *p);
void	pvboot_list(struct pvboot *p);
int	pvboot_verdict(const struct pvboot *p);
void	pvboot_warn_passed_over(const struct pvboot *p);
void	pvboot_forget(struct pvboot *p);
void	pvboot_free(struct pvboot *p);

#endif /* XENPVBOOT_STAGE_PVBOOT_H */
