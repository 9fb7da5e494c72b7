#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ptp: the PTP hardware clock and time stamping (ethtool -T, /dev/ptpN,
# SIOCSHWTSTAMP, SO_TIMESTAMPING).
#
# QEMU 10's e1000e models SYSTIM (counting from QEMU's virtual clock) and
# TIMINCA, but latches no packet stamp: it never sets TSYNCRXCTL/TSYNCTXCTL
# VALID nor the descriptor's TST bit, and traces e1000e_wrn_no_ts_support
# for a TX descriptor with the TSTAMP bit.  So this test checks the clock
# (it runs at the right rate; settime, adjtime and adjfine move it by the
# right amount; it stays continuous across ifdown/ifup and a suspend
# cycle), the configuration ioctls (accepted, mapped and refused filters;
# kept across ifdown/ifup), and that a TX stamp request reaches the
# descriptor (the trace event) and is given up after the driver's 1 s
# timeout (tx_hwtstamp_timeouts).  RX/TX hardware stamp delivery is not
# testable on these models.
#
# QEMU 7.2's e1000e has no SYSTIM: there the test checks the fallback (no
# PHC, software stamping only, SIOCSHWTSTAMP refused).

. /e82574/rss-lib.sh

ptp_need() {
	[ "$DUT" = e82574 ] || skip "checks e82574's PHC"
	ensure_up
	TS=$(ethtool -T "$IF") || fail "ethtool -T failed"
	PHC=$(echo "$TS" | awk -F': *' '/PTP Hardware Clock/ { print $2 }')
}

# ppm_near GOT WANT TOL: |GOT - WANT| <= TOL
ppm_near() {
	d=$(($1 - $2))
	[ $d -lt 0 ] && d=$((-d))
	[ $d -le $3 ]
}

t_ptp_fallback() {
	echo "$TS" | sed 's/^/  /'
	case "$PHC" in
	none | -1 | "") ;;
	*) fail "QEMU 7.2 has no SYSTIM, yet a PHC $PHC is offered" ;;
	esac
	dmesg | grep -q "no PTP clock" || fail "no 'no PTP clock' line in dmesg"
	echo "$TS" | grep -q "software-transmit" ||
		fail "software TX stamps not offered"
	out=$("$TOOL" hwtstamp "$IF" 1 12 2>&1) &&
		fail "SIOCSHWTSTAMP accepted without a PHC: $out"
	echo "  SIOCSHWTSTAMP: $out"
	ping -c 2 -W 2 "$PEER4" >/dev/null || fail "ping fails without a PHC"
}

