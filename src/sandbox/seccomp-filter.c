/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loads the child's seccomp filter: the policy in seccomp-policy.c,
 * compiled to BPF at build time.  Built with -DXENPVBOOT_SECCOMP_DEBUG,
 * a refused call traps and is named instead of killing the child.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "seccomp-filter.h"
#include "seccomp-bpf.h"

#ifdef XENPVBOOT_SECCOMP_DEBUG
static void
on_sigsys(int sig, siginfo_t *info, void *ctx)
{
	char msg[128];
	int n;

	(void)sig;
	(void)ctx;
	n = snprintf(msg, sizeof(msg), "xenpvboot: seccomp refused system "
	    "call %d\n", info->si_syscall);
	if (n > 0)
		(void)write(STDERR_FILENO, msg, (size_t)n);
	_exit(6);
}

static struct sock_fprog
program(void)
{
	struct sock_fprog prog = {
		.len = sizeof(seccomp_bpf_trap) / sizeof(seccomp_bpf_trap[0]),
		.filter = seccomp_bpf_trap,
	};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);
	return prog;
}
#else
static struct sock_fprog
program(void)
{
	struct sock_fprog prog = {
		.len = sizeof(seccomp_bpf_kill) / sizeof(seccomp_bpf_kill[0]),
		.filter = seccomp_bpf_kill,
	};

	(void)seccomp_bpf_trap;
	return prog;
}
#endif

/* Loads the filter; no_new_privs must already be set. */
int
seccomp_filter_load(char *why, size_t whylen)
{
	struct sock_fprog prog = program();

	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
		snprintf(why, whylen, "seccomp: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * GRUB's reader's filter, loaded just before its exec (helper.c).  A
 * call it forbids stops for a listener (seccomp-notify.c): returns the
 * listener's fd, or -1.
 */
int
seccomp_helper_load(void)
{
	struct sock_fprog prog = {
		.len = sizeof(seccomp_bpf_helper) /
		    sizeof(seccomp_bpf_helper[0]),
		.filter = seccomp_bpf_helper,
	};

	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}
