/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cross-checks our verdict on each ELF named on the command line against
 * libxenguest's own parser, for PV and PVH, with the capabilities given:
 *   xgcross CAPS [--stricter] FILE...
 * Each file and domain type prints "ok" when both accept with the same
 * guest type or both refuse, and "FAIL" otherwise.  --stricter marks
 * the files that we refuse on purpose where libxenguest does not (its
 * refusal comes later, or never, on malformed input).
 *   xgcross --oracle CAPS pv|pvh FILE
 * prints libxenguest's verdict alone: "accept GUEST-TYPE" or "refuse";
 *   xgcross --peek CAPS pv|pvh FILE
 * ours from a compressed kernel's notes (kpeek.c): GUEST-TYPE, "refuse"
 * or "cannot" (make bench weighs the two).
 *   xgcross --kernels CAPS FILE...
 * checks a boot menu's kernels: whatever libxenguest accepts, kformat.c
 * must let through to it ("FAIL" otherwise); what kformat.c lets through
 * and libxenguest refuses is fine (a kernel without Xen support: only
 * the builder can tell, on a dom0).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "child/elfnote.h"
#include "child/kformat.h"
#include "child/kpeek.h"
#include "slurp.h"
#include "child/xgcheck.h"

static int
ours(const unsigned char *buf, size_t len, enum domain_type dt,
    const char *caps, char *type, size_t typelen, char *why, size_t whylen)
{
	struct xen_elf x;
	struct elf_verdict v;

	if (elfnote_parse(buf, len, &x, why, whylen) != 0 ||
	    elfnote_check(&x, ARCH_AUTO, dt, caps, &v, why, whylen) != 0)
		return -1;
	snprintf(type, typelen, "%s", v.guest_type);
	return 0;
}

static int
compare(const char *path, const unsigned char *buf, size_t len,
    enum domain_type dt, const char *caps, int stricter)
{
	char t1[32] = "", t2[32] = "", w1[256] = "", w2[256] = "";
	const char *dts = dt == DOMAIN_PVH ? "pvh" : "pv";
	int a, b;

	a = ours(buf, len, dt, caps, t1, sizeof(t1), w1, sizeof(w1));
	b = xgcheck(buf, len, dt, caps, t2, sizeof(t2), w2, sizeof(w2));
	if (a == 0 && b == 0 && strcmp(t1, t2) == 0)
		printf("ok unit/xgcross: %s %s: both accept as %s\n", path,
		    dts, t1);
	else if (a != 0 && b != 0)
		printf("ok unit/xgcross: %s %s: both refuse (ours: %s; %s)\n",
		    path, dts, w1, w2);
	else if (a != 0 && b == 0 && stricter)
		printf("ok unit/xgcross: %s %s: we refuse on purpose (%s)\n",
		    path, dts, w1);
	else {
		printf("FAIL unit/xgcross: %s %s: ours %s (%s%s), "
		    "libxenguest %s (%s%s)\n", path, dts,
		    a == 0 ? "accepts" : "refuses", a == 0 ? t1 : w1, "",
		    b == 0 ? "accepts" : "refuses", b == 0 ? t2 : w2, "");
		return 1;
	}
	return 0;
}

static int
oracle(const char *caps, const char *type, const char *path)
{
	char t[32], why[256];
	unsigned char *buf;
	size_t len;

	buf = slurp(path, &len);
	if (buf == NULL)
		return 2;
	if (xgcheck(buf, len, strcmp(type, "pvh") == 0 ? DOMAIN_PVH :
	    DOMAIN_PV, caps, t, sizeof(t), why, sizeof(why)) == 0)
		printf("accept %s\n", t);
	else
		printf("refuse\n");
	free(buf);
	return 0;
}

static void peek(const unsigned char *buf, size_t len, enum kernel_format f,
    enum domain_type dt, const char *caps, char *type, size_t typelen,
    bool *bad, char *line, size_t linelen);

/* --peek: our peek's verdict alone, as --oracle gives libxenguest's. */
static int
peek_only(const char *caps, const char *type, const char *path)
{
	char t[32], line[512], fwhy[256];
	unsigned char *buf;
	size_t len;
	bool bad;

	buf = slurp(path, &len);
	if (buf == NULL)
		return 2;
	peek(buf, len, kformat_detect(buf, len, fwhy, sizeof(fwhy)),
	    strcmp(type, "pvh") == 0 ? DOMAIN_PVH : DOMAIN_PV, caps, t,
	    sizeof(t), &bad, line, sizeof(line));
	printf("%s\n", line[0] == '\0' ? "cannot" : bad ? "refuse" : t);
	free(buf);
	return 0;
}

/*
 * Our reading of a compressed kernel's notes, decompressed up to them
 * (kpeek.c, with libxenguest's own decompressors): "" when it cannot be
 * read that way, else a line to print; *bad when it refuses.
 */
