#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the e82574 build, VM tests and KUnit need on a Debian 12
# host. Idempotent: packages already present are left alone.
#
# Besides the host packages (Debian 12's newest 6.12 kernel image and
# headers, the 6.1 image and headers, QEMU 7.2, ...) it keeps a minimal
# Debian 13 chroot in $E82574_CACHE/trixie (scripts/lib.sh: trixie_root)
# with QEMU 10, Debian 13's newest 6.12 kernel, the newest trixie-backports
# kernel, and gcc/make/sparse to build modules against their headers.  The
# chroot is made once with debootstrap (a few minutes) and reused while its
# stamp file is there; a missing stamp or a chroot that no longer runs
# QEMU gets it rebuilt.  Its package lists are refreshed like the host's
# (every 6 hours), and newer kernels are then installed next to the old.
#
# Environment: E82574_DEBIAN_MIRROR (default http://deb.debian.org/debian),
# E82574_DEBIAN_SECURITY (default http://deb.debian.org/debian-security).
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
	dkms sparse codespell python3-docutils debootstrap
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
log "host packages ready"

# ------------------------------------------------ Debian 13 chroot

MIRROR=${E82574_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY=${E82574_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
troot=$(trixie_root)
# packages of the chroot besides the kernels: QEMU 10 with the firmware a
# q35 TCG boot of -device e1000e loads (SeaBIOS, the iPXE e1000e option
# ROM), and what kbuild of an external module needs against Debian 13's
# headers (its gcc, make, libc headers) plus sparse for check.sh
tpkgs=(qemu-system-x86 seabios ipxe-qemu gcc make libc6-dev libelf-dev
	sparse kmod xz-utils zstd
	# the guest userland of make selftests (scripts/selftests.sh)
	python3 python3-yaml iproute2 ethtool socat iputils-ping iperf3 bash dash
	# YNL's code generator, for the backports kernel's toeplitz helper
	python3-jsonschema)

# Refuse to delete a tree something is still mounted in (rm -rf would
# descend into the mount); chroot_run never leaves mounts behind.
trixie_rm() {
	local dir=$1
	[ -e "$dir" ] || return 0
	if awk -v d="$dir/" 'index($2 "/", d) == 1 { f = 1 } END { exit !f }' /proc/self/mounts; then
		die "something is mounted under $dir; unmount it first"
	fi
	rm -rf --one-file-system "$dir"
}

# apt-get inside the chroot, quiet unless it fails.  INITRD=No makes the
# kernel packages' initramfs-tools hook skip building an initrd: the VM
# boots its own initramfs, and building two initrds would take longer than
# the rest of the chroot.
trixie_apt() {
	local out
	out=$(mktemp /tmp/e82574-trixie-apt.XXXXXX)
	if ! chroot_run env DEBIAN_FRONTEND=noninteractive INITRD=No apt-get -q -y \
		-o Dpkg::Options::=--force-confold "$@" >"$out" 2>&1; then
		tail -n 30 "$out" >&2
		rm -f "$out"
		die "apt-get $* failed in the Debian 13 chroot"
	fi
	rm -f "$out"
}

trixie_create() {
	local new=$troot.new t0
	t0=$(date +%s)
	trixie_rm "$new"
	log "creating the Debian 13 chroot in $troot (debootstrap, a few minutes)"
	unshare --mount --propagation private -- debootstrap --variant=minbase \
		--components=main trixie "$new" "$MIRROR" >"$E82574_CACHE/trixie-debootstrap.log" 2>&1 || {
		tail -n 20 "$E82574_CACHE/trixie-debootstrap.log" >&2
		die "debootstrap trixie failed (log: $E82574_CACHE/trixie-debootstrap.log)"
	}
	rm -f "$new/etc/apt/sources.list"
	cat >"$new/etc/apt/sources.list.d/debian.sources" <<-EOF2
	Types: deb
	URIs: $MIRROR
	Suites: trixie trixie-updates trixie-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

	Types: deb
	URIs: $SECURITY
	Suites: trixie-security
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF2
	cat >"$new/etc/apt/apt.conf.d/90e82574" <<-EOF2
	APT::Install-Recommends "false";
	Acquire::Languages "none";
	EOF2
	# no documentation, manual pages or translations: smaller, faster
	cat >"$new/etc/dpkg/dpkg.cfg.d/90e82574" <<-EOF2
	path-exclude=/usr/share/doc/*
	path-exclude=/usr/share/man/*
	path-exclude=/usr/share/info/*
	path-exclude=/usr/share/locale/*
	EOF2
	# packages must not start services in the chroot
	printf '#!/bin/sh\nexit 101\n' >"$new/usr/sbin/policy-rc.d"
	chmod 0755 "$new/usr/sbin/policy-rc.d"
	trixie_rm "$troot"
	mv "$new" "$troot"
	cp /etc/resolv.conf "$troot/etc/resolv.conf"
	trixie_apt update
	trixie_apt upgrade
	trixie_apt install "${tpkgs[@]}"
	touch "$troot/.e82574-apt-stamp"
	log "Debian 13 base chroot ready in $(( $(date +%s) - t0 )) s"
}

# Print those of the packages $@ that are not installed in the chroot.
trixie_missing() {
	local have
	have=$(chroot_run dpkg-query -W -f='${db:Status-Status} ${Package}\n' 2>/dev/null |
		sed -n 's/^installed //p')
	printf '%s\n' "$@" | grep -vxF -f <(echo "$have") || true
}

# A chroot is usable when its stamp is there and its QEMU starts.
trixie_usable() {
	trixie_ready && [ -x "$troot/bin/sh" ] &&
		chroot_run qemu-system-x86_64 --version >/dev/null 2>&1
}

mkdir -p "$E82574_CACHE"
exec 8>"$E82574_CACHE/trixie.lock"
if ! flock -n 8; then
	log "waiting for another setup of the Debian 13 chroot"
	flock -w 1800 8 || die "timed out waiting for $E82574_CACHE/trixie.lock"
fi
t0=$(date +%s)
created=0
if ! trixie_usable; then
	[ -e "$troot" ] && log "the Debian 13 chroot in $troot is incomplete or broken: rebuilding it"
	trixie_create
	created=1
else
	cp /etc/resolv.conf "$troot/etc/resolv.conf"
	tst=$troot/.e82574-apt-stamp
	if [ ! -e "$tst" ] || [ -n "$(find "$tst" -mmin +360)" ]; then
		log "apt-get update (Debian 13 chroot)"
		trixie_apt update
		touch "$tst"
	fi
fi

kt612=$(pick_kver_t612)
kbpo=$(pick_kver_bpo)
[ -n "$kt612" ] || die "the Debian 13 chroot's apt offers no linux-image-6.12.*+deb13-amd64 with headers"
[ -n "$kbpo" ] || die "trixie-backports offers no kernel image with headers"
log "Debian 13 kernels: 6.12 -> $kt612, trixie-backports -> $kbpo"

mapfile -t tmissing < <(trixie_missing "${tpkgs[@]}" \
	"linux-image-$kt612" "linux-headers-$kt612")
if [ ${#tmissing[@]} -gt 0 ]; then
	log "installing in the Debian 13 chroot: ${tmissing[*]}"
	trixie_apt install "${tmissing[@]}"
fi
# The backports kernel needs backports' newer linux-base (and kbuild):
# install it with trixie-backports as the target release, alone.
mapfile -t tmissing < <(trixie_missing "linux-image-$kbpo" "linux-headers-$kbpo")
if [ ${#tmissing[@]} -gt 0 ]; then
	log "installing in the Debian 13 chroot from trixie-backports: ${tmissing[*]}"
	trixie_apt install -t trixie-backports "${tmissing[@]}"
fi

# The backports kernel's own source: make selftests runs that kernel's
# drivers/net selftests on it (lib.sh: selftests_source)
bsrc=linux-source-$(echo "$kbpo" | cut -d. -f1,2)
mapfile -t tmissing < <(trixie_missing "$bsrc")
if [ ${#tmissing[@]} -gt 0 ]; then
	log "installing in the Debian 13 chroot from trixie-backports: $bsrc"
	trixie_apt install -t trixie-backports "$bsrc"
fi

# sparse for the newest kernel: 7.x headers use __typeof_unqual__, which
# Debian 13's sparse (0.6.4) cannot parse.  Debian unstable's sparse is
# unpacked (not installed: nothing else in the chroot changes) into
# $SPARSE_DIR of the chroot, fetched by apt-get from a package list of
# its own.  Without it check.sh says that sparse did not run for 7.x.
if [ ! -x "$troot$SPARSE_DIR/usr/bin/sparse" ]; then
	log "fetching Debian unstable's sparse into the Debian 13 chroot ($SPARSE_DIR)"
	if ! chroot_run sh -euc '
		d=/var/lib/e82574-sid
		rm -rf "$d" "$1.new"
		mkdir -p "$d/lists/partial" "$d/archives/partial"
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" >"$d/sources.list"
		set -- "$1" -o "Dir::Etc::SourceList=$d/sources.list" \
			-o Dir::Etc::SourceParts=/nonexistent \
			-o "Dir::State::Lists=$d/lists" \
			-o "Dir::Cache::Archives=$d/archives" \
			-o Acquire::Check-Valid-Until=false \
			-o APT::Sandbox::User=root -q
		dst=$1
		shift
		apt-get "$@" update >/dev/null
		cd "$d"
		apt-get "$@" download sparse >/dev/null
		dpkg-deb -x "$d"/sparse_*.deb "$dst.new"
		mv "$dst.new" "$dst"
		rm -rf "$d"' sh "$SPARSE_DIR"; then
		log "could not fetch Debian unstable's sparse: check.sh will not run sparse for 7.x"
	fi
fi

if [ ! -e "$(trixie_stamp)" ]; then
	chroot_run qemu-system-x86_64 --version >/dev/null 2>&1 ||
		die "QEMU does not start in the new Debian 13 chroot"
	{
		echo "created $(date -u +%Y-%m-%dT%H:%M:%SZ) in $(( $(date +%s) - t0 )) s"
		chroot_run qemu-system-x86_64 --version | head -n1
		echo "kernels: $kt612 $kbpo"
	} >"$(trixie_stamp)"
fi
[ "$created" = 0 ] || log "Debian 13 chroot created in $(( $(date +%s) - t0 )) s: $(head -n1 "$(trixie_stamp)")"
log "Debian 13 chroot ready: $(sed -n 2p "$(trixie_stamp)"), kernels $(_trixie_kvers | tr '\n' ' ')"
log "host ready"
