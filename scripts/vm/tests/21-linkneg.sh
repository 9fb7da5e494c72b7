#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# linkneg: the link comes up through autonegotiation that the driver set
# up on the PHY.  Read back through SIOCGMIIREG (what mii-tool uses), the
# PHY is the 82574's (0x0141/0x0cb1), powered up, autonegotiating and done,
# advertises 10/100 half and full, 1000 full only, and symmetric plus
# asymmetric pause; it runs automatic MDI/MDI-X with downshift on and the
# 82574's setting in register 29.  ethtool reports the speed and duplex the
# MAC negotiated (STATUS, read back) and the pause that IEEE 802.3 Annex
# 28B gives from both ends' advertisements, which must also be what
# CTRL.RFCE/TFCE hold.

t_linkneg() {
	local bmcr bmsr anar lpa c1000 pscr r29 st eth speed
	need_tool
	ensure_up
	MII=$("$TOOL" mii "$IF" 0 1 2 3 4 5 9 16 29 2>&1) ||
		fail "reading the PHY through SIOCGMIIREG failed: $MII"
	echo "$MII" | tr '\n' ' '
	echo
	[ "$(mii_get 2)" = 0x0141 ] && [ "$(mii_get 3)" = 0x0cb1 ] ||
		fail "PHY id $(mii_get 2)/$(mii_get 3), expected 0x0141/0x0cb1"
	bmcr=$(mii_get 0)
	bmsr=$(mii_get 1)
	anar=$(mii_get 4)
	lpa=$(mii_get 5)
	c1000=$(mii_get 9)
	pscr=$(mii_get 16)
	r29=$(mii_get 29)
	[ "$(bit "$bmcr" 0x1000)" = 1 ] || fail "BMCR $bmcr: autonegotiation off"
	[ "$(bit "$bmcr" 0x0800)" = 0 ] || fail "BMCR $bmcr: PHY powered down"
	[ "$(bit "$bmsr" 0x0020)" = 1 ] ||
		fail "BMSR $bmsr: autonegotiation not complete"
	[ "$(bit "$bmsr" 0x0004)" = 1 ] || fail "BMSR $bmsr: no link"
	[ $((anar & 0x0de1)) = $((0x0de1)) ] ||
		fail "ADVERTISE $anar: expected 10/100 half+full and both pause bits (0x0de1)"
	[ $((c1000 & 0x0300)) = $((0x0200)) ] ||
		fail "CTRL1000 $c1000: expected 1000BASE-T full only"
	[ $(((pscr >> 5) & 3)) = 3 ] || fail "PSCR $pscr: MDI/MDI-X not automatic"
	[ "$(bit "$pscr" 0x0800)" = 1 ] || fail "PSCR $pscr: downshift off"
	[ "$(bit "$pscr" 0x0002)" = 0 ] ||
		fail "PSCR $pscr: polarity correction disabled"
	[ $((r29)) = 3 ] || fail "PHY register 29 = $r29, expected 0x0003"

	st=$("$TOOL" reg "$IF" 0x8 | awk '{ print $3 }')
	echo "STATUS $st"
	case $(((st >> 6) & 3)) in
	0) speed=10 ;;
	1) speed=100 ;;
	*) speed=1000 ;;
	esac
	eth=$(ethtool "$IF") || fail "ethtool $IF failed"
	echo "$eth" | grep -E 'Speed|Duplex|Auto-negotiation|Link detected|Advertised pause'
	echo "$eth" | grep -q "Speed: ${speed}Mb/s" ||
		fail "ethtool: $(echo "$eth" | grep Speed), STATUS says $speed Mb/s"
	if [ "$(bit "$st" 1)" = 1 ]; then
		echo "$eth" | grep -q 'Duplex: Full' || fail "ethtool: not full duplex"
	else
		echo "$eth" | grep -q 'Duplex: Half' || fail "ethtool: not half duplex"
	fi
	echo "$eth" | grep -q 'Auto-negotiation: on' || fail "ethtool: autoneg not on"
	echo "$eth" | grep -q 'Link detected: yes' || fail "ethtool: no link"

	# Annex 28B from both advertisements (full pause was asked for)
	echo "LPA $lpa: expect RX/TX $(pause_expect "$anar" "$lpa" 1)"
	pause_check "$IF" $(pause_expect "$anar" "$lpa" 1)
	if [ "$DUT" = e82574 ]; then
		dmesg | grep -q "$IF: link up, $speed Mb/s" ||
			fail "no 'link up, $speed Mb/s' line in the kernel log"
	fi
}
