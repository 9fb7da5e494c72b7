// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: MAC reset and initialisation, the software/firmware flag, NVM
 * reads, flow-control registers and driver ownership (DRV_LOAD).
 *
 * The sequences follow what e1000e does for the 82574 (82571.c,
 * mac.c, nvm.c); the driver documentation lists each step with the fact
 * behind it.  QEMU 7.2's model ignores CTRL.RST (only RAL0/RAH0 are
 * reloaded) while QEMU 10 and the silicon reset for real, so after the
 * reset every register the driver relies on is programmed explicitly.
 */
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/iopoll.h>

#include "e82574.h"

/* GIO master disable: 800 polls of 100 us (e1000e's limit) */
#define E82574_MASTER_DIS_POLLS		800
/* EXTCNF_CTRL software flag: 10 tries, 2-4 ms apart */
#define E82574_SWFLAG_TRIES		10
/* NVM auto-read after reset: 10 ms */
#define E82574_AUTO_RD_US		10000
/* EERD completion, per word */
#define E82574_EERD_US			5000

/**
 * e82574_swflag_get - take the software/firmware flag for PHY or NVM access
 * @ad: adapter
 *
 * Takes @ad->hw_lock, then sets EXTCNF_CTRL's software flag and checks
 * that it stuck (firmware owns the PHY and NVM until it does).  Sleeps.
 *
 * Return: 0 with both held, or -EBUSY with neither and an error logged.
 */
int e82574_swflag_get(struct e82574_adapter *ad)
{
	u32 ext;
	int i;

	mutex_lock(&ad->hw_lock);
	for (i = 0; i < E82574_SWFLAG_TRIES; i++) {
		ext = e82574_rd32(ad, E82574_EXTCNF_CTRL);
		e82574_wr32(ad, E82574_EXTCNF_CTRL,
			    ext | E82574_EXTCNF_CTRL_SWFLAG);
		if (e82574_rd32(ad, E82574_EXTCNF_CTRL) &
		    E82574_EXTCNF_CTRL_SWFLAG)
			return 0;
		usleep_range(2000, 4000);
	}
	ext = e82574_rd32(ad, E82574_EXTCNF_CTRL);
	e82574_wr32(ad, E82574_EXTCNF_CTRL, ext & ~E82574_EXTCNF_CTRL_SWFLAG);
	mutex_unlock(&ad->hw_lock);
	dev_err(&ad->pdev->dev,
		"firmware holds the PHY/NVM: EXTCNF_CTRL software flag not granted after %d tries\n",
		E82574_SWFLAG_TRIES);
	return -EBUSY;
}

/**
 * e82574_swflag_put - release what e82574_swflag_get() took
 * @ad: adapter
 */
void e82574_swflag_put(struct e82574_adapter *ad)
{
	u32 ext = e82574_rd32(ad, E82574_EXTCNF_CTRL);

	e82574_wr32(ad, E82574_EXTCNF_CTRL, ext & ~E82574_EXTCNF_CTRL_SWFLAG);
	mutex_unlock(&ad->hw_lock);
}

/**
 * e82574_nvm_read - read NVM words through EERD
 * @ad: adapter
 * @offset: first word
 * @count: number of words
 * @data: where they go
 *
 * Return: 0, or a negative errno (flag not granted, or a word that never
 * completed) with an error logged.
 */
int e82574_nvm_read(struct e82574_adapter *ad, u16 offset, u16 count,
		    u16 *data)
{
	u32 eerd;
	int i, err;

	err = e82574_swflag_get(ad);
	if (err)
		return err;
	for (i = 0; i < count; i++) {
		e82574_wr32(ad, E82574_EERD,
			    FIELD_PREP(E82574_EERD_ADDR, offset + i) |
			    E82574_EERD_START);
		err = readl_poll_timeout(ad->hw + E82574_EERD, eerd,
					 eerd & E82574_EERD_DONE, 5,
					 E82574_EERD_US);
		if (err) {
			dev_err(&ad->pdev->dev,
				"NVM word 0x%x: EERD did not complete\n",
				offset + i);
			break;
		}
		data[i] = FIELD_GET(E82574_EERD_DATA, eerd);
	}
	e82574_swflag_put(ad);
	return err;
}

