/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * main() for a fuzz target built without libFuzzer: replays each file
 * named (the committed seeds and past crashers) once, so that make check
 * runs them; a crash fails the suite.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char **argv)
{
	const char *name = argc > 0 ? strrchr(argv[0], '-') : NULL;
	unsigned char *buf;
	long n;
	FILE *f;
	int i;

	name = name != NULL ? name + 1 : "fuzz";
	for (i = 1; i < argc; i++) {
		f = fopen(argv[i], "rb");
		if (f == NULL || fseek(f, 0, SEEK_END) != 0 ||
		    (n = ftell(f)) < 0) {
			printf("FAIL fuzz/%s: %s: cannot read\n", name, argv[i]);
			return 1;
		}
		rewind(f);
		buf = malloc((size_t)n + 1);
		if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
			printf("FAIL fuzz/%s: %s: cannot read\n", name, argv[i]);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
		printf("ok fuzz/%s: replayed %s\n", name, argv[i]);
	}
	return 0;
}
