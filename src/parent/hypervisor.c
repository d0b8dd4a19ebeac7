/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENVER_capabilities through libxenctrl, on a dom0.  Elsewhere (no
 * privcmd device) libxenctrl is not even loaded, so that it prints no
 * error of its own; the caller falls back to a documented default.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hypervisor.h"
#include "xenlibs.h"

static void __attribute__((format(printf, 5, 0)))
drop(xentoollog_logger *l, xentoollog_level level, int errnoval,
    const char *context, const char *fmt, va_list ap)
{
	(void)l;
	(void)level;
	(void)errnoval;
	(void)context;
	(void)fmt;
	(void)ap;
}

static void
forget(xentoollog_logger *l)
{
	(void)l;
}

/* Fills caps and returns true when a hypervisor answered. */
bool
hypervisor_caps(char *caps, size_t len)
{
	xentoollog_logger quiet = { .vmessage = drop, .destroy = forget };
	const struct xenlibs *x;
	xen_capabilities_info_t info;
	xc_interface *xch;
	char why[256];
	bool ok = false;
	size_t n;

	if (access("/dev/xen/privcmd", R_OK | W_OK) != 0 &&
	    access("/proc/xen/privcmd", R_OK | W_OK) != 0)
		return false;
	if ((x = xenlibs_load(why, sizeof(why))) == NULL)
		return false;
	xch = x->interface_open(&quiet, &quiet, 0);
	if (xch == NULL)
		return false;
	memset(info, 0, sizeof(info));
	if (x->version(xch, XENVER_capabilities, &info) == 0 &&
	    info[0] != '\0') {
		info[sizeof(info) - 1] = '\0';
		/* Xen ends the list with a space; messages quote it. */
		n = strlen(info);
		while (n > 0 && info[n - 1] == ' ')
			info[--n] = '\0';
		snprintf(caps, len, "%s", info);
		ok = true;
	}
	x->interface_close(xch);
	return ok;
}
