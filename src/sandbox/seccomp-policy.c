/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the parsing child may still ask of the kernel once it holds its
 * fds: read the disk, write the pipe and the output files (the parent
 * made them; RLIMIT_FSIZE bounds them), manage its memory, exit.  Path
 * lookups a library may try are refused with EACCES, as are a few
 * harmless probes; anything else kills the process (OpenSSH's
 * sandbox-seccomp-filter.c has the same shape).
 *
 * The rules are written for libseccomp, which compiles them at build
 * time (tools/seccomp-gen.c): the child loads the finished BPF program.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/fs.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <seccomp.h>

#include "helper.h"
#include "seccomp-policy.h"

/* Reading an fd, writing the pipe and files, memory, time, identity. */
static const int allowed[] = {
	SCMP_SYS(read), SCMP_SYS(pread64), SCMP_SYS(readv), SCMP_SYS(preadv),
	SCMP_SYS(lseek), SCMP_SYS(write), SCMP_SYS(writev), SCMP_SYS(pwrite64),
	SCMP_SYS(sendfile), SCMP_SYS(ftruncate),
	SCMP_SYS(fstat),
	SCMP_SYS(fadvise64), SCMP_SYS(close), SCMP_SYS(dup),
	SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(brk),
	SCMP_SYS(madvise), SCMP_SYS(mprotect),
	SCMP_SYS(futex), SCMP_SYS(clock_gettime), SCMP_SYS(gettimeofday),
	SCMP_SYS(getrandom), SCMP_SYS(uname), SCMP_SYS(poll), SCMP_SYS(ppoll),
	SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(getuid),
	SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid),
	SCMP_SYS(rt_sigreturn), SCMP_SYS(rt_sigprocmask),
	SCMP_SYS(sigaltstack),
	SCMP_SYS(exit), SCMP_SYS(exit_group),
};

/* Probes that get an error: opening paths, flushing a read-only fd. */
static const int refused[] = {
	SCMP_SYS(open), SCMP_SYS(openat), SCMP_SYS(access),
	SCMP_SYS(faccessat), SCMP_SYS(faccessat2), SCMP_SYS(readlink),
	SCMP_SYS(readlinkat), SCMP_SYS(stat), SCMP_SYS(lstat),
	SCMP_SYS(fsync), SCMP_SYS(fdatasync), SCMP_SYS(sysinfo),
};

/*
 * Block-device ioctls (type 0x12) answer size and geometry questions;
 * these change a device or need privileges, and are refused.
 */
static const unsigned long blk_refused[] = {
	BLKROSET, BLKRRPART, BLKFLSBUF, BLKRASET, BLKFRASET, BLKBSZSET,
	BLKDISCARD, BLKSECDISCARD, BLKZEROOUT, BLKPG, BLKTRACESETUP,
	BLKTRACESTART, BLKTRACESTOP, BLKTRACETEARDOWN,
};
/* The kernel reads the request as 32 bits: nothing may hide above. */
#define IOCTL_TYPE_MASK	0xffffffff0000ff00ULL
#define IOCTL_HIGH_MASK	0xffffffff0000f000ULL	/* the type's high nibble */


/*
 * libseccomp's SCMP_A0() macros leave a field to default, which clang's
 * -Wmissing-field-initializers rejects: spell the comparison out.
 */
static struct scmp_arg_cmp
cmp(unsigned int arg, enum scmp_compare op, uint64_t a, uint64_t b)
{
	struct scmp_arg_cmp c = {
		.arg = arg, .op = op, .datum_a = a, .datum_b = b,
	};

	return c;
}

static int
add_list(scmp_filter_ctx ctx, uint32_t action, const int *calls, size_t n)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		rc = seccomp_rule_add(ctx, action, calls[i], 0);
	return rc;
}

/*
 * Block-device questions are allowed but for blk_refused, which overlap
 * them; every other type gets ENOTTY.  Of overlapping rules libseccomp
 * 2.5 lets the first added decide (tests/unit/test-seccomp), so the
 * refusals go in before the allowance.
 */
