#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# features: ethtool -K turns each offload off and on, and off means the
# NIC really stops doing it: with tx off the stack checksums (the driver's
# tx_csum_offload stays put) and the peer still sees correct checksums;
# with tso off the stack segments (tx_tso stays put) and the peer gets
# real TCP segments of at most the MSS; with rx off frames still arrive.
# Link settings are reported (1000 Mb/s full duplex, link detected) and
# refuse 1000 Mb/s half duplex (linkset tests the changes ethtool -s makes).

# feature IF NAME: on|off as ethtool -k shows it
feature() {
	ethtool -k "$1" | awk -v n="$2:" '$1 == n { print $2; exit }'
}

t_features() {
	local c0 t0 out
	ensure_up
	need_tool
	[ "$DUT" = e82574 ] || skip "checks e82574's offload counters"

	ethtool -K "$IF" tx off || fail "ethtool -K tx off failed"
	[ "$(feature "$IF" tx-checksumming)" = off ] || fail "tx-checksumming still on"
	[ "$(feature "$IF" tcp-segmentation-offload)" = off ] ||
		fail "TSO still on without TX checksumming"
	ctl "txstat reset" || fail "txstat reset failed"
	c0=$(eth_stat "$IF" tx_csum_offload)
	timeout 60 "$TOOL" txgen --ifname "$IF" --mode csum4 --count 50 --size 500 ||
		fail "txgen csum4 failed"
	sleep 1
	[ "$(eth_stat "$IF" tx_csum_offload)" = "$c0" ] ||
		fail "tx_csum_offload moved with tx off"
	ctl txstat || fail "txstat failed"
	[ "$(kv bad_l4_csum "$CTL_REPLY")" = 0 ] || fail "bad checksums with tx off: $CTL_REPLY"
	[ "$(kv msgs_ok "$CTL_REPLY")" = 50 ] || fail "not all 50 frames arrived intact: $CTL_REPLY"
	ethtool -K "$IF" tx on || fail "ethtool -K tx on failed"

	ethtool -K "$IF" tso off || fail "ethtool -K tso off failed"
	[ "$(feature "$IF" tcp-segmentation-offload)" = off ] || fail "TSO still on"
	ctl "txstat reset" || fail "txstat reset failed"
	t0=$(eth_stat "$IF" tx_tso)
	timeout 60 "$TOOL" txgen --ifname "$IF" --mode tso4 --count 10 --size 20000 --mss 1400 ||
		fail "txgen tso4 failed"
	sleep 1
	[ "$(eth_stat "$IF" tx_tso)" = "$t0" ] || fail "tx_tso moved with tso off"
	ctl "txstat mss=1400" || fail "txstat failed"
	[ "$(kv segs "$CTL_REPLY")" -ge 150 ] || fail "the stack did not segment: $CTL_REPLY"
	[ "$(kv over_mss "$CTL_REPLY")" = 0 ] || fail "segments over the MSS: $CTL_REPLY"
	[ "$(kv bad_l4_csum "$CTL_REPLY")" = 0 ] || fail "bad checksums with tso off: $CTL_REPLY"
	[ "$(kv msgs_ok "$CTL_REPLY")" = 10 ] || fail "messages damaged with tso off: $CTL_REPLY"
	ethtool -K "$IF" tso on || fail "ethtool -K tso on failed"
	[ "$(feature "$IF" tcp-segmentation-offload)" = on ] || fail "TSO did not come back"

	ethtool -K "$IF" rx off || fail "ethtool -K rx off failed"
	[ "$(feature "$IF" rx-checksumming)" = off ] || fail "rx-checksumming still on"
	rx_frames 500 "send proto=mix flows=64 count=500 pps=2000 len=64"
	ethtool -K "$IF" rx on || fail "ethtool -K rx on failed"

	out=$(ethtool "$IF")
	echo "$out" | grep -E 'Speed|Duplex|Link detected'
	echo "$out" | grep -q 'Speed: 1000Mb/s' || fail "speed not 1000Mb/s"
	echo "$out" | grep -q 'Duplex: Full' || fail "duplex not full"
	echo "$out" | grep -q 'Link detected: yes' || fail "no link detected"
	ethtool -s "$IF" speed 1000 duplex half autoneg off 2>/dev/null &&
		fail "1000 Mb/s half duplex forced accepted"
	ethtool "$IF" | grep -q 'Speed: 1000Mb/s' || fail "speed changed"
	ethtool "$IF" | grep -q 'Auto-negotiation: on' ||
		fail "autonegotiation off after a refused change"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after features failed"
}
