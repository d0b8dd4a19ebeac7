/* SPDX-License-Identifier: GPL-2.0-only */
/* What the privileged parent writes: temp files and the answer. */
#ifndef XENPVBOOT_OUTPUT_H
#define XENPVBOOT_OUTPUT_H

#include <limits.h>
#include <stddef.h>

#include "xenpvboot.h"

struct outdir {
	int	fd;
	char	path[PATH_MAX];
};

struct answer {
	const char	*kernel;
	const char	*ramdisk;	/* NULL or "": no record */
	const char	*args;		/* NULL or "": no record */
};

int	output_dir_open(const char *, struct outdir *, char *, size_t);
int	output_tmpfile(struct outdir *, const char *, char *, size_t,
	    char *, size_t);
int	output_link(struct outdir *, int, const char *, char *, size_t,
	    char *, size_t);
int	output_format(enum output_format, const struct answer *, char *,
	    size_t, size_t *, char *, size_t);
int	output_write(int, const char *, size_t);

#endif /* XENPVBOOT_OUTPUT_H */
