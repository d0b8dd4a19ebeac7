/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * grub.cfg, read by a small GRUB script interpreter: words with GRUB's
 * quoting and $variable expansion, set and plain assignments, load_env,
 * if/elif/else with the tests grub-mkconfig writes, functions (skipped),
 * menuentry and submenu blocks, and in an entry its linux and initrd
 * lines.  GRUB's device model too: $root, "(hd0,gpt2)/path" prefixes,
 * search (by UUID, label or file, through the host), configfile, source
 * and loopback.  Everything else is a command we do not run, which is
 * what GRUB would do for us: nothing on a PV guest's path needs it.
 * GRUB's own platform variables stay unset, as under pygrub.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grub2.h"
#include "menu.h"
#include "text.h"

#define MAX_WORDS	64
#define MAX_DEPTH	32

enum tok { T_EOF, T_SEP, T_OPEN, T_CLOSE, T_WORD };
enum stop { S_EOF = 1, S_CLOSE = 2, S_FI = 4, S_ELSE = 8, S_ELIF = 16 };

struct grub {
	const char		*p, *end;
	struct menu		*m;
	struct menu_var		 vars[MENU_MAX_VARS];
	size_t			 nvars;
	char			 w[MAX_WORDS][MENU_VALUE_MAX];
	int			 nw;
	int			 depth;
	struct menu_entry	*cur;		/* the entry being read */
	int			 sub_top;	/* -1: not in a submenu */
	int			 sub_count;
	char			 sub_title[MENU_TITLE_MAX];
	char			 sub_id[MENU_TITLE_MAX];
	struct menu_var		 outer[MENU_MAX_VARS];	/* before an entry */
	size_t			 nouter;
	const struct menu_host	*host;		/* NULL: no device model */
	int			 nest;		/* configfile and source */
	int			*configs;	/* files read, all levels */
	bool			 replaced;	/* configfile took the menu */
	char			*why;
	size_t			 whylen;
};

#define FAIL(g, ...) (snprintf((g)->why, (g)->whylen, __VA_ARGS__), -1)

static const char *
get(const struct grub *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nvars; i++)
		if (strcmp(g->vars[i].name, name) == 0)
			return g->vars[i].value;
	return "";
}

static void
put(struct grub *g, const char *name, const char *value)
{
	struct menu_var *v = NULL;
	size_t i;

	for (i = 0; i < g->nvars && v == NULL; i++)
		if (strcmp(g->vars[i].name, name) == 0)
			v = &g->vars[i];
	if (v == NULL) {
		if (g->nvars == MENU_MAX_VARS || strlen(name) >= sizeof(v->name))
			return;
		v = &g->vars[g->nvars++];
		snprintf(v->name, sizeof(v->name), "%s", name);
	}
	/* GRUB's hook on root takes "(hd0,gpt2)" as "hd0,gpt2". */
	if (strcmp(name, "root") == 0 && value[0] == '(' &&
	    value[strlen(value) - 1] == ')')
		snprintf(v->value, sizeof(v->value), "%.*s",
		    (int)strlen(value) - 2, value + 1);
	else
		snprintf(v->value, sizeof(v->value), "%s", value);
}

static void
export(struct grub *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nvars; i++)
		if (strcmp(g->vars[i].name, name) == 0)
			g->vars[i].exported = true;
}

/* Appends c to a word, silently cut at MENU_VALUE_MAX. */
static void
add(char *out, size_t *n, char c)
{
	if (*n + 1 < MENU_VALUE_MAX)
		out[(*n)++] = c;
}

/* $name or ${name} at g->p (just past the '$'). */
static void
expand(struct grub *g, char *out, size_t *n)
{
	char name[64];
	size_t k = 0;
	bool brace = g->p < g->end && *g->p == '{';
	const char *v;

	if (brace)
		g->p++;
	while (g->p < g->end && (isalnum((unsigned char)*g->p) ||
	    *g->p == '_') && k + 1 < sizeof(name))
		name[k++] = *g->p++;
	name[k] = '\0';
	if (brace) {
		while (g->p < g->end && *g->p != '}')
			g->p++;
		if (g->p < g->end)
			g->p++;
	}
	if (k == 0 && !brace) {
		add(out, n, '$');
		return;
	}
	for (v = get(g, name); *v != '\0'; v++)
		add(out, n, *v);
}

