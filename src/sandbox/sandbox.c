/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parsing child gives up everything it does not need before it reads
 * a byte of guest data, in OpenSSH's order: stdio, limits, an empty
 * root in its own namespaces, groups, gid, uid, no_new_privs, then the
 * seccomp filter.  The ids are looked up by the parent before the fork, so the
 * child reads no file to learn them.  What the kernel cannot give (no
 * root for namespaces) is said under -v; the uid drop, no_new_privs and
 * seccomp are never skipped when they apply.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox.h"
#include "seccomp-filter.h"

#define CHILD_FDS	32	/* stdio, disk, pipes, outputs */
#define LIB_MEMORY	(512ULL << 20)	/* libraries' own, on top of a file */
/*
 * Below this an inherited ulimit -v is refused: at 16 MiB each kind of
 * run still works here (ext4, XFS through libfsxfs, GRUB's reader), at
 * 8 MiB libfsxfs has no room for a 2 MiB ELF.
 */
#define RUN_MEMORY_MIN	(32ULL << 20)
#define EMPTY_ROOT_AT	"/proc"	/* where the empty root is mounted first */

/*
 * Whether who started us left a hard limit below need, which the child
 * could not raise: then why names it.
 */
static bool
too_low(int resource, rlim_t need, const char *what, bool mib, char *why,
    size_t whylen)
{
	rlim_t unit = mib ? 1 << 20 : 1;
	const char *u = mib ? " MiB" : "";
	struct rlimit rl;

	if (getrlimit(resource, &rl) != 0 || rl.rlim_max == RLIM_INFINITY ||
	    rl.rlim_max >= need)
		return false;
	snprintf(why, whylen, "the inherited limit of %ju%s %s is below the "
	    "%ju%s a run needs", (uintmax_t)(rl.rlim_max / unit), u, what,
	    (uintmax_t)(need / unit), u);
	return true;
}

/*
 * want, or less where who started us set a lower hard limit, which the
 * child could not raise (main.c refuses one too low for any run).
 */
static rlim_t
within(int resource, rlim_t want)
{
	struct rlimit rl;

	if (getrlimit(resource, &rl) == 0 && rl.rlim_max != RLIM_INFINITY &&
	    rl.rlim_max < want)
		return rl.rlim_max;
	return want;
}

/* Decides, in the parent, as whom and how confined the child will run. */
int
sandbox_prepare(const struct options *o, struct sandbox *sb, char *why,
    size_t whylen)
{
	memset(sb, 0, sizeof(*sb));
	sb->lifeline = -1;
	sb->ids.lock = -1;
	if (too_low(RLIMIT_NOFILE, CHILD_FDS, "open files (ulimit -n)", false,
	    why, whylen) || too_low(RLIMIT_AS, RUN_MEMORY_MIN,
	    "of address space (ulimit -v)", true, why, whylen))
		return -1;
	sb->max_memory = within(RLIMIT_AS, o->max_file_size + LIB_MEMORY);
	/* The output files it writes; no other, under -l, -n, --isconfig. */
	if (!o->list && !o->isconfig && !o->not_really)
		sb->max_write = within(RLIMIT_FSIZE, o->max_file_size);
	if (o->have_runas && o->runas == 0) {
		snprintf(why, whylen, "--runas=0 would not drop privileges");
		return -1;
	}
	if (geteuid() != 0) {
		if (o->have_runas && geteuid() != o->runas) {
			snprintf(why, whylen, "--runas=%u needs root", o->runas);
			return -1;
		}
		/* Mapped to themselves in the child's user namespace. */
		sb->uid = geteuid();
		sb->gid = getegid();
		return 0;
	}
	/*
	 * A uid of the run's own, whatever --runas names: libxl's user is
	 * shared (by every guest's QEMU, under xen-qemuuser-shared), and
	 * its other processes could reach ours (run-ids.c).
	 */
	sb->drop = true;
	if (run_ids_claim(&sb->ids, why, whylen) != 0)
		return -1;
	sb->uid = sb->gid = sb->ids.child;
	return 0;
}

/* After the run: the claim lives on in any process of it still alive. */
void
sandbox_release(struct sandbox *sb)
{
	run_ids_release(&sb->ids);
}

/*
 * fork(), but the child starts in new PID, mount, IPC and UTS
 * namespaces: it sees no other process and no shared memory, and its
 * mounts are its own.  Not root, it needs a user namespace of its own
 * to be allowed them, where the kernel lets users make one (Debian's
 * does); else it is a plain fork.  No network namespace: the seccomp
 * filter already kills socket() and every other way to a network, and
 * a new one cost half a millisecond, a tenth of a whole run.
 */
