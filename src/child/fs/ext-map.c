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

#include "ext-map.h"

/* The next capacity: room for one more, doubling. */
static size_t
more(size_t cap)
{
	return cap ? cap * 2 : 16;
}

int
ext_map_meta(struct ext_map *m, uint64_t blk)
{
	uint64_t *p;

	if (m->nmeta == m->capmeta) {
		p = realloc(m->meta, more(m->capmeta) * sizeof(*p));
		if (p == NULL)
			return -1;
		m->meta = p;
		m->capmeta = more(m->capmeta);
	}
	m->meta[m->nmeta++] = blk;
	return 0;
}

int
ext_map_data(struct ext_map *m, uint64_t blk, uint64_t count)
{
	uint64_t (*p)[2];

	if (m->nruns > 0 && m->runs[m->nruns - 1][0] +
	    m->runs[m->nruns - 1][1] == blk) {
		m->runs[m->nruns - 1][1] += count;
		return 0;
	}
	if (m->nruns == m->capruns) {
		p = realloc(m->runs, more(m->capruns) * sizeof(*p));
		if (p == NULL)
			return -1;
		m->runs = p;
		m->capruns = more(m->capruns);
	}
	m->runs[m->nruns][0] = blk;
	m->runs[m->nruns++][1] = count;
	return 0;
}

static int
by_block(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* A block both data and map, or 0 (block 0 is never either). */
uint64_t
ext_map_overlap(struct ext_map *m)
{
	size_t i, lo, hi, mid;

	if (m->nmeta == 0)
		return 0;
	qsort(m->meta, m->nmeta, sizeof(*m->meta), by_block);
	for (i = 1; i < m->nmeta; i++)
		if (m->meta[i] == m->meta[i - 1])
			return m->meta[i];
	for (i = 0; i < m->nruns; i++) {
		/* The first map block at or after the run's start. */
		lo = 0;
		hi = m->nmeta;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (m->meta[mid] < m->runs[i][0])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < m->nmeta && m->meta[lo] - m->runs[i][0] <
		    m->runs[i][1])
			return m->meta[lo];
	}
	return 0;
}

void
ext_map_free(struct ext_map *m)
{
	free(m->meta);
	free(m->runs);
	m->meta = NULL;
	m->runs = NULL;
	m->nmeta = m->capmeta = m->nruns = m->capruns = 0;
}
