#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# updown50: 50 x (link down; link up; wait for carrier) while the peer sends
# 1000 frames/s; afterwards ping and a 1000-frame RX run must work and
# MemAvailable must not have dropped by more than LEAK_KB (leak check; the
# baseline is taken after 3 warm-up cycles with traffic; readings are the
# best of five after settling).  MemAvailable under TCG moves by up to
# 16 MiB between two readings with nothing leaking, so the bound is 512 KiB
# a cycle, at least 12 MiB: 25 MiB over 50 cycles, 12 MiB over 20.  A
# leaked ring set (RX buffers alone are 1 MiB) is over 1 MiB a cycle: 50 MiB
# over this loop, 20 MiB over reload20's.  With e82574 the page pools (one
# per RX ring) must have every page back after a final ifdown, which
# catches a leak of even one RX page exactly (6.8+).

LEAK_MIN_KB=12288
LEAK_CYCLE_KB=512

bg_start() {
	ctl "send proto=mix flows=64 count=0 pps=1000 len=100 bg=1" ||
		fail "background traffic: $CTL_REPLY"
	trap 'timeout 20 "$TOOL" ctl stop >/dev/null 2>&1' EXIT
}

bg_stop() {
	ctl stop || fail "stopping background traffic: $CTL_REPLY"
	trap - EXIT
}

after_check() {
	local m0=$1 m1 lim
	lim=$(($3 * LEAK_CYCLE_KB))
	[ $lim -ge $LEAK_MIN_KB ] || lim=$LEAK_MIN_KB
	sleep 1
	configure "$IF"
	ping_ok -c 3 -W 2 "$PEER4" || fail "ping $PEER4 failed after the $2 loop"
	ping_ok -6 -c 3 -W 2 "$PEER6" || fail "ping $PEER6 failed after the $2 loop"
	rx_frames 1000 "send proto=mix flows=64 count=1000 pps=2000 len=200"
	m1=$(memavail_kb)
	echo "MemAvailable: before $m0 kB, after $m1 kB, delta $((m0 - m1)) kB"
	[ $((m0 - m1)) -le $lim ] ||
		fail "MemAvailable dropped by $((m0 - m1)) kB (> $lim kB) over the $2 loop"
	# e82574: one page pool per RX ring; all pages back after ifdown
	[ "$DUT" = e82574 ] || return 0
	pp_attached "$IF" "$(ethtool -l "$IF" | awk '/^Combined:/ { n = $2 } END { print n }')"
	ip link set "$IF" down || fail "link down after the $2 loop failed"
	pp_released "after ifdown (after the $2 loop)"
	ip link set "$IF" up || fail "link up after the $2 loop failed"
	wait_carrier "$IF" 10000 || fail "no carrier after the last link up"
	configure "$IF"
}

# warm_up NAME CMD...: run the cycle a few times with traffic, so caches
# and pools reach their working size before the MemAvailable baseline
warm_up() {
	local i
	bg_start
	for i in 1 2 3; do
		"$@" "warm-up $i"
	done
	bg_stop
	configure "$IF"
	rx_frames 1000 "send proto=mix flows=64 count=1000 pps=2000 len=200"
}

updown_once() {
	ip link set "$IF" down || fail "link down $1 failed"
	ip link set "$IF" up || fail "link up $1 failed"
	wait_carrier "$IF" 10000 || fail "no carrier 10 s after link up $1"
}

# cycles_under_traffic N WHAT FN: after a warm-up, N x FN under background
# traffic; then traffic must work and memory must not have leaked
cycles_under_traffic() {
	local n=$1 what=$2 fn=$3 i m0 t0
	ensure_up
	need_tool
	warm_up "$fn"
	m0=$(memavail_kb)
	bg_start
	t0=$(now_ms)
	i=1
	while [ $i -le "$n" ]; do
		"$fn" "#$i"
		i=$((i + 1))
	done
	echo "$n $what cycles in $(($(now_ms) - t0)) ms"
	bg_stop
	after_check "$m0" "$what" "$n"
}

t_updown50() {
	cycles_under_traffic 50 down/up updown_once
}
