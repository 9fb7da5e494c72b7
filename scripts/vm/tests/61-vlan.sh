#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vlan: 802.1Q offloads as e1000e offers them on the 82574.
#  - ethtool -k: rx-vlan-offload, tx-vlan-offload and rx-vlan-filter on,
#    the 802.1ad (STAG) ones off [fixed]; txvlan follows rxvlan.
#  - TX over eth0.100 (e82574-tool txgen: TCP checksum offload, TSO IPv4
#    and IPv6) with txvlan on and off: the peer sees every test segment
#    with exactly one 802.1Q tag of VID 100 (PCP 5 with txvlan on, from an
#    egress QoS map), correct checksums, no segment over the MSS, every
#    message intact; the driver's TSO / checksum counters move.
#  - RX of tagged frames to eth0.100 with rxvlan on and off: all arrive
#    intact; QEMU's trace says the NIC stripped the tag (VLAN tag 0x64
#    in the RX metadata) only with rxvlan on; CTRL.VME follows rxvlan at
#    once and across a reset (ethtool -G) and a suspend cycle.
#  - filtering: VFTA holds VID 0 (the 8021q module adds it) and VID 100,
#    RCTL.VFE is set; frames for VID 200 (not joined) are dropped by the
#    NIC (rx_packets does not move), for VID 100 delivered; in promiscuous
#    mode and with rx-vlan-filter off VFE is clear and VID 200 passes;
#    VFTA and VFE come back after a reset; VID 100 leaves VFTA when
#    eth0.100 is deleted.
#  - QinQ: frames with an 802.1ad tag (VID 300) around an 802.1Q one (VID
#    100) are neither stripped nor filtered: all reach eth0.300.100
#    intact; sent through eth0.300.100 they reach the peer with both tags.

. /e82574/rss-lib.sh

VL=100
VLIF=
VLAN_CTRL=0x0000
VLAN_RCTL=0x0100
VLAN_VME=0x40000000
VLAN_VFE=0x40000

# vlan_feature NAME: on|off as ethtool -k shows it, with "[fixed]" if so
# (not "[requested on]": txvlan off is refused while rxvlan is on)
vlan_feature() {
	ethtool -k "$IF" | awk -v n="$1:" '$1 == n { print $2, ($3 == "[fixed]" ? $3 : ""); exit }' |
		sed 's/ $//'
}

vlan_bit() {	# vlan_bit REG MASK: 1 if set in the NIC's register
	[ $(($(rss_reg "$1") & $2)) != 0 ] && echo 1 || echo 0
}

# vlan_vfta VID: 1 if VID's bit is set in the NIC's VFTA
vlan_vfta() {
	vlan_bit $((0x5600 + 4 * ($1 / 32))) $((1 << ($1 % 32)))
}

# vlan_expect TCI N WHAT
vlan_expect() {
	local n
	n=$(peer_delivered "vlan=$1" | tail -n1)
	echo "$3: $n of 100 frames with VID $(($1 & 4095)) delivered"
	[ "$n" = "$2" ] || fail "$3: $n of 100 frames with VID $(($1 & 4095)) delivered, expected $2"
}

# vlan_state WHAT VME VFE: CTRL.VME and RCTL.VFE as expected (e82574 and
# e1000e program the same registers)
vlan_state() {
	local vme vfe
	vme=$(vlan_bit $VLAN_CTRL $VLAN_VME)
	vfe=$(vlan_bit $VLAN_RCTL $VLAN_VFE)
	echo "$1: CTRL.VME=$vme RCTL.VFE=$vfe VFTA[0]=$(rss_reg 0x5600) VFTA[3]=$(rss_reg 0x560c)"
	[ "$vme" = "$2" ] || fail "$1: CTRL.VME=$vme, expected $2"
	[ "$vfe" = "$3" ] || fail "$1: RCTL.VFE=$vfe, expected $3"
}

