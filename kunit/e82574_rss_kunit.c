// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the e82574 RSS core.
 *
 * The core source is included here, so the module under test is built from
 * exactly the file the driver links.  Every table operation is run against
 * the 82574 layout and several others (low-nibble queue ids, a table smaller
 * and one larger than the ethtool table, wide slots with the queue field in
 * the middle), and results are checked against deliberately naive reference
 * implementations and a fake register file that records every write.
 */

#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "e82574_rss_core.c"

#define SEED 0x82574u
#define NRAND 64

/* ------------------------------------------------------------------ */
/* Layouts                                                            */
/* ------------------------------------------------------------------ */

static const struct e82574_rss_layout layout_nibble = {
	.name = "nibble128", .entries = 128, .entries_per_reg = 8,
	.entry_bits = 4, .queue_shift = 0, .queue_bits = 4, .max_queues = 16,
};

static const struct e82574_rss_layout layout_small = {
	.name = "small64", .entries = 64, .entries_per_reg = 4,
	.entry_bits = 8, .queue_shift = 0, .queue_bits = 3, .max_queues = 8,
};

static const struct e82574_rss_layout layout_wide = {
	.name = "wide32", .entries = 32, .entries_per_reg = 2,
	.entry_bits = 16, .queue_shift = 5, .queue_bits = 3, .max_queues = 6,
};

static const struct e82574_rss_layout layout_big = {
	.name = "big512", .entries = 512, .entries_per_reg = 4,
	.entry_bits = 8, .queue_shift = 2, .queue_bits = 4, .max_queues = 16,
};

static const struct e82574_rss_layout layout_one = {
	.name = "one-per-reg16", .entries = 16, .entries_per_reg = 1,
	.entry_bits = 32, .queue_shift = 28, .queue_bits = 4, .max_queues = 16,
};

static const struct e82574_rss_layout *const layouts[] = {
	&e82574_rss_layout_82574,
	&layout_nibble,
	&layout_small,
	&layout_wide,
	&layout_big,
	&layout_one,
};

static void layout_desc(const struct e82574_rss_layout *const *l, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", (*l)->name);
}

KUNIT_ARRAY_PARAM(layout, layouts, layout_desc);

static const struct e82574_rss_layout *param_layout(struct kunit *test)
{
	return *(const struct e82574_rss_layout *const *)test->param_value;
}

/* ------------------------------------------------------------------ */
/* Helpers and reference implementations                              */
/* ------------------------------------------------------------------ */

static u32 *alloc_tbl(struct kunit *test)
{
	u32 *t = kunit_kcalloc(test, E82574_RSS_MAX_ENTRIES, sizeof(u32),
			       GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	return t;
}

static struct e82574_rss_moves *alloc_moves(struct kunit *test)
{
	struct e82574_rss_moves *m = kunit_kzalloc(test, sizeof(*m),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	return m;
}

static void random_tbl(struct rnd_state *rs, u32 *tbl, u32 size, u32 nq)
{
	u32 i;

	for (i = 0; i < size; i++)
		tbl[i] = prandom_u32_state(rs) % nq;
}

/* Bit-by-bit encoder: position of every queue bit computed from scratch. */
static void ref_encode(const struct e82574_rss_layout *l, const u32 *tbl,
		       u32 *regs)
{
	u32 i, b, pos;

	memset(regs, 0, sizeof(u32) * (l->entries / l->entries_per_reg));
	for (i = 0; i < l->entries; i++) {
		for (b = 0; b < l->queue_bits; b++) {
			if (!(tbl[i] & BIT(b)))
				continue;
			pos = (i % l->entries_per_reg) * l->entry_bits +
			      l->queue_shift + b;
			regs[i / l->entries_per_reg] |= BIT(pos);
		}
	}
}

/* Mask of all queue-field bits of one register. */
static u32 ref_field_mask(const struct e82574_rss_layout *l)
{
	u32 s, b, mask = 0;

	for (s = 0; s < l->entries_per_reg; s++)
		for (b = 0; b < l->queue_bits; b++)
			mask |= BIT(s * l->entry_bits + l->queue_shift + b);
	return mask;
}

/* Fake redirection register file that records every write. */
struct fake_reta {
	u32 nregs;
	u32 regs[E82574_RSS_MAX_REGS];
	u32 nwrites;
	u32 log_reg[2 * E82574_RSS_MAX_REGS];
	u32 log_val[2 * E82574_RSS_MAX_REGS];
	u32 overflow;
};

static struct fake_reta *fake_new(struct kunit *test,
				  const struct e82574_rss_layout *l,
				  const u32 *tbl)
{
	struct fake_reta *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->nregs = e82574_rss_nregs(l);
	e82574_rss_encode(l, tbl, f->regs);
	return f;
}

static void fake_wr(struct fake_reta *f, u32 reg, u32 val)
{
	if (f->nwrites < ARRAY_SIZE(f->log_reg)) {
		f->log_reg[f->nwrites] = reg;
		f->log_val[f->nwrites] = val;
	} else {
		f->overflow++;
	}
	f->nwrites++;
	if (reg < f->nregs)
		f->regs[reg] = val;
}

/* What the driver's glue does: write only the dirty registers. */
static void fake_apply(struct fake_reta *f, const struct e82574_rss_layout *l,
		       const u32 *req, const struct e82574_rss_moves *m)
{
	unsigned long r;

	for_each_set_bit(r, m->dirty, e82574_rss_nregs(l))
		fake_wr(f, r, e82574_rss_encode_reg(l, req, r));
}

/* Check @m against a naive recomputation from @cur and @req. */
static void check_moves(struct kunit *test, const struct e82574_rss_layout *l,
			const u32 *cur, const u32 *req,
			const struct e82574_rss_moves *m)
{
	u32 *rc = alloc_tbl(test), *rr = alloc_tbl(test);
	u32 gained[E82574_RSS_MAX_QUEUES] = {};
	u32 lost[E82574_RSS_MAX_QUEUES] = {};
	u32 nregs = e82574_rss_nregs(l);
	u32 i, k = 0, ndirty = 0, sum_g = 0, sum_l = 0;

	ref_encode(l, cur, rc);
	ref_encode(l, req, rr);
	for (i = 0; i < nregs; i++) {
		bool differs = rc[i] != rr[i];

		KUNIT_EXPECT_EQ_MSG(test, !!test_bit(i, m->dirty), differs,
				    "register %u", i);
		ndirty += differs;
	}
	for (i = nregs; i < E82574_RSS_MAX_REGS; i++)
		KUNIT_EXPECT_FALSE_MSG(test, test_bit(i, m->dirty),
				       "register %u beyond the table", i);
	KUNIT_EXPECT_EQ(test, m->ndirty, ndirty);
	KUNIT_EXPECT_EQ(test, m->ndirty,
			(u32)bitmap_weight(m->dirty, E82574_RSS_MAX_REGS));

	for (i = 0; i < l->entries; i++) {
		if (cur[i] == req[i])
			continue;
		gained[req[i]]++;
		lost[cur[i]]++;
		if (k < m->nmoves) {
			KUNIT_EXPECT_EQ(test, (u32)m->move[k].index, i);
			KUNIT_EXPECT_EQ(test, (u32)m->move[k].from, cur[i]);
			KUNIT_EXPECT_EQ(test, (u32)m->move[k].to, req[i]);
		}
		k++;
	}
	KUNIT_EXPECT_EQ(test, m->nmoves, k);
	for (i = 0; i < E82574_RSS_MAX_QUEUES; i++) {
		KUNIT_EXPECT_EQ_MSG(test, m->gained[i], gained[i],
				    "queue %u", i);
		KUNIT_EXPECT_EQ_MSG(test, m->lost[i], lost[i], "queue %u", i);
		sum_g += m->gained[i];
		sum_l += m->lost[i];
	}
	KUNIT_EXPECT_EQ(test, sum_g, m->nmoves);
	KUNIT_EXPECT_EQ(test, sum_l, m->nmoves);
}

/* ------------------------------------------------------------------ */
/* Suite e82574_rss_layout: layouts, encode, decode                   */
/* ------------------------------------------------------------------ */

static void layout_82574_facts(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;

	KUNIT_EXPECT_EQ(test, e82574_rss_layout_check(l), 0);
	KUNIT_EXPECT_EQ(test, l->entries, 128u);
	KUNIT_EXPECT_EQ(test, l->entries, (u32)E82574_RSS_INDIR_SIZE);
	KUNIT_EXPECT_EQ(test, l->entries_per_reg, 4u);
	KUNIT_EXPECT_EQ(test, l->entry_bits, 8u);
	KUNIT_EXPECT_EQ(test, l->queue_shift, 7u);
	KUNIT_EXPECT_EQ(test, l->queue_bits, 1u);
	KUNIT_EXPECT_EQ(test, l->max_queues, 2u);
	KUNIT_EXPECT_EQ(test, e82574_rss_nregs(l), 32u);
	KUNIT_EXPECT_EQ(test, ref_field_mask(l), 0x80808080u);
}

static void layout_check_valid(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);

	KUNIT_EXPECT_EQ(test, e82574_rss_layout_check(l), 0);
	KUNIT_EXPECT_LE(test, e82574_rss_nregs(l), (u32)E82574_RSS_MAX_REGS);
	KUNIT_EXPECT_EQ(test, e82574_rss_nregs(l) * l->entries_per_reg,
			l->entries);
}

static const struct e82574_rss_layout bad_layouts[] = {
	{ .name = "zero entries", 0, 4, 8, 7, 1, 2 },
	{ .name = "entries not power of two", 96, 4, 8, 7, 1, 2 },
	{ .name = "entries too many", 1024, 4, 8, 7, 1, 2 },
	{ .name = "zero per reg", 128, 0, 8, 7, 1, 2 },
	{ .name = "slots exceed 32 bits", 128, 8, 8, 0, 4, 2 },
	{ .name = "entries not multiple of per reg", 128, 3, 8, 0, 4, 2 },
	{ .name = "queue field past slot", 128, 4, 8, 7, 2, 2 },
	{ .name = "zero queue bits", 128, 4, 8, 0, 0, 1 },
	{ .name = "queues exceed field", 128, 4, 8, 7, 1, 3 },
	{ .name = "queues exceed max", 128, 4, 8, 0, 8, 17 },
	{ .name = "zero queues", 128, 4, 8, 7, 1, 0 },
	{ .name = "zero entry bits", 128, 4, 0, 0, 1, 1 },
};

static void bad_layout_desc(const struct e82574_rss_layout *l, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", l->name);
}

KUNIT_ARRAY_PARAM(bad_layout, bad_layouts, bad_layout_desc);

static void layout_check_rejects(struct kunit *test)
{
	const struct e82574_rss_layout *l = test->param_value;
	u32 tbl[1] = { 0 };
	char msg[E82574_RSS_MSG_LEN];

	KUNIT_EXPECT_EQ(test, e82574_rss_layout_check(l), -EINVAL);
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 1, 1, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "invalid RSS register layout");
}

