/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * collect_make_files() and collect_files(): the output files the child
 * writes are made before it runs and judged after it is dead.  What a
 * compromised child may have done to them, done here by hand.  And
 * collect() on a few message sequences of the wire.
 */
#define UNIT_NAME "collect"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parent/collect.h"
#include "unit.h"

static char dir[] = "/tmp/test-collect.XXXXXX";

/* The files in dir; with unlink, it removes them. */
static int
files_in_dir(int unlink)
{
	struct dirent *e;
	DIR *d;
	int n = 0;

	d = opendir(dir);
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		if (unlink)
			(void)unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
	return n;
}

static int
entries(void)
{
	return files_in_dir(0);
}

/*
 * A run in which the child wrote len bytes to each file and announced
 * size (a kernel, and a ramdisk when with_ramdisk).
 */
static int
after_child(size_t len, uint64_t size, int with_ramdisk, int *left)
{
	struct collected c;
	struct outdir d;
	char why[256], bytes[4096];
	int fds[FILE_KIND_MAX + 1], rc, i;

	memset(bytes, 'x', sizeof(bytes));
	collect_init(&c);
	if (output_dir_open(dir, &d, why, sizeof(why)) != 0 ||
	    collect_make_files(&c, &d, fds) != EXIT_OK)
		return -1;
	for (i = 0; i <= (with_ramdisk ? FILE_RAMDISK : FILE_KERNEL); i++) {
		if (write(fds[i], bytes, len) != (ssize_t)len)
			return -1;
		c.file[i].announced = true;
		c.file[i].size = size;
	}
	rc = collect_files(&c, &d);
	*left = entries();
	if (rc != EXIT_OK)
		collect_discard(&c, &d);
	close(d.fd);
	return rc;
}

/*
 * collect() under -n over messages of the given types: a trace says
 * "hello", the others carry empty or zeroed payloads.
 */
static int
wire_as(const uint32_t *types, size_t n, bool list)
{
	static union msg_payload zero;
	struct msg_trace t = { .level = TRACE_INFO, .text = "hello" };
	char *disks[] = { "unit" };
	struct options o = { .disk = "unit", .disks = disks, .ndisks = 1,
	    .not_really = !list, .list = list };
	struct runtime rt = { .xen_caps = "", .caps_source = "" };
	struct collected c;
	size_t i, len;
	int fd, rc;

	fd = memfd_create("wire", MFD_CLOEXEC);
	for (i = 0; i < n; i++) {
		len = types[i] == MSG_TRACE ? sizeof(t) : types[i] ==
		    MSG_CHOSEN ? sizeof(struct msg_chosen) : types[i] ==
		    MSG_PART ? sizeof(struct msg_part) : types[i] ==
		    MSG_VERDICT ? sizeof(struct msg_verdict) : 0;
		(void)proto_send(fd, types[i], types[i] == MSG_TRACE ?
		    (void *)&t : (void *)&zero, len);
	}
	(void)lseek(fd, 0, SEEK_SET);
	collect_init(&c);
	if (list)
		c.listing = listing_new(&o, &rt);
	rc = collect(fd, &o, &c);
	if (c.listing != NULL)
		listing_finish(c.listing);
	close(fd);
	return rc;
}

static int
wire(const uint32_t *types, size_t n)
{
	return wire_as(types, n, false);
}

/*
 * One MSG_GRUB through grub_serve(), for a reader at program: what it
 * returns, and the outcome the child is told (-1: told nothing).
 */
static int
grub_request(const char *program, uint32_t verb, const char *path,
    uint64_t limit, int *outcome)
{
	struct grub_link l = { .program = program, .disk_path = "/dev/null",
	    .out = -1, .err = -1, .max_file_size = 1 << 20 };
	struct msg_grub g = { .verb = verb, .limit = limit };
	union msg_payload buf;
	struct msg m;
	char why[256];
	int done[2], rc;

	if (pipe(done) != 0)
		return -1;
	l.done = done[1];
	l.disk = done[0];
	snprintf(g.path, sizeof(g.path), "%s", path);
	rc = grub_serve(&l, &g, why, sizeof(why));
	close(done[1]);
	*outcome = proto_recv(done[0], &m, (char *)&buf, sizeof(buf), why,
	    sizeof(why)) == 1 && m.type == MSG_GRUB_DONE ?
	    (int)buf.grub_done.outcome : -1;
	close(done[0]);
	return rc;
}

