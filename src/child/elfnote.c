/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Xen domain builder's view of an ELF, computed from the bytes alone.
 *
 * elfnote_parse() reads the headers and the Xen notes the way libelf does
 * (PT_NOTE segments, then SHT_NOTE sections, then the legacy __xen_guest
 * string), with every offset and size checked against the file in 64-bit
 * arithmetic.  elfnote_check() then applies libelf's and libxenguest's
 * acceptance rules for a PV or PVH domain and the hypervisor's
 * capabilities.  Where libelf would read past a structure's end but
 * still inside the file (Debian's grub-i386-xen.bin has such a PAE_MODE
 * note), so do we: the file is the bound, as it is for Xen.
 */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfnote.h"

/* The Xen note types (xen/include/public/elfnote.h). */
enum {
	XEN_ELFNOTE_ENTRY = 1,
	XEN_ELFNOTE_HYPERCALL_PAGE = 2,
	XEN_ELFNOTE_VIRT_BASE = 3,
	XEN_ELFNOTE_PADDR_OFFSET = 4,
	XEN_ELFNOTE_XEN_VERSION = 5,
	XEN_ELFNOTE_GUEST_OS = 6,
	XEN_ELFNOTE_GUEST_VERSION = 7,
	XEN_ELFNOTE_LOADER = 8,
	XEN_ELFNOTE_PAE_MODE = 9,
	XEN_ELFNOTE_FEATURES = 10,
	XEN_ELFNOTE_BSD_SYMTAB = 11,
	XEN_ELFNOTE_HV_START_LOW = 12,
	XEN_ELFNOTE_L1_MFN_VALID = 13,
	XEN_ELFNOTE_SUSPEND_CANCEL = 14,
	XEN_ELFNOTE_INIT_P2M = 15,
	XEN_ELFNOTE_MOD_START_PFN = 16,
	XEN_ELFNOTE_SUPPORTED_FEATURES = 17,
	XEN_ELFNOTE_PHYS32_ENTRY = 18,
	XEN_ELFNOTE_MAX = XEN_ELFNOTE_PHYS32_ENTRY,
};

/* Feature bits that FEATURES may name (xen/include/public/features.h). */
static const char *const feature_names[] = {
	[0] = "writable_page_tables",
	[1] = "writable_descriptor_tables",
	[2] = "auto_translated_physmap",
	[3] = "supervisor_mode_kernel",
	[4] = "pae_pgdir_above_4gb",
	[8] = "hvm_callback_vector",
	[11] = "dom0",
};
#define NFEATURES	(sizeof(feature_names) / sizeof(feature_names[0]))
#define XENFEAT_dom0	11

/* Which notes hold strings; the others hold numbers. */
static const bool note_is_string[XEN_ELFNOTE_MAX + 1] = {
	[XEN_ELFNOTE_XEN_VERSION] = true,
	[XEN_ELFNOTE_GUEST_OS] = true,
	[XEN_ELFNOTE_GUEST_VERSION] = true,
	[XEN_ELFNOTE_LOADER] = true,
	[XEN_ELFNOTE_PAE_MODE] = true,
	[XEN_ELFNOTE_FEATURES] = true,
	[XEN_ELFNOTE_BSD_SYMTAB] = true,
};

struct image {
	const unsigned char	*buf;
	uint64_t		 len;
	bool			 is64;
	char			*why;
	size_t			 whylen;
};

#define FAIL(im, ...) (snprintf((im)->why, (im)->whylen, __VA_ARGS__), -1)

/* [off, off + n) lies inside the file. */
static bool
inside(const struct image *im, uint64_t off, uint64_t n)
{
	return off <= im->len && n <= im->len - off;
}

/* A little-endian field of 1 to 8 bytes, already known to be inside. */
static uint64_t
le(const struct image *im, uint64_t off, size_t n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | im->buf[off + n];
	return v;
}

#define MEMBER_SIZE(type, m)	sizeof(((type *)0)->m)
#define FIELD(im, base, t32, t64, m)					\
	le((im), (base) + ((im)->is64 ? offsetof(t64, m) :		\
	    offsetof(t32, m)), (im)->is64 ? MEMBER_SIZE(t64, m) :	\
	    MEMBER_SIZE(t32, m))
