#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rxoverrun: an RX ring run dry (64 descriptors, interrupts held back by
# rx-usecs 8000, the peer sending at 20k frames/s).  QEMU's own trace shows
# the ring dry (e1000e_rx_not_written_to_guest: a frame it had no
# descriptor for, which it holds back and delivers later), and then:
#   - every frame arrives;
#   - no interrupt storm on the link/other vector (ICR.RXO is masked, as
#     in e1000e, but QEMU sets ICR.OTHER for it anyway);
#   - the RX error counters of ip -s link do not move (a frame the NIC
#     drops is in MPC, rx_missed_errors, and nowhere else).

RXO_EVENTS="e1000e_rx_not_written_to_guest"

sysstat() {
	cat "/sys/class/net/$IF/statistics/$1"
}

t_rxoverrun() {
	local n=2000 rx0 us0 ad0 pos dry oi0 oi1 e0 e1 v0 v1 m0 m1
	[ "$DUT" = e82574 ] || skip "checks e82574's interrupts and counters"
	ensure_up
	need_tool
	rx0=$(ring_size "$IF" RX)
	us0=$(coal_usecs "$IF")
	ad0=$(coal_adaptive "$IF")
	[ -n "$rx0" ] && [ -n "$us0" ] && [ -n "$ad0" ] ||
		fail "cannot read the ring size, rx-usecs or adaptive-rx"
	ethtool -C "$IF" adaptive-rx off rx-usecs 8000 || fail "ethtool -C rx-usecs 8000 failed"
	ethtool -G "$IF" rx 64 || fail "ethtool -G rx 64 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after -G rx 64"
	configure "$IF"
	sleep 1
	oi0=$(eth_stat "$IF" other_irqs)
	e0=$(sysstat rx_errors)
	v0=$(sysstat rx_over_errors)
	m0=$(sysstat rx_missed_errors)
	trace_on $RXO_EVENTS
	pos=$(trace_mark)
	rx_frames $n "send proto=udp4 flows=16 count=$n pps=20000 len=64"
	trace_off $RXO_EVENTS
	dry=$(trace_count "$pos" "$RXO_EVENTS")
	oi1=$(eth_stat "$IF" other_irqs)
	e1=$(sysstat rx_errors)
	v1=$(sysstat rx_over_errors)
	m1=$(sysstat rx_missed_errors)
	echo "QEMU: $dry frames held back for a dry ring; other_irqs +$((oi1 - oi0));" \
		"rx_errors +$((e1 - e0)), rx_over_errors +$((v1 - v0))," \
		"rx_missed_errors +$((m1 - m0))"
	ethtool -G "$IF" rx "$rx0" || fail "ethtool -G rx $rx0 (restore) failed"
	wait_carrier "$IF" 10000 || fail "no carrier after -G rx $rx0"
	configure "$IF"
	ethtool -C "$IF" rx-usecs "$us0" || fail "ethtool -C rx-usecs $us0 (restore) failed"
	ethtool -C "$IF" adaptive-rx "$ad0" || fail "ethtool -C adaptive-rx $ad0 (restore) failed"
	[ "${dry:-0}" -gt 0 ] ||
		fail "QEMU never found the ring dry: nothing was tested"
	# QEMU sets ICR.OTHER for an RXO even while RXO is masked, so the
	# other vector may fire about once per held frame (QEMU 7.2 adds
	# extra messages); a storm is without bound
	[ $((oi1 - oi0)) -le $((3 * dry + 8)) ] ||
		fail "other_irqs +$((oi1 - oi0)) for $dry held frames: an interrupt storm"
	[ "$e1" = "$e0" ] || fail "rx_errors +$((e1 - e0)) with no frame lost"
	[ "$v1" = "$v0" ] || fail "rx_over_errors +$((v1 - v0)) with no frame lost"
	[ "$m1" = "$m0" ] || fail "rx_missed_errors +$((m1 - m0)): QEMU lost a frame"
}
