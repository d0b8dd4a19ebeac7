/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Framing for the pipes between child and parent.  Sending is trivial;
 * receiving is where a hostile child is met, so proto_check() is a pure
 * function that the fuzzer can drive without a pipe.  No file's bytes
 * pass here: the child writes them into the output files the parent
 * made.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "proto.h"

static int
write_all(int fd, struct iovec *iov, int iovcnt)
{
	ssize_t n;

	while (iovcnt > 0) {
		n = writev(fd, iov, iovcnt);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		while (iovcnt > 0 && (size_t)n >= iov->iov_len) {
			n -= iov->iov_len;
			iov++;
			iovcnt--;
		}
		if (iovcnt > 0) {
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= n;
		}
	}
	return 0;
}

int
proto_write(int fd, const void *buf, size_t len)
{
	struct iovec iov = { .iov_base = (void *)(uintptr_t)buf,
	    .iov_len = len };

	return len > 0 ? write_all(fd, &iov, 1) : 0;
}

int
proto_send(int fd, uint32_t type, const void *payload, size_t len)
{
	struct msg_hdr hdr = { .type = type, .len = (uint32_t)len };
	struct iovec iov[2] = {
		{ .iov_base = &hdr, .iov_len = sizeof(hdr) },
		{ .iov_base = (void *)(uintptr_t)payload, .iov_len = len },
	};

	if (len > MSG_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	return write_all(fd, iov, len > 0 ? 2 : 1);
}

/* Returns the bytes read: fewer than len only at end of file. */
static ssize_t
read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, (char *)buf + got, len - got);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		got += n;
	}
	return (ssize_t)got;
}

static int
string_ok(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}

/* Each payload on its own: strings terminated, enums in range. */
static bool
trace_ok(const void *p)
{
	const struct msg_trace *t = p;

	return t->level <= TRACE_INFO && string_ok(t->text, sizeof(t->text));
}

static bool
entry_ok(const void *p)
{
	const struct msg_entry *e = p;

	return e->arch <= ARCH_I386 && e->verdict <= ENTRY_VERDICT_MAX &&
	    e->elfclass <= 2 &&
	    string_ok(e->fstype, sizeof(e->fstype)) &&
	    string_ok(e->guest_type, sizeof(e->guest_type)) &&
	    string_ok(e->guest_os, sizeof(e->guest_os)) &&
	    string_ok(e->loader, sizeof(e->loader)) &&
	    string_ok(e->xen_ver, sizeof(e->xen_ver)) &&
	    string_ok(e->lv, sizeof(e->lv)) &&
	    string_ok(e->path, sizeof(e->path)) &&
	    string_ok(e->reason, sizeof(e->reason));
}

static bool
file_ok(const void *p)
{
	const struct msg_file *f = p;

	return f->kind <= FILE_KIND_MAX && string_ok(f->path, sizeof(f->path));
}

static bool
fail_ok(const void *p)
{
	const struct msg_fail *x = p;

	return (x->code == EXIT_NOTFOUND || x->code == EXIT_REJECTED ||
	    x->code == EXIT_DISK || x->code == EXIT_OUTPUT ||
	    x->code == EXIT_CHILD) && string_ok(x->text, sizeof(x->text));
}

static bool
args_ok(const void *p)
{
	const struct msg_args *a = p;

	return string_ok(a->args, sizeof(a->args));
}

static bool
menu_ok(const void *p)
{
	const struct msg_menu *u = p;

	return string_ok(u->lv, sizeof(u->lv)) &&
	    string_ok(u->config, sizeof(u->config)) &&
	    string_ok(u->title, sizeof(u->title)) &&
	    string_ok(u->kernel, sizeof(u->kernel)) &&
	    string_ok(u->initrd, sizeof(u->initrd)) &&
	    string_ok(u->args, sizeof(u->args));
}

static bool
grub_ok(const void *p)
{
	const struct msg_grub *g = p;

	return g->verb <= GRUB_VERB_MAX && string_ok(g->path, sizeof(g->path));
}

static bool
grub_done_ok(const void *p)
{
	const struct msg_grub_done *d = p;

	return d->outcome <= GRUB_NOT_RUN && string_ok(d->why, sizeof(d->why));
}

static bool
part_ok(const void *p)
{
	const struct msg_part *pa = p;

	return string_ok(pa->fstype, sizeof(pa->fstype)) &&
	    string_ok(pa->lv, sizeof(pa->lv)) &&
	    string_ok(pa->grub, sizeof(pa->grub));
}

