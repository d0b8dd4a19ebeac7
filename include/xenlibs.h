/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libxenctrl and libxenguest, loaded where there is a Xen to ask: the
 * parent dlopen()s them on a dom0, before the child is forked, which
 * inherits them.  Elsewhere they and the ten libraries they pull in
 * are never loaded.
 */
#ifndef XENPVBOOT_XENLIBS_H
#define XENPVBOOT_XENLIBS_H

#include <stdbool.h>
#include <stddef.h>

#include <xenctrl.h>
#include <xenguest.h>

#include "codecs.h"

struct xenlibs {
	__typeof__(&xc_interface_open)	 interface_open;
	__typeof__(&xc_interface_close)	 interface_close;
	__typeof__(&xc_version)		 version;
	__typeof__(&xc_dom_allocate)	 dom_allocate;
	__typeof__(&xc_dom_kernel_mem)	 dom_kernel_mem;
	__typeof__(&xc_dom_parse_image)	 dom_parse_image;
	__typeof__(&xc_dom_release)	 dom_release;
	struct xen_codecs		 codecs;
};

const struct xenlibs *xenlibs_load(char *why, size_t whylen);

#endif /* XENPVBOOT_XENLIBS_H */
