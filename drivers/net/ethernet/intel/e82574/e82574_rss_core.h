/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hardware-independent RSS core of the e82574 driver: indirection table
 * packing into redirection registers, table resizing, move computation, a
 * software Toeplitz hash, and the flows and checks of the self-test's RSS
 * loopback.  No MMIO, no netdev, no locks, no allocation:
 * the ethtool glue and the KUnit suites call the same code.
 */
#ifndef _E82574_RSS_CORE_H_
#define _E82574_RSS_CORE_H_

#include <linux/types.h>
#include <linux/bitmap.h>
#include <linux/errno.h>

/* ethtool indirection table size on the 82574 (RETA: 128 entries) */
#define E82574_RSS_INDIR_SIZE	128
/* Toeplitz key length in bytes (RSSRK[0..9]) */
#define E82574_RSS_KEY_SIZE	40
/* number of 32-bit RSSRK registers holding the key */
#define E82574_RSS_KEY_REGS	(E82574_RSS_KEY_SIZE / 4)
/* upper bound on the entries of any table (hardware or ethtool) */
#define E82574_RSS_MAX_ENTRIES	512
/* upper bound on registers of any layout (one entry per register) */
#define E82574_RSS_MAX_REGS	E82574_RSS_MAX_ENTRIES
/* upper bound on the queues of any layout */
#define E82574_RSS_MAX_QUEUES	16
/* longest hash input: IPv6 source + destination + two ports */
#define E82574_RSS_MAX_INPUT	36
/*
 * Buffer size that holds any e82574_rss_validate() message; equal to the
 * kernel's NETLINK_MAX_FMTMSG_LEN so a message also fits NL_SET_ERR_MSG_FMT.
 */
#define E82574_RSS_MSG_LEN	80

/**
 * struct e82574_rss_layout - how a redirection table is packed in registers
 * @name: short description, for messages and test names
 * @entries: number of table entries; a power of two, at most
 *	E82574_RSS_MAX_ENTRIES.  The hardware indexes it with the low
 *	log2(@entries) bits of the hash.
 * @entries_per_reg: entries packed into one 32-bit register; entry n sits in
 *	register n / @entries_per_reg, slot n % @entries_per_reg, slot 0 in
 *	the least significant bits
 * @entry_bits: width of one slot in bits (@entries_per_reg * @entry_bits
 *	must not exceed 32)
 * @queue_shift: position of the queue field within a slot
 * @queue_bits: width of the queue field; the remaining bits of a slot are
 *	written as zero and ignored on decode
 * @max_queues: number of queues the hardware can address through the table
 *	(at most 1 << @queue_bits and at most E82574_RSS_MAX_QUEUES)
 */
struct e82574_rss_layout {
	const char *name;
	u32 entries;
	u32 entries_per_reg;
	u32 entry_bits;
	u32 queue_shift;
	u32 queue_bits;
	u32 max_queues;
};

/* 82574L RETA: 128 one-byte entries, 4 per register, queue in bit 7 */
extern const struct e82574_rss_layout e82574_rss_layout_82574;

/**
 * struct e82574_rss_move - one table entry that changes queue
 * @index: table entry
 * @from: queue the entry pointed to
 * @to: queue the entry points to now
 */
struct e82574_rss_move {
	u16 index;
	u32 from;
	u32 to;
};

/**
 * struct e82574_rss_moves - difference between two tables
 * @nmoves: number of valid elements in @move
 * @move: entries that change queue, in ascending index order
 * @dirty: registers whose encoded value changes
 * @ndirty: number of bits set in @dirty
 * @gained: per queue, entries that now point to it and did not before
 * @lost: per queue, entries that pointed to it and no longer do
 */
struct e82574_rss_moves {
	u32 nmoves;
	struct e82574_rss_move move[E82574_RSS_MAX_ENTRIES];
	DECLARE_BITMAP(dirty, E82574_RSS_MAX_REGS);
	u32 ndirty;
	u32 gained[E82574_RSS_MAX_QUEUES];
	u32 lost[E82574_RSS_MAX_QUEUES];
};

/**
 * struct e82574_rss_tuple - the fields a flow is hashed on
 * @ipv6: addresses are 16-byte IPv6 addresses, otherwise 4-byte IPv4
 *	addresses in the first four bytes of @saddr and @daddr
 * @ports: the source and destination ports are part of the hash input
 * @saddr: source address, network byte order
 * @daddr: destination address, network byte order
 * @sport: source port, host byte order
 * @dport: destination port, host byte order
 */
struct e82574_rss_tuple {
	bool ipv6;
	bool ports;
	u8 saddr[16];
	u8 daddr[16];
	u16 sport;
	u16 dport;
};

