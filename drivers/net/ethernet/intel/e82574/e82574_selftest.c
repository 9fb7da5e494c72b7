// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: ethtool self-test (ethtool -t).
 *
 * Online, only the link is checked.  Offline, the interface is stopped
 * (the software copy of every setting stays in the adapter), the NIC is
 * tested on its own, and the interface is started again from that copy:
 *
 *   - registers: patterns written to read/write registers and read back
 *     through the bits that hold them (e1000e's list for this family,
 *     plus the second queue's ring registers and the RSS registers);
 *   - NVM: words 0x00-0x3F read through EERD must add up to 0xBABA;
 *   - interrupts: each cause the driver uses, set through ICS, must reach
 *     its vector when unmasked and nothing when masked;
 *   - RSS loopback: with the MAC looping transmit back into receive, the
 *     current key, hash fields and table, one TCP/IPv4 frame is sent for
 *     each of the 128 table entries (flows chosen with the software
 *     Toeplitz hash); each must come back on the queue its entry names,
 *     with the NIC's hash equal to the software one and the payload
 *     intact;
 *   - PHY loopback: the same frames, looped by the PHY at 1000 Mb/s full
 *     duplex (e1000e's loopback on this chip) instead of the MAC;
 *   - link, as online.
 *
 * Everything here runs under RTNL (ethtool ops).
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/ip.h>
#include <linux/mii.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/ip.h>
#ifdef E82574_HAVE_PAGE_POOL_HELPERS_H
#include <net/page_pool/helpers.h>
#else
#include <net/page_pool.h>
#endif

#include "e82574.h"

enum {
	E82574_TEST_REG,
	E82574_TEST_NVM,
	E82574_TEST_INTR,
	E82574_TEST_LOOPBACK,
	E82574_TEST_PHY_LOOPBACK,
	E82574_TEST_LINK,
	E82574_TEST_NUM,
};

static const char e82574_test_names[E82574_TEST_NUM][ETH_GSTRING_LEN] = {
	[E82574_TEST_REG]	= "Register test  (offline)",
	[E82574_TEST_NVM]	= "NVM test       (offline)",
	[E82574_TEST_INTR]	= "Interrupt test (offline)",
	[E82574_TEST_LOOPBACK]	= "RSS loopback   (offline)",
	[E82574_TEST_PHY_LOOPBACK] = "PHY loopback   (offline)",
	[E82574_TEST_LINK]	= "Link test   (on/offline)",
};

/**
 * e82574_selftest_count - number of self-test results (ETH_SS_TEST)
 *
 * Return: the length of the result array ethtool -t gets.
 */
int e82574_selftest_count(void)
{
	return E82574_TEST_NUM;
}

/**
 * e82574_selftest_strings - names of the self-test results
 * @data: where the names go, advanced past them
 */
void e82574_selftest_strings(u8 **data)
{
	int i;

	for (i = 0; i < E82574_TEST_NUM; i++)
		ethtool_puts(data, e82574_test_names[i]);
}

/* ------------------------------------------------------------ registers */

/*
 * One register (or @count of them, 4 bytes apart) under test: each
 * pattern is written through @write and must read back through @mask
 * (a pattern test), or @write is written once and must read back through
 * @mask (@set: e1000e's set-and-check).
 */
struct e82574_reg_test {
	u32 reg;
	u16 count;
	bool set;
	u32 mask;
	u32 write;
};

#define E82574_PAT(_reg, _mask, _write) \
	{ .reg = (_reg), .count = 1, .mask = (_mask), .write = (_write) }
#define E82574_PAT_N(_reg, _n, _mask, _write) \
	{ .reg = (_reg), .count = (_n), .mask = (_mask), .write = (_write) }
#define E82574_SET(_reg, _mask, _write) \
	{ .reg = (_reg), .count = 1, .set = true, .mask = (_mask), \
	  .write = (_write) }

/*
 * e1000e's register test for the 82571/82574 family, in its order, with
 * its masks; the 82574's second queue gets the same ring checks as the
 * first, and the RSS registers are added.  Left out: TXCW (the SerDes
 * transmit configuration word; the 82574 is copper only and QEMU does not
 * model it) and TIDV (QEMU accepts writes but reads it as 0).  RAH is
 * checked for the 15 entries e1000e counts.
 */
static const struct e82574_reg_test e82574_reg_tests[] = {
	E82574_PAT(E82574_FCAL, 0xffffffff, 0xffffffff),
	E82574_PAT(E82574_FCAH, 0x0000ffff, 0xffffffff),
	E82574_PAT(E82574_FCT, 0x0000ffff, 0xffffffff),
	E82574_PAT(E82574_VET, 0x0000ffff, 0xffffffff),
	E82574_PAT(E82574_RDTR, 0x0000ffff, 0xffffffff),
	E82574_PAT(E82574_RDBAH(0), 0xffffffff, 0xffffffff),
	E82574_PAT(E82574_RDLEN(0), 0x000fff80, 0x000fffff),
	E82574_PAT(E82574_RDH(0), 0x0000ffff, 0x0000ffff),
	E82574_PAT(E82574_RDT(0), 0x0000ffff, 0x0000ffff),
	E82574_PAT(E82574_RDBAH(1), 0xffffffff, 0xffffffff),
	E82574_PAT(E82574_RDLEN(1), 0x000fff80, 0x000fffff),
	E82574_PAT(E82574_RDH(1), 0x0000ffff, 0x0000ffff),
	E82574_PAT(E82574_RDT(1), 0x0000ffff, 0x0000ffff),
	E82574_PAT(E82574_FCRTH, 0x0000fff8, 0x0000fff8),
	E82574_PAT(E82574_FCTTV, 0x0000ffff, 0x0000ffff),
	E82574_PAT(E82574_TIPG, 0x3fffffff, 0x3fffffff),
	E82574_PAT(E82574_TDBAH(0), 0xffffffff, 0xffffffff),
	E82574_PAT(E82574_TDLEN(0), 0x000fff80, 0x000fffff),
	E82574_PAT(E82574_TDBAH(1), 0xffffffff, 0xffffffff),
	E82574_PAT(E82574_TDLEN(1), 0x000fff80, 0x000fffff),
	E82574_SET(E82574_RCTL, 0xffffffff, 0x00000000),
	E82574_SET(E82574_RCTL, 0x06dfb3fe, 0x003ffffb),
	E82574_SET(E82574_TCTL, 0xffffffff, 0x00000000),
	E82574_SET(E82574_RCTL, 0x06dfb3fe, 0xffffffff),
	E82574_SET(E82574_RCTL, 0xffffffff, 0x00000000),
	E82574_PAT(E82574_RDBAL(0), 0xfffffff0, 0xffffffff),
	E82574_PAT(E82574_RDBAL(1), 0xfffffff0, 0xffffffff),
	E82574_PAT(E82574_TDBAL(0), 0xfffffff0, 0xffffffff),
	E82574_PAT(E82574_TDBAL(1), 0xfffffff0, 0xffffffff),
	/* RAH[0..14]: address bits 47:32, select, valid */
	E82574_PAT_N(E82574_RAH(0), 15, 0x8003ffff, 0xffffffff),
	E82574_PAT_N(E82574_MTA(0), E82574_MTA_NUM, 0xffffffff, 0xffffffff),
	/* RSS: the queue bit of each RETA byte, the whole key */
	E82574_PAT_N(E82574_RETA(0), E82574_RETA_NUM, 0x80808080, 0x80808080),
	E82574_PAT_N(E82574_RSSRK(0), E82574_RSSRK_NUM, 0xffffffff,
		     0xffffffff),
};

static const u32 e82574_reg_patterns[] = {
	0x5a5a5a5a, 0xa5a5a5a5, 0x00000000, 0xffffffff,
};

/* RAH entries sit 8 bytes apart, every other register 4. */
static u32 e82574_reg_stride(u32 reg)
{
	return (reg >= E82574_RAL(0) && reg < E82574_RAL(E82574_RAR_NUM)) ?
	       8 : 4;
}

static bool e82574_reg_check(struct e82574_adapter *ad, u32 reg, u32 mask,
			     u32 val)
{
	u32 got;

	e82574_wr32(ad, reg, val);
	got = e82574_rd32(ad, reg);
	if ((got & mask) == (val & mask))
		return true;
	netdev_err(ad->netdev,
		   "self-test: register 0x%05x read 0x%08x after 0x%08x (mask 0x%08x)\n",
		   reg, got, val, mask);
	return false;
}

/*
 * Every register is tested (each failure is logged).  Return: 0, 1 if
 * STATUS took a write, else the offset of the first register that failed.
 */
static u64 e82574_test_regs(struct e82574_adapter *ad)
{
	const u32 toggle = 0x7ffff033;	/* STATUS bits that must not move */
	const struct e82574_reg_test *t;
	u32 before, after, reg, n, p;
	u64 res = 0;

	before = e82574_rd32(ad, E82574_STATUS);
	e82574_wr32(ad, E82574_STATUS, toggle);
	after = e82574_rd32(ad, E82574_STATUS);
	e82574_wr32(ad, E82574_STATUS, before);
	if ((before & toggle) != (after & toggle)) {
		netdev_err(ad->netdev,
			   "self-test: read-only STATUS changed from 0x%08x to 0x%08x\n",
			   before, after);
		return 1;
	}

	for (t = e82574_reg_tests;
	     t < e82574_reg_tests + ARRAY_SIZE(e82574_reg_tests); t++) {
		for (n = 0; n < t->count; n++) {
			reg = t->reg + n * e82574_reg_stride(t->reg);
			if (t->set) {
				if (!e82574_reg_check(ad, reg, t->mask,
						      t->write & t->mask) &&
				    !res)
					res = reg;
				continue;
			}
			before = e82574_rd32(ad, reg);
			for (p = 0; p < ARRAY_SIZE(e82574_reg_patterns); p++) {
				if (e82574_reg_check(ad, reg, t->mask,
						     e82574_reg_patterns[p] &
						     t->write))
					continue;
				if (!res)
					res = reg;
				break;
			}
			e82574_wr32(ad, reg, before);
		}
	}
	return res;
}

/* ------------------------------------------------------------------ NVM */

/* Return: 0, 1 if the NVM could not be read, 2 if its checksum is wrong. */
static u64 e82574_test_nvm(struct e82574_adapter *ad)
{
	u16 nvm[E82574_NVM_CSUM_WORDS], sum;

	if (e82574_nvm_read(ad, 0, E82574_NVM_CSUM_WORDS, nvm)) {
		netdev_err(ad->netdev, "self-test: the NVM could not be read\n");
		return 1;
	}
	if (e82574_nvm_check(nvm, &sum)) {
		netdev_err(ad->netdev,
			   "self-test: NVM words 0x00-0x3f add up to 0x%04x, expected 0x%04x\n",
			   sum, E82574_NVM_CSUM_SUM);
		return 2;
	}
	return 0;
}

/* ----------------------------------------------------------- interrupts */

struct e82574_test_vec {
	atomic_t hits;
};

static irqreturn_t e82574_test_isr(int irq, void *data)
{
	struct e82574_test_vec *tv = data;

	atomic_inc(&tv->hits);
	return IRQ_HANDLED;
}

/* A cause set through ICS and the vector it must reach. */
struct e82574_intr_case {
	u32 cause;	/* written to ICS */
	u32 ims;	/* unmasked for it */
	int vec;
};

static const struct e82574_intr_case e82574_intr_msix[] = {
	{ E82574_INT_RXQ(0), E82574_INT_RXQ(0), 0 },
	{ E82574_INT_TXQ(0), E82574_INT_TXQ(0), 0 },
	{ E82574_INT_RXQ(1), E82574_INT_RXQ(1), 1 },
	{ E82574_INT_TXQ(1), E82574_INT_TXQ(1), 1 },
	/* Link changes raise OTHER, routed to the last vector. */
	{ E82574_INT_LSC, E82574_INT_LSC | E82574_INT_OTHER,
	  E82574_VEC_OTHER },
};

static const struct e82574_intr_case e82574_intr_msi[] = {
	{ E82574_INT_RXT0, E82574_INT_RXT0, 0 },
	{ E82574_INT_TXDW, E82574_INT_TXDW, 0 },
	{ E82574_INT_LSC, E82574_INT_LSC, 0 },
};

static void e82574_intr_quiet(struct e82574_adapter *ad,
			      struct e82574_test_vec *tv, int nvec)
{
	int v;

	e82574_wr32(ad, E82574_IMC, ~0u);
	e82574_wr32(ad, E82574_ICR, ~0u);
	e82574_wrfl(ad);
	for (v = 0; v < nvec; v++) {
		synchronize_irq(pci_irq_vector(ad->pdev, v));
		atomic_set(&tv[v].hits, 0);
	}
}

/*
 * Set a masked cause; return the vector that took a message in the next
 * 10 ms, or -1.
 */
static int e82574_intr_masked(struct e82574_adapter *ad,
			      struct e82574_test_vec *tv, int nvec, u32 cause)
{
	int v, wrong = -1;

	e82574_intr_quiet(ad, tv, nvec);
	e82574_wr32(ad, E82574_ICS, cause);
	e82574_wrfl(ad);
	usleep_range(10000, 11000);
	for (v = 0; v < nvec; v++)
		if (atomic_read(&tv[v].hits))
			wrong = v;
	return wrong;
}

#define E82574_INTR_MASKED_TRIES	3

/* Return: 0, or 2 (fired while masked), 3 (did not fire), 4 (elsewhere). */
static u64 e82574_intr_case(struct e82574_adapter *ad,
			    struct e82574_test_vec *tv, int nvec,
			    const struct e82574_intr_case *c)
{
	int v, ms, try, wrong = -1;

	/*
	 * Masked: the cause must not reach any vector.  A mask that does
	 * not hold lets the cause through every time; a lone message from
	 * elsewhere (QEMU 7.2 sends the odd one on its own) does not come
	 * back, so a hit is probed again before it counts.
	 */
	for (try = 0; try < E82574_INTR_MASKED_TRIES; try++) {
		wrong = e82574_intr_masked(ad, tv, nvec, c->cause);
		if (wrong < 0)
			break;
		netdev_info(ad->netdev,
			    "self-test: vector %d took a message while cause 0x%08x was masked (probe %d of %d)\n",
			    wrong, c->cause, try + 1, E82574_INTR_MASKED_TRIES);
	}
	if (wrong >= 0) {
		netdev_err(ad->netdev,
			   "self-test: masked cause 0x%08x interrupted vector %d\n",
			   c->cause, wrong);
		return 2;
	}

	/* Unmasked: its vector and no other. */
	e82574_intr_quiet(ad, tv, nvec);
	e82574_wr32(ad, E82574_IMS, c->ims);
	e82574_wr32(ad, E82574_ICS, c->cause);
	e82574_wrfl(ad);
	for (ms = 0; ms < 100 && !atomic_read(&tv[c->vec].hits); ms++)
		usleep_range(1000, 2000);
	/* Give a stray message to another vector time to land. */
	usleep_range(2000, 3000);
	for (v = 0; v < nvec; v++)
		if (v != c->vec && atomic_read(&tv[v].hits))
			wrong = v;
	if (!atomic_read(&tv[c->vec].hits)) {
		netdev_err(ad->netdev,
			   "self-test: cause 0x%08x did not interrupt vector %d\n",
			   c->cause, c->vec);
		return 3;
	}
	if (wrong >= 0) {
		netdev_err(ad->netdev,
			   "self-test: cause 0x%08x interrupted vector %d too\n",
			   c->cause, wrong);
		return 4;
	}
	return 0;
}

/* Return: 0, 1 if a vector could not be requested, else as above. */
static u64 e82574_test_intr(struct e82574_adapter *ad)
{
	const struct e82574_intr_case *cases = e82574_intr_msi;
	int ncases = ARRAY_SIZE(e82574_intr_msi);
	struct e82574_test_vec tv[E82574_NUM_VECS] = { };
	int nvec = ad->msix ? E82574_NUM_VECS : 1;
	u32 ivar = 0, field, ext;
	int v, i, err;
	u64 res = 0;

	if (ad->msix) {
		cases = e82574_intr_msix;
		ncases = ARRAY_SIZE(e82574_intr_msix);
	}
	for (v = 0; v < nvec; v++) {
		err = request_irq(pci_irq_vector(ad->pdev, v), e82574_test_isr,
				  0, E82574_DRV_NAME "-selftest", &tv[v]);
		if (err) {
			netdev_err(ad->netdev,
				   "self-test: cannot request vector %d (%d)\n",
				   v, err);
			res = 1;
			goto free_vectors;
		}
	}

	/* Every queue pair's causes on its vector, nothing auto-cleared. */
	ext = e82574_rd32(ad, E82574_CTRL_EXT);
	ext &= ~(E82574_CTRL_EXT_IAME | E82574_CTRL_EXT_EIAME);
	if (ad->msix)
		ext |= E82574_CTRL_EXT_PBA_CLR;
	e82574_wr32(ad, E82574_CTRL_EXT, ext);
	e82574_wr32(ad, E82574_EIAC, 0);
	if (ad->msix) {
		for (i = 0; i < E82574_MAX_QP; i++) {
			field = E82574_IVAR_VALID | i;
			ivar |= (field << (4 * i)) | (field << (8 + 4 * i));
		}
		ivar |= FIELD_PREP(E82574_IVAR_OTHER,
				   E82574_IVAR_VALID | E82574_VEC_OTHER);
	}
	e82574_wr32(ad, E82574_IVAR, ivar);
	/*
	 * No moderation while testing: a message the interval postponed
	 * could land in a later case's masked window (QEMU 7.2 sends a
	 * postponed MSI when its timer expires, masked or not; its reset
	 * keeps the user's rx-usecs).  Opening the device programs the
	 * intervals again.
	 */
	e82574_wr32(ad, E82574_ITR, 0);
	for (i = 0; i < E82574_NUM_VECS; i++)
		e82574_wr32(ad, E82574_EITR(i), 0);

	for (i = 0; i < ncases && !res; i++)
		res = e82574_intr_case(ad, tv, nvec, &cases[i]);
	e82574_intr_quiet(ad, tv, nvec);
	e82574_wr32(ad, E82574_IVAR, 0);

free_vectors:
	while (--v >= 0)
		free_irq(pci_irq_vector(ad->pdev, v), &tv[v]);
	return res;
}

/* ------------------------------------------------------- RSS loopback */

#define E82574_LB_RING		256	/* descriptors per test ring */
#define E82574_LB_SLOT		128	/* bytes per frame in the TX buffer */
#define E82574_LB_PAYLOAD	32
#define E82574_LB_IP_LEN	(sizeof(struct iphdr) + \
				 sizeof(struct tcphdr) + E82574_LB_PAYLOAD)
#define E82574_LB_LEN		(ETH_HLEN + E82574_LB_IP_LEN)
#define E82574_LB_MAGIC		"e82574lb"
#define E82574_LB_LINK_MS	5000
#define E82574_LB_RX_MS		2000

/* The loopback's result codes (ethtool -t shows them). */
enum {
	E82574_LB_PASS,
	E82574_LB_ENOMEM,
	E82574_LB_HW,		/* bring-up failed */
	E82574_LB_NOLINK,	/* the model receives only with link up */
	E82574_LB_MISSING,	/* frames did not come back */
	E82574_LB_WRONG_QUEUE,
	E82574_LB_WRONG_HASH,
	E82574_LB_BAD_FRAME,	/* payload, length, errors or hash type */
	E82574_LB_DUPLICATE,
	E82574_LB_COVER,	/* the key reaches too few entries */
};

struct e82574_lb {
	struct e82574_rss_cover cover;
	struct e82574_rss_lb tally;
	u32 tbl[E82574_RSS_INDIR_SIZE];
	u32 bad_frames;		/* intact payload, bad descriptor */
	u32 foreign;		/* not ours: frames from the wire */
	u8 *frames;		/* frame for entry i at i * E82574_LB_SLOT */
	dma_addr_t frames_dma;
	bool ports;		/* TCP ports hashed: 4-tuple flows */
	bool link;		/* link was up for the loopback */
	bool phy;		/* looped by the PHY, not the MAC */
};

/* The flow template: TCP/IPv4, ports hashed as the hash fields say. */
static void e82574_lb_base(struct e82574_adapter *ad,
			   struct e82574_rss_tuple *t)
{
	static const u8 saddr[4] = { 198, 18, 0, 1 };	/* RFC 2544 */
	static const u8 daddr[4] = { 198, 19, 0, 1 };

	memset(t, 0, sizeof(*t));
	t->ports = ad->rss.fields & E82574_MRQC_TCP_IPV4;
	memcpy(t->saddr, saddr, sizeof(saddr));
	memcpy(t->daddr, daddr, sizeof(daddr));
	t->sport = 0x4000;
	t->dport = 5001;
}

static void e82574_lb_build(struct e82574_adapter *ad, u8 *buf, u32 entry,
			    const struct e82574_rss_tuple *t)
{
	struct ethhdr *eth = (struct ethhdr *)buf;
	struct iphdr *iph = (struct iphdr *)(eth + 1);
	struct tcphdr *th = (struct tcphdr *)(iph + 1);
	u8 *pay = (u8 *)(th + 1);
	__be32 be;
	u32 i;

	memset(buf, 0, E82574_LB_SLOT);
	ether_addr_copy(eth->h_dest, ad->netdev->dev_addr);
	ether_addr_copy(eth->h_source, ad->netdev->dev_addr);
	eth->h_proto = htons(ETH_P_IP);

	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tot_len = htons(E82574_LB_IP_LEN);
	iph->id = htons(entry);
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	memcpy(&iph->saddr, t->saddr, 4);
	memcpy(&iph->daddr, t->daddr, 4);
	iph->check = ip_fast_csum(iph, iph->ihl);

	th->source = htons(t->sport);
	th->dest = htons(t->dport);
	th->seq = htonl(entry);
	th->doff = sizeof(*th) / 4;
	th->ack = 1;
	th->psh = 1;
	th->window = htons(1024);

	memcpy(pay, E82574_LB_MAGIC, 8);
	be = cpu_to_be32(entry);
	memcpy(pay + 8, &be, sizeof(be));
	for (i = 12; i < E82574_LB_PAYLOAD; i++)
		pay[i] = entry * 7 + i;
	th->check = csum_tcpudp_magic(iph->saddr, iph->daddr,
				      sizeof(*th) + E82574_LB_PAYLOAD,
				      IPPROTO_TCP,
				      csum_partial(th, sizeof(*th) +
						   E82574_LB_PAYLOAD, 0));
}

/* Queue the frame of every reached entry, alternating TX queues. */
static u32 e82574_lb_send(struct e82574_adapter *ad, struct e82574_lb *lb)
{
	const u32 cmd = E82574_LB_LEN | E82574_TXD_CMD_DEXT |
			E82574_TXD_CMD_IFCS | E82574_TXD_CMD_EOP |
			E82574_TXD_CMD_RS |
			FIELD_PREP(E82574_TXD_DTYP, E82574_TXD_DTYP_DATA);
	u32 entry, sent = 0;
	int q;

	for_each_set_bit(entry, lb->cover.reached, E82574_RSS_INDIR_SIZE) {
		struct e82574_ring *ring = &ad->tx_ring[entry % ad->num_qp];
		union e82574_tx_desc *desc;

		desc = &((union e82574_tx_desc *)ring->desc)[ring->next_to_use];
		desc->data.buf_addr = cpu_to_le64(lb->frames_dma +
						  entry * E82574_LB_SLOT);
		desc->data.cmd_len = cpu_to_le32(cmd);
		desc->data.options = 0;
		ring->next_to_use++;
		if (ring->next_to_use == ring->count)
			ring->next_to_use = 0;
		sent++;
	}
	/* Descriptors and frames are in memory before the tails move. */
	wmb();
	for (q = 0; q < ad->num_qp; q++)
		writel(ad->tx_ring[q].next_to_use, ad->tx_ring[q].tail);
	return sent;
}

/* Judge one received frame; false if it is not one of ours. */
static bool e82574_lb_judge(struct e82574_adapter *ad, struct e82574_lb *lb,
			    const u8 *data, const union e82574_rx_desc *desc,
			    u32 queue)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 staterr = le32_to_cpu(desc->wb.status_error);
	u32 mrq = le32_to_cpu(desc->wb.mrq);
	u32 len = le16_to_cpu(desc->wb.length);
	const u8 *pay = data + E82574_LB_LEN - E82574_LB_PAYLOAD;
	u32 type = lb->ports ? E82574_RSS_TYPE_TCP_IPV4 : E82574_RSS_TYPE_IPV4;
	__be32 be;
	u32 entry;

	if (len != E82574_LB_LEN || memcmp(pay, E82574_LB_MAGIC, 8))
		return false;
	memcpy(&be, pay + 8, sizeof(be));
	entry = be32_to_cpu(be);
	if (entry >= E82574_RSS_INDIR_SIZE ||
	    memcmp(data, lb->frames + entry * E82574_LB_SLOT, E82574_LB_LEN) ||
	    (staterr & E82574_RXD_ERR_FRAME) ||
	    FIELD_GET(E82574_RXD_MRQ_RSS_TYPE, mrq) != type) {
		netdev_err(ad->netdev,
			   "self-test: loopback frame for entry %u damaged (length %u, status 0x%08x, mrq 0x%08x)\n",
			   entry, len, staterr, mrq);
		lb->bad_frames++;
		return true;
	}
	switch (e82574_rss_lb_check(l, lb->tbl, &lb->cover, &lb->tally, entry,
				    le32_to_cpu(desc->wb.rss_hash), queue)) {
	case E82574_RSS_LB_HASH:
		netdev_err(ad->netdev,
			   "self-test: entry %u: NIC hash 0x%08x, Toeplitz 0x%08x\n",
			   entry, le32_to_cpu(desc->wb.rss_hash),
			   lb->cover.hash[entry]);
		break;
	case E82574_RSS_LB_QUEUE:
		netdev_err(ad->netdev,
			   "self-test: entry %u: arrived on queue %u, the table names %u\n",
			   entry, queue, lb->tbl[entry]);
		break;
	default:
		break;
	}
	return true;
}

