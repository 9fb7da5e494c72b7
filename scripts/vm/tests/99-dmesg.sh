#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dmesg: no kernel warnings, BUGs, oopses or TX timeouts in the whole log,
# other than the lines a test provoked on purpose and declared (txtimeout's
# NETDEV WATCHDOG line).  On a kernel with kmemleak (the debug kernel),
# also no object leaked since boot.  Run it last.

t_dmesg() {
	local bad
	# lines a test provoked on purpose and declared (see /e82574/init)
	touch /tmp/e82574-expected-lines
	bad=$(dmesg | sed 's/^\[[ 0-9.]*\] //' |
		grep -v -x -F -f /tmp/e82574-expected-lines | grep -E "$BAD_DMESG")
	[ -s /tmp/e82574-expected-lines ] &&
		echo "provoked on purpose: $(wc -l </tmp/e82574-expected-lines) line(s)"
	if [ -n "$bad" ]; then
		echo "$bad" | head -n 20
		fail "$(echo "$bad" | wc -l) bad kernel log line(s): $(echo "$bad" | head -n1)"
	fi
	echo "kernel log clean ($(dmesg | wc -l) lines)"
	# the debug kernel: nothing leaked since boot
	kmemleak_check
}
