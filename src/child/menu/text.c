/* SPDX-License-Identifier: GPL-2.0-only */
/* Line and word helpers for menu.lst, extlinux.conf and BLS entries. */
#include <ctype.h>
#include <string.h>

#include "text.h"

/* The next line, cut to len - 1 bytes; 0 at the end of the text. */
int
next_line(struct lines *l, char *out, size_t len)
{
	const char *nl;
	size_t n;

	if (l->p >= l->end)
		return 0;
	nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	if (nl == NULL)
		nl = l->end;
	n = (size_t)(nl - l->p);
	if (n >= len)
		n = len - 1;
	memcpy(out, l->p, n);
	out[n] = '\0';
	l->p = nl + 1;
	trim(out);
	return 1;
}

/* Strips leading and trailing white space in place. */
void
trim(char *s)
{
	size_t n, k = 0;

	while (isspace((unsigned char)s[k]))
		k++;
	memmove(s, s + k, strlen(s + k) + 1);
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

/*
 * Splits "keyword rest": returns the keyword and points *rest at what
 * follows the white space (or an '=') after it.
 */
char *
first_word(char *s, char **rest)
{
	char *p = s;

	while (*p != '\0' && !isspace((unsigned char)*p) && *p != '=')
		p++;
	if (*p != '\0')
		*p++ = '\0';
	while (isspace((unsigned char)*p) || *p == '=')
		p++;
	*rest = p;
	return s;
}

/* Drops a GRUB device prefix: "(hd0,gpt2)/vmlinuz" is "/vmlinuz". */
const char *
device_path(const char *w)
{
	const char *close;

	if (w[0] == '(' && (close = strchr(w, ')')) != NULL)
		return close + 1;
	return w;
}
