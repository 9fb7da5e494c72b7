#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the e82574 driver through DKMS, or remove it.
#
#   scripts/dkms-install.sh [KVER]     stage, dkms add/build/install for KVER
#                                      (default: the newest installed 6.12)
#   scripts/dkms-install.sh --remove   dkms remove e82574/<ver> --all and
#                                      delete /usr/src/e82574-<ver>
#
# Only a clean copy of the sources is staged in /usr/src/e82574-<VERSION>:
# the files git knows about (tracked, plus untracked files that are not
# ignored) under drivers/ and the top-level Kbuild, Makefile, dkms.conf and
# VERSION.  No .git, no build output.  PACKAGE_VERSION is stamped into the
# staged dkms.conf.  Running it again replaces the previous installation
# (idempotent).  On success the path of the installed .ko is printed on
# stdout.  Runs are serialized with flock on /run/lock/e82574-dkms.lock.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || die "run as root"
command -v dkms >/dev/null || die "dkms is not installed (run scripts/setup-host.sh)"

# One DKMS operation on e82574 at a time: concurrent runs (two engineers,
# or a VM test and a manual install) would clean each other's build area.
# A caller that holds the lock already (the VM harness, which copies the
# installed module before letting go) says so with E82574_DKMS_LOCK_HELD=1.
LOCK=/run/lock/e82574-dkms.lock
if [ "${E82574_DKMS_LOCK_HELD:-0}" != 1 ]; then
	mkdir -p "$(dirname "$LOCK")"
	exec 9>"$LOCK"
	if ! flock -n 9; then
		log "waiting for another e82574 DKMS operation ($LOCK)"
		flock -w 900 9 || die "timed out waiting for $LOCK"
	fi
fi

NAME=e82574
VER=$(tr -d ' \t\n' <"$E82574_ROOT/VERSION")
[ -n "$VER" ] || die "empty VERSION"
SRC=/usr/src/$NAME-$VER

dkms_has() { dkms status -m "$NAME" -v "$VER" 2>/dev/null | grep -q .; }

remove_all() {
	if dkms_has; then
		log "dkms remove $NAME/$VER --all"
		dkms remove "$NAME/$VER" --all >/dev/null 2>&1 ||
			dkms remove -m "$NAME" -v "$VER" --all >/dev/null
	fi
	rm -rf "$SRC" "/var/lib/dkms/$NAME/$VER"
	rmdir "/var/lib/dkms/$NAME" 2>/dev/null || true
}

if [ "${1:-}" = "--remove" ]; then
	remove_all
	log "removed $NAME/$VER"
	exit 0
fi

KV=${1:-$(kver_612)}
[ -n "$KV" ] || die "no kernel version given and no 6.12 kernel installed"
[ -d "/lib/modules/$KV/build" ] || die "no headers for $KV (/lib/modules/$KV/build)"

tmp=$(mktemp -d /tmp/e82574-dkms.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
stage=$tmp/e82574-$VER
# what git knows about of the driver sources and the DKMS entry points
stage_driver_sources "$stage" drivers Kbuild Makefile dkms.conf VERSION
[ -f "$stage/dkms.conf" ] || die "dkms.conf missing from the staged tree"
[ -n "$(ls "$stage/drivers/net/ethernet/intel/e82574/" 2>/dev/null)" ] ||
	die "no driver sources staged"
sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$VER\"/" "$stage/dkms.conf"
grep -q "^PACKAGE_VERSION=\"$VER\"" "$stage/dkms.conf" ||
	die "could not stamp PACKAGE_VERSION into dkms.conf"

remove_all
mkdir -p "$(dirname "$SRC")"
cp -a "$stage" "$SRC"
chmod 755 "$SRC"
log "staged $(find "$SRC" -type f | wc -l) files in $SRC"

dkms add "$NAME/$VER" >/dev/null
log "dkms build $NAME/$VER -k $KV"
if ! dkms build "$NAME/$VER" -k "$KV" >"$tmp/build.log" 2>&1; then
	cat "$tmp/build.log" >&2
	mklog=/var/lib/dkms/$NAME/$VER/build/make.log
	if [ -f "$mklog" ]; then
		echo "----- $mklog -----" >&2
		cat "$mklog" >&2
	fi
	die "dkms build failed for $KV"
fi
log "dkms install $NAME/$VER -k $KV"
dkms install "$NAME/$VER" -k "$KV" --force >"$tmp/install.log" 2>&1 || {
	cat "$tmp/install.log" >&2
	die "dkms install failed for $KV"
}

ko=$(find "/lib/modules/$KV/updates/dkms" -maxdepth 1 -name "$NAME.ko*" 2>/dev/null | head -n1)
[ -n "$ko" ] || ko=$(find "/lib/modules/$KV" -name "$NAME.ko*" | head -n1)
[ -n "$ko" ] || die "dkms reported success but no $NAME.ko* under /lib/modules/$KV"
dkms status -m "$NAME" -v "$VER" 2>/dev/null >&2
log "installed: $ko"
echo "$ko"