static void
quoted(struct grub *g, char *out, size_t *n, char q)
{
	while (g->p < g->end && *g->p != q) {
		if (q == '"' && *g->p == '$') {
			g->p++;
			expand(g, out, n);
			continue;
		}
		if (q == '"' && *g->p == '\\' && g->p + 1 < g->end &&
		    strchr("\"\\$", g->p[1]) != NULL)
			g->p++;
		add(out, n, *g->p++);
	}
	if (g->p < g->end)
		g->p++;
}

static bool
delimiter(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';';
}

/* The next token; a word goes to out. */
static enum tok
token(struct grub *g, char *out)
{
	size_t n = 0;
	bool bare = true;

	for (;;) {
		while (g->p < g->end && (*g->p == ' ' || *g->p == '\t' ||
		    *g->p == '\r'))
			g->p++;
		if (g->p + 1 < g->end && g->p[0] == '\\' && g->p[1] == '\n') {
			g->p += 2;
			continue;
		}
		if (g->p < g->end && *g->p == '#') {
			while (g->p < g->end && *g->p != '\n')
				g->p++;
			continue;
		}
		break;
	}
	if (g->p >= g->end)
		return T_EOF;
	if (*g->p == '\n' || *g->p == ';') {
		g->p++;
		return T_SEP;
	}
	while (g->p < g->end && !delimiter(*g->p)) {
		if (*g->p == '\'' || *g->p == '"') {
			bare = false;
			quoted(g, out, &n, *g->p++);
		} else if (*g->p == '$') {
			g->p++;
			expand(g, out, &n);
		} else if (*g->p == '\\' && g->p + 1 < g->end) {
			bare = false;
			g->p++;
			add(out, &n, *g->p++);
		} else
			add(out, &n, *g->p++);
	}
	out[n] = '\0';
	if (bare && strcmp(out, "{") == 0)
		return T_OPEN;
	if (bare && strcmp(out, "}") == 0)
		return T_CLOSE;
	return T_WORD;
}

static bool
keyword(const char *w)
{
	return strcmp(w, "then") == 0 || strcmp(w, "else") == 0 ||
	    strcmp(w, "fi") == 0 || strcmp(w, "do") == 0 ||
	    strcmp(w, "done") == 0;
}

/*
 * Reads one command into g->w.  A keyword that ends or opens a branch
 * is a command of its own.  Returns what ended it.
 */
static enum tok
command(struct grub *g)
{
	const char *mark;
	enum tok t;

	g->nw = 0;
	for (;;) {
		mark = g->p;
		t = token(g, g->w[g->nw]);
		if (t != T_WORD)
			return t;
		if (g->nw > 0 && keyword(g->w[g->nw]) &&
		    strcmp(g->w[0], "if") != 0) {
			g->p = mark;	/* it starts the next command */
			return T_SEP;
		}
		if (g->nw < MAX_WORDS - 1)
			g->nw++;
		if (g->nw == 1 && keyword(g->w[0]))
			return T_SEP;
	}
}

/* "[ ... ]" or "test ...", as far as grub-mkconfig's scripts use them. */
static bool
test(struct grub *g, char (*a)[MENU_VALUE_MAX], int n)
{
	const char *file;

	if (n > 0 && strcmp(a[n - 1], "]") == 0)
		n--;
	if (n == 1)
		return a[0][0] != '\0';
	if (n == 2 && strcmp(a[0], "-n") == 0)
		return a[1][0] != '\0';
	if (n == 2 && strcmp(a[0], "-z") == 0)
		return a[1][0] == '\0';
	if (n == 2 && (strcmp(a[0], "-s") == 0 || strcmp(a[0], "-f") == 0 ||
	    strcmp(a[0], "-e") == 0)) {
		file = strrchr(a[1], '/');
		return file != NULL && strcmp(file, "/grubenv") == 0 &&
		    g->m->nenv > 0;
	}
	if (n == 3 && (strcmp(a[1], "=") == 0 || strcmp(a[1], "==") == 0))
		return strcmp(a[0], a[2]) == 0;
	if (n == 3 && strcmp(a[1], "!=") == 0)
		return strcmp(a[0], a[2]) != 0;
	return false;
}

