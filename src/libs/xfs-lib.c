/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libfsxfs (and libbfio, which it reads through) by dlopen().  Linked
 * in, the two would be loaded and relocated at every start, for the few
 * guests whose /boot is on XFS (README's Performance says what that
 * cost).  Instead the child looks for an XFS superblock on each
 * partition before anything else and, finding one, asks for a second
 * start with the libraries loaded (MSG_NEED_LIBS: search.c, run.c); the
 * parent loads them before that fork.
 * configure puts the sonames built against in LIBFSXFS_SONAME and
 * LIBBFIO_SONAME.
 */
#include <stddef.h>

#include "dlload.h"
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

/* Where each function comes from and goes. */
static const struct dl_sym syms[] = {
#define XFS_LIB_SYM(lib, f)	{ lib, #f, offsetof(struct xfs_lib, f) },
	XFS_LIB_CALLS(XFS_LIB_SYM)
#undef XFS_LIB_SYM
};

/*
 * Loads both, once, in the parent; the child uses them after the fork.
 * 0, or -1 with why.
 */
int
xfs_lib_load(char *why, size_t whylen)
{
	static const char *const sonames[] = {
		LIBBFIO_SONAME, LIBFSXFS_SONAME,
	};

	if (!loaded && dl_load(sonames, 2, syms, sizeof(syms) /
	    sizeof(syms[0]), &xfs_lib, why, whylen) != 0)
		return -1;
	loaded = true;
	return 0;
}
