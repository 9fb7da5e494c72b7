// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: RSS glue — software RSS state, applied to the NIC through the
 * pure core (e82574_rss_core.c).
 *
 * The software copy (indirection table, key, hash fields) is the truth:
 * ethtool edits it, open() programs all of it, and changes while the
 * interface runs write only the RETA registers whose queue bits change.
 * MRQC, RETA, RSSRK and RXCSUM are read by the NIC per packet, so none of
 * this needs a reset or drops the link.
 *
 * All functions here run under RTNL, the balancer's work included (it
 * takes RTNL with a trylock, so that RTNL holders may cancel it).
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "e82574.h"

#define E82574_MRQC_FIELDS_DEFAULT	(E82574_MRQC_TCP_IPV4 | \
					 E82574_MRQC_IPV4 | \
					 E82574_MRQC_TCP_IPV6 | \
					 E82574_MRQC_IPV6)

/*
 * Whether the NIC is programmed now; otherwise only the software state
 * changes and open() applies it (DOWN is set whenever the rings are not
 * up, including while the interface is not running).
 */
static bool e82574_rss_live(struct e82574_adapter *ad)
{
	return !test_bit(E82574_STATE_DOWN, &ad->state);
}

static void e82574_rss_bal_work(struct work_struct *work);

/**
 * e82574_rss_init - initial software RSS state
 * @ad: adapter
 *
 * Default spread over the active queues, the kernel's default key and
 * TCP 4-tuple / IP 2-tuple hashing.
 */
void e82574_rss_init(struct e82574_adapter *ad)
{
	struct e82574_rss_state *rss = &ad->rss;

	e82574_rss_fill_default(rss->indir, E82574_RSS_INDIR_SIZE, ad->num_qp);
	netdev_rss_key_fill(rss->key, sizeof(rss->key));
	rss->fields = E82574_MRQC_FIELDS_DEFAULT;
	rss->hw_valid = false;
	INIT_DELAYED_WORK(&ad->bal_work, e82574_rss_bal_work);
}

/**
 * e82574_rss_hw_table - the table the NIC gets
 * @ad: adapter
 * @tbl: E82574_RSS_INDIR_SIZE entries, written
 *
 * Entries never point at a queue that is not armed: with one queue pair
 * every entry is queue 0 (steering off), and a stray entry beyond the
 * active queues falls back to queue 0 too, because a starved ring stalls
 * the whole NIC.
 */
void e82574_rss_hw_table(struct e82574_adapter *ad, u32 *tbl)
{
	int i;

	for (i = 0; i < E82574_RSS_INDIR_SIZE; i++)
		tbl[i] = ad->rss.indir[i] < ad->num_qp ? ad->rss.indir[i] : 0;
}

static void e82574_rss_write_reta(struct e82574_adapter *ad, const u32 *tbl)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	struct e82574_rss_state *rss = &ad->rss;
	struct e82574_rss_moves *m = &rss->moves;
	unsigned int r;

	if (!rss->hw_valid) {
		for (r = 0; r < E82574_RETA_NUM; r++) {
			e82574_wr32(ad, E82574_RETA(r),
				    e82574_rss_encode_reg(l, tbl, r));
			rss->reta_writes++;
		}
		memcpy(rss->hw_tbl, tbl, sizeof(rss->hw_tbl));
		rss->hw_valid = true;
		return;
	}

	e82574_rss_compute_moves(l, rss->hw_tbl, tbl, m);
	for_each_set_bit(r, m->dirty, E82574_RETA_NUM) {
		e82574_wr32(ad, E82574_RETA(r),
			    e82574_rss_encode_reg(l, tbl, r));
		rss->reta_writes++;
	}
	rss->entries_moved += m->nmoves;
	memcpy(rss->hw_tbl, tbl, sizeof(rss->hw_tbl));
}

static void e82574_rss_write_key(struct e82574_adapter *ad)
{
	u32 regs[E82574_RSS_KEY_REGS];
	int i;

	e82574_rss_key_to_regs(ad->rss.key, regs);
	for (i = 0; i < E82574_RSS_KEY_REGS; i++)
		e82574_wr32(ad, E82574_RSSRK(i), regs[i]);
}

static void e82574_rss_write_mrqc(struct e82574_adapter *ad)
{
	e82574_wr32(ad, E82574_MRQC,
		    FIELD_PREP(E82574_MRQC_ENABLE, E82574_MRQC_ENABLE_RSS_2Q) |
		    ad->rss.fields);
}

