// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: descriptor rings, transmit, receive and NAPI.
 */
#include <linux/bpf_trace.h>
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/filter.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/ip6_checksum.h>
#ifdef E82574_HAVE_PAGE_POOL_HELPERS_H
#include <net/page_pool/helpers.h>
#else
#include <net/page_pool.h>
#endif
#include <net/tcp.h>
#include <net/xdp.h>

#include "e82574.h"

/* GRO left NAPI for its own gro_node (7.x): flush held GRO packets */
#ifdef E82574_HAVE_GRO_NODE
#include <net/gro.h>
#define e82574_gro_flush(napi)	gro_flush(&(napi)->gro, false)
#else
#define e82574_gro_flush(napi)	napi_gro_flush(napi, false)
#endif

#define E82574_TX_WAKE_THRESH	(E82574_TX_DESC_NEEDED * 2)
#define E82574_TX_CLEAN_BUDGET	256

static union e82574_tx_desc *e82574_tx_desc(struct e82574_ring *ring, u16 i)
{
	return &((union e82574_tx_desc *)ring->desc)[i];
}

static union e82574_rx_desc *e82574_rx_desc(struct e82574_ring *ring, u16 i)
{
	return &((union e82574_rx_desc *)ring->desc)[i];
}

static u16 e82574_ring_next(const struct e82574_ring *ring, u16 i)
{
	return (i + 1 == ring->count) ? 0 : i + 1;
}

/* Count in the NAPI side's counters (stats). */
static void e82574_ring_count(struct e82574_ring *ring, u64 *field, u64 val)
{
	u64_stats_update_begin(&ring->syncp);
	*field += val;
	u64_stats_update_end(&ring->syncp);
}

/* Count in the transmit side's counters (xstats). */
static void e82574_xmit_count(struct e82574_ring *ring, u64 *field)
{
	u64_stats_update_begin(&ring->xsyncp);
	(*field)++;
	u64_stats_update_end(&ring->xsyncp);
}

/*
 * Bytes of page a receive buffer takes for an MTU (its truesize): the
 * headroom, what the NIC may write, and skb_shared_info.  The NIC writes
 * at most E82574_RX_BUF_LEN bytes into a buffer; without RCTL.LPE (MTU
 * 1500 or less) it drops frames longer than a VLAN-tagged 1522 bytes, so
 * it never writes more than that and half a page is enough.
 */
static u32 e82574_rx_slot(unsigned int mtu)
{
	u32 write = mtu > ETH_DATA_LEN ? E82574_RX_BUF_LEN :
					 VLAN_ETH_FRAME_LEN + ETH_FCS_LEN;
	u32 tail = SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
	u32 slot = roundup_pow_of_two(SKB_DATA_ALIGN(E82574_RX_HEADROOM +
						     write) + tail);

#ifdef E82574_HAVE_XDP_RELEASE_FRAME
	/*
	 * These kernels (before 6.2) take an XDP-redirected frame's page out
	 * of its pool when they build an skb from it (veth, cpumap), the
	 * whole page, even while another buffer of the ring shares it: one
	 * page per buffer there.
	 */
	slot = max_t(u32, slot, PAGE_SIZE);
#endif
	return slot;
}

/* The ring's page_pool; it maps the pages and syncs them for the NIC. */
static int e82574_rx_pool_create(struct e82574_ring *ring)
{
	struct page_pool_params pp = {
		.flags = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV,
		.order = get_order(ring->rx_slot),
		.pool_size = ring->count,
		.nid = dev_to_node(ring->dev),
		.dev = ring->dev,
		.dma_dir = DMA_FROM_DEVICE,
		.offset = 0,
		.max_len = PAGE_SIZE << get_order(ring->rx_slot),
	};
	struct page_pool *pool;

#ifdef PP_FLAG_PAGE_FRAG
	/* Needed for page_pool_alloc_frag() before 6.7. */
	pp.flags |= PP_FLAG_PAGE_FRAG;
#endif
#ifdef E82574_HAVE_PP_PARAMS_NETDEV
	pp.netdev = ring->netdev;
#endif
	/*
	 * No NAPI yet: the set may be freed unused while the NAPI instance
	 * it will get runs the old rings.  e82574_ring_set_install() links
	 * them.
	 */
	pool = page_pool_create(&pp);
	if (IS_ERR(pool))
		return PTR_ERR(pool);
	ring->pp = pool;
	return 0;
}

/*
 * Let the pool recycle pages straight into its cache when they are freed
 * in @napi's context (the ring's NAPI; before 6.5 the kernel cannot).
 */
static void e82574_rx_pool_set_napi(struct e82574_ring *ring,
				    struct napi_struct *napi)
{
#if defined(E82574_HAVE_PP_ENABLE_DIRECT_RECYCLING)
	page_pool_enable_direct_recycling(ring->pp, napi);
#elif defined(E82574_HAVE_PP_PARAMS_NAPI)
	/* What page_pool_enable_direct_recycling() (6.17) does. */
	WRITE_ONCE(ring->pp->p.napi, napi);
#endif
}

static int e82574_ring_alloc(struct e82574_adapter *ad,
			     struct e82574_ring *ring, u16 count, bool tx)
{
	size_t bufsz = tx ? sizeof(*ring->tx_buf) : sizeof(*ring->rx_buf);
	void *bufs;

	ring->dev = &ad->pdev->dev;
	ring->netdev = ad->netdev;
	ring->count = count;
	ring->size = ALIGN(count * 16, 4096);

