// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target rss_moves: e82574_rss_compute_moves().
 *
 * Input: a layout (fixed or fuzzed, valid ones only are used), the table
 * the hardware holds and a requested table (in range, raw bytes or raw
 * words; the request either independent or the current table with a few
 * entries changed), and the previous content of the bits outside the
 * queue fields.
 *
 * Properties, against a naive recount:
 * - a register file holding the encoding of the current table (plus
 *   arbitrary bits outside the queue fields, which the glue does not
 *   read back but must not matter) ends up with exactly the encoding of
 *   the request after e82574_rss_encode_reg() is written to every dirty
 *   register, and only dirty registers changed;
 * - a register is dirty exactly when its encoding changes; no dirty bit
 *   beyond the layout's registers; ndirty is the number of dirty bits;
 * - the move list is exactly the entries whose queue field changes, in
 *   ascending order, with the old and new queue (whole queue fields:
 *   the u8 truncation this target found is fixed, its input is in the
 *   corpus);
 * - gained and lost per queue match a naive recount, and their sums
 *   match the moves that stay below E82574_RSS_MAX_QUEUES;
 * - an identical request gives no move and no dirty register.
 */

#include "e82574_rss_core.h"
#include "fuzz_common.h"

static void fill(struct fuzz_in *in, u32 *tbl, u32 n, u8 mode, u32 maxq)
{
	u32 i;

	for (i = 0; i < n; i++) {
		switch (mode % 3) {
		case 0:
			tbl[i] = in_u8(in) % maxq;
			break;
		case 1:
			tbl[i] = in_u8(in);
			break;
		default:
			tbl[i] = in_u32(in);
			break;
		}
	}
}

