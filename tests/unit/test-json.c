/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * json.c: what a guest writes reaches -l --json as valid, plain JSON:
 * controls and bidi overrides escaped, bytes that are not UTF-8
 * replaced, valid UTF-8 kept; commas and nesting right; a document
 * bounded.
 */
#define UNIT_NAME "json"
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "parent/json.h"

/* s as a JSON string, without the quotes. */
static int
is(const char *s, const char *want)
{
	struct json j;
	int ok;

	json_init(&j, 0);
	json_str(&j, s);
	ok = j.len == strlen(want) + 2 && strncmp(j.buf + 1, want,
	    strlen(want)) == 0;
	if (!ok)
		printf("# json(\"%s\") gave %s\n", want, j.buf);
	json_free(&j);
	return ok;
}

int
main(void)
{
	struct json j, items;
	char *big;

	CHECK("plain text", is("/boot/vmlinuz-6.1", "/boot/vmlinuz-6.1"));
	CHECK("quote and backslash", is("a\"b\\c", "a\\\"b\\\\c"));
	CHECK("newline, tab, return", is("a\nb\tc\rd", "a\\nb\\tc\\rd"));
	CHECK("ESC, BEL, \\001 as \\u00XX",
	    is("\033]0;x\007\001", "\\u001b]0;x\\u0007\\u0001"));
	CHECK("DEL", is("a\177", "a\\u007f"));
	CHECK("valid UTF-8 kept", is("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xa7"));
	CHECK("C1 control (U+009B, CSI) escaped", is("\xc2\x9b" "2J",
	    "\\u009b2J"));
	CHECK("bidi override escaped", is("\xe2\x80\xae" "exe",
	    "\\u202eexe"));
	CHECK("a lone 0xff is U+FFFD", is("a\xff" "b", "a\\ufffdb"));
	CHECK("a cut sequence is U+FFFD, the rest kept",
	    is("\xe2\x82" "x", "\\ufffd\\ufffdx"));
	CHECK("an overlong '/' is not '/'", is("\xc0\xaf", "\\ufffd\\ufffd"));
	CHECK("a surrogate is not UTF-8", is("\xed\xa0\x80",
	    "\\ufffd\\ufffd\\ufffd"));

	json_init(&j, 0);
	json_open(&j, '{');
	json_key(&j, "a");
	json_uint(&j, 18446744073709551615u);
	json_key(&j, "b");
	json_open(&j, '[');
	json_bool(&j, true);
	json_null(&j);
	json_close(&j, ']');
	json_key(&j, "c");
	json_str_or_null(&j, "");
	json_close(&j, '}');
	CHECK("an object: commas, nesting, indentation", strcmp(j.buf,
	    "{\n  \"a\": 18446744073709551615,\n  \"b\": [\n    true,\n"
	    "    null\n  ],\n  \"c\": null\n}") == 0);
	json_free(&j);

	json_init(&items, 2);
	json_uint(&items, 1);
	json_uint(&items, 2);
	json_init(&j, 0);
	json_open(&j, '{');
	json_key(&j, "x");
	json_open(&j, '[');
	json_splice(&j, &items);
	json_close(&j, ']');
	json_key(&j, "y");
	json_open(&j, '[');
	json_close(&j, ']');
	json_close(&j, '}');
	CHECK("items made apart, spliced; an empty array", strcmp(j.buf,
	    "{\n  \"x\": [\n    1,\n    2\n  ],\n  \"y\": []\n}") == 0);
	json_free(&j);
	json_free(&items);

	big = malloc(1 << 20);
	if (big != NULL) {
		memset(big, '\033', (1 << 20) - 1);
		big[(1 << 20) - 1] = '\0';
		json_init(&j, 0);
		json_open(&j, '[');
		while (!j.full)
			json_str(&j, big);
		CHECK("a document stops growing at JSON_MAX", j.len <=
		    JSON_MAX);
		json_free(&j);
		free(big);
	}
	return unit_failed;
}
