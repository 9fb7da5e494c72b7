// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: IEEE 1588 hardware clock (PHC) and packet time stamps.
 *
 * SYSTIM is a free-running 64-bit counter: it is programmed once with a
 * fixed TIMINCA and never written.  A timecounter turns its counts into
 * nanoseconds; settime and adjtime move the timecounter, adjfine changes
 * the cyclecounter's multiplier.  So the rate is adjusted in software, and
 * stamps taken by the NIC go through the same conversion as clock reads.
 *
 * A reset (ifdown/ifup, reset task, suspend/resume, PCI error) stops
 * SYSTIM.  Before it the clock is "frozen": its offset from the boot-time
 * clock is saved and reads follow the boot-time clock; after it SYSTIM is
 * programmed again and the timecounter restarts from the same offset, so
 * the PHC, its adjustments and the time stamping configuration survive.
 */
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/ptp_classify.h>

#include "e82574.h"

/*
 * SYSTIM increment per tick.  40 makes SYSTIM count nanoseconds at the
 * 82574's 40 ns tick.  QEMU's e1000e model (QEMU 8 and later) advances
 * SYSTIM by INCVALUE every INCPERIOD x 16 ns instead, 2.5 counts per ns:
 * e82574_ptp_calibrate() measures which period the device has.
 */
#define E82574_INCVALUE		40
#define E82574_TIMINCA_VAL	(FIELD_PREP(E82574_TIMINCA_INCPERIOD, 1) | \
				 FIELD_PREP(E82574_TIMINCA_INCVALUE, \
					    E82574_INCVALUE))
/*
 * ns = (counts * mult) >> 29: a multiplier of about 2^29 adjusts in
 * steps of 2 ppb, and 2^64 / mult counts (over 30 s of time, even at the
 * largest adjustment) pass before the product overflows.  The overflow
 * work reads the clock well before that.
 */
#define E82574_CC_SHIFT		29
#define E82574_OVERFLOW_PERIOD	(8 * HZ)
/* Largest frequency adjustment offered, in ppb (10%) */
#define E82574_MAX_ADJ		100000000
/* A TX stamp not latched by then is given up. */
#define E82574_TX_TSTAMP_TIMEOUT	HZ

static const u32 e82574_tick_ns[] = {
	40,	/* the 82574's 25 MHz timesync clock */
	16,	/* QEMU's e1000e model */
};

/* Read SYSTIM; SYSTIML first: reading it latches SYSTIMH. */
static u64 e82574_systim_read(struct e82574_adapter *ad,
			      struct ptp_system_timestamp *sts)
{
	u32 lo, hi, lo2;

	ptp_read_system_prets(sts);
	lo = e82574_rd32(ad, E82574_SYSTIML);
	ptp_read_system_postts(sts);
	hi = e82574_rd32(ad, E82574_SYSTIMH);
	/*
	 * e1000e notes that the 82574's SYSTIMH latch is unreliable: when
	 * SYSTIML may have wrapped between the two reads, read it again and
	 * take SYSTIMH anew if it did.
	 */
	if (lo >= U32_MAX - E82574_TIMINCA_INCVALUE) {
		lo2 = e82574_rd32(ad, E82574_SYSTIML);
		if (lo2 < lo) {
			hi = e82574_rd32(ad, E82574_SYSTIMH);
			lo = lo2;
		}
	}
	return (u64)hi << 32 | lo;
}

/* Newer kernels (trixie-backports' 7.3) dropped the const of read()'s cc. */
#ifdef E82574_HAVE_CC_READ_CONST
static u64 e82574_cc_read(const struct cyclecounter *cc)
#else
static u64 e82574_cc_read(struct cyclecounter *cc)
#endif
{
	struct e82574_ptp *ptp = container_of(cc, struct e82574_ptp, cc);

	return e82574_systim_read(ptp->ad, ptp->sts);
}

