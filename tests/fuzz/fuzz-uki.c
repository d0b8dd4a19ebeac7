/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for menu/uki.c: the input is a whole UKI, a PE file
 * whose DOS and COFF headers, section table and .osrel and .cmdline
 * sections are the guest's.  Every section the parser accepts must lie
 * inside the input (checked here: ASan would see a read past it only
 * where the describer reads).  Seeds: UKIs made with objcopy onto
 * Debian's systemd stub, one with two profiles.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "child/menu/uki.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
inside(const struct uki_section *s, size_t size)
{
	if (s->present && (s->size > size || s->off > size - s->size))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uki_text d;
	struct uki u;
	char why[256];

	if (uki_parse(data, size, &u, why, sizeof(why)) != 0)
		return 0;
	inside(&u.parts.kernel, size);
	inside(&u.parts.initrd, size);
	inside(&u.parts.ucode, size);
	inside(&u.parts.cmdline, size);
	inside(&u.parts.osrel, size);
	uki_describe(data, &u, &d);
	return 0;
}
