#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rx10k: 10,000 frames of 256 flows from the peer, none lost, and every RX
# counter (ip -s link, ethtool -S rx_packets/rx_bytes, per-queue counters)
# moved by exactly what the peer sent.  Static neighbours and a quiet IPv6
# config keep anything else off the wire during the window.

# frame_bytes PROTO COUNT LEN: bytes on the wire (no FCS) of COUNT frames with
# LEN bytes of L4 payload; "mix" cycles tcp4, tcp6, udp4, udp6 by index.
frame_bytes() {
	awk -v p="$1" -v n="$2" -v l="$3" 'BEGIN {
		f["tcp4"] = 14 + 20 + 20; f["tcp6"] = 14 + 40 + 20
		f["udp4"] = 14 + 20 + 8;  f["udp6"] = 14 + 40 + 8
		split("tcp4 tcp6 udp4 udp6", k, " ")
		for (i = 0; i < n; i++) {
			q = (p == "mix") ? k[i % 4 + 1] : p
			b = f[q] + l
			s += (b < 60) ? 60 : b
		}
		printf "%d\n", s
	}'
}

t_rx10k() {
	local n=10000 len=64 want_b ip_p0 ip_b0 ip_p1 ip_b1 e_p0 e_b0 e_p1 e_b1
	local q_p0 q_b0 q_p1 q_b1 i
	ensure_up
	need_tool
	want_b=$(($(frame_bytes mix $n $len) + n * RX_FCS))
	# let anything in flight (and the e1000e hw-stats watchdog) settle
	sleep 2
	ip_p0=$(ip_stat "$IF" rx packets)
	ip_b0=$(ip_stat "$IF" rx bytes)
	e_p0=$(eth_stat "$IF" rx_packets)
	e_b0=$(eth_stat "$IF" rx_bytes)
	q_p0=$(eth_stat_sum "$IF" 'rx_queue_[0-9]+_packets')
	q_b0=$(eth_stat_sum "$IF" 'rx_queue_[0-9]+_bytes')
	rx_frames $n "send proto=mix flows=256 count=$n pps=3000 len=$len"
	# ethtool -S may come from hardware registers refreshed periodically
	i=0
	while :; do
		ip_p1=$(ip_stat "$IF" rx packets)
		ip_b1=$(ip_stat "$IF" rx bytes)
		e_p1=$(eth_stat "$IF" rx_packets)
		e_b1=$(eth_stat "$IF" rx_bytes)
		q_p1=$(eth_stat_sum "$IF" 'rx_queue_[0-9]+_packets')
		q_b1=$(eth_stat_sum "$IF" 'rx_queue_[0-9]+_bytes')
		[ $((e_p1 - e_p0)) -ge $n ] && [ $((ip_p1 - ip_p0)) -ge $n ] && break
		i=$((i + 1))
		[ $i -lt 10 ] || break
		sleep 1
	done
	echo "ip -s link: rx packets +$((ip_p1 - ip_p0)) bytes +$((ip_b1 - ip_b0))"
	echo "ethtool -S: rx_packets +$((e_p1 - e_p0)) rx_bytes +$((e_b1 - e_b0))"
	echo "per-queue:  packets +$((${q_p1:-0} - ${q_p0:-0})) bytes +$((${q_b1:-0} - ${q_b0:-0}))"
	ethtool -S "$IF" | grep -E 'rx_queue_[0-9]+_packets'
	echo "expected:   packets +$n bytes +$want_b"
	[ $((ip_p1 - ip_p0)) = $n ] || fail "ip -s link rx packets +$((ip_p1 - ip_p0)), expected +$n"
	[ $((ip_b1 - ip_b0)) = "$want_b" ] ||
		fail "ip -s link rx bytes +$((ip_b1 - ip_b0)), expected +$want_b"
	[ -n "$e_p0" ] || fail "ethtool -S has no rx_packets"
	[ $((e_p1 - e_p0)) = $n ] || fail "ethtool -S rx_packets +$((e_p1 - e_p0)), expected +$n"
	if [ "$DUT" = e82574 ]; then
		[ -n "$e_b0" ] || fail "ethtool -S has no rx_bytes"
		[ $((e_b1 - e_b0)) = "$want_b" ] ||
			fail "ethtool -S rx_bytes +$((e_b1 - e_b0)), expected +$want_b"
		[ -n "$q_p0" ] || fail "ethtool -S has no rx_queue_N_packets"
		[ $((q_p1 - q_p0)) = $n ] ||
			fail "sum of rx_queue_N_packets +$((q_p1 - q_p0)), expected +$n"
		[ $((q_b1 - q_b0)) = "$want_b" ] ||
			fail "sum of rx_queue_N_bytes +$((q_b1 - q_b0)), expected +$want_b"
	fi
}
