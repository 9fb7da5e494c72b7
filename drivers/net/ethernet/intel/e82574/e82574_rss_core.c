// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware-independent RSS core of the e82574 driver.
 *
 * Everything here works on plain arrays: ethtool-style tables (one u32 queue
 * number per entry), register images (one u32 per redirection register) and
 * byte buffers.  The register layout is data (struct e82574_rss_layout), so
 * nothing below depends on the 82574's packing except the layout constant.
 * The Toeplitz part uses only plain C so that it can be built outside the
 * kernel as well.
 */

#include <linux/ethtool.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/string.h>

#include "e82574_rss_core.h"

const struct e82574_rss_layout e82574_rss_layout_82574 = {
	.name = "82574",
	.entries = E82574_RSS_INDIR_SIZE,
	.entries_per_reg = 4,
	.entry_bits = 8,
	.queue_shift = 7,
	.queue_bits = 1,
	.max_queues = 2,
};

static u32 e82574_rss_queue_mask(const struct e82574_rss_layout *l)
{
	return l->queue_bits >= 32 ? ~0U : (1U << l->queue_bits) - 1;
}

static u32 e82574_rss_slot_shift(const struct e82574_rss_layout *l, u32 slot)
{
	return slot * l->entry_bits + l->queue_shift;
}

static bool e82574_rss_size_ok(u32 size)
{
	return size && size <= E82574_RSS_MAX_ENTRIES && is_power_of_2(size);
}

/**
 * e82574_rss_layout_check() - check that a layout is self-consistent
 * @l: layout
 *
 * The entry count must be a power of two no larger than
 * E82574_RSS_MAX_ENTRIES and a multiple of the entries per register, the
 * slots must fit in 32 bits, the queue field must fit in its slot, and the
 * addressable queue count must fit both the queue field and
 * E82574_RSS_MAX_QUEUES.  Every other function assumes a layout that passes.
 *
 * Return: 0 if the layout is usable, -EINVAL otherwise.
 */
int e82574_rss_layout_check(const struct e82574_rss_layout *l)
{
	if (!e82574_rss_size_ok(l->entries))
		return -EINVAL;
	if (!l->entries_per_reg || l->entries % l->entries_per_reg)
		return -EINVAL;
	if (!l->entry_bits || l->entry_bits > 32 ||
	    l->entries_per_reg > 32 / l->entry_bits)
		return -EINVAL;
	if (!l->queue_bits || l->queue_bits > l->entry_bits ||
	    l->queue_shift > l->entry_bits - l->queue_bits)
		return -EINVAL;
	if (!l->max_queues || l->max_queues > E82574_RSS_MAX_QUEUES)
		return -EINVAL;
	if (l->queue_bits < 32 && l->max_queues > (1U << l->queue_bits))
		return -EINVAL;
	return 0;
}

/**
 * e82574_rss_nregs() - number of registers a layout occupies
 * @l: layout
 *
 * Return: @l->entries / @l->entries_per_reg.
 */
u32 e82574_rss_nregs(const struct e82574_rss_layout *l)
{
	return l->entries / l->entries_per_reg;
}

static __printf(3, 4)
void e82574_rss_msg(char *msg, size_t msg_len, const char *fmt, ...)
{
	va_list args;

	if (!msg || !msg_len)
		return;
	va_start(args, fmt);
	vsnprintf(msg, msg_len, fmt, args);
	va_end(args);
}

/**
 * e82574_rss_validate() - check an ethtool indirection table
 * @l: hardware layout the table is going to be written to
 * @indir: ethtool table, one queue number per entry
 * @indir_size: entries in @indir
 * @nqueues: receive queues currently in use
 * @msg: buffer for the reason of a rejection (may be NULL); a size of
 *	E82574_RSS_MSG_LEN holds every message, which also fits an extack
 *	formatted message
 * @msg_len: size of @msg
 *
 * @indir_size must be a power of two no larger than E82574_RSS_MAX_ENTRIES.
 * If it differs from @l->entries the table is translated with
 * e82574_rss_resize(), so a larger table must repeat with the hardware's
 * period.  Every entry must be below @nqueues, and @nqueues must be at
 * least 1 and no more than the layout can address.  The first problem found
 * is described in @msg, e.g. "indirection table entry 5 points to queue 3,
 * only queues 0-1 exist".
 *
 * Return: 0 if the table can be written, -EINVAL otherwise.
 */
