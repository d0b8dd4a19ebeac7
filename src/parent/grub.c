/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runs GRUB's reader for the child, one command per request: the child
 * names the command and GRUB's path, the parent starts grub-fstest
 * confined (sandbox/helper.c), waits for it and says how it ended.  Its
 * output goes to the child's pipes; the parent sees none of it.  A
 * request is the child's, so it is checked like any message: a known
 * command, a path on the guest disk's own devices, a bounded length, a
 * bounded number of runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "grub.h"
#include "sandbox/helper.h"
#include "sandbox/seccomp-notify.h"
#include "stop.h"

#define GRUB_MAX_RUNS	512	/* per child: a boot needs a dozen */
#define GRUB_MEMORY	(256ULL << 20)	/* its RLIMIT_AS */
#define GRUB_ARGV_MAX	(8 + 64)	/* a probe of LVM_MAX_LVS devices */

/*
 * The disk's own devices only: "(host)" would be the helper's root and
 * "(proc)" GRUB's own files.  GRUB reads a device name up to the first
 * ")" and the rest as a path: a file's or directory's, or none (ls of
 * a device says its filesystem).  The device list takes no path.
 */
static bool
path_ok(uint32_t verb, const char *path)
{
	static const char *const devs[] = { "(loop0)", "(loop0,", "(lvm/" };
	const char *close;
	size_t i;

	if (verb == GRUB_DEVICES)
		return path[0] == '\0';
	for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		if (strncmp(path, devs[i], strlen(devs[i])) == 0) {
			close = strchr(path, ')');
			return close != NULL && (close[1] == '/' ||
			    (close[1] == '\0' && verb != GRUB_CAT));
		}
	return false;
}

/*
 * GRUB's command line for a request, in argv (GRUB_ARGV_MAX): for
 * GRUB_PROBE the devices, split in list (a copy of the path), each one
 * checked as a device alone.  The argument count, or -1.
 */
static int
command(const struct msg_grub *g, char *limit, size_t limitlen, char *list,
    size_t listlen, char **argv)
{
	char *tok, *save = NULL;
	int argc = 0;

	argv[argc++] = "grub-fstest";
	if (g->verb == GRUB_CAT) {
		snprintf(limit, limitlen, "%" PRIu64, g->limit);
		argv[argc++] = "-n";
		argv[argc++] = limit;
	}
	argv[argc++] = HELPER_DISK;
	if (g->verb == GRUB_PROBE) {
		/* GRUB's own ls, with its -l, after grub-fstest's options. */
		argv[argc++] = "--";
		argv[argc++] = "ls";
		argv[argc++] = "-l";
		snprintf(list, listlen, "%s", g->path);
		for (tok = strtok_r(list, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save)) {
			if (argc == GRUB_ARGV_MAX - 1 ||
			    !path_ok(GRUB_PROBE, tok) || strchr(tok, ')')[1])
				return -1;
			argv[argc++] = tok;
		}
		argv[argc] = NULL;
		return argc > 5 ? argc : -1;
	}
	argv[argc++] = g->verb == GRUB_CAT ? "cat" : "ls";
	if (g->verb != GRUB_DEVICES)
		argv[argc++] = (char *)g->path;
	argv[argc] = NULL;
	return argc;
}

/*
 * Tells the child how the run ended.  A child dead meanwhile (killed by
 * --timeout or a signal, or crashed) has closed the pipe: the write
 * fails with EPIPE, and the SIGPIPE it raises, which would read as a
 * reader of our stderr gone away (stop.c), is taken back.
 */
static int
reply(const struct grub_link *l, enum grub_outcome outcome, int code,
    const char *why)
{
	struct msg_grub_done d = { .outcome = outcome, .code = code };
	struct timespec now = { 0, 0 };
	sigset_t pipe, old;
	int rc, err;

	if (stop_caught() != 0 || stop_expired())
		return -1;
	snprintf(d.why, sizeof(d.why), "%s", why);
	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	sigprocmask(SIG_BLOCK, &pipe, &old);
	rc = proto_send(l->done, MSG_GRUB_DONE, &d, sizeof(d));
	err = errno;
	if (rc != 0 && err == EPIPE)
		(void)sigtimedwait(&pipe, NULL, &now);
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return rc;
}