#define EHDR(im, m)		FIELD(im, 0, Elf32_Ehdr, Elf64_Ehdr, m)
#define PHDR(im, off, m)	FIELD(im, off, Elf32_Phdr, Elf64_Phdr, m)
#define SHDR(im, off, m)	FIELD(im, off, Elf32_Shdr, Elf64_Shdr, m)

/*
 * Copies the NUL-terminated string at off, as libelf's elf_strval reads
 * it: terminated inside the file and within ELF_MAX_STRING bytes.  The
 * copy is cut to outlen, as libelf's safe_strcpy cuts it.
 */
static int
string_at(const struct image *im, uint64_t off, char *out, size_t outlen,
    const char *what)
{
	const unsigned char *nul;
	uint64_t room;

	if (off >= im->len)
		return FAIL(im, "%s outside the file", what);
	room = im->len - off;
	if (room > ELF_MAX_STRING)
		room = ELF_MAX_STRING;
	nul = memchr(im->buf + off, '\0', (size_t)room);
	if (nul == NULL)
		return FAIL(im, "%s is not a terminated string", what);
	if (out != NULL)
		snprintf(out, outlen, "%s", (const char *)im->buf + off);
	return 0;
}

static const char *
note_name(unsigned int type)
{
	static const char *const names[XEN_ELFNOTE_MAX + 1] = {
		"?", "ENTRY", "HYPERCALL_PAGE", "VIRT_BASE", "PADDR_OFFSET",
		"XEN_VERSION", "GUEST_OS", "GUEST_VERSION", "LOADER",
		"PAE_MODE", "FEATURES", "BSD_SYMTAB", "HV_START_LOW",
		"L1_MFN_VALID", "SUSPEND_CANCEL", "INIT_P2M", "MOD_START_PFN",
		"SUPPORTED_FEATURES", "PHYS32_ENTRY",
	};

	return type <= XEN_ELFNOTE_MAX ? names[type] : "?";
}

/*
 * FEATURES: "a|b|!c", '!' marking a required feature.  As in libelf, an
 * unknown required feature makes the image unbootable; unknown optional
 * ones are ignored.
 */
static int
parse_features(const struct image *im, const char *s, struct xen_elf *x)
{
	char tok[64];
	size_t n, i;
	const char *name;
	bool req;

	while (*s != '\0') {
		n = strcspn(s, "|");
		if (n >= sizeof(tok))
			n = sizeof(tok) - 1;
		memcpy(tok, s, n);
		tok[n] = '\0';
		s += n;
		if (*s == '|')
			s++;
		req = tok[0] == '!';
		name = tok + (req ? 1 : 0);
		for (i = 0; i < NFEATURES; i++)
			if (feature_names[i] != NULL &&
			    strcmp(name, feature_names[i]) == 0)
				break;
		if (i == NFEATURES) {
			if (req)
				return FAIL(im, "FEATURES note requires "
				    "unknown feature '%s'", name);
			continue;
		}
		x->f_supported |= 1u << i;
		if (req)
			x->f_required |= 1u << i;
	}
	return 0;
}

static int
take_string_note(const struct image *im, unsigned int type, const char *s,
    struct xen_elf *x)
{
	switch (type) {
	case XEN_ELFNOTE_LOADER:
		snprintf(x->loader, sizeof(x->loader), "%s", s);
		break;
	case XEN_ELFNOTE_GUEST_OS:
		snprintf(x->guest_os, sizeof(x->guest_os), "%s", s);
		break;
	case XEN_ELFNOTE_GUEST_VERSION:
		snprintf(x->guest_ver, sizeof(x->guest_ver), "%s", s);
		break;
	case XEN_ELFNOTE_XEN_VERSION:
		snprintf(x->xen_ver, sizeof(x->xen_ver), "%s", s);
		break;
	case XEN_ELFNOTE_PAE_MODE:
		if (strcmp(s, "yes") == 0)
			x->pae = PAE_EXTCR3;
		if (strstr(s, "bimodal") != NULL)
			x->pae = PAE_BIMODAL;
		break;
	case XEN_ELFNOTE_BSD_SYMTAB:
		if (strcmp(s, "yes") == 0)
			x->bsd_symtab = true;
		break;
	case XEN_ELFNOTE_FEATURES:
		return parse_features(im, s, x);
	}
	return 0;
}

