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

# stage_driver_sources DEST PATH...: copy the files git knows about under
# PATH... (tracked, plus untracked files that are not ignored; tracked but
# deleted ones skipped) into DEST, keeping their paths: no .git, no build
# output.  Works before the first commit too.
stage_driver_sources() {
	local dest=$1
	shift
	mkdir -p "$dest"
	git -C "$E82574_ROOT" ls-files -z --cached --others --exclude-standard -- "$@" |
		while IFS= read -r -d '' f; do
			if [ -f "$E82574_ROOT/$f" ]; then
				printf '%s\0' "$f"
			fi
		done | (cd "$E82574_ROOT" && cpio -0 -pdm --quiet "$dest")
}

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

# link_repo_into_source TREE NAME: link this checkout into the kernel tree
# TREE as drivers/net/ethernet/NAME and hook its Kconfig and KUnit Makefile
# in (idempotent; follows a moved checkout).  KUnit builds the driver's test
# module this way; any other build of TREE (the debug kernel) parses the
# same Kconfig, so it must see a link that resolves.  Call it with
# $E82574_CACHE/kunit.lock held: the tree is shared by every checkout.
link_repo_into_source() {
	local tree=$1 name=$2 link line
	link=$tree/drivers/net/ethernet/$name
	if [ "$(readlink "$link" 2>/dev/null || true)" != "$E82574_ROOT" ]; then
		rm -f "$link"
		ln -s "$E82574_ROOT" "$link"
	fi
	line="source \"drivers/net/ethernet/$name/drivers/net/ethernet/intel/e82574/Kconfig\""
	grep -qxF "$line" "$tree/drivers/net/ethernet/Kconfig" ||
		printf '%s\n' "$line" >>"$tree/drivers/net/ethernet/Kconfig"
	line="obj-\$(CONFIG_E82574_KUNIT_TEST) += $name/kunit/"
	grep -qxF "$line" "$tree/drivers/net/ethernet/Makefile" ||
		printf '%s\n' "$line" >>"$tree/drivers/net/ethernet/Makefile"
}

# The source tree that the selftests of guest kernel $1 (a version such as
# 6.12.118+deb12-amd64 or 7.3.4+deb13-amd64) come from: the kernel's own
# major.minor.  For 6.12, Debian 12's linux-source-6.12 (ensure_linux_source);
# for another kernel, the linux-source-X.Y that setup-host.sh installs next
# to it in the Debian 13 chroot, of which only what make selftests uses (the
# drivers/net selftests and their libraries, the YNL library and the
# netlink specs) is unpacked, once, into $E82574_CACHE/linux-source-X.Y-st.
selftests_source() {
	local mm dir tarball stamp top parts
	mm=$(echo "$1" | cut -d. -f1,2)
	if [ "$mm" = 6.12 ]; then
		ensure_linux_source
		return
	fi
	dir=$E82574_CACHE/linux-source-$mm-st
	tarball=$(ls "$(trixie_root)/usr/src/linux-source-$mm.tar."* 2>/dev/null | head -n1)
	[ -n "$tarball" ] ||
		die "linux-source-$mm is not installed in the Debian 13 chroot (run scripts/setup-host.sh)"
	stamp="$dir/.e82574-unpacked-2-$(stat -c %Y "$tarball")"
	if [ ! -e "$stamp" ]; then
		log "unpacking the selftests of $tarball into $dir"
		rm -rf "$dir"
		mkdir -p "$dir"
		top=linux-source-$mm
		# the YNL code generator needs the schemas next to the specs and
		# finds the tree's root by its MAINTAINERS file; toeplitz's
		# generated ethtool family includes the tree's ethtool uapi
		parts="tools/testing/selftests/drivers/net tools/testing/selftests/net/lib
			tools/testing/selftests/kselftest.h tools/net/ynl
			Documentation/netlink MAINTAINERS
			include/uapi/linux/ethtool.h include/uapi/linux/ethtool_netlink.h
			include/uapi/linux/ethtool_netlink_generated.h
			include/uapi/linux/typelimits.h"
		# shellcheck disable=SC2046,SC2086 # a list
		tar -C "$dir" --strip-components=1 -xf "$tarball" \
			$(for f in $parts; do echo "$top/$f"; done) ||
			die "unpacking the selftests of $tarball failed"
		touch "$stamp"
	fi
	echo "$dir"
}

