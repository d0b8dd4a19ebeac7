/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest filesystem, opened read-only on the disk fd at an offset
 * (ext2/3/4 and XFS stand behind it); the interface is what the search
 * needs and no more.
 */
#ifndef XENPVBOOT_FS_H
#define XENPVBOOT_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct guestfs;

#define FS_GRUB_DEV_MAX	72	/* "lvm/VG-LV", its NUL included */

/* Where a filesystem is: its bytes on the disk, and GRUB's name for them. */
struct fs_at {
	uint64_t	offset;
	uint64_t	size;
	char		grub_dev[FS_GRUB_DEV_MAX];	/* "loop0,gpt2", "" */
	bool		by_grub;	/* GRUB reads it whatever the type */
	const char	*type;		/* libblkid's: fs_open() sets it */
};

/* The child's ends of the wire to GRUB's reader (fs/grub.c). */
struct grub_channel {
	int		request;	/* MSG_GRUB goes here */
	int		out, err;	/* the reader's stdout and stderr */
	int		done;		/* MSG_GRUB_DONE comes here */
	uint64_t	max_file_size;
};

/* A filesystem as GRUB names it, for a logical volume's search. */
struct fs_grub_id {
	char		type[16];	/* "ext*", "btrfs", "xfs", "fat" */
	char		uuid[64];	/* as GRUB spells it */
	char		label[257];	/* btrfs's 256 bytes, a NUL */
};

struct fs_file {
	uint64_t	ino;
	uint64_t	size;
};

enum fs_lookup {
	FS_FOUND,	/* a regular file */
	FS_ABSENT,	/* no such path */
	FS_BAD,		/* the path exists but is no file we may read */
};

int	fs_supported(const char *type);
bool	fs_wants_library(int fd, uint64_t offset);
bool	fs_by_grub(const char *type);
void	fs_grub_connect(const struct grub_channel *ch);
/* An LVM2 logical volume as GRUB lists it, with what it holds. */
struct fs_grub_lv {
	char		 dev[FS_GRUB_DEV_MAX];	/* "lvm/VG-LV" */
	struct fs_grub_id id;
};

int	fs_grub_lvs(struct fs_grub_lv *lvs, size_t max, size_t *n,
	    size_t *total, char *why, size_t whylen);
void	fs_grub_ids(struct fs_grub_lv *lvs, size_t n);
void	fs_grub_probe(const char *dev, struct fs_grub_id *id);
int	fs_open(int diskfd, const struct fs_at *at, const char *type,
	    struct guestfs **gp, char *why, size_t whylen);
enum fs_lookup fs_lookup(struct guestfs *g, const char *path,
	    struct fs_file *f, char *why, size_t whylen);
int	fs_read(struct guestfs *g, const struct fs_file *f, void *buf,
	    char *why, size_t whylen);
#define FS_NAME_MAX	256	/* fs_list(): a name, its NUL included */
#define FS_OUTPUT_FAILED	(-2)	/* fs_copy(): the output file failed */
int	fs_copy(struct guestfs *g, const struct fs_file *f, int fd, char *why,
	    size_t whylen);
int	fs_list(struct guestfs *g, const char *path, char (*names)[FS_NAME_MAX],
	    size_t max, size_t *n, char *why, size_t whylen);
const char *fs_note(struct guestfs *g);
const char *fs_warning(struct guestfs *g);
int	fs_unreplay(struct guestfs *g, char *why, size_t whylen);
void	fs_close(struct guestfs *g);

#endif /* XENPVBOOT_FS_H */
