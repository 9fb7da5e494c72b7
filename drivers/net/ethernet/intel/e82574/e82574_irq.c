// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: interrupt vectors.
 *
 * MSI-X layout: vector n serves queue pair n (RXQn and TXQn routed there
 * through IVAR), vector E82574_VEC_OTHER serves link and the other
 * causes.  Queue causes are auto-cleared and auto-masked (EIAC) and
 * re-armed by NAPI; OTHER is left out of EIAC and cleared by hand,
 * because QEMU 7.2 does not clear ICR on read in MSI-X mode.
 *
 * Without MSI-X a single MSI vector serves everything and the driver
 * runs one queue pair.
 */
#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/pci.h>

#include "e82574.h"

/*
 * ICR.RXO (receive overrun) stays masked, as in e1000e, igb and igc: a
 * frame the NIC drops is counted in MPC, and an RXO event is not a frame
 * (QEMU's model raises it for a frame it only holds back).
 */
#define E82574_IMS_MSI	(E82574_INT_RXT0 | E82574_INT_TXDW | E82574_INT_LSC)

static u32 e82574_queue_causes(struct e82574_adapter *ad)
{
	u32 causes = 0;
	int i;

	for (i = 0; i < ad->num_qp; i++)
		causes |= ad->qv[i].ims;
	return causes;
}

/**
 * e82574_irq_init - allocate interrupt vectors
 * @ad: adapter
 * @want_msix: try MSI-X first (false: the "msi" private flag is set)
 *
 * Tries MSI-X with one vector per queue pair plus one for other causes,
 * and falls back to a single MSI vector.
 *
 * Return: 0 or a negative errno.
 */
int e82574_irq_init(struct e82574_adapter *ad, bool want_msix)
{
	struct pci_dev *pdev = ad->pdev;
	int nvec = -EPERM;

	ad->spread_qp = 0;
	ad->affined_vecs = 0;
	if (want_msix) {
		nvec = pci_alloc_irq_vectors(pdev, E82574_NUM_VECS,
					     E82574_NUM_VECS, PCI_IRQ_MSIX);
		if (nvec == E82574_NUM_VECS) {
			ad->msix = true;
			return 0;
		}
	}
	dev_info(&pdev->dev,
		 "MSI-X unavailable (%d%s), falling back to MSI with one queue pair\n",
		 nvec, want_msix ? "" : ": private flag msi");
	nvec = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (nvec < 0) {
		dev_err(&pdev->dev, "MSI unavailable too (%d)\n", nvec);
		return nvec;
	}
	ad->msix = false;
	return 0;
}

/**
 * e82574_irq_fini - release the vectors allocated by e82574_irq_init()
 * @ad: adapter
 */
void e82574_irq_fini(struct e82574_adapter *ad)
{
	pci_free_irq_vectors(ad->pdev);
}

static irqreturn_t e82574_msix_queue(int irq, void *data)
{
	struct e82574_qvec *qv = data;
	struct e82574_adapter *ad = qv->ad;

	qv->irqs++;
	/*
	 * The vectors stay requested while a reconfiguration swaps the
	 * rings, and a vector is requested before its queue pair is used:
	 * no NAPI instance to schedule then.
	 */
	if (unlikely(test_bit(E82574_STATE_DOWN, &ad->state) ||
		     qv->idx >= ad->num_qp))
		return IRQ_HANDLED;
	/* QEMU 7.2 may send spurious messages; scheduling twice is fine. */
	napi_schedule_irqoff(&qv->napi);
	return IRQ_HANDLED;
}

static void e82574_handle_other(struct e82574_adapter *ad, u32 icr)
{
	if ((icr & E82574_INT_LSC) &&
	    !test_bit(E82574_STATE_DOWN, &ad->state))
		mod_delayed_work(system_wq, &ad->watchdog, 0);
}

