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

#define MENU_MAX_ENTRIES	256
#define MENU_TITLE_MAX		256
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

void	menu_init(struct menu *);
void	menu_free(struct menu *);
struct menu_entry *menu_new_entry(struct menu *, char *, size_t);
const char *menu_env(const struct menu *, const char *);
int	menu_load_env(struct menu *, const char *, size_t);
int	menu_choose(const struct menu *, const char *, bool, char *, size_t);

int	grub2_parse(const char *, size_t, struct menu *, char *, size_t);
int	legacy_parse(const char *, size_t, struct menu *, char *, size_t);
int	extlinux_parse(const char *, size_t, const char *, struct menu *,
	    char *, size_t);
int	bls_parse(const char *, size_t, const char *, struct menu *, char *,
	    size_t);
void	bls_sort(struct menu *, size_t);
int	bls_vercmp(const char *, const char *);

#endif /* XENPVBOOT_MENU_H */
