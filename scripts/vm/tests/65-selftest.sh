#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# selftest: ethtool -t.  ethtool -i says supports-test; the six results
# have their names and are 0, offline and online.  With settings that are
# not the defaults (RSS weight 1 3, own key, tcp4 sd, MTU 1400, rings,
# coalescing, a feature off) the offline test leaves every one of them as
# it was (ethtool -x/-n/-l/-c/-g/-k, MTU, and the NIC's RETA/RSSRK) and
# traffic flows.  The RSS loopback really ran on both queues, as the table
# says: the driver's count per queue equals the table's entries per queue
# and QEMU's trace shows that many RX descriptors used on each ring
# (flows hashed on addresses with tcp4 sd, on the TCP 4-tuple with sdfn);
# so did the PHY loopback, the same frames a second time, looped by the
# PHY: QEMU's trace shows BMCR written with loopback, 1000 Mb/s and full
# duplex (0x4140) and then cleared, and twice the descriptors used;
# with -X equal 1, and with one MSI vector (the msi private flag), every
# frame comes back on queue 0 and ring 1 gets nothing.  It can fail: with
# NVM word 0x3f changed behind the driver's back the NVM test reports 2;
# with the link taken away by the peer, the link test and the loopback
# report failures and the result is FAIL.  On an
# interface that is down the offline test passes and leaves it down.

. /e82574/rss-lib.sh

ST_NAMES="Register test  (offline)|NVM test       (offline)|Interrupt test (offline)|RSS loopback   (offline)|PHY loopback   (offline)|Link test   (on/offline)"

# st_run MODE WANT: ethtool -t in MODE; the verdict must be WANT (PASS or
# FAIL); the results go to /tmp/st.res as "name|value" lines
st_run() {
	local n
	n=$(dmesg | wc -l)
	ethtool -t "$IF" "$1" >/tmp/st.out 2>&1
	cat /tmp/st.out
	# a stray message in a masked window, probed again (see the driver)
	dmesg_since "$n" | grep 'while cause .* was masked' || true
	grep -q "^The test result is $2\$" /tmp/st.out ||
		fail "ethtool -t $1: expected $2: $(head -n1 /tmp/st.out)"
	awk '/^The test extra info:/ { on = 1; next }
		on && NF { v = $NF; sub(/[ \t]+[^ \t]+[ \t]*$/, ""); print $0 "|" v }' \
		/tmp/st.out >/tmp/st.res
	[ "$(cut -d'|' -f1 /tmp/st.res | tr '\n' '|')" = "$ST_NAMES|" ] ||
		fail "result names: $(cut -d'|' -f1 /tmp/st.res | tr '\n' ',')"
}

# st_val PREFIX: the value of the result whose name starts with PREFIX
st_val() {
	awk -F'|' -v p="$1" 'index($1, p) == 1 { print $2; exit }' /tmp/st.res
}

st_all_zero() {
	[ "$(cut -d'|' -f2 /tmp/st.res | tr -d '0\n')" = "" ] ||
		fail "ethtool -t $1: not all results 0: $(tr '\n' ' ' </tmp/st.res)"
}

# everything the offline test must leave as it was
st_state() {
	rss_snapshot "$IF"
	echo "== mtu $(cat "/sys/class/net/$IF/mtu")"
	ethtool -c "$IF" | grep -v '^Coalesce parameters'
	ethtool -g "$IF"
	ethtool -k "$IF"
	ethtool -a "$IF"
}

# the table's entries on queue 1 (ethtool -x)
table_q1() {
	local n=0 e
	for e in $(rss_table "$IF"); do
		[ "$e" = 1 ] && n=$((n + 1))
	done
	echo $n
}

