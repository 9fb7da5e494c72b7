#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mtu9000: jumbo frames both ways, then back to 1500.  e82574 keeps
# 2048-byte receive buffers at every MTU (RCTL.BSIZE 2048, BSEX clear;
# LPE only above 1500), so a jumbo frame spans several descriptors: QEMU's
# trace shows each 8900-byte frame offered to 2048-byte buffers, and the
# peer's pattern check proves the driver put the pieces together intact.

. /e82574/rss-lib.sh

# rctl_check WHAT LPE: RCTL has 2048-byte buffers and LPE set iff LPE=1
rctl_check() {
	local rctl
	rctl=$(rss_reg 0x100)
	echo "RCTL $1: $rctl"
	# BSIZE bits 17:16 and BSEX bit 25 clear: 2048 bytes
	[ $((rctl & 0x2030000)) = 0 ] ||
		fail "RCTL $rctl $1: receive buffers are not 2048 bytes"
	[ $(((rctl >> 5) & 1)) = "$2" ] || fail "RCTL $rctl $1: LPE is not $2"
}

t_mtu9000() {
	local mtu0 p n
	ensure_up
	need_tool
	mtu0=$(cat "/sys/class/net/$IF/mtu")
	trap 'ip link set "$IF" mtu '"$mtu0"' 2>/dev/null' EXIT
	ip link set "$IF" mtu 9000 || fail "ip link set mtu 9000 failed"
	[ "$(cat "/sys/class/net/$IF/mtu")" = 9000 ] || fail "mtu is $(cat "/sys/class/net/$IF/mtu") after setting 9000"
	# some drivers reset the MAC (and bounce the link) on an MTU change
	wait_carrier "$IF" 10000 || fail "no carrier 10 s after the MTU change"
	configure "$IF"
	ping_ok -c 3 -W 3 -s 8900 "$PEER4" || fail "ping -s 8900 $PEER4: not all answered"
	if [ "$DUT" = e82574 ]; then
		rctl_check "at MTU 9000" 1
		trace_on e1000e_rx_has_buffers
		p=$(trace_mark)
	fi
	rx_frames 200 "send proto=mix flows=16 count=200 pps=200 len=8900"
	if [ "$DUT" = e82574 ]; then
		trace_off e1000e_rx_has_buffers
		n=$(trace_count "$p" 'e1000e_rx_has_buffers .*packet size [3-9][0-9]{3}, descr buffer size 2048$')
		echo "frames of 3000-9999 bytes QEMU put in 2048-byte buffers: $n"
		[ "$n" -ge 200 ] ||
			fail "QEMU's trace shows $n jumbo frames spanning 2048-byte buffers, expected 200 or more"
	fi
	ip link set "$IF" mtu "$mtu0" || fail "restoring mtu $mtu0 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after restoring mtu $mtu0"
	configure "$IF"
	ping_ok -c 2 -W 3 "$PEER4" || fail "ping after restoring mtu $mtu0 failed"
	[ "$DUT" != e82574 ] || [ "$mtu0" -gt 1500 ] ||
		rctl_check "back at MTU $mtu0" 0
}
