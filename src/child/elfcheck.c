/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The checks here are the ELF identity: magic, class, byte order and
 * machine against the architecture the path names.  The Xen ELF notes
 * (libelf's rules) are checked by the note validator layered on top.
 */
#include <elf.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "elfcheck.h"

static const char *
class_name(unsigned char c)
{
	switch (c) {
	case ELFCLASS32:	return "ELFCLASS32";
	case ELFCLASS64:	return "ELFCLASS64";
	default:		return "an invalid ELF class";
	}
}

static unsigned int
le16(const unsigned char *p)
{
	return p[0] | (unsigned int)p[1] << 8;
}

/* Returns 0 when the ELF may be booted as arch, else -1 and why. */
int
elfcheck(const unsigned char *buf, size_t len, enum arch arch, char *why,
    size_t whylen)
{
	unsigned char want_class = arch == ARCH_I386 ? ELFCLASS32 : ELFCLASS64;
	unsigned int want_machine = arch == ARCH_I386 ? EM_386 : EM_X86_64;
	size_t hdrlen = arch == ARCH_I386 ? sizeof(Elf32_Ehdr) :
	    sizeof(Elf64_Ehdr);
	unsigned int machine;

	if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0) {
		snprintf(why, whylen, "not an ELF file");
		return -1;
	}
	if (buf[EI_CLASS] != want_class) {
		snprintf(why, whylen, "%s, expected %s for %s",
		    class_name(buf[EI_CLASS]), class_name(want_class),
		    arch_name(arch));
		return -1;
	}
	if (buf[EI_DATA] != ELFDATA2LSB) {
		snprintf(why, whylen, "not little-endian");
		return -1;
	}
	if (len < hdrlen) {
		snprintf(why, whylen, "ELF header truncated");
		return -1;
	}
	/* e_machine sits at the same offset in both classes. */
	machine = le16(buf + offsetof(Elf64_Ehdr, e_machine));
	if (machine != want_machine) {
		snprintf(why, whylen, "ELF machine %u, expected %s for %s",
		    machine, want_machine == EM_386 ? "EM_386" : "EM_X86_64",
		    arch_name(arch));
		return -1;
	}
	return 0;
}