static bool
condition(struct grub *g)
{
	if (g->nw >= 2 && (strcmp(g->w[1], "[") == 0 ||
	    strcmp(g->w[1], "test") == 0))
		return test(g, g->w + 2, g->nw - 2);
	return false;	/* other commands (loadfont, ...) we do not run */
}

static int run(struct grub *, bool, int);

static int
expect_then(struct grub *g)
{
	enum tok t;

	do
		t = command(g);
	while (g->nw == 0 && t == T_SEP);
	if (g->nw != 1 || strcmp(g->w[0], "then") != 0)
		return FAIL(g, "'if' without 'then'");
	return 0;
}

static int
do_if(struct grub *g, bool exec)
{
	bool taken = false, c = exec && condition(g);
	int r;

	if (g->depth >= MAX_DEPTH)
		return FAIL(g, "blocks nested deeper than %d", MAX_DEPTH);
	if (expect_then(g) != 0)
		return -1;
	for (;;) {
		g->depth++;
		r = run(g, exec && c && !taken, S_FI | S_ELSE | S_ELIF);
		g->depth--;
		if (r < 0)
			return -1;
		taken = taken || c;
		if (r == S_FI)
			return 0;
		if (r == S_ELIF) {
			c = exec && !taken && condition(g);
			if (expect_then(g) != 0)
				return -1;
		} else
			c = exec && !taken;
	}
}

static void
join(char *out, size_t len, char (*w)[MENU_VALUE_MAX], int n)
{
	size_t used = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s",
		    i > 0 ? " " : "", w[i]);
}

/* The title and --id of a menuentry or submenu line. */
static void
titles(struct grub *g, char *title, char *id)
{
	int i;

	title[0] = id[0] = '\0';
	for (i = 1; i < g->nw; i++) {
		if (strncmp(g->w[i], "--id=", 5) == 0)
			snprintf(id, MENU_TITLE_MAX, "%s", g->w[i] + 5);
		else if (strcmp(g->w[i], "--id") == 0 && i + 1 < g->nw)
			snprintf(id, MENU_TITLE_MAX, "%s", g->w[++i]);
		else if ((strcmp(g->w[i], "--class") == 0 ||
		    strcmp(g->w[i], "--users") == 0 ||
		    strcmp(g->w[i], "--hotkey") == 0) && i + 1 < g->nw)
			i++;
		else if (strncmp(g->w[i], "--", 2) != 0 && title[0] == '\0')
			snprintf(title, MENU_TITLE_MAX, "%s", g->w[i]);
	}
}

static int
block(struct grub *g, bool exec)
{
	char title[MENU_TITLE_MAX], id[MENU_TITLE_MAX];
	struct menu_entry *e = NULL;
	int r, saved_top;

	if (g->depth >= MAX_DEPTH)
		return FAIL(g, "blocks nested deeper than %d", MAX_DEPTH);
	titles(g, title, id);
	if (strcmp(g->w[0], "function") == 0 || !exec || g->cur != NULL) {
		g->depth++;
		r = run(g, false, S_CLOSE);
		g->depth--;
		return r < 0 ? -1 : 0;
	}
	if (strcmp(g->w[0], "submenu") == 0) {
		saved_top = g->sub_top;
		if (g->sub_top < 0) {
			g->sub_top = g->m->ntop++;
			g->sub_count = 0;
			snprintf(g->sub_title, sizeof(g->sub_title), "%s", title);
			snprintf(g->sub_id, sizeof(g->sub_id), "%s", id);
		}
		g->depth++;
		r = run(g, true, S_CLOSE);
		g->depth--;
		g->sub_top = saved_top;
		return r < 0 ? -1 : 0;
	}
	e = menu_new_entry(g->m, g->why, g->whylen);
	if (e == NULL)
		return -1;
	snprintf(e->title, sizeof(e->title), "%s", title);
	snprintf(e->id, sizeof(e->id), "%s", id);
	if (g->sub_top >= 0) {
		e->top = g->sub_top;
		e->sub = g->sub_count++;
		snprintf(e->parent, sizeof(e->parent), "%s", g->sub_title);
		snprintf(e->parent_id, sizeof(e->parent_id), "%s", g->sub_id);
	} else
		e->top = g->m->ntop++;
	/*
	 * GRUB runs an entry's body only when it boots it: what the body
	 * sets (root, by set or search) is that entry's alone.
	 */
	memcpy(g->outer, g->vars, g->nvars * sizeof(g->vars[0]));
	g->nouter = g->nvars;
	g->cur = e;
	g->depth++;
	r = run(g, true, S_CLOSE);
	g->depth--;
	g->cur = NULL;
	memcpy(g->vars, g->outer, g->nouter * sizeof(g->vars[0]));
	g->nvars = g->nouter;
	return r < 0 ? -1 : 0;
}