static irqreturn_t e82574_msix_other(int irq, void *data)
{
	struct e82574_adapter *ad = data;
	u32 icr = e82574_rd32(ad, E82574_ICR);

	ad->other_irqs++;
	/*
	 * Clear only the "other" causes (writing OTHER clears them all):
	 * queue causes belong to NAPI and must not be lost here.
	 */
	e82574_wr32(ad, E82574_ICR, (icr & E82574_INT_OTHER_CAUSES) |
				    E82574_INT_OTHER);
	e82574_handle_other(ad, icr);
	return IRQ_HANDLED;
}

static irqreturn_t e82574_msi(int irq, void *data)
{
	struct e82574_adapter *ad = data;
	u32 icr = e82574_rd32(ad, E82574_ICR);	/* clears it without MSI-X */

	if (!(icr & ~E82574_INT_ASSERTED))
		return IRQ_NONE;
	ad->other_irqs++;
	e82574_handle_other(ad, icr);
	/* Kept across a ring swap: no NAPI instance while down. */
	if (test_bit(E82574_STATE_DOWN, &ad->state))
		return IRQ_HANDLED;
	if (icr & (E82574_INT_RXT0 | E82574_INT_TXDW)) {
		e82574_wr32(ad, E82574_IMC, E82574_INT_RXT0 | E82574_INT_TXDW);
		ad->qv[0].irqs++;
		napi_schedule_irqoff(&ad->qv[0].napi);
	}
	return IRQ_HANDLED;
}

/*
 * Queue pair n gets CPU n of the device's node (spread, as far as there
 * are CPUs) as its vector's affinity and hint.  XPS sends from every CPU
 * c on TX queue c mod n, so a flow's RX and TX share a CPU and a vector,
 * and CPUs without a vector of their own still have a fixed queue.
 *
 * These are defaults.  A vector's affinity is set once, the first time
 * its queue pair is used after the vectors were allocated: the IRQ keeps
 * it across free_irq()/request_irq(), so an administrator's own affinity
 * survives ifdown/ifup, resets, resume and queue count changes (ethtool
 * -L 1, then 2 again).  XPS maps depend on the queue count and are set
 * when it changes (and the first time), not at every open.  The hint is
 * always set again: free_irq() needs it cleared.
 */
static void e82574_irq_spread_one(struct e82574_adapter *ad, int i,
				  bool defaults)
{
	int node = dev_to_node(&ad->pdev->dev);
	unsigned int cpu = cpumask_local_spread(i, node);
	int irq = pci_irq_vector(ad->pdev, i);
	cpumask_var_t xps;
	unsigned int c;
	int err;

	if (i < ad->affined_vecs) {
		irq_update_affinity_hint(irq, cpumask_of(cpu));
	} else {
		err = irq_set_affinity_and_hint(irq, cpumask_of(cpu));
		if (err)
			netdev_dbg(ad->netdev,
				   "no affinity for vector %d: %d\n", i, err);
		ad->affined_vecs = i + 1;
	}
	if (!defaults)
		return;

	if (!zalloc_cpumask_var(&xps, GFP_KERNEL))
		return;
	for (c = i; c < num_online_cpus(); c += ad->num_qp)
		cpumask_set_cpu(cpumask_local_spread(c, node), xps);
	err = netif_set_xps_queue(ad->netdev, xps, i);
	if (err)
		netdev_dbg(ad->netdev, "no XPS map for queue %d: %d\n", i, err);
	free_cpumask_var(xps);
}

/**
 * e82574_irq_request - hold the IRQs of @nqp queue pairs
 * @ad: adapter
 * @nqp: queue vectors to hold (MSI-X); ignored with MSI
 *
 * Requests the other-causes vector (or the MSI vector) if it is not held
 * yet, then queue vectors up to @nqp, and frees those beyond.  Vectors
 * already held are kept: a reconfiguration keeps them across the ring
 * swap and asks for an added queue pair's vector before the swap, so
 * the swap itself allocates nothing.  Queue vectors are named
 * "<ifname>-TxRx-<n>", the other vector after the interface.  Called
 * under RTNL.
 *
 * Return: 0 or a negative errno; what was held before stays held, and
 * e82574_irq_free() releases everything.
 */
