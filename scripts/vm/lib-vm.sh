#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side VM plumbing shared by scripts/vm-test.sh and scripts/demo.sh.
# Source it after scripts/lib.sh; do not run it.
#
#   vm_prepare            setup-host.sh, build testnet, DKMS install
#   vm_build_initramfs    busybox + ip + ethtool + kmod + modules + guest files
#                         (+ the kernel's toeplitz selftest, built statically)
#   vm_start CMDLINE...   start the peer and QEMU (background, hard timeout)
#   vm_wait               wait for QEMU to exit
#   vm_hmp CMD            send one HMP command (e.g. "set_link n0 off")
#   vm_cleanup            stop what vm_start started (installed as EXIT trap)
#
# Knobs (environment):
#   E82574_DUT=e82574|e1000e   driver under test (e1000e: no DKMS, no
#                              e82574-specific counters; harness development)
#   KVER=...                   kernel (default: newest installed 6.12)
#   E82574_VM_TIMEOUT=secs     hard limit for QEMU (default 840)
#   E82574_VM_SMP / E82574_VM_MEM   (default 4 / 1024)
#   E82574_VM_KEEP=1           keep the work directory
#   E82574_VM_WORKDIR=dir      use this work directory (default: mktemp under
#                              $E82574_CACHE/vm)
#   E82574_NO_DKMS=1           use the e82574 module DKMS installed last time
#   E82574_VM_QEMU_ARGS="..."  extra QEMU arguments (word-split), e.g.
#                              "-trace e1000e_rx_*" (events from the start)
#
# QEMU's log (-D) is $VM_WORK/trace.log: trace events enabled with -trace
# or at run time (HMP "trace-event NAME on", the guest's trace_on) land
# there, and the peer reads it (--trace) for the guest's trace_* helpers.
# Topology: the 82574L (qdev id nic0) sits behind a PCIe root port (id
# rp0, guest 0000:00:01.0; the NIC is 0000:01:00.0) so that errors
# injected with HMP "pcie_aer_inject_error rp0 ..." reach the guest's AER
# driver, which then runs the NIC driver's error handlers (QEMU's e1000e
# has no writable error-reporting bits in Device Control, so errors
# injected at nic0 itself are never signalled).  x-speed=5: a port of at
# most 5 GT/s is not waited on for Data Link Layer Link Active after the
# secondary bus reset of a fatal error's recovery (QEMU 7.2 never sets
# DLLLA for a cold-plugged device; at the default 16 GT/s Linux gives up:
# "AER: subordinate device reset failed").

VM_DIR=$E82574_ROOT/scripts/vm
TESTNET_DIR=$E82574_ROOT/scripts/testnet
PEER_BIN=$TESTNET_DIR/build/e82574-peer
TOOL_BIN=$TESTNET_DIR/build/e82574-tool
GUEST_MAC=52:54:00:12:34:56

E82574_DUT=${E82574_DUT:-e82574}
case "$E82574_DUT" in
e82574 | e1000e) ;;
*) die "E82574_DUT must be e82574 or e1000e, not '$E82574_DUT'" ;;
esac

VM_KVER=
VM_WORK=
VM_QEMU_PID=
VM_PEER_PID=
VM_HAVE_PEER=0
VM_KO=
# wall-clock seconds when QEMU was started / exited (set by vm_start/vm_wait)
export VM_T0='' VM_T1=''

# ---------------------------------------------------------------- prepare

