/* SPDX-License-Identifier: GPL-2.0 */
/*
 * e82574: pure hardware decisions — NVM checksum and MAC address, packet
 * buffer split and flow-control watermarks, pause advertisement and
 * resolution, the PHY hang test, the ethtool link settings.
 *
 * No MMIO, no netdev, no locks, no allocation: every function maps
 * values read from the device (or asked for by the user) to the values
 * the driver writes, so each one is tested by KUnit on its own.
 */
#ifndef _E82574_HW_CORE_H_
#define _E82574_HW_CORE_H_

#include <linux/bits.h>
#include <linux/types.h>

/* NVM words 0x00-0x3F are covered by the checksum word 0x3F. */
#define E82574_NVM_CSUM_WORDS	0x40
#define E82574_NVM_CSUM_SUM	0xBABA
/* Words 0-2 hold the MAC address, byte 0 in the low byte of word 0. */
#define E82574_NVM_MAC_WORDS	3
/* Initialization Control Word 3 (port A): APME, wake-up enabled at power-on */
#define E82574_NVM_INIT_CTRL3	0x24
#define   E82574_NVM_INIT_CTRL3_APME	BIT(10)

/* The 82574's packet buffer: 40 KB shared by RX and TX. */
#define E82574_PBA_TOTAL_KB	40
/* RX share e1000e programs for the 82574 at standard MTU. */
#define E82574_PBA_RX_KB	32
/* Pause time sent in XOFF frames and the refresh (FCTTV), 512 bit times */
#define E82574_FC_PAUSE_TIME	0x0680

/* Flow control mode, as requested by the user or resolved with the peer. */
enum e82574_fc_mode {
	E82574_FC_NONE = 0,
	E82574_FC_RX = 1,	/* honour received pause frames */
	E82574_FC_TX = 2,	/* send pause frames */
	E82574_FC_FULL = 3,	/* both */
};

/* Speeds and duplexes advertised in autonegotiation (bit mask). */
#define E82574_ADV_10_HALF	BIT(0)
#define E82574_ADV_10_FULL	BIT(1)
#define E82574_ADV_100_HALF	BIT(2)
#define E82574_ADV_100_FULL	BIT(3)
#define E82574_ADV_1000_FULL	BIT(5)
#define E82574_ADV_ALL		(E82574_ADV_10_HALF | E82574_ADV_10_FULL | \
				 E82574_ADV_100_HALF | E82574_ADV_100_FULL | \
				 E82574_ADV_1000_FULL)

/**
 * struct e82574_fc_cfg - packet buffer split and XON/XOFF thresholds
 * @pba_rx_kb: RX share of the packet buffer (PBA), KB
 * @high_water: FCRTH: send XOFF when the RX FIFO fills beyond this (bytes)
 * @low_water: FCRTL: send XON when it drains below this (bytes)
 */
struct e82574_fc_cfg {
	u32 pba_rx_kb;
	u32 high_water;
	u32 low_water;
};

int e82574_nvm_check(const u16 *nvm, u16 *sum);
int e82574_nvm_mac(const u16 *nvm, u8 *mac);
u16 e82574_nvm_checksum_word(const u16 *nvm);
void e82574_fc_config(unsigned int max_frame, struct e82574_fc_cfg *cfg);
void e82574_phy_adv(u32 speeds, enum e82574_fc_mode fc, u16 *advertise,
		    u16 *ctrl1000);
enum e82574_fc_mode e82574_fc_resolve(enum e82574_fc_mode requested,
				      u16 advertise, u16 lpa, bool full_duplex);
bool e82574_phy_hung(u16 rx_err_cnt, u16 stat1000);
int e82574_link_adv_modes(const unsigned long *modes, u32 *speeds,
			  const char **why);
int e82574_link_force(u32 speed, u8 duplex, u16 *bmcr, u32 *ctrl,
		      const char **why);

#endif /* _E82574_HW_CORE_H_ */
