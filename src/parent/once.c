/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * grub-reboot's next_entry, booted once, as GRUB boots it, without
 * writing the guest's disk.  GRUB consumes next_entry by rewriting
 * grubenv (save_env); a read-only reader cannot, so the grub.cfg's own
 * "if [ "${next_entry}" ]" would choose it on every boot after.  We
 * remember instead, in dom0, that this disk booted the next_entry of
 * this grubenv, identified by its filesystem's UUID, its inode, change
 * time and size and a hash of its bytes (the child's doing); the next
 * run that finds the same grubenv boots the default, and one that finds
 * it written anew (grub-reboot again) boots next_entry once more.
 *
 * One small file per disk under STATE_DIR/next-entry, named by the
 * disk's identity (a block device's number, an image's filesystem and
 * inode: the same disk by any path), holding the identity of the
 * grubenv last booted; replaced atomically (a new file renamed over
 * it); at most ONCE_FILES files, the oldest dropped.  Root's only.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "once.h"

#ifndef STATE_DIR
#define STATE_DIR	"/var/lib/xenpvboot"
#endif
#define ONCE_DIR	STATE_DIR "/next-entry"
#define ONCE_FILES	4096	/* disks remembered */

/* The disk's file name: "b-MAJOR-MINOR" or "f-DEV-INODE". */
static int
name_of(int diskfd, char *name, size_t len)
{
	struct stat st;

	if (fstat(diskfd, &st) != 0)
		return -1;
	if (S_ISBLK(st.st_mode))
		snprintf(name, len, "b-%u-%u", major(st.st_rdev),
		    minor(st.st_rdev));
	else
		snprintf(name, len, "f-%jx-%jx", (uintmax_t)st.st_dev,
		    (uintmax_t)st.st_ino);
	return 0;
}

/*
 * The directory, opened without following a link, and only if it is
 * root's and no one else may write it: what it says decides a boot.
 */
static int
open_dir(bool create, char *why, size_t whylen)
{
	struct stat st;
	int fd;

	if (create && (mkdir(STATE_DIR, 0755) != 0 && errno != EEXIST)) {
		snprintf(why, whylen, "%s: %s", STATE_DIR, strerror(errno));
		return -1;
	}
	if (create && (mkdir(ONCE_DIR, 0700) != 0 && errno != EEXIST)) {
		snprintf(why, whylen, "%s: %s", ONCE_DIR, strerror(errno));
		return -1;
	}
	fd = open(ONCE_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, whylen, "%s: %s", ONCE_DIR, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || st.st_uid != geteuid() ||
	    (st.st_mode & 022) != 0) {
		snprintf(why, whylen, "%s: not %s own, or others may write it",
		    ONCE_DIR, geteuid() == 0 ? "root's" : "this user's");
		close(fd);
		return -1;
	}
	return fd;
}

void
once_load(int diskfd, char *spent, size_t len)
{
	char name[64], why[256];
	ssize_t n;
	int dfd, fd;

	spent[0] = '\0';
	if (name_of(diskfd, name, sizeof(name)) != 0 ||
	    (dfd = open_dir(false, why, sizeof(why))) < 0)
		return;
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(dfd);
	if (fd < 0)
		return;
	n = read(fd, spent, len - 1);
	close(fd);
	spent[n > 0 ? n : 0] = '\0';
	spent[strcspn(spent, "\n")] = '\0';
}

/* The oldest of too many files goes: one per disk ever booted so. */
static void
prune(int dfd)
{
	char oldest[256] = "";
	struct dirent *d;
	struct stat st;
	time_t when = 0;
	size_t n = 0;
	DIR *dir;
	int fd;

	fd = dup(dfd);
	if (fd < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' || fstatat(dfd, d->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		n++;
		if (oldest[0] == '\0' || st.st_mtime < when) {
			when = st.st_mtime;
			snprintf(oldest, sizeof(oldest), "%s", d->d_name);
		}
	}
	closedir(dir);
	if (n >= ONCE_FILES && oldest[0] != '\0')
		(void)unlinkat(dfd, oldest, 0);
}

int
once_record(int diskfd, const char *id, char *why, size_t whylen)
{
	char name[64], tmp[80];
	size_t len = strlen(id);
	int dfd, fd, rc = -1;

	if (name_of(diskfd, name, sizeof(name)) != 0) {
		snprintf(why, whylen, "the disk: %s", strerror(errno));
		return -1;
	}
	if ((dfd = open_dir(true, why, whylen)) < 0)
		return -1;
	/* One writer at a time: two runs of one disk would race. */
	if (flock(dfd, LOCK_EX) != 0) {
		snprintf(why, whylen, "%s: %s", ONCE_DIR, strerror(errno));
		close(dfd);
		return -1;
	}
	prune(dfd);
	snprintf(tmp, sizeof(tmp), ".%s.new", name);
	(void)unlinkat(dfd, tmp, 0);
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd >= 0 && write(fd, id, len) == (ssize_t)len &&
	    write(fd, "\n", 1) == 1 && fsync(fd) == 0 &&
	    renameat(dfd, tmp, dfd, name) == 0 && fsync(dfd) == 0)
		rc = 0;
	else
		snprintf(why, whylen, "%s/%s: %s", ONCE_DIR, name,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		(void)unlinkat(dfd, tmp, 0);
	close(dfd);
	return rc;
}
