#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# drvload: CTRL_EXT.DRV_LOAD (bit 28) tells manageability firmware that a
# driver owns the device: set while e82574 is bound (up or down), clear
# once it is unloaded, set again after it is loaded (read with devmem).

. /e82574/rss-lib.sh

drv_load() {
	echo $((($(rss_reg 0x18) >> 28) & 1))
}

t_drvload() {
	[ "$DUT" = e82574 ] || skip "checks e82574's ownership handling"
	ensure_up
	echo "up: CTRL_EXT $(rss_reg 0x18)"
	[ "$(drv_load)" = 1 ] || fail "DRV_LOAD clear while the interface is up"
	ip link set "$IF" down
	[ "$(drv_load)" = 1 ] || fail "DRV_LOAD clear while bound but down"
	rmmod e82574 || fail "rmmod e82574 failed"
	echo "unloaded: CTRL_EXT $(rss_reg 0x18)"
	[ "$(drv_load)" = 0 ] || fail "DRV_LOAD still set after rmmod"
	load_dut
	[ "$(drv_load)" = 1 ] || fail "DRV_LOAD clear after modprobe"
	ensure_up
	ping_ok -c 2 -W 2 "$PEER4" || fail "no ping after reload"
}
