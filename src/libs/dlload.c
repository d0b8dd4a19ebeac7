/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Libraries loaded where they are needed rather than at every start:
 * Xen's on a dom0 (src/libs/xenlibs.c), libfsxfs for a disk with XFS
 * (src/libs/xfs-lib.c).  Each is dlopen()ed, then each function
 * found goes into its field of a table of pointers.  They are never
 * unloaded: the child uses them after the fork.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "dlload.h"

/*
 * Loads the nlib sonames and fills table with the nsym functions.
 * 0, or -1 with why (the table may then be partly filled).
 */
int
dl_load(const char *const *sonames, size_t nlib, const struct dl_sym *syms,
    size_t nsym, void *table, char *why, size_t whylen)
{
	void *h[DL_MAX_LIBS], *sym;
	size_t i;

	if (nlib > DL_MAX_LIBS) {
		snprintf(why, whylen, "%zu libraries to load, at most %d",
		    nlib, DL_MAX_LIBS);
		return -1;
	}
	for (i = 0; i < nlib; i++)
		if ((h[i] = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL)) ==
		    NULL) {
			snprintf(why, whylen, "%s", dlerror());
			return -1;
		}
	for (i = 0; i < nsym; i++) {
		sym = syms[i].lib < nlib ? dlsym(h[syms[i].lib],
		    syms[i].name) : NULL;
		if (sym == NULL && syms[i].optional)
			continue;
		if (sym == NULL) {
			snprintf(why, whylen, "no %s in %s", syms[i].name,
			    syms[i].lib < nlib ? sonames[syms[i].lib] : "?");
			return -1;
		}
		/* A function pointer from dlsym(): POSIX's way, a copy. */
		memcpy((char *)table + syms[i].field, &sym, sizeof(sym));
	}
	return 0;
}
