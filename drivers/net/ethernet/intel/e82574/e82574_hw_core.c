// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: pure hardware decisions (see e82574_hw_core.h).
 *
 * Facts used here: the NVM checksum rule (words 0x00-0x3F add up to
 * 0xBABA) and the MAC layout in words 0-2; the 82574's 40 KB packet
 * buffer, 32 KB of it for RX by default; the watermark rule (XOFF at the
 * lower of 90% of the RX buffer and the buffer less one frame, on an
 * 8-byte granularity, XON 8 bytes below); pause resolution after IEEE
 * 802.3 Annex 28B; and the 82574 PHY hang signature (receive error
 * counter saturated and idle error count saturated).  They come from
 * e1000e's 82574 path and QEMU's model of the device.
 */
#include <linux/align.h>
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/linkmode.h>
#include <linux/mii.h>
#include <linux/minmax.h>

#include "e82574_csr.h"

#include "e82574_hw_core.h"

/* 16-bit sum of NVM words (modulo 2^16). */
static u16 e82574_nvm_sum(const u16 *words, unsigned int n)
{
	u16 sum = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		sum += words[i];
	return sum;
}

/**
 * e82574_nvm_check - validate the NVM checksum
 * @nvm: words 0x00-0x3F
 * @sum: where the computed sum goes (for the error message)
 *
 * Return: 0 if the words add up to E82574_NVM_CSUM_SUM, else -EINVAL.
 */
int e82574_nvm_check(const u16 *nvm, u16 *sum)
{
	*sum = e82574_nvm_sum(nvm, E82574_NVM_CSUM_WORDS);
	return *sum == E82574_NVM_CSUM_SUM ? 0 : -EINVAL;
}

/**
 * e82574_nvm_checksum_word - the value word 0x3F must hold
 * @nvm: words 0x00-0x3E (word 0x3F is not read)
 *
 * Return: the word that makes words 0x00-0x3F add up to
 * E82574_NVM_CSUM_SUM.
 */
u16 e82574_nvm_checksum_word(const u16 *nvm)
{
	return (u16)(E82574_NVM_CSUM_SUM -
		     e82574_nvm_sum(nvm, E82574_NVM_CSUM_WORDS - 1));
}

/**
 * e82574_nvm_mac - the permanent MAC address from NVM words 0-2
 * @nvm: at least E82574_NVM_MAC_WORDS words
 * @mac: ETH_ALEN bytes, filled in any case
 *
 * Return: 0, or -EADDRNOTAVAIL if the address is zero or multicast.
 */
int e82574_nvm_mac(const u16 *nvm, u8 *mac)
{
	int i;

	for (i = 0; i < E82574_NVM_MAC_WORDS; i++) {
		mac[2 * i] = nvm[i] & 0xff;
		mac[2 * i + 1] = nvm[i] >> 8;
	}
	return is_valid_ether_addr(mac) ? 0 : -EADDRNOTAVAIL;
}

/**
 * e82574_fc_config - packet buffer split and flow-control thresholds
 * @max_frame: largest frame on the wire, FCS included (bytes)
 * @cfg: result
 *
 * Jumbo frames need room for two frames (plus a 16-byte descriptor each,
 * less the FCS the MAC appends) in the TX FIFO; that room is taken from
 * RX as long as RX keeps at least one whole frame.
 */
void e82574_fc_config(unsigned int max_frame, struct e82574_fc_cfg *cfg)
{
	u32 rx = E82574_PBA_RX_KB, tx, min_tx, min_rx, hwm;

	if (max_frame > ETH_FRAME_LEN + ETH_FCS_LEN) {
		tx = E82574_PBA_TOTAL_KB - rx;
		min_tx = ALIGN((max_frame + 16 - ETH_FCS_LEN) * 2, 1024) >> 10;
		min_rx = ALIGN(max_frame, 1024) >> 10;
		if (tx < min_tx && min_tx - tx < rx) {
			rx -= min_tx - tx;
			if (rx < min_rx)
				rx = min_rx;
		}
	}
	cfg->pba_rx_kb = rx;
	hwm = min((rx << 10) * 9 / 10, (rx << 10) - max_frame);
	cfg->high_water = hwm & ~7u;
	cfg->low_water = cfg->high_water - 8;
}