/*
 * The received bytes of @buf, synced for the CPU: a loopback frame is
 * E82574_LB_LEN bytes long, and no more is read.
 */
static const u8 *e82574_lb_frame(struct e82574_ring *ring,
				 struct e82574_rx_buf *buf)
{
	u32 off = buf->offset + E82574_RX_HEADROOM;

	dma_sync_single_range_for_cpu(ring->dev,
				      page_pool_get_dma_addr(buf->page), off,
				      E82574_LB_LEN, DMA_FROM_DEVICE);
	return (const u8 *)page_address(buf->page) + off;
}

/* Take every written-back descriptor off the RX rings; frames of ours. */
static u32 e82574_lb_receive(struct e82574_adapter *ad, struct e82574_lb *lb)
{
	u32 ours = 0;
	int q;

	for (q = 0; q < ad->num_qp; q++) {
		struct e82574_ring *ring = &ad->rx_ring[q];

		while (ring->next_to_clean != ring->next_to_use) {
			union e82574_rx_desc *desc;
			struct e82574_rx_buf *buf;
			const u8 *data;

			desc = &((union e82574_rx_desc *)ring->desc)
				[ring->next_to_clean];
			if (!(le32_to_cpu(desc->wb.status_error) &
			      E82574_RXD_STAT_DD))
				break;
			/* Read the rest of the write-back only after DD. */
			dma_rmb();
			buf = &ring->rx_buf[ring->next_to_clean];
			data = e82574_lb_frame(ring, buf);
			if (e82574_lb_judge(ad, lb, data, desc, q))
				ours++;
			else
				lb->foreign++;
			ring->next_to_clean =
				(ring->next_to_clean + 1) % ring->count;
		}
	}
	return ours;
}

