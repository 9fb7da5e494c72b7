#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Section "compare" of scripts/vm/bench-guest.sh (sourced by it): e82574
# against the in-tree e1000e on the same emulated 82574L, in one boot.
#
# The device is handed from one driver to the other with driver_override
# (as tests 85-rebind / 86-prevdrv do), in rounds of e1000e then e82574,
# so slow phases of the shared host show up in both drivers' spread rather
# than in one driver's figure.  Each driver runs with its defaults (e1000e:
# one RX queue and InterruptThrottleRate=3; e82574: two queue pairs).
#
# RX: the peer sends 64-byte TCP RST segments (tcp4 + tcp6, 1024 flows) at
# an offered rate; the guest's stack drops them after TCP's socket lookup
# and answers nothing, so no socket or capture cost is added.  Counted from
# the netdev's rx_packets, with the time of the last increment (polled
# every 100 ms with shell builtins only, so the poll adds almost no CPU).
#   fps            frames delivered per second of the run
#   cpu_us/frame   guest CPU busy time (/proc/stat, all CPUs: user nice
#                  system irq softirq steal; USER_HZ ticks) per frame
#   irq/frame      the device's interrupts (/proc/interrupts lines named
#                  IF or IF-*) per frame
#   netrx          NET_RX softirqs per CPU, as shares of the run's total
#   msix/frame     QEMU's own count (trace events e1000e_irq_msix_notify_vec
#                  and ..._notify_postponed_vec) of the MSI-X messages it
#                  sent, per frame, as now+late: "now" is a message sent at
#                  once (no interval of that vector running: a new burst),
#                  "late" one sent when the vector's interval ends.  QEMU
#                  7.2 and 10.0 clamp every EITR to at least 500 (128 us)
#                  and send the late message whether or not a cause is
#                  still pending, so each burst costs two messages; the
#                  bursts are what a driver's intervals and vectors decide.
# e82574-1q: e82574 again with one queue pair (ethtool -L combined 1), like
# e1000e: its cost per frame without RSS, whose two busy vCPUs compete with
# the emulator's threads for the host's cores (TCG counts that as busy).
# XDP_DROP: e82574 with an XDP program that drops every frame (loaded by
# e82574-xdp), flat out: the driver's receive ceiling on this emulator,
# with no stack cost (consumed frames count in rx_packets).
# TX: e82574-tool txgen (AF_PACKET, checksum offload) of 64-byte TCP
# segments, then 60000-byte TSO messages (MSS 1448); the peer counts what
# arrives.  cpu_us/frame and cpu_ns/TSO byte (payload bytes).

CMP_FLOWS=1024
# offered rates (frames/s, 0 = as fast as the peer and the link go) and
# frames per run (about 2-3 s each)
CMP_RATES="1000:3000 5000:10000 20000:40000 0:60000"
CMP_DAT=/tmp/cmp.dat
CMP_FAILED=0
CMP_EVENTS="e1000e_irq_msix_notify_vec e1000e_irq_msix_notify_postponed_vec"

# busy USER_HZ ticks (100 a second on x86) of all CPUs
cmp_busy() {
	local _c u n s _i _w irq sirq st _rest
	read -r _c u n s _i _w irq sirq st _rest </proc/stat
	echo $((u + n + s + irq + sirq + st))
}

