/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GRUB's own reader, grub-fstest, run on the guest disk for the layouts
 * our child does not read itself (btrfs, FAT, ISO 9660, LVM2, squashfs,
 * f2fs, UFS and the others fs.c names).  It is a program, not a
 * library, so it cannot run inside the parsing child: the parent starts
 * one per file, each confined before exec as tightly as the child is.  Its root holds the disk (read-only, alone at /disk)
 * and /usr (read-only); its stdout and stderr are pipes the child reads.
 *
 * grub-fstest takes a path, not an fd, so it must be able to open the
 * disk again.  Run by root, it runs as the sandbox user, whose own the
 * disk is in its root: a block device by a node made there, an image
 * by a mount idmapped to that user where the image's filesystem allows
 * one (ext4, XFS, btrfs, tmpfs; not FUSE, NFS or devtmpfs).  Else as
 * the image's owner (root for a root-owned one), the one identity that
 * can, in a root where the disk is the only file of that owner it could
 * read that the world cannot.  Either way with no capabilities.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"
#include "sandbox.h"
#include "seccomp-filter.h"
#include "seccomp-notify.h"

#define HELPER_ROOT_AT	"/proc"	/* where its root is mounted first */
#define HELPER_CPU_S	60	/* RLIMIT_CPU: --timeout is the real bound */

/* Top-level names that are /usr's on a merged-/usr system. */
static const char *const usr_links[] = {
	"bin", "sbin", "lib", "lib32", "lib64", "libx32",
};

static void __attribute__((noreturn, format(printf, 2, 3)))
die(int errfd, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	int n;

	n = snprintf(msg, sizeof(msg), "xenpvboot: GRUB's reader: ");
	va_start(ap, fmt);
	n += vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(msg) - 1)
		n = (int)sizeof(msg) - 2;
	msg[n++] = '\n';
	if (write(errfd, msg, (size_t)n) < 0)
		_exit(HELPER_SETUP_FAILED);
	_exit(HELPER_SETUP_FAILED);
}

/* A detached, read-only copy of the mount tree at path (mount API). */
static int
ro_tree(int dfd, const char *path, unsigned int flags)
{
	struct mount_attr attr = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID,
	};
	int mfd;

	mfd = open_tree(dfd, path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
	    flags);
	if (mfd < 0)
		return -1;
	if (mount_setattr(mfd, "", AT_EMPTY_PATH | (flags & AT_RECURSIVE),
	    &attr, sizeof(attr)) != 0) {
		close(mfd);
		return -1;
	}
	return mfd;
}

static int
attach(int mfd, const char *target)
{
	int rc;

	rc = move_mount(mfd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH);
	close(mfd);
	return rc;
}

/*
 * The disk, by its path, as the one the parent opened: a path renamed
 * or a symlink swapped since then names another file, and is refused.
 */
static int
disk_tree(const struct helper *h, bool *owned)
{
	struct mount_attr attr = {
		.attr_set = MOUNT_ATTR_IDMAP, .userns_fd = (__u64)h->idmap,
	};
	struct stat want, got;
	int mfd;

	mfd = ro_tree(AT_FDCWD, h->disk_path, 0);
	if (mfd < 0)
		die(h->err, "cannot mount the disk: %s", strerror(errno));
	if (fstat(h->disk, &want) != 0 || fstat(mfd, &got) != 0 ||
	    want.st_dev != got.st_dev || want.st_ino != got.st_ino)
		die(h->err, "%s is no longer the disk that was opened",
		    h->disk_path);
	/* EINVAL where the filesystem has no idmapped mounts: the owner. */
	*owned = h->idmap >= 0 && mount_setattr(mfd, "", AT_EMPTY_PATH,
	    &attr, sizeof(attr)) == 0;
	return mfd;
}

/* /bin, /lib, ... as the host has them: a symlink into /usr, or a copy. */
static void
usr_link(const struct helper *h, const char *name)
{
	char host[32], target[64];
	struct stat st;
	ssize_t n;
	int mfd;

	snprintf(host, sizeof(host), "/%s", name);
	if (lstat(host, &st) != 0)
		return;
	if (S_ISLNK(st.st_mode)) {
		n = readlink(host, target, sizeof(target) - 1);
		if (n <= 0)
			return;
		target[n] = '\0';
		if (symlink(target, name) != 0)
			die(h->err, "symlink %s: %s", name, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode))
		return;
	mfd = ro_tree(AT_FDCWD, host, AT_RECURSIVE);
	if (mfd < 0 || mkdir(name, 0555) != 0 || attach(mfd, name) != 0)
		die(h->err, "mount %s: %s", host, strerror(errno));
}