/* Facts checked against QEMU: see hw-82574-qemu.md section 4.4. */
static void encode_82574_known_words(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test);
	u32 i;

	e82574_rss_fill_default(tbl, 128, 2);
	e82574_rss_encode(l, tbl, regs);
	for (i = 0; i < 32; i++)
		KUNIT_EXPECT_EQ_MSG(test, regs[i], 0x80008000u, "RETA[%u]", i);

	e82574_rss_fill_default(tbl, 128, 1);
	tbl[120] = 1;
	e82574_rss_encode(l, tbl, regs);
	KUNIT_EXPECT_EQ(test, regs[30], 0x00000080u);
	tbl[120] = 0;
	tbl[123] = 1;
	tbl[5] = 1;
	e82574_rss_encode(l, tbl, regs);
	KUNIT_EXPECT_EQ(test, regs[30], 0x80000000u);
	KUNIT_EXPECT_EQ(test, regs[1], 0x00008000u);
	for (i = 0; i < 32; i++)
		if (i != 1 && i != 30)
			KUNIT_EXPECT_EQ_MSG(test, regs[i], 0u, "RETA[%u]", i);
}

static void decode_82574_ignores_low_bits(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test);
	u32 i;

	regs[26] = 0x00400000;	/* entry 106: only bit 6 -> queue 0 */
	regs[30] = 0x7f7f7fff;	/* entry 120: bit 7 -> queue 1 */
	e82574_rss_decode(l, regs, tbl);
	for (i = 0; i < 128; i++)
		KUNIT_EXPECT_EQ_MSG(test, tbl[i], i == 120 ? 1u : 0u,
				    "entry %u", i);
}

static void encode_matches_reference(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test);
	u32 *ref = alloc_tbl(test);
	struct rnd_state rs;
	u32 n, i, nregs = e82574_rss_nregs(l);

	prandom_seed_state(&rs, SEED);
	for (n = 0; n < NRAND; n++) {
		random_tbl(&rs, tbl, l->entries, l->max_queues);
		e82574_rss_encode(l, tbl, regs);
		ref_encode(l, tbl, ref);
		KUNIT_ASSERT_MEMEQ(test, regs, ref, nregs * sizeof(u32));
		for (i = 0; i < nregs; i++)
			KUNIT_ASSERT_EQ(test, e82574_rss_encode_reg(l, tbl, i),
					ref[i]);
	}
}

static void encode_decode_roundtrip(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test);
	u32 *back = alloc_tbl(test);
	struct rnd_state rs;
	u32 n;

	prandom_seed_state(&rs, SEED + 1);
	for (n = 0; n < NRAND; n++) {
		random_tbl(&rs, tbl, l->entries, l->max_queues);
		e82574_rss_encode(l, tbl, regs);
		e82574_rss_decode(l, regs, back);
		KUNIT_ASSERT_MEMEQ(test, back, tbl, l->entries * sizeof(u32));
	}
}

static void decode_encode_roundtrip(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test);
	u32 *back = alloc_tbl(test);
	u32 mask = ref_field_mask(l), nregs = e82574_rss_nregs(l);
	struct rnd_state rs;
	u32 n, i;

	prandom_seed_state(&rs, SEED + 2);
	for (n = 0; n < NRAND; n++) {
		/* arbitrary junk outside the queue fields must be dropped */
		for (i = 0; i < nregs; i++)
			regs[i] = prandom_u32_state(&rs);
		e82574_rss_decode(l, regs, tbl);
		for (i = 0; i < l->entries; i++)
			KUNIT_ASSERT_LT(test, tbl[i], BIT(l->queue_bits));
		e82574_rss_encode(l, tbl, back);
		for (i = 0; i < nregs; i++)
			KUNIT_ASSERT_EQ(test, back[i], regs[i] & mask);
	}
}

static void encode_only_queue_field(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test);
	u32 mask = ref_field_mask(l), nregs = e82574_rss_nregs(l);
	u32 i;

	/* all ones: every queue field full, nothing else set */
	for (i = 0; i < l->entries; i++)
		tbl[i] = ~0u;
	e82574_rss_encode(l, tbl, regs);
	for (i = 0; i < nregs; i++)
		KUNIT_EXPECT_EQ_MSG(test, regs[i], mask, "register %u", i);
}

static void encode_single_bit_per_entry(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test);
	u32 nregs = e82574_rss_nregs(l);
	u32 i, r, bits;

	for (i = 0; i < l->entries; i++) {
		memset(tbl, 0, l->entries * sizeof(u32));
		tbl[i] = 1;
		e82574_rss_encode(l, tbl, regs);
		bits = 0;
		for (r = 0; r < nregs; r++)
			bits += hweight32(regs[r]);
		KUNIT_ASSERT_EQ_MSG(test, bits, 1u, "entry %u", i);
		KUNIT_ASSERT_EQ_MSG(test, regs[i / l->entries_per_reg],
				    (u32)BIT((i % l->entries_per_reg) *
					     l->entry_bits + l->queue_shift),
				    "entry %u", i);
	}
}

static struct kunit_case e82574_rss_layout_cases[] = {
	KUNIT_CASE(layout_82574_facts),
	KUNIT_CASE_PARAM(layout_check_valid, layout_gen_params),
	KUNIT_CASE_PARAM(layout_check_rejects, bad_layout_gen_params),
	KUNIT_CASE(encode_82574_known_words),
	KUNIT_CASE(decode_82574_ignores_low_bits),
	KUNIT_CASE_PARAM(encode_matches_reference, layout_gen_params),
	KUNIT_CASE_PARAM(encode_decode_roundtrip, layout_gen_params),
	KUNIT_CASE_PARAM(decode_encode_roundtrip, layout_gen_params),
	KUNIT_CASE_PARAM(encode_only_queue_field, layout_gen_params),
	KUNIT_CASE_PARAM(encode_single_bit_per_entry, layout_gen_params),
	{}
};

static struct kunit_suite e82574_rss_layout_suite = {
	.name = "e82574_rss_layout",
	.test_cases = e82574_rss_layout_cases,
};

/* ------------------------------------------------------------------ */
/* Suite e82574_rss_validate                                          */
/* ------------------------------------------------------------------ */

static void validate_accepts_default(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	u32 *tbl = alloc_tbl(test);
	char msg[E82574_RSS_MSG_LEN] = "stale";
	u32 nq;

	for (nq = 1; nq <= l->max_queues; nq++) {
		e82574_rss_fill_default(tbl, l->entries, nq);
		KUNIT_EXPECT_EQ_MSG(test,
				    e82574_rss_validate(l, tbl, l->entries,
							nq, msg, sizeof(msg)),
				    0, "%u queues: %s", nq, msg);
		KUNIT_EXPECT_STREQ(test, msg, "");
	}
}

static void validate_entry_out_of_range(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 *tbl = alloc_tbl(test);
	char msg[E82574_RSS_MSG_LEN];

	e82574_rss_fill_default(tbl, 128, 2);
	tbl[5] = 3;
	tbl[9] = 2;
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 128, 2, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg,
			   "indirection table entry 5 points to queue 3, only queues 0-1 exist");

	tbl[5] = 1;
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 128, 2, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg,
			   "indirection table entry 9 points to queue 2, only queues 0-1 exist");
}

static void validate_entry_single_queue(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 *tbl = alloc_tbl(test);
	char msg[E82574_RSS_MSG_LEN];

	e82574_rss_fill_default(tbl, 128, 2);
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 128, 1, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg,
			   "indirection table entry 1 points to queue 1, only queue 0 exists");
	e82574_rss_fill_default(tbl, 128, 1);
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 128, 1, msg,
						  sizeof(msg)), 0);
}

static void validate_last_entry(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	u32 *tbl = alloc_tbl(test);
	char msg[E82574_RSS_MSG_LEN], want[E82574_RSS_MSG_LEN];
	u32 nq = l->max_queues;

	e82574_rss_fill_default(tbl, l->entries, nq);
	tbl[l->entries - 1] = nq;
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, l->entries, nq, msg,
						  sizeof(msg)), -EINVAL);
	if (nq == 1)
		snprintf(want, sizeof(want),
			 "indirection table entry %u points to queue %u, only queue 0 exists",
			 l->entries - 1, nq);
	else
		snprintf(want, sizeof(want),
			 "indirection table entry %u points to queue %u, only queues 0-%u exist",
			 l->entries - 1, nq, nq - 1);
	KUNIT_EXPECT_STREQ(test, msg, want);
}