/**
 * e82574_nvm_setup - find the NVM's size and type
 * @ad: adapter
 *
 * The on-board flash (EECD bits 16:15 set) holds 2048 words, and its
 * autonomous update must be off (an 82574 flash update issue, as e1000e
 * notes); an EEPROM's size is 2^(6 + EECD.SIZE_EX) words, at most 16 K.
 */
void e82574_nvm_setup(struct e82574_adapter *ad)
{
	u32 eecd = e82574_rd32(ad, E82574_EECD);
	u32 size_ex;

	if (FIELD_GET(E82574_EECD_FLASH, eecd) == 3) {
		ad->nvm_flash = true;
		ad->nvm_words = 2048;
		e82574_wr32(ad, E82574_EECD, eecd & ~E82574_EECD_AUPDEN);
		return;
	}
	ad->nvm_flash = false;
	/* Two steps: min() of FIELD_GET() overflows sparse's expansion. */
	size_ex = FIELD_GET(E82574_EECD_SIZE_EX, eecd);
	ad->nvm_words = 1u << min(6 + size_ex, 14u);
}

/* Wait for EECD.FLUPD to clear: up to 2000 polls 1-2 ms apart. */
static int e82574_flash_wait(struct e82574_adapter *ad)
{
	int i;

	for (i = 0; i < 2000; i++) {
		if (!(e82574_rd32(ad, E82574_EECD) & E82574_EECD_FLUPD))
			return 0;
		usleep_range(1000, 2000);
	}
	return -ETIMEDOUT;
}

/**
 * e82574_nvm_write - write NVM words and fix the checksum
 * @ad: adapter
 * @offset: first word
 * @count: number of words
 * @data: the words
 *
 * Writes through EEWR under the software flag, then rewrites word 0x3F
 * so that words 0x00-0x3F add up to 0xBABA again, and on a flash part
 * commits the shadow RAM to the flash (resetting the firmware first when
 * the flash uses the STM opcode, as e1000e does).  The checksum word
 * itself cannot be written directly.
 *
 * Return: 0 or a negative errno (logged).
 */
int e82574_nvm_write(struct e82574_adapter *ad, u16 offset, u16 count,
		     const u16 *data)
{
	u16 nvm[E82574_NVM_CSUM_WORDS];
	u32 eewr;
	int i, err;

	if (!count || offset + count > ad->nvm_words ||
	    (offset <= E82574_NVM_CSUM_WORDS - 1 &&
	     offset + count > E82574_NVM_CSUM_WORDS - 1))
		return -EINVAL;

	err = e82574_swflag_get(ad);
	if (err)
		return err;
	for (i = 0; i < count && !err; i++) {
		err = readl_poll_timeout(ad->hw + E82574_EEWR, eewr,
					 eewr & E82574_EERD_DONE, 5,
					 E82574_EERD_US);
		if (err)
			break;
		e82574_wr32(ad, E82574_EEWR,
			    FIELD_PREP(E82574_EERD_DATA, data[i]) |
			    FIELD_PREP(E82574_EERD_ADDR, offset + i) |
			    E82574_EERD_START);
		err = readl_poll_timeout(ad->hw + E82574_EEWR, eewr,
					 eewr & E82574_EERD_DONE, 5,
					 E82574_EERD_US);
	}
	e82574_swflag_put(ad);
	if (err) {
		netdev_err(ad->netdev, "NVM word 0x%x: EEWR did not complete\n",
			   offset + i);
		return err;
	}

	err = e82574_nvm_read(ad, 0, E82574_NVM_CSUM_WORDS - 1, nvm);
	if (err)
		return err;
	nvm[E82574_NVM_CSUM_WORDS - 1] = e82574_nvm_checksum_word(nvm);
	err = e82574_swflag_get(ad);
	if (err)
		return err;
	e82574_wr32(ad, E82574_EEWR,
		    FIELD_PREP(E82574_EERD_DATA,
			       nvm[E82574_NVM_CSUM_WORDS - 1]) |
		    FIELD_PREP(E82574_EERD_ADDR, E82574_NVM_CSUM_WORDS - 1) |
		    E82574_EERD_START);
	err = readl_poll_timeout(ad->hw + E82574_EEWR, eewr,
				 eewr & E82574_EERD_DONE, 5, E82574_EERD_US);
	if (!err && ad->nvm_flash) {
		err = e82574_flash_wait(ad);
		if (!err && FIELD_GET(E82574_FLOP_OPCODE,
				      e82574_rd32(ad, E82574_FLOP)) ==
			    E82574_FLOP_STM) {
			/* Enabling and resetting take two write cycles. */
			e82574_wr32(ad, E82574_HICR, E82574_HICR_FW_RESET_EN);
			e82574_wrfl(ad);
			e82574_wr32(ad, E82574_HICR, E82574_HICR_FW_RESET);
		}
		if (!err) {
			e82574_wr32(ad, E82574_EECD,
				    e82574_rd32(ad, E82574_EECD) |
				    E82574_EECD_FLUPD);
			err = e82574_flash_wait(ad);
		}
	}
	e82574_swflag_put(ad);
	if (err)
		netdev_err(ad->netdev, "NVM checksum update failed (%d)\n",
			   err);
	return err;
}

