/* SPDX-License-Identifier: GPL-2.0-only */
/* elfcheck(): ELF identity against the architecture of the spec path. */
#define UNIT_NAME "elfcheck"
#include <elf.h>
#include <string.h>

#include "elfcheck.h"
#include "unit.h"

static char why[256];

int
main(void)
{
	Elf64_Ehdr h64;
	Elf32_Ehdr h32;

	memset(&h64, 0, sizeof(h64));
	memcpy(h64.e_ident, ELFMAG, SELFMAG);
	h64.e_ident[EI_CLASS] = ELFCLASS64;
	h64.e_ident[EI_DATA] = ELFDATA2LSB;
	h64.e_machine = EM_X86_64;
	memset(&h32, 0, sizeof(h32));
	memcpy(h32.e_ident, ELFMAG, SELFMAG);
	h32.e_ident[EI_CLASS] = ELFCLASS32;
	h32.e_ident[EI_DATA] = ELFDATA2LSB;
	h32.e_machine = EM_386;

	CHECK("x86_64 header as x86_64", elfcheck((void *)&h64, sizeof(h64),
	    ARCH_X86_64, why, sizeof(why)) == 0);
	CHECK("i386 header as i386", elfcheck((void *)&h32, sizeof(h32),
	    ARCH_I386, why, sizeof(why)) == 0);
	CHECK("i386 header as x86_64", elfcheck((void *)&h32, sizeof(h32),
	    ARCH_X86_64, why, sizeof(why)) == -1 &&
	    strcmp(why, "ELFCLASS32, expected ELFCLASS64 for x86_64") == 0);
	CHECK("x86_64 header as i386", elfcheck((void *)&h64, sizeof(h64),
	    ARCH_I386, why, sizeof(why)) == -1 &&
	    strcmp(why, "ELFCLASS64, expected ELFCLASS32 for i386") == 0);
	CHECK("empty file", elfcheck((void *)&h64, 0, ARCH_X86_64, why,
	    sizeof(why)) == -1 && strcmp(why, "not an ELF file") == 0);
	CHECK("identity only, header cut", elfcheck((void *)&h64, EI_NIDENT,
	    ARCH_X86_64, why, sizeof(why)) == -1 &&
	    strcmp(why, "ELF header truncated") == 0);
	h64.e_machine = EM_AARCH64;
	CHECK("aarch64 as x86_64", elfcheck((void *)&h64, sizeof(h64),
	    ARCH_X86_64, why, sizeof(why)) == -1 &&
	    strstr(why, "expected EM_X86_64") != NULL);
	h64.e_machine = EM_X86_64;
	h64.e_ident[EI_DATA] = ELFDATA2MSB;
	CHECK("big-endian", elfcheck((void *)&h64, sizeof(h64), ARCH_X86_64,
	    why, sizeof(why)) == -1);
	h64.e_ident[EI_DATA] = ELFDATA2LSB;
	h64.e_ident[EI_CLASS] = 7;
	CHECK("invalid class", elfcheck((void *)&h64, sizeof(h64),
	    ARCH_X86_64, why, sizeof(why)) == -1 &&
	    strstr(why, "invalid ELF class") != NULL);
	return unit_failed;
}
