// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: PCI glue — device table, probe/remove, module init/exit.
 */
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/rtnetlink.h>

#include "e82574.h"

static const struct pci_device_id e82574_pci_tbl[] = {
	{ PCI_VDEVICE(INTEL, 0x10D3) },	/* 82574L */
	{ PCI_VDEVICE(INTEL, 0x10F6) },	/* 82574LA */
	{ }
};
MODULE_DEVICE_TABLE(pci, e82574_pci_tbl);

/*
 * Read and validate NVM words 0x00-0x3F and take the permanent MAC
 * address from words 0-2.  Like e1000e, retry the checksum twice: with
 * ASPM the first read can come back wrong.
 */
static int e82574_nvm_init(struct e82574_adapter *ad, u8 *mac)
{
	struct device *dev = &ad->pdev->dev;
	u16 nvm[E82574_NVM_CSUM_WORDS], sum = 0;
	int i, err;

	for (i = 0; i < 3; i++) {
		err = e82574_nvm_read(ad, 0, E82574_NVM_CSUM_WORDS, nvm);
		if (err)
			return err;
		err = e82574_nvm_check(nvm, &sum);
		if (!err)
			break;
	}
	if (err) {
		dev_err(dev,
			"NVM checksum is not valid: words 0x00-0x3f add up to 0x%04x, expected 0x%04x\n",
			sum, E82574_NVM_CSUM_SUM);
		return -EIO;
	}
	if (e82574_nvm_mac(nvm, mac)) {
		dev_err(dev, "NVM holds an invalid MAC address %pM\n", mac);
		return -EIO;
	}
	/*
	 * Like e1000e on the 82574: wake-up is possible only if the NVM's
	 * APME bit says so, and then magic packet wake-up is the default.
	 */
	ad->wol = 0;
	if (nvm[E82574_NVM_INIT_CTRL3] & E82574_NVM_INIT_CTRL3_APME)
		ad->wol = E82574_WUFC_MAG;
	device_set_wakeup_capable(dev, !!ad->wol);
	device_set_wakeup_enable(dev, !!ad->wol);
	return 0;
}

/*
 * Arm wake-up before the device goes to sleep or the system powers off,
 * after the interface has been stopped: as e1000e does for MAC wake-up,
 * receive stays enabled (broadcast and all-multicast as the chosen filters
 * need) for the wake-up filters, and WUC.PME_EN lets the device assert
 * PME.  Without filters (or with wake-up disabled in sysfs) WUC and WUFC
 * are cleared.  Returns whether wake-up is armed.
 */
static bool e82574_wol_arm(struct e82574_adapter *ad)
{
	u32 wufc = ad->wol, rctl = E82574_RCTL_EN;

	if (!device_may_wakeup(&ad->pdev->dev))
		wufc = 0;
	/* A link already up can only change by going down: e1000e's rule. */
	if (e82574_rd32(ad, E82574_STATUS) & E82574_STATUS_LU)
		wufc &= ~E82574_WUFC_LNKC;
	if (!wufc) {
		e82574_wr32(ad, E82574_WUC, 0);
		e82574_wr32(ad, E82574_WUFC, 0);
		return false;
	}
	e82574_phy_power(ad, true);
	if (wufc & E82574_WUFC_BC)
		rctl |= E82574_RCTL_BAM;
	if (wufc & E82574_WUFC_MC)
		rctl |= E82574_RCTL_MPE;
	e82574_wr32(ad, E82574_RCTL, rctl);
	e82574_wr32(ad, E82574_CTRL, e82574_rd32(ad, E82574_CTRL) |
				     E82574_CTRL_ADVD3WUC |
				     E82574_CTRL_EN_PHY_PWR_MGMT);
	e82574_wr32(ad, E82574_WUFC, wufc);
	e82574_wr32(ad, E82574_WUC, E82574_WUC_PME_EN);
	e82574_wrfl(ad);
	return true;
}

/*
 * After wake-up: report and clear the cause, disarm the filters.  WUS is
 * write-1-to-clear: write back the bits read.  (QEMU only stores what is
 * written, so writing ~0 as e1000e does would read back as a wake-up
 * cause at every later resume.)
 */