/* Multiplier for scaled_ppm (ppm with a 16-bit fraction) */
static u32 e82574_ptp_mult(u32 base, long scaled_ppm)
{
	u64 diff = mul_u64_u64_div_u64(base, abs(scaled_ppm),
				       1000000ULL << 16);

	return scaled_ppm < 0 ? base - diff : base + diff;
}

/* PHC time in ns.  Caller holds ptp->lock. */
static u64 e82574_ptp_now(struct e82574_ptp *ptp,
			  struct ptp_system_timestamp *sts)
{
	u64 ns;

	if (!ptp->hw_ok) {
		ptp_read_system_prets(sts);
		ns = ktime_get_boottime_ns() + ptp->frozen_offset;
		ptp_read_system_postts(sts);
		return ns;
	}
	ptp->sts = sts;
	ns = timecounter_read(&ptp->tc);
	ptp->sts = NULL;
	return ns;
}

static int e82574_ptp_gettimex(struct ptp_clock_info *info,
			       struct timespec64 *ts,
			       struct ptp_system_timestamp *sts)
{
	struct e82574_ptp *ptp = container_of(info, struct e82574_ptp, info);
	unsigned long flags;
	u64 ns;

	spin_lock_irqsave(&ptp->lock, flags);
	ns = e82574_ptp_now(ptp, sts);
	spin_unlock_irqrestore(&ptp->lock, flags);
	*ts = ns_to_timespec64(ns);
	return 0;
}

static int e82574_ptp_settime(struct ptp_clock_info *info,
			      const struct timespec64 *ts)
{
	struct e82574_ptp *ptp = container_of(info, struct e82574_ptp, info);
	u64 ns = timespec64_to_ns(ts);
	unsigned long flags;

	spin_lock_irqsave(&ptp->lock, flags);
	if (ptp->hw_ok)
		timecounter_init(&ptp->tc, &ptp->cc, ns);
	else
		ptp->frozen_offset = ns - ktime_get_boottime_ns();
	spin_unlock_irqrestore(&ptp->lock, flags);
	return 0;
}

static int e82574_ptp_adjtime(struct ptp_clock_info *info, s64 delta)
{
	struct e82574_ptp *ptp = container_of(info, struct e82574_ptp, info);
	unsigned long flags;

	spin_lock_irqsave(&ptp->lock, flags);
	if (ptp->hw_ok)
		timecounter_adjtime(&ptp->tc, delta);
	else
		ptp->frozen_offset += delta;
	spin_unlock_irqrestore(&ptp->lock, flags);
	return 0;
}

static int e82574_ptp_adjfine(struct ptp_clock_info *info, long scaled_ppm)
{
	struct e82574_ptp *ptp = container_of(info, struct e82574_ptp, info);
	unsigned long flags;

	spin_lock_irqsave(&ptp->lock, flags);
	ptp->scaled_ppm = scaled_ppm;
	if (ptp->hw_ok) {
		/* Counts so far at the old rate, from here at the new one. */
		timecounter_read(&ptp->tc);
		ptp->cc.mult = e82574_ptp_mult(ptp->base_mult, scaled_ppm);
	}
	spin_unlock_irqrestore(&ptp->lock, flags);
	return 0;
}

static int e82574_ptp_enable(struct ptp_clock_info *info,
			     struct ptp_clock_request *rq, int on)
{
	return -EOPNOTSUPP;
}

/* Keeps the timecounter's last reading closer than a wrap of the product. */
static void e82574_ptp_overflow_work(struct work_struct *work)
{
	struct e82574_ptp *ptp = container_of(work, struct e82574_ptp,
					      overflow_work.work);
	unsigned long flags;

	spin_lock_irqsave(&ptp->lock, flags);
	e82574_ptp_now(ptp, NULL);
	spin_unlock_irqrestore(&ptp->lock, flags);
	schedule_delayed_work(&ptp->overflow_work, E82574_OVERFLOW_PERIOD);
}

