#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the e82574 build, VM tests and KUnit need on a Debian 12
# host. Idempotent: packages already present are left alone.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || die "run as root (apt-get install)"
export DEBIAN_FRONTEND=noninteractive

stamp=/var/lib/apt/periodic/e82574-update-stamp
if [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +360)" ]; then
	log "apt-get update"
	apt-get update -q >/dev/null
	mkdir -p "$(dirname "$stamp")"
	touch "$stamp"
fi

k612=$(pick_kver_612)
k61=$(pick_kver_61)
[ -n "$k612" ] || die "apt offers no linux-image-6.12.*+deb12-amd64"
[ -n "$k61" ] || die "apt offers no linux-headers-6.1.0-*-amd64"
apt-cache show "linux-image-$k61" >/dev/null 2>&1 ||
	die "apt offers linux-headers-$k61 but not linux-image-$k61"
log "kernels: 6.12 -> $k612, 6.1 -> $k61"

pkgs=(
	build-essential bc bison flex libelf-dev libssl-dev cpio kmod xz-utils
	zstd python3 git
	qemu-system-x86 busybox-static ethtool iproute2
	dkms sparse codespell python3-docutils
	"linux-image-$k612" "linux-headers-$k612"
	"linux-image-$k61" "linux-headers-$k61"
	linux-source-6.12
)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "installing: ${missing[*]}"
	apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
log "host ready"