static void validate_wrong_size(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	static const u32 sizes[] = { 0, 3, 100, 127, 129, 1024, 0x80000000 };
	u32 *tbl = alloc_tbl(test);
	char msg[E82574_RSS_MSG_LEN], want[E82574_RSS_MSG_LEN];
	u32 i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		KUNIT_EXPECT_EQ_MSG(test,
				    e82574_rss_validate(l, tbl, sizes[i], 2,
							msg, sizeof(msg)),
				    -EINVAL, "size %u", sizes[i]);
		snprintf(want, sizeof(want),
			 "indirection table has %u entries, must be a power of two up to 512",
			 sizes[i]);
		KUNIT_EXPECT_STREQ(test, msg, want);
	}
}

static void validate_queue_count(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 *tbl = alloc_tbl(test);
	char msg[E82574_RSS_MSG_LEN];

	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 128, 0, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "no receive queues to spread over");
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 128, 3, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg,
			   "3 queues in use, the redirection table addresses only 2");
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(&layout_nibble, tbl, 128, 16,
						  msg, sizeof(msg)), 0);
}

/* An ethtool table larger than the hardware must repeat with its period. */
static void validate_larger_table(struct kunit *test)
{
	const struct e82574_rss_layout *l = &layout_small;	/* 64 entries */
	u32 *tbl = alloc_tbl(test);
	char msg[E82574_RSS_MSG_LEN];

	e82574_rss_fill_default(tbl, 128, 4);
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 128, 4, msg,
						  sizeof(msg)), 0);
	tbl[70] = 3;	/* entry 6 holds 2 */
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 128, 4, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg,
			   "indirection table entries 6 and 70 differ but share hardware entry 6");
}

/* A smaller ethtool table is expanded, so any valid one is accepted. */
static void validate_smaller_table(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 *tbl = alloc_tbl(test);
	char msg[E82574_RSS_MSG_LEN];

	tbl[0] = 1;
	tbl[1] = 0;
	tbl[2] = 0;
	tbl[3] = 1;
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 4, 2, msg,
						  sizeof(msg)), 0);
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 1, 2, msg,
						  sizeof(msg)), 0);
}

/* Every message must fit the extack formatted-message buffer. */
static void validate_messages_fit(struct kunit *test)
{
	const struct e82574_rss_layout *l = &layout_big;
	u32 *tbl = alloc_tbl(test);
	char msg[128];

	e82574_rss_fill_default(tbl, 512, 16);
	tbl[511] = U32_MAX;
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 512, 16, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_LT(test, strlen(msg), (size_t)E82574_RSS_MSG_LEN);

	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, U32_MAX, 16, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_LT(test, strlen(msg), (size_t)E82574_RSS_MSG_LEN);

	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 512, U32_MAX, msg,
						  sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_LT(test, strlen(msg), (size_t)E82574_RSS_MSG_LEN);

	e82574_rss_fill_default(tbl, 512, 16);
	tbl[511] = 0;
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(&layout_one, tbl, 512, 16,
						  msg, sizeof(msg)), -EINVAL);
	KUNIT_EXPECT_STREQ(test, msg,
			   "indirection table entries 15 and 511 differ but share hardware entry 15");
	KUNIT_EXPECT_LT(test, strlen(msg), (size_t)E82574_RSS_MSG_LEN);

	/* no buffer, or a tiny one, must be safe */
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 3, 16, NULL, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 3, 16, msg, 1),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "");
	KUNIT_EXPECT_EQ(test, e82574_rss_validate(l, tbl, 3, 16, msg, 12),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, msg, "indirection");
}

static struct kunit_case e82574_rss_validate_cases[] = {
	KUNIT_CASE_PARAM(validate_accepts_default, layout_gen_params),
	KUNIT_CASE(validate_entry_out_of_range),
	KUNIT_CASE(validate_entry_single_queue),
	KUNIT_CASE_PARAM(validate_last_entry, layout_gen_params),
	KUNIT_CASE(validate_wrong_size),
	KUNIT_CASE(validate_queue_count),
	KUNIT_CASE(validate_larger_table),
	KUNIT_CASE(validate_smaller_table),
	KUNIT_CASE(validate_messages_fit),
	{}
};

static struct kunit_suite e82574_rss_validate_suite = {
	.name = "e82574_rss_validate",
	.test_cases = e82574_rss_validate_cases,
};

/* ------------------------------------------------------------------ */
/* Suite e82574_rss_default                                           */
/* ------------------------------------------------------------------ */

static const u32 queue_counts[] = { 1, 2, 3, 4, 5, 7, 8, 16 };

static void nq_desc(const u32 *nq, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u queues", *nq);
}

KUNIT_ARRAY_PARAM(nq, queue_counts, nq_desc);

static void default_spread(struct kunit *test)
{
	u32 nq = *(const u32 *)test->param_value;
	u32 *tbl = alloc_tbl(test);
	u32 i, count[E82574_RSS_MAX_QUEUES] = {};

	e82574_rss_fill_default(tbl, 128, nq);
	for (i = 0; i < 128; i++) {
		KUNIT_EXPECT_EQ(test, tbl[i], i % nq);
		count[tbl[i]]++;
	}
	/* every queue gets floor or ceil of 128 / nq entries */
	for (i = 0; i < nq; i++) {
		KUNIT_EXPECT_GE(test, count[i], 128 / nq);
		KUNIT_EXPECT_LE(test, count[i], (128 + nq - 1) / nq);
	}
	KUNIT_EXPECT_TRUE(test, e82574_rss_is_default(tbl, 128, nq));
}

static void default_detects_change(struct kunit *test)
{
	u32 nq = *(const u32 *)test->param_value;
	u32 *tbl = alloc_tbl(test);
	u32 i;

	for (i = 0; i < 128; i++) {
		e82574_rss_fill_default(tbl, 128, nq);
		tbl[i] = (tbl[i] + 1) % (nq + 1);
		KUNIT_EXPECT_FALSE_MSG(test,
				       e82574_rss_is_default(tbl, 128, nq),
				       "entry %u changed", i);
	}
}

static void default_other_counts(struct kunit *test)
{
	u32 *tbl = alloc_tbl(test);

	e82574_rss_fill_default(tbl, 128, 2);
	KUNIT_EXPECT_TRUE(test, e82574_rss_is_default(tbl, 128, 2));
	KUNIT_EXPECT_FALSE(test, e82574_rss_is_default(tbl, 128, 1));
	KUNIT_EXPECT_FALSE(test, e82574_rss_is_default(tbl, 128, 4));
	/* a prefix of a default table is a default table */
	KUNIT_EXPECT_TRUE(test, e82574_rss_is_default(tbl, 2, 2));
	KUNIT_EXPECT_TRUE(test, e82574_rss_is_default(tbl, 0, 4));
}

static void default_zero_queues(struct kunit *test)
{
	u32 *tbl = alloc_tbl(test);
	u32 i;

	for (i = 0; i < 128; i++)
		tbl[i] = 7;
	e82574_rss_fill_default(tbl, 128, 0);
	for (i = 0; i < 128; i++)
		KUNIT_EXPECT_EQ(test, tbl[i], 0u);
	KUNIT_EXPECT_TRUE(test, e82574_rss_is_default(tbl, 128, 0));
	KUNIT_EXPECT_TRUE(test, e82574_rss_is_default(tbl, 128, 1));
}

/* The default for 2 queues encodes as the FreeBSD (i % n) << 7 pattern. */
static void default_82574_encoding(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test), *back;
	u8 *bytes;
	u32 i;

	e82574_rss_fill_default(tbl, 128, 2);
	e82574_rss_encode(l, tbl, regs);
	bytes = kunit_kzalloc(test, 128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, bytes);
	for (i = 0; i < 128; i++)
		bytes[i] = (regs[i / 4] >> (8 * (i % 4))) & 0xff;
	for (i = 0; i < 128; i++)
		KUNIT_EXPECT_EQ(test, bytes[i], (u8)((i % 2) << 7));
	back = alloc_tbl(test);
	e82574_rss_decode(l, regs, back);
	KUNIT_EXPECT_TRUE(test, e82574_rss_is_default(back, 128, 2));
}

static struct kunit_case e82574_rss_default_cases[] = {
	KUNIT_CASE_PARAM(default_spread, nq_gen_params),
	KUNIT_CASE_PARAM(default_detects_change, nq_gen_params),
	KUNIT_CASE(default_other_counts),
	KUNIT_CASE(default_zero_queues),
	KUNIT_CASE(default_82574_encoding),
	{}
};

static struct kunit_suite e82574_rss_default_suite = {
	.name = "e82574_rss_default",
	.test_cases = e82574_rss_default_cases,
};

/* ------------------------------------------------------------------ */
/* Suite e82574_rss_resize                                            */
/* ------------------------------------------------------------------ */

struct resize_case {
	u32 src, dst;
};

static const struct resize_case resize_cases[] = {
	{ 128, 128 }, { 64, 128 }, { 128, 64 }, { 128, 512 }, { 512, 128 },
	{ 1, 128 }, { 128, 1 }, { 32, 256 }, { 256, 32 }, { 512, 16 },
};

static void resize_desc(const struct resize_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u to %u", c->src, c->dst);
}

KUNIT_ARRAY_PARAM(resize, resize_cases, resize_desc);

/* A table with period @period (a power of two): random base, replicated. */
static void periodic_tbl(struct rnd_state *rs, u32 *tbl, u32 size, u32 period)
{
	u32 i;

	random_tbl(rs, tbl, period, 16);
	for (i = period; i < size; i++)
		tbl[i] = tbl[i % period];
}

