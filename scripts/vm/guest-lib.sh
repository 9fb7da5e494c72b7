#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest-side helpers for the e82574 VM tests (busybox sh).  Sourced by /init,
# run-one.sh and demo-guest.sh inside the initramfs.
#
# A test is a function t_NAME in /e82574/tests/NN-NAME.sh.  It runs in its own
# sh process (run-one.sh); it fails by calling fail "reason" (or exiting
# non-zero), and may call skip "reason".  Anything it prints appears on the
# console as "# ..." diagnostics.

# Debian's static busybox sh runs its own applets in preference to $PATH
# (FEATURE_SH_STANDALONE): route these to the real iproute2 / kmod tools.
ip() { /sbin/ip "$@"; }
modprobe() { /sbin/modprobe "$@"; }
rmmod() { /sbin/rmmod "$@"; }
insmod() { /sbin/insmod "$@"; }
lsmod() { /sbin/lsmod "$@"; }
depmod() { /sbin/depmod "$@"; }
modinfo() { /sbin/modinfo "$@"; }

PEER4=198.18.0.2
PEER6=2001:2::2
GUEST4=198.18.0.1
GUEST6=2001:2::1
PEER_MAC=52:54:00:e8:25:02
GUEST_MAC=52:54:00:12:34:56
TOOL=/bin/e82574-tool
PCI_IDS="0x10d3 0x10f6"

# value of NAME=... on the kernel command line, or $2
cmdline_get() {
	local w
	for w in $(cat /proc/cmdline); do
		case "$w" in
		"$1"=*) echo "${w#*=}"; return 0 ;;
		esac
	done
	echo "${2:-}"
}

DUT=$(cmdline_get e82574_dut e82574)

# ethtool -S names used for the offload checks (empty: not checked)
# RX_FCS: bytes per frame the driver's rx_bytes counts beyond the frame
# (e1000e counts the 4-byte FCS; e82574 strips it and must not)
if [ "$DUT" = e82574 ]; then
	CNT_TX_CSUM=tx_csum_offload
	CNT_TX_TSO=tx_tso
	RX_FCS=0
else
	CNT_TX_CSUM=
	CNT_TX_TSO=tx_tcp_seg_good
	RX_FCS=4
fi

fail() {
	echo "$*" >/tmp/e82574-reason
	echo "FAIL: $*"
	exit 1
}

skip() {
	echo "$*" >/tmp/e82574-skip
	echo "SKIP: $*"
	exit 0
}

# monotonic milliseconds since boot
now_ms() {
	awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

msleep() {
	usleep $(($1 * 1000))
}

# PCI address of the first 82574L
dev_bdf() {
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = 0x8086 ] || continue
		case " $PCI_IDS " in
		*" $(cat "$d/device") "*) basename "$d"; return 0 ;;
		esac
	done
	return 1
}

# driver bound to the 82574L, or "none"
dev_driver() {
	local l
	l=/sys/bus/pci/devices/$(dev_bdf)/driver
	if [ -L "$l" ]; then basename "$(readlink "$l")"; else echo none; fi
}

# netdev name of the 82574L (empty if none)
iface() {
	ls "/sys/bus/pci/devices/$(dev_bdf)/net/" 2>/dev/null | head -n1
}

mod_loaded() {
	grep -q "^$1 " /proc/modules
}

