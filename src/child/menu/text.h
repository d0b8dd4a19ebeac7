/* SPDX-License-Identifier: GPL-2.0-only */
/* Line and word helpers shared by the line-oriented menu formats. */
#ifndef XENPVBOOT_MENU_TEXT_H
#define XENPVBOOT_MENU_TEXT_H

#include <stddef.h>

struct lines {
	const char	*p, *end;
};

int	next_line(struct lines *l, char *out, size_t len);
char	*first_word(char *s, char **rest);
void	trim(char *s);
const char *device_path(const char *w);

#endif /* XENPVBOOT_MENU_TEXT_H */
