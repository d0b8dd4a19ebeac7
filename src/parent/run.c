/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parent acquires everything first (the disk, the output file and
 * directory), forks the child that parses the guest, and writes only
 * what the child's checked messages say.  It never reads the disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/fs.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect.h"
#include "child.h"
#include "grub.h"
#include "hypervisor.h"
#include "xfs-lib.h"
#include "listing.h"
#include "once.h"
#include "output.h"
#include "report.h"
#include "run.h"
#include "sandbox.h"
#include "stop.h"
#include "vis.h"

#define ANSWER_MAX	(3 * PATH_MAX + MAX_ARGS_LEN + 64)

struct parent {
	const struct options	*o;
	struct runtime		 rt;
	int			 diskfd;
	uint64_t		 disksize;
	int			 outfd;
	struct outdir		 dir;
	struct collected	 got;
	int			 files[FILE_KIND_MAX + 1];	/* for the child */
	int			 ask[2];	/* the menu choice, to the child */
	struct grub_link	 grub;		/* GRUB's reader, for the child */
	int			 grub_ends[3];	/* the child's ends */
	struct listing		*listing;	/* -l's, or NULL */
	bool			 stuck;		/* the child, killed, lives on */
};

/* The run's one-line failure, on stderr, and in -l's summary. */
static int __attribute__((format(printf, 3, 4)))
complain(const struct parent *p, int code, const char *fmt, ...)
{
	char why[MSG_TEXT_MAX + PATH_MAX + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s: %s\n", PROGRAM_NAME, p->o->disk, why);
	if (p->listing != NULL)
		listing_failed(p->listing, why);
	return code;
}

/* Opens the disk read-only; only a regular file or block device will do. */
static int
open_disk(struct parent *p)
{
	struct stat st;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(p->o->disk, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return complain(p, EXIT_DISK, "cannot open: %s",
		    strerror(errno));
	p->diskfd = fd;
	if (fstat(fd, &st) != 0)
		return complain(p, EXIT_DISK, "stat: %s", strerror(errno));
	if (S_ISREG(st.st_mode))
		p->disksize = (uint64_t)st.st_size;
	else if (S_ISBLK(st.st_mode)) {
		if (ioctl(fd, BLKGETSIZE64, &p->disksize) != 0)
			return complain(p, EXIT_DISK, "cannot get the size: "
			    "%s", strerror(errno));
	} else
		return complain(p, EXIT_DISK, "%s", S_ISDIR(st.st_mode) ?
		    "is a directory, not a disk image or block device" :
		    "not a disk image or block device");
	if (fcntl(fd, F_SETFL, 0) != 0)
		return complain(p, EXIT_DISK, "fcntl: %s", strerror(errno));
	if (p->disksize == 0)
		return complain(p, EXIT_DISK, "disk is empty");
	return EXIT_OK;
}

/*
 * libxl hands us an empty answer file: O_TRUNC would truncate it all
 * the same, and ext4 takes a truncation to zero for a file being
 * replaced and writes it back on close (auto_da_alloc).  Only a file
 * with something in it is emptied.
 */
static int
empty(int fd)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return -1;
	return S_ISREG(st.st_mode) && st.st_size > 0 ? ftruncate(fd, 0) : 0;
}

/*
 * The answer file: libxl makes it (a regular file, empty); a user may
 * name a new one.  Nothing else will do: a FIFO without a reader would
 * block us before any timeout (O_NONBLOCK makes that ENXIO), and a
 * symlink is not followed (O_NOFOLLOW: ELOOP).
 */
static int
open_answer(struct parent *p)
{
	const char *why = NULL;
	struct stat st;

	p->outfd = open(p->o->output, O_WRONLY | O_CREAT | O_CLOEXEC |
	    O_NOCTTY | O_NOFOLLOW | O_NONBLOCK, 0600);
	if (p->outfd < 0)
		why = errno == ELOOP ? "is a symbolic link" : errno == ENXIO ?
		    "not a regular file (a FIFO with no reader)" :
		    strerror(errno);
	else if (fstat(p->outfd, &st) != 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if (fcntl(p->outfd, F_SETFL, 0) != 0 || empty(p->outfd) != 0)
		why = strerror(errno);
	if (why != NULL)
		return complain(p, EXIT_OUTPUT, "--output %s: %s",
		    p->o->output, why);
	return EXIT_OK;
}

/* The files the child will write are made now, in the output directory. */
static int
open_outputs(struct parent *p)
{
	char why[PATH_MAX + 64];

	if (p->o->list || p->o->isconfig)
		return EXIT_OK;
	if (p->o->output != NULL && open_answer(p) != EXIT_OK)
		return EXIT_OUTPUT;
	if (p->o->not_really)
		return EXIT_OK;
	if (output_dir_open(p->o->output_dir, &p->dir, why,
	    sizeof(why)) != 0)
		return complain(p, EXIT_OUTPUT, "%s", why);
	if (collect_make_files(&p->got, &p->dir, p->files) != EXIT_OK)
		return complain(p, EXIT_OUTPUT, "%s", p->got.why);
	return EXIT_OK;
}

/* killed: by us already, for what it sent. */
static int
reap(struct parent *p, pid_t pid, int *status, bool killed)
{
	int rc = stop_reap(pid, status, killed, NULL);

	stop_child(0);
	if (rc < 0)
		return complain(p, EXIT_CHILD, "waitpid: %s", strerror(errno));
	p->stuck = rc == 1;
	return EXIT_OK;
}

/* What a timeout or a signal says of a process it could not end. */
static const char *
stuck(const struct parent *p)
{
	if (p->stuck)
		return "; the child is stuck in a read of the disk that the "
		    "kernel cannot interrupt, left to end when it returns";
	if (p->grub.stuck)
		return "; GRUB's reader is stuck in a read of the disk that "
		    "the kernel cannot interrupt, left to end when it returns";
	return "";
}

/*
 * Under -v: what the child cost, the limits being its bounds, and how
 * many times GRUB's reader ran for it (each a process of its own).
 */
static void
resources(const struct parent *p)
{
	struct rusage child, self;

	if (p->o->verbose == 0 || getrusage(RUSAGE_CHILDREN, &child) != 0 ||
	    getrusage(RUSAGE_SELF, &self) != 0)
		return;
	fprintf(stderr, "%s: %s: parsing child: %.1f ms of CPU, peak RSS %ld "
	    "KiB (this process %ld KiB)", PROGRAM_NAME, p->o->disk,
	    (child.ru_utime.tv_sec + child.ru_stime.tv_sec) * 1e3 +
	    (child.ru_utime.tv_usec + child.ru_stime.tv_usec) / 1e3,
	    child.ru_maxrss, self.ru_maxrss);
	if (p->grub.runs > 0)
		fprintf(stderr, "; GRUB's reader run %u times", p->grub.runs);
	fputc('\n', stderr);
}

static int
child_status(struct parent *p, int status, int rc)
{
	if (stop_caught() != 0)
		return complain(p, EXIT_CHILD, "stopped by SIG%s: the parsing "
		    "child killed, its files removed%s",
		    sigabbrev_np(stop_caught()), stuck(p));
	if (stop_expired())
		return complain(p, EXIT_CHILD, "parsing child timed out after "
		    "%u s (a slow disk may need a larger --timeout)%s",
		    p->o->timeout_s, stuck(p));
	/*
	 * Dead of a signal of its own (SIGKILL is ours): a parser crashed
	 * on what the disk holds, or made a call its filter forbids.  As
	 * its PID namespace's init it cannot abort(): glibc's abort() ends
	 * in a forbidden call too, so SIGSYS.
	 */
	if (!p->got.child_failed && WIFSIGNALED(status) &&
	    WTERMSIG(status) != SIGKILL)
		return complain(p, EXIT_CHILD, "parsing child crashed on this "
		    "disk (signal %d, %s)", WTERMSIG(status),
		    strsignal(WTERMSIG(status)));
	/* Its own failure, or one we found in what it sent (and killed it). */
	if (p->got.child_failed && (rc == EXIT_NOTFOUND || rc == EXIT_REJECTED) &&
	    !p->o->list)
		return complain(p, rc, "%s; 'xenpvboot -l -v %s' lists every "
		    "candidate", p->got.why, p->o->disk);
	if (p->got.child_failed || (rc != EXIT_OK && p->got.why[0] != '\0'))
		return complain(p, rc, "%s", p->got.why);
	if (WIFSIGNALED(status))
		return complain(p, EXIT_CHILD, "parsing child killed by "
		    "signal %d (%s)", WTERMSIG(status),
		    strsignal(WTERMSIG(status)));
	if (rc != EXIT_OK)
		return complain(p, rc, "%s", p->got.why);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != EXIT_OK)
		return complain(p, EXIT_CHILD, "parsing child exited with "
		    "status %d after its answer", WEXITSTATUS(status));
	return EXIT_OK;
}

/*
 * The pipes of GRUB's reader: its stdout and stderr, which the child
 * reads, and the parent's word that a run is over.  The helper gets the
 * write ends of the first two; the child gets the read ends of all.
 */
static int
grub_pipes(struct parent *p, const struct sandbox *sb)
{
	int out[2], err[2], done[2];

	if (pipe2(out, O_CLOEXEC) != 0)
		return -1;
	if (pipe2(err, O_CLOEXEC) != 0) {
		close(out[0]);
		close(out[1]);
		return -1;
	}
	if (pipe2(done, O_CLOEXEC) != 0) {
		close(out[0]);
		close(out[1]);
		close(err[0]);
		close(err[1]);
		return -1;
	}
	/* The child reads its ends as they fill, never waiting on one. */
	if (fcntl(out[0], F_SETFL, O_NONBLOCK) != 0 ||
	    fcntl(err[0], F_SETFL, O_NONBLOCK) != 0)
		return -1;
	p->grub = (struct grub_link){
		.program = p->o->grub_fstest, .disk_path = p->o->disk,
		.disk = p->diskfd, .out = out[1], .err = err[1],
		.done = done[1], .max_file_size = p->o->max_file_size,
		.drop = sb->drop, .as_uid = sb->ids.reader,
		.as_gid = sb->ids.reader, .lock = sb->ids.lock, .idmap = -1,
	};
	p->grub_ends[0] = out[0];
	p->grub_ends[1] = err[0];
	p->grub_ends[2] = done[0];
	return 0;
}

static void
close_grub(struct parent *p, bool child_ends)
{
	int *fds = child_ends ? p->grub_ends : (int[]){ p->grub.out,
	    p->grub.err, p->grub.done };
	size_t i;

	for (i = 0; i < 3; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	if (child_ends)
		p->grub_ends[0] = p->grub_ends[1] = p->grub_ends[2] = -1;
	else {
		p->grub.out = p->grub.err = p->grub.done = -1;
		grub_close(&p->grub);
	}
}

static int
fork_and_collect_as(struct parent *p, struct sandbox *sb)
{
	int fds[2], back[2], rc, status;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) != 0 || grub_pipes(p, sb) != 0)
		return complain(p, EXIT_USAGE, "pipe: %s", strerror(errno));
	/* A user at the console may choose from a boot menu. */
	if (p->o->interactive && !p->o->list && !p->o->isconfig &&
	    isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
	    pipe2(back, O_CLOEXEC) == 0) {
		p->ask[0] = back[0];
		p->ask[1] = back[1];
	}
	fflush(NULL);
	pid = sandbox_fork(sb);
	if (pid < 0)
		return complain(p, EXIT_USAGE, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct child_fds cf = { .report = fds[1], .answer = p->ask[0],
		    .disk = p->diskfd, .disksize = p->disksize,
		    .files = { p->files[FILE_KERNEL],
		    p->files[FILE_RAMDISK] },
		    .grub = { p->grub_ends[0], p->grub_ends[1],
		    p->grub_ends[2] }, .lock = sb->ids.lock };

		child_main(p->o, &p->rt, sb, &cf);
	}
	close(fds[1]);
	close_grub(p, true);
	if (p->ask[0] >= 0)
		close(p->ask[0]);
	p->got.answer_fd = p->ask[1];
	p->got.grub = &p->grub;
	p->got.listing = p->listing;
	stop_child(pid);
	rc = collect(fds[0], p->o, &p->got);
	if (rc != EXIT_OK)
		kill(pid, SIGKILL);
	close(fds[0]);
	close_grub(p, false);
	if (reap(p, pid, &status, rc != EXIT_OK) != EXIT_OK)
		return EXIT_CHILD;
	if (rc == COLLECT_AGAIN && !p->rt.libs_loaded)
		return COLLECT_AGAIN;
	if (rc == COLLECT_AGAIN)
		return complain(p, EXIT_CHILD, "the parsing child asked for "
		    "libfsxfs again once it was loaded");
	resources(p);
	rc = child_status(p, status, rc);
	if (rc == EXIT_OK && p->dir.fd >= 0) {
		rc = collect_files(&p->got, &p->dir);
		if (rc != EXIT_OK)
			return complain(p, rc, "%s", p->got.why);
	}
	return rc;
}

