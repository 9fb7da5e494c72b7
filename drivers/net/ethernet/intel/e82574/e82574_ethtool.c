// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: ethtool operations.
 */
#include <linux/ethtool.h>
#include <linux/linkmode.h>
#include <linux/mii.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "e82574.h"

struct e82574_hw_stat {
	char name[ETH_GSTRING_LEN];
	size_t offset;
};

#define E82574_HW_STAT(_name, _field) \
	{ .name = _name, .offset = offsetof(struct e82574_hw_stats, _field) }

static const struct e82574_hw_stat e82574_hw_stats[] = {
	E82574_HW_STAT("hw_rx_good_packets", gprc),
	E82574_HW_STAT("hw_rx_good_bytes", gorc),
	E82574_HW_STAT("hw_rx_total_packets", tpr),
	E82574_HW_STAT("hw_rx_total_bytes", tor),
	E82574_HW_STAT("hw_rx_broadcast", bprc),
	E82574_HW_STAT("hw_rx_multicast", mprc),
	E82574_HW_STAT("hw_rx_undersize", ruc),
	E82574_HW_STAT("hw_rx_oversize", roc),
	E82574_HW_STAT("hw_rx_missed", mpc),
	E82574_HW_STAT("hw_rx_no_buffer", rnbc),
	E82574_HW_STAT("hw_rx_crc_errors", crcerrs),
	E82574_HW_STAT("hw_tx_good_packets", gptc),
	E82574_HW_STAT("hw_tx_good_bytes", gotc),
	E82574_HW_STAT("hw_tx_total_packets", tpt),
	E82574_HW_STAT("hw_tx_total_bytes", tot),
	E82574_HW_STAT("hw_tx_broadcast", bptc),
	E82574_HW_STAT("hw_tx_multicast", mptc),
	E82574_HW_STAT("hw_tx_tso_contexts", tsctc),
	E82574_HW_STAT("hw_collisions", colc),
	E82574_HW_STAT("hw_rx_xon", xonrxc),
	E82574_HW_STAT("hw_tx_xon", xontxc),
	E82574_HW_STAT("hw_rx_xoff", xoffrxc),
	E82574_HW_STAT("hw_tx_xoff", xofftxc),
};

/* Device-wide software counters, in the order e82574_get_stats fills. */
static const char e82574_sw_stats[][ETH_GSTRING_LEN] = {
	"rx_packets", "rx_bytes", "rx_drops", "rx_csum_err",
	"rx_alloc_failed",
	"tx_packets", "tx_bytes", "tx_drops", "tx_restart_queue",
	"tx_csum_offload", "tx_tso", "tx_timeouts",
	"link_changes", "phy_hangs", "other_irqs",
	"rss_reta_writes", "rss_entries_moved",
	"rss_fences", "rss_fence_held", "rss_fence_max_hold_us",
	"rss_fence_timeouts", "rss_fence_late", "rss_fence_overflows",
	"tx_hwtstamps", "tx_hwtstamp_timeouts", "tx_hwtstamp_skipped",
	"rx_hwtstamps",
};

static const char e82574_rxq_stats[][ETH_GSTRING_LEN] = {
	"packets", "bytes", "drops", "csum_err", "alloc_failed",
	"xdp_pass", "xdp_drop", "xdp_tx", "xdp_redirect", "xdp_aborted",
	"xdp_tx_err", "xdp_redirect_err",
};

static const char e82574_txq_stats[][ETH_GSTRING_LEN] = {
	"packets", "bytes", "drops", "restarts", "stops", "csum_offload",
	"tso", "xdp_xmit", "xdp_xmit_err",
};

#define E82574_QUEUE_STATS	(ARRAY_SIZE(e82574_rxq_stats) + \
				 ARRAY_SIZE(e82574_txq_stats) + 1)
#define E82574_STATS_LEN	(ARRAY_SIZE(e82574_sw_stats) + \
				 ARRAY_SIZE(e82574_hw_stats) + \
				 E82574_MAX_QP * E82574_QUEUE_STATS)

static void e82574_get_drvinfo(struct net_device *netdev,
			       struct ethtool_drvinfo *info)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	strscpy(info->driver, E82574_DRV_NAME, sizeof(info->driver));
	strscpy(info->version, E82574_DRV_VERSION, sizeof(info->version));
	strscpy(info->bus_info, pci_name(ad->pdev), sizeof(info->bus_info));
}

