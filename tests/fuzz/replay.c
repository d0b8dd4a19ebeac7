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

#include "../unit/slurp.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char **argv)
{
	const char *name = argc > 0 ? strrchr(argv[0], '-') : NULL;
	unsigned char *buf;
	size_t n;
	int i;

	name = name != NULL ? name + 1 : "fuzz";
	for (i = 1; i < argc; i++) {
		buf = slurp(argv[i], &n);
		if (buf == NULL) {
			printf("FAIL fuzz/%s: %s: cannot read\n", name, argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
		printf("ok fuzz/%s: replayed %s\n", name, argv[i]);
	}
	return 0;
}
