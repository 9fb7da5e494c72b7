#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# txoffload: checksum offload and TSO are on, and packets handed to the
# driver as CHECKSUM_PARTIAL / GSO (e82574-tool txgen, PACKET_VNET_HDR) leave
# the NIC with correct checksums, TSO segments no larger than the MSS and no
# sequence gaps or payload corruption (as seen by the peer: txstat).  The
# driver's offload counters must move, proving the NIC did the work rather
# than a software fallback.

# txgen_check MODE COUNT SIZE [MSS [sw]]: "sw" when the driver is to
# checksum the frames in software (no offload counter moves)
txgen_check() {
	local mode=$1 count=$2 size=$3 mss=${4:-} c0 c1 t0 t1 out st v segs want
	local cnt
	case $mode in
	tso*) cnt=$CNT_TX_TSO ;;
	*) cnt=$CNT_TX_CSUM ;;
	esac
	[ "${5:-}" = sw ] && cnt=
	ctl "txstat reset" || fail "txstat reset: $CTL_REPLY"
	c0=
	[ -n "$cnt" ] && c0=$(eth_stat "$IF" "$cnt")
	[ -z "$cnt" ] || [ -n "$c0" ] || fail "ethtool -S has no $cnt"
	out=$(timeout 60 "$TOOL" txgen --ifname "$IF" --mode "$mode" --count "$count" \
		--size "$size" ${mss:+--mss "$mss"} 2>&1) ||
		fail "txgen $mode failed: $(echo "$out" | tail -n1)"
	echo "txgen $mode: $out"
	sleep 1
	txstat_ok "$mode" "$mode" "$count" ""
	st=$CTL_REPLY
	case $mode in
	tso*)
		segs=$(( (size + mss - 1) / mss ))
		want=$((count * segs))
		[ "$(kv segs "$st")" -ge $want ] ||
			fail "$mode: peer saw segs=$(kv segs "$st"), expected >= $want"
		# real segmentation: TCP payload per segment; QEMU 7.2: IP
		# fragments / pieces of gso_size bytes (max_frag)
		[ "$(kv max_tcp_payload "$st")" -le "$mss" ] ||
			fail "$mode: max_tcp_payload=$(kv max_tcp_payload "$st") > mss $mss"
		[ "$(kv max_frag "$st")" -le "$mss" ] ||
			fail "$mode: max_frag=$(kv max_frag "$st") > mss $mss"
		;;
	*)
		[ "$(kv frames "$st")" -ge "$count" ] ||
			fail "$mode: peer saw frames=$(kv frames "$st"), expected >= $count"
		;;
	esac
	if [ -n "$cnt" ]; then
		# hardware-derived counters may lag (e1000e: 2 s watchdog)
		for v in 1 2 3 4 5; do
			c1=$(eth_stat "$IF" "$cnt")
			[ $((c1 - c0)) -ge "$count" ] && break
			sleep 1
		done
		echo "$mode: $cnt +$((c1 - c0))"
		[ $((c1 - c0)) -ge "$count" ] ||
			fail "$mode: ethtool -S $cnt +$((c1 - c0)), expected >= $count (software fallback?)"
	fi
}

t_txoffload() {
	local k
	ensure_up
	need_tool
	k=$(ethtool -k "$IF") || fail "ethtool -k failed"
	echo "$k" | grep -E '^(tx-checksumming|tcp-segmentation-offload|\s+tx-tcp6?-segmentation|\s+tx-checksum)'
	echo "$k" | grep -q '^tx-checksumming: on' || fail "tx-checksumming is not on"
	echo "$k" | grep -q '^tcp-segmentation-offload: on' ||
		fail "tcp-segmentation-offload is not on"
	txgen_check csum4 200 1000
	txgen_check csum6 200 1000
	txgen_check udpcsum4 200 1000
	# a UDP frame shorter than the 60-byte minimum (16 payload bytes:
	# 58): the driver pads it to 60 and must checksum it in software
	# first.  QEMU's model takes the pseudo-header length from the
	# padded buffer, so an offloaded checksum of it is wrong by the pad.
	txgen_check udpcsum4 50 16 "" sw
	txgen_check tso4 50 20000 1200
	txgen_check tso6 50 20000 1200
}