# load the driver under test and wait for its netdev
load_dut() {
	local i
	modprobe "$DUT" || fail "modprobe $DUT failed"
	i=0
	while [ -z "$(iface)" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "no netdev on $(dev_bdf) 10 s after modprobe $DUT (driver: $(dev_driver))"
		msleep 100
	done
}

# wait_carrier IF MS: carrier 1 and operstate up within MS milliseconds
wait_carrier() {
	local t0 c o
	t0=$(now_ms)
	while :; do
		c=$(cat "/sys/class/net/$1/carrier" 2>/dev/null || echo 0)
		o=$(cat "/sys/class/net/$1/operstate" 2>/dev/null || echo down)
		[ "$c" = 1 ] && [ "$o" = up ] && return 0
		[ $(($(now_ms) - t0)) -lt "$2" ] || return 1
		msleep 50
	done
}

# ring_size IF RX|TX: the current ring size (ethtool -g)
ring_size() {
	ethtool -g "$1" | awk -v k="$2:" '/^Current/ { c = 1 } c && $1 == k { print $2; exit }'
}

# coal_usecs IF: rx-usecs (ethtool -c); coal_adaptive IF: Adaptive RX on/off
coal_usecs() {
	ethtool -c "$1" | awk '$1 == "rx-usecs:" { print $2; exit }'
}

coal_adaptive() {
	ethtool -c "$1" | awk '$1 == "Adaptive" && $2 == "RX:" { print $3; exit }'
}

# slow_ring rx|tx: make that ring of $IF 64 descriptors and its queue
# vectors fire at most every 8 ms (adaptive-rx off): a ring that is easy
# to run dry (rx) or fill (tx).  slow_ring_restore puts back the ring size
# and moderation it found.
slow_ring() {
	SLOW_RING=$1
	SLOW_SIZE0=$(ring_size "$IF" "$(echo "$1" | tr rxt RXT)")
	SLOW_USECS0=$(coal_usecs "$IF")
	SLOW_ADAPTIVE0=$(coal_adaptive "$IF")
	[ -n "$SLOW_SIZE0" ] && [ -n "$SLOW_USECS0" ] && [ -n "$SLOW_ADAPTIVE0" ] ||
		fail "cannot read the $1 ring size, rx-usecs or adaptive-rx"
	ethtool -C "$IF" adaptive-rx off rx-usecs 8000 || fail "ethtool -C rx-usecs 8000 failed"
	ethtool -G "$IF" "$1" 64 || fail "ethtool -G $1 64 failed"
	wait_carrier "$IF" 10000 || fail "no carrier after -G $1 64"
	configure "$IF"
}

slow_ring_restore() {
	ethtool -G "$IF" "$SLOW_RING" "$SLOW_SIZE0" ||
		fail "ethtool -G $SLOW_RING $SLOW_SIZE0 (restore) failed"
	wait_carrier "$IF" 10000 || fail "no carrier after -G $SLOW_RING $SLOW_SIZE0"
	configure "$IF"
	ethtool -C "$IF" rx-usecs "$SLOW_USECS0" ||
		fail "ethtool -C rx-usecs $SLOW_USECS0 (restore) failed"
	ethtool -C "$IF" adaptive-rx "$SLOW_ADAPTIVE0" ||
		fail "ethtool -C adaptive-rx $SLOW_ADAPTIVE0 (restore) failed"
}

# wait_no_carrier IF MS: until IF has lost its carrier, at most MS ms
wait_no_carrier() {
	local t0
	t0=$(now_ms)
	while [ "$(cat "/sys/class/net/$1/carrier" 2>/dev/null)" = 1 ]; do
		[ $(($(now_ms) - t0)) -lt "$2" ] || return 1
		msleep 20
	done
}

sysctl_quiet_ipv6() {
	local c
	for c in default all ${1:-}; do
		[ -d "/proc/sys/net/ipv6/conf/$c" ] || continue
		for kv in accept_ra=0 autoconf=0 dad_transmits=0 \
			router_solicitations=0 accept_dad=0 keep_addr_on_down=1; do
			echo "${kv#*=}" >"/proc/sys/net/ipv6/conf/$c/${kv%=*}"
		done
	done
}

# addresses and static neighbours (idempotent; needed again after down/up,
# which flushes the neighbour table, and after a reload)
configure() {
	local IF=$1
	sysctl_quiet_ipv6 "$IF"
	ip addr replace "$GUEST4/15" dev "$IF" || fail "ip addr $GUEST4 failed"
	ip -6 addr replace "$GUEST6/48" dev "$IF" nodad || fail "ip addr $GUEST6 failed"
	ip neigh replace "$PEER4" lladdr "$PEER_MAC" nud permanent dev "$IF" ||
		fail "ip neigh $PEER4 failed"
	ip -6 neigh replace "$PEER6" lladdr "$PEER_MAC" nud permanent dev "$IF" ||
		fail "ip neigh $PEER6 failed"
}

# driver loaded, addresses configured, link up with carrier: sets $IF
ensure_up() {
	[ -n "$(dev_bdf)" ] || fail "no 82574L PCI device"
	[ -n "$(iface)" ] || load_dut
	[ "$(dev_driver)" = "$DUT" ] || fail "device bound to $(dev_driver), not $DUT"
	IF=$(iface)
	ip link set "$IF" up || fail "ip link set $IF up failed"
	wait_carrier "$IF" 10000 || fail "no carrier on $IF 10 s after link up"
	configure "$IF"
}

need_tool() {
	[ -x "$TOOL" ] || fail "e82574-tool is not in the initramfs (scripts/testnet not built)"
	[ -c /dev/ttyS1 ] || fail "no /dev/ttyS1 (control channel)"
}

# ctl COMMAND: one control-channel command; reply in $CTL_REPLY
ctl() {
	need_tool
	CTL_REPLY=$(timeout 60 "$TOOL" ctl "$*" 2>&1)
	local rc=$?
	echo "ctl '$*' -> $CTL_REPLY"
	return $rc
}

# kv KEY "k1=v1 k2=v2 ...": print the value of KEY
kv() {
	echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n1
}

# ethtool -S counter (empty if absent)
eth_stat() {
	ethtool -S "$1" 2>/dev/null | awk -v n="$2:" '$1 == n { print $2; exit }'
}

# peer_delivered "SEND-ARGS": of 100 UDP frames the peer sends with
# "send proto=udp4 flows=10 count=100 pps=2000 len=64 SEND-ARGS", how many
# the driver received (rx_packets of $IF, 1 s after the send)
peer_delivered() {
	local a b
	a=$(eth_stat "$IF" rx_packets)
	ctl "send proto=udp4 flows=10 count=100 pps=2000 len=64 $1" ||
		fail "peer send $1 failed: $CTL_REPLY"
	sleep 1
	b=$(eth_stat "$IF" rx_packets)
	echo $((b - a))
}

# txstat_ok WHAT MODE COUNT "TXSTAT-ARGS" [FIELD...]: the peer's txstat
# (with TXSTAT-ARGS) shows no IP checksum, sequence, pattern or
# reassembly error nor any FIELD nonzero, no bad L4 checksum (except
# QEMU 7.2's IPv6 TSO artefact: unfragmented pieces whose reassembled L4
# checksum is wrong whatever the driver does, see e82574-peer.c txstat)
# and at least COUNT complete messages; the reply is left in $CTL_REPLY
txstat_ok() {
	local what=$1 mode=$2 count=$3 args=$4 st v
	shift 4
	ctl "txstat${args:+ $args}" || fail "txstat: $CTL_REPLY"
	st=$CTL_REPLY
	for v in bad_ip_csum seq_gaps pattern_err reasm_err "$@"; do
		[ "$(kv "$v" "$st")" = 0 ] || fail "$what: peer txstat $v=$(kv "$v" "$st")"
	done
	v=$(kv bad_l4_csum "$st")
	if [ "$mode" = tso6 ] && [ "$(kv reasm "$st")" -gt 0 ] && [ "$v" -le "$(kv reasm "$st")" ]; then
		echo "$what: ignoring bad_l4_csum=$v (QEMU 7.2 IPv6 TSO artefact)"
	else
		[ "$v" = 0 ] || fail "$what: peer txstat bad_l4_csum=$v"
	fi
	[ "$(kv msgs_ok "$st")" -ge "$count" ] ||
		fail "$what: peer got msgs_ok=$(kv msgs_ok "$st") complete messages, expected $count"
	CTL_REPLY=$st
}

# sum of the ethtool -S counters matching the regexp $2
eth_stat_sum() {
	ethtool -S "$1" 2>/dev/null |
		awk -v re="^$2:\$" '$1 ~ re { s += $2; n++ } END { if (n) print s }'
}

# RX/TX packets/bytes as shown by `ip -s link` (what ndo_get_stats64 says)
# ip_stat IF rx|tx packets|bytes
ip_stat() {
	ip -s link show dev "$1" | awk -v dir="$2" -v what="$3" '
		$1 == "RX:" || $1 == "TX:" { hdr = tolower(substr($1, 1, 2)); getline
			if (hdr == dir) { print (what == "bytes") ? $1 : $2; exit } }'
}

memavail_kb() {
	local i v max=0
	# RCU callbacks and per-CPU caches free memory lazily: settle, then
	# take the best of several readings so one sample's noise (seen to be
	# up to 15 MB under TCG) does not count as a leak
	sync
	sleep 1
	for i in 1 2 3 4 5; do
		echo 3 >/proc/sys/vm/drop_caches
		v=$(awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo)
		[ "$v" -gt "$max" ] && max=$v
		msleep 200
	done
	echo "$max"
}

# mem_snapshot FILE: /proc/meminfo, taken right after memavail_kb settled
mem_snapshot() {
	cat /proc/meminfo >"$1"
}

# mem_breakdown BEFORE AFTER: the meminfo fields that moved by more than
# 256 kB between two snapshots, to tell where a MemAvailable drop went
mem_breakdown() {
	awk 'NR == FNR { a[$1] = $2; next }
	     ($1 in a) && $3 == "kB" { d = $2 - a[$1]
		if (d > 256 || d < -256) s = s sprintf(" %s%+d", $1, d) }
	     END { print "meminfo deltas (kB):" (s == "" ? " none over 256" : s) }' "$1" "$2"
}

# kernel log lines that mean the kernel is unhappy
# "stalled pool shutdown": page_pool_release_retry() reports a destroyed
# page pool whose pages have not come back for a minute (a leak)
BAD_DMESG='WARNING:|BUG:|Oops|Call Trace|kernel BUG|general protection|watchdog: BUG|NETDEV WATCHDOG|stalled pool shutdown'

# On the debug kernel (scripts/debug-kernel.sh: kmemleak, lockdep, KASAN)
# some checkers report in lines the list above misses: lockdep's "INFO:
# trying to register non-static key", a hung task's "INFO: task ...
# blocked", UBSAN, and kmemleak's "N new suspected memory leaks".
if [ -e /sys/kernel/debug/kmemleak ]; then
	BAD_DMESG="$BAD_DMESG|INFO: |UBSAN:|kmemleak: .*leak"
fi

# kmemleak_check: on a kernel with kmemleak, scan now and fail on any
# unreferenced object not reported before (kmemleak_clear at boot forgets
# the boot-time ones).  An object must stay unreferenced through a scan at
# least 5 s after it was allocated, so the scan runs twice.  Prints the
# count; no-op without kmemleak.
kmemleak_check() {
	local f=/sys/kernel/debug/kmemleak n
	[ -e $f ] || return 0
	echo scan >$f
	sleep 6
	echo scan >$f
	n=$(grep -c '^unreferenced object' $f)
	if [ "$n" != 0 ]; then
		head -n 60 $f
		fail "kmemleak: $n unreferenced object(s)"
	fi
	echo "kmemleak: 0 unreferenced objects"
}

# kmemleak_clear: forget what kmemleak suspects so far (boot-time objects)
kmemleak_clear() {
	[ -e /sys/kernel/debug/kmemleak ] || return 0
	echo scan >/sys/kernel/debug/kmemleak
	echo clear >/sys/kernel/debug/kmemleak
}

# pp_released WHAT: no destroyed page pool keeps pages in flight: every
# pool listed with a detach time must go within 10 s (the kernel retries
# the release every second).  Needs page pool netlink (6.8+); older
# kernels rely on BAD_DMESG's "stalled pool shutdown" after a minute.
pp_released() {
	local out rc i=0
	need_tool
	while :; do
		out=$("$TOOL" nl-pools 2>&1)
		rc=$?
		if [ $rc = 3 ]; then
			echo "page pools $1: not checked ($out)"
			return 0
		fi
		[ $rc = 0 ] || fail "nl-pools $1: $out"
		echo "$out" | grep -q 'detached=[0-9]' || break
		i=$((i + 1))
		[ $i -le 100 ] ||
			fail "page pools $1 still hold pages 10 s later: $(echo "$out" | grep 'detached=[0-9]' | head -n 3 | tr '\n' ';')"
		msleep 100
	done
	echo "page pools $1: none left with pages in flight (after $((i * 100)) ms)"
}

# pp_attached IF N: IF has N page pools while up (needs page pool
# netlink, 6.8+; else nothing is checked).  Their NAPI is shown, not
# checked: 6.12 records a pool's NAPI id for netlink when the pool is
# created, and e82574 gives it the NAPI only when its rings go live.
pp_attached() {
	local out rc n
	need_tool
	out=$("$TOOL" nl-pools --ifname "$1" 2>&1)
	rc=$?
	[ $rc = 3 ] && return 0
	[ $rc = 0 ] || fail "nl-pools --ifname $1: $out"
	echo "$out" | sed 's/^/  /'
	n=$(echo "$out" | grep -c '^pool ')
	[ "$n" = "$2" ] || fail "$1 has $n page pools, expected $2"
}

# rx_frames COUNT "send ...": the peer sends, the guest must get all of them
rx_frames() {
	need_tool
	local out rc
	out=$(timeout 180 "$TOOL" rx --ifname "$IF" --expect "$1" --send "$2" 2>&1)
	rc=$?
	echo "rx --expect $1 --send '$2' -> $out"
	if [ $rc != 0 ]; then
		# tx_drops: frames the peer could not hand to QEMU (host side)
		timeout 20 "$TOOL" ctl stats 2>&1 | sed 's/^/peer stats: /'
		ip -s link show dev "$IF"
	fi
	[ $rc = 0 ] || fail "peer->guest: $1 frames expected, got: $(echo "$out" | tail -n1) (rc $rc)"
}

ping_ok() {
	# ping_ok ARGS...: all requests answered
	local out
	out=$(ping "$@" 2>&1)
	echo "$out" | tail -n2
	echo "$out" | awk '/packets transmitted/ { t = $1; r = $4 }
		END { exit !(t > 0 && t == r) }'
}

# ---------------------------------------------------------------- link helpers

# mii_get REG: the value of REG in $MII (lines "REG = 0xVALUE" printed by
# e82574-tool mii)
mii_get() {
	echo "$MII" | awk -v r="$1" '$1 == r { print $3; exit }'
}

# bit VALUE MASK: 1 if any bit of MASK is set in VALUE
bit() {
	[ $(($1 & $2)) != 0 ] && echo 1 || echo 0
}

# pause_expect ADVERTISE LPA FULL: "RX TX" (on/off each) that IEEE 802.3
# Annex 28B gives from both advertisements; FULL=1 if full pause was asked
# for (symmetric on both ends then means RX and TX, else RX only)
pause_expect() {
	local s=$(bit "$1" 0x400) a=$(bit "$1" 0x800)
	local ls=$(bit "$2" 0x400) la=$(bit "$2" 0x800)
	if [ "$s" = 1 ] && [ "$ls" = 1 ]; then
		[ "$3" = 1 ] && echo "on on" || echo "on off"
	elif [ "$s$a$ls$la" = 0111 ]; then
		echo "off on"
	elif [ "$s$a$ls$la" = 1101 ]; then
		echo "on off"
	else
		echo "off off"
	fi
}

# pause_check IF RX TX: ethtool -a and CTRL.RFCE/TFCE both say RX, TX
pause_check() {
	local out ctrl
	out=$(ethtool -a "$1" 2>&1) || fail "ethtool -a $1: $out"
	echo "$out" | tr '\n\t' '  '
	echo
	echo "$out" | grep -Eq "^RX:[[:space:]]+$2" || fail "ethtool -a: RX is not $2"
	echo "$out" | grep -Eq "^TX:[[:space:]]+$3" || fail "ethtool -a: TX is not $3"
	ctrl=$("$TOOL" reg "$1" 0x0 | awk '{ print $3 }')
	[ "$(bit "$ctrl" $((1 << 27)))" = "$([ "$2" = on ] && echo 1 || echo 0)" ] ||
		fail "CTRL $ctrl: RFCE does not match RX pause $2"
	[ "$(bit "$ctrl" $((1 << 28)))" = "$([ "$3" = on ] && echo 1 || echo 0)" ] ||
		fail "CTRL $ctrl: TFCE does not match TX pause $3"
}

# ---------------------------------------------------------------- RSS helpers

# rss_get IF WHAT: one line of `e82574-tool get-rss` without its label
# (WHAT = key | indir | rings | hfunc | fields)
rss_get() {
	"$TOOL" get-rss --ifname "$1" | sed -n "s/^$2 //p"
}

# rss_zeros "0 1 0 ...": number of queue-0 entries in a table
rss_zeros() {
	echo "$1" | tr ' ' '\n' | grep -c '^0$'
}

# rss_check N "send ..." [rss-check options]: the peer sends, the guest
# checks queue and hash of every frame; the summary line goes to $RSS_OUT,
# the exit status of rss-check is returned
rss_check() {
	local n=$1 cmd=$2 rc
	shift 2
	need_tool
	RSS_OUT=$(timeout 120 "$TOOL" rss-check --ifname "$IF" --expect "$n" \
		--send "$cmd" "$@" 2>/tmp/rss-check.err)
	rc=$?
	sed 's/^/  /' /tmp/rss-check.err | grep -v '^  ctl: ok' | head -n 12
	echo "rss-check --send '$cmd' $* -> $RSS_OUT (rc $rc)"
	return $rc
}

# irq_of NAME: IRQ number of the /proc/interrupts line whose name is NAME
irq_of() {
	awk -v n="$1" '$NF == n { sub(":", "", $1); print $1; exit }' /proc/interrupts
}

# irq_cpu NAME: the CPU the IRQ NAME is bound to (smp_affinity_list, or
# effective_affinity_list if the former is not one CPU); empty if unknown
irq_cpu() {
	local irq c
	irq=$(irq_of "$1")
	[ -n "$irq" ] || return 1
	c=$(cat "/proc/irq/$irq/smp_affinity_list" 2>/dev/null)
	case "$c" in
	*[!0-9]* | "")
		c=$(cat "/proc/irq/$irq/effective_affinity_list" 2>/dev/null)
		;;
	esac
	case "$c" in
	*[!0-9]* | "") return 1 ;;
	esac
	echo "$c"
}

