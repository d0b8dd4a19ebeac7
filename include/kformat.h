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
	KERNEL_COMPRESSED,
};

enum kernel_format kformat_detect(const unsigned char *, uint64_t, char *,
	    size_t);
const char *kformat_name(enum kernel_format);

#endif /* XENPVBOOT_KFORMAT_H */