/**
 * e82574_rss_configure - program key, table and hash fields at open
 * @ad: adapter
 *
 * Called once every active RX ring is armed, so no entry can point at a
 * ring without buffers.
 */
void e82574_rss_configure(struct e82574_adapter *ad)
{
	u32 tbl[E82574_RSS_INDIR_SIZE];

	e82574_rss_write_key(ad);
	ad->rss.hw_valid = false;
	e82574_rss_hw_table(ad, tbl);
	e82574_rss_write_reta(ad, tbl);
	e82574_rss_write_mrqc(ad);
}

/**
 * e82574_rss_quiesce - point every entry at queue 0 before rings go away
 * @ad: adapter
 */
void e82574_rss_quiesce(struct e82574_adapter *ad)
{
	int r;

	for (r = 0; r < E82574_RETA_NUM; r++)
		e82574_wr32(ad, E82574_RETA(r), 0);
	ad->rss.hw_valid = false;
}

/*
 * Write a new table behind a reorder fence (see "moving entries without
 * reordering" in the driver documentation).  Under fence_lock: a fence
 * still active is lifted (its held frames go up at their queue's next
 * poll, before newer frames), the moves are planned and the fence armed
 * before the write, so that no frame of a moved entry slips through on
 * its new queue.  After the write and a flushing read, each queue's
 * consumed count (read first) and device head (read second) are handed
 * to that queue's NAPI, which turns them into the free-running position
 * its old-table frames end at (e82574_fence_poll_start()).
 */
static void e82574_rss_write_fenced(struct e82574_adapter *ad, const u32 *tbl)
{
	struct e82574_rss_state *rss = &ad->rss;
	u32 d0[E82574_MAX_QP], head[E82574_MAX_QP], causes = 0;
	int n = 0, q;

	bool fence = ad->fence_on && rss->hw_valid && ad->num_qp > 1;

	if (fence || READ_ONCE(ad->fence_busy)) {
		spin_lock_bh(&ad->fence_lock);
		e82574_rss_fence_lift_all(&ad->fence);
		if (fence)
			n = e82574_rss_fence_plan(&ad->fence, rss->hw_tbl, tbl,
						  E82574_RSS_INDIR_SIZE,
						  ad->num_qp);
		if (n > 0) {
			e82574_rss_fence_arm(&ad->fence, ktime_get_ns());
			ad->snap_need = 0;
			ad->fence_released_ns = 0;
			ad->fence_gen++;
			WRITE_ONCE(ad->fence_active, true);
			ad->fence_raised++;
			WRITE_ONCE(ad->fence_busy, true);
		}
		spin_unlock_bh(&ad->fence_lock);
	}
	e82574_rss_write_reta(ad, tbl);
	if (n <= 0)
		return;
	e82574_rd32(ad, E82574_STATUS);		/* flush the RETA writes */
	for (q = 0; q < ad->num_qp; q++) {
		d0[q] = READ_ONCE(ad->rx_ring[q].rx_done);
		/* the head is read after rx_done: never behind it */
		smp_rmb();
		head[q] = e82574_rd32(ad, E82574_RDH(q));
	}
	spin_lock_bh(&ad->fence_lock);
	for (q = 0; q < ad->num_qp; q++) {
		ad->snap_d0[q] = d0[q];
		ad->snap_head[q] = head[q];
	}
	ad->snap_need = GENMASK(ad->num_qp - 1, 0);
	spin_unlock_bh(&ad->fence_lock);
	/*
	 * Every queue, idle ones too, must poll once to convert its snapped
	 * head.  Ask for that poll with the queue's receive cause (ICS), not
	 * by scheduling NAPI from here: the interrupt keeps the queue's own
	 * interval, so an old queue is drained when it would have been
	 * anyway and the fence, not an early poll, is what keeps a moved
	 * flow in order.  (Fences need two queues, so MSI-X.)
	 */
	for (q = 0; q < ad->num_qp; q++)
		causes |= E82574_INT_RXQ(q);
	e82574_wr32(ad, E82574_ICS, causes);
}

/**
 * e82574_rss_fence_reset - forget the fence (interface going down)
 * @ad: adapter, its NAPI contexts disabled
 */