# ---------------------------------------------------------------- QEMU as ground truth
#
# The peer runs HMP commands on QEMU's monitor and reads QEMU's log file,
# where the "log" trace backend writes the trace events switched on at run
# time (lib-vm.sh: -D $VM_WORK/trace.log).  A trace position is a byte
# offset in that file: take one with trace_mark before the action, then
# count or fetch the matching lines written since.  Event lines (QEMU 7.2,
# no -msg timestamp=on) look like
#   e1000e_core_write Write to register 0x14, 4 byte(s), value: 0x1
# so anchor patterns on the event name, not at ^.

# hmp COMMAND...: run it on QEMU's monitor; prints the output folded into
# one line (lines joined by " | "); fails if the monitor cannot be reached
# or the output begins with "unknown command:" / "Error:"
hmp() {
	local out rc
	need_tool
	out=$(timeout 60 "$TOOL" ctl "hmp $*" 2>&1)
	rc=$?
	case "$out" in
	"ok "*) echo "${out#ok }" ;;
	ok) ;;
	*) echo "hmp '$*': $out" >&2 ;;
	esac
	return $rc
}

# hmp_at DELAY_MS COMMAND...: the peer runs COMMAND DELAY_MS ms from now
# (e.g. system_wakeup while the guest is suspended)
hmp_at() {
	local d=$1
	shift
	ctl "hmp-at $d $*" >/dev/null || fail "peer refused hmp-at $d $*: $CTL_REPLY"
}

