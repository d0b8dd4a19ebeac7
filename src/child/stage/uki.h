/* SPDX-License-Identifier: GPL-2.0-only */
/* The UKI stage (uki.c): unified kernel images in /EFI/Linux. */
#ifndef XENPVBOOT_STAGE_UKI_H
#define XENPVBOOT_STAGE_UKI_H

#include <stdbool.h>

#include "child/session.h"

int	uki_boot(struct session *s);
bool	uki_list(struct session *s);

#endif /* XENPVBOOT_STAGE_UKI_H */
