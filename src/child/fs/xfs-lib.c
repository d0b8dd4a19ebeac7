/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libfsxfs (and libbfio, which it reads through) by dlopen().  Linked
 * in, the two were loaded and relocated at every start, 0.3 ms of a
 * 3.4 ms run, for the few guests whose /boot is on XFS.  Now the child
 * looks for an XFS superblock on each partition before anything else
 * and, finding one, asks for a second start with the libraries loaded
 * (search.c, run.c); the parent loads them before that fork.
 * configure puts the sonames built against in LIBFSXFS_SONAME and
 * LIBBFIO_SONAME.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#define XFS_LIB_LOADER
#include "xfs-lib.h"

#ifndef LIBFSXFS_SONAME
#error "LIBFSXFS_SONAME is not set: run ./configure"
#endif
#ifndef LIBBFIO_SONAME
#error "LIBBFIO_SONAME is not set: run ./configure"
#endif

struct xfs_lib xfs_lib;
static bool loaded;

bool
xfs_lib_loaded(void)
{
	return loaded;
}

/* dlsym() into a function pointer, the POSIX way: through memcpy. */
static int
find(void *bfio, void *fsxfs, const char *name, void *field, size_t len,
    char *why, size_t whylen)
{
	void *sym;

	sym = dlsym(strncmp(name, "libbfio_", 8) == 0 ? bfio : fsxfs, name);
	if (sym == NULL) {
		snprintf(why, whylen, "no %s in %s", name,
		    strncmp(name, "libbfio_", 8) == 0 ? LIBBFIO_SONAME :
		    LIBFSXFS_SONAME);
		return -1;
	}
	memcpy(field, &sym, len);
	return 0;
}

/*
 * Loads both, once; never unloaded (the child uses them after the
 * fork).  0, or -1 with why.
 */
int
xfs_lib_load(char *why, size_t whylen)
{
	void *bfio, *fsxfs;

	if (loaded)
		return 0;
	bfio = dlopen(LIBBFIO_SONAME, RTLD_NOW | RTLD_LOCAL);
	fsxfs = bfio != NULL ? dlopen(LIBFSXFS_SONAME, RTLD_NOW |
	    RTLD_LOCAL) : NULL;
	if (fsxfs == NULL) {
		snprintf(why, whylen, "%s", dlerror());
		return -1;
	}
#define XFS_LIB_FIND(f)							\
	if (find(bfio, fsxfs, #f, &xfs_lib.f, sizeof(xfs_lib.f), why,	\
	    whylen) != 0)						\
		return -1;
	XFS_LIB_CALLS(XFS_LIB_FIND)
#undef XFS_LIB_FIND
	loaded = true;
	return 0;
}
