/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The wire between the parsing child and the privileged parent, both
 * ways: the child reports on one pipe, and the parent answers a boot
 * menu's question on another (MSG_CHOSEN).
 *
 * The child is assumed compromised, so every message has a fixed
 * {type, len} header, structs have one exact size, and strings must be
 * NUL-terminated inside their field.
 * Which message may come when is the receiver's business (collect.c for
 * the parent).
 */
#ifndef XENPVBOOT_PROTO_H
#define XENPVBOOT_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "xenpvboot.h"

enum msg_type {
	MSG_TRACE = 1,	/* struct msg_trace */
	MSG_ENTRY,	/* struct msg_entry: one candidate, for -l */
	MSG_FILE,	/* struct msg_file: its output file is written */
	/* 4 was a file's bytes, which the child now writes itself. */
	MSG_FAIL = 5,	/* struct msg_fail: the child gives up */
	MSG_DONE,	/* empty: the child succeeded */
	MSG_ARGS,	/* struct msg_args: the kernel command line to use */
	MSG_MENU,	/* struct msg_menu: a boot-menu entry */
	MSG_CHOOSE,	/* struct msg_choose: ask; MSG_CHOSEN answers */
	MSG_NEED_LIBS,	/* empty, first and alone: the disk has XFS, start
			   the child again with libfsxfs loaded */
	MSG_CHOSEN,	/* parent to child: struct msg_chosen */
	MSG_GRUB,	/* struct msg_grub: run GRUB's reader once */
	MSG_GRUB_DONE,	/* parent to child: struct msg_grub_done */
	MSG_PART,	/* struct msg_part: a partition probed, for -l */
	MSG_VERDICT,	/* struct msg_verdict: what a boot would boot, -l */
	MSG_ONCE,	/* struct msg_once: the menu's grubenv has next_entry */
	MSG_TYPE_MAX = MSG_ONCE,
};

#define MSG_TEXT_MAX	512
#define MSG_LV_MAX	64	/* an LVM2 logical volume's "VG/LV" */

struct msg_hdr {
	uint32_t	type;
	uint32_t	len;
};

enum trace_level {
	TRACE_WARN,	/* always shown: a candidate was passed over */
	TRACE_INFO,	/* -v */
};

struct msg_trace {
	uint32_t	level;
	char		text[MSG_TEXT_MAX];
};

enum file_kind {
	FILE_KERNEL,
	FILE_RAMDISK,
	FILE_KIND_MAX = FILE_RAMDISK,
};

struct msg_file {
	uint32_t	kind;
	uint32_t	partno;		/* 0: no partition table */
	uint64_t	size;
	char		path[MAX_GUEST_PATH];
};

enum entry_verdict {
	ENTRY_CHOSEN,
	ENTRY_USABLE,
	ENTRY_REJECTED,
	ENTRY_VERDICT_MAX = ENTRY_REJECTED,
};

#define ENTRY_ELF	(1u << 0)	/* the ELF fields below are set */
#define ENTRY_PV	(1u << 1)	/* usable as PV */
#define ENTRY_PVH	(1u << 2)	/* usable as PVH */

struct msg_entry {
	uint32_t	partno;
	uint32_t	arch;
	uint32_t	verdict;
	uint32_t	flags;		/* ENTRY_* */
	uint64_t	size;
	uint64_t	entry;		/* the entry point the builder uses */
	uint32_t	elfclass;
	uint32_t	pad;
	char		fstype[16];
	char		guest_type[24];
	char		guest_os[16];
	char		loader[16];
	char		xen_ver[16];
	char		lv[MSG_LV_MAX];	/* on an LVM2 LV (partno 0), or "" */
	char		path[MAX_GUEST_PATH];
	char		reason[MSG_TEXT_MAX];
};

/* From a boot menu: the entry's arguments, with --args appended. */
struct msg_args {
	char		args[MAX_ARGS_LEN];
};

#define MENU_DEFAULT	(1u << 0)	/* the entry that would boot */
#define MENU_ISCONFIG	(1u << 1)	/* --isconfig's answer */

struct msg_menu {
	uint32_t	index;
	uint32_t	flags;		/* MENU_* */
	uint32_t	partno;
	uint32_t	pad;
	char		lv[MSG_LV_MAX];	/* on an LVM2 LV (partno 0), or "" */
	char		config[MENU_CONFIG_MAX];
	char		title[MENU_TITLE_MAX];
	char		kernel[MAX_GUEST_PATH];
	char		initrd[MAX_GUEST_PATH];
	char		args[MAX_ARGS_LEN];
};

struct msg_choose {
	uint32_t	deflt;		/* index of the default entry */
	uint32_t	timeout;	/* seconds */
};

struct msg_chosen {
	uint32_t	index;		/* the entry the user chose */
};

/*
 * GRUB's reader (grub-fstest) on the disk, for what the child cannot
 * read itself: its stdout and stderr go to pipes the child holds.  The
 * path names GRUB's device, "(loop0,gpt2)/boot/grub/grub.cfg".
 */
