/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One run of the child on the guest's disk (session.c): its state and
 * the services the stages above it share.  The stages (stage/) and the
 * order (order.c) include this; it includes none of them.
 */
#ifndef XENPVBOOT_SESSION_H
#define XENPVBOOT_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "disk.h"
#include "fs.h"
#include "fs/grub.h"
#include "judge.h"
#include "proto.h"
#include "xenpvboot.h"

/*
 * The child's ends of the wire and what its sandbox gave up: handed
 * from its entry point (child.c) to the order and on to the session.
 */
struct session_io {
	int		 disk;
	uint64_t	 disksize;	/* when the parent opened it */
	int		 report;	/* the pipe messages go to */
	int		 answer;	/* the parent's menu choice, or -1 */
	const int	*files;		/* the output files, or NULL */
	const char	*sandbox_note;	/* what the sandbox gave up, for -v */
};

#define PART_NAME_MAX	(LV_NAME_MAX + 16)	/* "partition 5", "lvm vg/lv" */

/* A file a stage looks at: where, what was found, what was judged. */
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
	bool		 visited;	/* probed, opened */
	struct guestfs	*g;		/* open until the child is done */
	char		 fstype[16];
	struct fs_grub_id lv;		/* an LV's filesystem, GRUB's words */
	char		 problem[128];	/* why it could not be searched */
};

struct session {
	const struct options	*o;
	const struct runtime	*rt;
	int			 diskfd;
	uint64_t		 disksize;	/* when the parent opened it */
	int			 out;
	int			 answer;	/* the menu's answer, or -1 */
	const char		*sandbox_note;
	int			 sink[FILE_KIND_MAX + 1];  /* output files */
	struct partition_table	*pt;
	struct part_state	*ps;
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

/* The run: set up, the partitions found and mapped, closed. */
void	session_init(struct session *s, const struct options *o,
	    const struct runtime *rt, const struct session_io *io);
int	session_partitions(struct session *s, char *why, size_t whylen);
bool	session_needs_libraries(const struct session *s);
int	session_map(struct session *s);
bool	session_unreplay(struct session *s);
void	session_close(struct session *s);

/* To the parent. */
void	session_trace(struct session *s, enum trace_level level,
	    const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	session_fail(struct session *s, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	session_fatal(struct session *s, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4), noreturn));
int	session_send_file(struct session *s, enum file_kind kind,
	    const struct candidate *c);
int	session_send_verdict(struct session *s, const struct candidate *k,
	    uint32_t index, const char *format, const char *title);
/* Sends entry k of a menu as MSG_MENU, the default flagged. */
typedef void session_entry_fn(struct session *s, size_t k, bool deflt,
	    const void *ctx);
size_t	session_ask(struct session *s, size_t n, size_t deflt, long timeout,
	    session_entry_fn *send, const void *ctx);

/* The partitions and their files. */
const char *session_part_name(const struct partition *p, char *buf,
	    size_t len);
bool	session_readable(const struct session *s, size_t i);
struct guestfs *session_fs(struct session *s, size_t i);
void	session_look_up(struct session *s, struct guestfs *g,
	    struct candidate *c);
unsigned char *session_load(struct session *s, struct guestfs *g,
	    struct candidate *c, enum file_kind kind);
void	session_unload(const struct candidate *c, unsigned char *buf);
unsigned char *session_read(struct session *s, struct guestfs *g,
	    struct candidate *c);
void	session_write(struct session *s, enum file_kind kind,
	    struct candidate *c, const unsigned char *const *piece,
	    const uint64_t *len, size_t n);
void	session_reject(struct session *s, struct candidate *c,
	    const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	session_note_reject(struct session *s, const struct candidate *c);
int	session_judge_kernel(struct session *s, struct candidate *c,
	    const unsigned char *buf, enum kernel_format *format);

/* What was searched, for the failure that says nothing boots. */
void	session_summary(struct session *s, char *buf, size_t len);
bool	session_only_unread(const struct session *s);

#endif /* XENPVBOOT_SESSION_H */
