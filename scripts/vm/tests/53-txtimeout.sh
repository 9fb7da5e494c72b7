#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# txtimeout: a transmit queue that stops completing is detected by the
# stack's watchdog and the driver recovers by itself.  The fault is planted
# behind the driver's back: TARC0's enable bit is cleared with devmem, so
# QEMU ignores every TDT write of TX queue 0 (the NIC's "queue disabled").
# Sending from CPU 0 (XPS: queue 0) then stalls; byte queue limits are
# capped so the stalled queue is stopped (the stack's watchdog only looks
# at stopped queues, and BQL may have grown large in earlier tests); after
# the 5 s watchdog
# ndo_tx_timeout schedules a reset that rebuilds the rings (TARC written
# back with the enable bit), and traffic flows again with addresses and
# neighbours intact.  The NETDEV WATCHDOG line this provokes is declared.

. /e82574/rss-lib.sh

t_txtimeout() {
	local tarc t0 n i ok bql lim
	ensure_up
	[ "$DUT" = e82574 ] || skip "plants a fault in e82574's TX queue"
	echo 'NETDEV WATCHDOG: .*transmit queue 0 timed out' >/tmp/e82574-expect-dmesg
	t0=$(eth_stat "$IF" tx_timeouts)

	# cap BQL; the cap takes effect at the next completions on queue 0
	bql=/sys/class/net/$IF/queues/tx-0/byte_queue_limits/limit_max
	lim=$(cat "$bql")
	echo 3000 >"$bql" || fail "cannot cap BQL"
	taskset 1 ping -c 2 -W 2 "$PEER4" >/dev/null 2>&1 || fail "ping before the fault failed"

	tarc=$(rss_reg 0x3840)
	echo "TARC0 $tarc"
	[ $((tarc & 0x400)) != 0 ] || fail "TARC0 enable bit not set to begin with"
	devmem $(printf '0x%x' $(($(rss_bar0) + 0x3840))) 32 $((tarc & ~0x400)) ||
		fail "devmem write failed"
	[ $(($(rss_reg 0x3840) & 0x400)) = 0 ] || fail "TARC0 enable bit did not clear"

	# queue 0 is CPU 0's (XPS); its frames now never complete
	taskset 1 ping -c 4 -s 1400 -W 1 "$PEER4" >/dev/null 2>&1 &&
		fail "ping from CPU 0 worked with TX queue 0 disabled"

	ok=0
	i=0
	while [ $i -lt 30 ]; do
		n=$(eth_stat "$IF" tx_timeouts)
		if [ "$n" -gt "$t0" ] && wait_carrier "$IF" 5000 &&
		   taskset 1 ping -c 1 -W 2 "$PEER4" >/dev/null 2>&1; then
			ok=1
			break
		fi
		taskset 1 ping -c 1 -W 1 "$PEER4" >/dev/null 2>&1
		i=$((i + 1))
	done
	echo "$lim" >"$bql"
	for i in 0 1; do
		echo "queue $i: TDH $(rss_reg $((0x3810 + 0x100 * i))) TDT $(rss_reg $((0x3818 + 0x100 * i)))" \
			"bql inflight $(cat /sys/class/net/$IF/queues/tx-$i/byte_queue_limits/inflight)" \
			"tx_timeout $(cat /sys/class/net/$IF/queues/tx-$i/tx_timeout)" \
			"xps_cpus $(cat /sys/class/net/$IF/queues/tx-$i/xps_cpus)" \
			"packets $(eth_stat "$IF" tx_queue_${i}_packets)"
	done
	dmesg | grep -E 'timed out|resetting' | tail -n 3
	[ "$n" -gt "$t0" ] || fail "no TX timeout detected (tx_timeouts $t0 -> $n)"
	[ $ok = 1 ] || fail "TX queue 0 did not recover after the timeout"
	dmesg | grep -q 'NETDEV WATCHDOG: .*transmit queue 0 timed out' ||
		fail "the stack's watchdog line is missing"
	dmesg | grep -q 'resetting after a transmit timeout' ||
		fail "no reset logged by the driver"
	[ $(($(rss_reg 0x3840) & 0x400)) != 0 ] || fail "TARC0 enable bit not restored"
	ip -4 addr show dev "$IF" | grep -q "$GUEST4" || fail "address lost in the reset"
	ping_ok -c 3 -W 2 "$PEER4" || fail "ping after recovery failed"
	rx_frames 1000 "send proto=mix flows=64 count=1000 pps=2000 len=64"
	echo "tx_timeouts $t0 -> $(eth_stat "$IF" tx_timeouts), recovered"
}
