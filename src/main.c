/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xenpvboot: the stage-1 PV bootloader libxl runs in dom0.  This file is
 * the command line only: it takes pygrub's whole option list, so any
 * xl.cfg or script written for pygrub keeps working, and hands a
 * checked struct options to run_boot() or run_list().
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "parent/report.h"
#include "parent/run.h"
#include "parent/stop.h"
#include "xenpvboot.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION	"0.1"
#endif
/* The command line's defaults, documented in xenpvboot(1). */
#define DEFAULT_MAX_FILE_MB	128	/* pygrub's LIMIT_FSIZE */
#define MAX_FILE_MB_LIMIT	4096	/* no override may exceed this */
#define DEFAULT_TIMEOUT_S	30
#define DEFAULT_OUTPUT_DIR	"/run/xen/xenpvboot"
#ifndef GRUB_FSTEST
#define GRUB_FSTEST		"/usr/bin/grub-fstest"	/* grub-common */
#endif

enum {
	OPT_OUTPUT = CHAR_MAX + 1,
	OPT_OUTPUT_FORMAT,
	OPT_OUTPUT_DIRECTORY,
	OPT_RUNAS,
	OPT_KERNEL,
	OPT_RAMDISK,
	OPT_ARGS,
	OPT_ENTRY,
	OPT_OFFSET,
	OPT_ISCONFIG,
	OPT_DEBUG,
	OPT_ARCH,
	OPT_DOMAIN_TYPE,
	OPT_XEN_CAPS,
	OPT_TIMEOUT,
	OPT_GRUB_FSTEST,
};

static const struct option longopts[] = {
	{ "quiet",		no_argument,		NULL, 'q' },
	{ "interactive",	no_argument,		NULL, 'i' },
	{ "list-entries",	no_argument,		NULL, 'l' },
	{ "json",		no_argument,		NULL, 'J' },
	{ "not-really",		no_argument,		NULL, 'n' },
	{ "output",		required_argument,	NULL, OPT_OUTPUT },
	{ "output-format",	required_argument,	NULL, OPT_OUTPUT_FORMAT },
	{ "output-directory",	required_argument,	NULL,
	    OPT_OUTPUT_DIRECTORY },
	{ "runas",		required_argument,	NULL, OPT_RUNAS },
	{ "kernel",		required_argument,	NULL, OPT_KERNEL },
	{ "ramdisk",		required_argument,	NULL, OPT_RAMDISK },
	{ "args",		required_argument,	NULL, OPT_ARGS },
	{ "entry",		required_argument,	NULL, OPT_ENTRY },
	{ "offset",		required_argument,	NULL, OPT_OFFSET },
	{ "isconfig",		no_argument,		NULL, OPT_ISCONFIG },
	{ "debug",		no_argument,		NULL, OPT_DEBUG },
	{ "arch",		required_argument,	NULL, OPT_ARCH },
	{ "domain-type",	required_argument,	NULL, OPT_DOMAIN_TYPE },
	{ "xen-caps",		required_argument,	NULL, OPT_XEN_CAPS },
	{ "timeout",		required_argument,	NULL, OPT_TIMEOUT },
	{ "grub-fstest",	required_argument,	NULL, OPT_GRUB_FSTEST },
	{ "verbose",		no_argument,		NULL, 'v' },
	{ "help",		no_argument,		NULL, 'h' },
	{ "version",		no_argument,		NULL, 'V' },
	{ NULL,			0,			NULL, 0 },
};

