#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/bench.sh: figures, not pass/fail.
#   1. balance: how evenly the default table spreads N TCP flows over the
#      two queues (share of queue 1, and max/mean: 1.00 is perfect);
#   2. table changes: RETA registers written and wall time per ethtool -X;
#   3. RX at offered rates: share of 20000 frames received with one and
#      with two queue pairs, and interrupts per frame (TCG: relative only;
#      beyond what the guest drains, QEMU's host socket drops frames);
#   4. interrupt moderation, fixed interval against adaptive (DIM): ping
#      round trip at rest and interrupts per frame at offered rates;
#   5. reordering: frames received out of order per flow while the table
#      flips between weight 1 3 and weight 3 1 under load; then at the
#      provoking load of the rssfence test (queue 0's vector at rx-usecs
#      16000, every entry moved every 150 ms), with the rss-fence flag off
#      and on, alternating, 3 rounds each: reordered and lost frames,
#      frames held, the longest hold;
#   5c. rebalance: the balancer against the skewed load of the
#      rssbalance test (rss_bal_round: 14 TCP flows, 2 of them 6 times as
#      heavy, on a "weight 3 1" table), 3 rounds: the interval of the first
#      move, entries moved against the fewest possible (exhaustive search
#      over the loads it solved from), max/mean before and after and of
#      the best partition, and frames reordered;
#   6. compare: e82574 against the in-tree e1000e on the same device,
#      rebound with driver_override between runs, alternating (e1000e,
#      e82574, e1000e, ...): RX frames/s, guest CPU per frame, interrupts
#      per frame at offered rates, NET_RX softirqs per CPU, TX CPU per
#      frame and per TSO byte, and e82574's rate flat out with an XDP
#      program that drops everything (its ceiling on this emulator); then
#      the medians and e82574/e1000e ratios.
# Sections: kernel command line e82574_bench=LIST (comma-separated names
# balance, tables, rx, moderation, reorder, rebalance, compare; default
# all).
# A run that did not happen (no frames) prints "bench: FAILED ..."; the
# host (scripts/demo.sh) then exits non-zero.
. /e82574/guest-lib.sh
. /e82574/rss-lib.sh

say() { echo "bench: $*"; }

SECTIONS=$(cmdline_get e82574_bench all)
NET=$(cmdline_get e82574_net dgram)
# want NAME: is section NAME selected?
want() {
	case ",$SECTIONS," in
	*,all,* | *",$1,"*) return 0 ;;
	esac
	return 1
}

q_rx() { echo "$(eth_stat "$IF" rx_queue_0_packets) $(eth_stat "$IF" rx_queue_1_packets)"; }

# rx_run N "send ...": run the rx tool, print its summary line
rx_run() {
	timeout 180 "$TOOL" rx --ifname "$IF" --expect "$1" --idle-ms 2000 \
		--send "$2" 2>&1 | tail -n1
}

echo "=== e82574 bench: kernel $(uname -r)"
modprobe e82574 || { echo "modprobe e82574 failed"; exit 1; }
(ensure_up) || exit 1
IF=$(iface)
configure "$IF"
wait_carrier "$IF" 10000

echo "=== sections: $SECTIONS, link: $NET"

bench_balance() {
echo
echo "=== 1. balance of the default table (TCP/IPv4 + TCP/IPv6 flows, 2 frames each)"
ethtool -X "$IF" default
for f in 16 64 256 1024 4096; do
	b=$(q_rx)
	rx_run $((2 * f)) "send proto=tcp4,tcp6 flows=$f count=$((2 * f)) pps=3000 len=64 seed=$f" >/dev/null
	a=$(q_rx)
	d0=$(($(echo "$a" | cut -d' ' -f1) - $(echo "$b" | cut -d' ' -f1)))
	d1=$(($(echo "$a" | cut -d' ' -f2) - $(echo "$b" | cut -d' ' -f2)))
	awk -v f="$f" -v a="$d0" -v b="$d1" 'BEGIN { m = (a > b) ? a : b; t = a + b
		printf "bench: balance flows=%d q0=%d q1=%d share_q1=%.1f%% max/mean=%.3f\n",
			f, a, b, t ? 100 * b / t : 0, t ? 2 * m / t : 0 }'
done
}

