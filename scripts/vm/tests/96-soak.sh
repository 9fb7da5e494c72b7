#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# soak: issue 11's soak, for the debug kernel (scripts/debug-kernel.sh;
# `make test-debug`).  Skips on a kernel without failslab and
# fail_page_alloc.  Under 1000 frames/s of background traffic:
#   1. e82574_soak_updown (default 1000) ifdown/ifup cycles;
#   2. e82574_soak_reload (default 100) module reloads;
#   3. e82574_soak_reconf (default 20) rounds of reconfiguration: ring
#      sizes, RSS table, RSS key, channel count, MTU and coalescing, each
#      change made once with allocation failures injected into every
#      allocation e82574 makes (failslab and fail_page_alloc, limited to
#      calls with e82574 on the stack) and once without;
#   4. e82574_soak_fi_reload (default 10) module loads under injection.
# After every change: a change that succeeded shows its new value, one that
# failed left the state as it was (nothing else moved, MAC, addresses,
# RSS, rings, channels, MTU, coalescing), the link comes back and ping
# answers.  At the end traffic works, every page pool gave its pages back
# and (test dmesg, run after it) the kernel log has no KASAN, lockdep, WARN
# or BUG report and kmemleak finds nothing.  Prints the figures: cycles
# done, changes made, changes refused under injection, faults injected.

. /e82574/rss-lib.sh
. /e82574/tests/80-reload20.sh

FI=/sys/kernel/debug
FI_TIMES=100000000
FI_PCT=$(cmdline_get e82574_soak_fi_pct 20)
faults=0

fi_attrs() { echo "$FI/failslab $FI/fail_page_alloc"; }

# x86-64's module area ends here; it starts above the kernel image, which
# KASLR moves (up to 0xffffffffc0000000): its start is read at run time
MOD_AREA_HI=0xffffffffff000000

# fi_setup [any]: both fault attributes armed with probability 0, limited
# to callers whose stack passes through the e82574 module's memory (with
# "any": through any module, for a load of e82574 under injection)
fi_setup() {
	local d lo hi size
	for d in $(fi_attrs); do
		[ -d "$d" ] || skip "no $d: the soak needs the debug kernel (--kernel debug)"
	done
	[ -e "$FI/failslab/require-start" ] ||
		skip "no stack-trace filter for fault injection (FAULT_INJECTION_STACKTRACE_FILTER)"
	if [ "${1:-}" = any ]; then
		# from the end of the (relocated) kernel image up: a fixed
		# 0xffffffffa0000000 took in the kernel itself under KASLR,
		# and failed the shell's own allocations
		lo=$(awk '$3 == "_end" { print "0x" $1; exit }' /proc/kallsyms)
		[ -n "$lo" ] && [ "$lo" != 0x0000000000000000 ] ||
			fail "no _end in /proc/kallsyms"
		hi=$MOD_AREA_HI
	else
		read -r lo size <<EOF
$(awk '$1 == "e82574" { print $6, $2 }' /proc/modules)
EOF
		[ -n "$lo" ] || fail "e82574 is not in /proc/modules"
		[ "$lo" != 0x0000000000000000 ] || fail "/proc/modules hides addresses"
		hi=$(printf '0x%x' $((lo + size)))
	fi
	for d in $(fi_attrs); do
		echo 0 >"$d/probability"
		echo 1 >"$d/interval"
		echo $FI_TIMES >"$d/times"
		echo 0 >"$d/verbose"
		echo N >"$d/task-filter"
		echo N >"$d/ignore-gfp-wait"
		echo "$lo" >"$d/require-start" || fail "require-start $lo refused"
		echo "$hi" >"$d/require-end" || fail "require-end $hi refused"
	done
	[ "$(printf '0x%x' "$(cat "$FI/failslab/require-end")")" = "$hi" ] ||
		fail "require-end reads back as $(cat "$FI/failslab/require-end"), not $hi"
	echo 0 >"$FI/fail_page_alloc/min-order"
	echo N >"$FI/fail_page_alloc/ignore-gfp-highmem"
	fi_reject_pp_dma_map
}