static bool
assignment(struct grub *g, const char *w)
{
	char name[64];
	const char *eq = strchr(w, '=');
	size_t n;

	if (eq == NULL || eq == w || (size_t)(eq - w) >= sizeof(name))
		return false;
	n = (size_t)(eq - w);
	memcpy(name, w, n);
	name[n] = '\0';
	for (n = 0; name[n] != '\0'; n++)
		if (!isalnum((unsigned char)name[n]) && name[n] != '_')
			return false;
	put(g, name, eq + 1);
	return true;
}

/*
 * A GRUB path: "(DEV)/p" is p on DEV; "/p" is p on $root, whatever
 * $root is when the command runs.
 */
static void
locate(const struct grub *g, const char *w, char *dev, char *path,
    size_t pathlen)
{
	const char *close;

	if (w[0] == '(' && (close = strchr(w, ')')) != NULL) {
		snprintf(dev, MENU_DEV_MAX, "%.*s", (int)(close - w - 1), w + 1);
		snprintf(path, pathlen, "%s", close + 1);
	} else {
		snprintf(dev, MENU_DEV_MAX, "%s", get(g, "root"));
		snprintf(path, pathlen, "%s", w);
	}
}

/*
 * search [--fs-uuid|-u|--label|-l|--file|-f] [--set[=VAR]] [--hint...]
 * ARG, and search.fs_uuid/fs_label/file ARG [VAR]: VAR (root by default
 * for --set alone) names the first filesystem that matches, hints
 * tried first.  Nothing found leaves VAR as it was, as in GRUB, and
 * -v says so.
 */
static void
search(struct grub *g)
{
	enum menu_search how = MENU_SEARCH_FILE;
	const char *c = g->w[0], *var = NULL, *arg = NULL, *hint = "", *w;
	char dev[MENU_DEV_MAX], what[32] = "found nothing";
	int i, r;

	if (strcmp(c, "search.fs_uuid") == 0 || strcmp(c, "search.fs_label") ==
	    0 || strcmp(c, "search.file") == 0) {
		how = c[10] == 'u' ? MENU_SEARCH_UUID : c[10] == 'l' ?
		    MENU_SEARCH_LABEL : MENU_SEARCH_FILE;
		arg = g->w[1];
		var = g->nw > 2 ? g->w[2] : NULL;
	} else if (strcmp(c, "search") == 0)
		for (i = 1; i < g->nw; i++) {
			w = g->w[i];
			if (strcmp(w, "--fs-uuid") == 0 || strcmp(w, "-u") == 0)
				how = MENU_SEARCH_UUID;
			else if (strcmp(w, "--label") == 0 || strcmp(w, "-l") == 0)
				how = MENU_SEARCH_LABEL;
			else if (strcmp(w, "--file") == 0 || strcmp(w, "-f") == 0)
				how = MENU_SEARCH_FILE;
			else if (strcmp(w, "--set") == 0 || strcmp(w, "-s") == 0)
				var = "root";
			else if (strncmp(w, "--set=", 6) == 0)
				var = w + 6;
			else if (strncmp(w, "--hint", 6) == 0 && strchr(w, '=') != NULL)
				hint = hint[0] != '\0' ? hint : strchr(w, '=') + 1;
			else if (strncmp(w, "--hint", 6) == 0 && i + 1 < g->nw)
				hint = hint[0] != '\0' ? hint : g->w[++i];
			else if (w[0] != '-')
				arg = w;
		}
	if (arg == NULL || var == NULL || g->host == NULL)
		return;
	r = g->host->search(g->host->ctx, how, arg, hint, dev, sizeof(dev));
	if (r == 0) {
		put(g, var, dev);
		return;
	}
	if (r == -2)
		snprintf(what, sizeof(what), "not run (%d already)",
		    MENU_MAX_SEARCHES);
	if (g->m->note[0] == '\0')
		snprintf(g->m->note, sizeof(g->m->note), "search for %s %s "
		    "%s: $%s stays \"%s\"", how == MENU_SEARCH_UUID ? "UUID" :
		    how == MENU_SEARCH_LABEL ? "label" : "file", arg, what, var,
		    get(g, var));
}