# vlan_tx WHAT MODE COUNT SIZE PCP: txgen through $VLIF; the peer checks
# the tag of every test segment, checksums, MSS and the messages
vlan_tx() {
	local what=$1 mode=$2 count=$3 size=$4 pcp=$5 mss=1200 st v cnt c0 c1 want
	case $mode in
	tso*) cnt=tx_tso ;;
	*) cnt=tx_csum_offload ;;
	esac
	ctl "txstat reset vid=$VL mss=$mss" || fail "txstat reset: $CTL_REPLY"
	c0=$(eth_stat "$IF" $cnt)
	# one CPU: XPS picks the TX queue by CPU, and two queues may reorder
	timeout 60 taskset 1 "$TOOL" txgen --ifname "$VLIF" --mode "$mode" --count "$count" \
		--size "$size" --mss $mss >/dev/null 2>&1 || fail "$what: txgen $mode failed"
	sleep 1
	txstat_ok "$what $mode" "$mode" "$count" "vid=$VL" vid_err over_mss
	st=$CTL_REPLY
	want=$count
	case $mode in
	tso*) want=$((count * ((size + mss - 1) / mss))) ;;
	esac
	[ "$(kv segs "$st")" -ge $want ] || fail "$what $mode: segs=$(kv segs "$st"), expected >= $want"
	[ "$(kv vlan "$st")" -ge $want ] || fail "$what $mode: vlan=$(kv vlan "$st") tagged frames, expected >= $want"
	[ "$(kv max_frag "$st")" -le $mss ] || fail "$what $mode: max_frag=$(kv max_frag "$st") > $mss"
	[ $(($(kv last_tci "$st") >> 13)) = "$pcp" ] ||
		fail "$what $mode: last tag $(kv last_tci "$st"), expected PCP $pcp"
	c1=$(eth_stat "$IF" $cnt)
	echo "$what $mode: segs=$(kv segs "$st") vlan=$(kv vlan "$st") last_tci=$(kv last_tci "$st") max_frag=$(kv max_frag "$st") max_tcp_payload=$(kv max_tcp_payload "$st") $cnt +$((c1 - c0))"
	[ $((c1 - c0)) -ge "$count" ] || fail "$what $mode: $cnt +$((c1 - c0)), expected >= $count (software fallback?)"
}

# vlan_rx WHAT STRIPPED: 200 tagged TCP frames reach $VLIF intact; QEMU's
# RX metadata shows the stripped tag STRIPPED (1/0) times per frame
vlan_rx() {
	local p n
	p=$(trace_mark)
	rx_frames_if "$VLIF" 200 "send proto=tcp4 flows=16 count=200 pps=2000 len=100 vlan=$VL"
	n=$(trace_count "$p" 'e1000e_rx_metadata_vlan VLAN tag is 0x64$')
	echo "$1: $n frames with the tag stripped by the NIC"
	if [ "$2" = 1 ]; then
		[ "$n" -ge 200 ] || fail "$1: the NIC stripped $n of 200 tags"
	else
		[ "$n" = 0 ] || fail "$1: the NIC stripped $n tags with rxvlan off"
	fi
}

# rx_frames_if IF COUNT "send ...": like rx_frames, on another interface
rx_frames_if() {
	local out rc
	out=$(timeout 180 "$TOOL" rx --ifname "$1" --expect "$2" --send "$3" 2>&1)
	rc=$?
	echo "rx $1 --expect $2 --send '$3' -> $(echo "$out" | head -n1)"
	[ $rc = 0 ] || fail "peer->$1: $2 frames expected, got: $(echo "$out" | tail -n1) (rc $rc)"
}