	bufs = kcalloc(count, bufsz, GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	ring->desc = dma_alloc_coherent(ring->dev, ring->size, &ring->dma,
					GFP_KERNEL);
	if (!ring->desc) {
		kfree(bufs);
		return -ENOMEM;
	}
	if (tx)
		ring->tx_buf = bufs;
	else
		ring->rx_buf = bufs;
	return 0;
}

static void e82574_ring_free(struct e82574_ring *ring)
{
	/* The XDP memory model holds a reference on the pool: drop it first. */
	if (xdp_rxq_info_is_reg(&ring->xdp_rxq))
		xdp_rxq_info_unreg(&ring->xdp_rxq);
	/* Pages still in flight (in skbs) are released when they return. */
	page_pool_destroy(ring->pp);
	ring->pp = NULL;
	if (!ring->desc)
		return;
	dma_free_coherent(ring->dev, ring->size, ring->desc, ring->dma);
	ring->desc = NULL;
	kfree(ring->tx_buf);	/* same pointer as rx_buf */
	ring->tx_buf = NULL;
}

static void e82574_tx_unmap(struct e82574_ring *ring,
			    struct e82574_tx_buf *buf)
{
	if (dma_unmap_len(buf, len)) {
		if (buf->page)
			dma_unmap_page(ring->dev, dma_unmap_addr(buf, dma),
				       dma_unmap_len(buf, len), DMA_TO_DEVICE);
		else
			dma_unmap_single(ring->dev, dma_unmap_addr(buf, dma),
					 dma_unmap_len(buf, len),
					 DMA_TO_DEVICE);
		dma_unmap_len_set(buf, len, 0);
	}
}

static void e82574_tx_ring_clean(struct e82574_ring *ring)
{
	u16 i;

	if (!ring->desc)
		return;
	for (i = 0; i < ring->count; i++) {
		struct e82574_tx_buf *buf = &ring->tx_buf[i];

		e82574_tx_unmap(ring, buf);
		dev_kfree_skb_any(buf->skb);
		buf->skb = NULL;
		if (buf->xdp_frame)
			xdp_return_frame(buf->xdp_frame);
		buf->xdp_frame = NULL;
		buf->next_to_watch = NULL;
	}
	netdev_tx_reset_queue(netdev_get_tx_queue(ring->netdev, ring->qid));
	memset(ring->desc, 0, ring->size);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	ring->rx_done = 0;
	ring->fence_pending = 0;
	ring->fence_pos = 0;
	ring->held = NULL;
	ring->held_tail = NULL;
	ring->held_cnt = 0;
	ring->tail_written = 0;
}

static void e82574_rx_ring_clean(struct e82574_ring *ring)
{
	u16 i;

	if (!ring->desc)
		return;
	dev_kfree_skb_any(ring->skb);
	ring->skb = NULL;
	while (ring->held) {
		struct sk_buff *skb = ring->held;

		ring->held = skb->next;
		skb->next = NULL;
		dev_kfree_skb_any(skb);
	}
	ring->held_tail = NULL;
	ring->held_cnt = 0;
	for (i = 0; i < ring->count; i++) {
		struct e82574_rx_buf *buf = &ring->rx_buf[i];

		if (!buf->page)
			continue;
		page_pool_put_full_page(ring->pp, buf->page, false);
		buf->page = NULL;
	}
	memset(ring->desc, 0, ring->size);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	ring->rx_done = 0;
	ring->fence_pending = 0;
	ring->fence_pos = 0;
	ring->discard = false;
}

/**
 * e82574_tx_configure - program the TX rings and enable transmit
 * @ad: adapter
 */
void e82574_tx_configure(struct e82574_adapter *ad)
{
	u32 tarc;
	int i;

	/*
	 * DMA burst settings e1000e uses on the 82574: descriptor
	 * granularity, write-back of one descriptor at a time (more can
	 * stall TX), prefetch when 31 or fewer are cached.  82574 erratum:
	 * both queues must have the same TXDCTL.
	 */
	for (i = 0; i < E82574_MAX_QP; i++)
		e82574_wr32(ad, E82574_TXDCTL(i), E82574_TXDCTL_GRAN |
			    E82574_TXDCTL_COUNT_DESC |
			    FIELD_PREP(E82574_TXDCTL_WTHRESH, 1) |
			    FIELD_PREP(E82574_TXDCTL_HTHRESH, 1) |
			    FIELD_PREP(E82574_TXDCTL_PTHRESH, 0x1f));

	for (i = 0; i < E82574_MAX_QP; i++) {
		struct e82574_ring *ring = &ad->tx_ring[i];
		bool active = i < ad->num_qp;

		e82574_wr32(ad, E82574_TDLEN(i), 0);
		e82574_wr32(ad, E82574_TDH(i), 0);
		e82574_wr32(ad, E82574_TDT(i), 0);
		if (!active)
			continue;
		ring->qid = i;
		ring->tail = ad->hw + E82574_TDT(i);
		e82574_wr32(ad, E82574_TDBAL(i), lower_32_bits(ring->dma));
		e82574_wr32(ad, E82574_TDBAH(i), upper_32_bits(ring->dma));
		e82574_wr32(ad, E82574_TDLEN(i), ring->count * 16);
		/* The enable bit must survive: read-modify-write. */
		tarc = e82574_rd32(ad, E82574_TARC(i));
		e82574_wr32(ad, E82574_TARC(i), tarc | E82574_TARC_ENABLE);
	}
	e82574_wr32(ad, E82574_TIDV, 0);
	e82574_wr32(ad, E82574_TADV, 0);
	e82574_wr32(ad, E82574_TIPG, FIELD_PREP(E82574_TIPG_IPGT, 8) |
				     FIELD_PREP(E82574_TIPG_IPGR1, 8) |
				     FIELD_PREP(E82574_TIPG_IPGR2, 6));
	e82574_wr32(ad, E82574_TCTL, E82574_TCTL_EN | E82574_TCTL_PSP |
				     FIELD_PREP(E82574_TCTL_CT, 0x0f) |
				     FIELD_PREP(E82574_TCTL_COLD, 0x3f) |
				     E82574_TCTL_RTLC | E82574_TCTL_MULR);
}

/**
 * e82574_tx_disable - stop transmit DMA and detach the TX rings
 * @ad: adapter
 */
void e82574_tx_disable(struct e82574_adapter *ad)
{
	int i;

	e82574_wr32(ad, E82574_TCTL, 0);
	e82574_wrfl(ad);
	usleep_range(10000, 20000);
	for (i = 0; i < E82574_MAX_QP; i++) {
		e82574_wr32(ad, E82574_TDLEN(i), 0);
		e82574_wr32(ad, E82574_TDH(i), 0);
		e82574_wr32(ad, E82574_TDT(i), 0);
	}
}

static bool e82574_rx_alloc_one(struct e82574_ring *ring,
				struct e82574_rx_buf *buf, gfp_t gfp)
{
	unsigned int offset;
	struct page *page;

	page = page_pool_alloc_frag(ring->pp, &offset, ring->rx_slot, gfp);
	if (unlikely(!page)) {
		e82574_ring_count(ring, &ring->stats.alloc_failed, 1);
		return false;
	}
	buf->page = page;
	buf->offset = offset;
	return true;
}

/**
 * e82574_ring_set_alloc - everything a configuration's rings need
 * @ad: adapter
 * @num_qp: queue pairs
 * @tx_count: descriptors per TX ring
 * @rx_count: descriptors per RX ring
 * @mtu: MTU the receive buffers must hold
 *
 * Descriptor memory, buffer arrays, a page_pool and XDP queue info per
 * RX ring and every receive buffer (mapped), allocated while the current
 * configuration
 * keeps running: if memory runs out, the interface is left exactly as it
 * was.
 *
 * Return: the set, or an ERR_PTR() (-ENOMEM).
 */
struct e82574_ring_set *e82574_ring_set_alloc(struct e82574_adapter *ad,
					      u16 num_qp, u16 tx_count,
					      u16 rx_count, unsigned int mtu)
{
	struct e82574_ring_set *rs;
	int i, err = -ENOMEM;
	u16 n;

	rs = kzalloc(sizeof(*rs), GFP_KERNEL);
	if (!rs)
		return ERR_PTR(-ENOMEM);
	rs->num_qp = num_qp;
	for (i = 0; i < num_qp; i++) {
		struct e82574_ring *rx = &rs->rx[i];

		err = e82574_ring_alloc(ad, &rs->tx[i], tx_count, true);
		if (err)
			goto free_set;
		err = e82574_ring_alloc(ad, rx, rx_count, false);
		if (err)
			goto free_set;
		rx->rx_slot = e82574_rx_slot(mtu);
		err = e82574_rx_pool_create(rx);
		if (err)
			goto free_set;
		/*
		 * XDP's view of the ring: its queue and memory model (the
		 * pool).  The NAPI id is known only once the set is
		 * installed (e82574_rx_configure()).
		 */
		err = xdp_rxq_info_reg(&rx->xdp_rxq, ad->netdev, i, 0);
		if (!err)
			err = xdp_rxq_info_reg_mem_model(&rx->xdp_rxq,
							 MEM_TYPE_PAGE_POOL,
							 rx->pp);
		if (err)
			goto free_set;
		/* One slot stays empty: head == tail means an empty ring. */
		for (n = 0; n < rx_count - 1; n++) {
			if (!e82574_rx_alloc_one(rx, &rx->rx_buf[n],
						 GFP_KERNEL)) {
				err = -ENOMEM;
				goto free_set;
			}
		}
	}
	return rs;

free_set:
	e82574_ring_set_free(rs);
	return ERR_PTR(err);
}

/**
 * e82574_ring_set_free - free a set that was not installed
 * @rs: set, or NULL
 */
void e82574_ring_set_free(struct e82574_ring_set *rs)
{
	int i;

	if (!rs)
		return;
	for (i = 0; i < E82574_MAX_QP; i++) {
		e82574_rx_ring_clean(&rs->rx[i]);
		e82574_ring_free(&rs->tx[i]);
		e82574_ring_free(&rs->rx[i]);
	}
	kfree(rs);
}

static void e82574_ring_take(struct e82574_ring *ring,
			     struct e82574_ring *from)
{
	ring->dev = from->dev;
	ring->netdev = from->netdev;
	ring->desc = from->desc;
	ring->dma = from->dma;
	ring->size = from->size;
	ring->count = from->count;
	ring->tx_buf = from->tx_buf;	/* same pointer as rx_buf */
	ring->pp = from->pp;
	ring->rx_slot = from->rx_slot;
	ring->xdp_rxq = from->xdp_rxq;	/* unregistered from the adapter's */
	memset(&from->xdp_rxq, 0, sizeof(from->xdp_rxq));
	ring->skb = NULL;
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	ring->tail_written = 0;
	ring->discard = false;
	from->desc = NULL;
	from->tx_buf = NULL;
	from->pp = NULL;
}

/**
 * e82574_ring_set_install - give the adapter's rings a set's resources
 * @ad: adapter, its rings released (e82574_rings_release()); its
 *	@num_qp queue pairs are installed
 * @rs: set from e82574_ring_set_alloc() with at least that many queue
 *	pairs; freed here, with the queue pairs it has beyond them (the
 *	interrupt mode switch allocates a set that fits either mode)
 *
 * The rings keep their counters; only memory and sizes change hands.
 */
void e82574_ring_set_install(struct e82574_adapter *ad,
			     struct e82574_ring_set *rs)
{
	int i;

