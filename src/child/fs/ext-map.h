/* SPDX-License-Identifier: GPL-2.0-only */
/* A file's block map as read: its data runs against its own map blocks. */
#ifndef XENPVBOOT_EXT_MAP_H
#define XENPVBOOT_EXT_MAP_H

#include <stddef.h>
#include <stdint.h>

/* Runs of blocks: first block, count. */
struct ext_runs {
	uint64_t	(*run)[2];
	size_t		 n, cap;
};

struct ext_map {
	struct ext_runs	 meta;		/* indirect or extent tree blocks */
	struct ext_runs	 data;
};

int		ext_map_meta(struct ext_map *m, uint64_t blk);
int		ext_map_data(struct ext_map *m, uint64_t blk, uint64_t count);
uint64_t	ext_map_overlap(struct ext_map *m);
void		ext_map_free(struct ext_map *m);

#endif /* XENPVBOOT_EXT_MAP_H */