static void
take_number_note(unsigned int type, uint64_t v, struct xen_elf *x)
{
	switch (type) {
	case XEN_ELFNOTE_ENTRY:		x->virt_entry = v; break;
	case XEN_ELFNOTE_HYPERCALL_PAGE: x->virt_hypercall = v; break;
	case XEN_ELFNOTE_VIRT_BASE:	x->virt_base = v; break;
	case XEN_ELFNOTE_PADDR_OFFSET:	x->paddr_offset = v; break;
	case XEN_ELFNOTE_HV_START_LOW:	x->hv_start_low = v; break;
	case XEN_ELFNOTE_INIT_P2M:	x->p2m_base = v; break;
	case XEN_ELFNOTE_PHYS32_ENTRY:	x->phys_entry = (uint32_t)v; break;
	case XEN_ELFNOTE_SUPPORTED_FEATURES:
		x->f_supported |= (uint32_t)v;
		break;
	}
}

/* One note named "Xen" at off whose descriptor starts at desc. */
static int
xen_note(const struct image *im, uint64_t desc, uint64_t descsz,
    unsigned int type, struct xen_elf *x)
{
	char str[ELF_MAX_STRING], what[48];
	uint64_t v = 0;

	if (type == 0 || type > XEN_ELFNOTE_MAX)
		return 0;	/* libelf ignores types it does not know */
	if (note_is_string[type]) {
		snprintf(what, sizeof(what), "note %s", note_name(type));
		if (string_at(im, desc, str, sizeof(str), what) != 0)
			return -1;
		return take_string_note(im, type, str, x);
	}
	/* libelf reads 1, 2, 4 or 8 bytes; other sizes mean 0. */
	if (descsz == 1 || descsz == 2 || descsz == 4 || descsz == 8) {
		if (!inside(im, desc, descsz))
			return FAIL(im, "note %s outside the file",
			    note_name(type));
		v = le(im, desc, (size_t)descsz);
	}
	take_number_note(type, v, x);
	return 0;
}

static uint64_t
round4(uint64_t n)
{
	return (n + 3) & ~(uint64_t)3;
}

/*
 * Walks the notes in [start, end).  A note counts when its header starts
 * before end; its name and descriptor must lie in the file.
 */
static int
walk_notes(const struct image *im, uint64_t start, uint64_t end,
    struct xen_elf *x, unsigned int *found)
{
	char name[8];
	uint64_t off, namesz, descsz, desc, next;
	unsigned int type;

	*found = 0;
	if (end < start || end > im->len)
		return FAIL(im, "note area %#" PRIx64 "-%#" PRIx64
		    " outside the file", start, end);
	for (off = start; off < end; off = next) {
		if (++x->total_notes > ELF_MAX_NOTES)
			return FAIL(im, "more than %d ELF notes",
			    ELF_MAX_NOTES);
		if (!inside(im, off, 12))
			return FAIL(im, "note header at %#" PRIx64
			    " outside the file", off);
		namesz = le(im, off, 4);
		descsz = le(im, off + 4, 4);
		type = (unsigned int)le(im, off + 8, 4);
		desc = off + 12 + round4(namesz);
		next = desc + round4(descsz);
		if (namesz == 0)
			continue;
		if (string_at(im, off + 12, name, sizeof(name),
		    "note name") != 0)
			return -1;
		if (strcmp(name, "Xen") != 0)
			continue;
		if (xen_note(im, desc, descsz, type, x) != 0)
			return -1;
		(*found)++;
	}
	return 0;
}

