/* SPDX-License-Identifier: GPL-2.0-only */
/* The parsing child's whole job: find, check and send the boot files. */
#ifndef XENPVBOOT_SEARCH_H
#define XENPVBOOT_SEARCH_H

#include <stdint.h>

#include "xenpvboot.h"

int	search_run(const struct options *o, const struct runtime *rt,
	    int diskfd, uint64_t disksize, int out, const int *files);

#endif /* XENPVBOOT_SEARCH_H */
