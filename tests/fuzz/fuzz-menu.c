/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the boot-menu parsers: the input's first byte
 * picks grub2, GRUB legacy, extlinux or a BLS entry (with a grubenv made
 * of the rest), and the default and a few --entry forms are chosen.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child/menu/menu.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const entries[] = { "0", "1>1", "title", "99" };
	struct menu m;
	const char *text;
	char why[256];
	size_t i, len;

	if (size == 0)
		return 0;
	text = (const char *)data + 1;
	len = size - 1;
	menu_init(&m);
	menu_load_env(&m, text, len);
	switch (data[0] % 4) {
	case 0:
		(void)grub2_parse(text, len, &m, NULL, why, sizeof(why));
		break;
	case 1:
		(void)legacy_parse(text, len, &m, why, sizeof(why));
		break;
	case 2:
		(void)extlinux_parse(text, len, "/boot", &m, why, sizeof(why));
		break;
	default:
		(void)bls_parse(text, len, "a-1.2.conf", &m, why, sizeof(why));
		(void)bls_parse(text, len, "a-1.10.conf", &m, why, sizeof(why));
		bls_sort(&m, 0);
		break;
	}
	(void)menu_choose(&m, NULL, false, why, sizeof(why));
	for (i = 0; i < sizeof(entries) / sizeof(entries[0]); i++)
		(void)menu_choose(&m, entries[i], true, why, sizeof(why));
	menu_free(&m);
	return 0;
}