/* Any periodic table survives the trip and keeps every hash on its queue. */
static void resize_periodic_roundtrip(struct kunit *test)
{
	const struct resize_case *c = test->param_value;
	u32 *src = alloc_tbl(test), *dst = alloc_tbl(test);
	u32 *back = alloc_tbl(test);
	u32 period = min(c->src, c->dst), a = 1, b = 1, i, n, h;
	struct rnd_state rs;

	prandom_seed_state(&rs, SEED + c->src * 1000 + c->dst);
	for (n = 0; n < 16; n++) {
		periodic_tbl(&rs, src, c->src, period);
		KUNIT_ASSERT_EQ(test,
				e82574_rss_resize(src, c->src, dst, c->dst,
						  &a, &b), 0);
		for (i = 0; i < c->dst; i++)
			KUNIT_ASSERT_EQ(test, dst[i], src[i % c->src]);
		for (i = 0; i < 1024; i++) {
			h = prandom_u32_state(&rs);
			KUNIT_ASSERT_EQ(test, dst[h & (c->dst - 1)],
					src[h & (c->src - 1)]);
		}
		KUNIT_ASSERT_EQ(test, e82574_rss_resize(dst, c->dst, back,
							c->src, &a, &b), 0);
		KUNIT_ASSERT_MEMEQ(test, back, src, c->src * sizeof(u32));
	}
	/* conflict indices are left alone on success */
	KUNIT_EXPECT_EQ(test, a, 1u);
	KUNIT_EXPECT_EQ(test, b, 1u);
}

static void resize_expand_replicates(struct kunit *test)
{
	u32 *src = alloc_tbl(test), *dst = alloc_tbl(test);
	u32 i;

	for (i = 0; i < 64; i++)
		src[i] = (i * 7) % 5;
	KUNIT_ASSERT_EQ(test, e82574_rss_resize(src, 64, dst, 128, NULL, NULL),
			0);
	for (i = 0; i < 64; i++) {
		KUNIT_EXPECT_EQ(test, dst[i], src[i]);
		KUNIT_EXPECT_EQ(test, dst[i + 64], src[i]);
	}
	KUNIT_ASSERT_EQ(test, e82574_rss_resize(src, 4, dst, 512, NULL, NULL),
			0);
	for (i = 0; i < 512; i++)
		KUNIT_EXPECT_EQ(test, dst[i], src[i % 4]);
}

static void resize_compress_refused(struct kunit *test)
{
	u32 *src = alloc_tbl(test), *dst = alloc_tbl(test);
	u32 a = 0, b = 0, i;

	e82574_rss_fill_default(src, 128, 2);
	for (i = 0; i < 64; i++)
		dst[i] = 0xdead;
	src[100] = 0;		/* entry 36 holds 0: still periodic */
	src[101] = 0;		/* entry 37 holds 1: first conflict */
	src[127] = 0;		/* later conflict must not be reported */
	KUNIT_EXPECT_EQ(test, e82574_rss_resize(src, 128, dst, 64, &a, &b),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, a, 37u);
	KUNIT_EXPECT_EQ(test, b, 101u);
	for (i = 0; i < 64; i++)
		KUNIT_EXPECT_EQ_MSG(test, dst[i], 0xdeadu, "dst %u written", i);

	/* the first pair is the one with the smallest second index */
	src[101] = 1;
	src[70] = 1;		/* entry 6 holds 0 */
	src[33] = 0;		/* entry 1 holds 1: (1, 33) when going to 32 */
	KUNIT_EXPECT_EQ(test, e82574_rss_resize(src, 128, dst, 32, &a, &b),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, a, 1u);
	KUNIT_EXPECT_EQ(test, b, 33u);
	KUNIT_EXPECT_EQ(test, e82574_rss_resize(src, 128, dst, 64, &a, &b),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, a, 6u);
	KUNIT_EXPECT_EQ(test, b, 70u);

	/* compressing to one entry needs a constant table */
	e82574_rss_fill_default(src, 128, 1);
	src[127] = 1;
	KUNIT_EXPECT_EQ(test, e82574_rss_resize(src, 128, dst, 1, &a, &b),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, a, 0u);
	KUNIT_EXPECT_EQ(test, b, 127u);
	KUNIT_EXPECT_EQ(test, e82574_rss_resize(src, 128, dst, 1, NULL, NULL),
			-EINVAL);
}

static void resize_bad_sizes(struct kunit *test)
{
	static const u32 bad[] = { 0, 3, 96, 1024 };
	u32 *src = alloc_tbl(test), *dst = alloc_tbl(test);
	u32 a, b, i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		a = 0;
		b = 0;
		KUNIT_EXPECT_EQ(test, e82574_rss_resize(src, bad[i], dst, 128,
							&a, &b), -EINVAL);
		KUNIT_EXPECT_EQ(test, a, U32_MAX);
		KUNIT_EXPECT_EQ(test, b, U32_MAX);
		KUNIT_EXPECT_EQ(test, e82574_rss_resize(src, 128, dst, bad[i],
							&a, &b), -EINVAL);
	}
}

/* Random tables against a straightforward periodicity check. */
static void resize_random_vs_reference(struct kunit *test)
{
	const struct resize_case *c = test->param_value;
	u32 *src = alloc_tbl(test), *dst = alloc_tbl(test);
	u32 a, b, i, j, n, ra, rb;
	struct rnd_state rs;
	bool ok;
	int ret;

	prandom_seed_state(&rs, SEED ^ (c->src << 16 | c->dst));
	for (n = 0; n < 32; n++) {
		/* mostly periodic, with a few random disturbances */
		periodic_tbl(&rs, src, c->src, min(c->src, c->dst));
		for (i = prandom_u32_state(&rs) % 3; i > 0; i--)
			src[prandom_u32_state(&rs) % c->src] =
				prandom_u32_state(&rs) % 16;
		ok = true;
		ra = 0;
		rb = 0;
		for (j = c->dst; j < c->src && ok; j++) {
			for (i = 0; i < c->dst; i++) {
				if (j % c->dst == i && src[j] != src[i]) {
					ok = false;
					ra = i;
					rb = j;
					break;
				}
			}
		}
		ret = e82574_rss_resize(src, c->src, dst, c->dst, &a, &b);
		KUNIT_ASSERT_EQ(test, ret, ok ? 0 : -EINVAL);
		if (!ok) {
			KUNIT_ASSERT_EQ(test, a, ra);
			KUNIT_ASSERT_EQ(test, b, rb);
		}
	}
}

static struct kunit_case e82574_rss_resize_cases[] = {
	KUNIT_CASE_PARAM(resize_periodic_roundtrip, resize_gen_params),
	KUNIT_CASE_PARAM(resize_random_vs_reference, resize_gen_params),
	KUNIT_CASE(resize_expand_replicates),
	KUNIT_CASE(resize_compress_refused),
	KUNIT_CASE(resize_bad_sizes),
	{}
};

static struct kunit_suite e82574_rss_resize_suite = {
	.name = "e82574_rss_resize",
	.test_cases = e82574_rss_resize_cases,
};

/* ------------------------------------------------------------------ */
/* Suite e82574_rss_moves: move lists, dirty registers, fake backend  */
/* ------------------------------------------------------------------ */

/* Apply @req over @cur through the fake backend and check the image. */
static void check_fake_apply(struct kunit *test,
			     const struct e82574_rss_layout *l,
			     const u32 *cur, const u32 *req,
			     const struct e82574_rss_moves *m)
{
	struct fake_reta *f = fake_new(test, l, cur);
	u32 *want = alloc_tbl(test), *before = alloc_tbl(test);
	u32 nregs = e82574_rss_nregs(l), i, j;

	memcpy(before, f->regs, nregs * sizeof(u32));
	e82574_rss_encode(l, req, want);
	fake_apply(f, l, req, m);

	KUNIT_EXPECT_MEMEQ(test, f->regs, want, nregs * sizeof(u32));
	KUNIT_EXPECT_EQ(test, f->nwrites, m->ndirty);
	KUNIT_EXPECT_EQ(test, f->overflow, 0u);
	for (i = 0; i < f->nwrites && i < ARRAY_SIZE(f->log_reg); i++) {
		KUNIT_EXPECT_LT(test, f->log_reg[i], nregs);
		if (f->log_reg[i] >= nregs)
			continue;
		/* every write changes the register ... */
		KUNIT_EXPECT_NE_MSG(test, f->log_val[i], before[f->log_reg[i]],
				    "useless write to register %u",
				    f->log_reg[i]);
		/* ... and no register is written twice */
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_NE(test, f->log_reg[j], f->log_reg[i]);
	}
}

static void moves_noop(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_moves *m = alloc_moves(test);
	u32 *cur = alloc_tbl(test), *req = alloc_tbl(test);
	struct rnd_state rs;
	struct fake_reta *f;
	u32 i;

	prandom_seed_state(&rs, SEED + 3);
	random_tbl(&rs, cur, l->entries, l->max_queues);
	memcpy(req, cur, l->entries * sizeof(u32));
	/* garbage left from an earlier call must be cleared */
	memset(m, 0xa5, sizeof(*m));
	e82574_rss_compute_moves(l, cur, req, m);
	KUNIT_EXPECT_EQ(test, m->nmoves, 0u);
	KUNIT_EXPECT_EQ(test, m->ndirty, 0u);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(m->dirty, E82574_RSS_MAX_REGS));
	for (i = 0; i < E82574_RSS_MAX_QUEUES; i++) {
		KUNIT_EXPECT_EQ(test, m->gained[i], 0u);
		KUNIT_EXPECT_EQ(test, m->lost[i], 0u);
	}
	f = fake_new(test, l, cur);
	fake_apply(f, l, req, m);
	KUNIT_EXPECT_EQ(test, f->nwrites, 0u);
}