static void e82574_wol_disarm(struct e82574_adapter *ad)
{
	u32 wus = e82574_rd32(ad, E82574_WUS);

	if (wus) {
		netdev_info(ad->netdev, "wake-up status 0x%08x\n", wus);
		e82574_wr32(ad, E82574_WUS, wus);
	}
	e82574_wr32(ad, E82574_WUC, 0);
	e82574_wr32(ad, E82574_WUFC, 0);
}

/*
 * 82574 errata: ASPM L0s and L1 both lead to lost or unreliable PCIe
 * completions (e1000e disables both on this part).  Ask the ASPM core;
 * where it may not touch the link (firmware owns ASPM), clear the enables
 * in Link Control directly, downstream (the NIC) first, as e1000e does.
 */
static void e82574_disable_aspm(struct pci_dev *pdev)
{
	const u16 aspm = PCI_EXP_LNKCTL_ASPM_L0S | PCI_EXP_LNKCTL_ASPM_L1;
	struct pci_dev *parent = pdev->bus->self;
	u16 lnkctl = 0;

	if (!pci_disable_link_state(pdev, PCIE_LINK_STATE_L0S |
				    PCIE_LINK_STATE_L1))
		return;
	pcie_capability_read_word(pdev, PCI_EXP_LNKCTL, &lnkctl);
	if (!(lnkctl & aspm))
		return;
	pcie_capability_clear_word(pdev, PCI_EXP_LNKCTL, aspm);
	if (parent)
		pcie_capability_clear_word(parent, PCI_EXP_LNKCTL, aspm);
	dev_info(&pdev->dev, "ASPM L0s/L1 disabled in Link Control\n");
}

static void e82574_reset_task(struct work_struct *work)
{
	struct e82574_adapter *ad = container_of(work, struct e82574_adapter,
						 reset_task);
	struct net_device *netdev = ad->netdev;

	/*
	 * Reset the device and rebuild rings and IRQs without taking the
	 * interface down for the stack: addresses, routes and neighbours
	 * stay, only the carrier blinks.
	 */
	rtnl_lock();
	if (netif_running(netdev) &&
	    !test_bit(E82574_STATE_REMOVING, &ad->state) &&
	    !test_bit(E82574_STATE_SUSPENDED, &ad->state)) {
		netdev_warn(netdev, "resetting after a %s\n",
			    ad->phy_hang_reset ? "PHY hang" :
						 "transmit timeout");
		ad->phy_hang_reset = false;
		/* New rings first: without memory the old ones keep going. */
		if (e82574_reconfigure(netdev, ad->num_qp, ad->tx_count,
				       ad->rx_count, netdev->mtu) &&
		    test_bit(E82574_STATE_DOWN, &ad->state)) {
			netdev_err(netdev, "reset failed, detaching\n");
			netif_device_detach(netdev);
		}
	}
	rtnl_unlock();
}

static int e82574_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	struct e82574_adapter *ad;
	struct net_device *netdev;
	u8 mac[ETH_ALEN];
	int err;

	err = pci_enable_device_mem(pdev);
	if (err)
		return err;

	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err) {
		dev_err(&pdev->dev, "no usable DMA configuration\n");
		goto disable_device;
	}

	err = pci_request_mem_regions(pdev, E82574_DRV_NAME);
	if (err)
		goto disable_device;

	netdev = alloc_etherdev_mqs(sizeof(*ad), E82574_MAX_QP,
				    E82574_MAX_QP);
	if (!netdev) {
		err = -ENOMEM;
		goto release_regions;
	}
	SET_NETDEV_DEV(netdev, &pdev->dev);
	pci_set_drvdata(pdev, netdev);

	ad = netdev_priv(netdev);
	ad->netdev = netdev;
	ad->pdev = pdev;
	set_bit(E82574_STATE_DOWN, &ad->state);
	spin_lock_init(&ad->stats_lock);
	spin_lock_init(&ad->ctrl_lock);
	spin_lock_init(&ad->fence_lock);
	ad->fence_on = true;
	mutex_init(&ad->hw_lock);
	INIT_WORK(&ad->reset_task, e82574_reset_task);

	ad->hw = pci_ioremap_bar(pdev, 0);
	if (!ad->hw) {
		err = -EIO;
		goto free_netdev;
	}

	/*
	 * A previous driver, the firmware or a warm reboot may have left
	 * anything running: stop it and reset before bus mastering is on.
	 */
	e82574_hw_quiesce(ad);
	err = e82574_hw_reset(ad);
	if (err)
		goto unmap;
	pci_set_master(pdev);

	e82574_nvm_setup(ad);
	err = e82574_nvm_init(ad, mac);
	if (err)
		goto clear_master;
	eth_hw_addr_set(netdev, mac);
	err = e82574_phy_reset(ad);
	if (!err)
		err = e82574_phy_identify(ad);
	if (err)
		goto clear_master;
	/* Down until the interface is opened. */
	e82574_phy_power(ad, false);

	e82574_disable_aspm(pdev);

	err = e82574_irq_init(ad, true);
	if (err)
		goto clear_master;

	err = e82574_netdev_init(ad);
	if (err)
		goto free_irq_vectors;

	e82574_hw_get_control(ad);
	pci_save_state(pdev);
	e82574_ptp_init(ad);

	err = register_netdev(netdev);
	if (err)
		goto ptp_fini;

	netdev_info(netdev, "Intel 82574L at %s, %pM, PHY 0x%08x, %s, %u queue pair%s\n",
		    pci_name(pdev), netdev->dev_addr, ad->phy_id,
		    ad->msix ? "MSI-X" : "MSI",
		    ad->num_qp, ad->num_qp > 1 ? "s" : "");
	e82574_dbg_adapter_add(ad);
	return 0;

