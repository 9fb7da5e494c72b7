/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/bitfield.h>: FIELD_PREP/FIELD_GET for a
 * contiguous, non-zero mask (no compile-time mask checks here).
 */
#ifndef _FUZZ_LINUX_BITFIELD_H
#define _FUZZ_LINUX_BITFIELD_H

#include <linux/bits.h>

#define __bf_shf(mask)		__builtin_ctzll((unsigned long long)(mask))

#define FIELD_PREP(mask, val) \
	((__typeof__(mask))(((__typeof__(mask))(val) << __bf_shf(mask)) & \
			    (mask)))
#define FIELD_GET(mask, reg) \
	((__typeof__(mask))(((reg) & (mask)) >> __bf_shf(mask)))
#define FIELD_FIT(mask, val) \
	(!(((__typeof__(mask))(val) << __bf_shf(mask)) & ~(mask)))
#define FIELD_MAX(mask)		((mask) >> __bf_shf(mask))

#endif /* _FUZZ_LINUX_BITFIELD_H */
