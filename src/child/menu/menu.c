/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What every boot-menu format shares: the entry list, the grubenv block,
 * and choosing an entry the way GRUB does (a number counts top-level
 * items, "a>b" walks into a submenu, otherwise a title or an id; what
 * matches nothing falls back to the first entry).  --entry also takes
 * pygrub's flat index over all entries.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "menu.h"

void
menu_init(struct menu *m)
{
	memset(m, 0, sizeof(*m));
	m->timeout = -1;
	m->bls_top = -1;
}

void
menu_free(struct menu *m)
{
	free(m->e);
	m->e = NULL;
	m->n = 0;
}

/* A new, zeroed entry at the end, or NULL with why set. */
struct menu_entry *
menu_new_entry(struct menu *m, char *why, size_t whylen)
{
	struct menu_entry *e;

	if (m->n >= MENU_MAX_ENTRIES) {
		snprintf(why, whylen, "more than %d menu entries",
		    MENU_MAX_ENTRIES);
		return NULL;
	}
	if (m->e == NULL) {
		m->e = calloc(MENU_MAX_ENTRIES, sizeof(*m->e));
		if (m->e == NULL) {
			snprintf(why, whylen, "out of memory");
			return NULL;
		}
	}
	e = &m->e[m->n++];
	memset(e, 0, sizeof(*e));
	e->sub = -1;
	return e;
}

const char *
menu_env(const struct menu *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nenv; i++)
		if (strcmp(m->env[i].name, name) == 0)
			return m->env[i].value;
	return NULL;
}

/*
 * GRUB's environment block: "# GRUB Environment Block", then
 * "name=value" lines, padded with '#' to 1024 bytes.
 */
int
menu_load_env(struct menu *m, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl, *eq;
	struct menu_var *v;
	size_t n;

	while (p < end && m->nenv < MENU_MAX_VARS) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		eq = memchr(p, '=', (size_t)(nl - p));
		if (*p != '#' && eq != NULL && eq > p &&
		    (size_t)(eq - p) < sizeof(v->name)) {
			v = &m->env[m->nenv++];
			memcpy(v->name, p, (size_t)(eq - p));
			v->name[eq - p] = '\0';
			n = (size_t)(nl - eq - 1);
			if (n >= sizeof(v->value))
				n = sizeof(v->value) - 1;
			memcpy(v->value, eq + 1, n);
			v->value[n] = '\0';
		}
		p = nl + 1;
	}
	return 0;
}

static bool
number(const char *s, long *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	*v = strtol(s, &end, 10);
	return *end == '\0';
}

/* The first entry of top-level item top, or -1. */
static int
first_of(const struct menu *m, long top)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->e[i].top == top)
			return (int)i;
	return -1;
}

/* A top-level item by number, title or id (a submenu's, or an entry's). */
static long
top_item(const struct menu *m, const char *s)
{
	const struct menu_entry *e;
	long v;
	size_t i;

	if (number(s, &v))
		return v < m->ntop ? v : -1;
	for (i = 0; i < m->n; i++) {
		e = &m->e[i];
		if (e->sub < 0 && (strcmp(e->title, s) == 0 ||
		    strcmp(e->id, s) == 0))
			return e->top;
		if (e->sub >= 0 && (strcmp(e->parent, s) == 0 ||
		    (e->parent_id[0] != '\0' && strcmp(e->parent_id, s) == 0)))
			return e->top;
	}
	return -1;
}

/* "submenu>entry": the second part by number, title or id. */
static int
in_submenu(const struct menu *m, long top, const char *s)
{
	const struct menu_entry *e;
	long v;
	size_t i;
	bool num = number(s, &v);

	for (i = 0; i < m->n; i++) {
		e = &m->e[i];
		if (e->top != top)
			continue;
		if ((num && e->sub == v) || (!num && (strcmp(e->title, s) ==
		    0 || strcmp(e->id, s) == 0)))
			return (int)i;
	}
	return -1;
}

static int
by_spec(const struct menu *m, const char *spec)
{
	char head[MENU_VALUE_MAX];
	const char *gt;
	long top;

	gt = strchr(spec, '>');
	snprintf(head, sizeof(head), "%.*s", gt != NULL ? (int)(gt - spec) :
	    (int)strlen(spec), spec);
	top = top_item(m, head);
	if (top < 0)
		return -1;
	if (gt == NULL)
		return first_of(m, top);
	return in_submenu(m, top, gt + 1);
}

/*
 * The entry to boot: spec is --entry (pygrub: a flat index over every
 * entry, or a title) or, when NULL, the menu's default.  Returns its
 * index, or -1 with why set when --entry names nothing.
 */
int
menu_choose(const struct menu *m, const char *spec, bool user, char *why,
    size_t whylen)
{
	long v;
	int i;
	size_t k;

	if (m->n == 0) {
		snprintf(why, whylen, "the menu has no entries");
		return -1;
	}
	if (!user) {
		i = m->deflt[0] != '\0' ? by_spec(m, m->deflt) : 0;
		return i >= 0 ? i : 0;
	}
	if (number(spec, &v)) {
		if (v >= 0 && (size_t)v < m->n)
			return (int)v;
		snprintf(why, whylen, "--entry=%s: the menu has %zu entries",
		    spec, m->n);
		return -1;
	}
	i = by_spec(m, spec);
	for (k = 0; i < 0 && k < m->n; k++)
		if (strcmp(m->e[k].title, spec) == 0)
			i = (int)k;
	if (i < 0)
		snprintf(why, whylen, "--entry=%s: no such entry (-l lists "
		    "them)", spec);
	return i;
}
