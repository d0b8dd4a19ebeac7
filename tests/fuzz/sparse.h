/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fuzz targets' sparse disk: records of a little-endian 32-bit block
 * number and 4096 bytes (tests/tools/xfsblocks.py makes them from a
 * real image), written into a memfd of the given size that is otherwise
 * zeros.  A filesystem spread over hundreds of MiB fits an input.
 */
#ifndef XENPVBOOT_FUZZ_SPARSE_H
#define XENPVBOOT_FUZZ_SPARSE_H

#include <stddef.h>
#include <stdint.h>

#define SPARSE_BLOCK	4096

int	sparse_disk(const uint8_t *data, size_t size, uint64_t disk_bytes);

#endif /* XENPVBOOT_FUZZ_SPARSE_H */
