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
if [ -x "$TOOL" ]; then
	step "peer -> guest: 20000 frames, 256 flows (tcp4/tcp6/udp4/udp6), 4000 pps"
	timeout 120 "$TOOL" rx --ifname "$IF" --expect 20000 \
		--send "send proto=mix flows=256 count=20000 pps=4000 len=200"
	step "guest -> peer: TSO (tso4, 20 x 20000 bytes) and checksum offload (csum6)"
	timeout 60 "$TOOL" txgen --ifname "$IF" --mode tso4 --count 20 --size 20000 --mss 1400
	timeout 60 "$TOOL" txgen --ifname "$IF" --mode csum6 --count 100 --size 1000
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
head -n1 /proc/interrupts
grep -E "$IF|$DUT|$bdf" /proc/interrupts || grep -iE 'msi|pci' /proc/interrupts
step "done"
