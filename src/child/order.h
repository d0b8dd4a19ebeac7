/* SPDX-License-Identifier: GPL-2.0-only */
/* The parsing child's whole job (order.c): find, check and send the boot files. */
#ifndef XENPVBOOT_ORDER_H
#define XENPVBOOT_ORDER_H

#include "session.h"
#include "xenpvboot.h"

int	order_run(const struct options *o, const struct runtime *rt,
	    const struct session_io *io);

#endif /* XENPVBOOT_ORDER_H */
