/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * How a run ends early: libxl's SIGTERM (bootloader_stop(), on a
 * failure, an aborted xl create or its restricted-mode timeout), an
 * admin's SIGINT or SIGHUP, SIGPIPE from a reader of stderr gone away,
 * or the --timeout deadline.  The handlers only kill the parsing child
 * and note why: the parent then unwinds as on any failure, removing
 * every file it made and restoring the terminal, and leaves by the same
 * signal (stop_leave), so that its caller sees what stopped it.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stop.h"

static volatile sig_atomic_t caught;	/* the first signal, 0: none */
static volatile sig_atomic_t expired;	/* the deadline passed */
static volatile pid_t child;		/* to kill, 0: none */
static volatile pid_t helper;		/* GRUB's reader, 0: none */

/* How long a process killed is waited for: dying takes milliseconds. */
#define STOP_GRACE_MS	2000

static const int stop_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGPIPE,
    SIGALRM };

static void
kill_both(void)
{
	if (child > 0)
		kill(child, SIGKILL);
	if (helper > 0)
		kill(helper, SIGKILL);
}

static void
on_signal(int sig)
{
	if (caught == 0)
		caught = sig;
	kill_both();
}

static void
on_alarm(int sig)
{
	(void)sig;
	expired = 1;
	kill_both();
}

/*
 * No SA_RESTART: a read of the child's pipe or of the console returns
 * EINTR, and the menu sees it.
 */
void
stop_init(void)
{
	/* The last of stop_signals, SIGALRM, is the deadline's. */
	const size_t n = sizeof(stop_signals) / sizeof(stop_signals[0]) - 1;
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < n; i++)
		sigaddset(&sa.sa_mask, stop_signals[i]);
	sa.sa_handler = on_signal;
	for (i = 0; i < n; i++) {
		/* Ignored by who started us (nohup), it stays ignored. */
		if (sigaction(stop_signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(stop_signals[i], &sa, NULL);
	}
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
}

/*
 * The child a signal or the deadline kills.  One that came before the
 * pid was known kills it now.
 */
void
stop_child(pid_t pid)
{
	child = pid;
	if (pid > 0 && (caught != 0 || expired))
		kill(pid, SIGKILL);
}

/* GRUB's reader, run for the child: it dies with it. */
void
stop_helper(pid_t pid)
{
	helper = pid;
	if (pid > 0 && (caught != 0 || expired))
		kill(pid, SIGKILL);
}

int
stop_caught(void)
{
	return caught;
}

bool
stop_expired(void)
{
	return expired != 0;
}

/*
 * Arms the deadline of one disk's run once (0 disarms it): a disk with
 * XFS starts the child twice, within the same --timeout.  Arming it
 * starts a new one: -l gives each disk its own.
 */
void
stop_deadline(unsigned int seconds)
{
	struct itimerval it;

	if (seconds > 0)
		expired = 0;
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = seconds;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* While a user reads the boot menu, the clock stops. */
void
stop_pause(struct itimerval *left)
{
	struct itimerval none;

	memset(&none, 0, sizeof(none));
	setitimer(ITIMER_REAL, &none, left);
}

void
stop_resume(const struct itimerval *left)
{
	if (left->it_value.tv_sec != 0 || left->it_value.tv_usec != 0)
		setitimer(ITIMER_REAL, left, NULL);
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * ppoll() for fd to be readable, the stop signals blocked but while it
 * waits, so that one cannot come between the check and the wait.  Once
 * a stop has come (or killed says the process is killed already), it
 * waits grace_ms more, or none (grace_ms < 0: -1 at once, errno EINTR).
 * A watch (w, or NULL) is served meanwhile.
 * 1: readable; 0: grace_ms passed; -1: errno.
 */
static int
poll_stop(int fd, bool killed, long grace_ms, struct stop_watch *w)
{
	struct pollfd pfd[2] = {
		{ .fd = fd, .events = POLLIN }, { .fd = -1, .events = POLLIN },
	};
	struct timespec since, left;
	bool stopped = false;
	sigset_t stops, old;
	size_t i;
	long ms;
	int rc;

	sigemptyset(&stops);
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		sigaddset(&stops, stop_signals[i]);
	sigprocmask(SIG_BLOCK, &stops, &old);
	for (;;) {
		if (!stopped && (killed || (w != NULL && w->killed) ||
		    caught != 0 || expired)) {
			stopped = true;
			clock_gettime(CLOCK_MONOTONIC, &since);
		}
		if (stopped && grace_ms < 0) {
			errno = EINTR;
			rc = -1;
			break;
		}
		ms = stopped ? grace_ms - ms_since(&since) : 0;
		if (ms < 0)
			ms = 0;
		left.tv_sec = ms / 1000;
		left.tv_nsec = (ms % 1000) * 1000000;
		pfd[1].fd = w != NULL ? w->fd : -1;
		rc = ppoll(pfd, 2, stopped ? &left : NULL, &old);
		if (rc > 0 && pfd[1].fd >= 0 && pfd[1].revents != 0) {
			w->ready(w);	/* before the exit it may have caused */
			continue;
		}
		if (rc >= 0 || errno != EINTR)
			break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return rc > 0 ? 1 : rc;
}

/*
 * Until the child's pipe has something to read: a stop (the child is
 * killed) ends the wait at once, -1 with errno EINTR, for the child may
 * live on in a read that cannot be interrupted, its end of the pipe
 * open.  0: readable.
 */
int
stop_readable(int fd)
{
	return poll_stop(fd, false, -1, NULL) == 1 ? 0 : -1;
}

static int
waitpid_all(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

/*
 * Reaps a process of ours (the parsing child, GRUB's reader).  Once
 * killed (killed: by us already; or a stop signal, the deadline) it is
 * waited for STOP_GRACE_MS at most: one in a read the kernel cannot
 * interrupt (a FUSE server has the request and sleeps; a buffered read
 * of a block device waits killably) dies only when the read returns,
 * perhaps never, and --timeout and libxl's SIGTERM promise an end.  It is left to
 * init with SIGKILL pending: it runs no more of its code, and writes
 * nothing, as a signal is taken before the read returns to it.
 * w (or NULL) is served while it runs.
 * Returns 0 (status is its), 1 left stuck (status: killed by SIGKILL)
 * or -1 (errno).
 */
int
stop_reap(pid_t pid, int *status, bool killed, struct stop_watch *w)
{
	int fd, rc;

	fd = pidfd_open(pid, 0);
	if (fd < 0 && errno != ENOSYS)
		return -1;
	if (fd < 0)		/* before Linux 5.3: waited for as it takes */
		return waitpid_all(pid, status);
	/* A pidfd is readable once its process has exited. */
	rc = poll_stop(fd, killed, STOP_GRACE_MS, w);
	close(fd);
	if (rc == 0) {
		*status = SIGKILL;	/* as WIFSIGNALED, WTERMSIG SIGKILL */
		return 1;
	}
	return rc < 0 ? -1 : waitpid_all(pid, status);
}

/* After the unwinding: die of the signal that stopped us, if any. */
void
stop_leave(void)
{
	sigset_t set;
	int sig = caught;

	if (sig == 0)
		return;
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	/*
	 * cppcheck takes raise() for noreturn; it returns when the signal
	 * cannot kill us (a handler or a mask we did not foresee).
	 */
	// cppcheck-suppress unreachableCode
	_exit(128 + sig);
}