void e82574_rss_fence_reset(struct e82574_adapter *ad)
{
	spin_lock_bh(&ad->fence_lock);
	e82574_rss_fence_lift_all(&ad->fence);
	ad->fence.phase = E82574_RSS_FENCE_IDLE;
	ad->snap_need = 0;
	ad->held_bytes = 0;
	WRITE_ONCE(ad->fence_active, false);
	WRITE_ONCE(ad->fence_busy, false);
	spin_unlock_bh(&ad->fence_lock);
}

/**
 * e82574_rss_set_table - replace the indirection table
 * @ad: adapter
 * @indir: E82574_RSS_INDIR_SIZE entries
 * @extack: for the error message
 *
 * Return: 0, or -EINVAL with @extack set if an entry is out of range; the
 * previous table is kept then.
 */
int e82574_rss_set_table(struct e82574_adapter *ad, const u32 *indir,
			 struct netlink_ext_ack *extack)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	char msg[E82574_RSS_MSG_LEN];
	u32 tbl[E82574_RSS_INDIR_SIZE];
	int err;

	err = e82574_rss_validate(l, indir, E82574_RSS_INDIR_SIZE, ad->num_qp,
				  msg, sizeof(msg));
	if (err) {
		e82574_extack_msg(ad, extack, msg);
		return err;
	}
	memcpy(ad->rss.indir, indir, sizeof(ad->rss.indir));
	if (!e82574_rss_live(ad))
		return 0;	/* applied at open */
	e82574_rss_hw_table(ad, tbl);
	e82574_rss_write_fenced(ad, tbl);
	return 0;
}

/**
 * e82574_rss_set_key - replace the Toeplitz key
 * @ad: adapter
 * @key: E82574_RSS_KEY_SIZE bytes, in the order the hash consumes them
 */
void e82574_rss_set_key(struct e82574_adapter *ad, const u8 *key)
{
	memcpy(ad->rss.key, key, sizeof(ad->rss.key));
	if (e82574_rss_live(ad))
		e82574_rss_write_key(ad);
}

/**
 * e82574_rss_channels_changed - follow a change of the queue count
 * @ad: adapter
 *
 * A table the user never set is spread again over the new queues; a user
 * table is kept (the ethtool core has refused a count it would exceed).
 */
void e82574_rss_channels_changed(struct e82574_adapter *ad)
{
	if (!netif_is_rxfh_configured(ad->netdev))
		e82574_rss_fill_default(ad->rss.indir, E82574_RSS_INDIR_SIZE,
					ad->num_qp);
}

/* rx-flow-hash: which MRQC bits give a flow type which fields */
struct e82574_rss_flow {
	u32 flow_type;
	u32 l4_bit;		/* MRQC bit adding ports, 0 if none */
	u32 l3_bit;		/* MRQC bit hashing the addresses */
	bool ports_possible;
};

static const struct e82574_rss_flow e82574_rss_flows[] = {
	{ TCP_V4_FLOW, E82574_MRQC_TCP_IPV4, E82574_MRQC_IPV4, true },
	{ TCP_V6_FLOW, E82574_MRQC_TCP_IPV6, E82574_MRQC_IPV6, true },
	{ UDP_V4_FLOW, 0, E82574_MRQC_IPV4, false },
	{ UDP_V6_FLOW, 0, E82574_MRQC_IPV6, false },
	{ SCTP_V4_FLOW, 0, E82574_MRQC_IPV4, false },
	{ SCTP_V6_FLOW, 0, E82574_MRQC_IPV6, false },
	{ AH_ESP_V4_FLOW, 0, E82574_MRQC_IPV4, false },
	{ AH_ESP_V6_FLOW, 0, E82574_MRQC_IPV6, false },
	{ AH_V4_FLOW, 0, E82574_MRQC_IPV4, false },
	{ AH_V6_FLOW, 0, E82574_MRQC_IPV6, false },
	{ ESP_V4_FLOW, 0, E82574_MRQC_IPV4, false },
	{ ESP_V6_FLOW, 0, E82574_MRQC_IPV6, false },
	{ IPV4_FLOW, 0, E82574_MRQC_IPV4, false },
	{ IPV6_FLOW, 0, E82574_MRQC_IPV6, false },
};

static const struct e82574_rss_flow *e82574_rss_flow(u32 flow_type)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(e82574_rss_flows); i++)
		if (e82574_rss_flows[i].flow_type == flow_type)
			return &e82574_rss_flows[i];
	return NULL;
}

