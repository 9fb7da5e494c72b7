#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rssreta: a table change writes only the RETA registers whose queue bits
# change (the RSS core's moves), never resets the NIC or drops the link,
# and leaves RETA exactly equal to the new table (read back with devmem).
#
# ethtool -S rss_reta_writes counts RETA register writes, rss_entries_moved
# the entries that changed queue.  Expected deltas from the default table
# (0 1 0 1 ...: every register holds both queues):
#   same table again            0 writes, 0 moves
#   one entry flipped           1 write,  1 move
#   four entries of one reg     1 write,  4 moves
#   equal 1                     32 writes, 64 moves
#   weight 1 1 (two halves)     32 writes, 64 moves from default

. /e82574/rss-lib.sh

# change EXPECTED-WRITES EXPECTED-MOVES COMMAND...
change() {
	local w=$1 m=$2 w0 m0 c0 w1 m1 c1
	shift 2
	w0=$(eth_stat "$IF" rss_reta_writes)
	m0=$(eth_stat "$IF" rss_entries_moved)
	c0=$(eth_stat "$IF" link_changes)
	"$@" >/dev/null || fail "$* failed"
	w1=$(eth_stat "$IF" rss_reta_writes)
	m1=$(eth_stat "$IF" rss_entries_moved)
	c1=$(eth_stat "$IF" link_changes)
	echo "$*: RETA writes +$((w1 - w0)), entries moved +$((m1 - m0))"
	[ $((w1 - w0)) = "$w" ] || fail "$*: $((w1 - w0)) RETA writes, expected $w"
	[ $((m1 - m0)) = "$m" ] || fail "$*: $((m1 - m0)) entries moved, expected $m"
	[ "$c1" = "$c0" ] || fail "$*: the link changed state"
	[ "$(cat "/sys/class/net/$IF/carrier")" = 1 ] || fail "$*: carrier lost"
	rss_check_hw "$IF"
}

t_rssreta() {
	ensure_up
	[ "$DUT" = e82574 ] || skip "RSS configuration is e82574's"
	need_tool
	[ -n "$(eth_stat "$IF" rss_reta_writes)" ] || fail "no rss_reta_writes counter"
	ethtool -X "$IF" default || fail "ethtool -X default failed"
	rss_check_hw "$IF"

	change 0 0 ethtool -X "$IF" default
	change 1 1 "$TOOL" set-indir --ifname "$IF" --flip 5
	change 1 1 "$TOOL" set-indir --ifname "$IF" --flip 5
	change 1 4 "$TOOL" set-indir --ifname "$IF" \
		--entries "$(awk 'BEGIN { for (i = 0; i < 128; i++)
			printf "%s%d", i ? "," : "", (i >= 8 && i < 12) ? 1 - i % 2 : i % 2 }')"
	change 1 4 ethtool -X "$IF" default
	change 32 64 ethtool -X "$IF" equal 1
	change 0 0 ethtool -X "$IF" equal 1
	change 32 64 ethtool -X "$IF" default
	change 32 64 ethtool -X "$IF" weight 1 1
	change 32 64 ethtool -X "$IF" default
	# a key change writes no RETA register
	change 0 0 ethtool -X "$IF" hkey "$(rss_random_key 5)"
	rss_restore_key
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after rssreta failed"
}
