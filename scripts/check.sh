#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static checks, as netdev's CI runs them: build with W=1, sparse (C=2,
# -Wsparse-error) and -Werror against four kernels' headers (the driver and
# the VM tests' module in scripts/vm/kmod) -- Debian 12's
# 6.12 and 6.1 on the host, Debian 13's 6.12 and the trixie-backports kernel
# inside the Debian 13 chroot (with its gcc and sparse) -- and print the
# matrix; checkpatch --strict; kernel-doc; no 'inline' in .c files; the rst
# documentation renders without warnings; the cases of make selftests'
# toeplitz.py UDP re-check and of vm-test.sh's emulator-fault detectors.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

DRV=drivers/net/ethernet/intel/e82574
pass=0
fail=0
result() {	# result NAME RC [DETAIL-FILE]
	if [ "$2" = 0 ]; then
		echo "ok - $1"
		pass=$((pass + 1))
	else
		echo "not ok - $1"
		[ -n "${3:-}" ] && sed 's/^/    /' "$3" | tail -n 40
		fail=$((fail + 1))
	fi
}

# matrix_make DIR: the matrix's build of the module sources in DIR for
# the kernel of the loop below ($run, $kdir, $sp): W=1, sparse C=2 with
# -Wsparse-error, -Werror; all output on stdout
matrix_make() {
	"${run[@]}" make -s -C "$kdir" M="$1" W=1 C=2 CF=-Wsparse-error \
		"${sp[@]}" KCFLAGS=-Werror modules 2>&1
}

# no_sparse_notes: drop kbuild's lines about the sparse it judged unusable
# (when it is forced on below)
no_sparse_notes() {
	grep -v -e 'checker-valid\.sh' -e 'C=[0-9] specified, but '
}

