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
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "stop.h"

static volatile sig_atomic_t caught;	/* the first signal, 0: none */
static volatile sig_atomic_t expired;	/* the deadline passed */
static volatile pid_t child;		/* to kill, 0: none */
static volatile pid_t helper;		/* GRUB's reader, 0: none */

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
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGPIPE };
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	sa.sa_handler = on_signal;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* Ignored by who started us (nohup), it stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
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
