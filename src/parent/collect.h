/* SPDX-License-Identifier: GPL-2.0-only */
/* The parent's reading of the child: strict, in order, bounded. */
#ifndef XENPVBOOT_COLLECT_H
#define XENPVBOOT_COLLECT_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "grub.h"
#include "listing.h"
#include "output.h"
#include "proto.h"
#include "xenpvboot.h"

struct received {
	bool		 announced;	/* MSG_FILE seen */
	int		 fd;		/* the temp file, -1 when closed */
	uint64_t	 size;
	uint32_t	 partno;
	char		 guest_path[MAX_GUEST_PATH];
	char		 path[PATH_MAX];	/* in the output directory */
};

struct collected {
	struct received	 file[FILE_KIND_MAX + 1];
	unsigned int	 nmenu;		/* titles kept, to ask */
	bool		 heard;		/* it sent a message */
	bool		 child_failed;	/* it sent MSG_FAIL */
	bool		 have_args;	/* a boot menu chose the args */
	bool		 have_once;	/* grubenv's next_entry, booted */
	struct msg_once	 once;
	uint32_t	 seen;		/* 1 << type of each message taken */
	int		 answer_fd;	/* where the menu choice goes, or -1 */
	struct grub_link *grub;		/* runs GRUB's reader when asked */
	struct listing	*listing;	/* -l's: what it lists, or NULL */
	char		 (*titles)[MENU_TITLE_MAX];	/* the menu, to ask */
	char		 args[MAX_ARGS_LEN];
	char		 why[MSG_TEXT_MAX + 64];
};

/*
 * A message's rule (collect.c): the runs it may come in (a boot, one
 * asking the console until it has, -l, --isconfig), and what else.
 */
#define COLLECT_BOOT		0x01
#define COLLECT_ASK		0x02
#define COLLECT_LIST		0x04
#define COLLECT_ISCONFIG	0x08
#define COLLECT_ANY		0x0f
#define COLLECT_READER		0x10	/* only where GRUB's reader is offered */
#define COLLECT_COUNTED		0x20	/* one of the bound on text messages */
#define COLLECT_ONCE		0x40	/* at most once a run */

/* collect()'s return when the child asks for libfsxfs (MSG_NEED_LIBS). */
#define COLLECT_AGAIN	(-1)

void	collect_init(struct collected *c);
int	collect_make_files(struct collected *c, struct outdir *d, int *fds);
int	collect(int fd, const struct options *o, struct collected *c);
unsigned int	collect_rule(uint32_t type, const char **what);
int	collect_files(struct collected *c, struct outdir *d);
void	collect_discard(struct collected *c, struct outdir *d);

#endif /* XENPVBOOT_COLLECT_H */
