#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rssstate: the user's table, key and hash fields survive ifdown/ifup,
# channel changes and being set while the interface is down; ethtool -x
# and the NIC's own registers (read back with devmem) agree every time.
#
#   - weight 1 3 + own key + tcp4 sd: unchanged after down/up; -L 1 is
#     refused because the table uses queue 1 (the kernel's rule, kept);
#   - a user table on queue 0 only: -L 1 then -L 2 gives it back as it was;
#   - the default table: -L 1 spreads over one queue (steering off, every
#     RETA entry queue 0), -L 2 spreads it over two again, key untouched;
#   - table and key set while down are applied at up.

. /e82574/rss-lib.sh

# same_state WHEN: the state equals /tmp/rss.want, in software and hardware
same_state() {
	rss_snapshot "$IF" >/tmp/rss.now
	if ! cmp -s /tmp/rss.want /tmp/rss.now; then
		diff /tmp/rss.want /tmp/rss.now
		fail "RSS state changed $1"
	fi
	rss_check_hw "$IF"
	echo "state kept $1"
}

updown() {
	ip link set "$IF" down || fail "link down failed"
	ip link set "$IF" up || fail "link up failed"
	wait_carrier "$IF" 10000 || fail "no carrier after up"
	configure "$IF"
}

channels() {
	ethtool -L "$IF" combined "$1" || fail "ethtool -L combined $1 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after -L combined $1"
	configure "$IF"
}

t_rssstate() {
	local key key2 t
	ensure_up
	[ "$DUT" = e82574 ] || skip "RSS configuration is e82574's"
	rss_note_default_key "$IF"
	key=$(rss_random_key 11)
	key2=$(rss_random_key 12)

	# 1. a user table that uses both queues
	ethtool -X "$IF" weight 1 3 hkey "$key" || fail "ethtool -X weight 1 3 failed"
	ethtool -N "$IF" rx-flow-hash tcp4 sd || fail "ethtool -N tcp4 sd failed"
	rss_snapshot "$IF" >/tmp/rss.want
	grep -q "$key" /tmp/rss.want || fail "key not shown after -X hkey"
	same_state "after -X"
	updown
	same_state "after ifdown/ifup"
	ethtool -L "$IF" combined 1 2>/dev/null &&
		fail "-L combined 1 accepted with a table using queue 1"
	same_state "after the refused -L combined 1"

	# 2. a user table on queue 0 only survives -L 1 / -L 2
	ethtool -X "$IF" equal 1 || fail "ethtool -X equal 1 failed"
	rss_snapshot "$IF" >/tmp/rss.want
	channels 1
	t=$(rss_table "$IF")
	[ "$(echo $t | tr -d ' 0')" = "" ] || fail "table with 1 queue: $t"
	[ "$(rss_key "$IF")" = "$key" ] || fail "key changed by -L combined 1"
	rss_check_hw "$IF"
	channels 2
	same_state "after -L 1 then -L 2 (user table)"

	# 3. the default table is spread over what there is
	ethtool -X "$IF" default || fail "ethtool -X default failed"
	rss_snapshot "$IF" >/tmp/rss.want
	channels 1
	rss_check_hw "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping with one queue pair failed"
	channels 2
	same_state "after -L 1 then -L 2 (default table)"
	t=$(rss_table "$IF")
	[ "$(echo $t | cut -d' ' -f1-4)" = "0 1 0 1" ] || fail "default table not re-spread: $t"

	# 4. set while down, applied at up
	ip link set "$IF" down || fail "link down failed"
	ethtool -X "$IF" weight 3 1 hkey "$key2" || fail "ethtool -X while down failed"
	ethtool -N "$IF" rx-flow-hash tcp6 sd || fail "ethtool -N while down failed"
	rss_snapshot "$IF" >/tmp/rss.want
	ip link set "$IF" up || fail "link up failed"
	wait_carrier "$IF" 10000 || fail "no carrier after up"
	configure "$IF"
	same_state "after setting it while down"

	# back to the defaults for the tests that follow
	ethtool -N "$IF" rx-flow-hash tcp4 sdfn || fail "tcp4 sdfn refused"
	ethtool -N "$IF" rx-flow-hash tcp6 sdfn || fail "tcp6 sdfn refused"
	ethtool -X "$IF" default || fail "ethtool -X default failed"
	rss_restore_key
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after rssstate failed"
}