/* The length proto_check() wants of each message the child sends. */
static size_t
length(uint32_t type)
{
	switch (type) {
	case MSG_TRACE:		return sizeof(struct msg_trace);
	case MSG_ENTRY:		return sizeof(struct msg_entry);
	case MSG_FILE:		return sizeof(struct msg_file);
	case MSG_FAIL:		return sizeof(struct msg_fail);
	case MSG_ARGS:		return sizeof(struct msg_args);
	case MSG_MENU:		return sizeof(struct msg_menu);
	case MSG_CHOOSE:	return sizeof(struct msg_choose);
	case MSG_GRUB:		return sizeof(struct msg_grub);
	case MSG_PART:		return sizeof(struct msg_part);
	case MSG_VERDICT:	return sizeof(struct msg_verdict);
	case MSG_ONCE:		return sizeof(struct msg_once);
	default:		return 0;
	}
}

/*
 * collect() over one message of type, times times over, in a run of
 * mode (a COLLECT_* run), GRUB's reader offered (one that is not
 * installed: the child is told so); a payload each handler takes.
 * Its reason in why.
 */
static int
in_mode(uint32_t type, unsigned int mode, int times, char *why,
    size_t whylen)
{
	union msg_payload p;
	char *disks[] = { "unit" };
	struct options o = { .disk = "unit", .disks = disks, .ndisks = 1,
	    .not_really = true, .list = mode == COLLECT_LIST,
	    .isconfig = mode == COLLECT_ISCONFIG };
	struct runtime rt = { .xen_caps = "", .caps_source = "" };
	struct grub_link l = { .program = "/usr/bin/no-such-reader",
	    .disk_path = "/dev/null", .out = -1, .err = -1,
	    .max_file_size = 1 << 20 };
	struct collected c;
	int fd, done[2], i, rc;

	memset(&p, 0, sizeof(p));
	if (type == MSG_TRACE)
		p.trace.level = TRACE_INFO;
	if (type == MSG_FAIL)
		p.fail.code = EXIT_NOTFOUND;
	if (type == MSG_ONCE)
		snprintf(p.once.id, sizeof(p.once.id), "unit 12 0 1024 0");
	if (type == MSG_GRUB) {
		p.grub.verb = GRUB_CAT;
		p.grub.limit = 10;
		snprintf(p.grub.path, sizeof(p.grub.path), "(loop0)/x");
	}
	fd = memfd_create("wire", MFD_CLOEXEC);
	if (fd < 0 || pipe(done) != 0)
		return -1;
	for (i = 0; i < times; i++)
		(void)proto_send(fd, type, &p, length(type));
	(void)lseek(fd, 0, SEEK_SET);
	collect_init(&c);
	l.done = done[1];
	l.disk = done[0];
	c.grub = &l;
	if (mode == COLLECT_LIST)
		c.listing = listing_new(&o, &rt);
	if (mode == COLLECT_ASK)
		c.answer_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	rc = collect(fd, &o, &c);
	snprintf(why, whylen, "%s", c.why);
	if (c.listing != NULL)
		listing_finish(c.listing);
	if (c.answer_fd >= 0)
		close(c.answer_fd);
	free(c.titles);
	close(done[0]);
	close(done[1]);
	close(fd);
	return rc;
}

/*
 * The protocol's rules, held against collect_rule()'s table: in each
 * run, each message the child may send is refused by name exactly
 * where its rule does not let it in, and a second one where it may
 * come once.
 */
static void
rules_hold(void)
{
	static const unsigned int modes[] = { COLLECT_BOOT, COLLECT_ASK,
	    COLLECT_LIST, COLLECT_ISCONFIG };
	static const char *const names[] = { "boot", "ask", "-l",
	    "--isconfig" };
	char why[512], name[160], refusal[96];
	const char *what;
	unsigned int flags, type;
	size_t m;
	bool refused, let_in;

	for (type = 1; type <= MSG_TYPE_MAX; type++) {
		flags = collect_rule(type, &what);
		if (flags == 0)
			continue;
		snprintf(refusal, sizeof(refusal), "unexpected %s from", what);
		for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
			let_in = (flags & modes[m]) != 0;
			(void)in_mode(type, modes[m], 1, why, sizeof(why));
			refused = strstr(why, refusal) != NULL;
			snprintf(name, sizeof(name), "%s in a %s run: %s", what,
			    names[m], let_in ? "let in" : "refused by name");
			CHECK(name, refused != let_in);
			/* A failure ends the run; a question waits on a console. */
			if (!let_in || !(flags & COLLECT_ONCE) ||
			    type == MSG_FAIL || type == MSG_CHOOSE)
				continue;
			(void)in_mode(type, modes[m], 2, why, sizeof(why));
			snprintf(name, sizeof(name), "%s in a %s run: a second "
			    "refused by name", what, names[m]);
			CHECK(name, strstr(why, refusal) != NULL);
		}
	}
}

