# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the e82574 scripts. Source it; do not run it.

E82574_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E82574_CACHE=${E82574_CACHE:-/var/cache/e82574}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Newest Debian 6.12 amd64 kernel for which apt offers both image and
# headers (the patch release moves with bookworm-security updates).
pick_kver_612() {
	local v
	v=$(apt-cache pkgnames linux-image-6.12. 2>/dev/null |
		sed -n 's/^linux-image-\(6\.12\.[0-9]*+deb12-amd64\)$/\1/p' |
		sort -V -r |
		while read -r k; do
			if apt-cache show "linux-headers-$k" >/dev/null 2>&1; then
				echo "$k"
				break
			fi
		done)
	[ -n "$v" ] || v=$(installed_kver_612)
	echo "$v"
}

# Newest Debian 6.1 amd64 headers apt offers (setup-host.sh installs the
# image of the same version too: build test and VM guest).
pick_kver_61() {
	local v
	v=$(apt-cache pkgnames linux-headers-6.1.0- 2>/dev/null |
		sed -n 's/^linux-headers-\(6\.1\.0-[0-9]*-amd64\)$/\1/p' |
		sort -V -r | head -n1)
	[ -n "$v" ] || v=$(installed_kver_61)
	echo "$v"
}

installed_kver_612() {
	ls -d /usr/src/linux-headers-6.12.*+deb12-amd64 2>/dev/null |
		sed 's|.*/linux-headers-||' | sort -V -r | while read -r k; do
			[ -e "/boot/vmlinuz-$k" ] && { echo "$k"; break; }
		done
}

installed_kver_61() {
	ls -d /usr/src/linux-headers-6.1.0-*-amd64 2>/dev/null |
		sed 's|.*/linux-headers-||' | sort -V -r | head -n1
}

# The kernel the VM boots and DKMS builds for: the newest installed 6.12
# image+headers pair (setup-host.sh installs the newest one apt offers).
kver_612() { [ -n "${KVER:-}" ] && echo "$KVER" || installed_kver_612; }
kver_61() { installed_kver_61; }

linux_source_dir() { echo "$E82574_CACHE/linux-source-6.12"; }

# Unpack Debian's linux-source-6.12 once (checkpatch, KUnit, selftests).
ensure_linux_source() {
	local dir tarball stamp
	dir=$(linux_source_dir)
	tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n1)
	[ -n "$tarball" ] || die "linux-source-6.12 is not installed (run scripts/setup-host.sh)"
	stamp="$dir/.e82574-unpacked-$(stat -c %Y "$tarball")"
	if [ ! -e "$stamp" ]; then
		log "unpacking $tarball into $dir"
		rm -rf "$dir"
		mkdir -p "$dir"
		tar -C "$dir" --strip-components=1 -xf "$tarball"
		touch "$stamp"
	fi
	echo "$dir"
}
