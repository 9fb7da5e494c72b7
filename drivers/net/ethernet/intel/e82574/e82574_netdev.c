// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: net_device operations, open/stop, link and statistics.
 */
#include <linux/etherdevice.h>
#include <linux/mii.h>
#include <linux/netdevice.h>
#ifdef E82574_HAVE_NETDEV_STAT_OPS
#include <net/netdev_queues.h>
#endif

#include "e82574.h"

#define E82574_WATCHDOG_PERIOD	(2 * HZ)

static u64 e82574_rd64(struct e82574_adapter *ad, u32 lo, u32 hi)
{
	u64 val = e82574_rd32(ad, lo);	/* low first: high clears both */

	return val | (u64)e82574_rd32(ad, hi) << 32;
}

/**
 * e82574_update_hw_stats - fold the clear-on-read counters into hw_stats
 * @ad: adapter
 */
void e82574_update_hw_stats(struct e82574_adapter *ad)
{
	struct e82574_hw_stats *s = &ad->hw_stats;
	unsigned long flags;

	/* An offline device reads all-ones. */
	if (pci_channel_offline(ad->pdev))
		return;
	spin_lock_irqsave(&ad->stats_lock, flags);
	s->crcerrs += e82574_rd32(ad, E82574_CRCERRS);
	s->mpc += e82574_rd32(ad, E82574_MPC);
	s->colc += e82574_rd32(ad, E82574_COLC);
	s->gprc += e82574_rd32(ad, E82574_GPRC);
	s->bprc += e82574_rd32(ad, E82574_BPRC);
	s->mprc += e82574_rd32(ad, E82574_MPRC);
	s->gptc += e82574_rd32(ad, E82574_GPTC);
	s->gorc += e82574_rd64(ad, E82574_GORCL, E82574_GORCH);
	s->gotc += e82574_rd64(ad, E82574_GOTCL, E82574_GOTCH);
	s->rnbc += e82574_rd32(ad, E82574_RNBC);
	s->ruc += e82574_rd32(ad, E82574_RUC);
	s->roc += e82574_rd32(ad, E82574_ROC);
	s->tor += e82574_rd64(ad, E82574_TORL, E82574_TORH);
	s->tot += e82574_rd64(ad, E82574_TOTL, E82574_TOTH);
	s->tpr += e82574_rd32(ad, E82574_TPR);
	s->tpt += e82574_rd32(ad, E82574_TPT);
	s->mptc += e82574_rd32(ad, E82574_MPTC);
	s->bptc += e82574_rd32(ad, E82574_BPTC);
	s->tsctc += e82574_rd32(ad, E82574_TSCTC);
	s->xonrxc += e82574_rd32(ad, E82574_XONRXC);
	s->xontxc += e82574_rd32(ad, E82574_XONTXC);
	s->xoffrxc += e82574_rd32(ad, E82574_XOFFRXC);
	s->xofftxc += e82574_rd32(ad, E82574_XOFFTXC);
	spin_unlock_irqrestore(&ad->stats_lock, flags);
}

/**
 * e82574_ring_stats_read - consistent snapshot of a ring's counters
 * @ring: ring
 * @out: where the snapshot goes: the NAPI side's and the transmit
 *	 side's counters added up
 */
void e82574_ring_stats_read(struct e82574_ring *ring,
			    struct e82574_ring_stats *out)
{
	struct e82574_ring_stats x;
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&ring->syncp);
		*out = ring->stats;
	} while (u64_stats_fetch_retry(&ring->syncp, start));
	do {
		start = u64_stats_fetch_begin(&ring->xsyncp);
		x = ring->xstats;
	} while (u64_stats_fetch_retry(&ring->xsyncp, start));
	e82574_ring_stats_add(out, &x);
}

/**
 * e82574_ring_stats_add - add one ring's counters to a sum
 * @sum: running total
 * @rs: a snapshot from e82574_ring_stats_read()
 */
void e82574_ring_stats_add(struct e82574_ring_stats *sum,
			   const struct e82574_ring_stats *rs)
{
	sum->packets += rs->packets;
	sum->bytes += rs->bytes;
	sum->drops += rs->drops;
	sum->csum_err += rs->csum_err;
	sum->alloc_failed += rs->alloc_failed;
	sum->restarts += rs->restarts;
	sum->stops += rs->stops;
	sum->csum_offload += rs->csum_offload;
	sum->tso += rs->tso;
	sum->xdp_pass += rs->xdp_pass;
	sum->xdp_drop += rs->xdp_drop;
	sum->xdp_tx += rs->xdp_tx;
	sum->xdp_redirect += rs->xdp_redirect;
	sum->xdp_aborted += rs->xdp_aborted;
	sum->xdp_tx_err += rs->xdp_tx_err;
	sum->xdp_redirect_err += rs->xdp_redirect_err;
	sum->xdp_xmit += rs->xdp_xmit;
	sum->xdp_xmit_err += rs->xdp_xmit_err;
}

static void e82574_watchdog(struct work_struct *work)
{
	struct e82574_adapter *ad = container_of(to_delayed_work(work),
						 struct e82574_adapter,
						 watchdog);

	if (test_bit(E82574_STATE_DOWN, &ad->state))
		return;
	e82574_check_link(ad);
	e82574_update_hw_stats(ad);
	if (netif_carrier_ok(ad->netdev))
		e82574_phy_hang_check(ad);
	schedule_delayed_work(&ad->watchdog, E82574_WATCHDOG_PERIOD);
}

