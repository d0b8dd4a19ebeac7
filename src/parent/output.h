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

int	output_dir_open(const char *path, struct outdir *d, char *why,
	    size_t whylen);
int	output_tmpfile(struct outdir *d, const char *prefix, char *path,
	    size_t pathlen, char *why, size_t whylen);
int	output_link(struct outdir *d, int fd, const char *prefix, char *path,
	    size_t pathlen, char *why, size_t whylen);
int	output_format(enum output_format fmt, const struct answer *a, char *buf,
	    size_t size, size_t *len, char *why, size_t whylen);

#endif /* XENPVBOOT_OUTPUT_H */