/* Program the time stamping registers from ptp->tx_on/rx_filter. */
static void e82574_ptp_hw_config(struct e82574_adapter *ad)
{
	struct e82574_ptp *ptp = &ad->ptp;
	u32 rxctl = 0, mtrl = 0, udp = 0, type = 0;
	bool l2 = false, l4 = false;

	switch (ptp->rx_filter) {
	case HWTSTAMP_FILTER_NONE:
		break;
	case HWTSTAMP_FILTER_PTP_V1_L4_SYNC:
		type = E82574_RXTS_L4_V1;
		mtrl = FIELD_PREP(E82574_RXMTRL_V1_MSG, E82574_PTP_MSG_SYNC);
		l4 = true;
		break;
	case HWTSTAMP_FILTER_PTP_V1_L4_DELAY_REQ:
		type = E82574_RXTS_L4_V1;
		mtrl = FIELD_PREP(E82574_RXMTRL_V1_MSG,
				  E82574_PTP_MSG_DELAY_REQ);
		l4 = true;
		break;
	case HWTSTAMP_FILTER_PTP_V2_L2_SYNC:
	case HWTSTAMP_FILTER_PTP_V2_L2_DELAY_REQ:
	case HWTSTAMP_FILTER_PTP_V2_SYNC:
	case HWTSTAMP_FILTER_PTP_V2_DELAY_REQ:
		if (ptp->rx_filter == HWTSTAMP_FILTER_PTP_V2_L2_SYNC ||
		    ptp->rx_filter == HWTSTAMP_FILTER_PTP_V2_L2_DELAY_REQ) {
			type = E82574_RXTS_L2_V2;
		} else {
			type = E82574_RXTS_L2_L4_V2;
			l4 = true;
		}
		l2 = true;
		if (ptp->rx_filter == HWTSTAMP_FILTER_PTP_V2_L2_DELAY_REQ ||
		    ptp->rx_filter == HWTSTAMP_FILTER_PTP_V2_DELAY_REQ)
			mtrl = FIELD_PREP(E82574_RXMTRL_V2_MSG,
					  E82574_PTP_MSG_DELAY_REQ);
		break;
	case HWTSTAMP_FILTER_PTP_V2_EVENT:
		type = E82574_RXTS_EVENT_V2;
		l2 = true;
		l4 = true;
		break;
	default:	/* HWTSTAMP_FILTER_ALL */
		type = E82574_RXTS_ALL;
		l2 = true;
		l4 = true;
		break;
	}
	if (ptp->rx_filter != HWTSTAMP_FILTER_NONE)
		rxctl = E82574_TSYNCRXCTL_ENABLED |
			FIELD_PREP(E82574_TSYNCRXCTL_TYPE, type);
	if (l2)
		mtrl |= FIELD_PREP(E82574_RXMTRL_ETYPE, ETH_P_1588);
	if (l4)
		udp = (__force u16)htons(PTP_EV_PORT);

	e82574_wr32(ad, E82574_TSYNCTXCTL,
		    ptp->tx_on ? E82574_TSYNCTXCTL_ENABLED : 0);
	e82574_wr32(ad, E82574_TSYNCRXCTL, rxctl);
	e82574_wr32(ad, E82574_RXMTRL, mtrl);
	e82574_wr32(ad, E82574_RXUDP, udp);
	/* Release stamps latched under the old configuration. */
	e82574_rd32(ad, E82574_RXSTMPH);
	e82574_rd32(ad, E82574_TXSTMPH);
}

