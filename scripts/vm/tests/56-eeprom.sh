#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# eeprom: ethtool -e shows the NVM (the MAC address in its first bytes);
# ethtool -E changes a byte, the driver fixes the checksum (words
# 0x00-0x3F still add up to 0xBABA, so the next probe accepts the NVM);
# a wrong magic and a write to the checksum word are refused and change
# nothing.  The byte is put back at the end.

MAGIC=0x10d38086

# nvm_byte OFFSET: one byte of ethtool -e, as two hex digits
nvm_byte() {
	ethtool -e "$IF" offset "$1" length 1 raw on | od -An -tx1 | tr -d ' \n'
}

# nvm_sum: 16-bit sum of words 0x00-0x3F as ethtool -e shows them
nvm_sum() {
	ethtool -e "$IF" offset 0 length 128 raw on | od -An -v -tu2 |
		awk '{ for (i = 1; i <= NF; i++) s += $i } END { print s % 65536 }'
}

t_eeprom() {
	local mac orig
	[ "$DUT" = e82574 ] || skip "checks e82574's NVM access"
	ensure_up
	ethtool -i "$IF" | grep -q 'supports-eeprom-access: yes' ||
		fail "ethtool -i: no EEPROM access"
	mac=$(ethtool -e "$IF" offset 0 length 6 raw on | od -An -tx1 | tr -s ' \n' ' ')
	echo "NVM bytes 0-5:$mac"
	[ "$(echo $mac | tr ' ' ':')" = "$GUEST_MAC" ] ||
		fail "NVM bytes 0-5 are$mac, not $GUEST_MAC"
	[ "$(nvm_sum)" = 47802 ] || fail "NVM checksum sum $(nvm_sum) before any write"

	orig=$(nvm_byte 0x20)
	ethtool -E "$IF" magic $MAGIC offset 0x20 value 0x5a ||
		fail "ethtool -E offset 0x20 value 0x5a failed"
	[ "$(nvm_byte 0x20)" = 5a ] || fail "byte 0x20 reads $(nvm_byte 0x20), not 5a"
	[ "$(nvm_sum)" = 47802 ] ||
		fail "after ethtool -E the words add up to $(nvm_sum), not 0xBABA"

	ethtool -E "$IF" magic 0x12345678 offset 0x20 value 0x11 2>/dev/null &&
		fail "a wrong magic was accepted"
	ethtool -E "$IF" magic $MAGIC offset 0x7e value 0 2>/dev/null &&
		fail "a write to the checksum word was accepted"
	[ "$(nvm_byte 0x20)" = 5a ] && [ "$(nvm_sum)" = 47802 ] ||
		fail "a refused write changed the NVM"

	# the next probe validates the checksum the driver wrote
	ip link set "$IF" down
	rmmod e82574 || fail "rmmod failed"
	load_dut
	ensure_up
	ethtool -E "$IF" magic $MAGIC offset 0x20 value "0x$orig" ||
		fail "restoring byte 0x20 failed"
	[ "$(nvm_byte 0x20)" = "$orig" ] && [ "$(nvm_sum)" = 47802 ] ||
		fail "NVM not restored"
}