/**
 * e82574_rss_get_fields - hashed header fields of a flow type
 * @ad: adapter
 * @flow_type: ethtool flow type (TCP_V4_FLOW, ...)
 * @data: RXH_* bits out
 *
 * Return: 0, or -EINVAL for a flow type the NIC does not classify.
 */
int e82574_rss_get_fields(struct e82574_adapter *ad, u32 flow_type, u64 *data)
{
	const struct e82574_rss_flow *f = e82574_rss_flow(flow_type);

	if (!f)
		return -EINVAL;
	*data = 0;
	if (ad->rss.fields & f->l3_bit)
		*data |= RXH_IP_SRC | RXH_IP_DST;
	if (f->l4_bit && (ad->rss.fields & f->l4_bit))
		*data |= RXH_L4_B_0_1 | RXH_L4_B_2_3;
	return 0;
}

/**
 * e82574_rss_set_fields - choose hashed header fields of a flow type
 * @ad: adapter
 * @flow_type: ethtool flow type
 * @data: RXH_* bits
 * @extack: for the error message
 *
 * TCP over IPv4/IPv6 hashes addresses (sd) or addresses and ports (sdfn);
 * every other flow type hashes its IP addresses only, which is all the
 * 82574 can do (it has no UDP port hashing).
 *
 * Return: 0 or a negative errno with the previous setting kept.
 */
int e82574_rss_set_fields(struct e82574_adapter *ad, u32 flow_type, u64 data,
			  struct netlink_ext_ack *extack)
{
	const struct e82574_rss_flow *f = e82574_rss_flow(flow_type);
	const u64 sd = RXH_IP_SRC | RXH_IP_DST;
	const u64 sdfn = sd | RXH_L4_B_0_1 | RXH_L4_B_2_3;
	u32 fields = ad->rss.fields;

	if (!f) {
		e82574_extack_msg(ad, extack,
				  "flow type not hashed by this NIC");
		return -EOPNOTSUPP;
	}
	if (data == sdfn && !f->ports_possible) {
		/* The 82574 has no UDP (or other) port hashing at all. */
		e82574_extack_msg(ad, extack,
				  "no port hashing for this flow type: sd only");
		return -EOPNOTSUPP;
	}
	if (data != sd && data != sdfn) {
		e82574_extack_msg(ad, extack, f->ports_possible ?
				  "TCP hashes sd or sdfn, nothing else" :
				  "this flow type hashes sd, nothing else");
		return -EOPNOTSUPP;
	}
	if (f->l4_bit) {
		if (data == sdfn)
			fields |= f->l4_bit;
		else
			fields &= ~f->l4_bit;
	}
	if (fields == ad->rss.fields)
		return 0;
	ad->rss.fields = fields;
	if (e82574_rss_live(ad))
		e82574_rss_write_mrqc(ad);
	return 0;
}

/*
 * Automatic balancing (private flag rss-balance).  Every interval the work
 * turns the per-entry byte counters into a sample, smooths it (EWMA, weight
 * 1/16) and runs the balancing core's hysteresis; when that asks for it,
 * the solver's table goes through e82574_rss_set_table(), the path of
 * ethtool -X.  The balancer works while the interface is up with two queue
 * pairs and idles otherwise; the flag survives ifdown/ifup, reset and
 * suspend.  A table set with ethtool -X turns it off.
 */
#define E82574_BAL_INTERVAL	HZ
#define E82574_BAL_EWMA_SHIFT	4

/* Byte counts summed over the queues, as the NAPI contexts left them. */
static u64 e82574_rss_entry_bytes(struct e82574_adapter *ad, u32 e)
{
	u64 sum = 0;
	int q;

	for (q = 0; q < E82574_MAX_QP; q++)
		sum += READ_ONCE(ad->rss_load[q].bytes[e]);
	return sum;
}

static void e82574_rss_bal_step(struct e82574_adapter *ad,
				struct e82574_rss_balancer *b)
{
	const struct e82574_rss_bal_policy *p = &e82574_rss_bal_default_policy;
	struct e82574_rss_bal_load m;
	enum e82574_rss_bal_verdict v;
	u64 now;
	u32 e;