int
main(void)
{
	struct collected c;
	struct outdir d;
	struct stat st;
	char why[256];
	int fds[FILE_KIND_MAX + 1], left = -1;

	if (mkdtemp(dir) == NULL)
		return 1;
	collect_init(&c);
	/* /tmp is a tmpfs or ext4: O_TMPFILE, no name until judged. */
	CHECK("both files made, unnamed", output_dir_open(dir, &d, why,
	    sizeof(why)) == 0 && collect_make_files(&c, &d, fds) == EXIT_OK &&
	    entries() == 0);
	CHECK("made empty and 0600", fstat(fds[FILE_KERNEL], &st) == 0 &&
	    st.st_size == 0 && (st.st_mode & 07777) == 0600);
	CHECK("made readable and writable for the child",
	    (fcntl(fds[FILE_RAMDISK], F_GETFL) & O_ACCMODE) == O_RDWR);
	collect_discard(&c, &d);
	close(d.fd);
	CHECK("discarded: nothing left", entries() == 0);

	CHECK("kernel as announced: kept, the unused ramdisk removed",
	    after_child(100, 100, 0, &left) == EXIT_OK && left == 1);
	(void)files_in_dir(1);
	CHECK("kernel and ramdisk as announced: both kept",
	    after_child(100, 100, 1, &left) == EXIT_OK && left == 2);
	(void)files_in_dir(1);
	CHECK("more written than announced: refused, nothing left",
	    after_child(101, 100, 0, &left) == EXIT_CHILD && entries() == 0);
	CHECK("less written than announced: refused",
	    after_child(99, 100, 1, &left) == EXIT_CHILD && entries() == 0);
	rmdir(dir);

	CHECK("a request for libfsxfs as the first word: start again",
	    wire((const uint32_t[]){ MSG_NEED_LIBS }, 1) == COLLECT_AGAIN);
	CHECK("a request for libfsxfs after a trace: refused",
	    wire((const uint32_t[]){ MSG_TRACE, MSG_NEED_LIBS }, 2) ==
	    EXIT_CHILD);
	CHECK("the parent's own MSG_CHOSEN from the child: refused",
	    wire((const uint32_t[]){ MSG_CHOSEN }, 1) == EXIT_CHILD);
	CHECK("-l: partitions, a verdict, done",
	    wire_as((const uint32_t[]){ MSG_PART, MSG_PART, MSG_VERDICT,
	    MSG_DONE }, 4, true) == EXIT_OK);
	CHECK("-l: a second verdict: refused",
	    wire_as((const uint32_t[]){ MSG_VERDICT, MSG_VERDICT }, 2, true) ==
	    EXIT_CHILD);
	CHECK("a verdict outside -l: refused",
	    wire((const uint32_t[]){ MSG_VERDICT }, 1) == EXIT_CHILD);
	CHECK("a partition outside -l: refused",
	    wire((const uint32_t[]){ MSG_PART }, 1) == EXIT_CHILD);
	CHECK("a request for GRUB's reader where none was offered: refused",
	    wire((const uint32_t[]){ MSG_GRUB }, 1) == EXIT_CHILD);
	rules_hold();

	/* What a compromised child may ask GRUB's reader: refused unread. */
	CHECK("GRUB's (host), the helper's own root: refused",
	    grub_request("/usr/bin/true", GRUB_CAT, "(host)/etc/shadow", 10,
	    &left) == EXIT_CHILD && left == -1);
	CHECK("GRUB's (proc): refused",
	    grub_request("/usr/bin/true", GRUB_LS, "(proc)/", 0, &left) ==
	    EXIT_CHILD && left == -1);
	CHECK("a device with no path: refused",
	    grub_request("/usr/bin/true", GRUB_CAT, "(loop0)", 10, &left) ==
	    EXIT_CHILD && left == -1);
	CHECK("an option for an argument: refused",
	    grub_request("/usr/bin/true", GRUB_CAT, "-d all", 10, &left) ==
	    EXIT_CHILD && left == -1);
	CHECK("more than the size limit plus one byte: refused",
	    grub_request("/usr/bin/true", GRUB_CAT, "(loop0,gpt2)/x",
	    (1 << 20) + 2, &left) == EXIT_CHILD && left == -1);
	CHECK("no reader installed: the child is told, not the run failed",
	    grub_request("/usr/bin/no-such-reader", GRUB_CAT,
	    "(loop0,msdos5)/boot/grub/grub.cfg", 10, &left) == EXIT_OK &&
	    left == GRUB_NOT_RUN);
	CHECK("a reader outside /usr: not run",
	    grub_request("/bin/true", GRUB_LS, "(lvm/vg-boot)/", 0, &left) ==
	    EXIT_OK && left == GRUB_NOT_RUN);
	return unit_failed;
}
