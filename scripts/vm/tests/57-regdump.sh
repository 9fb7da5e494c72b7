#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# regdump: ethtool -d dumps (offset, value) pairs that match the NIC's
# registers read with devmem (CTRL_EXT, MRQC, RXCSUM), and its RETA words
# decode to the table ethtool -x shows.

. /e82574/rss-lib.sh

# dump_reg OFFSET: the value the dump gives for register OFFSET
dump_reg() {
	awk -v o="$(printf '%08x' "$1")" '$1 == o { print "0x" $2; exit }' /tmp/regdump
}

t_regdump() {
	local r v tbl b
	[ "$DUT" = e82574 ] || skip "checks e82574's register dump"
	ensure_up
	ethtool -d "$IF" >/dev/null || fail "ethtool -d failed"
	ethtool -d "$IF" raw on | od -An -v -tx4 |
		awk '{ for (i = 1; i <= NF; i++) { if (n++ % 2) print o, $i; else o = $i } }' \
		>/tmp/regdump
	echo "$(wc -l </tmp/regdump) registers dumped"
	[ "$(wc -l </tmp/regdump)" -ge 100 ] || fail "dump too short"
	for r in 0x18 0x5818 0x5000 0xe4; do
		[ $(($(dump_reg $r))) = $(($(rss_reg $r))) ] ||
			fail "register $r: dump $(dump_reg $r), devmem $(rss_reg $r)"
	done
	tbl=
	r=0
	while [ $r -lt 32 ]; do
		v=$(dump_reg $((0x5c00 + 4 * r)))
		[ -n "$v" ] || fail "RETA $r missing from the dump"
		b=0
		while [ $b -lt 4 ]; do
			tbl="$tbl$(((v >> (8 * b + 7)) & 1)) "
			b=$((b + 1))
		done
		r=$((r + 1))
	done
	[ "$(echo $tbl)" = "$(echo $(rss_table "$IF"))" ] ||
		fail "RETA in the dump is not the table ethtool -x shows"
}
