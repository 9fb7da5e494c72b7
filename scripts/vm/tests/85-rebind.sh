#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rebind: scripts/e82574-bind.sh moves the device from e1000e to e82574 and
# back (--restore) through driver_override, with e1000e loaded explicitly
# (the blacklist only stops alias autoloading).  e82574 mode only.

bind_script() {
	local out rc
	out=$(bash /e82574/e82574-bind.sh "$@" 2>&1)
	rc=$?
	echo "e82574-bind.sh $* -> rc $rc: $out"
	return $rc
}

t_rebind() {
	local bdf dev
	[ "$DUT" = e82574 ] || skip "needs the e82574 driver"
	[ -x /bin/bash ] || fail "bash is not in the initramfs"
	bdf=$(dev_bdf) || fail "no 82574L PCI device"
	dev=/sys/bus/pci/devices/$bdf
	[ -n "$(iface)" ] || load_dut
	ip link set "$(iface)" down

	# hand the device to e1000e first, the way a stock system has it
	echo "$bdf" >"/sys/bus/pci/drivers/$(dev_driver)/unbind" ||
		fail "unbind from $(dev_driver) failed"
	echo >"$dev/driver_override"
	modprobe e1000e || fail "explicit modprobe e1000e failed (blacklist must not stop it)"
	echo "$bdf" >/sys/bus/pci/drivers_probe
	[ "$(dev_driver)" = e1000e ] || fail "setup: device bound to $(dev_driver), not e1000e"

	bind_script "$bdf" || fail "e82574-bind.sh $bdf failed"
	[ "$(dev_driver)" = e82574 ] || fail "after bind: driver $(dev_driver)"
	[ "$(cat "$dev/driver_override")" = e82574 ] ||
		fail "after bind: driver_override '$(cat "$dev/driver_override")'"

	bind_script --restore || fail "e82574-bind.sh --restore failed"
	[ "$(dev_driver)" = e1000e ] || fail "after --restore: driver $(dev_driver)"
	[ "$(cat "$dev/driver_override")" = "(null)" ] ||
		fail "after --restore: driver_override '$(cat "$dev/driver_override")'"

	bind_script || fail "e82574-bind.sh (all devices) failed"
	[ "$(dev_driver)" = e82574 ] || fail "after bind (all): driver $(dev_driver)"

	rmmod e1000e || fail "rmmod e1000e failed"
	[ "$(dev_driver)" = e82574 ] || fail "rmmod e1000e moved the device"
	ensure_up
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after rebinding failed"
}