/*
 * @mac_only: STATUS.LU is enough.  In PHY loopback the PHY's link status
 * says nothing about the loop (e1000e does not look at it there).
 */
static bool e82574_link_up(struct e82574_adapter *ad, bool mac_only)
{
	u16 bmsr;

	if (!(e82574_rd32(ad, E82574_STATUS) & E82574_STATUS_LU))
		return false;
	if (mac_only)
		return true;
	/* Link status is latched low: the second read is the current one. */
	if (e82574_phy_read(ad, MII_BMSR, &bmsr) ||
	    e82574_phy_read(ad, MII_BMSR, &bmsr))
		return false;
	return bmsr & BMSR_LSTATUS;
}

static bool e82574_wait_link(struct e82574_adapter *ad, unsigned int ms,
			     bool mac_only)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);

	for (;;) {
		if (e82574_link_up(ad, mac_only))
			return true;
		if (time_after(jiffies, end))
			return false;
		msleep(50);
	}
}

/* With the test rings installed: program the NIC, loop frames, judge. */
static u64 e82574_lb_run(struct e82574_adapter *ad, struct e82574_lb *lb)
{
	unsigned long end;
	u32 sent, got = 0;
	int err, q;

	err = e82574_hw_bringup(ad);
	if (err)
		return E82574_LB_HW;
	e82574_write_rar(ad, 0, ad->netdev->dev_addr);
	e82574_tx_configure(ad);
	/* Programs the key, hash fields and table from the software state. */
	if (e82574_rx_configure(ad))
		return E82574_LB_ENOMEM;
	e82574_rss_hw_table(ad, lb->tbl);
	if (!lb->phy)
		e82574_wr32(ad, E82574_RCTL, e82574_rd32(ad, E82574_RCTL) |
					     FIELD_PREP(E82574_RCTL_LBM, 1));
	/*
	 * The PHY goes into loopback first, as e1000e does: it forces the
	 * link in the PHY and, without full duplex, in the MAC (ILOS, SLU),
	 * so the loop needs no cable.  Only then is STATUS.LU waited for.
	 * QEMU's model ignores that forcing and receives only with
	 * STATUS.LU, which it sets when the autonegotiation the bring-up
	 * started completes with a peer; without one this reports no link.
	 */
	if (lb->phy && e82574_phy_loopback(ad, true)) {
		netdev_err(ad->netdev,
			   "self-test: cannot put the PHY into loopback\n");
		return E82574_LB_HW;
	}
	lb->link = e82574_wait_link(ad, E82574_LB_LINK_MS, lb->phy);
	if (!lb->link) {
		netdev_err(ad->netdev,
			   "self-test: no link, the loopback was not run\n");
		return E82574_LB_NOLINK;
	}

	sent = e82574_lb_send(ad, lb);
	end = jiffies + msecs_to_jiffies(E82574_LB_RX_MS);
	do {
		got += e82574_lb_receive(ad, lb);
		if (got >= sent)
			break;
		usleep_range(1000, 2000);
	} while (time_before(jiffies, end));

	netdev_info(ad->netdev,
		    "self-test: %s loopback: %u frames for %u of %u table entries, %u passed (queue 0: %u, queue 1: %u), %u other frames\n",
		    lb->phy ? "PHY" : "RSS",
		    sent, lb->cover.nreached, E82574_RSS_INDIR_SIZE,
		    lb->tally.nseen, lb->tally.per_queue[0],
		    lb->tally.per_queue[1], lb->foreign);
	if (lb->bad_frames)
		return E82574_LB_BAD_FRAME;
	if (lb->tally.verdicts[E82574_RSS_LB_HASH])
		return E82574_LB_WRONG_HASH;
	if (lb->tally.verdicts[E82574_RSS_LB_QUEUE])
		return E82574_LB_WRONG_QUEUE;
	if (lb->tally.verdicts[E82574_RSS_LB_DUP])
		return E82574_LB_DUPLICATE;
	if (!e82574_rss_lb_passed(&lb->cover, &lb->tally)) {
		netdev_err(ad->netdev,
			   "self-test: %u of %u loopback frames did not come back\n",
			   sent - lb->tally.nseen, sent);
		for (q = 0; q < ad->num_qp; q++)
			netdev_err(ad->netdev,
				   "self-test: RX queue %d: head %u tail %u\n",
				   q, e82574_rd32(ad, E82574_RDH(q)),
				   e82574_rd32(ad, E82574_RDT(q)));
		return E82574_LB_MISSING;
	}
	return E82574_LB_PASS;
}