work=$(mktemp -d /tmp/e82574-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$E82574_ROOT"

# Builds happen in a copy (under /tmp, which the chroot sees at the same
# path) so the checkout never gets objects.
matrix=()
for b in "Debian 12 6.12|host|$(kver_612)" "Debian 12 6.1|host|$(kver_61)" \
	"Debian 13 6.12|trixie|$(installed_kver_t612)" \
	"trixie-backports|trixie|$(installed_kver_bpo)"; do
	IFS='|' read -r label origin kver <<<"$b"
	kroot=
	[ "$origin" = host ] || kroot=$(trixie_root)
	kdir=/lib/modules/$kver/build
	if [ -z "$kver" ] || [ ! -d "$kroot$kdir/" ]; then
		result "build for $label: ${kver:-not installed} (no headers; run scripts/setup-host.sh)" 1
		matrix+=("$(printf '%-17s %-24s %s' "$label" "${kver:--}" "NO HEADERS")")
		continue
	fi
	dst=$work/build-$kver
	mkdir -p "$dst"
	cp -r Kbuild drivers "$dst/"
	run=()
	[ "$origin" = host ] || run=(chroot_run)
	sp=()
	matrix_make "$dst" >"$dst.log"
	mrc=$?
	# 7.x kbuild validates sparse with scripts/checker-valid.sh (which
	# Debian's linux-kbuild does not even ship) and turns C=2 off when
	# that fails.  Then run the same validation (sparse must parse a
	# __typeof_unqual__) with Debian unstable's sparse from
	# setup-host.sh, and build again with C=2 forced on.
	if grep -q 'C=[0-9] specified, but ' "$dst.log" && [ -n "$kroot" ] &&
		[ -x "$kroot$SPARSE_DIR/usr/bin/sparse" ]; then
		printf '%s\n' 'static inline int u(const int *q)' '{' \
			'	__typeof_unqual__(*q) v = *q;' '	return v;' '}' \
			>"$work/sparse-valid.c"
		if chroot_run "$SPARSE_DIR/usr/bin/sparse" "$work/sparse-valid.c" \
			>"$work/sparse-valid.log" 2>&1 &&
			! grep -q error "$work/sparse-valid.log"; then
			sp=(CHECK="$SPARSE_DIR/usr/bin/sparse" KBUILD_CHECKSRC=2)
			rm -rf "$dst"
			mkdir -p "$dst"
			cp -r Kbuild drivers "$dst/"
			matrix_make "$dst" | no_sparse_notes >"$dst.log"
			mrc=${PIPESTATUS[0]}
		fi
	fi
	# The VM tests' module (scripts/vm/kmod), with the same flags; its
	# output joins the driver's log.
	kdst=$work/kmod-$kver
	mkdir -p "$kdst"
	cp scripts/vm/kmod/Kbuild scripts/vm/kmod/*.c "$kdst/"
	matrix_make "$kdst" | no_sparse_notes >>"$dst.log"
	[ "${PIPESTATUS[0]}" = 0 ] || [ "$mrc" != 0 ] || mrc=1
	[ -f "$kdst/e82574_txdrop.ko" ] && [ -f "$kdst/e82574_ppfail.ko" ] || mrc=1
	rc=$mrc
	# Any compiler, sparse or modpost diagnostic counts as a failure.
	ndiag=$(grep -Ec 'warning:|error:' "$dst.log")
	if [ $rc = 0 ] && [ "$ndiag" != 0 ]; then
		rc=1
	fi
	[ -f "$dst/$DRV/e82574.ko" ] || rc=1
	# Newer kbuild (7.x) turns C=2 off by itself when it judges sparse
	# unusable ("C=2 specified, but sparse is not available or not up to
	# date"); the build then passes without sparse, so say so.
	nosparse=$(grep -o 'C=[0-9] specified, but .*' "$dst.log" | head -n1)
	if [ ${#sp[@]} != 0 ]; then
		result "build W=1 C=2 -Werror for $kver ($label; $("${run[@]}" "$SPARSE_DIR/usr/bin/sparse" --version | sed 's/^/sparse /'), forced on)" $rc "$dst.log"
	elif [ -n "$nosparse" ]; then
		result "build W=1 -Werror for $kver ($label); sparse not run: kbuild: $nosparse" $rc "$dst.log"
	else
		result "build W=1 C=2 -Werror for $kver ($label)" $rc "$dst.log"
	fi
	if [ $rc = 0 ]; then
		r=ok
		[ ${#sp[@]} = 0 ] || r="ok (sparse from Debian unstable)"
		[ -z "$nosparse" ] || r="ok (W=1 -Werror; sparse NOT run, kbuild disabled it)"
	else
		r="FAILED: $ndiag diagnostics, make exit status $mrc"
	fi
	matrix+=("$(printf '%-17s %-24s %s' "$label" "$kver" "$r")")
	# the kcompat.sh probes this kernel's headers passed, as compiled
	grep -ho 'E82574_HAVE_[A-Z0-9_]*' "$dst/$DRV"/.*.o.cmd 2>/dev/null |
		sed 's/^E82574_HAVE_//' | sort -u >"$work/have-$(echo "$label" | tr ' ' _)"
done
echo "build matrix (W=1, sparse C=2 -Wsparse-error, -Werror):"
printf '    %s\n' "${matrix[@]}"

src=$(ensure_linux_source) || die "no linux source"
mapfile -t cfiles < <(git ls-files -co --exclude-standard -- \
	"$DRV/*.c" "$DRV/*.h" 'kunit/*.c' 'kunit/*.h' \
	'scripts/vm/kmod/*.c')

codespell_dict=$(python3 -c 'import codespell_lib, os; print(os.path.join(os.path.dirname(codespell_lib.__file__), "data", "dictionary.txt"))' 2>/dev/null ||
	echo /usr/lib/python3/dist-packages/codespell_lib/data/dictionary.txt)
# CAMELCASE is ignored as netdev's CI does: kernel names such as
# ETHTOOL_LINK_MODE_1000baseT_Full_BIT are not ours to rename.
# checkpatch leaves a cache file in its working directory: run it in $work.
(cd "$work" && perl "$src/scripts/checkpatch.pl" --strict --no-tree \
	--terse --max-line-length=80 --ignore CAMELCASE \
	--codespell --codespellfile "$codespell_dict" \
	-f "${cfiles[@]/#/$E82574_ROOT/}") >"$work/checkpatch.log" 2>&1
rc=0
grep -Eq '(ERROR|WARNING|CHECK):' "$work/checkpatch.log" && rc=1
result "checkpatch --strict (${#cfiles[@]} files)" $rc "$work/checkpatch.log"

perl "$src/scripts/kernel-doc" -none -Wall "${cfiles[@]}" \
	>"$work/kdoc.log" 2>&1
rc=$?
[ -s "$work/kdoc.log" ] && rc=1
result "kernel-doc -Wall" $rc "$work/kdoc.log"

grep -nE '^[^*/]*\binline\b' "$DRV"/*.c kunit/*.c >"$work/inline.log" 2>&1
[ -s "$work/inline.log" ] && rc=1 || rc=0
result "no inline in .c files" $rc "$work/inline.log"