int e82574_rss_layout_check(const struct e82574_rss_layout *l);
u32 e82574_rss_nregs(const struct e82574_rss_layout *l);
int e82574_rss_validate(const struct e82574_rss_layout *l, const u32 *indir,
			u32 indir_size, u32 nqueues, char *msg, size_t msg_len);
u32 e82574_rss_encode_reg(const struct e82574_rss_layout *l, const u32 *tbl,
			  u32 reg);
void e82574_rss_compute_moves(const struct e82574_rss_layout *l,
			      const u32 *cur, const u32 *req,
			      struct e82574_rss_moves *m);
/**
 * struct e82574_rss_cover - one flow for every table entry
 * @flows: @flows[i] hashes to table entry i (where @reached has bit i)
 * @hash: the Toeplitz hash of @flows[i]
 * @reached: entries a flow was found for
 * @nreached: number of bits set in @reached
 */
struct e82574_rss_cover {
	struct e82574_rss_tuple flows[E82574_RSS_MAX_ENTRIES];
	u32 hash[E82574_RSS_MAX_ENTRIES];
	DECLARE_BITMAP(reached, E82574_RSS_MAX_ENTRIES);
	u32 nreached;
};

/**
 * enum e82574_rss_lb_verdict - what a looped-back frame shows
 * @E82574_RSS_LB_OK: the frame's hash is the software one and it arrived
 *	on the queue its table entry names
 * @E82574_RSS_LB_UNKNOWN: no frame was sent for this entry
 * @E82574_RSS_LB_DUP: a frame for this entry arrived before
 * @E82574_RSS_LB_HASH: the NIC's hash differs from the software Toeplitz
 *	hash of the flow
 * @E82574_RSS_LB_QUEUE: the frame arrived on a queue other than the one
 *	its table entry names
 * @E82574_RSS_LB_VERDICTS: number of verdicts
 */
enum e82574_rss_lb_verdict {
	E82574_RSS_LB_OK,
	E82574_RSS_LB_UNKNOWN,
	E82574_RSS_LB_DUP,
	E82574_RSS_LB_HASH,
	E82574_RSS_LB_QUEUE,
	E82574_RSS_LB_VERDICTS,
};

/**
 * struct e82574_rss_lb - tally of a loopback run over a cover
 * @seen: entries whose frame arrived and passed
 * @nseen: number of bits set in @seen
 * @per_queue: frames that passed, per queue they arrived on
 * @verdicts: frames per verdict (E82574_RSS_LB_OK included)
 */
struct e82574_rss_lb {
	DECLARE_BITMAP(seen, E82574_RSS_MAX_ENTRIES);
	u32 nseen;
	u32 per_queue[E82574_RSS_MAX_QUEUES];
	u32 verdicts[E82574_RSS_LB_VERDICTS];
};

void e82574_rss_fill_default(u32 *tbl, u32 size, u32 nqueues);
void e82574_rss_key_to_regs(const u8 *key, u32 *regs);
u32 e82574_rss_toeplitz(const u8 *key, u32 key_len, const u8 *data, u32 len);
u32 e82574_rss_tuple_input(const struct e82574_rss_tuple *t, u8 *buf);
u32 e82574_rss_hash_tuple(const u8 *key, const struct e82574_rss_tuple *t);
u32 e82574_rss_hash_to_index(const struct e82574_rss_layout *l, u32 hash);
u32 e82574_rss_hash_to_queue(const struct e82574_rss_layout *l,
			     const u32 *tbl, u32 hash);
u32 e82574_rss_cover_entries(const struct e82574_rss_layout *l,
			     const u8 *key,
			     const struct e82574_rss_tuple *base,
			     struct e82574_rss_cover *c);
void e82574_rss_lb_init(struct e82574_rss_lb *lb);
enum e82574_rss_lb_verdict
e82574_rss_lb_check(const struct e82574_rss_layout *l, const u32 *tbl,
		    const struct e82574_rss_cover *c, struct e82574_rss_lb *lb,
		    u32 entry, u32 hw_hash, u32 queue);
bool e82574_rss_lb_passed(const struct e82574_rss_cover *c,
			  const struct e82574_rss_lb *lb);

/* Only the KUnit suites call these; they are built only with them. */
#if IS_ENABLED(CONFIG_E82574_KUNIT_TEST)
void e82574_rss_encode(const struct e82574_rss_layout *l, const u32 *tbl,
		       u32 *regs);
void e82574_rss_decode(const struct e82574_rss_layout *l, const u32 *regs,
		       u32 *tbl);
int e82574_rss_resize(const u32 *src, u32 src_size, u32 *dst, u32 dst_size,
		      u32 *conflict_a, u32 *conflict_b);
bool e82574_rss_is_default(const u32 *tbl, u32 size, u32 nqueues);
void e82574_rss_regs_to_key(const u32 *regs, u8 *key);
#endif

#endif /* _E82574_RSS_CORE_H_ */