/* Deliver the waiting TX stamp, or give up on it after the timeout. */
static void e82574_ptp_tx_work(struct work_struct *work)
{
	struct e82574_ptp *ptp = container_of(work, struct e82574_ptp,
					      tx_work.work);
	struct e82574_adapter *ad = ptp->ad;
	struct skb_shared_hwtstamps hwts = {};
	struct sk_buff *skb = ptp->tx_skb;
	unsigned long flags;
	u64 stamp;

	if (!skb)
		return;
	if (!ptp->hw_ok ||
	    !(e82574_rd32(ad, E82574_TSYNCTXCTL) & E82574_TSYNCTXCTL_VALID)) {
		if (ptp->hw_ok && time_before(jiffies, ptp->tx_start +
					      E82574_TX_TSTAMP_TIMEOUT)) {
			schedule_delayed_work(&ptp->tx_work, 1);
			return;
		}
		ptp->tx_timeouts++;
		netdev_dbg(ad->netdev, "no TX time stamp, given up\n");
		goto release;
	}
	stamp = e82574_rd32(ad, E82574_TXSTMPL);
	stamp |= (u64)e82574_rd32(ad, E82574_TXSTMPH) << 32;
	spin_lock_irqsave(&ptp->lock, flags);
	hwts.hwtstamp = ns_to_ktime(timecounter_cyc2time(&ptp->tc, stamp));
	spin_unlock_irqrestore(&ptp->lock, flags);
	skb_tstamp_tx(skb, &hwts);
	ptp->tx_stamps++;
release:
	ptp->tx_skb = NULL;
	dev_kfree_skb_any(skb);
	clear_bit_unlock(0, &ptp->tx_busy);
}

/**
 * e82574_ptp_tx_request - ask the NIC to stamp a frame being sent
 * @ad: adapter
 * @skb: the frame, with SKBTX_HW_TSTAMP
 *
 * Called from ndo_start_xmit.  One frame at a time has a stamp pending;
 * others are counted as skipped.
 *
 * Return: true if the frame's data descriptors must carry the TSTAMP bit.
 */
bool e82574_ptp_tx_request(struct e82574_adapter *ad, struct sk_buff *skb)
{
	struct e82574_ptp *ptp = &ad->ptp;

	if (!ptp->tx_on)
		return false;
	if (test_and_set_bit_lock(0, &ptp->tx_busy)) {
		ptp->tx_skipped++;
		return false;
	}
	skb_shinfo(skb)->tx_flags |= SKBTX_IN_PROGRESS;
	ptp->tx_skb = skb_get(skb);
	ptp->tx_start = jiffies;
	return true;
}

/**
 * e82574_ptp_tx_sent - the stamped frame was handed to the NIC
 * @ad: adapter
 */
void e82574_ptp_tx_sent(struct e82574_adapter *ad)
{
	schedule_delayed_work(&ad->ptp.tx_work, 1);
}

/**
 * e82574_ptp_tx_abort - the frame of e82574_ptp_tx_request() was dropped
 * @ad: adapter
 */
void e82574_ptp_tx_abort(struct e82574_adapter *ad)
{
	struct e82574_ptp *ptp = &ad->ptp;

	dev_kfree_skb_any(ptp->tx_skb);
	ptp->tx_skb = NULL;
	clear_bit_unlock(0, &ptp->tx_busy);
}

/**
 * e82574_ptp_tx_flush - drop a pending TX stamp (interface going down)
 * @ad: adapter
 */
void e82574_ptp_tx_flush(struct e82574_adapter *ad)
{
	struct e82574_ptp *ptp = &ad->ptp;

	if (!ptp->clock)
		return;
	cancel_delayed_work_sync(&ptp->tx_work);
	if (ptp->tx_skb)
		e82574_ptp_tx_abort(ad);
}

/**
 * e82574_ptp_rx_stamp - attach the NIC's RX stamp to a frame
 * @ad: adapter
 * @skb: the frame, whose descriptor had the TST bit
 *
 * Called from NAPI.
 */