bench_tables() {

echo
echo "=== 2. cost of table changes (RETA register writes, wall time)"
change() {
	local w0 m0 t0 t1
	w0=$(eth_stat "$IF" rss_reta_writes)
	m0=$(eth_stat "$IF" rss_entries_moved)
	t0=$(now_ms)
	"$@" >/dev/null 2>&1
	t1=$(now_ms)
	say "change '$(echo "$*" | sed "s|--ifname $IF ||; s|ethtool -X $IF ||; s|$TOOL ||")':" \
		"reta_writes=$(($(eth_stat "$IF" rss_reta_writes) - w0))" \
		"entries_moved=$(($(eth_stat "$IF" rss_entries_moved) - m0))" \
		"of 32 registers, $((t1 - t0)) ms"
}
change ethtool -X "$IF" default
change "$TOOL" set-indir --ifname "$IF" --flip 17
change "$TOOL" set-indir --ifname "$IF" --flip 17
change ethtool -X "$IF" weight 1 3
change ethtool -X "$IF" weight 3 1
change ethtool -X "$IF" equal 1
change ethtool -X "$IF" default
}

bench_rx() {
echo
echo "=== 3. RX at offered rates (20000 frames, 4096 TCP flows), 1 vs 2 queue pairs"
for n in 1 2; do
	ethtool -L "$IF" combined $n >/dev/null
	wait_carrier "$IF" 10000
	configure "$IF"
	for pps in 5000 20000 0; do
		i0=$(eth_stat_sum "$IF" 'queue_[0-9]+_irqs')
		out=$(rx_run 20000 "send proto=tcp4,tcp6 flows=4096 count=20000 pps=$pps len=64 seed=9")
		got=$(kv packets "$out")
		irqs=$(($(eth_stat_sum "$IF" 'queue_[0-9]+_irqs') - i0))
		awk -v n="$n" -v p="$pps" -v g="${got:-0}" -v i="$irqs" 'BEGIN {
			printf "bench: rx queues=%d offered_pps=%s received=%d/20000 (%.1f%%) interrupts_per_frame=%.2f\n",
				n, (p == 0 ? "max" : p), g, 100 * g / 20000, (g ? i / g : 0) }'
	done
done
}

bench_moderation() {
echo
echo "=== 4. moderation: fixed interval vs adaptive-rx (2 queue pairs, 4096 TCP flows)"
ethtool -L "$IF" combined 2 >/dev/null
wait_carrier "$IF" 10000
configure "$IF"
for mode in off on; do
	ethtool -C "$IF" adaptive-rx "$mode" >/dev/null
	rtt=$(ping -c 20 -i 0.2 -W 2 "$PEER4" 2>/dev/null |
		sed -n 's|.*= [0-9.]*/\([0-9.]*\)/.*|\1|p')
	say "moderation adaptive-rx=$mode ping_avg_ms=${rtt:-?}" \
		"rx-usecs=$(ethtool -c "$IF" | sed -n 's/^rx-usecs: *//p')"
	for pps in 1000 5000 20000 0; do
		i0=$(eth_stat_sum "$IF" 'queue_[0-9]+_irqs')
		out=$(rx_run 20000 "send proto=tcp4,tcp6 flows=4096 count=20000 pps=$pps len=64 seed=5")
		got=$(kv packets "$out")
		irqs=$(($(eth_stat_sum "$IF" 'queue_[0-9]+_irqs') - i0))
		awk -v m="$mode" -v p="$pps" -v g="${got:-0}" -v i="$irqs" 'BEGIN {
			printf "bench: moderation adaptive-rx=%s offered_pps=%s received=%d/20000 interrupts_per_frame=%.3f\n",
				m, (p == 0 ? "max" : p), g, (g ? i / g : 0) }'
	done
done
ethtool -C "$IF" adaptive-rx off >/dev/null
}

bench_reorder() {
echo
echo "=== 5. reordering while the table flips (20000 frames, 1024 flows, 3000/s)"
ethtool -X "$IF" default
"$TOOL" rx --ifname "$IF" --expect 20000 --idle-ms 3000 \
	--send "send proto=tcp4,tcp6 flows=1024 count=20000 pps=3000 len=64 seed=77 run=7" \
	>/tmp/reorder.out 2>&1 &
rxpid=$!
flips=0
sleep 1
while kill -0 $rxpid 2>/dev/null && [ $flips -lt 12 ]; do
	ethtool -X "$IF" weight 1 3 >/dev/null
	usleep 250000
	ethtool -X "$IF" weight 3 1 >/dev/null
	usleep 250000
	flips=$((flips + 2))
done
wait $rxpid
out=$(tail -n1 /tmp/reorder.out)
say "reorder table_changes=$flips $(echo "$out" | sed 's/^rx //')"
ethtool -X "$IF" default
bench_fence
}

