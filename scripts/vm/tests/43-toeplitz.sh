#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# toeplitz: the kernel's own RSS conformance test,
# tools/testing/selftests/net/toeplitz.c from Debian's linux-source-6.12
# (built statically on the host by lib-vm.sh, /bin/toeplitz).  It captures
# the peer's TCP flows to port 8000 with PACKET_FANOUT_CPU + TPACKET_V3,
# recomputes the Toeplitz hash of each 4-tuple with the driver's key and
# compares it with the skb hash, and checks the arrival CPU is the CPU of
# the IRQ of queue hash % nqueues (-C: the CPUs of the TxRx-0/1 IRQs).
# That queue rule is only the default table's (indir[i] = i % 2, index =
# hash & 127), hence ethtool -X default first.  Run for TCP/IPv4 (-4) and
# TCP/IPv6 (-6).  Then, as a check that the selftest can fail here, a run
# with the two CPUs swapped (-C c1,c0) must report failures.
#
# UDP (-u) cannot pass on this hardware: the selftest hashes UDP ports,
# but the 82574 (and QEMU's model of it) has no UDP port hashing: UDP gets
# the address-only IPv4/IPv6 hash, which the driver reports as an L3 hash
# (and which the kernel then replaces by its own flow hash anyway).

TPZ_PORT=8000
TPZ_FLOWS=300

# tpz_run 4|6 SEED [neg]: one selftest run while the peer sends; sets
# TPZ_PASS.  With "neg" it must fail (and TPZ_FAIL is set).
tpz_run() {
	local fam=$1 seed=$2 neg=${3:-} pid rc i n want line
	/bin/toeplitz -i "$IF" -"$fam" -t -k "$TPZ_KEY" -C "$TPZ_CPUS" \
		-d $TPZ_PORT -T 3000 >/tmp/toeplitz.out 2>&1 &
	pid=$!
	# wait until its rings (one per CPU) are open: /proc/net/packet
	want=$(($(grep -c ^processor /proc/cpuinfo) + 1))
	i=0
	while :; do
		n=$(grep -c '' /proc/net/packet 2>/dev/null || echo 0)
		[ "$n" -ge "$want" ] && break
		i=$((i + 1))
		[ $i -lt 100 ] || break
		msleep 20
	done
	msleep 200
	ctl "send proto=tcp$fam flows=$TPZ_FLOWS count=$TPZ_FLOWS pps=3000 len=16 dport=$TPZ_PORT seed=$seed first=2000" ||
		fail "peer send (tcp$fam) failed: $CTL_REPLY"
	wait $pid
	rc=$?
	sed 's/^/  toeplitz: /' /tmp/toeplitz.out | tail -n 5
	line=$(grep '^count: ' /tmp/toeplitz.out | tail -n1)
	TPZ_PASS=$(echo "$line" | sed -n 's/.*pass=\([0-9]*\).*/\1/p')
	echo "toeplitz -$fam -t -C $TPZ_CPUS: rc $rc, $line"
	if [ -n "$neg" ]; then
		TPZ_FAIL=$(echo "$line" | sed -n 's/.*fail=\([0-9]*\).*/\1/p')
		[ $rc != 0 ] && [ "${TPZ_FAIL:-0}" -gt 0 ] ||
			fail "toeplitz with swapped CPUs -C $TPZ_CPUS did not fail: rc $rc, $line"
		return 0
	fi
	[ $rc = 0 ] || fail "toeplitz -$fam -t exited $rc: ${line:-$(tail -n1 /tmp/toeplitz.out)}"
	[ "${TPZ_PASS:-0}" -ge 10 ] || fail "toeplitz -$fam -t: pass=${TPZ_PASS:-0} < 10"
}

t_toeplitz() {
	local c0 c1 p4
	ensure_up
	need_tool
	[ -x /bin/toeplitz ] ||
		fail "toeplitz selftest binary not in the initramfs (linux-source-6.12 build failed?)"
	[ "$(rss_get "$IF" rings)" = 2 ] || ethtool -L "$IF" combined 2 ||
		fail "ethtool -L $IF combined 2 failed"
	ethtool -X "$IF" default || fail "ethtool -X $IF default failed"
	TPZ_KEY=$(rss_get "$IF" key)
	[ -n "$TPZ_KEY" ] || fail "no RSS key from the driver"
	c0=$(irq_cpu "$IF-TxRx-0") || fail "no CPU for IRQ $IF-TxRx-0 (/proc/interrupts: $(grep -c "$IF" /proc/interrupts) lines)"
	c1=$(irq_cpu "$IF-TxRx-1") || fail "no CPU for IRQ $IF-TxRx-1"
	TPZ_CPUS=$c0,$c1
	echo "key $TPZ_KEY, rx irq cpus $TPZ_CPUS"
	tpz_run 4 "$(date +%s)"
	p4=$TPZ_PASS
	tpz_run 6 "$(($(date +%s) + 1))"
	echo "toeplitz pass: tcp4=$p4 tcp6=$TPZ_PASS"
	TPZ_CPUS=$c1,$c0
	tpz_run 4 "$(($(date +%s) + 2))" neg
	echo "swapped CPUs: fail=$TPZ_FAIL of $TPZ_FLOWS, as it must"
}