void e82574_ptp_rx_stamp(struct e82574_adapter *ad, struct sk_buff *skb)
{
	struct e82574_ptp *ptp = &ad->ptp;
	u64 stamp;
	u64 ns;

	if (ptp->rx_filter == HWTSTAMP_FILTER_NONE ||
	    !(e82574_rd32(ad, E82574_TSYNCRXCTL) & E82574_TSYNCRXCTL_VALID))
		return;
	/* One stamp at a time: it belongs to this frame. */
	stamp = e82574_rd32(ad, E82574_RXSTMPL);
	stamp |= (u64)e82574_rd32(ad, E82574_RXSTMPH) << 32;
	spin_lock(&ptp->lock);
	ns = timecounter_cyc2time(&ptp->tc, stamp);
	spin_unlock(&ptp->lock);
	skb_hwtstamps(skb)->hwtstamp = ns_to_ktime(ns);
	ptp->rx_stamps++;
}

/**
 * e82574_ptp_hwtstamp_set - apply a time stamping configuration
 * @ad: adapter
 * @tx_type: HWTSTAMP_TX_*
 * @rx_filter: HWTSTAMP_FILTER_*; on return, the filter applied
 * @extack: for the reason of a refusal, or NULL
 *
 * Called under RTNL.  The configuration is kept and reapplied after
 * every reset.
 *
 * Return: 0, -EOPNOTSUPP without a PHC, -ERANGE for a type or filter the
 * 82574 does not have (the previous configuration stays).
 */
int e82574_ptp_hwtstamp_set(struct e82574_adapter *ad, int tx_type,
			    int *rx_filter, struct netlink_ext_ack *extack)
{
	struct e82574_ptp *ptp = &ad->ptp;
	int filter = *rx_filter;

	if (!ptp->clock) {
		NL_SET_ERR_MSG_MOD(extack,
				   "no hardware clock: no hardware time stamps");
		return -EOPNOTSUPP;
	}
	if (tx_type != HWTSTAMP_TX_OFF && tx_type != HWTSTAMP_TX_ON) {
		NL_SET_ERR_MSG_MOD(extack, "TX time stamps are off or on only");
		return -ERANGE;
	}
	switch (filter) {
	case HWTSTAMP_FILTER_NONE:
	case HWTSTAMP_FILTER_PTP_V1_L4_SYNC:
	case HWTSTAMP_FILTER_PTP_V1_L4_DELAY_REQ:
	case HWTSTAMP_FILTER_PTP_V2_L2_SYNC:
	case HWTSTAMP_FILTER_PTP_V2_L2_DELAY_REQ:
	case HWTSTAMP_FILTER_PTP_V2_SYNC:
	case HWTSTAMP_FILTER_PTP_V2_DELAY_REQ:
	case HWTSTAMP_FILTER_PTP_V2_EVENT:
		break;
	case HWTSTAMP_FILTER_PTP_V2_L2_EVENT:
	case HWTSTAMP_FILTER_PTP_V2_L4_EVENT:
		/* The NIC's v2 event filter takes both transports. */
		filter = HWTSTAMP_FILTER_PTP_V2_EVENT;
		break;
	case HWTSTAMP_FILTER_PTP_V1_L4_EVENT:
	case HWTSTAMP_FILTER_ALL:
		/* No v1 event filter: every frame is stamped. */
		filter = HWTSTAMP_FILTER_ALL;
		break;
	default:
		NL_SET_ERR_MSG_MOD(extack,
				   "RX filter not on the 82574 (it has PTP v1 UDP, PTP v2 L2/UDP, all)");
		return -ERANGE;
	}
	ptp->tx_on = tx_type == HWTSTAMP_TX_ON;
	ptp->rx_filter = filter;
	*rx_filter = filter;
	if (ptp->hw_ok)
		e82574_ptp_hw_config(ad);
	return 0;
}

/**
 * e82574_ptp_ts_info - the time stamping capabilities, for ethtool -T
 * @ad: adapter
 * @info: filled in
 */