static void moves_single_entry(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_moves *m = alloc_moves(test);
	u32 *cur = alloc_tbl(test), *req = alloc_tbl(test);
	u32 idx[] = { 0, 1, l->entries_per_reg - 1, l->entries_per_reg,
		      l->entries / 2 + 1, l->entries - 1 };
	u32 nq = l->max_queues, i, k, from, to;

	for (k = 0; k < ARRAY_SIZE(idx); k++) {
		i = idx[k];
		e82574_rss_fill_default(cur, l->entries, nq);
		memcpy(req, cur, l->entries * sizeof(u32));
		from = cur[i];
		to = (from + 1) % nq;
		req[i] = to;
		e82574_rss_compute_moves(l, cur, req, m);
		KUNIT_ASSERT_EQ_MSG(test, m->nmoves, 1u, "entry %u", i);
		KUNIT_EXPECT_EQ(test, (u32)m->move[0].index, i);
		KUNIT_EXPECT_EQ(test, (u32)m->move[0].from, from);
		KUNIT_EXPECT_EQ(test, (u32)m->move[0].to, to);
		KUNIT_EXPECT_EQ(test, m->ndirty, 1u);
		KUNIT_EXPECT_TRUE(test, test_bit(i / l->entries_per_reg,
						 m->dirty));
		KUNIT_EXPECT_EQ(test, m->gained[to], 1u);
		KUNIT_EXPECT_EQ(test, m->lost[from], 1u);
		check_moves(test, l, cur, req, m);
		check_fake_apply(test, l, cur, req, m);
	}
}

static void moves_full_rewrite(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_moves *m = alloc_moves(test);
	u32 *cur = alloc_tbl(test), *req = alloc_tbl(test);
	u32 nregs = e82574_rss_nregs(l), i;

	e82574_rss_fill_default(cur, l->entries, 1);
	for (i = 0; i < l->entries; i++)
		req[i] = l->max_queues - 1;
	e82574_rss_compute_moves(l, cur, req, m);
	KUNIT_EXPECT_EQ(test, m->nmoves, l->entries);
	KUNIT_EXPECT_EQ(test, m->ndirty, nregs);
	KUNIT_EXPECT_EQ(test, m->lost[0], l->entries);
	KUNIT_EXPECT_EQ(test, m->gained[l->max_queues - 1], l->entries);
	KUNIT_EXPECT_EQ(test, (u32)bitmap_weight(m->dirty, E82574_RSS_MAX_REGS),
			nregs);
	check_moves(test, l, cur, req, m);
	check_fake_apply(test, l, cur, req, m);
}

/* Swap queues 0 and 1 in an alternating table: everything moves. */
static void moves_alternating_swap(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_moves *m = alloc_moves(test);
	u32 *cur = alloc_tbl(test), *req = alloc_tbl(test);
	u32 i;

	for (i = 0; i < l->entries; i++) {
		cur[i] = i % 2;
		req[i] = (i + 1) % 2;
	}
	e82574_rss_compute_moves(l, cur, req, m);
	KUNIT_EXPECT_EQ(test, m->nmoves, l->entries);
	KUNIT_EXPECT_EQ(test, m->ndirty, e82574_rss_nregs(l));
	KUNIT_EXPECT_EQ(test, m->gained[0], l->entries / 2);
	KUNIT_EXPECT_EQ(test, m->gained[1], l->entries / 2);
	KUNIT_EXPECT_EQ(test, m->lost[0], l->entries / 2);
	KUNIT_EXPECT_EQ(test, m->lost[1], l->entries / 2);
	check_moves(test, l, cur, req, m);
	check_fake_apply(test, l, cur, req, m);
}

/* Change only the entries of every other register. */
static void moves_alternating_registers(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_moves *m = alloc_moves(test);
	u32 *cur = alloc_tbl(test), *req = alloc_tbl(test);
	u32 nregs = e82574_rss_nregs(l), i, r;

	e82574_rss_fill_default(cur, l->entries, 1);
	for (i = 0; i < l->entries; i++)
		req[i] = (i / l->entries_per_reg) % 2;
	e82574_rss_compute_moves(l, cur, req, m);
	KUNIT_EXPECT_EQ(test, m->ndirty, nregs / 2);
	for (r = 0; r < nregs; r++)
		KUNIT_EXPECT_EQ_MSG(test, !!test_bit(r, m->dirty), r % 2 == 1,
				    "register %u", r);
	KUNIT_EXPECT_EQ(test, m->nmoves, l->entries / 2);
	check_moves(test, l, cur, req, m);
	check_fake_apply(test, l, cur, req, m);
}

/* Going from 1 to n queues (and back) moves exactly the expected entries. */
static void moves_default_grow_shrink(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_moves *m = alloc_moves(test);
	u32 *cur = alloc_tbl(test), *req = alloc_tbl(test);
	u32 n = l->max_queues, q;

	e82574_rss_fill_default(cur, l->entries, 1);
	e82574_rss_fill_default(req, l->entries, n);
	e82574_rss_compute_moves(l, cur, req, m);
	KUNIT_EXPECT_EQ(test, m->nmoves, l->entries - l->entries / n -
			(l->entries % n ? 1 : 0));
	for (q = 1; q < n; q++)
		KUNIT_EXPECT_EQ(test, m->gained[q],
				l->entries / n + (q < l->entries % n ? 1 : 0));
	check_moves(test, l, cur, req, m);
	check_fake_apply(test, l, cur, req, m);

	e82574_rss_compute_moves(l, req, cur, m);
	KUNIT_EXPECT_EQ(test, m->gained[0], m->nmoves);
	check_moves(test, l, req, cur, m);
	check_fake_apply(test, l, req, cur, m);
}

/* Randomized tables (fixed seed) against the reference and the fake. */
static void moves_random_vs_reference(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_moves *m = alloc_moves(test);
	u32 *cur = alloc_tbl(test), *req = alloc_tbl(test);
	struct rnd_state rs;
	u32 n, i, k;

	prandom_seed_state(&rs, SEED + 4);
	for (n = 0; n < NRAND; n++) {
		random_tbl(&rs, cur, l->entries, l->max_queues);
		memcpy(req, cur, l->entries * sizeof(u32));
		/* from a few changed entries up to a completely new table */
		k = prandom_u32_state(&rs) % (l->entries + 1);
		for (i = 0; i < k; i++)
			req[prandom_u32_state(&rs) % l->entries] =
				prandom_u32_state(&rs) % l->max_queues;
		e82574_rss_compute_moves(l, cur, req, m);
		check_moves(test, l, cur, req, m);
		check_fake_apply(test, l, cur, req, m);
	}
}

/* A chain of updates through one register file never drifts. */
static void moves_fake_backend_chain(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_moves *m = alloc_moves(test);
	u32 *cur = alloc_tbl(test), *req = alloc_tbl(test);
	u32 *want = alloc_tbl(test), *hw = alloc_tbl(test);
	u32 nregs = e82574_rss_nregs(l), n, i, total = 0;
	struct fake_reta *f;
	struct rnd_state rs;

	prandom_seed_state(&rs, SEED + 5);
	e82574_rss_fill_default(cur, l->entries, l->max_queues);
	f = fake_new(test, l, cur);
	for (n = 0; n < NRAND; n++) {
		memcpy(req, cur, l->entries * sizeof(u32));
		for (i = prandom_u32_state(&rs) % 8; i > 0; i--)
			req[prandom_u32_state(&rs) % l->entries] =
				prandom_u32_state(&rs) % l->max_queues;
		e82574_rss_compute_moves(l, cur, req, m);
		f->nwrites = 0;
		fake_apply(f, l, req, m);
		total += f->nwrites;
		KUNIT_ASSERT_EQ(test, f->nwrites, m->ndirty);
		e82574_rss_encode(l, req, want);
		KUNIT_ASSERT_MEMEQ(test, f->regs, want, nregs * sizeof(u32));
		/* reading the hardware back gives the requested table */
		e82574_rss_decode(l, f->regs, hw);
		KUNIT_ASSERT_MEMEQ(test, hw, req, l->entries * sizeof(u32));
		memcpy(cur, req, l->entries * sizeof(u32));
	}
	KUNIT_EXPECT_GT(test, total, 0u);
}

static struct kunit_case e82574_rss_moves_cases[] = {
	KUNIT_CASE_PARAM(moves_noop, layout_gen_params),
	KUNIT_CASE_PARAM(moves_single_entry, layout_gen_params),
	KUNIT_CASE_PARAM(moves_full_rewrite, layout_gen_params),
	KUNIT_CASE_PARAM(moves_alternating_swap, layout_gen_params),
	KUNIT_CASE_PARAM(moves_alternating_registers, layout_gen_params),
	KUNIT_CASE_PARAM(moves_default_grow_shrink, layout_gen_params),
	KUNIT_CASE_PARAM(moves_random_vs_reference, layout_gen_params),
	KUNIT_CASE_PARAM(moves_fake_backend_chain, layout_gen_params),
	{}
};

static struct kunit_suite e82574_rss_moves_suite = {
	.name = "e82574_rss_moves",
	.test_cases = e82574_rss_moves_cases,
};

/* ------------------------------------------------------------------ */
/* Suite e82574_rss_toeplitz: Microsoft verification vectors, key regs */
/* ------------------------------------------------------------------ */

static const u8 ms_key[E82574_RSS_KEY_SIZE] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