t_ptp() {
	local dev out ppm o0 o1 p0 p1 to0 to1 tp
	ptp_need
	if [ "$(cmdline_get e82574_qemu)" = 7.2 ]; then
		t_ptp_fallback
		return
	fi
	echo "$TS" | sed 's/^/  /'
	case "$PHC" in
	[0-9]*) ;;
	*) fail "no PTP Hardware Clock in ethtool -T (dmesg: $(dmesg | grep -m1 'PTP clock'))" ;;
	esac
	for cap in hardware-transmit hardware-receive hardware-raw-clock \
		ptpv2-event ptpv1-l4-sync all; do
		echo "$TS" | grep -q "$cap" || fail "ethtool -T lacks $cap"
	done
	dev=/dev/ptp$PHC
	[ -c "$dev" ] || fail "$dev missing"
	dmesg | grep -m1 "PTP clock ptp" | sed 's/^/  /'

	# It runs, at the rate of the system clock (TCG: a few % of jitter).
	ppm=$(kv ppm "$("$TOOL" phc "$dev" rate 2000)") || fail "phc rate failed"
	echo "  rate at 0 ppb: $ppm ppm"
	ppm_near "$ppm" 0 20000 || fail "PHC runs $ppm ppm off the system clock"

	# settime: reads back the time set (plus the time the calls took).
	"$TOOL" phc "$dev" set 1000000000 || fail "settime failed"
	p0=$(kv phc "$("$TOOL" phc "$dev" get)")
	echo "  after settime 1e9 s: $p0 ns"
	[ "$p0" -ge 1000000000000000000 ] && [ "$p0" -lt 1000000002000000000 ] ||
		fail "settime 1000000000 s read back $p0 ns"

	# adjtime: +10 s and -2.5 s move it against CLOCK_BOOTTIME by that much.
	o0=$(kv off "$("$TOOL" phc "$dev" boot-off)")
	"$TOOL" phc "$dev" adj 10000000000 || fail "adjtime +10 s failed"
	o1=$(kv off "$("$TOOL" phc "$dev" boot-off)")
	echo "  adjtime +10 s moved it $((o1 - o0)) ns"
	ppm_near $(((o1 - o0) / 1000)) 10000000 50000 ||
		fail "adjtime +10 s moved the PHC $((o1 - o0)) ns"
	"$TOOL" phc "$dev" adj -2500000000 || fail "adjtime -2.5 s failed"
	o0=$(kv off "$("$TOOL" phc "$dev" boot-off)")
	echo "  adjtime -2.5 s moved it $((o0 - o1)) ns"
	ppm_near $(((o0 - o1) / 1000)) -2500000 50000 ||
		fail "adjtime -2.5 s moved the PHC $((o0 - o1)) ns"

	# adjfine: +5% and -3% show in the measured rate; 0 restores it.
	for ppb in 50000000 -30000000 0; do
		"$TOOL" phc "$dev" freq $ppb || fail "adjfine $ppb ppb failed"
		ppm=$(kv ppm "$("$TOOL" phc "$dev" rate 2000)")
		echo "  rate at $ppb ppb: $ppm ppm"
		ppm_near "$ppm" $((ppb / 1000)) 20000 ||
			fail "adjfine $ppb ppb: PHC runs $ppm ppm"
	done
	"$TOOL" phc "$dev" freq 150000000 2>/dev/null &&
		fail "adjfine beyond max_adj accepted"

	# Configuration: v2 L4 event (6) maps to v2 event (12); NTP (15) is
	# refused and leaves it so; PTP v1 L4 event (3) maps to all (1).
	out=$("$TOOL" hwtstamp "$IF" 1 6) || fail "SIOCSHWTSTAMP on/v2-l4-event: $out"
	[ "$out" = "tx=1 rx=12" ] || fail "v2 L4 event gave '$out', not tx=1 rx=12"
	out=$("$TOOL" hwtstamp "$IF" 1 15 2>&1) && fail "NTP filter accepted: $out"
	echo "  NTP filter: $out"
	out=$("$TOOL" hwtstamp "$IF") || fail "SIOCGHWTSTAMP: $out"
	[ "$out" = "tx=1 rx=12" ] || fail "refused filter changed the config to '$out'"
	out=$("$TOOL" hwtstamp "$IF" 2 12 2>&1) && fail "TX type onestep accepted: $out"
	out=$("$TOOL" hwtstamp "$IF" 1 3) || fail "SIOCSHWTSTAMP v1-l4-event: $out"
	[ "$out" = "tx=1 rx=1" ] || fail "v1 L4 event gave '$out', not tx=1 rx=1"
	v=$(rss_reg 0xb620)
	echo "  TSYNCRXCTL $v TSYNCTXCTL $(rss_reg 0xb614)"
	[ $((v & 0x1e)) = $((0x18)) ] || fail "TSYNCRXCTL $v: not enabled for all"
	out=$("$TOOL" hwtstamp "$IF" 1 12) || fail "SIOCSHWTSTAMP v2-event: $out"

	# A TX stamp request reaches the descriptor; QEMU latches nothing, so
	# the driver gives up after 1 s.  (With a hardware stamp pending the
	# kernel sends no software one: SKBTX_IN_PROGRESS.)
	to0=$(eth_stat "$IF" tx_hwtstamp_timeouts)
	trace_on e1000e_wrn_no_ts_support
	tp=$(trace_mark)
	out=$("$TOOL" tstamp-tx "$IF" "$PEER4") || fail "tstamp-tx: $out"
	echo "  TX stamps, hardware on: $out"
	trace_off e1000e_wrn_no_ts_support
	[ "$(trace_count "$tp" e1000e_wrn_no_ts_support)" -ge 1 ] ||
		fail "no TX descriptor with TSTAMP reached QEMU"
	to1=$(eth_stat "$IF" tx_hwtstamp_timeouts)
	[ "$to1" = $((to0 + 1)) ] ||
		fail "tx_hwtstamp_timeouts $to0 -> $to1, expected +1"
	# With TX hardware stamps off, the software stamp (skb_tx_timestamp).
	out=$("$TOOL" hwtstamp "$IF" 0 12) || fail "SIOCSHWTSTAMP off: $out"
	out=$("$TOOL" tstamp-tx "$IF" "$PEER4") || fail "tstamp-tx: $out"
	echo "  TX stamps, hardware off: $out"
	case "$out" in
	"sw=1 hw=0"*) ;;
	*) fail "TX hardware stamps off: $out, expected sw=1 hw=0" ;;
	esac
	out=$("$TOOL" hwtstamp "$IF" 1 12) || fail "SIOCSHWTSTAMP on: $out"

	# ifdown/ifup resets the MAC: clock and configuration survive.
	"$TOOL" phc "$dev" freq 0 >/dev/null
	o0=$(kv off "$("$TOOL" phc "$dev" boot-off)")
	ip link set "$IF" down
	ip link set "$IF" up
	o1=$(kv off "$("$TOOL" phc "$dev" boot-off)")
	echo "  ifdown/ifup: PHC moved $((o1 - o0)) ns against boot time"
	ppm_near $(((o1 - o0) / 1000)) 0 20000 ||
		fail "ifdown/ifup moved the PHC $((o1 - o0)) ns"
	out=$("$TOOL" hwtstamp "$IF") || fail "SIOCGHWTSTAMP after ifup: $out"
	[ "$out" = "tx=1 rx=12" ] || fail "config after ifdown/ifup: '$out'"
	v=$(rss_reg 0xb620)
	[ $((v & 0x1e)) = $((0x1a)) ] || fail "TSYNCRXCTL $v after ifup"
	ppm=$(kv ppm "$("$TOOL" phc "$dev" rate 1000)")
	ppm_near "$ppm" 0 20000 || fail "after ifup the PHC runs $ppm ppm off"

	# A suspend cycle (devices stage) keeps it continuous too.
	o0=$(kv off "$("$TOOL" phc "$dev" boot-off)")
	echo devices >/sys/power/pm_test || fail "cannot set pm_test devices"
	echo mem >/sys/power/state || { echo none >/sys/power/pm_test; fail "suspend cycle failed"; }
	echo none >/sys/power/pm_test
	wait_carrier "$IF" 10000 || fail "no carrier after resume"
	o1=$(kv off "$("$TOOL" phc "$dev" boot-off)")
	echo "  suspend/resume: PHC moved $((o1 - o0)) ns against boot time"
	ppm_near $(((o1 - o0) / 1000)) 0 20000 ||
		fail "suspend/resume moved the PHC $((o1 - o0)) ns"
	out=$("$TOOL" hwtstamp "$IF")
	[ "$out" = "tx=1 rx=12" ] || fail "config after resume: '$out'"
	"$TOOL" hwtstamp "$IF" 0 0 >/dev/null
	ping -c 2 -W 2 "$PEER4" >/dev/null || fail "ping fails after the test"
}
