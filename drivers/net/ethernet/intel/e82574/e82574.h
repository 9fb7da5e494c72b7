/* SPDX-License-Identifier: GPL-2.0 */
/*
 * e82574: Intel 82574L driver with receive side scaling.
 *
 * Device-wide state, register accessors and the prototypes shared
 * between the driver's files.
 */
#ifndef _E82574_H_
#define _E82574_H_

#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/bpf.h>
#include <linux/dim.h>
#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/net_tstamp.h>
#include <linux/io.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/ptp_clock_kernel.h>
#include <linux/spinlock.h>
#include <linux/timecounter.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <net/xdp.h>

#include "e82574_csr.h"
#include "e82574_hw_core.h"
#include "e82574_rss_core.h"
#include "e82574_rss_bal.h"

#define E82574_DRV_NAME		"e82574"
#define E82574_DRV_VERSION	"0.1.0"

/* Queue pairs the 82574 has; each gets its own MSI-X vector. */
#define E82574_MAX_QP		2
/* MSI-X vector of the link/other causes, after the queue vectors. */
#define E82574_VEC_OTHER	E82574_MAX_QP
#define E82574_NUM_VECS		(E82574_MAX_QP + 1)

#define E82574_DEFAULT_TXD	256
#define E82574_DEFAULT_RXD	256
#define E82574_MIN_DESC		64
#define E82574_MAX_DESC		4096

/* Largest frame the 82574 accepts with RCTL.LPE, FCS included. */
#define E82574_MAX_FRAME	9234
#define E82574_MAX_MTU		(E82574_MAX_FRAME - VLAN_ETH_HLEN - ETH_FCS_LEN)

/* Bytes a single data descriptor carries (kept well below DTALEN). */
#define E82574_MAX_TXD_DATA	8192
/*
 * Descriptors the largest frame may need: its data (at most 64 KiB, split
 * into E82574_MAX_TXD_DATA pieces, plus one more per buffer for the
 * split's remainder: the linear part and every fragment), one context
 * descriptor, and one to keep the ring from ever filling up.
 */
#define E82574_TX_DESC_NEEDED	(DIV_ROUND_UP(SZ_64K, E82574_MAX_TXD_DATA) + \
				 MAX_SKB_FRAGS + 1 + 2)

/* Interrupt moderation, 256 ns units: about 20000 interrupts/s */
#define E82574_DEFAULT_ITR	196
#define E82574_ITR_NS		256	/* unit of ITR/EITR */

struct e82574_adapter;
struct page_pool;

struct e82574_tx_buf {
	struct sk_buff *skb;		/* on the packet's first buffer */
	struct xdp_frame *xdp_frame;	/* or the XDP frame it carries */
	/*
	 * On the first buffer: the packet's last descriptor, set only once
	 * every descriptor is written (NULL: nothing to clean here yet).
	 * Transmit and completion may run on different CPUs.
	 */
	union e82574_tx_desc *next_to_watch;
	DEFINE_DMA_UNMAP_ADDR(dma);
	DEFINE_DMA_UNMAP_LEN(len);
	bool page;			/* mapped with dma_map_page() */
	u16 segs;
	u32 bytes;
};

/*
 * Receive buffers: RCTL.BSIZE is 2048 bytes at every MTU; a frame longer
 * than that spans several descriptors.  Each buffer is a slot of a page
 * from the ring's page_pool: headroom for the skb, the 2048 bytes (or, for
 * a slot of half a page at MTU 1500, the longest frame the NIC accepts
 * without RCTL.LPE), then room for skb_shared_info, so the first buffer of
 * a frame becomes the skb's head without a copy.
 */
#define E82574_RX_BUF_LEN	2048
/*
 * Also the XDP program's headroom, as in ixgbe and i40e: room for the
 * xdp_frame of a transmitted or redirected frame and for some 20 bytes
 * of bpf_xdp_adjust_head().  XDP_PACKET_HEADROOM would need a whole page
 * per buffer at MTU 1500 and a ring swap (so a link reset) at attach.
 */
#define E82574_RX_HEADROOM	(NET_SKB_PAD + NET_IP_ALIGN)

struct e82574_rx_buf {
	struct page *page;		/* NULL: slot not posted */
	u32 offset;			/* of the slot in the page */
};