# st_loopback WHAT Q0 Q1: offline test passes; the driver's lines for
# both loopbacks (MAC, then PHY) and QEMU's RX descriptor reads per ring
# show Q0 frames on queue 0 and Q1 on queue 1 in each; QEMU's MDIC trace
# shows the PHY put into loopback (BMCR 0x4140) and taken out again
st_loopback() {
	local p n line d0 d1 lb on off
	n=$(dmesg | wc -l)
	p=$(trace_mark)
	st_run offline PASS
	st_all_zero "offline ($1)"
	for lb in RSS PHY; do
		line=$(dmesg_since "$n" | grep "self-test: $lb loopback:" | tail -n1)
		echo "driver: ${line#*] }"
		echo "$line" | grep -q "128 frames for 128 of 128 table entries, 128 passed (queue 0: $2, queue 1: $3)" ||
			fail "$1: $lb loopback line is not 128 frames, 128 passed, $2/$3: $line"
	done
	d0=$(trace_count "$p" 'e1000e_rx_descr Next RX descriptor: ring #0,')
	d1=$(trace_count "$p" 'e1000e_rx_descr Next RX descriptor: ring #1,')
	echo "$1: QEMU RX descriptors used: ring 0 $d0, ring 1 $d1 (want 2 x $2/$3)"
	# the restart may receive a frame or two from the peer afterwards
	[ "$d0" -ge $((2 * $2)) ] && [ "$d0" -le $((2 * $2 + 4)) ] ||
		fail "$1: QEMU used $d0 descriptors of ring 0, the table has $2 entries there (x 2 loopbacks)"
	[ "$d1" -ge $((2 * $3)) ] && [ "$d1" -le $((2 * $3 + 4)) ] ||
		fail "$1: QEMU used $d1 descriptors of ring 1, the table has $3 entries there (x 2 loopbacks)"
	[ "$3" != 0 ] || [ "$d1" = 0 ] || fail "$1: ring 1 used with every entry on queue 0"
	on=$(trace_count "$p" 'MDIC WRITE: PHY\[0\]\[0\] = 0x4140$')
	off=$(trace_count "$p" 'MDIC WRITE: PHY\[0\]\[0\] = 0x140$')
	echo "$1: BMCR written 0x4140 (PHY loopback) $on times, 0x140 (out of it) $off times"
	[ "$on" = 1 ] && [ "$off" = 1 ] ||
		fail "$1: BMCR set to PHY loopback $on times and cleared $off times (want 1, 1)"
}

st_cleanup() {
	[ -n "${ST_W3F:-}" ] && nvm_write 0x3f "$ST_W3F"
	ethtool --set-priv-flags "$IF" msi off 2>/dev/null
	ethtool -G "$IF" rx 256 tx 256 2>/dev/null
	ethtool -C "$IF" rx-usecs 50 2>/dev/null
	ethtool -K "$IF" tso on 2>/dev/null
	ctl "link on" >/dev/null 2>&1
	keep_state_cleanup
}

