/* SPDX-License-Identifier: GPL-2.0-only */
/* The verdict on one candidate, as -l shows it and search uses it. */
#ifndef XENPVBOOT_JUDGE_H
#define XENPVBOOT_JUDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elfnote.h"
#include "kformat.h"
#include "xenpvboot.h"

struct judgement {
	bool			 parsed;	/* elf and the usable flags valid */
	struct xen_elf		 elf;
	struct elf_verdict	 verdict;	/* for the requested type */
	bool			 pv_ok;
	bool			 pvh_ok;
	bool			 second_opinion;	/* libxenguest ran */
	bool			 peeked;	/* kpeek.c read the notes */
	uint64_t		 peek_read;	/* decompressed to reach them */
	uint64_t		 peek_size;	/* of the whole vmlinux */
	const char		*peek_codec;
};

int	judge_elf(const struct options *o, const struct runtime *rt,
	    const unsigned char *buf, size_t len, enum arch arch,
	    struct judgement *j, char *why, size_t whylen);
int	judge_kernel(const struct options *o, const struct runtime *rt,
	    const unsigned char *buf, size_t len, enum kernel_format f,
	    bool whole, struct judgement *j, char *why, size_t whylen);
int	judge_menu_kernel(const struct options *o, const struct runtime *rt,
	    const unsigned char *buf, size_t len, bool whole,
	    enum kernel_format *format, struct judgement *j, char *why,
	    size_t whylen);

#endif /* XENPVBOOT_JUDGE_H */
