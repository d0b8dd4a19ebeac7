/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What search.c (the pvboot ELF search) lends menu-boot.c (the
 * boot-menu path): the state of one run of the child and its helpers.
 * menu-boot.c's own entry points are in menu-boot.h.
 */
#ifndef XENPVBOOT_SEARCH_IMPL_H
#define XENPVBOOT_SEARCH_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "disk.h"
#include "fs.h"
#include "judge.h"
#include "proto.h"
#include "xenpvboot.h"

#define NSPEC	2	/* spec paths per architecture */
#define PART_NAME_MAX	(LV_NAME_MAX + 16)	/* "partition 5", "lvm vg/lv" */
#define NARCH	2

struct candidate {
	size_t		 part;		/* index into the partition table */
	enum arch	 arch;
	char		 path[MAX_GUEST_PATH];
	bool		 looked;	/* looked up (found says what) */
	enum fs_lookup	 found;
	struct fs_file	 file;
	struct judgement judged;
	char		 reason[MSG_TEXT_MAX];
};

struct part_state {
	bool		 visited;	/* probed, opened, candidates looked up */
	struct guestfs	*g;		/* open until the child is done */
	char		 fstype[16];
	struct fs_grub_id lv;		/* an LV's filesystem, GRUB's words */
	char		 problem[128];	/* why it could not be searched */
};

struct search {
	const struct options	*o;
	const struct runtime	*rt;
	int			 diskfd;
	uint64_t		 disksize;	/* when the parent opened it */
	int			 out;
	int			 sink[FILE_KIND_MAX + 1];  /* output files */
	struct partition_table	*pt;
	struct part_state	*ps;
	struct candidate	*cand;
	size_t			 ncand;
	char			 reject[MSG_TEXT_MAX];	/* the first one */
	char			 menu_problem[MSG_TEXT_MAX]; /* why no menu */
	bool			 hold;		/* keep the failure, unsent */
	struct msg_fail		 held;		/* the first one kept */
	bool			 committed;	/* a file sent, a menu shown */
	bool			 dry;		/* -l: a boot's verdict, no files */
	struct fs_grub_lv	*lvs;		/* those read, with their ids */
	size_t			 nlvs;
	size_t			 nlvs_all;	/* GRUB listed */
	struct timespec		 lv_since;	/* when they were listed */
	bool			 lv_over;	/* their time is up (visit()) */
};

void	search_trace(struct search *s, enum trace_level level,
	    const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	search_fail(struct search *s, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	search_fatal(struct search *s, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4), noreturn));
const char *search_part_name(const struct partition *p, char *buf, size_t len);
bool	search_readable(const struct search *s, size_t i);
struct guestfs *search_fs(struct search *s, size_t i);
unsigned char *search_load(struct search *s, struct guestfs *g,
	    struct candidate *c, enum file_kind kind);
void	search_unload(const struct candidate *c, unsigned char *buf);
int	search_send_file(struct search *s, enum file_kind kind,
	    const struct candidate *c);

#endif /* XENPVBOOT_SEARCH_IMPL_H */
