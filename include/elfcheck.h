/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Is this ELF one the Xen domain builder will accept for the domain?
 * A pure function over the file's bytes: no I/O, no exit, so the same
 * code serves the child, the unit tests and the fuzzer.
 */
#ifndef XENPVBOOT_ELFCHECK_H
#define XENPVBOOT_ELFCHECK_H

#include <stddef.h>

#include "xenpvboot.h"

int	elfcheck(const unsigned char *, size_t, enum arch, char *, size_t);

#endif /* XENPVBOOT_ELFCHECK_H */
