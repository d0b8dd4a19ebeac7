/* SPDX-License-Identifier: GPL-2.0-only */
/* A few lines of harness: each check prints "ok" or "FAIL", as run.sh counts. */
#ifndef XENPVBOOT_UNIT_H
#define XENPVBOOT_UNIT_H

#include <stdio.h>

static int unit_failed;

#define CHECK(name, cond) do {						\
	if (cond)							\
		printf("ok unit/%s: %s\n", UNIT_NAME, (name));		\
	else {								\
		printf("FAIL unit/%s: %s: %s (line %d)\n", UNIT_NAME,	\
		    (name), #cond, __LINE__);				\
		unit_failed = 1;					\
	}								\
} while (0)

#endif /* XENPVBOOT_UNIT_H */
