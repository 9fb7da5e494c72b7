// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: the internal PHY — MDIC access, reset, identification, copper
 * link setup, link state with flow-control resolution, and the 82574 PHY
 * hang check.
 *
 * Every PHY access holds the software/firmware flag (e82574_swflag_get()),
 * so it sleeps: callers run in process context (probe, open, the
 * watchdog work, PM and error-recovery callbacks).
 */
#include <linux/delay.h>
#include <linux/iopoll.h>
#include <linux/mii.h>

#include "e82574.h"

/* MDIC completion: e1000e allows 1920 polls of 50 us. */
#define E82574_MDIC_US		(1920 * 50)

/* One MDIC cycle; the caller holds the software flag. */
static int __e82574_mdic(struct e82574_adapter *ad, u32 op, u32 reg,
			 u16 *val)
{
	u32 mdic;
	int err;

	mdic = FIELD_PREP(E82574_MDIC_OP, op) |
	       FIELD_PREP(E82574_MDIC_PHYADD, E82574_PHY_ADDR) |
	       FIELD_PREP(E82574_MDIC_REGADD, reg);
	if (op == E82574_MDIC_OP_WRITE)
		mdic |= FIELD_PREP(E82574_MDIC_DATA, *val);
	e82574_wr32(ad, E82574_MDIC, mdic);
	err = read_poll_timeout(e82574_rd32, mdic, mdic & E82574_MDIC_READY,
				50, E82574_MDIC_US, false, ad, E82574_MDIC);
	if (err) {
		netdev_err(ad->netdev, "PHY register %u: MDIC %s timed out\n",
			   reg, op == E82574_MDIC_OP_READ ? "read" : "write");
		return err;
	}
	/* An unsupported register: the caller decides whether it matters. */
	if (mdic & E82574_MDIC_ERROR)
		return -EIO;
	if (op == E82574_MDIC_OP_READ)
		*val = FIELD_GET(E82574_MDIC_DATA, mdic);
	return 0;
}

static int __e82574_phy_read(struct e82574_adapter *ad, u32 reg, u16 *val)
{
	return __e82574_mdic(ad, E82574_MDIC_OP_READ, reg, val);
}

static int __e82574_phy_write(struct e82574_adapter *ad, u32 reg, u16 val)
{
	return __e82574_mdic(ad, E82574_MDIC_OP_WRITE, reg, &val);
}

/**
 * e82574_phy_read - read a PHY register
 * @ad: adapter
 * @reg: register (page 0)
 * @val: where the value goes
 *
 * Return: 0 or a negative errno (logged).
 */
int e82574_phy_read(struct e82574_adapter *ad, u32 reg, u16 *val)
{
	int err = e82574_swflag_get(ad);

	if (err)
		return err;
	err = __e82574_phy_read(ad, reg, val);
	e82574_swflag_put(ad);
	return err;
}

/**
 * e82574_phy_write - write a PHY register
 * @ad: adapter
 * @reg: register (page 0)
 * @val: value
 *
 * Return: 0 or a negative errno (logged).
 */
int e82574_phy_write(struct e82574_adapter *ad, u32 reg, u16 val)
{
	int err = e82574_swflag_get(ad);

	if (err)
		return err;
	err = __e82574_phy_write(ad, reg, val);
	e82574_swflag_put(ad);
	return err;
}

/**
 * e82574_phy_reset - hardware reset of the PHY
 * @ad: adapter
 *
 * Skipped while manageability firmware blocks it (an IDE-redirection or
 * serial-over-LAN session).  Asserts CTRL.PHY_RST for 100 us, then waits
 * for the PHY to load its configuration.
 *
 * Return: 0 or a negative errno.
 */
int e82574_phy_reset(struct e82574_adapter *ad)
{
	u32 ctrl;
	int err;

	if (e82574_rd32(ad, E82574_MANC) & E82574_MANC_BLK_PHY_RST_ON_IDE) {
		netdev_info(ad->netdev,
			    "PHY reset blocked by manageability firmware\n");
		return 0;
	}
	err = e82574_swflag_get(ad);
	if (err)
		return err;
	ctrl = e82574_rd32(ad, E82574_CTRL);
	e82574_wr32(ad, E82574_CTRL, ctrl | E82574_CTRL_PHY_RST);
	e82574_wrfl(ad);
	usleep_range(100, 150);
	e82574_wr32(ad, E82574_CTRL, ctrl);
	e82574_wrfl(ad);
	usleep_range(150, 300);
	e82574_swflag_put(ad);
	/* The PHY reloads its configuration after reset. */
	usleep_range(10000, 20000);
	return 0;
}

