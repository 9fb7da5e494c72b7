/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/align.h>; @a must be a power of two. */
#ifndef _FUZZ_LINUX_ALIGN_H
#define _FUZZ_LINUX_ALIGN_H

#define __ALIGN_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define ALIGN(x, a)		__ALIGN_MASK(x, (__typeof__(x))(a) - 1)
#define ALIGN_DOWN(x, a)	ALIGN((x) - ((a) - 1), (a))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)

#endif /* _FUZZ_LINUX_ALIGN_H */
