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
take_choose(const void *p, const struct options *o, struct collected *c)
{
	const struct msg_choose *q = p;
	struct itimerval left;
	struct msg_chosen answer;
	int sel;

	(void)o;
	if (c->answer_fd < 0 || c->nmenu == 0 || q->deflt >= c->nmenu ||
	    q->timeout > MENU_TIMEOUT_MAX)
		return bad(c, "%s", "a question with no menu, or a default or "
		    "timeout out of range, from the parsing child");
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
take_file(const void *p, const struct options *o, struct collected *c)
{
	const struct msg_file *f = p;
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

/* What each message does once its rule lets it in. */
static int
take_trace(const void *p, const struct options *o, struct collected *c)
{
	(void)c;
	report_trace(p, o->disk);
	return EXIT_OK;
}

/* -l's lists: a table too full is the child's doing. */
static int
listed(struct collected *c, int rc)
{
	return rc == EXIT_OK ? EXIT_OK : bad(c, "%s", "too much to list");
}

static int
take_entry(const void *p, const struct options *o, struct collected *c)
{
	(void)o;
	return listed(c, listing_entry(c->listing, p));
}

static int
take_part(const void *p, const struct options *o, struct collected *c)
{
	(void)o;
	return listed(c, listing_part(c->listing, p));
}

static int
take_verdict(const void *p, const struct options *o, struct collected *c)
{
	(void)o;
	return listing_verdict(c->listing, p) == EXIT_OK ? EXIT_OK :
	    bad(c, "%s", "unexpected verdict from the parsing child");
}

/* A menu entry: a title to ask the console, a line of -l, or --isconfig's. */
static int
take_menu(const void *p, const struct options *o, struct collected *c)
{
	(void)o;
	if (c->answer_fd >= 0)
		return keep_title(p, c);
	if (c->listing != NULL)
		return listed(c, listing_menu(c->listing, p));
	report_menu(p, c->nmenu++);
	return EXIT_OK;
}

static int
take_grub(const void *p, const struct options *o, struct collected *c)
{
	(void)o;
	return grub_serve(c->grub, p, c->why, sizeof(c->why));
}

static int
take_args(const void *p, const struct options *o, struct collected *c)
{
	(void)o;
	memcpy(c->args, ((const struct msg_args *)p)->args, sizeof(c->args));
	c->have_args = true;
	return EXIT_OK;
}

/* grubenv's next_entry: -l shows it, a boot remembers it (run.c). */
static int
take_once(const void *p, const struct options *o, struct collected *c)
{
	(void)o;
	if (c->listing != NULL)
		return listed(c, listing_once(c->listing, p));
	c->once = *(const struct msg_once *)p;
	c->have_once = true;
	return EXIT_OK;
}

static int
take_fail(const void *p, const struct options *o, struct collected *c)
{
	const struct msg_fail *f = p;

	(void)o;
	/* -l keeps the words as the guest wrote them, for JSON. */
	if (c->listing != NULL)
		listing_failed(c->listing, f->text);
	vis_str(c->why, sizeof(c->why), f->text);
	c->child_failed = true;
	return (int)f->code;
}

/*
 * The protocol's rules in one place, as OpenSSH's monitor keeps its
 * (mon_table): for each message the child may send, the runs it may
 * come in, whether it counts toward the bound on text, whether it may
 * come once only, and what takes it.  DONE and NEED_LIBS end the
 * reading (collect()); proto_check() has judged each payload alone.
 * A message outside its rule is refused by name and ends the run.
 */
static const struct rule {
	uint32_t	 type;
	unsigned int	 flags;
	const char	*what;		/* "unexpected <what> from ..." */
	int		(*take)(const void *, const struct options *,
			    struct collected *);
} rules[] = {
	{ MSG_TRACE, COLLECT_ANY | COLLECT_COUNTED, "trace", take_trace },
	{ MSG_ENTRY, COLLECT_LIST | COLLECT_COUNTED, "entry", take_entry },
	{ MSG_PART, COLLECT_LIST | COLLECT_COUNTED, "partition", take_part },
	{ MSG_VERDICT, COLLECT_LIST | COLLECT_ONCE, "verdict",
	    take_verdict },
	{ MSG_MENU, COLLECT_ASK | COLLECT_LIST | COLLECT_ISCONFIG |
	    COLLECT_COUNTED, "menu", take_menu },
	{ MSG_CHOOSE, COLLECT_ASK | COLLECT_ONCE, "question", take_choose },
	{ MSG_FILE, COLLECT_BOOT | COLLECT_ASK | COLLECT_ISCONFIG, "file",
	    take_file },
	{ MSG_ARGS, COLLECT_BOOT | COLLECT_ASK | COLLECT_ISCONFIG |
	    COLLECT_ONCE, "arguments", take_args },
	{ MSG_ONCE, COLLECT_BOOT | COLLECT_ASK | COLLECT_LIST | COLLECT_ONCE,
	    "next_entry", take_once },
	{ MSG_GRUB, COLLECT_ANY | COLLECT_READER,
	    "request for GRUB's reader", take_grub },
	{ MSG_FAIL, COLLECT_ANY | COLLECT_ONCE, "failure", take_fail },
};

/* Which run this is, as the rules name them. */
static unsigned int
state(const struct options *o, const struct collected *c)
{
	unsigned int s;

	if (c->listing != NULL)
		s = COLLECT_LIST;
	else if (o->isconfig)
		s = COLLECT_ISCONFIG;
	else if (c->answer_fd >= 0)
		s = COLLECT_ASK;
	else
		s = COLLECT_BOOT;
	return s | (c->grub != NULL ? COLLECT_READER : 0);
}

static const struct rule *
rule_of(uint32_t type)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rules[i].type == type)
			return &rules[i];
	return NULL;
}

unsigned int
collect_rule(uint32_t type, const char **what)
{
	const struct rule *r = rule_of(type);

	if (r != NULL && what != NULL)
		*what = r->what;
	return r != NULL ? r->flags : 0;
}

static int
take(const struct msg *m, const struct options *o, struct collected *c,
    unsigned int *ntext)
{
	const struct rule *r = rule_of(m->type);
	unsigned int now = state(o, c);

	if (r == NULL)
		return bad(c, "%s", "unexpected message from the parsing "
		    "child");
	if ((r->flags & now & COLLECT_ANY) == 0 ||
	    ((r->flags & COLLECT_READER) && !(now & COLLECT_READER)) ||
	    ((r->flags & COLLECT_ONCE) && (c->seen & (1u << m->type))))
		return bad(c, "unexpected %s from the parsing child", r->what);
	if ((r->flags & COLLECT_COUNTED) && ++*ntext > MAX_TEXT_MSGS)
		return bad(c, "%s", "too many messages from the parsing child");
	c->seen |= 1u << m->type;
	return r->take(m->payload, o, c);
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