	WARN_ON_ONCE(rs->num_qp < ad->num_qp);
	for (i = 0; i < min(rs->num_qp, ad->num_qp); i++) {
		e82574_ring_take(&ad->tx_ring[i], &rs->tx[i]);
		e82574_ring_take(&ad->rx_ring[i], &rs->rx[i]);
		e82574_rx_pool_set_napi(&ad->rx_ring[i], &ad->qv[i].napi);
	}
	/* what was taken is left empty, which the free skips */
	e82574_ring_set_free(rs);
}

/**
 * e82574_rings_release - free every buffer and the ring memory
 * @ad: adapter; DMA must be stopped
 */
void e82574_rings_release(struct e82574_adapter *ad)
{
	int i;

	for (i = 0; i < E82574_MAX_QP; i++) {
		e82574_tx_ring_clean(&ad->tx_ring[i]);
		e82574_rx_ring_clean(&ad->rx_ring[i]);
		e82574_ring_free(&ad->tx_ring[i]);
		e82574_ring_free(&ad->rx_ring[i]);
	}
}

/*
 * Post buffers on every free slot.  Returns false if a buffer could not
 * be allocated and the ring is left without any buffer posted: nothing
 * will arrive to trigger another refill, so the caller must retry.
 */
static bool e82574_rx_refill(struct e82574_ring *ring, gfp_t gfp)
{
	u16 i = ring->next_to_use;
	u16 n = e82574_desc_unused(ring);
	bool moved = false, failed = false;

	while (n--) {
		struct e82574_rx_buf *buf = &ring->rx_buf[i];
		union e82574_rx_desc *desc = e82574_rx_desc(ring, i);

		if (!buf->page && !e82574_rx_alloc_one(ring, buf, gfp)) {
			failed = true;
			break;
		}
		desc->read.buf_addr =
			cpu_to_le64(page_pool_get_dma_addr(buf->page) +
				    buf->offset + E82574_RX_HEADROOM);
		desc->read.reserved = 0;
		i = e82574_ring_next(ring, i);
		moved = true;
	}
	if (moved) {
		ring->next_to_use = i;
		/* Descriptors must be visible before the NIC sees the tail. */
		wmb();
		writel(i, ring->tail);
	}
	return !failed || e82574_desc_unused(ring) < ring->count - 1;
}

/**
 * e82574_rx_configure - program the RX rings, post buffers, enable receive
 * @ad: adapter
 *
 * RCTL is written last: QEMU latches the buffer size and descriptor
 * format only when RCTL is written with EN set.
 *
 * Return: 0, -ENOMEM if a ring could not get a single buffer, or -EINVAL
 * if the rings' buffers were sized for a smaller MTU.
 */
int e82574_rx_configure(struct e82574_adapter *ad)
{
	struct net_device *netdev = ad->netdev;
	u32 rctl;
	int i;

	e82574_wr32(ad, E82574_RCTL, 0);
	for (i = 0; i < E82574_MAX_QP; i++) {
		struct e82574_ring *ring = &ad->rx_ring[i];

		e82574_wr32(ad, E82574_RDLEN(i), 0);
		e82574_wr32(ad, E82574_RDH(i), 0);
		e82574_wr32(ad, E82574_RDT(i), 0);
		if (i >= ad->num_qp)
			continue;
		/* Buffers sized without LPE must never see it. */
		if (WARN_ON_ONCE(ring->rx_slot < e82574_rx_slot(netdev->mtu)))
			return -EINVAL;
		ring->qid = i;
#ifdef E82574_HAVE_XDP_RXQ_NAPI_ID
		/* AF_XDP busy polling finds the NAPI instance by it. */
		ring->xdp_rxq.napi_id = ad->qv[i].napi.napi_id;
#endif
		ring->tail = ad->hw + E82574_RDT(i);
		e82574_wr32(ad, E82574_RDBAL(i), lower_32_bits(ring->dma));
		e82574_wr32(ad, E82574_RDBAH(i), upper_32_bits(ring->dma));
		e82574_wr32(ad, E82574_RDLEN(i), ring->count * 16);
		e82574_rx_refill(ring, GFP_KERNEL);
		if (e82574_desc_unused(ring) == ring->count - 1)
			return -ENOMEM;
	}
	/*
	 * DMA burst settings e1000e uses on the 82574: prefetch 32,
	 * host threshold 4, write back 4 at a time (only with RDTR set,
	 * which stays 0, so write-back is immediate).  QEMU mirrors
	 * RXDCTL(0) into RXDCTL(1): write 0 first.
	 */
	for (i = 0; i < E82574_MAX_QP; i++)
		e82574_wr32(ad, E82574_RXDCTL(i), E82574_RXDCTL_GRAN |
			    FIELD_PREP(E82574_RXDCTL_WTHRESH, 4) |
			    FIELD_PREP(E82574_RXDCTL_HTHRESH, 4) |
			    FIELD_PREP(E82574_RXDCTL_PTHRESH, 0x20));
	e82574_wr32(ad, E82574_RDTR, 0);
	e82574_wr32(ad, E82574_RADV, 0);
	e82574_wr32(ad, E82574_RSRPD, 0);

	e82574_wr32(ad, E82574_RFCTL, E82574_RFCTL_EXTEN |
				      E82574_RFCTL_ACK_DIS);
	e82574_wr32(ad, E82574_RXCSUM, E82574_RXCSUM_IPOFLD |
				       E82574_RXCSUM_TUOFLD |
				       E82574_RXCSUM_PCSD);
	/* Every active ring is armed now: RSS may point at any of them. */
	e82574_rss_configure(ad);

	/* 2048-byte buffers (BSEX clear); longer frames span several. */
	rctl = E82574_RCTL_EN | E82574_RCTL_BAM | E82574_RCTL_SECRC |
	       FIELD_PREP(E82574_RCTL_BSIZE, 0);
	if (netdev->mtu > ETH_DATA_LEN)
		rctl |= E82574_RCTL_LPE;
	/* Promiscuous and multicast bits: e82574_set_rx_mode() at open. */
	e82574_wr32(ad, E82574_RCTL, rctl);
	return 0;
}

static void e82574_rx_csum(struct e82574_ring *ring, struct sk_buff *skb,
			   u32 staterr)
{
	if (!(ring->netdev->features & NETIF_F_RXCSUM))
		return;
	if (staterr & (E82574_RXD_ERR_IPE | E82574_RXD_ERR_TCPE)) {
		e82574_ring_count(ring, &ring->stats.csum_err, 1);
		return;
	}
	if (staterr & (E82574_RXD_STAT_TCPCS | E82574_RXD_STAT_UDPCS))
		skb->ip_summed = CHECKSUM_UNNECESSARY;
}

static void e82574_rx_hash(struct e82574_ring *ring, struct sk_buff *skb,
			   const union e82574_rx_desc *desc)
{
	u32 mrq = le32_to_cpu(desc->wb.mrq);
	u32 type = FIELD_GET(E82574_RXD_MRQ_RSS_TYPE, mrq);

	if (!(ring->netdev->features & NETIF_F_RXHASH))
		return;
	switch (type) {
	case E82574_RSS_TYPE_TCP_IPV4:
	case E82574_RSS_TYPE_TCP_IPV6:
		skb_set_hash(skb, le32_to_cpu(desc->wb.rss_hash),
			     PKT_HASH_TYPE_L4);
		break;
	case E82574_RSS_TYPE_IPV4:
	case E82574_RSS_TYPE_IPV6_EX:
	case E82574_RSS_TYPE_IPV6:
		skb_set_hash(skb, le32_to_cpu(desc->wb.rss_hash),
			     PKT_HASH_TYPE_L3);
		break;
	default:
		break;
	}
}

/*
 * Add the buffer of @buf, @len bytes received, to the frame being put
 * together in @skb: as the head of a new skb if @skb is NULL, else as its
 * next fragment.  Return: the skb, or NULL if the frame must be dropped
 * (@skb and the buffer freed).
 */
static struct sk_buff *e82574_rx_buf_add(struct e82574_ring *ring,
					 struct sk_buff *skb,
					 struct e82574_rx_buf *buf, u32 len)
{
	u32 off = buf->offset + E82574_RX_HEADROOM;
	struct page *page = buf->page;
	void *va = page_address(page) + buf->offset;