# A kernel bug, not e82574's, kept out of the injection.  6.12's page_pool
# (DMA-index tracking, page_pool_register_dma_index()) calls xa_alloc_bh()
# with the caller's GFP_KERNEL on an xarray made without XA_FLAGS_LOCK_BH.
# When the xarray's first, atomic node allocation fails, it retries with
# GFP_KERNEL after a plain spin_unlock, with bottom halves still disabled:
# "BUG: sleeping function called from invalid context".  Slab failures
# are not injected under page_pool_dma_map() (the page allocations of
# the pool still are).
fi_reject_pp_dma_map() {
	local lo hi
	read -r lo hi <<EOF
$(awk '$3 == "page_pool_dma_map" { f = 1; a = $1; next }
	f { print a, $1; exit }' /proc/kallsyms)
EOF
	[ -n "$hi" ] || return 0
	echo "0x$lo" >"$FI/failslab/reject-start" || fail "reject-start 0x$lo refused"
	echo "0x$hi" >"$FI/failslab/reject-end" || fail "reject-end 0x$hi refused"
}

fi_on() {
	local d
	for d in $(fi_attrs); do echo "$FI_PCT" >"$d/probability"; done
}

# fi_off: probability 0; adds what was injected since fi_setup to $faults
# and re-arms the counters
fi_off() {
	local d t
	for d in $(fi_attrs); do
		echo 0 >"$d/probability"
		t=$(cat "$d/times")
		faults=$((faults + FI_TIMES - t))
		echo $FI_TIMES >"$d/times"
	done
}

# the state a change must keep or set: keep_state_snapshot (MAC, MTU,
# addresses, RSS table, key, hash fields, channels) plus rings and
# coalescing
soak_snapshot() {
	keep_state_snapshot
	ethtool -g "$IF" | sed -n '/^Current/,$p'
	ethtool -c "$IF" | grep -E '^(rx|tx)-usecs:|^Adaptive'
}

# the background traffic may have stopped if a failed change took the
# interface down for a while: it is restarted for every phase
soak_bg_restart() {
	timeout 20 "$TOOL" ctl stop >/dev/null 2>&1
	bg_start
}

# soak_settle WHEN: link and addresses back, ping answers
soak_settle() {
	wait_carrier "$IF" 20000 || fail "no carrier 20 s $1"
	configure "$IF"
	ping_ok -c 3 -W 3 "$PEER4" || fail "ping $PEER4 failed $1"
}

changes=0
refused=0

if_is_up() { ip -o link show dev "$IF" | grep -q '<[^>]*\bUP\b'; }

# soak_change [-d] WHAT CMD...: run CMD once with faults injected and, when
# it was refused, once more without.  A refused change leaves the state as
# it was, the interface up included (-d: CMD takes it down and up, so a
# refused CMD may leave it down); the caller then checks what CMD set.
soak_change() {
	local what rc downok=0
	[ "$1" != -d ] || { downok=1; shift; }
	what=$1
	shift
	soak_snapshot >/tmp/soak.old
	fi_on
	"$@" >/tmp/soak.out 2>&1
	rc=$?
	fi_off
	changes=$((changes + 1))
	if [ $rc != 0 ]; then
		refused=$((refused + 1))
		if ! if_is_up; then
			[ $downok = 1 ] || fail "$what refused under injection ($(head -n1 /tmp/soak.out)) and the interface is down"
			ip link set "$IF" up || fail "link up after a refused $what failed"
		fi
		soak_settle "after $what was refused under injection"
		soak_snapshot >/tmp/soak.now
		if ! cmp -s /tmp/soak.old /tmp/soak.now; then
			cat /tmp/soak.out
			diff /tmp/soak.old /tmp/soak.now | head -n 20
			fail "$what refused under injection ($(head -n1 /tmp/soak.out)) but the state changed"
		fi
		"$@" >/tmp/soak.out 2>&1 ||
			fail "$what without injection failed: $(head -n1 /tmp/soak.out)"
	fi
	soak_settle "after $what"
	soak_snapshot >/tmp/soak.new
	[ "$(grep -c . /tmp/soak.new)" -gt 5 ] || fail "no state read back after $what"
}

# soak_expect_same LIST: after a change, the lines of the snapshot other
# than those matching the ERE LIST are as before
soak_expect_same() {
	grep -v -E "$1" /tmp/soak.old >/tmp/soak.o
	grep -v -E "$1" /tmp/soak.new >/tmp/soak.n
	if ! cmp -s /tmp/soak.o /tmp/soak.n; then
		diff /tmp/soak.o /tmp/soak.n | head -n 20
		fail "a change of $2 moved other settings"
	fi
}

soak_reconf_round() {
	local r=$1 rx tx
	case $((r % 4)) in
	0) rx=256 tx=256 ;;
	1) rx=512 tx=128 ;;
	2) rx=1024 tx=512 ;;
	*) rx=128 tx=1024 ;;
	esac
	soak_change "rings $rx/$tx" ethtool -G "$IF" rx $rx tx $tx
	[ "$(ring_size "$IF" RX)" = $rx ] && [ "$(ring_size "$IF" TX)" = $tx ] ||
		fail "rings are $(ring_size "$IF" RX)/$(ring_size "$IF" TX), not $rx/$tx"
	soak_expect_same '^(RX|TX):' rings

	soak_change "table weight $((r % 3 + 1)) 1" \
		ethtool -X "$IF" weight $((r % 3 + 1)) 1
	soak_expect_same '^ +[0-9]+:' "the RSS table"

	soak_change "key #$r" ethtool -X "$IF" hkey "$(rss_random_key "$r")"
	[ "$(rss_key "$IF")" = "$(rss_random_key "$r")" ] || fail "key $r not set"
	soak_expect_same '^[0-9a-f]{2}:' "the RSS key"

	# channels: only with the default table (the kernel refuses fewer
	# channels than a user table points at)
	soak_change "table default" ethtool -X "$IF" default
	soak_change "1 channel" ethtool -L "$IF" combined 1
	soak_change "2 channels" ethtool -L "$IF" combined 2
	soak_expect_same '^ +[0-9]+:|^Combined:|indirection table' channels

	soak_change -d "down/up" sh -c "ip link set $IF down && ip link set $IF up"
	soak_expect_same '^$' "down/up"

	soak_change "mtu 9000" ip link set "$IF" mtu 9000
	soak_change "mtu 1500" ip link set "$IF" mtu 1500
	soak_expect_same '^mtu ' "the MTU"

	soak_change "rx-usecs $((r * 10 + 20))" \
		ethtool -C "$IF" adaptive-rx off rx-usecs $((r * 10 + 20))
	soak_expect_same '^(rx|tx)-usecs:|^Adaptive' coalescing
}

