/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A file's data must not lie on the blocks that map it.  The kernel
 * would read such a file as it is mapped (an indirect block that lists
 * itself gives its own pointers as the file's bytes), but no writer
 * makes one: it is what a journal that replays a forged indirect block
 * gives, 4 KiB of pointers in the middle of an ELF whose headers and
 * notes survive.  e2fsck calls such blocks multiply-claimed.  So the
 * blocks a read went through are kept, and judged once it is done.
 */
#include <stdlib.h>
#include <string.h>

#include "ext-map.h"

static int
push(struct ext_runs *v, uint64_t blk, uint64_t count)
{
	uint64_t (*p)[2];
	size_t cap = v->cap ? v->cap * 2 : 16;

	if (v->n == v->cap) {
		p = realloc(v->run, cap * sizeof(*p));
		if (p == NULL)
			return -1;
		v->run = p;
		v->cap = cap;
	}
	v->run[v->n][0] = blk;
	v->run[v->n++][1] = count;
	return 0;
}

int
ext_map_meta(struct ext_map *m, uint64_t blk)
{
	return push(&m->meta, blk, 1);
}

/* A run that goes on from the last one extends it. */
int
ext_map_data(struct ext_map *m, uint64_t blk, uint64_t count)
{
	struct ext_runs *d = &m->data;

	if (d->n > 0 && d->run[d->n - 1][0] + d->run[d->n - 1][1] == blk) {
		d->run[d->n - 1][1] += count;
		return 0;
	}
	return push(d, blk, count);
}

static int
by_block(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* A block both data and map, or two map blocks in one, or 0. */
uint64_t
ext_map_overlap(struct ext_map *m)
{
	const struct ext_runs *meta = &m->meta, *data = &m->data;
	size_t i, lo, hi, mid;

	if (meta->n == 0)
		return 0;
	qsort(meta->run, meta->n, sizeof(*meta->run), by_block);
	for (i = 1; i < meta->n; i++)
		if (meta->run[i][0] == meta->run[i - 1][0])
			return meta->run[i][0];
	for (i = 0; i < data->n; i++) {
		/* The first map block at or after the run's start. */
		lo = 0;
		hi = meta->n;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (meta->run[mid][0] < data->run[i][0])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < meta->n && meta->run[lo][0] - data->run[i][0] <
		    data->run[i][1])
			return meta->run[lo][0];
	}
	return 0;
}

void
ext_map_free(struct ext_map *m)
{
	free(m->meta.run);
	free(m->data.run);
	memset(m, 0, sizeof(*m));
}
