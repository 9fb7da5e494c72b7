#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# probetrace: what the driver does to the NIC while it probes, as QEMU's
# device model saw it (trace events, see guest-lib.sh):
#   - a CTRL write with RST (bit 26) set, and QEMU doing the SW reset;
#   - EERD reads of every NVM word 0x00-0x3F (the checksum covers them
#     all): a write to EERD (0x14) of (word << 2) | START;
#   - MDIC reads of the PHY ID registers 2 and 3 at PHY address 1: writes
#     to MDIC (0x20) with OP=read (bits 27:26 = 10), PHYADD=1 (25:21),
#     REGADD=2/3 (20:16), and QEMU answering them (e1000e_core_mdic_read:
#     its model only has PHY 1 and only traces reads of known registers);
#   - the software/firmware semaphore: EXTCNF_CTRL (0xf00) written with
#     SWFLAG (bit 5) set at least once, and cleared as many times.
# The driver is unloaded, the events switched on, the driver loaded; the
# events are switched off once its netdev exists.
#
# QEMU 7.2 event lines used (log backend, no timestamps):
#   e1000e_core_write Write to register 0x14, 4 byte(s), value: 0x1
#   e1000e_core_ctrl_sw_reset Doing SW reset
#   e1000e_core_mdic_read MDIC READ: PHY[0][2] = 0x8220141
#     (PHY[page][register] = the whole MDIC value: read opcode, PHY
#     address 1, register 2, data 0x0141 in bits 15:0)

PT_EVENTS="e1000e_core_write e1000e_core_ctrl_sw_reset e1000e_core_mdic_read"

t_probetrace() {
	local p v w missing n rst ids sw mdic1 mdicx swset swall
	[ -n "$(dev_bdf)" ] || fail "no 82574L PCI device"
	need_tool
	if [ -n "$(iface)" ]; then
		rmmod "$(dev_driver)" || fail "rmmod $(dev_driver) failed"
	fi
	[ -z "$(iface)" ] || fail "netdev still there after rmmod"
	trace_on $PT_EVENTS
	p=$(trace_mark)
	load_dut
	trace_off $PT_EVENTS
	echo "trace from $p: $(trace_count "$p" 'e1000e_core_write ') register writes"

	# 1. CTRL (0x0) written with RST
	trace_grep "$p" 'e1000e_core_write Write to register 0x0, 4 byte\(s\), value: (0x[0-9a-f]+)$' \
		>/tmp/pt.ctrl
	rst=0
	for v in $(cat /tmp/pt.ctrl); do
		[ $((v & 0x4000000)) = 0 ] || rst=$((rst + 1))
	done
	sw=$(trace_count "$p" 'e1000e_core_ctrl_sw_reset')
	echo "CTRL writes: $(echo $(head -n 8 /tmp/pt.ctrl)) ($(wc -l </tmp/pt.ctrl) in all)," \
		"$rst with RST; QEMU SW resets: $sw"

	# 2. EERD (0x14): every word 0x00-0x3F read
	trace_grep "$p" 'e1000e_core_write Write to register 0x14, 4 byte\(s\), value: (0x[0-9a-f]+)$' \
		>/tmp/pt.eerd
	for v in $(cat /tmp/pt.eerd); do
		[ $((v & 1)) = 1 ] && echo $(((v >> 2) & 0x3fff))
	done | sort -n -u >/tmp/pt.words
	missing=
	w=0
	while [ $w -le 63 ]; do
		if ! grep -qx "$w" /tmp/pt.words; then
			# the reply may have been too long: ask for this word
			n=$(trace_count "$p" "e1000e_core_write Write to register 0x14, 4 byte\\(s\\), value: $(printf '0x%x' $((w * 4 + 1)))\$")
			[ "$n" -gt 0 ] || missing="$missing $(printf '0x%02x' $w)"
		fi
		w=$((w + 1))
	done
	echo "EERD: $(wc -l </tmp/pt.eerd) writes, $(wc -l </tmp/pt.words) distinct words (+ asked singly);" \
		"not read:${missing:- none}"

	# 3. MDIC (0x20): PHY 1 ID registers read
	trace_grep "$p" 'e1000e_core_write Write to register 0x20, 4 byte\(s\), value: (0x[0-9a-f]+)$' \
		>/tmp/pt.mdic
	mdic1=
	mdicx=0
	for v in $(cat /tmp/pt.mdic); do
		if [ $(((v >> 21) & 31)) != 1 ]; then
			mdicx=$((mdicx + 1))
			continue
		fi
		[ $(((v >> 26) & 3)) = 2 ] && mdic1="$mdic1 $(((v >> 16) & 31))"
	done
	ids=$(trace_count "$p" 'e1000e_core_mdic_read MDIC READ: PHY\[[0-9]+\]\[[23]\] ')
	echo "MDIC: $(wc -l </tmp/pt.mdic) writes, reads at PHY 1 of registers:" \
		"$(echo $mdic1 | tr ' ' '\n' | sort -n -u | tr '\n' ' '); other PHY addresses: $mdicx;" \
		"QEMU answered $ids reads of registers 2/3"

	# 4. the software/firmware semaphore around NVM and PHY access:
	# EXTCNF_CTRL (0xf00) written with SWFLAG (bit 5) set, and cleared
	# again as often (every take released before the probe ends)
	swset=$(trace_count "$p" 'e1000e_core_write Write to register 0xf00, 4 byte\(s\), value: 0x[0-9a-f]*[2367abef][0-9a-f]$')
	swall=$(trace_count "$p" 'e1000e_core_write Write to register 0xf00, 4 byte\(s\), ')
	echo "EXTCNF_CTRL: $swset writes taking SWFLAG, $((swall - swset)) releasing it"

	ensure_up
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after the reload failed"

	[ "$rst" -gt 0 ] || fail "no CTRL write with RST (bit 26) while probing"
	[ "$sw" -gt 0 ] || fail "QEMU did no SW reset while the driver probed"
	[ -z "$missing" ] || fail "NVM words not read through EERD:$missing"
	echo " $mdic1 " | grep -q ' 2 ' || fail "PHY ID register 2 not read at PHY address 1"
	echo " $mdic1 " | grep -q ' 3 ' || fail "PHY ID register 3 not read at PHY address 1"
	[ "$(trace_count "$p" 'e1000e_core_mdic_read MDIC READ: PHY\[[0-9]+\]\[2\] ')" -gt 0 ] &&
		[ "$(trace_count "$p" 'e1000e_core_mdic_read MDIC READ: PHY\[[0-9]+\]\[3\] ')" -gt 0 ] ||
		fail "QEMU did not answer reads of PHY ID registers 2 and 3"
	[ "$swset" -gt 0 ] || fail "the semaphore (EXTCNF_CTRL.SWFLAG) was never taken"
	[ $((swall - swset)) = "$swset" ] ||
		fail "EXTCNF_CTRL.SWFLAG taken $swset times, released $((swall - swset))"
}