vm_prepare() {
	[ "$(id -u)" = 0 ] || die "run as root"
	"$E82574_ROOT/scripts/setup-host.sh"
	VM_KVER=$(kver_612)
	[ -n "$VM_KVER" ] || die "no 6.12 kernel image+headers installed"
	[ -r "/boot/vmlinuz-$VM_KVER" ] || die "/boot/vmlinuz-$VM_KVER missing"
	mkdir -p "$E82574_CACHE"

	if [ -f "$TESTNET_DIR/Makefile" ]; then
		log "building scripts/testnet"
		if ! make -s -C "$TESTNET_DIR" >"$E82574_CACHE/testnet-build.log" 2>&1; then
			tail -n 20 "$E82574_CACHE/testnet-build.log" >&2
			log "WARNING: make -C scripts/testnet failed"
		fi
	fi
	if [ -x "$PEER_BIN" ] && [ -x "$TOOL_BIN" ]; then
		VM_HAVE_PEER=1
	else
		log "WARNING: scripts/testnet/build/e82574-{peer,tool} not available;" \
			"tests that need the peer will fail"
	fi

	if [ "$E82574_DUT" = e82574 ] && [ "${E82574_NO_DKMS:-0}" = 1 ]; then
		VM_KO=$(find "/lib/modules/$VM_KVER/updates/dkms" -name 'e82574.ko*' | head -n1)
		[ -n "$VM_KO" ] || die "E82574_NO_DKMS=1 but no installed e82574 module"
		log "E82574_NO_DKMS=1: using the installed $VM_KO ($(stat -c %y "$VM_KO" | cut -d. -f1))"
	elif [ "$E82574_DUT" = e82574 ]; then
		VM_KO=$("$E82574_ROOT/scripts/dkms-install.sh" "$VM_KVER") ||
			die "DKMS install failed"
		log "DKMS module: $VM_KO"
	else
		log "E82574_DUT=e1000e: skipping DKMS, testing the in-tree e1000e"
	fi

	if [ -n "${E82574_VM_WORKDIR:-}" ]; then
		VM_WORK=$E82574_VM_WORKDIR
		rm -rf "$VM_WORK"
		mkdir -p "$VM_WORK"
	else
		mkdir -p "$E82574_CACHE/vm"
		VM_WORK=$(mktemp -d "$E82574_CACHE/vm/run.XXXXXX")
	fi
	# keep only the 5 newest run directories
	# (no run.* yet is fine: with E82574_VM_WORKDIR set, ls finds none and
	# must not end the script under set -e -o pipefail)
	{ ls -1dt "$E82574_CACHE"/vm/run.* 2>/dev/null || true; } | tail -n +6 |
		while read -r d; do rm -rf "$d"; done
	log "work directory: $VM_WORK"
}

# ---------------------------------------------------------------- initramfs

# Copy an executable and its shared libraries (ldd) into the root $1.
_vm_copy_bin() {
	local root=$1 bin=$2 dest=$3 lib
	install -D -m 0755 "$bin" "$root/$dest"
	ldd "$bin" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		[ -e "$lib" ] || continue
		[ -e "$root$lib" ] || install -D -m 0755 "$(readlink -f "$lib")" "$root$lib"
	done
}

# Copy module $2 (path) into root $1 keeping its path under /lib/modules.
_vm_copy_mod() {
	local root=$1 ko=$2
	[ -e "$root$ko" ] && return 0
	install -D -m 0644 "$ko" "$root$ko"
}

# Add module NAME and everything it depends on (modprobe --show-depends).
_vm_add_mod_closure() {
	local root=$1 name=$2 line ko
	modprobe -S "$VM_KVER" --show-depends "$name" 2>/dev/null |
		while read -r line; do
			# shellcheck disable=SC2086
			set -- $line
			[ "${1:-}" = insmod ] || continue
			ko=$2
			_vm_copy_mod "$root" "$ko"
		done
}

# Build tools/testing/selftests/net/toeplitz.c from Debian's
# linux-source-6.12 statically into $VM_WORK/toeplitz (the source is not
# copied into this repository).  On failure only warn: the test "toeplitz"
# then fails with a clear reason.
_vm_build_toeplitz() {
	local src
	if ! src=$(ensure_linux_source) || [ ! -f "$src/tools/testing/selftests/net/toeplitz.c" ]; then
		log "WARNING: no linux-source-6.12 toeplitz.c; test toeplitz will fail"
		return 1
	fi
	if ! gcc -static -O2 -I"$src/tools/testing/selftests" \
		-o "$VM_WORK/toeplitz" "$src/tools/testing/selftests/net/toeplitz.c" \
		>"$VM_WORK/toeplitz-build.log" 2>&1; then
		tail -n 20 "$VM_WORK/toeplitz-build.log" >&2
		log "WARNING: building the toeplitz selftest failed; test toeplitz will fail"
		return 1
	fi
}

