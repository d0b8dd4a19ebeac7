/* SPDX-License-Identifier: GPL-2.0-only */
/* Libraries loaded where they are needed, into tables of functions. */
#ifndef XENPVBOOT_DLLOAD_H
#define XENPVBOOT_DLLOAD_H

#include <stddef.h>

#define DL_MAX_LIBS	4

/* A function to find: in which library, by what name, into which field. */
struct dl_sym {
	unsigned int	 lib;		/* index into the sonames */
	const char	*name;
	size_t		 field;		/* offsetof() in the table */
};

int	dl_load(const char *const *, size_t, const struct dl_sym *, size_t,
	    void *, char *, size_t);

#endif /* XENPVBOOT_DLLOAD_H */
