#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rssbalance: the rss-balance private flag.  Off by default.  With every
# table entry on queue 0 (ethtool -X equal 1) and the flag on, the peer
# sends a steady UDP load on 6 flows (a few entries carry everything);
# the balancer must move entries to queue 1 within 10 intervals (1 s
# each), ethtool -x must show its table, and the larger queue load over
# the mean, computed from the smoothed per-entry loads in debugfs
# (rss_load), must be within 1.05 of the best partition of those loads
# (exhaustive search here), with the fewest entries moved.  Then 20 more intervals of the same load move
# nothing; the flag and the balancer survive ifdown/ifup.  A table set
# with ethtool -X turns the flag off (logged), and
# with the flag off the table never changes by itself.

. /e82574/rss-lib.sh

bal_flag() {
	ethtool --show-priv-flags "$IF" 2>&1 | sed -n 's/^rss-balance *: *//p'
}

bal_field() {
	sed -n "s/^$1: *//p" "$BAL_FILE" | head -n1
}

# max/mean of the current table and of the best partition, from the
# smoothed loads (entry queue packets bytes avg_bytes), "ok" if within 5%;
# and the fewest loaded entries on queue 1 that are within 5% (the fewest
# moves from a table with everything on queue 0)
bal_ratio() {
	awk '
	BEGIN { n = 0; t = 0; on1 = 0 }
	NF == 5 && $1 ~ /^[0-9]+$/ && $5 > 0 { q[n] = $2; l[n] = $5; t += $5; n++ }
	END {
		if (!n || !t) { print "no load"; exit }
		for (i = 0; i < n; i++) c[q[i]] += l[i]
		cur = c[0] > c[1] ? c[0] : c[1]
		# more than 16 entries: a lower bound (stricter) instead
		best = t / 2
		for (i = 0; i < n; i++) if (l[i] > best) best = l[i]
		if (n <= 16) best = t
		pw[0] = 1
		for (i = 1; i <= n; i++) pw[i] = 2 * pw[i - 1]
		for (m = 0; n <= 16 && m < pw[n]; m++) {
			s = 0
			for (i = 0; i < n; i++)
				if (int(m / pw[i]) % 2) s += l[i]
			x = s > t - s ? s : t - s
			if (x < best) best = x
		}
		minmv = n + 1
		for (m = 0; n <= 16 && m < pw[n]; m++) {
			s = 0
			k = 0
			for (i = 0; i < n; i++)
				if (int(m / pw[i]) % 2) { s += l[i]; k++ }
			x = s > t - s ? s : t - s
			if (x <= 1.05 * best && k < minmv) minmv = k
		}
		for (i = 0; i < n; i++) on1 += q[i]
		printf "%d loaded entries (%d on queue 1, fewest possible %d), max/mean %.3f, best %.3f: %s\n",
			n, on1, minmv, 2 * cur / t, 2 * best / t,
			cur <= 1.05 * best && on1 == minmv ? "ok" : "out of bound"
	}' "$BAL_FILE"
}

# on any exit: peer quiet, flag off, default table
bal_cleanup() {
	"$TOOL" ctl stop >/dev/null 2>&1
	ethtool --set-priv-flags "$IF" rss-balance off >/dev/null 2>&1
	ethtool -X "$IF" default >/dev/null 2>&1
}

t_rssbalance() {
	local i ev0 ev1 tbl0 tbl1 r
	[ "$DUT" = e82574 ] || skip "e82574's rss-balance flag"
	ensure_up
	need_tool
	trap bal_cleanup EXIT
	BAL_FILE=/sys/kernel/debug/e82574/$(dev_bdf)/rss_load
	[ -r "$BAL_FILE" ] || fail "no $BAL_FILE"
	ethtool --show-priv-flags "$IF" 2>&1
	[ "$(bal_flag)" = off ] || fail "rss-balance is $(bal_flag) by default"

	ethtool -X "$IF" equal 1 || fail "ethtool -X equal 1 failed"
	ethtool --set-priv-flags "$IF" rss-balance on ||
		fail "setting rss-balance on failed"
	[ "$(bal_flag)" = on ] || fail "rss-balance shows $(bal_flag) after on"
	ctl "send proto=udp4 flows=6 count=0 bg=1 pps=3000 len=1000 seed=11" ||
		fail "peer background send failed"
	for i in $(seq 1 10); do
		sleep 1
		[ "$(bal_field rebalances)" -ge 1 ] && break
	done
	head -n 7 "$BAL_FILE"
	[ "$(bal_field rebalances)" -ge 1 ] ||
		fail "no rebalance in 10 intervals (last: $(bal_field last))"
	echo "first rebalance after $i intervals"
	tbl0=$(rss_table "$IF")
	[ "$(rss_zeros "$tbl0")" -lt 128 ] ||
		fail "ethtool -x does not show the balancer's table"
	sleep 2
	echo "loaded entries (entry queue packets bytes avg_bytes):"
	awk 'NF == 5 && $1 ~ /^[0-9]+$/ && $5 > 0' "$BAL_FILE"
	r=$(bal_ratio)
	echo "balance: $r"
	case $r in *": ok") ;; *) fail "not balanced or not fewest moves: $r" ;; esac
	[ "$(bal_field 'entries moved')" = "$(echo "$r" | sed -n 's/.*(\([0-9]*\) on queue 1.*/\1/p')" ] ||
		fail "entries moved $(bal_field 'entries moved') differ from the entries on queue 1"

	ev0=$(bal_field rebalances)
	tbl0=$(rss_table "$IF")
	sleep 20
	ev1=$(bal_field rebalances)
	tbl1=$(rss_table "$IF")
	head -n 7 "$BAL_FILE"
	[ "$ev1" = "$ev0" ] && [ "$tbl1" = "$tbl0" ] ||
		fail "steady load: rebalances $ev0 -> $ev1 over 20 intervals"
	echo "steady: no move over 20 intervals ($ev0 rebalances, $(bal_field 'entries moved') entries moved)"

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
	head -n 7 "$BAL_FILE"
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
	trap - EXIT
}
