/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen's libraries by dlopen(): libxenctrl for the hypervisor's
 * capabilities, libxenguest for the domain builder's second opinion.
 * Linked in, they and what they need (libxencall, libxenforeignmemory,
 * liblzma, libzstd and six more) were loaded and relocated at every
 * start, also where no Xen runs (xenpvboot -l on an image, the tests):
 * 0.45 ms of a 4.7 ms run.  Loaded here, they cost that on a dom0 only.
 * configure puts the sonames of the libraries built against in
 * XENCTRL_SONAME and XENGUEST_SONAME.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

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
static const struct {
	int		 lib;		/* 0: libxenctrl, 1: libxenguest */
	const char	*name;
	size_t		 field;
} syms[] = {
	{ 0, "xc_interface_open", offsetof(struct xenlibs, interface_open) },
	{ 0, "xc_interface_close", offsetof(struct xenlibs, interface_close) },
	{ 0, "xc_version", offsetof(struct xenlibs, version) },
	{ 1, "xc_dom_allocate", offsetof(struct xenlibs, dom_allocate) },
	{ 1, "xc_dom_kernel_mem", offsetof(struct xenlibs, dom_kernel_mem) },
	{ 1, "xc_dom_parse_image", offsetof(struct xenlibs, dom_parse_image) },
	{ 1, "xc_dom_release", offsetof(struct xenlibs, dom_release) },
};

/*
 * The functions, or NULL (with why) when a library cannot be loaded.
 * Loaded once; never unloaded, the child uses them after the fork.
 */
const struct xenlibs *
xenlibs_load(char *why, size_t whylen)
{
	static const char *const sonames[] = {
		XENCTRL_SONAME, XENGUEST_SONAME,
	};
	void *h[2], *sym;
	size_t i;

	if (loaded)
		return &libs;
	for (i = 0; i < 2; i++)
		if ((h[i] = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL)) == NULL) {
			snprintf(why, whylen, "%s", dlerror());
			return NULL;
		}
	for (i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		sym = dlsym(h[syms[i].lib], syms[i].name);
		if (sym == NULL) {
			snprintf(why, whylen, "%s: no %s",
			    sonames[syms[i].lib], syms[i].name);
			return NULL;
		}
		/* A function pointer from dlsym(): POSIX's way, a copy. */
		memcpy((char *)&libs + syms[i].field, &sym, sizeof(sym));
	}
	loaded = true;
	return &libs;
}
