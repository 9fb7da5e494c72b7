#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/demo.sh: load the driver, bring the link up, run
# multi-flow traffic and show what the driver reports.
. /e82574/guest-lib.sh

step() { echo; echo "=== $*"; }

echo "=== e82574 demo: kernel $(uname -r), driver under test $DUT"
bdf=$(dev_bdf) || { echo "no 82574L PCI device"; exit 1; }
step "lspci-ish: $bdf $(cat /sys/bus/pci/devices/$bdf/vendor):$(cat /sys/bus/pci/devices/$bdf/device)"
step "modprobe $DUT"
modprobe "$DUT" || { echo "modprobe $DUT failed"; exit 1; }
(load_dut) || exit 1
IF=$(iface)
echo "driver: $(dev_driver), netdev: $IF"
step "ethtool -i $IF"
ethtool -i "$IF"
step "ip link set $IF up"
ip link set "$IF" up
t0=$(now_ms)
if wait_carrier "$IF" 10000; then
	echo "carrier up after $(($(now_ms) - t0)) ms"
else
	echo "no carrier after 10 s"
fi
(configure "$IF") || exit 1
ip addr show dev "$IF"
step "ping -c 3 $PEER4 / $PEER6"
ping -c 3 -W 2 "$PEER4" | tail -n2
ping -6 -c 3 -W 2 "$PEER6" | tail -n2
# queue_counts: "q0 q1" rx packets per queue
queue_counts() {
	echo "$(eth_stat "$IF" rx_queue_0_packets) $(eth_stat "$IF" rx_queue_1_packets)"
}

show_irqs() {
	head -n1 /proc/interrupts
	grep -E " $IF(-TxRx-[0-9]+)?\$" /proc/interrupts
}

# rss_round TITLE: traffic, then how it split over the queues and vectors
rss_round() {
	local before after d0 d1
	step "$1: /proc/interrupts before"
	show_irqs
	before=$(queue_counts)
	timeout 120 "$TOOL" rx --ifname "$IF" --expect 8000 \
		--send "send proto=mix flows=1024 count=8000 pps=3000 len=200 seed=$2"
	after=$(queue_counts)
	d0=$(($(echo "$after" | cut -d' ' -f1) - $(echo "$before" | cut -d' ' -f1)))
	d1=$(($(echo "$after" | cut -d' ' -f2) - $(echo "$before" | cut -d' ' -f2)))
	step "$1: per-queue RX packets: queue 0 +$d0, queue 1 +$d1" \
		"($(( d0 * 100 / (d0 + d1 + (d0 + d1 == 0)) ))% / $(( d1 * 100 / (d0 + d1 + (d0 + d1 == 0)) ))%)"
	ethtool -S "$IF" | grep -E '(rx|tx)_queue_[01]_(packets|bytes)|queue_[01]_irqs'
	step "$1: /proc/interrupts after"
	show_irqs
}

if [ -x "$TOOL" ] && [ "$DUT" = e82574 ]; then
	step "ethtool -l $IF"
	ethtool -l "$IF"
	step "ethtool -n $IF rx-flow-hash tcp4 / udp4"
	ethtool -n "$IF" rx-flow-hash tcp4
	ethtool -n "$IF" rx-flow-hash udp4
	step "ethtool -x $IF (default table: entries alternate between the queues)"
	ethtool -x "$IF"
	rss_round "default table, 1024 flows (tcp4/tcp6/udp4/udp6), 8000 frames" 1
	step "ethtool -X $IF weight 1 3"
	ethtool -X "$IF" weight 1 3
	ethtool -x "$IF"
	rss_round "weight 1 3, the same kind of traffic" 2
	step "ethtool -X $IF default"
	ethtool -X "$IF" default
fi
if [ -x "$TOOL" ]; then
	step "guest -> peer: TSO (tso4, 20 x 20000 bytes) and checksum offload (csum6)"
	timeout 60 "$TOOL" txgen --ifname "$IF" --mode tso4 --count 20 --size 20000 --mss 1400
	timeout 60 "$TOOL" txgen --ifname "$IF" --mode csum6 --count 100 --size 1000
	sleep 1
	timeout 20 "$TOOL" ctl txstat
	step "peer pings the guest"
	timeout 60 "$TOOL" ctl "ping4 count=5"
	timeout 60 "$TOOL" ctl "ping6 count=5"
else
	echo "(e82574-tool not available: no peer traffic)"
fi
step "ip -s link show $IF"
ip -s link show "$IF"
step "ethtool -S $IF"
ethtool -S "$IF"
step "ethtool -x $IF"
ethtool -x "$IF" || echo "(ethtool -x $IF failed with status $?)"
step "/proc/interrupts (device vectors)"
show_irqs
step "done"