static int e82574_get_link_ksettings(struct net_device *netdev,
				     struct ethtool_link_ksettings *cmd)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u32 status = e82574_rd32(ad, E82574_STATUS);
	unsigned long *lp = cmd->link_modes.lp_advertising;

	ethtool_link_ksettings_zero_link_mode(cmd, supported);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 10baseT_Half);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 10baseT_Full);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 100baseT_Half);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 100baseT_Full);
	ethtool_link_ksettings_add_link_mode(cmd, supported, 1000baseT_Full);
	ethtool_link_ksettings_add_link_mode(cmd, supported, Autoneg);
	ethtool_link_ksettings_add_link_mode(cmd, supported, TP);
	ethtool_link_ksettings_add_link_mode(cmd, supported, Pause);
	ethtool_link_ksettings_add_link_mode(cmd, supported, Asym_Pause);

	ethtool_link_ksettings_zero_link_mode(cmd, advertising);
	if (ad->phy_adv & E82574_ADV_10_HALF)
		ethtool_link_ksettings_add_link_mode(cmd, advertising,
						     10baseT_Half);
	if (ad->phy_adv & E82574_ADV_10_FULL)
		ethtool_link_ksettings_add_link_mode(cmd, advertising,
						     10baseT_Full);
	if (ad->phy_adv & E82574_ADV_100_HALF)
		ethtool_link_ksettings_add_link_mode(cmd, advertising,
						     100baseT_Half);
	if (ad->phy_adv & E82574_ADV_100_FULL)
		ethtool_link_ksettings_add_link_mode(cmd, advertising,
						     100baseT_Full);
	if (ad->phy_adv & E82574_ADV_1000_FULL)
		ethtool_link_ksettings_add_link_mode(cmd, advertising,
						     1000baseT_Full);
	if (ad->link_autoneg)
		ethtool_link_ksettings_add_link_mode(cmd, advertising, Autoneg);
	ethtool_link_ksettings_add_link_mode(cmd, advertising, TP);
	/* As advertised to the PHY (e82574_phy_adv()). */
	if (ad->fc_requested & E82574_FC_RX)
		ethtool_link_ksettings_add_link_mode(cmd, advertising, Pause);
	if (ad->fc_requested != E82574_FC_NONE)
		ethtool_link_ksettings_add_link_mode(cmd, advertising,
						     Asym_Pause);

	cmd->base.port = PORT_TP;
	cmd->base.phy_address = 1;
	cmd->base.autoneg = ad->link_autoneg ? AUTONEG_ENABLE : AUTONEG_DISABLE;
	cmd->base.eth_tp_mdix_ctrl = ad->mdix_ctrl;
	cmd->base.eth_tp_mdix = ETH_TP_MDI_INVALID;
	if (netif_carrier_ok(netdev) && (status & E82574_STATUS_LU)) {
		u16 lpa, stat1000, pssr;

		/* What the link partner advertised, and the crossover. */
		if (ad->link_autoneg &&
		    !e82574_phy_read(ad, MII_LPA, &lpa) &&
		    !e82574_phy_read(ad, MII_STAT1000, &stat1000)) {
			mii_lpa_mod_linkmode_lpa_t(lp, lpa);
			mii_stat1000_mod_linkmode_lpa_t(lp, stat1000);
		}
		if (!e82574_phy_read(ad, E82574_PHY_SPEC_STATUS, &pssr))
			cmd->base.eth_tp_mdix = (pssr & E82574_PSSR_MDIX) ?
						ETH_TP_MDI_X : ETH_TP_MDI;
		switch (FIELD_GET(E82574_STATUS_SPEED, status)) {
		case E82574_STATUS_SPEED_10:
			cmd->base.speed = SPEED_10;
			break;
		case E82574_STATUS_SPEED_100:
			cmd->base.speed = SPEED_100;
			break;
		default:
			cmd->base.speed = SPEED_1000;
			break;
		}
		cmd->base.duplex = (status & E82574_STATUS_FD) ?
				   DUPLEX_FULL : DUPLEX_HALF;
	} else {
		cmd->base.speed = SPEED_UNKNOWN;
		cmd->base.duplex = DUPLEX_UNKNOWN;
	}
	return 0;
}

/*
 * ethtool -s: autonegotiation with a subset of the speeds advertised, or
 * speed and duplex forced (10 or 100 Mb/s).  Stored in the adapter, so
 * every later link setup (open, reset, resume) applies it too; with the
 * interface up the PHY is reprogrammed and the link comes up again.
 * Nothing changes when the request is refused.
 */
static int e82574_set_link_ksettings(struct net_device *netdev,
				     const struct ethtool_link_ksettings *cmd)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	bool autoneg = cmd->base.autoneg == AUTONEG_ENABLE;
	u32 speed = cmd->base.speed;
	u8 duplex = cmd->base.duplex;
	const char *why = NULL;
	u32 adv = ad->phy_adv;
	u8 mdix = cmd->base.eth_tp_mdix_ctrl;
	bool mdix_forced = mdix == ETH_TP_MDI || mdix == ETH_TP_MDI_X;
	u32 ctrl = 0;
	u16 bmcr = 0;
	int err;

	if (cmd->base.port != PORT_TP) {
		why = "only the twisted-pair port exists";
		err = -EINVAL;
	} else if (!mdix_forced && mdix != ETH_TP_MDI_INVALID &&
		   mdix != ETH_TP_MDI_AUTO) {
		why = "MDI/MDI-X must be auto, on or off";
		err = -EINVAL;
	} else if (mdix_forced && cmd->base.autoneg != AUTONEG_ENABLE) {
		why = "MDI/MDI-X can be forced only with autonegotiation on";
		err = -EINVAL;
	} else if (cmd->base.autoneg != AUTONEG_ENABLE &&
		   cmd->base.autoneg != AUTONEG_DISABLE) {
		why = "autonegotiation must be on or off";
		err = -EINVAL;
	} else if (autoneg) {
		err = e82574_link_adv_modes(cmd->link_modes.advertising, &adv,
					    &why);
	} else if (speed == SPEED_1000 && duplex == DUPLEX_FULL) {
		/*
		 * 1000BASE-T elects its clock master by autonegotiation: as
		 * e1000e does on copper, "forced" 1000 full autonegotiates
		 * with only 1000 full advertised.
		 */
		autoneg = true;
		adv = E82574_ADV_1000_FULL;
		err = 0;
	} else {
		err = e82574_link_force(speed, duplex, &bmcr, &ctrl, &why);
	}
	if (err) {
		netdev_err(netdev, "link settings refused: %s\n", why);
		return err;
	}
	/* a forced link has MDI fixed by the PHY: the setting is kept */
	if (mdix == ETH_TP_MDI_INVALID)
		mdix = ad->mdix_ctrl;
	if (autoneg == ad->link_autoneg && mdix == ad->mdix_ctrl &&
	    (autoneg ? adv == ad->phy_adv :
		       speed == ad->link_speed && duplex == ad->link_duplex))
		return 0;
	ad->mdix_ctrl = mdix;
	ad->link_autoneg = autoneg;
	if (autoneg) {
		ad->phy_adv = adv;
	} else {
		ad->link_speed = speed;
		ad->link_duplex = duplex;
	}
	if (test_bit(E82574_STATE_DOWN, &ad->state))
		return 0;
	netif_carrier_off(netdev);
	err = e82574_phy_setup_link(ad);
	/* A forced link does not renegotiate: take it up as it is. */
	if (!err && !autoneg)
		e82574_check_link(ad);
	return err;
}

/*
 * ethtool -r: negotiate the link again with the current settings.  Only
 * with autonegotiation on, as e1000e allows it; e1000e reinitialises the
 * whole device for it, here only the link is set up again.
 */
