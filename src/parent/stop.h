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
int	stop_reap(pid_t pid, int *status, bool killed);
int	stop_readable(int fd);
void	stop_leave(void);

#endif /* XENPVBOOT_STOP_H */