static int
add_ioctl_rules(scmp_filter_ctx ctx)
{
	unsigned int type, high;
	size_t i;
	int rc;

	rc = 0;
	for (i = 0; i < sizeof(blk_refused) / sizeof(blk_refused[0]) &&
	    rc == 0; i++)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES),
		    SCMP_SYS(ioctl), 1, cmp(1, SCMP_CMP_EQ, blk_refused[i], 0));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
		    cmp(1, SCMP_CMP_MASKED_EQ, IOCTL_TYPE_MASK, 0x1200));
	/*
	 * Other devices' questions (a tty's, say): "not that device".  The
	 * types are matched by their high nibble, and type by type only in
	 * 0x10-0x1f beside 0x12: 30 rules, not 255, a filter under half
	 * the size for the kernel to check and compile at every run.
	 */
	for (high = 0; high < 16 && rc == 0; high++)
		if (high != 1)
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOTTY),
			    SCMP_SYS(ioctl), 1, cmp(1, SCMP_CMP_MASKED_EQ,
			    IOCTL_HIGH_MASK, high << 12));
	for (type = 0x10; type < 0x20 && rc == 0; type++)
		if (type != 0x12)
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOTTY),
			    SCMP_SYS(ioctl), 1, cmp(1, SCMP_CMP_MASKED_EQ,
			    IOCTL_TYPE_MASK, type << 8));
	return rc;
}

/*
 * Calls allowed for some arguments only: the argument masked with mask
 * compared to value.  Each call's ranges are kept apart: of overlapping
 * rules libseccomp lets the first added decide.
 */
static const struct arg_rule {
	int			 call;
	uint32_t		 action;
	unsigned int		 arg;
	enum scmp_compare	 op;
	uint64_t		 mask;	/* SCMP_CMP_MASKED_EQ only */
	uint64_t		 value;
} arg_rules[] = {
	/* fcntl: F_GETFD (1) and F_GETFL (3) only. */
	{ SCMP_SYS(fcntl), SCMP_ACT_ALLOW, 1, SCMP_CMP_EQ, 0, F_GETFD },
	{ SCMP_SYS(fcntl), SCMP_ACT_ALLOW, 1, SCMP_CMP_EQ, 0, F_GETFL },
	{ SCMP_SYS(fcntl), SCMP_ACT_ERRNO(EACCES), 1, SCMP_CMP_EQ, 0, F_DUPFD },
	{ SCMP_SYS(fcntl), SCMP_ACT_ERRNO(EACCES), 1, SCMP_CMP_EQ, 0, F_SETFD },
	{ SCMP_SYS(fcntl), SCMP_ACT_ERRNO(EACCES), 1, SCMP_CMP_GT, 0,
	    F_GETFL },
	/* libext2fs asks whether it is dumpable before reading getenv(). */
	{ SCMP_SYS(prctl), SCMP_ACT_ALLOW, 0, SCMP_CMP_EQ, 0,
	    PR_GET_DUMPABLE },
	{ SCMP_SYS(prctl), SCMP_ACT_ERRNO(EACCES), 0, SCMP_CMP_LT, 0,
	    PR_GET_DUMPABLE },
	{ SCMP_SYS(prctl), SCMP_ACT_ERRNO(EACCES), 0, SCMP_CMP_GT, 0,
	    PR_GET_DUMPABLE },
	/*
	 * glibc's fstat() is newfstatat(fd, "", buf, AT_EMPTY_PATH): only
	 * that form is allowed, so a stat of a path is refused.  A filter
	 * cannot read the path, so a path given with AT_EMPTY_PATH still
	 * reaches the kernel: it finds nothing, the root being empty.
	 */
	{ SCMP_SYS(newfstatat), SCMP_ACT_ALLOW, 3, SCMP_CMP_MASKED_EQ,
	    AT_EMPTY_PATH, AT_EMPTY_PATH },
	{ SCMP_SYS(newfstatat), SCMP_ACT_ERRNO(EACCES), 3,
	    SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH, 0 },
	{ SCMP_SYS(statx), SCMP_ACT_ALLOW, 2, SCMP_CMP_MASKED_EQ,
	    AT_EMPTY_PATH, AT_EMPTY_PATH },
	{ SCMP_SYS(statx), SCMP_ACT_ERRNO(EACCES), 2, SCMP_CMP_MASKED_EQ,
	    AT_EMPTY_PATH, 0 },
};