static int e82574_nway_reset(struct net_device *netdev)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	if (!netif_running(netdev) || test_bit(E82574_STATE_DOWN, &ad->state))
		return -EAGAIN;
	if (!ad->link_autoneg) {
		netdev_err(netdev,
			   "autonegotiation restart refused: speed and duplex are forced\n");
		return -EINVAL;
	}
	netif_carrier_off(netdev);
	return e82574_phy_setup_link(ad);
}

static void e82574_get_pauseparam(struct net_device *netdev,
				  struct ethtool_pauseparam *pause)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	enum e82574_fc_mode fc = netif_carrier_ok(netdev) ? ad->fc_current :
							     ad->fc_requested;

	pause->autoneg = ad->fc_autoneg ? AUTONEG_ENABLE : AUTONEG_DISABLE;
	pause->rx_pause = !!(fc & E82574_FC_RX);
	pause->tx_pause = !!(fc & E82574_FC_TX);
}

/*
 * IEEE 802.3x PAUSE frames sent and received: the XON and XOFF counters
 * added up (both are PAUSE frames, XON with a zero pause time).
 */
static void e82574_get_pause_stats(struct net_device *netdev,
				   struct ethtool_pause_stats *stats)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct e82574_hw_stats *s = &ad->hw_stats;
	unsigned long flags;

	if (!test_bit(E82574_STATE_DOWN, &ad->state))
		e82574_update_hw_stats(ad);
	spin_lock_irqsave(&ad->stats_lock, flags);
	stats->tx_pause_frames = s->xontxc + s->xofftxc;
	stats->rx_pause_frames = s->xonrxc + s->xoffrxc;
	spin_unlock_irqrestore(&ad->stats_lock, flags);
}

/*
 * ethtool -A: with autoneg the request is advertised and the link
 * renegotiates (the result shows in -a once it is up again); without,
 * the MAC is set to exactly the request at once.
 */
static int e82574_set_pauseparam(struct net_device *netdev,
				 struct ethtool_pauseparam *pause)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	enum e82574_fc_mode fc = E82574_FC_NONE;
	int err = 0;

	if (pause->rx_pause)
		fc |= E82574_FC_RX;
	if (pause->tx_pause)
		fc |= E82574_FC_TX;
	if (fc == ad->fc_requested && !!pause->autoneg == ad->fc_autoneg)
		return 0;
	ad->fc_requested = fc;
	ad->fc_autoneg = pause->autoneg;
	if (test_bit(E82574_STATE_DOWN, &ad->state))
		return 0;
	if (ad->fc_autoneg) {
		netif_carrier_off(netdev);
		err = e82574_phy_setup_link(ad);
	} else {
		ad->fc_current = fc;
		e82574_hw_fc_apply(ad);
	}
	return err;
}

/* ------------------------------------------------------------------ */
/* Interrupt moderation: EITR of each queue vector, 256 ns units.     */

#define E82574_MSG_ADAPTIVE \
	"adaptive-rx is on: turn it off to set rx-usecs/tx-usecs"
#define E82574_MAX_ITR_USECS	(U16_MAX * E82574_ITR_NS / 1000)

static u32 e82574_itr_usecs(u16 itr)
{
	return DIV_ROUND_CLOSEST(itr * E82574_ITR_NS, 1000);
}

static void e82574_fill_coalesce(struct e82574_adapter *ad, u32 q,
				 struct ethtool_coalesce *ec)
{
	/* RX and TX of a queue pair share the vector and its interval. */
	ec->rx_coalesce_usecs = e82574_itr_usecs(ad->itr[q]);
	ec->tx_coalesce_usecs = ec->rx_coalesce_usecs;
	ec->use_adaptive_rx_coalesce = ad->adaptive_rx[q];
}

/*
 * The interval that was changed wins (RX first); both must fit EITR.
 * Return: the EITR value, or -EINVAL with @msg set.
 */
static int e82574_coalesce_itr(struct e82574_adapter *ad, u32 q,
			       const struct ethtool_coalesce *ec,
			       const char **msg)
{
	u32 cur = e82574_itr_usecs(ad->itr[q]), usecs;

	usecs = ec->rx_coalesce_usecs != cur ? ec->rx_coalesce_usecs :
					       ec->tx_coalesce_usecs;
	if (usecs > E82574_MAX_ITR_USECS) {
		*msg = "rx-usecs/tx-usecs: at most 16776 (16-bit EITR)";
		return -EINVAL;
	}
	/* DIM owns the interval while adaptive-rx stays on. */
	if (usecs != cur && ad->adaptive_rx[q] &&
	    ec->use_adaptive_rx_coalesce) {
		*msg = E82574_MSG_ADAPTIVE;
		return -EINVAL;
	}
	return DIV_ROUND_CLOSEST(usecs * 1000, E82574_ITR_NS);
}

/*
 * Keep the fixed interval and the adaptive switch of queue vector @q; the
 * fixed interval is programmed unless DIM picks it.
 */
static void e82574_apply_coalesce(struct e82574_adapter *ad, u32 q, u16 itr,
				  bool adaptive)
{
	ad->itr[q] = itr;
	WRITE_ONCE(ad->adaptive_rx[q], adaptive);
	if (test_bit(E82574_STATE_DOWN, &ad->state) || adaptive)
		return;
	e82574_qvec_write_itr(&ad->qv[q], itr);
}

static int e82574_get_coalesce(struct net_device *netdev,
			       struct ethtool_coalesce *ec,
			       struct kernel_ethtool_coalesce *kec,
			       struct netlink_ext_ack *extack)
{
	e82574_fill_coalesce(netdev_priv(netdev), 0, ec);
	return 0;
}

