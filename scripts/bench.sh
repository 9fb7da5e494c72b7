#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot the emulated NIC like the demo and print benchmark
# figures: RSS balance against the number of flows, RETA writes and time per
# table change, RX rate with one and two queue pairs, and frames reordered
# while the table changes under load.  Figures, not pass/fail.
exec "$(dirname "$0")/demo.sh" --bench "$@"
