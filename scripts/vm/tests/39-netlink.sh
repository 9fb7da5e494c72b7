#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# netlink: what the kernel's "netdev" generic netlink family says of the
# driver's queues (e82574-tool nl-queues) matches the driver:
#
#   - two RX and two TX queues; every queue has a NAPI, RX queue n and TX
#     queue n share queue pair n's NAPI, the two NAPIs differ, and each
#     NAPI's IRQ is the one /proc/interrupts names <ifname>-TxRx-<n>;
#   - per-queue qstats packets/bytes equal ethtool -S rx/tx_queue_N_*, and
#     the device totals equal their sums and `ip -s link`;
#   - with `ethtool -L combined 1` only queue 0 is listed, and the totals
#     still equal `ip -s link` (queue 1's counts come from get_base_stats);
#   - `-L combined 2` lists both queues again.

# nlq: run nl-queues, output in $NLQ
nlq() {
	NLQ=$("$TOOL" nl-queues --ifname "$IF" 2>/tmp/nlq.err) ||
		fail "e82574-tool nl-queues failed: $(cat /tmp/nlq.err) $NLQ"
}

# nl_get "LINE-PREFIX" KEY: KEY of the first nl-queues line starting with
# LINE-PREFIX (e.g. "queue type=rx id=0"), empty if there is none
nl_get() {
	kv "$2" "$(echo "$NLQ" | grep "^$1 " | head -n1)"
}

# counters: the driver's per-queue ring counters and ip -s link, one line
# each (what must not change while nl-queues reads)
counters() {
	ethtool -S "$IF" | grep -E '^ *(rx|tx)_queue_[0-9]+_(packets|bytes):'
	echo "ip rx $(ip_stat "$IF" rx packets) $(ip_stat "$IF" rx bytes)" \
		"tx $(ip_stat "$IF" tx packets) $(ip_stat "$IF" tx bytes)"
}

# snapshot: nl-queues between two identical reads of the counters, so
# that both describe the same moment; the counters go to /tmp/nl.cnt
snapshot() {
	local i=0
	while [ $i -lt 10 ]; do
		counters >/tmp/nl.cnt0
		nlq
		counters >/tmp/nl.cnt
		cmp -s /tmp/nl.cnt0 /tmp/nl.cnt && break
		i=$((i + 1))
		msleep 300
	done
	[ $i -lt 10 ] || fail "counters kept moving while reading (no quiet moment in 10 tries)"
	echo "$NLQ"
	cat /tmp/nl.cnt
}

# cnt NAME: value of ethtool -S NAME in the snapshot
cnt() {
	awk -v n="$1:" '$1 == n { print $2; exit }' /tmp/nl.cnt
}

# ipcnt rx|tx packets|bytes: ip -s link value in the snapshot
ipcnt() {
	awk -v d="$1" -v w="$2" '$1 == "ip" { i = (d == "rx") ? 3 : 6
		print (w == "packets") ? $i : $(i + 1) }' /tmp/nl.cnt
}

is_num() {
	case "$1" in
	"" | *[!0-9]*) return 1 ;;
	esac
	return 0
}

# check_queues N: nl-queues lists RX and TX queues 0..N-1 and nothing else
check_queues() {
	local t q n
	for t in rx tx; do
		n=$(echo "$NLQ" | grep -c "^queue type=$t ")
		[ "$n" = "$1" ] || fail "$n $t queues listed, want $1"
		q=0
		while [ $q -lt "$1" ]; do
			echo "$NLQ" | grep -q "^queue type=$t id=$q " ||
				fail "no $t queue $q listed"
			q=$((q + 1))
		done
		n=$(echo "$NLQ" | grep -c "^qstats type=$t ")
		[ "$n" = "$1" ] || fail "qstats for $n $t queues, want $1"
	done
}

