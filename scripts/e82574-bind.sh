#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Coexistence with the in-tree e1000e driver on a real machine.
#
# e1000e and e82574 both match the 82574L IDs (8086:10d3, 8086:10f6); the
# first to probe wins.  Two ways to give a device to e82574:
#
#  1. Per device, at run time (this script):
#       scripts/e82574-bind.sh [BDF...]            e1000e -> e82574
#       scripts/e82574-bind.sh --restore [BDF...]  e82574 -> e1000e
#     Without BDFs, every 8086:10d3 / 8086:10f6 device is moved.  For each
#     device: unbind it from its current driver, write the target driver's
#     name to /sys/bus/pci/devices/<BDF>/driver_override (only that driver
#     may bind it from then on), load the target module, and write the BDF
#     to /sys/bus/pci/drivers_probe.  --restore binds e1000e the same
#     way, then clears driver_override again (the stock state).  Not
#     persistent across reboots.
#
#  2. Globally, persistently: install scripts/e82574-blacklist.conf as
#     /etc/modprobe.d/e82574-blacklist.conf ("blacklist e1000e": stops alias
#     autoloading of e1000e only; an explicit modprobe still works) and
#     update the initramfs.
#
# BDFs may be given with or without the 0000: domain.  Prints the final
# binding of each device.  Exit status non-zero if any device did not end up
# bound to the requested driver.
set -euo pipefail

die() { echo "e82574-bind: error: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root"

SYS=${E82574_SYSFS:-/sys}
target=e82574
if [ "${1:-}" = "--restore" ]; then
	target=e1000e
	shift
fi
case "${1:-}" in
-h | --help)
	sed -n '3,/^set -euo/p' "$0" | sed -n 's/^# \{0,1\}//p'
	exit 0
	;;
esac

devices=()
if [ $# -gt 0 ]; then
	for b in "$@"; do
		case "$b" in
		*:*:*.*) ;;
		*:*.*) b=0000:$b ;;
		*) die "not a PCI address: $b" ;;
		esac
		[ -e "$SYS/bus/pci/devices/$b" ] || die "no such PCI device: $b"
		devices+=("$b")
	done
else
	for d in "$SYS"/bus/pci/devices/*; do
		[ -e "$d/vendor" ] || continue
		[ "$(cat "$d/vendor")" = 0x8086 ] || continue
		case "$(cat "$d/device")" in
		0x10d3 | 0x10f6) devices+=("$(basename "$d")") ;;
		esac
	done
	[ ${#devices[@]} -gt 0 ] || die "no 82574L (8086:10d3/10f6) devices found"
fi

cur_driver() {
	local l=$SYS/bus/pci/devices/$1/driver
	if [ -L "$l" ]; then basename "$(readlink "$l")"; else echo none; fi
}

modprobe "$target" 2>/dev/null || [ -d "$SYS/bus/pci/drivers/$target" ] ||
	die "cannot load $target"

rc=0
for b in "${devices[@]}"; do
	dev=$SYS/bus/pci/devices/$b
	was=$(cur_driver "$b")
	if [ "$was" != none ] && [ "$was" != "$target" ]; then
		echo "$b" >"$dev/driver/unbind"
	fi
	# the override makes sure the target, not whichever driver registered
	# first, gets the device
	echo "$target" >"$dev/driver_override"
	if [ "$(cur_driver "$b")" = none ]; then
		echo "$b" >"$SYS/bus/pci/drivers_probe" 2>/dev/null || true
	fi
	if [ "$target" = e1000e ]; then
		# back to stock: an empty write clears the override (it does
		# not unbind)
		echo >"$dev/driver_override"
	fi
	now=$(cur_driver "$b")
	echo "$b: $was -> $now"
	if [ "$now" != "$target" ]; then
		echo "e82574-bind: $b is bound to '$now', not $target" >&2
		rc=1
	fi
done
exit $rc
