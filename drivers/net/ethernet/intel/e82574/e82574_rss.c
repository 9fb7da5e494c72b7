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
 * All functions here run under RTNL.
 */
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

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
	e82574_rss_write_reta(ad, tbl);
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