static void
usage(void)
{
	printf("Usage: %s [options] <disk>\n"
	    "       %s -l [-J] [options] <disk>...\n"
	    "\n"
	    "Find the guest's pvboot ELF on <disk> (an image file or block\n"
	    "device), check it, copy it out and answer libxl as pygrub does;\n"
	    "or list what each disk holds and whether it boots.\n"
	    "\n"
	    "Options:\n"
	    "  -q, --quiet                  no interactive menu\n"
	    "  -i, --interactive            interactive menu (boot-menu fallback)\n"
	    "  -l, --list-entries           list every candidate, and the verdict\n"
	    "  -J, --json                   -l as JSON\n"
	    "  -n, --not-really             find and check, extract nothing\n"
	    "      --output=<file>          write the answer to <file> ('-': stdout)\n"
	    "      --output-format=<fmt>    sxp (default), simple or simple0\n"
	    "      --output-directory=<dir> where extracted files go\n"
	    "                               [" DEFAULT_OUTPUT_DIR "]\n"
	    "      --runas=<uid>            not as root (libxl's restricted mode);\n"
	    "                               root parses as uids of the run's own\n"
	    "      --kernel=<path>          extract <path> instead of the pvboot ELF\n"
	    "      --ramdisk=<path>         also extract <path> as the ramdisk\n"
	    "      --args=<string>          kernel command line for the answer\n"
	    "      --entry=<n|title>        menu entry (boot-menu fallback)\n"
	    "      --offset=<bytes>         the filesystem starts at <bytes>\n"
	    "      --isconfig               <disk> is a boot config: say what it boots\n"
	    "      --debug                  the same as --verbose\n"
	    "      --arch=<arch>            x86_64, i386 or auto (default)\n"
	    "      --domain-type=<type>     pv (default) or pvh\n"
	    "      --xen-caps=<caps>        the hypervisor's capabilities\n"
	    "      --timeout=<seconds>      give up on the disk after <seconds> [%d]\n"
	    "      --grub-fstest=<path>     GRUB's reader, for btrfs, FAT, ISO 9660,\n"
	    "                               LVM2 and the others [" GRUB_FSTEST "]\n"
	    "  -v, --verbose                trace the search on stderr\n"
	    "\n"
	    "  -h, --help                   display this help\n"
	    "  -V, --version                display version\n",
	    PROGRAM_NAME, PROGRAM_NAME, DEFAULT_TIMEOUT_S);
	exit(EXIT_OK);
}

static void __attribute__((noreturn))
errtryhelp(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n",
	    PROGRAM_NAME);
	exit(EXIT_USAGE);
}

/* Parses a decimal number in [min, max], or exits naming the option. */
static uint64_t
number(const char *s, uint64_t min, uint64_t max, const char *what)
{
	unsigned long long v;
	char *end;

	errno = 0;
	if (*s < '0' || *s > '9')
		errx(EXIT_USAGE, "%s: '%s' is not a number", what, s);
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		errx(EXIT_USAGE, "%s: '%s' is not a number from %" PRIu64
		    " to %" PRIu64, what, s, min, max);
	return v;
}

static void
guest_path(const char **dst, const char *s, const char *what)
{
	if (s[0] != '/' || strlen(s) >= MAX_GUEST_PATH)
		errx(EXIT_USAGE, "%s: '%s' must be an absolute path shorter "
		    "than %d bytes", what, s, MAX_GUEST_PATH);
	*dst = s;
}

/*
 * --entry: a number, a title or id, or GRUB's "submenu>entry".  An empty
 * one, or an empty step ("", ">", "a>"), would boot the first entry
 * without saying so.
 */
static void
entry(struct options *o, const char *s)
{
	const char *p = s;

	for (;;) {
		if (*p == '\0' || *p == '>')
			errx(EXIT_USAGE, "--entry: '%s' has an empty %s", s,
			    strchr(s, '>') != NULL ? "step between '>'" :
			    "name");
		p = strchr(p, '>');
		if (p == NULL)
			break;
		p++;
	}
	o->entry = s;
	o->interactive = false;
}

static int
choice(const char *s, const char *const *names, const char *what)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	warnx("unknown %s '%s'", what, s);
	errtryhelp();
}

static void
defaults(struct options *o)
{
	const char *env;

	memset(o, 0, sizeof(*o));
	o->output_dir = DEFAULT_OUTPUT_DIR;
	o->interactive = true;	/* as pygrub: a menu unless -q or --entry */
	o->args = "";
	o->timeout_s = DEFAULT_TIMEOUT_S;
	o->grub_fstest = GRUB_FSTEST;
	o->max_file_size = (uint64_t)DEFAULT_MAX_FILE_MB << 20;
	/* pygrub's knob for the same limit. */
	env = getenv("PYGRUB_MAX_FILE_SIZE_MB");
	if (env != NULL && *env != '\0')
		o->max_file_size = number(env, 1, MAX_FILE_MB_LIMIT,
		    "PYGRUB_MAX_FILE_SIZE_MB") << 20;
}