/**
 * e82574_hw_quiesce - stop everything the device might be doing
 * @ad: adapter
 *
 * Masks and clears every interrupt, stops both DMA engines and detaches
 * every ring.  Needed besides the reset because QEMU 7.2's CTRL.RST
 * resets nothing, and used alone where a reset must not run (the PCI
 * channel is offline).
 */
void e82574_hw_quiesce(struct e82574_adapter *ad)
{
	int i;

	e82574_wr32(ad, E82574_IMC, ~0u);
	e82574_wr32(ad, E82574_EIAC, 0);
	e82574_wr32(ad, E82574_IAM, 0);
	e82574_wr32(ad, E82574_RCTL, 0);
	e82574_wr32(ad, E82574_TCTL, 0);
	e82574_wr32(ad, E82574_MRQC, 0);
	e82574_wr32(ad, E82574_IVAR, 0);
	for (i = 0; i < E82574_MAX_QP; i++) {
		e82574_wr32(ad, E82574_RDLEN(i), 0);
		e82574_wr32(ad, E82574_RDH(i), 0);
		e82574_wr32(ad, E82574_RDT(i), 0);
		e82574_wr32(ad, E82574_TDLEN(i), 0);
		e82574_wr32(ad, E82574_TDH(i), 0);
		e82574_wr32(ad, E82574_TDT(i), 0);
	}
	e82574_wr32(ad, E82574_ICR, ~0u);
	e82574_wrfl(ad);
}

/* Stop the device from starting new PCIe master requests. */
static void e82574_disable_master(struct e82574_adapter *ad)
{
	u32 status;
	int err;

	e82574_wr32(ad, E82574_CTRL, e82574_rd32(ad, E82574_CTRL) |
				     E82574_CTRL_GIO_MASTER_DIS);
	err = readl_poll_timeout(ad->hw + E82574_STATUS, status,
				 !(status & E82574_STATUS_GIO_MASTER_EN), 100,
				 100 * E82574_MASTER_DIS_POLLS);
	if (err)
		dev_warn(&ad->pdev->dev,
			 "PCIe master requests still pending after %d ms, resetting anyway\n",
			 E82574_MASTER_DIS_POLLS / 10);
}

/**
 * e82574_hw_reset - reset the MAC into a known state
 * @ad: adapter
 *
 * Folds the statistics registers in first (a real reset clears them),
 * programs the packet buffer split for the current MTU (it takes effect
 * at reset), disables bus mastering inside the device, stops RX/TX,
 * issues CTRL.RST with the software flag held, waits for the NVM
 * auto-read and the PHY configuration that follows it, and leaves
 * interrupts masked and every ring detached.  Sleeps (about 40 ms).
 *
 * Return: 0, or -EIO if the NVM auto-read never completed.
 */
