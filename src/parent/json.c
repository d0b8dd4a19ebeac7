/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * JSON as RFC 8259 has it, indented as util-linux's -J output is, for
 * -l --json.  Guest strings (paths, titles, reasons) are escaped as
 * JSON requires and then some: C0 controls and DEL as \u00XX (\n, \t,
 * \r as such), and the C1 controls and bidirectional overrides that
 * vis.c keeps off a terminal as \uXXXX, so that the document is plain
 * text whatever the guest wrote; a byte that is not valid UTF-8 becomes
 * U+FFFD, as JSON must be UTF-8.  A document that would grow past
 * JSON_MAX stops growing and says so (full): a hostile disk's listing
 * is bounded like everything else.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "vis.h"

void
json_init(struct json *j, int depth)
{
	memset(j, 0, sizeof(*j));
	j->depth = j->base = depth;
}

void
json_free(struct json *j)
{
	free(j->buf);
	json_init(j, j->base);
}

static void
put(struct json *j, const char *s, size_t n)
{
	size_t cap;
	char *p;

	if (j->full)
		return;
	if (j->len + n > JSON_MAX) {
		j->full = true;
		return;
	}
	if (j->len + n + 1 > j->cap) {
		cap = j->cap == 0 ? 4096 : j->cap;
		while (cap < j->len + n + 1)
			cap *= 2;
		p = realloc(j->buf, cap);
		if (p == NULL) {
			j->full = true;
			return;
		}
		j->buf = p;
		j->cap = cap;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
	j->buf[j->len] = '\0';
}

static void
puts_(struct json *j, const char *s)
{
	put(j, s, strlen(s));
}

static void
newline(struct json *j)
{
	static const char spaces[] = "                ";
	int d = j->depth < JSON_DEPTH ? j->depth : JSON_DEPTH;

	put(j, "\n", 1);
	put(j, spaces, (size_t)d * 2);
}

/* Before a value or a key: the comma and the line it starts. */
static void
item(struct json *j)
{
	int d = j->depth < JSON_DEPTH ? j->depth : JSON_DEPTH - 1;

	if (j->keyed) {
		j->keyed = false;
		return;
	}
	if (j->more[d])
		put(j, ",", 1);
	if (j->depth > 0 || j->more[d])
		newline(j);
	j->more[d] = true;
}

void
json_open(struct json *j, char bracket)
{
	item(j);
	put(j, &bracket, 1);
	if (j->depth + 1 < JSON_DEPTH) {
		j->depth++;
		j->more[j->depth] = false;
	}
}

void
json_close(struct json *j, char bracket)
{
	bool any = j->more[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (any)
		newline(j);
	put(j, &bracket, 1);
}

/* The escape for code point c, or 0 when it stands as it is. */
static int
escape(uint32_t c, char *out, size_t len)
{
	switch (c) {
	case '"':	return snprintf(out, len, "\\\"");
	case '\\':	return snprintf(out, len, "\\\\");
	case '\n':	return snprintf(out, len, "\\n");
	case '\t':	return snprintf(out, len, "\\t");
	case '\r':	return snprintf(out, len, "\\r");
	}
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && !vis_printable(c)))
		return snprintf(out, len, "\\u%04" PRIx32, c);
	return 0;
}

void
json_str(struct json *j, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[8];
	uint32_t cp;
	size_t n;
	int e;

	item(j);
	put(j, "\"", 1);
	while (*p != '\0') {
		cp = *p;
		n = *p >= 0x80 ? vis_utf8_seq(p, &cp) : 1;
		if (n == 0) {
			puts_(j, "\\ufffd");	/* not UTF-8 */
			p++;
			continue;
		}
		e = escape(cp, esc, sizeof(esc));
		if (e > 0)
			put(j, esc, (size_t)e);
		else
			put(j, (const char *)p, n);
		p += n;
	}
	put(j, "\"", 1);
}

/* A string, or null for "" (an absent path, no LV). */
void
json_str_or_null(struct json *j, const char *s)
{
	if (s == NULL || s[0] == '\0')
		json_null(j);
	else
		json_str(j, s);
}

void
json_key(struct json *j, const char *key)
{
	json_str(j, key);
	put(j, ": ", 2);
	j->keyed = true;
}

void
json_uint(struct json *j, uint64_t v)
{
	char n[24];

	item(j);
	put(j, n, (size_t)snprintf(n, sizeof(n), "%" PRIu64, v));
}

void
json_bool(struct json *j, bool b)
{
	item(j);
	puts_(j, b ? "true" : "false");
}

void
json_null(struct json *j)
{
	item(j);
	puts_(j, "null");
}

/*
 * The items of another writer, made at this one's depth, as this
 * array's: the parts of one disk's object arrive interleaved.
 */
void
json_splice(struct json *j, const struct json *items)
{
	int d = j->depth < JSON_DEPTH ? j->depth : JSON_DEPTH - 1;

	if (items->full)
		j->full = true;
	if (items->len == 0)
		return;
	if (j->more[d])
		put(j, ",", 1);
	put(j, items->buf, items->len);
	j->more[d] = true;
}

void
json_kstr(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void
json_kstr_or_null(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str_or_null(j, s);
}

void
json_kuint(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_uint(j, v);
}

void
json_kbool(struct json *j, const char *key, bool b)
{
	json_key(j, key);
	json_bool(j, b);
}