struct e82574_ring_stats {
	u64 packets;
	u64 bytes;
	u64 drops;
	u64 csum_err;
	u64 alloc_failed;
	u64 restarts;		/* TX queue woken after being stopped */
	u64 stops;		/* TX queue stopped for lack of descriptors */
	u64 csum_offload;	/* TX frames with checksum offload */
	u64 tso;		/* TX frames segmented by the NIC */
	/* RX, by the XDP program's verdict (counted in packets too) */
	u64 xdp_pass;
	u64 xdp_drop;
	u64 xdp_tx;
	u64 xdp_redirect;
	u64 xdp_aborted;	/* XDP_ABORTED and unknown verdicts */
	u64 xdp_tx_err;		/* XDP_TX frames the TX ring had no room for */
	u64 xdp_redirect_err;	/* XDP_REDIRECT refused by the target */
	/* TX: frames other devices redirected here (ndo_xdp_xmit) */
	u64 xdp_xmit;
	u64 xdp_xmit_err;
};

struct e82574_ring {
	struct e82574_qvec *qv;
	struct device *dev;
	struct net_device *netdev;
	void *desc;
	dma_addr_t dma;
	u32 size;			/* bytes of descriptor memory */
	u16 count;
	u16 next_to_use;
	u16 next_to_clean;
	u8 qid;
	bool discard;			/* RX: dropping the rest of a frame */
	void __iomem *tail;
	union {
		struct e82574_tx_buf *tx_buf;
		struct e82574_rx_buf *rx_buf;
	};
	/* RX: buffers come from pp, rx_slot bytes each (their truesize). */
	struct page_pool *pp;
	u32 rx_slot;
	struct xdp_rxq_info xdp_rxq;	/* RX: registered with its memory */
	struct sk_buff *skb;		/* RX: frame assembled so far */
	u16 tail_written;		/* TX: last value written to the tail */
	/*
	 * RX reorder fence (e82574_rss_fence_*): only this ring's NAPI
	 * writes these, except fence_pos, which it writes under
	 * ad->fence_lock and other queues' NAPI read under it.
	 */
	u32 rx_done;			/* descriptors consumed, free-running */
	u32 fence_pending;		/* rx_done when the last poll ended */
	u32 fence_pos;			/* all before it reached the stack */
	struct sk_buff *held;		/* held frames, in arrival order */
	struct sk_buff *held_tail;
	u32 held_gen;			/* ad->fence_gen when they were held */
	u32 held_cnt;			/* frames held; under ad->fence_lock */
	/* Written by NAPI (and by open before NAPI runs). */
	struct e82574_ring_stats stats;
	struct u64_stats_sync syncp;	/* guards stats against torn reads */
	/* TX only: written by ndo_start_xmit, under the queue's xmit lock. */
	struct e82574_ring_stats xstats;
	struct u64_stats_sync xsyncp;	/* guards xstats against torn reads */
};

/* Rings' memory for one configuration, allocated before it is used. */
struct e82574_ring_set {
	struct e82574_ring tx[E82574_MAX_QP];
	struct e82574_ring rx[E82574_MAX_QP];
	u16 num_qp;
};

/* One interrupt vector and its NAPI context: a TX/RX queue pair. */
struct e82574_qvec {
	struct napi_struct napi;
	struct e82574_adapter *ad;
	struct e82574_ring *tx;
	struct e82574_ring *rx;
	u32 ims;			/* ICR causes this vector services */
	u16 idx;
	u64 irqs;			/* written only by its IRQ handler */
	char name[IFNAMSIZ + 16];
	/* Adaptive RX moderation: sampled by NAPI, applied by dim.work. */
	struct dim dim;
	u16 dim_events;			/* interrupts seen, for net_dim */
	u64 dim_updates;		/* EITR values DIM wrote */
};

struct e82574_hw_stats {
	u64 crcerrs, mpc, colc, gprc, bprc, mprc, gptc, gorc, gotc;
	u64 rnbc, ruc, roc, tor, tot, tpr, tpt, mptc, bptc, tsctc;
	u64 xonrxc, xontxc, xoffrxc, xofftxc;
};

/* Software RSS state; the NIC is programmed from it.  Changed under RTNL. */
struct e82574_rss_state {
	u32 indir[E82574_RSS_INDIR_SIZE];	/* the ethtool table */
	u8 key[E82574_RSS_KEY_SIZE];
	u32 fields;				/* MRQC hash-field bits */
	u32 hw_tbl[E82574_RSS_INDIR_SIZE];	/* what RETA holds */
	bool hw_valid;				/* hw_tbl mirrors RETA */
	struct e82574_rss_moves moves;		/* scratch for updates */
	u64 reta_writes;			/* RETA registers written */
	u64 entries_moved;			/* entries that changed queue */
};