static int
add_arg_rules(scmp_filter_ctx ctx, const struct arg_rule *rules, size_t n)
{
	const struct arg_rule *r;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		r = &rules[i];
		rc = seccomp_rule_add(ctx, r->action, r->call, 1,
		    r->op == SCMP_CMP_MASKED_EQ ?
		    cmp(r->arg, r->op, r->mask, r->value) :
		    cmp(r->arg, r->op, r->value, 0));
	}
	return rc;
}

int
seccomp_policy_rules(scmp_filter_ctx ctx)
{
	int rc;

	rc = add_list(ctx, SCMP_ACT_ALLOW, allowed,
	    sizeof(allowed) / sizeof(allowed[0]));
	if (rc == 0)
		rc = add_list(ctx, SCMP_ACT_ERRNO(EACCES), refused,
		    sizeof(refused) / sizeof(refused[0]));
	if (rc == 0)
		rc = add_ioctl_rules(ctx);
	if (rc == 0)
		rc = add_arg_rules(ctx, arg_rules,
		    sizeof(arg_rules) / sizeof(arg_rules[0]));
	return rc;
}

/*
 * GRUB's reader (helper.c) is a whole program: the dynamic loader maps
 * its libraries, glibc starts up, and it reads the disk and writes its
 * stdout and stderr.  It may open files only to read them (its root
 * holds /usr and the disk, read-only), write only fds 1 and 2, exec
 * nothing once it is grub-fstest, and never fork, connect or change an
 * id.  A call outside these rules is
 * not made: it stops for the parent, which names it and kills the
 * reader (seccomp-notify.c).
 */
static const int helper_allowed[] = {
	SCMP_SYS(read), SCMP_SYS(pread64), SCMP_SYS(readv), SCMP_SYS(lseek),
	SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat),
	SCMP_SYS(statx), SCMP_SYS(statfs), SCMP_SYS(fstatfs),
	SCMP_SYS(getdents64), SCMP_SYS(getcwd), SCMP_SYS(readlink),
	SCMP_SYS(readlinkat), SCMP_SYS(access), SCMP_SYS(faccessat),
	SCMP_SYS(faccessat2), SCMP_SYS(fcntl),
	SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(brk),
	SCMP_SYS(madvise), SCMP_SYS(mprotect),
	SCMP_SYS(futex), SCMP_SYS(clock_gettime), SCMP_SYS(gettimeofday),
	SCMP_SYS(getrandom), SCMP_SYS(uname), SCMP_SYS(sysinfo),
	SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(getuid),
	SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid),
	SCMP_SYS(arch_prctl), SCMP_SYS(set_tid_address),
	SCMP_SYS(set_robust_list), SCMP_SYS(rseq),
	SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigreturn),
	SCMP_SYS(rt_sigprocmask), SCMP_SYS(sigaltstack),
	SCMP_SYS(exit), SCMP_SYS(exit_group),
};

/* Opening for anything but reading, and writing elsewhere than 1, 2. */
#define OPEN_WRITES	(O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND)

static const struct arg_rule helper_arg_rules[] = {
	{ SCMP_SYS(openat), SCMP_ACT_ALLOW, 2, SCMP_CMP_MASKED_EQ,
	    OPEN_WRITES, 0 },
	{ SCMP_SYS(write), SCMP_ACT_ALLOW, 0, SCMP_CMP_EQ, 0, STDOUT_FILENO },
	{ SCMP_SYS(write), SCMP_ACT_ALLOW, 0, SCMP_CMP_EQ, 0, STDERR_FILENO },
	{ SCMP_SYS(writev), SCMP_ACT_ALLOW, 0, SCMP_CMP_EQ, 0, STDOUT_FILENO },
	{ SCMP_SYS(writev), SCMP_ACT_ALLOW, 0, SCMP_CMP_EQ, 0, STDERR_FILENO },
	/*
	 * Its one exec, of grub-fstest by an fd above RLIMIT_NOFILE
	 * (helper.h): no program it runs can hold that fd, so no other
	 * exec is possible, by path or by fd.
	 */
	{ SCMP_SYS(execveat), SCMP_ACT_ALLOW, 0, SCMP_CMP_EQ, 0,
	    HELPER_EXEC_FD },
	/*
	 * Its filter's listener, sent to the parent before the exec that
	 * closes that fd; the reader cannot make another socket.
	 */
	{ SCMP_SYS(sendmsg), SCMP_ACT_ALLOW, 0, SCMP_CMP_EQ, 0,
	    HELPER_NOTIFY_FD },
	/* Reading its limits, not raising them. */
	{ SCMP_SYS(prlimit64), SCMP_ACT_ALLOW, 2, SCMP_CMP_EQ, 0, 0 },
};