/* "loopback NAME FILE": remembered, so that a path on (NAME) is refused
 * by name rather than not found. */
static void
loopback(struct grub *g)
{
	struct menu_loop *l;

	if (g->w[1][0] == '-' || g->m->nloops == MENU_MAX_LOOPS)
		return;
	l = &g->m->loops[g->m->nloops++];
	snprintf(l->name, sizeof(l->name), "%s", g->w[1]);
	snprintf(l->file, sizeof(l->file), "%s", g->w[2]);
}

static int interpret(struct grub *g, const char *text, size_t len);

/*
 * configfile FILE (and normal FILE): a new menu, in a new context that
 * sees only exported variables (root and prefix are, as in GRUB); a
 * menu it makes replaces this one, and the rest of this file is never
 * run: GRUB shows the new menu and boots from it.  source FILE (and
 * "."): run here, its entries added to this menu.  Bounded in depth and
 * in files read.
 */
static void
include(struct grub *g, bool here)
{
	char dev[MENU_DEV_MAX], path[MAX_GUEST_PATH], *text = NULL;
	struct grub *sub;
	struct menu *m;
	size_t len, i;

	if (g->host == NULL || g->nest >= MENU_MAX_NEST ||
	    *g->configs >= MENU_MAX_CONFIGS)
		return;
	locate(g, g->w[1], dev, path, sizeof(path));
	(*g->configs)++;
	if (g->host->read(g->host->ctx, dev, path, &text, &len, g->why,
	    g->whylen) != 1) {
		free(text);
		return;
	}
	if (here) {
		g->nest++;
		(void)interpret(g, text, len);
		g->nest--;
		free(text);
		return;
	}
	sub = calloc(1, sizeof(*sub));
	m = calloc(1, sizeof(*m));
	if (sub == NULL || m == NULL)
		goto out;
	menu_init(m);
	memcpy(m->env, g->m->env, sizeof(m->env));
	m->nenv = g->m->nenv;
	*sub = (struct grub){ .m = m, .sub_top = -1, .host = g->host,
	    .nest = g->nest + 1, .configs = g->configs, .why = g->why,
	    .whylen = g->whylen };
	for (i = 0; i < g->nvars; i++)
		if (g->vars[i].exported)
			sub->vars[sub->nvars++] = g->vars[i];
	if (interpret(sub, text, len) == 0 && (m->n > 0 || m->bls)) {
		snprintf(m->config, sizeof(m->config), "%s", path);
		snprintf(m->config_dev, sizeof(m->config_dev), "%s", dev);
		menu_free(g->m);
		*g->m = *m;
		g->replaced = true;
	} else
		menu_free(m);
out:
	free(sub);
	free(m);
	free(text);
}

/* One simple command, when it is one we act on. */
static void
simple(struct grub *g)
{
	const char *c = g->w[0];
	struct menu_entry *e = g->cur;
	size_t i;

	if (strcmp(c, "set") == 0 && g->nw >= 2)
		(void)assignment(g, g->w[1]);
	else if (strcmp(c, "unset") == 0 && g->nw >= 2)
		put(g, g->w[1], "");
	else if (strcmp(c, "load_env") == 0)
		for (i = 0; i < g->m->nenv; i++)
			put(g, g->m->env[i].name, g->m->env[i].value);
	else if (strcmp(c, "blscfg") == 0 && e == NULL && !g->m->bls) {
		g->m->bls = true;
		g->m->bls_top = g->m->ntop;
	} else if (e != NULL && g->nw >= 2 && (strcmp(c, "linux") == 0 ||
	    strcmp(c, "linux16") == 0 || strcmp(c, "linuxefi") == 0)) {
		locate(g, g->w[1], e->kdev, e->kernel, sizeof(e->kernel));
		join(e->args, sizeof(e->args), g->w + 2, g->nw - 2);
	} else if (e != NULL && g->nw >= 2 && e->initrd[0] == '\0' &&
	    (strcmp(c, "initrd") == 0 || strcmp(c, "initrd16") == 0 ||
	    strcmp(c, "initrdefi") == 0))
		locate(g, g->w[1], e->idev, e->initrd, sizeof(e->initrd));
	else if (strcmp(c, "export") == 0)
		for (i = 1; i < (size_t)g->nw; i++)
			export(g, g->w[i]);
	else if (strncmp(c, "search", 6) == 0)
		search(g);
	else if (strcmp(c, "loopback") == 0 && g->nw == 3)
		loopback(g);
	else if (e == NULL && g->nw >= 2 && (strcmp(c, "configfile") == 0 ||
	    strcmp(c, "normal") == 0 || strcmp(c, "source") == 0 ||
	    strcmp(c, ".") == 0))
		include(g, c[0] == 's' || c[0] == '.');
	else if (g->nw == 1)
		(void)assignment(g, c);
}