# check_napi N: every queue has a NAPI shared by RX/TX queue n, NAPIs
# differ, and each NAPI's IRQ is that of $IF-TxRx-n
check_napi() {
	local q rx tx irq want seen=
	[ "$(echo "$NLQ" | grep -c '^napi ')" = "$1" ] ||
		fail "$(echo "$NLQ" | grep -c '^napi ') NAPIs listed, want $1"
	q=0
	while [ $q -lt "$1" ]; do
		rx=$(nl_get "queue type=rx id=$q" napi)
		tx=$(nl_get "queue type=tx id=$q" napi)
		is_num "$rx" || fail "RX queue $q has no NAPI (napi=$rx)"
		is_num "$tx" || fail "TX queue $q has no NAPI (napi=$tx)"
		[ "$rx" = "$tx" ] || fail "RX queue $q on NAPI $rx, TX queue $q on NAPI $tx"
		case " $seen " in
		*" $rx "*) fail "queue $q shares NAPI $rx with another queue" ;;
		esac
		seen="$seen $rx"
		irq=$(nl_get "napi id=$rx" irq)
		want=$(irq_of "$IF-TxRx-$q")
		is_num "$want" || fail "no $IF-TxRx-$q in /proc/interrupts"
		[ "$irq" = "$want" ] ||
			fail "NAPI $rx (queue $q) reports irq $irq, $IF-TxRx-$q is irq $want"
		echo "queue $q: napi $rx irq $irq = $IF-TxRx-$q"
		q=$((q + 1))
	done
}

# check_qstats N: per-queue qstats = ethtool -S for queues 0..N-1
check_qstats() {
	local q t w nl eth
	q=0
	while [ $q -lt "$1" ]; do
		for t in rx tx; do
			for w in packets bytes; do
				nl=$(nl_get "qstats type=$t id=$q" "$w")
				eth=$(cnt "${t}_queue_${q}_$w")
				is_num "$eth" || fail "no ${t}_queue_${q}_$w in ethtool -S"
				[ "$nl" = "$eth" ] ||
					fail "qstats $t queue $q $w=$nl, ethtool -S ${t}_queue_${q}_$w=$eth"
			done
		done
		q=$((q + 1))
	done
}

# check_totals: device qstats = ethtool -S summed over every ring (active
# or not) = ip -s link
check_totals() {
	local t w nl sum ipv
	for t in rx tx; do
		for w in packets bytes; do
			nl=$(nl_get "qstats total" "$t-$w")
			sum=$(($(cnt "${t}_queue_0_$w") + $(cnt "${t}_queue_1_$w")))
			ipv=$(ipcnt "$t" "$w")
			is_num "$nl" || fail "no $t-$w in the device qstats ($nl)"
			[ "$nl" = "$sum" ] ||
				fail "qstats total $t-$w=$nl, ethtool -S queues sum to $sum ($1)"
			[ "$nl" = "$ipv" ] ||
				fail "qstats total $t-$w=$nl, ip -s link says $ipv ($1)"
		done
	done
	echo "totals = sum of the rings = ip -s link ($1)"
}

channels() {
	ethtool -L "$IF" combined "$1" || fail "ethtool -L $IF combined $1 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after -L combined $1"
	configure "$IF"
}

t_netlink() {
	local q
	ensure_up
	[ "$DUT" = e82574 ] || skip "queue/NAPI/qstats reporting is e82574's"
	need_tool
	[ "$(ethtool -l "$IF" | awk '/^Combined:/ { v = $2 } END { print v }')" = 2 ] ||
		fail "not running 2 queue pairs: $(ethtool -l "$IF" | tail -n 5 | tr '\n' ' ')"

	# traffic on both queue pairs: many flows spread over both RX queues,
	# the guest's answers (RST, ICMP) and pings leave on its TX queues
	rx_frames 2000 "send proto=mix flows=256 count=2000 pps=3000 len=200 seed=71"
	ping_ok -c 5 -i 0.2 -W 2 "$PEER4" || fail "ping $PEER4 failed"
	ping_ok -6 -c 5 -i 0.2 -W 2 "$PEER6" || fail "ping $PEER6 failed"
	sleep 1

	snapshot
	for q in 0 1; do
		[ "$(cnt "rx_queue_${q}_packets")" -gt 0 ] ||
			fail "RX queue $q got no frames: the check would prove nothing"
	done
	check_queues 2
	check_napi 2
	check_qstats 2
	check_totals "2 queue pairs"

	channels 1
	rx_frames 500 "send proto=mix flows=64 count=500 pps=3000 len=300 seed=72"
	ping_ok -c 3 -i 0.2 -W 2 "$PEER4" || fail "ping $PEER4 failed with 1 queue pair"
	sleep 1
	snapshot
	check_queues 1
	check_napi 1
	check_qstats 1
	[ "$(cnt rx_queue_1_packets)" -gt 0 ] ||
		fail "rx_queue_1_packets is 0: the base stats would prove nothing"
	check_totals "1 queue pair, queue 1 in the base stats"

	channels 2
	ensure_up
	snapshot
	check_queues 2
	check_napi 2
	check_qstats 2
	check_totals "2 queue pairs again"
}
