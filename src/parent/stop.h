/* SPDX-License-Identifier: GPL-2.0-only */
/* How the parent's run ends early: a signal, or the --timeout deadline. */
#ifndef XENPVBOOT_STOP_H
#define XENPVBOOT_STOP_H

#include <stdbool.h>
#include <sys/time.h>
#include <sys/types.h>

void	stop_init(void);
void	stop_child(pid_t pid);
void	stop_helper(pid_t pid);
int	stop_caught(void);
bool	stop_expired(void);
void	stop_deadline(unsigned int seconds);
void	stop_pause(struct itimerval *left);
void	stop_resume(const struct itimerval *left);
/*
 * A second fd to serve while a process is reaped: ready() runs when it
 * is readable (or hung up), and may change fd (-1: no more) or say it
 * killed the process.
 */
struct stop_watch {
	int	 fd;
	bool	 killed;
	void	(*ready)(struct stop_watch *w);
};

int	stop_reap(pid_t pid, int *status, bool killed, struct stop_watch *w);
int	stop_readable(int fd);
void	stop_leave(void);

#endif /* XENPVBOOT_STOP_H */
