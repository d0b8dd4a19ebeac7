/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the wire: the input is what a compromised child
 * writes down the pipe, read back with proto_recv() and judged by the
 * parent's state machine (collect(), under -n, so it makes no files).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "parent/collect.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options o;
	struct outdir d = { .fd = -1 };
	struct collected c;
	int fd;

	fd = memfd_create("wire", MFD_CLOEXEC);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size &&
	    lseek(fd, 0, SEEK_SET) == 0) {
		memset(&o, 0, sizeof(o));
		o.disk = "fuzz";
		o.not_really = true;
		o.ramdisk = size > 0 && (data[0] & 1) ? "/r" : NULL;
		o.list = size > 0 && (data[0] & 2);
		o.max_file_size = 1 << 20;
		collect_init(&c);
		(void)collect(fd, &o, &c);
		(void)collect_files(&c, &d);
	}
	close(fd);
	return 0;
}
