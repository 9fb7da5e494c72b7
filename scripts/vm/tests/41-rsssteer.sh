#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rsssteer: RSS steering is exact, proven by traffic.  For 3 keys (the
# driver's default, two random ones set with ethtool -X hkey; the guest
# command line's e82574_rsssteer_keys=rand1 runs only the first random
# one, as test-all.sh does outside the main run) x 10
# indirection tables (ethtool -X default / equal 1 / weight 1 3 / weight 3 1
# / start 1 equal 1, and 5 random tables set with e82574-tool set-indir),
# the peer sends 5000 new flows (2000 TCP/IPv4, 2000 TCP/IPv6, 500 UDP/IPv4,
# 500 UDP/IPv6, one frame each, random source addresses) and e82574-tool
# rss-check recomputes the 82574 Toeplitz hash of every frame from the
# driver's key and hash fields: every frame must arrive, on the queue
# indir[hash & 127] says, with that hash (TCP; UDP carries an L3 hash, which
# the kernel does not pass to packet sockets, so UDP is checked by queue).
# Tables that use both queues must put traffic on both; "equal 1" none on
# queue 1, "start 1 equal 1" none on queue 0.  Finally the checker must
# catch a planted fault: RETA entry 5 flipped behind the driver's back
# (e82574-tool reg, BAR0) must give queue mismatches on exactly the frames
# of hash index 5 and nothing else.  One more round runs with TCP hashed on
# addresses only (rx-flow-hash tcp4/tcp6 sd).  Default key, table and hash
# fields are restored at the end.

RSS_PROTO=tcp4,tcp6,tcp4,tcp6,tcp4,tcp6,tcp4,tcp6,udp4,udp6
RSS_FLOWS=5000

rss_restore() {
	[ -n "${RSS_KEY0:-}" ] && ethtool -X "$IF" hkey "$RSS_KEY0" >/dev/null 2>&1
	ethtool -X "$IF" default >/dev/null 2>&1
	ethtool -N "$IF" rx-flow-hash tcp4 sdfn >/dev/null 2>&1
	ethtool -N "$IF" rx-flow-hash tcp6 sdfn >/dev/null 2>&1
}

# rss_table NAME: apply table NAME; prints nothing, sets RSS_WANT_ZEROS
# (queue-0 entries the table must have, empty: not checked) and RSS_SPREAD
# (both | q0 | q1: where traffic must go)
rss_table() {
	local out
	RSS_WANT_ZEROS=
	RSS_SPREAD=both
	case "$1" in
	default)
		ethtool -X "$IF" default || fail "ethtool -X $IF default failed"
		RSS_WANT_ZEROS=64 ;;
	equal1)
		ethtool -X "$IF" equal 1 || fail "ethtool -X $IF equal 1 failed"
		RSS_WANT_ZEROS=128 RSS_SPREAD=q0 ;;
	weight13)
		ethtool -X "$IF" weight 1 3 || fail "ethtool -X $IF weight 1 3 failed"
		RSS_WANT_ZEROS=32 ;;
	weight31)
		ethtool -X "$IF" weight 3 1 || fail "ethtool -X $IF weight 3 1 failed"
		RSS_WANT_ZEROS=96 ;;
	start1)
		ethtool -X "$IF" start 1 equal 1 ||
			fail "ethtool -X $IF start 1 equal 1 failed"
		RSS_WANT_ZEROS=0 RSS_SPREAD=q1 ;;
	random*)
		out=$("$TOOL" set-indir --ifname "$IF" --random "${1#random}" 2>&1) ||
			fail "set-indir --random ${1#random}: $out"
		RSS_SET_INDIR=${out#indir }
		RSS_WANT_ZEROS=$(rss_zeros "$RSS_SET_INDIR")
		[ "$(rss_get "$IF" indir)" = "$RSS_SET_INDIR" ] ||
			fail "table after set-indir --random ${1#random} is not the one set"
		;;
	*) fail "unknown table $1" ;;
	esac
}

