#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a Debian kernel in QEMU (TCG, q35, -device e1000e = 82574L) with the
# e82574 driver and run the guest tests against the host peer
# (scripts/testnet).
#
#   scripts/vm-test.sh [--qemu 7.2|10] [--kernel K] [--dut e82574|e1000e]
#                      [--keep] [--list] [TEST...]
#
# --qemu: the device model, QEMU 7.2 (the host's, default) or QEMU 10 (from
# the Debian 13 chroot).  --kernel: d12-6.12 (default), d12-6.1, d13-6.12,
# d13-bpo (the trixie-backports kernel), debug (scripts/debug-kernel.sh's
# KASAN/lockdep/kmemleak 6.12, built on first use) or an installed version;
# Debian 12 kernels get the driver through DKMS, Debian 13 kernels a build in
# the chroot, the debug kernel a build against its tree.  TEST names are
# those of scripts/vm/tests/NN-NAME.sh (default: all, in file order).
# Environment: see scripts/vm/lib-vm.sh (E82574_QEMU, KVER, E82574_DUT,
# E82574_VM_TIMEOUT (default 300 s + 40 s per test, at least 840),
# E82574_VM_KEEP, ...).
#
# Output: live progress on stderr; on stdout every result ("ok - NAME",
# "not ok - NAME: reason"), the console tail if anything failed, and as the
# last line "N passed, N failed".  Exit status 0 only if every selected test
# reported ok.  A test without a result (guest crashed or hung) counts as a
# failure.  Logs stay in $E82574_CACHE/vm/run.*/ (console.log, peer.log,
# qemu.log).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$E82574_ROOT/scripts/vm/lib-vm.sh"

all_tests() {
	ls "$E82574_ROOT/scripts/vm/tests/" | sed -n 's/^[0-9]*-\(.*\)\.sh$/\1/p'
}

tests=()
while [ $# -gt 0 ]; do
	case "$1" in
	--dut) E82574_DUT=$2; shift 2 ;;
	--dut=*) E82574_DUT=${1#*=}; shift ;;
	--qemu) export E82574_QEMU=$2; shift 2 ;;
	--qemu=*) export E82574_QEMU=${1#*=}; shift ;;
	--kernel) export KVER=$2; shift 2 ;;
	--kernel=*) export KVER=${1#*=}; shift ;;
	--keep) export E82574_VM_KEEP=1; shift ;;
	--list) all_tests; exit 0 ;;
	-h | --help) sed -n '3,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown option $1" ;;
	*) tests+=("${1//,/ }"); shift ;;
	esac
