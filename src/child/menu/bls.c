/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot Loader Specification entries (loader/entries/NAME.conf), as GRUB's
 * blscfg command adds them: one entry a file, with title, version,
 * linux, initrd (the first) and options, where $kernelopts and other
 * variables come from grubenv; sorted newest first by the file name,
 * compared as RPM compares versions; inserted where grub.cfg ran
 * blscfg, or alone when there is no grub.cfg to say.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bls.h"
#include "menu.h"
#include "text.h"

/* $name in options, from grubenv. */
static void
expand_env(const struct menu *m, const char *in, char *out, size_t len)
{
	char name[64];
	const char *v;
	size_t used = 0, k;

	while (*in != '\0' && used + 1 < len) {
		if (*in != '$') {
			out[used++] = *in++;
			continue;
		}
		in++;
		if (*in == '{')
			in++;
		for (k = 0; (isalnum((unsigned char)*in) || *in == '_') &&
		    k + 1 < sizeof(name); k++)
			name[k] = *in++;
		name[k] = '\0';
		if (*in == '}')
			in++;
		v = menu_env(m, name);
		while (v != NULL && *v != '\0' && used + 1 < len)
			out[used++] = *v++;
	}
	out[used] = '\0';
}

int
bls_parse(const char *text, size_t len, const char *name, struct menu *m,
    char *why, size_t whylen)
{
	struct lines l = { .p = text, .end = text + len };
	struct menu_entry *e;
	char line[MAX_ARGS_LEN], *rest, *kw, *sp;
	size_t n;

	e = menu_new_entry(m, why, whylen);
	if (e == NULL)
		return -1;
	n = strlen(name);
	if (n > 5 && strcmp(name + n - 5, ".conf") == 0)
		n -= 5;
	snprintf(e->id, sizeof(e->id), "%.*s", (int)n, name);
	snprintf(e->title, sizeof(e->title), "%s", e->id);
	while (next_line(&l, line, sizeof(line))) {
		if (line[0] == '#' || line[0] == '\0')
			continue;
		kw = first_word(line, &rest);
		if (strcmp(kw, "title") == 0)
			snprintf(e->title, sizeof(e->title), "%s", rest);
		else if (strcmp(kw, "linux") == 0)
			snprintf(e->kernel, sizeof(e->kernel), "%s", rest);
		else if (strcmp(kw, "initrd") == 0 && e->initrd[0] == '\0') {
			sp = strpbrk(rest, " \t");
			if (sp != NULL)
				*sp = '\0';
			snprintf(e->initrd, sizeof(e->initrd), "%s", rest);
		} else if (strcmp(kw, "options") == 0)
			expand_env(m, rest, e->args, sizeof(e->args));
	}
	return 0;
}

/* RPM's rpmvercmp: alternating digit and letter segments. */
int
bls_vercmp(const char *a, const char *b)
{
	const char *sa, *sb;
	int isnum, rc;
	size_t la, lb;

	while (*a != '\0' || *b != '\0') {
		while (*a != '\0' && !isalnum((unsigned char)*a))
			a++;
		while (*b != '\0' && !isalnum((unsigned char)*b))
			b++;
		if (*a == '\0' || *b == '\0')
			break;
		sa = a;
		sb = b;
		isnum = isdigit((unsigned char)*a);
		if (isnum) {
			while (isdigit((unsigned char)*a))
				a++;
			while (isdigit((unsigned char)*b))
				b++;
		} else {
			while (isalpha((unsigned char)*a))
				a++;
			while (isalpha((unsigned char)*b))
				b++;
		}
		if (sb == b)
			return isnum ? 1 : -1;
		if (isnum) {
			while (*sa == '0' && sa + 1 < a)
				sa++;
			while (*sb == '0' && sb + 1 < b)
				sb++;
			la = (size_t)(a - sa);
			lb = (size_t)(b - sb);
			if (la != lb)
				return la > lb ? 1 : -1;
		}
		la = (size_t)(a - sa);
		lb = (size_t)(b - sb);
		rc = strncmp(sa, sb, la < lb ? la : lb);
		if (rc != 0)
			return rc > 0 ? 1 : -1;
		if (la != lb)
			return la > lb ? 1 : -1;
	}
	if (*a == '\0' && *b == '\0')
		return 0;
	return *a != '\0' ? 1 : -1;
}

static int
newest_first(const void *x, const void *y)
{
	const struct menu_entry *a = x, *b = y;

	return -bls_vercmp(a->id, b->id);
}

/*
 * Moves the k entries at the end of the list to where their top-level
 * places are, so that the list reads in menu order (pygrub's --entry
 * numbering counts in that order).
 */
static void
place(struct menu *m, size_t first, size_t k, int at)
{
	struct menu_entry *tmp;
	size_t ins = 0;

	while (ins < first && m->e[ins].top < at)
		ins++;
	if (ins == first || k == 0)
		return;
	tmp = malloc(k * sizeof(*tmp));
	if (tmp == NULL)
		return;		/* the menu stays right, its order less so */
	memcpy(tmp, m->e + first, k * sizeof(*tmp));
	memmove(m->e + ins + k, m->e + ins, (first - ins) * sizeof(*tmp));
	memcpy(m->e + ins, tmp, k * sizeof(*tmp));
	free(tmp);
}

/*
 * Sorts the BLS entries m->e[first..n) and gives them top-level places
 * where blscfg ran (or after everything), moving later entries down.
 */
void
bls_sort(struct menu *m, size_t first)
{
	size_t i, k = m->n - first;
	int at = m->bls_top >= 0 ? m->bls_top : m->ntop;

	qsort(m->e + first, k, sizeof(*m->e), newest_first);
	for (i = 0; i < first; i++)
		if (m->e[i].top >= at)
			m->e[i].top += (int)k;
	for (i = first; i < m->n; i++) {
		m->e[i].top = at + (int)(i - first);
		m->e[i].sub = -1;
	}
	m->ntop += (int)k;
	place(m, first, k, at);
}