static void
peek(const unsigned char *buf, size_t len, enum kernel_format f,
    enum domain_type dt, const char *caps, char *type, size_t typelen,
    bool *bad, char *line, size_t linelen)
{
	const struct xen_codecs *c = xgcheck_codecs();
	struct kpeek_result r;
	char why[256];
	enum kpeek k;

	*bad = false;
	line[0] = type[0] = '\0';
	if (c == NULL || (f != KERNEL_BZIMAGE && f != KERNEL_GZIP))
		return;
	k = kpeek(c, buf, len, f, 1ULL << 30, &r, why, sizeof(why));
	if (k == KPEEK_CANNOT)
		return;
	if (k == KPEEK_OK && ours(r.image, (size_t)r.size, dt, caps, type,
	    typelen, why, sizeof(why)) == 0)
		snprintf(line, linelen, "our peek (%s, %llu of %llu bytes) "
		    "accepts it as %s", r.codec, (unsigned long long)r.read,
		    (unsigned long long)r.size, type);
	else {
		*bad = true;
		snprintf(line, linelen, "our peek refuses it (%s)", why);
	}
	free(r.image);
}

static int
kernel(const char *path, enum domain_type dt, const char *caps)
{
	char t[32], why[256], fwhy[256] = "", pt[32], pline[512];
	bool pbad;
	const char *dts = dt == DOMAIN_PVH ? "pvh" : "pv";
	enum kernel_format f;
	unsigned char *buf;
	size_t len;
	int xg;

	if ((buf = slurp(path, &len)) == NULL) {
		printf("FAIL unit/xgcross: %s: %s\n", path, strerror(errno));
		return 1;
	}
	f = kformat_detect(buf, len, fwhy, sizeof(fwhy));
	xg = xgcheck(buf, len, dt, caps, t, sizeof(t), why, sizeof(why));
	peek(buf, len, f, dt, caps, pt, sizeof(pt), &pbad, pline,
	    sizeof(pline));
	free(buf);
	/* What a boot accepts from its peek, the builder must accept. */
	if (pline[0] != '\0' && (xg == 0 ? pbad || strcmp(pt, t) != 0 :
	    !pbad)) {
		printf("FAIL unit/xgcross: %s %s: libxenguest %s (%s), %s\n",
		    path, dts, xg == 0 ? "accepts it" : "refuses it",
		    xg == 0 ? t : why, pline);
		return 1;
	}
	if (pline[0] != '\0')
		printf("ok unit/xgcross: %s %s: %s, as libxenguest does\n",
		    path, dts, pline);
	if (xg == 0 && f == KERNEL_UNKNOWN) {
		printf("FAIL unit/xgcross: %s %s: libxenguest accepts it as "
		    "%s, we refuse it (%s)\n", path, dts, t, fwhy);
		return 1;
	}
	if (xg == 0)
		printf("ok unit/xgcross: %s %s: a %s kernel, both accept (%s)\n",
		    path, dts, kformat_name(f), t);
	else if (f == KERNEL_UNKNOWN)
		printf("ok unit/xgcross: %s %s: both refuse (%s)\n", path,
		    dts, fwhy);
	else
		printf("ok unit/xgcross: %s %s: a %s kernel, left to the "
		    "builder, which refuses it\n", path, dts, kformat_name(f));
	return 0;
}

static int
kernels(const char *caps, int n, char **paths)
{
	int i, failed = 0;

	for (i = 0; i < n; i++) {
		failed |= kernel(paths[i], DOMAIN_PV, caps);
		failed |= kernel(paths[i], DOMAIN_PVH, caps);
	}
	return failed;
}

int
main(int argc, char **argv)
{
	unsigned char *buf;
	const char *caps;
	int i, stricter = 0, failed = 0;
	size_t len;

	if (argc < 2) {
		fprintf(stderr, "usage: xgcross CAPS [--stricter] FILE...\n");
		return 2;
	}
	if (strcmp(argv[1], "--oracle") == 0 && argc == 5)
		return oracle(argv[2], argv[3], argv[4]);
	if (strcmp(argv[1], "--peek") == 0 && argc == 5)
		return peek_only(argv[2], argv[3], argv[4]);
	if (strcmp(argv[1], "--kernels") == 0 && argc >= 3)
		return kernels(argv[2], argc - 3, argv + 3);
	caps = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--stricter") == 0) {
			stricter = 1;
			continue;
		}
		buf = slurp(argv[i], &len);
		if (buf == NULL) {
			printf("FAIL unit/xgcross: %s: %s\n", argv[i],
			    strerror(errno));
			failed = 1;
			continue;
		}
		failed |= compare(argv[i], buf, len, DOMAIN_PV, caps, stricter);
		failed |= compare(argv[i], buf, len, DOMAIN_PVH, caps,
		    stricter);
		free(buf);
	}
	return failed;
}