/*
 * A block device needs no mount: a node of its own in the new root, the
 * sandbox user's, made from the device the parent opened (so no path is
 * looked up again).  Whether the disk is one to give so.
 */
static bool
node_disk(const struct helper *h, struct stat *st)
{
	return h->give && fstat(h->disk, st) == 0 && S_ISBLK(st->st_mode);
}

static void
make_node(const struct helper *h, const struct stat *st)
{
	if (mknod(HELPER_DISK_NAME, S_IFBLK | 0400, st->st_rdev) != 0 ||
	    chown(HELPER_DISK_NAME, h->as_uid, h->as_gid) != 0)
		die(h->err, "a node for the disk: %s", strerror(errno));
}

/*
 * Builds its root on a tmpfs over HELPER_ROOT_AT (nothing of it is
 * reachable afterwards) and moves into it, as the child does.  The
 * tmpfs is nodev but where /disk is the device node made here.  owned:
 * the disk is the sandbox user's there.
 */
static void
build_root(const struct helper *h, bool *chrooted, bool *owned)
{
	unsigned long nodev = MS_NODEV;
	struct stat st;
	int disk = -1, usr, fd;
	size_t i;

	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		die(h->err, "make / private: %s", strerror(errno));
	if (node_disk(h, &st))
		nodev = 0;
	else
		disk = disk_tree(h, owned);
	usr = ro_tree(AT_FDCWD, "/usr", AT_RECURSIVE);
	if (usr < 0)
		die(h->err, "mount /usr: %s", strerror(errno));
	if (mount("xenpvboot-grub", HELPER_ROOT_AT, "tmpfs", MS_NOSUID |
	    nodev | MS_NOEXEC, "size=16k,nr_inodes=16,mode=0755") != 0 ||
	    chdir(HELPER_ROOT_AT) != 0)
		die(h->err, "mount a tmpfs: %s", strerror(errno));
	if (mkdir("usr", 0555) != 0 || attach(usr, "usr") != 0)
		die(h->err, "mount /usr: %s", strerror(errno));
	for (i = 0; i < sizeof(usr_links) / sizeof(usr_links[0]); i++)
		usr_link(h, usr_links[i]);
	if (disk < 0) {
		make_node(h, &st);
		*owned = true;
	} else {
		fd = open(HELPER_DISK_NAME, O_CREAT | O_EXCL | O_WRONLY |
		    O_CLOEXEC, 0400);
		if (fd < 0 || close(fd) != 0 ||
		    attach(disk, HELPER_DISK_NAME) != 0)
			die(h->err, "mount the disk: %s", strerror(errno));
	}
	if (mount(NULL, ".", NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID |
	    nodev | MS_NOEXEC, NULL) != 0)
		die(h->err, "read-only root: %s", strerror(errno));
	if (sandbox_pivot_here(chrooted) != 0)
		die(h->err, "pivot_root: %s", strerror(errno));
}

/*
 * Root becomes the sandbox user or the disk's owner, which may be root
 * again: so no capability survives, neither now nor at exec
 * (SECBIT_NOROOT), and none can come back (the bounding set is
 * emptied, the bits locked).
 */
static void
become(const struct helper *h, uid_t uid, gid_t gid)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3];
	unsigned long cap;

	memset(none, 0, sizeof(none));
	if (prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
	    SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED |
	    SECBIT_KEEP_CAPS_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE |
	    SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED, 0, 0, 0) != 0)
		die(h->err, "securebits: %s", strerror(errno));
	for (cap = 0; prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0)
			die(h->err, "bounding set: %s", strerror(errno));
	if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0 ||
	    setresuid(uid, uid, uid) != 0)
		die(h->err, "cannot become uid %u: %s", (unsigned int)uid,
		    strerror(errno));
	if (syscall(SYS_capset, &hdr, none) != 0)
		die(h->err, "capset: %s", strerror(errno));
}

static void
limits(const struct helper *h)
{
	struct { int res; rlim_t value; } l[] = {
		{ RLIMIT_CORE, 0 }, { RLIMIT_FSIZE, 0 },
		{ RLIMIT_NOFILE, HELPER_FDS }, { RLIMIT_NPROC, 0 },
		{ RLIMIT_MEMLOCK, 0 }, { RLIMIT_MSGQUEUE, 0 },
		{ RLIMIT_CPU, HELPER_CPU_S },
#ifndef XENPVBOOT_SANITIZE
		{ RLIMIT_AS, h->max_memory },
#endif
	};
	size_t i;

#ifdef XENPVBOOT_SANITIZE
	(void)h;	/* a sanitizer build maps terabytes: no RLIMIT_AS */
#endif
	for (i = 0; i < sizeof(l) / sizeof(l[0]); i++) {
		struct rlimit rl = { l[i].value, l[i].value }, had;

		/* Within a lower one inherited, which it could not raise. */
		if (getrlimit(l[i].res, &had) == 0 && had.rlim_max <
		    rl.rlim_max)
			rl.rlim_cur = rl.rlim_max = had.rlim_max;
		if (setrlimit(l[i].res, &rl) != 0)
			die(STDERR_FILENO, "setrlimit: %s", strerror(errno));
	}
}

