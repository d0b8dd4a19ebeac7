/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Finds the first boot configuration on a filesystem, in pygrub's order,
 * and reads it into a menu: grub2 (with its grubenv, and the BLS entries
 * when it runs blscfg), extlinux/isolinux, or GRUB legacy.  Every file
 * is read whole, within a size bound, and parsed in memory.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bls.h"
#include "bootcfg.h"
#include "extlinux.h"
#include "grub2.h"
#include "legacy.h"

enum kind { GRUB2, EXTLINUX, LEGACY };

static const struct {
	const char	*path;
	enum kind	 kind;
} places[] = {
	{ "/boot/grub/grub.cfg", GRUB2 },
	{ "/grub/grub.cfg", GRUB2 },
	{ "/boot/grub2/grub.cfg", GRUB2 },
	{ "/grub2/grub.cfg", GRUB2 },
	{ "/boot/isolinux/isolinux.cfg", EXTLINUX },
	/* Where installer ISOs keep it (Debian's, CentOS's, Fedora's). */
	{ "/isolinux/isolinux.cfg", EXTLINUX },
	{ "/boot/extlinux/extlinux.conf", EXTLINUX },
	{ "/boot/extlinux.conf", EXTLINUX },
	{ "/extlinux/extlinux.conf", EXTLINUX },
	{ "/extlinux.conf", EXTLINUX },
	{ "/boot/grub/menu.lst", LEGACY },
	{ "/boot/grub/grub.conf", LEGACY },
	{ "/grub/menu.lst", LEGACY },
	{ "/grub/grub.conf", LEGACY },
};

/*
 * Reads a small file whole (NUL-terminated).  Returns 1 and the buffer,
 * 0 when it is absent, -1 with why.
 */
