/* SPDX-License-Identifier: GPL-2.0-only */
/* Uids and gids of a run's own, for its child and GRUB's reader. */
#ifndef XENPVBOOT_RUN_IDS_H
#define XENPVBOOT_RUN_IDS_H

#include <stddef.h>
#include <sys/types.h>

/* configure --uid-range: 0x78500000, "xP", and 65536 ids after it. */
#ifndef RUN_UID_FIRST
#define RUN_UID_FIRST	2018508800U
#endif
#ifndef RUN_UID_LAST
#define RUN_UID_LAST	2018574335U
#endif
/* configure --runstatedir: where the claims are held. */
#ifndef RUN_STATE_DIR
#define RUN_STATE_DIR	"/run"
#endif
#define RUN_IDS_DIR	RUN_STATE_DIR "/xenpvboot"

struct run_ids {
	uid_t	 child;		/* the parsing child's uid and gid */
	uid_t	 reader;	/* GRUB's reader's: child + 1 */
	int	 lock;		/* the claim, held while an fd to it lives */
};

int	run_ids_claim(struct run_ids *ids, char *why, size_t whylen);
void	run_ids_release(struct run_ids *ids);

#endif /* XENPVBOOT_RUN_IDS_H */
