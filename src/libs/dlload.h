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
	int		 optional;	/* absent: the field stays NULL */
};

int	dl_load(const char *const *sonames, size_t nlib,
	    const struct dl_sym *syms, size_t nsym, void *table, char *why,
	    size_t whylen);

#endif /* XENPVBOOT_DLLOAD_H */