/*
 * Receive load per indirection entry (entry = RSS hash & 127), counted
 * while rss-balance is on.  rss_load[q] is written only by queue q's NAPI,
 * so there are no atomics; readers sum the queues with READ_ONCE.
 */
struct e82574_rss_entry_load {
	u64 packets[E82574_RSS_INDIR_SIZE];
	u64 bytes[E82574_RSS_INDIR_SIZE];
};

/* rss-balance state, allocated while the flag is on; used under RTNL. */
struct e82574_rss_balancer {
	struct e82574_rss_bal_scratch scratch;
	u64 prev[E82574_RSS_INDIR_SIZE];	/* byte counts, last interval */
	u64 sample[E82574_RSS_INDIR_SIZE];	/* bytes in the last interval */
	u64 avg[E82574_RSS_INDIR_SIZE];		/* EWMA of sample */
	u32 out[E82574_RSS_INDIR_SIZE];		/* the solver's table */
	struct e82574_rss_bal_state st;
	struct e82574_rss_bal_result res;	/* last solve */
	enum e82574_rss_bal_verdict verdict;	/* last interval */
	bool primed;				/* avg holds a sample */
	u64 intervals;
	u64 moved_at;				/* interval of last move */
	u64 move_load[E82574_RSS_INDIR_SIZE];	/* avg the move solved */
	u8 move_from[E82574_RSS_INDIR_SIZE];	/* table before the move */
};

/* IEEE 1588: the PHC over SYSTIM and the time stamping state. */
struct e82574_ptp {
	struct e82574_adapter *ad;
	struct ptp_clock *clock;	/* NULL: no PHC, no HW stamps */
	struct ptp_clock_info info;
	/*
	 * Protects cc, tc, sts, hw_ok and frozen_offset, and makes each
	 * SYSTIM read (two registers, latched by the first) and the
	 * timecounter update that follows it one step.  Taken by the PTP
	 * clock operations, the overflow work, stamp conversion (NAPI and
	 * the TX work) and reset (freeze/thaw).
	 */
	spinlock_t lock;
	struct cyclecounter cc;
	struct timecounter tc;
	struct ptp_system_timestamp *sts;	/* for the next SYSTIM read */
	bool hw_ok;			/* SYSTIM runs and tc follows it */
	s64 frozen_offset;		/* PHC - boot time, while !hw_ok */
	u32 tick_ns;			/* SYSTIM tick period found */
	u32 base_mult;			/* cc.mult at 0 ppm */
	long scaled_ppm;		/* last adjfine, kept across resets */
	struct delayed_work overflow_work;

	/* Time stamping configuration, under RTNL; kept across resets. */
	bool tx_on;
	int rx_filter;			/* HWTSTAMP_FILTER_* applied */

	/* The one TX frame waiting for its stamp (bit 0 of tx_busy). */
	unsigned long tx_busy;
	struct sk_buff *tx_skb;
	unsigned long tx_start;		/* jiffies at transmit */
	struct delayed_work tx_work;

	u64 tx_stamps;			/* TX stamps delivered */
	u64 tx_timeouts;		/* TX stamps given up */
	u64 tx_skipped;			/* requests while one was pending */
	u64 rx_stamps;			/* RX stamps delivered */
};

#ifdef E82574_HAVE_KERNEL_ETHTOOL_TS_INFO
#define e82574_ts_info kernel_ethtool_ts_info
#else
#define e82574_ts_info ethtool_ts_info
#endif

enum e82574_state_bits {
	E82574_STATE_DOWN,		/* rings and IRQs are not set up */
	E82574_STATE_REMOVING,
	E82574_STATE_SUSPENDED,		/* PM or PCI error: hardware is off */
};

struct e82574_adapter {
	struct net_device *netdev;
	struct pci_dev *pdev;
	u8 __iomem *hw;

