#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rxstarve: an RX ring emptied by failed buffer allocations fills again
# once memory is back, with nothing else to wake it.  The tests' own module
# (scripts/vm/kmod/e82574_ppfail.c, built for the guest kernel, not
# shipped) makes every page_pool_alloc_frag() fail while it is loaded.
# With 64-descriptor rings the peer sends 1000 frames on 16 flows: each
# frame uses up a buffer that cannot be replaced, until a ring is empty:
# its head (RDH, read from the device) has caught up with its tail, and
# the NIC owns no descriptor of it.  An empty ring raises no receive
# interrupt, so unless NAPI keeps polling a ring it could not refill,
# receive on it stops for good (and QEMU, holding the frame it could not
# place, stalls the other ring too).  After the module is unloaded the
# guest must receive every one of 400 more frames.  The driver's
# rx_alloc_failed must have grown.

. /e82574/rss-lib.sh

rxstarve_cleanup() {
	rmmod e82574_ppfail 2>/dev/null
}

t_rxstarve() {
	local mod q h t dry='' a0 a1 nfail
	[ "$DUT" = e82574 ] || skip "loads a module that fails e82574's receive buffer allocations"
	ensure_up
	need_tool
	mod=/lib/e82574-test/e82574_ppfail.ko
	[ -f "$mod" ] || fail "no $mod in the initramfs (scripts/vm/kmod did not build)"
	slow_ring rx
	rx_frames 200 "send proto=udp4 flows=16 count=200 pps=2000 len=1000"
	a0=$(eth_stat "$IF" rx_alloc_failed)
	[ -n "$a0" ] || fail "no rx_alloc_failed in ethtool -S"
	trap rxstarve_cleanup EXIT
	insmod "$mod" || fail "insmod e82574_ppfail failed: $(dmesg | tail -n 3)"
	ctl "send proto=udp4 flows=16 count=1000 pps=2000 len=1000" ||
		fail "peer send failed: $CTL_REPLY"
	sleep 2
	for q in 0 1; do
		h=$(rss_reg $((0x2810 + 0x100 * q)))
		t=$(rss_reg $((0x2818 + 0x100 * q)))
		echo "RX ring $q: head $h tail $t"
		[ -z "$h" ] || [ "$h" != "$t" ] || dry="$dry $q"
	done
	rmmod e82574_ppfail || fail "rmmod e82574_ppfail failed"
	trap - EXIT
	nfail=$(dmesg | sed -n 's/.*e82574_ppfail: page_pool_alloc_frag() failed \([0-9]*\) calls.*/\1/p' |
		tail -n 1)
	a1=$(eth_stat "$IF" rx_alloc_failed)
	echo "while allocations failed: $nfail calls failed, rx_alloc_failed $a0 -> $a1," \
		"empty rings:${dry:- none}"
	[ "${nfail:-0}" -gt 0 ] || fail "no allocation failed: nothing was tested"
	[ "$a1" -gt "$a0" ] || fail "rx_alloc_failed stayed at $a0 while allocations failed"
	[ -n "$dry" ] || fail "no RX ring ran empty: nothing was tested"
	# what QEMU and the host socket held back arrives first: let it pass
	sleep 3
	rx_frames 400 "send proto=udp4 flows=16 count=400 pps=2000 len=1000"
	slow_ring_restore
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after rxstarve failed"
}