/* grub-fstest must be there, and in the part of the host it will see. */
static const char *
missing(const struct grub_link *l)
{
	struct stat st;

	if (strncmp(l->program, "/usr/", 5) != 0)
		return "must be under /usr, the only host directory its "
		    "sandbox holds";
	if (stat(l->program, &st) != 0)
		return strerror(errno);
	if (!S_ISREG(st.st_mode) || access(l->program, X_OK) != 0)
		return "not an executable file";
	return NULL;
}

static int
write_map(pid_t pid, const char *map, unsigned int inside,
    unsigned int outside)
{
	char path[64], line[64];
	int fd, n, rc;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, map);
	n = snprintf(line, sizeof(line), "%u %u 1\n", inside, outside);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = write(fd, line, (size_t)n) == n ? 0 : -1;
	close(fd);
	return rc;
}

/*
 * A user namespace whose one uid and gid are the disk's owner's, seen
 * from outside as the sandbox user's: a mount of the disk idmapped
 * through it (helper.c) shows that user the disk as its own.  Made by
 * a process that only waits for us to take its namespace.  Returns its
 * fd, or -1.
 */
static int
owner_as_user(const struct grub_link *l, const struct stat *disk)
{
	char path[64], byte;
	int ready[2], fd = -1;
	long pid;

	if (pipe2(ready, O_CLOEXEC) != 0)
		return -1;
	pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL,
	    NULL);
	if (pid == 0) {
		close(ready[1]);
		_exit(read(ready[0], &byte, 1) < 0);	/* until we close */
	}
	close(ready[0]);
	if (pid > 0 && write_map((pid_t)pid, "uid_map", disk->st_uid,
	    l->as_uid) == 0 && write_map((pid_t)pid, "gid_map",
	    disk->st_gid, l->as_gid) == 0) {
		snprintf(path, sizeof(path), "/proc/%ld/ns/user", pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	close(ready[1]);
	if (pid > 0)
		while (waitpid((pid_t)pid, NULL, 0) < 0 && errno == EINTR)
			;
	return fd;
}

/*
 * Run by root, the helper runs as the sandbox user where the disk can
 * be made that user's, else as the disk's owner (see helper.c); else
 * as the caller.
 */
static void
identity(struct grub_link *l, struct helper *h)
{
	struct stat st;

	h->userns = geteuid() != 0;
	h->uid = geteuid();
	h->gid = getegid();
	h->idmap = -1;
	if (h->userns || fstat(l->disk, &st) != 0)
		return;
	h->uid = st.st_uid;
	h->gid = st.st_gid;
	if (!l->drop)
		return;
	h->give = true;
	h->as_uid = l->as_uid;
	h->as_gid = l->as_gid;
	if (!S_ISREG(st.st_mode))
		return;		/* a device: a node of its own (helper.c) */
	if (l->idmap == -1)
		l->idmap = owner_as_user(l, &st);
	if (l->idmap < 0)
		l->idmap = -2;
	h->idmap = l->idmap >= 0 ? l->idmap : -1;
}

/* At the end of a child's run. */
void
grub_close(struct grub_link *l)
{
	if (l->idmap >= 0)
		close(l->idmap);
	l->idmap = -1;
}

/*
 * While the reader runs: first the socket its filter's listener comes
 * by, then the listener, which is readable when the reader is stopped
 * in a call its filter forbids (seccomp-notify.c).  That call is named
 * and the reader killed.
 */
struct reader_watch {
	struct stop_watch	 w;
	pid_t			 pid;
	int			 sock;
	char			 killed_for[96];	/* "": not */
};

static void
reader_ready(struct stop_watch *w)
{
	struct reader_watch *r = (struct reader_watch *)w;
	int rc;

	if (w->fd == r->sock) {
		w->fd = seccomp_notify_take(r->sock);
		return;
	}
	rc = seccomp_notify_name(w->fd, r->killed_for,
	    sizeof(r->killed_for));
	if (rc == 1) {
		kill(r->pid, SIGKILL);
		w->killed = true;
	}
	if (rc != 1 || w->killed) {
		close(w->fd);	/* a call still stopped now fails: ENOSYS */
		w->fd = -1;
	}
}

/*
 * Killed with the child, a reader stuck in the disk's read is left to
 * end when it returns (stop_reap): it replies as killed.
 */
static int
wait_helper(struct grub_link *l, pid_t pid, int sock, int *status,
    char *killed_for, size_t len)
{
	struct reader_watch r = {
		.w = { .fd = sock, .ready = reader_ready },
		.pid = pid, .sock = sock,
	};
	int rc;

	stop_helper(pid);
	rc = stop_reap(pid, status, false, &r.w);
	stop_helper(0);
	if (r.w.fd >= 0 && r.w.fd != sock)
		close(r.w.fd);
	snprintf(killed_for, len, "%s", r.killed_for);
	if (rc == 1)
		l->stuck = true;
	return rc < 0 ? -1 : 0;
}

/*
 * Serves one MSG_GRUB.  Returns EXIT_OK once the child has its answer,
 * or EXIT_CHILD with why when the request was not one to serve.
 */
int
grub_serve(struct grub_link *l, const struct msg_grub *g, char *why,
    size_t whylen)
{
	char limit[24], list[MSG_GRUB_PATH], *argv[GRUB_ARGV_MAX];
	struct helper h = {
		.program = l->program, .disk_path = l->disk_path,
		.disk = l->disk, .out = l->out, .err = l->err,
		.lock = l->lock, .max_memory = GRUB_MEMORY,
	};
	const char *absent;
	char killed_for[96];
	int status, sv[2], rc;
	pid_t pid;

	if ((g->verb != GRUB_PROBE && !path_ok(g->verb, g->path)) ||
	    g->limit > l->max_file_size + 1 ||
	    (g->verb == GRUB_CAT && g->limit == 0) ||
	    command(g, limit, sizeof(limit), list, sizeof(list), argv) < 0 ||
	    ++l->runs > GRUB_MAX_RUNS) {
		snprintf(why, whylen, "unexpected request for GRUB's reader "
		    "from the parsing child");
		return EXIT_CHILD;
	}
	absent = missing(l);
	if (absent != NULL) {
		snprintf(why, whylen, "%s: %s", l->program, absent);
		return reply(l, GRUB_NOT_RUN, 0, why) == 0 ? EXIT_OK :
		    EXIT_CHILD;
	}
	identity(l, &h);
	fflush(NULL);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		snprintf(why, whylen, "cannot start it: %s", strerror(errno));
		return reply(l, GRUB_NOT_RUN, 0, why) == 0 ? EXIT_OK :
		    EXIT_CHILD;
	}
	h.notify = sv[1];
	pid = helper_start(&h, argv);
	close(sv[1]);
	rc = pid < 0 ? -1 : wait_helper(l, pid, sv[0], &status, killed_for,
	    sizeof(killed_for));
	close(sv[0]);
	if (rc != 0) {
		snprintf(why, whylen, "cannot start it: %s", strerror(errno));
		return reply(l, GRUB_NOT_RUN, 0, why) == 0 ? EXIT_OK :
		    EXIT_CHILD;
	}
	if (WIFSIGNALED(status))
		return reply(l, GRUB_KILLED, WTERMSIG(status), killed_for) ==
		    0 ? EXIT_OK : EXIT_CHILD;
	return reply(l, GRUB_EXITED, WEXITSTATUS(status), "") == 0 ?
	    EXIT_OK : EXIT_CHILD;
}