struct toeplitz_vec {
	const char *name;
	bool ipv6;
	u8 saddr[16];
	u8 daddr[16];
	u16 sport;
	u16 dport;
	u32 hash_addr;
	u32 hash_ports;
};

static const struct toeplitz_vec ms_ipv4[] = {
	{ "66.9.149.187:2794 -> 161.142.100.80:1766", false,
	  { 66, 9, 149, 187 }, { 161, 142, 100, 80 }, 2794, 1766,
	  0x323e8fc2, 0x51ccc178 },
	{ "199.92.111.2:14230 -> 65.69.140.83:4739", false,
	  { 199, 92, 111, 2 }, { 65, 69, 140, 83 }, 14230, 4739,
	  0xd718262a, 0xc626b0ea },
	{ "24.19.198.95:12898 -> 12.22.207.184:38024", false,
	  { 24, 19, 198, 95 }, { 12, 22, 207, 184 }, 12898, 38024,
	  0xd2d0a5de, 0x5c2b394a },
	{ "38.27.205.30:48228 -> 209.142.163.6:2217", false,
	  { 38, 27, 205, 30 }, { 209, 142, 163, 6 }, 48228, 2217,
	  0x82989176, 0xafc7327f },
	{ "153.39.163.191:44251 -> 202.188.127.2:1303", false,
	  { 153, 39, 163, 191 }, { 202, 188, 127, 2 }, 44251, 1303,
	  0x5d1809c5, 0x10e828a2 },
};

static const struct toeplitz_vec ms_ipv6[] = {
	{ "3ffe:2501:200:1fff::7.2794 -> 3ffe:2501:200:3::1.1766", true,
	  { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x1f, 0xff,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07 },
	  { 0x3f, 0xfe, 0x25, 0x01, 0x02, 0x00, 0x00, 0x03,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 },
	  2794, 1766, 0x2cc18cd5, 0x40207d3d },
	{ "3ffe:501:8::260:97ff:fe40:efab.14230 -> ff02::1.4739", true,
	  { 0x3f, 0xfe, 0x05, 0x01, 0x00, 0x08, 0x00, 0x00,
	    0x02, 0x60, 0x97, 0xff, 0xfe, 0x40, 0xef, 0xab },
	  { 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 },
	  14230, 4739, 0x0f0c461c, 0xdde51bbf },
	{
	  "3ffe:1900:4545:3:200:f8ff:fe21:67cf.44251 -> fe80::200:f8ff:fe21:67cf.38024",
	  true,
	  { 0x3f, 0xfe, 0x19, 0x00, 0x45, 0x45, 0x00, 0x03,
	    0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  { 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x02, 0x00, 0xf8, 0xff, 0xfe, 0x21, 0x67, 0xcf },
	  44251, 38024, 0x4b61e985, 0x02d1feef },
};

static void vec_desc(const struct toeplitz_vec *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", v->name);
}

KUNIT_ARRAY_PARAM(ms_ipv4, ms_ipv4, vec_desc);
KUNIT_ARRAY_PARAM(ms_ipv6, ms_ipv6, vec_desc);

static void vec_tuple(const struct toeplitz_vec *v, bool ports,
		      struct e82574_rss_tuple *t)
{
	memset(t, 0, sizeof(*t));
	t->ipv6 = v->ipv6;
	t->ports = ports;
	memcpy(t->saddr, v->saddr, sizeof(t->saddr));
	memcpy(t->daddr, v->daddr, sizeof(t->daddr));
	t->sport = v->sport;
	t->dport = v->dport;
}

static void check_vec(struct kunit *test, bool ports)
{
	const struct toeplitz_vec *v = test->param_value;
	struct e82574_rss_tuple t;
	u32 want = ports ? v->hash_ports : v->hash_addr;

	vec_tuple(v, ports, &t);
	KUNIT_EXPECT_EQ_MSG(test, e82574_rss_hash_tuple(ms_key, &t), want,
			    "%s%s", v->name, ports ? " with ports" : "");
}

static void toeplitz_ms_ipv4(struct kunit *test)
{
	check_vec(test, false);
}

static void toeplitz_ms_ipv4_tcp(struct kunit *test)
{
	check_vec(test, true);
}

static void toeplitz_ms_ipv6(struct kunit *test)
{
	check_vec(test, false);
}

static void toeplitz_ms_ipv6_tcp(struct kunit *test)
{
	check_vec(test, true);
}

/* The hash input bytes: addresses then ports, network byte order. */
static void toeplitz_tuple_input(struct kunit *test)
{
	static const u8 want4[] = { 66, 9, 149, 187, 161, 142, 100, 80,
				    0x0a, 0xea, 0x06, 0xe6 };
	u8 buf[E82574_RSS_MAX_INPUT];
	struct e82574_rss_tuple t;

	vec_tuple(&ms_ipv4[0], true, &t);
	KUNIT_ASSERT_EQ(test, e82574_rss_tuple_input(&t, buf), 12u);
	KUNIT_EXPECT_MEMEQ(test, buf, want4, sizeof(want4));
	t.ports = false;
	KUNIT_EXPECT_EQ(test, e82574_rss_tuple_input(&t, buf), 8u);
	vec_tuple(&ms_ipv6[0], true, &t);
	KUNIT_ASSERT_EQ(test, e82574_rss_tuple_input(&t, buf), 36u);
	KUNIT_EXPECT_MEMEQ(test, buf, ms_ipv6[0].saddr, 16);
	KUNIT_EXPECT_MEMEQ(test, buf + 16, ms_ipv6[0].daddr, 16);
	KUNIT_EXPECT_EQ(test, buf[32], 0x0a);
	KUNIT_EXPECT_EQ(test, buf[35], 0xe6);
	t.ports = false;
	KUNIT_EXPECT_EQ(test, e82574_rss_tuple_input(&t, buf), 32u);
}

/* Toeplitz is linear over XOR; the empty input and zero key hash to 0. */
static void toeplitz_properties(struct kunit *test)
{
	static const u8 zero_key[E82574_RSS_KEY_SIZE];
	u8 a[E82574_RSS_MAX_INPUT] = {}, b[E82574_RSS_MAX_INPUT];
	u8 c[E82574_RSS_MAX_INPUT];
	struct rnd_state rs;
	u32 n, i;

	KUNIT_EXPECT_EQ(test, e82574_rss_toeplitz(ms_key, 40, a, 0), 0u);
	prandom_seed_state(&rs, SEED + 6);
	for (n = 0; n < NRAND; n++) {
		for (i = 0; i < sizeof(a); i++) {
			a[i] = prandom_u32_state(&rs);
			b[i] = prandom_u32_state(&rs);
			c[i] = a[i] ^ b[i];
		}
		KUNIT_EXPECT_EQ(test, e82574_rss_toeplitz(ms_key, 40, c, 36),
				e82574_rss_toeplitz(ms_key, 40, a, 36) ^
				e82574_rss_toeplitz(ms_key, 40, b, 36));
		KUNIT_EXPECT_EQ(test, e82574_rss_toeplitz(zero_key, 40, a, 36),
				0u);
	}
	/* a single leading one bit selects the first 32 key bits */
	memset(a, 0, sizeof(a));
	a[0] = 0x80;
	KUNIT_EXPECT_EQ(test, e82574_rss_toeplitz(ms_key, 40, a, 36),
			0x6d5a56dau);
	/* bit 8 selects key bits 8..39 */
	a[0] = 0;
	a[1] = 0x80;
	KUNIT_EXPECT_EQ(test, e82574_rss_toeplitz(ms_key, 40, a, 36),
			0x5a56da25u);
	/* bit 287 selects key bits 287..318: 3b be ac 01 fa >> 1 */
	a[1] = 0;
	a[35] = 0x01;
	KUNIT_EXPECT_EQ(test, e82574_rss_toeplitz(ms_key, 40, a, 36),
			0xdf5600fdu);
	/* key bits past the key count as zero: 3b be ac 01 00 >> 1 */
	KUNIT_EXPECT_EQ(test, e82574_rss_toeplitz(ms_key, 39, a, 36),
			0xdf560080u);
}

/* RSSRK values QEMU was seen to hash correctly with (hw doc 4.3). */
static void toeplitz_key_regs(struct kunit *test)
{
	static const u32 want[E82574_RSS_KEY_REGS] = {
		0xda565a6d, 0xc20e5b25, 0x3d256741, 0xb08fa343, 0xcb2bcad0,
		0xb4307bae, 0xa32dcb77, 0x0cf23080, 0x3bb7426a, 0xfa01acbe,
	};
	u32 regs[E82574_RSS_KEY_REGS];
	u8 key[E82574_RSS_KEY_SIZE];

	e82574_rss_key_to_regs(ms_key, regs);
	KUNIT_EXPECT_MEMEQ(test, regs, want, sizeof(want));
	memset(key, 0, sizeof(key));
	e82574_rss_regs_to_key(want, key);
	KUNIT_EXPECT_MEMEQ(test, key, ms_key, sizeof(key));
}

static void toeplitz_key_roundtrip(struct kunit *test)
{
	u32 regs[E82574_RSS_KEY_REGS], back_regs[E82574_RSS_KEY_REGS];
	u8 key[E82574_RSS_KEY_SIZE], back[E82574_RSS_KEY_SIZE];
	struct rnd_state rs;
	u32 n, i;

	prandom_seed_state(&rs, SEED + 7);
	for (n = 0; n < NRAND; n++) {
		for (i = 0; i < sizeof(key); i++)
			key[i] = prandom_u32_state(&rs);
		e82574_rss_key_to_regs(key, regs);
		for (i = 0; i < E82574_RSS_KEY_REGS; i++)
			KUNIT_ASSERT_EQ(test, regs[i],
					get_unaligned_le32(key + 4 * i));
		e82574_rss_regs_to_key(regs, back);
		KUNIT_ASSERT_MEMEQ(test, back, key, sizeof(key));
		for (i = 0; i < E82574_RSS_KEY_REGS; i++)
			regs[i] = prandom_u32_state(&rs);
		e82574_rss_regs_to_key(regs, back);
		e82574_rss_key_to_regs(back, back_regs);
		KUNIT_ASSERT_MEMEQ(test, back_regs, regs, sizeof(regs));
	}
}

/* hash -> index -> queue, with the QEMU-verified 82574 examples. */
static void toeplitz_hash_to_queue(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	u32 *tbl = alloc_tbl(test), *regs = alloc_tbl(test);
	struct e82574_rss_tuple t;
	u32 hash;

	vec_tuple(&ms_ipv4[0], true, &t);
	hash = e82574_rss_hash_tuple(ms_key, &t);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_index(l, hash), 120u);
	vec_tuple(&ms_ipv4[1], true, &t);
	hash = e82574_rss_hash_tuple(ms_key, &t);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_index(l, hash), 106u);

	/* RETA[30] = 0x80: entry 120 -> queue 1; RETA[26] bit 6 only */
	regs[30] = 0x00000080;
	regs[26] = 0x00400000;
	e82574_rss_decode(l, regs, tbl);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_queue(l, tbl, 0x51ccc178), 1u);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_queue(l, tbl, 0xc626b0ea), 0u);

	/* default 2-queue spread: the queue is hash bit 0 */
	e82574_rss_fill_default(tbl, 128, 2);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_queue(l, tbl, 0x51ccc178), 0u);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_queue(l, tbl, 0x5c2b394a), 0u);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_queue(l, tbl, 0xd2d0a5de), 0u);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_queue(l, tbl, 0x10e828a2), 0u);
	KUNIT_EXPECT_EQ(test, e82574_rss_hash_to_queue(l, tbl, 0xafc7327f), 1u);
}

