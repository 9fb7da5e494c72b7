#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rssbalance: the rss-balance private flag.  Off by default.  Under a
# skewed load (rss_bal_round: 14 TCP flows, 2 of them 6 times as heavy,
# landing unevenly on a "weight 3 1" table, queue 0 slowed so that moves
# off it would reorder), turned on:
#  - the first move comes within 3 intervals (1 s each) of the flag;
#  - it moves exactly the fewest entries that bring the larger queue load
#    within the balancer's 2% target of the best partition, judged by an
#    exhaustive search over the loads the move was solved from (the
#    move_bytes/move_from columns of debugfs rss_load), and no unloaded
#    entry; the result is within 5% of the best, on those loads and on
#    the loads measured after it;
#  - ethtool -x shows the balancer's table;
#  - 20 more intervals of the same load move nothing;
#  - the rx tool sees every frame, none reordered (the fence held the
#    moved flows: rss_fences counts the move, no fence timed out).
# Then the flag and the balancer survive ifdown/ifup, a table set with
# ethtool -X turns the flag off (logged), and with the flag off the table
# never changes by itself.

. /e82574/rss-lib.sh

bal_flag() {
	ethtool --show-priv-flags "$IF" 2>&1 | sed -n 's/^rss-balance *: *//p'
}

bal_field() {
	rss_bal_field "$1"
}

# on any exit: peer quiet, flag off, default table, key and queue 0's
# moderation as they were
bal_cleanup() {
	[ -n "${BAL_PID:-}" ] && kill "$BAL_PID" 2>/dev/null
	"$TOOL" ctl stop >/dev/null 2>&1
	ethtool --set-priv-flags "$IF" rss-balance off >/dev/null 2>&1
	ethtool -X "$IF" default >/dev/null 2>&1
	ethtool --per-queue "$IF" queue_mask 0x1 --coalesce \
		rx-usecs "${BAL_USECS0:-3}" >/dev/null 2>&1
	rss_restore_key
}

# NAME=value from a "k=v k=v" line
jv() {
	kv "$1" "$2"
}

# $1 <= 1.05 * $2
within5() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= 1.05 * b) }'
}