/* "KEY=VALUE,..." of the legacy __xen_guest section, as libelf reads it. */
static int
legacy_pair(const struct image *im, const char *k, const char *v,
    struct xen_elf *x)
{
	if (strcmp(k, "LOADER") == 0)
		snprintf(x->loader, sizeof(x->loader), "%s", v);
	else if (strcmp(k, "GUEST_OS") == 0)
		snprintf(x->guest_os, sizeof(x->guest_os), "%s", v);
	else if (strcmp(k, "GUEST_VER") == 0)
		snprintf(x->guest_ver, sizeof(x->guest_ver), "%s", v);
	else if (strcmp(k, "XEN_VER") == 0)
		snprintf(x->xen_ver, sizeof(x->xen_ver), "%s", v);
	else if (strcmp(k, "PAE") == 0) {
		if (strcmp(v, "yes[extended-cr3]") == 0)
			x->pae = PAE_EXTCR3;
		else if (strncmp(v, "yes", 3) == 0)
			x->pae = PAE_YES;
	} else if (strcmp(k, "BSD_SYMTAB") == 0)
		x->bsd_symtab = true;
	else if (strcmp(k, "VIRT_BASE") == 0)
		x->virt_base = strtoull(v, NULL, 0);
	else if (strcmp(k, "VIRT_ENTRY") == 0)
		x->virt_entry = strtoull(v, NULL, 0);
	else if (strcmp(k, "ELF_PADDR_OFFSET") == 0)
		x->paddr_offset = strtoull(v, NULL, 0);
	else if (strcmp(k, "HYPERCALL_PAGE") == 0)
		x->virt_hypercall = strtoull(v, NULL, 0) << 12;
	else if (strcmp(k, "FEATURES") == 0)
		return parse_features(im, v, x);
	return 0;
}

static int
parse_legacy(const struct image *im, uint64_t off, struct xen_elf *x)
{
	char s[ELF_MAX_STRING], *p, *eq, *comma;

	if (string_at(im, off, s, sizeof(s), "__xen_guest section") != 0)
		return -1;
	x->legacy = true;
	for (p = s; *p != '\0'; p = comma) {
		comma = p + strcspn(p, ",");
		if (*comma == ',')
			*comma++ = '\0';
		eq = strchr(p, '=');
		if (eq != NULL)
			*eq++ = '\0';
		/* libelf keeps 31 bytes of a key and 127 of a value. */
		if (strlen(p) > 31)
			p[31] = '\0';
		if (eq != NULL && strlen(eq) > 127)
			eq[127] = '\0';
		if (legacy_pair(im, p, eq != NULL ? eq : "", x) != 0)
			return -1;
	}
	if (x->virt_base != ELF_UNSET && x->virt_hypercall != ELF_UNSET)
		x->virt_hypercall += x->virt_base;
	return 0;
}

struct tables {
	uint64_t	 phoff, phentsize, phnum;
	uint64_t	 shoff, shentsize, shnum, shstrndx;
};

/* Both header tables must lie in the file, as libelf's elf_init asks. */
static int
read_tables(const struct image *im, struct tables *t)
{
	uint64_t phsz = im->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	uint64_t shsz = im->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);

	t->phoff = EHDR(im, e_phoff);
	t->phentsize = EHDR(im, e_phentsize);
	t->phnum = EHDR(im, e_phnum);
	t->shoff = EHDR(im, e_shoff);
	t->shentsize = EHDR(im, e_shentsize);
	t->shnum = EHDR(im, e_shnum);
	t->shstrndx = EHDR(im, e_shstrndx);
	if (t->phnum > 0 && t->phentsize < phsz)
		return FAIL(im, "e_phentsize %" PRIu64 " is smaller than a "
		    "program header", t->phentsize);
	if (!inside(im, t->phoff, t->phentsize * t->phnum))
		return FAIL(im, "program headers (%" PRIu64 " at %#" PRIx64
		    ") outside the file", t->phnum, t->phoff);
	if (t->shnum > 0 && t->shentsize < shsz)
		return FAIL(im, "e_shentsize %" PRIu64 " is smaller than a "
		    "section header", t->shentsize);
	if (!inside(im, t->shoff, t->shentsize * t->shnum))
		return FAIL(im, "section headers (%" PRIu64 " at %#" PRIx64
		    ") outside the file", t->shnum, t->shoff);
	return 0;
}

/* The loadable range, and every loadable segment inside the file. */
static int
load_range(const struct image *im, const struct tables *t,
    struct xen_elf *x)
{
	uint64_t i, ph, paddr, memsz, off, filesz;

