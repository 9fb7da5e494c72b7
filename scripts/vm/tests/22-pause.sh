#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# pause: ethtool -A.  With autonegotiation the request is advertised (PHY
# register 4 read back through SIOCGMIIREG) and, once the link has
# renegotiated, ethtool -a and CTRL.RFCE/TFCE hold what IEEE 802.3 Annex
# 28B gives from both ends.  Forced (autoneg off) takes effect in CTRL at
# once and survives ifdown/ifup.  Full pause with autonegotiation is put
# back at the end.  The PAUSE frame counters (XON + XOFF, both ways) are
# reported to ethtool --include-statistics -a.  The flow-control
# registers (PBA, FCAL/FCAH/FCT, FCTTV, FCRTH/FCRTL) are read back, the
# thresholds set only while the NIC sends pause frames.

# pause_neg RX TX: ethtool -A autoneg on, wait for the renegotiated link,
# check the advertisement and the result
pause_neg() {
	local anar lpa want_adv
	ethtool -A "$IF" autoneg on rx "$1" tx "$2" ||
		fail "ethtool -A autoneg on rx $1 tx $2 failed"
	msleep 200
	wait_carrier "$IF" 10000 || fail "no carrier after ethtool -A rx $1 tx $2"
	MII=$("$TOOL" mii "$IF" 4 5) || fail "reading the PHY failed: $MII"
	anar=$(mii_get 4)
	lpa=$(mii_get 5)
	case "$1$2" in
	onon | onoff) want_adv=0x0c00 ;;
	offon) want_adv=0x0800 ;;
	*) want_adv=0 ;;
	esac
	echo "rx $1 tx $2: ADVERTISE $anar LPA $lpa"
	[ $((anar & 0x0c00)) = $((want_adv)) ] ||
		fail "rx $1 tx $2: ADVERTISE $anar, pause bits should be $want_adv"
	pause_check "$IF" $(pause_expect "$anar" "$lpa" \
		"$([ "$1$2" = onon ] && echo 1 || echo 0)")
	ethtool -a "$IF" | grep -Eq '^Autonegotiate:[[:space:]]+on' ||
		fail "ethtool -a does not show autonegotiation on"
}

. /e82574/rss-lib.sh

# fc_regs TX: the flow-control registers the driver programs, read back
# at MTU 1500: the 32 KB receive share of the packet buffer (PBA), the
# 802.3x pause address and type (FCAL/FCAH/FCT), the pause time (FCTTV),
# and, only while the NIC sends pause frames (TX 1), the XOFF/XON
# thresholds 29488/29480 bytes with XON frames on (FCRTH, FCRTL bit 31)
fc_regs() {
	local r v want hi lo
	[ "$(cat "/sys/class/net/$IF/mtu")" = 1500 ] ||
		fail "MTU $(cat "/sys/class/net/$IF/mtu"): the expected values are MTU 1500's"
	if [ "$1" = 1 ]; then
		hi=0x7330 lo=0x80007328
	else
		hi=0 lo=0
	fi
	for r in "0x1000 0xffff 0x20 PBA" "0x28 0xffffffff 0x00c28001 FCAL" \
		"0x2c 0xffff 0x0100 FCAH" "0x30 0xffff 0x8808 FCT" \
		"0x170 0xffff 0x0680 FCTTV" "0x2168 0xfff8 $hi FCRTH" \
		"0x2160 0x8000fff8 $lo FCRTL"; do
		# shellcheck disable=SC2086 # four words
		set -- $r
		v=$(rss_reg "$1")
		want=$(($3))
		[ $((v & $2)) = "$want" ] ||
			fail "$4 ($1) is $v, want $(printf '0x%x' "$want") under mask $2"
	done
	echo "flow-control registers as programmed (XOFF/XON thresholds ${hi}/${lo})"
}

t_pause() {
	[ "$DUT" = e82574 ] || skip "checks e82574's pause handling"
	need_tool
	ensure_up
	pause_neg off off
	pause_neg off on
	pause_neg on off

	ethtool -A "$IF" autoneg off rx on tx off ||
		fail "ethtool -A autoneg off rx on tx off failed"
	pause_check "$IF" on off
	fc_regs 0
	ethtool -A "$IF" autoneg off rx off tx on ||
		fail "ethtool -A autoneg off rx off tx on failed"
	pause_check "$IF" off on
	fc_regs 1
	ip link set "$IF" down
	ip link set "$IF" up
	wait_carrier "$IF" 10000 || fail "no carrier after down/up"
	configure "$IF"
	ethtool -a "$IF" | grep -Eq '^Autonegotiate:[[:space:]]+off' ||
		fail "forced pause lost its autoneg off across down/up"
	pause_check "$IF" off on

	pause_neg on on
	ethtool -I -a "$IF" >/tmp/pause-stats 2>&1 ||
		fail "ethtool -I -a failed: $(cat /tmp/pause-stats)"
	cat /tmp/pause-stats
	for d in tx rx; do
		grep -Eq "^[[:space:]]*${d}_pause_frames:[[:space:]]+[0-9]+\$" /tmp/pause-stats ||
			fail "ethtool -I -a shows no ${d}_pause_frames counter"
	done
	ping_ok -c 2 -W 2 "$PEER4" || fail "no ping after the pause changes"
}