# milliseconds since boot, without a fork
cmp_ms() {
	local up _r
	read -r up _r </proc/uptime
	echo $((${up%.*} * 1000 + 1${up#*.}0 - 1000))
}

# interrupts of the device's vectors (names IF, IF-rx-0, IF-TxRx-1, ...)
cmp_irqs() {
	awk -v n="$1" 'NR == 1 { nc = NF; next }
		$NF == n || index($NF, n "-") == 1 {
			for (i = 2; i <= nc + 1; i++) s += $i }
		END { print s + 0 }' /proc/interrupts
}

# NET_RX softirq counts, one per CPU
cmp_netrx() {
	awk '$1 == "NET_RX:" { for (i = 2; i <= NF; i++) printf "%s ", $i }' /proc/softirqs
}

# cmp_trace on|off: QEMU's MSI-X message events (a figure, not a check: a
# monitor that refuses only leaves msix/frame at 0)
cmp_trace() {
	local e
	for e in $CMP_EVENTS; do
		hmp trace-event "$e" "$1" >/dev/null 2>&1
	done
}

# cmp_trace_count POS REGEX: lines of QEMU's log after POS matching REGEX
cmp_trace_count() {
	kv count "$(timeout 60 "$TOOL" ctl "trace-count $1 $2" 2>/dev/null)"
}

cmp_fail() {
	CMP_FAILED=$((CMP_FAILED + 1))
	echo "bench: FAILED compare: $*"
}

# cmp_bind DRIVER: hand the 82574L to DRIVER, bring it up, set $IF
cmp_bind() {
	local bdf i
	bdf=$(dev_bdf)
	[ -z "$(iface)" ] || ip link set "$(iface)" down
	[ "$(dev_driver)" = none ] ||
		echo "$bdf" >"/sys/bus/pci/drivers/$(dev_driver)/unbind"
	echo "$1" >"/sys/bus/pci/devices/$bdf/driver_override"
	echo "$bdf" >/sys/bus/pci/drivers_probe
	[ "$(dev_driver)" = "$1" ] || { cmp_fail "device bound to $(dev_driver), not $1"; return 1; }
	i=0
	while [ -z "$(iface)" ] && [ $i -lt 100 ]; do msleep 100; i=$((i + 1)); done
	IF=$(iface)
	[ -n "$IF" ] || { cmp_fail "$1: no netdev"; return 1; }
	ip link set "$IF" up
	wait_carrier "$IF" 10000 || { cmp_fail "$1: no carrier"; return 1; }
	configure "$IF"
	# let link-up traffic (router solicitations, MLD) pass
	sleep 1
}

# cmp_rx DRV ROUND PPS COUNT: one RX run, one "bench: cmp" line, data lines
cmp_rx() {
	local drv=$1 round=$2 pps=$3 count=$4 st=/sys/class/net/$IF/statistics/rx_packets
	local p0 b0 i0 s0 t0 p last lastt t frames ms busy irqs s1 rate
	local pos now late
	cmp_trace on
	pos=$(kv pos "$(timeout 60 "$TOOL" ctl trace-pos 2>/dev/null)")
	read -r p0 <"$st"
	b0=$(cmp_busy)
	i0=$(cmp_irqs "$IF")
	s0=$(cmp_netrx)
	t0=$(cmp_ms)
	timeout 300 "$TOOL" ctl "send proto=tcp4,tcp6 flows=$CMP_FLOWS count=$count pps=$pps len=64 seed=$round" \
		>/tmp/cmp.ctl 2>&1 || cmp_fail "$drv send: $(cat /tmp/cmp.ctl)"
	last=$p0
	lastt=$t0
	while :; do
		read -r p <"$st"
		t=$(cmp_ms)
		if [ "$p" != "$last" ]; then
			last=$p
			lastt=$t
		elif [ $((t - lastt)) -ge 600 ]; then
			break
		fi
		usleep 100000
	done
	busy=$(($(cmp_busy) - b0))
	irqs=$(($(cmp_irqs "$IF") - i0))
	s1=$(cmp_netrx)
	cmp_trace off
	now=$(cmp_trace_count "${pos:-0}" "notify vector")
	late=$(cmp_trace_count "${pos:-0}" "postponed by EITR")
	frames=$((last - p0))
	ms=$((lastt - t0))
	[ "$ms" -gt 0 ] || ms=1
	rate=$pps
	[ "$pps" != 0 ] || rate=max
	if [ "$frames" -lt $((count / 10)) ]; then
		cmp_fail "$drv offered=$rate: $frames of $count frames delivered"
		return
	fi
	[ "$NET" != stream ] || [ "$frames" -ge "$count" ] ||
		echo "bench: note: stream link, $drv offered=$rate: $frames of $count frames"
	awk -v drv="$drv" -v r="$round" -v rate="$rate" -v f="$frames" -v c="$count" \
		-v ms="$ms" -v b="$busy" -v i="$irqs" -v s0="$s0" -v s1="$s1" \
		-v now="${now:-0}" -v late="${late:-0}" \
		-v hz=100 -v out="$CMP_DAT" 'BEGIN {
		n = split(s0, a, " "); split(s1, z, " ")
		for (k = 1; k <= n; k++) { d[k] = z[k] - a[k]; tot += d[k] }
		sp = ""
		for (k = 1; k <= n; k++)
			sp = sp sprintf("%scpu%d:%.0f%%", k > 1 ? "," : "", k - 1,
					tot ? 100 * d[k] / tot : 0)
		fps = f * 1000 / ms; cpu = b * 1e6 / hz / f; ipf = i / f
		printf "bench: cmp %s round=%d rx offered=%s frames=%d/%d fps=%.0f cpu_us/frame=%.1f irq/frame=%.3f msix/frame=%.3f+%.3f netrx=%s\n",
			drv, r, rate, f, c, fps, cpu, ipf, now / f, late / f, sp
		printf("%s rx_%s_fps %.1f\n", drv, rate, fps) >> out
		printf("%s rx_%s_cpu_us %.2f\n", drv, rate, cpu) >> out
		printf("%s rx_%s_irq %.4f\n", drv, rate, ipf) >> out
		printf("%s rx_%s_msix_now %.4f\n", drv, rate, now / f) >> out
		printf("%s rx_%s_msix_late %.4f\n", drv, rate, late / f) >> out
		mx = 0
		for (k = 1; k <= n; k++) if (d[k] > mx) mx = d[k]
		if (rate == "max")
			printf("%s rx_max_netrx_top_cpu_pct %.1f\n", drv, tot ? 100 * mx / tot : 0) >> out
	}'
}

# cmp_tx DRV ROUND MODE COUNT SIZE: one TX run (txgen), "bench: cmp" line
cmp_tx() {
	local drv=$1 round=$2 mode=$3 count=$4 size=$5 b0 busy out got sent
	ctl "txstat reset" >/dev/null
	b0=$(cmp_busy)
	out=$(timeout 120 "$TOOL" txgen --ifname "$IF" --mode "$mode" --count "$count" \
		--size "$size" --mss 1448 --flows 16 2>&1 | tail -n1)
	sent=$(kv sent "$out")
	# what is still queued reaches the peer; idle time does not count
	sleep 2
	busy=$(($(cmp_busy) - b0))
	ctl txstat >/dev/null
	got=$(kv msgs_ok "$CTL_REPLY")
	if [ "${sent:-0}" -lt "$count" ] || [ "${got:-0}" -lt $((count / 10)) ]; then
		cmp_fail "$drv tx $mode: txgen '$out', peer msgs_ok=${got:-?} of $count"
		return
	fi
	awk -v drv="$drv" -v r="$round" -v m="$mode" -v c="$count" -v g="$got" \
		-v sz="$size" -v b="$busy" -v hz=100 \
		-v out="$CMP_DAT" 'BEGIN {
		us = b * 1e6 / hz
		if (m == "tso4") {
			printf "bench: cmp %s round=%d tx tso4 messages=%d/%d size=%d cpu_ns/byte=%.2f\n",
				drv, r, g, c, sz, us * 1000 / (c * sz)
			printf("%s tx_tso_cpu_ns_per_byte %.3f\n", drv, us * 1000 / (c * sz)) >> out
		} else {
			printf "bench: cmp %s round=%d tx %s frames=%d/%d size=%d cpu_us/frame=%.1f\n",
				drv, r, m, g, c, sz, us / c
			printf("%s tx_frame_cpu_us %.2f\n", drv, us / c) >> out
		}
	}'
}

# cmp_xdp_drop ROUND: e82574 flat out with XDP_DROP
cmp_xdp_drop() {
	local out
	if ! out=$(/bin/e82574-xdp attach "$IF" drop 2>&1); then
		cmp_fail "XDP drop program: $out"
		return
	fi
	cmp_rx e82574-xdpdrop "$1" 0 60000
	/bin/e82574-xdp detach "$IF" >/dev/null
}

# cmp_1q ROUND: e82574 with one queue pair (ethtool -L combined 1), the
# RX runs again: the driver's own cost per frame, without the spread over
# two vCPUs that share the host's cores with the emulator
cmp_1q() {
	local r
	if ! ethtool -L "$IF" combined 1 >/dev/null 2>&1; then
		cmp_fail "e82574: ethtool -L combined 1"
		return
	fi
	wait_carrier "$IF" 10000 || cmp_fail "e82574 combined 1: no carrier"
	configure "$IF"
	sleep 1
	for r in $CMP_RATES; do
		cmp_rx e82574-1q "$1" "${r%%:*}" "${r#*:}"
	done
	ethtool -L "$IF" combined 2 >/dev/null 2>&1 ||
		cmp_fail "e82574: ethtool -L combined 2"
	wait_carrier "$IF" 10000 || cmp_fail "e82574 combined 2: no carrier"
	configure "$IF"
	sleep 1
}

# medians (min..max) per driver and metric, and the ratios e82574/e1000e
# (and e82574 on one queue pair/e1000e, ratio_1q)
cmp_summary() {
	local m
	echo
	echo "=== compare: medians over the rounds (min..max), ratio e82574/e1000e"
	for m in $(awk '{ print $2 }' "$CMP_DAT" | awk '!seen[$0]++'); do
		for d in e1000e e82574 e82574-1q; do
			awk -v d="$d" -v m="$m" '$1 == d && $2 == m { print $3 }' "$CMP_DAT" |
				sort -g | awk -v d="$d" '{ v[NR] = $1 }
				END { if (!NR) { print d " - - -"; exit }
					med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
					print d, med, v[1], v[NR] }'
		done | awk -v m="$m" -v net="$NET" '
			{ med[$1] = $2; lo[$1] = $3; hi[$1] = $4 }
			END {
				r = (med["e1000e"] + 0 != 0) ? sprintf("%.2f", med["e82574"] / med["e1000e"]) : "-"
				q = ""
				if (med["e82574-1q"] != "-" && med["e1000e"] + 0 != 0)
					q = sprintf(" e82574-1q=%s (%s..%s) ratio_1q=%.2f",
						    med["e82574-1q"], lo["e82574-1q"], hi["e82574-1q"],
						    med["e82574-1q"] / med["e1000e"])
				printf "bench: cmp-summary net=%s %s e1000e=%s (%s..%s) e82574=%s (%s..%s) ratio=%s%s\n",
					net, m, med["e1000e"], lo["e1000e"], hi["e1000e"],
					med["e82574"], lo["e82574"], hi["e82574"], r, q
			}'
	done
	# the XDP_DROP ceiling against e82574's own flat-out rate into the stack
	awk '$2 == "rx_max_fps" && ($1 == "e82574" || $1 == "e82574-xdpdrop") { print $1, $3 }' "$CMP_DAT" |
		sort -k1,1 -k2g | awk -v net="$NET" '
		{ v[$1, ++n[$1]] = $2 }
		END {
			for (d in n) med[d] = n[d] % 2 ? v[d, (n[d] + 1) / 2] : (v[d, n[d] / 2] + v[d, n[d] / 2 + 1]) / 2
			if (!n["e82574-xdpdrop"]) exit
			printf "bench: cmp-summary net=%s xdp_drop_fps=%s (%s..%s) stack_fps=%s ratio=%.2f\n", net,
				med["e82574-xdpdrop"], v["e82574-xdpdrop", 1], v["e82574-xdpdrop", n["e82574-xdpdrop"]],
				med["e82574"], med["e82574"] ? med["e82574-xdpdrop"] / med["e82574"] : 0
		}'
}

bench_compare() {
	local rounds round drv r
	rounds=$(cmdline_get e82574_bench_rounds 3)
	echo
	echo "=== 6. e82574 against e1000e on the same device ($rounds rounds, link $NET," \
		"$CMP_FLOWS TCP flows, 64-byte frames)"
	modprobe e1000e || { cmp_fail "modprobe e1000e failed"; return; }
	: >"$CMP_DAT"
	for round in $(seq "$rounds"); do
		for drv in e1000e e82574; do
			cmp_bind "$drv" || continue
			[ "$round" != 1 ] ||
				say "cmp $drv defaults: queues $(ls -d /sys/class/net/"$IF"/queues/rx-* | wc -l)," \
					"$(ethtool -c "$IF" 2>/dev/null | awk '/^(rx-usecs|Adaptive RX):/ { printf "%s ", $0 }')"
			for r in $CMP_RATES; do
				cmp_rx "$drv" "$round" "${r%%:*}" "${r#*:}"
			done
			cmp_tx "$drv" "$round" csum4 20000 64
			cmp_tx "$drv" "$round" tso4 300 60000
			[ "$drv" = e82574 ] && cmp_xdp_drop "$round"
			[ "$drv" = e82574 ] && cmp_1q "$round"
		done
	done
	cmp_summary
	# leave the device with e82574 and no override, as the boot had it
	echo >"/sys/bus/pci/devices/$(dev_bdf)/driver_override"
	[ "$(dev_driver)" = e82574 ] || cmp_bind e82574
	IF=$(iface)
	echo "=== compare: $CMP_FAILED failed runs"
}
