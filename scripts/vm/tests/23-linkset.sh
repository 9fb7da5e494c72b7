#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# linkset: ethtool -s.  Each advertised subset shows in the PHY's
# MII_ADVERTISE/MII_CTRL1000 (read back through SIOCGMIIREG) and in
# ethtool's "Advertised link modes", and the link comes back with
# traffic.  autoneg off speed 100/10 duplex full/half clears BMCR's
# autonegotiation enable, sets its speed and duplex bits and forces the
# MAC (CTRL.FRCSPD/FRCDPX/SPD/FD); ethtool shows it.  Bad requests are
# refused with the state kept, the settings survive ifdown/ifup, and
# autoneg on with everything advertised puts the default back.

ALL_MODES="10baseT/Half 10baseT/Full 100baseT/Half 100baseT/Full 1000baseT/Full"

# adv_modes: the "Advertised link modes" of ethtool output $1, one line
adv_modes() {
	echo "$1" | awk '/Advertised link modes:/ { on = 1; sub(/.*Advertised link modes:/, "") }
		on && /:/ { exit }
		on { printf "%s ", $0 }' | tr -s ' \t' '  ' | sed 's/^ *//; s/ *$//'
}

# ls_link WHAT: carrier back and traffic
ls_link() {
	msleep 200
	wait_carrier "$IF" 10000 || fail "no carrier after $1"
	configure "$IF"
	ping_ok -c 2 -W 2 "$PEER4" || fail "no ping after $1"
}

# ls_adv ADV ANAR_SPEEDS CTRL1000 MODES [ETHTOOL-S-ARGS]: advertise ADV
# (or run ethtool -s with ARGS), check the PHY, ethtool and the link
ls_adv() {
	local bmcr anar c1000 eth got args
	args=${5:-advertise $1}
	# shellcheck disable=SC2086 # ARGS are words
	ethtool -s "$IF" $args || fail "ethtool -s $args failed"
	ls_link "advertise $1"
	MII=$("$TOOL" mii "$IF" 0 4 9) || fail "reading the PHY failed: $MII"
	bmcr=$(mii_get 0)
	anar=$(mii_get 4)
	c1000=$(mii_get 9)
	echo "advertise $1: BMCR $bmcr ADVERTISE $anar CTRL1000 $c1000"
	[ "$(bit "$bmcr" 0x1000)" = 1 ] ||
		fail "advertise $1: BMCR $bmcr, autonegotiation off"
	[ $((anar & 0x03e0)) = $(($2)) ] ||
		fail "advertise $1: ADVERTISE $anar, speed bits should be $2"
	[ $((anar & 0x0c00)) = $((0x0c00)) ] ||
		fail "advertise $1: ADVERTISE $anar lost the pause bits"
	[ $((c1000 & 0x0300)) = $(($3)) ] ||
		fail "advertise $1: CTRL1000 $c1000, 1000BASE-T bits should be $3"
	eth=$(ethtool "$IF") || fail "ethtool $IF failed"
	got=$(adv_modes "$eth")
	echo "ethtool advertises: $got"
	[ "$got" = "$4" ] ||
		fail "advertise $1: ethtool advertises '$got', expected '$4'"
	echo "$eth" | grep -q 'Auto-negotiation: on' ||
		fail "advertise $1: ethtool shows autonegotiation off"
}

# ls_forced SPEED DUPLEX: check BMCR, CTRL and ethtool for a forced link
ls_forced() {
	local bmcr ctrl eth want_b want_c
	MII=$("$TOOL" mii "$IF" 0 16) || fail "reading the PHY failed: $MII"
	bmcr=$(mii_get 0)
	ctrl=$("$TOOL" reg "$IF" 0x0 | awk '{ print $3 }')
	echo "forced $1/$2: BMCR $bmcr PSCR $(mii_get 16) CTRL $ctrl"
	want_b=0
	want_c=$((0x1800))
	[ "$1" = 100 ] && want_b=$((want_b | 0x2000)) && want_c=$((want_c | 0x100))
	[ "$2" = full ] && want_b=$((want_b | 0x0100)) && want_c=$((want_c | 0x1))
	[ $((bmcr & 0x3140)) = $want_b ] ||
		fail "forced $1/$2: BMCR $bmcr, expected AN/speed/duplex bits $(printf 0x%04x $want_b)"
	[ $((ctrl & 0x1b21)) = $want_c ] ||
		fail "forced $1/$2: CTRL $ctrl, expected FRCSPD/FRCDPX/SPD/ASDE/FD $(printf 0x%04x $want_c)"
	eth=$(ethtool "$IF") || fail "ethtool $IF failed"
	echo "$eth" | grep -E 'Speed|Duplex|Auto-negotiation'
	echo "$eth" | grep -q 'Auto-negotiation: off' ||
		fail "forced $1/$2: ethtool shows autonegotiation on"
	echo "$eth" | grep -q "Speed: $1Mb/s" ||
		fail "forced $1/$2: ethtool $(echo "$eth" | grep Speed)"
	echo "$eth" | grep -qi "Duplex: $2" ||
		fail "forced $1/$2: ethtool $(echo "$eth" | grep Duplex)"
}