/*
 * One child's run, as ids of the run's own where root (sandbox.c); the
 * claim on them is let go here, and lives on in any process of the run
 * that is still alive (a child left stuck in a read).
 */
static int
fork_and_collect(struct parent *p)
{
	struct sandbox sb;
	char why[MSG_TEXT_MAX];
	int rc;

	if (sandbox_prepare(p->o, &sb, why, sizeof(why)) != 0)
		return complain(p, EXIT_USAGE, "%s", why);
	rc = fork_and_collect_as(p, &sb);
	sandbox_release(&sb);
	return rc;
}

/*
 * The disk has XFS: libfsxfs is loaded now, before the second fork,
 * and the child, which said nothing the first time, starts over.  If
 * it cannot be loaded, the child says so of each XFS partition.
 */
static int
again_with_libraries(struct parent *p)
{
	const struct options *o = p->o;
	char why[256];

	if (stop_caught() != 0 || stop_expired())
		return child_status(p, 0, EXIT_CHILD);
	if (o->verbose > 0)
		fprintf(stderr, "%s: %s: the disk has XFS: loading libfsxfs, "
		    "starting the parsing child again\n", PROGRAM_NAME,
		    o->disk);
	if (xfs_lib_load(why, sizeof(why)) != 0 && o->verbose > 0)
		fprintf(stderr, "%s: %s: loading libfsxfs: %s\n",
		    PROGRAM_NAME, o->disk, why);
	p->rt.libs_loaded = true;
	if (p->got.answer_fd >= 0)
		close(p->got.answer_fd);
	p->got.answer_fd = -1;
	p->ask[0] = p->ask[1] = -1;
	return fork_and_collect(p);
}