	buf->page = NULL;
	if (unlikely(len > E82574_RX_BUF_LEN))
		goto drop;
	dma_sync_single_range_for_cpu(ring->dev,
				      page_pool_get_dma_addr(page), off, len,
				      page_pool_get_dma_dir(ring->pp));
	if (skb) {
		if (unlikely(skb_shinfo(skb)->nr_frags >= MAX_SKB_FRAGS))
			goto drop;
		skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page, off, len,
				ring->rx_slot);
		return skb;
	}

	net_prefetch(va + E82574_RX_HEADROOM);
	skb = napi_build_skb(va, ring->rx_slot);
	if (unlikely(!skb)) {
		e82574_ring_count(ring, &ring->stats.alloc_failed, 1);
		goto drop;
	}
	skb_mark_for_recycle(skb);
	skb_reserve(skb, E82574_RX_HEADROOM);
	if (unlikely(len > skb_tailroom(skb))) {
		/* The page is the skb's head now: it goes with it. */
		dev_kfree_skb_any(skb);
		return NULL;
	}
	__skb_put(skb, len);
	return skb;

drop:
	dev_kfree_skb_any(skb);
	page_pool_put_full_page(ring->pp, page, true);
	return NULL;
}

/* Per-entry load for rss-balance: only this ring's NAPI writes its array. */
static void e82574_rx_count_entry(struct e82574_adapter *ad,
				  struct e82574_ring *ring,
				  const union e82574_rx_desc *desc, u32 len)
{
	struct e82574_rss_entry_load *l = &ad->rss_load[ring->qid];
	u32 mrq = le32_to_cpu(desc->wb.mrq);
	u32 e;

	if (!FIELD_GET(E82574_RXD_MRQ_RSS_TYPE, mrq))
		return;		/* not hashed: steered to queue 0 */
	e = le32_to_cpu(desc->wb.rss_hash) & (E82574_RSS_INDIR_SIZE - 1);
	WRITE_ONCE(l->packets[e], l->packets[e] + 1);
	WRITE_ONCE(l->bytes[e], l->bytes[e] + len);
}

/* Safety valves of the reorder fence */
#define E82574_FENCE_TIMEOUT_NS		(100 * NSEC_PER_MSEC)
#define E82574_FENCE_MAX_HELD_BYTES	(4U << 20)

/*
 * Reorder fence, NAPI side.  Queue A (an old queue of moved entries) and
 * queue B (their new queue) each run this at the start of every poll while
 * ad->fence_busy is set, under fence_lock:
 *  - the ring converts its snapped device head into a free-running
 *    position (the table write read rx_done, then RDH: the head is at
 *    most one ring ahead of rx_done's index);
 *  - it publishes fence_pos: every frame consumed up to the end of its
 *    previous poll has reached the stack, because that poll flushed GRO
 *    and the core delivered the poll's rx_list before polling again;
 *  - it runs e82574_rss_fence_update() with every ring's fence_pos, and
 *    the bounds (hold time, held bytes);
 *  - once no queue is waited for, it hands its held frames back to be
 *    delivered, in arrival order, before anything it receives now.
 * The held list itself is only touched by its own ring's NAPI.
 */
static struct sk_buff *e82574_fence_poll_start(struct e82574_qvec *qv)
{
	struct e82574_adapter *ad = qv->ad;
	struct e82574_rss_fence *f = &ad->fence;
	struct e82574_ring *ring = qv->rx;
	u32 pos[E82574_MAX_QP], q = ring->qid, back, ntc0;
	struct sk_buff *out = NULL;
	u64 now = ktime_get_ns();
	bool timed_out;
	int i;

	spin_lock(&ad->fence_lock);
	ring->fence_pos = ring->fence_pending;
	if (ad->snap_need & BIT(q)) {
		back = (ring->rx_done - ad->snap_d0[q]) % ring->count;
		ntc0 = (ring->next_to_clean + ring->count - back) % ring->count;
		ad->snap_pos[q] = ad->snap_d0[q] +
			(ad->snap_head[q] + ring->count - ntc0) % ring->count;
		ad->snap_need &= ~BIT(q);
		if (!ad->snap_need)
			e82574_rss_fence_snap(f, ad->snap_pos);
	}
	for (i = 0; i < ad->num_qp; i++)
		pos[i] = ad->rx_ring[i].fence_pos;
	timed_out = f->timed_out;
	if (ad->held_bytes > E82574_FENCE_MAX_HELD_BYTES &&
	    f->phase == E82574_RSS_FENCE_ACTIVE) {
		e82574_rss_fence_lift_all(f);
		ad->fence_overflows++;
	}
	e82574_rss_fence_update(f, pos, now, E82574_FENCE_TIMEOUT_NS);
	if (f->timed_out && !timed_out)
		ad->fence_timeouts++;
	if (f->phase != E82574_RSS_FENCE_ACTIVE) {
		WRITE_ONCE(ad->fence_active, false);
		ad->held_bytes = 0;
	}
	if (f->phase == E82574_RSS_FENCE_RELEASED) {
		if (!ad->fence_released_ns) {
			ad->fence_released_ns = now;
			ad->fence_max_hold_us = max(ad->fence_max_hold_us,
						    div_u64(now - f->start,
							    NSEC_PER_USEC));
		}
	}
	/* held by a fence that lifted, or by one a newer table replaced */
	if (ring->held && (f->phase != E82574_RSS_FENCE_ACTIVE ||
			   ring->held_gen != ad->fence_gen)) {
		out = ring->held;
		ring->held = NULL;
		ring->held_tail = NULL;
		ring->held_cnt = 0;
	}
	/* late frames are counted for one timeout after the lift */
	if (f->phase != E82574_RSS_FENCE_ACTIVE &&
	    now - ad->fence_released_ns > E82574_FENCE_TIMEOUT_NS) {
		for (i = 0; i < ad->num_qp; i++)
			if (ad->rx_ring[i].held_cnt)
				break;
		if (i == ad->num_qp) {
			f->phase = E82574_RSS_FENCE_IDLE;
			WRITE_ONCE(ad->fence_busy, false);
		}
	}
	spin_unlock(&ad->fence_lock);
	return out;
}

