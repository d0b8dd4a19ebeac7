/* SPDX-License-Identifier: GPL-2.0-only */
/* Decompressors found in a library already loaded, by dlsym(). */
#ifndef XENPVBOOT_CODECS_H
#define XENPVBOOT_CODECS_H

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

/*
 * The decompressors libxenguest links, found through it (each may be
 * NULL: a build without it): the child's kpeek.c decompresses a
 * kernel's first bytes with what the domain builder would use.
 */
struct xen_codecs {
	__typeof__(&lzma_stream_decoder) xz_init;
	__typeof__(&lzma_alone_decoder)	 lzma_init;
	__typeof__(&lzma_code)		 xz_code;
	__typeof__(&lzma_end)		 xz_end;
	__typeof__(&inflateInit2_)	 gz_init;
	__typeof__(&inflate)		 gz_code;
	__typeof__(&inflateEnd)		 gz_end;
	__typeof__(&ZSTD_createDStream)	 zstd_create;
	__typeof__(&ZSTD_decompressStream) zstd_code;
	__typeof__(&ZSTD_freeDStream)	 zstd_free;
	__typeof__(&ZSTD_isError)	 zstd_is_error;
};

#endif /* XENPVBOOT_CODECS_H */
