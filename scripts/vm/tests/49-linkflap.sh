#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# linkflap: the peer takes the link down and up through QEMU's monitor
# (set_link) three times.  Each change raises LSC on the link vector; the
# carrier must follow every time, and the link vector must fire for every
# change.  On QEMU 7.2 reading ICR does not clear it under MSI-X, so a
# driver that does not clear the causes by writing ICR gets the first
# LSC only (later ones are never signalled) and would be left to its
# 2-second watchdog: the interrupt count tells the two apart.

t_linkflap() {
	local i lc0 lc1 oi0 oi1 t0 down_ms up_ms
	ensure_up
	[ "$DUT" = e82574 ] || skip "counts e82574's link vector"
	need_tool
	lc0=$(eth_stat "$IF" link_changes)
	oi0=$(eth_stat "$IF" other_irqs)
	for i in 1 2 3; do
		t0=$(now_ms)
		ctl "link off" || fail "peer could not take the link down: $CTL_REPLY"
		wait_no_carrier "$IF" 10000 || fail "carrier still up 10 s after link off ($i)"
		down_ms=$(($(now_ms) - t0))
		t0=$(now_ms)
		ctl "link on" || fail "peer could not bring the link up: $CTL_REPLY"
		wait_carrier "$IF" 10000 || fail "no carrier 10 s after link on ($i)"
		up_ms=$(($(now_ms) - t0))
		echo "flap $i: carrier off after $down_ms ms, on after $up_ms ms"
	done
	lc1=$(eth_stat "$IF" link_changes)
	oi1=$(eth_stat "$IF" other_irqs)
	echo "link_changes +$((lc1 - lc0)), link vector interrupts +$((oi1 - oi0))"
	[ $((lc1 - lc0)) = 6 ] || fail "link_changes +$((lc1 - lc0)), expected +6"
	[ $((oi1 - oi0)) -ge 6 ] ||
		fail "the link vector fired $((oi1 - oi0)) times for 6 link changes"
	configure "$IF"
	ping_ok -c 3 -W 2 "$PEER4" || fail "ping after the link flaps failed"
}
