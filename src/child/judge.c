/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Judges one candidate: our reading of Xen's rules first; on a dom0,
 * libxenguest's parser as a second opinion, and a disagreement between
 * the two is a refusal, since either could be the one that is wrong.
 */
#include <stdio.h>
#include <string.h>

#include "judge.h"
#include "xgcheck.h"

static bool
usable(const struct xen_elf *x, enum arch arch, enum domain_type dt,
    const char *caps)
{
	struct elf_verdict v;
	char why[8];

	return elfnote_check(x, arch, dt, caps, &v, why, sizeof(why)) == 0;
}

static int
second_opinion(const struct options *o, const unsigned char *buf,
    size_t len, struct judgement *j, char *why, size_t whylen)
{
	char type[32], xgwhy[256];

	j->second_opinion = true;
	if (xgcheck(buf, len, o->domain_type, o->xen_caps, type, sizeof(type),
	    xgwhy, sizeof(xgwhy)) != 0) {
		snprintf(why, whylen, "we accept it as %s but the domain "
		    "builder refuses it (%s)", j->verdict.guest_type, xgwhy);
		return -1;
	}
	if (strcmp(type, j->verdict.guest_type) != 0) {
		snprintf(why, whylen, "we see guest type %s, the domain "
		    "builder %s", j->verdict.guest_type, type);
		return -1;
	}
	return 0;
}

/*
 * Returns 0 when the ELF at a spec path of this arch may boot the
 * domain o asks for on the hypervisor o->xen_caps describes.
 */
int
judge_elf(const struct options *o, const unsigned char *buf, size_t len,
    enum arch arch, struct judgement *j, char *why, size_t whylen)
{
	memset(j, 0, sizeof(*j));
	if (elfnote_parse(buf, len, &j->elf, why, whylen) != 0)
		return -1;
	j->parsed = true;
	j->pv_ok = usable(&j->elf, arch, DOMAIN_PV, o->xen_caps);
	j->pvh_ok = usable(&j->elf, arch, DOMAIN_PVH, o->xen_caps);
	if (elfnote_check(&j->elf, arch, o->domain_type, o->xen_caps,
	    &j->verdict, why, whylen) != 0)
		return -1;
	if (o->second_opinion)
		return second_opinion(o, buf, len, j, why, whylen);
	return 0;
}
