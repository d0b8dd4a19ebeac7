/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * menu/uki.c on PE files written here, section by section: a UKI's
 * sections found and bounded, the first profile's overriding the
 * image's, the .osrel read as systemd-boot reads it, and each lie of a
 * header or section table refused by name.
 */
#include <stdint.h>
#include <string.h>

#include "child/menu/uki.h"

#define UNIT_NAME "uki"
#include "unit.h"

#define PE_AT	0x40
#define OPT	0xf0
#define TABLE	(PE_AT + 4 + 20 + OPT)

static unsigned char pe[1 << 16];
static size_t pelen;
static unsigned int nsec;
static size_t data_at = 0x1000;

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* A PE file of no section yet. */
static void
start(void)
{
	memset(pe, 0, sizeof(pe));
	pe[0] = 'M';
	pe[1] = 'Z';
	put32(pe + 0x3c, PE_AT);
	memcpy(pe + PE_AT, "PE\0\0", 4);
	pe[PE_AT + 4] = 0x64;
	pe[PE_AT + 5] = 0x86;
	pe[PE_AT + 4 + 16] = OPT;
	nsec = 0;
	data_at = 0x1000;
	pelen = data_at;
}

/* Section name holding text, after the others. */
static void
add(const char *name, const char *text)
{
	unsigned char *h = pe + TABLE + 40 * nsec;
	size_t n = strlen(text);

	memcpy(h, name, strlen(name));
	put32(h + 8, (uint32_t)n);
	put32(h + 16, (uint32_t)((n + 511) & ~511u));
	put32(h + 20, (uint32_t)data_at);
	memcpy(pe + data_at, text, n);
	data_at += (n + 511) & ~511u;
	pelen = data_at;
	nsec++;
	pe[PE_AT + 6] = (unsigned char)nsec;
}

static bool
is(const struct uki_section *s, const char *text)
{
	return s->present && s->size == strlen(text) &&
	    memcmp(pe + s->off, text, s->size) == 0;
}

static int
parse(struct uki *u, char *why, size_t whylen)
{
	return uki_parse(pe, pelen, u, why, whylen);
}

int
main(void)
{
	struct uki_text d;
	struct uki u;
	char why[256];

	start();
	add(".osrel", "NAME=Debian\nID=debian\nPRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nVERSION_ID=\"13\"\n");
	add(".cmdline", "root=/dev/xvda2 ro\n");
	add(".ucode", "UCODE");
	add(".linux", "KERNEL");
	add(".initrd", "INITRD");
	CHECK("a UKI parses", parse(&u, why, sizeof(why)) == 0);
	CHECK("its .linux, .initrd and .ucode, exactly",
	    is(&u.parts.kernel, "KERNEL") && is(&u.parts.initrd, "INITRD") &&
	    is(&u.parts.ucode, "UCODE"));
	uki_describe(pe, &u, &d);
	CHECK(".osrel's PRETTY_NAME, unquoted, is the title",
	    strcmp(d.title, "Debian GNU/Linux 13 (trixie)") == 0);
	CHECK("VERSION_ID the version, ID the sort key",
	    strcmp(d.version, "13") == 0 && strcmp(d.sort_key, "debian") == 0);
	CHECK(".cmdline, its newline dropped",
	    strcmp(d.cmdline, "root=/dev/xvda2 ro") == 0);

	start();
	add(".osrel", "NAME=Arch\nVERSION_ID=rolling\nIMAGE_ID=arch\nIMAGE_VERSION=6.12.1\n");
	add(".linux", "K");
	(void)parse(&u, why, sizeof(why));
	uki_describe(pe, &u, &d);
	CHECK("no PRETTY_NAME: NAME and VERSION_ID; IMAGE_ wins",
	    strcmp(d.title, "Arch rolling") == 0 &&
	    strcmp(d.version, "6.12.1") == 0 &&
	    strcmp(d.sort_key, "arch") == 0);

	start();
	add(".linux", "BASE");
	add(".cmdline", "base");
	add(".profile", "TITLE=one");
	add(".cmdline", "first");
	add(".profile", "TITLE=two");
	add(".cmdline", "second");
	add(".linux", "SECOND");
	CHECK("two profiles parse", parse(&u, why, sizeof(why)) == 0 &&
	    u.nprofiles == 2);
	CHECK("the first profile's .cmdline over the image's; not the second's",
	    is(&u.parts.cmdline, "first") && is(&u.base.cmdline, "base") &&
	    is(&u.parts.kernel, "BASE"));

	start();
	add(".linux", "K");
	add(".linux", "L");
	CHECK("two .linux sections: refused by name",
	    parse(&u, why, sizeof(why)) == -1 &&
	    strstr(why, "two .linux sections") != NULL);

	start();
	add(".osrel", "ID=x\n");
	CHECK("no .linux: not a UKI", parse(&u, why, sizeof(why)) == -1 &&
	    strstr(why, "no .linux") != NULL);

	start();
	add(".linux", "KERNEL");
	put32(pe + TABLE + 16, 0x100000);
	put32(pe + TABLE + 8, 0);
	CHECK("a section past the end of the file: refused by name",
	    parse(&u, why, sizeof(why)) == -1 &&
	    strstr(why, "section .linux past the end") != NULL);

	start();
	add(".linux", "KERNEL");
	put32(pe + TABLE + 8, 3);
	CHECK("VirtualSize under SizeOfRawData: the stub's size",
	    parse(&u, why, sizeof(why)) == 0 && is(&u.parts.kernel, "KER"));

	start();
	add(".linux", "KERNEL");
	pe[PE_AT + 6] = 97;
	CHECK("97 sections: refused", parse(&u, why, sizeof(why)) == -1 &&
	    strstr(why, "97 sections") != NULL);
	pe[PE_AT + 6] = 0;
	CHECK("no section: refused", parse(&u, why, sizeof(why)) == -1);
	pe[PE_AT + 6] = 90;
	pelen = TABLE + 40 * 10;
	CHECK("a section table past the end: refused",
	    parse(&u, why, sizeof(why)) == -1 &&
	    strstr(why, "section table past the end") != NULL);

	start();
	add(".linux", "KERNEL");
	put32(pe + 0x3c, 0xfffffff0);
	CHECK("the DOS header pointing past the end: refused",
	    parse(&u, why, sizeof(why)) == -1 &&
	    strstr(why, "no PE signature") != NULL);
	pe[0] = 'Z';
	CHECK("no MZ: not a PE file", parse(&u, why, sizeof(why)) == -1 &&
	    strstr(why, "no MZ") != NULL);
	CHECK("a file of 10 bytes: not a PE file",
	    uki_parse(pe, 10, &u, why, sizeof(why)) == -1);
	return unit_failed;
}