# trace_on EVENT...: switch trace events (names or globs such as
# e1000e_core_mdic_*) on; trace_off EVENT...: off again
trace_on() {
	local e
	for e in "$@"; do
		hmp trace-event "$e" on >/dev/null || fail "trace-event $e on failed"
	done
}

trace_off() {
	local e
	for e in "$@"; do
		hmp trace-event "$e" off >/dev/null || fail "trace-event $e off failed"
	done
}

# trace_mark: print the current end of QEMU's log (a position)
trace_mark() {
	local r
	r=$(timeout 60 "$TOOL" ctl trace-pos 2>&1) || fail "trace-pos: $r"
	kv pos "$r"
}

# trace_count POS REGEX: number of log lines after POS matching REGEX
# (POSIX extended)
trace_count() {
	local r
	r=$(timeout 60 "$TOOL" ctl "trace-count $1 $2" 2>&1) ||
		fail "trace-count $1 '$2': $r"
	kv count "$r"
}

# trace_grep POS REGEX [MAX]: the matches after POS, one per line: the
# text of REGEX's first (group), or the whole line if it has none; at most
# MAX (default 1000) and as many as fit in one reply (~1700 characters);
# TRACE_COUNT is set to the number of matching lines, TRACE_MORE to 1 if
# some were not shown (not when run in $(...): redirect to a file instead)
trace_grep() {
	local r
	r=$(timeout 60 "$TOOL" ctl "trace-grep $1 max=${3:-1000} $2" 2>&1) ||
		fail "trace-grep $1 '$2': $r"
	TRACE_COUNT=$(kv count "$r")
	TRACE_MORE=$(kv more "$r")
	echo "${r#*matches=}" | tr ';' '\n' | sed '/^$/d'
}