# ls_state: what a refused request must not change
ls_state() {
	"$TOOL" mii "$IF" 0 4 9 16 | tr '\n' ' '
	"$TOOL" reg "$IF" 0x0 | awk '{ print $3 }'
	ethtool "$IF" | grep -v 'Link detected'
}

# ls_bad LOG ARGS...: ethtool -s ARGS must fail, state kept; LOG=1: the
# driver must have logged the refusal
ls_bad() {
	local log=$1 before after n0 n1
	shift
	before=$(ls_state)
	n0=$(dmesg | grep -c "$IF: link settings refused")
	if ethtool -s "$IF" "$@" 2>&1; then
		fail "ethtool -s $* was accepted"
	fi
	n1=$(dmesg | grep -c "$IF: link settings refused")
	after=$(ls_state)
	[ "$before" = "$after" ] ||
		fail "refused ethtool -s $* changed the state: '$before' -> '$after'"
	if [ "$log" = 1 ]; then
		[ "$n1" -gt "$n0" ] || fail "no 'link settings refused' log for ethtool -s $*"
		dmesg | grep "$IF: link settings refused" | tail -n1
	fi
	echo "refused: ethtool -s $*"
}

t_linkset() {
	local eth
	[ "$DUT" = e82574 ] || skip "checks e82574's ethtool -s"
	need_tool
	ensure_up

	ls_adv 0x008 0x0100 0 "100baseT/Full"
	ls_adv 0x003 0x0060 0 "10baseT/Half 10baseT/Full"
	ls_adv 0x020 0 0x0200 "1000baseT/Full"
	ls_adv 0x00a 0x0140 0 "10baseT/Full 100baseT/Full"
	# e1000e on copper: 1000 full "forced" autonegotiates 1000 full only
	ls_adv 0x020 0 0x0200 "1000baseT/Full" "autoneg off speed 1000 duplex full"
	ls_adv 0x00a 0x0140 0 "10baseT/Full 100baseT/Full"

	ls_bad 1 autoneg off speed 1000 duplex half
	ls_bad 1 advertise 0x010
	ls_bad 1 advertise 0x012
	ls_bad 1 port fibre
	ls_bad 1 mdix on
	ls_bad 0 autoneg off speed 2500 duplex full
	ls_bad 0 advertise 0x0

	ip link set "$IF" down
	ip link set "$IF" up
	ls_link "down/up with advertise 0x00a"
	ls_adv 0x00a 0x0140 0 "10baseT/Full 100baseT/Full"

	ethtool -s "$IF" autoneg off speed 100 duplex full ||
		fail "ethtool -s autoneg off speed 100 duplex full failed"
	ls_link "autoneg off speed 100 duplex full"
	ls_forced 100 full
	ls_bad 1 autoneg off speed 1000 duplex half
	ethtool -s "$IF" autoneg off speed 10 duplex half ||
		fail "ethtool -s autoneg off speed 10 duplex half failed"
	ls_link "autoneg off speed 10 duplex half"
	ls_forced 10 half
	ethtool -s "$IF" autoneg off speed 100 duplex full ||
		fail "ethtool -s autoneg off speed 100 duplex full failed"
	ip link set "$IF" down
	ip link set "$IF" up
	ls_link "down/up with speed 100 duplex full forced"
	ls_forced 100 full

	# autoneg on: the stored advertisement, negotiated again, MAC unforced
	ethtool -s "$IF" autoneg on || fail "ethtool -s autoneg on failed"
	ls_link "autoneg on"
	ls_adv 0x00a 0x0140 0 "10baseT/Full 100baseT/Full"
	MII=$("$TOOL" mii "$IF" 1 16) || fail "reading the PHY failed: $MII"
	[ "$(bit "$(mii_get 1)" 0x0020)" = 1 ] ||
		fail "autoneg on: BMSR $(mii_get 1), autonegotiation not complete"
	MII=$("$TOOL" mii "$IF" 0 1 16) || fail "reading the PHY failed: $MII"
	[ $(($(mii_get 0) & 0x3140)) = $((0x1140)) ] ||
		fail "autoneg on: BMCR $(mii_get 0), forced speed/duplex bits left (want 0x1140)"
	[ $((($(mii_get 16) >> 5) & 3)) = 3 ] ||
		fail "autoneg on: PSCR $(mii_get 16), MDI/MDI-X not automatic again"
	[ $(($("$TOOL" reg "$IF" 0x0 | awk '{ print $3 }') & 0x1800)) = 0 ] ||
		fail "autoneg on: CTRL still forces speed or duplex"

	ls_adv 0x02f 0x01e0 0x0200 "$ALL_MODES"
	eth=$(ethtool "$IF")
	echo "$eth" | grep -q 'Speed: 1000Mb/s' ||
		fail "defaults back: ethtool $(echo "$eth" | grep Speed)"
}