# One round at the provoking load (rss_flip_round): 20000 frames of
# tcp4,tcp6,udp4,udp6 (TCP with RST: the stack answers none), 64 flows,
# 4000/s, while every entry flips between the queues every 150 ms.
fence_round() {
	local h0 m0 t0 reord
	h0=$(eth_stat "$IF" rss_fence_held)
	t0=$(eth_stat "$IF" rss_fence_timeouts)
	rss_flip_round tcp4,tcp6,udp4,udp6 20000 40 \
		"seed=$((77 + $2)) run=$((70 + $2)) tcpflags=R" ||
		say "FAILED: fence=$1 round=$2: ethtool -X refused a table"
	m0=$(eth_stat "$IF" rss_fence_max_hold_us)
	reord=$(kv reordered "$RSS_FLIP_OUT")
	[ -n "$reord" ] || say "FAILED: fence=$1 round=$2: $(cat /tmp/flip.rx /tmp/flip.err)"
	say "fence=$1 round=$2 entry_moves=$((RSS_FLIPS * 128)) reordered=${reord:-?} lost=$(kv lost "$RSS_FLIP_OUT") held=$(($(eth_stat "$IF" rss_fence_held) - h0)) timeouts=$(($(eth_stat "$IF" rss_fence_timeouts) - t0)) longest_hold_so_far_us=$m0"
	FENCE_SUM=$((FENCE_SUM + ${reord:-0}))
}

bench_fence() {
	local usecs r sum_off sum_on
	echo
	echo "=== 5b. reordering at the provoking load, rss-fence off and on (queue 0 at rx-usecs 16000)"
	usecs=$(ethtool -c "$IF" | awk '$1 == "rx-usecs:" { print $2; exit }')
	ethtool --per-queue "$IF" queue_mask 0x1 --coalesce rx-usecs 16000 >/dev/null
	sum_off=0
	sum_on=0
	for r in 1 2 3; do
		ethtool --set-priv-flags "$IF" rss-fence off
		FENCE_SUM=0
		fence_round off $r
		sum_off=$((sum_off + FENCE_SUM))
		ethtool --set-priv-flags "$IF" rss-fence on
		FENCE_SUM=0
		fence_round on $r
		sum_on=$((sum_on + FENCE_SUM))
	done
	say "fence reordered over 3 rounds: off=$sum_off on=$sum_on"
	ethtool --per-queue "$IF" queue_mask 0x3 --coalesce rx-usecs "$usecs" >/dev/null
	ethtool -X "$IF" default
}

bench_rebalance() {
	local r usecs out
	echo
	echo "=== 5c. rebalancing a skewed load (14 TCP flows, 2 six times as heavy, table weight 3 1)"
	usecs=$(ethtool -c "$IF" | awk '$1 == "rx-usecs:" { print $2; exit }')
	for r in 1 2 3; do
		if ! rss_bal_round 15000; then
			say "FAILED: rebalance round=$r: setting up the round failed"
			continue
		fi
		wait "$BAL_PID"
		out=$(grep '^rx packets=' /tmp/bal.rx)
		if [ -z "$BAL_AT" ]; then
			say "FAILED: rebalance round=$r: no move ($(rss_bal_field last))"
		else
			say "rebalance round=$r first_move_interval=$BAL_AT $BAL_JUDGE reordered=$(kv reordered "$out") lost=$(kv lost "$out")"
		fi
		ethtool --set-priv-flags "$IF" rss-balance off >/dev/null
	done
	ethtool --per-queue "$IF" queue_mask 0x1 --coalesce rx-usecs "$usecs" >/dev/null
	ethtool -X "$IF" default
	rss_restore_key
}

. /e82574/bench-compare.sh

rss_note_default_key "$IF"
for sec in balance tables rx moderation reorder rebalance compare; do
	want $sec && "bench_$sec"
done
echo "=== done"