# ---------------------------------------------------------------- PCI config space

# pci_cfg16 BDF OFFSET: a 16-bit config register (sysfs config file)
pci_cfg16() {
	dd if="/sys/bus/pci/devices/$1/config" bs=1 skip=$(($2)) count=2 2>/dev/null |
		od -An -tu2 | tr -d ' '
}

# pci_cfg16_set BDF OFFSET VALUE: write a 16-bit config register
pci_cfg16_set() {
	local v=$(($3))
	printf "\\$(printf %o $((v & 255)))\\$(printf %o $((v >> 8)))" |
		dd of="/sys/bus/pci/devices/$1/config" bs=2 seek=$(($2 / 2)) count=1 \
			conv=notrunc 2>/dev/null
}

# pci_cfg32 BDF OFFSET: a 32-bit config register, as 0x%08x
pci_cfg32() {
	printf '0x%08x\n' "$(dd if="/sys/bus/pci/devices/$1/config" bs=1 \
		skip=$(($2)) count=4 2>/dev/null | od -An -tu4 | tr -d ' ')"
}

# pci_cfg32_set BDF OFFSET VALUE: write a 32-bit config register
pci_cfg32_set() {
	local v=$(($3))
	printf "\\$(printf %o $((v & 255)))\\$(printf %o $(((v >> 8) & 255)))\\$(printf %o $(((v >> 16) & 255)))\\$(printf %o $(((v >> 24) & 255)))" |
		dd of="/sys/bus/pci/devices/$1/config" bs=4 seek=$(($2 / 4)) count=1 \
			conv=notrunc 2>/dev/null
}