ptp_fini:
	e82574_ptp_fini(ad);
	e82574_hw_release_control(ad);
free_irq_vectors:
	e82574_irq_fini(ad);
clear_master:
	pci_clear_master(pdev);
unmap:
	e82574_hw_quiesce(ad);
	iounmap(ad->hw);
free_netdev:
	mutex_destroy(&ad->hw_lock);
	free_netdev(netdev);
release_regions:
	pci_release_mem_regions(pdev);
disable_device:
	pci_disable_device(pdev);
	return err;
}

static void e82574_remove(struct pci_dev *pdev)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e82574_adapter *ad = netdev_priv(netdev);

	set_bit(E82574_STATE_REMOVING, &ad->state);
	/* Readers of the files take RTNL: remove them before taking it. */
	e82574_dbg_adapter_remove(ad);
	/* Closes the device: DMA stops before rings are freed. */
	unregister_netdev(netdev);
	rtnl_lock();
	e82574_rss_balance_off(ad, NULL);
	rtnl_unlock();
	cancel_delayed_work_sync(&ad->bal_work);
	cancel_work_sync(&ad->reset_task);
	e82574_ptp_fini(ad);
	e82574_hw_release_control(ad);
	e82574_irq_fini(ad);
	pci_clear_master(pdev);
	e82574_hw_quiesce(ad);
	iounmap(ad->hw);
	mutex_destroy(&ad->hw_lock);
	free_netdev(netdev);
	pci_release_mem_regions(pdev);
	pci_disable_device(pdev);
}

/* Take the interface down for PM or error recovery, keeping its state. */
static void e82574_detach(struct e82574_adapter *ad)
{
	struct net_device *netdev = ad->netdev;

	rtnl_lock();
	netif_device_detach(netdev);
	set_bit(E82574_STATE_SUSPENDED, &ad->state);
	if (netif_running(netdev))
		e82574_stop_locked(netdev);
	/* SYSTIM stops with the device; the resume's reset restarts it. */
	e82574_ptp_freeze(ad, !pci_channel_offline(ad->pdev));
	rtnl_unlock();
}

/* Reopen what e82574_detach() closed; the device has been reset. */
static int e82574_attach(struct e82574_adapter *ad)
{
	struct net_device *netdev = ad->netdev;
	int err = 0;

	rtnl_lock();
	clear_bit(E82574_STATE_SUSPENDED, &ad->state);
	if (netif_running(netdev))
		err = e82574_open_locked(netdev);
	if (!err)
		netif_device_attach(netdev);
	rtnl_unlock();
	return err;
}

static void e82574_shutdown(struct pci_dev *pdev)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e82574_adapter *ad = netdev_priv(netdev);

	bool wake;

	e82574_detach(ad);
	e82574_hw_release_control(ad);
	e82574_hw_quiesce(ad);
	wake = e82574_wol_arm(ad);
	pci_clear_master(pdev);
	if (system_state == SYSTEM_POWER_OFF) {
		pci_wake_from_d3(pdev, wake);
		pci_set_power_state(pdev, PCI_D3hot);
	}
}

