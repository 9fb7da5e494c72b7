#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# reload20: 20 x (link down; rmmod; modprobe; configure; link up; carrier)
# under 1000 frames/s of background traffic; afterwards traffic works and
# MemAvailable did not drop by more than 12 MiB (after 3 warm-up reloads;
# see 70-updown50.sh for the bound);
# no page pool keeps pages in flight after a last rmmod.

. /e82574/tests/70-updown50.sh

reload_once() {
	ip link set "$IF" down || fail "link down $1 failed"
	rmmod "$DUT" || fail "rmmod $DUT $1 failed"
	mod_loaded "$DUT" && fail "$DUT still loaded after rmmod $1"
	[ "$(dev_driver)" = none ] || fail "device still bound to $(dev_driver) after rmmod $1"
	load_dut
	[ "$(dev_driver)" = "$DUT" ] || fail "device bound to $(dev_driver) after modprobe $1"
	IF=$(iface)
	configure "$IF"
	ip link set "$IF" up || fail "link up $1 failed"
	wait_carrier "$IF" 10000 || fail "no carrier 10 s after reload $1"
}

t_reload20() {
	cycles_under_traffic 20 reload reload_once
	# the page pools of the last instance give every page back at rmmod
	ip link set "$IF" down || fail "link down before the last rmmod failed"
	rmmod "$DUT" || fail "last rmmod $DUT failed"
	pp_released "after rmmod"
	load_dut
	IF=$(iface)
	configure "$IF"
	ip link set "$IF" up || fail "link up after the last reload failed"
	wait_carrier "$IF" 10000 || fail "no carrier after the last reload"
}
