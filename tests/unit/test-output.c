/* SPDX-License-Identifier: GPL-2.0-only */
/* output_format(): pygrub's three formats, its refusals, and bounds. */
#define UNIT_NAME "output"
#include <string.h>

#include "parent/output.h"
#include "unit.h"

static char buf[8192];
static size_t len;
static char why[256];

static int
fmt(enum output_format f, const char *k, const char *r, const char *a)
{
	struct answer ans = { .kernel = k, .ramdisk = r, .args = a };

	memset(buf, 'X', sizeof(buf));
	return output_format(f, &ans, buf, sizeof(buf), &len, why,
	    sizeof(why));
}

static int
is(const char *want, size_t wantlen)
{
	return len == wantlen && memcmp(buf, want, wantlen) == 0;
}

#define IS(s) is((s), sizeof(s) - 1)

int
main(void)
{
	struct answer ans = { .kernel = "/k", .args = "a" };
	char small[8];

	CHECK("simple0 kernel only", fmt(FORMAT_SIMPLE0, "/d/k", NULL, "") == 0 &&
	    IS("kernel /d/k\0\0"));
	CHECK("simple0 all records", fmt(FORMAT_SIMPLE0, "/d/k", "/d/r",
	    "ro x=1") == 0 && IS("kernel /d/k\0ramdisk /d/r\0args ro x=1\0\0"));
	CHECK("simple all records", fmt(FORMAT_SIMPLE, "/d/k", "/d/r",
	    "ro") == 0 && IS("kernel /d/k\nramdisk /d/r\nargs ro\n\n"));
	CHECK("simple empty ramdisk has no record", fmt(FORMAT_SIMPLE,
	    "/d/k", "", "ro") == 0 && IS("kernel /d/k\nargs ro\n\n"));
	CHECK("simple refuses newline in args", fmt(FORMAT_SIMPLE, "/d/k",
	    NULL, "a\nb") == -1 && strstr(why, "newline") != NULL);
	CHECK("simple refuses newline in kernel", fmt(FORMAT_SIMPLE,
	    "/d/\nk", NULL, NULL) == -1);
	CHECK("simple0 keeps a newline", fmt(FORMAT_SIMPLE0, "/d/k", NULL,
	    "a\nb") == 0 && IS("kernel /d/k\0args a\nb\0\0"));
	CHECK("sxp kernel only", fmt(FORMAT_SXP, "/d/k", NULL, NULL) == 0 &&
	    IS("linux (kernel '/d/k')"));
	CHECK("sxp all", fmt(FORMAT_SXP, "/d/k", "/d/r", "ro") == 0 &&
	    IS("linux (kernel '/d/k')(ramdisk '/d/r')(args 'ro')"));
	CHECK("sxp single quote switches to double", fmt(FORMAT_SXP, "/k",
	    NULL, "it's") == 0 && IS("linux (kernel '/k')(args \"it's\")"));
	CHECK("sxp both quotes escape the single", fmt(FORMAT_SXP, "/k",
	    NULL, "'\"") == 0 && IS("linux (kernel '/k')(args '\\'\"')"));
	CHECK("sxp escapes controls", fmt(FORMAT_SXP, "/k", NULL,
	    "\t\n\r\x01\x7f\\") == 0 &&
	    IS("linux (kernel '/k')(args '\\t\\n\\r\\x01\\x7f\\\\')"));
	CHECK("answer too long for the buffer", output_format(FORMAT_SXP,
	    &ans, small, sizeof(small), &len, why, sizeof(why)) == -1);
	return unit_failed;
}
