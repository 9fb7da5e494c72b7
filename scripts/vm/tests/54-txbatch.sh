#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# txbatch: the doorbell under xmit_more.  The kernel's packet generator
# (pktgen) sends 3200 UDP frames on queue 0 in bursts of 96, each burst
# passed to the driver with xmit_more set on all but its last frame, into
# a 64-descriptor TX ring: every burst is larger than the ring, so the
# queue stops part-way through each one, with frames written behind a
# tail that nobody else will move (pktgen ends the burst there, on a frame
# that had xmit_more).  QEMU's register-write trace counts the writes of
# TDT (queue 0's tail, 0x3818):
#   - far fewer than frames: the driver defers the tail write while more
#     frames follow (at most one write per 4 frames is required here);
#   - every frame still reaches the peer and no TX queue times out: the
#     tail is written when the queue stops mid-batch.
# Both can fail (QEMU 7.2, 6.12): a driver that writes the tail after
# every frame gave 3201 writes for 3200 frames; with bursts of 32 (the
# test before) a driver that never wrote the tail on a stop still passed,
# as earlier, already written frames completed and woke the queue.
# The 64/256 TX ring size is restored afterwards.

TDT0=0x3818

pg() {
	echo "$2" >"/proc/net/pktgen/$1" || fail "pktgen $1: '$2' refused"
}

txbatch_cleanup() {
	[ -e /proc/net/pktgen/kpktgend_0 ] &&
		echo rem_device_all >/proc/net/pktgen/kpktgend_0 2>/dev/null
	trace_off e1000e_core_write 2>/dev/null
	ethtool -G "$IF" tx "$TXB_TX0" >/dev/null 2>&1
}

t_txbatch() {
	local n=3200 burst=96 pos tdt res sent t0 udp
	ensure_up
	need_tool
	[ "$DUT" = e82574 ] || skip "counts e82574's doorbell writes"
	modprobe pktgen 2>/dev/null || skip "no pktgen module in this kernel"
	[ -e /proc/net/pktgen/kpktgend_0 ] || fail "pktgen loaded but no kpktgend_0"
	TXB_TX0=$(ring_size "$IF" TX)
	trap txbatch_cleanup EXIT
	ethtool -G "$IF" tx 64 || fail "ethtool -G tx 64 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after ethtool -G"
	configure "$IF"

	echo rem_device_all >/proc/net/pktgen/kpktgend_0
	pg kpktgend_0 "add_device $IF"
	pg "$IF" "count $n"
	pg "$IF" "pkt_size 200"
	pg "$IF" "burst $burst"
	pg "$IF" "delay 0"
	pg "$IF" "queue_map_min 0"
	pg "$IF" "queue_map_max 0"
	pg "$IF" "dst $PEER4"
	pg "$IF" "dst_mac $PEER_MAC"
	pg "$IF" "udp_dst_min 9"
	pg "$IF" "udp_dst_max 9"

	t0=$(eth_stat "$IF" tx_timeouts)
	ctl "txstat reset" || fail "txstat reset failed"
	trace_on e1000e_core_write
	pos=$(trace_mark)
	echo start >/proc/net/pktgen/pgctrl
	sleep 2
	trace_off e1000e_core_write
	res=$(grep -A2 '^Result' "/proc/net/pktgen/$IF")
	echo "$res"
	# "Result: OK: T(cT1+dT2) usec, SENT (SIZEbyte,0frags)"; the last
	# burst may carry it a few frames past the count
	sent=$(echo "$res" | sed -n 's/.* usec, \([0-9]*\) (.*/\1/p')
	[ -n "$sent" ] && [ "$sent" -ge $n ] ||
		fail "pktgen sent ${sent:-?} of $n frames: $res"
	tdt=$(trace_count "$pos" "Write to register $TDT0,")
	ctl txstat || fail "txstat failed"
	udp=$(kv udp "$CTL_REPLY")
	ethtool -S "$IF" | grep -E 'tx_queue_0_(packets|restarts)|tx_timeouts'
	echo "$sent frames in bursts of $burst into a 64-descriptor ring: $tdt TDT writes, peer got $udp UDP frames"
	[ "$(eth_stat "$IF" tx_timeouts)" = "$t0" ] ||
		fail "a TX queue timed out (frames left behind an unwritten tail)"
	# the host socket towards the peer may drop a few of a burst this fast
	[ "$udp" -ge $((sent * 99 / 100)) ] ||
		fail "peer got $udp of $sent frames"
	[ "$tdt" -ge 1 ] || fail "no TDT write seen in QEMU's trace"
	[ $((tdt * 4)) -le "$sent" ] ||
		fail "$tdt TDT writes for $sent frames sent with xmit_more: the doorbell is not deferred"
	txbatch_cleanup
	trap - EXIT
	wait_carrier "$IF" 10000 || fail "no carrier after restoring the ring size"
	configure "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after txbatch failed"
}
