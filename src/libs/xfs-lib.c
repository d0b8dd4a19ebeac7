/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libfsxfs (and libbfio, which it reads through) by dlopen().  Linked
 * in, the two would be loaded and relocated at every start, for the few
 * guests whose /boot is on XFS (README's Performance says what that
 * cost).  Instead the child looks for an XFS superblock on each
 * partition before anything else and, finding one, asks for a second
 * start with the libraries loaded (MSG_NEED_LIBS: session.c, order.c, run.c); the
 * parent loads them before that fork.
 * configure puts the soname built against in LIBFSXFS_SONAME.
 *
 * libbfio's calls are looked up in libfsxfs' handle, which searches the
 * library and then what it depends on: the libbfio libfsxfs itself
 * uses, whether that is libbfio.so.1 (Debian 12) or a copy built into
 * libfsxfs (Debian 13's libfsxfs1t64).  A handle made by one libbfio
 * and read by another would be two layouts of one structure.
 */
#include <stddef.h>

#include "dlload.h"
#define XFS_LIB_LOADER
#include "xfs-lib.h"

#ifndef LIBFSXFS_SONAME
#error "LIBFSXFS_SONAME is not set: run ./configure"
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
#define XFS_LIB_SYM(f)	{ 0, #f, offsetof(struct xfs_lib, f), 0 },
	XFS_LIB_CALLS(XFS_LIB_SYM)
#undef XFS_LIB_SYM
	{ 0, "libfsxfs_file_entry_get_number_of_extents",
	    offsetof(struct xfs_lib, extents_count), 1 },
	{ 0, "libfsxfs_file_entry_get_extent_by_index",
	    offsetof(struct xfs_lib, extent_get), 1 },
};

/*
 * Loads it, once, in the parent; the child calls it after the fork.
 * 0, or -1 with why.
 */
int
xfs_lib_load(char *why, size_t whylen)
{
	static const char *const sonames[] = { LIBFSXFS_SONAME };

	if (!loaded && dl_load(sonames, 1, syms, sizeof(syms) /
	    sizeof(syms[0]), &xfs_lib, why, whylen) != 0)
		return -1;
	loaded = true;
	return 0;
}
