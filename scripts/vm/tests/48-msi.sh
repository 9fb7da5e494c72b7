#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# msi: without MSI-X (forced here with the "msi" private flag, since
# QEMU's e1000e always offers it) the driver says so, runs one queue pair
# on a single MSI vector, refuses a second channel, and still carries
# traffic both ways with link, RX and TX completions on that vector.  The
# flag is refused while a user table uses queue 1.  Clearing the flag
# brings MSI-X and both queue vectors back; there is no module parameter.

t_msi() {
	local irqs out q1
	ensure_up
	[ "$DUT" = e82574 ] || skip "the msi private flag is e82574's"
	modinfo e82574 | grep -q '^parm:' && fail "e82574 has module parameters"
	ethtool --show-priv-flags "$IF" | grep -Eq '^msi *: off' ||
		fail "no msi private flag, or it is on: $(ethtool --show-priv-flags "$IF")"
	ethtool -X "$IF" weight 1 1 || fail "ethtool -X weight 1 1 failed"
	ethtool --set-priv-flags "$IF" msi on 2>/dev/null &&
		fail "msi accepted while the user's table uses queue 1"
	grep -q " $IF-TxRx-1\$" /proc/interrupts ||
		fail "a refused msi flag changed the vectors"
	ethtool -X "$IF" default || fail "ethtool -X default failed"
	ethtool --set-priv-flags "$IF" msi on || fail "set-priv-flags msi on failed"
	ensure_up
	ethtool --show-priv-flags "$IF" | grep -Eq '^msi *: on' ||
		fail "msi flag not shown as on"

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
	# counters persist across the switch: compare before and after
	q1=$(eth_stat "$IF" rx_queue_1_packets)
	rx_frames 2000 "send proto=mix flows=256 count=2000 pps=2000 len=64"
	[ "$(eth_stat "$IF" rx_queue_1_packets)" = "$q1" ] ||
		fail "queue 1 received frames with one queue pair"
	timeout 60 "$TOOL" txgen --ifname "$IF" --mode csum4 --count 50 --size 500 ||
		fail "txgen over MSI failed"
	[ "$(eth_stat "$IF" tx_csum_offload)" -ge 50 ] ||
		fail "tx_csum_offload $(eth_stat "$IF" tx_csum_offload) < 50"

	ethtool --set-priv-flags "$IF" msi off || fail "set-priv-flags msi off failed"
	ensure_up
	grep -q " $IF-TxRx-1\$" /proc/interrupts || fail "no MSI-X queue vectors after msi off"
	out=$(ethtool -l "$IF")
	echo "$out" | awk '/^Combined:/ { n++; v[n] = $2 } END { exit !(v[1] == 2 && v[2] == 2) }' ||
		fail "ethtool -l does not show 2 / 2 after msi off: $out"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after going back to MSI-X failed"
}
