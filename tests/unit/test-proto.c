/* SPDX-License-Identifier: GPL-2.0-only */
/* proto_check() and proto_recv(): what a hostile child can send. */
#define UNIT_NAME "proto"
#include <string.h>
#include <unistd.h>

#include "proto.h"
#include "unit.h"

static union {
	struct msg_trace	t;
	struct msg_file		f;
	struct msg_entry	e;
	struct msg_fail		x;
	struct msg_part		p;
	struct msg_verdict	v;
	struct msg_once		n;
	char			raw[MSG_PAYLOAD_MAX + 1];
} pl;
static char why[256];

static int
chk(uint32_t type, uint32_t len)
{
	struct msg m = { .type = type, .len = len, .payload = &pl };

	return proto_check(&m, why, sizeof(why));
}

/* Sends raw bytes through a pipe and receives one message. */
static int
recv_raw(const void *bytes, size_t n)
{
	static union msg_payload buf;
	struct msg m;
	int fds[2], rc;

	if (pipe(fds) != 0)
		return -2;
	if (write(fds[1], bytes, n) != (ssize_t)n)
		return -2;
	close(fds[1]);
	rc = proto_recv(fds[0], &m, (char *)&buf, sizeof(buf), why,
	    sizeof(why));
	close(fds[0]);
	return rc;
}

int
main(void)
{
	struct msg_hdr h;
	char big[sizeof(h) + sizeof(pl.f)];
	int fds[2];
	struct msg m;
	static union msg_payload buf;

	memset(&pl, 0, sizeof(pl));
	CHECK("done is empty", chk(MSG_DONE, 0) == 0);
	CHECK("done with a payload", chk(MSG_DONE, 1) == -1);
	CHECK("unknown type 0", chk(0, 0) == -1);
	CHECK("unknown type past the last", chk(MSG_TYPE_MAX + 1, 0) == -1);
	/* File bytes no longer pass the pipe: their old type is unknown. */
	CHECK("retired data type 4", chk(4, 100) == -1 && chk(4, 0) == -1);
	CHECK("file of the exact size", chk(MSG_FILE, sizeof(pl.f)) == 0);
	CHECK("file one byte short", chk(MSG_FILE, sizeof(pl.f) - 1) == -1);
	pl.f.kind = FILE_KIND_MAX + 1;
	CHECK("file of an unknown kind", chk(MSG_FILE, sizeof(pl.f)) == -1);
	pl.f.kind = FILE_KERNEL;
	memset(pl.f.path, 'a', sizeof(pl.f.path));
	CHECK("file path unterminated", chk(MSG_FILE, sizeof(pl.f)) == -1);
	memset(&pl, 0, sizeof(pl));
	pl.t.level = TRACE_INFO + 1;
	CHECK("trace level out of range", chk(MSG_TRACE, sizeof(pl.t)) == -1);
	memset(&pl, 0, sizeof(pl));
	pl.x.code = EXIT_OK;
	CHECK("fail claiming success", chk(MSG_FAIL, sizeof(pl.x)) == -1);
	pl.x.code = EXIT_USAGE;
	CHECK("fail with the parent's code", chk(MSG_FAIL, sizeof(pl.x)) == -1);
	/* The child writes the output files: it finds them full. */
	pl.x.code = EXIT_OUTPUT;
	CHECK("fail writing an output file", chk(MSG_FAIL, sizeof(pl.x)) == 0);
	pl.x.code = EXIT_REJECTED;
	CHECK("fail rejected", chk(MSG_FAIL, sizeof(pl.x)) == 0);
	memset(&pl, 0, sizeof(pl));
	pl.e.verdict = ENTRY_VERDICT_MAX + 1;
	CHECK("entry verdict out of range", chk(MSG_ENTRY, sizeof(pl.e)) == -1);

	memset(&pl, 0, sizeof(pl));
	CHECK("partition of the exact size", chk(MSG_PART, sizeof(pl.p)) == 0);
	memset(pl.p.grub, 'a', sizeof(pl.p.grub));
	CHECK("partition's GRUB name unterminated",
	    chk(MSG_PART, sizeof(pl.p)) == -1);
	memset(&pl, 0, sizeof(pl));
	CHECK("verdict of the exact size", chk(MSG_VERDICT, sizeof(pl.v)) == 0);
	CHECK("verdict one byte long", chk(MSG_VERDICT, sizeof(pl.v) + 1) == -1);
	pl.v.kind = VERDICT_KIND_MAX + 1;
	CHECK("verdict of an unknown kind", chk(MSG_VERDICT, sizeof(pl.v)) == -1);
	pl.v.kind = VERDICT_MENU;
	pl.v.arch = ARCH_I386 + 1;
	CHECK("verdict of an unknown arch", chk(MSG_VERDICT, sizeof(pl.v)) == -1);
	pl.v.arch = ARCH_AUTO;
	memset(pl.v.title, 'a', sizeof(pl.v.title));
	CHECK("verdict title unterminated", chk(MSG_VERDICT, sizeof(pl.v)) == -1);
	memset(&pl, 0, sizeof(pl));
	CHECK("next_entry with no grubenv identity", chk(MSG_ONCE, sizeof(pl.n)) == -1);
	snprintf(pl.n.id, sizeof(pl.n.id), "u 12 0 1024 0");
	CHECK("next_entry of the exact size", chk(MSG_ONCE, sizeof(pl.n)) == 0);
	pl.n.id[1] = '\n';
	CHECK("next_entry whose identity is two lines",
	    chk(MSG_ONCE, sizeof(pl.n)) == -1);
	pl.n.id[1] = ' ';
	pl.n.state = ONCE_STATE_MAX + 1;
	CHECK("next_entry of an unknown state", chk(MSG_ONCE, sizeof(pl.n)) == -1);
	pl.n.state = ONCE_SPENT;
	memset(pl.n.entry, 'a', sizeof(pl.n.entry));
	CHECK("next_entry unterminated", chk(MSG_ONCE, sizeof(pl.n)) == -1);

	CHECK("end of file between messages", recv_raw("", 0) == 0);
	CHECK("half a header", recv_raw("\1\0\0", 3) == -1);
	h.type = MSG_MENU;
	h.len = MSG_PAYLOAD_MAX + 1;
	CHECK("header announcing too much", recv_raw(&h, sizeof(h)) == -1);
	h.type = MSG_FILE;
	h.len = sizeof(pl.f);
	memset(big, 0, sizeof(big));
	memcpy(big, &h, sizeof(h));
	CHECK("payload cut short", recv_raw(big, sizeof(big) - 1) == -1);
	CHECK("whole file message", recv_raw(big, sizeof(big)) == 1);

	if (pipe(fds) == 0) {
		memset(&pl, 0, sizeof(pl));
		pl.x.code = EXIT_NOTFOUND;
		strcpy(pl.x.text, "nothing");
		proto_send(fds[1], MSG_FAIL, &pl.x, sizeof(pl.x));
		close(fds[1]);
		CHECK("send then receive", proto_recv(fds[0], &m,
		    (char *)&buf, sizeof(buf), why, sizeof(why)) == 1 &&
		    m.type == MSG_FAIL && strcmp(((struct msg_fail *)
		    m.payload)->text, "nothing") == 0);
		close(fds[0]);
	}
	return unit_failed;
}
