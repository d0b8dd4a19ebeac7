/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A boot menu names any file as its kernel: this says whether it is one
 * of the formats libxenguest's domain builder loads (xc_dom_core.c's
 * loaders), before libxl is handed it.  An ELF (then judged as a pvboot
 * is); a bzImage, by the x86 boot protocol header the builder reads
 * (xc_dom_bzimageloader.c: "HdrS", protocol 2.08 or later, whose
 * payload is the kernel, compressed or an ELF); or a gzip-compressed
 * kernel.  The builder undoes seven compression methods in a bzImage's
 * payload, but only gzip on a whole file (xc_dom_kernel_file() and
 * xc_dom_kernel_mem() call xc_dom_try_gunzip() and nothing else): an
 * xz-compressed ELF would meet its "no loader found".  Anything else (a
 * text file, an empty one, a journal) is not a kernel.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kformat.h"

/* The boot protocol header's fields the builder reads, by offset. */
#define BZ_SETUP_SECTS		0x1f1
#define BZ_HEADER		0x202	/* "HdrS" */
#define BZ_VERSION		0x206
#define BZ_PAYLOAD_OFFSET	0x248
#define BZ_PAYLOAD_LENGTH	0x24c
#define BZ_HEADER_END		0x250
#define BZ_MIN_VERSION		0x0208	/* payload fields, since 2.08 */

/*
 * Compression methods by magic; payload: the builder undoes it in a
 * bzImage's payload (upstream Xen's list; a distribution may build
 * libxenguest without some: Debian's 4.17 lacks bzip2 and lzo, which
 * only the second opinion on a dom0 can tell).
 */
static const struct magic {
	const char		*name;
	size_t			 len;
	const unsigned char	 bytes[10];
	bool			 payload;
} magics[] = {
	{ "gzip", 2, { 0x1f, 0x8b }, true },
	{ "bzip2", 3, { 'B', 'Z', 'h' }, true },
	{ "xz", 6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 }, true },
	{ "lzma", 3, { 0x5d, 0x00, 0x00 }, true },
	{ "lzo", 9, { 0x89, 'L', 'Z', 'O', 0x00, 0x0d, 0x0a, 0x1a, 0x0a },
	    true },
	{ "lz4", 4, { 0x02, 0x21, 0x4c, 0x18 }, true },	/* the kernel's */
	{ "lz4 frame format", 4, { 0x04, 0x22, 0x4d, 0x18 }, false },
	{ "zstd", 4, { 0x28, 0xb5, 0x2f, 0xfd }, true },
};

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* The compression method whose magic starts p, or NULL. */
static const struct magic *
compressed(const unsigned char *p, uint64_t len)
{
	size_t i;

	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (len >= magics[i].len &&
		    memcmp(p, magics[i].bytes, magics[i].len) == 0)
			return &magics[i];
	return NULL;
}

static int
is_elf(const unsigned char *p, uint64_t len)
{
	return len >= 4 && memcmp(p, "\177ELF", 4) == 0;
}

/* Where a bzImage's payload is, as the builder finds it; 0 when inside. */
static int
payload(const unsigned char *buf, uint64_t size, uint64_t *off,
    uint64_t *len)
{
	*off = ((uint64_t)buf[BZ_SETUP_SECTS] + 1) * 512 +
	    le32(buf + BZ_PAYLOAD_OFFSET);
	*len = le32(buf + BZ_PAYLOAD_LENGTH);
	return *len == 0 || *off > size || *len > size - *off ? -1 : 0;
}

/* A bzImage's header, as check_bzimage_kernel() reads it; 0 when fit. */
static int
bzimage_ok(const unsigned char *buf, uint64_t size, char *why,
    size_t whylen)
{
	unsigned int version = buf[BZ_VERSION] | buf[BZ_VERSION + 1] << 8;
	const struct magic *m;
	uint64_t off, len;

	if (version < BZ_MIN_VERSION) {
		snprintf(why, whylen, "bzImage of boot protocol %u.%02u: the "
		    "domain builder needs 2.08 or later", version >> 8,
		    version & 0xff);
		return -1;
	}
	if (payload(buf, size, &off, &len) != 0) {
		snprintf(why, whylen, "bzImage whose payload (%llu bytes at "
		    "%llu) is not inside its %llu bytes",
		    (unsigned long long)len, (unsigned long long)off,
		    (unsigned long long)size);
		return -1;
	}
	m = compressed(buf + off, len);
	if ((m == NULL || !m->payload) && !is_elf(buf + off, len)) {
		snprintf(why, whylen, "bzImage whose payload is %s",
		    m != NULL ? m->name : "neither compressed nor an ELF");
		return -1;
	}
	return 0;
}

/*
 * The compressed stream a kernel of format f holds (a bzImage's payload,
 * a gzip kernel whole) in *in and *inlen, and the name of its method
 * ("xz"); NULL for an ELF payload or bounds that do not hold.
 */
const char *
kformat_stream(const unsigned char *buf, uint64_t size, enum kernel_format f,
    const unsigned char **in, uint64_t *inlen)
{
	const struct magic *m;
	uint64_t off = 0;

	*inlen = size;
	if (f == KERNEL_BZIMAGE && (size < BZ_HEADER_END ||
	    payload(buf, size, &off, inlen) != 0))
		return NULL;
	if (f != KERNEL_BZIMAGE && f != KERNEL_GZIP)
		return NULL;
	*in = buf + off;
	m = compressed(*in, *inlen);
	return m != NULL ? m->name : NULL;
}

/*
 * The format of the size bytes at buf, or KERNEL_UNKNOWN with why (a
 * kernel of a known format that the builder would still refuse too).
 */
enum kernel_format
kformat_detect(const unsigned char *buf, uint64_t size, char *why,
    size_t whylen)
{
	const struct magic *m;

	if (is_elf(buf, size))
		return KERNEL_ELF;
	if (size >= BZ_HEADER_END && memcmp(buf + BZ_HEADER, "HdrS", 4) == 0)
		return bzimage_ok(buf, size, why, whylen) == 0 ?
		    KERNEL_BZIMAGE : KERNEL_UNKNOWN;
	if ((m = compressed(buf, size)) != NULL) {
		if (m == &magics[0])
			return KERNEL_GZIP;
		snprintf(why, whylen, "not a kernel: a whole file compressed "
		    "with %s, which the domain builder undoes only inside a "
		    "bzImage (a whole file only with gzip)", m->name);
		return KERNEL_UNKNOWN;
	}
	snprintf(why, whylen, "not a kernel: %s", size == 0 ? "an empty file" :
	    "neither ELF nor bzImage nor a compressed image");
	return KERNEL_UNKNOWN;
}

const char *
kformat_name(enum kernel_format f)
{
	return f == KERNEL_ELF ? "ELF" : f == KERNEL_BZIMAGE ? "bzImage" :
	    f == KERNEL_GZIP ? "gzip" : "unknown";
}