int e82574_rss_validate(const struct e82574_rss_layout *l, const u32 *indir,
			u32 indir_size, u32 nqueues, char *msg, size_t msg_len)
{
	u32 i, a, b;

	if (e82574_rss_layout_check(l)) {
		e82574_rss_msg(msg, msg_len, "invalid RSS register layout");
		return -EINVAL;
	}
	if (!nqueues) {
		e82574_rss_msg(msg, msg_len,
			       "no receive queues to spread over");
		return -EINVAL;
	}
	if (nqueues > l->max_queues) {
		e82574_rss_msg(msg, msg_len,
			       "%u queues in use, the redirection table addresses only %u",
			       nqueues, l->max_queues);
		return -EINVAL;
	}
	if (!e82574_rss_size_ok(indir_size)) {
		e82574_rss_msg(msg, msg_len,
			       "indirection table has %u entries, must be a power of two up to %u",
			       indir_size, E82574_RSS_MAX_ENTRIES);
		return -EINVAL;
	}
	for (i = 0; i < indir_size; i++) {
		if (indir[i] < nqueues)
			continue;
		if (nqueues == 1)
			e82574_rss_msg(msg, msg_len,
				       "indirection table entry %u points to queue %u, only queue 0 exists",
				       i, indir[i]);
		else
			e82574_rss_msg(msg, msg_len,
				       "indirection table entry %u points to queue %u, only queues 0-%u exist",
				       i, indir[i], nqueues - 1);
		return -EINVAL;
	}
	for (i = l->entries; i < indir_size; i++) {
		a = i & (l->entries - 1);
		b = i;
		if (indir[a] == indir[b])
			continue;
		e82574_rss_msg(msg, msg_len,
			       "indirection table entries %u and %u differ but share hardware entry %u",
			       a, b, a);
		return -EINVAL;
	}
	if (msg && msg_len)
		msg[0] = '\0';
	return 0;
}

/**
 * e82574_rss_encode_reg() - compute one redirection register
 * @l: layout
 * @tbl: table of @l->entries queue numbers
 * @reg: register index, below e82574_rss_nregs(@l)
 *
 * Bits of the queue numbers above the queue field are dropped, and the bits
 * of each slot outside the queue field are zero.
 *
 * Return: the value register @reg must hold for @tbl.
 */
u32 e82574_rss_encode_reg(const struct e82574_rss_layout *l, const u32 *tbl,
			  u32 reg)
{
	const u32 *e = tbl + reg * l->entries_per_reg;
	u32 mask = e82574_rss_queue_mask(l);
	u32 slot, val = 0;

	for (slot = 0; slot < l->entries_per_reg; slot++)
		val |= (e[slot] & mask) << e82574_rss_slot_shift(l, slot);
	return val;
}

/**
 * e82574_rss_compute_moves() - what changes between two tables
 * @l: layout
 * @cur: table of @l->entries queue numbers the hardware holds now
 * @req: table of @l->entries queue numbers requested
 * @m: result, fully overwritten except for @m->move beyond @m->nmoves
 *
 * Queue numbers are compared as the hardware sees them (queue field bits
 * only).  @m->dirty gets exactly the registers whose encoded value differs,
 * so writing e82574_rss_encode_reg(@l, @req, r) to every dirty register r
 * of a register file that holds the encoding of @cur leaves it holding the
 * encoding of @req.  @m->gained and @m->lost count entries per destination
 * and source queue (queues at or above E82574_RSS_MAX_QUEUES are not
 * counted; validated tables have none).
 */