# ------------------------------------------------ Debian 13 (trixie) chroot
#
# QEMU 10 and the Debian 13 kernels (6.12 and the newest trixie-backports
# kernel) come from a minimal Debian 13 chroot that setup-host.sh creates
# with debootstrap in $E82574_CACHE/trixie.  Commands run in it through
# chroot_run, each in a private mount namespace (unshare -m): /proc, /sys
# and /dev are mounted there and /tmp and $E82574_CACHE are bind-mounted at
# their own paths, so files under them (VM work directories, build trees,
# unix sockets) have the same name inside and out.  The mounts vanish with
# the command; nothing stays mounted under the chroot.

# where scripts/debug-kernel.sh keeps the debug guest kernel: build/ (kbuild
# output), root/ (boot/ and lib/modules/), kver (its release string)
debug_kernel_dir() { echo "$E82574_CACHE/debug-6.12"; }

trixie_root() { echo "$E82574_CACHE/trixie"; }
# Debian unstable's sparse, unpacked in the chroot by setup-host.sh for
# kernels whose headers need a newer sparse than Debian 13's
SPARSE_DIR=/opt/e82574-sparse
trixie_stamp() { echo "$(trixie_root)/.e82574-ready"; }
trixie_ready() { [ -e "$(trixie_stamp)" ]; }

# chroot_argv: set CHROOT_ARGV to the command prefix that runs a command in
# the chroot ("${CHROOT_ARGV[@]}" CMD ARGS...); for use where a function
# cannot go (timeout, background jobs).  E82574_CHROOT_BIND, a ':'-separated
# list of host directories, is bind-mounted in addition (same paths).  The
# prefix execs down to CMD, so CMD keeps the PID the prefix started with.
chroot_argv() {
	local root binds
	root=$(trixie_root)
	binds="/tmp:$E82574_CACHE${E82574_CHROOT_BIND:+:$E82574_CHROOT_BIND}"
	# shellcheck disable=SC2016 # expanded by the inner sh
	CHROOT_ARGV=(unshare --mount --propagation private -- /bin/sh -euc '
		root=$1 binds=$2
		shift 2
		mount -t proc proc "$root/proc"
		mount -t sysfs sysfs "$root/sys"
		mount --rbind /dev "$root/dev"
		IFS=:
		for d in $binds; do
			mkdir -p "$root$d"
			mount --bind "$d" "$root$d"
		done
		unset IFS
		exec chroot "$root" /usr/bin/env \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			"$@"' e82574-chroot "$root" "$binds")
}

# chroot_run CMD [ARGS...]: run CMD inside the chroot (see chroot_argv).
chroot_run() {
	[ -x "$(trixie_root)/bin/sh" ] ||
		die "no Debian 13 chroot in $(trixie_root) (run scripts/setup-host.sh)"
	chroot_argv
	"${CHROOT_ARGV[@]}" "$@"
}

# Newest Debian 13 6.12 amd64 kernel for which the chroot's apt offers both
# image and headers.
pick_kver_t612() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	chroot_run /bin/sh -c '
		apt-cache pkgnames linux-image-6.12. |
		sed -n "s/^linux-image-\(6\.12\.[0-9]*+deb13[^-]*-amd64\)\$/\1/p" |
		sort -V -r | while read -r k; do
			apt-cache madison "linux-image-$k" | grep -q . || continue
			apt-cache madison "linux-headers-$k" | grep -q . || continue
			echo "$k"
			break
		done'
}