int
bootcfg_slurp(struct guestfs *g, const char *path, size_t max, char **buf,
    size_t *len, char *why, size_t whylen)
{
	struct fs_file f;
	char reason[256];
	enum fs_lookup r;

	*buf = NULL;
	r = fs_lookup(g, path, &f, reason, sizeof(reason));
	if (r == FS_ABSENT)
		return 0;
	if (r == FS_BAD) {
		snprintf(why, whylen, "%s: %s", path, reason);
		return -1;
	}
	if (f.size > max) {
		snprintf(why, whylen, "%s: %llu bytes, over %zu", path,
		    (unsigned long long)f.size, max);
		return -1;
	}
	*buf = malloc((size_t)f.size + 1);
	if (*buf == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if (fs_read(g, &f, *buf, reason, sizeof(reason)) != 0) {
		snprintf(why, whylen, "%s: %s", path, reason);
		free(*buf);
		*buf = NULL;
		return -1;
	}
	(*buf)[f.size] = '\0';
	*len = (size_t)f.size;
	return 1;
}

static void
dir_of(const char *path, char *dir, size_t len)
{
	const char *slash = strrchr(path, '/');

	snprintf(dir, len, "%.*s", slash == path ? 1 : (int)(slash - path),
	    path);
}

/* FNV-1a, 64 bits: grubenv's bytes in its identity, not a secret. */
static uint64_t
fnv1a(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

/*
 * grub-reboot's next_entry: GRUB boots it once and clears it.  Named
 * for the host by the grubenv's inode, change time (where the reader
 * knows them: not GRUB's), size and bytes; where the host says this
 * disk booted it already, it is cleared here, as GRUB would have.
 */
static void
next_once(struct guestfs *g, struct menu *m, const char *path,
    const char *text, size_t len, const struct menu_host *host)
{
	const char *next = menu_env(m, "next_entry");
	struct fs_file f = { 0 };
	char why[128];
	size_t i;

	if (next == NULL || next[0] == '\0' || host == NULL ||
	    host->once == NULL)
		return;
	snprintf(m->next_entry, sizeof(m->next_entry), "%s", next);
	if (fs_lookup(g, path, &f, why, sizeof(why)) != FS_FOUND ||
	    f.ctime_ns == 0)
		snprintf(m->env_id, sizeof(m->env_id), "- - %zu %016" PRIx64,
		    len, fnv1a(text, len));
	else
		snprintf(m->env_id, sizeof(m->env_id), "%" PRIu64 " %" PRId64
		    " %zu %016" PRIx64, f.ino, f.ctime_ns, len,
		    fnv1a(text, len));
	host->once(host->ctx, m);
	for (i = 0; m->once_spent && i < m->nenv; i++)
		if (strcmp(m->env[i].name, "next_entry") == 0)
			m->env[i].value[0] = '\0';
}

static int
load_grubenv(struct guestfs *g, struct menu *m, const char *dir,
    const struct menu_host *host, char *why, size_t whylen)
{
	char path[MAX_GUEST_PATH], *buf;
	size_t len;
	int r;

	snprintf(path, sizeof(path), "%s/grubenv", dir);
	r = bootcfg_slurp(g, path, 64 * 1024, &buf, &len, why, whylen);
	if (r == 1) {
		menu_load_env(m, buf, len);
		next_once(g, m, path, buf, len, host);
	}
	free(buf);
	return r < 0 ? -1 : 0;
}

/* Newest first, as GRUB's blscfg orders the entries: by the name. */
static int
newest_name_first(const void *x, const void *y)
{
	char a[FS_NAME_MAX], b[FS_NAME_MAX];

	snprintf(a, sizeof(a), "%.*s", (int)(strlen(x) - 5), (const char *)x);
	snprintf(b, sizeof(b), "%.*s", (int)(strlen(y) - 5), (const char *)y);
	return -bls_vercmp(a, b);
}

/*
 * The entries' file names (*.conf), newest first: all of them are
 * sorted before the cap, so that a new kernel's entry is never the one
 * left out.  Returns how many, or -1.
 */
static int
bls_names(struct guestfs *g, const char *dir, char (*names)[FS_NAME_MAX],
    size_t *n, char *why, size_t whylen)
{
	size_t i, k = 0, len;
	int r;

	r = fs_list(g, dir, names, BOOTCFG_MAX_BLS_NAMES, n, why, whylen);
	if (r != 0)
		return r;
	for (i = 0; i < *n; i++) {
		len = strlen(names[i]);
		if (len >= 6 && strcmp(names[i] + len - 5, ".conf") == 0)
			memmove(names[k++], names[i], sizeof(names[0]));
	}
	*n = k;
	qsort(names, k, sizeof(names[0]), newest_name_first);
	return 0;
}

/* The BLS entries, after a grub.cfg that ran blscfg. */
static int
load_bls(struct guestfs *g, struct menu *m, const char *cfg, char *why,
    size_t whylen)
{
	const char *dir = strncmp(cfg, "/boot/", 6) == 0 ?
	    "/boot/loader/entries" : "/loader/entries";
	char (*names)[FS_NAME_MAX], path[MAX_GUEST_PATH], *buf;
	size_t n, i, len, first = m->n;
	int rc = -1, r;

	names = calloc(BOOTCFG_MAX_BLS_NAMES, sizeof(*names));
	if (names == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	r = bls_names(g, dir, names, &n, why, whylen);
	if (r != 0) {
		rc = r > 0 ? 0 : -1;
		goto out;
	}
	if (n > BOOTCFG_MAX_BLS) {
		m->bls_dropped = n - BOOTCFG_MAX_BLS;
		n = BOOTCFG_MAX_BLS;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (bootcfg_slurp(g, path, 64 * 1024, &buf, &len, why, whylen) != 1 ||
		    bls_parse(buf, len, names[i], m, why, whylen) != 0) {
			free(buf);
			goto out;
		}
		free(buf);
	}
	bls_sort(m, first);
	rc = 0;
out:
	free(names);
	return rc;
}

/* Text built up to BOOTCFG_MAX_SIZE, an include's lines spliced in. */
struct text {
	char	*p;
	size_t	 len;
};

static int
add_text(struct text *t, const char *s, size_t n, char *why, size_t whylen)
{
	char *p;

	if (n > BOOTCFG_MAX_SIZE - t->len) {
		snprintf(why, whylen, "over %d bytes with its includes",
		    BOOTCFG_MAX_SIZE);
		return -1;
	}
	p = realloc(t->p, t->len + n + 1);
	if (p == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	memcpy(p + t->len, s, n);
	t->p = p;
	t->len += n;
	t->p[t->len] = '\0';
	return 0;
}

/* The file an "include FILE" or "menu include FILE [tag]" line names. */
static bool
include_line(const char *line, size_t n, const char *dir, char *path,
    size_t pathlen)
{
	char buf[MAX_GUEST_PATH], word[16], file[MAX_GUEST_PATH];
	int k = 0;

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, line, n);
	buf[n] = '\0';
	if (sscanf(buf, " %15s %n", word, &k) != 1)
		return false;
	if (strcasecmp(word, "menu") == 0) {
		int k2 = 0;

		if (sscanf(buf + k, "%15s %n", word, &k2) != 1)
			return false;
		k += k2;
	}
	if (strcasecmp(word, "include") != 0 ||
	    sscanf(buf + k, "%1023s", file) != 1)
		return false;
	if (file[0] == '/')
		snprintf(path, pathlen, "%s", file);
	else
		snprintf(path, pathlen, "%s%s%s", dir, strcmp(dir, "/") == 0 ?
		    "" : "/", file);
	return true;
}

/*
 * The includes of one config: each file read once (memoised: a file
 * included twice at each level would otherwise be read 2^depth times,
 * each read a GRUB reader's run on an ISO), and the graph bounded in
 * files and in splices, each bound named when it is hit.
 */
struct includes {
	struct guestfs	*g;
	struct {
		char	 path[MAX_GUEST_PATH];
		char	*text;		/* NULL: absent */
		size_t	 len;
	} file[BOOTCFG_MAX_INCLUDE_FILES];
	int		 nfile;
	int		 spliced;
};

/* The text of an include: 1, 0 when absent, -1 (why). */
static int
include_text(struct includes *inc, const char *path, const char **text,
    size_t *len, char *why, size_t whylen)
{
	char *buf;
	int i, r;

	for (i = 0; i < inc->nfile; i++)
		if (strcmp(inc->file[i].path, path) == 0)
			break;
	if (i == inc->nfile) {
		if (inc->nfile == BOOTCFG_MAX_INCLUDE_FILES) {
			snprintf(why, whylen, "more than %d files included",
			    BOOTCFG_MAX_INCLUDE_FILES);
			return -1;
		}
		r = bootcfg_slurp(inc->g, path, BOOTCFG_MAX_SIZE, &buf,
		    &inc->file[i].len, why, whylen);
		if (r < 0)
			return -1;
		snprintf(inc->file[i].path, sizeof(inc->file[i].path), "%s",
		    path);
		inc->file[i].text = r == 1 ? buf : NULL;
		inc->nfile++;
	}
	*text = inc->file[i].text;
	*len = inc->file[i].len;
	return *text != NULL;
}

/*
 * syslinux's includes, spliced in where they stand, their relative
 * paths taken from the config's directory (syslinux's working
 * directory); an absent one is left out, as syslinux goes on without
 * it.  A loop ends at the depth bound; a flood at the bounds on
 * splices and on the text's size, and says so.
 */
static int
expand(struct includes *inc, const char *dir, const char *text, size_t len,
    struct text *out, int depth, char *why, size_t whylen)
{
	const char *p = text, *end = text + len, *nl, *sub;
	char path[MAX_GUEST_PATH];
	size_t n, sublen;
	int r;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		if (include_line(p, n, dir, path, sizeof(path)) &&
		    depth < BOOTCFG_MAX_INCLUDE_DEPTH) {
			if (++inc->spliced > BOOTCFG_MAX_INCLUDES) {
				snprintf(why, whylen, "more than %d includes",
				    BOOTCFG_MAX_INCLUDES);
				return -1;
			}
			r = include_text(inc, path, &sub, &sublen, why, whylen);
			if (r < 0)
				return -1;
			if (r == 1 && (expand(inc, dir, sub, sublen, out,
			    depth + 1, why, whylen) != 0 || add_text(out, "\n",
			    1, why, whylen) != 0))
				return -1;
		} else if (add_text(out, p, n, why, whylen) != 0)
			return -1;
		p += n;
	}
	return 0;
}

static int
parse_extlinux(struct guestfs *g, struct bootcfg *b, const char *dir,
    const char *text, size_t len, char *why, size_t whylen)
{
	struct text all = { NULL, 0 };
	struct includes *inc;
	int rc, i;

	inc = calloc(1, sizeof(*inc));
	if (inc == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	inc->g = g;
	rc = expand(inc, dir, text, len, &all, 0, why, whylen);
	if (rc == 0)
		rc = extlinux_parse(all.p != NULL ? all.p : "", all.len, dir,
		    &b->menu, why, whylen);
	for (i = 0; i < inc->nfile; i++)
		free(inc->file[i].text);
	free(inc);
	free(all.p);
	return rc;
}

static int
parse(struct guestfs *g, struct bootcfg *b, enum kind kind, const char *text,
    size_t len, const struct menu_host *host, char *why, size_t whylen)
{
	char dir[MAX_GUEST_PATH];

	dir_of(b->path, dir, sizeof(dir));
	if (kind == EXTLINUX)
		return parse_extlinux(g, b, dir, text, len, why, whylen);
	if (load_grubenv(g, &b->menu, dir, kind == GRUB2 ? host : NULL, why,
	    whylen) != 0)
		return -1;
	if (kind == LEGACY)
		return legacy_parse(text, len, &b->menu, why, whylen);
	if (grub2_parse(text, len, &b->menu, host, why, whylen) != 0)
		return -1;
	if (!b->menu.bls)
		return 0;
	/* blscfg ran in the config a configfile read: entries beside it. */
	if (b->menu.config[0] != '\0' && host != NULL &&
	    (g = host->fs(host->ctx, b->menu.config_dev)) != NULL)
		return load_bls(g, &b->menu, b->menu.config, why, whylen);
	return load_bls(g, &b->menu, b->path, why, whylen);
}

/*
 * Reads the first configuration found.  Returns 1 with b->menu filled,
 * 0 when there is none here, or -1 with why (which names the file).
 * host answers grub.cfg's device model (NULL: none).
 */
int
bootcfg_read(struct guestfs *g, struct bootcfg *b, const struct menu_host *host,
    char *why, size_t whylen)
{
	char *text = NULL, reason[256];
	size_t i, len;
	int r;

	menu_init(&b->menu);
	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		r = bootcfg_slurp(g, places[i].path, BOOTCFG_MAX_SIZE, &text, &len,
		    why, whylen);
		if (r == 0)
			continue;
		if (r < 0)
			return -1;
		snprintf(b->path, sizeof(b->path), "%s", places[i].path);
		r = parse(g, b, places[i].kind, text, len, host, reason,
		    sizeof(reason));
		free(text);
		if (r != 0)
			snprintf(why, whylen, "%s: %s", b->path, reason);
		return r == 0 ? 1 : -1;
	}
	return 0;
}

/* Names in byte order: the ESP's directories are tried in it. */
static int
by_name(const void *x, const void *y)
{
	return strcmp(x, y);
}

/*
 * A UEFI install's stub on its ESP, /EFI/<distro>/grub.cfg (Debian's,
 * Fedora's, Ubuntu's), which finds /boot by UUID and configfiles the
 * real grub.cfg: the first of the first BOOTCFG_MAX_ESP directories in
 * byte order that has one.  As bootcfg_read().
 */
int
bootcfg_read_esp(struct guestfs *g, struct bootcfg *b,
    const struct menu_host *host, char *why, size_t whylen)
{
	char (*names)[FS_NAME_MAX], path[MAX_GUEST_PATH], reason[256];
	char *text = NULL;
	size_t i, n = 0, len;
	int r = 0;

	menu_init(&b->menu);
	names = calloc(BOOTCFG_MAX_ESP, sizeof(*names));
	if (names == NULL) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	if (fs_list(g, "/EFI", names, BOOTCFG_MAX_ESP, &n, reason,
	    sizeof(reason)) != 0)
		n = 0;		/* no /EFI: no stub */
	qsort(names, n, sizeof(names[0]), by_name);
	for (i = 0; i < n && r == 0; i++) {
		snprintf(path, sizeof(path), "/EFI/%s/grub.cfg", names[i]);
		r = bootcfg_slurp(g, path, BOOTCFG_MAX_SIZE, &text, &len, why,
		    whylen);
	}
	free(names);
	if (r <= 0)
		return r;
	snprintf(b->path, sizeof(b->path), "%s", path);
	r = parse(g, b, GRUB2, text, len, host, reason, sizeof(reason));
	free(text);
	if (r != 0)
		snprintf(why, whylen, "%s: %s", b->path, reason);
	return r == 0 ? 1 : -1;
}

/*
 * --isconfig: a configuration handed to us as a file, its format told
 * by its name as pygrub tells it (no grubenv or BLS entries beside it).
 */
int
bootcfg_parse_named(const char *name, const char *text, size_t len,
    struct menu *m, char *why, size_t whylen)
{
	const char *base = strrchr(name, '/');

	base = base != NULL ? base + 1 : name;
	menu_init(m);
	if (strstr(base, "extlinux") != NULL || strstr(base, "isolinux") !=
	    NULL || strstr(base, "syslinux") != NULL)
		return extlinux_parse(text, len, "/", m, why, whylen);
	if (strcmp(base, "menu.lst") == 0 || strcmp(base, "grub.conf") == 0)
		return legacy_parse(text, len, m, why, whylen);
	return grub2_parse(text, len, m, NULL, why, whylen);
}