/* The answer for libxl, written last, after every file is complete. */
static int
answer(struct parent *p)
{
	const struct received *k = &p->got.file[FILE_KERNEL];
	const struct received *r = &p->got.file[FILE_RAMDISK];
	char kph[MAX_GUEST_PATH + 16], rph[MAX_GUEST_PATH + 16];
	char buf[ANSWER_MAX], why[128];
	struct answer a = {
		.args = p->got.have_args ? p->got.args : p->o->args,
	};
	size_t len;

	if (p->o->not_really) {
		snprintf(kph, sizeof(kph), "<kernel:%s>", k->guest_path);
		snprintf(rph, sizeof(rph), "<ramdisk:%s>", r->guest_path);
		a.kernel = kph;
		a.ramdisk = r->announced ? rph : NULL;
	} else {
		a.kernel = k->path;
		a.ramdisk = r->announced ? r->path : NULL;
	}
	if (output_format(p->o->format, &a, buf, sizeof(buf), &len, why,
	    sizeof(why)) != 0)
		return complain(p, EXIT_OUTPUT, "%s", why);
	if (proto_write(p->outfd >= 0 ? p->outfd : STDOUT_FILENO, buf,
	    len) != 0)
		return complain(p, EXIT_OUTPUT, "writing the answer to %s: %s",
		    p->o->output != NULL ? p->o->output : "stdout",
		    strerror(errno));
	return EXIT_OK;
}

