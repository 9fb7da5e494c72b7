#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# coalesce: ethtool -c/-C sets each queue vector's interval (EITR, 256 ns
# units, read back with devmem): for all queues, per queue (--per-queue),
# kept across ifdown/ifup, with an out-of-range value refused and nothing
# changed; traffic still flows.  adaptive-rx (the kernel's DIM): while on,
# a fixed interval is refused and kept, traffic makes DIM write intervals
# of its RX profile (1, 8, 64, 128, 256 us: EITR 4, 32, 250, 500, 1000)
# that differ from the fixed ones; off puts the fixed intervals back.

. /e82574/rss-lib.sh

eitr() {
	echo $(($(rss_reg $((0xe8 + 4 * $1)))))
}

usecs() {
	ethtool -c "$IF" | awk -v k="$1:" '$1 == k { print $2; exit }'
}

adaptive() {
	ethtool -c "$IF" | awk '$1 == "Adaptive" && $2 == "RX:" { print $3; exit }'
}

dim_profile_itr() {
	case $1 in 4|32|250|500|1000) return 0 ;; esac
	return 1
}

# with EITR0/1 at 391/78: DIM on, a refused fixed value, traffic, DIM off
adaptive_check() {
	local e0 e1 i
	[ "$(adaptive)" = off ] || fail "adaptive-rx is $(adaptive) by default"
	ethtool -C "$IF" adaptive-rx on || fail "ethtool -C adaptive-rx on failed"
	[ "$(adaptive)" = on ] || fail "adaptive-rx shows $(adaptive) after on"
	ethtool -C "$IF" rx-usecs 77 2>/tmp/co.err &&
		fail "rx-usecs 77 accepted while adaptive-rx is on"
	echo "refused while adaptive: $(cat /tmp/co.err)"
	grep -q "adaptive-rx is on" /tmp/co.err || fail "no clear error for rx-usecs while adaptive"
	[ "$(adaptive)" = on ] && [ "$(usecs rx-usecs)" = 100 ] ||
		fail "refusal changed adaptive-rx/rx-usecs: $(adaptive)/$(usecs rx-usecs)"
	for i in 1 2 3; do
		rx_frames 3000 "send proto=mix flows=256 count=3000 pps=3000 len=64"
		e0=$(eitr 0)
		e1=$(eitr 1)
		echo "adaptive round $i: EITR0 $e0 EITR1 $e1"
		dim_profile_itr "$e0" && dim_profile_itr "$e1" && break
	done
	dim_profile_itr "$e0" && dim_profile_itr "$e1" ||
		fail "DIM did not program EITR0/1 (still $e0/$e1)"
	ethtool -C "$IF" adaptive-rx off || fail "ethtool -C adaptive-rx off failed"
	[ "$(adaptive)" = off ] || fail "adaptive-rx shows $(adaptive) after off"
	[ "$(eitr 0)" = 391 ] && [ "$(eitr 1)" = 78 ] ||
		fail "adaptive-rx off: EITR0/1 = $(eitr 0)/$(eitr 1), want 391/78 back"
}

t_coalesce() {
	local out
	[ "$DUT" = e82574 ] || skip "checks e82574's EITR programming"
	ensure_up
	echo "default: rx-usecs $(usecs rx-usecs), EITR0 $(eitr 0) EITR1 $(eitr 1)"
	ethtool -C "$IF" rx-usecs 100 || fail "ethtool -C rx-usecs 100 failed"
	[ "$(usecs rx-usecs)" = 100 ] && [ "$(usecs tx-usecs)" = 100 ] ||
		fail "ethtool -c shows rx $(usecs rx-usecs) tx $(usecs tx-usecs), want 100"
	# 100 us / 256 ns = 390.6 -> 391
	[ "$(eitr 0)" = 391 ] && [ "$(eitr 1)" = 391 ] ||
		fail "EITR0/1 = $(eitr 0)/$(eitr 1), want 391"

	ethtool --per-queue "$IF" queue_mask 0x2 --coalesce rx-usecs 20 ||
		fail "per-queue rx-usecs 20 on queue 1 failed"
	[ "$(eitr 1)" = 78 ] && [ "$(eitr 0)" = 391 ] ||
		fail "per-queue: EITR0/1 = $(eitr 0)/$(eitr 1), want 391/78"
	out=$(ethtool --per-queue "$IF" queue_mask 0x3 --show-coalesce)
	echo "$out" | grep -E 'Queue|rx-usecs'
	[ "$(echo "$out" | awk '$1 == "rx-usecs:" { printf "%s ", $2 }')" = "100 20 " ] ||
		fail "per-queue show: $(echo "$out" | grep rx-usecs | tr '\n' ' ')"

	ethtool -C "$IF" rx-usecs 20000 2>/dev/null &&
		fail "rx-usecs 20000 (beyond 16 bits of EITR) accepted"
	[ "$(eitr 0)" = 391 ] && [ "$(eitr 1)" = 78 ] ||
		fail "a refused value changed EITR0/1 to $(eitr 0)/$(eitr 1)"
	adaptive_check

	ip link set "$IF" down
	ip link set "$IF" up
	wait_carrier "$IF" 10000 || fail "no carrier after down/up"
	configure "$IF"
	[ "$(eitr 0)" = 391 ] && [ "$(eitr 1)" = 78 ] ||
		fail "after down/up EITR0/1 = $(eitr 0)/$(eitr 1), want 391/78"
	rx_frames 2000 "send proto=mix flows=256 count=2000 pps=2000 len=64"

	ethtool -C "$IF" rx-usecs 50 || fail "restoring rx-usecs 50 failed"
	[ "$(eitr 0)" = 195 ] && [ "$(eitr 1)" = 195 ] ||
		fail "rx-usecs 50: EITR0/1 = $(eitr 0)/$(eitr 1), want 195"
}
