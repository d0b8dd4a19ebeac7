/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kformat_detect(): a boot menu's kernel by the formats the domain
 * builder loads, on hand-made headers.
 */
#define UNIT_NAME "kformat"
#include <string.h>

#include "child/kformat.h"
#include "unit.h"

static unsigned char buf[8192];
static char why[256];

/* A bzImage header: protocol version, setup sectors, payload. */
static void
bzimage(unsigned int version, unsigned int off, unsigned int len,
    const char *payload)
{
	memset(buf, 0, sizeof(buf));
	buf[0x1f1] = 1;			/* setup: 2 sectors, 1024 bytes */
	memcpy(buf + 0x202, "HdrS", 4);
	buf[0x206] = version & 0xff;
	buf[0x207] = version >> 8;
	memcpy(buf + 0x248, &off, 4);	/* little-endian hosts only */
	memcpy(buf + 0x24c, &len, 4);
	memcpy(buf + 1024 + off, payload, strlen(payload));
}

static enum kernel_format
detect(size_t size)
{
	why[0] = '\0';
	return kformat_detect(buf, size, why, sizeof(why));
}

int
main(void)
{
	memset(buf, 0, sizeof(buf));
	CHECK("an empty file is no kernel", detect(0) == KERNEL_UNKNOWN &&
	    strstr(why, "empty") != NULL);
	memcpy(buf, "hello, world\n", 13);
	CHECK("a text file is no kernel", detect(13) == KERNEL_UNKNOWN &&
	    strstr(why, "neither ELF nor bzImage") != NULL);
	memcpy(buf, "\177ELF\2\1\1", 7);
	CHECK("an ELF", detect(64) == KERNEL_ELF);
	memcpy(buf, "\037\213\010", 3);
	CHECK("gzip", detect(100) == KERNEL_GZIP);
	memcpy(buf, "\375" "7zXZ\0", 6);
	CHECK("a whole xz file is no kernel: the builder would not undo it",
	    detect(100) == KERNEL_UNKNOWN && strstr(why, "with xz") != NULL);
	memcpy(buf, "\050\265\057\375", 4);
	CHECK("a whole zstd file neither", detect(100) == KERNEL_UNKNOWN &&
	    strstr(why, "with zstd") != NULL);
	memcpy(buf, "\037\213", 2);
	CHECK("a magic longer than the file is not matched",
	    detect(1) == KERNEL_UNKNOWN);
	bzimage(0x020f, 0x100, 100, "\037\213\010");
	CHECK("a bzImage 2.15 with a gzip payload", detect(4096) ==
	    KERNEL_BZIMAGE);
	bzimage(0x020f, 0x100, 100, "\375" "7zXZ");
	CHECK("a bzImage with an xz payload", detect(4096) ==
	    KERNEL_BZIMAGE);
	bzimage(0x020f, 0x100, 100, "\004\042\115\030");
	CHECK("a bzImage with an lz4 frame-format payload: no builder "
	    "decodes it", detect(4096) == KERNEL_UNKNOWN &&
	    strstr(why, "lz4 frame format") != NULL);
	bzimage(0x020f, 0x100, 100, "\177ELF");
	CHECK("a bzImage whose payload is an ELF", detect(4096) ==
	    KERNEL_BZIMAGE);
	bzimage(0x0206, 0x100, 100, "\037\213\010");
	CHECK("boot protocol 2.06 is too old", detect(4096) ==
	    KERNEL_UNKNOWN && strstr(why, "2.08") != NULL);
	bzimage(0x020f, 0x100, 4000, "\037\213\010");
	CHECK("a payload past the end", detect(4096) == KERNEL_UNKNOWN &&
	    strstr(why, "not inside") != NULL);
	bzimage(0x020f, 0xfffffff0, 100, "");
	CHECK("a payload offset that wraps", detect(4096) == KERNEL_UNKNOWN);
	bzimage(0x020f, 0x100, 100, "text");
	CHECK("a payload that is neither compressed nor ELF",
	    detect(4096) == KERNEL_UNKNOWN);
	bzimage(0x020f, 0x100, 0, "\037\213");
	CHECK("an empty payload", detect(4096) == KERNEL_UNKNOWN);
	return unit_failed;
}