enum grub_verb {
	GRUB_CAT,	/* a file's first limit bytes */
	GRUB_LS,	/* a directory's names, or a device's filesystem */
	GRUB_DEVICES,	/* the devices it found (path ""): LVM2's LVs */
	GRUB_PROBE,	/* what devices hold: "(lvm/a) (lvm/b)", ls -l */
	GRUB_VERB_MAX = GRUB_PROBE,
};

#define MSG_GRUB_PATH	(MAX_GUEST_PATH + 64)

struct msg_grub {
	uint32_t	verb;
	uint32_t	pad;
	uint64_t	limit;		/* GRUB_CAT: at most this many bytes */
	char		path[MSG_GRUB_PATH];
};

enum grub_outcome {
	GRUB_EXITED,	/* code: its exit status */
	GRUB_KILLED,	/* code: the signal; why: the call it was killed for */
	GRUB_NOT_RUN,	/* why says why */
};

struct msg_grub_done {
	uint32_t	outcome;
	int32_t		code;
	char		why[MSG_TEXT_MAX];
};

/* A partition (or the whole disk, or an LVM2 LV) as the search found it. */
struct msg_part {
	uint32_t	partno;		/* 0: the whole disk, or an LV */
	uint32_t	pad;
	uint64_t	offset;		/* bytes; an LV's are GRUB's: 0 */
	uint64_t	size;
	char		fstype[16];	/* "": none recognised */
	char		lv[MSG_LV_MAX];	/* "VG/LV", or "" */
	char		grub[MSG_LV_MAX + 8];	/* "hd0,gpt2", "lvm/vg-boot" */
};

enum verdict_kind {
	VERDICT_PVBOOT,		/* a pvboot ELF (or --kernel) */
	VERDICT_MENU,		/* the boot menu's entry */
	VERDICT_KIND_MAX = VERDICT_MENU,
};

/*
 * Under -l, last before MSG_DONE: what a boot of this disk would boot.
 * A disk that would not boot sends MSG_FAIL instead, as a boot does.
 */
struct msg_verdict {
	uint32_t	kind;		/* enum verdict_kind */
	uint32_t	arch;		/* a pvboot's; the menu's: ARCH_AUTO */
	uint32_t	partno;		/* where the kernel is */
	uint32_t	index;		/* the menu entry */
	char		lv[MSG_LV_MAX];
	char		format[16];	/* "ELF", "bzImage", "gzip" */
	char		guest_type[24];	/* "xen-3.0-x86_64"; "": the builder's */
	char		path[MAX_GUEST_PATH];	/* the kernel */
	char		title[MENU_TITLE_MAX];	/* the menu entry's */
};

enum once_state {
	ONCE_NEW,	/* not booted yet: this run's menu boots it */
	ONCE_SPENT,	/* booted before, grubenv unchanged: the default boots */
	ONCE_STATE_MAX = ONCE_SPENT,
};

/*
 * grub-reboot's next_entry, in the grubenv of the menu that boots (or
 * -l's), sent before MSG_DONE.  GRUB boots it once and clears it in
 * grubenv; the parent remembers a boot of it instead (parent/once.c),
 * by the grubenv's identity: its filesystem's UUID, inode, change time
 * and bytes.
 */
struct msg_once {
	uint32_t	state;		/* enum once_state */
	uint32_t	pad;
	char		id[ONCE_ID_MAX];
	char		entry[MENU_TITLE_MAX];	/* next_entry's value */
};

struct msg_fail {
	uint32_t	code;		/* EXIT_NOTFOUND, _REJECTED, _DISK, _CHILD */
	char		text[MSG_TEXT_MAX];
};

/* Room for any payload, aligned for each. */
union msg_payload {
	struct msg_trace	trace;
	struct msg_entry	entry;
	struct msg_file		file;
	struct msg_args		args;
	struct msg_menu		menu;
	struct msg_choose	choose;
	struct msg_chosen	chosen;
	struct msg_fail		fail;
	struct msg_grub		grub;
	struct msg_grub_done	grub_done;
	struct msg_part		part;
	struct msg_verdict	verdict;
	struct msg_once		once;
};

#define MSG_PAYLOAD_MAX	sizeof(union msg_payload)

/*
 * A received message.  The payload buffer is owned by the caller: a
 * union msg_payload.
 */
struct msg {
	uint32_t	 type;
	uint32_t	 len;
	void		*payload;
};

int	proto_send(int fd, uint32_t type, const void *payload, size_t len);
/* All of buf, through EINTR and short writes (the answer arrives whole). */
int	proto_write(int fd, const void *buf, size_t len);
int	proto_recv(int fd, struct msg *m, char *buf, size_t bufsize, char *why,
	    size_t whylen);
int	proto_check(const struct msg *m, char *why, size_t whylen);

#endif /* XENPVBOOT_PROTO_H */
