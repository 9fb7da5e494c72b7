#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# msi: without MSI-X (forced here with msix=0, since QEMU's e1000e always
# offers it) the driver says so, runs one queue pair on a single MSI
# vector, refuses a second channel, and still carries traffic both ways
# with link, RX and TX completions on that vector.  Reloading with the
# default brings MSI-X and both queue vectors back.

t_msi() {
	local irqs out
	ensure_up
	[ "$DUT" = e82574 ] || skip "the msix parameter is e82574's"
	ip link set "$IF" down
	rmmod e82574 || fail "rmmod e82574 failed"
	modprobe e82574 msix=0 || fail "modprobe e82574 msix=0 failed"
	ensure_up

	dmesg | grep -q 'falling back to MSI with one queue pair' ||
		fail "no log line about the fallback to MSI"
	irqs=$(grep -E " $IF(-TxRx-[0-9]+)?\$" /proc/interrupts)
	echo "$irqs"
	[ "$(echo "$irqs" | grep -c .)" = 1 ] || fail "expected one vector, got: $irqs"
	echo "$irqs" | grep -q 'PCI-MSI' || fail "the vector is not an MSI: $irqs"
	echo "$irqs" | grep -q 'MSIX' && fail "still MSI-X: $irqs"

	out=$(ethtool -l "$IF")
	echo "$out" | awk '/^Combined:/ { n++; v[n] = $2 } END { exit !(v[1] == 1 && v[2] == 1) }' ||
		fail "ethtool -l does not show max 1 / current 1: $out"
	ethtool -L "$IF" combined 2 2>/dev/null && fail "-L combined 2 accepted on MSI"

	ping_ok -c 3 -W 2 "$PEER4" || fail "ping over MSI failed"
	rx_frames 2000 "send proto=mix flows=256 count=2000 pps=2000 len=64"
	[ "$(eth_stat "$IF" rx_queue_1_packets)" = 0 ] ||
		fail "queue 1 received frames with one queue pair"
	timeout 60 "$TOOL" txgen --ifname "$IF" --mode csum4 --count 50 --size 500 ||
		fail "txgen over MSI failed"
	[ "$(eth_stat "$IF" tx_csum_offload)" -ge 50 ] ||
		fail "tx_csum_offload $(eth_stat "$IF" tx_csum_offload) < 50"

	ip link set "$IF" down
	rmmod e82574 || fail "rmmod e82574 (MSI) failed"
	modprobe e82574 || fail "modprobe e82574 failed"
	ensure_up
	grep -q " $IF-TxRx-1\$" /proc/interrupts || fail "no MSI-X queue vectors after reload"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after going back to MSI-X failed"
}
