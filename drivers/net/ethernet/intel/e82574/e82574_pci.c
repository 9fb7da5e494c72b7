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

static bool e82574_mac_from_rar(struct e82574_adapter *ad, u8 *mac)
{
	u32 ral = e82574_rd32(ad, E82574_RAL(0));
	u32 rah = e82574_rd32(ad, E82574_RAH(0));
	int i;

	if (!(rah & E82574_RAH_AV))
		return false;
	for (i = 0; i < 4; i++)
		mac[i] = ral >> (8 * i);
	mac[4] = rah;
	mac[5] = rah >> 8;
	return is_valid_ether_addr(mac);
}

static int e82574_read_nvm_word(struct e82574_adapter *ad, u16 word, u16 *val)
{
	u32 eerd;
	int i;

	e82574_wr32(ad, E82574_EERD, FIELD_PREP(E82574_EERD_ADDR, word) |
				     E82574_EERD_START);
	for (i = 0; i < 1000; i++) {
		eerd = e82574_rd32(ad, E82574_EERD);
		if (eerd & E82574_EERD_DONE) {
			*val = FIELD_GET(E82574_EERD_DATA, eerd);
			return 0;
		}
		udelay(5);
	}
	return -ETIMEDOUT;
}

static bool e82574_mac_from_nvm(struct e82574_adapter *ad, u8 *mac)
{
	u16 word;
	int i;

	for (i = 0; i < 3; i++) {
		if (e82574_read_nvm_word(ad, i, &word))
			return false;
		mac[2 * i] = word & 0xff;
		mac[2 * i + 1] = word >> 8;
	}
	return is_valid_ether_addr(mac);
}

static void e82574_init_mac_addr(struct e82574_adapter *ad)
{
	struct net_device *netdev = ad->netdev;
	u8 mac[ETH_ALEN];

	if (e82574_mac_from_rar(ad, mac) || e82574_mac_from_nvm(ad, mac)) {
		eth_hw_addr_set(netdev, mac);
		return;
	}
	eth_hw_addr_random(netdev);
	dev_warn(&ad->pdev->dev,
		 "no valid MAC address in RAL0/RAH0 or the NVM, using random %pM\n",
		 netdev->dev_addr);
}

static void e82574_reset_task(struct work_struct *work)
{
	struct e82574_adapter *ad = container_of(work, struct e82574_adapter,
						 reset_task);
	struct net_device *netdev = ad->netdev;

	/*
	 * Rebuild rings and IRQs without taking the interface down for the
	 * stack: addresses, routes and neighbours stay, only the carrier
	 * blinks.
	 */
	rtnl_lock();
	if (netif_running(netdev) &&
	    !test_bit(E82574_STATE_REMOVING, &ad->state)) {
		netdev_warn(netdev, "resetting after a transmit timeout\n");
		e82574_stop_locked(netdev);
		if (e82574_open_locked(netdev)) {
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

	pci_set_master(pdev);

	netdev = alloc_etherdev_mqs(sizeof(*ad), E82574_MAX_QP,
				    E82574_MAX_QP);
	if (!netdev) {
		err = -ENOMEM;
		goto clear_master;
	}
	SET_NETDEV_DEV(netdev, &pdev->dev);
	pci_set_drvdata(pdev, netdev);

	ad = netdev_priv(netdev);
	ad->netdev = netdev;
	ad->pdev = pdev;
	set_bit(E82574_STATE_DOWN, &ad->state);
	spin_lock_init(&ad->stats_lock);
	INIT_WORK(&ad->reset_task, e82574_reset_task);

	ad->hw = pci_ioremap_bar(pdev, 0);
	if (!ad->hw) {
		err = -EIO;
		goto free_netdev;
	}

	/* QEMU and a previous driver may have left anything behind. */
	e82574_hw_quiesce(ad);
	e82574_init_mac_addr(ad);

	err = e82574_irq_init(ad);
	if (err)
		goto unmap;

	err = e82574_netdev_init(ad);
	if (err)
		goto free_irq_vectors;

	err = register_netdev(netdev);
	if (err)
		goto free_irq_vectors;

	netdev_info(netdev, "Intel 82574L at %s, %pM, %s, %u queue pair%s\n",
		    pci_name(pdev), netdev->dev_addr,
		    ad->msix ? "MSI-X" : "MSI",
		    ad->num_qp, ad->num_qp > 1 ? "s" : "");
	return 0;

free_irq_vectors:
	e82574_irq_fini(ad);
unmap:
	e82574_hw_quiesce(ad);
	iounmap(ad->hw);
free_netdev:
	free_netdev(netdev);
clear_master:
	pci_clear_master(pdev);
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
	/* Closes the device: DMA stops before rings are freed. */
	unregister_netdev(netdev);
	cancel_work_sync(&ad->reset_task);
	e82574_irq_fini(ad);
	e82574_hw_quiesce(ad);
	iounmap(ad->hw);
	free_netdev(netdev);
	pci_clear_master(pdev);
	pci_release_mem_regions(pdev);
	pci_disable_device(pdev);
}

static void e82574_shutdown(struct pci_dev *pdev)
{
	struct net_device *netdev = pci_get_drvdata(pdev);
	struct e82574_adapter *ad = netdev_priv(netdev);

	rtnl_lock();
	netif_device_detach(netdev);
	if (netif_running(netdev))
		dev_close(netdev);
	e82574_hw_quiesce(ad);
	rtnl_unlock();
	pci_clear_master(pdev);
}

static struct pci_driver e82574_driver = {
	.name = E82574_DRV_NAME,
	.id_table = e82574_pci_tbl,
	.probe = e82574_probe,
	.remove = e82574_remove,
	.shutdown = e82574_shutdown,
};
module_pci_driver(e82574_driver);

MODULE_AUTHOR("e82574 developers");
MODULE_DESCRIPTION("Intel(R) 82574L Gigabit Ethernet driver with RSS");
MODULE_LICENSE("GPL");
MODULE_VERSION(E82574_DRV_VERSION);