/*
 * Runs commands until EOF, '}' or a keyword in stops; returns which
 * (S_*), or -1 with g->why set.
 */
static int
run(struct grub *g, bool exec, int stops)
{
	enum tok t;

	for (;;) {
		t = command(g);
		if (g->nw == 0) {
			if (t == T_SEP)
				continue;
			if (t == T_EOF)
				return stops & S_EOF ? S_EOF :
				    FAIL(g, "unexpected end of file");
			if (t == T_CLOSE)
				return stops & S_CLOSE ? S_CLOSE :
				    FAIL(g, "unexpected '}'");
			return FAIL(g, "unexpected '{'");
		}
		if (strcmp(g->w[0], "fi") == 0 && (stops & S_FI))
			return S_FI;
		if (strcmp(g->w[0], "else") == 0 && (stops & S_ELSE))
			return S_ELSE;
		if (strcmp(g->w[0], "elif") == 0 && (stops & S_ELIF))
			return S_ELIF;
		if (t == T_OPEN) {
			if (block(g, exec) != 0)
				return -1;
			continue;
		}
		if (strcmp(g->w[0], "if") == 0) {
			if (do_if(g, exec) != 0)
				return -1;
		} else if (exec)
			simple(g);
		if (g->replaced)
			return stops & S_EOF ? S_EOF : stops & S_CLOSE ?
			    S_CLOSE : S_FI;
		if (t == T_CLOSE)
			return stops & S_CLOSE ? S_CLOSE :
			    FAIL(g, "unexpected '}'");
		if (t == T_EOF)
			return stops & S_EOF ? S_EOF :
			    FAIL(g, "unexpected end of file");
	}
}

/* GRUB 2.00 and later announce these features to grub.cfg. */
static const char *const features[] = {
	"feature_menuentry_id", "feature_platform_search_hint",
	"feature_all_video_module", "feature_default_font_path",
	"feature_timeout_style", "feature_200_final",
	"feature_nativedisk_cmd",
};

/*
 * Runs text (a whole file) in g, then takes the menu's default and
 * timeout from g's variables, unless a configfile made the menu.
 */
static int
interpret(struct grub *g, const char *text, size_t len)
{
	const char *p = g->p, *end = g->end, *d;
	int rc;

	g->p = text;
	g->end = text + len;
	rc = run(g, true, S_EOF) < 0 ? -1 : 0;
	g->p = p;
	g->end = end;
	if (g->replaced || g->nest > 0)
		return rc;
	d = get(g, "default");
	if (strcmp(d, "saved") == 0)
		d = get(g, "saved_entry");
	snprintf(g->m->deflt, sizeof(g->m->deflt), "%s", d);
	if (*get(g, "timeout") != '\0')
		g->m->timeout = atoi(get(g, "timeout"));
	return rc;
}

int
grub2_parse(const char *text, size_t len, struct menu *m,
    const struct menu_host *host, char *why, size_t whylen)
{
	struct grub *g;
	size_t i;
	int rc, configs = 0;

	g = calloc(1, sizeof(*g));
	if (g == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	g->m = m;
	g->sub_top = -1;
	g->host = host;
	g->configs = &configs;
	g->why = why;
	g->whylen = whylen;
	for (i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		put(g, features[i], "y");
	/* GRUB starts with root the device it read its config from. */
	put(g, "root", host != NULL ? host->root : "");
	export(g, "root");
	put(g, "prefix", "");
	export(g, "prefix");
	rc = interpret(g, text, len);
	free(g);
	return rc;
}
