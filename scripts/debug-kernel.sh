#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) and cache the debug guest kernel of issue 11: Debian's
# linux-source-6.12 with KASAN, lockdep, DEBUG_ATOMIC_SLEEP, kmemleak,
# DEBUG_OBJECTS and fault injection (scripts/debug/debug-kernel.config over
# x86_64_defconfig + kvm_guest.config).
#
#   scripts/debug-kernel.sh          build if the cache is stale, print KVER
#
# The result is a tree like a Debian kernel's: $E82574_CACHE/debug-6.12/root
# holds boot/vmlinuz-KVER and lib/modules/KVER, and the kbuild output the
# driver is built against is $E82574_CACHE/debug-6.12/build.  The cache is
# keyed on the source tarball and the config fragment; a hit costs nothing.
# The only line on stdout is KVER (the kernel's release string).

set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FRAG=$E82574_ROOT/scripts/debug/debug-kernel.config
OUT=$(debug_kernel_dir)
BUILD=$OUT/build
KROOT=$OUT/root
LOCALVER=-e82574-debug

# the options the suite and the checkers cannot do without: olddefconfig
# silently drops an option whose dependencies are missing, so check
REQUIRED="KASAN KASAN_GENERIC PROVE_LOCKING DEBUG_ATOMIC_SLEEP DEBUG_KMEMLEAK
DEBUG_OBJECTS FAILSLAB FAIL_PAGE_ALLOC FAULT_INJECTION_DEBUG_FS MODULES
MODULE_UNLOAD PCI_MSI PTP_1588_CLOCK PAGE_POOL DIMLIB BPF_SYSCALL
XDP_SOCKETS SUSPEND HIBERNATION PM_DEBUG DEBUG_FS SERIAL_8250_CONSOLE FAIL_FUNCTION
BLK_DEV_INITRD"

mkdir -p "$OUT"
# the source tree is shared with KUnit (scripts/kunit.sh): its lock
exec 9>"$E82574_CACHE/kunit.lock"
flock 9
TREE=$(ensure_linux_source)
link_repo_into_source "$TREE" e82574-oot

key=$( { cat "$TREE"/.e82574-unpacked-*; ls "$TREE"/.e82574-unpacked-*;
	 cat "$FRAG"; } | sha256sum | cut -c1-16)
if [ -e "$OUT/.ready-$key" ] && [ -s "$OUT/kver" ]; then
	cat "$OUT/kver"
	exit 0
fi

log "building the debug kernel in $BUILD (about 15-25 minutes on 2 cores)"
rm -rf "$KROOT" "$OUT"/.ready-*
mkdir -p "$BUILD"
frag=$(mktemp)
trap 'rm -f "$frag"' EXIT
{ cat "$FRAG"; echo "CONFIG_LOCALVERSION=\"$LOCALVER\"";
  echo "# CONFIG_LOCALVERSION_AUTO is not set"; } >"$frag"
start=$SECONDS
make -s -C "$TREE" O="$BUILD" x86_64_defconfig >/dev/null
(cd "$TREE" && scripts/kconfig/merge_config.sh -m -O "$BUILD" \
	"$BUILD/.config" kernel/configs/kvm_guest.config "$frag") >/dev/null
make -s -C "$TREE" O="$BUILD" olddefconfig >/dev/null
for o in $REQUIRED; do
	grep -qE "^CONFIG_$o=[ym]" "$BUILD/.config" ||
		die "the debug kernel config lost CONFIG_$o (see $BUILD/.config)"
done
log "config ready; compiling"
if ! make -C "$TREE" O="$BUILD" -j"$(nproc)" bzImage modules \
	>"$OUT/build.log" 2>&1; then
	tail -n 30 "$OUT/build.log" >&2
	die "debug kernel build failed (log: $OUT/build.log)"
fi
kver=$(make -s -C "$TREE" O="$BUILD" kernelrelease)
make -s -C "$TREE" O="$BUILD" INSTALL_MOD_PATH="$KROOT" INSTALL_MOD_STRIP=1 \
	modules_install >>"$OUT/build.log" 2>&1
install -D -m 0644 "$BUILD/arch/x86/boot/bzImage" "$KROOT/boot/vmlinuz-$kver"
install -m 0644 "$BUILD/System.map" "$KROOT/boot/System.map-$kver"
install -m 0644 "$BUILD/.config" "$KROOT/boot/config-$kver"
echo "$kver" >"$OUT/kver"
touch "$OUT/.ready-$key"
log "debug kernel $kver built in $((SECONDS - start)) s"
echo "$kver"