static int e82574_set_coalesce(struct net_device *netdev,
			       struct ethtool_coalesce *ec,
			       struct kernel_ethtool_coalesce *kec,
			       struct netlink_ext_ack *extack)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	bool new_usecs, new_adaptive, adaptive;
	const char *msg = NULL;
	u32 q, cur;
	int itr;

	/*
	 * ethtool -c shows queue 0, and ethtool -C sends that back with the
	 * user's changes: what changed applies to every vector, and what did
	 * not keeps each vector's own (per-queue) setting.
	 */
	cur = e82574_itr_usecs(ad->itr[0]);
	new_usecs = ec->rx_coalesce_usecs != cur ||
		    ec->tx_coalesce_usecs != cur;
	new_adaptive = ec->use_adaptive_rx_coalesce != ad->adaptive_rx[0];
	itr = e82574_coalesce_itr(ad, 0, ec, &msg);
	for (q = 0; itr >= 0 && new_usecs && q < E82574_MAX_QP; q++) {
		adaptive = new_adaptive ? ec->use_adaptive_rx_coalesce :
					  ad->adaptive_rx[q];
		if (ad->adaptive_rx[q] && adaptive) {
			msg = E82574_MSG_ADAPTIVE;
			itr = -EINVAL;
		}
	}
	if (itr < 0) {
		e82574_extack_msg(ad, extack, msg);
		return itr;
	}
	for (q = 0; q < E82574_MAX_QP; q++)
		e82574_apply_coalesce(ad, q, new_usecs ? itr : ad->itr[q],
				      new_adaptive ?
				      ec->use_adaptive_rx_coalesce :
				      ad->adaptive_rx[q]);
	return 0;
}

static int e82574_get_per_queue_coalesce(struct net_device *netdev, u32 q,
					 struct ethtool_coalesce *ec)
{
	if (q >= E82574_MAX_QP)
		return -EINVAL;
	e82574_fill_coalesce(netdev_priv(netdev), q, ec);
	return 0;
}

static int e82574_set_per_queue_coalesce(struct net_device *netdev, u32 q,
					 struct ethtool_coalesce *ec)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	const char *msg = NULL;
	int itr;

	if (q >= E82574_MAX_QP)
		return -EINVAL;
	itr = e82574_coalesce_itr(ad, q, ec, &msg);
	if (itr < 0) {
		netdev_err(netdev, "%s\n", msg);
		return itr;
	}
	e82574_apply_coalesce(ad, q, itr, ec->use_adaptive_rx_coalesce);
	return 0;
}

/* ------------------------------------------------------------------ */
/* NVM (ethtool -e/-E), register dump (-d), identify (-p)             */

static int e82574_get_eeprom_len(struct net_device *netdev)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	return ad->nvm_words * 2;
}

static u32 e82574_eeprom_magic(struct e82574_adapter *ad)
{
	return ad->pdev->vendor | (u32)ad->pdev->device << 16;
}

static int e82574_get_eeprom(struct net_device *netdev,
			     struct ethtool_eeprom *ee, u8 *bytes)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u16 first = ee->offset / 2, last = (ee->offset + ee->len - 1) / 2;
	u16 *words;
	int i, err;

	ee->magic = e82574_eeprom_magic(ad);
	if (!ee->len)
		return 0;
	words = kcalloc(last - first + 1, sizeof(*words), GFP_KERNEL);
	if (!words)
		return -ENOMEM;
	err = e82574_nvm_read(ad, first, last - first + 1, words);
	if (!err) {
		for (i = 0; i <= last - first; i++)
			cpu_to_le16s(&words[i]);
		memcpy(bytes, (u8 *)words + (ee->offset & 1), ee->len);
	}
	kfree(words);
	return err;
}

/*
 * Bytes are merged into whole words (read first where a write covers
 * half a word); the driver then fixes the checksum word, which cannot be
 * written itself.
 */
static int e82574_set_eeprom(struct net_device *netdev,
			     struct ethtool_eeprom *ee, u8 *bytes)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u16 first = ee->offset / 2, last = (ee->offset + ee->len - 1) / 2;
	u16 n = last - first + 1, *words;
	int i, err;

	if (!ee->len)
		return -EINVAL;
	if (ee->magic != e82574_eeprom_magic(ad)) {
		netdev_err(netdev, "NVM write: magic must be 0x%08x\n",
			   e82574_eeprom_magic(ad));
		return -EINVAL;
	}
	if (first <= E82574_NVM_CSUM_WORDS - 1 &&
	    last >= E82574_NVM_CSUM_WORDS - 1) {
		netdev_err(netdev,
			   "NVM write: word 0x3f is the checksum, the driver computes it\n");
		return -EINVAL;
	}
	words = kcalloc(n, sizeof(*words), GFP_KERNEL);
	if (!words)
		return -ENOMEM;
	/* The edges keep the bytes the user did not give. */
	err = e82574_nvm_read(ad, first, 1, &words[0]);
	if (!err && n > 1)
		err = e82574_nvm_read(ad, last, 1, &words[n - 1]);
	if (!err) {
		for (i = 0; i < n; i++)
			cpu_to_le16s(&words[i]);
		memcpy((u8 *)words + (ee->offset & 1), bytes, ee->len);
		for (i = 0; i < n; i++)
			le16_to_cpus(&words[i]);
		err = e82574_nvm_write(ad, first, n, words);
	}
	kfree(words);
	return err;
}

/* Registers ethtool -d dumps, as (offset, value) pairs. */
static const u32 e82574_dump_regs[] = {
	E82574_CTRL, E82574_STATUS, E82574_EECD, E82574_CTRL_EXT,
	E82574_FCAL, E82574_FCAH, E82574_FCT, E82574_VET, E82574_FCTTV,
	E82574_ITR, E82574_IMS, E82574_EIAC, E82574_IAM, E82574_IVAR,
	E82574_EITR(0), E82574_EITR(1), E82574_EITR(2), E82574_EITR(3),
	E82574_EITR(4), E82574_RCTL, E82574_TCTL, E82574_TIPG,
	E82574_LEDCTL, E82574_EXTCNF_CTRL, E82574_PBA, E82574_FCRTL,
	E82574_FCRTH, E82574_RDBAL(0), E82574_RDBAH(0), E82574_RDLEN(0),
	E82574_RDH(0), E82574_RDT(0), E82574_RXDCTL(0), E82574_RDBAL(1),
	E82574_RDBAH(1), E82574_RDLEN(1), E82574_RDH(1), E82574_RDT(1),
	E82574_RXDCTL(1), E82574_RDTR, E82574_RADV, E82574_RSRPD,
	E82574_TDBAL(0), E82574_TDBAH(0), E82574_TDLEN(0), E82574_TDH(0),
	E82574_TDT(0), E82574_TXDCTL(0), E82574_TARC(0), E82574_TDBAL(1),
	E82574_TDBAH(1), E82574_TDLEN(1), E82574_TDH(1), E82574_TDT(1),
	E82574_TXDCTL(1), E82574_TARC(1), E82574_TIDV, E82574_TADV,
	E82574_RXCSUM, E82574_RFCTL, E82574_WUC, E82574_MANC, E82574_GCR,
	E82574_GCR2, E82574_MRQC,
};