	unsigned long state;
	bool msix;			/* else one MSI vector for everything */
	u16 num_qp;			/* active queue pairs */
	bool irq_on;			/* other (or MSI) vector requested */
	u16 irq_qp;			/* queue vectors requested */
	u16 spread_qp;			/* queue count of the XPS defaults */
	u16 affined_vecs;		/* vectors given a default affinity */
	u16 itr[E82574_MAX_QP];		/* EITR per queue vector, 256 ns */
	bool adaptive_rx[E82574_MAX_QP];	/* DIM picks EITR */
	u32 ledctl_saved;		/* LEDCTL while ethtool -p blinks */
	u16 tx_count;			/* descriptors per TX ring */
	u16 rx_count;			/* descriptors per RX ring */
	/*
	 * XDP program (ndo_bpf): replaced under RTNL with xchg(), read by
	 * NAPI with READ_ONCE() (the core frees the old one after an RCU
	 * grace period, so a poll still running it is safe).
	 */
	struct bpf_prog *xdp_prog;

	struct e82574_rss_state rss;
	struct e82574_rss_entry_load rss_load[E82574_MAX_QP];
	bool rss_count;			/* NAPI counts rss_load */
	/* rss-balance: set while on; changed and used under RTNL */
	struct e82574_rss_balancer *bal;
	struct delayed_work bal_work;	/* one balancer interval */
	struct dentry *dbg;		/* debugfs directory */

	/*
	 * RSS move fence (rss-fence flag, fence_on, changed under RTNL).
	 * fence_lock protects fence, the snap_* conversion state, the rings'
	 * fence_pos and held_bytes and the fence counters; it is taken by
	 * the table write (process context, RTNL, _bh) and by NAPI of every
	 * queue, but only while fence_busy is set, so NAPI without a fence
	 * pays one READ_ONCE and a predictable branch.
	 */
	spinlock_t fence_lock;
	bool fence_on;
	bool fence_busy;		/* a fence is up or frames are held */
	bool fence_active;		/* fence.phase is ACTIVE */
	struct e82574_rss_fence fence;
	u32 snap_need;			/* queues still to convert snap_head */
	u32 snap_d0[E82574_MAX_QP];	/* rx_done read before RDH */
	u32 snap_head[E82574_MAX_QP];	/* RDH after the flushed RETA write */
	u32 snap_pos[E82574_MAX_QP];	/* free-running snapped positions */
	u64 fence_released_ns;		/* when the fence lifted, 0: not yet */
	u32 fence_gen;			/* fences armed, for held_gen */
	u32 held_bytes;
	u64 fence_raised, fence_held, fence_max_hold_us, fence_timeouts;
	u64 fence_late, fence_overflows;

	struct e82574_qvec qv[E82574_MAX_QP];
	struct e82574_ring tx_ring[E82574_MAX_QP];
	struct e82574_ring rx_ring[E82574_MAX_QP];
	char other_name[IFNAMSIZ + 16];
	u64 other_irqs;

	struct work_struct reset_task;
	struct delayed_work watchdog;
	u64 tx_timeouts;
	u64 link_changes;

	/*
	 * Serialises PHY (MDIC) and NVM (EERD) access and the resets that
	 * take the EXTCNF_CTRL software/firmware flag; held with that flag.
	 */
	struct mutex hw_lock;
	u32 phy_id;
	u16 nvm_words;			/* NVM size */
	bool nvm_flash;			/* NVM is the on-board flash */
	u32 phy_adv;			/* E82574_ADV_* advertised */
	bool link_autoneg;		/* else link_speed/duplex forced */
	u8 mdix_ctrl;			/* ETH_TP_MDI_AUTO, _MDI or _MDI_X */
	u32 link_speed;			/* forced speed, SPEED_10 or 100 */
	u8 link_duplex;			/* forced duplex, DUPLEX_* */
	enum e82574_fc_mode fc_requested;
	bool fc_autoneg;		/* pause negotiated, else forced */
	enum e82574_fc_mode fc_current;	/* resolved at link up */
	struct e82574_fc_cfg fc;	/* packet buffer split, watermarks */
	u8 phy_hang_count;
	bool phy_hang_reset;		/* the reset task runs for a PHY hang */
	u64 phy_hangs;
	u32 wol;			/* E82574_WUFC_* filters chosen (-W) */

	/*
	 * VLAN IDs the stack joined (ndo_vlan_rx_add_vid); VFTA is written
	 * from it at every open.  Changed under RTNL.
	 */
	unsigned long active_vlans[BITS_TO_LONGS(VLAN_N_VID)];
	/*
	 * rx-vlan-filter as set: RCTL.VFE unless promiscuous.  Written
	 * and read under the netdev address lock (with ndo_set_rx_mode).
	 */
	bool vlan_filter;
	/*
	 * Serialises read-modify-write of CTRL between the watchdog (flow
	 * control at link up) and the VLAN strip setting (ndo_set_features).
	 */
	spinlock_t ctrl_lock;

