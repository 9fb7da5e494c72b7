#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what the fuzz targets need on Debian 12 (idempotent: nothing
# happens when every package is there already):
#   clang-14            the compiler (-fsanitize=fuzzer,address,undefined)
#   libclang-rt-14-dev  compiler-rt: libFuzzer, ASan and UBSan runtimes
#   llvm-14             llvm-profdata and llvm-cov for "make coverage"
#   python3             seeds.py (committed corpus <-> one file per input)
set -euo pipefail

pkgs=(clang-14 libclang-rt-14-dev llvm-14 python3)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "fuzz/setup.sh: missing ${missing[*]}; run as root to install" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
stamp=/var/lib/apt/periodic/e82574-update-stamp
if [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +360)" ]; then
	echo "fuzz/setup.sh: apt-get update" >&2
	apt-get update -q >/dev/null
	mkdir -p "$(dirname "$stamp")"
	touch "$stamp"
fi
echo "fuzz/setup.sh: installing ${missing[*]}" >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