static void
parse_long(struct options *o, int c, const char *arg)
{
	static const char *const formats[] = {
		"sxp", "simple", "simple0", NULL,
	};
	static const char *const arches[] = { "auto", "x86_64", "i386", NULL };
	static const char *const types[] = { "pv", "pvh", NULL };

	switch (c) {
	case OPT_OUTPUT:
		o->output = strcmp(arg, "-") == 0 ? NULL : arg;
		break;
	case OPT_OUTPUT_FORMAT:
		o->format = choice(arg, formats, "output format");
		break;
	case OPT_OUTPUT_DIRECTORY:
		o->output_dir = arg;
		break;
	case OPT_RUNAS:
		o->have_runas = true;
		o->runas = (uint32_t)number(arg, 0, UINT32_MAX - 1, "--runas");
		break;
	case OPT_KERNEL:
		guest_path(&o->kernel, arg, "--kernel");
		break;
	case OPT_RAMDISK:
		guest_path(&o->ramdisk, arg, "--ramdisk");
		break;
	case OPT_ARGS:
		if (strlen(arg) >= MAX_ARGS_LEN)
			errx(EXIT_USAGE, "--args: longer than %d bytes",
			    MAX_ARGS_LEN - 1);
		o->args = arg;
		break;
	case OPT_ENTRY:
		entry(o, arg);
		break;
	case OPT_OFFSET:
		o->have_offset = true;
		o->offset = number(arg, 0, INT64_MAX, "--offset");
		break;
	case OPT_ISCONFIG:
		o->isconfig = true;
		break;
	case OPT_ARCH:
		o->arch = choice(arg, arches, "architecture");
		break;
	case OPT_DOMAIN_TYPE:
		o->domain_type = choice(arg, types, "domain type");
		break;
	case OPT_XEN_CAPS:
		o->xen_caps = arg;
		break;
	case OPT_TIMEOUT:
		o->timeout_s = (unsigned int)number(arg, 1, 3600, "--timeout");
		break;
	case OPT_GRUB_FSTEST:
		if (arg[0] != '/')
			errx(EXIT_USAGE, "--grub-fstest: '%s' must be an "
			    "absolute path", arg);
		o->grub_fstest = arg;
		break;
	}
}

static void
parse(struct options *o, int argc, char **argv)
{
	int c;

	defaults(o);
	while ((c = getopt_long(argc, argv, "qilJnvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			o->quiet = true;
			o->interactive = false;
			break;
		case 'i':
			o->interactive = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'J':
			o->list = o->json = true;
			break;
		case 'n':
			o->not_really = true;
			break;
		case 'v':
		case OPT_DEBUG:
			o->verbose++;
			break;
		case 'h':
			usage();
			break;
		case 'V':
			printf("%s %s\n", PROGRAM_NAME, PACKAGE_VERSION);
			exit(EXIT_OK);
		case '?':
			errtryhelp();
		default:
			parse_long(o, c, optarg);
		}
	}
	/* Several disks for a listing; a boot takes one, as libxl passes. */
	if (optind == argc || (optind != argc - 1 && (!o->list ||
	    o->isconfig))) {
		warnx(optind == argc ? "no disk given" : "too many arguments "
		    "(several disks only with -l)");
		errtryhelp();
	}
	o->disk = argv[optind];
	o->disks = argv + optind;
	o->ndisks = argc - optind;
}

/*
 * Started with fd 0, 1 or 2 closed (by a daemon, say), the disk or an
 * output file would be opened as one of them, then taken for stdio:
 * each closed one is /dev/null first, as OpenSSH's sanitise_stdfd().
 */
static void
sanitise_stdfd(void)
{
	int fd;

	while ((fd = open("/dev/null", O_RDWR | O_NOCTTY)) >= 0 &&
	    fd <= STDERR_FILENO)
		;
	if (fd < 0)
		_exit(EXIT_USAGE);	/* no stderr to say it on, maybe */
	close(fd);
}

/*
 * A file-size limit inherited from who started us (ulimit -f), which the
 * child could not raise, becomes the size limit where it is lower: a
 * file over it is refused as too large rather than cut short.
 */
static void
inherited_size_limit(struct options *o)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_max != RLIM_INFINITY &&
	    rl.rlim_max < o->max_file_size) {
		o->max_file_size = rl.rlim_max;
		o->size_by_ulimit = true;
	}
}

int
main(int argc, char **argv)
{
	struct options o;
	int rc;

	sanitise_stdfd();
	/* Only stdio is ours; fds leaked by a caller must not reach a child. */
	closefrom(STDERR_FILENO + 1);
	parse(&o, argc, argv);
	inherited_size_limit(&o);
	stop_init();
	rc = o.list && !o.isconfig ? run_list(&o) : run_boot(&o);
	if (fflush(stdout) != 0 && rc == EXIT_OK)
		rc = EXIT_OUTPUT;
	stop_leave();
#ifdef XENPVBOOT_SANITIZE
	return rc;	/* LeakSanitizer checks at exit() */
#else
	/*
	 * Everything is written and the kernel frees the rest: exit()'s
	 * walk through every library's destructors is time libxl waits
	 * for and nothing needs.
	 */
	_exit(rc);
#endif
}