#define E82574_DUMP_WORDS	(2 * (ARRAY_SIZE(e82574_dump_regs) + \
				      E82574_RETA_NUM + E82574_RSSRK_NUM + \
				      2 * E82574_RAR_NUM))

static int e82574_get_regs_len(struct net_device *netdev)
{
	return E82574_DUMP_WORDS * sizeof(u32);
}

static u32 *e82574_dump_reg(struct e82574_adapter *ad, u32 *out, u32 reg)
{
	*out++ = reg;
	*out++ = e82574_rd32(ad, reg);
	return out;
}

static void e82574_get_regs(struct net_device *netdev,
			    struct ethtool_regs *regs, void *p)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u32 *out = p;
	unsigned int i;

	/* Version 1: (offset, value) pairs; no clear-on-read register. */
	regs->version = 1;
	memset(p, 0, E82574_DUMP_WORDS * sizeof(u32));
	if (test_bit(E82574_STATE_SUSPENDED, &ad->state))
		return;
	for (i = 0; i < ARRAY_SIZE(e82574_dump_regs); i++)
		out = e82574_dump_reg(ad, out, e82574_dump_regs[i]);
	for (i = 0; i < E82574_RETA_NUM; i++)
		out = e82574_dump_reg(ad, out, E82574_RETA(i));
	for (i = 0; i < E82574_RSSRK_NUM; i++)
		out = e82574_dump_reg(ad, out, E82574_RSSRK(i));
	for (i = 0; i < E82574_RAR_NUM; i++) {
		out = e82574_dump_reg(ad, out, E82574_RAL(i));
		out = e82574_dump_reg(ad, out, E82574_RAH(i));
	}
}

/* ethtool -p: all LEDs on and off twice a second, then as they were. */
static int e82574_set_phys_id(struct net_device *netdev,
			      enum ethtool_phys_id_state state)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u32 led = ad->ledctl_saved;
	int n;

	if (test_bit(E82574_STATE_SUSPENDED, &ad->state))
		return -EBUSY;
	switch (state) {
	case ETHTOOL_ID_ACTIVE:
		ad->ledctl_saved = e82574_rd32(ad, E82574_LEDCTL);
		return 2;
	case ETHTOOL_ID_ON:
	case ETHTOOL_ID_OFF:
		for (n = 0; n < E82574_LED_NUM; n++) {
			led &= ~(E82574_LEDCTL_MODE(n) | E82574_LEDCTL_IVRT(n) |
				 E82574_LEDCTL_BLINK(n));
			led |= (state == ETHTOOL_ID_ON ? E82574_LED_ON :
				E82574_LED_OFF) << (8 * n);
		}
		e82574_wr32(ad, E82574_LEDCTL, led);
		return 0;
	case ETHTOOL_ID_INACTIVE:
		e82574_wr32(ad, E82574_LEDCTL, ad->ledctl_saved);
		return 0;
	}
	return -EINVAL;
}

static void e82574_get_ringparam(struct net_device *netdev,
				 struct ethtool_ringparam *ring,
				 struct kernel_ethtool_ringparam *kring,
				 struct netlink_ext_ack *extack)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	ring->rx_max_pending = E82574_MAX_DESC;
	ring->tx_max_pending = E82574_MAX_DESC;
	ring->rx_pending = ad->rx_count;
	ring->tx_pending = ad->tx_count;
}

/*
 * ethtool -G: 64 to 4096 descriptors, a multiple of 8 (the ring length
 * register counts 128-byte units).  The new rings are allocated before
 * the old ones are freed.
 */
static int e82574_set_ringparam(struct net_device *netdev,
				struct ethtool_ringparam *ring,
				struct kernel_ethtool_ringparam *kring,
				struct netlink_ext_ack *extack)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u32 tx = ring->tx_pending, rx = ring->rx_pending;

	if (ring->rx_mini_pending || ring->rx_jumbo_pending) {
		e82574_extack_msg(ad, extack, "rings: no mini or jumbo rings");
		return -EINVAL;
	}
	if (tx < E82574_MIN_DESC || rx < E82574_MIN_DESC ||
	    tx % 8 || rx % 8) {
		e82574_extack_msg(ad, extack,
				  "rings: 64 to 4096 descriptors, a multiple of 8");
		return -EINVAL;
	}
	if (tx == ad->tx_count && rx == ad->rx_count)
		return 0;
	return e82574_reconfigure(netdev, ad->num_qp, tx, rx, netdev->mtu);
}

static void e82574_get_channels(struct net_device *netdev,
				struct ethtool_channels *ch)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	ch->max_combined = ad->msix ? E82574_MAX_QP : 1;
	ch->combined_count = ad->num_qp;
	ch->max_other = ad->msix ? 1 : 0;
	ch->other_count = ad->msix ? 1 : 0;
}

static int e82574_set_channels(struct net_device *netdev,
			       struct ethtool_channels *ch)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u16 max = ad->msix ? E82574_MAX_QP : 1;
	u16 old = ad->num_qp;

	if (ch->rx_count || ch->tx_count || !ch->combined_count ||
	    ch->combined_count > max) {
		netdev_err(netdev, "channels: combined 1..%u only\n", max);
		return -EINVAL;
	}
	if (ch->other_count != (ad->msix ? 1 : 0)) {
		netdev_err(netdev, "channels: the link vector is not optional\n");
		return -EINVAL;
	}
	if (ch->combined_count == old)
		return 0;
	return e82574_reconfigure(netdev, ch->combined_count, ad->tx_count,
				  ad->rx_count, netdev->mtu);
}

/**
 * e82574_extack_msg - report a refused configuration
 * @ad: adapter
 * @extack: netlink extended ack, or NULL (ioctl callers, 6.1 ops)
 * @msg: the reason, in words for the user
 *
 * Goes to the caller through @extack where there is one, else to the
 * kernel log, so ioctl users (ethtool 6.1 uses ioctl for -X) see it too.
 */