/*
 * @rs: test rings, installed here and released before returning.  The
 * NIC is left reset with no ring attached.
 * @phy: loop in the PHY rather than in the MAC
 */
static u64 e82574_test_loopback(struct e82574_adapter *ad,
				struct e82574_ring_set *rs,
				struct e82574_lb *lb, bool phy)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	struct e82574_rss_tuple base;
	u32 entry;
	u64 res;

	e82574_lb_base(ad, &base);
	lb->ports = base.ports;
	lb->phy = phy;
	lb->link = false;
	lb->bad_frames = 0;
	lb->foreign = 0;
	if (e82574_rss_cover_entries(l, ad->rss.key, &base, &lb->cover) <
	    l->entries)
		netdev_warn(ad->netdev,
			    "self-test: the RSS key lets TCP/IPv4 flows reach only %u of %u table entries\n",
			    lb->cover.nreached, l->entries);
	if (lb->cover.nreached < 2)
		return E82574_LB_COVER;
	for_each_set_bit(entry, lb->cover.reached, E82574_RSS_INDIR_SIZE)
		e82574_lb_build(ad, lb->frames + entry * E82574_LB_SLOT, entry,
				&lb->cover.flows[entry]);
	e82574_rss_lb_init(&lb->tally);

	e82574_ring_set_install(ad, rs);
	res = e82574_lb_run(ad, lb);

	/* Stop DMA and detach the rings before they are freed. */
	e82574_tx_disable(ad);
	e82574_rss_quiesce(ad);
	if (phy && e82574_phy_loopback(ad, false))
		netdev_err(ad->netdev,
			   "self-test: cannot take the PHY out of loopback\n");
	e82574_hw_reset(ad);
	e82574_hw_get_control(ad);
	e82574_rings_release(ad);
	return res;
}