	x->pstart = UINT64_MAX;
	x->pend = 0;
	for (i = 0; i < t->phnum; i++) {
		ph = t->phoff + i * t->phentsize;
		if (PHDR(im, ph, p_type) != PT_LOAD ||
		    (PHDR(im, ph, p_flags) & (PF_R | PF_W | PF_X)) == 0)
			continue;
		paddr = PHDR(im, ph, p_paddr);
		memsz = PHDR(im, ph, p_memsz);
		off = PHDR(im, ph, p_offset);
		filesz = PHDR(im, ph, p_filesz);
		if (!inside(im, off, filesz))
			return FAIL(im, "segment %" PRIu64 " outside the file",
			    i);
		if (filesz > memsz || paddr + memsz < paddr)
			return FAIL(im, "segment %" PRIu64 " has impossible "
			    "sizes", i);
		if (paddr < x->pstart)
			x->pstart = paddr;
		if (paddr + memsz > x->pend)
			x->pend = paddr + memsz;
	}
	return 0;
}

static int
notes_from_segments(const struct image *im, const struct tables *t,
    struct xen_elf *x)
{
	uint64_t i, ph, off, sz;
	unsigned int n;

	for (i = 0; i < t->phnum; i++) {
		ph = t->phoff + i * t->phentsize;
		if (PHDR(im, ph, p_type) != PT_NOTE)
			continue;
		off = PHDR(im, ph, p_offset);
		sz = PHDR(im, ph, p_filesz);
		/* Some binutils leave p_offset 0 in note segments. */
		if (off == 0)
			continue;
		if (off + sz < off)
			return FAIL(im, "note segment %" PRIu64 " overflows", i);
		if (walk_notes(im, off, off + sz, x, &n) != 0)
			return -1;
		x->xen_notes += n;
	}
	return 0;
}

static int
notes_from_sections(const struct image *im, const struct tables *t,
    struct xen_elf *x)
{
	uint64_t i, sh, off, sz;
	unsigned int n;

	for (i = 1; i < t->shnum; i++) {
		sh = t->shoff + i * t->shentsize;
		if (SHDR(im, sh, sh_type) != SHT_NOTE)
			continue;
		off = SHDR(im, sh, sh_offset);
		sz = SHDR(im, sh, sh_size);
		if (off + sz < off)
			return FAIL(im, "note section %" PRIu64 " overflows", i);
		if (walk_notes(im, off, off + sz, x, &n) != 0)
			return -1;
		x->xen_notes += n;
	}
	return 0;
}

/* The section named __xen_guest, found through the section name table. */
static int
legacy_section(const struct image *im, const struct tables *t,
    uint64_t *off)
{
	uint64_t i, sh, names;
	char name[16];

	*off = 0;
	if (t->shstrndx == SHN_UNDEF || t->shstrndx >= t->shnum)
		return 0;
	names = SHDR(im, t->shoff + t->shstrndx * t->shentsize, sh_offset);
	for (i = 1; i < t->shnum; i++) {
		sh = t->shoff + i * t->shentsize;
		if (names + SHDR(im, sh, sh_name) < names ||
		    string_at(im, names + SHDR(im, sh, sh_name), name,
		    sizeof(name), "section name") != 0)
			continue;
		if (strcmp(name, "__xen_guest") == 0) {
			*off = SHDR(im, sh, sh_offset);
			return 1;
		}
	}
	return 0;
}

static void
init_notes(struct xen_elf *x)
{
	memset(x, 0, sizeof(*x));
	x->virt_base = ELF_UNSET;
	x->virt_entry = ELF_UNSET;
	x->virt_hypercall = ELF_UNSET;
	x->hv_start_low = ELF_UNSET;
	x->p2m_base = ELF_UNSET;
	x->paddr_offset = ELF_UNSET;
	x->phys_entry = ELF_UNSET32;
}

/*
 * Reads an ELF's identity, load range and Xen notes.  Returns 0, or -1
 * with why set when the file is malformed.
 */
