/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GRUB legacy's menu.lst / grub.conf: default (a number, or "saved"),
 * timeout, title, root, kernel, initrd; hiddenmenu, fallback and
 * savedefault are read and have nothing to do here.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "legacy.h"
#include "menu.h"
#include "text.h"

static void
kernel_line(struct menu_entry *e, char *rest)
{
	char *args;
	char *path = first_word(rest, &args);

	snprintf(e->kernel, sizeof(e->kernel), "%s", device_path(path));
	snprintf(e->args, sizeof(e->args), "%s", args);
}

int
legacy_parse(const char *text, size_t len, struct menu *m, char *why,
    size_t whylen)
{
	struct lines l = { .p = text, .end = text + len };
	struct menu_entry *e = NULL;
	char line[MAX_ARGS_LEN], *rest, *kw, *sp;

	while (next_line(&l, line, sizeof(line))) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		kw = first_word(line, &rest);
		if (strcasecmp(kw, "title") == 0) {
			e = menu_new_entry(m, why, whylen);
			if (e == NULL)
				return -1;
			e->top = m->ntop++;
			snprintf(e->title, sizeof(e->title), "%s", rest);
		} else if (strcasecmp(kw, "default") == 0 && e == NULL) {
			sp = strpbrk(rest, " \t");
			if (sp != NULL)
				*sp = '\0';
			snprintf(m->deflt, sizeof(m->deflt), "%s",
			    strcmp(rest, "saved") == 0 &&
			    menu_env(m, "saved_entry") != NULL ?
			    menu_env(m, "saved_entry") : rest);
		} else if (strcasecmp(kw, "timeout") == 0 && e == NULL)
			sscanf(rest, "%d", &m->timeout);
		else if (e != NULL && strcasecmp(kw, "kernel") == 0)
			kernel_line(e, rest);
		else if (e != NULL && strcasecmp(kw, "initrd") == 0 &&
		    e->initrd[0] == '\0') {
			sp = strpbrk(rest, " \t");
			if (sp != NULL)
				*sp = '\0';
			snprintf(e->initrd, sizeof(e->initrd), "%s",
			    device_path(rest));
		}
	}
	return 0;
}
