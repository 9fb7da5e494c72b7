#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# identify: ethtool -p blinks the LEDs: while it runs LEDCTL (read with
# devmem) alternates between every LED forced on (mode 0xE) and off
# (0xF); afterwards LEDCTL is what it was.

. /e82574/rss-lib.sh

t_identify() {
	local led0 pid seen i v on off
	[ "$DUT" = e82574 ] || skip "checks e82574's LED handling"
	ensure_up
	led0=$(rss_reg 0xe00)
	ethtool -p "$IF" 3 &
	pid=$!
	seen=
	i=0
	while [ $i -lt 25 ]; do
		v=$(rss_reg 0xe00)
		case " $seen " in
		*" $v "*) ;;
		*) seen="$seen $v" ;;
		esac
		msleep 100
		i=$((i + 1))
	done
	wait $pid || fail "ethtool -p failed"
	echo "LEDCTL before $led0, seen:$seen, after $(rss_reg 0xe00)"
	on=0
	off=0
	for v in $seen; do
		[ $((v & 0x0f0f0f0f)) = $((0x0e0e0e0e)) ] && on=1
		[ $((v & 0x0f0f0f0f)) = $((0x0f0f0f0f)) ] && off=1
	done
	[ $on = 1 ] || fail "LEDs never all on (mode 0xE)"
	[ $off = 1 ] || fail "LEDs never all off (mode 0xF)"
	[ "$(rss_reg 0xe00)" = "$led0" ] || fail "LEDCTL not restored"
}
