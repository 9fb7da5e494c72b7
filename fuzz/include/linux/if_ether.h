/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/if_ether.h>: the UAPI header has every
 * constant the cores use (ETH_ALEN, ETH_FRAME_LEN, ETH_FCS_LEN, ...).
 */
#ifndef _FUZZ_LINUX_IF_ETHER_H
#define _FUZZ_LINUX_IF_ETHER_H

#include_next <linux/if_ether.h>

#endif /* _FUZZ_LINUX_IF_ETHER_H */