# load under injection: a refused probe leaves no netdev; a load without
# injection then works
soak_fi_reload() {
	ip link set "$IF" down || fail "link down before reload $1 failed"
	rmmod "$DUT" || fail "rmmod $DUT $1 failed"
	fi_setup any
	fi_on
	modprobe "$DUT" >/tmp/soak.out 2>&1
	msleep 500
	fi_off
	if [ -z "$(iface)" ]; then
		refused=$((refused + 1))
		rmmod "$DUT" 2>/dev/null
		load_dut
	fi
	changes=$((changes + 1))
	IF=$(iface)
	configure "$IF"
	ip link set "$IF" up || fail "link up after reload $1 failed"
	soak_settle "after reload $1 under injection"
}

t_soak() {
	local n_ud n_rl n_rc n_fr i t0
	n_ud=$(cmdline_get e82574_soak_updown 1000)
	n_rl=$(cmdline_get e82574_soak_reload 100)
	n_rc=$(cmdline_get e82574_soak_reconf 20)
	n_fr=$(cmdline_get e82574_soak_fi_reload 10)
	[ "$DUT" = e82574 ] || skip "the soak is for e82574"
	ensure_up
	need_tool
	fi_setup
	t0=$(now_ms)

	echo "== 1. $n_ud x ifdown/ifup under traffic"
	loop_under_traffic "$n_ud" updown_once
	traffic_check down/up

	echo "== 2. $n_rl x module reload under traffic"
	loop_under_traffic "$n_rl" reload_once
	traffic_check reload
	fi_setup

	echo "== 3. $n_rc rounds of reconfiguration, with and without injection"
	rss_note_default_key "$IF"
	soak_bg_restart
	i=1
	while [ $i -le "$n_rc" ]; do
		soak_reconf_round $i
		i=$((i + 1))
	done
	bg_stop

	echo "== 4. $n_fr x module load under injection"
	soak_bg_restart
	i=1
	while [ $i -le "$n_fr" ]; do
		soak_fi_reload "#$i"
		fi_setup
		i=$((i + 1))
	done
	bg_stop

	# defaults back, traffic through, page pools empty after ifdown
	ethtool -G "$IF" rx 256 tx 256 || fail "ethtool -G back to 256 failed"
	ethtool -C "$IF" adaptive-rx on || fail "adaptive-rx on failed"
	keep_state_restore
	traffic_check soak
	pools_check soak
	echo "soak: $n_ud up/down cycles, $n_rl reloads, $changes changes" \
		"($refused refused under injection), $faults faults injected," \
		"$(($(now_ms) - t0)) ms"
	[ $faults -gt 0 ] || fail "no fault was injected: the injection is not reaching e82574"
}