t_rssbalance() {
	local i ev0 ev1 tbl0 tbl1 j f1 out
	[ "$DUT" = e82574 ] || skip "e82574's rss-balance flag"
	ensure_up
	need_tool
	rss_note_default_key "$IF"
	BAL_USECS0=$(coal_usecs "$IF")
	trap bal_cleanup EXIT
	[ -r "$(rss_bal_file)" ] || fail "no $(rss_bal_file)"
	ethtool --show-priv-flags "$IF" 2>&1
	[ "$(bal_flag)" = off ] || fail "rss-balance is $(bal_flag) by default"

	rss_bal_round 96000 || fail "setting up the balancing round failed"
	head -n 8 /tmp/bal.move
	[ "$(bal_flag)" = on ] || fail "rss-balance shows $(bal_flag) after on"
	[ -n "$BAL_AT" ] ||
		fail "no rebalance in 10 s of skewed load (last: $(bal_field last))"
	echo "loaded entries at the move (entry queue packets bytes avg_bytes move_bytes move_from):"
	awk 'NF == 7 && $6 > 0' /tmp/bal.move
	echo "first move in interval $BAL_AT; judged: $BAL_JUDGE"
	[ "$BAL_AT" -le 3 ] || fail "first move in interval $BAL_AT, not within 3"
	j=$BAL_JUDGE
	[ "$(jv loaded "$j")" -ge 2 ] 2>/dev/null || fail "judge: $j"
	awk -v b="$(jv before "$j")" 'BEGIN { exit !(b > 1.05) }' ||
		fail "the load was not skewed: max/mean $(jv before "$j") before the move"
	[ "$(jv moved "$j")" = "$(jv fewest "$j")" ] ||
		fail "moved $(jv moved "$j") entries, the fewest within 2% is $(jv fewest "$j")"
	[ "$(jv stray "$j")" = 0 ] || fail "$(jv stray "$j") unloaded entries moved"
	within5 "$(jv after "$j")" "$(jv best "$j")" ||
		fail "max/mean $(jv after "$j") after the move, best $(jv best "$j")"
	[ "$(sed -n 's/^entries moved: *//p' /tmp/bal.move)" = "$(jv moved "$j")" ] ||
		fail "rss_load says $(sed -n 's/^entries moved: *//p' /tmp/bal.move) entries moved, its table $(jv moved "$j")"
	tbl0=$(rss_table "$IF")
	[ "$tbl0" = "$(awk 'NF == 7 && $1 ~ /^[0-9]+$/ { printf "%s ", $2 } END { print "" }' "$(rss_bal_file)")" ] ||
		fail "ethtool -x does not show the balancer's table"

	sleep 2
	j=$(rss_bal_judge "$(rss_bal_file)" 50 5 2)
	echo "measured after the move: $j"
	within5 "$(jv after "$j")" "$(jv best "$j")" ||
		fail "measured max/mean $(jv after "$j") after the move, best $(jv best "$j")"

	ev0=$(bal_field rebalances)
	sleep 20
	ev1=$(bal_field rebalances)
	tbl1=$(rss_table "$IF")
	head -n 8 "$(rss_bal_file)"
	[ "$ev1" = "$ev0" ] && [ "$tbl1" = "$tbl0" ] ||
		fail "steady load: rebalances $ev0 -> $ev1 over 20 intervals"
	[ "$(bal_field last)" = balanced ] ||
		fail "steady load: the last verdict is $(bal_field last), not balanced"
	echo "steady: no move over 20 intervals ($ev0 rebalances, $(bal_field 'entries moved') entries moved)"

	wait "$BAL_PID"
	BAL_PID=
	out=$(grep '^rx packets=' /tmp/bal.rx)
	f1=$(eth_stat "$IF" rss_fences)
	echo "traffic: $out; fences $BAL_F0 -> $f1 after the flag went on, timeouts $(eth_stat "$IF" rss_fence_timeouts), max hold $(eth_stat "$IF" rss_fence_max_hold_us) us"
	[ -n "$out" ] || fail "no result from e82574-tool rx: $(cat /tmp/bal.rx /tmp/bal.err)"
	[ "$(jv reordered "$out")" = 0 ] && [ "$(jv lost "$out")" = 0 ] &&
		[ "$(jv dup "$out")" = 0 ] || fail "frames reordered, lost or duplicated: $out"
	[ "$(jv packets "$out")" = 96000 ] || fail "received $(jv packets "$out") of 96000: $out"
	[ "$f1" -gt "$BAL_F0" ] ||
		fail "the balancer's move raised no fence ($BAL_F0 -> $f1)"
	[ "$(eth_stat "$IF" rss_fence_timeouts)" = 0 ] ||
		fail "$(eth_stat "$IF" rss_fence_timeouts) fence timeouts"
	ethtool --per-queue "$IF" queue_mask 0x1 --coalesce rx-usecs "$BAL_USECS0" ||
		fail "restoring queue 0's rx-usecs failed"

	ctl stop
	ip link set "$IF" down
	ip link set "$IF" up
	wait_carrier "$IF" 10000 || fail "no carrier after down/up"
	configure "$IF"
	[ "$(bal_flag)" = on ] ||
		fail "rss-balance is $(bal_flag) after ifdown/ifup"
	ctl "send proto=udp4 flows=6 count=0 bg=1 pps=3000 len=1000 seed=11" ||
		fail "peer background send failed"
	# the smoothed load restarts from the first loaded interval
	for i in $(seq 1 10); do
		sleep 1
		[ "$(bal_field last)" != idle ] && break
	done
	head -n 8 "$(rss_bal_file)"
	[ "$(bal_field last)" != idle ] ||
		fail "balancer idle 10 intervals after ifdown/ifup under load"
	echo "balancer judging again $i intervals after ifdown/ifup"

	ethtool -X "$IF" default || fail "ethtool -X default failed"
	[ "$(bal_flag)" = off ] ||
		fail "rss-balance still $(bal_flag) after ethtool -X"
	dmesg | grep -q "rss-balance turned off: the indirection table was set" ||
		fail "no log line for rss-balance turned off by ethtool -X"
	ethtool -X "$IF" equal 1 || fail "ethtool -X equal 1 failed"
	tbl0=$(rss_table "$IF")
	sleep 5
	tbl1=$(rss_table "$IF")
	[ "$tbl1" = "$tbl0" ] || fail "with rss-balance off the table changed"
	ctl stop
	ethtool -X "$IF" default || fail "restoring the default table failed"
	rss_restore_key
	trap - EXIT
}