	struct e82574_ptp ptp;

	/* Protects hw_stats: clear-on-read registers are folded in here. */
	spinlock_t stats_lock;
	struct e82574_hw_stats hw_stats;
};

static inline u32 e82574_rd32(struct e82574_adapter *ad, u32 reg)
{
	return readl(ad->hw + reg);
}

static inline void e82574_wr32(struct e82574_adapter *ad, u32 reg, u32 val)
{
	writel(val, ad->hw + reg);
}

static inline void e82574_wrfl(struct e82574_adapter *ad)
{
	readl(ad->hw + E82574_STATUS);
}

static inline u16 e82574_desc_unused(const struct e82574_ring *ring)
{
	u16 ntc = ring->next_to_clean, ntu = ring->next_to_use;

	return ((ntc > ntu) ? 0 : ring->count) + ntc - ntu - 1;
}

#ifndef E82574_HAVE_ETHTOOL_PUTS
/* ethtool_puts() arrived in 6.8; same behaviour for older kernels. */
static inline void ethtool_puts(u8 **data, const char *str)
{
	strscpy(*data, str, ETH_GSTRING_LEN);
	*data += ETH_GSTRING_LEN;
}
#endif

/* e82574_irq.c */
int e82574_irq_init(struct e82574_adapter *ad, bool want_msix);
void e82574_irq_fini(struct e82574_adapter *ad);
int e82574_irq_request(struct e82574_adapter *ad, u16 nqp);
void e82574_irq_spread(struct e82574_adapter *ad);
void e82574_irq_trim(struct e82574_adapter *ad, u16 nqp);
void e82574_irq_free(struct e82574_adapter *ad);
void e82574_irq_program(struct e82574_adapter *ad);
void e82574_irq_enable(struct e82574_adapter *ad);
void e82574_irq_disable(struct e82574_adapter *ad);
void e82574_irq_enable_qvec(struct e82574_qvec *qv);
void e82574_qvec_write_itr(struct e82574_qvec *qv, u16 itr);
void e82574_dim_init(struct e82574_qvec *qv);

/* e82574_hw.c */
int e82574_swflag_get(struct e82574_adapter *ad);
void e82574_swflag_put(struct e82574_adapter *ad);
int e82574_nvm_read(struct e82574_adapter *ad, u16 offset, u16 count,
		    u16 *data);
int e82574_nvm_write(struct e82574_adapter *ad, u16 offset, u16 count,
		     const u16 *data);
void e82574_nvm_setup(struct e82574_adapter *ad);
void e82574_hw_quiesce(struct e82574_adapter *ad);
int e82574_hw_reset(struct e82574_adapter *ad);
void e82574_hw_init(struct e82574_adapter *ad);
void e82574_hw_fc_apply(struct e82574_adapter *ad);
void e82574_hw_vlan_strip(struct e82574_adapter *ad, bool on);
void e82574_hw_get_control(struct e82574_adapter *ad);
void e82574_hw_release_control(struct e82574_adapter *ad);

/* e82574_phy.c */
int e82574_phy_read(struct e82574_adapter *ad, u32 reg, u16 *val);
int e82574_phy_write(struct e82574_adapter *ad, u32 reg, u16 val);
int e82574_phy_loopback(struct e82574_adapter *ad, bool on);
int e82574_phy_reset(struct e82574_adapter *ad);
int e82574_phy_identify(struct e82574_adapter *ad);
void e82574_phy_power(struct e82574_adapter *ad, bool up);
int e82574_phy_setup_link(struct e82574_adapter *ad);
void e82574_check_link(struct e82574_adapter *ad);
void e82574_phy_hang_check(struct e82574_adapter *ad);

/* e82574_txrx.c */
struct e82574_ring_set *e82574_ring_set_alloc(struct e82574_adapter *ad,
					      u16 num_qp, u16 tx_count,
					      u16 rx_count, unsigned int mtu);
void e82574_ring_set_free(struct e82574_ring_set *rs);
void e82574_ring_set_install(struct e82574_adapter *ad,
			     struct e82574_ring_set *rs);