/*
 * What a library's start-up reads of its own process: libcap's (which
 * Debian 13's grub-fstest loads through libudev) asks the capability
 * bounding set.  Any other prctl would change something: refused with
 * an error, not a kill, for a start-up that only tries (the dumpable
 * flag among them, which would open the process to ptrace).  libseccomp
 * lets a catch-all override the values allowed (tests/unit/
 * test-seccomp), so every other option up to PRCTL_OPTION_MAX is
 * refused by value, and those above by range.
 */
static const unsigned long prctl_reads[] = {
	PR_GET_DUMPABLE, PR_GET_KEEPCAPS, PR_GET_NAME, PR_CAPBSET_READ,
	PR_GET_SECUREBITS, PR_GET_NO_NEW_PRIVS,
};
#define PRCTL_OPTION_MAX	127	/* Linux 6.18 has fewer than 80 */

static int
add_prctl_rules(scmp_filter_ctx ctx)
{
	unsigned long opt;
	uint32_t action;
	size_t i;
	int rc = 0;

	for (opt = 0; opt <= PRCTL_OPTION_MAX && rc == 0; opt++) {
		action = SCMP_ACT_ERRNO(EPERM);
		for (i = 0; i < sizeof(prctl_reads) / sizeof(prctl_reads[0]);
		    i++)
			if (prctl_reads[i] == opt)
				action = SCMP_ACT_ALLOW;
		rc = seccomp_rule_add(ctx, action, SCMP_SYS(prctl), 1,
		    cmp(0, SCMP_CMP_EQ, opt, 0));
	}
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
		    SCMP_SYS(prctl), 1, cmp(0, SCMP_CMP_GT, PRCTL_OPTION_MAX,
		    0));
	return rc;
}

/*
 * Opening for writing, creating or truncating fails with EACCES (its
 * root is read-only: it could not succeed), whatever else the flags
 * say: each combination of those bits but none is a rule of its own.
 */
static int
add_open_write_rules(scmp_filter_ctx ctx)
{
	static const int modes[] = { O_RDONLY, O_WRONLY, O_RDWR };
	static const int extra[] = { O_CREAT, O_TRUNC, O_APPEND };
	unsigned int m, subset, i;
	uint64_t flags;
	int rc = 0;

	for (m = 0; m < 3 && rc == 0; m++)
		for (subset = 0; subset < 8 && rc == 0; subset++) {
			flags = (uint64_t)modes[m];
			for (i = 0; i < 3; i++)
				if (subset & (1U << i))
					flags |= (uint64_t)extra[i];
			if (flags != 0)
				rc = seccomp_rule_add(ctx,
				    SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat),
				    1, cmp(2, SCMP_CMP_MASKED_EQ, OPEN_WRITES,
				    flags));
		}
	return rc;
}

int
seccomp_policy_helper_rules(scmp_filter_ctx ctx)
{
	int rc;

	rc = add_list(ctx, SCMP_ACT_ALLOW, helper_allowed,
	    sizeof(helper_allowed) / sizeof(helper_allowed[0]));
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES),
		    SCMP_SYS(open), 0);
	if (rc == 0)
		rc = add_ioctl_rules(ctx);
	if (rc == 0)
		rc = add_arg_rules(ctx, helper_arg_rules,
		    sizeof(helper_arg_rules) / sizeof(helper_arg_rules[0]));
	if (rc == 0)
		rc = add_open_write_rules(ctx);
	if (rc == 0)
		rc = add_prctl_rules(ctx);
	return rc;
}
