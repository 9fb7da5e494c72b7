#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# aerfatal: the interface survives a fatal PCIe error: DLP injected at the
# NIC's root port, the port's secondary bus reset resets the NIC (QEMU's
# e1000e_cb_qdev_reset trace event must show it), and after slot_reset and
# resume the driver has programmed it again from nothing: same MTU,
# addresses, MAC, RSS state, ping and 2000 frames from the peer.  The
# cycle and its checks are aer_cycle in 62-aer.sh, which says why Debian
# 12's 6.1 does not run this test.

. /e82574/tests/62-aer.sh

t_aerfatal() {
	aer_prepare
	aer_cycle "fatal error" DLP "Uncorrectable (Fatal)"
	aer_finish
}