# pci_ext_cap BDF ID: offset of extended capability ID (1 = AER), or fail
pci_ext_cap() {
	local off=256 v
	while [ "$off" != 0 ]; do
		v=$(pci_cfg32 "$1" $off)
		[ $((v & 0xffff)) = $(($2)) ] && { echo $off; return 0; }
		off=$(((v >> 20) & 0xffc))
	done
	return 1
}

# pci_cap BDF ID: offset of capability ID (0x10 = PCI Express), or fail
pci_cap() {
	local off v
	off=$(($(pci_cfg16 "$1" 0x34) & 0xfc))
	while [ "$off" != 0 ]; do
		v=$(pci_cfg16 "$1" $off)
		[ $((v & 0xff)) = $(($2)) ] && { echo $off; return 0; }
		off=$(((v >> 8) & 0xfc))
	done
	return 1
}

# aer_regs BDF: one line of the error reporting registers of BDF
aer_regs() {
	local e a
	e=$(pci_cap "$1" 0x10)
	a=$(pci_ext_cap "$1" 1)
	printf '%s: command 0x%04x bridge-control 0x%04x' "$1" \
		"$(pci_cfg16 "$1" 0x04)" "$(pci_cfg16 "$1" 0x3e)"
	[ -n "$e" ] && printf ' devctl 0x%04x devsta 0x%04x' \
		"$(pci_cfg16 "$1" $((e + 8)))" "$(pci_cfg16 "$1" $((e + 10)))"
	[ -n "$a" ] && printf ' uncor-status %s cor-status %s root-command %s root-status %s' \
		"$(pci_cfg32 "$1" $((a + 4)))" "$(pci_cfg32 "$1" $((a + 16)))" \
		"$(pci_cfg32 "$1" $((a + 0x2c)))" "$(pci_cfg32 "$1" $((a + 0x30)))"
	echo
}

