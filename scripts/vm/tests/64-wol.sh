#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# wol: wake-on-LAN as e1000e offers it on the 82574.  ethtool reports
# "Supports Wake-on: pumbg" and, with QEMU's NVM (APME set in init
# control word 3), "Wake-on: g" by default; -W g and -W umbg read back,
# -W s (SecureOn) and -W a (ARP) are refused and the setting is kept; it
# survives ifdown/ifup; sysfs power/wakeup says enabled while modes are
# set, disabled with -W d.  In a suspend cycle (pm_test=devices) QEMU's
# trace of register writes must show WUFC (0x5808) written with exactly
# the chosen filters (umbg: EX|MC|BC|MAG = 0x1e; g: MAG = 0x2) and WUC
# (0x5800) with PME_EN (0x2); with -W d WUFC is never written nonzero and
# WUC never gets PME_EN.  After each resume WUFC and WUS (e82574) read 0,
# no wake-up cause is logged (nothing woke the device) and ping works.
# Link change (p) is not checked here: with the link up e1000e and
# e82574 leave it out of WUFC.

. /e82574/rss-lib.sh

WOL_WUFC=0x5808
WOL_WUS=0x5810

wol_supports() {
	ethtool "$IF" | sed -n 's/^[[:space:]]*Supports Wake-on: *//p'
}

wol_now() {
	ethtool "$IF" | sed -n 's/^[[:space:]]*Wake-on: *//p'
}

wol_sysfs() {
	cat "/sys/bus/pci/devices/$(dev_bdf)/power/wakeup"
}

# wol_expect MODES SYSFS WHAT
wol_expect() {
	local w s
	w=$(wol_now)
	s=$(wol_sysfs)
	echo "$3: Wake-on: $w, power/wakeup: $s"
	[ "$w" = "$1" ] || fail "$3: Wake-on is '$w', expected '$1'"
	[ "$s" = "$2" ] || fail "$3: power/wakeup is '$s', expected '$2'"
}

# wol_cycle NAME: a suspend cycle with pm_test=devices; sets WOL_WUFC_VALS
# and WOL_WUC_VALS to the values written to WUFC and WUC on the way
wol_cycle() {
	local p rc d0
	d0=$(dmesg | wc -l)
	p=$(trace_mark)
	echo devices >/sys/power/pm_test || fail "cannot set pm_test devices"
	echo mem >/sys/power/state
	rc=$?
	echo none >/sys/power/pm_test
	[ $rc = 0 ] || fail "$1: suspend cycle failed"
	WOL_WUFC_VALS=$(trace_grep "$p" \
		'e1000e_core_write Write to register 0x5808, 4 byte\(s\), value: (0x[0-9a-f]+)$' |
		tr '\n' ' ')
	WOL_WUC_VALS=$(trace_grep "$p" \
		'e1000e_core_write Write to register 0x5800, 4 byte\(s\), value: (0x[0-9a-f]+)$' |
		tr '\n' ' ')
	echo "$1: WUFC writes: ${WOL_WUFC_VALS:-none}; WUC writes: ${WOL_WUC_VALS:-none}"
	wait_carrier "$IF" 10000 || fail "$1: no carrier 10 s after resume"
	configure "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "$1: no ping after resume"
	[ "$DUT" = e82574 ] || return 0
	[ "$(($(rss_reg $WOL_WUFC)))" = 0 ] ||
		fail "$1: WUFC is $(rss_reg $WOL_WUFC) after resume, expected 0"
	# nothing woke the device: no wake-up cause left, none logged
	[ "$(($(rss_reg $WOL_WUS)))" = 0 ] ||
		fail "$1: WUS is $(rss_reg $WOL_WUS) after resume, expected 0"
	dmesg_since "$d0" | grep -q 'wake-up status' &&
		fail "$1: a wake-up cause logged: $(dmesg_since "$d0" | grep 'wake-up status')"
	return 0
}

# has VALUE LIST: LIST (numbers) holds VALUE
has() {
	local v
	for v in $2; do
		[ "$(($v))" = "$(($1))" ] && return 0
	done
	return 1
}

t_wol() {
	local s
	ensure_up
	need_tool
	[ -w /sys/power/state ] || fail "no /sys/power/state"
	[ -e "/sys/bus/pci/devices/$(dev_bdf)/power/wakeup" ] ||
		fail "no power/wakeup: the device is not wake-up capable"
	echo 1 >/sys/module/suspend/parameters/pm_test_delay 2>/dev/null
	trap 'echo none >/sys/power/pm_test; ethtool -s "$IF" wol g' EXIT

	s=$(wol_supports)
	echo "Supports Wake-on: $s"
	[ "$s" = pumbg ] || fail "Supports Wake-on is '$s', expected pumbg"
	wol_expect g enabled "default"

	ethtool -s "$IF" wol d || fail "-W d failed"
	wol_expect d disabled "-W d"
	ethtool -s "$IF" wol g || fail "-W g failed"
	wol_expect g enabled "-W g"
	ethtool -s "$IF" wol umbg || fail "-W umbg failed"
	wol_expect umbg enabled "-W umbg"

	for s in s a gs; do
		ethtool -s "$IF" wol "$s" 2>/dev/null && fail "-W $s accepted"
		wol_expect umbg enabled "-W $s refused"
	done

	ip link set "$IF" down
	ip link set "$IF" up
	wait_carrier "$IF" 10000 || fail "no carrier 10 s after ifup"
	configure "$IF"
	wol_expect umbg enabled "after ifdown/ifup"

	trace_on e1000e_core_write
	wol_cycle "umbg"
	has 0x1e "$WOL_WUFC_VALS" || fail "umbg: WUFC never written 0x1e"
	for s in $WOL_WUFC_VALS; do
		[ $((s)) = 0 ] || [ $((s)) = 30 ] ||
			fail "umbg: WUFC written $s, not 0x1e"
	done
	has 0x2 "$WOL_WUC_VALS" || fail "umbg: WUC never written PME_EN"
	wol_expect umbg enabled "after resume"

	ethtool -s "$IF" wol g || fail "-W g failed"
	wol_cycle "g"
	has 0x2 "$WOL_WUFC_VALS" || fail "g: WUFC never written 0x2 (MAG)"
	for s in $WOL_WUFC_VALS; do
		[ $((s)) = 0 ] || [ $((s)) = 2 ] ||
			fail "g: WUFC written $s, not 0x2"
	done
	has 0x2 "$WOL_WUC_VALS" || fail "g: WUC never written PME_EN"

	ethtool -s "$IF" wol d || fail "-W d failed"
	wol_expect d disabled "-W d"
	wol_cycle "d"
	for s in $WOL_WUFC_VALS; do
		[ $((s)) = 0 ] || fail "d: WUFC written $s"
	done
	for s in $WOL_WUC_VALS; do
		[ $(($s & 2)) = 0 ] || fail "d: WUC written $s (PME_EN)"
	done
	trace_off e1000e_core_write

	ethtool -s "$IF" wol g || fail "cannot restore -W g"
	wol_expect g enabled "restored"
	trap - EXIT
}