void e82574_rss_compute_moves(const struct e82574_rss_layout *l,
			      const u32 *cur, const u32 *req,
			      struct e82574_rss_moves *m)
{
	u32 mask = e82574_rss_queue_mask(l);
	u32 nregs = e82574_rss_nregs(l);
	u32 i, from, to;

	m->nmoves = 0;
	m->ndirty = 0;
	bitmap_zero(m->dirty, E82574_RSS_MAX_REGS);
	memset(m->gained, 0, sizeof(m->gained));
	memset(m->lost, 0, sizeof(m->lost));

	for (i = 0; i < nregs; i++) {
		if (e82574_rss_encode_reg(l, cur, i) ==
		    e82574_rss_encode_reg(l, req, i))
			continue;
		__set_bit(i, m->dirty);
		m->ndirty++;
	}

	for (i = 0; i < l->entries; i++) {
		from = cur[i] & mask;
		to = req[i] & mask;
		if (from == to)
			continue;
		m->move[m->nmoves].index = i;
		m->move[m->nmoves].from = from;
		m->move[m->nmoves].to = to;
		m->nmoves++;
		if (from < E82574_RSS_MAX_QUEUES)
			m->lost[from]++;
		if (to < E82574_RSS_MAX_QUEUES)
			m->gained[to]++;
	}
}

/**
 * e82574_rss_fill_default() - the kernel's default spread
 * @tbl: table, written
 * @size: entries in @tbl
 * @nqueues: queues to spread over; 0 is treated as 1
 *
 * Entry i gets i % @nqueues, as ethtool_rxfh_indir_default() does.
 */
void e82574_rss_fill_default(u32 *tbl, u32 size, u32 nqueues)
{
	u32 i;

	if (!nqueues)
		nqueues = 1;
	for (i = 0; i < size; i++)
		tbl[i] = ethtool_rxfh_indir_default(i, nqueues);
}

/**
 * e82574_rss_key_to_regs() - RSSRK register values for a key
 * @key: E82574_RSS_KEY_SIZE bytes
 * @regs: E82574_RSS_KEY_REGS values, written
 *
 * RSSRK[i] holds key bytes 4i..4i+3 with byte 4i in bits 7:0, i.e. the
 * little-endian 32-bit value of those bytes.
 */
void e82574_rss_key_to_regs(const u8 *key, u32 *regs)
{
	u32 i;

	for (i = 0; i < E82574_RSS_KEY_REGS; i++)
		regs[i] = (u32)key[4 * i] |
			  (u32)key[4 * i + 1] << 8 |
			  (u32)key[4 * i + 2] << 16 |
			  (u32)key[4 * i + 3] << 24;
}

/**
 * e82574_rss_toeplitz() - Toeplitz hash of a byte string
 * @key: secret key; key byte 0 is the most significant byte of the first
 *	32-bit window, as in the Microsoft RSS specification
 * @key_len: bytes in @key; key bits past the end count as zero (the full
 *	result needs @key_len >= @len + 4)
 * @data: hash input in network byte order
 * @len: bytes in @data
 *
 * For every set bit j of @data (most significant bit of byte 0 first) the
 * 32 key bits starting at bit j are XORed into the result.
 *
 * Return: the 32-bit hash.
 */
u32 e82574_rss_toeplitz(const u8 *key, u32 key_len, const u8 *data, u32 len)
{
	u32 window = 0, hash = 0, kbyte, i;
	int bit;

	for (i = 0; i < 4; i++)
		window = (window << 8) | (i < key_len ? key[i] : 0);

	for (i = 0; i < len; i++) {
		kbyte = i + 4 < key_len ? key[i + 4] : 0;
		for (bit = 7; bit >= 0; bit--) {
			if (data[i] & (1U << bit))
				hash ^= window;
			window = (window << 1) | ((kbyte >> bit) & 1);
		}
	}
	return hash;
}

/**
 * e82574_rss_tuple_input() - lay out a flow as the hash input
 * @t: flow
 * @buf: at least E82574_RSS_MAX_INPUT bytes, written
 *
 * The order is source address, destination address, then (if @t->ports)
 * source port and destination port, each in network byte order.
 *
 * Return: number of bytes written (8, 12, 32 or 36).
 */