void e82574_extack_msg(struct e82574_adapter *ad,
		       struct netlink_ext_ack *extack, const char *msg)
{
#ifdef E82574_HAVE_NL_SET_ERR_MSG_FMT
	if (extack) {
		NL_SET_ERR_MSG_FMT_MOD(extack, "%s", msg);
		return;
	}
#endif
	netdev_err(ad->netdev, "%s\n", msg);
}

static u32 e82574_get_rxfh_indir_size(struct net_device *netdev)
{
	return E82574_RSS_INDIR_SIZE;
}

static u32 e82574_get_rxfh_key_size(struct net_device *netdev)
{
	return E82574_RSS_KEY_SIZE;
}

static int e82574_set_rxfh_common(struct e82574_adapter *ad, const u32 *indir,
				  const u8 *key, u8 hfunc,
				  struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	if (hfunc != ETH_RSS_HASH_NO_CHANGE && hfunc != ETH_RSS_HASH_TOP) {
		e82574_extack_msg(ad, extack,
				  "the 82574 hashes with Toeplitz only");
		return -EOPNOTSUPP;
	}
	/* Validate before changing anything: a refusal keeps the state. */
	if (indir) {
		err = e82574_rss_set_table(ad, indir, extack);
		if (err)
			return err;
		/* the user's table wins over the balancer's */
		e82574_rss_balance_off(ad,
				       "the indirection table was set with ethtool -X");
	}
	if (key)
		e82574_rss_set_key(ad, key);
	return 0;
}

#ifdef E82574_HAVE_ETHTOOL_RXFH_PARAM
static int e82574_get_rxfh(struct net_device *netdev,
			   struct ethtool_rxfh_param *rxfh)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	rxfh->hfunc = ETH_RSS_HASH_TOP;
	if (rxfh->indir)
		memcpy(rxfh->indir, ad->rss.indir, sizeof(ad->rss.indir));
	if (rxfh->key)
		memcpy(rxfh->key, ad->rss.key, sizeof(ad->rss.key));
	return 0;
}

static int e82574_set_rxfh(struct net_device *netdev,
			   struct ethtool_rxfh_param *rxfh,
			   struct netlink_ext_ack *extack)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	if (rxfh->rss_context) {
		e82574_extack_msg(ad, extack, "no additional RSS contexts");
		return -EOPNOTSUPP;
	}
	if (rxfh->input_xfrm && rxfh->input_xfrm != RXH_XFRM_NO_CHANGE) {
		e82574_extack_msg(ad, extack,
				  "no symmetric input transformation");
		return -EOPNOTSUPP;
	}
	return e82574_set_rxfh_common(ad, rxfh->indir, rxfh->key,
				      rxfh->hfunc, extack);
}
#else
static int e82574_get_rxfh(struct net_device *netdev, u32 *indir, u8 *key,
			   u8 *hfunc)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	if (hfunc)
		*hfunc = ETH_RSS_HASH_TOP;
	if (indir)
		memcpy(indir, ad->rss.indir, sizeof(ad->rss.indir));
	if (key)
		memcpy(key, ad->rss.key, sizeof(ad->rss.key));
	return 0;
}

static int e82574_set_rxfh(struct net_device *netdev, const u32 *indir,
			   const u8 *key, const u8 hfunc)
{
	return e82574_set_rxfh_common(netdev_priv(netdev), indir, key, hfunc,
				      NULL);
}
#endif

static int e82574_get_rxnfc(struct net_device *netdev,
			    struct ethtool_rxnfc *cmd, u32 *rule_locs)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u64 data;
	int err;

	switch (cmd->cmd) {
	case ETHTOOL_GRXRINGS:
		/* The core validates -X tables against this. */
		cmd->data = ad->num_qp;
		return 0;
	case ETHTOOL_GRXFH:
		err = e82574_rss_get_fields(ad, cmd->flow_type, &data);
		if (!err)
			cmd->data = data;
		return err;
	default:
		return -EOPNOTSUPP;
	}
}

static int e82574_set_rxnfc(struct net_device *netdev,
			    struct ethtool_rxnfc *cmd)
{
	if (cmd->cmd != ETHTOOL_SRXFH)
		return -EOPNOTSUPP;
	return e82574_rss_set_fields(netdev_priv(netdev), cmd->flow_type,
				     cmd->data, NULL);
}

#ifdef E82574_HAVE_ETHTOOL_RXFH_FIELDS
static int e82574_get_rxfh_fields(struct net_device *netdev,
				  struct ethtool_rxfh_fields *fields)
{
	u64 data;
	int err;

	err = e82574_rss_get_fields(netdev_priv(netdev), fields->flow_type,
				    &data);
	if (!err)
		fields->data = data;
	return err;
}

static int e82574_set_rxfh_fields(struct net_device *netdev,
				  const struct ethtool_rxfh_fields *fields,
				  struct netlink_ext_ack *extack)
{
	return e82574_rss_set_fields(netdev_priv(netdev), fields->flow_type,
				     fields->data, extack);
}
#endif

#ifdef E82574_HAVE_ETHTOOL_RX_RING_COUNT
static u32 e82574_get_rx_ring_count(struct net_device *netdev)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	return ad->num_qp;
}
#endif

/* Private flags (ethtool --show-priv-flags / --set-priv-flags) */
#define E82574_PRIV_MSI		BIT(0)
#define E82574_PRIV_RSS_BALANCE	BIT(1)
#define E82574_PRIV_RSS_FENCE	BIT(2)

static const char e82574_priv_flags[][ETH_GSTRING_LEN] = {
	"msi",		/* one MSI vector and one queue pair, no MSI-X */
	"rss-balance",	/* load-aware rebalancing of the RSS table */
	"rss-fence",	/* RSS table moves keep each flow in order */
};

static int e82574_get_sset_count(struct net_device *netdev, int sset)
{
	switch (sset) {
	case ETH_SS_STATS:
		return E82574_STATS_LEN;
	case ETH_SS_PRIV_FLAGS:
		return ARRAY_SIZE(e82574_priv_flags);
	case ETH_SS_TEST:
		return e82574_selftest_count();
	default:
		return -EOPNOTSUPP;
	}
}

