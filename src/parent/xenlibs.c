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

/* dlsym() into a function pointer: the POSIX way, through memcpy. */
#define FIND(h, field, name) do {					\
	void *sym_ = dlsym((h), (name));				\
	if (sym_ == NULL) {						\
		snprintf(why, whylen, "%s: no %s", soname, (name));	\
		return NULL;						\
	}								\
	memcpy(&libs.field, &sym_, sizeof(libs.field));			\
} while (0)

static void *
open_lib(const char *soname, char *why, size_t whylen)
{
	void *h;

	h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		snprintf(why, whylen, "%s", dlerror());
	return h;
}

/*
 * The functions, or NULL (with why) when a library cannot be loaded.
 * Loaded once; never unloaded, the child uses them after the fork.
 */
const struct xenlibs *
xenlibs_load(char *why, size_t whylen)
{
	const char *soname;
	void *ctrl, *guest;

	if (loaded)
		return &libs;
	soname = XENCTRL_SONAME;
	if ((ctrl = open_lib(soname, why, whylen)) == NULL)
		return NULL;
	FIND(ctrl, interface_open, "xc_interface_open");
	FIND(ctrl, interface_close, "xc_interface_close");
	FIND(ctrl, version, "xc_version");
	soname = XENGUEST_SONAME;
	if ((guest = open_lib(soname, why, whylen)) == NULL)
		return NULL;
	FIND(guest, dom_allocate, "xc_dom_allocate");
	FIND(guest, dom_kernel_mem, "xc_dom_kernel_mem");
	FIND(guest, dom_parse_image, "xc_dom_parse_image");
	FIND(guest, dom_release, "xc_dom_release");
	loaded = true;
	return &libs;
}
