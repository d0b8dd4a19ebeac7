/* SPDX-License-Identifier: GPL-2.0-only */
/* GRUB's reader's forbidden calls, stopped and named by the parent. */
#ifndef XENPVBOOT_SECCOMP_NOTIFY_H
#define XENPVBOOT_SECCOMP_NOTIFY_H

#include <stddef.h>

int	seccomp_notify_send(int sock, int listener);
int	seccomp_notify_take(int sock);
int	seccomp_notify_name(int listener, char *what, size_t whatlen);

#endif /* XENPVBOOT_SECCOMP_NOTIFY_H */
