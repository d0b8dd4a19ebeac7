/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer target for the child's whole walk over a guest disk: the
 * input is the disk image, held in a memfd so libblkid and
 * libext2fs read it through an fd as they do in the child; what the
 * child would send goes to /dev/null.  The first byte picks -l, or a
 * boot into two memfds standing for the output files (the sendfile
 * path), and whether --kernel names a path.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "child/elfnote.h"
#include "child/fs.h"
#include "xfs-lib.h"
#include "child/order.h"
#include "parent/hypervisor.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options o;
	struct runtime rt = { .xen_caps = DEFAULT_XEN_CAPS,
	    .caps_source = "fuzz", .libs_loaded = true };
	struct session_io io = { .answer = -1 };
	char why[256];
	int fd, out, files[2];

	if (size == 0)
		return 0;
	/* As the parent does for a disk with XFS (loaded once). */
	(void)xfs_lib_load(why, sizeof(why));
	fd = memfd_create("disk", MFD_CLOEXEC);
	out = open("/dev/null", O_WRONLY | O_CLOEXEC);
	files[0] = memfd_create("kernel", MFD_CLOEXEC);
	files[1] = memfd_create("ramdisk", MFD_CLOEXEC);
	if (fd >= 0 && out >= 0 && files[0] >= 0 && files[1] >= 0 &&
	    write(fd, data, size) == (ssize_t)size) {
		memset(&o, 0, sizeof(o));
		o.disk = "fuzz";
		o.args = "";
		o.list = !(data[0] & 2);
		o.verbose = 1;
		o.max_file_size = 8 << 20;
		o.kernel = (data[0] & 1) ? "/boot/vmlinuz" : NULL;
		io.disk = fd;
		io.disksize = size;
		io.report = out;
		io.files = o.list ? NULL : files;
		(void)order_run(&o, &rt, &io);
	}
	if (files[0] >= 0)
		close(files[0]);
	if (files[1] >= 0)
		close(files[1]);
	if (fd >= 0)
		close(fd);
	if (out >= 0)
		close(out);
	return 0;
}
