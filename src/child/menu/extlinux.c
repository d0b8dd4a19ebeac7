/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * extlinux.conf / syslinux / isolinux.cfg: DEFAULT, LABEL, MENU LABEL,
 * MENU DEFAULT, KERNEL or LINUX, APPEND (its initrd= is the ramdisk and
 * is taken out of the arguments), INITRD, TIMEOUT in tenths.  Keywords
 * are case-insensitive; relative paths are relative to the directory of
 * the configuration file, as syslinux reads them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extlinux.h"
#include "menu.h"
#include "text.h"

static void
resolve(char *out, size_t len, const char *dir, const char *path)
{
	if (path[0] == '/' || path[0] == '\0')
		snprintf(out, len, "%s", path);
	else
		snprintf(out, len, "%s%s%s", dir, strcmp(dir, "/") == 0 ? "" :
		    "/", path);
}

/* APPEND: initrd=a[,b] is the ramdisk (the first); the rest the args. */
static void
append_line(struct menu_entry *e, const char *dir, const char *rest)
{
	char copy[MAX_ARGS_LEN], *tok, *save, *comma;
	size_t used = 0;

	snprintf(copy, sizeof(copy), "%s", rest);
	e->args[0] = '\0';
	for (tok = strtok_r(copy, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if (strncmp(tok, "initrd=", 7) == 0) {
			comma = strchr(tok + 7, ',');
			if (comma != NULL)
				*comma = '\0';
			if (e->initrd[0] == '\0')
				resolve(e->initrd, sizeof(e->initrd), dir,
				    tok + 7);
			continue;
		}
		if (used < sizeof(e->args))
			used += (size_t)snprintf(e->args + used,
			    sizeof(e->args) - used, "%s%s",
			    used > 0 ? " " : "", tok);
	}
}

static int
menu_keyword(struct menu *m, struct menu_entry *e, char *rest)
{
	char *arg, *kw = first_word(rest, &arg);

	if (strcasecmp(kw, "label") == 0 && e != NULL)
		snprintf(e->title, sizeof(e->title), "%s", arg);
	else if (strcasecmp(kw, "default") == 0 && e != NULL)
		snprintf(m->deflt, sizeof(m->deflt), "%s", e->id);
	return 0;
}

int
extlinux_parse(const char *text, size_t len, const char *dir,
    struct menu *m, char *why, size_t whylen)
{
	struct lines l = { .p = text, .end = text + len };
	struct menu_entry *e = NULL;
	char line[MAX_ARGS_LEN], deflt[MENU_TITLE_MAX] = "", *rest, *kw;
	bool menu_default = false;

	while (next_line(&l, line, sizeof(line))) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		kw = first_word(line, &rest);
		if (strcasecmp(kw, "label") == 0) {
			e = menu_new_entry(m, why, whylen);
			if (e == NULL)
				return -1;
			e->top = m->ntop++;
			snprintf(e->id, sizeof(e->id), "%s", rest);
			snprintf(e->title, sizeof(e->title), "%s", rest);
		} else if (strcasecmp(kw, "default") == 0 && e == NULL)
			snprintf(deflt, sizeof(deflt), "%s", rest);
		else if (strcasecmp(kw, "timeout") == 0 && e == NULL)
			m->timeout = atoi(rest) / 10;
		else if (strcasecmp(kw, "menu") == 0) {
			if (strncasecmp(rest, "default", 7) == 0 && e != NULL)
				menu_default = true;
			menu_keyword(m, e, rest);
		} else if (e != NULL && (strcasecmp(kw, "kernel") == 0 ||
		    strcasecmp(kw, "linux") == 0))
			resolve(e->kernel, sizeof(e->kernel), dir, rest);
		else if (e != NULL && strcasecmp(kw, "append") == 0)
			append_line(e, dir, rest);
		else if (e != NULL && strcasecmp(kw, "initrd") == 0)
			resolve(e->initrd, sizeof(e->initrd), dir, rest);
	}
	/*
	 * DEFAULT names a label, or a menu module such as menu.c32 that
	 * matches none: then the first entry, as menu_choose() falls back.
	 */
	if (!menu_default && deflt[0] != '\0')
		snprintf(m->deflt, sizeof(m->deflt), "%s", deflt);
	return 0;
}
