/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot menus read from the guest's own configuration (grub2, GRUB
 * legacy, extlinux, Boot Loader Specification entries), for guests
 * that carry no pvboot ELF.  The parsers are pure functions over the
 * file's text, bounded in every dimension, run in the parsing child.
 */
#ifndef XENPVBOOT_MENU_H
#define XENPVBOOT_MENU_H

#include <stdbool.h>
#include <stddef.h>

#include "xenpvboot.h"

#define MENU_VALUE_MAX		1024	/* a variable's value, a word */
#define MENU_MAX_VARS		128

struct menu_entry {
	char	title[MENU_TITLE_MAX];
	char	id[MENU_TITLE_MAX];
	int	top;			/* index of its top-level item */
	int	sub;			/* index inside a submenu, or -1 */
	char	parent[MENU_TITLE_MAX];	/* the submenu's title, or "" */
	char	parent_id[MENU_TITLE_MAX];
	char	kernel[MAX_GUEST_PATH];
	char	initrd[MAX_GUEST_PATH];
	char	args[MAX_ARGS_LEN];
};

struct menu_var {
	char	name[64];
	char	value[MENU_VALUE_MAX];
};

struct menu {
	struct menu_entry	*e;
	size_t			 n;
	int			 ntop;		/* top-level items so far */
	char			 deflt[MENU_VALUE_MAX];
	int			 timeout;	/* seconds, -1 when unset */
	bool			 bls;		/* grub.cfg ran blscfg */
	int			 bls_top;	/* where its entries go */
	size_t			 bls_dropped;	/* entries past the cap */
	struct menu_var		 env[MENU_MAX_VARS];	/* grubenv */
	size_t			 nenv;
};

void	menu_init(struct menu *m);
void	menu_free(struct menu *m);
struct menu_entry *menu_new_entry(struct menu *m, char *why, size_t whylen);
const char *menu_env(const struct menu *m, const char *name);
int	menu_load_env(struct menu *m, const char *text, size_t len);
int	menu_choose(const struct menu *m, const char *spec, bool user,
	    char *why, size_t whylen);

int	grub2_parse(const char *text, size_t len, struct menu *m, char *why,
	    size_t whylen);
int	legacy_parse(const char *text, size_t len, struct menu *m, char *why,
	    size_t whylen);
int	extlinux_parse(const char *text, size_t len, const char *dir,
	    struct menu *m, char *why, size_t whylen);
int	bls_parse(const char *text, size_t len, const char *name,
	    struct menu *m, char *why, size_t whylen);
void	bls_sort(struct menu *m, size_t first);
int	bls_vercmp(const char *a, const char *b);

#endif /* XENPVBOOT_MENU_H */
