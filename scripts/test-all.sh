#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every test of the project, in one command (the README's test command and
# what .ci/run calls).  Installs what it needs first, then runs:
#   static checks, the host-side harness self-test, KUnit, the VM suite.
# Ends with one "N passed, N failed" line; exits non-zero on any failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

start=$(date +%s)
"$E82574_ROOT/scripts/setup-host.sh" || die "host setup failed"

total_pass=0
total_fail=0
summary=()
run_suite() {	# run_suite NAME COMMAND...
	local name=$1 log rc line p f
	shift
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
	# A suite that failed or counted nothing is one more failure.
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	summary+=("$(printf '%-10s %4d passed, %3d failed (exit %d)' \
		"$name" "$p" "$f" "$rc")")
	rm -f "$log"
}

run_suite check "$E82574_ROOT/scripts/check.sh"
run_suite testnet make -s -C "$E82574_ROOT/scripts/testnet" check
run_suite kunit "$E82574_ROOT/scripts/kunit.sh"
run_suite vm "$E82574_ROOT/scripts/vm-test.sh"

echo
echo "== summary ($(( $(date +%s) - start )) s)"
printf '%s\n' "${summary[@]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
