/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every string that came from the guest (a boot menu's title, a path,
 * a reason quoting them) passes here on its way to libxl's console, to
 * /var/log/xen/bootloader.N.log or to a terminal, so that the guest
 * cannot drive them: no ESC, CSI or OSC sequence, no BEL, CR or DEL.
 * As OpenBSD's vis(3) and OpenSSH's snmprintf(): printable ASCII and
 * valid printable UTF-8 stay as they are; every other byte becomes
 * \xNN.  "Printable" leaves out the C0 and C1 controls (the 8-bit CSI
 * is U+009B, or the byte 0x9b alone), and the bidirectional overrides
 * and isolates, which reorder what a reader sees.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "vis.h"

/*
 * The length of the valid UTF-8 sequence at s (2 to 4 bytes), with its
 * code point, or 0: overlong forms, surrogates and values past
 * U+10FFFF are not valid.
 */
size_t
vis_utf8_seq(const unsigned char *s, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len, i;
	uint32_t c;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;	/* also the string's end */
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool
vis_printable(uint32_t c)
{
	if (c >= 0x80 && c <= 0x9f)
		return false;			/* C1 controls */
	if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c)
		return false;			/* bidi marks and overrides */
	return c != 0x2028 && c != 0x2029;	/* line, paragraph separator */
}

/*
 * The next unit of s, written to out (at least 4 bytes): a character
 * that stays, or one byte as \xNN.  Returns the bytes of s used, and
 * the bytes written in *outlen.
 */
static size_t
vis_unit(const unsigned char *s, char *out, size_t *outlen)
{
	uint32_t cp;
	size_t len;

	if (*s >= 0x20 && *s < 0x7f) {
		out[0] = (char)*s;
		*outlen = 1;
		return 1;
	}
	len = *s >= 0x80 ? vis_utf8_seq(s, &cp) : 0;
	if (len > 0 && vis_printable(cp)) {
		memcpy(out, s, len);
		*outlen = len;
		return len;
	}
	snprintf(out, 5, "\\x%02x", *s);
	*outlen = 4;
	return 1;
}

/*
 * src into dst (dstlen bytes with the NUL), escaped; what does not fit
 * is left out, whole characters and escapes only.  Returns the length.
 */
size_t
vis_str(char *dst, size_t dstlen, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	char unit[8];
	size_t used = 0, n, w;

	if (dstlen == 0)
		return 0;
	while (*s != '\0') {
		n = vis_unit(s, unit, &w);
		if (w >= dstlen - used)
			break;
		memcpy(dst + used, unit, w);
		used += w;
		s += n;
	}
	dst[used] = '\0';
	return used;
}

/* s to fp, escaped. */
void
vis_fputs(const char *s, FILE *fp)
{
	const unsigned char *p = (const unsigned char *)s;
	char unit[8];
	size_t w;

	while (*p != '\0') {
		p += vis_unit(p, unit, &w);
		fwrite(unit, 1, w, fp);
	}
}