static void toeplitz_hash_to_index_layouts(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	u32 *tbl = alloc_tbl(test);
	struct rnd_state rs;
	u32 n, h;

	prandom_seed_state(&rs, SEED + 8);
	random_tbl(&rs, tbl, l->entries, l->max_queues);
	for (n = 0; n < 1024; n++) {
		h = prandom_u32_state(&rs);
		KUNIT_ASSERT_EQ(test, e82574_rss_hash_to_index(l, h),
				h % l->entries);
		KUNIT_ASSERT_EQ(test, e82574_rss_hash_to_queue(l, tbl, h),
				tbl[h % l->entries]);
	}
}

static struct kunit_case e82574_rss_toeplitz_cases[] = {
	KUNIT_CASE_PARAM(toeplitz_ms_ipv4, ms_ipv4_gen_params),
	KUNIT_CASE_PARAM(toeplitz_ms_ipv4_tcp, ms_ipv4_gen_params),
	KUNIT_CASE_PARAM(toeplitz_ms_ipv6, ms_ipv6_gen_params),
	KUNIT_CASE_PARAM(toeplitz_ms_ipv6_tcp, ms_ipv6_gen_params),
	KUNIT_CASE(toeplitz_tuple_input),
	KUNIT_CASE(toeplitz_properties),
	KUNIT_CASE(toeplitz_key_regs),
	KUNIT_CASE(toeplitz_key_roundtrip),
	KUNIT_CASE(toeplitz_hash_to_queue),
	KUNIT_CASE_PARAM(toeplitz_hash_to_index_layouts, layout_gen_params),
	{}
};

static struct kunit_suite e82574_rss_toeplitz_suite = {
	.name = "e82574_rss_toeplitz",
	.test_cases = e82574_rss_toeplitz_cases,
};

/* ------------------------------------------------------------------ */
/* Self-test loopback: covering every entry, judging the frames       */
/* ------------------------------------------------------------------ */

struct lb_base {
	const char *name;
	bool ipv6;
	bool ports;
};

static const struct lb_base lb_bases[] = {
	{ "ipv4", false, false },
	{ "ipv4-tcp", false, true },
	{ "ipv6", true, false },
	{ "ipv6-tcp", true, true },
};

static void lb_base_desc(const struct lb_base *b, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", b->name);
}

KUNIT_ARRAY_PARAM(lb_base, lb_bases, lb_base_desc);

static void lb_make_base(const struct lb_base *b, struct e82574_rss_tuple *t)
{
	vec_tuple(b->ipv6 ? &ms_ipv6[0] : &ms_ipv4[0], b->ports, t);
}

static struct e82574_rss_cover *alloc_cover(struct kunit *test)
{
	struct e82574_rss_cover *c = kunit_kzalloc(test, sizeof(*c),
						   GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	return c;
}

/*
 * Every reached flow hashes (by the plain Toeplitz) to its own entry,
 * differs from the template only in the varied 16 bits, and no two
 * flows are the same.
 */
static void lb_check_cover(struct kunit *test,
			   const struct e82574_rss_layout *l, const u8 *key,
			   const struct e82574_rss_tuple *base,
			   const struct e82574_rss_cover *c)
{
	u32 alen = base->ipv6 ? 16 : 4, i, j, n = 0;

	for (i = 0; i < l->entries; i++) {
		const struct e82574_rss_tuple *f = &c->flows[i];
		struct e82574_rss_tuple g;

		if (!test_bit(i, c->reached))
			continue;
		n++;
		KUNIT_ASSERT_EQ(test, e82574_rss_hash_tuple(key, f),
				c->hash[i]);
		KUNIT_ASSERT_EQ(test, e82574_rss_hash_to_index(l, c->hash[i]),
				i);
		g = *f;
		if (base->ports) {
			g.sport = base->sport;
		} else {
			g.saddr[alen - 2] = base->saddr[alen - 2];
			g.saddr[alen - 1] = base->saddr[alen - 1];
		}
		KUNIT_ASSERT_EQ(test, memcmp(&g, base, sizeof(g)), 0);
		for (j = 0; j < i; j++)
			if (test_bit(j, c->reached))
				KUNIT_ASSERT_NE(test,
						memcmp(f, &c->flows[j],
						       sizeof(*f)), 0);
	}
	KUNIT_EXPECT_EQ(test, n, c->nreached);
	KUNIT_EXPECT_EQ(test, bitmap_weight(c->reached, E82574_RSS_MAX_ENTRIES),
			c->nreached);
}

/* The Microsoft key reaches all 128 entries, for every flow type. */
static void lb_cover_ms_key(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	struct e82574_rss_cover *c = alloc_cover(test);
	struct e82574_rss_tuple base;

	lb_make_base(test->param_value, &base);
	KUNIT_EXPECT_EQ(test, e82574_rss_cover_entries(l, ms_key, &base, c),
			128u);
	lb_check_cover(test, l, ms_key, &base, c);
}

/* Random keys reach every entry of every layout (up to 512 entries). */
static void lb_cover_random_keys(struct kunit *test)
{
	const struct e82574_rss_layout *l = param_layout(test);
	struct e82574_rss_cover *c = alloc_cover(test);
	struct e82574_rss_tuple base;
	u8 key[E82574_RSS_KEY_SIZE];
	struct rnd_state rs;
	u32 k, b;

	prandom_seed_state(&rs, SEED + 20);
	for (k = 0; k < 8; k++) {
		prandom_bytes_state(&rs, key, sizeof(key));
		for (b = 0; b < ARRAY_SIZE(lb_bases); b++) {
			lb_make_base(&lb_bases[b], &base);
			KUNIT_EXPECT_EQ_MSG(test,
					    e82574_rss_cover_entries(l, key,
								     &base, c),
					    l->entries, "key %u, %s", k,
					    lb_bases[b].name);
			lb_check_cover(test, l, key, &base, c);
		}
	}
}

/* The all-zero key hashes everything to 0: entry 0 is all it reaches. */
static void lb_cover_zero_key(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	struct e82574_rss_cover *c = alloc_cover(test);
	static const u8 zero[E82574_RSS_KEY_SIZE];
	struct e82574_rss_tuple base;

	lb_make_base(&lb_bases[1], &base);
	KUNIT_EXPECT_EQ(test, e82574_rss_cover_entries(l, zero, &base, c), 1u);
	KUNIT_EXPECT_TRUE(test, test_bit(0, c->reached));
	KUNIT_EXPECT_EQ(test, c->hash[0], 0u);
	KUNIT_EXPECT_EQ(test, c->flows[0].sport, 0);
}

/*
 * Keys with zeroed spans reach fewer entries: exactly the entries that
 * some value of the 16 varied bits reaches (a naive full scan).
 */
static void lb_cover_vs_reference(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	struct e82574_rss_cover *c = alloc_cover(test);
	unsigned long *ref;
	struct e82574_rss_tuple base, t;
	u8 key[E82574_RSS_KEY_SIZE];
	struct rnd_state rs;
	u32 k, v, h, from, len, fewer = 0;

	ref = kunit_kcalloc(test, BITS_TO_LONGS(E82574_RSS_MAX_ENTRIES),
			    sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ref);
	prandom_seed_state(&rs, SEED + 21);
	for (k = 0; k < 12; k++) {
		prandom_bytes_state(&rs, key, sizeof(key));
		/*
		 * The entry bits of the source port's hash terms are key
		 * bits 89..110 (bytes 11..13): zero spans around them, all
		 * of them for the first key.
		 */
		from = k ? 10 + prandom_u32_state(&rs) % 3 : 11;
		len = k ? 3 + prandom_u32_state(&rs) % 3 : 3;
		memset(key + from, 0, len);
		lb_make_base(&lb_bases[1], &base);
		e82574_rss_cover_entries(l, key, &base, c);
		lb_check_cover(test, l, key, &base, c);

		bitmap_zero(ref, E82574_RSS_MAX_ENTRIES);
		t = base;
		for (v = 0; v <= 0xffff; v++) {
			t.sport = v;
			h = e82574_rss_hash_tuple(key, &t);
			__set_bit(e82574_rss_hash_to_index(l, h), ref);
		}
		KUNIT_EXPECT_TRUE_MSG(test,
				      bitmap_equal(ref, c->reached,
						   E82574_RSS_MAX_ENTRIES),
				      "key %u: zero bytes %u..%u", k, from,
				      from + len - 1);
		if (c->nreached < l->entries)
			fewer++;
	}
	/* the spans do cut some keys down, so the reference is exercised */
	KUNIT_EXPECT_GT(test, fewer, 0u);
}

/* Feed every reached entry's frame as a correct NIC would. */
static void lb_feed_all(struct kunit *test, const struct e82574_rss_layout *l,
			const u32 *tbl, const struct e82574_rss_cover *c,
			struct e82574_rss_lb *lb)
{
	u32 i;

