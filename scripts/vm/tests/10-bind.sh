#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# bind: the driver under test owns the 82574L; e1000e stays off it.
# With E82574_DUT=e82574 the blacklist file is in /etc/modprobe.d, so the
# udev-style alias load (modprobe -b <modalias>) must load e82574 only.

t_bind() {
	local bdf dev alias drv info
	bdf=$(dev_bdf) || fail "no 8086:10d3/10f6 PCI device"
	dev=/sys/bus/pci/devices/$bdf
	alias=$(cat "$dev/modalias")
	echo "device $bdf, modalias $alias"
	if [ "$DUT" = e82574 ]; then
		[ -f /etc/modprobe.d/e82574-blacklist.conf ] ||
			fail "e82574-blacklist.conf not installed in /etc/modprobe.d"
		echo "alias resolves to: $(modprobe -R "$alias" 2>&1 | tr '\n' ' ')"
		# what udev does when the device appears
		modprobe -b "$alias" || fail "modprobe -b $alias failed"
	fi
	modprobe "$DUT" || fail "modprobe $DUT failed"
	load_dut
	drv=$(dev_driver)
	echo "driver symlink: $drv"
	[ "$drv" = "$DUT" ] || fail "$bdf bound to '$drv', expected $DUT"
	if [ "$DUT" = e82574 ]; then
		mod_loaded e1000e && fail "e1000e is loaded despite the blacklist"
		[ -e /sys/bus/pci/drivers/e1000e/$bdf ] && fail "e1000e bound to $bdf"
	fi
	info=$(ethtool -i "$(iface)") || fail "ethtool -i $(iface) failed"
	echo "$info"
	echo "$info" | grep -qx "driver: $DUT" ||
		fail "ethtool -i: $(echo "$info" | grep '^driver:'), expected $DUT"
	echo "$info" | grep -qx "bus-info: $bdf" ||
		fail "ethtool -i: $(echo "$info" | grep '^bus-info:'), expected $bdf"
}
