/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A bzImage's (or a gzip kernel's) ELF header, program headers and
 * notes, reached by decompressing its payload only up to the end of its
 * last PT_NOTE segment, with the decompressor libxenguest itself links
 * (xz, the older lzma, gzip, zstd).  Debian's kernel keeps its notes a
 * third of the way into 66 MB of vmlinux: a boot reads Xen's notes
 * without the whole decompression, which takes a second natively and
 * many under emulation, and which the domain builder does again anyway.
 *
 * What is kept goes into a zeroed image of the size the payload's
 * trailer gives (Linux appends it to every compressed vmlinux; gzip's
 * ISIZE is the same four bytes): pages never written are never touched,
 * so the image costs the few pages kept.  The payload past the notes is
 * the builder's to undo; a boot does not prove it whole, -l does
 * (judge.c).  Guest data throughout: every offset is checked against the
 * image, the decompressor's errors end the peek.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/bytes.h"
#include "kpeek.h"

#define WINDOW		(256 * 1024)	/* decompressed at a time */
#define HEAD		4096	/* kept from the start: the ELF header */
#define MAX_KEEP	8	/* ranges kept: the head, phdrs, notes */
#define MAX_PHNUM	64	/* a kernel has five */
/* The dictionary xz may take: Linux compresses with 32 MiB at most. */
#define XZ_MEMLIMIT	(128ULL << 20)
#define PT_NOTE		4

struct range {
	uint64_t	from, to;
};

struct peek {
	unsigned char	*img;
	uint64_t	 size;		/* the image's, the trailer's */
	uint64_t	 pos;		/* decompressed so far */
	uint64_t	 need;		/* decompress up to here */
	struct range	 keep[MAX_KEEP];
	size_t		 nkeep;
	int		 stage;		/* 0 header, 1 phdrs, 2 notes */
	bool		 elf64;
};

static void
keep(struct peek *p, uint64_t from, uint64_t to)
{
	if (p->nkeep < MAX_KEEP && from < to)
		p->keep[p->nkeep++] = (struct range){ from, to };
}

/* The decompressed bytes at p->pos that a kept range holds, kept. */
static void
store(struct peek *p, const unsigned char *out, uint64_t n)
{
	uint64_t a, b;
	size_t i;

	for (i = 0; i < p->nkeep; i++) {
		a = p->keep[i].from > p->pos ? p->keep[i].from : p->pos;
		b = p->keep[i].to < p->pos + n ? p->keep[i].to : p->pos + n;
		if (a < b)
			memcpy(p->img + a, out + (a - p->pos), b - a);
	}
	p->pos += n;
}

/* The ELF header read: where the program headers are. */
static enum kpeek
header(struct peek *p, char *why, size_t whylen)
{
	const unsigned char *e = p->img;
	uint64_t phoff, entsize, phnum;

	if (memcmp(e, "\177ELF", 4) != 0) {
		snprintf(why, whylen, "its payload does not decompress to an "
		    "ELF");
		return KPEEK_BAD;
	}
	if ((e[4] != 1 && e[4] != 2) || e[5] != 1)
		return KPEEK_CANNOT;	/* libelf's to judge, whole */
	p->elf64 = e[4] == 2;
	phoff = p->elf64 ? le_bytes(e + 32, 8) : le_bytes(e + 28, 4);
	entsize = le_bytes(e + (p->elf64 ? 54 : 42), 2);
	phnum = le_bytes(e + (p->elf64 ? 56 : 44), 2);
	if (phnum == 0 || phnum > MAX_PHNUM || entsize < (p->elf64 ? 56 : 32))
		return KPEEK_CANNOT;
	if (phoff > p->size || entsize * phnum > p->size - phoff) {
		snprintf(why, whylen, "its ELF's program headers lie outside "
		    "its %llu bytes", (unsigned long long)p->size);
		return KPEEK_BAD;
	}
	keep(p, phoff, phoff + entsize * phnum);
	p->need = phoff + entsize * phnum;
	p->stage = 1;
	return KPEEK_OK;
}