int e82574_hw_reset(struct e82574_adapter *ad)
{
	u32 ctrl, eecd;
	int flag, err;

	e82574_update_hw_stats(ad);
	/* The reset stops SYSTIM: the PHC runs on the boot-time clock. */
	e82574_ptp_freeze(ad, !pci_channel_offline(ad->pdev));
	e82574_fc_config(ad->netdev->mtu + VLAN_ETH_HLEN + ETH_FCS_LEN,
			 &ad->fc);
	e82574_wr32(ad, E82574_PBA, FIELD_PREP(E82574_PBA_RX,
					       ad->fc.pba_rx_kb));

	e82574_disable_master(ad);
	e82574_wr32(ad, E82574_IMC, ~0u);
	e82574_wr32(ad, E82574_RCTL, 0);
	e82574_wr32(ad, E82574_TCTL, e82574_rd32(ad, E82574_TCTL) &
				     ~E82574_TCTL_EN);
	e82574_wrfl(ad);
	usleep_range(10000, 11000);

	/* The PHY's MDIO belongs to firmware after reset unless we hold it. */
	flag = e82574_swflag_get(ad);
	ctrl = e82574_rd32(ad, E82574_CTRL);
	e82574_wr32(ad, E82574_CTRL, ctrl | E82574_CTRL_RST);
	if (!flag)
		e82574_swflag_put(ad);

	err = readl_poll_timeout(ad->hw + E82574_EECD, eecd,
				 eecd & E82574_EECD_AUTO_RD, 1000,
				 E82574_AUTO_RD_US);
	if (err) {
		dev_err(&ad->pdev->dev,
			"NVM auto-read did not complete after reset\n");
		return -EIO;
	}
	/* The PHY is configured from the NVM after the auto-read. */
	msleep(25);

	/* Silicon clears these at reset; QEMU 7.2 keeps them. */
	ctrl = e82574_rd32(ad, E82574_CTRL);
	e82574_wr32(ad, E82574_CTRL, ctrl & ~E82574_CTRL_GIO_MASTER_DIS);
	e82574_hw_quiesce(ad);
	e82574_rd32(ad, E82574_ICR);
	/* QEMU 7.2 keeps counting across CTRL.RST: fold that in too. */
	e82574_update_hw_stats(ad);
	e82574_ptp_thaw(ad);
	return 0;
}

/* The 82574's hardware-dependent bits (e1000e's 82571-family init). */
static void e82574_hw_init_bits(struct e82574_adapter *ad)
{
	u32 reg;

	/*
	 * TXDCTL (count in descriptors, one written back at a time, the
	 * same on both queues) is written once, by e82574_tx_configure().
	 * TARC0: read-modify-write, the queue enable bit must survive.
	 */
	reg = e82574_rd32(ad, E82574_TARC(0));
	reg &= ~E82574_TARC0_CLR;
	e82574_wr32(ad, E82574_TARC(0), reg | E82574_TARC0_SET);

	reg = e82574_rd32(ad, E82574_CTRL);
	e82574_wr32(ad, E82574_CTRL, reg & ~E82574_CTRL_RSVD29);
	reg = e82574_rd32(ad, E82574_CTRL_EXT);
	reg &= ~E82574_CTRL_EXT_BIT23;
	e82574_wr32(ad, E82574_CTRL_EXT, reg | E82574_CTRL_EXT_BIT22);

	/*
	 * PCIe: GCR bit 22, and the 82574 erratum setting of GCR2 bit 0
	 * against unreliable PCIe completions (TX hangs, worse with ASPM).
	 */
	reg = e82574_rd32(ad, E82574_GCR);
	e82574_wr32(ad, E82574_GCR, reg | E82574_GCR_BIT22);
	reg = e82574_rd32(ad, E82574_GCR2);
	e82574_wr32(ad, E82574_GCR2, reg | E82574_GCR2_BIT0);
}

/**
 * e82574_hw_fc_apply - program the resolved flow control
 * @ad: adapter
 *
 * CTRL.RFCE/TFCE from @ad->fc_current; XON/XOFF thresholds only when the
 * NIC sends pause frames.
 */
