#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Print -D flags for kernel API features found in the target kernel's
# headers.  Distribution kernels carry backports (Debian 6.12.111+ has
# the 6.17 RSS ethtool API), so features are probed, not version-gated.
#
# Usage: kcompat.sh SRCTREE [OBJTREE]

srctree=$1
objtree=${2:-$1}

hdr() {
	for d in "$srctree" "$objtree"; do
		if [ -f "$d/include/$1" ]; then
			echo "$d/include/$1"
			return
		fi
	done
}

# have NAME HEADER EXTENDED-REGEX
have() {
	f=$(hdr "$2")
	if [ -n "$f" ] && grep -Eq "$3" "$f"; then
		printf ' -DE82574_HAVE_%s' "$1"
	fi
}

have ETHTOOL_RXFH_PARAM linux/ethtool.h 'struct ethtool_rxfh_param \{'
have ETHTOOL_RXFH_FIELDS linux/ethtool.h '\(\*get_rxfh_fields\)'
have ETHTOOL_RX_RING_COUNT linux/ethtool.h '\(\*get_rx_ring_count\)'
have ETHTOOL_PUTS linux/ethtool.h 'void ethtool_puts\('
have NL_SET_ERR_MSG_FMT linux/netlink.h 'define NL_SET_ERR_MSG_FMT_MOD'
have NETIF_QUEUE_SET_NAPI linux/netdevice.h 'void netif_queue_set_napi\('
have NETIF_NAPI_SET_IRQ linux/netdevice.h 'netif_napi_set_irq\('
have NETIF_NAPI_ADD_CONFIG linux/netdevice.h 'netif_napi_add_config\('
have NET_DIM_SAMPLE_PTR linux/dim.h 'void net_dim\(struct dim \*dim, const struct dim_sample \*'
have KERNEL_ETHTOOL_TS_INFO linux/ethtool.h 'struct kernel_ethtool_ts_info \{'
have NDO_HWTSTAMP linux/netdevice.h '\(\*ndo_hwtstamp_set\)'
have GRO_NODE net/gro.h 'void gro_flush\(struct gro_node'
have CC_READ_CONST linux/timecounter.h '\(\*read\)\(const struct cyclecounter'
have NETDEV_STAT_OPS net/netdev_queues.h 'struct netdev_stat_ops \{'
have XDP_FEATURES linux/netdevice.h 'xdp_features_t[[:space:]]+xdp_features;'
have XDP_RELEASE_FRAME net/xdp.h 'void xdp_release_frame\('
have XDP_RXQ_NAPI_ID net/xdp.h 'unsigned int[[:space:]]+napi_id;'

# page_pool: the header was split into net/page_pool/{types,helpers}.h
# (6.6); fragments needed PP_FLAG_PAGE_FRAG until 6.7 (tested in C with
# #ifdef); the napi and netdev parameters came later.
pp=net/page_pool/types.h
[ -n "$(hdr $pp)" ] || pp=net/page_pool.h
have PAGE_POOL_HELPERS_H net/page_pool/helpers.h 'page_pool_dev_alloc_frag'
have PP_PARAMS_NAPI $pp 'struct napi_struct[[:space:]]+\*napi;'
have PP_PARAMS_NETDEV $pp 'struct net_device[[:space:]]+\*netdev;'
have PP_ENABLE_DIRECT_RECYCLING $pp 'void page_pool_enable_direct_recycling\('
echo
