#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rssirq: /proc/interrupts shows one vector per queue pair, named
# <ifname>-TxRx-<n>, each with its own CPU, and their counts follow the
# table: with `equal 1` only TxRx-0 counts, with `start 1 equal 1` only
# TxRx-1, with the default table both; and each vector counts only on the
# CPU its affinity names.  An affinity the user set survives a queue count
# change (ethtool -L combined 1, then 2 again: upstream's hw/irq.py) and
# ifdown/ifup, and so does an XPS map the user set.

. /e82574/rss-lib.sh

# irq_of NAME: IRQ number of the /proc/interrupts line ending in NAME
irq_of() {
	awk -v n="$1" '$NF == n { sub(":", "", $1); print $1; exit }' /proc/interrupts
}

# irq_counts IRQ: its per-CPU counts, space separated
irq_counts() {
	awk -v q="$1:" -v ncpu="$(grep -c ^processor /proc/cpuinfo)" '$1 == q {
		for (i = 2; i < 2 + ncpu; i++) printf "%s ", $i; print "" }' /proc/interrupts
}

# grown_on BEFORE AFTER: "cpu:delta ..." for the CPUs whose count grew
grown_on() {
	echo "$1|$2" | awk -F'|' '{ n = split($1, a, " "); split($2, b, " ")
		for (i = 1; i <= n; i++) if (b[i] > a[i]) printf "%d:%d ", i - 1, b[i] - a[i] }'
}

# traffic TABLE-ARGS WANT0 WANT1: set the table, send, check which grew.
# The flows are TCP segments with RST set, to which the guest answers
# nothing: no transmit completion can add interrupts of its own.
traffic() {
	local want0=$2 want1=$3 a0 a1 b0 b1 g0 g1
	ethtool -X "$IF" $1 || fail "ethtool -X $1 failed"
	sleep 1
	ethtool -S "$IF" | grep -E '(rx|tx)_queue_[01]_packets|queue_[01]_irqs'
	a0=$(irq_counts "$IRQ0")
	a1=$(irq_counts "$IRQ1")
	SEED=$((SEED + 1))
	rx_frames 1500 "send proto=tcp4 flows=512 count=1500 pps=3000 len=64 seed=$SEED"
	rx_frames 1500 "send proto=tcp6 flows=512 count=1500 pps=3000 len=64 seed=$SEED"
	sleep 1
	b0=$(irq_counts "$IRQ0")
	b1=$(irq_counts "$IRQ1")
	g0=$(grown_on "$a0" "$b0")
	g1=$(grown_on "$a1" "$b1")
	echo "table '$1': TxRx-0 grew on [${g0}] TxRx-1 grew on [${g1}]"
	ethtool -S "$IF" | grep -E '(rx|tx)_queue_[01]_packets|queue_[01]_irqs'
	expect_growth "$1" TxRx-0 "$want0" "$CPU0" "$g0"
	expect_growth "$1" TxRx-1 "$want1" "$CPU1" "$g1"
}

# expect_growth TABLE VECTOR yes|no CPU "cpu:delta ...": grew on CPU only, or not
expect_growth() {
	# shellcheck disable=SC2086 # split the list into words
	set -- "$1" "$2" "$3" "$4" $5
	case "$3" in
	yes) [ $# = 5 ] && [ "${5%%:*}" = "$4" ] ||
		fail "table '$1': $2 must grow on CPU $4 only, grew on [$5 ${6:-}]" ;;
	no) [ $# = 4 ] || fail "table '$1': $2 grew on [$5 ${6:-}], its queue is unused" ;;
	esac
}

t_rssirq() {
	ensure_up
	[ "$DUT" = e82574 ] || skip "queue vectors are e82574's"
	need_tool
	grep -E "$IF" /proc/interrupts
	IRQ0=$(irq_of "$IF-TxRx-0")
	IRQ1=$(irq_of "$IF-TxRx-1")
	[ -n "$IRQ0" ] && [ -n "$IRQ1" ] || fail "no $IF-TxRx-0/1 in /proc/interrupts"
	[ -n "$(irq_of "$IF")" ] || fail "no link vector named $IF"
	CPU0=$(cat "/proc/irq/$IRQ0/smp_affinity_list")
	CPU1=$(cat "/proc/irq/$IRQ1/smp_affinity_list")
	echo "TxRx-0: irq $IRQ0 on CPU $CPU0, TxRx-1: irq $IRQ1 on CPU $CPU1"
	case "$CPU0$CPU1" in
	*[!0-9]*) fail "affinity is not one CPU each: '$CPU0' '$CPU1'" ;;
	esac
	[ "$CPU0" != "$CPU1" ] || fail "both queue vectors on CPU $CPU0"
	[ "$(cat "/proc/irq/$IRQ0/affinity_hint" | tr -d '0,')" != "" ] ||
		fail "no affinity hint on TxRx-0"

	SEED=40
	traffic "equal 1" yes no
	traffic "start 1 equal 1" no yes
	traffic "default" yes yes

	# the user moves TxRx-1 to TxRx-0's CPU; a queue count change
	# must not put it back (the driver's default is only a default)
	echo "$CPU0" >"/proc/irq/$IRQ1/smp_affinity_list" ||
		fail "cannot set TxRx-1's affinity to CPU $CPU0"
	ethtool -L "$IF" combined 1 || fail "ethtool -L combined 1 failed"
	ethtool -L "$IF" combined 2 || fail "ethtool -L combined 2 failed"
	got=$(cat "/proc/irq/$IRQ1/smp_affinity_list")
	echo "$CPU1" >"/proc/irq/$IRQ1/smp_affinity_list"
	[ "$(irq_of "$IF-TxRx-1")" = "$IRQ1" ] ||
		fail "TxRx-1 is no longer IRQ $IRQ1 after ethtool -L"
	[ "$got" = "$CPU0" ] ||
		fail "TxRx-1's affinity set by the user (CPU $CPU0) is '$got' after ethtool -L 1, 2"
	wait_carrier "$IF" 10000 || fail "no carrier after ethtool -L"

	# the same over ifdown/ifup, and for a transmit queue's XPS map the
	# user set (both CPUs for TX queue 0, where the driver maps one)
	xps=/sys/class/net/$IF/queues/tx-0/xps_cpus
	xps0=$(cat "$xps")
	echo "$CPU0" >"/proc/irq/$IRQ1/smp_affinity_list" ||
		fail "cannot set TxRx-1's affinity to CPU $CPU0"
	echo 3 >"$xps" || fail "cannot set $xps"
	ip link set "$IF" down
	ip link set "$IF" up
	wait_carrier "$IF" 10000 || fail "no carrier after ifdown/ifup"
	configure "$IF"
	got=$(cat "/proc/irq/$IRQ1/smp_affinity_list")
	gotx=$(cat "$xps")
	echo "after ifdown/ifup: TxRx-1 on CPU $got (set $CPU0), tx-0 xps_cpus $gotx (set 3, was $xps0)"
	echo "$CPU1" >"/proc/irq/$IRQ1/smp_affinity_list"
	echo "$xps0" >"$xps"
	[ "$got" = "$CPU0" ] ||
		fail "TxRx-1's affinity set by the user (CPU $CPU0) is '$got' after ifdown/ifup"
	[ $((0x$gotx)) = 3 ] ||
		fail "tx-0's XPS map set by the user (3) is '$gotx' after ifdown/ifup"
}