/**
 * e82574_write_rar - program one receive address register pair
 * @ad: adapter
 * @idx: entry, 0 being the device address
 * @addr: MAC address, or NULL to clear the entry
 */
void e82574_write_rar(struct e82574_adapter *ad, int idx, const u8 *addr)
{
	u32 ral = 0, rah = 0;

	if (addr) {
		ral = addr[0] | addr[1] << 8 | addr[2] << 16 |
		      (u32)addr[3] << 24;
		rah = addr[4] | addr[5] << 8 | E82574_RAH_AV;
	}
	/* Clear AV first so a half-written entry never matches. */
	e82574_wr32(ad, E82574_RAH(idx), 0);
	e82574_wr32(ad, E82574_RAL(idx), ral);
	e82574_wr32(ad, E82574_RAH(idx), rah);
}

/* Multicast table index of an address with RCTL.MO = 0 (bits 47:36). */
static u32 e82574_mta_hash(const u8 *addr)
{
	return ((addr[4] >> 4) | ((u32)addr[5] << 4)) & 0xfff;
}

/* Called with the netdev address lock held (it guards ad->vlan_filter). */
static void e82574_set_rx_mode(struct net_device *netdev)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u32 mta[E82574_MTA_NUM] = { };
	struct netdev_hw_addr *ha;
	u32 rctl;
	int i;

	if (test_bit(E82574_STATE_DOWN, &ad->state))
		return;

	rctl = e82574_rd32(ad, E82574_RCTL);
	rctl &= ~(E82574_RCTL_UPE | E82574_RCTL_MPE | E82574_RCTL_VFE);
	if (netdev->flags & IFF_PROMISC)
		rctl |= E82574_RCTL_UPE | E82574_RCTL_MPE;
	else if (netdev->flags & IFF_ALLMULTI)
		rctl |= E82574_RCTL_MPE;
	/*
	 * The VLAN filter applies before the address filters, also in
	 * promiscuous mode: off there, so every VLAN gets through (the
	 * stack expects that of IFF_PROMISC), as e1000e does.
	 */
	if (ad->vlan_filter && !(netdev->flags & IFF_PROMISC))
		rctl |= E82574_RCTL_VFE;

	/* RAR 0 is the device address; the rest take secondary unicast. */
	if (netdev_uc_count(netdev) > E82574_RAR_NUM - 1) {
		rctl |= E82574_RCTL_UPE;
	} else {
		i = 1;
		netdev_for_each_uc_addr(ha, netdev)
			e82574_write_rar(ad, i++, ha->addr);
		for (; i < E82574_RAR_NUM; i++)
			e82574_write_rar(ad, i, NULL);
	}

	netdev_for_each_mc_addr(ha, netdev) {
		u32 h = e82574_mta_hash(ha->addr);

		mta[h >> 5] |= BIT(h & 31);
	}
	for (i = 0; i < E82574_MTA_NUM; i++)
		e82574_wr32(ad, E82574_MTA(i), mta[i]);

	e82574_wr32(ad, E82574_RCTL, rctl);
}

/* VFTA word @idx (VLAN IDs 32 * idx .. 32 * idx + 31) from the bitmap. */
static u32 e82574_vfta_word(const struct e82574_adapter *ad, unsigned int idx)
{
	u32 word = 0;
	unsigned int b;

	for (b = 0; b < 32; b++)
		if (test_bit(idx * 32 + b, ad->active_vlans))
			word |= BIT(b);
	return word;
}

/*
 * VLAN state after a reset (which cleared VFTA and CTRL.VME): the VLAN
 * filter table from the joined IDs, tag stripping/insertion as set.
 * RCTL.VFE follows in e82574_set_rx_mode().  Under RTNL.
 */
static void e82574_vlan_restore(struct e82574_adapter *ad)
{
	unsigned int i;

	for (i = 0; i < E82574_VFTA_NUM; i++)
		e82574_wr32(ad, E82574_VFTA(i), e82574_vfta_word(ad, i));
	e82574_hw_vlan_strip(ad, ad->netdev->features &
				 NETIF_F_HW_VLAN_CTAG_RX);
}

static int e82574_vlan_rx_add_vid(struct net_device *netdev, __be16 proto,
				  u16 vid)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	/* Only 802.1Q is offered (no NETIF_F_HW_VLAN_STAG_FILTER). */
	if (proto != htons(ETH_P_8021Q) || vid >= VLAN_N_VID)
		return -EINVAL;
	set_bit(vid, ad->active_vlans);
	if (!test_bit(E82574_STATE_DOWN, &ad->state))
		e82574_wr32(ad, E82574_VFTA(vid / 32),
			    e82574_vfta_word(ad, vid / 32));
	return 0;
}

static int e82574_vlan_rx_kill_vid(struct net_device *netdev, __be16 proto,
				   u16 vid)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	if (proto != htons(ETH_P_8021Q) || vid >= VLAN_N_VID)
		return -EINVAL;
	clear_bit(vid, ad->active_vlans);
	if (!test_bit(E82574_STATE_DOWN, &ad->state))
		e82574_wr32(ad, E82574_VFTA(vid / 32),
			    e82574_vfta_word(ad, vid / 32));
	return 0;
}

