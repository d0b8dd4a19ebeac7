/* SPDX-License-Identifier: GPL-2.0-only */
/* Partitions and filesystem types of the guest disk (child only). */
#ifndef XENPVBOOT_DISK_H
#define XENPVBOOT_DISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proto.h"

#define LV_NAME_MAX	MSG_LV_MAX	/* "VG/LV", its NUL included */
#define LVM_MAX_LVS	64	/* logical volumes read, after the table */
#define MAX_PARTITIONS	256	/* more are ignored, with a trace */

struct partition {
	uint32_t	partno;		/* 1-based as in the table; 0: none */
	uint64_t	offset;		/* bytes from the start of the disk */
	uint64_t	size;		/* bytes, clamped to the disk */
	char		lv[LV_NAME_MAX];	/* an LVM2 LV's "VG/LV", or "" */
	char		lv_dev[LV_NAME_MAX + 8];	/* GRUB's "lvm/VG-LV" */
};

struct partition_table {
	char		 label[16];	/* "gpt", "dos", or "" for none */
	size_t		 listed;	/* the table's entries, all of them */
	size_t		 count;
	struct partition part[];
};

int	disk_partitions(int fd, uint64_t disksize, struct partition_table **tp,
	    char *why, size_t whylen);
int	disk_partition_at(uint64_t offset, uint64_t disksize,
	    struct partition_table **tp, char *why, size_t whylen);
int	disk_fstype(int fd, const struct partition *p, char *type,
	    size_t typelen);
void	disk_grub_name(const struct partition_table *t,
	    const struct partition *p, const char *disk, char *buf,
	    size_t len);
int	disk_fs_ids(int fd, const struct partition *p, char *uuid,
	    size_t uuidlen, char *label, size_t labellen);
bool	disk_is_lvm(int fd, const struct partition *p);
int	disk_add_lvs(struct partition_table **tp, char (*grub)[LV_NAME_MAX + 8],
	    size_t n);
void	disk_read_error(int err);
int	disk_failed(int fd, uint64_t size, char *why, size_t whylen);

#endif /* XENPVBOOT_DISK_H */