/* The program headers read: the notes to keep, and how far to go. */
static enum kpeek
notes(struct peek *p, char *why, size_t whylen)
{
	const unsigned char *e = p->img, *ph;
	uint64_t phoff, entsize, phnum, i, off, len;

	phoff = p->elf64 ? le_bytes(e + 32, 8) : le_bytes(e + 28, 4);
	entsize = le_bytes(e + (p->elf64 ? 54 : 42), 2);
	phnum = le_bytes(e + (p->elf64 ? 56 : 44), 2);
	for (i = 0; i < phnum; i++) {
		ph = e + phoff + i * entsize;
		if (le_bytes(ph, 4) != PT_NOTE)
			continue;
		off = p->elf64 ? le_bytes(ph + 8, 8) : le_bytes(ph + 4, 4);
		len = p->elf64 ? le_bytes(ph + 32, 8) : le_bytes(ph + 16, 4);
		if (off > p->size || len > p->size - off) {
			snprintf(why, whylen, "its ELF's notes lie outside its "
			    "%llu bytes", (unsigned long long)p->size);
			return KPEEK_BAD;
		}
		keep(p, off, off + len);
		if (off + len > p->need)
			p->need = off + len;
	}
	if (p->nkeep <= 2)
		return KPEEK_CANNOT;	/* notes in sections only: whole */
	p->stage = 2;
	return KPEEK_OK;
}

/* After each window: the next stage, once its bytes are in. */
static enum kpeek
advance(struct peek *p, char *why, size_t whylen)
{
	enum kpeek r = KPEEK_OK;

	if (p->stage == 0 && p->pos >= p->need)
		r = header(p, why, whylen);
	if (r == KPEEK_OK && p->stage == 1 && p->pos >= p->need)
		r = notes(p, why, whylen);
	return r;
}

/* Whether the peek has what it came for. */
static bool
done(const struct peek *p)
{
	return p->stage == 2 && p->pos >= p->need;
}

static enum kpeek
ended(struct peek *p, const char *codec, const char *what, char *why,
    size_t whylen)
{
	if (done(p))
		return KPEEK_OK;
	snprintf(why, whylen, "its %s payload %s after %llu of its %llu "
	    "bytes, before its ELF's notes", codec, what,
	    (unsigned long long)p->pos, (unsigned long long)p->size);
	return KPEEK_BAD;
}

static enum kpeek
run_xz(const struct xen_codecs *c, bool legacy, const unsigned char *in,
    uint64_t len, struct peek *p, unsigned char *out, char *why,
    size_t whylen)
{
	lzma_stream s = LZMA_STREAM_INIT;
	enum kpeek r = KPEEK_OK;
	lzma_ret ret;

	if (c->xz_code == NULL || c->xz_end == NULL || (legacy ?
	    c->lzma_init == NULL || c->lzma_init(&s, XZ_MEMLIMIT) != LZMA_OK :
	    c->xz_init == NULL || c->xz_init(&s, XZ_MEMLIMIT, 0) != LZMA_OK))
		return KPEEK_CANNOT;
	s.next_in = in;
	s.avail_in = len;
	while (r == KPEEK_OK && !done(p)) {
		s.next_out = out;
		s.avail_out = WINDOW;
		ret = c->xz_code(&s, LZMA_RUN);
		store(p, out, WINDOW - s.avail_out);
		if ((r = advance(p, why, whylen)) != KPEEK_OK || done(p))
			break;
		if (ret == LZMA_MEM_ERROR || ret == LZMA_MEMLIMIT_ERROR)
			r = KPEEK_CANNOT;	/* the builder may have more */
		else if (ret == LZMA_STREAM_END || (ret == LZMA_OK &&
		    s.avail_in == 0 && s.avail_out == WINDOW))
			r = ended(p, legacy ? "lzma" : "xz", "ends", why, whylen);
		else if (ret != LZMA_OK)
			r = ended(p, legacy ? "lzma" : "xz", "is corrupt", why,
			    whylen);
	}
	c->xz_end(&s);
	return r;
}

static enum kpeek
run_gzip(const struct xen_codecs *c, const unsigned char *in, uint64_t len,
    struct peek *p, unsigned char *out, char *why, size_t whylen)
{
	z_stream z;
	enum kpeek r = KPEEK_OK;
	int ret;

