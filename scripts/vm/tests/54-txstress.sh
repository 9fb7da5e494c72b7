#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# txstress: four transmitters pinned to CPUs 0-3 (XPS: queue 0 gets CPUs 0
# and 2, queue 1 CPUs 1 and 3) send checksum-offloaded frames at once, so
# transmit on one CPU races with TX completion (NAPI) on another.  Every
# frame must reach the peer intact (no pattern or checksum error), no TX
# queue may time out, and TX still works afterwards.  (Before TX cleaning
# waited for next_to_watch, this corrupted frames and wedged queue 0.)

t_txstress() {
	local n=1500 cpu pids t0 total
	ensure_up
	need_tool
	[ "$DUT" = e82574 ] || skip "checks e82574's TX path"
	t0=$(eth_stat "$IF" tx_timeouts)
	ctl "txstat reset" || fail "txstat reset failed"
	pids=
	for cpu in 0 1 2 3; do
		taskset $((1 << cpu)) "$TOOL" txgen --ifname "$IF" --mode csum4 \
			--count $n --size 600 --flows 8 --first-flow $((8 * cpu)) \
			>/tmp/txgen.$cpu 2>&1 &
		pids="$pids $!"
	done
	for p in $pids; do
		wait "$p" || fail "a txgen instance failed: $(cat /tmp/txgen.*)"
	done
	sleep 2
	total=$((4 * n))
	ctl txstat || fail "txstat failed"
	ethtool -S "$IF" | grep -E 'tx_queue_[01]_packets|tx_timeouts|tx_restart'
	cat /tmp/txgen.*
	# A burst this size may lose a few frames before the driver (qdisc) or
	# after it (the host's UDP socket towards the peer); corruption and
	# stalls are the driver's.
	[ "$(kv msgs "$CTL_REPLY")" -ge $((total * 99 / 100)) ] ||
		fail "peer got $(kv msgs "$CTL_REPLY") of $total frames"
	[ "$(kv pattern_err "$CTL_REPLY")" = 0 ] || fail "corrupted payloads: $CTL_REPLY"
	[ "$(kv bad_l4_csum "$CTL_REPLY")" = 0 ] || fail "bad checksums: $CTL_REPLY"
	[ "$(kv bad_ip_csum "$CTL_REPLY")" = 0 ] || fail "bad IP checksums: $CTL_REPLY"
	[ "$(eth_stat "$IF" tx_timeouts)" = "$t0" ] || fail "a TX queue timed out"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after txstress failed"
}