u32 e82574_rss_tuple_input(const struct e82574_rss_tuple *t, u8 *buf)
{
	u32 alen = t->ipv6 ? 16 : 4;
	u32 n = 0, i;

	for (i = 0; i < alen; i++)
		buf[n++] = t->saddr[i];
	for (i = 0; i < alen; i++)
		buf[n++] = t->daddr[i];
	if (t->ports) {
		buf[n++] = t->sport >> 8;
		buf[n++] = t->sport & 0xff;
		buf[n++] = t->dport >> 8;
		buf[n++] = t->dport & 0xff;
	}
	return n;
}

/**
 * e82574_rss_hash_tuple() - the hash the hardware computes for a flow
 * @key: E82574_RSS_KEY_SIZE-byte key in the order of e82574_rss_key_to_regs()
 * @t: flow
 *
 * Return: Toeplitz hash of the e82574_rss_tuple_input() bytes of @t.
 */
u32 e82574_rss_hash_tuple(const u8 *key, const struct e82574_rss_tuple *t)
{
	u8 buf[E82574_RSS_MAX_INPUT];
	u32 len;

	len = e82574_rss_tuple_input(t, buf);
	return e82574_rss_toeplitz(key, E82574_RSS_KEY_SIZE, buf, len);
}

/**
 * e82574_rss_hash_to_index() - table entry the hardware uses for a hash
 * @l: layout
 * @hash: RSS hash
 *
 * Return: the low log2(@l->entries) bits of @hash (bits 6:0 on the 82574).
 */
u32 e82574_rss_hash_to_index(const struct e82574_rss_layout *l, u32 hash)
{
	return hash & (l->entries - 1);
}

/**
 * e82574_rss_hash_to_queue() - queue the hardware picks for a hash
 * @l: layout
 * @tbl: table of @l->entries queue numbers
 * @hash: RSS hash
 *
 * Return: the queue field of entry e82574_rss_hash_to_index(@l, @hash).
 */
u32 e82574_rss_hash_to_queue(const struct e82574_rss_layout *l,
			     const u32 *tbl, u32 hash)
{
	return tbl[e82574_rss_hash_to_index(l, hash)] &
	       e82574_rss_queue_mask(l);
}

/*
 * The self-test's RSS loopback: one flow for every table entry, and the
 * check of each frame that comes back.
 */

/* The 16 bits a cover varies: the source port, or the address's last two. */
static void e82574_rss_cover_set(struct e82574_rss_tuple *t, u32 v)
{
	u32 alen = t->ipv6 ? 16 : 4;

	if (t->ports) {
		t->sport = v;
	} else {
		t->saddr[alen - 2] = v >> 8;
		t->saddr[alen - 1] = v & 0xff;
	}
}

/**
 * e82574_rss_cover_entries() - find a flow for every table entry
 * @l: layout (its entry count says how many low hash bits index the table)
 * @key: E82574_RSS_KEY_SIZE-byte key, as the NIC holds it
 * @base: template flow: address family and whether ports are hashed
 * @c: result
 *
 * Flows are @base with one 16-bit field replaced: the source port when
 * @base->ports, otherwise the last two bytes of the source address.  The
 * values 0, 1, 2 ... are tried in turn and the first flow that lands on an
 * entry not reached yet is kept for it, until every entry is reached or
 * all 65536 values are tried.  The hash is linear in its input, so the
 * entries these 16 bits can reach are fixed by 22 consecutive key bits:
 * a key with no zero run there reaches all of them; the all-zero key
 * reaches entry 0 only.
 *
 * Return: the number of entries reached (@l->entries for any usable key).
 */
u32 e82574_rss_cover_entries(const struct e82574_rss_layout *l,
			     const u8 *key,
			     const struct e82574_rss_tuple *base,
			     struct e82574_rss_cover *c)
{
	struct e82574_rss_tuple t = *base;
	u32 v, hash, idx;

