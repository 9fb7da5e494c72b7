#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest: RSS helpers shared by the rss* tests.  Source after guest-lib.sh.

# the key ethtool -x shows (aa:bb:...)
rss_key() {
	ethtool -x "$1" | sed -n '/RSS hash key:/{n;p}'
}

# the 128 table entries ethtool -x shows, one line
rss_table() {
	ethtool -x "$1" | awk '/^ *[0-9]+:/ { for (i = 2; i <= NF; i++)
		printf "%s ", $i } END { print "" }'
}

# rss_snapshot IF: everything the admin sees of the RSS state: table, key,
# hash fields of every flow type, channels
rss_snapshot() {
	local f
	ethtool -x "$1" 2>&1
	for f in tcp4 tcp6 udp4 udp6 ipv4 ipv6 sctp4 sctp6; do
		echo "== $f"
		ethtool -n "$1" rx-flow-hash "$f" 2>&1
	done
	ethtool -l "$1" 2>&1
}

# The driver's default key is random per boot: remember the first one seen
# (taken before any rss test changes it) and put it back with this.
rss_restore_key() {
	[ -s /tmp/rss.default-key ] || return 0
	ethtool -X "$IF" hkey "$(cat /tmp/rss.default-key)" ||
		fail "restoring the default key failed"
}

rss_note_default_key() {
	[ -s /tmp/rss.default-key ] || rss_key "$1" >/tmp/rss.default-key
}

# rss_random_key SEED: 40 random bytes as aa:bb:...
rss_random_key() {
	awk -v s="$1" 'BEGIN { srand(s); for (i = 0; i < 40; i++)
		printf "%s%02x", i ? ":" : "", int(rand() * 256) }'
}

# BAR0 physical address of the 82574L
rss_bar0() {
	awk 'NR == 1 { print $1; exit }' "/sys/bus/pci/devices/$(dev_bdf)/resource"
}

# rss_reg OFFSET: a 32-bit register of the NIC, read with devmem
rss_reg() {
	devmem $(printf '0x%x' $(($(rss_bar0) + $1))) 32
}

# NVM words behind the driver's back (nvmbad, selftest): EERD reads, EEWR
# writes (QEMU puts them into its NVM image; no checksum update)
EERD=0x14
EEWR=0x102c

nvm_read() {
	devmem $(printf '0x%x' $(($(rss_bar0) + EERD))) 32 $((($1 << 2) | 1))
	echo $((($(rss_reg $EERD) >> 16) & 0xffff))
}

nvm_write() {
	devmem $(printf '0x%x' $(($(rss_bar0) + EEWR))) 32 \
		$(((($2 & 0xffff) << 16) | ($1 << 2) | 1))
}

# The table as the NIC holds it: RETA[0..31] decoded (bit 7 of each byte),
# read by one e82574-tool process and decoded by shell builtins (forks are
# slow under TCG)
rss_hw_table() {
	"$TOOL" regs "$IF" 0x5c00 32 | {
		while read -r _ _ v; do
			b=0
			while [ $b -lt 4 ]; do
				printf '%d ' $(((v >> (8 * b + 7)) & 1))
				b=$((b + 1))
			done
		done
		echo
	}
}

# The key as the NIC holds it: RSSRK[0..9], byte 4i in bits 7:0 of RSSRK[i]
rss_hw_key() {
	"$TOOL" regs "$IF" 0x5c80 10 | {
		sep=
		while read -r _ _ v; do
			b=0
			while [ $b -lt 4 ]; do
				printf '%s%02x' "$sep" $(((v >> (8 * b)) & 255))
				sep=:
				b=$((b + 1))
			done
		done
		echo
	}
}