pid_t
sandbox_fork(struct sandbox *sb)
{
	long flags = SIGCHLD | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC |
	    CLONE_NEWUTS;
	long pid;

	if (!sb->drop)
		flags |= CLONE_NEWUSER;
	pid = syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);
	if (pid >= 0) {
		sb->namespaces = true;
		sb->userns = !sb->drop;
		return (pid_t)pid;
	}
	return fork();
}

/* Writes text to a /proc file of the child's own. */
static int
put(const char *path, const char *text)
{
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * In its new user namespace a process is still its caller: its uid and
 * gid map to themselves, and setgroups() is denied, as the kernel wants
 * before an unprivileged gid map.
 */
int
sandbox_map_ids(uid_t uid, gid_t gid)
{
	char map[64];

	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned int)uid,
	    (unsigned int)uid);
	if (put("/proc/self/uid_map", map) != 0)
		return -1;
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned int)gid,
	    (unsigned int)gid);
	if (put("/proc/self/setgroups", "deny") != 0 ||
	    put("/proc/self/gid_map", map) != 0)
		return -1;
	return 0;
}

/*
 * The first process of a user namespace holds every capability in it:
 * once its root is made, it gives them all up, as root's child does by
 * changing uid.
 */
int
sandbox_drop_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3];

	memset(none, 0, sizeof(none));
	return syscall(SYS_capset, &hdr, none) == 0 ? 0 : -1;
}

static int
limit(int resource, rlim_t value)
{
	struct rlimit rl = { .rlim_cur = value, .rlim_max = value };

	return setrlimit(resource, &rl);
}

/*
 * No core dumps of guest data, no file written beyond the size of a
 * boot file, no processes, few fds, bounded memory.  A sanitizer build
 * keeps the file-size and memory limits off: its reports are written to
 * files and it maps terabytes.
 */
static int
set_limits(const struct sandbox *sb, char *why, size_t whylen)
{
#ifdef XENPVBOOT_SANITIZE
	(void)sb;
#endif
	if (limit(RLIMIT_CORE, 0) != 0 || limit(RLIMIT_NOFILE, CHILD_FDS) != 0 ||
	    limit(RLIMIT_NPROC, 0) != 0 || limit(RLIMIT_MEMLOCK, 0) != 0 ||
	    limit(RLIMIT_MSGQUEUE, 0) != 0
#ifndef XENPVBOOT_SANITIZE
	    || limit(RLIMIT_FSIZE, sb->max_write) != 0 ||
	    limit(RLIMIT_AS, sb->max_memory) != 0
#endif
	    ) {
		snprintf(why, whylen, "setrlimit: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The child speaks only through its pipe: its stdin, stdout and stderr
 * become /dev/null, so that neither a library's complaint (glibc's
 * "double free detected") nor a compromised child reaches the answer
 * on stdout or libxl's log, and no fd below 3 is left free for a later
 * open to take.  A sanitizer build keeps stderr for its reports.
 */
static int
quiet_stdio(char *why, size_t whylen)
{
	int fd, top = 2;

#ifdef XENPVBOOT_SANITIZE
	top = 1;
#endif
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, whylen, "/dev/null: %s", strerror(errno));
		return -1;
	}
	for (; top >= 0; top--)
		if (dup2(fd, top) < 0) {
			snprintf(why, whylen, "dup2: %s", strerror(errno));
			close(fd);
			return -1;
		}
	if (fd > 2)
		close(fd);
	return 0;
}

/*
 * Makes the current directory, a tmpfs mounted by the caller, the root:
 * pivot_root(".", ".") stacks the old root on the new, and umount2()
 * takes it away, as runc does, so that no path leads out.  A host whose
 * / is the initramfs' rootfs (a dom0 run from its initrd) cannot pivot:
 * EINVAL.  The tmpfs is then made the root by chroot(), as OpenSSH's
 * privsep child is; the old mounts stay in the namespace, out of any
 * path's reach.
 */
int
sandbox_pivot_here(bool *chrooted)
{
	*chrooted = false;
	if (syscall(SYS_pivot_root, ".", ".") != 0) {
		if (errno != EINVAL || chroot(".") != 0 || chdir("/") != 0)
			return -1;
		*chrooted = true;
		return 0;
	}
	if (umount2(".", MNT_DETACH) != 0 || chdir("/") != 0)
		return -1;
	return 0;
}

