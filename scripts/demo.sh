#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job, end to end: prepare the host, install e82574 through DKMS
# for the 6.12 kernel, boot it in QEMU (82574L model) with the testnet peer,
# load the driver, bring the link up, run multi-flow traffic and show
# ip -s link, ethtool -S, ethtool -x and /proc/interrupts.
#
#   scripts/demo.sh [--dut e82574|e1000e] [--qemu 7.2|10] [--kernel K]
#                   [--stream] [--bench]
#
# --bench runs the benchmark instead (scripts/bench.sh): figures for RSS
# balance, table-change cost, RX rate, reordering and e82574 against
# e1000e, as "bench:" lines; E82574_BENCH=LIST selects sections (balance,
# tables, rx, moderation, reorder, compare; default all) and
# E82574_BENCH_ROUNDS the rounds of the comparison (default 3).
# --qemu and --kernel choose the device model and the guest kernel as for
# scripts/vm-test.sh (default: QEMU 7.2, Debian 12's 6.12).  --stream uses
# the back-pressured -netdev stream link (E82574_VM_NET=stream) instead
# of -netdev dgram.
#
# Environment: see scripts/vm/lib-vm.sh.  Exit status non-zero if the guest
# did not complete the demo.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$E82574_ROOT/scripts/vm/lib-vm.sh"

while [ $# -gt 0 ]; do
	case "$1" in
	--dut) E82574_DUT=$2; shift 2 ;;
	--dut=*) E82574_DUT=${1#*=}; shift ;;
	--qemu) export E82574_QEMU=$2; shift 2 ;;
	--qemu=*) export E82574_QEMU=${1#*=}; shift ;;
	--kernel) export KVER=$2; shift 2 ;;
	--kernel=*) export KVER=${1#*=}; shift ;;
	--bench) MODE=bench; shift ;;
	--stream) export E82574_VM_NET=stream; shift ;;
	-h | --help) sed -n '3,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument $1" ;;
	esac
done
case "$E82574_DUT" in
e82574 | e1000e) ;;
*) die "--dut must be e82574 or e1000e" ;;
esac

MODE=${MODE:-demo}
[ "$MODE" = demo ] || [ "$E82574_DUT" = e82574 ] || die "the benchmark is for e82574"
trap vm_cleanup EXIT
vm_prepare
vm_build_initramfs
export E82574_VM_TIMEOUT=${E82574_VM_TIMEOUT:-600}
net=${E82574_VM_NET:-dgram}
vm_start "e82574_mode=$MODE e82574_net=$net e82574_bench=${E82574_BENCH:-all}" \
	"e82574_bench_rounds=${E82574_BENCH_ROUNDS:-3}"
qrc=0
# show the guest's demo output as it happens (everything from the first
# "=== " line up to the end marker, without the trailing kernel log)
vm_wait "/^=== e82574 $MODE/,/^# e82574-vm: done/{/^# e82574-vm: done/d;p}" || qrc=$?
vm_cleanup
tr -d '\r' <"$VM_WORK/console.log" >"$VM_WORK/console.txt"
if ! grep -q '^=== done' "$VM_WORK/console.txt"; then
	echo "----- console tail ($VM_WORK/console.log) -----"
	tail -n 60 "$VM_WORK/console.txt"
	die "the $MODE did not complete (qemu status $qrc)"
fi
if [ "$MODE" = bench ]; then
	echo
	echo "== benchmark figures (kernel $VM_KVER, QEMU $VM_QEMU TCG, link $net," \
		"$(date -u '+%Y-%m-%d %H:%M UTC'), host load$(uptime | sed 's/.*load average//'):" \
		"compare, do not quote as line rate)"
	grep '^bench: ' "$VM_WORK/console.txt"
	if grep -q '^bench: FAILED' "$VM_WORK/console.txt"; then
		die "benchmark runs did not happen (bench: FAILED lines above)"
	fi
fi
log "$MODE finished in $((VM_T1 - VM_T0)) s of VM time; console: $VM_WORK/console.log"