# parent_bdf BDF: the bridge (root port) above BDF
parent_bdf() {
	basename "$(dirname "$(readlink -f "/sys/bus/pci/devices/$1")")"
}

# aer_inject ERROR [-c|-a]: inject a PCIe error (HMP pcie_aer_inject_error
# names: COMP_TIME (uncorrectable, non-fatal by default severity), DLP or
# SDN (fatal), RCVR (correctable, -c), ...) at the NIC's root port (rp0,
# lib-vm.sh).  The guest's AER driver then recovers everything below the
# port, i.e. calls the NIC driver's error_detected / slot_reset / resume;
# for a fatal error after a secondary bus reset, which QEMU turns into a
# reset of the NIC.
# QEMU 7.2 only signals an uncorrectable error from the port when SERR#
# Enable is set in its Command register (hw/pci/pcie_aer.c before 8.0;
# later versions also go by the Device Control bits Linux sets) and SERR
# Enable in its Bridge Control; Linux sets neither, so set both.  7.2 never
# signals correctable errors (8.0+ does).  Errors injected at the NIC
# itself (nic0) are never signalled: QEMU's e1000e has no writable error
# reporting enables in Device Control.
aer_inject() {
	local rp out
	rp=$(parent_bdf "$(dev_bdf)")
	pci_cfg16_set "$rp" 0x04 $(($(pci_cfg16 "$rp" 0x04) | 0x100))
	pci_cfg16_set "$rp" 0x3e $(($(pci_cfg16 "$rp" 0x3e) | 0x2))
	out=$(hmp pcie_aer_inject_error ${2:-} rp0 "$1") ||
		fail "pcie_aer_inject_error ${2:-} rp0 $1 failed: $out"
	case "$out" in
	"OK id: rp0"*) ;;
	*) fail "pcie_aer_inject_error ${2:-} rp0 $1: $out" ;;
	esac
}