/* ----------------------------------------------------------------- link */

static u64 e82574_test_link(struct e82574_adapter *ad)
{
	if (!netif_running(ad->netdev)) {
		netdev_err(ad->netdev,
			   "self-test: the interface is down, so is the link\n");
		return 1;
	}
	/* A link just brought up may still be negotiating. */
	if (!e82574_wait_link(ad, 3000, false)) {
		netdev_err(ad->netdev, "self-test: link down\n");
		return 1;
	}
	return 0;
}

/* ----------------------------------------------------------------- main */

static void e82574_test_offline(struct e82574_adapter *ad, u64 *data)
{
	struct net_device *netdev = ad->netdev;
	bool running = netif_running(netdev);
	struct e82574_ring_set *restart = NULL, *test_rs, *phy_rs;
	struct e82574_lb *lb;
	bool link;
	int i, err;

	if (running)
		data[E82574_TEST_LINK] = e82574_test_link(ad);

	/*
	 * Everything the test and the restart need is allocated before the
	 * interface is stopped: without memory nothing changes.
	 */
	lb = kzalloc(sizeof(*lb), GFP_KERNEL);
	if (!lb)
		goto no_memory;
	lb->frames = dma_alloc_coherent(&ad->pdev->dev,
					E82574_RSS_INDIR_SIZE * E82574_LB_SLOT,
					&lb->frames_dma, GFP_KERNEL);
	if (!lb->frames)
		goto free_lb;
	test_rs = e82574_ring_set_alloc(ad, ad->num_qp, E82574_LB_RING,
					E82574_LB_RING, ETH_DATA_LEN);
	if (IS_ERR(test_rs))
		goto free_frames;
	phy_rs = e82574_ring_set_alloc(ad, ad->num_qp, E82574_LB_RING,
				       E82574_LB_RING, ETH_DATA_LEN);
	if (IS_ERR(phy_rs))
		goto free_test_rs;
	if (running) {
		restart = e82574_ring_set_alloc(ad, ad->num_qp, ad->tx_count,
						ad->rx_count, netdev->mtu);
		if (IS_ERR(restart))
			goto free_phy_rs;
		e82574_stop_locked(netdev);
	}

	data[E82574_TEST_NVM] = e82574_test_nvm(ad);
	data[E82574_TEST_REG] = e82574_test_regs(ad);
	e82574_hw_reset(ad);
	e82574_hw_get_control(ad);
	data[E82574_TEST_INTR] = e82574_test_intr(ad);
	e82574_hw_reset(ad);
	e82574_hw_get_control(ad);
	data[E82574_TEST_LOOPBACK] = e82574_test_loopback(ad, test_rs, lb,
							  false);
	link = lb->link;
	data[E82574_TEST_PHY_LOOPBACK] = e82574_test_loopback(ad, phy_rs, lb,
							      true);
	if (!running)
		data[E82574_TEST_LINK] = link ? 0 : 1;

	if (running) {
		err = e82574_up(ad, restart);
		if (err)
			netdev_err(netdev,
				   "self-test: cannot restart the interface (%d), it is down\n",
				   err);
	} else {
		e82574_phy_power(ad, false);
	}
	dma_free_coherent(&ad->pdev->dev,
			  E82574_RSS_INDIR_SIZE * E82574_LB_SLOT, lb->frames,
			  lb->frames_dma);
	kfree(lb);
	return;

free_phy_rs:
	e82574_ring_set_free(phy_rs);
free_test_rs:
	e82574_ring_set_free(test_rs);
free_frames:
	dma_free_coherent(&ad->pdev->dev,
			  E82574_RSS_INDIR_SIZE * E82574_LB_SLOT, lb->frames,
			  lb->frames_dma);
free_lb:
	kfree(lb);
no_memory:
	netdev_err(netdev, "self-test: no memory, offline tests not run\n");
	for (i = 0; i < E82574_TEST_NUM; i++)
		if (i != E82574_TEST_LINK)
			data[i] = E82574_LB_ENOMEM;
	if (!running)
		data[E82574_TEST_LINK] = 1;
}

