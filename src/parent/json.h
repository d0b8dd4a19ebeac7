/* SPDX-License-Identifier: GPL-2.0-only */
/* JSON for -l --json (json.c): a writer, into a bounded buffer. */
#ifndef XENPVBOOT_JSON_H
#define XENPVBOOT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_DEPTH	8
#define JSON_MAX	(16u << 20)	/* what one disk's object may take */

struct json {
	char	*buf;
	size_t	 len, cap;
	bool	 full;		/* past JSON_MAX: the rest is left out */
	int	 depth;
	int	 base;		/* the depth it is indented from */
	bool	 more[JSON_DEPTH];	/* a value written at that depth */
	bool	 keyed;		/* a key written, its value next */
};

void	json_init(struct json *j, int depth);
void	json_free(struct json *j);
void	json_open(struct json *j, char bracket);
void	json_close(struct json *j, char bracket);
void	json_key(struct json *j, const char *key);
void	json_str(struct json *j, const char *s);
void	json_str_or_null(struct json *j, const char *s);
void	json_uint(struct json *j, uint64_t v);
void	json_bool(struct json *j, bool b);
void	json_null(struct json *j);
void	json_splice(struct json *j, const struct json *items);
/* "key": value, the pairs an object is made of. */
void	json_kstr(struct json *j, const char *key, const char *s);
void	json_kstr_or_null(struct json *j, const char *key, const char *s);
void	json_kuint(struct json *j, const char *key, uint64_t v);
void	json_kbool(struct json *j, const char *key, bool b);

#endif /* XENPVBOOT_JSON_H */
