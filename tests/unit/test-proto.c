/* SPDX-License-Identifier: GPL-2.0-only */
/* proto_check() and proto_recv(): what a hostile child can send. */
#define UNIT_NAME "proto"
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proto.h"
#include "unit.h"

static union {
	struct msg_trace	t;
	struct msg_file		f;
	struct msg_entry	e;
	struct msg_fail		x;
	char			raw[MSG_DATA_MAX];
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
	static char buf[MSG_DATA_MAX];
	struct msg m;
	int fds[2], rc;

	if (pipe(fds) != 0)
		return -2;
	if (write(fds[1], bytes, n) != (ssize_t)n)
		return -2;
	close(fds[1]);
	rc = proto_recv(fds[0], &m, buf, sizeof(buf), why, sizeof(why));
	close(fds[0]);
	return rc;
}

/*
 * A data message through a pipe (spliced) or through a memfd standing
 * in for one (copied): the bytes arrive whole, or "cut short".
 */
static int
data_round_trip(int use_pipe, size_t sent, size_t announced)
{
	static char buf[MSG_DATA_MAX], bytes[100000], back[100000];
	struct msg_hdr h = { .type = MSG_DATA, .len = (uint32_t)announced };
	struct msg m;
	int fds[2], out, rc = -2;
	size_t i;

	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (char)(i * 7);
	if (use_pipe) {
		if (pipe(fds) != 0)
			return -2;
		/* The whole message fits: no reader is needed to send it. */
		(void)fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
	} else {
		fds[0] = fds[1] = memfd_create("wire", 0);
	}
	out = memfd_create("out", 0);
	if (sent == announced)
		rc = proto_send_data(fds[1], bytes, sent);
	else
		rc = (write(fds[1], &h, sizeof(h)) == sizeof(h) &&
		    write(fds[1], bytes, sent) == (ssize_t)sent) ? 0 : -1;
	if (use_pipe)
		close(fds[1]);
	else
		lseek(fds[0], 0, SEEK_SET);
	if (rc == 0 && proto_recv(fds[0], &m, buf, sizeof(buf), why,
	    sizeof(why)) == 1 && m.type == MSG_DATA && m.payload == NULL &&
	    m.len == announced) {
		rc = proto_recv_data(fds[0], out, m.len, buf, sizeof(buf));
		if (rc == 1 && (pread(out, back, sent, 0) != (ssize_t)sent ||
		    memcmp(back, bytes, sent) != 0))
			rc = -3;
	} else
		rc = -2;
	close(fds[0]);
	close(out);
	return rc;
}

int
main(void)
{
	struct msg_hdr h;
	char big[sizeof(h) + sizeof(pl.f)];
	int fds[2];
	struct msg m;
	static char buf[MSG_DATA_MAX];

	memset(&pl, 0, sizeof(pl));
	CHECK("done is empty", chk(MSG_DONE, 0) == 0);
	CHECK("done with a payload", chk(MSG_DONE, 1) == -1);
	CHECK("unknown type 0", chk(0, 0) == -1);
	CHECK("unknown type past the last", chk(MSG_TYPE_MAX + 1, 0) == -1);
	CHECK("data of zero bytes", chk(MSG_DATA, 0) == -1);
	CHECK("data at the cap", chk(MSG_DATA, MSG_DATA_MAX) == 0);
	CHECK("data over the cap", chk(MSG_DATA, MSG_DATA_MAX + 1) == -1);
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
	pl.x.code = EXIT_OUTPUT;
	CHECK("fail with the parent's code", chk(MSG_FAIL, sizeof(pl.x)) == -1);
	pl.x.code = EXIT_REJECTED;
	CHECK("fail rejected", chk(MSG_FAIL, sizeof(pl.x)) == 0);
	memset(&pl, 0, sizeof(pl));
	pl.e.verdict = ENTRY_VERDICT_MAX + 1;
	CHECK("entry verdict out of range", chk(MSG_ENTRY, sizeof(pl.e)) == -1);

	CHECK("end of file between messages", recv_raw("", 0) == 0);
	CHECK("half a header", recv_raw("\1\0\0", 3) == -1);
	h.type = MSG_DATA;
	h.len = MSG_DATA_MAX + 1;
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
		CHECK("send then receive", proto_recv(fds[0], &m, buf,
		    sizeof(buf), why, sizeof(why)) == 1 &&
		    m.type == MSG_FAIL && strcmp(((struct msg_fail *)
		    m.payload)->text, "nothing") == 0);
		close(fds[0]);
	}
	CHECK("data spliced from a pipe arrives whole",
	    data_round_trip(1, 100000, 100000) == 1);
	CHECK("data copied where there is no pipe arrives whole",
	    data_round_trip(0, 100000, 100000) == 1);
	CHECK("data cut short in a pipe", data_round_trip(1, 5000, 100000) == 0);
	CHECK("data cut short without a pipe",
	    data_round_trip(0, 5000, 100000) == 0);
	return unit_failed;
}
