#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mtu9000: jumbo frames both ways, then back to 1500.

t_mtu9000() {
	local mtu0
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
	rx_frames 200 "send proto=mix flows=16 count=200 pps=200 len=8900"
	ip link set "$IF" mtu "$mtu0" || fail "restoring mtu $mtu0 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after restoring mtu $mtu0"
	configure "$IF"
	ping_ok -c 2 -W 3 "$PEER4" || fail "ping after restoring mtu $mtu0 failed"
}