/* Classify one frame while the fence is busy; true: it was held. */
static bool e82574_fence_rx(struct e82574_qvec *qv, struct sk_buff *skb,
			    const union e82574_rx_desc *desc)
{
	struct e82574_adapter *ad = qv->ad;
	struct e82574_rss_fence *f = &ad->fence;
	struct e82574_ring *ring = qv->rx;
	u32 hash = le32_to_cpu(desc->wb.rss_hash);
	enum e82574_rss_fence_verdict v;
	bool moved;

	if (!FIELD_GET(E82574_RXD_MRQ_RSS_TYPE, le32_to_cpu(desc->wb.mrq)))
		return false;		/* not hashed: no entry */
	spin_lock(&ad->fence_lock);
	v = e82574_rss_fence_classify(f, ring->qid, hash);
	moved = f->entries && test_bit(hash & (f->entries - 1), f->moved);
	/*
	 * Frames already held go first: a moved entry's frame lifted during
	 * this poll, or any hashed frame while frames of an older fence
	 * wait, joins them (released at the next poll's start).
	 */
	if (v == E82574_RSS_FENCE_DELIVER && ring->held &&
	    (moved || ring->held_gen != ad->fence_gen))
		v = E82574_RSS_FENCE_HOLD;
	if (v == E82574_RSS_FENCE_HOLD) {
		if (!ring->held)
			ring->held_gen = ad->fence_gen;
		ring->held_cnt++;
		ad->held_bytes += skb->len;
		ad->fence_held++;
	} else if (v == E82574_RSS_FENCE_LATE) {
		ad->fence_late++;
	}
	spin_unlock(&ad->fence_lock);
	if (v != E82574_RSS_FENCE_HOLD)
		return false;
	skb->next = NULL;
	if (ring->held_tail)
		ring->held_tail->next = skb;
	else
		ring->held = skb;
	ring->held_tail = skb;
	return true;
}

static void e82574_tx_data(struct e82574_ring *ring, dma_addr_t dma,
			   u32 len, u32 cmd, u32 popts);
static void e82574_tx_kick(struct e82574_ring *ring);

/* What e82574_clean_rx() owes at the end of a poll after XDP verdicts. */
#define E82574_XDP_TX_KICK	BIT(0)	/* XDP_TX wrote descriptors */
#define E82574_XDP_FLUSH	BIT(1)	/* XDP_REDIRECT queued frames */

/*
 * Put one XDP frame on @ring as a single data descriptor.  The caller
 * holds the queue's xmit lock (the stack transmits on the same ring) and
 * writes the tail later.  Return: 0, -EBUSY without room, -EINVAL for a
 * frame the NIC cannot send in one descriptor, -ENOMEM if mapping failed.
 */
static int e82574_xdp_queue(struct e82574_ring *ring, struct xdp_frame *xframe)
{
	u16 i = ring->next_to_use;
	struct e82574_tx_buf *buf = &ring->tx_buf[i];
	dma_addr_t dma;

	if (unlikely(xdp_frame_has_frags(xframe) ||
		     xframe->len > E82574_MAX_TXD_DATA))
		return -EINVAL;
	/* Keep the room a stack frame with a context descriptor needs. */
	if (unlikely(e82574_desc_unused(ring) < E82574_TX_DESC_NEEDED))
		return -EBUSY;
	dma = dma_map_single(ring->dev, xframe->data, xframe->len,
			     DMA_TO_DEVICE);
	if (dma_mapping_error(ring->dev, dma))
		return -ENOMEM;
	dma_unmap_addr_set(buf, dma, dma);
	dma_unmap_len_set(buf, len, xframe->len);
	buf->page = false;
	buf->xdp_frame = xframe;
	buf->bytes = xframe->len;
	buf->segs = 1;
	e82574_tx_data(ring, dma, xframe->len,
		       E82574_TXD_CMD_EOP | E82574_TXD_CMD_RS, 0);
	/* Pairs with smp_rmb() in e82574_clean_tx(). */
	smp_wmb();
	WRITE_ONCE(buf->next_to_watch, e82574_tx_desc(ring, i));
	ring->next_to_use = e82574_ring_next(ring, i);
	return 0;
}

/* XDP_TX: send a received frame back out of the queue pair's TX ring. */
static bool e82574_xdp_tx(struct e82574_qvec *qv, struct xdp_buff *xdp)
{
	struct e82574_ring *ring = qv->tx;
	struct netdev_queue *txq = netdev_get_tx_queue(ring->netdev, ring->qid);
	struct xdp_frame *xframe = xdp_convert_buff_to_frame(xdp);
	int err;

	if (unlikely(!xframe))
		return false;
	__netif_tx_lock(txq, smp_processor_id());
	err = e82574_xdp_queue(ring, xframe);
	__netif_tx_unlock(txq);
	return !err;
}

/* Write the TX tail for the XDP_TX frames of this poll. */
static void e82574_xdp_tx_kick(struct e82574_qvec *qv)
{
	struct e82574_ring *ring = qv->tx;
	struct netdev_queue *txq = netdev_get_tx_queue(ring->netdev, ring->qid);

	__netif_tx_lock(txq, smp_processor_id());
	e82574_tx_kick(ring);
	__netif_tx_unlock(txq);
}

/*
 * Run the XDP program on a whole frame of @len bytes in @buf (a frame in
 * one buffer: XDP is refused above MTU 1500).  Return: the skb for
 * XDP_PASS, or NULL if the frame was consumed (dropped and its buffer
 * recycled, transmitted or redirected).  *@owed gathers the work left for
 * the end of the poll.
 */
static struct sk_buff *e82574_rx_xdp(struct e82574_qvec *qv,
				     struct bpf_prog *prog,
				     struct e82574_rx_buf *buf, u32 len,
				     u32 *owed)
{
	struct e82574_ring *ring = qv->rx;
	struct page *page = buf->page;
	struct xdp_buff xdp;
	struct sk_buff *skb;
	u32 act, meta;

	buf->page = NULL;
	dma_sync_single_range_for_cpu(ring->dev, page_pool_get_dma_addr(page),
				      buf->offset + E82574_RX_HEADROOM, len,
				      page_pool_get_dma_dir(ring->pp));
	xdp_init_buff(&xdp, ring->rx_slot, &ring->xdp_rxq);
	xdp_prepare_buff(&xdp, page_address(page) + buf->offset,
			 E82574_RX_HEADROOM, len, true);
	act = bpf_prog_run_xdp(prog, &xdp);
	switch (act) {
	case XDP_PASS:
		e82574_ring_count(ring, &ring->stats.xdp_pass, 1);
		skb = napi_build_skb(xdp.data_hard_start, ring->rx_slot);
		if (unlikely(!skb)) {
			e82574_ring_count(ring, &ring->stats.alloc_failed, 1);
			break;
		}
		skb_mark_for_recycle(skb);
		skb_reserve(skb, xdp.data - xdp.data_hard_start);
		__skb_put(skb, xdp.data_end - xdp.data);
		meta = xdp.data - xdp.data_meta;
		if (meta)
			skb_metadata_set(skb, meta);
		return skb;
	case XDP_TX:
		if (likely(e82574_xdp_tx(qv, &xdp))) {
			e82574_ring_count(ring, &ring->stats.xdp_tx, 1);
			*owed |= E82574_XDP_TX_KICK;
			return NULL;
		}
		e82574_ring_count(ring, &ring->stats.xdp_tx_err, 1);
		trace_xdp_exception(ring->netdev, prog, act);
		break;
	case XDP_REDIRECT:
		if (likely(!xdp_do_redirect(ring->netdev, &xdp, prog))) {
			e82574_ring_count(ring, &ring->stats.xdp_redirect, 1);
			*owed |= E82574_XDP_FLUSH;
			return NULL;
		}
		e82574_ring_count(ring, &ring->stats.xdp_redirect_err, 1);
		trace_xdp_exception(ring->netdev, prog, act);
		break;
	case XDP_DROP:
		e82574_ring_count(ring, &ring->stats.xdp_drop, 1);
		break;
	default:
		bpf_warn_invalid_xdp_action(ring->netdev, prog, act);
		fallthrough;
	case XDP_ABORTED:
		e82574_ring_count(ring, &ring->stats.xdp_aborted, 1);
		trace_xdp_exception(ring->netdev, prog, act);
		break;
	}
	page_pool_put_full_page(ring->pp, page, true);
	return NULL;
}