	b->intervals++;
	for (e = 0; e < E82574_RSS_INDIR_SIZE; e++) {
		now = e82574_rss_entry_bytes(ad, e);
		b->sample[e] = now - b->prev[e];
		b->prev[e] = now;
	}
	if (!e82574_rss_live(ad) || ad->num_qp != 2) {
		b->primed = false;
		b->verdict = E82574_RSS_BAL_IDLE;
		return;
	}
	if (b->primed) {
		e82574_rss_bal_ewma(b->avg, b->sample, E82574_RSS_INDIR_SIZE,
				    E82574_BAL_EWMA_SHIFT);
	} else {
		/*
		 * Start the average from the first interval with enough load
		 * to judge: starting from an idle one would take the average
		 * many intervals to climb back to the load.
		 */
		for (e = 0, now = 0; e < E82574_RSS_INDIR_SIZE; e++)
			now += b->sample[e];
		if (now < p->min_total) {
			b->verdict = E82574_RSS_BAL_IDLE;
			return;
		}
		memcpy(b->avg, b->sample, sizeof(b->avg));
		b->primed = true;
	}

	e82574_rss_bal_measure(b->avg, ad->rss.indir, E82574_RSS_INDIR_SIZE,
			       &m);
	v = e82574_rss_bal_tick(p, &b->st, &m);
	if (v == E82574_RSS_BAL_SOLVE) {
		if (e82574_rss_bal_solve(b->avg, ad->rss.indir,
					 E82574_RSS_INDIR_SIZE, p->target_pm,
					 p->max_moves, b->out, &b->scratch,
					 &b->res)) {
			b->verdict = E82574_RSS_BAL_IDLE;
			return;
		}
		v = e82574_rss_bal_commit(p, &b->st, &b->res);
		if (v == E82574_RSS_BAL_MOVE) {
			netdev_dbg(ad->netdev,
				   "rss-balance: %u entries moved, max queue load %llu -> %llu (lower bound %llu)\n",
				   b->res.moves, b->res.cur_max,
				   b->res.new_max, b->res.lb);
			b->moved_at = b->intervals;
			memcpy(b->move_load, b->avg, sizeof(b->move_load));
			for (e = 0; e < E82574_RSS_INDIR_SIZE; e++)
				b->move_from[e] = ad->rss.indir[e];
			e82574_rss_set_table(ad, b->out, NULL);
		}
	}
	b->verdict = v;
}

static void e82574_rss_bal_work(struct work_struct *work)
{
	struct e82574_adapter *ad = container_of(to_delayed_work(work),
						 struct e82574_adapter,
						 bal_work);

	/* RTNL holders cancel this work: never wait for RTNL here. */
	if (!rtnl_trylock()) {
		if (READ_ONCE(ad->bal))
			schedule_delayed_work(&ad->bal_work, 1);
		return;
	}
	if (ad->bal) {
		e82574_rss_bal_step(ad, ad->bal);
		schedule_delayed_work(&ad->bal_work, E82574_BAL_INTERVAL);
	}
	rtnl_unlock();
}

/**
 * e82574_rss_balance_on - turn on per-entry counting and the balancer
 * @ad: adapter
 *
 * Return: 0, or -ENOMEM (nothing changes then).
 */
int e82574_rss_balance_on(struct e82574_adapter *ad)
{
	struct e82574_rss_balancer *b;
	u32 e;

	ASSERT_RTNL();
	if (ad->bal)
		return 0;
	b = kvzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	e82574_rss_bal_init(&e82574_rss_bal_default_policy, &b->st);
	WRITE_ONCE(ad->rss_count, true);
	/* counts left from an earlier period are the baseline */
	for (e = 0; e < E82574_RSS_INDIR_SIZE; e++)
		b->prev[e] = e82574_rss_entry_bytes(ad, e);
	WRITE_ONCE(ad->bal, b);
	schedule_delayed_work(&ad->bal_work, E82574_BAL_INTERVAL);
	return 0;
}

/**
 * e82574_rss_balance_off - stop the balancer and per-entry counting
 * @ad: adapter
 * @why: logged if not NULL and the balancer was on
 *
 * The table stays as the balancer left it.  The work may still run once,
 * finds no balancer and stops; e82574_remove() waits for it.
 */
void e82574_rss_balance_off(struct e82574_adapter *ad, const char *why)
{
	struct e82574_rss_balancer *b = ad->bal;

	ASSERT_RTNL();
	if (!b)
		return;
	WRITE_ONCE(ad->rss_count, false);
	WRITE_ONCE(ad->bal, NULL);
	cancel_delayed_work(&ad->bal_work);
	/* the work uses the balancer only under RTNL, which we hold */
	kvfree(b);
	if (why)
		netdev_info(ad->netdev, "rss-balance turned off: %s\n", why);
}