/**
 * e82574_phy_identify - check that the PHY is the 82574's own
 * @ad: adapter
 *
 * Return: 0, -ENODEV if the identifier is another PHY's, or an MDIC
 * error; logged.
 */
int e82574_phy_identify(struct e82574_adapter *ad)
{
	u16 id1, id2;
	int err;

	err = e82574_phy_read(ad, MII_PHYSID1, &id1);
	if (!err) {
		usleep_range(20, 40);
		err = e82574_phy_read(ad, MII_PHYSID2, &id2);
	}
	if (err) {
		dev_err(&ad->pdev->dev, "cannot read the PHY identifier (%d)\n",
			err);
		return err;
	}
	ad->phy_id = (u32)id1 << 16 | id2;
	if (ad->phy_id != E82574_PHY_ID) {
		dev_err(&ad->pdev->dev,
			"PHY identifier 0x%08x is not the 82574's (0x%08x)\n",
			ad->phy_id, E82574_PHY_ID);
		return -ENODEV;
	}
	return 0;
}

/**
 * e82574_phy_power - power the PHY up or down
 * @ad: adapter
 * @up: power up
 *
 * Down while the interface is down (no link, less power), as e1000e does
 * when neither manageability nor wake-up needs the link.
 */
void e82574_phy_power(struct e82574_adapter *ad, bool up)
{
	u16 bmcr;

	if (e82574_phy_read(ad, MII_BMCR, &bmcr))
		return;
	if (up)
		bmcr &= ~BMCR_PDOWN;
	else
		bmcr |= BMCR_PDOWN;
	e82574_phy_write(ad, MII_BMCR, bmcr);
}

/* Commit PHY settings: a software reset through BMCR. */
static int __e82574_phy_commit(struct e82574_adapter *ad)
{
	u16 bmcr;
	int err;

	err = __e82574_phy_read(ad, MII_BMCR, &bmcr);
	if (err)
		return err;
	err = __e82574_phy_write(ad, MII_BMCR, bmcr | BMCR_RESET);
	udelay(1);
	return err;
}

/*
 * Read-modify-write of register @reg (16-31) on @page, then back to page
 * 0, which the rest of the driver assumes.  The caller holds the flag.
 */
static int __e82574_phy_modify_paged(struct e82574_adapter *ad, u16 page,
				     u32 reg, u16 clear, u16 set)
{
	u16 val;
	int err;

	err = __e82574_phy_write(ad, E82574_PHY_PAGE_SELECT, page);
	if (!err)
		err = __e82574_phy_read(ad, reg, &val);
	if (!err)
		err = __e82574_phy_write(ad, reg, (val & ~clear) | set);
	__e82574_phy_write(ad, E82574_PHY_PAGE_SELECT, 0);
	return err;
}

/* PHY loopback at 1000 full duplex: e1000e's sequence for this PHY. */
static int __e82574_phy_loopback_on(struct e82574_adapter *ad)
{
	static const struct {
		u16 page;
		u8 reg;
		u16 set;
	} force[] = {
		{ E82574_PHY_FORCE_PAGE, E82574_PHY_FORCE_CTRL,
		  E82574_PHY_FORCE_FD },
		{ E82574_PHY_LINK_PAGE, E82574_PHY_LINK_CTRL,
		  E82574_PHY_LINK_UP },
		{ E82574_PHY_FORCE_PAGE, E82574_PHY_FORCE_CTRL,
		  E82574_PHY_FORCE_LINK },
		{ E82574_PHY_FORCE_PAGE, E82574_PHY_FORCE_CTRL2,
		  E82574_PHY_EARLY_LINK },
	};
	u16 speed = FIELD_PREP(E82574_MAC_CTRL2_SPEED,
			       E82574_MAC_CTRL2_SPEED_1000);
	int err, i;

	err = __e82574_phy_modify_paged(ad, E82574_PHY_MAC_CTRL2_PAGE,
					E82574_PHY_MAC_CTRL2,
					E82574_MAC_CTRL2_SPEED, speed);
	if (err)
		return err;
	err = __e82574_phy_commit(ad);
	if (err)
		return err;
	usleep_range(1000, 2000);
	/*
	 * The force registers sit on pages QEMU's model does not have (it
	 * answers with an MDIC error); e1000e does not check these writes
	 * either, so a failure is logged and the sequence goes on.
	 */
	for (i = 0; i < ARRAY_SIZE(force); i++)
		if (__e82574_phy_modify_paged(ad, force[i].page, force[i].reg,
					      0, force[i].set))
			netdev_dbg(ad->netdev,
				   "PHY page %u register %u: not written\n",
				   force[i].page, force[i].reg);
	return __e82574_phy_write(ad, MII_BMCR, BMCR_LOOPBACK |
				  BMCR_SPEED1000 | BMCR_FULLDPLX);
}

