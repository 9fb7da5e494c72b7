#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rings: ethtool -G sets 64 to 4096 descriptors per ring, a multiple of
# 8.  A change reaches the NIC (RDLEN/TDLEN of both queue pairs read back:
# 16 bytes a descriptor) and keeps the RSS state, MTU and features, and
# traffic flows on the new rings; refused sizes (not a multiple of 8, too
# small, too large) leave rings and registers as they were.

. /e82574/rss-lib.sh

# lens: RDLEN0 RDLEN1 TDLEN0 TDLEN1 in bytes
lens() {
	echo $(($(rss_reg 0x2808))) $(($(rss_reg 0x2908))) \
		$(($(rss_reg 0x3808))) $(($(rss_reg 0x3908)))
}

state() {
	rss_snapshot "$IF"
	ip link show "$IF" | grep -o 'mtu [0-9]*'
	ethtool -k "$IF" | grep -v fixed
}

ring_set() {
	ethtool -G "$IF" rx "$1" tx "$2" || fail "ethtool -G rx $1 tx $2 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after -G rx $1 tx $2"
	configure "$IF"
	[ "$(lens)" = "$(($1 * 16)) $(($1 * 16)) $(($2 * 16)) $(($2 * 16))" ] ||
		fail "-G rx $1 tx $2: RDLEN/TDLEN are $(lens)"
	state >/tmp/rings.now
	cmp -s /tmp/rings.want /tmp/rings.now ||
		{ diff /tmp/rings.want /tmp/rings.now; fail "state changed by -G rx $1 tx $2"; }
	rss_check_hw "$IF"
}

t_rings() {
	local before
	[ "$DUT" = e82574 ] || skip "checks e82574's rings"
	ensure_up
	ethtool -X "$IF" weight 1 3 || fail "ethtool -X weight 1 3 failed"
	ip link set "$IF" mtu 4000 || fail "MTU 4000 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after the MTU change"
	configure "$IF"
	state >/tmp/rings.want

	ring_set 512 128
	rx_frames 3000 "send proto=mix flows=512 count=3000 pps=2000 len=64"
	ring_set 4096 4096
	ring_set 64 64
	rx_frames 2000 "send proto=mix flows=256 count=2000 pps=2000 len=1400"

	before=$(lens)
	for bad in "rx 100" "rx 32" "tx 5000" "rx 4104"; do
		ethtool -G "$IF" $bad 2>/dev/null && fail "ethtool -G $bad accepted"
		[ "$(lens)" = "$before" ] || fail "refused -G $bad changed the rings"
	done
	ping_ok -c 2 -W 2 "$PEER4" || fail "no ping after refused sizes"

	ethtool -G "$IF" rx 256 tx 256 || fail "restoring 256/256 failed"
	ip link set "$IF" mtu 1500
	ethtool -X "$IF" default
	wait_carrier "$IF" 10000 || fail "no carrier at the end"
	configure "$IF"
}
