/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What both sides share, and no more: exit codes, the limits the child
 * keeps and the parent checks, the parsed command line and what a run
 * settles after it.  Both are filled in by the privileged parent and
 * inherited by the parsing child through fork(), so nothing in them
 * comes from the guest.  The command line's defaults are main.c's.
 */
#ifndef XENPVBOOT_XENPVBOOT_H
#define XENPVBOOT_XENPVBOOT_H

#include <stdbool.h>
#include <stdint.h>

/* Exit status, documented in xenpvboot(1) EXIT STATUS. */
#define EXIT_OK		0	/* kernel found, extracted, answer written */
#define EXIT_USAGE	1	/* bad command line or internal error */
#define EXIT_NOTFOUND	2	/* nothing bootable on the disk */
#define EXIT_REJECTED	3	/* a candidate exists but may not be booted */
#define EXIT_DISK	4	/* the disk cannot be opened or read */
#define EXIT_OUTPUT	5	/* the output directory or file cannot be written */
#define EXIT_CHILD	6	/* the parsing child died, lied or timed out */

/* Bounds on what the guest can make us do. */
#define MAX_GUEST_PATH		1024	/* --kernel, --ramdisk, spec paths */
#define MAX_ARGS_LEN		4096	/* the args record */
/* A boot menu, as the child sends it and the parent shows it. */
#define MENU_MAX_ENTRIES	256
#define MENU_TITLE_MAX		256	/* a title, its NUL included */
#define MENU_CONFIG_MAX		256	/* the config file's guest path */

/* grubenv's identity, "UUID inode ctime size hash" (parent/once.c). */
#define ONCE_ID_MAX		160
#define MENU_TIMEOUT_MAX	10	/* seconds an unattended menu waits */

enum arch {
	ARCH_AUTO,
	ARCH_X86_64,
	ARCH_I386,
};

enum domain_type {
	DOMAIN_PV,
	DOMAIN_PVH,
};

enum output_format {
	FORMAT_SXP,
	FORMAT_SIMPLE,
	FORMAT_SIMPLE0,
};

struct options {
	const char	*disk;
	char *const	*disks;		/* -l: every disk given, in order */
	int		 ndisks;
	const char	*output;	/* NULL: stdout */
	const char	*output_dir;
	enum output_format format;
	enum arch	 arch;
	enum domain_type domain_type;
	const char	*xen_caps;	/* --xen-caps, NULL: ask the hypervisor */
	const char	*kernel;	/* guest path, NULL: search the spec paths */
	const char	*ramdisk;	/* guest path or NULL */
	const char	*args;		/* never NULL */
	const char	*entry;		/* menu entry (boot-menu fallback) */
	bool		 have_offset;
	uint64_t	 offset;
	bool		 have_runas;
	uint32_t	 runas;
	bool		 quiet;
	bool		 interactive;
	bool		 list;
	bool		 json;		/* -l as JSON */
	bool		 not_really;
	bool		 isconfig;
	int		 verbose;
	uint64_t	 max_file_size;	/* bytes */
	bool		 size_by_ulimit; /* lowered to an inherited ulimit -f */
	unsigned int	 timeout_s;
	const char	*grub_fstest;	/* GRUB's reader, for other layouts */
};

/*
 * What a run settles once the command line is parsed (struct options
 * stays as parsed): the parent fills it before each fork.
 */
struct runtime {
	const char	*xen_caps;	/* the capabilities judged against */
	const char	*caps_source;	/* where they came from, for -v */
	bool		 second_opinion; /* libxenguest checks our verdicts */
	bool		 libs_loaded;	/* libfsxfs loaded before the fork */
	/* The grubenv whose next_entry this disk booted last, or "". */
	char		 once_spent[ONCE_ID_MAX];
};

static inline const char *
arch_name(enum arch a)
{
	return a == ARCH_I386 ? "i386" : a == ARCH_X86_64 ? "x86_64" : "auto";
}

#endif /* XENPVBOOT_XENPVBOOT_H */
