/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libfsxfs and libbfio, loaded only for a disk that has XFS (see
 * xfs-lib.c).  fs/xfs.c calls them by their names, which this header
 * turns into calls through the loaded table.
 */
#ifndef XENPVBOOT_XFS_LIB_H
#define XENPVBOOT_XFS_LIB_H

#include <stdbool.h>
#include <stddef.h>

#include <libbfio.h>
#define LIBFSXFS_HAVE_BFIO
#include <libfsxfs.h>

/* X(function): each looked up in libfsxfs' handle (xfs-lib.c). */
#define XFS_LIB_CALLS(X)						\
	X(libbfio_handle_initialize)					\
	X(libbfio_handle_free)						\
	X(libfsxfs_get_version)					\
	X(libfsxfs_error_free)						\
	X(libfsxfs_error_sprint)					\
	X(libfsxfs_volume_initialize)					\
	X(libfsxfs_volume_open_file_io_handle)				\
	X(libfsxfs_volume_close)					\
	X(libfsxfs_volume_free)						\
	X(libfsxfs_volume_get_file_entry_by_utf8_path)			\
	X(libfsxfs_volume_get_file_entry_by_inode)			\
	X(libfsxfs_file_entry_free)					\
	X(libfsxfs_file_entry_get_inode_number)				\
	X(libfsxfs_file_entry_get_file_mode)				\
	X(libfsxfs_file_entry_get_size)					\
	X(libfsxfs_file_entry_get_inode_change_time)			\
	X(libfsxfs_file_entry_read_buffer_at_offset)			\
	X(libfsxfs_file_entry_get_utf8_name_size)			\
	X(libfsxfs_file_entry_get_utf8_name)				\
	X(libfsxfs_file_entry_get_utf8_symbolic_link_target_size)	\
	X(libfsxfs_file_entry_get_utf8_symbolic_link_target)		\
	X(libfsxfs_file_entry_get_number_of_sub_file_entries)		\
	X(libfsxfs_file_entry_get_sub_file_entry_by_index)

/*
 * A file's extents, listed by libfsxfs releases after 20201117 (Debian
 * 13's) and absent from that one (Debian 12's): looked up if there, so
 * declared here rather than taken from the header built against.
 */
typedef int (*xfs_extents_count_fn)(libfsxfs_file_entry_t *entry,
    int *count, libfsxfs_error_t **error);
typedef int (*xfs_extent_get_fn)(libfsxfs_file_entry_t *entry, int index,
    off64_t *offset, size64_t *size, uint32_t *flags,
    libfsxfs_error_t **error);

struct xfs_lib {
#define XFS_LIB_FIELD(f)	__typeof__(&f) f;
	XFS_LIB_CALLS(XFS_LIB_FIELD)
#undef XFS_LIB_FIELD
	xfs_extents_count_fn	extents_count;	/* NULL: not in this one */
	xfs_extent_get_fn	extent_get;
};

extern struct xfs_lib xfs_lib;

int	xfs_lib_load(char *why, size_t whylen);
bool	xfs_lib_loaded(void);

#ifndef XFS_LIB_LOADER
#define libbfio_handle_initialize	(*xfs_lib.libbfio_handle_initialize)
#define libbfio_handle_free		(*xfs_lib.libbfio_handle_free)
#define libfsxfs_get_version		(*xfs_lib.libfsxfs_get_version)
#define libfsxfs_error_free		(*xfs_lib.libfsxfs_error_free)
#define libfsxfs_error_sprint		(*xfs_lib.libfsxfs_error_sprint)
#define libfsxfs_volume_initialize	(*xfs_lib.libfsxfs_volume_initialize)
#define libfsxfs_volume_open_file_io_handle \
	(*xfs_lib.libfsxfs_volume_open_file_io_handle)
#define libfsxfs_volume_close		(*xfs_lib.libfsxfs_volume_close)
#define libfsxfs_volume_free		(*xfs_lib.libfsxfs_volume_free)
#define libfsxfs_volume_get_file_entry_by_utf8_path \
	(*xfs_lib.libfsxfs_volume_get_file_entry_by_utf8_path)
#define libfsxfs_volume_get_file_entry_by_inode \
	(*xfs_lib.libfsxfs_volume_get_file_entry_by_inode)
#define libfsxfs_file_entry_free	(*xfs_lib.libfsxfs_file_entry_free)
#define libfsxfs_file_entry_get_inode_number \
	(*xfs_lib.libfsxfs_file_entry_get_inode_number)
#define libfsxfs_file_entry_get_file_mode \
	(*xfs_lib.libfsxfs_file_entry_get_file_mode)
#define libfsxfs_file_entry_get_size	(*xfs_lib.libfsxfs_file_entry_get_size)
#define libfsxfs_file_entry_get_inode_change_time \
	(*xfs_lib.libfsxfs_file_entry_get_inode_change_time)
#define libfsxfs_file_entry_read_buffer_at_offset \
	(*xfs_lib.libfsxfs_file_entry_read_buffer_at_offset)
#define libfsxfs_file_entry_get_utf8_name_size \
	(*xfs_lib.libfsxfs_file_entry_get_utf8_name_size)
#define libfsxfs_file_entry_get_utf8_name \
	(*xfs_lib.libfsxfs_file_entry_get_utf8_name)
#define libfsxfs_file_entry_get_utf8_symbolic_link_target_size \
	(*xfs_lib.libfsxfs_file_entry_get_utf8_symbolic_link_target_size)
#define libfsxfs_file_entry_get_utf8_symbolic_link_target \
	(*xfs_lib.libfsxfs_file_entry_get_utf8_symbolic_link_target)
#define libfsxfs_file_entry_get_number_of_sub_file_entries \
	(*xfs_lib.libfsxfs_file_entry_get_number_of_sub_file_entries)
#define libfsxfs_file_entry_get_sub_file_entry_by_index \
	(*xfs_lib.libfsxfs_file_entry_get_sub_file_entry_by_index)
#endif

#endif /* XENPVBOOT_XFS_LIB_H */