static int e82574_clean_rx(struct e82574_qvec *qv, int budget)
{
	struct e82574_ring *ring = qv->rx;
	unsigned int packets = 0, bytes = 0, drops = 0;
	struct sk_buff *skb = ring->skb;
	u16 i = ring->next_to_clean;
	bool fence = READ_ONCE(qv->ad->fence_busy);
	struct bpf_prog *prog = READ_ONCE(qv->ad->xdp_prog);
	u32 owed = 0, consumed = 0;
	bool starved;

	if (unlikely(fence)) {
		struct sk_buff *held = e82574_fence_poll_start(qv);

		/* released frames go first, in the order they arrived */
		while (held) {
			struct sk_buff *next = held->next;

			held->next = NULL;
			napi_gro_receive(&qv->napi, held);
			held = next;
		}
	}

	while (packets + drops + consumed < budget) {
		union e82574_rx_desc *desc = e82574_rx_desc(ring, i);
		struct e82574_rx_buf *buf = &ring->rx_buf[i];
		u32 staterr;
		u16 len;

		if (i == ring->next_to_use)
			break;
		staterr = le32_to_cpu(desc->wb.status_error);
		if (!(staterr & E82574_RXD_STAT_DD))
			break;
		/* Read the rest of the write-back only after DD. */
		dma_rmb();
		len = le16_to_cpu(desc->wb.length);
		i = e82574_ring_next(ring, i);
		WRITE_ONCE(ring->rx_done, ring->rx_done + 1);

		/*
		 * With an XDP program every frame is in one buffer (MTU 1500
		 * at most); one that is not, or has an error, is dropped
		 * below without the program seeing it, and none reaches the
		 * stack around the program.
		 */
		if (prog && !skb && !ring->discard &&
		    (staterr & E82574_RXD_STAT_EOP) &&
		    !(staterr & E82574_RXD_ERR_FRAME) && len >= ETH_HLEN) {
			bytes += len;
			skb = e82574_rx_xdp(qv, prog, buf, len, &owed);
			if (!skb) {
				if (unlikely(READ_ONCE(qv->ad->rss_count)))
					e82574_rx_count_entry(qv->ad, ring,
							      desc, len);
				consumed++;
				continue;
			}
			packets++;
			goto frame;
		}
		/* A frame spans buffers up to the one with EOP. */
		if (ring->discard) {
			page_pool_put_full_page(ring->pp, buf->page, true);
			buf->page = NULL;
		} else {
			skb = e82574_rx_buf_add(ring, skb, buf, len);
			ring->discard = !skb;
		}
		if (!(staterr & E82574_RXD_STAT_EOP))
			continue;

		/* The last descriptor has the whole frame's status. */
		if (unlikely(ring->discard ||
			     (staterr & E82574_RXD_ERR_FRAME) ||
			     skb->len < ETH_HLEN || prog)) {
			dev_kfree_skb_any(skb);
			skb = NULL;
			ring->discard = false;
			drops++;
			continue;
		}

		bytes += skb->len;
		packets++;
frame:
		e82574_rx_csum(ring, skb, staterr);
		e82574_rx_hash(ring, skb, desc);
		/* CTRL.VME: the NIC took the 802.1Q tag out of the frame. */
		if (staterr & E82574_RXD_STAT_VP)
			__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q),
					       le16_to_cpu(desc->wb.vlan));
		if (unlikely(READ_ONCE(qv->ad->rss_count)))
			e82574_rx_count_entry(qv->ad, ring, desc, skb->len);
		if (unlikely(staterr & E82574_RXD_STAT_TST))
			e82574_ptp_rx_stamp(qv->ad, skb);
		skb_record_rx_queue(skb, ring->qid);
		skb->protocol = eth_type_trans(skb, ring->netdev);
		if (!(fence && e82574_fence_rx(qv, skb, desc)))
			napi_gro_receive(&qv->napi, skb);
		skb = NULL;
	}
	/* A frame whose EOP has not arrived yet waits for the next poll. */
	ring->skb = skb;
	ring->next_to_clean = i;
	if (owed & E82574_XDP_TX_KICK)
		e82574_xdp_tx_kick(qv);
	if (owed & E82574_XDP_FLUSH)
		xdp_do_flush();
	if (unlikely(fence)) {
		/* what this poll passed up reaches the stack before its next */
		e82574_gro_flush(&qv->napi);
		ring->fence_pending = ring->rx_done;
	}
	starved = !e82574_rx_refill(ring, GFP_ATOMIC | __GFP_NOWARN);

	u64_stats_update_begin(&ring->syncp);
	ring->stats.packets += packets + consumed;
	ring->stats.bytes += bytes;
	ring->stats.drops += drops;
	u64_stats_update_end(&ring->syncp);
	/*
	 * An empty ring gets no interrupt: keep polling until it refills.
	 * While a fence is up, poll again too while this ring holds frames
	 * or has not yet published what it passed up (the extra poll after
	 * the GRO flush), so that lifting never waits for an interrupt.
	 */
	if (unlikely(fence) &&
	    (ring->held || (READ_ONCE(qv->ad->snap_need) & BIT(ring->qid)) ||
	     (ring->fence_pos != ring->rx_done &&
	      READ_ONCE(qv->ad->fence_active))))
		starved = true;
	return starved ? budget : packets + drops + consumed;
}

static bool e82574_clean_tx(struct e82574_qvec *qv, int napi_budget)
{
	struct e82574_ring *ring = qv->tx;
	struct netdev_queue *txq = netdev_get_tx_queue(ring->netdev, ring->qid);
	unsigned int packets = 0, bytes = 0, done = 0;
	unsigned int bql_pkts = 0, bql_bytes = 0;
	u16 i = ring->next_to_clean;
	u16 ntu = READ_ONCE(ring->next_to_use);

	while (i != ntu && done < E82574_TX_CLEAN_BUDGET) {
		struct e82574_tx_buf *first = &ring->tx_buf[i];
		union e82574_tx_desc *eop;
		u16 last;

		/* Not fully written yet (transmit may run on another CPU). */
		eop = READ_ONCE(first->next_to_watch);
		if (!eop)
			break;
		/* Pairs with smp_wmb() in e82574_tx_map(). */
		smp_rmb();
		if (!(le32_to_cpu(eop->data.options) & E82574_TXD_STAT_DD))
			break;
		dma_rmb();
		first->next_to_watch = NULL;
		last = eop - (union e82574_tx_desc *)ring->desc;

		packets += first->segs;
		bytes += first->bytes;
		if (first->xdp_frame) {
			/* XDP frames are not in the stack's queue accounting */
			xdp_return_frame(first->xdp_frame);
			first->xdp_frame = NULL;
		} else {
			bql_pkts++;
			bql_bytes += first->bytes;
			napi_consume_skb(first->skb, napi_budget);
			first->skb = NULL;
		}
		for (;;) {
			e82574_tx_unmap(ring, &ring->tx_buf[i]);
			if (i == last)
				break;
			i = e82574_ring_next(ring, i);
		}
		i = e82574_ring_next(ring, i);
		done++;
	}
	ring->next_to_clean = i;
	netdev_tx_completed_queue(txq, bql_pkts, bql_bytes);

	u64_stats_update_begin(&ring->syncp);
	ring->stats.packets += packets;
	ring->stats.bytes += bytes;
	u64_stats_update_end(&ring->syncp);

	if (done && netif_carrier_ok(ring->netdev) &&
	    e82574_desc_unused(ring) >= E82574_TX_WAKE_THRESH) {
		/* Pairs with the barrier in e82574_maybe_stop_tx(). */
		smp_mb();
		if (netif_tx_queue_stopped(txq) &&
		    !test_bit(E82574_STATE_DOWN, &qv->ad->state)) {
			netif_tx_wake_queue(txq);
			e82574_ring_count(ring, &ring->stats.restarts, 1);
		}
	}
	return done < E82574_TX_CLEAN_BUDGET;
}

/* Feed the vector's RX counts to net_dim() at the end of a poll. */
static void e82574_dim_sample(struct e82574_qvec *qv)
{
	struct dim_sample s = {};

	dim_update_sample(qv->dim_events++, qv->rx->stats.packets,
			  qv->rx->stats.bytes, &s);
#ifdef E82574_HAVE_NET_DIM_SAMPLE_PTR
	net_dim(&qv->dim, &s);
#else
	net_dim(&qv->dim, s);
#endif
}

