#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot the emulated NIC like the demo and print benchmark
# figures: RSS balance against the number of flows, RETA writes and time per
# table change, RX rate with one and two queue pairs, reordering while the
# table changes under load, the balancer's convergence, and e82574 against the in-tree e1000e on the
# same device.  Figures, not pass/fail; exits non-zero if a run did not
# happen.
#
#   scripts/bench.sh [--net dgram|stream|both] [demo.sh options]
#
# --net both (the default) boots twice: over -netdev dgram with every
# section (or E82574_BENCH), then over the back-pressured -netdev stream
# with the comparison only (or E82574_BENCH).  Sections: E82574_BENCH=
# balance,tables,rx,moderation,reorder,rebalance,compare; rounds of the comparison:
# E82574_BENCH_ROUNDS (default 3).
set -euo pipefail
here=$(dirname "$0")
net=both
args=()
while [ $# -gt 0 ]; do
	case "$1" in
	--net) net=$2; shift 2 ;;
	--net=*) net=${1#*=}; shift ;;
	*) args+=("$1"); shift ;;
	esac
done
case "$net" in
dgram | stream)
	E82574_VM_NET=$net exec "$here/demo.sh" --bench "${args[@]}"
	;;
both)
	E82574_VM_NET=dgram "$here/demo.sh" --bench "${args[@]}"
	E82574_VM_NET=stream E82574_BENCH=${E82574_BENCH:-compare} \
		E82574_NO_DKMS=1 "$here/demo.sh" --bench "${args[@]}"
	;;
*)
	echo "bench.sh: --net must be dgram, stream or both" >&2
	exit 1
	;;
esac
