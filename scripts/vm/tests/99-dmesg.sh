#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# dmesg: no kernel warnings, BUGs, oopses or TX timeouts in the whole log.
# Run it last.

t_dmesg() {
	local bad
	bad=$(dmesg | grep -E "$BAD_DMESG")
	if [ -n "$bad" ]; then
		echo "$bad" | head -n 20
		fail "$(echo "$bad" | wc -l) bad kernel log line(s): $(echo "$bad" | head -n1)"
	fi
	echo "kernel log clean ($(dmesg | wc -l) lines)"
}