	memset(&z, 0, sizeof(z));
	if (c->gz_init == NULL || c->gz_code == NULL || c->gz_end == NULL ||
	    len > UINT32_MAX || c->gz_init(&z, 16 + MAX_WBITS, ZLIB_VERSION,
	    (int)sizeof(z)) != Z_OK)
		return KPEEK_CANNOT;
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	while (r == KPEEK_OK && !done(p)) {
		z.next_out = out;
		z.avail_out = WINDOW;
		ret = c->gz_code(&z, Z_NO_FLUSH);
		store(p, out, WINDOW - z.avail_out);
		if ((r = advance(p, why, whylen)) != KPEEK_OK || done(p))
			break;
		if (ret == Z_STREAM_END || ret == Z_BUF_ERROR)
			r = ended(p, "gzip", "ends", why, whylen);
		else if (ret != Z_OK)
			r = ended(p, "gzip", "is corrupt", why, whylen);
	}
	c->gz_end(&z);
	return r;
}

static enum kpeek
run_zstd(const struct xen_codecs *c, const unsigned char *in, uint64_t len,
    struct peek *p, unsigned char *out, char *why, size_t whylen)
{
	ZSTD_inBuffer zi = { in, len, 0 };
	ZSTD_outBuffer zo;
	ZSTD_DStream *d;
	enum kpeek r = KPEEK_OK;
	size_t ret;

	if (c->zstd_create == NULL || c->zstd_code == NULL ||
	    c->zstd_free == NULL || c->zstd_is_error == NULL ||
	    (d = c->zstd_create()) == NULL)
		return KPEEK_CANNOT;
	while (r == KPEEK_OK && !done(p)) {
		zo = (ZSTD_outBuffer){ out, WINDOW, 0 };
		ret = c->zstd_code(d, &zo, &zi);
		store(p, out, zo.pos);
		if ((r = advance(p, why, whylen)) != KPEEK_OK || done(p))
			break;
		if (c->zstd_is_error(ret))
			r = ended(p, "zstd", "is corrupt", why, whylen);
		else if (ret == 0 || (zi.pos == zi.size && zo.pos == 0))
			r = ended(p, "zstd", "ends", why, whylen);
	}
	c->zstd_free(d);
	return r;
}

/*
 * Peeks into a kernel kformat.c named bzImage or gzip, of at most max
 * bytes decompressed.  KPEEK_OK with r->image (the caller frees it),
 * KPEEK_BAD with why, or KPEEK_CANNOT: judge it whole instead.
 */
enum kpeek
kpeek(const struct xen_codecs *c, const unsigned char *buf, uint64_t len,
    enum kernel_format f, uint64_t max, struct kpeek_result *r, char *why,
    size_t whylen)
{
	const unsigned char *in;
	const char *codec;
	unsigned char *out;
	struct peek p;
	uint64_t inlen;
	enum kpeek rc = KPEEK_CANNOT;

	memset(r, 0, sizeof(*r));
	memset(&p, 0, sizeof(p));
	codec = kformat_stream(buf, len, f, &in, &inlen);
	if (codec == NULL || inlen < 8)
		return KPEEK_CANNOT;
	p.size = le_bytes(in + inlen - 4, 4);
	if (p.size < 64 || p.size > max)
		return KPEEK_CANNOT;
	p.need = 64;
	keep(&p, 0, p.size < HEAD ? p.size : HEAD);
	out = malloc(WINDOW);
	p.img = calloc(1, (size_t)p.size);
	if (out != NULL && p.img != NULL) {
		if (strcmp(codec, "gzip") == 0)
			rc = run_gzip(c, in, inlen, &p, out, why, whylen);
		else if (strcmp(codec, "zstd") == 0)
			rc = run_zstd(c, in, inlen, &p, out, why, whylen);
		else if (strcmp(codec, "xz") == 0 ||
		    strcmp(codec, "lzma") == 0)
			rc = run_xz(c, codec[0] == 'l', in, inlen, &p, out,
			    why, whylen);
		/* bzip2, lzo, lz4: libxenguest's alone, whole. */
	}
	free(out);
	if (rc != KPEEK_OK) {
		free(p.img);
		return rc;
	}
	*r = (struct kpeek_result){ p.img, p.size, p.pos, codec };
	return KPEEK_OK;
}