done
case "$E82574_DUT" in
e82574 | e1000e) ;;
*) die "--dut must be e82574 or e1000e" ;;
esac
# shellcheck disable=SC2206
tests=(${tests[@]+${tests[@]}})
[ ${#tests[@]} -gt 0 ] || mapfile -t tests < <(all_tests)
for t in "${tests[@]}"; do
	all_tests | grep -qx "$t" || die "unknown test '$t' (have: $(all_tests | tr '\n' ' '))"
done
# Results are matched by name: each test runs once per boot.
dup=$(printf '%s\n' "${tests[@]}" | sort | uniq -d | head -n1)
[ -z "$dup" ] || die "test '$dup' named twice: run it once per boot"

# The hard limit for QEMU grows with the number of tests: a full run
# takes 12 minutes on an idle 2-core machine and twice that or more when
# other VMs load it; the guest's per-test limits catch hangs earlier.
if [ -z "${E82574_VM_TIMEOUT:-}" ]; then
	E82574_VM_TIMEOUT=$((300 + 40 * ${#tests[@]}))
	[ "$E82574_VM_TIMEOUT" -ge 840 ] || E82574_VM_TIMEOUT=840
	# the debug kernel (KASAN, lockdep, kmemleak) runs about three
	# times slower; its guest scales its per-test limits alike
	[ "${KVER:-}" != debug ] || E82574_VM_TIMEOUT=$((E82574_VM_TIMEOUT * 3))
	export E82574_VM_TIMEOUT
fi

trap vm_cleanup EXIT
T_START=$(date +%s)
# what vm_prepare builds depends on the tests (the test module)
VM_TESTS="${tests[*]}"
vm_prepare
vm_build_initramfs
list=$(IFS=,; echo "${tests[*]}")
# Under TCG with several vCPUs the guest kernel occasionally dies while
# booting, before userspace and before any module is loaded (an int3 left
# by the kernel's live text patching, seen by another vCPU through a stale
# translation: an emulator race, not the driver).  Such a boot is retried,
# at most twice, and said so; a crash after userspace started never is.
boots=0
while :; do
	boots=$((boots + 1))
	vm_start "e82574_tests=$list"
	qrc=0
	vm_wait 's/^\(not \)\{0,1\}ok - .*/  vm: &/p; s/^# e82574-vm: .*/  vm: &/p' >&2 || qrc=$?
	vm_cleanup
	# a vCPU found dead at init (vm_lost_timer) is retried the same way
	if { grep -aq '^# e82574-vm: kernel ' "$VM_WORK/console.log" &&
	     ! grep -aq '^# e82574-vm: emulator fault: ' "$VM_WORK/console.log"; } ||
	   [ $boots -ge 3 ]; then
		break
	fi
	log "RETRY: the guest died or found a dead vCPU before any test (boot $boots, no module loaded yet; QEMU status $qrc):"
	# a console with no oops (e.g. QEMU itself aborted) must not end the script
	grep -aE 'Oops|BUG|panic' "$VM_WORK/console.log" | head -n 3 >&2 || true
	[ ! -s "$VM_WORK/lost-timer" ] ||
		echo "lost vCPU: $(cat "$VM_WORK/lost-timer")" >&2
	tail -n 3 "$VM_WORK/qemu.log" >&2 || true
	cp "$VM_WORK/console.log" "$VM_WORK/console.boot$boots.log"
	cp "$VM_WORK/qemu.log" "$VM_WORK/qemu.boot$boots.log"
done
# The same emulator race can hit after userspace started: an int3 oops in
# core kernel code (live-patched text, e.g. a static key flipped when the
# first socket of a kind appears), not in the driver.  Then the tests that
# have no result yet run again in a fresh boot, once, and it is said so.
# An oops whose RIP is in e82574, or any other crash, is never retried
# (vm_int3_elsewhere in lib-vm.sh).
# QEMU itself can abort under TCG: an assertion inside the emulator (seen:
# QEMU 10's "iotlb_to_section: Assertion `section_index <
# d->map.sections_nb' failed", a race in its softmmu TLB), SIGABRT.  That
# is not the guest's doing either, so it gets the same single re-run.
# qemu_aborted STATUS: true, printing the assertion, for such an exit
qemu_aborted() {
	[ "$1" != 0 ] && grep -a -m1 'Assertion .* failed' "$VM_WORK/qemu.log"
}
# A fault taken from register state no x86 CPU produces (a #DB warning or
# an oops with reserved EFLAGS bits set; see vm_cpu_state_garbled in
# lib-vm.sh) gets the same re-run: the tests it left without a result, or
# whose verdict names the #DB warning, run again.
# A vCPU that stops taking timer interrupts (vm_lost_timer in lib-vm.sh)
# gets it too; vm_wait has already stopped that boot.
emu_fault=
db_fault=
if why=$(vm_int3_elsewhere "$VM_WORK/console.log"); then
	emu_fault="emulator int3 oops outside the driver after userspace ($why)"
elif why=$(qemu_aborted "$qrc"); then
	emu_fault="QEMU aborted after userspace ($why)"
elif [ -s "$VM_WORK/lost-timer" ]; then
	emu_fault="a vCPU stopped taking interrupts ($(cat "$VM_WORK/lost-timer"))"
elif why=$(vm_cpu_state_garbled "$VM_WORK/console.log"); then
	emu_fault="emulator fault with reserved EFLAGS bits set ($why)"
	db_fault=1
fi
rest=()
if [ -n "$emu_fault" ] &&
   grep -aq '^# e82574-vm: kernel ' "$VM_WORK/console.log"; then
	tr -d '\r' <"$VM_WORK/console.log" >"$VM_WORK/console.crash.txt"
	for t in "${tests[@]}"; do
		if ! grep -qE "^(not )?ok - $t(:| |\$)" "$VM_WORK/console.crash.txt"; then
			rest+=("$t")
		elif [ -n "$db_fault" ] &&
		     grep -qE "^not ok - $t: .*exc_debug_kernel" "$VM_WORK/console.crash.txt"; then
			rest+=("$t")
		fi
	done
fi
if [ ${#rest[@]} -gt 0 ]; then
	log "RESUME: $emu_fault; running again in a new boot: ${rest[*]}"
	cp "$VM_WORK/console.log" "$VM_WORK/console.crash.log"
	cp "$VM_WORK/qemu.log" "$VM_WORK/qemu.crash.log"
	[ ! -f "$VM_WORK/lost-timer" ] ||
		mv "$VM_WORK/lost-timer" "$VM_WORK/lost-timer.crash"
	vm_start "e82574_tests=$(IFS=,; echo "${rest[*]}")"
	qrc=0
	vm_wait 's/^\(not \)\{0,1\}ok - .*/  vm: &/p; s/^# e82574-vm: .*/  vm: &/p' >&2 || qrc=$?
	vm_cleanup
	cat "$VM_WORK/console.crash.log" "$VM_WORK/console.log" \
		>"$VM_WORK/console.merged.log"
	mv "$VM_WORK/console.merged.log" "$VM_WORK/console.log"
fi
T_END=$(date +%s)

con=$VM_WORK/console.txt
tr -d '\r' <"$VM_WORK/console.log" >"$con"
pass=0
fail=0
skipped=0
results=()
for t in "${tests[@]}"; do
	line=$(grep -E "^(not )?ok - $t(:| |\$)" "$con" | tail -n1 || true)
	if [ -z "$line" ]; then
		line="not ok - $t: no result (guest crashed, hung or timed out)"
	fi
	case "$line" in
	"not ok"*) fail=$((fail + 1)) ;;
	*"# SKIP"*) pass=$((pass + 1)); skipped=$((skipped + 1)) ;;
	*) pass=$((pass + 1)) ;;
	esac
	results+=("$line")
done

boot=$(sed -n 's/^# e82574-vm: kernel .*userspace at \([0-9.]*\) s.*/\1/p' "$con" | head -n1)
done_at=$(sed -n 's/^# e82574-vm: done at \([0-9.]*\) s.*/\1/p' "$con" | head -n1)
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	log "QEMU killed by the ${E82574_VM_TIMEOUT} s timeout"
elif [ "$qrc" != 0 ]; then
	log "QEMU exited with status $qrc: $(tail -n3 "$VM_WORK/qemu.log" | tr '\n' ' ')"
fi
[ -n "$done_at" ] || log "the guest did not finish (no '# e82574-vm: done' line)"
log "dut=$E82574_DUT qemu=$VM_QEMU kernel=$VM_KVER boot-to-userspace=${boot:-?}s guest-tests-done=${done_at:-?}s (guest clock)" \
	"VM wall time $((VM_T1 - VM_T0))s, total $((T_END - T_START))s"

if [ "$fail" -gt 0 ] || [ -z "$done_at" ]; then
	for t in "${tests[@]}"; do
		grep -qE "^not ok - $t(:| |\$)" "$con" || continue
		echo "----- diagnostics of $t -----"
		sed -n "/^# --- $t /,/^\(not \)\{0,1\}ok - $t\b/p" "$con" | tail -n 40
	done
	echo "----- console tail ($VM_WORK/console.log) -----"
	sed '/^# ----- dmesg -----$/,$d' "$con" | tail -n 30
	echo "----- kernel log tail -----"
	sed -n '/^# ----- dmesg -----$/,$p' "$con" | tail -n 40
	[ -z "$done_at" ] && [ "$(grep -c '' "$con")" -lt 5 ] &&
		{ echo "----- qemu.log -----"; tail -n 20 "$VM_WORK/qemu.log"; }
fi
echo "----- results ($E82574_DUT, QEMU $VM_QEMU, kernel $VM_KVER, logs: $VM_WORK) -----"
printf '%s\n' "${results[@]}"
[ "$skipped" = 0 ] || echo "($skipped of the passed tests were skipped)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