void e82574_ptp_ts_info(struct e82574_adapter *ad, struct e82574_ts_info *info)
{
	info->so_timestamping = SOF_TIMESTAMPING_TX_SOFTWARE |
				SOF_TIMESTAMPING_RX_SOFTWARE |
				SOF_TIMESTAMPING_SOFTWARE;
	info->phc_index = -1;
	if (!ad->ptp.clock)
		return;
	info->phc_index = ptp_clock_index(ad->ptp.clock);
	info->so_timestamping |= SOF_TIMESTAMPING_TX_HARDWARE |
				 SOF_TIMESTAMPING_RX_HARDWARE |
				 SOF_TIMESTAMPING_RAW_HARDWARE;
	info->tx_types = BIT(HWTSTAMP_TX_OFF) | BIT(HWTSTAMP_TX_ON);
	info->rx_filters = BIT(HWTSTAMP_FILTER_NONE) |
			   BIT(HWTSTAMP_FILTER_PTP_V1_L4_SYNC) |
			   BIT(HWTSTAMP_FILTER_PTP_V1_L4_DELAY_REQ) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L2_SYNC) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L2_DELAY_REQ) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_SYNC) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_DELAY_REQ) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_EVENT) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L2_EVENT) |
			   BIT(HWTSTAMP_FILTER_PTP_V2_L4_EVENT) |
			   BIT(HWTSTAMP_FILTER_ALL);
}

/* Start SYSTIM and the timecounter at PHC time ns.  Caller holds the lock. */
static void e82574_ptp_start(struct e82574_adapter *ad, u64 ns)
{
	struct e82574_ptp *ptp = &ad->ptp;

	e82574_wr32(ad, E82574_TIMINCA, E82574_TIMINCA_VAL);
	ptp->cc.mult = e82574_ptp_mult(ptp->base_mult, ptp->scaled_ppm);
	timecounter_init(&ptp->tc, &ptp->cc, ns);
	ptp->hw_ok = true;
}

/**
 * e82574_ptp_freeze - the device is about to be reset or lose power
 * @ad: adapter
 * @hw_readable: SYSTIM can still be read (else the last reading is used)
 *
 * Until e82574_ptp_thaw(), the PHC follows the boot-time clock from
 * where SYSTIM left it.
 */
void e82574_ptp_freeze(struct e82574_adapter *ad, bool hw_readable)
{
	struct e82574_ptp *ptp = &ad->ptp;
	unsigned long flags;
	u64 ns;

	if (!ptp->clock)
		return;
	spin_lock_irqsave(&ptp->lock, flags);
	if (ptp->hw_ok) {
		if (hw_readable)
			ns = timecounter_read(&ptp->tc);
		else
			ns = ptp->tc.nsec;
		ptp->frozen_offset = ns - ktime_get_boottime_ns();
		ptp->hw_ok = false;
	}
	spin_unlock_irqrestore(&ptp->lock, flags);
}

/**
 * e82574_ptp_thaw - the device was reset: restart SYSTIM where it was
 * @ad: adapter
 *
 * Also reprograms the time stamping configuration.
 */
void e82574_ptp_thaw(struct e82574_adapter *ad)
{
	struct e82574_ptp *ptp = &ad->ptp;
	unsigned long flags;

	if (!ptp->clock)
		return;
	spin_lock_irqsave(&ptp->lock, flags);
	if (!ptp->hw_ok)
		e82574_ptp_start(ad, ktime_get_boottime_ns() +
				 ptp->frozen_offset);
	spin_unlock_irqrestore(&ptp->lock, flags);
	e82574_ptp_hw_config(ad);
}

/*
 * Find the SYSTIM tick: program TIMINCA and compare SYSTIM's advance over
 * 20 ms with the raw monotonic clock.
 */
