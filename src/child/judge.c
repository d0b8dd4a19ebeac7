/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Judges one candidate: our reading of Xen's rules first; on a dom0,
 * libxenguest's parser as a second opinion, and a disagreement between
 * the two is a refusal, since either could be the one that is wrong.
 * A menu's bzImage or compressed kernel: on a dom0 our reading of its
 * notes (kpeek.c) on a boot, and libxenguest's too on -l.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge.h"
#include "kpeek.h"
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
second_opinion(const struct options *o, const struct runtime *rt,
    const unsigned char *buf, size_t len, struct judgement *j, char *why,
    size_t whylen)
{
	char type[32], xgwhy[256];

	j->second_opinion = true;
	if (xgcheck(buf, len, o->domain_type, rt->xen_caps, type, sizeof(type),
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
 * domain o asks for on the hypervisor rt->xen_caps describes.
 */
int
judge_elf(const struct options *o, const struct runtime *rt,
    const unsigned char *buf, size_t len, enum arch arch, struct judgement *j,
    char *why, size_t whylen)
{
	memset(j, 0, sizeof(*j));
	if (elfnote_parse(buf, len, &j->elf, why, whylen) != 0)
		return -1;
	j->parsed = true;
	j->pv_ok = usable(&j->elf, arch, DOMAIN_PV, rt->xen_caps);
	j->pvh_ok = usable(&j->elf, arch, DOMAIN_PVH, rt->xen_caps);
	if (elfnote_check(&j->elf, arch, o->domain_type, rt->xen_caps,
	    &j->verdict, why, whylen) != 0)
		return -1;
	if (rt->second_opinion)
		return second_opinion(o, rt, buf, len, j, why, whylen);
	return 0;
}

/*
 * Our reading of a compressed kernel's Xen notes, decompressed only up
 * to them (kpeek.c): 0 with j->verdict, -1 with why (refused), 1 when it
 * cannot be read that way.
 */
static int
peek_notes(const struct options *o, const struct runtime *rt,
    const unsigned char *buf, size_t len, enum kernel_format f,
    struct judgement *j, char *why, size_t whylen)
{
	const struct xen_codecs *c = xgcheck_codecs();
	struct kpeek_result r;
	char elfwhy[256];
	int rc = 0;

	if (c == NULL)
		return 1;
	switch (kpeek(c, buf, len, f, o->max_file_size, &r, elfwhy,
	    sizeof(elfwhy))) {
	case KPEEK_CANNOT:
		return 1;
	case KPEEK_BAD:
		snprintf(why, whylen, "a %s kernel the domain builder would "
		    "refuse: %s", kformat_name(f), elfwhy);
		return -1;
	case KPEEK_OK:
		break;
	}
	if (elfnote_parse(r.image, (size_t)r.size, &j->elf, elfwhy,
	    sizeof(elfwhy)) != 0 || elfnote_check(&j->elf, ARCH_AUTO,
	    o->domain_type, rt->xen_caps, &j->verdict, elfwhy,
	    sizeof(elfwhy)) != 0) {
		snprintf(why, whylen, "a %s kernel whose ELF (%s) the domain "
		    "builder would refuse: %s", kformat_name(f), r.codec,
		    elfwhy);
		rc = -1;
	}
	free(r.image);
	j->peeked = rc == 0;
	j->peek_read = r.read;
	j->peek_size = r.size;
	j->peek_codec = r.codec;
	return rc;
}

/*
 * Returns 0 when a boot menu's bzImage or compressed kernel (kformat.c
 * has read its format) may boot.  Whether it was built for Xen, and for
 * which guest type, shows only once it is decompressed.  On a dom0 we
 * read its notes, decompressing up to them with libxenguest's own
 * decompressors; whole (-l, or a format read no other way), libxenguest
 * decompresses and parses all of it, as the domain builder will, and
 * must agree.  So a kernel without Xen support is refused here and not
 * by the builder's "Invalid kernel".  Elsewhere there is no hypervisor
 * to judge for: it is accepted.
 */
int
judge_kernel(const struct options *o, const struct runtime *rt,
    const unsigned char *buf, size_t len, enum kernel_format f, bool whole,
    struct judgement *j, char *why, size_t whylen)
{
	char xgwhy[256], type[sizeof(j->verdict.guest_type)];
	int peeked;

	memset(j, 0, sizeof(*j));
	if (!rt->second_opinion)
		return 0;
	peeked = peek_notes(o, rt, buf, len, f, j, why, whylen);
	if (peeked < 0)
		return -1;
	if (peeked == 0 && !whole)
		return 0;
	j->second_opinion = true;
	if (xgcheck(buf, len, o->domain_type, rt->xen_caps, type,
	    sizeof(type), xgwhy, sizeof(xgwhy)) != 0) {
		snprintf(why, whylen, "a %s kernel the domain builder refuses "
		    "(%s)", kformat_name(f), xgwhy);
		return -1;
	}
	if (peeked == 0 && strcmp(type, j->verdict.guest_type) != 0) {
		snprintf(why, whylen, "a %s kernel whose notes we read as "
		    "%s, the domain builder as %s", kformat_name(f),
		    j->verdict.guest_type, type);
		return -1;
	}
	snprintf(j->verdict.guest_type, sizeof(j->verdict.guest_type), "%s",
	    type);
	return 0;
}

/*
 * A boot menu's kernel (or a UKI's .linux) must be of a format the
 * domain builder loads (kformat.c): an ELF is judged as a pvboot ELF
 * is, so that one refused at a pvboot path is not booted through a menu
 * instead; a bzImage or gzip kernel by libxenguest, on a dom0.
 */
int
judge_menu_kernel(const struct options *o, const struct runtime *rt,
    const unsigned char *buf, size_t len, bool whole,
    enum kernel_format *format, struct judgement *j, char *why,
    size_t whylen)
{
	enum kernel_format f;

	f = *format = kformat_detect(buf, len, why, whylen);
	if (f == KERNEL_ELF)
		return judge_elf(o, rt, buf, len, ARCH_AUTO, j, why, whylen);
	if (f == KERNEL_BZIMAGE || f == KERNEL_GZIP)
		return judge_kernel(o, rt, buf, len, f, whole, j, why, whylen);
	return -1;
}
