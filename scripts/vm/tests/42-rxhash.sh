#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rxhash: ethtool -K rxhash off stops the driver from reporting the NIC's
# hash (skb->hash is then the kernel's own flow hash, which is not the
# 82574's Toeplitz value) while RSS steering goes on exactly as before;
# rxhash on brings the Toeplitz hashes back.  Frames are checked by
# e82574-tool rss-check (TCP frames carry an L4 hash, compared with
# tp_rxhash; UDP frames are checked by queue only).

RXH_PROTO=tcp4,tcp6,tcp4,tcp6,udp4,udp6
RXH_N=3000

t_rxhash() {
	local hashed differ
	ensure_up
	need_tool
	ethtool -X "$IF" default || fail "ethtool -X $IF default failed"
	trap 'ethtool -K "$IF" rxhash on >/dev/null 2>&1' EXIT
	ethtool -K "$IF" rxhash off || fail "ethtool -K $IF rxhash off failed"
	ethtool -k "$IF" | grep -q '^receive-hashing: off' ||
		fail "ethtool -k does not show receive-hashing: off"

	rss_check $RXH_N "send proto=$RXH_PROTO flows=$RXH_N count=$RXH_N pps=3000 len=16 seed=$(date +%s) first=1000 run=4201" --no-hash ||
		fail "rxhash off: steering disturbed or frames lost: $RSS_OUT"
	hashed=$(kv hashed "$RSS_OUT")
	differ=$(kv hash_differ "$RSS_OUT")
	[ "${hashed:-0}" -ge 1000 ] || fail "rxhash off: only ${hashed:-0} TCP frames compared"
	# "most": a coincidence of the kernel's hash with Toeplitz is 2^-32
	[ $((differ * 10)) -ge $((hashed * 9)) ] ||
		fail "rxhash off: only $differ of $hashed hashes differ from Toeplitz (driver still reports the NIC hash?)"
	echo "rxhash off: $differ of $hashed reported hashes are not the NIC's Toeplitz value, queues exact"

	ethtool -K "$IF" rxhash on || fail "ethtool -K $IF rxhash on failed"
	trap - EXIT
	ethtool -k "$IF" | grep -q '^receive-hashing: on' ||
		fail "ethtool -k does not show receive-hashing: on"
	rss_check $RXH_N "send proto=$RXH_PROTO flows=$RXH_N count=$RXH_N pps=3000 len=16 seed=$(($(date +%s) + 1)) first=5000 run=4202" ||
		fail "rxhash on: $RSS_OUT"
	[ "$(kv hash_differ "$RSS_OUT")" = 0 ] || fail "rxhash on: hashes differ: $RSS_OUT"
	echo "rxhash on: all $(kv hashed "$RSS_OUT") TCP hashes are the NIC's Toeplitz value again"
}
