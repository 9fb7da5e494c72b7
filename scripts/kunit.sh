#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the e82574 RSS core KUnit suites under UML.
#
#   scripts/kunit.sh [extra kunit.py run arguments, e.g. a filter glob]
#
# Prepares Debian's linux-source-6.12 once in $E82574_CACHE (default
# /var/cache/e82574), links this repository into it as
# drivers/net/ethernet/e82574-oot, and runs tools/testing/kunit/kunit.py with
# kunit/.kunitconfig.  Objects and .config land in $E82574_CACHE/kunit-um,
# never in the repository.  The last line printed is "N passed, N failed";
# the exit status is non-zero if anything failed or no test ran.

set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOT=$E82574_ROOT
BUILD=${E82574_KUNIT_BUILD:-$E82574_CACHE/kunit-um}
LINK_NAME=e82574-oot

mkdir -p "$E82574_CACHE"
exec 9>"$E82574_CACHE/kunit.lock"
flock 9

TREE=$(ensure_linux_source)

link_repo_into_source "$TREE" "$LINK_NAME"

# The build directory is shared by every checkout on the machine and the
# link above may just have moved: make's timestamps cannot tell another
# checkout's older objects from this one's, so ours are always rebuilt
# (seconds; the kernel's objects stay).
rm -rf "${BUILD:?}/drivers/net/ethernet/$LINK_NAME"

out=$(mktemp)
trap 'rm -f "$out"' EXIT

log "kunit.py run (build dir $BUILD)"
start=$SECONDS
rc=0
(
	cd "$TREE"
	python3 tools/testing/kunit/kunit.py run \
		--arch=um \
		--kunitconfig="$ROOT/kunit" \
		--build_dir="$BUILD" \
		--jobs="$(nproc)" \
		"$@"
) 2>&1 | tee "$out" || rc=$?
log "kunit.py finished in $((SECONDS - start)) s (exit $rc)"

# "Testing complete. Ran 97 tests: passed: 95, failed: 1, crashed: 1"
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$out" |
	grep -o 'Testing complete\. Ran [0-9]* tests:.*' | tail -n1 || true)
count() {
	local n

	n=$(printf '%s\n' "$summary" | grep -o "$1: [0-9]*" | grep -o '[0-9]*$' || true)
	echo "${n:-0}"
}
passed=$(count passed)
failed=$(( $(count failed) + $(count crashed) + $(count errors) ))

if [ -z "$summary" ]; then
	log "error: no KUnit result (build or boot failed?)"
	rc=1
fi
echo "$passed passed, $failed failed"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
	exit 1
fi