missing=0
for f in $(git ls-files -co --exclude-standard | grep -vE '^(VERSION|LICENSE)$|\.(md|json|txt|conf)$|^\.gitignore$'); do
	head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0' ||
		{ echo "$f" >>"$work/spdx.log"; missing=1; }
done
result "SPDX GPL-2.0 on every source file" $missing "$work/spdx.log"

# make selftests turns a failed UDP case of the kernel's toeplitz.py into
# a skip only if st-toeplitz-udp.py re-checks it: its own cases
python3 scripts/vm/st-toeplitz-udp-test.py >"$work/tz.log" 2>&1
rc=$?
result "st-toeplitz-udp.py re-check ($(tail -n 1 "$work/tz.log"))" $rc "$work/tz.log"

# vm-test.sh re-runs a crashed boot's remaining tests only for faults
# these detectors pin on the emulator: their cases
scripts/vm/emu-fault-test.sh >"$work/emu.log" 2>&1
rc=$?
result "emulator-fault detectors ($(tail -n 1 "$work/emu.log"))" $rc \
	"$work/emu.log"

rst=Documentation/networking/device_drivers/ethernet/intel/e82574.rst
if [ -f "$rst" ]; then
	rst2html --halt=warning "$rst" >/dev/null 2>"$work/rst.log"
	result "documentation renders (rst2html --halt=warning)" $? \
		"$work/rst.log"
fi

# The compatibility table in the rst (between its compat-table markers)
# must be what the headers of the four kernels give today.
# E82574_UPDATE_COMPAT=1 rewrites it instead.
if [ -f "$rst" ]; then
	labels=("Debian 12 6.1" "Debian 12 6.12" "Debian 13 6.12" "trixie-backports")
	{
		printf '%-28s' '=========================='
		for l in "${labels[@]}"; do printf '  %-16s' '================'; done
		echo
		printf '%-28s' 'Probe'
		for l in "${labels[@]}"; do printf '  %-16s' "$l"; done
		echo
		printf '%-28s' '=========================='
		for l in "${labels[@]}"; do printf '  %-16s' '================'; done
		echo
		sed -n 's/^have \([A-Z0-9_]*\) .*/\1/p' "$DRV/kcompat.sh" |
		while read -r f; do
			printf '%-28s' "$f"
			for l in "${labels[@]}"; do
				h=$work/have-$(echo "$l" | tr ' ' _)
				if [ ! -f "$h" ]; then
					v='(not built)'
				elif grep -qx "$f" "$h"; then
					v=yes
				else
					v=no
				fi
				printf '  %-16s' "$v"
			done
			echo
		done
		printf '%-28s' '=========================='
		for l in "${labels[@]}"; do printf '  %-16s' '================'; done
		echo
	} | sed 's/ *$//' >"$work/compat.rst"
	awk '/^\.\. compat-table-end/ { p = 0 } p; /^\.\. compat-table-begin/ { p = 1 }' \
		"$rst" | sed '/^$/d' >"$work/compat.doc"
	if [ "${E82574_UPDATE_COMPAT:-}" = 1 ]; then
		awk -v t="$work/compat.rst" '
			/^\.\. compat-table-end/ { print ""; while ((getline l < t) > 0) print l; print ""; p = 0 }
			!p; /^\.\. compat-table-begin/ { p = 1 }' "$rst" >"$work/rst.new" &&
			cp "$work/rst.new" "$rst"
		cp "$work/compat.rst" "$work/compat.doc"
	fi
	diff -u "$work/compat.doc" "$work/compat.rst" >"$work/compat.log" 2>&1
	rc=$?
	[ -s "$work/compat.rst" ] || rc=1
	result "compatibility table in the rst matches the four kernels' headers (E82574_UPDATE_COMPAT=1 rewrites it)" $rc "$work/compat.log"
fi

echo "check: $pass passed, $fail failed"
[ $fail = 0 ]