/**
 * e82574_phy_loopback - put the PHY into loopback, or take it out
 * @ad: adapter; the interface is stopped (the offline self-test)
 * @on: loopback at 1000 Mb/s full duplex, with the MAC forced to match;
 *	false clears the PHY's loopback bit and the MAC's forcing again
 *
 * As e1000e does for the 82574: the PHY's MAC interface is set to 1000
 * and committed, duplex and link are forced, and BMCR gets loopback,
 * 1000 Mb/s and full duplex (autonegotiation off); after 250 ms the MAC
 * is forced to 1000 full duplex, and, if STATUS does not show full
 * duplex, its loss-of-signal input is inverted and the link set up.  The
 * link setup of the next bring-up renegotiates.
 *
 * Return: 0 or a negative errno.
 */
int e82574_phy_loopback(struct e82574_adapter *ad, bool on)
{
	u32 ctrl;
	u16 bmcr;
	int err;

	err = e82574_swflag_get(ad);
	if (err)
		return err;
	if (on) {
		err = __e82574_phy_loopback_on(ad);
	} else {
		err = __e82574_phy_read(ad, MII_BMCR, &bmcr);
		if (!err && (bmcr & BMCR_LOOPBACK)) {
			err = __e82574_phy_write(ad, MII_BMCR,
						 bmcr & ~BMCR_LOOPBACK);
			if (!err)
				err = __e82574_phy_commit(ad);
		}
	}
	e82574_swflag_put(ad);
	if (err)
		return err;

	if (on)
		msleep(250);
	spin_lock_bh(&ad->ctrl_lock);
	ctrl = e82574_rd32(ad, E82574_CTRL) & ~E82574_CTRL_SPD;
	if (on) {
		ctrl |= E82574_CTRL_FRCSPD | E82574_CTRL_FRCDPX |
			E82574_CTRL_SPD_1000 | E82574_CTRL_FD;
		if (!(e82574_rd32(ad, E82574_STATUS) & E82574_STATUS_FD))
			ctrl |= E82574_CTRL_ILOS | E82574_CTRL_SLU;
	} else {
		ctrl &= ~(E82574_CTRL_FRCSPD | E82574_CTRL_FRCDPX |
			  E82574_CTRL_ILOS);
	}
	e82574_wr32(ad, E82574_CTRL, ctrl);
	spin_unlock_bh(&ad->ctrl_lock);
	if (on)
		usleep_range(500, 1000);
	return 0;
}

/* The 82574 copper settings e1000e applies to this PHY. */
static int __e82574_phy_copper_setup(struct e82574_adapter *ad)
{
	u16 pscr;
	int err;

	err = __e82574_phy_read(ad, E82574_PHY_SPEC_CTRL, &pscr);
	if (err)
		return err;
	/*
	 * MDI/MDI-X automatic, or as ethtool -s mdix forced it (allowed
	 * only with autonegotiation, as e1000e allows it); polarity
	 * correction.
	 */
	pscr &= ~(E82574_PSCR_MDIX | E82574_PSCR_POLARITY_REV);
	pscr |= FIELD_PREP(E82574_PSCR_MDIX,
			   ad->mdix_ctrl == ETH_TP_MDI ? E82574_PSCR_MDIX_MDI :
			   ad->mdix_ctrl == ETH_TP_MDI_X ?
			   E82574_PSCR_MDIX_MDIX : E82574_PSCR_MDIX_AUTO);
	/* Downshift: disable and commit first, then enable. */
	pscr &= ~E82574_PSCR_DOWNSHIFT;
	err = __e82574_phy_write(ad, E82574_PHY_SPEC_CTRL, pscr);
	if (!err)
		err = __e82574_phy_commit(ad);
	if (!err)
		err = __e82574_phy_write(ad, E82574_PHY_SPEC_CTRL,
					 pscr | E82574_PSCR_DOWNSHIFT);
	/* 82574-specific PHY settings: register 29 = 3, register 30 = 0. */
	if (!err)
		err = __e82574_phy_write(ad, E82574_PHY_BIAS1, 0x0003);
	if (!err)
		err = __e82574_phy_write(ad, E82574_PHY_BIAS2, 0x0000);
	if (!err)
		err = __e82574_phy_commit(ad);
	return err;
}

