#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rxmode: the receive filters set by ndo_set_rx_mode and the MAC address.
# The peer sends 100 UDP frames to a chosen destination MAC; the driver's
# rx_packets counter says how many the NIC let through:
#   foreign unicast           0, and 100 in promiscuous mode
#   multicast not joined      0, 100 once joined (multicast table), 0 after
#                             leaving, 100 with allmulticast
#   after a MAC change        100 to the new address, 0 to the old one
# The 82574 (and QEMU's model) also lets unicast frames through the
# multicast table's inexact hash of address bytes 4-5; with IPv6 the old
# link-local address's solicited-node group hashes exactly like the old
# MAC, so IPv6 is off while the old MAC is checked.

# expect DMAC N WHAT: N of 100 frames sent to DMAC are received
expect() {
	local n
	n=$(peer_delivered "dmac=$1" | tail -n1)
	echo "$3: $n of 100 frames to $1 delivered"
	[ "$n" = "$2" ] || fail "$3: $n of 100 frames to $1 delivered, expected $2"
}

t_rxmode() {
	local mac0 other=52:54:00:aa:bb:cc grp=01:00:5e:01:02:03
	ensure_up
	need_tool
	mac0=$(cat "/sys/class/net/$IF/address")

	expect "$other" 0 "foreign unicast"
	ip link set "$IF" promisc on || fail "promisc on failed"
	expect "$other" 100 "foreign unicast, promiscuous"
	ip link set "$IF" promisc off || fail "promisc off failed"
	expect "$other" 0 "foreign unicast after promiscuous off"

	expect "$grp" 0 "multicast group not joined"
	ip maddr add "$grp" dev "$IF" || fail "ip maddr add failed"
	expect "$grp" 100 "multicast group joined"
	ip maddr del "$grp" dev "$IF" || fail "ip maddr del failed"
	expect "$grp" 0 "multicast group left"
	ip link set "$IF" allmulticast on || fail "allmulticast on failed"
	expect 01:00:5e:05:06:07 100 "any multicast, allmulticast"
	ip link set "$IF" allmulticast off || fail "allmulticast off failed"
	expect 01:00:5e:05:06:07 0 "any multicast after allmulticast off"
	expect ff:ff:ff:ff:ff:ff 100 "broadcast"

	echo 1 >"/proc/sys/net/ipv6/conf/$IF/disable_ipv6"
	ip link set "$IF" address 52:54:00:12:34:57 || fail "MAC change failed"
	expect 52:54:00:12:34:57 100 "new MAC"
	expect "$mac0" 0 "old MAC after the change"
	ip link set "$IF" address "$mac0" || fail "restoring the MAC failed"
	expect "$mac0" 100 "original MAC again"
	expect 52:54:00:12:34:57 0 "the other MAC after changing back"
	echo 0 >"/proc/sys/net/ipv6/conf/$IF/disable_ipv6"
	configure "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after rxmode failed"
}
