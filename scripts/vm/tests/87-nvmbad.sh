#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# nvmbad: the driver validates the NVM at probe.  NVM words are changed
# behind its back through EEWR (QEMU writes them into its NVM image):
#   - one bit of the checksum word flipped: probe refused, the log names
#     the checksum;
#   - word 0 made multicast (byte 0 odd) with the checksum fixed up: probe
#     refused, the log names the MAC address;
#   - both words restored: the driver binds and traffic flows.

. /e82574/rss-lib.sh

# probe_once: bind e82574 to the device (module loaded); 0 if it bound
probe_once() {
	local bdf
	bdf=$(dev_bdf)
	echo "$bdf" >/sys/bus/pci/drivers/e82574/bind 2>/dev/null
	msleep 500
	[ "$(dev_driver)" = e82574 ]
}

nvm_restore() {
	nvm_write 0 "$W0"
	nvm_write 0x3f "$W3F"
}

t_nvmbad() {
	local bdf
	[ "$DUT" = e82574 ] || skip "checks e82574's NVM validation"
	[ -n "$(iface)" ] || load_dut
	bdf=$(dev_bdf)
	ip link set "$(iface)" down
	echo "$bdf" >/sys/bus/pci/drivers/e82574/unbind ||
		fail "unbind failed"
	W0=$(nvm_read 0)
	W3F=$(nvm_read 0x3f)
	echo "NVM word 0 = $(printf 0x%04x "$W0"), word 0x3f = $(printf 0x%04x "$W3F")"
	echo 'NVM checksum is not valid|NVM holds an invalid MAC|probe with driver e82574 failed' \
		>/tmp/e82574-expect-dmesg

	nvm_write 0x3f $((W3F ^ 1))
	if probe_once; then
		nvm_restore
		fail "probe accepted an NVM with a bad checksum"
	fi
	dmesg | tail -n 5 | grep 'NVM checksum is not valid' ||
		{ nvm_restore; fail "no 'NVM checksum is not valid' line"; }

	# byte 0 odd: a multicast address; checksum word compensates
	nvm_write 0 $((W0 ^ 1))
	nvm_write 0x3f $((W3F - ((W0 ^ 1) - W0)))
	if probe_once; then
		nvm_restore
		fail "probe accepted a multicast MAC address"
	fi
	dmesg | tail -n 5 | grep 'NVM holds an invalid MAC address' ||
		{ nvm_restore; fail "no 'NVM holds an invalid MAC address' line"; }

	nvm_restore
	probe_once || fail "probe refused the restored NVM"
	ensure_up
	ping_ok -c 2 -W 2 "$PEER4" || fail "no ping after the NVM was restored"
}