int
elfnote_parse(const unsigned char *buf, size_t len, struct xen_elf *x,
    char *why, size_t whylen)
{
	struct image im = { .buf = buf, .len = len, .why = why,
	    .whylen = whylen };
	struct tables t;
	uint64_t legacy;

	init_notes(x);
	if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0)
		return FAIL(&im, "not an ELF file");
	x->elfclass = buf[EI_CLASS];
	if (x->elfclass != ELFCLASS32 && x->elfclass != ELFCLASS64)
		return FAIL(&im, "invalid ELF class %u", x->elfclass);
	if (buf[EI_DATA] != ELFDATA2LSB)
		return FAIL(&im, "not a little-endian ELF");
	im.is64 = x->elfclass == ELFCLASS64;
	if (len < (im.is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		return FAIL(&im, "ELF header truncated");
	x->machine = (unsigned int)EHDR(&im, e_machine);
	x->e_entry = EHDR(&im, e_entry);
	if (read_tables(&im, &t) != 0 || load_range(&im, &t, x) != 0 ||
	    notes_from_segments(&im, &t, x) != 0)
		return -1;
	if (x->xen_notes == 0 && notes_from_sections(&im, &t, x) != 0)
		return -1;
	if (x->xen_notes == 0 && legacy_section(&im, &t, &legacy) == 1 &&
	    parse_legacy(&im, legacy, x) != 0)
		return -1;
	return 0;
}

const char *
elfnote_class_name(unsigned int c)
{
	switch (c) {
	case ELFCLASS32:	return "ELFCLASS32";
	case ELFCLASS64:	return "ELFCLASS64";
	default:		return "an invalid ELF class";
	}
}

/* The class and machine that the spec path's ARCH asks for. */
static int
check_width(const struct xen_elf *x, enum arch arch, char *why,
    size_t whylen)
{
	unsigned int want_class = arch == ARCH_I386 ? ELFCLASS32 : ELFCLASS64;
	unsigned int want_machine = arch == ARCH_I386 ? EM_386 : EM_X86_64;

	if (arch == ARCH_AUTO) {
		if (x->machine == EM_386 || x->machine == EM_X86_64)
			return 0;
		snprintf(why, whylen, "ELF machine %u is not x86", x->machine);
		return -1;
	}
	if (x->elfclass != want_class) {
		snprintf(why, whylen, "%s, expected %s for %s",
		    elfnote_class_name(x->elfclass),
		    elfnote_class_name(want_class), arch_name(arch));
		return -1;
	}
	if (x->machine != want_machine) {
		snprintf(why, whylen, "ELF machine %u, expected %s for %s",
		    x->machine, want_machine == EM_386 ? "EM_386" :
		    "EM_X86_64", arch_name(arch));
		return -1;
	}
	return 0;
}

/* libelf's elf_xen_note_check(). */
static int
check_notes(const struct xen_elf *x, bool hvm, char *why, size_t whylen)
{
	if (x->xen_notes == 0 && !x->legacy) {
		snprintf(why, whylen, "not a Xen ELF: no Xen ELF notes or "
		    "__xen_guest section (not built for Xen)");
		return -1;
	}
	if (hvm) {
		if (x->phys_entry != ELF_UNSET32)
			return 0;
		snprintf(why, whylen, "no XEN_ELFNOTE_PHYS32_ENTRY: cannot "
		    "boot as PVH (boot the guest as PV, or install a PVH "
		    "GRUB)");
		return -1;
	}
	if (strncmp(x->loader, "generic", 7) != 0 &&
	    strncmp(x->guest_os, "linux", 5) != 0) {
		snprintf(why, whylen, "Xen loads only LOADER \"generic\" or "
		    "GUEST_OS \"linux\" images (LOADER \"%s\", GUEST_OS "
		    "\"%s\")", x->loader, x->guest_os);
		return -1;
	}
	if (strncmp(x->xen_ver, "xen-3.0", 7) != 0) {
		snprintf(why, whylen, "XEN_VERSION \"%s\", Xen loads only "
		    "\"xen-3.0\" images", x->xen_ver);
		return -1;
	}
	return 0;
}

/* libelf's elf_xen_addr_calc_check(). */
static int
check_addresses(const struct xen_elf *x, bool hvm, struct elf_verdict *v,
    char *why, size_t whylen)
{
	uint64_t base = x->virt_base, poff = x->paddr_offset, off;

	if (poff != ELF_UNSET && base == ELF_UNSET && !hvm) {
		snprintf(why, whylen, "PADDR_OFFSET set but VIRT_BASE not");
		return -1;
	}
	if (base == ELF_UNSET || hvm)
		base = 0;
	if (poff == ELF_UNSET || hvm)
		poff = x->xen_notes > 0 || hvm ? 0 : base;
	off = base - poff;
	v->kstart = x->pstart + off;
	v->kend = x->pend + off;
	if (hvm && x->phys_entry != ELF_UNSET32)
		v->entry = x->phys_entry;
	else if (x->virt_entry == ELF_UNSET || hvm)
		v->entry = x->e_entry;
	else
		v->entry = x->virt_entry;
	if (x->pstart > x->pend) {
		snprintf(why, whylen, "no loadable segment");
		return -1;
	}
	if (v->kstart > v->kend || v->entry < v->kstart ||
	    v->entry > v->kend || base > v->kstart) {
		snprintf(why, whylen, "entry %#" PRIx64 " or start out of "
		    "the kernel's bounds %#" PRIx64 "-%#" PRIx64, v->entry,
		    v->kstart, v->kend);
		return -1;
	}
	if (x->p2m_base != ELF_UNSET && x->p2m_base >= v->kstart &&
	    x->p2m_base < v->kend) {
		snprintf(why, whylen, "INIT_P2M %#" PRIx64 " inside the kernel",
		    x->p2m_base);
		return -1;
	}
	return 0;
}

/* libxenguest's xc_dom_guest_type(). */
static const char *
guest_type(const struct xen_elf *x, bool hvm, const char *caps)
{
	if (hvm)
		return "hvm-3.0-x86_32";
	if (x->machine == EM_X86_64)
		return "xen-3.0-x86_64";
	switch (x->pae) {
	case PAE_BIMODAL:
		return strstr(caps, "xen-3.0-x86_32p") != NULL ?
		    "xen-3.0-x86_32p" : "xen-3.0-x86_32";
	case PAE_YES:
	case PAE_EXTCR3:
		return "xen-3.0-x86_32p";
	default:
		return "xen-3.0-x86_32";
	}
}

/* libxenguest's compat check: the type is one of the caps' words. */
static bool
in_caps(const char *type, const char *caps)
{
	size_t n = strlen(type), w;

	while (*caps != '\0') {
		caps += strspn(caps, " ");
		w = strcspn(caps, " ");
		if (w == n && strncmp(caps, type, n) == 0)
			return true;
		caps += w;
	}
	return false;
}

/*
 * May this ELF boot a domain of this type, at this spec path's ARCH, on
 * a hypervisor with these capabilities?  Returns 0 and fills v, or -1
 * with the first rule broken.
 */
int
elfnote_check(const struct xen_elf *x, enum arch arch, enum domain_type dt,
    const char *caps, struct elf_verdict *v, char *why, size_t whylen)
{
	bool hvm = dt == DOMAIN_PVH;
	const char *type;

	memset(v, 0, sizeof(*v));
	if (check_width(x, arch, why, whylen) != 0 ||
	    check_notes(x, hvm, why, whylen) != 0 ||
	    check_addresses(x, hvm, v, why, whylen) != 0)
		return -1;
	if (x->f_required & (1u << XENFEAT_dom0)) {
		snprintf(why, whylen, "FEATURES require dom0: the kernel cannot "
		    "run unprivileged");
		return -1;
	}
	type = guest_type(x, hvm, caps);
	snprintf(v->guest_type, sizeof(v->guest_type), "%s", type);
	if (!in_caps(type, caps)) {
		snprintf(why, whylen, "guest type %s is not in the "
		    "hypervisor's capabilities (%s)%s", type, caps,
		    strcmp(type, "xen-3.0-x86_32p") == 0 ? ": this Xen runs "
		    "no 32-bit PV guests" : strcmp(type, "xen-3.0-x86_32") ==
		    0 ? ": no Xen runs 32-bit PV without PAE" : "");
		return -1;
	}
	return 0;
}
