/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reads what the child sends and acts on it: traces, -l entries and
 * menus are printed (report.c).  The files it boots it writes itself,
 * into the output files made here before it started; it names them as
 * done.
 * The child may be compromised, so each message must be the one the
 * state allows: the kernel once, then the ramdisk once (only if asked
 * for), then DONE; and once it is dead each file must hold what it
 * announced.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect.h"
#include "menu-ui.h"
#include "report.h"
#include "stop.h"
#include "vis.h"

#define MAX_TEXT_MSGS	4096	/* traces and entries, to bound stderr */

static const char *const prefixes[] = { "boot_kernel", "boot_ramdisk" };
static const char *const kinds[] = { "kernel", "ramdisk" };

void
collect_init(struct collected *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->answer_fd = -1;
	for (i = 0; i <= FILE_KIND_MAX; i++)
		c->file[i].fd = -1;
}

/*
 * Makes an empty output file of each kind for the child to write: it
 * cannot open a path, and which kinds it will fill it learns only from
 * the disk.  Returns the fds in fds[kind].
 */
int
collect_make_files(struct collected *c, struct outdir *d, int *fds)
{
	size_t i;

	for (i = 0; i <= FILE_KIND_MAX; i++) {
		c->file[i].fd = output_tmpfile(d, prefixes[i], c->file[i].path,
		    sizeof(c->file[i].path), c->why, sizeof(c->why));
		if (c->file[i].fd < 0) {
			c->file[i].path[0] = '\0';
			return EXIT_OUTPUT;
		}
		fds[i] = c->file[i].fd;
	}
	return EXIT_OK;
}

static void
remove_file(struct received *r, struct outdir *d)
{
	const char *base;

	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	if (r->path[0] == '\0')
		return;
	base = strrchr(r->path, '/');
	(void)unlinkat(d->fd, base != NULL ? base + 1 : r->path, 0);
	r->path[0] = '\0';
}

/* Removes every file made so far: failure leaves nothing behind. */
void
collect_discard(struct collected *c, struct outdir *d)
{
	size_t i;

	free(c->titles);
	c->titles = NULL;
	for (i = 0; i <= FILE_KIND_MAX; i++)
		remove_file(&c->file[i], d);
}

/*
 * Once the child is dead (nothing writes them any more): each file it
 * named must hold what it announced, and gets its name in the output
 * directory now (output_tmpfile() made it unnamed where it could); the
 * others are removed.
 */
int
collect_files(struct collected *c, struct outdir *d)
{
	struct received *r;
	struct stat st;
	size_t i;

	for (i = 0; i <= FILE_KIND_MAX; i++) {
		r = &c->file[i];
		if (r->fd < 0)
			continue;
		if (!r->announced) {
			remove_file(r, d);
			continue;
		}
		if (fstat(r->fd, &st) != 0) {
			snprintf(c->why, sizeof(c->why), "%s: %s", r->path,
			    strerror(errno));
			return EXIT_OUTPUT;
		}
		if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size != r->size) {
			snprintf(c->why, sizeof(c->why), "parsing child "
			    "announced a %s of %" PRIu64 " bytes and wrote "
			    "%jd", kinds[i], r->size, (intmax_t)st.st_size);
			return EXIT_CHILD;
		}
		if (r->path[0] == '\0' && output_link(d, r->fd, prefixes[i],
		    r->path, sizeof(r->path), c->why, sizeof(c->why)) != 0)
			return EXIT_OUTPUT;
		if (close(r->fd) != 0) {
			r->fd = -1;
			snprintf(c->why, sizeof(c->why), "writing %s: %s",
			    r->path, strerror(errno));
			return EXIT_OUTPUT;
		}
		r->fd = -1;
	}
	return EXIT_OK;
}

static int
bad(struct collected *c, const char *fmt, const char *arg)
{
	snprintf(c->why, sizeof(c->why), fmt, arg);
	return EXIT_CHILD;
}

/* Asking the user: the titles, in order, for the menu on the console. */
static int
keep_title(const struct msg_menu *u, struct collected *c)
{
	if (u->index != c->nmenu || c->nmenu >= MENU_MAX_ENTRIES)
		return bad(c, "%s", "menu entries out of order");
	if (c->titles == NULL) {
		c->titles = calloc(MENU_MAX_ENTRIES, sizeof(*c->titles));
		if (c->titles == NULL)
			return bad(c, "%s", "out of memory");
	}
	memcpy(c->titles[c->nmenu++], u->title, sizeof(c->titles[0]));
	return EXIT_OK;
}

/*
 * The child waits for our answer: show the menu on the console (the
 * wall-clock limit paused meanwhile) and tell it the entry.
 */
static int
choose(const struct msg_choose *q, struct collected *c)
{
	struct itimerval left;
	struct msg_chosen answer;
	int sel;

	if (c->answer_fd < 0 || c->nmenu == 0 || q->deflt >= c->nmenu ||
	    q->timeout > MENU_TIMEOUT_MAX)
		return bad(c, "%s", "unexpected question from the parsing "
		    "child");
	stop_pause(&left);
	sel = menu_ui(STDIN_FILENO, STDOUT_FILENO, c->titles, c->nmenu,
	    (int)q->deflt, (int)q->timeout);
	stop_resume(&left);
	if (sel < 0)
		return bad(c, "%s", "no entry chosen: stopped");
	answer.index = (uint32_t)sel;
	if (proto_send(c->answer_fd, MSG_CHOSEN, &answer, sizeof(answer)) != 0)
		return bad(c, "%s", "cannot answer the parsing child");
	close(c->answer_fd);
	c->answer_fd = -1;
	return EXIT_OK;
}

