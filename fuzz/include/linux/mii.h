/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/mii.h>: the UAPI header has the register
 * numbers and bits (ADVERTISE_*, LPA_*, ...); the kernel's helper
 * functions are not needed.
 */
#ifndef _FUZZ_LINUX_MII_H
#define _FUZZ_LINUX_MII_H

#include_next <linux/mii.h>

#include <linux/bits.h>

#endif /* _FUZZ_LINUX_MII_H */