/* One CTRL.VME switches stripping and insertion: keep txvlan = rxvlan. */
static netdev_features_t e82574_fix_features(struct net_device *netdev,
					     netdev_features_t features)
{
	if (features & NETIF_F_HW_VLAN_CTAG_RX)
		features |= NETIF_F_HW_VLAN_CTAG_TX;
	else
		features &= ~NETIF_F_HW_VLAN_CTAG_TX;
	return features;
}

/*
 * RX checksum and hash are checked per frame; the VLAN settings go to
 * the NIC here, at once while it runs, and again at every open.
 */
static int e82574_set_features(struct net_device *netdev,
			       netdev_features_t features)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	netdev_features_t changed = netdev->features ^ features;

	if ((changed & NETIF_F_HW_VLAN_CTAG_RX) &&
	    !test_bit(E82574_STATE_DOWN, &ad->state))
		e82574_hw_vlan_strip(ad, features & NETIF_F_HW_VLAN_CTAG_RX);
	if (changed & NETIF_F_HW_VLAN_CTAG_FILTER) {
		netif_addr_lock_bh(netdev);
		ad->vlan_filter = features & NETIF_F_HW_VLAN_CTAG_FILTER;
		e82574_set_rx_mode(netdev);
		netif_addr_unlock_bh(netdev);
	}
	return 0;
}

static void e82574_napi_add(struct e82574_adapter *ad)
{
	int i;

	for (i = 0; i < ad->num_qp; i++) {
		struct e82574_qvec *qv = &ad->qv[i];

		qv->ad = ad;
		qv->idx = i;
		qv->tx = &ad->tx_ring[i];
		qv->rx = &ad->rx_ring[i];
		qv->tx->qv = qv;
		qv->rx->qv = qv;
		/* MSI-X causes of this pair; MSI uses RXT0/TXDW instead. */
		qv->ims = E82574_INT_RXQ(i) | E82574_INT_TXQ(i);
		e82574_dim_init(qv);
#ifdef E82574_HAVE_NETIF_NAPI_ADD_CONFIG
		/* NAPI id and settings persist across down/up (6.13+). */
		netif_napi_add_config(ad->netdev, &qv->napi, e82574_napi_poll,
				      i);
#else
		netif_napi_add(ad->netdev, &qv->napi, e82574_napi_poll);
#endif
	}
}

static void e82574_napi_del(struct e82574_adapter *ad)
{
	int i;

	for (i = 0; i < ad->num_qp; i++)
		netif_napi_del(&ad->qv[i].napi);
}

/*
 * Tell the core which NAPI serves which queue and which IRQ it runs on,
 * so netlink tools can show queue <-> NAPI <-> IRQ (6.8 and later).
 */
static void e82574_link_queues(struct e82574_adapter *ad, bool link)
{
#ifdef E82574_HAVE_NETIF_QUEUE_SET_NAPI
	int i;

	for (i = 0; i < ad->num_qp; i++) {
		struct napi_struct *napi = link ? &ad->qv[i].napi : NULL;

#ifdef E82574_HAVE_NETIF_NAPI_SET_IRQ
		int irq = pci_irq_vector(ad->pdev, ad->msix ? i : 0);

		netif_napi_set_irq(&ad->qv[i].napi, link ? irq : -1);
#endif
		netif_queue_set_napi(ad->netdev, i, NETDEV_QUEUE_TYPE_RX, napi);
		netif_queue_set_napi(ad->netdev, i, NETDEV_QUEUE_TYPE_TX, napi);
	}
#endif
}

/**
 * e82574_hw_bringup - reset and reprogram the MAC, then start the link
 * @ad: adapter
 *
 * Return: 0 or a negative errno from the reset or the PHY.
 */
int e82574_hw_bringup(struct e82574_adapter *ad)
{
	int err;

	err = e82574_hw_reset(ad);
	if (err)
		return err;
	e82574_hw_get_control(ad);
	e82574_hw_init(ad);
	return e82574_phy_setup_link(ad);
}

/**
 * e82574_up - bring the interface up on rings allocated beforehand
 * @ad: adapter, its rings released
 * @rs: rings from e82574_ring_set_alloc(): installed here, freed on failure
 *
 * Called under RTNL, by open, reconfiguration and the self-test.  The
 * IRQs may still be held (a reconfiguration keeps them); the real queue
 * counts may already be set (e82574_reconfigure() grows them first).
 * Then nothing here allocates memory.
 *
 * Return: 0 or a negative errno with everything released, IRQs too.
 */
