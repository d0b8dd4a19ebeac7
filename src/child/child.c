/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The child, from the fork on: it lets go of every descriptor the
 * parent did not hand it, enters its sandbox, parses the guest and
 * exits with the status it reported.
 */
#include <stdlib.h>
#include <unistd.h>

#include "child.h"
#include "fs/grub.h"
#include "order.h"

static int
by_number(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * Closes every fd above stderr but those in fds: the parent's answer
 * file, output directory and its ends of the pipes are not the
 * child's to hold, whatever it is made to do later.
 */
static void
keep_only(const struct child_fds *fds)
{
	int keep[8 + FILE_KIND_MAX], n = 0, i, from = STDERR_FILENO + 1;

	keep[n++] = fds->report;
	keep[n++] = fds->answer;
	keep[n++] = fds->disk;
	keep[n++] = fds->lock;
	for (i = 0; i <= FILE_KIND_MAX; i++)
		keep[n++] = fds->files[i];
	for (i = 0; i < 3; i++)
		keep[n++] = fds->grub[i];
	qsort(keep, (size_t)n, sizeof(keep[0]), by_number);
	for (i = 0; i < n; i++) {
		if (keep[i] < from)
			continue;
		if (keep[i] > from)
			(void)close_range((unsigned int)from,
			    (unsigned int)keep[i] - 1, 0);
		from = keep[i] + 1;
	}
	(void)close_range((unsigned int)from, ~0U, 0);
}

void
child_main(const struct options *o, const struct runtime *rt,
    struct sandbox *sb, const struct child_fds *fds)
{
	struct msg_fail f = { .code = EXIT_CHILD };
	struct session_io io = { .disk = fds->disk,
	    .disksize = fds->disksize, .report = fds->report,
	    .answer = fds->answer, .files = fds->files[FILE_KERNEL] >= 0 ?
	    fds->files : NULL };

	keep_only(fds);
	sb->lifeline = fds->report;
	if (sandbox_enter(sb, f.text, sizeof(f.text)) != 0) {
		(void)proto_send(fds->report, MSG_FAIL, &f, sizeof(f));
		_exit(EXIT_CHILD);
	}
	io.sandbox_note = sb->note;
	fs_grub_connect(&(struct grub_channel){ .request = fds->report,
	    .out = fds->grub[0], .err = fds->grub[1], .done = fds->grub[2],
	    .max_file_size = o->max_file_size });
	_exit(order_run(o, rt, &io));
}
