/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Prints what a boot-menu parser makes of a file, one entry a line and
 * the default last:  menudump grub2|legacy|extlinux FILE [GRUBENV]
 * The menu tests compare this with what GRUB (and pygrub) would boot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "menu.h"

static char *
slurp(const char *path, size_t *len)
{
	char *buf;
	long n;
	FILE *f = fopen(path, "rb");

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
		return NULL;
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int
main(int argc, char **argv)
{
	struct menu m;
	char why[256], *text, *env;
	size_t len, envlen, i;
	int rc, d;

	if (argc < 3)
		return 2;
	menu_init(&m);
	if (argc > 3 && (env = slurp(argv[3], &envlen)) != NULL)
		menu_load_env(&m, env, envlen);
	text = slurp(argv[2], &len);
	if (text == NULL)
		return 2;
	if (strcmp(argv[1], "grub2") == 0)
		rc = grub2_parse(text, len, &m, why, sizeof(why));
	else if (strcmp(argv[1], "legacy") == 0)
		rc = legacy_parse(text, len, &m, why, sizeof(why));
	else
		rc = extlinux_parse(text, len, "/boot/extlinux", &m, why,
		    sizeof(why));
	if (rc != 0) {
		printf("error: %s\n", why);
		return 1;
	}
	for (i = 0; i < m.n; i++)
		printf("%zu top=%d sub=%d title=[%s] id=[%s] kernel=[%s] "
		    "initrd=[%s] args=[%s]\n", i, m.e[i].top, m.e[i].sub,
		    m.e[i].title, m.e[i].id, m.e[i].kernel, m.e[i].initrd,
		    m.e[i].args);
	d = menu_choose(&m, NULL, false, why, sizeof(why));
	printf("default=[%s] -> %d timeout=%d\n", m.deflt, d, m.timeout);
	menu_free(&m);
	free(text);
	return 0;
}