/*
 * In its own mount namespace the child mounts an empty read-only tmpfs
 * on a directory of its own and pivots into it, detaching the old root:
 * a tmpfs stacked on "/" would not do, as chroot(".") resolves to the
 * old root beneath it (/proc/PID/root still showed the host's /).  Any
 * directory that exists serves; /proc does, as the id maps are written.
 */
static int
empty_root(struct sandbox *sb, char *why, size_t whylen)
{
	const char *step = "make / private";

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		goto fail;
	step = "mount a tmpfs";
	if (mount("xenpvboot", EMPTY_ROOT_AT, "tmpfs", MS_RDONLY | MS_NOSUID |
	    MS_NODEV | MS_NOEXEC, "size=4k,nr_inodes=2,mode=0555") != 0)
		goto fail;
	step = "pivot_root";
	if (chdir(EMPTY_ROOT_AT) != 0 ||
	    sandbox_pivot_here(&sb->chrooted) != 0)
		goto fail;
	return 0;
fail:
	snprintf(why, whylen, "empty root: %s: %s", step, strerror(errno));
	return -1;
}

static int
drop_ids(const struct sandbox *sb, char *why, size_t whylen)
{
	if (setgroups(0, NULL) != 0 ||
	    setresgid(sb->gid, sb->gid, sb->gid) != 0 ||
	    setresuid(sb->uid, sb->uid, sb->uid) != 0) {
		snprintf(why, whylen, "cannot become uid %u: %s",
		    (unsigned int)sb->uid, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0 || setgid(0) == 0) {
		snprintf(why, whylen, "uid %u can regain root",
		    (unsigned int)sb->uid);
		return -1;
	}
	return 0;
}

/*
 * The child dies with its parent: a parent killed (libxl's SIGTERM, an
 * admin's SIGKILL) must not leave it writing the output files, holding
 * the disk open past --timeout.  Changing ids clears the parent-death
 * signal, so it is set after them.  A parent dead already, before it
 * was set, has closed its end of the pipe: poll() says POLLERR.  (In
 * its PID namespace the child's getppid() is 0 whoever its parent is.)
 */
static int
die_with_parent(const struct sandbox *sb, char *why, size_t whylen)
{
	struct pollfd p = { .fd = sb->lifeline, .events = POLLOUT };

	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) {
		snprintf(why, whylen, "parent-death signal: %s",
		    strerror(errno));
		return -1;
	}
	if (sb->lifeline >= 0 && poll(&p, 1, 0) == 1 &&
	    (p.revents & POLLERR))
		_exit(EXIT_CHILD);
	return 0;
}

/* In the child, before the first read of guest data. */
int
sandbox_enter(struct sandbox *sb, char *why, size_t whylen)
{
	char who[64];

	if (quiet_stdio(why, whylen) != 0)
		return -1;
	if (sb->userns && sandbox_map_ids(sb->uid, sb->gid) != 0) {
		snprintf(why, whylen, "user namespace id maps: %s",
		    strerror(errno));
		return -1;
	}
	if (set_limits(sb, why, whylen) != 0)
		return -1;
	if (sb->namespaces && empty_root(sb, why, whylen) != 0)
		return -1;
	if (sb->drop && drop_ids(sb, why, whylen) != 0)
		return -1;
	if (sb->userns && sandbox_drop_caps() != 0) {
		snprintf(why, whylen, "capset: %s", strerror(errno));
		return -1;
	}
	if (die_with_parent(sb, why, whylen) != 0)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		snprintf(why, whylen, "no_new_privs: %s", strerror(errno));
		return -1;
	}
	if (seccomp_filter_load(why, whylen) != 0)
		return -1;
	if (sb->drop)
		snprintf(who, sizeof(who), "a uid of the run's own (GRUB's "
		    "reader: %u)", (unsigned int)sb->ids.reader);
	else
		snprintf(who, sizeof(who), "not root: running as the caller");
	snprintf(sb->note, sizeof(sb->note), "sandbox: %s%s%s, no_new_privs, "
	    "seccomp, limits", who, sb->userns ?
	    ", new user/pid/mount/ipc/uts namespaces, empty root" :
	    sb->namespaces ? ", new pid/mount/ipc/uts namespaces, empty root" :
	    ", no namespaces (the kernel refused them)", sb->chrooted ?
	    " (by chroot: / is an initramfs)" : "");
	return 0;
}