static bool
verdict_ok(const void *p)
{
	const struct msg_verdict *v = p;

	return v->kind <= VERDICT_KIND_MAX && v->arch <= ARCH_I386 &&
	    string_ok(v->lv, sizeof(v->lv)) &&
	    string_ok(v->format, sizeof(v->format)) &&
	    string_ok(v->guest_type, sizeof(v->guest_type)) &&
	    string_ok(v->path, sizeof(v->path)) &&
	    string_ok(v->title, sizeof(v->title));
}

/* grubenv's identity is kept in a file of dom0's: printable, one line. */
static bool
printable(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s < ' ' || *s > '~')
			return false;
	return true;
}

static bool
once_ok(const void *p)
{
	const struct msg_once *n = p;

	return n->state <= ONCE_STATE_MAX && n->pad == 0 &&
	    string_ok(n->id, sizeof(n->id)) && n->id[0] != '\0' &&
	    printable(n->id) && string_ok(n->entry, sizeof(n->entry));
}

/* Every message of the wire: its exact length and its payload's check. */
static const struct layout {
	uint32_t	 type;
	size_t		 len;
	bool		(*ok)(const void *);	/* NULL: no payload */
} layouts[] = {
	{ MSG_TRACE, sizeof(struct msg_trace), trace_ok },
	{ MSG_ENTRY, sizeof(struct msg_entry), entry_ok },
	{ MSG_FILE, sizeof(struct msg_file), file_ok },
	{ MSG_FAIL, sizeof(struct msg_fail), fail_ok },
	{ MSG_DONE, 0, NULL },
	{ MSG_ARGS, sizeof(struct msg_args), args_ok },
	{ MSG_MENU, sizeof(struct msg_menu), menu_ok },
	{ MSG_CHOOSE, sizeof(struct msg_choose), NULL },
	{ MSG_NEED_LIBS, 0, NULL },
	{ MSG_CHOSEN, sizeof(struct msg_chosen), NULL },
	{ MSG_GRUB, sizeof(struct msg_grub), grub_ok },
	{ MSG_GRUB_DONE, sizeof(struct msg_grub_done), grub_done_ok },
	{ MSG_PART, sizeof(struct msg_part), part_ok },
	{ MSG_VERDICT, sizeof(struct msg_verdict), verdict_ok },
	{ MSG_ONCE, sizeof(struct msg_once), once_ok },
};

/*
 * Checks one message on its own: type known, length exact, strings
 * terminated, enums in range.  Order is not checked (collect.c's rules
 * are).
 */
int
proto_check(const struct msg *m, char *why, size_t whylen)
{
	const struct layout *l = NULL;
	size_t i;

	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++)
		if (layouts[i].type == m->type)
			l = &layouts[i];
	if (l == NULL) {
		snprintf(why, whylen, "unknown message type %u", m->type);
		return -1;
	}
	if (m->len != l->len) {
		snprintf(why, whylen, "message type %u has length %u",
		    m->type, m->len);
		return -1;
	}
	if (l->ok != NULL && !l->ok(m->payload)) {
		snprintf(why, whylen, "malformed message of type %u", m->type);
		return -1;
	}
	return 0;
}

/*
 * Reads one message into buf (at least MSG_PAYLOAD_MAX bytes).  Returns
 * 1 for a message, 0 for end of file between messages, -1 with a reason.
 */
int
proto_recv(int fd, struct msg *m, char *buf, size_t bufsize,
    char *why, size_t whylen)
{
	struct msg_hdr hdr;
	ssize_t n;

	n = read_full(fd, &hdr, sizeof(hdr));
	if (n == 0)
		return 0;
	if (n != (ssize_t)sizeof(hdr))
		goto short_read;
	if (hdr.len > bufsize || hdr.len > MSG_PAYLOAD_MAX) {
		snprintf(why, whylen, "message of %u bytes", hdr.len);
		return -1;
	}
	m->type = hdr.type;
	m->len = hdr.len;
	n = read_full(fd, buf, hdr.len);
	if (n != (ssize_t)hdr.len)
		goto short_read;
	m->payload = buf;
	return proto_check(m, why, whylen) == 0 ? 1 : -1;
short_read:
	if (n < 0)
		snprintf(why, whylen, "reading the pipe: %s",
		    strerror(errno));
	else
		snprintf(why, whylen, "message cut short");
	return -1;
}