void e82574_hw_fc_apply(struct e82574_adapter *ad)
{
	enum e82574_fc_mode fc = ad->fc_current;
	u32 ctrl, fcrtl = 0, fcrth = 0;

	if (fc & E82574_FC_TX) {
		fcrtl = ad->fc.low_water | E82574_FCRTL_XONE;
		fcrth = ad->fc.high_water;
	}
	e82574_wr32(ad, E82574_FCRTL, fcrtl);
	e82574_wr32(ad, E82574_FCRTH, fcrth);

	spin_lock_bh(&ad->ctrl_lock);
	ctrl = e82574_rd32(ad, E82574_CTRL);
	ctrl &= ~(E82574_CTRL_RFCE | E82574_CTRL_TFCE);
	if (fc & E82574_FC_RX)
		ctrl |= E82574_CTRL_RFCE;
	if (fc & E82574_FC_TX)
		ctrl |= E82574_CTRL_TFCE;
	e82574_wr32(ad, E82574_CTRL, ctrl);
	spin_unlock_bh(&ad->ctrl_lock);
}

/**
 * e82574_hw_vlan_strip - CTRL.VME: VLAN tag stripping and insertion
 * @ad: adapter
 * @on: strip the 802.1Q tag (VET) of received frames into the
 *	descriptor, and insert the tag of data descriptors with VLE
 *
 * The 82574 has one switch for both directions, so rxvlan and txvlan
 * are kept equal (ndo_fix_features), as e1000e does.
 */
void e82574_hw_vlan_strip(struct e82574_adapter *ad, bool on)
{
	u32 ctrl;

	spin_lock_bh(&ad->ctrl_lock);
	ctrl = e82574_rd32(ad, E82574_CTRL);
	if (on)
		ctrl |= E82574_CTRL_VME;
	else
		ctrl &= ~E82574_CTRL_VME;
	e82574_wr32(ad, E82574_CTRL, ctrl);
	spin_unlock_bh(&ad->ctrl_lock);
}

/**
 * e82574_hw_init - program the MAC after a reset
 * @ad: adapter
 *
 * Hardware-dependent bits and errata, empty VLAN/multicast/unicast
 * filters, the VLAN ethertype, the PCIe L1 setting,
 * wake-up off, and the flow-control frame registers.  Link setup follows
 * (e82574_phy_setup_link()).
 */
void e82574_hw_init(struct e82574_adapter *ad)
{
	u32 reg;
	int i;

	e82574_hw_init_bits(ad);

	for (i = 0; i < E82574_VFTA_NUM; i++)
		e82574_wr32(ad, E82574_VFTA(i), 0);
	for (i = 1; i < E82574_RAR_NUM; i++) {
		e82574_wr32(ad, E82574_RAH(i), 0);
		e82574_wr32(ad, E82574_RAL(i), 0);
	}
	for (i = 0; i < E82574_MTA_NUM; i++)
		e82574_wr32(ad, E82574_MTA(i), 0);
	e82574_wr32(ad, E82574_VET, ETH_P_8021Q);
	e82574_wr32(ad, E82574_WUC, 0);

	reg = e82574_rd32(ad, E82574_GCR);
	e82574_wr32(ad, E82574_GCR, reg | E82574_GCR_L1_ACT_WITHOUT_L0S_RX);

	/* 802.3x pause frames: reserved multicast address and type 0x8808. */
	e82574_wr32(ad, E82574_FCAL, 0x00C28001);
	e82574_wr32(ad, E82574_FCAH, 0x0100);
	e82574_wr32(ad, E82574_FCT, ETH_P_PAUSE);
	e82574_wr32(ad, E82574_FCTTV, E82574_FC_PAUSE_TIME);
	ad->fc_current = ad->fc_requested;
	e82574_hw_fc_apply(ad);
}

/**
 * e82574_hw_get_control - tell firmware the driver owns the device
 * @ad: adapter
 */
void e82574_hw_get_control(struct e82574_adapter *ad)
{
	u32 ext = e82574_rd32(ad, E82574_CTRL_EXT);

	e82574_wr32(ad, E82574_CTRL_EXT, ext | E82574_CTRL_EXT_DRV_LOAD);
}

/**
 * e82574_hw_release_control - give the device back to firmware
 * @ad: adapter
 */
void e82574_hw_release_control(struct e82574_adapter *ad)
{
	u32 ext = e82574_rd32(ad, E82574_CTRL_EXT);

	e82574_wr32(ad, E82574_CTRL_EXT, ext & ~E82574_CTRL_EXT_DRV_LOAD);
	e82574_wrfl(ad);
}