t_selftest() {
	local q1
	[ "$DUT" = e82574 ] || skip "checks e82574's self-test"
	ensure_up
	need_tool
	ethtool -i "$IF" | grep -q '^supports-test: yes$' ||
		fail "ethtool -i: $(ethtool -i "$IF" | grep supports-test)"
	trap st_cleanup EXIT
	trace_on e1000e_rx_descr e1000e_core_mdic_write

	# online: the link only
	st_run online PASS
	st_all_zero online

	# offline with settings that are not the defaults
	keep_state_setup
	ethtool -G "$IF" rx 512 tx 320 || fail "ethtool -G rx 512 tx 320 failed"
	ethtool -C "$IF" rx-usecs 60 || fail "ethtool -C rx-usecs 60 failed"
	ethtool -K "$IF" tso off || fail "ethtool -K tso off failed"
	wait_carrier "$IF" 10000 || fail "no carrier after the setup"
	st_state >/tmp/st.want
	q1=$(table_q1)
	st_loopback "weight 1 3" $((128 - q1)) "$q1"
	keep_state_check "after the offline self-test"
	st_state >/tmp/st.now
	if ! cmp -s /tmp/st.want /tmp/st.now; then
		diff /tmp/st.want /tmp/st.now | head -n 20
		fail "settings changed by the offline self-test"
	fi
	echo "every setting kept, traffic flows"

	# the counts follow the table: everything on queue 0, then the
	# default; TCP flows hashed on their ports now (4-tuple)
	ethtool -N "$IF" rx-flow-hash tcp4 sdfn || fail "ethtool -N tcp4 sdfn failed"
	ethtool -X "$IF" equal 1 || fail "ethtool -X equal 1 failed"
	st_loopback "equal 1" 128 0
	ethtool -X "$IF" default || fail "ethtool -X default failed"
	st_loopback "default table" 64 64

	# one MSI vector and one queue pair (the msi private flag): the
	# interrupt test takes the MSI causes, the loopback queue 0 only
	ethtool --set-priv-flags "$IF" msi on || fail "set-priv-flags msi on failed"
	wait_carrier "$IF" 10000 || fail "no carrier with msi on"
	st_loopback "msi" 128 0
	ethtool --set-priv-flags "$IF" msi off || fail "set-priv-flags msi off failed"
	wait_carrier "$IF" 10000 || fail "no carrier after the self-tests"
	configure "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after the self-tests failed"

	# a bad NVM checksum (bit 0 of word 0x3f flipped behind the driver's
	# back, through EEWR as nvmbad does): the NVM result is 2, the others
	# pass; the word is put back
	ST_W3F=$(nvm_read 0x3f)
	nvm_write 0x3f $((ST_W3F ^ 1))
	[ "$(nvm_read 0x3f)" = $((ST_W3F ^ 1)) ] || fail "EEWR did not change NVM word 0x3f"
	st_run offline FAIL
	[ "$(st_val 'NVM test')" = 2 ] ||
		fail "offline with a bad NVM checksum: NVM result $(st_val 'NVM test') (want 2)"
	[ "$(grep -v '^NVM test' /tmp/st.res | cut -d'|' -f2 | tr -d '0\n')" = "" ] ||
		fail "a bad NVM checksum failed other tests too: $(tr '\n' ' ' </tmp/st.res)"
	nvm_write 0x3f "$ST_W3F"
	[ "$(nvm_read 0x3f)" = "$ST_W3F" ] || fail "NVM word 0x3f not restored"
	ST_W3F=
	wait_carrier "$IF" 10000 || fail "no carrier after the NVM case"

	# without link: FAIL, the link and loopback results say why
	ctl "link off" || fail "peer could not take the link down: $CTL_REPLY"
	st_run online FAIL
	[ "$(st_val 'Link test')" = 1 ] || fail "online without link: link result $(st_val 'Link test')"
	st_run offline FAIL
	[ "$(st_val 'Link test')" = 1 ] && [ "$(st_val 'RSS loopback')" = 3 ] &&
		[ "$(st_val 'PHY loopback')" = 3 ] ||
		fail "offline without link: link $(st_val 'Link test'), loopbacks $(st_val 'RSS loopback') $(st_val 'PHY loopback') (want 1, 3 3)"
	[ "$(st_val 'Register test')" = 0 ] && [ "$(st_val 'Interrupt test')" = 0 ] ||
		fail "offline without link: register/interrupt tests failed too"
	ctl "link on" || fail "peer could not bring the link up: $CTL_REPLY"
	wait_carrier "$IF" 10000 || fail "no carrier after link on"

	# an interface that is down: tested, and left down
	ip link set "$IF" down || fail "ip link set down failed"
	st_run offline PASS
	st_all_zero "offline while down"
	[ "$(cat "/sys/class/net/$IF/operstate")" = down ] ||
		fail "the offline test brought a down interface up"
	ensure_up
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after up again failed"
	st_cleanup
	trap - EXIT
}
