#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest: run one test (t_NAME from /e82574/tests/*-NAME.sh) in this process.
# Exit status 0 = pass; the failure reason is in /tmp/e82574-reason.
. /e82574/guest-lib.sh
name=$1
f=$(ls /e82574/tests/*-"$name".sh 2>/dev/null | head -n1)
[ -n "$f" ] || fail "no such test: $name"
. "$f"
"t_$name"
