/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Will the Xen domain builder accept this ELF for this domain?  The rules
 * are those of Xen's libelf (libelf-dominfo.c) and libxenguest's ELF
 * loader, applied to the file's bytes by pure functions: no I/O, no exit,
 * so the child, the unit tests and the fuzzer share them.
 */
#ifndef XENPVBOOT_ELFNOTE_H
#define XENPVBOOT_ELFNOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenpvboot.h"

#define NOTE_STR_LEN		16	/* libelf keeps this much of each */
#define ELF_MAX_NOTES		65536	/* libelf's ELF_MAX_TOTAL_NOTE_COUNT */
#define ELF_MAX_STRING		4096	/* libelf's ELF_MAX_STRING_LENGTH */
#define ELF_UNSET		UINT64_MAX
#define ELF_UNSET32		UINT32_MAX

enum pae_mode {
	PAE_NO,
	PAE_YES,
	PAE_EXTCR3,
	PAE_BIMODAL,
};

/* What the file says: its identity and its Xen notes. */
struct xen_elf {
	unsigned int	 elfclass;	/* ELFCLASS32 or ELFCLASS64 */
	unsigned int	 machine;
	uint64_t	 e_entry;
	uint64_t	 pstart;	/* loadable range, physical */
	uint64_t	 pend;
	unsigned int	 xen_notes;	/* notes named "Xen" */
	unsigned int	 total_notes;
	bool		 legacy;	/* from the __xen_guest section */
	char		 loader[NOTE_STR_LEN];
	char		 guest_os[NOTE_STR_LEN];
	char		 guest_ver[NOTE_STR_LEN];
	char		 xen_ver[NOTE_STR_LEN];
	enum pae_mode	 pae;
	bool		 bsd_symtab;
	uint64_t	 virt_base;
	uint64_t	 virt_entry;
	uint64_t	 paddr_offset;
	uint64_t	 virt_hypercall;
	uint64_t	 hv_start_low;
	uint64_t	 p2m_base;
	uint32_t	 phys_entry;
	uint32_t	 f_supported;
	uint32_t	 f_required;
};

/* What the domain builder would make of it for one domain type. */
struct elf_verdict {
	char		 guest_type[24];	/* "xen-3.0-x86_64", ... */
	uint64_t	 entry;
	uint64_t	 kstart;
	uint64_t	 kend;
};

int	elfnote_parse(const unsigned char *buf, size_t len, struct xen_elf *x,
	    char *why, size_t whylen);
int	elfnote_check(const struct xen_elf *x, enum arch arch,
	    enum domain_type dt, const char *caps, struct elf_verdict *v,
	    char *why, size_t whylen);
const char *elfnote_class_name(unsigned int c);

#endif /* XENPVBOOT_ELFNOTE_H */