/*
 * stdout and stderr are the pipes, until the exec the socket to the
 * parent is HELPER_NOTIFY_FD, and the claim on its uid is held at
 * HELPER_LOCK_FD for as long as it lives; nothing else stays open.
 * The parent's fds are above 2, and the claim is moved above them all
 * first, so none is overwritten before it is copied.
 */
static void
stdio(const struct helper *h)
{
	int lock = -1;

	if ((h->lock >= 0 && (lock = fcntl(h->lock, F_DUPFD_CLOEXEC,
	    HELPER_FDS + 1)) < 0) ||
	    dup2(h->out, STDOUT_FILENO) < 0 ||
	    dup2(h->err, STDERR_FILENO) < 0 ||
	    (h->notify != HELPER_NOTIFY_FD &&
	    dup2(h->notify, HELPER_NOTIFY_FD) < 0) ||
	    (lock >= 0 && dup2(lock, HELPER_LOCK_FD) < 0))
		_exit(HELPER_SETUP_FAILED);
	close(STDIN_FILENO);
	(void)close_range(lock >= 0 ? HELPER_LOCK_FD + 1 :
	    HELPER_NOTIFY_FD + 1, ~0U, 0);
}

/*
 * The filter, its listener handed to the parent and closed here: the
 * reader must not hold it, or it could answer for its own calls.
 */
static void
confine(void)
{
	int listener;

	listener = seccomp_helper_load();
	if (listener < 0 ||
	    seccomp_notify_send(HELPER_NOTIFY_FD, listener) != 0)
		_exit(HELPER_SETUP_FAILED);
	close(listener);
	close(HELPER_NOTIFY_FD);
}

/*
 * grub-fstest as HELPER_EXEC_FD, the one program it may exec: its
 * filter allows no execve(), and execveat() of this fd only.
 */
static void
program_fd(const struct helper *h)
{
	int fd;

	fd = open(h->program, O_PATH | O_CLOEXEC);
	if (fd < 0 || fcntl(fd, F_DUPFD_CLOEXEC, HELPER_EXEC_FD) !=
	    HELPER_EXEC_FD)
		die(STDERR_FILENO, "%s: %s", h->program, strerror(errno));
	close(fd);
}

/* In the new process: confine, then become grub-fstest. */
static void __attribute__((noreturn))
helper_exec(const struct helper *h, char *const argv[])
{
	static char *const env[] = { "LC_ALL=C", NULL };
	bool chrooted = false, owned = false;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
		die(h->err, "parent-death signal: %s", strerror(errno));
	if (h->userns && sandbox_map_ids(h->uid, h->gid) != 0)
		die(h->err, "user namespace id maps: %s", strerror(errno));
	build_root(h, &chrooted, &owned);
	if (!h->userns && owned)
		become(h, h->as_uid, h->as_gid);
	else if (!h->userns)
		become(h, h->uid, h->gid);
	else if (sandbox_drop_caps() != 0)
		die(h->err, "capset: %s", strerror(errno));
	stdio(h);
	program_fd(h);
	/*
	 * After the uid changes: one to a user over RLIMIT_NPROC (0, and
	 * the child runs as the same user) would make execve() EAGAIN.
	 * After program_fd(): RLIMIT_NOFILE keeps the fd out of reach.
	 */
	limits(h);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		die(STDERR_FILENO, "no_new_privs: %s", strerror(errno));
	confine();
	syscall(SYS_execveat, HELPER_EXEC_FD, "", argv, env, AT_EMPTY_PATH);
	die(STDERR_FILENO, "%s: %s", h->program, strerror(errno));
}

/*
 * Starts grub-fstest with argv (argv[0] aside, its arguments name
 * HELPER_DISK), confined.  Returns its pid, or -1 with errno.
 */
pid_t
helper_start(const struct helper *h, char *const argv[])
{
	long flags = SIGCHLD | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC |
	    CLONE_NEWUTS | CLONE_NEWNET;
	long pid;

	if (h->userns)
		flags |= CLONE_NEWUSER;
	pid = syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);
	if (pid == 0)
		helper_exec(h, argv);
	return (pid_t)pid;
}