/**
 * e82574_napi_poll - NAPI poll of one queue pair
 * @napi: the queue vector's NAPI context
 * @budget: RX frames it may process
 *
 * Return: work done; @budget if it must be polled again.
 */
int e82574_napi_poll(struct napi_struct *napi, int budget)
{
	struct e82574_qvec *qv = container_of(napi, struct e82574_qvec, napi);
	bool tx_clean = true;
	int work = 0;

	if (qv->tx)
		tx_clean = e82574_clean_tx(qv, budget);
	if (budget && qv->rx)
		work = e82574_clean_rx(qv, budget);
	if (!tx_clean || work >= budget)
		return budget;
	if (napi_complete_done(napi, work) &&
	    !test_bit(E82574_STATE_DOWN, &qv->ad->state)) {
		if (qv->rx && READ_ONCE(qv->ad->adaptive_rx[qv->idx]))
			e82574_dim_sample(qv);
		e82574_irq_enable_qvec(qv);
	}
	return min(work, budget - 1);
}

static int e82574_maybe_stop_tx(struct e82574_ring *ring, u16 needed)
{
	struct netdev_queue *txq = netdev_get_tx_queue(ring->netdev, ring->qid);

	if (likely(e82574_desc_unused(ring) >= needed))
		return 0;
	netif_tx_stop_queue(txq);
	e82574_xmit_count(ring, &ring->xstats.stops);
	/* Re-check after stopping, in case completion ran in between. */
	smp_mb();
	if (e82574_desc_unused(ring) < needed)
		return -EBUSY;
	netif_tx_start_queue(txq);
	e82574_xmit_count(ring, &ring->xstats.restarts);
	return 0;
}

static u16 e82574_tx_desc_count(const struct sk_buff *skb)
{
	u16 count = DIV_ROUND_UP(skb_headlen(skb), E82574_MAX_TXD_DATA);
	int f;

	for (f = 0; f < skb_shinfo(skb)->nr_frags; f++)
		count += DIV_ROUND_UP(skb_frag_size(&skb_shinfo(skb)->frags[f]),
				      E82574_MAX_TXD_DATA);
	return count;
}

/* Put a context descriptor at next_to_use. */
static void e82574_tx_ctx(struct e82574_ring *ring, u32 ip_setup,
			  u32 tu_setup, u32 cmd_len, u32 seg_setup)
{
	union e82574_tx_desc *desc = e82574_tx_desc(ring, ring->next_to_use);

	desc->ctx.ip_setup = cpu_to_le32(ip_setup);
	desc->ctx.tu_setup = cpu_to_le32(tu_setup);
	desc->ctx.cmd_len = cpu_to_le32(cmd_len | E82574_TXD_CMD_DEXT |
					FIELD_PREP(E82574_TXD_DTYP,
						   E82574_TXD_DTYP_CTX));
	desc->ctx.seg_setup = cpu_to_le32(seg_setup);
	ring->next_to_use = e82574_ring_next(ring, ring->next_to_use);
}

/*
 * Segmentation offload: the NIC rewrites lengths, IDs, sequence numbers
 * and checksums of every segment, starting from the pseudo-header sum
 * without length.  Returns 1 if set up, 0 if not GSO, <0 on error.
 */
static int e82574_tx_tso(struct e82574_ring *ring, struct sk_buff *skb,
			 struct e82574_tx_buf *first, u32 *cmd, u32 *popts)
{
	u32 ip_setup = 0, tu_setup, cmd_len, hdr_len, mss;
	int err;

	if (!skb_is_gso(skb))
		return 0;
	err = skb_cow_head(skb, 0);
	if (err < 0)
		return err;

	hdr_len = skb_tcp_all_headers(skb);
	mss = skb_shinfo(skb)->gso_size;
	cmd_len = E82574_TXD_CMD_TSE | E82574_TXD_CMD_TCP;

	/* The protocol under a VLAN tag inserted in software counts. */
	if (vlan_get_protocol(skb) == htons(ETH_P_IP)) {
		struct iphdr *iph = ip_hdr(skb);

		iph->tot_len = 0;
		iph->check = 0;
		tcp_hdr(skb)->check = ~csum_tcpudp_magic(iph->saddr,
							 iph->daddr, 0,
							 IPPROTO_TCP, 0);
		cmd_len |= E82574_TXD_CMD_IP;
		ip_setup = FIELD_PREP(E82574_TXC_IPCSS,
				      skb_network_offset(skb)) |
			   FIELD_PREP(E82574_TXC_IPCSO,
				      skb_network_offset(skb) +
				      offsetof(struct iphdr, check)) |
			   FIELD_PREP(E82574_TXC_IPCSE,
				      skb_transport_offset(skb) - 1);
		*popts |= E82574_TXD_POPTS_IXSM;
	} else if (skb_is_gso_v6(skb)) {
		tcp_v6_gso_csum_prep(skb);
		ip_setup = FIELD_PREP(E82574_TXC_IPCSS,
				      skb_network_offset(skb));
	} else {
		return -EINVAL;
	}

	tu_setup = FIELD_PREP(E82574_TXC_TUCSS, skb_transport_offset(skb)) |
		   FIELD_PREP(E82574_TXC_TUCSO, skb_transport_offset(skb) +
				offsetof(struct tcphdr, check));
	e82574_tx_ctx(ring, ip_setup, tu_setup,
		      cmd_len | FIELD_PREP(E82574_TXC_PAYLEN,
					   skb->len - hdr_len),
		      FIELD_PREP(E82574_TXC_HDRLEN, hdr_len) |
		      FIELD_PREP(E82574_TXC_MSS, mss));

	first->segs = skb_shinfo(skb)->gso_segs;
	first->bytes += (first->segs - 1) * hdr_len;
	*cmd |= E82574_TXD_CMD_TSE;
	*popts |= E82574_TXD_POPTS_TXSM;
	e82574_xmit_count(ring, &ring->xstats.tso);
	return 1;
}

static int e82574_tx_csum(struct e82574_ring *ring, struct sk_buff *skb,
			  u32 *popts)
{
	u32 cmd_len = 0, css;
	u8 l4;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;

	switch (vlan_get_protocol(skb)) {
	case htons(ETH_P_IP):
		l4 = ip_hdr(skb)->protocol;
		break;
	case htons(ETH_P_IPV6):
		l4 = ipv6_hdr(skb)->nexthdr;
		break;
	default:
		l4 = 0;
		break;
	}
	/* The NIC checksums TCP and UDP only. */
	if (l4 != IPPROTO_TCP && l4 != IPPROTO_UDP)
		return skb_checksum_help(skb);
	if (l4 == IPPROTO_TCP)
		cmd_len |= E82574_TXD_CMD_TCP;

	css = skb_checksum_start_offset(skb);
	e82574_tx_ctx(ring, 0,
		      FIELD_PREP(E82574_TXC_TUCSS, css) |
		      FIELD_PREP(E82574_TXC_TUCSO, css + skb->csum_offset),
		      cmd_len, 0);
	*popts |= E82574_TXD_POPTS_TXSM;
	e82574_xmit_count(ring, &ring->xstats.csum_offload);
	return 1;
}

static void e82574_tx_data(struct e82574_ring *ring, dma_addr_t dma,
			   u32 len, u32 cmd, u32 popts)
{
	union e82574_tx_desc *desc = e82574_tx_desc(ring, ring->next_to_use);

	desc->data.buf_addr = cpu_to_le64(dma);
	desc->data.cmd_len = cpu_to_le32(cmd | len | E82574_TXD_CMD_DEXT |
					 E82574_TXD_CMD_IFCS |
					 FIELD_PREP(E82574_TXD_DTYP,
						    E82574_TXD_DTYP_DATA));
	desc->data.options = cpu_to_le32(popts);
}