static int
named_file(const struct msg_file *f, const struct options *o,
    struct collected *c)
{
	struct received *r = &c->file[f->kind];

	if (o->list || r->announced)
		return bad(c, "unexpected %s from the parsing child",
		    kinds[f->kind]);
	/* A ramdisk (asked for, or a menu entry's) only after the kernel. */
	if (f->kind == FILE_RAMDISK && !c->file[FILE_KERNEL].announced)
		return bad(c, "unexpected %s from the parsing child",
		    kinds[f->kind]);
	if (f->kind == FILE_KERNEL && c->file[FILE_RAMDISK].announced)
		return bad(c, "%s out of order", kinds[f->kind]);
	if (f->size > o->max_file_size)
		return bad(c, "%s larger than the limit", kinds[f->kind]);
	r->announced = true;
	r->size = f->size;
	r->partno = f->partno;
	memcpy(r->guest_path, f->path, sizeof(r->guest_path));
	return EXIT_OK;
}

static int
finish(const struct options *o, struct collected *c)
{
	if (o->list || o->isconfig)
		return EXIT_OK;
	if (!c->file[FILE_KERNEL].announced ||
	    (o->ramdisk != NULL && !c->file[FILE_RAMDISK].announced))
		return bad(c, "%s", "parsing child sent no kernel");
	return EXIT_OK;
}

static int
take(const struct msg *m, const struct options *o, struct collected *c,
    unsigned int *ntext)
{
	const struct msg_fail *f = m->payload;

	switch (m->type) {
	case MSG_TRACE:
	case MSG_ENTRY:
		if (++*ntext > MAX_TEXT_MSGS)
			return bad(c, "%s", "too many messages from the "
			    "parsing child");
		if (m->type == MSG_TRACE)
			report_trace(m->payload, o->disk);
		else if (c->listing != NULL)
			return listing_entry(c->listing, m->payload) ==
			    EXIT_OK ? EXIT_OK : bad(c, "%s", "too much to "
			    "list");
		else
			return bad(c, "%s", "unexpected entry from the "
			    "parsing child");
		return EXIT_OK;
	case MSG_PART:
		if (c->listing == NULL || ++*ntext > MAX_TEXT_MSGS)
			return bad(c, "%s", "unexpected partition from the "
			    "parsing child");
		return listing_part(c->listing, m->payload) == EXIT_OK ?
		    EXIT_OK : bad(c, "%s", "too much to list");
	case MSG_VERDICT:
		if (c->listing == NULL || listing_verdict(c->listing,
		    m->payload) != EXIT_OK)
			return bad(c, "%s", "unexpected verdict from the "
			    "parsing child");
		return EXIT_OK;
	case MSG_FILE:
		return named_file(m->payload, o, c);
	case MSG_MENU:
		if (++*ntext > MAX_TEXT_MSGS)
			return bad(c, "%s", "too many messages from the "
			    "parsing child");
		if (c->answer_fd >= 0)
			return keep_title(m->payload, c);
		if (c->listing != NULL)
			return listing_menu(c->listing, m->payload) ==
			    EXIT_OK ? EXIT_OK : bad(c, "%s", "too much to "
			    "list");
		if (!o->isconfig)
			return bad(c, "%s", "unexpected menu from the parsing "
			    "child");
		report_menu(m->payload, c->nmenu++);
		return EXIT_OK;
	case MSG_CHOOSE:
		return choose(m->payload, c);
	case MSG_GRUB:
		if (c->grub == NULL)
			return bad(c, "%s", "unexpected request for GRUB's "
			    "reader from the parsing child");
		return grub_serve(c->grub, m->payload, c->why,
		    sizeof(c->why));
	case MSG_ARGS:
		if (c->have_args || o->list)
			return bad(c, "%s", "unexpected arguments from the "
			    "parsing child");
		memcpy(c->args, ((const struct msg_args *)m->payload)->args,
		    sizeof(c->args));
		c->have_args = true;
		return EXIT_OK;
	case MSG_FAIL:
		/* -l keeps the words as the guest wrote them, for JSON. */
		if (c->listing != NULL)
			listing_failed(c->listing, f->text);
		vis_str(c->why, sizeof(c->why), f->text);
		c->child_failed = true;
		return (int)f->code;
	default:
		return bad(c, "%s", "unexpected message from the parsing "
		    "child");
	}
}

/*
 * Reads messages until DONE or FAIL.  Returns the exit status; on
 * success collect_files() has the last word on the files.
 */
int
collect(int fd, const struct options *o, struct collected *c)
{
	static union msg_payload buf;
	unsigned int ntext = 0;
	struct msg m;
	int n, rc;

	for (;;) {
		/* Stopped, the child is killed: its word is not awaited. */
		if (stop_readable(fd) != 0)
			return errno == EINTR ? EXIT_CHILD : bad(c, "waiting "
			    "for the parsing child: %s", strerror(errno));
		n = proto_recv(fd, &m, (char *)&buf, sizeof(buf), c->why,
		    sizeof(c->why));
		if (n == 0)
			return bad(c, "%s", "parsing child exited without an "
			    "answer");
		if (n < 0)
			return EXIT_CHILD;
		/* Its first word may ask to start again with libfsxfs. */
		if (m.type == MSG_NEED_LIBS)
			return c->heard ? bad(c, "%s", "unexpected request "
			    "for libraries from the parsing child") :
			    COLLECT_AGAIN;
		c->heard = true;
		if (m.type == MSG_DONE)
			break;
		rc = take(&m, o, c, &ntext);
		if (rc != EXIT_OK)
			return rc;
	}
	return finish(o, c);
}
