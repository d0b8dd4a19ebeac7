/* SPDX-License-Identifier: GPL-2.0-only */
/* The parsing child's whole job: find, check and send the boot files. */
#ifndef XENPVBOOT_SEARCH_H
#define XENPVBOOT_SEARCH_H

#include <stdint.h>

#include "xenpvboot.h"

int	search_run(const struct options *, int, uint64_t, int, const int *);

#endif /* XENPVBOOT_SEARCH_H */
