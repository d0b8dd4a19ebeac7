/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the boot-menu parsers: the input's first byte
 * picks grub2, GRUB legacy, extlinux or a BLS entry (with a grubenv made
 * of the rest), and the default and a few --entry forms are chosen.
 * grub2 runs with a host for its device model: every search finds
 * "hd0,gpt2" when its argument starts with a digit, and every configfile
 * or source reads the input itself again (bounded by the interpreter).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child/menu/bls.h"
#include "child/menu/extlinux.h"
#include "child/menu/grub2.h"
#include "child/menu/legacy.h"
#include "child/menu/menu.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct input {
	const char	*text;
	size_t		 len;
};

static int
host_search(void *ctx, enum menu_search how, const char *arg,
    const char *hint, char *dev, size_t devlen)
{
	(void)ctx;
	(void)how;
	(void)hint;
	if (arg[0] < '0' || arg[0] > '9')
		return -1;
	snprintf(dev, devlen, "hd0,gpt2");
	return 0;
}

static int
host_read(void *ctx, const char *dev, const char *path, char **text,
    size_t *len, char *why, size_t whylen)
{
	const struct input *in = ctx;

	(void)dev;
	(void)path;
	(void)why;
	(void)whylen;
	*text = malloc(in->len + 1);
	if (*text == NULL)
		return -1;
	memcpy(*text, in->text, in->len);
	(*text)[in->len] = '\0';
	*len = in->len;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const entries[] = { "0", "1>1", "title", "99" };
	struct menu m;
	const char *text;
	char why[256];
	size_t i, len;
	struct input in;
	struct menu_host host = { .ctx = &in, .root = "hd0,gpt1",
	    .search = host_search, .read = host_read };

	if (size == 0)
		return 0;
	text = (const char *)data + 1;
	len = size - 1;
	in.text = text;
	in.len = len;
	menu_init(&m);
	menu_load_env(&m, text, len);
	switch (data[0] % 4) {
	case 0:
		(void)grub2_parse(text, len, &m, data[0] & 4 ? &host : NULL,
		    why, sizeof(why));
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