# rss_flip_round PROTO COUNT FLIPS SEND-ARGS: the peer sends COUNT frames
# of PROTO (64 flows, 4000/s, SEND-ARGS added: seed=, tcpflags=, ...),
# counted by e82574-tool rx, while every table entry flips between the
# queues (ethtool -X start 1 equal 1 / equal 1, every 150 ms), up to FLIPS
# times.  Sets RSS_FLIPS and RSS_FLIP_OUT (the tool's "rx packets=" line,
# empty without one; its output in /tmp/flip.rx and /tmp/flip.err).
# The receiver's pid is in RSS_FLIP_PID while it runs, for a cleanup trap.
# Returns 1 if ethtool refused a table (the traffic is stopped then).
rss_flip_round() {
	local rc=0
	RSS_FLIPS=0
	ethtool -X "$IF" equal 1 >/dev/null || return 1
	"$TOOL" rx --ifname "$IF" --expect "$2" \
		--send "send proto=$1 flows=64 count=$2 pps=4000 len=64 $4" \
		>/tmp/flip.rx 2>/tmp/flip.err &
	RSS_FLIP_PID=$!
	msleep 500
	while kill -0 "$RSS_FLIP_PID" 2>/dev/null && [ $RSS_FLIPS -lt "$3" ]; do
		if [ $((RSS_FLIPS % 2)) = 0 ]; then
			ethtool -X "$IF" start 1 equal 1 >/dev/null || rc=1
		else
			ethtool -X "$IF" equal 1 >/dev/null || rc=1
		fi
		[ $rc = 0 ] || break
		RSS_FLIPS=$((RSS_FLIPS + 1))
		msleep 150
	done
	[ $rc = 0 ] || kill "$RSS_FLIP_PID" 2>/dev/null
	wait "$RSS_FLIP_PID"
	RSS_FLIP_PID=
	RSS_FLIP_OUT=$(grep '^rx packets=' /tmp/flip.rx)
	return $rc
}

# rss_check_hw IF: the NIC's RETA and RSSRK equal what ethtool -x shows
# (RETA only while two queue pairs run; with one, every entry is queue 0)
rss_check_hw() {
	local want hw
	hw=$(rss_hw_table)
	if [ "$(ethtool -l "$1" | awk '/^Combined:/ { v = $2 } END { print v }')" = 2 ]; then
		want=$(rss_table "$1")
	else
		want=$(awk 'BEGIN { for (i = 0; i < 128; i++) printf "0 "; print "" }')
	fi
	[ "$(echo $hw)" = "$(echo $want)" ] ||
		fail "RETA holds [$(echo $hw)], ethtool -x shows [$(echo $want)]"
	[ "$(rss_hw_key)" = "$(rss_key "$1")" ] ||
		fail "RSSRK holds $(rss_hw_key), ethtool -x shows $(rss_key "$1")"
}

# Microsoft's verification key: with it the balancing load lands on the
# same entries in every run
RSS_KEY_MS=6d:5a:56:da:25:5b:0e:c2:41:67:25:3d:43:a3:8f:b0:d0:ca:2b:cb:ae:7b:30:b4:77:cb:2d:a3:80:30:f2:0c:6a:42:b7:3b:be:ac:01:fa

rss_bal_file() {
	echo "/sys/kernel/debug/e82574/$(dev_bdf)/rss_load"
}

# rss_bal_field NAME: a "NAME: value" line of rss_load
rss_bal_field() {
	sed -n "s/^$1: *//p" "$(rss_bal_file)" | head -n1
}

