/* SPDX-License-Identifier: GPL-2.0-only */
/* A file's block map as read: its data runs against its own map blocks. */
#ifndef XENPVBOOT_EXT_MAP_H
#define XENPVBOOT_EXT_MAP_H

#include <stddef.h>
#include <stdint.h>

struct ext_map {
	uint64_t	*meta;		/* indirect or extent tree blocks */
	size_t		 nmeta, capmeta;
	uint64_t	(*runs)[2];	/* data: first block, count */
	size_t		 nruns, capruns;
};

int		ext_map_meta(struct ext_map *m, uint64_t blk);
int		ext_map_data(struct ext_map *m, uint64_t blk, uint64_t count);
uint64_t	ext_map_overlap(struct ext_map *m);
void		ext_map_free(struct ext_map *m);

#endif /* XENPVBOOT_EXT_MAP_H */
