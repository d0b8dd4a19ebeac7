/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * elfnote_parse() and elfnote_check() on Debian's real grub-xen images
 * (when installed) and on every truncation of their headers and notes:
 * each must be a clean refusal, never a crash or an acceptance.
 */
#define UNIT_NAME "elfnote"
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child/elfnote.h"
#include "parent/hypervisor.h"
#include "slurp.h"
#include "unit.h"

#define CAPS64	DEFAULT_XEN_CAPS
#define CAPS32	"xen-3.0-x86_64 xen-3.0-x86_32p hvm-3.0-x86_32"

static char why[512];

static int
verdict(const unsigned char *buf, size_t len, enum arch a,
    enum domain_type dt, const char *caps, struct elf_verdict *v)
{
	struct xen_elf x;

	if (elfnote_parse(buf, len, &x, why, sizeof(why)) != 0)
		return -1;
	return elfnote_check(&x, a, dt, caps, v, why, sizeof(why));
}

/*
 * Every cut of the file below the end of its notes: refused, and the
 * reason is a sentence, not garbage.
 */
static void
truncations(const char *name, const unsigned char *buf, size_t len,
    enum arch a, enum domain_type dt)
{
	struct elf_verdict v;
	char label[128];
	size_t cut, bad = 0, step;

	for (cut = 0; cut < len; cut += step) {
		step = cut < 8192 ? 1 : cut > len - 8192 ? 1 : 4093;
		if (verdict(buf, cut, a, dt, CAPS32, &v) == 0 ||
		    why[0] == '\0')
			bad++;
	}
	snprintf(label, sizeof(label), "%s: every truncation refused", name);
	CHECK(label, bad == 0);
}

static void
real_images(void)
{
	struct elf_verdict v;
	unsigned char *x64, *i386, *pvh;
	size_t n64, n386, npvh;

	x64 = slurp("/usr/lib/grub-xen/grub-x86_64-xen.bin", &n64);
	i386 = slurp("/usr/lib/grub-xen/grub-i386-xen.bin", &n386);
	pvh = slurp("/usr/lib/grub-xen/grub-i386-xen_pvh.bin", &npvh);
	if (x64 == NULL || i386 == NULL || pvh == NULL) {
		printf("skip unit/elfnote: grub-xen-host not installed\n");
		return;
	}
	CHECK("grub x86_64 boots PV as xen-3.0-x86_64",
	    verdict(x64, n64, ARCH_X86_64, DOMAIN_PV, CAPS64, &v) == 0 &&
	    strcmp(v.guest_type, "xen-3.0-x86_64") == 0);
	CHECK("grub x86_64 is no PVH image",
	    verdict(x64, n64, ARCH_X86_64, DOMAIN_PVH, CAPS64, &v) == -1 &&
	    strstr(why, "PHYS32_ENTRY") != NULL);
	/* Its PAE_MODE note runs past its segment and the file: Xen reads it. */
	CHECK("grub i386 (PAE_MODE quirk) is x86_32p",
	    verdict(i386, n386, ARCH_I386, DOMAIN_PV, CAPS32, &v) == 0 &&
	    strcmp(v.guest_type, "xen-3.0-x86_32p") == 0);
	CHECK("grub i386 refused without xen-3.0-x86_32p",
	    verdict(i386, n386, ARCH_I386, DOMAIN_PV, CAPS64, &v) == -1 &&
	    strstr(why, "xen-3.0-x86_32p is not in the hypervisor's") != NULL);
	CHECK("grub i386 at the x86_64 path",
	    verdict(i386, n386, ARCH_X86_64, DOMAIN_PV, CAPS32, &v) == -1 &&
	    strcmp(why, "ELFCLASS32, expected ELFCLASS64 for x86_64") == 0);
	CHECK("grub PVH boots PVH at its PHYS32_ENTRY",
	    verdict(pvh, npvh, ARCH_I386, DOMAIN_PVH, CAPS64, &v) == 0 &&
	    strcmp(v.guest_type, "hvm-3.0-x86_32") == 0 &&
	    v.entry == 0x100000);
	CHECK("grub PVH refused as PV",
	    verdict(pvh, npvh, ARCH_I386, DOMAIN_PV, CAPS32, &v) == -1 &&
	    strstr(why, "LOADER") != NULL);
	CHECK("PVH needs hvm-3.0-x86_32 in the caps",
	    verdict(pvh, npvh, ARCH_I386, DOMAIN_PVH, "xen-3.0-x86_64", &v) ==
	    -1 && strstr(why, "hvm-3.0-x86_32 is not in") != NULL);
	truncations("grub x86_64", x64, n64, ARCH_X86_64, DOMAIN_PV);
	truncations("grub i386", i386, n386, ARCH_I386, DOMAIN_PV);
	truncations("grub pvh", pvh, npvh, ARCH_I386, DOMAIN_PVH);
	free(x64);
	free(i386);
	free(pvh);
}

static void
headers(void)
{
	unsigned char e[sizeof(Elf64_Ehdr)];
	struct xen_elf x;

	memset(e, 0, sizeof(e));
	memcpy(e, ELFMAG, SELFMAG);
	e[EI_CLASS] = ELFCLASS64;
	e[EI_DATA] = ELFDATA2LSB;
	e[offsetof(Elf64_Ehdr, e_machine)] = EM_X86_64;
	CHECK("bare header parses", elfnote_parse(e, sizeof(e), &x, why,
	    sizeof(why)) == 0 && x.xen_notes == 0);
	CHECK("empty file", elfnote_parse(e, 0, &x, why, sizeof(why)) == -1 &&
	    strcmp(why, "not an ELF file") == 0);
	CHECK("identity only", elfnote_parse(e, EI_NIDENT, &x, why,
	    sizeof(why)) == -1 && strcmp(why, "ELF header truncated") == 0);
	e[EI_CLASS] = 7;
	CHECK("invalid class", elfnote_parse(e, sizeof(e), &x, why,
	    sizeof(why)) == -1 && strstr(why, "invalid ELF class") != NULL);
	e[EI_CLASS] = ELFCLASS64;
	e[EI_DATA] = ELFDATA2MSB;
	CHECK("big-endian", elfnote_parse(e, sizeof(e), &x, why,
	    sizeof(why)) == -1);
	e[EI_DATA] = ELFDATA2LSB;
	/* e_phnum = 1 with e_phoff 0: the table overlaps only the header. */
	e[offsetof(Elf64_Ehdr, e_phnum)] = 2;
	e[offsetof(Elf64_Ehdr, e_phentsize)] = sizeof(Elf64_Phdr);
	CHECK("program headers past the end", elfnote_parse(e, sizeof(e), &x,
	    why, sizeof(why)) == -1 && strstr(why, "program headers") != NULL);
	e[offsetof(Elf64_Ehdr, e_phentsize)] = 8;
	CHECK("e_phentsize too small", elfnote_parse(e, sizeof(e), &x, why,
	    sizeof(why)) == -1 && strstr(why, "e_phentsize") != NULL);
}

int
main(void)
{
	headers();
	real_images();
	return unit_failed;
}
