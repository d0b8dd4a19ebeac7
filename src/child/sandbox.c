/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The child demotes itself before parsing, in OpenSSH's order: limits,
 * groups, gid, uid, then no_new_privs.  The ids are looked up by the
 * parent before fork, so the child reads no file to learn them.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sandbox.h"

int
sandbox_prepare(const struct options *o, struct sandbox_ids *ids, char *why,
    size_t whylen)
{
	struct passwd *pw;

	memset(ids, 0, sizeof(*ids));
	if (!o->have_runas)
		return 0;
	if (o->runas == 0) {
		snprintf(why, whylen, "--runas=0 would not drop privileges");
		return -1;
	}
	if (geteuid() != 0) {
		if (geteuid() == o->runas)
			return 0;
		snprintf(why, whylen, "--runas=%u needs root", o->runas);
		return -1;
	}
	ids->drop = 1;
	ids->uid = o->runas;
	pw = getpwuid(o->runas);
	/* libxl's qemu user range has no passwd entries: gid = uid. */
	ids->gid = pw != NULL ? pw->pw_gid : (gid_t)o->runas;
	return 0;
}

static int
limit(int resource, rlim_t value)
{
	struct rlimit rl = { .rlim_cur = value, .rlim_max = value };

	return setrlimit(resource, &rl);
}

int
sandbox_enter(const struct sandbox_ids *ids, char *why, size_t whylen)
{
	/*
	 * No core dumps of guest data; no files written by the child.  A
	 * sanitizer build keeps the file limit so its reports reach a
	 * stderr that is a file.
	 */
	if (limit(RLIMIT_CORE, 0) != 0
#ifndef XENPVBOOT_SANITIZE
	    || limit(RLIMIT_FSIZE, 0) != 0
#endif
	    ) {
		snprintf(why, whylen, "setrlimit: %s", strerror(errno));
		return -1;
	}
	if (ids->drop) {
		if (setgroups(0, NULL) != 0 ||
		    setresgid(ids->gid, ids->gid, ids->gid) != 0 ||
		    setresuid(ids->uid, ids->uid, ids->uid) != 0) {
			snprintf(why, whylen, "cannot become uid %u: %s",
			    (unsigned int)ids->uid, strerror(errno));
			return -1;
		}
		if (setuid(0) == 0) {
			snprintf(why, whylen, "uid %u can regain root",
			    (unsigned int)ids->uid);
			return -1;
		}
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		snprintf(why, whylen, "no_new_privs: %s", strerror(errno));
		return -1;
	}
	return 0;
}
