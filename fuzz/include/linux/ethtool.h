/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/ethtool.h>: only the default RSS spread
 * helper (entry @index of @n_rx_rings queues gets @index % @n_rx_rings).
 * The UAPI <linux/mii.h> includes this header and needs nothing from it.
 */
#ifndef _FUZZ_LINUX_ETHTOOL_H
#define _FUZZ_LINUX_ETHTOOL_H

#include <linux/types.h>

static inline u32 ethtool_rxfh_indir_default(u32 index, u32 n_rx_rings)
{
	return index % n_rx_rings;
}

#endif /* _FUZZ_LINUX_ETHTOOL_H */
