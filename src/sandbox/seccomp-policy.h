/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parsing child's system-call policy, as libseccomp rules.  Only the
 * build-time generator links it; the program carries the compiled BPF.
 */
#ifndef XENPVBOOT_SECCOMP_POLICY_H
#define XENPVBOOT_SECCOMP_POLICY_H

#include <seccomp.h>

int	seccomp_policy_rules(scmp_filter_ctx ctx);
int	seccomp_policy_helper_rules(scmp_filter_ctx ctx);

#endif /* XENPVBOOT_SECCOMP_POLICY_H */
