/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/minmax.h>.  Each argument is evaluated
 * once.  Unlike the kernel, mixed types are not diagnosed; the kernel
 * build (scripts/check.sh) does that.
 */
#ifndef _FUZZ_LINUX_MINMAX_H
#define _FUZZ_LINUX_MINMAX_H

#define min(x, y) ({				\
	__typeof__(x) _min_a = (x);		\
	__typeof__(y) _min_b = (y);		\
	_min_a < _min_b ? _min_a : _min_b; })

#define max(x, y) ({				\
	__typeof__(x) _max_a = (x);		\
	__typeof__(y) _max_b = (y);		\
	_max_a > _max_b ? _max_a : _max_b; })

#define min_t(type, x, y)	min((type)(x), (type)(y))
#define max_t(type, x, y)	max((type)(x), (type)(y))
#define clamp(val, lo, hi)	min(max(val, lo), hi)
#define clamp_t(type, val, lo, hi) \
	min_t(type, max_t(type, val, lo), hi)

#endif /* _FUZZ_LINUX_MINMAX_H */