static int __e82574_phy_autoneg(struct e82574_adapter *ad)
{
	u16 adv, ctrl1000, cur, bmcr;
	int err;

	e82574_phy_adv(ad->phy_adv, ad->fc_requested, &adv, &ctrl1000);
	err = __e82574_phy_write(ad, MII_ADVERTISE, adv);
	if (!err)
		err = __e82574_phy_read(ad, MII_CTRL1000, &cur);
	if (!err) {
		cur &= ~(ADVERTISE_1000FULL | ADVERTISE_1000HALF);
		err = __e82574_phy_write(ad, MII_CTRL1000, cur | ctrl1000);
	}
	if (!err)
		err = __e82574_phy_read(ad, MII_BMCR, &bmcr);
	/*
	 * Speed and duplex bits a forced link left behind: back to the
	 * PHY's reset values (ignored while autonegotiation is on).
	 */
	bmcr &= ~BMCR_SPEED100;
	bmcr |= BMCR_SPEED1000 | BMCR_FULLDPLX;
	if (!err)
		err = __e82574_phy_write(ad, MII_BMCR, bmcr | BMCR_ANENABLE |
						       BMCR_ANRESTART);
	return err;
}

/*
 * Forced speed and duplex (ethtool -s autoneg off), as e1000e forces
 * this M88-type PHY: MDI fixed (the PHY needs it whenever speed and
 * duplex are forced), the MAC forced to the same speed and duplex,
 * autonegotiation off in BMCR with the speed and duplex bits, committed
 * by a PHY software reset.
 */
static int __e82574_phy_force(struct e82574_adapter *ad)
{
	const char *why = NULL;
	u16 pscr, bmcr;
	u32 ctrl;
	int err;

	err = __e82574_phy_read(ad, E82574_PHY_SPEC_CTRL, &pscr);
	if (!err)
		err = __e82574_phy_write(ad, E82574_PHY_SPEC_CTRL,
					 pscr & ~E82574_PSCR_MDIX);
	if (!err)
		err = __e82574_phy_read(ad, MII_BMCR, &bmcr);
	if (err)
		return err;
	ctrl = e82574_rd32(ad, E82574_CTRL);
	/* Checked by ethtool -s already; never set otherwise. */
	err = e82574_link_force(ad->link_speed, ad->link_duplex, &bmcr, &ctrl,
				&why);
	if (err) {
		netdev_err(ad->netdev, "forced link: %s\n", why);
		return err;
	}
	e82574_wr32(ad, E82574_CTRL, ctrl);
	err = __e82574_phy_write(ad, MII_BMCR, bmcr);
	if (!err)
		err = __e82574_phy_commit(ad);
	return err;
}

/**
 * e82574_phy_setup_link - set up the copper link and start autonegotiation
 * @ad: adapter
 *
 * CTRL.SLU with speed and duplex left to the PHY, the PHY powered up,
 * the 82574 copper settings, the advertisement (speeds, pause) and an
 * autonegotiation restart.  The link comes up later: the LSC interrupt
 * sends the driver to e82574_check_link().  With the speed and duplex
 * forced by the user (ad->link_autoneg false), the PHY and the MAC are
 * forced to them instead.
 *
 * Return: 0 or a negative errno (logged).
 */
