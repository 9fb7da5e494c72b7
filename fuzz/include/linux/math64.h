/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/math64.h>: the 64-bit divisions the
 * e82574 cores use.
 */
#ifndef _FUZZ_LINUX_MATH64_H
#define _FUZZ_LINUX_MATH64_H

#include <linux/types.h>

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

#endif /* _FUZZ_LINUX_MATH64_H */