int e82574_up(struct e82574_adapter *ad, struct e82574_ring_set *rs)
{
	struct net_device *netdev = ad->netdev;
	int i, err;

	netif_carrier_off(netdev);
	err = netif_set_real_num_tx_queues(netdev, ad->num_qp);
	if (!err)
		err = netif_set_real_num_rx_queues(netdev, ad->num_qp);
	if (err) {
		e82574_ring_set_free(rs);
		e82574_irq_free(ad);
		return err;
	}
	e82574_ring_set_install(ad, rs);
	e82574_napi_add(ad);

	/* Every open starts from a reset device with the link renegotiated. */
	err = e82574_hw_bringup(ad);
	if (err)
		goto release_rings;
	e82574_write_rar(ad, 0, netdev->dev_addr);
	e82574_vlan_restore(ad);
	e82574_tx_configure(ad);
	err = e82574_rx_configure(ad);
	if (err)
		goto stop_hw;
	e82574_irq_program(ad);

	err = e82574_irq_request(ad, ad->num_qp);
	if (err)
		goto stop_hw;
	e82574_irq_spread(ad);

	clear_bit(E82574_STATE_DOWN, &ad->state);
	e82574_link_queues(ad, true);
	for (i = 0; i < ad->num_qp; i++)
		napi_enable(&ad->qv[i].napi);
	netif_addr_lock_bh(netdev);
	e82574_set_rx_mode(netdev);
	netif_addr_unlock_bh(netdev);
	e82574_irq_enable(ad);
	/* Frames may have landed before the causes were unmasked. */
	local_bh_disable();
	for (i = 0; i < ad->num_qp; i++)
		napi_schedule(&ad->qv[i].napi);
	local_bh_enable();

	netif_tx_start_all_queues(netdev);
	/* No LSC arrives at load: read the link state now. */
	e82574_check_link(ad);
	schedule_delayed_work(&ad->watchdog, E82574_WATCHDOG_PERIOD);
	return 0;

stop_hw:
	/* The reset stops RX and TX DMA and detaches every ring. */
	e82574_irq_disable(ad);
	e82574_hw_reset(ad);
	e82574_hw_get_control(ad);
release_rings:
	e82574_irq_free(ad);
	e82574_napi_del(ad);
	e82574_rings_release(ad);
	return err;
}

/**
 * e82574_open_locked - bring the interface up (ndo_open)
 * @netdev: interface
 *
 * Called under RTNL, by the core and by the driver's PM and error
 * recovery paths.
 *
 * Return: 0 or a negative errno with everything released.
 */
int e82574_open_locked(struct net_device *netdev)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct e82574_ring_set *rs;

	rs = e82574_ring_set_alloc(ad, ad->num_qp, ad->tx_count, ad->rx_count,
				   netdev->mtu);
	if (IS_ERR(rs))
		return PTR_ERR(rs);
	return e82574_up(ad, rs);
}

/*
 * Take the interface down: stop DMA, reset the device, release the
 * rings; with @keep_irqs the vectors stay held for e82574_up() (a
 * reconfiguration).  Does nothing if the rings are already gone.
 */
static void e82574_down(struct net_device *netdev, bool keep_irqs)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	int i;

	/* Already down: a failed reopen (reset, MTU, channels) left it so. */
	if (test_and_set_bit(E82574_STATE_DOWN, &ad->state))
		return;
	/*
	 * ndo_set_rx_mode runs under the address lock and checks DOWN:
	 * once we have held the lock, none is left that could set RCTL.EN
	 * again behind the reset below.
	 */
	netif_addr_lock_bh(netdev);
	netif_addr_unlock_bh(netdev);
	netif_carrier_off(netdev);
	netif_tx_disable(netdev);

	/* No entry may point at a ring that is about to go away. */
	e82574_rss_quiesce(ad);
	/*
	 * Stop DMA before rings are freed.  Transmit stops here; receive
	 * stops in the reset below, after PCIe master requests are off:
	 * e1000e does not clear RCTL.EN on its own on the 82574.
	 */
	e82574_tx_disable(ad);
	e82574_irq_disable(ad);
	for (i = 0; i < ad->num_qp; i++) {
		napi_disable(&ad->qv[i].napi);
		cancel_work_sync(&ad->qv[i].dim.work);
	}
	/* held frames are freed with the rings (e82574_rx_ring_clean()) */
	e82574_rss_fence_reset(ad);
	if (!keep_irqs)
		e82574_irq_free(ad);
	cancel_delayed_work_sync(&ad->watchdog);
	e82574_ptp_tx_flush(ad);

	/* An offline device is reached by nothing: the slot reset stops it. */
	if (!pci_channel_offline(ad->pdev)) {
		e82574_hw_reset(ad);
		e82574_hw_get_control(ad);
		e82574_phy_power(ad, false);
	}
	e82574_link_queues(ad, false);
	e82574_napi_del(ad);
	e82574_rings_release(ad);
}

/**
 * e82574_stop_locked - take the interface down (ndo_stop)
 * @netdev: interface
 *
 * Called under RTNL.  Software state (RSS table, key, hash fields,
 * counters) is kept; only rings and IRQs are released.  Does nothing if
 * the rings are already gone.
 *
 * Return: 0.
 */
int e82574_stop_locked(struct net_device *netdev)
{
	e82574_down(netdev, false);
	return 0;
}

/*
 * What a running interface needs for more queue pairs than it has,
 * acquired while it keeps running: the added queues' sysfs entries and
 * their vectors.  The stack cannot pick the added TX queues yet (they
 * are stopped until e82574_up() starts them all); their vectors find
 * no queue pair and return.  On failure everything is as before.
 */