vm_build_initramfs() {
	local root=$VM_WORK/root K=$VM_KVER a mods
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,etc/modprobe.d,proc,sys,dev,tmp,run,root,e82574/tests} \
		"$root/lib/modules/$K"
	mkdir -p "$root/usr"
	ln -s ../bin "$root/usr/bin"
	ln -s ../sbin "$root/usr/sbin"

	# real tools first (they take precedence over busybox applets)
	_vm_copy_bin "$root" "$(command -v ip)" sbin/ip
	_vm_copy_bin "$root" "$(command -v ethtool)" sbin/ethtool
	_vm_copy_bin "$root" "$(readlink -f "$(command -v kmod)")" bin/kmod
	# bash: only to run scripts/e82574-bind.sh (test "rebind")
	_vm_copy_bin "$root" /bin/bash bin/bash
	install -m 0755 "$E82574_ROOT/scripts/e82574-bind.sh" "$root/e82574/e82574-bind.sh"
	for a in modprobe insmod rmmod lsmod depmod modinfo; do
		ln -s ../bin/kmod "$root/sbin/$a"
	done
	install -m 0755 /bin/busybox "$root/bin/busybox"
	file -L "$root/bin/busybox" 2>/dev/null | grep -q 'statically linked' ||
		die "/bin/busybox is not the static build (install busybox-static)"
	for a in $("$root/bin/busybox" --list); do
		[ -e "$root/bin/$a" ] || [ -e "$root/sbin/$a" ] ||
			ln -s busybox "$root/bin/$a"
	done
	if [ "$VM_HAVE_PEER" = 1 ]; then
		install -m 0755 "$TOOL_BIN" "$root/bin/e82574-tool"
	fi
	# the kernel's RSS conformance selftest (test "toeplitz")
	if _vm_build_toeplitz; then
		install -m 0755 "$VM_WORK/toeplitz" "$root/bin/toeplitz"
	fi

	# kernel modules: the device's drivers and their dependencies
	_vm_add_mod_closure "$root" e1000e
	if [ "$E82574_DUT" = e82574 ]; then
		_vm_add_mod_closure "$root" e82574
		ls "$root/lib/modules/$K/updates/dkms/"e82574.ko* >/dev/null 2>&1 ||
			die "e82574 not found in /lib/modules/$K/updates/dkms (DKMS install?)"
		install -m 0644 "$E82574_ROOT/scripts/e82574-blacklist.conf" \
			"$root/etc/modprobe.d/e82574-blacklist.conf"
	fi
	for a in modules.order modules.builtin modules.builtin.modinfo; do
		[ -e "/lib/modules/$K/$a" ] && cp "/lib/modules/$K/$a" "$root/lib/modules/$K/"
	done
	# decompressed modules load faster and without kmod's fallback noise
	find "$root/lib/modules/$K" -name '*.ko.xz' -exec xz -d {} +
	find "$root/lib/modules/$K" -name '*.ko.zst' -exec zstd -q --rm -d {} +
	find "$root/lib/modules/$K" -name '*.ko.gz' -exec gzip -d {} +
	depmod -b "$root" "$K" || die "depmod -b failed"
	mods=$(cd "$root/lib/modules/$K" && find . -name '*.ko*' | sed 's|.*/||' | tr '\n' ' ')
	log "initramfs modules: $mods"

	# guest scripts
	install -m 0755 "$VM_DIR/init" "$root/init"
	install -m 0644 "$VM_DIR/guest-lib.sh" "$root/e82574/guest-lib.sh"
	install -m 0644 "$VM_DIR/rss-lib.sh" "$root/e82574/rss-lib.sh"
	install -m 0755 "$VM_DIR/run-one.sh" "$root/e82574/run-one.sh"
	install -m 0755 "$VM_DIR/demo-guest.sh" "$root/e82574/demo-guest.sh"
	install -m 0755 "$VM_DIR/bench-guest.sh" "$root/e82574/bench-guest.sh"
	cp "$VM_DIR"/tests/*.sh "$root/e82574/tests/"
	printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
	printf 'root:x:0:\n' >"$root/etc/group"
	: >"$root/etc/fstab"

	(cd "$root" && find . -print0 | LC_ALL=C sort -z |
		cpio -o -H newc -0 --quiet -R 0:0) | gzip -1 >"$VM_WORK/initramfs.cpio.gz"
	log "initramfs: $(du -h "$VM_WORK/initramfs.cpio.gz" | cut -f1)"
}

# ---------------------------------------------------------------- run

# Print a free UDP (or TCP with $2=tcp) port on 127.0.0.1.
_vm_free_port() {
	python3 - "${1:-udp}" <<'EOF'
import socket, sys
t = socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM
s = socket.socket(socket.AF_INET, t)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
EOF
}

# vm_start KERNEL-CMDLINE-EXTRA...
vm_start() {
	local qport pport append ctl_args=()
	local timeout=${E82574_VM_TIMEOUT:-840}
	qport=$(_vm_free_port udp)
	pport=$(_vm_free_port udp)
	while [ "$pport" = "$qport" ]; do pport=$(_vm_free_port udp); done
	: >"$VM_WORK/console.log"
	rm -f "$VM_WORK/trace.log"

	if [ "$VM_HAVE_PEER" = 1 ]; then
		rm -f "$VM_WORK/ctl.sock"
		"$PEER_BIN" --qemu-port "$qport" --peer-port "$pport" \
			--ctl "$VM_WORK/ctl.sock" --log "$VM_WORK/peer.log" \
			--hmp "$VM_WORK/hmp.sock" --trace "$VM_WORK/trace.log" \
			>"$VM_WORK/peer.out" 2>&1 &
		VM_PEER_PID=$!
		local _
		for _ in $(seq 100); do
			[ -S "$VM_WORK/ctl.sock" ] && break
			kill -0 "$VM_PEER_PID" 2>/dev/null || {
				cat "$VM_WORK/peer.out" "$VM_WORK/peer.log" 2>/dev/null >&2
				die "e82574-peer exited"
			}
			sleep 0.1
		done
		[ -S "$VM_WORK/ctl.sock" ] || die "e82574-peer did not create $VM_WORK/ctl.sock"
		ctl_args=(-chardev "socket,id=ctl,path=$VM_WORK/ctl.sock" -serial chardev:ctl)
	else
		ctl_args=(-serial null)
	fi

	# iomem=relaxed: tests read RSS registers back with busybox devmem.
	append="console=ttyS0 panic=-1 loglevel=4 printk.devkmsg=on iomem=relaxed"
	append+=" e82574_dut=$E82574_DUT $*"
	printf '%s\n' "$append" >"$VM_WORK/cmdline"
	log "booting $VM_KVER (qemu ports $qport<->$pport, timeout ${timeout}s): $append"
	_vm_rmem_raise
	# shellcheck disable=SC2086 # E82574_VM_QEMU_ARGS is word-split on purpose
	timeout -k 10 "$timeout" qemu-system-x86_64 \
		-accel tcg -smp "${E82574_VM_SMP:-4}" -M q35 -m "${E82574_VM_MEM:-1024}" \
		-display none -no-reboot -nodefaults \
		-kernel "/boot/vmlinuz-$VM_KVER" -initrd "$VM_WORK/initramfs.cpio.gz" \
		-append "$append" \
		-netdev "dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=$qport,remote.type=inet,remote.host=127.0.0.1,remote.port=$pport" \
		-device pcie-root-port,id=rp0,chassis=1,slot=1,x-speed=5 \
		-device "e1000e,id=nic0,bus=rp0,netdev=n0,mac=$GUEST_MAC" \
		-D "$VM_WORK/trace.log" \
		-serial "file:$VM_WORK/console.log" "${ctl_args[@]}" \
		-qmp "unix:$VM_WORK/qmp.sock,server=on,wait=off" \
		-monitor "unix:$VM_WORK/hmp.sock,server=on,wait=off" \
		-pidfile "$VM_WORK/qemu.pid" \
		${E82574_VM_QEMU_ARGS:-} \
		>"$VM_WORK/qemu.log" 2>&1 &
	VM_QEMU_PID=$!
	VM_T0=$(date +%s)
	_vm_rmem_restore "$qport"
}

# QEMU's dgram netdev socket gets the host's default receive buffer
# (net.core.rmem_default, 208 KiB on Debian): ~12 jumbo frames.  When the
# peer, sharing 2 host cores with 4 TCG vCPUs, is scheduled late and sends a
# burst, the host kernel drops frames before QEMU (and the driver) ever see
# them.  So raise the default while QEMU creates its socket and put it back
# as soon as the socket exists.  E82574_VM_RMEM=0 disables this.
VM_RMEM_SAVED=
_vm_rmem_raise() {
	local want=${E82574_VM_RMEM:-4194304} cur
	[ "$want" != 0 ] || return 0
	cur=$(cat /proc/sys/net/core/rmem_default 2>/dev/null) || return 0
	[ "$cur" -lt "$want" ] || return 0
	echo "$want" >/proc/sys/net/core/rmem_default 2>/dev/null || return 0
	VM_RMEM_SAVED=$cur
}

_vm_rmem_restore() {
	local port=$1 _
	[ -n "$VM_RMEM_SAVED" ] || return 0
	for _ in $(seq 100); do
		ss -Hlun "sport = :$port" 2>/dev/null | grep -q . && break
		kill -0 "$VM_QEMU_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "$VM_RMEM_SAVED" >/proc/sys/net/core/rmem_default
	VM_RMEM_SAVED=
}

# Send one HMP command, print the reply.
vm_hmp() {
	python3 - "$VM_WORK/hmp.sock" "$*" <<'EOF'
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.settimeout(5)
buf = b""
def until(tok):
    global buf
    while tok not in buf:
        d = s.recv(4096)
        if not d:
            break
        buf += d
until(b"(qemu) ")
buf = b""
s.sendall(sys.argv[2].encode() + b"\n")
until(b"(qemu) ")
out = buf.decode(errors="replace").replace("\r", "")
lines = [l for l in out.split("\n")[1:] if not l.startswith("(qemu)")]
print("\n".join(lines).strip())
EOF
}

# Stream the console to stdout (filtered through $1, a sed script) while QEMU
# runs; returns QEMU's exit status.
vm_wait() {
	local filter=${1:-} rc=0 tailpid=
	if [ -n "$filter" ]; then
		# tail exits by itself once QEMU (its --pid) is gone
		tail -n +1 -s 0.5 --pid="$VM_QEMU_PID" -F "$VM_WORK/console.log" \
			2>/dev/null | sed -u -n -e 's/\r$//' -e "$filter" &
		tailpid=$!
	fi
	wait "$VM_QEMU_PID" || rc=$?
	VM_QEMU_PID=
	VM_T1=$(date +%s)
	if [ -n "$tailpid" ]; then
		wait "$tailpid" 2>/dev/null || true
	fi
	return $rc
}

vm_cleanup() {
	if [ -n "$VM_RMEM_SAVED" ]; then
		echo "$VM_RMEM_SAVED" >/proc/sys/net/core/rmem_default
		VM_RMEM_SAVED=
	fi
	if [ -n "$VM_QEMU_PID" ] && kill -0 "$VM_QEMU_PID" 2>/dev/null; then
		kill "$VM_QEMU_PID" 2>/dev/null || true
		wait "$VM_QEMU_PID" 2>/dev/null || true
	fi
	if [ -n "$VM_PEER_PID" ] && kill -0 "$VM_PEER_PID" 2>/dev/null; then
		kill "$VM_PEER_PID" 2>/dev/null || true
		wait "$VM_PEER_PID" 2>/dev/null || true
	fi
	VM_QEMU_PID=
	VM_PEER_PID=
	# the logs stay; the unpacked initramfs tree goes unless asked to keep it
	if [ -n "$VM_WORK" ] && [ "${E82574_VM_KEEP:-0}" != 1 ]; then
		rm -rf "$VM_WORK/root"
	fi
}