static int e82574_suspend(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e82574_adapter *ad = netdev_priv(netdev);

	e82574_detach(ad);
	/* Firmware gets the device back while the system sleeps. */
	e82574_hw_release_control(ad);
	e82574_hw_quiesce(ad);
	/* The PCI core enables PME as device_may_wakeup() says. */
	e82574_wol_arm(ad);
	pci_clear_master(pdev);
	netdev_info(netdev, "suspended\n");
	return 0;
}

static int e82574_resume(struct device *dev)
{
	struct pci_dev *pdev = to_pci_dev(dev);
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e82574_adapter *ad = netdev_priv(netdev);
	int err;

	/* The PCI core has restored the configuration space (and MSI-X). */
	e82574_wol_disarm(ad);
	err = e82574_hw_reset(ad);
	if (err)
		return err;
	pci_set_master(pdev);
	e82574_hw_get_control(ad);
	err = e82574_phy_reset(ad);
	if (err)
		return err;
	e82574_phy_power(ad, false);
	err = e82574_attach(ad);
	if (err) {
		netdev_err(netdev, "cannot reopen after resume (%d)\n", err);
		return err;
	}
	netdev_info(netdev, "resumed\n");
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(e82574_pm_ops, e82574_suspend, e82574_resume);

static pci_ers_result_t e82574_io_error_detected(struct pci_dev *pdev,
						 pci_channel_state_t state)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e82574_adapter *ad = netdev_priv(netdev);

	netdev_warn(netdev, "PCI error detected (channel state %d)\n", state);
	e82574_detach(ad);
	if (state == pci_channel_io_perm_failure) {
		netdev_err(netdev, "permanent PCI failure, device detached\n");
		return PCI_ERS_RESULT_DISCONNECT;
	}
	pci_disable_device(pdev);
	return PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t e82574_io_slot_reset(struct pci_dev *pdev)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e82574_adapter *ad = netdev_priv(netdev);

	if (pci_enable_device_mem(pdev)) {
		netdev_err(netdev,
			   "cannot re-enable the device after a PCI error, detached\n");
		return PCI_ERS_RESULT_DISCONNECT;
	}
	pci_restore_state(pdev);
	pci_save_state(pdev);
	if (e82574_hw_reset(ad)) {
		netdev_err(netdev,
			   "reset failed after a PCI error, device detached\n");
		return PCI_ERS_RESULT_DISCONNECT;
	}
	pci_set_master(pdev);
	e82574_hw_get_control(ad);
	netdev_info(netdev, "slot reset after PCI error\n");
	return PCI_ERS_RESULT_RECOVERED;
}

static void e82574_io_resume(struct pci_dev *pdev)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e82574_adapter *ad = netdev_priv(netdev);
	int err;

	err = e82574_attach(ad);
	if (err) {
		netdev_err(netdev,
			   "cannot reopen after a PCI error (%d), detached\n",
			   err);
		return;
	}
	netdev_info(netdev, "resumed after PCI error\n");
}

static const struct pci_error_handlers e82574_err_handler = {
	.error_detected = e82574_io_error_detected,
	.slot_reset = e82574_io_slot_reset,
	.resume = e82574_io_resume,
};

static struct pci_driver e82574_driver = {
	.name = E82574_DRV_NAME,
	.id_table = e82574_pci_tbl,
	.probe = e82574_probe,
	.remove = e82574_remove,
	.shutdown = e82574_shutdown,
	.driver.pm = pm_sleep_ptr(&e82574_pm_ops),
	.err_handler = &e82574_err_handler,
};

static int __init e82574_init_module(void)
{
	int err;

	e82574_dbg_init();
	err = pci_register_driver(&e82574_driver);
	if (err)
		e82574_dbg_exit();
	return err;
}
module_init(e82574_init_module);

static void __exit e82574_exit_module(void)
{
	pci_unregister_driver(&e82574_driver);
	e82574_dbg_exit();
}
module_exit(e82574_exit_module);

MODULE_AUTHOR("e82574 developers");
MODULE_DESCRIPTION("Intel(R) 82574L Gigabit Ethernet driver with RSS");
MODULE_LICENSE("GPL");
MODULE_VERSION(E82574_DRV_VERSION);
