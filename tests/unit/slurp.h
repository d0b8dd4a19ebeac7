/* SPDX-License-Identifier: GPL-2.0-only */
/* Reads a whole file for the test tools (unit tests, xgcross, fuzz replay). */
#ifndef XENPVBOOT_SLURP_H
#define XENPVBOOT_SLURP_H

#include <stdio.h>
#include <stdlib.h>

/* The file's bytes (NUL-terminated, len set), or NULL. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	unsigned char *buf = NULL;
	long n;
	FILE *f;

	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, f) == (size_t)n) {
			buf[n] = '\0';
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

#endif /* XENPVBOOT_SLURP_H */