static void check(const struct e82574_rss_layout *l, const u32 *cur,
		  const u32 *req, const u32 *junk)
{
	u32 n = l->entries, nregs = e82574_rss_nregs(l);
	u32 mask = ref_field_mask(l);
	u32 gained[E82574_RSS_MAX_QUEUES] = { 0 };
	u32 lost[E82574_RSS_MAX_QUEUES] = { 0 };
	u32 i, k = 0, nd = 0, sum_g = 0, sum_l = 0, from, to;
	u32 *rc = fuzz_alloc(nregs * sizeof(u32));
	u32 *rr = fuzz_alloc(nregs * sizeof(u32));
	u32 *file = fuzz_alloc(nregs * sizeof(u32));
	struct e82574_rss_moves *m = fuzz_alloc(sizeof(*m));
	unsigned long r;

	/* stale content everywhere: compute_moves must overwrite it */
	memset(m, 0xa5, sizeof(*m));
	e82574_rss_compute_moves(l, cur, req, m);

	ref_encode(l, cur, rc);
	ref_encode(l, req, rr);
	for (i = 0; i < nregs; i++) {
		bool differs = rc[i] != rr[i];

		FUZZ_CHECK(test_bit(i, m->dirty) == differs,
			   "%s register %u dirty %d, encoding %s", l->name, i,
			   test_bit(i, m->dirty),
			   differs ? "changes" : "stays");
		nd += differs;
	}
	for (i = nregs; i < E82574_RSS_MAX_REGS; i++)
		FUZZ_CHECK(!test_bit(i, m->dirty),
			   "%s register %u beyond %u is dirty", l->name, i,
			   nregs);
	FUZZ_CHECK(m->ndirty == nd && nd ==
		   bitmap_weight(m->dirty, E82574_RSS_MAX_REGS),
		   "ndirty %u, expected %u", m->ndirty, nd);

	/* what the ethtool glue does to the hardware */
	for (i = 0; i < nregs; i++)
		file[i] = rc[i] | (junk[i] & ~mask);
	for_each_set_bit(r, m->dirty, nregs)
		file[r] = e82574_rss_encode_reg(l, req, r);
	for (i = 0; i < nregs; i++) {
		if (test_bit(i, m->dirty))
			FUZZ_CHECK(file[i] == rr[i],
				   "%s register %u: 0x%08x, expected 0x%08x",
				   l->name, i, file[i], rr[i]);
		else
			FUZZ_CHECK((file[i] & mask) == rr[i] &&
				   file[i] == (rc[i] | (junk[i] & ~mask)),
				   "%s clean register %u changed or wrong",
				   l->name, i);
	}

	for (i = 0; i < n; i++) {
		from = ref_field(l, cur[i]);
		to = ref_field(l, req[i]);
		if (from == to)
			continue;
		FUZZ_CHECK(k < m->nmoves, "%s: move %u (entry %u) missing",
			   l->name, k, i);
		FUZZ_CHECK(m->move[k].index == i && m->move[k].from == from &&
			   m->move[k].to == to,
			   "%s move %u: entry %u %u->%u, expected entry %u %u->%u",
			   l->name, k, m->move[k].index, m->move[k].from,
			   m->move[k].to, i, from, to);
		from = ref_field(l, cur[i]);
		to = ref_field(l, req[i]);
		if (from < E82574_RSS_MAX_QUEUES) {
			lost[from]++;
			sum_l++;
		}
		if (to < E82574_RSS_MAX_QUEUES) {
			gained[to]++;
			sum_g++;
		}
		k++;
	}
	FUZZ_CHECK(m->nmoves == k, "%s: %u moves, expected %u", l->name,
		   m->nmoves, k);
	for (i = 0; i < E82574_RSS_MAX_QUEUES; i++) {
		FUZZ_CHECK(m->gained[i] == gained[i] && m->lost[i] == lost[i],
			   "%s queue %u: gained %u lost %u, expected %u %u",
			   l->name, i, m->gained[i], m->lost[i], gained[i],
			   lost[i]);
		sum_g -= m->gained[i];
		sum_l -= m->lost[i];
	}
	FUZZ_CHECK(!sum_g && !sum_l, "gained/lost sums");

	/* nothing to do for an unchanged table */
	memset(m, 0x5a, sizeof(*m));
	e82574_rss_compute_moves(l, req, req, m);
	FUZZ_CHECK(!m->nmoves && !m->ndirty &&
		   bitmap_empty(m->dirty, E82574_RSS_MAX_REGS),
		   "%s: same table, %u moves, %u dirty", l->name, m->nmoves,
		   m->ndirty);
	for (i = 0; i < E82574_RSS_MAX_QUEUES; i++)
		FUZZ_CHECK(!m->gained[i] && !m->lost[i], "same table counts");

	free(rc);
	free(rr);
	free(file);
	free(m);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };
	struct e82574_rss_layout lbuf;
	const struct e82574_rss_layout *l;
	u32 *cur, *req, *junk, n, nregs, i, nchg, idx;
	u8 mode;

	l = fuzz_pick_layout(&in, &lbuf);
	if (!ref_layout_ok(l))
		return 0;
	n = l->entries;
	nregs = e82574_rss_nregs(l);
	/* exact sizes: an access past the layout's table is an ASan report */
	cur = fuzz_alloc(n * sizeof(u32));
	req = fuzz_alloc(n * sizeof(u32));
	junk = fuzz_alloc(nregs * sizeof(u32));

	mode = in_u8(&in);
	fill(&in, cur, n, mode, l->max_queues);
	if (mode & 0x80) {
		/* a few entries changed, as most ethtool -X calls do */
		memcpy(req, cur, n * sizeof(u32));
		nchg = in_u8(&in) % 16;
		for (i = 0; i < nchg; i++) {
			idx = in_u16(&in) % n;
			req[idx] = (mode >> 2) % 3 ? in_u32(&in) :
				   in_u8(&in) % l->max_queues;
		}
	} else {
		fill(&in, req, n, mode >> 2, l->max_queues);
	}
	if (mode & 0x40)
		for (i = 0; i < nregs; i++)
			junk[i] = in_u32(&in);

	check(l, cur, req, junk);
	free(cur);
	free(req);
	free(junk);
	return 0;
}