vlan_cleanup() {
	# the peer's MSS limit and VID expectation outlive the test
	"$TOOL" ctl "txstat mss=0 vid=any" >/dev/null 2>&1
	ip link del eth0.300.100 2>/dev/null
	ip link del eth0.300 2>/dev/null
	[ -n "$VLIF" ] && ip link del "$VLIF" 2>/dev/null
	trace_off e1000e_rx_metadata_vlan 2>/dev/null
	ip link set "$IF" promisc off 2>/dev/null
	ethtool -K "$IF" rxvlan on 2>/dev/null
	ethtool -K "$IF" rx-vlan-filter on 2>/dev/null
	configure "$IF"
}

t_vlan() {
	local f
	ensure_up
	need_tool
	[ "$DUT" = e82574 ] || skip "checks e82574's feature set and counters"
	trap vlan_cleanup EXIT

	for f in rx-vlan-offload tx-vlan-offload rx-vlan-filter; do
		echo "$f: $(vlan_feature $f)"
		[ "$(vlan_feature $f)" = on ] || fail "$f is '$(vlan_feature $f)', expected on"
	done
	for f in rx-vlan-stag-hw-parse tx-vlan-stag-hw-insert rx-vlan-stag-filter; do
		[ "$(vlan_feature $f)" = "off [fixed]" ] ||
			fail "$f is '$(vlan_feature $f)', expected off [fixed]"
	done
	ethtool -K "$IF" rxvlan off || fail "ethtool -K rxvlan off failed"
	[ "$(vlan_feature tx-vlan-offload)" = off ] || fail "txvlan stayed on with rxvlan off"
	ethtool -K "$IF" rxvlan on || fail "ethtool -K rxvlan on failed"
	[ "$(vlan_feature tx-vlan-offload)" = on ] || fail "txvlan not back on with rxvlan"

	VLIF=$IF.$VL
	# every skb priority maps to PCP 5: control frames the stack sends on
	# its own (MLD, neighbour solicitations: priority 7) may be the last
	# tagged frame the peer saw
	ip link add link "$IF" name "$VLIF" type vlan id $VL \
		egress-qos-map 0:5 1:5 2:5 3:5 4:5 5:5 6:5 7:5 ||
		fail "ip link add $VLIF failed (8021q)"
	ip link set "$VLIF" up || fail "ip link set $VLIF up failed"
	vlan_state "eth0.$VL added" 1 1
	[ "$(vlan_vfta 0)" = 1 ] || fail "VID 0 not in VFTA"
	[ "$(vlan_vfta $VL)" = 1 ] || fail "VID $VL not in VFTA"
	[ "$(vlan_vfta 200)" = 0 ] || fail "VID 200 in VFTA"

	# TX with the NIC inserting the tag, then with the stack doing it;
	# the egress QoS map gives every tag PCP 5 in both
	vlan_tx "txvlan on" csum4 100 1000 5
	vlan_tx "txvlan on" tso4 20 20000 5
	vlan_tx "txvlan on" tso6 20 20000 5
	ethtool -K "$IF" txvlan off rxvlan off || fail "ethtool -K txvlan off failed"
	vlan_state "rxvlan off" 0 1
	vlan_tx "txvlan off" csum4 100 1000 5
	vlan_tx "txvlan off" tso4 20 20000 5
	vlan_tx "txvlan off" tso6 20 20000 5

	# RX with and without stripping; VME follows rxvlan across a reset
	trace_on e1000e_rx_metadata_vlan
	vlan_rx "rxvlan off" 0
	ethtool -G "$IF" rx 512 || fail "ethtool -G rx 512 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after ethtool -G"
	vlan_state "rxvlan off, after a reset" 0 1
	vlan_rx "rxvlan off, after a reset" 0
	ethtool -K "$IF" rxvlan on || fail "ethtool -K rxvlan on failed"
	vlan_state "rxvlan on" 1 1
	vlan_rx "rxvlan on" 1
	ethtool -G "$IF" rx 256 || fail "ethtool -G rx 256 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after ethtool -G"
	vlan_state "rxvlan on, after a reset" 1 1
	[ "$(vlan_vfta $VL)" = 1 ] || fail "VID $VL not in VFTA after a reset"
	vlan_rx "rxvlan on, after a reset" 1

	# filtering
	vlan_expect 200 0 "VID 200 not joined"
	vlan_expect $VL 100 "VID $VL joined"
	ip link set "$IF" promisc on || fail "promisc on failed"
	vlan_state "promiscuous" 1 0
	vlan_expect 200 100 "VID 200, promiscuous"
	ip link set "$IF" promisc off || fail "promisc off failed"
	vlan_state "promiscuous off" 1 1
	vlan_expect 200 0 "VID 200 after promiscuous off"
	ethtool -K "$IF" rx-vlan-filter off || fail "ethtool -K rx-vlan-filter off failed"
	vlan_state "rx-vlan-filter off" 1 0
	vlan_expect 200 100 "VID 200, rx-vlan-filter off"
	ethtool -K "$IF" rx-vlan-filter on || fail "ethtool -K rx-vlan-filter on failed"
	vlan_state "rx-vlan-filter on" 1 1
	[ "$(vlan_vfta $VL)" = 1 ] || fail "VID $VL not in VFTA after rx-vlan-filter on"
	vlan_expect 200 0 "VID 200, rx-vlan-filter on again"
	vlan_expect $VL 100 "VID $VL, rx-vlan-filter on again"

	# a suspend cycle (pm_test=devices): VFTA, VFE and VME come back
	echo devices >/sys/power/pm_test || fail "cannot set pm_test devices"
	echo mem >/sys/power/state
	f=$?
	echo none >/sys/power/pm_test
	[ $f = 0 ] || fail "suspend cycle failed"
	wait_carrier "$IF" 10000 || fail "no carrier after resume"
	vlan_state "after a suspend cycle" 1 1
	[ "$(vlan_vfta $VL)" = 1 ] || fail "VID $VL not in VFTA after resume"
	vlan_expect 200 0 "VID 200 after resume"
	vlan_rx "after resume" 1

	# QinQ: 802.1ad 300 outside 802.1Q 100
	ip link add link "$IF" name eth0.300 type vlan proto 802.1ad id 300 ||
		fail "ip link add eth0.300 (802.1ad) failed"
	ip link add link eth0.300 name eth0.300.100 type vlan id $VL ||
		fail "ip link add eth0.300.100 failed"
	ip link set eth0.300 up && ip link set eth0.300.100 up || fail "QinQ devices not up"
	rx_frames_if eth0.300.100 100 "send proto=udp4 flows=10 count=100 pps=2000 len=200 stag=300 vlan=$VL"
	ctl "txstat reset vid=any" || fail "txstat reset: $CTL_REPLY"
	timeout 60 taskset 1 "$TOOL" txgen --ifname eth0.300.100 --mode csum4 --count 50 --size 500 \
		>/dev/null 2>&1 || fail "txgen through eth0.300.100 failed"
	sleep 1
	ctl txstat || fail "txstat: $CTL_REPLY"
	[ "$(kv qinq "$CTL_REPLY")" -ge 50 ] || fail "QinQ TX: qinq=$(kv qinq "$CTL_REPLY"), expected >= 50"
	[ "$(kv bad_l4_csum "$CTL_REPLY")" = 0 ] || fail "QinQ TX: bad checksums: $CTL_REPLY"
	[ "$(kv msgs_ok "$CTL_REPLY")" -ge 50 ] || fail "QinQ TX: messages damaged: $CTL_REPLY"
	ip link del eth0.300.100
	ip link del eth0.300

	ip link del "$VLIF" || fail "ip link del $VLIF failed"
	VLIF=
	ctl "txstat reset mss=0 vid=any" || fail "txstat reset: $CTL_REPLY"
	[ "$(vlan_vfta $VL)" = 0 ] || fail "VID $VL still in VFTA after eth0.$VL was deleted"
	vlan_expect $VL 0 "VID $VL after eth0.$VL was deleted"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after vlan failed"
}
