#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Cases for the emulator-fault detectors of lib-vm.sh that make vm-test.sh
# run a crashed boot's remaining tests again: vm_cpu_state_garbled and
# vm_int3_elsewhere.  Each case is a console excerpt (built from the double
# fault QEMU 7.2 produced on 2026-12-07, and the #DB warning and int3 oops
# formats of 6.12) and whether the detector must accept it.  A detector that
# accepted a fault in the driver would hide a driver bug; one that missed
# the emulator's would turn CI red for nothing.
#
#   scripts/vm/emu-fault-test.sh   (prints "N passed, N failed")
set -uo pipefail
. "$(dirname "$0")/../lib.sh"
. "$E82574_ROOT/scripts/vm/lib-vm.sh"

work=$(mktemp -d /tmp/e82574-emufault.XXXXXX)
c=$work/console.log
trap 'rm -rf "$work"' EXIT
pass=0
fail=0

# double_fault EFLAGS MODULES-LINE EXTRA-FRAME
double_fault() {
	cat <<EOF
#   state, NIC registers and traffic fine after suspend (devices test)
[  480.939762] traps: PANIC: double fault, error_code: 0x0
[  481.037416] Oops: double fault: 0000 [#1] PREEMPT SMP NOPTI
[  481.097869] CPU: 2 UID: 0 PID: 30 Comm: cpuhp/2 Tainted: G           OE      6.12.118+deb12-amd64 #1  Debian 6.12.118-1~deb12u1
[  481.172804] RIP: 0010:__kmalloc_node_track_caller_noprof+0x228/0x440
[  481.249109] RSP: 0018:ffffd50c40117ab0 EFLAGS: $1
[  481.281586] RAX: 0000000000000001 RBX: ffff8e5998179188 RCX: 00000000036bc002
[  481.363552] Call Trace:
[  481.377566]  <TASK>
[  481.386375]  kstrdup+0x38/0x70
[  481.386450]  __kernfs_new_node+0x40/0x200
$3
[  481.386672]  cacheinfo_cpu_online+0x14e/0x2a0
[  481.386696]  cpuhp_invoke_callback+0xf3/0x470
[  481.386841]  </TASK>
[  481.386902] Modules linked in: $2
[  481.387542] ---[ end trace 0000000000000000 ]---
[  481.387845] Kernel panic - not syncing: Fatal exception in interrupt
EOF
}

# db_warning TRAPPED-RIP TRAPPED-EFLAGS
db_warning() {
	cat <<EOF
[  512.100001] ------------[ cut here ]------------
[  512.100002] WARNING: CPU: 1 PID: 24 at arch/x86/kernel/traps.c:1121 exc_debug_kernel+0xd5/0x1c0
[  512.100003] Modules linked in: 8021q e82574(OE) pktgen
[  512.100004] RIP: 0010:exc_debug_kernel+0xd5/0x1c0
[  512.100005] RSP: 0018:fffffe0000046f10 EFLAGS: 00010046
[  512.100006] Call Trace:
[  512.100007]  <#DB>
[  512.100008]  asm_exc_debug+0x2b/0x30
[  512.100009] RIP: 0010:$1
[  512.100010] RSP: 0018:ffffb2e1c00e7ab0 EFLAGS: $2
[  512.100011]  </#DB>
[  512.100012]  <TASK>
[  512.100013]  kstrdup+0x38/0x70
[  512.100014]  </TASK>
[  512.100015] ---[ end trace 0000000000000000 ]---
EOF
}

# int3_oops RIP
int3_oops() {
	cat <<EOF
[  201.000001] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI
[  201.000002] CPU: 3 UID: 0 PID: 812 Comm: sh Tainted: G           OE      6.12.118+deb12-amd64 #1
[  201.000003] RIP: 0010:$1
[  201.000004] RSP: 0018:ffffb2e1c00e7ab0 EFLAGS: 00000246
EOF
}

# check NAME DETECTOR YES|NO MUST-PRINT: run DETECTOR on $c
check() {
	local name=$1 det=$2 want=$3 must=$4 out rc
	out=$("$det" "$c")
	rc=$?
	if [ "$want" = yes ] && [ $rc = 0 ] && [[ "$out" == *"$must"* ]]; then
		echo "ok - $name ($out)"
		pass=$((pass + 1))
	elif [ "$want" = no ] && [ $rc != 0 ] && [ -z "$out" ]; then
		echo "ok - $name (not the emulator's)"
		pass=$((pass + 1))
	else
		echo "not ok - $name: want $want, rc $rc, printed '$out'"
		fail=$((fail + 1))
	fi
}

mods='8021q garp stp llc mrp e82574(OE) pktgen [last unloaded: e82574(OE)]'
frame='[  481.386500]  ? e82574_resume+0x1c/0x90 [e82574]'
double_fault 9816924e "$mods" "" >"$c"
check "double fault, reserved EFLAGS bits, core code" \
	vm_cpu_state_garbled yes \
	"__kmalloc_node_track_caller_noprof+0x228/0x440, EFLAGS 9816924e"
double_fault 9816924e "8021q [last unloaded: e82574]" "" >"$c"
check "the module list alone does not count as the driver" \
	vm_cpu_state_garbled yes "double fault"
double_fault 00010246 "$mods" "" >"$c"
check "double fault, architectural EFLAGS" vm_cpu_state_garbled no ""
double_fault 00400246 "$mods" "" >"$c"
check "double fault, EFLAGS bit 22 only" vm_cpu_state_garbled yes \
	"EFLAGS 00400246"
double_fault 00200246 "$mods" "" >"$c"
check "EFLAGS.ID (bit 21) is architectural" vm_cpu_state_garbled no ""
double_fault 9816924e "$mods" "$frame" >"$c"
check "a frame in e82574 makes it the driver's" vm_cpu_state_garbled no ""
db_warning "__kmalloc_node_track_caller_noprof+0x228/0x440" 9816924e >"$c"
check "#DB warning, trapped EFLAGS garbled" vm_cpu_state_garbled yes \
	"RIP 0010:__kmalloc_node_track_caller_noprof"
db_warning "e82574_poll+0x40/0x300 [e82574]" 9816924e >"$c"
check "#DB warning trapped in e82574" vm_cpu_state_garbled no ""
db_warning "__kmalloc_node_track_caller_noprof+0x228/0x440" 00000246 >"$c"
check "#DB warning, architectural EFLAGS" vm_cpu_state_garbled no ""
{ echo "ok - suspend"; echo "# e82574-vm: done at 400.00 s"; } >"$c"
check "a clean console" vm_cpu_state_garbled no ""
int3_oops "static_key_enable_cpuslocked+0x5d/0xb0" >"$c"
check "int3 oops in core kernel text" vm_int3_elsewhere yes \
	"static_key_enable_cpuslocked"
int3_oops "e82574_xmit_frame+0x12/0x500 [e82574]" >"$c"
check "int3 oops in e82574" vm_int3_elsewhere no ""
double_fault 9816924e "$mods" "" >"$c"
check "a double fault is not an int3 oops" vm_int3_elsewhere no ""

# vm_wait ends a boot early only for an oops: a #DB warning (the kernel
# carries on) must not hide a later oops from it, nor count as one
garbled_oops() {
	vm_cpu_state_garbled "$1" 'Oops: '
}
{
	db_warning "__kmalloc_node_track_caller_noprof+0x228/0x440" 9816924e
	double_fault 9816924e "$mods" ""
} >"$c"
check "an oops after a #DB warning, oopses only" garbled_oops yes \
	"Oops: double fault"
db_warning "__kmalloc_node_track_caller_noprof+0x228/0x440" 9816924e >"$c"
check "a #DB warning alone, oopses only" garbled_oops no ""

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