# TCP hashed on addresses only (ethtool -N rx-flow-hash tcp4/tcp6 sd): every
# frame now carries an L3 hash, checked by queue (random table, last key)
rss_fields_round() {
	local f
	rss_table random77
	for f in tcp4 tcp6; do
		ethtool -N "$IF" rx-flow-hash $f sd ||
			fail "ethtool -N $IF rx-flow-hash $f sd failed"
	done
	rss_check $RSS_FLOWS "send proto=$RSS_PROTO flows=$RSS_FLOWS count=$RSS_FLOWS pps=3000 len=16 seed=$(date +%s) first=60000 run=998" ||
		fail "tcp4/tcp6 rx-flow-hash sd: $RSS_OUT"
	[ "$(kv hashed "$RSS_OUT")" = 0 ] && [ "$(kv l3 "$RSS_OUT")" = $RSS_FLOWS ] ||
		fail "with rx-flow-hash sd the driver still reports L4 fields: $(rss_get "$IF" fields)"
	for f in tcp4 tcp6; do
		ethtool -N "$IF" rx-flow-hash $f sdfn ||
			fail "ethtool -N $IF rx-flow-hash $f sdfn failed"
	done
	echo "rx-flow-hash tcp4/tcp6 sd: $(kv packets "$RSS_OUT") frames steered on the address-only hash, q0=$(kv q0 "$RSS_OUT") q1=$(kv q1 "$RSS_OUT")"
}

# set-indir --entries / --flip read back exactly; an entry naming a queue
# that does not exist is refused and leaves the table alone
rss_setindir_cli() {
	local e want got out
	e=$(seq 0 127 | awk '{ printf "%s%d", (NR > 1) ? "," : "", int($1 / 2) % 2 }')
	want=$(echo "$e" | tr ',' ' ')
	out=$("$TOOL" set-indir --ifname "$IF" --entries "$e" 2>&1) ||
		fail "set-indir --entries: $out"
	got=$(rss_get "$IF" indir)
	[ "$got" = "$want" ] || fail "set-indir --entries read back as $got"
	out=$("$TOOL" set-indir --ifname "$IF" --flip 7 2>&1) ||
		fail "set-indir --flip 7: $out"
	got=$(rss_get "$IF" indir)
	want=$(echo "$want" | awk '{ $8 = 1 - $8; print }')
	[ "$got" = "$want" ] || fail "set-indir --flip 7 read back as $got"
	if out=$("$TOOL" set-indir --ifname "$IF" --entries "$(echo "$e" | sed 's/^0/2/')" 2>&1); then
		fail "set-indir with an entry for queue 2 (2 rings) was accepted"
	fi
	[ "$(rss_get "$IF" indir)" = "$want" ] ||
		fail "refused set-indir changed the table"
	echo "set-indir --entries/--flip exact; queue 2 refused: $out"
}

