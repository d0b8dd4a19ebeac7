/* SPDX-License-Identifier: GPL-2.0-only */
/* A compressed kernel's ELF notes, decompressed only up to them. */
#ifndef XENPVBOOT_KPEEK_H
#define XENPVBOOT_KPEEK_H

#include <stddef.h>
#include <stdint.h>

#include "kformat.h"
#include "codecs.h"

enum kpeek {
	KPEEK_OK,	/* *image holds the ELF's headers and notes */
	KPEEK_CANNOT,	/* not this way: no codec, no PT_NOTE, a size */
	KPEEK_BAD,	/* the domain builder would refuse it too: why */
};

/* What a peek found, and what it cost. */
struct kpeek_result {
	unsigned char	*image;	/* size bytes, zero but what was kept */
	uint64_t	 size;	/* the payload's trailer: vmlinux's size */
	uint64_t	 read;	/* bytes decompressed to reach the notes */
	const char	*codec;	/* "xz", "gzip", ... */
};

enum kpeek kpeek(const struct xen_codecs *c, const unsigned char *buf,
	    uint64_t len, enum kernel_format f, uint64_t max,
	    struct kpeek_result *r, char *why, size_t whylen);

#endif /* XENPVBOOT_KPEEK_H */
