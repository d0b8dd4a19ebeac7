/* SPDX-License-Identifier: GPL-2.0-only */
/* The privileged parent: from parsed options to an exit status. */
#ifndef XENPVBOOT_RUN_H
#define XENPVBOOT_RUN_H

#include "xenpvboot.h"

int	run_boot(const struct options *o);
int	run_list(const struct options *o);

#endif /* XENPVBOOT_RUN_H */