# rss_bal_judge FILE TOL_PM LOADCOL FROMCOL: judge a table against an
# exhaustive search over the loaded entries (at most 18) of an rss_load
# copy.  Loads are column LOADCOL, the table judged is the queue column
# (2), the table it came from column FROMCOL.  Prints
#   loaded=N moved=M fewest=F stray=S before=X after=Y best=B
# moved: loaded entries whose queue differs from FROMCOL; fewest: the
# fewest such changes of any table whose larger queue load is within
# TOL_PM permille of the best partition's; stray: unloaded entries that
# changed queue; before/after/best: max/mean queue load of the FROMCOL
# table, the judged table and the best partition.
rss_bal_judge() {
	awk -v tol="$2" -v lc="$3" -v fc="$4" '
	BEGIN { n = 0; t = 0; stray = 0; mv = 0 }
	NF == 7 && $1 ~ /^[0-9]+$/ {
		if ($lc > 0) {
			l[n] = $lc; f[n] = $fc; q[n] = $2; t += $lc; n++
		} else if ($2 != $fc) {
			stray++
		}
	}
	END {
		if (!n || !t) { print "loaded=0"; exit }
		if (n > 18) { print "loaded=" n " (too many to search)"; exit }
		for (i = 0; i < n; i++) {
			b[f[i]] += l[i]; a[q[i]] += l[i]
			if (q[i] != f[i]) mv++
		}
		# mask m: bit i set = loaded entry i on queue 1; s: queue-1
		# load, d: entries that differ from the FROMCOL table
		pw[0] = 1
		for (i = 1; i <= n; i++) pw[i] = 2 * pw[i - 1]
		s[0] = 0; d[0] = 0
		for (i = 0; i < n; i++) d[0] += f[i]
		best = t
		for (m = 1; m < pw[n]; m++) {
			for (i = 0; int(m / pw[i]) % 2 == 0; i++) ;
			s[m] = s[m - pw[i]] + l[i]
			d[m] = d[m - pw[i]] + (f[i] ? -1 : 1)
			x = s[m] > t - s[m] ? s[m] : t - s[m]
			if (x < best) best = x
		}
		few = n + 1
		for (m = 0; m < pw[n]; m++) {
			x = s[m] > t - s[m] ? s[m] : t - s[m]
			if (x * 1000 <= (1000 + tol) * best && d[m] < few)
				few = d[m]
		}
		printf "loaded=%d moved=%d fewest=%d stray=%d before=%.3f after=%.3f best=%.3f\n",
			n, mv, few, stray,
			2 * (b[0] > b[1] ? b[0] : b[1]) / t,
			2 * (a[0] > a[1] ? a[0] : a[1]) / t, 2 * best / t
	}' "$1"
}

# rss_bal_round COUNT: the balancer against a skewed load.  Fixed key,
# table "weight 3 1", queue 0 slowed to rx-usecs 16000 (its frames wait in
# the ring, so moving its entries to queue 1 reorders them unless the fence
# holds queue 1's); the peer sends COUNT TCP/IPv4 frames (1000-byte
# payload, 3000/s) over 14 flows, 2 of them 6 times as heavy, through
# e82574-tool rx, which counts loss and reordering.  One kind of flow only,
# so that every frame has the same size: loads are then integer multiples
# of a light flow's, every table is either balanced or at least 1/12 off,
# and the balancer's 2% target has no table near its edge.  1.5 s into the
# load rss-balance goes on (its counting, and so its first interval, starts
# then: a full interval), and the round waits up to 8 intervals for the
# first move.  Sets BAL_AT (the interval of the first move, empty if none),
# BAL_JUDGE (rss_bal_judge of that move against the balancer's 2% target),
# BAL_PID (the rx tool, still running; its output goes to /tmp/bal.rx),
# BAL_F0 (rss_fences when the flag went on)
# and copies rss_load to /tmp/bal.move.  Leaves the flag on.
rss_bal_round() {
	local i
	BAL_AT=
	BAL_JUDGE=
	ethtool --set-priv-flags "$IF" rss-balance off >/dev/null 2>&1
	ethtool -X "$IF" weight 3 1 hkey "$RSS_KEY_MS" >/dev/null || return 1
	ethtool --per-queue "$IF" queue_mask 0x1 --coalesce rx-usecs 16000 ||
		return 1
	"$TOOL" rx --ifname "$IF" --expect "$1" \
		--send "send proto=tcp4 flows=14 heavy=2:6 count=$1 pps=3000 len=1000 seed=11 tcpflags=R" \
		>/tmp/bal.rx 2>/tmp/bal.err &
	BAL_PID=$!
	msleep 1500
	BAL_F0=$(eth_stat "$IF" rss_fences)
	ethtool --set-priv-flags "$IF" rss-balance on || return 1
	for i in $(seq 1 40); do
		msleep 250
		[ "$(rss_bal_field rebalances)" -ge 1 ] && break
	done
	cp "$(rss_bal_file)" /tmp/bal.move
	[ "$(rss_bal_field rebalances)" -ge 1 ] || return 0
	BAL_AT=$(rss_bal_field 'last move at interval')
	BAL_JUDGE=$(rss_bal_judge /tmp/bal.move 20 6 7)
}