int e82574_phy_setup_link(struct e82574_adapter *ad)
{
	u32 ctrl;
	u16 bmcr;
	int err;

	ctrl = e82574_rd32(ad, E82574_CTRL);
	ctrl |= E82574_CTRL_SLU;
	ctrl &= ~(E82574_CTRL_FRCSPD | E82574_CTRL_FRCDPX);
	e82574_wr32(ad, E82574_CTRL, ctrl);

	err = e82574_swflag_get(ad);
	if (err)
		return err;
	err = __e82574_phy_read(ad, MII_BMCR, &bmcr);
	if (!err && (bmcr & BMCR_PDOWN))
		err = __e82574_phy_write(ad, MII_BMCR, bmcr & ~BMCR_PDOWN);
	if (!err)
		err = __e82574_phy_copper_setup(ad);
	if (!err)
		err = ad->link_autoneg ? __e82574_phy_autoneg(ad) :
					 __e82574_phy_force(ad);
	e82574_swflag_put(ad);
	if (err)
		netdev_err(ad->netdev, "PHY link setup failed (%d)\n", err);
	return err;
}

static const char *e82574_fc_name(enum e82574_fc_mode fc)
{
	static const char * const names[] = {
		[E82574_FC_NONE] = "none",
		[E82574_FC_RX] = "RX",
		[E82574_FC_TX] = "TX",
		[E82574_FC_FULL] = "RX/TX",
	};

	return names[fc & E82574_FC_FULL];
}

/* Resolve pause from what both ends advertised and program the MAC. */
static void e82574_link_fc(struct e82574_adapter *ad, bool full_duplex)
{
	u16 adv = 0, lpa = 0;

	if (!ad->fc_autoneg || !ad->link_autoneg) {
		/*
		 * Forced by the user (ethtool -A autoneg off), or nothing
		 * negotiated (ethtool -s autoneg off).
		 */
		ad->fc_current = ad->fc_requested;
	} else {
		if (e82574_phy_read(ad, MII_ADVERTISE, &adv) ||
		    e82574_phy_read(ad, MII_LPA, &lpa))
			adv = 0;
		ad->fc_current = e82574_fc_resolve(ad->fc_requested, adv, lpa,
						   full_duplex);
	}
	e82574_hw_fc_apply(ad);
}

/**
 * e82574_check_link - follow STATUS.LU into the carrier
 * @ad: adapter
 *
 * On link up: flow control resolved with the partner and programmed,
 * speed and duplex logged, carrier on and the TX queues woken (frames
 * completed while the carrier was off may have left them stopped).
 * Sleeps (PHY access).
 */
void e82574_check_link(struct e82574_adapter *ad)
{
	static const char * const speeds[] = { "10", "100", "1000", "1000" };
	struct net_device *netdev = ad->netdev;
	u32 status = e82574_rd32(ad, E82574_STATUS);
	bool up = status & E82574_STATUS_LU;
	bool fd = status & E82574_STATUS_FD;

	if (up == netif_carrier_ok(netdev))
		return;
	ad->link_changes++;
	if (!up) {
		netdev_info(netdev, "link down\n");
		netif_carrier_off(netdev);
		return;
	}
	e82574_link_fc(ad, fd);
	netdev_info(netdev, "link up, %s Mb/s, %s duplex, flow control %s\n",
		    speeds[FIELD_GET(E82574_STATUS_SPEED, status)],
		    fd ? "full" : "half", e82574_fc_name(ad->fc_current));
	netif_carrier_on(netdev);
	if (!test_bit(E82574_STATE_DOWN, &ad->state))
		netif_tx_wake_all_queues(netdev);
}

/**
 * e82574_phy_hang_check - the 82574 PHY hang workaround
 * @ad: adapter
 *
 * With link up, a PHY whose receive error counter and idle error count
 * are both saturated on two checks in a row is hung: reset the device.
 */
void e82574_phy_hang_check(struct e82574_adapter *ad)
{
	u16 rxerr, stat1000 = 0;

	if (e82574_phy_read(ad, E82574_PHY_RX_ERR_CNT, &rxerr))
		return;
	if (rxerr == 0xffff && e82574_phy_read(ad, MII_STAT1000, &stat1000))
		return;
	if (!e82574_phy_hung(rxerr, stat1000)) {
		ad->phy_hang_count = 0;
		return;
	}
	if (++ad->phy_hang_count < 2)
		return;
	ad->phy_hang_count = 0;
	ad->phy_hangs++;
	ad->phy_hang_reset = true;
	netdev_warn(ad->netdev, "PHY appears hung\n");
	schedule_work(&ad->reset_task);
}
