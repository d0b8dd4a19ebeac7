/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A Unified Kernel Image (the Boot Loader Specification's Type #2): a PE
 * file, systemd's EFI stub, whose sections carry the kernel (.linux, a
 * bzImage), the initrd (.initrd, with .ucode before it), the command
 * line (.cmdline) and the os-release that titles it (.osrel).  Every
 * byte is the guest's: the DOS and COFF headers and the section table
 * are read within the file, each section's bytes must lie inside it,
 * and a table that repeats a section of the image, or of a profile, is
 * refused rather than guessed at.  Sections after a .profile belong to
 * that profile: the first profile's override the image's own, as
 * systemd-stub boots a UKI by default; later profiles are counted.
 */
#include <stdio.h>
#include <string.h>

#include "uki.h"

#define PE_SECTIONS_MAX	96	/* the PE format's own limit */
#define SECTION_SIZE	40
#define COFF_SIZE	20

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static const struct {
	const char	*name;
	size_t		 field;
} known[] = {
	{ ".linux", offsetof(struct uki_parts, kernel) },
	{ ".initrd", offsetof(struct uki_parts, initrd) },
	{ ".ucode", offsetof(struct uki_parts, ucode) },
	{ ".cmdline", offsetof(struct uki_parts, cmdline) },
	{ ".osrel", offsetof(struct uki_parts, osrel) },
};

/* Section i's header at p: its bytes in the file, within len. */
static int
section(const unsigned char *p, size_t len, struct uki_section *s,
    char *why, size_t whylen)
{
	uint32_t vsize = le32(p + 8), raw = le32(p + 16), at = le32(p + 20);

	/* The stub reads VirtualSize bytes; the file holds SizeOfRawData. */
	s->size = vsize != 0 && vsize < raw ? vsize : raw;
	s->off = at;
	if (s->size > len || s->off > len - s->size) {
		snprintf(why, whylen, "section %.8s past the end of the file "
		    "(%u bytes at %u of %zu)", (const char *)p,
		    (unsigned int)s->size, (unsigned int)s->off, len);
		return -1;
	}
	s->present = true;
	return 0;
}

/* Where section name (8 bytes, NUL-padded) goes, or NULL. */
static struct uki_section *
slot(struct uki_parts *parts, const unsigned char *name)
{
	char n[9];
	size_t i;

	memcpy(n, name, 8);
	n[8] = '\0';
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(n, known[i].name) == 0)
			return (struct uki_section *)((char *)parts +
			    known[i].field);
	return NULL;
}

/* The section table, after the DOS and COFF headers; NULL with why. */
static const unsigned char *
table(const unsigned char *buf, size_t len, unsigned int *n, char *why,
    size_t whylen)
{
	uint32_t pe;
	uint16_t opt;

	if (len < 64 || buf[0] != 'M' || buf[1] != 'Z') {
		snprintf(why, whylen, "not a PE file (no MZ header)");
		return NULL;
	}
	pe = le32(buf + 0x3c);
	if (pe > len - 4 || len - 4 - pe < COFF_SIZE ||
	    memcmp(buf + pe, "PE\0\0", 4) != 0) {
		snprintf(why, whylen, "not a PE file (no PE signature where "
		    "the DOS header points)");
		return NULL;
	}
	*n = le16(buf + pe + 6);
	opt = le16(buf + pe + 20);
	if (*n == 0 || *n > PE_SECTIONS_MAX) {
		snprintf(why, whylen, "%u sections: a PE file has 1 to %d", *n,
		    PE_SECTIONS_MAX);
		return NULL;
	}
	if ((size_t)opt > len - 4 - pe - COFF_SIZE ||
	    (size_t)*n * SECTION_SIZE > len - 4 - pe - COFF_SIZE - opt) {
		snprintf(why, whylen, "section table past the end of the file");
		return NULL;
	}
	return buf + pe + 4 + COFF_SIZE + opt;
}

