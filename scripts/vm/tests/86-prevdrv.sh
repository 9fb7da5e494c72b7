#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# prevdrv: e82574 takes over a device another driver configured.  The
# in-tree e1000e is bound, brought up with MTU 9000 and used; it is
# unbound, and what it left behind is made worse through BAR0 (every RETA
# entry on queue 1, RSS and extended descriptors off, e1000e's IVAR and an
# all-causes IMS).  Then e82574 is bound: the link comes up, ping works,
# its RSS state is the default one in ethtool -x and in the NIC's own
# registers, and 2000 new flows land exactly where key and table say.

. /e82574/rss-lib.sh

# bind_to DRIVER: hand the 82574L to DRIVER through driver_override
bind_to() {
	local bdf dev
	bdf=$(dev_bdf)
	dev=/sys/bus/pci/devices/$bdf
	[ "$(dev_driver)" = none ] ||
		echo "$bdf" >"/sys/bus/pci/drivers/$(dev_driver)/unbind"
	echo "$1" >"$dev/driver_override"
	echo "$bdf" >/sys/bus/pci/drivers_probe
	[ "$(dev_driver)" = "$1" ] || fail "device bound to $(dev_driver), not $1"
}

t_prevdrv() {
	local r
	[ "$DUT" = e82574 ] || skip "the takeover is e82574's"
	[ -n "$(iface)" ] || load_dut
	ip link set "$(iface)" down
	modprobe e1000e || fail "modprobe e1000e failed"
	bind_to e1000e
	i=0
	while [ -z "$(iface)" ] && [ $i -lt 50 ]; do msleep 100; i=$((i + 1)); done
	IF=$(iface)
	ip link set "$IF" mtu 9000 || fail "e1000e: MTU 9000 failed"
	ip link set "$IF" up || fail "e1000e: link up failed"
	wait_carrier "$IF" 10000 || fail "e1000e: no carrier"
	configure "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "e1000e: no ping"
	echo "$(dev_bdf)" >/sys/bus/pci/drivers/e1000e/unbind

	for r in $(seq 0 31); do
		devmem $(printf '0x%x' $(($(rss_bar0) + 0x5c00 + 4 * r))) 32 0x80808080
	done
	devmem $(printf '0x%x' $(($(rss_bar0) + 0x5818))) 32 0	# MRQC
	devmem $(printf '0x%x' $(($(rss_bar0) + 0x5008))) 32 0	# RFCTL
	devmem $(printf '0x%x' $(($(rss_bar0) + 0xe4))) 32 0x800A0908	# IVAR
	devmem $(printf '0x%x' $(($(rss_bar0) + 0xd0))) 32 0x01F00000	# IMS
	echo "left behind: RETA0 $(rss_reg 0x5c00) MRQC $(rss_reg 0x5818) RFCTL $(rss_reg 0x5008) IVAR $(rss_reg 0xe4)"

	bind_to e82574
	echo >"/sys/bus/pci/devices/$(dev_bdf)/driver_override"
	rmmod e1000e
	ensure_up
	ping_ok -c 3 -W 2 "$PEER4" || fail "e82574 after e1000e: no ping"
	ping_ok -c 2 -W 2 "$PEER6" || fail "e82574 after e1000e: no ping6"
	[ "$(rss_zeros "$(rss_table "$IF")")" = 64 ] ||
		fail "ethtool -x after takeover is not the default spread"
	rss_check_hw "$IF"
	rss_check 2000 "send proto=tcp4,tcp6,udp4,udp6 flows=2000 count=2000 pps=3000 len=16 seed=$(date +%s) first=40000 run=8601" ||
		fail "steering after takeover: $RSS_OUT"
}
