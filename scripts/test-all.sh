#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every test of the project, in one command (the README's test command and
# what .ci/run calls).  Installs what it needs first, then runs:
#   static checks, the host-side harness self-test, KUnit, the fuzz
#   targets over their seed corpus, and the VM suite on a matrix of device
#   model x guest kernel:
#     QEMU 7.2, Debian 12 6.12   every test but updown50/reload20/xdp (the
#                                main run; those three run with this kernel
#                                on QEMU 10, and on 6.1 with QEMU 7.2)
#     QEMU 10,  Debian 12 6.12   the core subset plus hardware tests and xdp ($VM_HW)
#     QEMU 7.2, Debian 12 6.1    the core subset plus aer, suspend, rssfence, xdp ($VM_61)
#     QEMU 10,  Debian 13 6.12   bring-up, traffic, RSS, suspend ($VM_D13)
#     QEMU 10,  trixie-backports the core subset less updown50/reload20,
#                                plus aer, aerfatal, suspend, xdp ($VM_BPO)
#   and, after the main run, the kernel's own drivers/net selftests on
#   QEMU 7.2 with Debian 12's 6.12 (scripts/selftests.sh).
# Ends with one "N passed, N failed" line over all of them; exits non-zero
# on any failure.  E82574_VM_MATRIX=main runs only the main VM run.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
"$E82574_ROOT/scripts/setup-host.sh" || die "host setup failed"

# Tests of the shorter VM runs: binding, link, traffic both ways, exact RSS
# steering, RSS state across ifdown/ifup, and the cycle tests (up/down and
# module reload under traffic), which find most lifetime bugs.
VM_CORE="bind probetrace link linkneg ping rx10k rsssteer rssstate updown50 reload20 dmesg"
# Debian 12's 6.1 (QEMU 7.2): the core plus the non-fatal AER cycle and
# the sleep cycles.  Not aerfatal: 6.1's root port reset fails on both
# QEMU models before any driver is called, for e1000e too (62-aer.sh).
# And the reorder fence and XDP, whose receive path is where 6.1's page
# pool, NAPI and XDP APIs differ, and txdrop and rxstarve, whose test
# modules are built against each kernel's own headers.
VM_61="${VM_CORE% dmesg} aer suspend rssfence xdp txdrop rxstarve dmesg"
# QEMU 10 x Debian 12 6.12: the core plus the hardware handling QEMU 10
# models differently (a real CTRL.RST)
VM_HW="${VM_CORE% dmesg} aer aerfatal suspend wol pause linkset coalesce rings selftest txtimeout drvload prevdrv nvmbad vlan rssbalance rssfence ptp xdp rxstarve dmesg"
# the backports kernel: the core without the two long cycle tests, plus
# error recovery, sleep, XDP (the newest XDP and page pool APIs) and
# txdrop (the newest transmit core).  Not rxstarve: on 7.3 receive did
# not resume after the injection in 1 of 4 runs (open, under issue 8)
VM_BPO="bind probetrace link linkneg ping rx10k rsssteer rssstate aer aerfatal suspend xdp txdrop dmesg"
# Debian 13's own 6.12 (its default kernel): bring-up, traffic, RSS and sleep
VM_D13="bind probetrace link linkneg ping rx10k rsssteer rssstate suspend dmesg"
# The main run: every test but the soak and failnth (make test-debug's;
# they skip without the debug kernel's fault injection), the two long
# cycle tests, which run with the same kernel on QEMU 10 (VM_HW) and on
# QEMU 7.2 with 6.1 (VM_61), and xdp, which runs with it on QEMU 10: each
# XDP attach live-patches the kernel's XDP dispatcher, and QEMU 7.2's TCG
# let another vCPU execute the patch's int3 in 3 of 5 runs of 6.12 ("Oops:
# int3" at bpf_dispatcher_xdp_func+0xa; none in 4 runs on QEMU 10, 6.12
# and 7.x, nor in 3 of 6.1 on QEMU 7.2).  The same for rxstarve, whose
# test module puts a kprobe into page_pool_alloc_frag(): QEMU 7.2 let a
# vCPU hit that patch's int3 in a CI run of 6.12 (the harness re-ran the
# rest); it runs on QEMU 10 with 6.12, and on 7.2 with 6.1.
VM_MAIN=$("$E82574_ROOT/scripts/vm-test.sh" --list | grep -vxE 'updown50|reload20|xdp|rxstarve|soak|failnth' |
	tr '\n' ' ')

run_suite check "$E82574_ROOT/scripts/check.sh"
run_suite testnet make -s -C "$E82574_ROOT/scripts/testnet" check
run_suite kunit "$E82574_ROOT/scripts/kunit.sh"
run_suite fuzz-seeds make -s -C "$E82574_ROOT/fuzz" check
VMT=$E82574_ROOT/scripts/vm-test.sh
# shellcheck disable=SC2086 # VM_CORE is a list of test names
if [ "${E82574_VM_MATRIX:-all}" = main ]; then
	run_suite vm "$VMT"
else
	# the 6.1 run first: its DKMS install replaces the 6.12 one, which the
	# main run then puts back (and leaves installed, for make demo)
	# rsssteer proves the steering with 3 keys x 10 tables in the main
	# run, and with one random key elsewhere (about 45 s less per run)
	run_suite vm-7.2-d12-6.1 env E82574_VM_APPEND=e82574_rsssteer_keys=rand1 \
		"$VMT" --qemu 7.2 --kernel d12-6.1 $VM_61
	run_suite vm-7.2-d12-6.12 "$VMT" --qemu 7.2 --kernel d12-6.12 $VM_MAIN
	# the kernel's drivers/net selftests, with the module the main run
	# installed through DKMS
	run_suite selftests-7.2-d12-6.12 env E82574_NO_DKMS=1 \
		"$E82574_ROOT/scripts/selftests.sh" --qemu 7.2 --kernel d12-6.12
	run_suite vm-10-d12-6.12 env E82574_VM_APPEND=e82574_rsssteer_keys=rand1 \
		"$VMT" --qemu 10 --kernel d12-6.12 $VM_HW
	run_suite vm-10-d13-6.12 env E82574_VM_APPEND=e82574_rsssteer_keys=rand1 \
		"$VMT" --qemu 10 --kernel d13-6.12 $VM_D13
	run_suite vm-10-d13-bpo env E82574_VM_APPEND=e82574_rsssteer_keys=rand1 \
		"$VMT" --qemu 10 --kernel d13-bpo $VM_BPO
fi

echo
echo "== summary ($(( $(date +%s) - start )) s)"
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
