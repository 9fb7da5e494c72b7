#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# badinput: invalid MTUs and MAC addresses are refused (non-zero exit) and
# leave the MTU / MAC unchanged, with the link up and down.  A valid MAC
# change while down must succeed (so the refusals are about the values).

t_badinput() {
	local mtu0 mac0 st
	ensure_up
	mtu0=$(cat "/sys/class/net/$IF/mtu")
	mac0=$(cat "/sys/class/net/$IF/address")
	for st in up down; do
		ip link set "$IF" "$st"
		ip link set "$IF" mtu 0 2>/dev/null && fail "mtu 0 accepted (link $st)"
		ip link set "$IF" mtu 20000 2>/dev/null && fail "mtu 20000 accepted (link $st)"
		ip link set "$IF" address 01:00:5e:00:00:01 2>/dev/null &&
			fail "multicast MAC accepted (link $st)"
		ip link set "$IF" address 00:00:00:00:00:00 2>/dev/null &&
			fail "all-zero MAC accepted (link $st)"
		[ "$(cat "/sys/class/net/$IF/mtu")" = "$mtu0" ] ||
			fail "mtu changed to $(cat "/sys/class/net/$IF/mtu") (link $st)"
		[ "$(cat "/sys/class/net/$IF/address")" = "$mac0" ] ||
			fail "MAC changed to $(cat "/sys/class/net/$IF/address") (link $st)"
	done
	ip link set "$IF" address 52:54:00:12:34:57 ||
		fail "valid MAC change refused while down"
	[ "$(cat "/sys/class/net/$IF/address")" = 52:54:00:12:34:57 ] ||
		fail "valid MAC change did not take"
	ip link set "$IF" address "$mac0" || fail "restoring MAC $mac0 failed"
	ip link set "$IF" up || fail "link up failed"
	wait_carrier "$IF" 10000 || fail "no carrier after badinput"
	configure "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after badinput failed"
}