/**
 * e82574_self_test - ethtool -t
 * @netdev: interface
 * @eth_test: mode in, ETH_TEST_FL_FAILED out
 * @data: E82574_TEST_NUM results, 0 for a pass (and for a test not run)
 *
 * Offline stops the interface and starts it again from the software
 * state, so every setting is as it was; frames in flight are lost.
 */
void e82574_self_test(struct net_device *netdev, struct ethtool_test *eth_test,
		      u64 *data)
{
	struct e82574_adapter *ad = netdev_priv(netdev);
	int i;

	memset(data, 0, E82574_TEST_NUM * sizeof(*data));
	if (test_bit(E82574_STATE_SUSPENDED, &ad->state) ||
	    pci_channel_offline(ad->pdev)) {
		netdev_err(netdev, "self-test: the device is not reachable\n");
		for (i = 0; i < E82574_TEST_NUM; i++)
			data[i] = 1;
		eth_test->flags |= ETH_TEST_FL_FAILED;
		return;
	}

	if (eth_test->flags & ETH_TEST_FL_OFFLINE)
		e82574_test_offline(ad, data);
	else
		data[E82574_TEST_LINK] = e82574_test_link(ad);

	for (i = 0; i < E82574_TEST_NUM; i++)
		if (data[i])
			eth_test->flags |= ETH_TEST_FL_FAILED;
}
