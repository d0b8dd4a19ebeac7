/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * make bench's timer.  It runs the commands in turn, round after round,
 * so that each meets the machine as the others do (writeback of earlier
 * output, caches, a slow neighbour), where a harness that runs all of
 * one command and then all of the next hands each its own conditions.
 * Before every timed run the preparation runs, untimed, through sh.
 * Prints one line per command: its median wall time in ms and how many
 * of its runs failed.
 *
 * Usage: alternate ROUNDS WARMUP PREPARATION COMMAND...
 * Each COMMAND is one argument, split on spaces (make bench's commands
 * need no quoting).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS	32

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Runs argv with stdout and stderr on /dev/null; its exit status. */
static int
run(char *const argv[])
{
	pid_t pid;
	int status;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (freopen("/dev/null", "w", stdout) == NULL ||
		    freopen("/dev/null", "w", stderr) == NULL)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void
split(char *cmd, char **argv)
{
	int n = 0;
	char *tok;

	for (tok = strtok(cmd, " "); tok != NULL && n < MAX_ARGS - 1;
	    tok = strtok(NULL, " "))
		argv[n++] = tok;
	argv[n] = NULL;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	char *prep[] = { "sh", "-c", NULL, NULL };
	char *(*cmds)[MAX_ARGS];
	int rounds, warmup, ncmd, r, c, *failed;
	double *ms, t;

	if (argc < 5)
		return 2;
	rounds = atoi(argv[1]);
	warmup = atoi(argv[2]);
	prep[2] = argv[3];
	ncmd = argc - 4;
	cmds = calloc((size_t)ncmd, sizeof(*cmds));
	ms = calloc((size_t)(ncmd * rounds), sizeof(*ms));
	failed = calloc((size_t)ncmd, sizeof(*failed));
	if (rounds < 1 || cmds == NULL || ms == NULL || failed == NULL)
		return 2;
	for (c = 0; c < ncmd; c++)
		split(argv[4 + c], cmds[c]);
	for (r = -warmup; r < rounds; r++)
		for (c = 0; c < ncmd; c++) {
			(void)run(prep);
			t = now_ms();
			if (run(cmds[c]) != 0 && r >= 0)
				failed[c]++;
			if (r >= 0)
				ms[c * rounds + r] = now_ms() - t;
		}
	for (c = 0; c < ncmd; c++) {
		qsort(ms + c * rounds, (size_t)rounds, sizeof(*ms), cmp);
		printf("%.2f %d\n", rounds % 2 ? ms[c * rounds + rounds / 2] :
		    (ms[c * rounds + rounds / 2 - 1] +
		    ms[c * rounds + rounds / 2]) / 2, failed[c]);
	}
	return 0;
}
