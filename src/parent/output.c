/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The parent's side of the output: the directory the extracted files
 * go in, each file created new (O_EXCL|O_NOFOLLOW, 0600) under a random
 * name as pygrub's mkstemp does, and the answer in pygrub's formats.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "output.h"

#define TMP_SUFFIX_LEN	8
#define TMP_TRIES	100
#define MAX_DEPTH	256	/* directories above the output one */

/* Creates each missing directory of path: parents 0755, the last 0700. */
static int
make_dirs(const char *path)
{
	char buf[PATH_MAX];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/*
 * Whoever else can write the output directory, or a directory above
 * it, can swap boot_kernel.X for a link to /etc/shadow between our
 * write and libxl's read.  As OpenSSH's StrictModes: each must belong
 * to root or to us and be writable by no one else; but a sticky one,
 * where no one else may rename what is ours (/tmp), and the output
 * directory only if it is ours too.  The chain is walked through the
 * fds ("..", up to /), not the path; the path only names them.
 */
static int
insecure(const struct stat *st, int depth, char *what, size_t len)
{
	uid_t me = geteuid();

	if (st->st_uid != 0 && st->st_uid != me)
		snprintf(what, len, "owned by uid %u, neither root nor us",
		    (unsigned int)st->st_uid);
	else if (!(st->st_mode & (S_IWGRP | S_IWOTH)))
		return 0;
	else if ((st->st_mode & S_ISVTX) && (depth > 0 || st->st_uid == me))
		return 0;
	else
		snprintf(what, len, "writable by %s", st->st_mode & S_IWOTH ?
		    "others" : "its group");
	return 1;
}

/* The directory depth levels above path, for a message. */
static void
ancestor(const char *path, int depth, char *name, size_t len)
{
	char *slash;

	if (realpath(path, name) == NULL)
		snprintf(name, len, "%s", path);
	while (depth-- > 0 && (slash = strrchr(name, '/')) != NULL)
		*(slash == name ? slash + 1 : slash) = '\0';
}

static int
secure_dirs(int fd, const char *path, char *why, size_t whylen)
{
	char name[PATH_MAX], what[64];
	struct stat st, up;
	int cur, next, depth;

	cur = dup(fd);
	for (depth = 0; cur >= 0 && depth < MAX_DEPTH; depth++) {
		if (fstat(cur, &st) != 0)
			break;
		if (insecure(&st, depth, what, sizeof(what))) {
			ancestor(path, depth, name, sizeof(name));
			snprintf(why, whylen, "%s: %s%s; use a directory only "
			    "root or this user can write", depth == 0 ? path :
			    name, depth == 0 ? "" : "(above the output "
			    "directory) ", what);
			close(cur);
			return -1;
		}
		next = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
		close(cur);
		cur = next;
		if (next < 0 || fstat(next, &up) != 0 ||
		    (up.st_dev == st.st_dev && up.st_ino == st.st_ino))
			break;	/* / is its own parent */
	}
	if (cur >= 0)
		close(cur);
	return 0;
}

/*
 * Opens (creating it if missing) the directory the extracted files go
 * in.  Its last component must not be a symlink.
 */
int
output_dir_open(const char *path, struct outdir *d, char *why,
    size_t whylen)
{
	struct stat st;
	size_t len;

	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len == 0 || len >= sizeof(d->path)) {
		snprintf(why, whylen, "%s: invalid output directory", path);
		return -1;
	}
	memcpy(d->path, path, len);
	d->path[len] = '\0';
	if (make_dirs(d->path) != 0) {
		snprintf(why, whylen, "cannot create %s: %s", d->path,
		    strerror(errno));
		return -1;
	}
	d->fd = open(d->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (d->fd < 0) {
		/* O_NOFOLLOW|O_DIRECTORY says ENOTDIR for a symlink. */
		snprintf(why, whylen, "%s: %s", d->path,
		    lstat(d->path, &st) == 0 && S_ISLNK(st.st_mode) ?
		    "is a symbolic link" : strerror(errno));
		return -1;
	}
	if (secure_dirs(d->fd, d->path, why, whylen) != 0) {
		close(d->fd);
		d->fd = -1;
		return -1;
	}
	return 0;
}

static void
random_suffix(char *s, size_t n)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
	unsigned char r[TMP_SUFFIX_LEN];
	struct timespec ts;
	size_t i;

	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		/* Guessable, but O_EXCL|O_NOFOLLOW settles any clash. */
		clock_gettime(CLOCK_MONOTONIC, &ts);
		for (i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)((unsigned long)ts.tv_nsec >>
			    (i * 3) ^ (unsigned long)getpid() >> i);
	}
	for (i = 0; i < n && i < sizeof(r); i++)
		s[i] = set[r[i] % (sizeof(set) - 1)];
	s[i] = '\0';
}

