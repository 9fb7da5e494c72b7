#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# txdrop: the doorbell when the frame that ends an xmit_more batch is
# dropped.  The tests' own module (scripts/vm/kmod/e82574_txdrop.c, built
# for the guest kernel, not shipped) hands the driver, under the queue's
# xmit lock, 7 valid UDP frames with xmit_more set and then an 8th frame,
# the batch's last, that the driver must drop (a GSO frame whose protocol
# is ARP: nothing can segment it).  Allocation and DMA-mapping failures
# end in the same drop path; this frame is the cause a test can produce
# every time.  The 7 frames sit behind the deferred tail write, and only
# the drop path can still write it:
#   - QEMU's register-write trace shows the queue's TDT written once or
#     twice while the module loads (no other frame can reach that queue
#     during the batch): not 0, and not once per frame, which would mean
#     the tail was written before the drop and the test proves nothing;
#   - the peer gets the 7 frames within a second;
#   - the queue's tx drop counter grows by exactly 1.
# A driver that drops without writing the tail fails the first two, and
# leaves the frames there until the next frame sent on that queue.
# The queue's byte queue limit gets a floor (limit_min) for the batch:
# just after link-up BQL's limit is near zero, each frame stops the queue
# in the stack's eyes, and a driver then writes the tail for every frame
# (as it must: nothing else would).  BQL applies the floor when it next
# sees completions, so a first, unmeasured load of the module sends 8
# valid frames before the measured one.  Restored afterwards.

txdrop_cleanup() {
	trace_off e1000e_core_write 2>/dev/null
	rmmod e82574_txdrop 2>/dev/null
	[ -z "$TXD_BQL" ] || echo "$TXD_BQL0" >"$TXD_BQL" 2>/dev/null
}

# txdrop_load MODULE QUEUE DROP: insmod the module, which sends the batch
# (DROP 1: its last frame is one to drop; 0: 8 valid frames)
txdrop_load() {
	insmod "$1" ifname="$IF" queue="$2" drop="$3" frames=8 dst_mac="$PEER_MAC" \
		saddr="$GUEST4" daddr="$PEER4" ||
		fail "insmod e82574_txdrop failed: $(dmesg | tail -n 3)"
}

t_txdrop() {
	local q=0 nqp pos tdt d0 d1 udp mod reg
	TXD_BQL=
	[ "$DUT" = e82574 ] || skip "loads a module that drives e82574's transmit path"
	ensure_up
	need_tool
	mod=/lib/e82574-test/e82574_txdrop.ko
	[ -f "$mod" ] || fail "no $mod in the initramfs (scripts/vm/kmod did not build)"
	# the second queue when there are two: off the path of the guest's
	# own traffic (ARP, neighbour discovery) more often than not
	nqp=$(ethtool -l "$IF" | awk '/^Current/ { c = 1 } c && /^Combined:/ { print $2; exit }')
	[ "${nqp:-1}" -ge 2 ] && q=1
	reg=$(printf '0x%x' $((0x3818 + 0x100 * q)))
	[ -n "$(eth_stat "$IF" "tx_queue_${q}_drops")" ] ||
		fail "no tx_queue_${q}_drops in ethtool -S"
	TXD_BQL=/sys/class/net/$IF/queues/tx-$q/byte_queue_limits/limit_min
	[ -w "$TXD_BQL" ] || fail "no $TXD_BQL (a kernel without BQL?)"
	TXD_BQL0=$(cat "$TXD_BQL")
	trap txdrop_cleanup EXIT
	echo 1000000 >"$TXD_BQL" || fail "cannot set $TXD_BQL"
	txdrop_load "$mod" $q 0
	rmmod e82574_txdrop || fail "rmmod e82574_txdrop failed"
	d0=$(eth_stat "$IF" "tx_queue_${q}_drops")
	sleep 1
	ctl "txstat reset" || fail "txstat reset failed"
	trace_on e1000e_core_write
	pos=$(trace_mark)
	txdrop_load "$mod" $q 1
	trace_off e1000e_core_write
	rmmod e82574_txdrop || fail "rmmod e82574_txdrop failed"
	echo "$TXD_BQL0" >"$TXD_BQL"
	trap - EXIT
	tdt=$(trace_count "$pos" "Write to register $reg,")
	echo "TDT $reg writes (values):" $(trace_grep "$pos" "Write to register $reg, 4 byte\\(s\\), value: (0x[0-9a-f]+)\$" 20)
	sleep 1
	ctl txstat || fail "txstat failed"
	udp=$(kv udp "$CTL_REPLY")
	d1=$(eth_stat "$IF" "tx_queue_${q}_drops")
	echo "queue $q: 7 frames + 1 dropped: $tdt writes of TDT ($reg) while the module loaded, peer got ${udp:-?} UDP frames, drops $d0 -> $d1"
	[ "$d1" = $((d0 + 1)) ] ||
		fail "tx_queue_${q}_drops went $d0 -> $d1, not +1: the last frame was not dropped by the driver"
	[ "$tdt" -ge 1 ] ||
		fail "TDT of queue $q not written: the drop that ended the batch left 7 frames behind the tail"
	[ "$tdt" -le 2 ] ||
		fail "TDT of queue $q written $tdt times for 8 frames: not deferred, so the drop path went untested"
	[ "${udp:-0}" -ge 7 ] ||
		fail "peer got ${udp:-0} of the 7 UDP frames within 1 s"
	ping_ok -c 2 -W 2 "$PEER4" || fail "ping after txdrop failed"
}
