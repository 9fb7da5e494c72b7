#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side VM plumbing shared by scripts/vm-test.sh and scripts/demo.sh.
# Source it after scripts/lib.sh; do not run it.
#
#   vm_prepare            setup-host.sh, build testnet, the e82574 module
#                         (DKMS for Debian 12 kernels, a kbuild run inside
#                         the Debian 13 chroot for its kernels)
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
#   E82574_QEMU=7.2|10         device model: QEMU 7.2 is the host's
#                              qemu-system-x86_64 (default), QEMU 10 the one
#                              of the Debian 13 chroot (scripts/lib.sh)
#   KVER=...                   guest kernel: d12-6.12 (default, Debian 12's
#                              newest installed 6.12), d12-6.1, d13-6.12,
#                              d13-bpo (trixie-backports), debug (the
#                              KASAN/lockdep kernel scripts/debug-kernel.sh
#                              builds), or an exact version (see
#                              resolve_kernel in scripts/lib.sh)
#   E82574_VM_NET=dgram|stream the link to the peer: dgram (default) is
#                              QEMU's -netdev dgram over UDP on 127.0.0.1,
#                              where frames the guest cannot take yet are
#                              lost in a host socket buffer; stream is
#                              -netdev stream on a unix socket in the work
#                              directory (QEMU listens, the peer connects:
#                              e82574-peer --stream), a link with
#                              back-pressure where the sender waits instead
#   E82574_VM_TIMEOUT=secs     hard limit for QEMU (default 840)
#   E82574_VM_SMP / E82574_VM_MEM   (default 4 / 1024)
#   E82574_VM_KEEP=1           keep the work directory
#   E82574_VM_APPEND="..."     more guest kernel command line (e.g. the
#                              soak's e82574_soak_updown=N)
#   E82574_VM_WORKDIR=dir      use this work directory (default: mktemp under
#                              $E82574_CACHE/vm)
#   E82574_NO_DKMS=1           use the e82574 module DKMS installed last time
#                              (Debian 12 kernels; Debian 13 kernels always
#                              get a fresh build)
#   E82574_VM_QEMU_ARGS="..."  extra QEMU arguments (word-split), e.g.
#                              "-trace e1000e_rx_*" (events from the start); with
#                              QEMU 10, paths must be under /tmp,
#                              $E82574_CACHE or the work directory (the only
#                              host directories its chroot sees)
#
# QEMU 10 runs inside the Debian 13 chroot (chroot_argv in scripts/lib.sh:
# a private mount namespace with /tmp and $E82574_CACHE bind-mounted at their
# own paths) rather than through the chroot's dynamic loader from the host:
# there the binary would still resolve its firmware (Debian's /usr/share/qemu
# holds absolute symlinks into /usr/share/seabios and /usr/lib/ipxe) and its
# modules against the host's QEMU 7.2 files unless every path were
# redirected, while in the chroot it sees exactly Debian 13's package set.
# The work directory (initramfs, kernel image copy, unix sockets, logs) has
# the same path on both sides, so the peer, the HMP helper and the log
# parsing work unchanged.
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
XDP_BIN=$TESTNET_DIR/build/e82574-xdp
GUEST_MAC=52:54:00:12:34:56
REMOTE_MAC=52:54:00:12:34:57

E82574_DUT=${E82574_DUT:-e82574}
case "$E82574_DUT" in
e82574 | e1000e) ;;
*) die "E82574_DUT must be e82574 or e1000e, not '$E82574_DUT'" ;;
esac

