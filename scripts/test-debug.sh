#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make test-debug`: issue 11's debug-kernel runs, too long for make test.
#   1. the debug guest kernel (scripts/debug-kernel.sh: KASAN, lockdep,
#      DEBUG_ATOMIC_SLEEP, kmemleak, DEBUG_OBJECTS, fault injection), built
#      once and cached;
#   2. the whole VM suite on it (QEMU 10: the model that resets for real);
#      every test fails on a KASAN, lockdep, WARN or BUG line, and the last
#      one (dmesg) on any kmemleak finding;
#   3. the soak (test "soak") and a final dmesg/kmemleak check, in a boot of
#      their own.
# Environment: E82574_QEMU (default 10), E82574_SOAK_UPDOWN / _RELOAD /
# _RECONF / _FI_RELOAD (default 1000 / 100 / 20 / 10), E82574_DEBUG_SUITE
# (tests of step 2, default all but soak), E82574_DEBUG_STEPS (default
# "suite soak").  Ends with one "N passed, N failed" line.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
"$E82574_ROOT/scripts/setup-host.sh" || die "host setup failed"
kver=$("$E82574_ROOT/scripts/debug-kernel.sh") || die "building the debug kernel failed"
log "debug kernel $kver"
export E82574_QEMU=${E82574_QEMU:-10}
VMT=$E82574_ROOT/scripts/vm-test.sh
suite=${E82574_DEBUG_SUITE:-$("$VMT" --list | grep -vxE 'soak' | tr '\n' ' ')}

for step in ${E82574_DEBUG_STEPS:-suite soak}; do
	case $step in
	suite)
		# shellcheck disable=SC2086 # a list of test names
		run_suite "vm-$E82574_QEMU-debug" "$VMT" --kernel debug $suite
		;;
	soak)
		app="e82574_soak_updown=${E82574_SOAK_UPDOWN:-1000}"
		app+=" e82574_soak_reload=${E82574_SOAK_RELOAD:-100}"
		app+=" e82574_soak_reconf=${E82574_SOAK_RECONF:-20}"
		app+=" e82574_soak_fi_reload=${E82574_SOAK_FI_RELOAD:-10}"
		run_suite "soak-$E82574_QEMU-debug" env E82574_VM_APPEND="$app" \
			E82574_VM_TIMEOUT="${E82574_VM_TIMEOUT:-21600}" \
			"$VMT" --kernel debug bind soak dmesg
		;;
	*) die "E82574_DEBUG_STEPS: unknown step '$step' (suite, soak)" ;;
	esac
done
echo
echo "== test-debug summary ($(( $(date +%s) - start )) s)"
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