#define E82574_WAKE_MODES \
	(WAKE_PHY | WAKE_UCAST | WAKE_MCAST | WAKE_BCAST | WAKE_MAGIC)

static void e82574_get_wol(struct net_device *netdev,
			   struct ethtool_wolinfo *wol)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	wol->supported = 0;
	wol->wolopts = 0;
	if (!device_can_wakeup(&ad->pdev->dev))
		return;
	wol->supported = E82574_WAKE_MODES;
	if (ad->wol & E82574_WUFC_LNKC)
		wol->wolopts |= WAKE_PHY;
	if (ad->wol & E82574_WUFC_EX)
		wol->wolopts |= WAKE_UCAST;
	if (ad->wol & E82574_WUFC_MC)
		wol->wolopts |= WAKE_MCAST;
	if (ad->wol & E82574_WUFC_BC)
		wol->wolopts |= WAKE_BCAST;
	if (ad->wol & E82574_WUFC_MAG)
		wol->wolopts |= WAKE_MAGIC;
}

static int e82574_set_wol(struct net_device *netdev,
			  struct ethtool_wolinfo *wol)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u32 wufc = 0;

	if (!device_can_wakeup(&ad->pdev->dev) ||
	    (wol->wolopts & ~E82574_WAKE_MODES))
		return -EOPNOTSUPP;
	if (wol->wolopts & WAKE_PHY)
		wufc |= E82574_WUFC_LNKC;
	if (wol->wolopts & WAKE_UCAST)
		wufc |= E82574_WUFC_EX;
	if (wol->wolopts & WAKE_MCAST)
		wufc |= E82574_WUFC_MC;
	if (wol->wolopts & WAKE_BCAST)
		wufc |= E82574_WUFC_BC;
	if (wol->wolopts & WAKE_MAGIC)
		wufc |= E82574_WUFC_MAG;
	/* Armed at suspend or shutdown; kept across reset and resume. */
	ad->wol = wufc;
	device_set_wakeup_enable(&ad->pdev->dev, !!wufc);
	return 0;
}

static u32 e82574_get_priv_flags(struct net_device *netdev)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	return (ad->msix ? 0 : E82574_PRIV_MSI) |
	       (ad->bal ? E82574_PRIV_RSS_BALANCE : 0) |
	       (ad->fence_on ? E82574_PRIV_RSS_FENCE : 0);
}

/*
 * "msi" trades MSI-X for a single MSI vector (for systems whose MSI-X is
 * broken, and to test that mode): one queue pair, so it is refused while
 * the user's RSS table sends traffic to queue 1, as -L combined 1 is.
 */
static int e82574_set_msi(struct net_device *netdev, bool msi)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u32 i;

	if (msi == !ad->msix)
		return 0;
	if (msi && netif_is_rxfh_configured(netdev)) {
		for (i = 0; i < E82574_RSS_INDIR_SIZE; i++) {
			if (ad->rss.indir[i]) {
				netdev_err(netdev,
					   "msi: the RSS table sends traffic to queue %u; set a table on queue 0 first\n",
					   ad->rss.indir[i]);
				return -EINVAL;
			}
		}
	}
	return e82574_set_irq_mode(netdev, !msi);
}

/*
 * "rss-balance" turns on per-entry load counting and the periodic
 * balancer (e82574_rss.c); off keeps the table it chose.  "rss-fence"
 * (on by default: a table change otherwise reorders the flows it moves,
 * which TCP reads as loss) holds frames of moved entries on their new
 * queue until the old queue has delivered what it received before.
 */
static int e82574_set_priv_flags(struct net_device *netdev, u32 flags)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	bool bal = flags & E82574_PRIV_RSS_BALANCE;
	bool bal_on = bal && !ad->bal;
	int err;

	/* What can fail first; undone if the rest fails: all or nothing. */
	if (bal_on) {
		err = e82574_rss_balance_on(ad);
		if (err)
			return err;
	}
	err = e82574_set_msi(netdev, flags & E82574_PRIV_MSI);
	if (err) {
		if (bal_on)
			e82574_rss_balance_off(ad, NULL);
		return err;
	}
	if (!bal)
		e82574_rss_balance_off(ad, NULL);
	/*
	 * Cannot fail.  Off stops new fences; one already up lifts as
	 * usual (its held frames still go up in order).
	 */
	ad->fence_on = flags & E82574_PRIV_RSS_FENCE;
	return 0;
}

static void e82574_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	unsigned int i, q;

	if (sset == ETH_SS_PRIV_FLAGS) {
		for (i = 0; i < ARRAY_SIZE(e82574_priv_flags); i++)
			ethtool_puts(&data, e82574_priv_flags[i]);
		return;
	}
	if (sset == ETH_SS_TEST) {
		e82574_selftest_strings(&data);
		return;
	}
	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < ARRAY_SIZE(e82574_sw_stats); i++)
		ethtool_puts(&data, e82574_sw_stats[i]);
	for (i = 0; i < ARRAY_SIZE(e82574_hw_stats); i++)
		ethtool_puts(&data, e82574_hw_stats[i].name);
	for (q = 0; q < E82574_MAX_QP; q++) {
		for (i = 0; i < ARRAY_SIZE(e82574_rxq_stats); i++)
			ethtool_sprintf(&data, "rx_queue_%u_%s", q,
					e82574_rxq_stats[i]);
		for (i = 0; i < ARRAY_SIZE(e82574_txq_stats); i++)
			ethtool_sprintf(&data, "tx_queue_%u_%s", q,
					e82574_txq_stats[i]);
		ethtool_sprintf(&data, "queue_%u_irqs", q);
	}
}

