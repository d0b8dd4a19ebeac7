/* SPDX-License-Identifier: GPL-2.0-only */
/* What a boot menu's kernel is, by the formats Xen's domain builder loads. */
#ifndef XENPVBOOT_KFORMAT_H
#define XENPVBOOT_KFORMAT_H

#include <stddef.h>
#include <stdint.h>

enum kernel_format {
	KERNEL_UNKNOWN = -1,
	KERNEL_ELF,
	KERNEL_BZIMAGE,
	KERNEL_GZIP,	/* a whole file, gzip-compressed */
};

enum kernel_format kformat_detect(const unsigned char *buf, uint64_t size,
	    char *why, size_t whylen);
const char *kformat_name(enum kernel_format f);
const char *kformat_stream(const unsigned char *buf, uint64_t size,
	    enum kernel_format f, const unsigned char **in, uint64_t *inlen);

#endif /* XENPVBOOT_KFORMAT_H */