int
uki_parse(const unsigned char *buf, size_t len, struct uki *u, char *why,
    size_t whylen)
{
	struct uki_parts profile = { 0 };
	struct uki_section *s, one;
	const unsigned char *t;
	unsigned int n, i;
	int in = -1;		/* -1: the image's own sections */

	memset(u, 0, sizeof(*u));
	if ((t = table(buf, len, &n, why, whylen)) == NULL)
		return -1;
	for (i = 0; i < n; i++, t += SECTION_SIZE) {
		if (memcmp(t, ".profile", 8) == 0) {
			u->nprofiles++;
			in++;
			continue;
		}
		if ((s = slot(in < 0 ? &u->base : &profile, t)) == NULL ||
		    in > 0)
			continue;
		if (section(t, len, &one, why, whylen) != 0)
			return -1;
		if (s->present) {
			snprintf(why, whylen, "two %.8s sections%s", t,
			    in < 0 ? "" : " in its first profile");
			return -1;
		}
		*s = one;
	}
	u->parts = u->base;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		s = (struct uki_section *)((char *)&profile + known[i].field);
		if (s->present)
			*(struct uki_section *)((char *)&u->parts +
			    known[i].field) = *s;
	}
	if (!u->parts.kernel.present || u->parts.kernel.size == 0) {
		snprintf(why, whylen, "no .linux section: not a unified kernel "
		    "image");
		return -1;
	}
	return 0;
}

/* KEY's value in os-release text, unquoted, or "". */
static void
osrel_value(const char *text, size_t len, const char *key, char *out,
    size_t outlen)
{
	const char *p = text, *end = text + len, *nl, *v;
	size_t k = strlen(key), n;

	out[0] = '\0';
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > k && memcmp(p, key, k) == 0 &&
		    p[k] == '=') {
			v = p + k + 1;
			n = (size_t)(nl - v);
			if (n >= 2 && (*v == '"' || *v == '\'') &&
			    v[n - 1] == *v) {
				v++;
				n -= 2;
			}
			if (n >= outlen)
				n = outlen - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			out[strcspn(out, "\r")] = '\0';
			return;
		}
		p = nl + 1;
	}
}

/*
 * What systemd-boot shows and sorts a UKI by, from its .osrel: the
 * title (PRETTY_NAME, else NAME and VERSION_ID), the version
 * (IMAGE_VERSION, else VERSION_ID) and the sort key (IMAGE_ID, else
 * ID); and its .cmdline, one line.
 */
void
uki_describe(const unsigned char *buf, const struct uki *u,
    struct uki_text *d)
{
	const char *os = (const char *)buf + u->parts.osrel.off;
	size_t oslen = u->parts.osrel.present ? u->parts.osrel.size : 0, n;
	char name[UKI_WORD_MAX], ver[UKI_WORD_MAX];

	memset(d, 0, sizeof(*d));
	osrel_value(os, oslen, "PRETTY_NAME", d->title, sizeof(d->title));
	if (d->title[0] == '\0') {
		osrel_value(os, oslen, "NAME", name, sizeof(name));
		osrel_value(os, oslen, "VERSION_ID", ver, sizeof(ver));
		snprintf(d->title, sizeof(d->title), "%s%s%s", name,
		    name[0] != '\0' && ver[0] != '\0' ? " " : "", ver);
	}
	osrel_value(os, oslen, "IMAGE_VERSION", d->version,
	    sizeof(d->version));
	if (d->version[0] == '\0')
		osrel_value(os, oslen, "VERSION_ID", d->version,
		    sizeof(d->version));
	osrel_value(os, oslen, "IMAGE_ID", d->sort_key, sizeof(d->sort_key));
	if (d->sort_key[0] == '\0')
		osrel_value(os, oslen, "ID", d->sort_key, sizeof(d->sort_key));
	if (!u->parts.cmdline.present)
		return;
	n = u->parts.cmdline.size < sizeof(d->cmdline) ?
	    (size_t)u->parts.cmdline.size : sizeof(d->cmdline) - 1;
	memcpy(d->cmdline, buf + u->parts.cmdline.off, n);
	d->cmdline[n] = '\0';
	d->cmdline[strcspn(d->cmdline, "\n\r")] = '\0';
}
