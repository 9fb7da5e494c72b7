#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ping: guest->peer ICMP/ICMPv6 echo, and peer->guest echo (answered by the
# guest's stack, so both RX and TX paths work in both directions).

t_ping() {
	local s r
	ensure_up
	ping_ok -c 5 -W 2 "$PEER4" || fail "ping $PEER4: not all answered"
	ping_ok -6 -c 5 -W 2 "$PEER6" || fail "ping $PEER6: not all answered"
	ctl "ping4 count=10" || fail "peer ping4: $CTL_REPLY"
	s=$(kv sent "$CTL_REPLY")
	r=$(kv recv "$CTL_REPLY")
	[ "$s" = 10 ] && [ "$r" = 10 ] || fail "peer ping4: sent=$s recv=$r"
	ctl "ping6 count=10" || fail "peer ping6: $CTL_REPLY"
	s=$(kv sent "$CTL_REPLY")
	r=$(kv recv "$CTL_REPLY")
	[ "$s" = 10 ] && [ "$r" = 10 ] || fail "peer ping6: sent=$s recv=$r"
}
