/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * -l over one disk or many (listing.c): each disk's table, or its JSON
 * object, then every disk's verdict.
 */
#ifndef XENPVBOOT_LISTING_H
#define XENPVBOOT_LISTING_H

#include <stdbool.h>

#include "json.h"
#include "proto.h"
#include "xenpvboot.h"

struct listing;

struct listing *listing_new(const struct options *o,
	    const struct runtime *rt);
void	listing_begin(struct listing *l, const char *disk);
int	listing_end(struct listing *l, const char *disk, int rc);
void	listing_finish(struct listing *l);
int	listing_part(struct listing *l, const struct msg_part *m);
int	listing_entry(struct listing *l, const struct msg_entry *e);
int	listing_menu(struct listing *l, const struct msg_menu *u);
int	listing_verdict(struct listing *l, const struct msg_verdict *v);
int	listing_once(struct listing *l, const struct msg_once *n);
void	listing_failed(struct listing *l, const char *why);

#endif /* XENPVBOOT_LISTING_H */
