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
# autoneg on with everything advertised puts the default back.  Then:
# ethtool's link partner modes match the PHY's LPA/STAT1000; mdix on/off/
# auto set PSCR's MDI/MDI-X field (forcing it is refused with the link
# forced, as e1000e refuses it); ethtool -r restarts autonegotiation
# (QEMU's MDIC trace) and is refused with the link forced.

ALL_MODES="10baseT/Half 10baseT/Full 100baseT/Half 100baseT/Full 1000baseT/Full"

# adv_modes OUTPUT [TITLE]: the "Advertised link modes" (or TITLE's) of
# ethtool output OUTPUT, one line
adv_modes() {
	echo "$1" | awk -v t="${2:-Advertised link modes}:" '
		index($0, t) == 2 || index($0, t) == 1 { on = 1; sub(/.*modes:/, "") }
		on && /:/ && !index($0, t) { exit }
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
	# (one ethtool -s with both "autoneg off" and "mdix on" is two
	# netlink requests, link info first: not a test of this refusal)
	ls_bad 1 mdix on
	ethtool -s "$IF" autoneg off speed 10 duplex half ||
		fail "ethtool -s autoneg off speed 10 duplex half failed"
	ls_link "autoneg off speed 10 duplex half"
	ls_forced 10 half
	ls_nway_refused
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
	ls_partner
	ls_mdix on 1 "on (forced)"
	ls_mdix off 0 "off (forced)"
	ls_mdix auto 3 "(auto)"
	ls_nway
}

# ls_partner: ethtool's "Link partner advertised link modes" are the
# PHY's link partner ability (MII_LPA) and 1000BASE-T status (MII_STAT1000)
ls_partner() {
	local lpa s1000 want='' got m
	MII=$("$TOOL" mii "$IF" 5 10) || fail "reading the PHY failed: $MII"
	lpa=$(mii_get 5)
	s1000=$(mii_get 10)
	[ "$(bit "$lpa" 0x0020)" = 0 ] || want="$want 10baseT/Half"
	[ "$(bit "$lpa" 0x0040)" = 0 ] || want="$want 10baseT/Full"
	[ "$(bit "$lpa" 0x0080)" = 0 ] || want="$want 100baseT/Half"
	[ "$(bit "$lpa" 0x0100)" = 0 ] || want="$want 100baseT/Full"
	[ "$(bit "$s1000" 0x0400)" = 0 ] || want="$want 1000baseT/Half"
	[ "$(bit "$s1000" 0x0800)" = 0 ] || want="$want 1000baseT/Full"
	got=$(adv_modes "$(ethtool "$IF")" "Link partner advertised link modes")
	echo "PHY LPA $lpa STAT1000 $s1000; ethtool: link partner advertises '$got'"
	[ -n "$want" ] || fail "the PHY shows no link partner ability (LPA $lpa, STAT1000 $s1000)"
	for m in $want; do
		case " $got " in
		*" $m "*) ;;
		*) fail "link partner mode $m in the PHY but not in ethtool ('$got')" ;;
		esac
	done
}

# ls_mdix MODE FIELD SHOWN: ethtool -s mdix MODE sets PSCR bits 6:5 to
# FIELD and ethtool shows "MDI-X: ... SHOWN"; the link comes back
ls_mdix() {
	local pscr eth
	ethtool -s "$IF" mdix "$1" || fail "ethtool -s mdix $1 failed"
	ls_link "mdix $1"
	MII=$("$TOOL" mii "$IF" 16) || fail "reading the PHY failed: $MII"
	pscr=$(mii_get 16)
	eth=$(ethtool "$IF")
	echo "mdix $1: PSCR $pscr; ethtool: $(echo "$eth" | grep 'MDI-X')"
	[ $(((pscr >> 5) & 3)) = "$2" ] ||
		fail "mdix $1: PSCR $pscr, MDI/MDI-X field should be $2"
	echo "$eth" | grep 'MDI-X:' | grep -qF "$3" ||
		fail "mdix $1: ethtool does not show '$3'"
}

# ls_nway: ethtool -r restarts autonegotiation (BMCR written with restart
# and enable, in QEMU's MDIC trace) and the link comes back
ls_nway() {
	local pos n
	trace_on e1000e_core_mdic_write
	pos=$(trace_mark)
	ethtool -r "$IF" || fail "ethtool -r failed"
	ls_link "ethtool -r"
	trace_off e1000e_core_mdic_write
	n=$(trace_count "$pos" 'PHY\[0\]\[0\] = 0x1[2367abef][0-9a-f]{2}$')
	echo "ethtool -r: $n BMCR writes with autonegotiation enabled and restarted"
	[ "${n:-0}" -ge 1 ] || fail "ethtool -r: BMCR never written with the restart bit"
}

# ls_nway_refused: with speed and duplex forced ethtool -r is refused,
# logged, and changes nothing
ls_nway_refused() {
	local before after
	before=$(ls_state)
	if ethtool -r "$IF" 2>&1; then
		fail "ethtool -r accepted with the link forced"
	fi
	after=$(ls_state)
	[ "$before" = "$after" ] || fail "refused ethtool -r changed the state"
	dmesg | grep -q "$IF: autonegotiation restart refused" ||
		fail "no log line for the refused ethtool -r"
	echo "refused: ethtool -r with the link forced"
}
