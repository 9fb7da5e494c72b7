#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Driver for the e82574 fuzz targets (called by fuzz/Makefile, which
# builds them first).
#
#   fuzz.sh check T...      each target runs every committed seed once
#   fuzz.sh run T...        each target fuzzes for FUZZ_SECONDS seconds
#                           (0: no limit) and/or FUZZ_RUNS executions,
#                           growing build/corpus/T; FUZZ_FLAGS go to
#                           libFuzzer as they are
#   fuzz.sh coverage T...   source coverage of the cores over the seeds and
#                           build/corpus (needs build/cov/T)
#   fuzz.sh minimize T...   add to corpus/T.seeds the inputs of
#                           build/corpus that bring new coverage
#   fuzz.sh repro T...      run the open findings of crashes/T.seeds with
#                           FUZZ_STRICT=1; each must still fail
#
# check and run end with "N passed, N failed" (one test per target) and
# exit non-zero if a target failed.  A failing input is saved as
# build/artifacts/T-crash-<sha1>; its log is build/logs/T.log.
set -uo pipefail

cd "$(dirname "$0")"
B=build
DRV=../drivers/net/ethernet/intel/e82574
mode=${1:-}
shift || true
[ $# -gt 0 ] || { echo "usage: $0 check|run|coverage|minimize|repro TARGET..." >&2; exit 2; }

pass=0
fail=0

seeds() {	# seeds T: unpack corpus/T.seeds into build/seeds/T
	python3 seeds.py unpack "corpus/$1.seeds" "$B/seeds/$1" >/dev/null ||
		return 1
}

stat_of() {	# stat_of LOG NAME: a -print_final_stats=1 value
	sed -n "s/^stat::$2: *//p" "$1" | tail -n 1
}

verdict() {	# verdict T RC
	if [ "$2" = 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1 (exit $2): see $B/logs/$1.log" >&2
		grep -E 'property violated|ERROR: |runtime error|SUMMARY' \
			"$B/logs/$1.log" | head -n 5 >&2
	fi
}

mkdir -p "$B/logs" "$B/artifacts"

case $mode in
check)
	for t in "$@"; do
		if ! seeds "$t"; then
			verdict "$t" 1
			continue
		fi
		mapfile -t files < <(find "$B/seeds/$t" -type f | sort)
		if [ ${#files[@]} = 0 ]; then
			echo "no seeds for $t" >"$B/logs/$t.log"
			verdict "$t" 1
			continue
		fi
		start=$(date +%s%N)
		"$B/$t" -timeout=10 "${files[@]}" >"$B/logs/$t.log" 2>&1
		rc=$?
		ms=$((($(date +%s%N) - start) / 1000000))
		printf '%-13s %4d seeds  %5d ms  %s\n' "$t" ${#files[@]} "$ms" \
			"$([ $rc = 0 ] && echo ok || echo FAILED)"
		verdict "$t" $rc
	done
	;;
run)
	secs=${FUZZ_SECONDS:-60}
	runs=${FUZZ_RUNS:-}
	printf '%-13s %12s %9s %6s %6s %6s %s\n' target executions exec/s \
		secs cov ft corpus
	for t in "$@"; do
		seeds "$t" || { verdict "$t" 1; continue; }
		mkdir -p "$B/corpus/$t"
		args=(-timeout=10 -max_len=8192 -print_final_stats=1
			-max_total_time="$secs"
			-artifact_prefix="$B/artifacts/$t-")
		[ -n "$runs" ] && args+=(-runs="$runs")
		start=$(date +%s)
		# shellcheck disable=SC2086
		"$B/$t" "${args[@]}" ${FUZZ_FLAGS:-} "$B/corpus/$t" \
			"$B/seeds/$t" >"$B/logs/$t.log" 2>&1
		rc=$?
		el=$(($(date +%s) - start))
		last=$(grep -E '^#[0-9]+' "$B/logs/$t.log" | tail -n 1)
		cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
		ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
		corp=$(sed -nE 's/.* corp: ([^ ]+).*/\1/p' <<<"$last")
		printf '%-13s %12s %9s %6s %6s %6s %s\n' "$t" \
			"$(stat_of "$B/logs/$t.log" number_of_executed_units)" \
			"$(stat_of "$B/logs/$t.log" average_exec_per_sec)" \
			"$el" "${cov:--}" "${ft:--}" "${corp:--}"
		verdict "$t" $rc
	done
	;;
coverage)
	bin=${LLVM_BIN:-/usr/lib/llvm-14/bin}
	rss_objs=()
	bal_objs=()
	hw_objs=()
	for t in "$@"; do
		seeds "$t" || { verdict "$t" 1; continue; }
		mkdir -p "$B/corpus/$t"
		rm -f "$B/cov/$t.profraw"
		LLVM_PROFILE_FILE="$B/cov/$t.profraw" "$B/cov/$t" -runs=0 \
			"$B/seeds/$t" "$B/corpus/$t" >"$B/logs/$t.cov.log" 2>&1
		verdict "$t" $?
		case $t in
		rss_*) rss_objs+=("$t") ;;
		bal_*) bal_objs+=("$t") ;;
		*) hw_objs+=("$t") ;;
		esac
	done
	for g in rss bal hw; do
		if [ $g = rss ]; then
			objs=("${rss_objs[@]}")
			src=$DRV/e82574_rss_core.c
		elif [ $g = bal ]; then
			objs=("${bal_objs[@]}")
			src=$DRV/e82574_rss_bal.c
		else
			objs=("${hw_objs[@]}")
			src=$DRV/e82574_hw_core.c
		fi
		[ ${#objs[@]} -gt 0 ] || continue
		raws=()
		for o in "${objs[@]}"; do
			raws+=("$B/cov/$o.profraw")
		done
		"$bin/llvm-profdata" merge -sparse -o "$B/cov/$g.profdata" \
			"${raws[@]}" || { fail=$((fail + 1)); continue; }
		oargs=("$B/cov/${objs[0]}")
		for o in "${objs[@]:1}"; do
			oargs+=(-object "$B/cov/$o")
		done
		# only the core: not the harnesses, shims or headers
		ign='/fuzz/(fuzz_|include/)|\.h$'
		echo "== $(basename "$src") over: ${objs[*]}"
		"$bin/llvm-cov" report "${oargs[@]}" \
			-instr-profile="$B/cov/$g.profdata" \
			-ignore-filename-regex="$ign" |
			sed -E '/^-+$/d'
		"$bin/llvm-cov" show "${oargs[@]}" \
			-instr-profile="$B/cov/$g.profdata" -show-branches=count \
			-ignore-filename-regex="$ign" >"$B/cov/$g.txt"
		echo "(annotated source: fuzz/$B/cov/$g.txt)"
	done
	;;
minimize)
	for t in "$@"; do
		seeds "$t" || { verdict "$t" 1; continue; }
		mkdir -p "$B/corpus/$t"
		# the committed seeds stay; inputs of build/corpus join them
		# only if they bring coverage the seeds lack
		rm -rf "$B/min/$t"
		mkdir -p "$B/min"
		cp -r "$B/seeds/$t" "$B/min/$t"
		"$B/$t" -merge=1 "$B/min/$t" "$B/corpus/$t" \
			>"$B/logs/$t.min.log" 2>&1
		rc=$?
		[ $rc = 0 ] && python3 seeds.py pack "$B/min/$t" \
			"corpus/$t.seeds" "$t"
		verdict "$t" $rc
	done
	;;
repro)
	# Open findings: every input in crashes/T.seeds must still fail
	# with FUZZ_STRICT=1 (a pass means the finding looks fixed).
	for t in "$@"; do
		[ -f "crashes/$t.seeds" ] || continue
		python3 seeds.py unpack "crashes/$t.seeds" "$B/crashes/$t" \
			>/dev/null || { verdict "$t" 1; continue; }
		for f in "$B/crashes/$t"/*; do
			FUZZ_STRICT=1 "$B/$t" "$f" >"$B/logs/$t.repro.log" 2>&1
			if [ $? = 0 ]; then
				echo "$t $(basename "$f"): passes now (fixed?)"
				fail=$((fail + 1))
			else
				echo "$t $(basename "$f"): reproduced:"
				grep -m1 'property violated' \
					"$B/logs/$t.repro.log" | sed 's/^/    /'
				pass=$((pass + 1))
			fi
		done
	done
	;;
*)
	echo "usage: $0 check|run|coverage|minimize|repro TARGET..." >&2
	exit 2
	;;
esac

echo "$pass passed, $fail failed"
[ $fail = 0 ]