# RETA entry 5 is bits 15:8 of RETA[1] (0x5c04); its bit 7 picks the queue
rss_planted_fault() {
	local v qm hm
	ethtool -X "$IF" default || fail "ethtool -X $IF default failed"
	v=$("$TOOL" reg "$IF" 0x5c04 2>&1) || {
		echo "planted fault skipped: cannot map BAR0: $v"
		return 0
	}
	v=${v#*= }
	"$TOOL" reg "$IF" 0x5c04 $((v ^ 0x8000)) ||
		fail "writing RETA[1] through resource0 failed"
	if rss_check $RSS_FLOWS "send proto=$RSS_PROTO flows=$RSS_FLOWS count=$RSS_FLOWS pps=3000 len=16 seed=$(date +%s) first=60000 run=999"; then
		fail "rss-check did not notice RETA entry 5 flipped behind the driver: $RSS_OUT"
	fi
	# put the entry back ourselves: the driver's table never changed
	"$TOOL" reg "$IF" 0x5c04 "$v" || fail "restoring RETA[1] failed"
	qm=$(kv queue_mismatch "$RSS_OUT")
	hm=$(kv hash_mismatch "$RSS_OUT")
	[ "$(kv packets "$RSS_OUT")" = $RSS_FLOWS ] && [ "$hm" = 0 ] &&
		[ "${qm:-0}" -gt 0 ] && [ "$qm" -lt 200 ] ||
		fail "planted fault (RETA entry 5 flipped): expected only the ~$((RSS_FLOWS / 128)) index-5 frames on the wrong queue, got $RSS_OUT"
	grep -q 'QUEUE-MISMATCH' /tmp/rss-check.err &&
		! grep 'MISMATCH' /tmp/rss-check.err | grep -qv 'index 5 ' ||
		fail "planted fault: mismatches reported on other indices than 5"
	echo "planted fault caught: $qm index-5 frames on the wrong queue, no other mismatch"
}

t_rsssteer() {
	local key keyname tbl round=0 z q0 q1 out t0 rings total=0 tq0=0 tq1=0
	ensure_up
	need_tool
	rings=$(rss_get "$IF" rings)
	if [ "$rings" != 2 ]; then
		ethtool -L "$IF" combined 2 || fail "ethtool -L $IF combined 2 failed"
		rings=$(rss_get "$IF" rings)
	fi
	[ "$rings" = 2 ] || fail "GRXRINGS says $rings RX rings, expected 2"
	RSS_KEY0=$(rss_get "$IF" key)
	[ -n "$RSS_KEY0" ] || fail "e82574-tool get-rss reports no key"
	trap rss_restore EXIT
	echo "default key $RSS_KEY0, fields $(rss_get "$IF" fields)"
	t0=$(now_ms)
	# e82574_rsssteer_keys= on the guest command line: fewer keys for
	# the runs besides the main one (test-all.sh), which keep a random key
	for keyname in $(cmdline_get e82574_rsssteer_keys "default,rand1,rand2" | tr , ' '); do
		if [ "$keyname" = default ]; then
			key=$RSS_KEY0
		else
			key=$("$TOOL" rand-key "$((${keyname#rand} + $(date +%s) % 1000 * 10))")
		fi
		ethtool -X "$IF" hkey "$key" || fail "ethtool -X $IF hkey $key failed"
		[ "$(rss_get "$IF" key)" = "$key" ] ||
			fail "key read back after ethtool -X hkey differs: $(rss_get "$IF" key)"
		echo "key $keyname: $key"
		for tbl in default equal1 weight13 weight31 start1 \
			random$((round * 7 + 1)) random$((round * 7 + 2)) \
			random$((round * 7 + 3)) random$((round * 7 + 4)) \
			random$((round * 7 + 5)); do
			round=$((round + 1))
			rss_table "$tbl"
			z=$(rss_zeros "$(rss_get "$IF" indir)")
			[ -z "$RSS_WANT_ZEROS" ] || [ "$z" = "$RSS_WANT_ZEROS" ] ||
				fail "table $tbl: $z queue-0 entries read back, expected $RSS_WANT_ZEROS"
			rss_check $RSS_FLOWS "send proto=$RSS_PROTO flows=$RSS_FLOWS count=$RSS_FLOWS pps=3000 len=16 seed=$((round * 7919 + $(date +%s) % 100000)) first=$(((round * RSS_FLOWS) % 60000)) run=$round" ||
				fail "key $keyname table $tbl: $RSS_OUT"
			q0=$(kv q0 "$RSS_OUT")
			q1=$(kv q1 "$RSS_OUT")
			total=$((total + $(kv packets "$RSS_OUT")))
			tq0=$((tq0 + q0))
			tq1=$((tq1 + q1))
			case "$RSS_SPREAD" in
			both)
				[ "$q0" -gt 0 ] && [ "$q1" -gt 0 ] ||
					fail "key $keyname table $tbl uses both queues but traffic was q0=$q0 q1=$q1" ;;
			q0)
				[ "$q1" = 0 ] || fail "key $keyname table $tbl: q1=$q1, expected none" ;;
			q1)
				[ "$q0" = 0 ] || fail "key $keyname table $tbl: q0=$q0, expected none" ;;
			esac
		done
	done
	echo "rounds=$round packets=$total q0=$tq0 q1=$tq1 in $(($(now_ms) - t0)) ms, no mismatches"
	rss_fields_round
	rss_setindir_cli
	rss_planted_fault
	rss_restore
	trap - EXIT
	[ "$(rss_get "$IF" key)" = "$RSS_KEY0" ] || fail "default key not restored"
	[ "$(rss_zeros "$(rss_get "$IF" indir)")" = 64 ] || fail "default table not restored"
}
