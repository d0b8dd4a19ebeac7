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
#define MENU_DEV_MAX		128	/* a GRUB device: "hd0,gpt2", "lvm/vg-boot" */
#define MENU_MAX_CONFIGS	32	/* files configfile and source read */
#define MENU_MAX_NEST		8	/* configfile and source nesting */
#define MENU_MAX_LOOPS		4	/* loopback devices remembered */
#define MENU_MAX_SEARCHES	64	/* distinct searches run on the disk */

struct menu_entry {
	char	title[MENU_TITLE_MAX];
	char	id[MENU_TITLE_MAX];
	int	top;			/* index of its top-level item */
	int	sub;			/* index inside a submenu, or -1 */
	char	parent[MENU_TITLE_MAX];	/* the submenu's title, or "" */
	char	parent_id[MENU_TITLE_MAX];
	char	kernel[MAX_GUEST_PATH];
	char	initrd[MAX_GUEST_PATH];
	char	kdev[MENU_DEV_MAX];	/* the kernel's GRUB device, or "" */
	char	idev[MENU_DEV_MAX];	/* the initrd's */
	char	args[MAX_ARGS_LEN];
};

struct menu_var {
	char	name[64];
	char	value[MENU_VALUE_MAX];
	bool	exported;		/* seen by a configfile's context */
};

/* "loopback NAME FILE": a disk image inside a filesystem, not read. */
struct menu_loop {
	char	name[MENU_DEV_MAX];
	char	file[MAX_GUEST_PATH];
};

enum menu_search { MENU_SEARCH_UUID, MENU_SEARCH_LABEL, MENU_SEARCH_FILE };

/*
 * What grub.cfg's device model asks of the disk (stage/bootmenu-dev.c answers):
 * which filesystem has a UUID, a label or a file, and a configuration
 * file read from a device.  GRUB names devices "hd0,gpt2", "hd0,msdos5",
 * "hd0" (a filesystem on the whole disk), "lvm/VG-LV".
 */
struct guestfs;
struct menu;

struct menu_host {
	void		*ctx;
	char		 root[MENU_DEV_MAX];	/* the config's own device */
	int		 (*search)(void *ctx, enum menu_search how,
			    const char *arg, const char *hint, char *dev,
			    size_t devlen);	/* 0: found, -2: too many */
	int		 (*read)(void *ctx, const char *dev, const char *path,
			    char **text, size_t *len, char *why,
			    size_t whylen);	/* 1, 0 absent, -1 */
	struct guestfs	*(*fs)(void *ctx, const char *dev);	/* or NULL */
	/*
	 * grubenv has a next_entry: the host names the grubenv (m->once_id,
	 * from m->env_id) and says whether this disk booted it already
	 * (m->once_spent), as GRUB would have cleared it.  Or NULL.
	 */
	void		 (*once)(void *ctx, struct menu *m);
};

struct menu {
	struct menu_entry	*e;
	size_t			 n;
	int			 ntop;		/* top-level items so far */
	char			 deflt[MENU_VALUE_MAX];
	int			 timeout;	/* seconds, -1 when unset */
	bool			 bls;		/* grub.cfg ran blscfg */
	/* grubenv's next_entry, which GRUB boots once (bootcfg.c) */
	char			 next_entry[MENU_VALUE_MAX];	/* "": none */
	char			 env_id[ONCE_ID_MAX];	/* "inode ctime size hash" */
	char			 once_id[ONCE_ID_MAX];	/* the host's, whole */
	bool			 once_spent;	/* booted: passed over */
	int			 bls_top;	/* where its entries go */
	size_t			 bls_dropped;	/* entries past the cap */
	struct menu_var		 env[MENU_MAX_VARS];	/* grubenv */
	size_t			 nenv;
	struct menu_loop	 loops[MENU_MAX_LOOPS];
	size_t			 nloops;
	char			 note[MENU_VALUE_MAX];	/* for -v: a search */
	char			 config[MAX_GUEST_PATH];	/* configfile's */
	char			 config_dev[MENU_DEV_MAX];
};

void	menu_init(struct menu *m);
void	menu_free(struct menu *m);
struct menu_entry *menu_new_entry(struct menu *m, char *why, size_t whylen);
const char *menu_env(const struct menu *m, const char *name);
int	menu_load_env(struct menu *m, const char *text, size_t len);
int	menu_choose(const struct menu *m, const char *spec, bool user,
	    char *why, size_t whylen);

#endif /* XENPVBOOT_MENU_H */
