/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ids of the run's own.  Run by root, the parsing child and GRUB's
 * reader each run as a uid, and the gid of the same number, that no
 * other process on the host has, as systemd's DynamicUser does.  Under
 * a shared uid ("nobody", or libxl's --runas user, which other guests'
 * QEMUs may share) any process of that uid could read the disk through
 * /proc/PID/root or /proc/PID/fd of a reader, which is dumpable again
 * after its exec, trace it, or signal either.
 *
 * Pairs, the child's even and the reader's the next, are taken from
 * RUN_UID_FIRST..RUN_UID_LAST, the lowest free first.  A pair is
 * claimed by flock() on RUN_IDS_DIR/uid-N, held by the parent and
 * inherited by the child and by every reader, never by any other
 * process: the kernel lets it go when the last of them has gone, so a
 * child left stuck in a read the kernel cannot interrupt keeps its
 * pair until it ends, and no run shares an id with a process of an
 * earlier one.  None of them can let it go sooner: their filters
 * allow no flock().  An id that /etc/passwd or /etc/group names, or
 * that a range of /etc/subuid or /etc/subgid holds (its user's
 * containers may map it), is passed over.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run-ids.h"

#define LISTED_MAX	256	/* ranges of /etc in ours that are passed over */

/* Where an id database holds ids: fields first and second, or -1. */
struct id_file {
	const char	*path;
	int		 first, second;
	bool		 range;		/* first is a start, second a count */
};

static const struct id_file id_files[] = {
	{ "/etc/passwd", 2, 3, false },
	{ "/etc/group", 2, -1, false },
	{ "/etc/subuid", 1, 2, true },
	{ "/etc/subgid", 1, 2, true },
};

/* Ranges of ids, inclusive, that some file names. */
struct listed {
	unsigned long	 lo[LISTED_MAX], hi[LISTED_MAX];
	size_t		 n;
};

/* Field f of a colon-separated line as a number, or false. */
static bool
field(const char *line, int f, unsigned long *v)
{
	const char *p = line;
	char *end;

	for (; f > 0; f--) {
		p = strchr(p, ':');
		if (p == NULL)
			return false;
		p++;
	}
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	*v = strtoul(p, &end, 10);
	return errno == 0 && (*end == ':' || *end == '\n' || *end == '\0');
}

static int
add(struct listed *l, unsigned long lo, unsigned long hi, const char *path,
    char *why, size_t whylen)
{
	if (hi < RUN_UID_FIRST || lo > RUN_UID_LAST)
		return 0;
	if (l->n == LISTED_MAX) {
		snprintf(why, whylen, "%s: more than %d entries in the uid "
		    "range %u-%u", path, LISTED_MAX, RUN_UID_FIRST,
		    RUN_UID_LAST);
		return -1;
	}
	l->lo[l->n] = lo;
	l->hi[l->n++] = hi;
	return 0;
}

static int
line_ids(const struct id_file *f, const char *line, struct listed *l,
    char *why, size_t whylen)
{
	unsigned long a, b;

	if (line[0] == '#' || !field(line, f->first, &a))
		return 0;
	if (f->range)
		return field(line, f->second, &b) && b > 0 ?
		    add(l, a, a + b - 1, f->path, why, whylen) : 0;
	if (add(l, a, a, f->path, why, whylen) != 0)
		return -1;
	if (f->second >= 0 && field(line, f->second, &b))
		return add(l, b, b, f->path, why, whylen);
	return 0;
}

/* The ranges of ours that the host's id files name; one read each. */
static int
read_listed(struct listed *l, char *why, size_t whylen)
{
	char *line = NULL;
	size_t cap = 0, i;
	int rc = 0;
	FILE *fp;

	l->n = 0;
	for (i = 0; rc == 0 && i < sizeof(id_files) / sizeof(id_files[0]);
	    i++) {
		fp = fopen(id_files[i].path, "re");
		if (fp == NULL && errno == ENOENT)
			continue;
		if (fp == NULL) {
			snprintf(why, whylen, "%s: %s", id_files[i].path,
			    strerror(errno));
			rc = -1;
			break;
		}
		while (rc == 0 && getline(&line, &cap, fp) > 0)
			rc = line_ids(&id_files[i], line, l, why, whylen);
		fclose(fp);
	}
	free(line);
	return rc;
}

static bool
is_listed(const struct listed *l, unsigned long id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->lo[i] <= id + 1 && id <= l->hi[i])
			return true;
	return false;
}

/* RUN_IDS_DIR, made if missing; root's alone, or refused. */
static int
claims_dir(char *why, size_t whylen)
{
	struct stat st;
	int fd;

	if (mkdir(RUN_IDS_DIR, 0700) != 0 && errno != EEXIST)
		goto fail;
	fd = open(RUN_IDS_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		goto fail;
	if (fstat(fd, &st) != 0 || st.st_uid != 0 ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		close(fd);
		snprintf(why, whylen, "%s is not a directory root alone may "
		    "write", RUN_IDS_DIR);
		return -1;
	}
	return fd;
fail:
	snprintf(why, whylen, "%s: %s", RUN_IDS_DIR, strerror(errno));
	return -1;
}

/* The lock on pair id, or -1 (errno EWOULDBLOCK: another run's). */
static int
try_pair(int dir, unsigned long id)
{
	char name[32];
	int fd, err;

	snprintf(name, sizeof(name), "uid-%lu", id);
	fd = openat(dir, name, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

int
run_ids_claim(struct run_ids *ids, char *why, size_t whylen)
{
	struct listed *l;
	unsigned long id;
	int dir, fd = -1;

	ids->lock = -1;
	l = malloc(sizeof(*l));
	if (l == NULL || read_listed(l, why, whylen) != 0) {
		if (l == NULL)
			snprintf(why, whylen, "%s", strerror(errno));
		free(l);
		return -1;
	}
	dir = claims_dir(why, whylen);
	for (id = RUN_UID_FIRST; dir >= 0 && id < RUN_UID_LAST; id += 2) {
		if (is_listed(l, id))
			continue;
		fd = try_pair(dir, id);
		if (fd >= 0)
			break;
		if (errno != EWOULDBLOCK) {
			snprintf(why, whylen, "%s/uid-%lu: %s", RUN_IDS_DIR,
			    id, strerror(errno));
			break;
		}
	}
	free(l);
	if (dir >= 0)
		close(dir);
	if (fd < 0) {
		if (dir >= 0 && id >= RUN_UID_LAST)
			snprintf(why, whylen, "no uid of the range %u-%u is "
			    "free: each pair is another run's or named in "
			    "/etc", RUN_UID_FIRST, RUN_UID_LAST);
		return -1;
	}
	ids->child = (uid_t)id;
	ids->reader = (uid_t)id + 1;
	ids->lock = fd;
	return 0;
}

void
run_ids_release(struct run_ids *ids)
{
	if (ids->lock >= 0)
		close(ids->lock);
	ids->lock = -1;
}
