#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rssbad: every invalid RSS request is refused with an error, and ethtool
# -x, -n (all flow types) and -l show exactly the state from before:
# out-of-range table entries, a key of the wrong length, hash functions
# other than Toeplitz, rx-flow-hash combinations the 82574 cannot hash,
# and channel counts 0 and 3.  A non-default state is set first so that
# "unchanged" cannot be confused with "reset to defaults".

# refused DESCRIPTION COMMAND...: the command must fail and change nothing.
# ethtool 6.1 prints "Cannot change RX network flow hashing options: ..."
# but exits 0 when the kernel refuses -N rx-flow-hash, so its message counts
# as the refusal too.
refused() {
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "$out" | grep -qE '^Cannot |Operation not supported|Invalid argument' ||
			fail "accepted: $what ($*): $out"
	fi
	echo "refused as it must: $what: $(echo "$out" | tail -n1)"
	rss_snapshot "$IF" >/tmp/rss.after
	if ! cmp -s /tmp/rss.before /tmp/rss.after; then
		diff /tmp/rss.before /tmp/rss.after
		fail "state changed after refused $what"
	fi
	rss_check_hw "$IF"
}

. /e82574/rss-lib.sh

t_rssbad() {
	local key
	ensure_up
	[ "$DUT" = e82574 ] || skip "RSS configuration is e82574's"
	rss_note_default_key "$IF"

	# A state that is not the default: weighted table, own key, tcp4 sd.
	key=$(rss_random_key 7)
	ethtool -X "$IF" weight 1 3 hkey "$key" || fail "ethtool -X weight 1 3 hkey failed"
	ethtool -N "$IF" rx-flow-hash tcp4 sd || fail "ethtool -N tcp4 sd failed"
	rss_snapshot "$IF" >/tmp/rss.before
	grep -q "$key" /tmp/rss.before || fail "ethtool -x does not show the key just set"
	rss_check_hw "$IF"

	refused "3-queue table on 2 rings" ethtool -X "$IF" equal 3
	refused "weights for 3 queues" ethtool -X "$IF" weight 1 1 1
	refused "start beyond the rings" ethtool -X "$IF" start 2 equal 1
	refused "39-byte key" ethtool -X "$IF" hkey "${key%:*}"
	refused "41-byte key" ethtool -X "$IF" hkey "$key:01"
	refused "hfunc xor" ethtool -X "$IF" hfunc xor
	refused "hfunc crc32" ethtool -X "$IF" hfunc crc32
	refused "udp4 ports" ethtool -N "$IF" rx-flow-hash udp4 sdfn
	refused "udp6 ports" ethtool -N "$IF" rx-flow-hash udp6 sdfn
	refused "tcp4 source only" ethtool -N "$IF" rx-flow-hash tcp4 s
	refused "tcp6 with vlan" ethtool -N "$IF" rx-flow-hash tcp6 sdfnv
	refused "ipv4 ports" ethtool -N "$IF" rx-flow-hash ipv4 sdfn
	refused "sctp4 ports" ethtool -N "$IF" rx-flow-hash sctp4 sdfn
	refused "ether flow" ethtool -N "$IF" rx-flow-hash ether sd
	refused "combined 0" ethtool -L "$IF" combined 0
	refused "combined 3" ethtool -L "$IF" combined 3
	refused "shrink below the user table" ethtool -L "$IF" combined 1

	# The driver names the problem where ioctl users can see it.
	dmesg | grep -q "no port hashing" ||
		fail "no message in the kernel log for the refused udp4 sdfn"

	# Valid requests still work after all that, and the defaults return.
	ethtool -N "$IF" rx-flow-hash tcp4 sdfn || fail "tcp4 sdfn refused"
	ethtool -X "$IF" default || fail "ethtool -X default refused"
	rss_restore_key
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after rssbad failed"
}
