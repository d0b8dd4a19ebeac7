/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vis_str(): what a guest may put in a title or a path reaches the
 * terminal escaped; plain text and printable UTF-8 stay as they are.
 */
#define UNIT_NAME "vis"
#include <string.h>

#include "unit.h"
#include "parent/vis.h"

static int
is(const char *in, const char *want)
{
	char out[256];

	vis_str(out, sizeof(out), in);
	if (strcmp(out, want) == 0)
		return 1;
	printf("# vis(\"%s\") gave \"%s\"\n", want, out);
	return 0;
}

/* No byte of the result can start a terminal sequence. */
static int
inert(const char *in)
{
	char out[1024];
	const unsigned char *p;

	vis_str(out, sizeof(out), in);
	for (p = (const unsigned char *)out; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f))
			return 0;
	return 1;
}

int
main(void)
{
	char small[9];

	CHECK("plain ASCII stays", is("Debian GNU/Linux, 6.1.0-13", "Debian GNU/Linux, 6.1.0-13"));
	CHECK("printable UTF-8 stays", is("Ubuntu \xc3\xa9t\xc3\xa9 \xe2\x9c\x93", "Ubuntu \xc3\xa9t\xc3\xa9 \xe2\x9c\x93"));
	CHECK("ESC [ (CSI) is escaped", is("a\x1b[2Jb", "a\\x1b[2Jb"));
	CHECK("OSC and BEL are escaped", is("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"));
	CHECK("CR, LF, TAB, DEL are escaped", is("a\rb\nc\td\x7f", "a\\x0db\\x0ac\\x09d\\x7f"));
	CHECK("the 8-bit CSI byte 0x9b is escaped", is("a\x9b" "2J", "a\\x9b2J"));
	CHECK("U+009B (C1 CSI in UTF-8) is escaped", is("a\xc2\x9b" "2J", "a\\xc2\\x9b2J"));
	CHECK("an overlong form is escaped", is("\xc0\xaf", "\\xc0\\xaf"));
	CHECK("a surrogate is escaped", is("\xed\xa0\x80", "\\xed\\xa0\\x80"));
	CHECK("a truncated sequence is escaped", is("x\xe2\x9c", "x\\xe2\\x9c"));
	CHECK("a bidi override (U+202E) is escaped", is("a\xe2\x80\xae" "b", "a\\xe2\\x80\\xaeb"));
	CHECK("every control byte is made inert",
	    inert("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e"
	    "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
	    "\x1e\x1f\x7f\x80\x85\x8d\x90\x9b\x9c\x9d\x9e\x9f\xc2\x80\xc2"
	    "\x9f\xff"));
	vis_str(small, sizeof(small), "ab\x1b\x1b");
	CHECK("what does not fit is left out whole, not cut mid-escape",
	    strcmp(small, "ab\\x1b") == 0);
	return unit_failed;
}