static int e82574_ptp_calibrate(struct e82574_adapter *ad)
{
	u64 t0, t1, s0, s1, dt, ds;
	unsigned int i;

	e82574_wr32(ad, E82574_TIMINCA, E82574_TIMINCA_VAL);
	t0 = ktime_get_raw_ns();
	s0 = e82574_systim_read(ad, NULL);
	msleep(20);
	s1 = e82574_systim_read(ad, NULL);
	t1 = ktime_get_raw_ns();
	dt = t1 - t0;
	ds = s1 - s0;
	/* Within 20% of INCVALUE counts per tick. */
	for (i = 0; i < ARRAY_SIZE(e82574_tick_ns); i++) {
		u64 want = div_u64(dt * E82574_INCVALUE, e82574_tick_ns[i]);

		u64 off = ds > want ? ds - want : want - ds;

		if (s1 > s0 && 5 * off < want) {
			ad->ptp.tick_ns = e82574_tick_ns[i];
			return 0;
		}
	}
	dev_info(&ad->pdev->dev,
		 "SYSTIM advanced %llu counts in %llu ns: no PTP clock\n",
		 s1 - s0, dt);
	return -ENODEV;
}

/**
 * e82574_ptp_init - register the PHC (probe)
 * @ad: adapter, reset
 *
 * A device whose SYSTIM does not run (QEMU 7.2's e1000e model) gets no
 * PHC and offers software time stamps only; so does a kernel without
 * PTP clock support.
 */
void e82574_ptp_init(struct e82574_adapter *ad)
{
	struct e82574_ptp *ptp = &ad->ptp;
	struct ptp_clock *clock;

	ptp->ad = ad;
	spin_lock_init(&ptp->lock);
	INIT_DELAYED_WORK(&ptp->overflow_work, e82574_ptp_overflow_work);
	INIT_DELAYED_WORK(&ptp->tx_work, e82574_ptp_tx_work);
	ptp->rx_filter = HWTSTAMP_FILTER_NONE;
	if (e82574_ptp_calibrate(ad))
		return;

	ptp->cc.read = e82574_cc_read;
	ptp->cc.mask = CYCLECOUNTER_MASK(64);
	ptp->cc.shift = E82574_CC_SHIFT;
	ptp->base_mult = div_u64((u64)ptp->tick_ns << E82574_CC_SHIFT,
				 E82574_INCVALUE);

	ptp->info.owner = THIS_MODULE;
	snprintf(ptp->info.name, sizeof(ptp->info.name), "%s",
		 E82574_DRV_NAME);
	ptp->info.max_adj = E82574_MAX_ADJ;
	ptp->info.gettimex64 = e82574_ptp_gettimex;
	ptp->info.settime64 = e82574_ptp_settime;
	ptp->info.adjtime = e82574_ptp_adjtime;
	ptp->info.adjfine = e82574_ptp_adjfine;
	ptp->info.enable = e82574_ptp_enable;

	e82574_ptp_start(ad, ktime_get_real_ns());
	clock = ptp_clock_register(&ptp->info, &ad->pdev->dev);
	if (IS_ERR_OR_NULL(clock)) {
		dev_info(&ad->pdev->dev, "no PTP clock (%d)\n",
			 PTR_ERR_OR_ZERO(clock));
		ptp->hw_ok = false;
		return;
	}
	ptp->clock = clock;
	schedule_delayed_work(&ptp->overflow_work, E82574_OVERFLOW_PERIOD);
	dev_info(&ad->pdev->dev, "PTP clock ptp%d, SYSTIM tick %u ns\n",
		 ptp_clock_index(clock), ptp->tick_ns);
}

/**
 * e82574_ptp_fini - unregister the PHC (remove)
 * @ad: adapter
 */
void e82574_ptp_fini(struct e82574_adapter *ad)
{
	struct e82574_ptp *ptp = &ad->ptp;

	if (!ptp->clock)
		return;
	cancel_delayed_work_sync(&ptp->overflow_work);
	e82574_ptp_tx_flush(ad);
	ptp_clock_unregister(ptp->clock);
	ptp->clock = NULL;
}
