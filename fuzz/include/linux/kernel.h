/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the parts of <linux/kernel.h> the e82574 cores
 * reach through it: limits, ARRAY_SIZE, DIV_ROUND_UP, min/max, ALIGN,
 * the printf family and varargs.
 */
#ifndef _FUZZ_LINUX_KERNEL_H
#define _FUZZ_LINUX_KERNEL_H

#include <stdarg.h>
#include <stdio.h>

#include <linux/align.h>
#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/types.h>

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define round_up(x, y)		ALIGN(x, y)
#define round_down(x, y)	((x) & ~((__typeof__(x))(y) - 1))

/* vsnprintf() and snprintf() are the C library's: same contract. */

#endif /* _FUZZ_LINUX_KERNEL_H */
