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