/* dir/name into path; -1 (ENAMETOOLONG) when it does not fit. */
static int
full_path(const struct outdir *d, const char *name, char *path,
    size_t pathlen)
{
	int n;

	n = snprintf(path, pathlen, "%s%s%s", d->path,
	    strcmp(d->path, "/") == 0 ? "" : "/", name);
	if (n < 0 || (size_t)n >= pathlen) {
		path[0] = '\0';
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/*
 * A fresh prefix.XXXXXXXX: name in the directory, path as libxl will
 * be given it; -1 when the path does not fit.
 */
static int
draw_name(const struct outdir *d, const char *prefix, char *name,
    size_t namelen, char *path, size_t pathlen)
{
	char suffix[TMP_SUFFIX_LEN + 1];

	random_suffix(suffix, TMP_SUFFIX_LEN);
	snprintf(name, namelen, "%s.%s", prefix, suffix);
	return full_path(d, name, path, pathlen);
}

/*
 * Creates prefix.XXXXXXXX in the directory and returns its fd; path
 * gets the name libxl will be given.
 */
static int
named_file(struct outdir *d, const char *prefix, char *path,
    size_t pathlen, char *why, size_t whylen)
{
	char name[64];
	int fd = -1, i;

	for (i = 0; i < TMP_TRIES; i++) {
		if (draw_name(d, prefix, name, sizeof(name), path,
		    pathlen) != 0)
			break;
		fd = openat(d->fd, name, O_RDWR | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		snprintf(why, whylen, "cannot create a file in %s: %s",
		    d->path, i == TMP_TRIES ? "no unique name" :
		    strerror(errno));
		path[0] = '\0';
	}
	return fd;
}

/*
 * Creates a file for a boot file to go in, and returns its fd.  Where
 * the filesystem can, it has no name (O_TMPFILE; path is empty) until
 * output_link() gives it one: a run killed before, even by SIGKILL,
 * leaves nothing.  Elsewhere it is named at once, prefix.XXXXXXXX, and
 * path holds the name.
 */
int
output_tmpfile(struct outdir *d, const char *prefix, char *path,
    size_t pathlen, char *why, size_t whylen)
{
	char probe[PATH_MAX];
	int fd;

	/* The name it will get must fit, or the answer would lie. */
	if (full_path(d, prefix, probe, sizeof(probe)) != 0 ||
	    strlen(probe) + 1 + TMP_SUFFIX_LEN >= pathlen) {
		snprintf(why, whylen, "the output directory's path, %zu "
		    "bytes, is too long for the files' names: %s",
		    strlen(d->path), d->path);
		return -1;
	}
	fd = openat(d->fd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0) {
		path[0] = '\0';
		return fd;
	}
	/* EISDIR: a kernel without O_TMPFILE; EOPNOTSUPP: a filesystem. */
	if (errno != EOPNOTSUPP && errno != EISDIR) {
		snprintf(why, whylen, "cannot create a file in %s: %s",
		    d->path, strerror(errno));
		return -1;
	}
	return named_file(d, prefix, path, pathlen, why, whylen);
}

/*
 * Names an unnamed file prefix.XXXXXXXX.  linkat() never replaces
 * what is there: a name taken, another is drawn.  Without
 * CAP_DAC_READ_SEARCH (a user's run) the kernel links an fd only
 * through /proc/self/fd.
 */
int
output_link(struct outdir *d, int fd, const char *prefix, char *path,
    size_t pathlen, char *why, size_t whylen)
{
	char name[64], proc[64];
	int i, rc = -1;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (i = 0; i < TMP_TRIES; i++) {
		if (draw_name(d, prefix, name, sizeof(name), path,
		    pathlen) != 0)
			break;
		rc = linkat(fd, "", d->fd, name, AT_EMPTY_PATH);
		if (rc != 0 && (errno == ENOENT || errno == EPERM))
			rc = linkat(AT_FDCWD, proc, d->fd, name,
			    AT_SYMLINK_FOLLOW);
		if (rc == 0 || errno != EEXIST)
			break;
	}
	if (rc != 0) {
		snprintf(why, whylen, "cannot name a file in %s: %s", d->path,
		    i == TMP_TRIES ? "no unique name" : strerror(errno));
		path[0] = '\0';
	}
	return rc;
}

/* Appends to an answer being built; false when it would not fit. */
struct sink {
	char	*buf;
	size_t	 len;
	size_t	 size;
};

static bool
put(struct sink *k, const char *s, size_t n)
{
	if (n > k->size - k->len)
		return false;
	memcpy(k->buf + k->len, s, n);
	k->len += n;
	return true;
}

static bool
puts_(struct sink *k, const char *s)
{
	return put(k, s, strlen(s));
}

/*
 * Python's repr() of a str, which is what pygrub's sxp output holds:
 * single quotes unless the value has ' and no ", backslash escapes for
 * the quote, \\, \t, \n, \r and \xNN for other control bytes.  Bytes
 * above 0x7f pass through (repr() shows printable UTF-8 as it is).
 */
static bool
put_repr(struct sink *k, const char *s)
{
	char quote, esc[5];
	const unsigned char *p;

	quote = strchr(s, '\'') != NULL && strchr(s, '"') == NULL ? '"' :
	    '\'';
	if (!put(k, &quote, 1))
		return false;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\\' || *p == (unsigned char)quote)
			snprintf(esc, sizeof(esc), "\\%c", *p);
		else if (*p == '\t')
			snprintf(esc, sizeof(esc), "\\t");
		else if (*p == '\n')
			snprintf(esc, sizeof(esc), "\\n");
		else if (*p == '\r')
			snprintf(esc, sizeof(esc), "\\r");
		else if (*p < 0x20 || *p == 0x7f)
			snprintf(esc, sizeof(esc), "\\x%02x", *p);
		else {
			esc[0] = (char)*p;
			esc[1] = '\0';
		}
		if (!puts_(k, esc))
			return false;
	}
	return put(k, &quote, 1);
}

static bool
present(const char *s)
{
	return s != NULL && *s != '\0';
}

static bool
format_sxp(struct sink *k, const struct answer *a)
{
	static const char *const names[] = { "kernel", "ramdisk", "args" };
	const char *vals[] = { a->kernel, a->ramdisk, a->args };
	size_t i;

	if (!puts_(k, "linux "))
		return false;
	for (i = 0; i < 3; i++) {
		if (!present(vals[i]))
			continue;
		if (!puts_(k, "(") || !puts_(k, names[i]) || !puts_(k, " ") ||
		    !put_repr(k, vals[i]) || !puts_(k, ")"))
			return false;
	}
	return true;
}

static bool
record(struct sink *k, const char *name, const char *val, char sep)
{
	return puts_(k, name) && puts_(k, " ") && puts_(k, val) &&
	    put(k, &sep, 1);
}

/*
 * Formats the answer into buf.  Returns -1 when a value holds the
 * separator (pygrub refuses those too) or the answer does not fit.
 */
int
output_format(enum output_format fmt, const struct answer *a, char *buf,
    size_t size, size_t *len, char *why, size_t whylen)
{
	struct sink k = { .buf = buf, .size = size };
	char sep = fmt == FORMAT_SIMPLE0 ? '\0' : '\n';
	bool ok;

	if (fmt == FORMAT_SXP)
		ok = format_sxp(&k, a);
	else {
		/* A C string cannot hold NUL: only "simple" can clash. */
		if (sep != '\0' && (strchr(a->kernel, sep) != NULL ||
		    (present(a->ramdisk) && strchr(a->ramdisk, sep) != NULL) ||
		    (present(a->args) && strchr(a->args, sep) != NULL))) {
			snprintf(why, whylen, "the simple format cannot "
			    "represent a value containing a newline");
			return -1;
		}
		ok = record(&k, "kernel", a->kernel, sep) &&
		    (!present(a->ramdisk) ||
		    record(&k, "ramdisk", a->ramdisk, sep)) &&
		    (!present(a->args) || record(&k, "args", a->args, sep)) &&
		    put(&k, &sep, 1);
	}
	if (!ok) {
		snprintf(why, whylen, "answer longer than %zu bytes", size);
		return -1;
	}
	*len = k.len;
	return 0;
}