int e82574_irq_request(struct e82574_adapter *ad, u16 nqp)
{
	struct net_device *netdev = ad->netdev;
	struct pci_dev *pdev = ad->pdev;
	int err;

	if (!ad->irq_on) {
		snprintf(ad->other_name, sizeof(ad->other_name), "%s",
			 netdev->name);
		if (ad->msix)
			err = request_irq(pci_irq_vector(pdev,
							 E82574_VEC_OTHER),
					  e82574_msix_other, 0, ad->other_name,
					  ad);
		else
			err = request_irq(pci_irq_vector(pdev, 0), e82574_msi,
					  0, ad->other_name, ad);
		if (err)
			return err;
		ad->irq_on = true;
	}
	if (!ad->msix)
		return 0;
	e82574_irq_trim(ad, nqp);
	while (ad->irq_qp < nqp) {
		struct e82574_qvec *qv = &ad->qv[ad->irq_qp];

		qv->ad = ad;
		qv->idx = ad->irq_qp;
		snprintf(qv->name, sizeof(qv->name), "%s-TxRx-%u",
			 netdev->name, qv->idx);
		err = request_irq(pci_irq_vector(pdev, qv->idx),
				  e82574_msix_queue, 0, qv->name, qv);
		if (err)
			return err;
		ad->irq_qp++;
	}
	return 0;
}

/**
 * e82574_irq_spread - default affinities and XPS maps of the queue vectors
 * @ad: adapter, its queue vectors held (e82574_irq_request())
 */
void e82574_irq_spread(struct e82574_adapter *ad)
{
	bool defaults = ad->spread_qp != ad->num_qp;
	int i;

	if (!ad->msix)
		return;
	for (i = 0; i < ad->num_qp; i++)
		e82574_irq_spread_one(ad, i, defaults);
	ad->spread_qp = ad->num_qp;
}

/**
 * e82574_irq_trim - free the queue vectors from @nqp on
 * @ad: adapter
 * @nqp: queue vectors to keep
 */
void e82574_irq_trim(struct e82574_adapter *ad, u16 nqp)
{
	struct pci_dev *pdev = ad->pdev;

	while (ad->irq_qp > nqp) {
		int i = --ad->irq_qp;

		irq_update_affinity_hint(pci_irq_vector(pdev, i), NULL);
		free_irq(pci_irq_vector(pdev, i), &ad->qv[i]);
	}
}

/**
 * e82574_irq_free - free every IRQ e82574_irq_request() holds
 * @ad: adapter
 */
void e82574_irq_free(struct e82574_adapter *ad)
{
	struct pci_dev *pdev = ad->pdev;

	e82574_irq_trim(ad, 0);
	if (!ad->irq_on)
		return;
	free_irq(pci_irq_vector(pdev, ad->msix ? E82574_VEC_OTHER : 0), ad);
	ad->irq_on = false;
}

/**
 * e82574_irq_program - route causes to vectors and set moderation
 * @ad: adapter
 *
 * Writes IVAR, EIAC and the interval registers.  Interrupts stay masked
 * until e82574_irq_enable().
 */
void e82574_irq_program(struct e82574_adapter *ad)
{
	u32 ivar = 0, ext;
	int i;

	ext = e82574_rd32(ad, E82574_CTRL_EXT);
	ext &= ~(E82574_CTRL_EXT_IAME | E82574_CTRL_EXT_EIAME);
	if (ad->msix)
		ext |= E82574_CTRL_EXT_PBA_CLR;
	e82574_wr32(ad, E82574_CTRL_EXT, ext);
	e82574_wr32(ad, E82574_ITR, ad->itr[0]);

	if (!ad->msix) {
		e82574_wr32(ad, E82574_IVAR, 0);
		e82574_wr32(ad, E82574_EIAC, 0);
		return;
	}

	for (i = 0; i < ad->num_qp; i++) {
		u32 field = E82574_IVAR_VALID | i;

		ivar |= (field << (4 * i)) | (field << (8 + 4 * i));
		e82574_wr32(ad, E82574_EITR(i), ad->itr[i]);
	}
	ivar |= FIELD_PREP(E82574_IVAR_OTHER,
			   E82574_IVAR_VALID | E82574_VEC_OTHER);
	e82574_wr32(ad, E82574_IVAR, ivar);
	e82574_wr32(ad, E82574_EITR(E82574_VEC_OTHER), E82574_DEFAULT_ITR);
	e82574_wr32(ad, E82574_EIAC, e82574_queue_causes(ad));
}

