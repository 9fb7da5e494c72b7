/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/ethtool.h>: the UAPI header (SPEED_*,
 * DUPLEX_*, the ETHTOOL_LINK_MODE_* bit numbers) plus the default RSS
 * spread helper (entry @index of @n_rx_rings queues gets
 * @index % @n_rx_rings) and the link mode mask declaration.
 */
#ifndef _FUZZ_LINUX_ETHTOOL_H
#define _FUZZ_LINUX_ETHTOOL_H

#include <linux/types.h>

#include_next <linux/ethtool.h>

#include <linux/bitmap.h>

#define __ETHTOOL_DECLARE_LINK_MODE_MASK(name) \
	DECLARE_BITMAP(name, __ETHTOOL_LINK_MODE_MASK_NBITS)

static inline u32 ethtool_rxfh_indir_default(u32 index, u32 n_rx_rings)
{
	return index % n_rx_rings;
}

#endif /* _FUZZ_LINUX_ETHTOOL_H */