	for_each_set_bit(i, c->reached, l->entries)
		KUNIT_ASSERT_EQ(test,
				e82574_rss_lb_check(l, tbl, c, lb, i,
						    c->hash[i], tbl[i]),
				E82574_RSS_LB_OK);
}

/* Correct frames pass, and the per-queue counts are the table's. */
static void lb_check_tables(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	struct e82574_rss_cover *c = alloc_cover(test);
	u32 *tbl = alloc_tbl(test);
	struct e82574_rss_tuple base;
	struct e82574_rss_lb lb;
	u32 i, q1;

	lb_make_base(&lb_bases[1], &base);
	KUNIT_ASSERT_EQ(test, e82574_rss_cover_entries(l, ms_key, &base, c),
			128u);

	/* default spread over two queues: 64 / 64 */
	e82574_rss_fill_default(tbl, 128, 2);
	e82574_rss_lb_init(&lb);
	lb_feed_all(test, l, tbl, c, &lb);
	KUNIT_EXPECT_TRUE(test, e82574_rss_lb_passed(c, &lb));
	KUNIT_EXPECT_EQ(test, lb.per_queue[0], 64u);
	KUNIT_EXPECT_EQ(test, lb.per_queue[1], 64u);
	KUNIT_EXPECT_EQ(test, lb.verdicts[E82574_RSS_LB_OK], 128u);

	/* ethtool -X equal 1: everything on queue 0 */
	memset(tbl, 0, 128 * sizeof(*tbl));
	e82574_rss_lb_init(&lb);
	lb_feed_all(test, l, tbl, c, &lb);
	KUNIT_EXPECT_TRUE(test, e82574_rss_lb_passed(c, &lb));
	KUNIT_EXPECT_EQ(test, lb.per_queue[0], 128u);
	KUNIT_EXPECT_EQ(test, lb.per_queue[1], 0u);

	/* ethtool -X weight 1 3: 32 / 96 */
	for (i = 0, q1 = 0; i < 128; i++) {
		tbl[i] = i * 4 / 128 ? 1 : 0;
		q1 += tbl[i];
	}
	e82574_rss_lb_init(&lb);
	lb_feed_all(test, l, tbl, c, &lb);
	KUNIT_EXPECT_TRUE(test, e82574_rss_lb_passed(c, &lb));
	KUNIT_EXPECT_EQ(test, lb.per_queue[1], q1);
	KUNIT_EXPECT_EQ(test, lb.per_queue[0], 128u - q1);
}

/* Each way a frame can be wrong is caught, and fails the run. */
static void lb_check_failures(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	struct e82574_rss_cover *c = alloc_cover(test);
	u32 *tbl = alloc_tbl(test);
	struct e82574_rss_tuple base;
	struct e82574_rss_lb lb;
	u32 i;

	lb_make_base(&lb_bases[0], &base);
	KUNIT_ASSERT_EQ(test, e82574_rss_cover_entries(l, ms_key, &base, c),
			128u);
	e82574_rss_fill_default(tbl, 128, 2);

	/* a frame on the other queue */
	e82574_rss_lb_init(&lb);
	KUNIT_EXPECT_EQ(test, e82574_rss_lb_check(l, tbl, c, &lb, 5,
						  c->hash[5], !tbl[5]),
			E82574_RSS_LB_QUEUE);
	for (i = 0; i < 128; i++)
		if (i != 5)
			e82574_rss_lb_check(l, tbl, c, &lb, i, c->hash[i],
					    tbl[i]);
	KUNIT_EXPECT_EQ(test, lb.nseen, 127u);
	KUNIT_EXPECT_FALSE(test, e82574_rss_lb_passed(c, &lb));
	/* its right copy arriving later does not make the run pass */
	KUNIT_EXPECT_EQ(test, e82574_rss_lb_check(l, tbl, c, &lb, 5,
						  c->hash[5], tbl[5]),
			E82574_RSS_LB_OK);
	KUNIT_EXPECT_FALSE(test, e82574_rss_lb_passed(c, &lb));

	/* a hash that is not the software Toeplitz hash */
	e82574_rss_lb_init(&lb);
	KUNIT_EXPECT_EQ(test, e82574_rss_lb_check(l, tbl, c, &lb, 9,
						  c->hash[9] ^ 0x100, tbl[9]),
			E82574_RSS_LB_HASH);
	/* a hash of another entry, on that entry's queue */
	KUNIT_EXPECT_EQ(test, e82574_rss_lb_check(l, tbl, c, &lb, 9,
						  c->hash[10], tbl[10]),
			E82574_RSS_LB_HASH);

	/* the same entry twice */
	e82574_rss_lb_init(&lb);
	lb_feed_all(test, l, tbl, c, &lb);
	KUNIT_EXPECT_TRUE(test, e82574_rss_lb_passed(c, &lb));
	KUNIT_EXPECT_EQ(test, e82574_rss_lb_check(l, tbl, c, &lb, 3,
						  c->hash[3], tbl[3]),
			E82574_RSS_LB_DUP);
	KUNIT_EXPECT_FALSE(test, e82574_rss_lb_passed(c, &lb));

	/* an entry beyond the table, or one no frame was sent for */
	e82574_rss_lb_init(&lb);
	KUNIT_EXPECT_EQ(test, e82574_rss_lb_check(l, tbl, c, &lb, 128, 0, 0),
			E82574_RSS_LB_UNKNOWN);
	__clear_bit(7, c->reached);
	c->nreached--;
	KUNIT_EXPECT_EQ(test, e82574_rss_lb_check(l, tbl, c, &lb, 7,
						  c->hash[7], tbl[7]),
			E82574_RSS_LB_UNKNOWN);

	/* nothing received at all */
	e82574_rss_lb_init(&lb);
	KUNIT_EXPECT_FALSE(test, e82574_rss_lb_passed(c, &lb));
}

/*
 * A NIC still steering by the previous table: exactly the entries the
 * change moved come back on the wrong queue.
 */
static void lb_check_stale_table(struct kunit *test)
{
	const struct e82574_rss_layout *l = &e82574_rss_layout_82574;
	struct e82574_rss_cover *c = alloc_cover(test);
	u32 *old = alloc_tbl(test), *cur = alloc_tbl(test);
	struct e82574_rss_moves *m;
	struct e82574_rss_tuple base;
	struct e82574_rss_lb lb;
	struct rnd_state rs;
	u32 i;

	m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	lb_make_base(&lb_bases[3], &base);
	KUNIT_ASSERT_EQ(test, e82574_rss_cover_entries(l, ms_key, &base, c),
			128u);
	prandom_seed_state(&rs, SEED + 22);
	random_tbl(&rs, old, 128, 2);
	random_tbl(&rs, cur, 128, 2);
	e82574_rss_compute_moves(l, old, cur, m);

	e82574_rss_lb_init(&lb);
	for (i = 0; i < 128; i++)
		e82574_rss_lb_check(l, cur, c, &lb, i, c->hash[i], old[i]);
	KUNIT_EXPECT_EQ(test, lb.verdicts[E82574_RSS_LB_QUEUE], m->nmoves);
	KUNIT_EXPECT_EQ(test, lb.nseen, 128u - m->nmoves);
	KUNIT_EXPECT_EQ(test, e82574_rss_lb_passed(c, &lb), m->nmoves == 0);
}

static struct kunit_case e82574_rss_loopback_cases[] = {
	KUNIT_CASE_PARAM(lb_cover_ms_key, lb_base_gen_params),
	KUNIT_CASE_PARAM(lb_cover_random_keys, layout_gen_params),
	KUNIT_CASE(lb_cover_zero_key),
	KUNIT_CASE(lb_cover_vs_reference),
	KUNIT_CASE(lb_check_tables),
	KUNIT_CASE(lb_check_failures),
	KUNIT_CASE(lb_check_stale_table),
	{}
};

static struct kunit_suite e82574_rss_loopback_suite = {
	.name = "e82574_rss_loopback",
	.test_cases = e82574_rss_loopback_cases,
};

kunit_test_suites(&e82574_rss_layout_suite, &e82574_rss_validate_suite,
		  &e82574_rss_default_suite, &e82574_rss_resize_suite,
		  &e82574_rss_moves_suite, &e82574_rss_toeplitz_suite,
		  &e82574_rss_loopback_suite);

MODULE_DESCRIPTION("KUnit tests for the e82574 RSS core");
MODULE_LICENSE("GPL");
