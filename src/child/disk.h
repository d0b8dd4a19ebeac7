/* SPDX-License-Identifier: GPL-2.0-only */
/* Partitions and filesystem types of the guest disk (child only). */
#ifndef XENPVBOOT_DISK_H
#define XENPVBOOT_DISK_H

#include <stddef.h>
#include <stdint.h>

struct partition {
	uint32_t	partno;		/* 1-based as in the table; 0: none */
	uint64_t	offset;		/* bytes from the start of the disk */
	uint64_t	size;		/* bytes, clamped to the disk */
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
	    const struct partition *p, char *buf, size_t len);
void	disk_read_error(int err);
int	disk_failed(int fd, uint64_t size, char *why, size_t whylen);

#endif /* XENPVBOOT_DISK_H */