	bitmap_zero(c->reached, E82574_RSS_MAX_ENTRIES);
	c->nreached = 0;
	for (v = 0; v <= 0xffff && c->nreached < l->entries; v++) {
		e82574_rss_cover_set(&t, v);
		hash = e82574_rss_hash_tuple(key, &t);
		idx = e82574_rss_hash_to_index(l, hash);
		if (test_bit(idx, c->reached))
			continue;
		__set_bit(idx, c->reached);
		c->flows[idx] = t;
		c->hash[idx] = hash;
		c->nreached++;
	}
	return c->nreached;
}

/**
 * e82574_rss_lb_init() - start a loopback tally
 * @lb: tally, cleared
 */
void e82574_rss_lb_init(struct e82574_rss_lb *lb)
{
	memset(lb, 0, sizeof(*lb));
}

/**
 * e82574_rss_lb_check() - judge one looped-back frame
 * @l: layout
 * @tbl: the table the NIC holds (@l->entries queue numbers)
 * @c: the cover the frames were built from
 * @lb: tally, updated
 * @entry: the entry the frame was sent for (carried in its payload)
 * @hw_hash: the RSS hash the NIC reported for it
 * @queue: the queue it arrived on
 *
 * The frame passes if a flow was sent for @entry, no frame for @entry
 * passed before, @hw_hash is the software Toeplitz hash of the flow (so
 * it indexes @entry too) and @queue is the one @tbl names for @entry.
 *
 * Return: the verdict, also counted in @lb.
 */
enum e82574_rss_lb_verdict
e82574_rss_lb_check(const struct e82574_rss_layout *l, const u32 *tbl,
		    const struct e82574_rss_cover *c, struct e82574_rss_lb *lb,
		    u32 entry, u32 hw_hash, u32 queue)
{
	enum e82574_rss_lb_verdict v;

	if (entry >= l->entries || !test_bit(entry, c->reached))
		v = E82574_RSS_LB_UNKNOWN;
	else if (test_bit(entry, lb->seen))
		v = E82574_RSS_LB_DUP;
	else if (hw_hash != c->hash[entry])
		v = E82574_RSS_LB_HASH;
	else if (queue != e82574_rss_hash_to_queue(l, tbl, hw_hash))
		v = E82574_RSS_LB_QUEUE;
	else
		v = E82574_RSS_LB_OK;

	lb->verdicts[v]++;
	if (v == E82574_RSS_LB_OK) {
		__set_bit(entry, lb->seen);
		lb->nseen++;
		if (queue < E82574_RSS_MAX_QUEUES)
			lb->per_queue[queue]++;
	}
	return v;
}

/**
 * e82574_rss_lb_passed() - whether a loopback run proved the table
 * @c: the cover the frames were built from
 * @lb: the tally of the frames that came back
 *
 * Return: true if a frame for every entry of @c arrived and passed, and
 * no frame failed.
 */
bool e82574_rss_lb_passed(const struct e82574_rss_cover *c,
			  const struct e82574_rss_lb *lb)
{
	u32 v;

	for (v = E82574_RSS_LB_OK + 1; v < E82574_RSS_LB_VERDICTS; v++)
		if (lb->verdicts[v])
			return false;
	return lb->nseen == c->nreached &&
	       bitmap_equal(lb->seen, c->reached, E82574_RSS_MAX_ENTRIES);
}

/*
 * Used by the KUnit suites (which include this file) and not by the driver:
 * built only with them, so the module carries no code that only tests call.
 */
#if IS_ENABLED(CONFIG_E82574_KUNIT_TEST)

/**
 * e82574_rss_encode() - pack a table into redirection register values
 * @l: layout
 * @tbl: table of @l->entries queue numbers
 * @regs: e82574_rss_nregs(@l) register values, written
 */
void e82574_rss_encode(const struct e82574_rss_layout *l, const u32 *tbl,
		       u32 *regs)
{
	u32 r, nregs = e82574_rss_nregs(l);

	for (r = 0; r < nregs; r++)
		regs[r] = e82574_rss_encode_reg(l, tbl, r);
}

