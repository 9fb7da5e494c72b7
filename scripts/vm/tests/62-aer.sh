#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# aer: the interface survives PCIe error recovery.  With MTU 1400 (and for
# e82574 an RSS table, key and hash fields of its own) set, an error is
# injected through QEMU's monitor at the NIC's root port (aer_inject in
# guest-lib.sh says why there and what QEMU 7.2 needs), and the guest's
# AER driver recovers the devices below the port:
#   aer: COMP_TIME, uncorrectable non-fatal: error_detected (io_normal),
#      then, as a driver asking for a reset gets, slot_reset and resume
#      (no reset of the link);
#   aerfatal (62-aerfatal.sh, using aer_cycle from here): DLP,
#      uncorrectable fatal: error_detected (io_frozen), a secondary bus
#      reset by the root port, which QEMU turns into a reset of the NIC
#      (trace event e1000e_cb_qdev_reset, QEMU 10: _hold), slot_reset and
#      resume: the driver must program the NIC again from nothing.
#      Debian 12's 6.1 never gets that far on either QEMU: its root port
#      reset waits for Data Link Layer Link Active, QEMU's root port does
#      not report it, and the kernel gives up ("subordinate device reset
#      failed") before any driver's slot_reset; the in-tree e1000e fails
#      the same way there, so aerfatal is not in the 6.1 run.
# Each must end in "AER: device recovery successful"; then the same MTU,
# addresses, MAC (also in the NIC's receive address 0), RSS state (ethtool
# and the RETA/RSSRK registers), ping over IPv4 and IPv6 and 2000 frames
# from the peer received.  For e82574 the driver's own lines below must
# appear for each error.  Seen here: recovery logged 0.1-0.6 s (non-fatal)
# and 0.3-1.9 s (fatal) after the injection, the carrier back about 2 s
# later.

. /e82574/rss-lib.sh

# e82574's own kernel log lines (EREs): error_detected, slot_reset, resume
AER_MSG_DETECTED='e82574 .*PCI error detected'
AER_MSG_SLOT_RESET='e82574 .*slot reset'
AER_MSG_RESUMED='e82574 .*resumed after PCI error'

# aer_cycle NAME ERROR SEVERITY-WORDS
aer_cycle() {
	local name=$1 err=$2 sev=$3 d0 p t0 i ms n rp kind
	rp=$(parent_bdf "$(dev_bdf)")
	d0=$(dmesg | wc -l)
	p=$(trace_mark)
	t0=$(now_ms)
	aer_inject "$err"
	i=0
	while ! dmesg_since "$d0" | grep -qE 'AER: device recovery (successful|failed)'; do
		i=$((i + 1))
		[ $i -le 200 ] || break
		msleep 100
	done
	ms=$(($(now_ms) - t0))
	dmesg_since "$d0" >/tmp/aer.log
	echo "$name: $err injected at $rp, recovery logged after $ms ms;" \
		"QEMU device resets: $(trace_count "$p" e1000e_cb_qdev_reset)"
	sed 's/^\[[ 0-9.]*\] /  /' /tmp/aer.log | head -n 16
	if ! grep -q 'AER: device recovery successful' /tmp/aer.log; then
		aer_regs "$rp"
		aer_regs "$(dev_bdf)"
		grep -E 'PCIe PME|aerdrv' /proc/interrupts
	fi
	# 6.12: "Uncorrectable (Fatal) error message received from BDF",
	# 6.1: "Uncorrected (Fatal) error received: BDF"
	kind=$(echo "${sev#* }" | sed 's/[()]/\\&/g')
	grep -qE "AER: Uncorrect(able|ed) $kind error (message received from|received:) $rp" /tmp/aer.log ||
		fail "$name: the AER driver did not see the $sev error"
	if grep -q 'AER: device recovery failed' /tmp/aer.log; then
		fail "$name: recovery failed: $(grep -m1 "$(dev_bdf)" /tmp/aer.log |
			sed 's/^\[[ 0-9.]*\] //')"
	fi
	grep -q 'AER: device recovery successful' /tmp/aer.log ||
		fail "$name: no successful recovery 20 s after the injection"
	if [ "$sev" = "Uncorrectable (Fatal)" ]; then
		n=$(trace_count "$p" e1000e_cb_qdev_reset)
		[ "$n" -ge 1 ] || fail "$name: QEMU did not reset the NIC"
	fi
	if [ "$DUT" = e82574 ]; then
		for m in "$AER_MSG_DETECTED" "$AER_MSG_SLOT_RESET" "$AER_MSG_RESUMED"; do
			grep -qE "$m" /tmp/aer.log || fail "$name: no kernel log line /$m/"
		done
	fi
	keep_state_check "after $name"
}

# aer_prepare: the checks and state both AER tests start from
aer_prepare() {
	ensure_up
	need_tool
	# the port's AER service device (pcie002), there only with native AER
	[ -e "/sys/bus/pci_express/devices/$(parent_bdf "$(dev_bdf)"):pcie002" ] ||
		fail "no AER service on $(parent_bdf "$(dev_bdf)"): $(ls /sys/bus/pci_express/devices/ | tr '\n' ' ')"
	trace_on "e1000e_cb_qdev_reset*"
	trap keep_state_cleanup EXIT
	keep_state_setup
	keep_state_check "before the error"
}

# aer_finish: back to the harness's state, and traffic
aer_finish() {
	trace_off "e1000e_cb_qdev_reset*"
	keep_state_restore
	configure "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after the AER test failed"
}

t_aer() {
	aer_prepare
	aer_cycle "non-fatal error" COMP_TIME "Uncorrectable (Non-Fatal)"
	aer_finish
}
