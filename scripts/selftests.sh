#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make selftests: the kernel's own driver selftests
# (tools/testing/selftests/drivers/net, from the guest kernel's own source) run
# in a guest against the emulated 82574L, in HW mode: the NIC under test is
# NETIF, and the remote end is an e1000 on the same wire in a network
# namespace of the guest (REMOTE_TYPE=netns).  Python and the tools the
# selftests call come from the Debian 13 chroot.
#
#   scripts/selftests.sh [--qemu 7.2|10] [--kernel d12-6.12|d13-6.12|d13-bpo]
#                        [--dut e82574|e1000e] [FILE...]
#
# FILE: a test under drivers/net (default: ping.py stats.py queues.py
# hw/csum.py hw/rss_ctx.py hw/pp_alloc_fail.py).  Each KTAP case is one
# result: "ok", "ok ... # SKIP reason" (the selftest's own reason: RSS
# contexts, ntuple filters, fault injection the kernel lacks) and "# XFAIL"
# pass, "not ok" fails.  The one translation: a case that failed only
# because 6.12's csum.py asks its library for NetDrvEpEnv.remote_ifname,
# which 6.12's library lacks, is a SKIP saying so (it never reached the
# driver).  Output ends with "N passed, N failed"; exit status 0 only
# without failures.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$E82574_ROOT/scripts/vm/lib-vm.sh"

files=()
while [ $# -gt 0 ]; do
	case "$1" in
	--dut) E82574_DUT=$2; shift 2 ;;
	--qemu) export E82574_QEMU=$2; shift 2 ;;
	--kernel) export KVER=$2; shift 2 ;;
	-h | --help) sed -n '3,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown option $1" ;;
	*) files+=("$1"); shift ;;
	esac
done
export E82574_VM_SELFTESTS=1 E82574_VM_NET=dgram
export E82574_VM_TIMEOUT=${E82574_VM_TIMEOUT:-900}
trap vm_cleanup EXIT
T0=$(date +%s)
vm_prepare
# The selftests come from the guest kernel's own source (lib.sh:
# selftests_source); their Python library (drivers/net/lib/py) appeared in
# 6.10, so Debian 12's 6.1 has none.  Each kernel runs the tests of the
# issue's list that its source has.
case $VM_KVER in
6.1.* | [1-5].*) die "kernel $VM_KVER has no drivers/net selftest library: use 6.12 or newer" ;;
6.12.*) [ ${#files[@]} -gt 0 ] ||
	files=(ping.py stats.py queues.py hw/csum.py hw/rss_ctx.py hw/pp_alloc_fail.py) ;;
*) [ ${#files[@]} -gt 0 ] ||
	files=(ping.py stats.py queues.py napi_id.py hw/irq.py hw/rss_api.py
		hw/csum.py hw/tso.py hw/toeplitz.py hw/rss_ctx.py hw/pp_alloc_fail.py) ;;
esac
vm_build_initramfs
# An emulator fault (QEMU aborting on an internal assertion under TCG, or
# an int3 oops outside e82574: see vm-test.sh) before the guest finished
# costs one more boot, said so; anything else stands.
boots=0
while :; do
	boots=$((boots + 1))
	vm_start "e82574_mode=selftests e82574_st=$(IFS=,; echo "${files[*]}")"
	qrc=0
	vm_wait 's/^\(not \)\{0,1\}ok - .*/  vm: &/p; s/^# selftests: .*/  vm: &/p' >&2 || qrc=$?
	vm_cleanup
	grep -aq '^=== done' "$VM_WORK/console.log" && break
	[ $boots -lt 2 ] || break
	why=$( { [ "$qrc" != 0 ] && grep -a -m1 'Assertion .* failed' "$VM_WORK/qemu.log"; } ||
		grep -a -A12 'Oops: int3' "$VM_WORK/console.log" | grep -a -m1 'RIP:' |
		grep -v e82574) || break
	log "RETRY: emulator fault before the selftests finished: $why"
	cp "$VM_WORK/console.log" "$VM_WORK/console.boot$boots.log"
	cp "$VM_WORK/qemu.log" "$VM_WORK/qemu.boot$boots.log"
done
con=$VM_WORK/console.txt
tr -d '\r' <"$VM_WORK/console.log" >"$con"

echo "----- selftests (dut $E82574_DUT, QEMU $VM_QEMU, kernel $VM_KVER, logs: $VM_WORK) -----"
pass=0
fail=0
while IFS= read -r line; do
	case "$line" in
	"not ok - "*) fail=$((fail + 1)) ;;
	*) pass=$((pass + 1)) ;;
	esac
	echo "$line"
done < <(grep -E '^(not )?ok - ' "$con" || true)
if ! grep -q '^=== done' "$con"; then
	echo "not ok - selftests: the guest did not finish (QEMU status $qrc)"
	fail=$((fail + 1))
fi
if [ "$fail" -gt 0 ]; then
	echo "----- console: the failed files' output -----"
	sed -n '/^# --- /,/^=== done/p' "$con" | tail -n 80
fi
skipped=$(grep -cE '^ok - .*# (SKIP|XFAIL)' "$con" || true)
log "selftests: $((pass - skipped)) cases ran and passed, $skipped skipped or" \
	"expected to fail (reasons above), $fail failed;" \
	"$((VM_T1 - VM_T0)) s of VM time, $(($(date +%s) - T0)) s in all"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