static int e82574_grow_queues(struct e82574_adapter *ad, u16 num_qp)
{
	struct net_device *netdev = ad->netdev;
	u16 old = ad->num_qp;
	int i, err;

	if (num_qp <= old)
		return 0;
	for (i = old; i < num_qp; i++)
		netif_tx_stop_queue(netdev_get_tx_queue(netdev, i));
	err = netif_set_real_num_tx_queues(netdev, num_qp);
	if (err)
		return err;
	err = netif_set_real_num_rx_queues(netdev, num_qp);
	if (!err && ad->msix)
		err = e82574_irq_request(ad, num_qp);
	if (err) {
		e82574_irq_trim(ad, old);
		/* Fewer queues allocates nothing. */
		netif_set_real_num_rx_queues(netdev, old);
		netif_set_real_num_tx_queues(netdev, old);
	}
	return err;
}

/*
 * What a change of a running interface needs before anything stops:
 * rings for @alloc_qp queue pairs of the given sizes at @mtu, and the
 * stack's queues (and vectors) for @num_qp.  On failure nothing has
 * changed; it is logged.
 */
static struct e82574_ring_set *
e82574_prepare_swap(struct e82574_adapter *ad, u16 alloc_qp, u16 num_qp,
		    u16 tx_count, u16 rx_count, unsigned int mtu)
{
	struct e82574_ring_set *rs;
	int err;

	rs = e82574_ring_set_alloc(ad, alloc_qp, tx_count, rx_count, mtu);
	if (IS_ERR(rs)) {
		err = PTR_ERR(rs);
	} else {
		err = e82574_grow_queues(ad, num_qp);
		if (!err)
			return rs;
		e82574_ring_set_free(rs);
	}
	netdev_err(ad->netdev,
		   "no memory for %u queue pairs of %u/%u descriptors at MTU %u (%d); nothing changed\n",
		   num_qp, tx_count, rx_count, mtu, err);
	return ERR_PTR(err);
}

/**
 * e82574_reconfigure - change queue pairs, ring sizes or MTU
 * @netdev: interface
 * @num_qp: queue pairs
 * @tx_count: descriptors per TX ring
 * @rx_count: descriptors per RX ring
 * @mtu: MTU
 *
 * Called under RTNL.  While the interface runs, the new configuration's
 * rings, receive buffers and XDP queue info are allocated first, and so
 * are added queue pairs' queues and vectors: if that fails the interface
 * keeps running as it was and nothing changes.  Only then is the old
 * configuration stopped and freed (its IRQs kept) and the new one
 * started, which allocates nothing more.  The
 * software state (RSS, filters, features, addresses) carries over.
 * Also the device reset (with unchanged values).  An interface left
 * down by an earlier failure is started again.
 *
 * Return: 0, -ENOMEM with the old configuration still running, or an
 * error from starting the new one (logged; the interface is down).
 */
int e82574_reconfigure(struct net_device *netdev, u16 num_qp, u16 tx_count,
		       u16 rx_count, unsigned int mtu)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	bool running = netif_running(netdev);
	struct e82574_ring_set *rs = NULL;
	int err;

	if (running && !test_bit(E82574_STATE_DOWN, &ad->state)) {
		rs = e82574_prepare_swap(ad, num_qp, num_qp, tx_count,
					 rx_count, mtu);
		if (IS_ERR(rs))
			return PTR_ERR(rs);
		e82574_down(netdev, true);
	}
	ad->tx_count = tx_count;
	ad->rx_count = rx_count;
	WRITE_ONCE(netdev->mtu, mtu);
	if (ad->num_qp != num_qp) {
		ad->num_qp = num_qp;
		e82574_rss_channels_changed(ad);
	}
	if (!running)
		return 0;
	/* Down after an earlier failure: this is another try. */
	err = rs ? e82574_up(ad, rs) : e82574_open_locked(netdev);
	if (err)
		netdev_err(netdev, "cannot start the new configuration (%d), interface is down\n",
			   err);
	return err;
}

/**
 * e82574_set_irq_mode - switch between MSI-X (two queue pairs) and MSI
 * @netdev: interface
 * @msix: true for MSI-X, false for one MSI vector and one queue pair
 *
 * Called under RTNL.  While the interface runs, rings for both modes'
 * queue pairs are allocated first, and so are added queues (not their
 * vectors): without memory nothing changes.  The vectors cannot be held
 * in both modes at once, so the old ones are released before the new
 * ones are asked for; if the new mode cannot be had, the old one is
 * taken back and started on the same rings (the extra queue pair's
 * are freed), so that nothing but the vectors is allocated after the
 * old configuration stopped.
 *
 * Return: 0; -ENOMEM with nothing changed; -EIO if the new mode was not
 * available and the old one runs again; another errno (logged) if even
 * the old mode could not be restored (the device is then detached).
 */
