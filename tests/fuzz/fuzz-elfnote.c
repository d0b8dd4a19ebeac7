/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the ELF validator and the kernel-format check of
 * boot-menu kernels: every byte string is classified, then parsed and
 * judged for each architecture and domain type.  Built without
 * libFuzzer (-DFUZZ_REPLAY), main() replays files, such as the seed
 * corpus and past crashers, so that make check runs them every time.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "child/elfnote.h"
#include "parent/hypervisor.h"
#include "child/kformat.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum arch arches[] = { ARCH_AUTO, ARCH_X86_64, ARCH_I386 };
	static const char *const caps[] = {
		DEFAULT_XEN_CAPS, "xen-3.0-x86_32p xen-3.0-x86_32", "",
	};
	struct elf_verdict v;
	struct xen_elf x;
	char why[512];
	size_t a, c;
	int dt;

	(void)kformat_detect(data, size, why, sizeof(why));
	if (elfnote_parse(data, size, &x, why, sizeof(why)) != 0)
		return 0;
	for (a = 0; a < 3; a++)
		for (c = 0; c < 3; c++)
			for (dt = DOMAIN_PV; dt <= DOMAIN_PVH; dt++)
				(void)elfnote_check(&x, arches[a], dt, caps[c],
				    &v, why, sizeof(why));
	return 0;
}