void e82574_rings_release(struct e82574_adapter *ad);
void e82574_tx_configure(struct e82574_adapter *ad);
int e82574_rx_configure(struct e82574_adapter *ad);
void e82574_tx_disable(struct e82574_adapter *ad);
int e82574_napi_poll(struct napi_struct *napi, int budget);
netdev_tx_t e82574_xmit_frame(struct sk_buff *skb, struct net_device *netdev);
int e82574_xdp_xmit(struct net_device *netdev, int n,
		    struct xdp_frame **frames, u32 flags);

/* e82574_netdev.c */
int e82574_netdev_init(struct e82574_adapter *ad);
void e82574_update_hw_stats(struct e82574_adapter *ad);
void e82574_ring_stats_read(struct e82574_ring *ring,
			    struct e82574_ring_stats *out);
void e82574_ring_stats_add(struct e82574_ring_stats *sum,
			   const struct e82574_ring_stats *rs);

/* e82574_ethtool.c */
void e82574_set_ethtool_ops(struct net_device *netdev);
void e82574_extack_msg(struct e82574_adapter *ad,
		       struct netlink_ext_ack *extack, const char *msg);

/* e82574_selftest.c */
int e82574_selftest_count(void);
void e82574_selftest_strings(u8 **data);
void e82574_self_test(struct net_device *netdev, struct ethtool_test *eth_test,
		      u64 *data);

/* e82574_ptp.c */
void e82574_ptp_init(struct e82574_adapter *ad);
void e82574_ptp_fini(struct e82574_adapter *ad);
void e82574_ptp_freeze(struct e82574_adapter *ad, bool hw_readable);
void e82574_ptp_thaw(struct e82574_adapter *ad);
bool e82574_ptp_tx_request(struct e82574_adapter *ad, struct sk_buff *skb);
void e82574_ptp_tx_sent(struct e82574_adapter *ad);
void e82574_ptp_tx_abort(struct e82574_adapter *ad);
void e82574_ptp_tx_flush(struct e82574_adapter *ad);
void e82574_ptp_rx_stamp(struct e82574_adapter *ad, struct sk_buff *skb);
int e82574_ptp_hwtstamp_set(struct e82574_adapter *ad, int tx_type,
			    int *rx_filter, struct netlink_ext_ack *extack);
void e82574_ptp_ts_info(struct e82574_adapter *ad, struct e82574_ts_info *info);

/* e82574_rss.c */
void e82574_rss_init(struct e82574_adapter *ad);
void e82574_rss_configure(struct e82574_adapter *ad);
void e82574_rss_quiesce(struct e82574_adapter *ad);
void e82574_rss_fence_reset(struct e82574_adapter *ad);
void e82574_rss_hw_table(struct e82574_adapter *ad, u32 *tbl);
int e82574_rss_set_table(struct e82574_adapter *ad, const u32 *indir,
			 struct netlink_ext_ack *extack);
void e82574_rss_set_key(struct e82574_adapter *ad, const u8 *key);
void e82574_rss_channels_changed(struct e82574_adapter *ad);
int e82574_rss_balance_on(struct e82574_adapter *ad);
void e82574_rss_balance_off(struct e82574_adapter *ad, const char *why);

/* e82574_debugfs.c */
void e82574_dbg_init(void);
void e82574_dbg_exit(void);
void e82574_dbg_adapter_add(struct e82574_adapter *ad);
void e82574_dbg_adapter_remove(struct e82574_adapter *ad);
int e82574_rss_get_fields(struct e82574_adapter *ad, u32 flow_type,
			  u64 *data);
int e82574_rss_set_fields(struct e82574_adapter *ad, u32 flow_type, u64 data,
			  struct netlink_ext_ack *extack);

/* e82574_netdev.c, for ethtool */
int e82574_open_locked(struct net_device *netdev);
int e82574_up(struct e82574_adapter *ad, struct e82574_ring_set *rs);
int e82574_hw_bringup(struct e82574_adapter *ad);
void e82574_write_rar(struct e82574_adapter *ad, int idx, const u8 *addr);
int e82574_stop_locked(struct net_device *netdev);
int e82574_reconfigure(struct net_device *netdev, u16 num_qp, u16 tx_count,
		       u16 rx_count, unsigned int mtu);
int e82574_set_irq_mode(struct net_device *netdev, bool msix);

#endif /* _E82574_H_ */