/**
 * e82574_rss_decode() - unpack redirection register values into a table
 * @l: layout
 * @regs: e82574_rss_nregs(@l) register values
 * @tbl: table of @l->entries queue numbers, written
 *
 * Only the queue field of each slot is read; the other bits are ignored as
 * the hardware ignores them.  The result is not checked against any queue
 * count.
 */
void e82574_rss_decode(const struct e82574_rss_layout *l, const u32 *regs,
		       u32 *tbl)
{
	u32 mask = e82574_rss_queue_mask(l);
	u32 i, slot;

	for (i = 0; i < l->entries; i++) {
		slot = i % l->entries_per_reg;
		tbl[i] = (regs[i / l->entries_per_reg] >>
			  e82574_rss_slot_shift(l, slot)) & mask;
	}
}

/**
 * e82574_rss_resize() - translate a table to another power-of-two size
 * @src: source table
 * @src_size: entries in @src
 * @dst: destination table, must not overlap @src
 * @dst_size: entries in @dst
 * @conflict_a: if not NULL, receives the first entry of a conflicting pair
 * @conflict_b: if not NULL, receives the second entry of a conflicting pair
 *
 * A table indexed with the low log2(size) bits of the hash sends every hash
 * to the same queue at both sizes when @dst[i] = @src[i % @src_size].
 * Expanding (@dst_size >= @src_size) always works and replicates the
 * pattern.  Compressing works only if @src repeats with period @dst_size;
 * otherwise the first pair of entries that would have to share one
 * destination entry but differ is reported: @conflict_a < @dst_size and
 * @conflict_b = @conflict_a + k * @dst_size, with @conflict_b the smallest
 * such index.  Both sizes must be powers of two no larger than
 * E82574_RSS_MAX_ENTRIES; for a bad size both conflict indices are set to
 * U32_MAX.  @dst is written only on success.
 *
 * Return: 0 on success, -EINVAL if a size is bad or compression is inexact.
 */
int e82574_rss_resize(const u32 *src, u32 src_size, u32 *dst, u32 dst_size,
		      u32 *conflict_a, u32 *conflict_b)
{
	u32 i, a;

	if (!e82574_rss_size_ok(src_size) || !e82574_rss_size_ok(dst_size)) {
		a = U32_MAX;
		i = U32_MAX;
		goto fail;
	}
	for (i = dst_size; i < src_size; i++) {
		a = i & (dst_size - 1);
		if (src[i] != src[a])
			goto fail;
	}
	for (i = 0; i < dst_size; i++)
		dst[i] = src[i & (src_size - 1)];
	return 0;

fail:
	if (conflict_a)
		*conflict_a = a;
	if (conflict_b)
		*conflict_b = i;
	return -EINVAL;
}

/**
 * e82574_rss_is_default() - whether a table is the default spread
 * @tbl: table
 * @size: entries in @tbl
 * @nqueues: queue count; 0 is treated as 1
 *
 * Return: true if @tbl equals what e82574_rss_fill_default() produces.
 */
bool e82574_rss_is_default(const u32 *tbl, u32 size, u32 nqueues)
{
	u32 i;

	if (!nqueues)
		nqueues = 1;
	for (i = 0; i < size; i++)
		if (tbl[i] != i % nqueues)
			return false;
	return true;
}

/**
 * e82574_rss_regs_to_key() - key bytes from RSSRK register values
 * @regs: E82574_RSS_KEY_REGS values
 * @key: E82574_RSS_KEY_SIZE bytes, written
 *
 * The inverse of e82574_rss_key_to_regs().
 */
void e82574_rss_regs_to_key(const u32 *regs, u8 *key)
{
	u32 i;

	for (i = 0; i < E82574_RSS_KEY_SIZE; i++)
		key[i] = (regs[i / 4] >> (8 * (i % 4))) & 0xff;
}

#endif /* CONFIG_E82574_KUNIT_TEST */
