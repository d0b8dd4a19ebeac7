/* SPDX-License-Identifier: GPL-2.0-only */
/* Line and word helpers shared by the line-oriented menu formats. */
#ifndef XENPVBOOT_MENU_TEXT_H
#define XENPVBOOT_MENU_TEXT_H

#include <stddef.h>

struct lines {
	const char	*p, *end;
};

int	next_line(struct lines *, char *, size_t);
char	*first_word(char *, char **);
void	trim(char *);
const char *device_path(const char *);

#endif /* XENPVBOOT_MENU_TEXT_H */