int e82574_set_irq_mode(struct net_device *netdev, bool msix)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	bool running = netif_running(netdev);
	u16 num_qp = msix ? E82574_MAX_QP : 1;
	struct e82574_ring_set *rs = NULL;
	int err;

	if (ad->msix == msix)
		return 0;
	if (running && !test_bit(E82574_STATE_DOWN, &ad->state)) {
		rs = e82574_prepare_swap(ad, E82574_MAX_QP, num_qp,
					 ad->tx_count, ad->rx_count,
					 netdev->mtu);
		if (IS_ERR(rs))
			return PTR_ERR(rs);
		e82574_stop_locked(netdev);
	}
	e82574_irq_fini(ad);
	err = e82574_irq_init(ad, msix);
	if (!err && ad->msix != msix) {
		/* MSI-X asked for, MSI (the old mode) given */
		netdev_err(netdev, "MSI-X unavailable, staying on MSI\n");
		err = -EIO;
	}
	if (err && err != -EIO) {
		netdev_err(netdev, "%s unavailable (%d), back to %s\n",
			   msix ? "MSI-X" : "MSI", err, msix ? "MSI" : "MSI-X");
		err = e82574_irq_init(ad, !msix);
		if (err) {
			netdev_err(netdev, "no interrupt vectors (%d), detached\n",
				   err);
			e82574_ring_set_free(rs);
			netif_device_detach(netdev);
			return err;
		}
		err = -EIO;
	}
	/* On -EIO the old mode runs again, on the set's first rings. */
	if (!err && ad->num_qp != num_qp) {
		ad->num_qp = num_qp;
		e82574_rss_channels_changed(ad);
	}
	if (running) {
		int up = rs ? e82574_up(ad, rs) : e82574_open_locked(netdev);

		if (up) {
			netdev_err(netdev, "reopen failed (%d), interface is down\n",
				   up);
			return up;
		}
	}
	return err;
}

static int e82574_set_mac_address(struct net_device *netdev, void *p)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct sockaddr *addr = p;

	if (!is_valid_ether_addr(addr->sa_data))
		return -EADDRNOTAVAIL;
	eth_hw_addr_set(netdev, addr->sa_data);
	e82574_write_rar(ad, 0, netdev->dev_addr);
	return 0;
}

static int e82574_change_mtu(struct net_device *netdev, int new_mtu)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	/* The core has checked new_mtu against min_mtu/max_mtu already. */
	if (ad->xdp_prog && new_mtu > ETH_DATA_LEN) {
		netdev_err(netdev, "MTU %d refused: XDP needs MTU %d or less (longer frames span several receive buffers)\n",
			   new_mtu, ETH_DATA_LEN);
		return -EINVAL;
	}
	return e82574_reconfigure(netdev, ad->num_qp, ad->tx_count,
				  ad->rx_count, new_mtu);
}

/*
 * Attach, replace or detach the XDP program: a pointer swap.  The buffer
 * layout is the same with and without a program (E82574_RX_HEADROOM), so
 * nothing is reallocated and no frame is lost.  NAPI polls that still run
 * the old program finish before the core frees it (RCU).
 */
static int e82574_xdp_setup(struct net_device *netdev, struct bpf_prog *prog,
			    struct netlink_ext_ack *extack)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct bpf_prog *old;

	if (prog && netdev->mtu > ETH_DATA_LEN) {
		NL_SET_ERR_MSG_MOD(extack,
				   "XDP needs MTU 1500 or less: longer frames span several receive buffers");
		return -EINVAL;
	}
	old = xchg(&ad->xdp_prog, prog);
	if (old)
		bpf_prog_put(old);
	return 0;
}

static int e82574_bpf(struct net_device *netdev, struct netdev_bpf *bpf)
{
	switch (bpf->command) {
	case XDP_SETUP_PROG:
		return e82574_xdp_setup(netdev, bpf->prog, bpf->extack);
	default:
		return -EINVAL;
	}
}

static void e82574_tx_timeout(struct net_device *netdev, unsigned int txq)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	ad->tx_timeouts++;
	netdev_warn(netdev, "TX queue %u timed out\n", txq);
	schedule_work(&ad->reset_task);
}

#ifdef E82574_HAVE_NDO_HWTSTAMP
static int e82574_hwtstamp_get(struct net_device *netdev,
			       struct kernel_hwtstamp_config *cfg)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	if (!ad->ptp.clock)
		return -EOPNOTSUPP;
	cfg->flags = 0;
	cfg->tx_type = ad->ptp.tx_on ? HWTSTAMP_TX_ON : HWTSTAMP_TX_OFF;
	cfg->rx_filter = ad->ptp.rx_filter;
	return 0;
}

static int e82574_hwtstamp_set(struct net_device *netdev,
			       struct kernel_hwtstamp_config *cfg,
			       struct netlink_ext_ack *extack)
{
	struct e82574_adapter *ad = netdev_priv(netdev);

	if (cfg->flags) {
		NL_SET_ERR_MSG_MOD(extack, "no time stamping flags supported");
		return -EINVAL;
	}
	return e82574_ptp_hwtstamp_set(ad, cfg->tx_type, &cfg->rx_filter,
				       extack);
}
#else
/* SIOCSHWTSTAMP/SIOCGHWTSTAMP, for kernels without ndo_hwtstamp_set. */
static int e82574_hwtstamp_ioctl(struct e82574_adapter *ad, struct ifreq *ifr,
				 int cmd)
{
	struct hwtstamp_config cfg;
	int err;

	if (!ad->ptp.clock)
		return -EOPNOTSUPP;
	if (cmd == SIOCSHWTSTAMP) {
		if (copy_from_user(&cfg, ifr->ifr_data, sizeof(cfg)))
			return -EFAULT;
		if (cfg.flags)
			return -EINVAL;
		err = e82574_ptp_hwtstamp_set(ad, cfg.tx_type, &cfg.rx_filter,
					      NULL);
		if (err)
			return err;
	}
	cfg.flags = 0;
	cfg.tx_type = ad->ptp.tx_on ? HWTSTAMP_TX_ON : HWTSTAMP_TX_OFF;
	cfg.rx_filter = ad->ptp.rx_filter;
	return copy_to_user(ifr->ifr_data, &cfg, sizeof(cfg)) ? -EFAULT : 0;
}
#endif