VM_QEMU=
VM_KSPEC=
# host (Debian 12, /boot and /lib/modules, DKMS) or trixie (the chroot)
VM_KORIGIN=
# root of the tree the kernel's /boot and /lib/modules are in ("" = host)
VM_KROOT=
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
	local r
	[ "$(id -u)" = 0 ] || die "run as root"
	VM_QEMU=${E82574_QEMU:-7.2}
	case "$VM_QEMU" in
	7.2 | 10) ;;
	*) die "E82574_QEMU (--qemu) must be 7.2 or 10, not '$VM_QEMU'" ;;
	esac
	"$E82574_ROOT/scripts/setup-host.sh"
	VM_KSPEC=${KVER:-d12-6.12}
	r=$(resolve_kernel "$VM_KSPEC")
	[ -n "$r" ] || die "kernel '$VM_KSPEC' is not installed (d12-6.12, d12-6.1, d13-6.12, d13-bpo, debug or an installed version)"
	read -r VM_KORIGIN VM_KVER <<<"$r"
	case "$VM_KORIGIN" in
	host) VM_KROOT= ;;
	debug) VM_KROOT=$(debug_kernel_dir)/root ;;
	*) VM_KROOT=$(trixie_root) ;;
	esac
	[ -r "$VM_KROOT/boot/vmlinuz-$VM_KVER" ] || die "$VM_KROOT/boot/vmlinuz-$VM_KVER missing"
	[ -d "$VM_KROOT/lib/modules/$VM_KVER" ] || die "$VM_KROOT/lib/modules/$VM_KVER missing"
	log "guest kernel $VM_KVER ($VM_KSPEC, $VM_KORIGIN), QEMU $VM_QEMU"
	mkdir -p "$E82574_CACHE"

	if [ -f "$TESTNET_DIR/Makefile" ]; then
		log "building scripts/testnet"
		if ! make -s -C "$TESTNET_DIR" >"$E82574_CACHE/testnet-build.log" 2>&1; then
			tail -n 20 "$E82574_CACHE/testnet-build.log" >&2
			log "WARNING: make -C scripts/testnet failed"
		fi
	fi
	if [ -x "$PEER_BIN" ] && [ -x "$TOOL_BIN" ] && [ -x "$XDP_BIN" ]; then
		VM_HAVE_PEER=1
	else
		log "WARNING: scripts/testnet/build/e82574-{peer,tool} not available;" \
			"tests that need the peer will fail"
	fi

	if [ -n "${E82574_VM_WORKDIR:-}" ]; then
		VM_WORK=$E82574_VM_WORKDIR
		rm -rf "$VM_WORK"
		mkdir -p "$VM_WORK"
	else
		mkdir -p "$E82574_CACHE/vm"
		VM_WORK=$(mktemp -d "$E82574_CACHE/vm/run.XXXXXX")
	fi
	# keep the 5 newest run directories, and any other with a file
	# written in the last 60 minutes: another checkout's VM may still
	# be running in it (a run ends within its E82574_VM_TIMEOUT)
	# (no run directory yet is fine: with pipefail a failing ls would
	# otherwise end the script silently under set -e)
	{ ls -1dt "$E82574_CACHE"/vm/run.* 2>/dev/null || true; } | tail -n +6 |
		while read -r d; do
			[ -n "$(find "$d" -mmin -60 -print -quit 2>/dev/null)" ] ||
				rm -rf "$d"
		done
	log "work directory: $VM_WORK"
	VM_WORK=$(cd "$VM_WORK" && pwd -P)
	# the chroot sees /tmp and $E82574_CACHE; a work directory elsewhere
	# is bind-mounted too
	case "$VM_WORK/" in
	/tmp/* | "$E82574_CACHE"/*) ;;
	*) export E82574_CHROOT_BIND=$VM_WORK${E82574_CHROOT_BIND:+:$E82574_CHROOT_BIND} ;;
	esac

	if [ "$E82574_DUT" != e82574 ]; then
		log "E82574_DUT=e1000e: no e82574 build, testing the in-tree e1000e"
	elif [ "$VM_KORIGIN" = host ]; then
		_vm_module_dkms
		_vm_build_testmod "/lib/modules/$VM_KVER/build" env
	elif [ "$VM_KORIGIN" = debug ]; then
		_vm_module_debug
		_vm_build_testmod "$(debug_kernel_dir)/build" env
	else
		_vm_module_chroot
		_vm_build_testmod "/lib/modules/$VM_KVER/build" chroot_run
	fi
}

# _vm_kbuild KDIR SRC LOG FLAGS RUNNER...: kbuild of the module sources
# staged in SRC against KDIR, through RUNNER (env, or chroot_run for the
# Debian 13 kernels), with the make flags FLAGS (words, may be empty).
# The output goes to LOG; on failure its tail goes to stderr.
_vm_kbuild() {
	local kdir=$1 src=$2 log=$3 flags=$4
	shift 4
	# shellcheck disable=SC2086
	"$@" make -C "$kdir" M="$src" $flags modules >"$log" 2>&1 && return 0
	tail -n 30 "$log" >&2
	return 1
}

# Does a test of this run ($VM_TESTS, set by vm-test.sh) load the test
# module (a path under /lib/e82574-test in its script)?
_vm_need_testmod() {
	local t f
	for t in ${VM_TESTS:-}; do
		for f in "$E82574_ROOT"/scripts/vm/tests/[0-9]*-"$t".sh; do
			[ -f "$f" ] && grep -q '/lib/e82574-test/' "$f" && return 0
		done
	done
	return 1
}

# _vm_build_testmod KDIR RUNNER...: the VM tests' own modules
# (scripts/vm/kmod: tests "txdrop", "rxstarve"), with W=1 and -Werror, for
# the guest's kernel, when a test of the run needs them.  VM_TESTMOD is
# the directory they were built in, empty if they were not needed or the
# build failed (a test that needs them then fails, the others run).
VM_TESTMOD=
_vm_build_testmod() {
	local kdir=$1 src=$VM_WORK/kmod-src log=$VM_WORK/kmod-build.log
	shift
	_vm_need_testmod || return 0
	rm -rf "$src"
	mkdir -p "$src"
	cp "$E82574_ROOT"/scripts/vm/kmod/Kbuild "$E82574_ROOT"/scripts/vm/kmod/*.c "$src/"
	log "building scripts/vm/kmod against $kdir"
	if _vm_kbuild "$kdir" "$src" "$log" "W=1 KCFLAGS=-Werror" "$@"; then
		VM_TESTMOD=$src
	else
		log "WARNING: building scripts/vm/kmod failed (log: $log); the tests that load its modules will fail"
	fi
}

# Debian 12 kernels: the module DKMS installs (or installed: E82574_NO_DKMS).
# It is copied into the work directory under the DKMS lock, so a DKMS run of
# someone else (another checkout, another kernel) cannot swap or remove it
# before the initramfs is built.
_vm_module_dkms() {
	local lock=/run/lock/e82574-dkms.lock ko
	mkdir -p "$(dirname "$lock")"
	exec 7>"$lock"
	if ! flock -n 7; then
		log "waiting for another e82574 DKMS operation ($lock)"
		flock -w 900 7 || die "timed out waiting for $lock"
	fi
	if [ "${E82574_NO_DKMS:-0}" = 1 ]; then
		ko=$(find "/lib/modules/$VM_KVER/updates/dkms" -name 'e82574.ko*' 2>/dev/null | head -n1)
		[ -n "$ko" ] || die "E82574_NO_DKMS=1 but no installed e82574 module for $VM_KVER"
		log "E82574_NO_DKMS=1: using the installed $ko ($(stat -c %y "$ko" | cut -d. -f1))"
	else
		ko=$(E82574_DKMS_LOCK_HELD=1 "$E82574_ROOT/scripts/dkms-install.sh" "$VM_KVER") ||
			die "DKMS install failed"
		log "DKMS module: $ko"
	fi
	mkdir -p "$VM_WORK/module/updates/dkms"
	VM_KO=$VM_WORK/module/updates/dkms/$(basename "$ko")
	cp "$ko" "$VM_KO"
	exec 7>&-
}

# _vm_module_build KDIR WHERE [RUNNER...]: kbuild of a staged copy of the
# sources in the work directory against KDIR, run through RUNNER (e.g.
# chroot_run); WHERE says where, for the log.
_vm_module_build() {
	local kdir=$1 where=$2 src=$VM_WORK/e82574-src log=$VM_WORK/module-build.log
	shift 2
	rm -rf "$src"
	stage_driver_sources "$src" Kbuild drivers
	log "building e82574 $where against $kdir"
	_vm_kbuild "$kdir" "$src" "$log" "" "$@" ||
		die "building e82574 for $VM_KVER failed (log: $log)"
	mkdir -p "$VM_WORK/module/updates"
	VM_KO=$VM_WORK/module/updates/e82574.ko
	cp "$src/drivers/net/ethernet/intel/e82574/e82574.ko" "$VM_KO"
	log "module: $VM_KO ($(modinfo -F vermagic "$VM_KO"))"
}

# Debian 13 kernels: kbuild inside the chroot (its gcc, its headers).
_vm_module_chroot() {
	_vm_module_build "/lib/modules/$VM_KVER/build" "in the Debian 13 chroot" chroot_run
}

# The debug kernel (scripts/debug-kernel.sh): kbuild on the host against
# its build tree.
_vm_module_debug() {
	_vm_module_build "$(debug_kernel_dir)/build" "on the host" env
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

# Copy module $3 (path under /lib/modules) from the tree $2 ("" = host)
# into root $1, keeping its path.
_vm_copy_mod() {
	local root=$1 from=$2 ko=$3
	[ -e "$root$ko" ] && return 0
	install -D -m 0644 "$from$ko" "$root$ko"
}

# Add module NAME and everything it depends on (modprobe --show-depends,
# in the tree $VM_KROOT the guest kernel's /lib/modules is in).
_vm_add_mod_closure() {
	local root=$1 name=$2 line ko dopt=()
	[ -z "$VM_KROOT" ] || dopt=(-d "$VM_KROOT")
	modprobe "${dopt[@]}" -S "$VM_KVER" --show-depends "$name" 2>/dev/null |
		while read -r line; do
			# shellcheck disable=SC2086
			set -- $line
			[ "${1:-}" = insmod ] || continue
			ko=$2
			_vm_copy_mod "$root" "$VM_KROOT" "${ko#"$VM_KROOT"}"
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

# The kernel's own driver selftests (tools/testing/selftests/drivers/net of
# the guest kernel's source) need python3 with PyYAML (the YNL netlink
# library), iproute2, ethtool, socat, ping and bash.  They come from the
# Debian 13 chroot with the libraries they load and go under /st in the
# initramfs, a root of their own: Debian 13's libc would clash with the
# Debian 12 libraries of the busybox root.  The guest runs them there with
# chroot (scripts/vm/selftests-guest.sh).  The selftests' tree is laid out
# as in the kernel source under /st/ksrc, so that their library finds the
# YNL library and the netlink specs "in tree".
ST_BINS="/usr/bin/python3.13 /usr/bin/ip /usr/sbin/ethtool /usr/bin/socat1
/usr/bin/ping /usr/bin/bash /usr/bin/dash /usr/bin/iperf3"
_vm_add_selftests() {
	local st=$1/st troot src f ksel=tools/testing/selftests
	troot=$(trixie_root)
	src=$(selftests_source "$VM_KVER")
	[ -x "$troot/usr/bin/python3.13" ] ||
		die "no python3.13 in the Debian 13 chroot (run scripts/setup-host.sh)"
	mkdir -p "$st"/{usr/bin,usr/sbin,usr/lib,usr/lib64,proc,sys,dev,run,tmp,etc,root}
	for f in bin sbin lib lib64; do
		ln -s "usr/$f" "$st/$f"
	done
	mkdir -p "$st/var"
	ln -s ../run "$st/var/run"
	# the binaries, the interpreter's extension modules and every library
	# they load, as the chroot's ldd resolves them
	# shellcheck disable=SC2016,SC2086 # expanded by the chroot's sh; a list
	chroot_run /bin/sh -c 'for b in "$0" "$@" /usr/lib/python3.13/lib-dynload/*.so \
			/usr/lib/python3/dist-packages/yaml/*.so; do
		echo "$b"; ldd "$b" | grep -o "/[^ ]*" || true
	done' $ST_BINS | sort -u >"$VM_WORK/st-files" ||
		die "listing the selftests' files in the Debian 13 chroot failed"
	while read -r f; do
		[ -e "$troot$f" ] || continue
		install -D -m 0755 "$(readlink -f "$troot$f")" "$st$f"
	done <"$VM_WORK/st-files"
	ln -s python3.13 "$st/usr/bin/python3"
	ln -s socat1 "$st/usr/bin/socat"
	ln -s dash "$st/usr/bin/sh"
	# cat, sleep and the like for the selftests' shell commands
	install -m 0755 /bin/busybox "$st/usr/bin/busybox"
	for f in $("$st/usr/bin/busybox" --list); do
		[ -e "$st/usr/bin/$f" ] || [ -e "$st/usr/sbin/$f" ] ||
			ln -s busybox "$st/usr/bin/$f"
	done
	# the standard library without what a test never imports
	tar -C "$troot" -c --exclude='usr/lib/python3.13/test' \
		--exclude='usr/lib/python3.13/idlelib' --exclude='usr/lib/python3.13/tkinter' \
		--exclude='usr/lib/python3.13/turtledemo' --exclude='usr/lib/python3.13/ensurepip' \
		--exclude='usr/lib/python3.13/pydoc_data' --exclude='usr/lib/python3.13/config-*' \
		usr/lib/python3.13 usr/lib/python3/dist-packages/yaml \
		usr/lib/python3/dist-packages/_yaml | tar -C "$st" -x
	printf 'root:x:0:0:root:/root:/bin/sh\n' >"$st/etc/passwd"
	printf 'root:x:0:\n' >"$st/etc/group"
	# the tests and their libraries, as in the source tree (the python YNL
	# library is tools/net/ynl/lib up to 6.13, tools/net/ynl/pyynl after)
	(cd "$src" && tar -c "$ksel/drivers/net/lib/py" "$ksel/drivers/net"/*.py \
		"$ksel/drivers/net/hw/lib" "$ksel/drivers/net/hw"/*.py \
		"$ksel/net/lib/py" Documentation/netlink/specs \
		$(ls -d tools/net/ynl/lib tools/net/ynl/pyynl 2>/dev/null)) |
		tar -C "$st" --transform 's|^|ksrc/|' -x
	[ -f "$st/ksrc/$ksel/drivers/net/lib/py/env.py" ] ||
		die "no drivers/net selftests in $src"
	# the helpers some tests run (csum.py's csum, napi_id.py's
	# napi_id_helper), static, built with the Debian 13 chroot's gcc and
	# headers (no libc of either root needed at run time)
	for f in net/lib/csum drivers/net/napi_id_helper; do
		[ -f "$src/$ksel/$f.c" ] || continue
		chroot_run gcc -static -O2 -I"$src/$ksel" -o "$st/ksrc/$ksel/$f" \
			"$src/$ksel/$f.c" >"$VM_WORK/$(basename "$f")-build.log" 2>&1 ||
			log "WARNING: building the selftest helper $f failed (its test will fail)"
	done
	# toeplitz.py's helper (drivers/net/hw/toeplitz.c: 7.3 has it, 6.12
	# does not) talks to the ethtool family through YNL's C library
	f=$ksel/drivers/net/hw/toeplitz
	if [ -f "$src/$f.c" ]; then
		_vm_build_ethtool_ynl_helper "$src" "$src/$f.c" "$st/ksrc/$f" ||
			log "WARNING: building the selftest helper $f failed (toeplitz.py will fail)"
	fi
	install -m 0755 "$VM_DIR/selftests-guest.sh" "$1/e82574/selftests-guest.sh"
	install -m 0644 "$VM_DIR/st-toeplitz-udp.py" "$1/e82574/st-toeplitz-udp.py"
}

# _vm_build_ethtool_ynl_helper SRC FILE.c OUT: build a selftest helper that
# uses YNL's C library and the generated code of the ethtool netlink family
# (the one family a driver selftest helper uses today), static, with the
# Debian 13 chroot's gcc and python (the generator checks the spec with
# python3-jsonschema).  tools/net/ynl/generated does this for every family;
# this makes the one needed, with the generator options the kernel's build
# gives ethtool.  Its uapi headers come from the source tree, as in the
# kernel's own build.
_vm_build_ethtool_ynl_helper() {
	local src=$1 c=$2 out=$3 fam=ethtool gen=$VM_WORK/ynl-gen
	rm -rf "$gen"
	mkdir -p "$gen"
	# shellcheck disable=SC2016 # expanded by the chroot's sh
	chroot_run /bin/sh -euc '
		src=$1 c=$2 out=$3 fam=$4 gen=$5
		spec=$src/Documentation/netlink/specs/$fam.yaml
		u=$src/include/uapi/linux
		for m in header:h source:c; do
			python3 "$src/tools/net/ynl/pyynl/ynl_gen_c.py" --mode user \
				--"${m%:*}" --spec "$spec" -o "$gen/$fam-user.${m#*:}" \
				--user-header linux/ethtool_netlink.h --exclude-op stats-get
		done
		gcc -static -O2 -std=gnu11 -I"$src/tools/net/ynl/lib" -I"$gen" \
			-I"$src/tools/testing/selftests" -idirafter "$src/include/uapi" \
			-D_LINUX_TYPELIMITS_H -include "$u/typelimits.h" \
			-D_LINUX_ETHTOOL_H -include "$u/ethtool.h" \
			-D_LINUX_ETHTOOL_NETLINK_H_ -include "$u/ethtool_netlink.h" \
			-D_LINUX_ETHTOOL_NETLINK_GENERATED_H \
			-include "$u/ethtool_netlink_generated.h" \
			-o "$out" "$c" "$gen/$fam-user.c" "$src/tools/net/ynl/lib/ynl.c"
	' sh "$src" "$c" "$out" "$fam" "$gen" >"$VM_WORK/ynl-helper-build.log" 2>&1 || {
		tail -n 20 "$VM_WORK/ynl-helper-build.log" >&2
		return 1
	}
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
		install -m 0755 "$XDP_BIN" "$root/bin/e82574-xdp"
	fi
	# the kernel's RSS conformance selftest (test "toeplitz")
	if _vm_build_toeplitz; then
		install -m 0755 "$VM_WORK/toeplitz" "$root/bin/toeplitz"
	fi

	[ "${E82574_VM_SELFTESTS:-0}" != 1 ] || _vm_add_selftests "$root"

	# kernel modules: the device's drivers and their dependencies,
	# 802.1Q VLAN devices (test "vlan")
	_vm_add_mod_closure "$root" e1000e
	_vm_add_mod_closure "$root" 8021q
	# the kernel's packet generator: xmit_more batches (test "txbatch")
	_vm_add_mod_closure "$root" pktgen
	# XDP_REDIRECT into a veth pair (test "xdp")
	_vm_add_mod_closure "$root" veth
	# the selftests' remote end: an 82540EM (e1000) in a network namespace
	[ "${E82574_VM_SELFTESTS:-0}" != 1 ] || _vm_add_mod_closure "$root" e1000
	if [ "$E82574_DUT" = e82574 ]; then
		# the module prepared by vm_prepare, where DKMS (updates/dkms)
		# or make install (updates) would put it, and what it depends on
		[ -n "$VM_KO" ] && [ -f "$VM_KO" ] || die "no e82574 module prepared"
		install -D -m 0644 "$VM_KO" "$root/lib/modules/$K/${VM_KO#"$VM_WORK/module/"}"
		for a in $(modinfo -F depends "$VM_KO" | tr ',' ' '); do
			_vm_add_mod_closure "$root" "$a"
		done
		install -m 0644 "$E82574_ROOT/scripts/e82574-blacklist.conf" \
			"$root/etc/modprobe.d/e82574-blacklist.conf"
		# the tests' own modules, loaded by path
		[ -z "$VM_TESTMOD" ] ||
			install -D -m 0644 -t "$root/lib/e82574-test" "$VM_TESTMOD"/*.ko
	fi
	for a in modules.order modules.builtin modules.builtin.modinfo; do
		[ -e "$VM_KROOT/lib/modules/$K/$a" ] &&
			cp "$VM_KROOT/lib/modules/$K/$a" "$root/lib/modules/$K/"
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
	install -m 0644 "$VM_DIR/bench-compare.sh" "$root/e82574/bench-compare.sh"
	cp "$VM_DIR"/tests/*.sh "$root/e82574/tests/"
	printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
	printf 'root:x:0:\n' >"$root/etc/group"
	: >"$root/etc/fstab"

	(cd "$root" && find . -print0 | LC_ALL=C sort -z |
		cpio -o -H newc -0 --quiet -R 0:0) | gzip -1 >"$VM_WORK/initramfs.cpio.gz"
	log "initramfs: $(du -h "$VM_WORK/initramfs.cpio.gz" | cut -f1)"
	# the kernel image next to it: one path that QEMU 7.2 on the host and
	# QEMU 10 in the chroot both see
	cp "$VM_KROOT/boot/vmlinuz-$K" "$VM_WORK/vmlinuz"
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
	local qport pport append ctl_args=() qemu net_args=() link st_args=()
	local timeout=${E82574_VM_TIMEOUT:-840}
	rm -f "$VM_WORK/lost-timer"
	case "${E82574_VM_NET:-dgram}" in
	dgram)
		qport=$(_vm_free_port udp)
		pport=$(_vm_free_port udp)
		while [ "$pport" = "$qport" ]; do pport=$(_vm_free_port udp); done
		net_args=(--qemu-port "$qport" --peer-port "$pport")
		link="dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=$qport,remote.type=inet,remote.host=127.0.0.1,remote.port=$pport"
		;;
	stream)
		rm -f "$VM_WORK/net.sock"
		net_args=(--stream "$VM_WORK/net.sock")
		link="stream,id=n0,server=on,addr.type=unix,addr.path=$VM_WORK/net.sock"
		;;
	*) die "E82574_VM_NET must be dgram or stream, not '$E82574_VM_NET'" ;;
	esac
	if [ "${E82574_VM_SELFTESTS:-0}" = 1 ]; then
		# the selftests: no peer; the NIC under test and an e1000 (the
		# remote end, in a network namespace of the guest) wired to
		# each other, each one's dgram socket sending to the other's
		[ "${E82574_VM_NET:-dgram}" = dgram ] || die "the selftests run over dgram"
		VM_HAVE_PEER=0
		st_args=(-netdev "dgram,id=n1,local.type=inet,local.host=127.0.0.1,local.port=$pport,remote.type=inet,remote.host=127.0.0.1,remote.port=$qport"
			-device "e1000,id=nic1,netdev=n1,mac=$REMOTE_MAC")
	fi
	: >"$VM_WORK/console.log"
	rm -f "$VM_WORK/trace.log"

	if [ "$VM_HAVE_PEER" = 1 ]; then
		rm -f "$VM_WORK/ctl.sock"
		# the debug kernel takes frames several times slower (at a
		# third of the rate, rsssteer's capture socket still dropped
		# 61 of 5000): the peer sends at a fifth of what a test asks
		local peer_args=()
		[ "$VM_KORIGIN" != debug ] ||
			peer_args=(--pps-div "${E82574_PEER_PPS_DIV:-5}")
		"$PEER_BIN" "${net_args[@]}" "${peer_args[@]}" \
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
	append+=" e82574_dut=$E82574_DUT e82574_qemu=$VM_QEMU $*"
	[ -z "${E82574_VM_APPEND:-}" ] || append+=" $E82574_VM_APPEND"
	printf '%s\n' "$append" >"$VM_WORK/cmdline"
	if [ "$VM_QEMU" = 10 ]; then
		chroot_argv
		qemu=("${CHROOT_ARGV[@]}" qemu-system-x86_64)
	else
		qemu=(qemu-system-x86_64)
	fi
	log "booting $VM_KVER with QEMU $VM_QEMU (link ${link%%,*}, timeout ${timeout}s): $append"
	[ "${E82574_VM_NET:-dgram}" != dgram ] || _vm_rmem_raise
	# shellcheck disable=SC2086 # E82574_VM_QEMU_ARGS is word-split on purpose
	timeout -k 10 "$timeout" "${qemu[@]}" \
		-accel tcg -smp "${E82574_VM_SMP:-4}" -M q35 -m "${E82574_VM_MEM:-1024}" \
		-display none -no-reboot -nodefaults \
		-kernel "$VM_WORK/vmlinuz" -initrd "$VM_WORK/initramfs.cpio.gz" \
		-append "$append" \
		-netdev "$link" \
		-device pcie-root-port,id=rp0,chassis=1,slot=1,x-speed=5 \
		-device "e1000e,id=nic0,bus=rp0,netdev=n0,mac=$GUEST_MAC" \
		"${st_args[@]}" \
		-D "$VM_WORK/trace.log" \
		-serial "file:$VM_WORK/console.log" "${ctl_args[@]}" \
		-qmp "unix:$VM_WORK/qmp.sock,server=on,wait=off" \
		-monitor "unix:$VM_WORK/hmp.sock,server=on,wait=off" \
		-pidfile "$VM_WORK/qemu.pid" \
		${E82574_VM_QEMU_ARGS:-} \
		>"$VM_WORK/qemu.log" 2>&1 &
	VM_QEMU_PID=$!
	VM_T0=$(date +%s)
	[ "${E82574_VM_NET:-dgram}" != dgram ] || _vm_rmem_restore "$qport"
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

# vm_lost_timer CONSOLE: true, printing the evidence, when a guest vCPU is
# lost to the emulator.  Seen under QEMU 10's TCG: a vCPU halts early in
# boot and never takes an interrupt again (no timer, no MSI-X).  Either
# the guest's init finds it ("emulator fault: vCPU N ran no task", before
# any test), or RCU reports it later: the stalled CPU idle
# ("idle=.../0/0x0") and the grace-period kthread's "timer wakeup didn't
# happen".  A driver that hogs a CPU leaves it busy, not idle.
vm_lost_timer() {
	local cpu
	cpu=$(grep -a -m1 '^# e82574-vm: emulator fault: ' "$1" | tr -d '\r') || true
	if [ -n "$cpu" ]; then
		echo "${cpu#\# e82574-vm: }"
		return 0
	fi
	cpu=$(grep -a -m1 -E "rcu:[[:space:]]+[0-9]+-[^:]*: \(.*\) idle=[0-9a-f]+/0/0x0" "$1" |
	      tr -d '\r') || true
	[ -n "$cpu" ] || return 1
	grep -aq "kthread timer wakeup didn't happen" "$1" || return 1
	echo "RCU stall:${cpu#*rcu:}" | tr -s "\t " " "
}

# vm_int3_elsewhere CONSOLE: true, printing the oops' RIP line, for an
# int3 oops whose RIP is not in e82574: under TCG another vCPU can execute
# text the kernel is live-patching (a static key, an alternative) through
# a stale translation and trap on the int3 the patcher left there.
vm_int3_elsewhere() {
	local rip
	rip=$(grep -a -A12 'Oops: int3' "$1" | grep -a -m1 'RIP:' | tr -d '\r')
	[ -n "$rip" ] && ! echo "$rip" | grep -q e82574 && echo "$rip"
}

# vm_cpu_state_garbled CONSOLE [ERE]: true, printing the evidence, when the
# guest took a fault from register state no x86 CPU produces: the saved
# EFLAGS have bits set that the architecture reserves as zero (22-63).
# Seen under QEMU 7.2's TCG with 6.12, three times, each while vCPUs came
# back from S3: a #DB warning in exc_debug_kernel (a single-step trap
# nobody asked for; the kernel carries on) and a double fault (the kernel
# panics), both in __kmalloc_node_track_caller during CPU bring-up, and a
# general protection fault in do_sync_core's IRET (the task dies holding
# text_mutex).  The evidence counts only if neither the faulting RIP nor
# any frame of the call trace is in e82574 ("[e82574]"); for the #DB
# warning the faulting RIP is the trapped one, after "<#DB>".  ERE picks
# the faults' first lines (default: both kinds; 'Oops: ' for oopses only).
vm_cpu_state_garbled() {
	local n blk head rip fl
	for n in $(grep -a -n -E "${2:-Oops: |WARNING: .* exc_debug_kernel}" "$1" |
		   cut -d: -f1); do
		blk=$(tail -n +"$n" "$1" | head -n 50 | tr -d '\r' |
		      grep -av 'Modules linked in:')
		head=$(echo "$blk" | head -n 1 | sed 's/^\[ *[0-9.]*\] //')
		case $head in
		*exc_debug_kernel*)
			blk=$(echo "$blk" | sed -n '/<#DB>/,$p') ;;
		esac
		rip=$(echo "$blk" | grep -m1 'RIP:') || continue
		! echo "$blk" | grep -qF '[e82574]' || continue
		for fl in $(echo "$blk" |
			    sed -n 's/.*EFLAGS: \([0-9a-f]\{1,16\}\).*/\1/p'); do
			if (((16#$fl >> 22) != 0)); then
				echo "$head; RIP ${rip#*RIP: }, EFLAGS $fl"
				return 0
			fi
		done
	done
	return 1
}

# vm_wait [SED-FILTER]: stream the console to stdout through the filter (a
# sed script) while QEMU runs; returns QEMU's exit status.  A guest CPU
# lost to the emulator (vm_lost_timer) ends the run at once, the evidence
# in $VM_WORK/lost-timer: everything after it would only wait out the
# timeouts.  An oops from garbled vCPU state (vm_cpu_state_garbled) ends
# it 30 s later, for the same reason (the caller sees it on the console).
vm_wait() {
	local filter=${1:-} rc=0 tailpid= watchpid
	if [ -n "$filter" ]; then
		# tail exits by itself once QEMU (its --pid) is gone
		tail -n +1 -s 0.5 --pid="$VM_QEMU_PID" -F "$VM_WORK/console.log" \
			2>/dev/null | sed -u -n -e 's/\r$//' -e "$filter" &
		tailpid=$!
	fi
	(
		local oops_at=
		while kill -0 "$VM_QEMU_PID" 2>/dev/null; do
			if why=$(vm_lost_timer "$VM_WORK/console.log"); then
				echo "$why" >"$VM_WORK/lost-timer"
				kill "$VM_QEMU_PID" 2>/dev/null
				break
			fi
			# an oops from garbled vCPU state may leave the guest hung
			# (locks held by the killed task): 30 s for the console,
			# then the boot ends instead of running into the timeout
			if [ -z "$oops_at" ] &&
			   vm_cpu_state_garbled "$VM_WORK/console.log" 'Oops: ' >/dev/null; then
				oops_at=$SECONDS
			fi
			if [ -n "$oops_at" ] && [ $((SECONDS - oops_at)) -ge 30 ]; then
				kill "$VM_QEMU_PID" 2>/dev/null
				break
			fi
			sleep 2
		done
	) &
	watchpid=$!
	wait "$VM_QEMU_PID" || rc=$?
	VM_QEMU_PID=
	VM_T1=$(date +%s)
	kill "$watchpid" 2>/dev/null || true
	wait "$watchpid" 2>/dev/null || true
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
