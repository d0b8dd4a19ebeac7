/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's libraries by dlopen(): libxenctrl for the hypervisor's
 * capabilities, libxenguest for the domain builder's second opinion.
 * Linked in, they and what they need (libxencall, libxenforeignmemory,
 * liblzma, libzstd and six more) were loaded and relocated at every
 * start, also where no Xen runs (xenpvboot -l on an image, the tests).
 * Loaded here, they cost their start-up on a dom0 only.
 * configure puts the sonames of the libraries built against in
 * XENCTRL_SONAME and XENGUEST_SONAME.
 */
#include <stddef.h>

#include "dlload.h"
#include "xenlibs.h"

#ifndef XENCTRL_SONAME
#error "XENCTRL_SONAME is not set: run ./configure"
#endif
#ifndef XENGUEST_SONAME
#error "XENGUEST_SONAME is not set: run ./configure"
#endif

static struct xenlibs libs;
static bool loaded;

/* Where each function comes from and goes. */
static const struct dl_sym syms[] = {
	{ 0, "xc_interface_open", offsetof(struct xenlibs, interface_open), 0 },
	{ 0, "xc_interface_close", offsetof(struct xenlibs, interface_close),
	    0 },
	{ 0, "xc_version", offsetof(struct xenlibs, version), 0 },
	{ 1, "xc_dom_allocate", offsetof(struct xenlibs, dom_allocate), 0 },
	{ 1, "xc_dom_kernel_mem", offsetof(struct xenlibs, dom_kernel_mem), 0 },
	{ 1, "xc_dom_parse_image", offsetof(struct xenlibs, dom_parse_image),
	    0 },
	{ 1, "xc_dom_release", offsetof(struct xenlibs, dom_release), 0 },
	/* Through libxenguest's handle: what it links, if it does. */
#define CODEC(name, field) \
	{ 1, name, offsetof(struct xenlibs, codecs.field), 1 }
	CODEC("lzma_stream_decoder", xz_init),
	CODEC("lzma_alone_decoder", lzma_init),
	CODEC("lzma_code", xz_code), CODEC("lzma_end", xz_end),
	CODEC("inflateInit2_", gz_init), CODEC("inflate", gz_code),
	CODEC("inflateEnd", gz_end),
	CODEC("ZSTD_createDStream", zstd_create),
	CODEC("ZSTD_decompressStream", zstd_code),
	CODEC("ZSTD_freeDStream", zstd_free),
	CODEC("ZSTD_isError", zstd_is_error),
#undef CODEC
};

/*
 * The functions, or NULL (with why) when a library cannot be loaded.
 * Loaded once, in the parent; the child uses them after the fork.
 */
const struct xenlibs *
xenlibs_load(char *why, size_t whylen)
{
	static const char *const sonames[] = {
		XENCTRL_SONAME, XENGUEST_SONAME,
	};

	if (!loaded && dl_load(sonames, 2, syms, sizeof(syms) /
	    sizeof(syms[0]), &libs, why, whylen) != 0)
		return NULL;
	loaded = true;
	return &libs;
}