/*
 * grubenv's next_entry, booted by the menu: remembered once the answer
 * is written, so that the next boot of this disk boots the default, as
 * GRUB's save_env would have made it.  -n boots nothing and remembers
 * nothing; where it cannot be remembered, this boot stands and the
 * next boots it again (pygrub's way: every time), said.
 */
static void
remember_once(struct parent *p)
{
	char why[PATH_MAX + 128], entry[4 * MENU_TITLE_MAX];
	const struct msg_once *n = &p->got.once;

	if (!p->got.have_once || n->state != ONCE_NEW)
		return;
	vis_str(entry, sizeof(entry), n->entry);
	if (p->o->not_really)
		fprintf(stderr, "%s: %s: next_entry %s (once): -n remembers "
		    "nothing\n", PROGRAM_NAME, p->o->disk, entry);
	else if (once_record(p->diskfd, n->id, why, sizeof(why)) != 0)
		fprintf(stderr, "%s: %s: next_entry %s booted, but it cannot "
		    "be remembered (%s): the next boot boots it again\n",
		    PROGRAM_NAME, p->o->disk, entry, why);
}

/*
 * The capabilities the candidates are judged against: --xen-caps, else
 * the running hypervisor's (and then libxenguest checks our verdicts),
 * else those of a current x86_64 Xen.
 */