# ---------------------------------------------------------------- state kept across sleep and recovery
#
# For suspend/resume and PCI error recovery tests (rss-lib.sh must be
# sourced for e82574): put state that is not the default on the interface,
# snapshot what the admin sees, and after the event check that it is the
# same, that the NIC holds it (receive address 0 = the MAC; for e82574 the
# RSS table and key in RETA/RSSRK) and that traffic flows both ways,
# without reconfiguring anything first.

keep_state_snapshot() {
	echo "mac $(cat "/sys/class/net/$IF/address")"
	echo "mtu $(cat "/sys/class/net/$IF/mtu")"
	ip -4 -o addr show dev "$IF" | awk '{ print "inet", $4 }'
	ip -6 -o addr show dev "$IF" scope global | awk '{ print "inet6", $4 }'
	if [ "$DUT" = e82574 ]; then
		rss_snapshot "$IF"
	fi
}

keep_state_setup() {
	ip link set "$IF" mtu 1400 || fail "ip link set mtu 1400 failed"
	if [ "$DUT" = e82574 ]; then
		rss_note_default_key "$IF"
		ethtool -X "$IF" weight 1 3 hkey "$(rss_random_key 31)" ||
			fail "ethtool -X weight 1 3 hkey failed"
		ethtool -N "$IF" rx-flow-hash tcp4 sd ||
			fail "ethtool -N rx-flow-hash tcp4 sd failed"
	fi
	wait_carrier "$IF" 10000 || fail "no carrier after the setup"
	keep_state_snapshot >/tmp/keep.want
}

# nic_ra0_check WHEN: the NIC's receive address 0 (RAL0/RAH0) is the
# interface's MAC, marked valid (RAH bit 31)
nic_ra0_check() {
	local ral rah mac
	ral=$(rss_reg 0x5400)
	rah=$(rss_reg 0x5404)
	mac=$(printf '%02x:%02x:%02x:%02x:%02x:%02x' $((ral & 255)) \
		$(((ral >> 8) & 255)) $(((ral >> 16) & 255)) $(((ral >> 24) & 255)) \
		$((rah & 255)) $(((rah >> 8) & 255)))
	[ "$mac" = "$(cat "/sys/class/net/$IF/address")" ] && [ $((rah >> 31)) = 1 ] ||
		fail "the NIC's receive address 0 is $mac (RAH $rah) $1"
}

# keep_state_check WHEN
keep_state_check() {
	wait_carrier "$IF" 10000 || fail "no carrier 10 s $1"
	keep_state_snapshot >/tmp/keep.now
	if ! cmp -s /tmp/keep.want /tmp/keep.now; then
		diff /tmp/keep.want /tmp/keep.now | head -n 20
		fail "interface state changed $1"
	fi
	nic_ra0_check "$1"
	if [ "$DUT" = e82574 ]; then
		rss_check_hw "$IF"
	fi
	ping_ok -c 3 -W 2 "$PEER4" || fail "ping $PEER4 $1: not all answered"
	ping_ok -6 -c 2 -W 2 "$PEER6" || fail "ping $PEER6 $1: not all answered"
	rx_frames 2000 "send proto=mix flows=64 count=2000 pps=2000 len=64"
	echo "state, NIC registers and traffic fine $1"
}

keep_state_restore() {
	ip link set "$IF" mtu 1500 || fail "ip link set mtu 1500 failed"
	if [ "$DUT" = e82574 ]; then
		ethtool -N "$IF" rx-flow-hash tcp4 sdfn || fail "tcp4 sdfn refused"
		ethtool -X "$IF" default || fail "ethtool -X default failed"
		rss_restore_key
	fi
	wait_carrier "$IF" 10000 || fail "no carrier after restoring the defaults"
}

# keep_state_cleanup: keep_state_restore without failing, for an EXIT trap
# (a test that failed half-way must not leave MTU or RSS changed)
keep_state_cleanup() {
	ip link set "$IF" mtu 1500 2>/dev/null
	if [ "$DUT" = e82574 ]; then
		ethtool -N "$IF" rx-flow-hash tcp4 sdfn 2>/dev/null
		ethtool -X "$IF" default 2>/dev/null
		[ -s /tmp/rss.default-key ] &&
			ethtool -X "$IF" hkey "$(cat /tmp/rss.default-key)" 2>/dev/null
	fi
	configure "$IF" 2>/dev/null
}

# dmesg_since N: the kernel log lines after the first N
dmesg_since() {
	dmesg | tail -n +$(($1 + 1))
}