/**
 * e82574_qvec_write_itr - program the interrupt interval of a queue vector
 * @qv: the queue vector
 * @itr: the interval, in 256 ns units
 *
 * MSI-X vectors each have an EITR register; one MSI vector is paced by ITR.
 */
void e82574_qvec_write_itr(struct e82574_qvec *qv, u16 itr)
{
	struct e82574_adapter *ad = qv->ad;

	if (ad->msix)
		e82574_wr32(ad, E82574_EITR(qv->idx), itr);
	else if (!qv->idx)
		e82574_wr32(ad, E82574_ITR, itr);
}

/* Apply the moderation net_dim() chose for a vector. */
static void e82574_dim_work(struct work_struct *work)
{
	struct dim *dim = container_of(work, struct dim, work);
	struct e82574_qvec *qv = container_of(dim, struct e82574_qvec, dim);
	struct e82574_adapter *ad = qv->ad;
	struct dim_cq_moder m;
	u32 itr;

	m = net_dim_get_rx_moderation(dim->mode, dim->profile_ix);
	itr = min_t(u32, DIV_ROUND_UP(m.usec * 1000, E82574_ITR_NS), U16_MAX);
	if (!test_bit(E82574_STATE_DOWN, &ad->state) &&
	    READ_ONCE(ad->adaptive_rx[qv->idx])) {
		e82574_qvec_write_itr(qv, itr);
		qv->dim_updates++;
	}
	dim->state = DIM_START_MEASURE;
}

/**
 * e82574_dim_init - set up adaptive RX moderation of a queue vector
 * @qv: the queue vector
 *
 * net_dim() counts from the first interrupt (EQE mode: the 82574 has no
 * completion-queue timer that restarts on a new frame).
 */
void e82574_dim_init(struct e82574_qvec *qv)
{
	INIT_WORK(&qv->dim.work, e82574_dim_work);
	qv->dim.mode = DIM_CQ_PERIOD_MODE_START_FROM_EQE;
}

/**
 * e82574_irq_enable - unmask every cause the driver handles
 * @ad: adapter
 */
void e82574_irq_enable(struct e82574_adapter *ad)
{
	if (ad->msix)
		e82574_wr32(ad, E82574_IMS, e82574_queue_causes(ad) |
					    E82574_INT_OTHER | E82574_INT_LSC);
	else
		e82574_wr32(ad, E82574_IMS, E82574_IMS_MSI);
	e82574_wrfl(ad);
}

/**
 * e82574_irq_disable - mask every cause and wait for running handlers
 * @ad: adapter
 */
void e82574_irq_disable(struct e82574_adapter *ad)
{
	int i;

	e82574_wr32(ad, E82574_IMC, ~0u);
	e82574_wr32(ad, E82574_EIAC, 0);
	e82574_wrfl(ad);
	if (!ad->msix) {
		synchronize_irq(pci_irq_vector(ad->pdev, 0));
		return;
	}
	/* All of them: a vector may be held beyond the active queue pairs. */
	for (i = 0; i < E82574_MAX_QP; i++)
		synchronize_irq(pci_irq_vector(ad->pdev, i));
	synchronize_irq(pci_irq_vector(ad->pdev, E82574_VEC_OTHER));
}

/**
 * e82574_irq_enable_qvec - re-arm a queue vector after NAPI completes
 * @qv: queue vector
 */
void e82574_irq_enable_qvec(struct e82574_qvec *qv)
{
	struct e82574_adapter *ad = qv->ad;

	if (ad->msix)
		e82574_wr32(ad, E82574_IMS, qv->ims);
	else
		e82574_wr32(ad, E82574_IMS, E82574_INT_RXT0 | E82574_INT_TXDW);
}