static void e82574_get_stats(struct net_device *netdev,
			     struct ethtool_stats *stats, u64 *data)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct e82574_ring_stats rx[E82574_MAX_QP], tx[E82574_MAX_QP];
	struct e82574_ring_stats rxs = { }, txs = { };
	unsigned long flags;
	unsigned int i, q;
	u64 *p = data;

	for (q = 0; q < E82574_MAX_QP; q++) {
		e82574_ring_stats_read(&ad->rx_ring[q], &rx[q]);
		e82574_ring_stats_read(&ad->tx_ring[q], &tx[q]);
		e82574_ring_stats_add(&rxs, &rx[q]);
		e82574_ring_stats_add(&txs, &tx[q]);
	}
	*p++ = rxs.packets;
	*p++ = rxs.bytes;
	*p++ = rxs.drops;
	*p++ = rxs.csum_err;
	*p++ = rxs.alloc_failed;
	*p++ = txs.packets;
	*p++ = txs.bytes;
	*p++ = txs.drops;
	*p++ = txs.restarts;
	*p++ = txs.csum_offload;
	*p++ = txs.tso;
	*p++ = ad->tx_timeouts;
	*p++ = ad->link_changes;
	*p++ = ad->phy_hangs;
	*p++ = ad->other_irqs;
	*p++ = ad->rss.reta_writes;
	*p++ = ad->rss.entries_moved;
	spin_lock_bh(&ad->fence_lock);
	*p++ = ad->fence_raised;
	*p++ = ad->fence_held;
	*p++ = ad->fence_max_hold_us;
	*p++ = ad->fence_timeouts;
	*p++ = ad->fence_late;
	*p++ = ad->fence_overflows;
	spin_unlock_bh(&ad->fence_lock);
	*p++ = ad->ptp.tx_stamps;
	*p++ = ad->ptp.tx_timeouts;
	*p++ = ad->ptp.tx_skipped;
	*p++ = ad->ptp.rx_stamps;

	if (!test_bit(E82574_STATE_DOWN, &ad->state))
		e82574_update_hw_stats(ad);
	spin_lock_irqsave(&ad->stats_lock, flags);
	for (i = 0; i < ARRAY_SIZE(e82574_hw_stats); i++)
		*p++ = *(u64 *)((u8 *)&ad->hw_stats +
				e82574_hw_stats[i].offset);
	spin_unlock_irqrestore(&ad->stats_lock, flags);

	for (q = 0; q < E82574_MAX_QP; q++) {
		*p++ = rx[q].packets;
		*p++ = rx[q].bytes;
		*p++ = rx[q].drops;
		*p++ = rx[q].csum_err;
		*p++ = rx[q].alloc_failed;
		*p++ = rx[q].xdp_pass;
		*p++ = rx[q].xdp_drop;
		*p++ = rx[q].xdp_tx;
		*p++ = rx[q].xdp_redirect;
		*p++ = rx[q].xdp_aborted;
		*p++ = rx[q].xdp_tx_err;
		*p++ = rx[q].xdp_redirect_err;
		*p++ = tx[q].packets;
		*p++ = tx[q].bytes;
		*p++ = tx[q].drops;
		*p++ = tx[q].restarts;
		*p++ = tx[q].stops;
		*p++ = tx[q].csum_offload;
		*p++ = tx[q].tso;
		*p++ = tx[q].xdp_xmit;
		*p++ = tx[q].xdp_xmit_err;
		*p++ = READ_ONCE(ad->qv[q].irqs);
	}
}

static int e82574_get_ts_info(struct net_device *netdev,
			      struct e82574_ts_info *info)
{
	e82574_ptp_ts_info(netdev_priv(netdev), info);
	return 0;
}

static const struct ethtool_ops e82574_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_USECS |
				     ETHTOOL_COALESCE_USE_ADAPTIVE_RX,
	.get_drvinfo		= e82574_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_ts_info		= e82574_get_ts_info,
	.get_link_ksettings	= e82574_get_link_ksettings,
	.set_link_ksettings	= e82574_set_link_ksettings,
	.nway_reset		= e82574_nway_reset,
	.get_pauseparam		= e82574_get_pauseparam,
	.set_pauseparam		= e82574_set_pauseparam,
	.get_pause_stats	= e82574_get_pause_stats,
	.get_ringparam		= e82574_get_ringparam,
	.set_ringparam		= e82574_set_ringparam,
	.get_channels		= e82574_get_channels,
	.set_channels		= e82574_set_channels,
	.get_rxfh_indir_size	= e82574_get_rxfh_indir_size,
	.get_rxfh_key_size	= e82574_get_rxfh_key_size,
	.get_rxfh		= e82574_get_rxfh,
	.set_rxfh		= e82574_set_rxfh,
	.get_rxnfc		= e82574_get_rxnfc,
	.set_rxnfc		= e82574_set_rxnfc,
#ifdef E82574_HAVE_ETHTOOL_RXFH_FIELDS
	.get_rxfh_fields	= e82574_get_rxfh_fields,
	.set_rxfh_fields	= e82574_set_rxfh_fields,
#endif
#ifdef E82574_HAVE_ETHTOOL_RX_RING_COUNT
	.get_rx_ring_count	= e82574_get_rx_ring_count,
#endif
	.get_sset_count		= e82574_get_sset_count,
	.get_strings		= e82574_get_strings,
	.get_ethtool_stats	= e82574_get_stats,
	.get_coalesce		= e82574_get_coalesce,
	.set_coalesce		= e82574_set_coalesce,
	.get_per_queue_coalesce	= e82574_get_per_queue_coalesce,
	.set_per_queue_coalesce	= e82574_set_per_queue_coalesce,
	.get_eeprom_len		= e82574_get_eeprom_len,
	.get_eeprom		= e82574_get_eeprom,
	.set_eeprom		= e82574_set_eeprom,
	.get_regs_len		= e82574_get_regs_len,
	.get_regs		= e82574_get_regs,
	.set_phys_id		= e82574_set_phys_id,
	.get_wol		= e82574_get_wol,
	.set_wol		= e82574_set_wol,
	.get_priv_flags		= e82574_get_priv_flags,
	.set_priv_flags		= e82574_set_priv_flags,
	.self_test		= e82574_self_test,
};

/**
 * e82574_set_ethtool_ops - attach the driver's ethtool operations
 * @netdev: interface
 */
void e82574_set_ethtool_ops(struct net_device *netdev)
{
	netdev->ethtool_ops = &e82574_ethtool_ops;
}
