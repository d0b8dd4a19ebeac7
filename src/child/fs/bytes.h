/* SPDX-License-Identifier: GPL-2.0-only */
/* Fields of on-disk structures, big-endian (jbd2, XFS) or little-endian
 * of any width (btrfs, a bzImage's header, an ELF): read a byte at a
 * time, so alignment and the host's byte order do not matter. */
#ifndef XENPVBOOT_BYTES_H
#define XENPVBOOT_BYTES_H

#include <stdint.h>

static inline uint16_t
be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t
be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static inline uint64_t
le_bytes(const unsigned char *p, unsigned int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

#endif /* XENPVBOOT_BYTES_H */