/* SIOCGMIIPHY/SIOCGMIIREG: PHY registers for mii-tool, as e1000e offers. */
static int e82574_eth_ioctl(struct net_device *netdev, struct ifreq *ifr,
			    int cmd)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct mii_ioctl_data *mii = if_mii(ifr);
	u16 val;
	int err;

	switch (cmd) {
	case SIOCGMIIPHY:
		mii->phy_id = E82574_PHY_ADDR;
		fallthrough;
	case SIOCGMIIREG:
		if (mii->phy_id != E82574_PHY_ADDR || mii->reg_num > 31)
			return -EINVAL;
		if (test_bit(E82574_STATE_SUSPENDED, &ad->state))
			return -EBUSY;
		err = e82574_phy_read(ad, mii->reg_num, &val);
		if (err)
			return err;
		mii->val_out = val;
		return 0;
#ifndef E82574_HAVE_NDO_HWTSTAMP
	case SIOCSHWTSTAMP:
	case SIOCGHWTSTAMP:
		return e82574_hwtstamp_ioctl(ad, ifr, cmd);
#endif
	default:
		return -EOPNOTSUPP;
	}
}

static void e82574_get_stats64(struct net_device *netdev,
			       struct rtnl_link_stats64 *stats)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct e82574_ring_stats rs, rx = { }, tx = { };
	unsigned long flags;
	int i;

	for (i = 0; i < E82574_MAX_QP; i++) {
		e82574_ring_stats_read(&ad->rx_ring[i], &rs);
		e82574_ring_stats_add(&rx, &rs);
		e82574_ring_stats_read(&ad->tx_ring[i], &rs);
		e82574_ring_stats_add(&tx, &rs);
	}
	stats->rx_packets = rx.packets;
	stats->rx_bytes = rx.bytes;
	stats->rx_dropped = rx.drops;
	stats->tx_packets = tx.packets;
	stats->tx_bytes = tx.bytes;
	stats->tx_dropped = tx.drops;

	if (!test_bit(E82574_STATE_DOWN, &ad->state))
		e82574_update_hw_stats(ad);
	spin_lock_irqsave(&ad->stats_lock, flags);
	stats->multicast = ad->hw_stats.mprc;
	stats->collisions = ad->hw_stats.colc;
	stats->rx_crc_errors = ad->hw_stats.crcerrs;
	stats->rx_length_errors = ad->hw_stats.roc;
	stats->rx_missed_errors = ad->hw_stats.mpc;
	spin_unlock_irqrestore(&ad->stats_lock, flags);
	/* A frame lost for want of a descriptor is in MPC (missed) only:
	 * no overrun event count is added to rx_errors (ICR.RXO is masked).
	 */
	stats->rx_errors = stats->rx_crc_errors + stats->rx_length_errors;
}

#ifdef E82574_HAVE_NETDEV_STAT_OPS
/*
 * Only what the driver counts is reported: a field left alone reads as
 * "not reported".  Driver drops (bad descriptors, failed mappings) are
 * not device drops and have no field here; ethtool -S shows them.
 */
static void e82574_qstats_rx(const struct e82574_ring_stats *rs,
			     struct netdev_queue_stats_rx *s)
{
	s->packets = rs->packets;
	s->bytes = rs->bytes;
	s->alloc_fail = rs->alloc_failed;
	s->csum_bad = rs->csum_err;
}

static void e82574_qstats_tx(const struct e82574_ring_stats *rs,
			     struct netdev_queue_stats_tx *s)
{
	s->packets = rs->packets;
	s->bytes = rs->bytes;
	s->stop = rs->stops;
	s->wake = rs->restarts;
	/* Segmentation offload needs the checksum computed too. */
	s->needs_csum = rs->csum_offload + rs->tso;
	s->hw_gso_packets = rs->tso;
}

static void e82574_get_queue_stats_rx(struct net_device *netdev, int idx,
				      struct netdev_queue_stats_rx *s)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct e82574_ring_stats rs;

	e82574_ring_stats_read(&ad->rx_ring[idx], &rs);
	e82574_qstats_rx(&rs, s);
}

static void e82574_get_queue_stats_tx(struct net_device *netdev, int idx,
				      struct netdev_queue_stats_tx *s)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct e82574_ring_stats rs;

	e82574_ring_stats_read(&ad->tx_ring[idx], &rs);
	e82574_qstats_tx(&rs, s);
}