# Newest kernel trixie-backports offers (image and headers both there).
pick_kver_bpo() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	chroot_run /bin/sh -c '
		apt-cache pkgnames linux-image- |
		sed -n "s/^linux-image-\([0-9]*\.[0-9]*\.[0-9]*+deb13[^-]*-amd64\)\$/\1/p" |
		sort -V -r | while read -r k; do
			apt-cache madison "linux-image-$k" | grep -q trixie-backports || continue
			apt-cache madison "linux-headers-$k" | grep -q trixie-backports || continue
			echo "$k"
			break
		done'
}

# Kernels installed in the chroot (image and headers), newest first.
_trixie_kvers() {
	local root k
	root=$(trixie_root)
	ls -d "$root"/usr/src/linux-headers-*+deb13*-amd64 2>/dev/null |
		sed 's|.*/linux-headers-||' | sort -V -r | while read -r k; do
			[ -e "$root/boot/vmlinuz-$k" ] && [ -d "$root/lib/modules/$k" ] &&
				echo "$k"
		done
}

installed_kver_t612() { _trixie_kvers | grep -m1 '^6\.12\.' || true; }
# the backports kernel: the newest installed one that is not 6.12
installed_kver_bpo() { _trixie_kvers | grep -m1 -v '^6\.12\.' || true; }

# resolve_kernel SPEC: print "ORIGIN KVER" for a VM/build kernel.
#   SPEC  d12-6.12 (or 6.12, the default)   Debian 12's 6.12, host /boot
#         d12-6.1  (or 6.1)                 Debian 12's 6.1, host /boot
#         d13-6.12                          Debian 13's 6.12, chroot
#         d13-bpo  (or bpo)                 trixie-backports' kernel, chroot
#         an exact version installed on the host or in the chroot
#   ORIGIN host (image in /boot, modules and headers in /lib/modules: DKMS)
#          or trixie (all of it in the chroot).
resolve_kernel() {
	local spec=${1:-d12-6.12} k=
	case "$spec" in
	d12-6.12 | 6.12) k=$(installed_kver_612); [ -z "$k" ] || echo "host $k" ;;
	d12-6.1 | 6.1) k=$(installed_kver_61); [ -z "$k" ] || echo "host $k" ;;
	d13-6.12) k=$(installed_kver_t612); [ -z "$k" ] || echo "trixie $k" ;;
	d13-bpo | bpo) k=$(installed_kver_bpo); [ -z "$k" ] || echo "trixie $k" ;;
	debug)
		# scripts/debug-kernel.sh's build; made on first use
		k=$("$E82574_ROOT/scripts/debug-kernel.sh") || return 0
		echo "debug $k"
		;;
	*)
		if [ -e "/boot/vmlinuz-$spec" ] && [ -d "/lib/modules/$spec" ]; then
			echo "host $spec"
		elif _trixie_kvers | grep -qxF "$spec"; then
			echo "trixie $spec"
		fi
		;;
	esac
}

# run_suite NAME COMMAND...: run one suite of a test run (make test, make
# test-debug), its output shown, and add the last "N passed, N failed" line
# it printed to total_pass/total_fail; a suite that exits non-zero with no
# failure counted, or counts nothing, is one more failure.  One line per
# suite goes into summary[].
total_pass=0
total_fail=0
summary=()
run_suite() {
	local name=$1 log rc line p f t0
	shift
	t0=$(date +%s)
	log=$(mktemp /tmp/e82574-suite.XXXXXX)
	log "== $name: $*"
	"$@" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" |
		tail -n 1)
	p=$(sed -nE 's/.*\b([0-9]+) passed, ([0-9]+) failed.*/\1/p' <<<"$line")
	f=$(sed -nE 's/.*\b([0-9]+) passed, ([0-9]+) failed.*/\2/p' <<<"$line")
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summary+=("$(printf '%-22s %4d passed, %3d failed (exit %d, %d s)' \
		"$name" "$p" "$f" "$rc" "$(( $(date +%s) - t0 ))")")
	rm -f "$log"
}
