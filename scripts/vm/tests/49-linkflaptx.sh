#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# linkflaptx: a TX queue that is stopped (ring full) when the link goes
# down must run again once the link is back.  While the carrier is off
# the completions are cleaned but the queue is not woken (nothing may be
# sent); only the link-up path can wake it.  A driver that forgets leaves
# the queue stopped until the stack's 5-second TX watchdog resets the
# device: ping fails meanwhile and tx_timeouts grows.
#
# The ring is made easy to fill: 64 TX descriptors and the queue vectors'
# interval at 8 ms (QEMU completes a frame at once, so only the driver's
# cleaning, paced by the interrupt, frees descriptors), while txgen
# sends flat out.  The link goes down under that load; a queue still
# stopped once the carrier is off and the completions have been cleaned
# (its tx_queue_N_stops ahead of tx_queue_N_restarts) is the case
# tested.  Up to 6 attempts to catch it.

# stops minus restarts over both TX queues: the queues stopped now (the
# link-up wake is not counted as a restart, so only deltas within one
# attempt mean anything)
tx_stopped_sum() {
	ethtool -S "$1" | awk '
		/^ *tx_queue_[0-9]+_stops:/ { s += $2 }
		/^ *tx_queue_[0-9]+_restarts:/ { s -= $2 }
		END { print s + 0 }'
}

t_linkflaptx() {
	local to0 to1 st0 st1 stopped=0 i pid t0 up_ms
	[ "$DUT" = e82574 ] || skip "reads e82574's per-queue stop counters"
	ensure_up
	need_tool
	slow_ring tx
	to0=$(eth_stat "$IF" tx_timeouts)
	for i in 1 2 3 4 5 6; do
		st0=$(tx_stopped_sum "$IF")
		"$TOOL" txgen --ifname "$IF" --mode csum4 --count 1000000 --size 64 \
			--flows 4 >/dev/null 2>&1 &
		pid=$!
		msleep 400
		ctl "link off" >/dev/null || fail "peer could not take the link down: $CTL_REPLY"
		wait_no_carrier "$IF" 10000 || fail "carrier still up 10 s after link off"
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		# what QEMU completed gets cleaned, with the carrier off
		msleep 300
		st1=$(tx_stopped_sum "$IF")
		stopped=$((st1 - st0))
		ctl "link on" >/dev/null || fail "peer could not bring the link up: $CTL_REPLY"
		wait_carrier "$IF" 10000 || fail "no carrier 10 s after link on"
		echo "attempt $i: TX queues stopped at link down: $stopped"
		[ "$stopped" -le 0 ] || break
		configure "$IF"
	done
	if [ "$stopped" -gt 0 ]; then
		configure "$IF"
		t0=$(now_ms)
		ping_ok -c 1 -W 1 "$PEER4" || ping_ok -c 1 -W 1 "$PEER4" ||
			ping_ok -c 1 -W 1 "$PEER4" ||
			fail "no ping within 3 s of link up: a TX queue stayed stopped"
		up_ms=$(($(now_ms) - t0))
		echo "ping answered $up_ms ms after carrier on"
		# a stuck queue would make the stack's watchdog fire within 5 s
		sleep 6
		to1=$(eth_stat "$IF" tx_timeouts)
		echo "tx_timeouts +$((to1 - to0))"
	fi
	slow_ring_restore
	[ "$stopped" -gt 0 ] ||
		fail "no TX queue was stopped when the link went down in 6 attempts: nothing was tested"
	[ "$to1" = "$to0" ] ||
		fail "the TX watchdog fired $((to1 - to0)) times after link up"
	ping_ok -c 3 -W 2 "$PEER4" || fail "ping after restoring the ring failed"
}
