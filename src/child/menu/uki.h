/* SPDX-License-Identifier: GPL-2.0-only */
/* A Unified Kernel Image's sections and what its .osrel says (uki.c). */
#ifndef XENPVBOOT_UKI_H
#define XENPVBOOT_UKI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "menu.h"

#define UKI_WORD_MAX	64	/* a version, a sort key */

struct uki_section {
	uint64_t	 off, size;	/* in the file */
	bool		 present;
};

struct uki_parts {
	struct uki_section kernel, initrd, ucode, cmdline, osrel;	/* .linux: kernel */
};

struct uki {
	struct uki_parts base;		/* the image's own sections */
	struct uki_parts parts;		/* with the first profile's */
	unsigned int	 nprofiles;	/* .profile sections */
};

struct uki_text {
	char	title[MENU_TITLE_MAX];
	char	version[UKI_WORD_MAX];
	char	sort_key[UKI_WORD_MAX];
	char	cmdline[MAX_ARGS_LEN];
};

int	uki_parse(const unsigned char *buf, size_t len, struct uki *u,
	    char *why, size_t whylen);
void	uki_describe(const unsigned char *buf, const struct uki *u,
	    struct uki_text *d);

#endif /* XENPVBOOT_UKI_H */