/* Counters of queues that are not active now (after -L combined 1). */
static void e82574_get_base_stats(struct net_device *netdev,
				  struct netdev_queue_stats_rx *rx,
				  struct netdev_queue_stats_tx *tx)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct e82574_ring_stats rs, rxs = { }, txs = { };
	int i;

	for (i = netdev->real_num_rx_queues; i < E82574_MAX_QP; i++) {
		e82574_ring_stats_read(&ad->rx_ring[i], &rs);
		e82574_ring_stats_add(&rxs, &rs);
	}
	for (i = netdev->real_num_tx_queues; i < E82574_MAX_QP; i++) {
		e82574_ring_stats_read(&ad->tx_ring[i], &rs);
		e82574_ring_stats_add(&txs, &rs);
	}
	e82574_qstats_rx(&rxs, rx);
	e82574_qstats_tx(&txs, tx);
}

static const struct netdev_stat_ops e82574_stat_ops = {
	.get_queue_stats_rx	= e82574_get_queue_stats_rx,
	.get_queue_stats_tx	= e82574_get_queue_stats_tx,
	.get_base_stats		= e82574_get_base_stats,
};
#endif

static const struct net_device_ops e82574_netdev_ops = {
	.ndo_open		= e82574_open_locked,
	.ndo_stop		= e82574_stop_locked,
	.ndo_start_xmit		= e82574_xmit_frame,
	.ndo_bpf		= e82574_bpf,
	.ndo_xdp_xmit		= e82574_xdp_xmit,
	.ndo_set_rx_mode	= e82574_set_rx_mode,
	.ndo_set_mac_address	= e82574_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_change_mtu		= e82574_change_mtu,
	.ndo_tx_timeout		= e82574_tx_timeout,
	.ndo_get_stats64	= e82574_get_stats64,
	.ndo_eth_ioctl		= e82574_eth_ioctl,
#ifdef E82574_HAVE_NDO_HWTSTAMP
	.ndo_hwtstamp_get	= e82574_hwtstamp_get,
	.ndo_hwtstamp_set	= e82574_hwtstamp_set,
#endif
	.ndo_features_check	= passthru_features_check,
	.ndo_fix_features	= e82574_fix_features,
	.ndo_set_features	= e82574_set_features,
	.ndo_vlan_rx_add_vid	= e82574_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid	= e82574_vlan_rx_kill_vid,
};

/**
 * e82574_netdev_init - set up the net_device before registration
 * @ad: adapter
 *
 * Return: 0 (nothing here can fail yet).
 */
int e82574_netdev_init(struct e82574_adapter *ad)
{
	struct net_device *netdev = ad->netdev;
	netdev_features_t features;
	int i;

	/* Both queue pairs with MSI-X; a single MSI vector serves one. */
	ad->num_qp = ad->msix ? E82574_MAX_QP : 1;
	e82574_rss_init(ad);
	for (i = 0; i < E82574_MAX_QP; i++) {
		ad->itr[i] = E82574_DEFAULT_ITR;
		u64_stats_init(&ad->rx_ring[i].syncp);
		u64_stats_init(&ad->tx_ring[i].syncp);
		u64_stats_init(&ad->tx_ring[i].xsyncp);
	}
	ad->phy_adv = E82574_ADV_ALL;
	ad->link_autoneg = true;
	ad->mdix_ctrl = ETH_TP_MDI_AUTO;
	ad->link_speed = SPEED_UNKNOWN;
	ad->link_duplex = DUPLEX_UNKNOWN;
	/* The 82574's NVM has no flow-control word: full, like e1000e. */
	ad->fc_requested = E82574_FC_FULL;
	ad->fc_autoneg = true;
	ad->tx_count = E82574_DEFAULT_TXD;
	ad->rx_count = E82574_DEFAULT_RXD;
	INIT_DELAYED_WORK(&ad->watchdog, e82574_watchdog);

	netdev->netdev_ops = &e82574_netdev_ops;
#ifdef E82574_HAVE_XDP_FEATURES
	netdev->xdp_features = NETDEV_XDP_ACT_BASIC | NETDEV_XDP_ACT_REDIRECT |
			       NETDEV_XDP_ACT_NDO_XMIT;
#endif
#ifdef E82574_HAVE_NETDEV_STAT_OPS
	netdev->stat_ops = &e82574_stat_ops;
#endif
	e82574_set_ethtool_ops(netdev);
	netdev->watchdog_timeo = 5 * HZ;
	netdev->min_mtu = ETH_MIN_MTU;
	netdev->max_mtu = E82574_MAX_MTU;
	netdev->priv_flags |= IFF_UNICAST_FLT;

	features = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
		   NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_RXCSUM |
		   NETIF_F_RXHASH | NETIF_F_HIGHDMA;
	netdev->vlan_features = features & ~(NETIF_F_RXCSUM | NETIF_F_RXHASH);
	/*
	 * 802.1Q only: VET holds 0x8100, so 802.1ad frames are neither
	 * stripped nor filtered and reach the stack as they came.
	 */
	features |= NETIF_F_HW_VLAN_CTAG_RX | NETIF_F_HW_VLAN_CTAG_TX |
		    NETIF_F_HW_VLAN_CTAG_FILTER;
	netdev->hw_features = features;
	netdev->features = features;
	ad->vlan_filter = true;
	/* QEMU drops TSO frames whose IP datagram exceeds 64 KiB. */
	netif_set_tso_max_size(netdev, SZ_64K - VLAN_ETH_HLEN - 1);
	return 0;
}
