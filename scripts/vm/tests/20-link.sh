#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# link: carrier 1 and operstate UP within 5 s of `ip link set up`.

t_link() {
	local t0 dt
	[ -n "$(iface)" ] || load_dut
	IF=$(iface)
	ip link set "$IF" down || fail "ip link set down failed"
	[ "$(cat /sys/class/net/$IF/operstate)" = down ] ||
		fail "operstate $(cat /sys/class/net/$IF/operstate) after link down"
	t0=$(now_ms)
	ip link set "$IF" up || fail "ip link set up failed"
	wait_carrier "$IF" 5000 ||
		fail "carrier=$(cat /sys/class/net/$IF/carrier) operstate=$(cat /sys/class/net/$IF/operstate) 5 s after link up"
	dt=$(($(now_ms) - t0))
	echo "carrier + operstate up after $dt ms"
	ip link show "$IF"
}
