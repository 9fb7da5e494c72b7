/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/linkmode.h>: the link mode mask helpers
 * the hardware core uses, over the bitmap shim.  The kernel's header
 * brings <linux/kernel.h> (ARRAY_SIZE ...) along; so does this one.
 */
#ifndef _FUZZ_LINUX_LINKMODE_H
#define _FUZZ_LINUX_LINKMODE_H

#include <linux/bitmap.h>
#include <linux/ethtool.h>
#include <linux/kernel.h>

static inline int linkmode_test_bit(int nr, const unsigned long *addr)
{
	return test_bit(nr, addr);
}

static inline void linkmode_set_bit(int nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= 1UL << (nr % BITS_PER_LONG);
}

static inline void linkmode_clear_bit(int nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~(1UL << (nr % BITS_PER_LONG));
}

static inline void linkmode_copy(unsigned long *dst, const unsigned long *src)
{
	bitmap_copy(dst, src, __ETHTOOL_LINK_MODE_MASK_NBITS);
}

static inline void linkmode_zero(unsigned long *dst)
{
	bitmap_zero(dst, __ETHTOOL_LINK_MODE_MASK_NBITS);
}

static inline int linkmode_empty(const unsigned long *src)
{
	return bitmap_empty(src, __ETHTOOL_LINK_MODE_MASK_NBITS);
}

#endif /* _FUZZ_LINUX_LINKMODE_H */
