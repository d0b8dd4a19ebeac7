/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runs the domain builder's own parser (libxenguest: xc_dom_allocate,
 * xc_dom_kernel_mem, xc_dom_parse_image) over the bytes we accepted.
 * Parsing needs no hypervisor, so a dummy xenctrl handle is enough; the
 * hypervisor's capabilities are copied in, as xc_dom_boot_xen_init()
 * would fetch them.  Its log goes to a buffer, for the disagreement
 * message, never to stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xenlibs.h"
#include "xgcheck.h"

struct quiet_logger {
	xentoollog_logger	 vtable;
	char			 last[256];
};

static void __attribute__((format(printf, 5, 0)))
remember(xentoollog_logger *l, xentoollog_level level, int errnoval,
    const char *context, const char *fmt, va_list ap)
{
	struct quiet_logger *q = (struct quiet_logger *)l;
	size_t n;

	(void)errnoval;
	(void)context;
	if (level < XTL_ERROR)
		return;
	vsnprintf(q->last, sizeof(q->last), fmt, ap);
	n = strlen(q->last);
	while (n > 0 && q->last[n - 1] == '\n')
		q->last[--n] = '\0';
}

static void
forget(xentoollog_logger *l)
{
	(void)l;
}

/*
 * Returns 0 when libxenguest accepts the image for this domain type,
 * with the guest type it chose; else -1 with its last error.
 */
int
xgcheck(const unsigned char *buf, size_t len, enum domain_type dt,
    const char *caps, char *type, size_t typelen, char *why, size_t whylen)
{
	struct quiet_logger log = {
		.vtable = { .vmessage = remember, .destroy = forget },
	};
	const struct xenlibs *x;
	struct xc_dom_image *dom = NULL;
	xc_interface *xch;
	char err[256];
	int rc = -1;

	type[0] = '\0';
	/* Loaded by the parent, on a dom0: it is only asked there. */
	if ((x = xenlibs_load(err, sizeof(err))) == NULL) {
		snprintf(why, whylen, "libxenguest: %s", err);
		return -1;
	}
	xch = x->interface_open(&log.vtable, &log.vtable, XC_OPENFLAG_DUMMY);
	if (xch == NULL) {
		snprintf(why, whylen, "libxenguest: cannot make a handle");
		return -1;
	}
	dom = x->dom_allocate(xch, NULL, NULL);
	if (dom == NULL) {
		snprintf(why, whylen, "libxenguest: cannot allocate");
		goto out;
	}
	dom->container_type = dt == DOMAIN_PVH ? XC_DOM_HVM_CONTAINER :
	    XC_DOM_PV_CONTAINER;
	snprintf(dom->xen_caps, sizeof(dom->xen_caps), "%s", caps);
	if (x->dom_kernel_mem(dom, buf, len) != 0 ||
	    x->dom_parse_image(dom) != 0 || dom->guest_type == NULL) {
		snprintf(why, whylen, "libxenguest: %s", log.last[0] != '\0' ?
		    log.last : "image refused");
		goto out;
	}
	snprintf(type, typelen, "%s", dom->guest_type);
	rc = 0;
out:
	if (dom != NULL)
		x->dom_release(dom);
	x->interface_close(xch);
	return rc;
}

/* The decompressors libxenguest links, where it is loaded; else NULL. */
const struct xen_codecs *
xgcheck_codecs(void)
{
	const struct xenlibs *x;
	char why[8];

	x = xenlibs_load(why, sizeof(why));
	return x != NULL ? &x->codecs : NULL;
}