/**
 * e82574_phy_adv - autonegotiation advertisement registers
 * @speeds: E82574_ADV_* bits; nothing valid means all of them
 * @fc: the flow control the user asks for
 * @advertise: MII_ADVERTISE value (selector, 10/100 abilities, pause)
 * @ctrl1000: the 1000BASE-T ability bits of MII_CTRL1000
 */
void e82574_phy_adv(u32 speeds, enum e82574_fc_mode fc, u16 *advertise,
		    u16 *ctrl1000)
{
	u16 adv = ADVERTISE_CSMA;

	speeds &= E82574_ADV_ALL;
	if (!speeds)
		speeds = E82574_ADV_ALL;
	if (speeds & E82574_ADV_10_HALF)
		adv |= ADVERTISE_10HALF;
	if (speeds & E82574_ADV_10_FULL)
		adv |= ADVERTISE_10FULL;
	if (speeds & E82574_ADV_100_HALF)
		adv |= ADVERTISE_100HALF;
	if (speeds & E82574_ADV_100_FULL)
		adv |= ADVERTISE_100FULL;

	/* Annex 28B: RX-only pause must advertise symmetric too. */
	switch (fc) {
	case E82574_FC_RX:
	case E82574_FC_FULL:
		adv |= ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM;
		break;
	case E82574_FC_TX:
		adv |= ADVERTISE_PAUSE_ASYM;
		break;
	default:
		break;
	}
	*advertise = adv;
	*ctrl1000 = (speeds & E82574_ADV_1000_FULL) ? ADVERTISE_1000FULL : 0;
}

/**
 * e82574_fc_resolve - flow control after autonegotiation
 * @requested: what the user asked for (what was advertised)
 * @advertise: our MII_ADVERTISE
 * @lpa: the link partner's MII_LPA
 * @full_duplex: the link came up full duplex
 *
 * Both sides symmetric: full pause, unless only RX was asked for (RX-only
 * has to advertise symmetric).  We asymmetric only, partner both: we send
 * pause frames.  We both, partner asymmetric only: we honour them.
 *
 * Return: the mode to program into CTRL.RFCE/TFCE and the watermarks.
 */
enum e82574_fc_mode e82574_fc_resolve(enum e82574_fc_mode requested,
				      u16 advertise, u16 lpa, bool full_duplex)
{
	bool sym = advertise & ADVERTISE_PAUSE_CAP;
	bool asym = advertise & ADVERTISE_PAUSE_ASYM;
	bool lp_sym = lpa & LPA_PAUSE_CAP;
	bool lp_asym = lpa & LPA_PAUSE_ASYM;

	if (!full_duplex)
		return E82574_FC_NONE;
	if (sym && lp_sym)
		return requested == E82574_FC_FULL ? E82574_FC_FULL :
						     E82574_FC_RX;
	if (!sym && asym && lp_sym && lp_asym)
		return E82574_FC_TX;
	if (sym && asym && !lp_sym && lp_asym)
		return E82574_FC_RX;
	return E82574_FC_NONE;
}

/**
 * e82574_phy_hung - the 82574 PHY hang signature
 * @rx_err_cnt: PHY receive error counter (register 21)
 * @stat1000: MII_STAT1000 (its low byte counts idle errors)
 *
 * Return: true if both counters are saturated.
 */
bool e82574_phy_hung(u16 rx_err_cnt, u16 stat1000)
{
	return rx_err_cnt == 0xffff && (stat1000 & 0xff) == 0xff;
}

/**
 * e82574_link_adv_modes - ethtool advertised link modes to E82574_ADV_*
 * @modes: the ethtool link-mode mask the user asks to advertise
 * @speeds: E82574_ADV_* bits, set only on success
 * @why: on failure, the reason, for the log
 *
 * 10 and 100 Mb/s half and full and 1000 Mb/s full can be advertised;
 * Autoneg, TP and the pause bits are accepted and ignored here (pause is
 * ethtool -A's).  1000 Mb/s half duplex is refused, as e1000e does, and
 * so is any other mode and a set with no speed at all.
 *
 * Return: 0 or -EINVAL.
 */
