/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for kpeek.c: a boot menu's compressed kernel, whose
 * boot protocol header, payload bounds, size trailer, compressed stream
 * and the ELF header, program headers and notes inside it are the
 * guest's.  The first byte chooses how the rest is taken (a bzImage or
 * a whole gzip file); the decompressors are the libraries libxenguest
 * links, linked here.  What a peek keeps is parsed as a Xen ELF, as
 * judge.c does.  Seeds: tests/tools/mkelf.py's ELFs, compressed each way
 * Debian's libxenguest undoes, in a boot protocol header.
 */
#include <stdint.h>
#include <stdlib.h>

#include "child/elfnote.h"
#include "child/kpeek.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct xen_codecs codecs = {
	.xz_init = lzma_stream_decoder, .lzma_init = lzma_alone_decoder,
	.xz_code = lzma_code, .xz_end = lzma_end,
	.gz_init = inflateInit2_, .gz_code = inflate, .gz_end = inflateEnd,
	.zstd_create = ZSTD_createDStream,
	.zstd_code = ZSTD_decompressStream, .zstd_free = ZSTD_freeDStream,
	.zstd_is_error = ZSTD_isError,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kpeek_result r;
	struct xen_elf x;
	char why[256];

	if (size < 1)
		return 0;
	if (kpeek(&codecs, data + 1, size - 1, data[0] & 1 ? KERNEL_GZIP :
	    KERNEL_BZIMAGE, 16 << 20, &r, why, sizeof(why)) != KPEEK_OK)
		return 0;
	if (r.image == NULL || r.read > r.size + (256 << 10))
		abort();
	(void)elfnote_parse(r.image, (size_t)r.size, &x, why, sizeof(why));
	free(r.image);
	return 0;
}