static void
run_caps(const struct options *o, struct runtime *rt, char *buf, size_t len)
{
	if (o->xen_caps != NULL) {
		rt->xen_caps = o->xen_caps;
		rt->caps_source = "--xen-caps";
		return;
	}
	if (hypervisor_caps(buf, len)) {
		rt->xen_caps = buf;
		rt->caps_source = "the hypervisor";
		rt->second_opinion = true;
		return;
	}
	rt->xen_caps = DEFAULT_XEN_CAPS;
	rt->caps_source = "the default: no hypervisor answered";
}

/*
 * One disk, from its opening to the answer (or -l's listing, into l);
 * rt as run_caps() made it.  Libraries loaded for it stay loaded for
 * the next disk of a listing, and rt says so.
 */
static int
run_disk(const struct options *o, struct runtime *rt, struct listing *l)
{
	struct parent p = { .o = o, .diskfd = -1, .outfd = -1,
	    .files = { -1, -1 }, .ask = { -1, -1 },
	    .grub = { .out = -1, .err = -1, .done = -1, .idmap = -1 },
	    .grub_ends = { -1, -1, -1 }, .rt = *rt, .listing = l };
	int rc;

	p.dir.fd = -1;
	collect_init(&p.got);
	rc = open_disk(&p);
	if (rc == EXIT_OK)
		once_load(p.diskfd, p.rt.once_spent, sizeof(p.rt.once_spent));
	if (rc == EXIT_OK)
		rc = open_outputs(&p);
	stop_deadline(o->timeout_s);
	if (rc == EXIT_OK)
		rc = fork_and_collect(&p);
	if (rc == COLLECT_AGAIN)
		rc = again_with_libraries(&p);
	stop_deadline(0);
	if (rc == EXIT_OK && stop_caught() != 0)
		rc = child_status(&p, 0, EXIT_CHILD);
	if (rc == EXIT_OK && !o->list && !o->isconfig)
		rc = answer(&p);
	if (rc == EXIT_OK && !o->list && !o->isconfig)
		remember_once(&p);
	if (rc != EXIT_OK && p.dir.fd >= 0)
		collect_discard(&p.got, &p.dir);
	if (p.outfd >= 0 && close(p.outfd) != 0 && rc == EXIT_OK)
		rc = complain(&p, EXIT_OUTPUT, "closing %s: %s", o->output,
		    strerror(errno));
	if (p.dir.fd >= 0)
		close(p.dir.fd);
	if (p.diskfd >= 0)
		close(p.diskfd);
	if (p.got.answer_fd >= 0)
		close(p.got.answer_fd);
	free(p.got.titles);
	rt->libs_loaded = p.rt.libs_loaded;
	return rc;
}

/*
 * -l over the disks given, one after the other: the output in the order
 * given, and one child's worth of memory and CPU at a time.  Each is
 * read by its own sandboxed child under a boot's limits (its own
 * --timeout), and one that fails does not stop the others; a signal
 * does.  The status is that of the first disk that would not boot.
 */
int
run_list(const struct options *o)
{
	struct runtime rt = { 0 };
	struct options one = *o;
	struct listing *l;
	char caps[1024];
	int rc = EXIT_OK, r;
	int i;

	run_caps(o, &rt, caps, sizeof(caps));
	l = listing_new(o, &rt);
	if (l == NULL) {
		fprintf(stderr, "%s: out of memory\n", PROGRAM_NAME);
		return EXIT_USAGE;
	}
	for (i = 0; i < o->ndisks && stop_caught() == 0; i++) {
		one.disk = o->disks[i];
		listing_begin(l, one.disk);
		r = listing_end(l, one.disk, run_disk(&one, &rt, l));
		if (rc == EXIT_OK)
			rc = r;
	}
	listing_finish(l);
	return rc;
}

int
run_boot(const struct options *o)
{
	struct runtime rt = { 0 };
	char caps[1024];

	run_caps(o, &rt, caps, sizeof(caps));
	return run_disk(o, &rt, NULL);
}