int e82574_link_adv_modes(const unsigned long *modes, u32 *speeds,
			  const char **why)
{
	static const struct {
		int mode;
		u32 adv;
	} map[] = {
		{ ETHTOOL_LINK_MODE_10baseT_Half_BIT, E82574_ADV_10_HALF },
		{ ETHTOOL_LINK_MODE_10baseT_Full_BIT, E82574_ADV_10_FULL },
		{ ETHTOOL_LINK_MODE_100baseT_Half_BIT, E82574_ADV_100_HALF },
		{ ETHTOOL_LINK_MODE_100baseT_Full_BIT, E82574_ADV_100_FULL },
		{ ETHTOOL_LINK_MODE_1000baseT_Full_BIT, E82574_ADV_1000_FULL },
	};
	__ETHTOOL_DECLARE_LINK_MODE_MASK(rest);
	u32 adv = 0;
	int i;

	if (linkmode_test_bit(ETHTOOL_LINK_MODE_1000baseT_Half_BIT, modes)) {
		*why = "1000 Mb/s half duplex cannot be advertised";
		return -EINVAL;
	}
	linkmode_copy(rest, modes);
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		if (linkmode_test_bit(map[i].mode, rest))
			adv |= map[i].adv;
		linkmode_clear_bit(map[i].mode, rest);
	}
	linkmode_clear_bit(ETHTOOL_LINK_MODE_Autoneg_BIT, rest);
	linkmode_clear_bit(ETHTOOL_LINK_MODE_TP_BIT, rest);
	linkmode_clear_bit(ETHTOOL_LINK_MODE_Pause_BIT, rest);
	linkmode_clear_bit(ETHTOOL_LINK_MODE_Asym_Pause_BIT, rest);
	if (!linkmode_empty(rest)) {
		*why = "advertised link modes include an unsupported one";
		return -EINVAL;
	}
	if (!adv) {
		*why = "no speed to advertise";
		return -EINVAL;
	}
	*speeds = adv;
	return 0;
}

/**
 * e82574_link_force - PHY and MAC bits for a forced speed and duplex
 * @speed: SPEED_10 or SPEED_100
 * @duplex: DUPLEX_HALF or DUPLEX_FULL
 * @bmcr: MII_BMCR: autonegotiation off, speed and duplex set
 * @ctrl: CTRL: FRCSPD and FRCDPX set, SPD and FD as forced, ASDE off
 * @why: on failure, the reason, for the log
 *
 * 1000 Mb/s needs autonegotiation on copper (1000BASE-T elects its
 * master through it): the caller turns it into autonegotiation of 1000
 * full only, as e1000e does, and it is refused here.  On failure
 * @bmcr and @ctrl are left alone.
 *
 * Return: 0 or -EINVAL.
 */
int e82574_link_force(u32 speed, u8 duplex, u16 *bmcr, u32 *ctrl,
		      const char **why)
{
	u16 b = *bmcr & ~(BMCR_ANENABLE | BMCR_ANRESTART | BMCR_SPEED1000 |
			  BMCR_SPEED100 | BMCR_FULLDPLX);
	u32 c = *ctrl & ~(E82574_CTRL_SPD | E82574_CTRL_ASDE | E82574_CTRL_FD);

	switch (speed) {
	case SPEED_10:
		break;
	case SPEED_100:
		b |= BMCR_SPEED100;
		c |= E82574_CTRL_SPD_100;
		break;
	case SPEED_1000:
		*why = "1000 Mb/s needs autonegotiation on copper";
		return -EINVAL;
	default:
		*why = "unsupported speed (10 or 100 Mb/s can be forced)";
		return -EINVAL;
	}
	switch (duplex) {
	case DUPLEX_HALF:
		break;
	case DUPLEX_FULL:
		b |= BMCR_FULLDPLX;
		c |= E82574_CTRL_FD;
		break;
	default:
		*why = "unsupported duplex (half or full)";
		return -EINVAL;
	}
	*bmcr = b;
	*ctrl = c | E82574_CTRL_FRCSPD | E82574_CTRL_FRCDPX;
	return 0;
}
