/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The child's empty root, from both sides: once sandbox_enter() is done
 * its /proc/PID/root and cwd list nothing, and from inside no lookup of
 * a host path finds anything, whether the filter stops it (a stat of a
 * path) or lets it reach the kernel (AT_EMPTY_PATH with a path).
 */
#define UNIT_NAME "sandbox"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.h"
#include "unit.h"

/* What the child found, one byte per probe: 0 when it held. */
enum probe {
	P_STAT_PATH,		/* fstatat(path, 0): EACCES, the filter */
	P_EMPTY_PATH_HOST,	/* a host file with AT_EMPTY_PATH: ENOENT */
	P_EMPTY_PATH_PROC,	/* /proc/1/environ: ENOENT */
	P_DOTDOT,		/* /../../etc/passwd: ENOENT */
	P_STATX,		/* statx of /etc/shadow: ENOENT */
	P_FSTAT,		/* fstat of an fd still works */
	P_COUNT,
};

static const char *const probe_names[] = {
	"a stat of a host path is refused by the filter (EACCES)",
	"a host path given with AT_EMPTY_PATH is not found (empty root)",
	"/proc/1/environ is not found",
	"/../../etc/passwd is not found",
	"statx of /etc/shadow is not found",
	"fstat of an fd still works",
};

static char
expect_errno(long rc, int want)
{
	return rc < 0 && errno == want ? 0 : 1;
}

static void
probe(char *res)
{
	struct stat st;
	char sx[256];

	res[P_STAT_PATH] = expect_errno(fstatat(AT_FDCWD, "/etc/passwd", &st,
	    0), EACCES);
	res[P_EMPTY_PATH_HOST] = expect_errno(syscall(SYS_newfstatat,
	    AT_FDCWD, "/etc/passwd", &st, AT_EMPTY_PATH), ENOENT);
	res[P_EMPTY_PATH_PROC] = expect_errno(syscall(SYS_newfstatat,
	    AT_FDCWD, "/proc/1/environ", &st, AT_EMPTY_PATH), ENOENT);
	res[P_DOTDOT] = expect_errno(syscall(SYS_newfstatat, AT_FDCWD,
	    "/../../etc/passwd", &st, AT_EMPTY_PATH), ENOENT);
	res[P_STATX] = expect_errno(syscall(SYS_statx, AT_FDCWD, "/etc/shadow",
	    AT_EMPTY_PATH, 0x7ff, sx), ENOENT);
	res[P_FSTAT] = fstat(0, &st) == 0 ? 0 : 1;
}

/* The names in a directory of the child's, but "." and "..". */
static int
entries(pid_t pid, const char *what)
{
	char path[64];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, what);
	d = opendir(path);
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

int
main(void)
{
	struct options o = { .max_file_size = 1 << 20, .list = true };
	struct sandbox sb;
	char why[256], res[P_COUNT], go = 0;
	int report[2], wait_go[2], status, i;
	pid_t pid;

	if (sandbox_prepare(&o, &sb, why, sizeof(why)) != 0 ||
	    pipe(report) != 0 || pipe(wait_go) != 0) {
		printf("FAIL unit/sandbox: setting up: %s\n", why);
		return 1;
	}
	pid = sandbox_fork(&sb);
	if (pid == 0) {
		close(report[0]);
		close(wait_go[1]);
		if (sandbox_enter(&sb, why, sizeof(why)) != 0)
			_exit(2);
		probe(res);
		if (write(report[1], res, sizeof(res)) != sizeof(res) ||
		    read(wait_go[0], &go, 1) < 0)
			_exit(3);
		_exit(0);
	}
	close(report[1]);
	close(wait_go[0]);
	if (pid < 0 || read(report[0], res, sizeof(res)) != sizeof(res)) {
		printf("FAIL unit/sandbox: the child did not report\n");
		return 1;
	}
	if (!sb.namespaces) {
		printf("skip unit/sandbox: no namespaces: the kernel refused "
		    "them\n");
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return 0;
	}
	CHECK("/proc/PID/root of the sandboxed child is empty",
	    entries(pid, "root") == 0);
	CHECK("/proc/PID/cwd of the sandboxed child is empty",
	    entries(pid, "cwd") == 0);
	close(wait_go[1]);
	waitpid(pid, &status, 0);
	for (i = 0; i < P_COUNT; i++)
		CHECK(probe_names[i], res[i] == 0);
	CHECK("the child exits cleanly", WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);
	return unit_failed;
}