/* Map the frame and write its data descriptors; EOP|RS on the last. */
static int e82574_tx_map(struct e82574_ring *ring, struct sk_buff *skb,
			 u16 first_idx, u32 cmd, u32 popts)
{
	unsigned int nfrags = skb_shinfo(skb)->nr_frags, f;
	u16 i = ring->next_to_use, last = i;
	unsigned int size = skb_headlen(skb);
	const skb_frag_t *frag = NULL;
	bool page = false;
	dma_addr_t dma;

	dma = dma_map_single(ring->dev, skb->data, size, DMA_TO_DEVICE);
	for (f = 0;; f++) {
		struct e82574_tx_buf *buf = &ring->tx_buf[i];

		if (dma_mapping_error(ring->dev, dma))
			goto unwind;
		dma_unmap_addr_set(buf, dma, dma);
		dma_unmap_len_set(buf, len, size);
		buf->page = page;

		while (size) {
			u32 chunk = min_t(u32, size, E82574_MAX_TXD_DATA);

			ring->next_to_use = i;
			e82574_tx_data(ring, dma, chunk, cmd, popts);
			last = i;
			dma += chunk;
			size -= chunk;
			i = e82574_ring_next(ring, i);
		}
		if (f == nfrags)
			break;
		frag = &skb_shinfo(skb)->frags[f];
		size = skb_frag_size(frag);
		page = true;
		dma = skb_frag_dma_map(ring->dev, frag, 0, size,
				       DMA_TO_DEVICE);
	}

	e82574_tx_desc(ring, last)->data.cmd_len |=
		cpu_to_le32(E82574_TXD_CMD_EOP | E82574_TXD_CMD_RS);
	/* Every descriptor and buffer is in place before it is watched. */
	smp_wmb();
	WRITE_ONCE(ring->tx_buf[first_idx].next_to_watch,
		   e82574_tx_desc(ring, last));
	ring->next_to_use = i;
	return 0;

unwind:
	dev_err_ratelimited(ring->dev, "TX DMA mapping failed\n");
	for (;;) {
		e82574_tx_unmap(ring, &ring->tx_buf[i]);
		if (i == first_idx)
			break;
		i = i ? i - 1 : ring->count - 1;
	}
	ring->next_to_use = first_idx;
	return -ENOMEM;
}

/* Ring the doorbell for every descriptor written since the last time. */
static void e82574_tx_kick(struct e82574_ring *ring)
{
	if (ring->tail_written == ring->next_to_use)
		return;
	/* Descriptors must be written before the tail moves. */
	wmb();
	writel(ring->next_to_use, ring->tail);
	ring->tail_written = ring->next_to_use;
}

/**
 * e82574_xmit_frame - ndo_start_xmit
 * @skb: frame
 * @netdev: interface
 *
 * Return: NETDEV_TX_OK, or NETDEV_TX_BUSY if the ring is full.
 */
netdev_tx_t e82574_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	u16 qid = skb_get_queue_mapping(skb) % ad->num_qp;
	struct e82574_ring *ring = &ad->tx_ring[qid];
	struct netdev_queue *txq = netdev_get_tx_queue(netdev, qid);
	struct e82574_tx_buf *first;
	u32 cmd = 0, popts = 0;
	bool tstamp = false;
	u16 first_idx;
	int ret;

	/* A frame to be padded to the minimum gets its checksum in software
	 * first.  On silicon a zero pad inside the summed range is harmless,
	 * but QEMU's model (a NIC users run this driver on) takes the
	 * pseudo-header length from the buffer, pad included, so an
	 * offloaded UDP checksum of a padded frame is wrong by the pad.
	 * Such frames are tiny: the software sum costs nothing.
	 */
	if (skb->len < ETH_ZLEN && skb->ip_summed == CHECKSUM_PARTIAL &&
	    skb_checksum_help(skb)) {
		dev_kfree_skb_any(skb);
		goto dropped;
	}
	if (skb_put_padto(skb, ETH_ZLEN))
		goto dropped;

	if (e82574_maybe_stop_tx(ring, e82574_tx_desc_count(skb) + 2)) {
		/* Frames queued with xmit_more must still go out. */
		e82574_tx_kick(ring);
		return NETDEV_TX_BUSY;
	}

	first_idx = ring->next_to_use;
	first = &ring->tx_buf[first_idx];
	first->skb = skb;
	first->bytes = skb->len;
	first->segs = 1;

	/*
	 * Tag insertion (txvlan, only with CTRL.VME): the NIC puts VET and
	 * this tag after the MAC addresses, of every segment with TSO.
	 * Offsets in the context descriptor stay those of the untagged
	 * frame in memory.
	 */
	if (skb_vlan_tag_present(skb)) {
		cmd |= E82574_TXD_CMD_VLE;
		popts |= FIELD_PREP(E82574_TXD_VLAN, skb_vlan_tag_get(skb));
	}
	ret = e82574_tx_tso(ring, skb, first, &cmd, &popts);
	if (!ret)
		ret = e82574_tx_csum(ring, skb, &popts);
	if (unlikely(skb_shinfo(skb)->tx_flags & SKBTX_HW_TSTAMP))
		tstamp = e82574_ptp_tx_request(ad, skb);
	if (tstamp)
		popts |= E82574_TXD_OPT_TSTAMP;
	if (ret < 0 || e82574_tx_map(ring, skb, first_idx, cmd, popts))
		goto drop_first;

	if (tstamp)
		e82574_ptp_tx_sent(ad);
	skb_tx_timestamp(skb);
	netdev_tx_sent_queue(txq, first->bytes);
	e82574_maybe_stop_tx(ring, E82574_TX_DESC_NEEDED);
	if (!netdev_xmit_more() || netif_xmit_stopped(txq))
		e82574_tx_kick(ring);
	return NETDEV_TX_OK;

drop_first:
	if (tstamp)
		e82574_ptp_tx_abort(ad);
	first->skb = NULL;
	ring->next_to_use = first_idx;
	dev_kfree_skb_any(skb);
dropped:
	e82574_xmit_count(ring, &ring->xstats.drops);
	/* Frames queued with xmit_more must still go out. */
	e82574_tx_kick(ring);
	return NETDEV_TX_OK;
}

/**
 * e82574_xdp_xmit - ndo_xdp_xmit: send frames other devices redirected here
 * @netdev: interface
 * @n: frames
 * @frames: the frames; those not sent stay the caller's
 * @flags: XDP_XMIT_FLUSH to write the tail now
 *
 * The frames go on the TX ring of the calling CPU's queue pair, under its
 * xmit lock.  Works whether or not this interface has an XDP program.
 *
 * Return: frames sent, or a negative errno (-ENETDOWN, -EINVAL).
 */
int e82574_xdp_xmit(struct net_device *netdev, int n,
		    struct xdp_frame **frames, u32 flags)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	struct netdev_queue *txq;
	struct e82574_ring *ring;
	int sent = 0;
	u16 qid;

	if (unlikely(flags & ~XDP_XMIT_FLAGS_MASK))
		return -EINVAL;
	if (unlikely(test_bit(E82574_STATE_DOWN, &ad->state) ||
		     !netif_carrier_ok(netdev)))
		return -ENETDOWN;
	qid = smp_processor_id() % ad->num_qp;
	ring = &ad->tx_ring[qid];
	txq = netdev_get_tx_queue(netdev, qid);
	__netif_tx_lock(txq, smp_processor_id());
	/*
	 * Checked again under the lock: e82574_stop_locked() sets DOWN
	 * before netif_tx_disable() takes this lock, so once it has, no
	 * frame reaches a ring that is going away.
	 */
	if (likely(!test_bit(E82574_STATE_DOWN, &ad->state))) {
		while (sent < n && !e82574_xdp_queue(ring, frames[sent]))
			sent++;
		if (flags & XDP_XMIT_FLUSH)
			e82574_tx_kick(ring);
	}
	u64_stats_update_begin(&ring->xsyncp);
	ring->xstats.xdp_xmit += sent;
	ring->xstats.xdp_xmit_err += n - sent;
	u64_stats_update_end(&ring->xsyncp);
	__netif_tx_unlock(txq);
	return sent;
}
