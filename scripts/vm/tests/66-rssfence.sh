#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rssfence: RSS table moves do not reorder flows (rss-fence, on by
# default).  Reordering is provoked: queue 0's vector gets the longest
# interrupt interval (ethtool --per-queue ... rx-usecs 16000), so frames
# wait up to 16 ms on it while queue 1 answers at once; the peer sends
# 64 sequence-numbered UDP flows while the guest moves every table entry
# from queue 0 to queue 1 and back (ethtool -X equal 1 / start 1 equal 1,
# every 150 ms).  e82574-tool rx counts frames older than the newest of
# their flow (reordered), missing and duplicated ones.  With rss-fence
# off, reordering must be seen (in up to 3 rounds: proof that the test
# provokes it); with it on, none may be reordered, lost or duplicated,
# the fence must have held frames, no fence may time out, and
# the counters (fences, held, max hold time) are printed.  The reordering
# is counted by the receiving tool, not the driver: with the driver's hold
# taken out (every HOLD verdict delivered) this run saw 71 reordered
# frames with the fence on, against 0 with it (QEMU 7.2, 6.12).
#
# The fence-on round is the long one: TCP and UDP over IPv4 and IPv6
# (tcp4,tcp6,udp4,udp6; TCP segments carry RST so the guest's stack
# answers none of them) for as long as it takes to move at least 10,000
# table entries (each flip moves all 128), with no frame reordered, lost
# or duplicated.

. /e82574/rss-lib.sh

FENCE_N=20000
# the fence-on round: up to 80 flips x 128 entries = 10,240 entry moves,
# in 25 s of traffic (a flip took about 210 ms under TCG)
FENCE_ON_N=100000
FENCE_ON_FLIPS=80
FENCE_MOVES=10000

fence_flag() {
	ethtool --show-priv-flags "$IF" 2>&1 | sed -n 's/^rss-fence *: *//p'
}

fence_cleanup() {
	[ -n "${RSS_FLIP_PID:-}" ] && kill "$RSS_FLIP_PID" 2>/dev/null
	"$TOOL" ctl stop >/dev/null 2>&1
	ethtool --set-priv-flags "$IF" rss-fence on >/dev/null 2>&1
	ethtool --per-queue "$IF" queue_mask 0x3 --coalesce rx-usecs "$FENCE_USECS0" >/dev/null 2>&1
	ethtool -X "$IF" default >/dev/null 2>&1
}

# fence_round PROTO COUNT FLIPS [SEND-ARGS]: COUNT frames of PROTO while the
# table flips, up to FLIPS times (rss_flip_round); the tool's line in
# $FENCE_OUT, the number of flips in $FENCE_FLIPS
fence_round() {
	rss_flip_round "$1" "$2" "$3" "seed=$(($(date +%s) % 100000))${4:+ $4}" ||
		fail "ethtool -X refused a table after $RSS_FLIPS flips"
	FENCE_FLIPS=$RSS_FLIPS
	FENCE_OUT=$RSS_FLIP_OUT
	echo "$FENCE_FLIPS flips ($((FENCE_FLIPS * 128)) entry moves), $1: $FENCE_OUT"
	[ -n "$FENCE_OUT" ] || fail "no result from e82574-tool rx: $(cat /tmp/flip.rx /tmp/flip.err)"
}

fence_stats() {
	ethtool -S "$IF" | awk '$1 ~ /^rss_fence/ || $1 == "rss_fences:"' | tr -s ' \n' ' '
	echo
}

t_rssfence() {
	local r f0 t0 out
	[ "$DUT" = e82574 ] || skip "e82574's rss-fence flag"
	ensure_up
	need_tool
	FENCE_USECS0=$(coal_usecs "$IF")
	trap fence_cleanup EXIT
	[ "$(fence_flag)" = on ] || fail "rss-fence is '$(fence_flag)' by default, expected on"
	ethtool --per-queue "$IF" queue_mask 0x1 --coalesce rx-usecs 16000 ||
		fail "rx-usecs 16000 on queue 0 failed"

	ethtool --set-priv-flags "$IF" rss-fence off || fail "rss-fence off failed"
	[ "$(fence_flag)" = off ] || fail "rss-fence shows '$(fence_flag)' after off"
	f0=$(eth_stat "$IF" rss_fences)
	r=0
	while :; do
		r=$((r + 1))
		fence_round udp4 $FENCE_N 40
		[ "$(kv reordered "$FENCE_OUT")" -gt 0 ] && break
		[ $r -lt 3 ] || fail "fence off: no reordering provoked in 3 rounds"
	done
	echo "fence off: $(kv reordered "$FENCE_OUT") reordered frames (round $r)"
	[ "$(eth_stat "$IF" rss_fences)" = "$f0" ] || fail "fence off, yet rss_fences moved"

	ethtool --set-priv-flags "$IF" rss-fence on || fail "rss-fence on failed"
	t0=$(eth_stat "$IF" rss_fence_timeouts)
	f0=$(eth_stat "$IF" rss_fences)
	out=$(eth_stat "$IF" rss_fence_held)
	fence_round tcp4,tcp6,udp4,udp6 $FENCE_ON_N $FENCE_ON_FLIPS tcpflags=R
	echo "fence on: $FENCE_OUT"
	echo "counters: $(fence_stats)"
	for v in reordered lost dup bad; do
		[ "$(kv $v "$FENCE_OUT")" = 0 ] || fail "fence on: $v=$(kv $v "$FENCE_OUT")"
	done
	[ "$(kv packets "$FENCE_OUT")" = $FENCE_ON_N ] ||
		fail "fence on: $(kv packets "$FENCE_OUT") of $FENCE_ON_N frames"
	[ $((FENCE_FLIPS * 128)) -ge $FENCE_MOVES ] ||
		fail "fence on: only $((FENCE_FLIPS * 128)) entry moves while the traffic ran (want $FENCE_MOVES)"
	[ "$(eth_stat "$IF" rss_fences)" -gt "$f0" ] || fail "no fence raised"
	[ "$(eth_stat "$IF" rss_fence_held)" -gt "$out" ] || fail "the fence held no frame"
	[ "$(eth_stat "$IF" rss_fence_timeouts)" = "$t0" ] ||
		fail "$(($(eth_stat "$IF" rss_fence_timeouts) - t0)) fences timed out"
	echo "max hold $(eth_stat "$IF" rss_fence_max_hold_us) us"
	fence_cleanup
	trap - EXIT
}
