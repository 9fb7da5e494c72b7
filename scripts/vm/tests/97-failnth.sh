#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# failnth: each allocation e82574 makes in a reconfiguration fails in turn,
# for the debug kernel (`make test-debug`; skips without failslab and
# fail_page_alloc).  For N = 1, 2, ... the change runs in a process whose
# /proc/self/fail-nth is N, with both fault attributes limited to calls
# with e82574 on the stack (96-soak.sh's fi_setup): the Nth allocation
# e82574 makes for that process fails, and no other.  Every try is either
# refused with the interface up, its carrier on and the state (the soak's
# snapshot: MAC, MTU, addresses, RSS, rings, channels, coalescing) as it
# was, or taken with the new value and the link back.  A sweep ends at
# the first N that injected nothing; it must have injected at least once.
# Changes, from small rings (64/64) to keep the sweeps short: ring sizes,
# the MTU (1500 and 9000) and the channel count (1 and 2), each both ways.
# At the end ping answers.  Prints the allocation points failed per change.

. /e82574/tests/96-soak.sh

# faults injected so far (both attributes count down from FI_TIMES)
fn_injected() {
	local d t n=0
	for d in $(fi_attrs); do
		t=$(cat "$d/times")
		n=$((n + FI_TIMES - t))
	done
	echo $n
}

fn_carrier() { [ "$(cat "/sys/class/net/$IF/carrier" 2>/dev/null)" = 1 ]; }

# fn_sweep WHAT A B: A and B are simple commands that change the state
# between two values; B (without injection) sets the starting one.  Each
# try runs A with fail-nth N; when A is taken, A and B swap roles, so the
# next try goes back (one reconfiguration per try).
fn_sweep() {
	local what="$1" fwd="$2" back="$3" t n=1 rc hit before tried=0
	local refused=0
	$back >/tmp/fn.out 2>&1 || fail "$what: '$back' failed: $(head -n1 /tmp/fn.out)"
	wait_carrier "$IF" 20000 || fail "$what: no carrier at the start"
	soak_snapshot >/tmp/fn.old
	while :; do
		before=$(fn_injected)
		# fail-nth belongs to the task (a fork starts at 0): set it,
		# then exec the change (a simple command, split here)
		# shellcheck disable=SC2086
		sh -c 'echo "$1" >/proc/self/fail-nth && shift && exec "$@"' \
			sh "$n" $fwd >/tmp/fn.out 2>&1
		rc=$?
		hit=$(($(fn_injected) - before))
		if [ $hit = 0 ]; then
			[ $rc = 0 ] || fail "$what: '$fwd' failed with nothing injected (N=$n): $(head -n1 /tmp/fn.out)"
			break
		fi
		tried=$((tried + 1))
		if [ $rc != 0 ]; then
			refused=$((refused + 1))
			if_is_up || fail "$what: '$fwd' refused at allocation $n ($(head -n1 /tmp/fn.out)) and the interface is down"
			fn_carrier || fail "$what: '$fwd' refused at allocation $n and the carrier is off (the device was touched)"
			soak_snapshot >/tmp/fn.now
			if ! cmp -s /tmp/fn.old /tmp/fn.now; then
				diff /tmp/fn.old /tmp/fn.now | head -n 20
				fail "$what: '$fwd' refused at allocation $n ($(head -n1 /tmp/fn.out)) but the state changed"
			fi
		else
			# a failure the driver may take (an XPS map, a page
			# allocation retried): the change happened, the link
			# came back
			if_is_up || fail "$what: '$fwd' taken with allocation $n failed, interface down"
			wait_carrier "$IF" 20000 || fail "$what: '$fwd' taken with allocation $n failed, no carrier"
			soak_snapshot >/tmp/fn.now
			! cmp -s /tmp/fn.old /tmp/fn.now ||
				fail "$what: '$fwd' taken with allocation $n failed, but nothing changed"
			mv /tmp/fn.now /tmp/fn.old
			t=$fwd
			fwd=$back
			back=$t
		fi
		n=$((n + 1))
		[ $n -le 2000 ] || fail "$what: still injecting at N=$n"
	done
	[ $tried -gt 0 ] || fail "$what: no allocation was failed: the injection does not reach e82574"
	soak_settle "after the $what sweep"
	echo "failnth: $what: $tried allocation points, $refused refused, $((tried - refused)) taken"
	fn_points=$((fn_points + tried))
}

t_failnth() {
	[ "$DUT" = e82574 ] || skip "fail-nth sweeps are for e82574"
	[ -e /proc/self/fail-nth ] || skip "no /proc/self/fail-nth (FAULT_INJECTION)"
	ensure_up
	fi_setup
	fn_points=0
	ethtool -X "$IF" default || fail "ethtool -X default failed"
	ethtool -L "$IF" combined 2 || fail "ethtool -L combined 2 failed"
	ip link set "$IF" mtu 1500 || fail "mtu 1500 failed"
	soak_settle "before the sweeps"

	fn_sweep "rings 64 <-> 128" "ethtool -G $IF rx 128 tx 128" \
		"ethtool -G $IF rx 64 tx 64"
	fn_sweep "mtu 1500 <-> 9000" "ip link set $IF mtu 9000" \
		"ip link set $IF mtu 1500"
	fn_sweep "channels 1 <-> 2" "ethtool -L $IF combined 2" \
		"ethtool -L $IF combined 1"

	ip link set "$IF" mtu 1500 || fail "mtu 1500 at the end failed"
	ethtool -L "$IF" combined 2 || fail "ethtool -L combined 2 at the end failed"
	ethtool -G "$IF" rx 256 tx 256 || fail "ethtool -G 256 at the end failed"
	soak_settle "after the sweeps"
	echo "failnth: $fn_points allocation points failed one at a time, $(fn_injected) faults"
}
