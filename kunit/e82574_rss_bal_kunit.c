// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the e82574 RSS balancing core: the two-queue balancer
 * against exhaustive search and an independent exact DP, the hysteresis
 * under steady and flip-flopping load, and the reorder fence's decisions,
 * including a simulation of two and four rings that checks per-entry
 * order across thousands of moves.
 *
 * The core source is included here, so the code under test is the file
 * the driver will link.
 */

#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "e82574_rss_bal.c"

#define SEED 0x82574bu
#define N128 E82574_RSS_BAL_MAX_ENTRIES

static struct e82574_rss_bal_scratch *alloc_scratch(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc;

	sc = kunit_kzalloc(test, E82574_RSS_BAL_SCRATCH_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sc);
	return sc;
}

/* Per-test arrays, kept off the (small) kernel stack. */
struct bufs {
	u64 load[N128 + 1];
	u64 pat[3][N128];
	u32 cur[N128 + 1];
	u32 out[N128 + 1];
	u32 init[N128];
};

static struct bufs *alloc_bufs(struct kunit *test)
{
	struct bufs *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	return b;
}

static u32 rnd(struct rnd_state *rs, u32 n)
{
	return n ? prandom_u32_state(rs) % n : 0;
}

/* The max queue load of a table, recomputed naively. */
static u64 ref_max(const u64 *load, const u32 *tbl, u32 n)
{
	u64 q[2] = { 0, 0 };
	u32 i;

	for (i = 0; i < n; i++)
		q[tbl[i]] += load[i];
	return max(q[0], q[1]);
}

static u32 ref_moves(const u32 *a, const u32 *b, u32 n)
{
	u32 i, m = 0;

	for (i = 0; i < n; i++)
		m += a[i] != b[i];
	return m;
}

/* ------------------------------------------------------------------ */
/* Exhaustive search on small tables                                  */
/* ------------------------------------------------------------------ */

struct brute {
	u64 opt; /* optimum max queue load */
	u32 min_moves; /* fewest moves to within the tolerance */
	u64 cap_best; /* best max load within the move cap */
	u32 cap_moves; /* fewest moves that reach cap_best */
};

/* Every subset of n <= 16 entries; bit i of mask set = entry i on q0. */
static void brute(const u64 *load, const u32 *cur, u32 n, u32 tol_pm, u32 cap,
		  struct brute *b)
{
	u32 mask, i, mv, curmask = 0;
	u64 l0, total = 0, m;

	for (i = 0; i < n; i++) {
		total += load[i];
		if (!cur[i])
			curmask |= BIT(i);
	}
	b->opt = U64_MAX;
	b->min_moves = U32_MAX;
	b->cap_best = U64_MAX;
	b->cap_moves = U32_MAX;
	for (mask = 0; mask < BIT(n); mask++) {
		l0 = 0;
		for (i = 0; i < n; i++)
			if (mask & BIT(i))
				l0 += load[i];
		b->opt = min(b->opt, max(l0, total - l0));
	}
	for (mask = 0; mask < BIT(n); mask++) {
		l0 = 0;
		for (i = 0; i < n; i++)
			if (mask & BIT(i))
				l0 += load[i];
		m = max(l0, total - l0);
		mv = hweight32(mask ^ curmask);
		if (m * 1000 <= b->opt * (1000 + tol_pm))
			b->min_moves = min(b->min_moves, mv);
		if (mv <= cap && (m < b->cap_best ||
				  (m == b->cap_best && mv < b->cap_moves))) {
			b->cap_best = m;
			b->cap_moves = mv;
		}
	}
}

static void random_small(struct rnd_state *rs, u64 *load, u32 *cur, u32 n,
			 u32 kind)
{
	u32 i;

	for (i = 0; i < n; i++) {
		cur[i] = rnd(rs, 2);
		switch (kind % 4) {
		case 0: /* uniform */
			load[i] = rnd(rs, 1000);
			break;
		case 1: /* some idle entries, a few elephants */
			load[i] = rnd(rs, 4) ? rnd(rs, 50) : 200 + rnd(rs, 800);
			break;
		case 2: /* many zeros */
			load[i] = rnd(rs, 3) ? 0 : rnd(rs, 1000);
			break;
		default: /* all equal: many optimal tables */
			load[i] = 100;
			break;
		}
	}
}

/* Exact regime (total <= QMAX): optimum and fewest moves match exactly. */
static void bal_brute_exact(struct kunit *test)
{
	static const u32 tols[] = { 0, 20, 50, 200 };
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct e82574_rss_bal_result res;
	u32 cur[16], out[16], n, k, t;
	struct rnd_state rs;
	u64 load[16];
	struct brute b;
	int ret;

	prandom_seed_state(&rs, SEED);
	for (n = 10; n <= 16; n++) {
		for (k = 0; k < 8; k++) {
			random_small(&rs, load, cur, n, k);
			for (t = 0; t < ARRAY_SIZE(tols); t++) {
				brute(load, cur, n, tols[t], n, &b);
				ret = e82574_rss_bal_solve(load, cur, n,
							   tols[t], n, out, sc,
							   &res);
				KUNIT_ASSERT_EQ(test, ret, 0);
				KUNIT_ASSERT_EQ(test, res.shift, 0u);
				KUNIT_EXPECT_EQ_MSG(test, res.lb, b.opt,
						    "n %u case %u", n, k);
				KUNIT_EXPECT_EQ(test, res.best_max, b.opt);
				KUNIT_EXPECT_EQ_MSG(test, res.moves,
						    b.min_moves,
						    "n %u case %u tol %u", n, k,
						    tols[t]);
				KUNIT_EXPECT_EQ(test, res.moves,
						ref_moves(cur, out, n));
				KUNIT_EXPECT_EQ(test, res.new_max,
						ref_max(load, out, n));
				KUNIT_EXPECT_LE(test, res.new_max * 1000,
						b.opt * (1000 + tols[t]));
				KUNIT_EXPECT_FALSE(test, res.capped);
				KUNIT_EXPECT_FALSE(test, res.coarse);
			}
		}
	}
}

/* A move cap: the best table within the cap, with fewest moves. */
static void bal_brute_cap(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct e82574_rss_bal_result res;
	u32 cur[14], out[14], k, cap;
	struct rnd_state rs;
	u64 load[14];
	struct brute b;

	prandom_seed_state(&rs, SEED + 1);
	for (k = 0; k < 24; k++) {
		random_small(&rs, load, cur, 14, k % 3);
		for (cap = 0; cap <= 3; cap++) {
			brute(load, cur, 14, 20, cap, &b);
			KUNIT_ASSERT_EQ(test,
					e82574_rss_bal_solve(load, cur, 14, 20,
							     cap, out, sc,
							     &res),
					0);
			KUNIT_EXPECT_LE(test, res.moves, cap);
			KUNIT_EXPECT_EQ(test, res.capped, b.min_moves > cap);
			if (b.min_moves <= cap) {
				KUNIT_EXPECT_EQ(test, res.moves, b.min_moves);
			} else {
				KUNIT_EXPECT_EQ_MSG(test, res.new_max,
						    b.cap_best,
						    "case %u cap %u", k, cap);
				KUNIT_EXPECT_EQ(test, res.moves, b.cap_moves);
			}
		}
	}
}

/*
 * Quantised regime (large loads): the result is still certified against
 * the true optimum, the lower bound holds, and the DP never claims fewer
 * moves than exhaustive search allows.
 */
static void bal_brute_quantised(struct kunit *test)
{
	static const u32 tols[] = { 20, 50 };
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct e82574_rss_bal_result res;
	u32 cur[14], out[14], k, t, i;
	struct rnd_state rs;
	u64 load[14];
	struct brute b;

	prandom_seed_state(&rs, SEED + 2);
	for (k = 0; k < 32; k++) {
		for (i = 0; i < 14; i++) {
			cur[i] = rnd(&rs, 2);
			load[i] =
				((u64)prandom_u32_state(&rs) << rnd(&rs, 8)) >>
				rnd(&rs, 24);
		}
		for (t = 0; t < ARRAY_SIZE(tols); t++) {
			brute(load, cur, 14, tols[t], 14, &b);
			KUNIT_ASSERT_EQ(test,
					e82574_rss_bal_solve(load, cur, 14,
							     tols[t], 14, out,
							     sc, &res),
					0);
			KUNIT_EXPECT_LE(test, res.lb, b.opt);
			KUNIT_EXPECT_GE(test, res.best_max, b.opt);
			KUNIT_EXPECT_LE_MSG(test, res.new_max * 1000,
					    b.opt * (1000 + tols[t]),
					    "case %u shift %u", k, res.shift);
			KUNIT_EXPECT_GE(test, res.moves, b.min_moves);
			KUNIT_EXPECT_EQ(test, res.new_max,
					ref_max(load, out, 14));
			KUNIT_EXPECT_FALSE(test, res.coarse);
		}
	}
}

/* ------------------------------------------------------------------ */
/* 128 entries against exact references                               */
/* ------------------------------------------------------------------ */

/* Exact optimum by a reachable-sums bitset (total < 2^21). */
static u64 ref_opt(struct kunit *test, const u64 *load, u32 n)
{
	u64 total = 0, best = U64_MAX, s;
	unsigned long *reach, *tmp;
	size_t len;
	u32 i;

	for (i = 0; i < n; i++)
		total += load[i];
	KUNIT_ASSERT_LT(test, total, 1ULL << 21);
	len = BITS_TO_LONGS(total + 1) * sizeof(long);
	reach = kunit_kzalloc(test, len, GFP_KERNEL);
	tmp = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, reach);
	KUNIT_ASSERT_NOT_NULL(test, tmp);
	__set_bit(0, reach);
	for (i = 0; i < n; i++) {
		if (!load[i])
			continue;
		bitmap_shift_left(tmp, reach, load[i], total + 1);
		bitmap_or(reach, reach, tmp, total + 1);
	}
	for (s = 0; s <= total; s++)
		if (test_bit(s, reach))
			best = min(best, max(s, total - s));
	kunit_kfree(test, tmp);
	kunit_kfree(test, reach);
	return best;
}

static void random_128(struct rnd_state *rs, u64 *load, u32 *cur, u32 kind,
		       u32 scale)
{
	u32 i;

	for (i = 0; i < N128; i++) {
		cur[i] = kind & 8 ? rnd(rs, 2) : i % 2;
		switch (kind % 4) {
		case 0:
			load[i] = rnd(rs, scale);
			break;
		case 1: /* four elephants and mice */
			load[i] = i % 32 == 5 ? scale * 8 + rnd(rs, scale) :
						rnd(rs, scale / 16 + 1);
			break;
		case 2: /* one queue's entries all heavier */
			load[i] = (i % 2 ? scale : scale / 4) + rnd(rs, 64);
			break;
		default: /* mostly idle */
			load[i] = rnd(rs, 8) ? 0 : rnd(rs, scale * 4);
			break;
		}
	}
}

/* Random loads on 128 entries: within 1.05 (and 1.02) of the optimum. */
static void bal_random_128_bound(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct e82574_rss_bal_result res;
	u32 k, maxshift = 0;
	u64 opt, t0, ns, worst_ns = 0;
	struct bufs *bf;
	u64 worst_pm = 0, pm;
	struct rnd_state rs;

	bf = alloc_bufs(test);

	prandom_seed_state(&rs, SEED + 3);
	for (k = 0; k < 32; k++) {
		random_128(&rs, bf->load, bf->cur, k, 8192);
		opt = ref_opt(test, bf->load, N128);
		t0 = ktime_get_ns();
		KUNIT_ASSERT_EQ(test,
				e82574_rss_bal_solve(bf->load, bf->cur, N128,
						     50, N128, bf->out, sc,
						     &res),
				0);
		ns = ktime_get_ns() - t0;
		worst_ns = max(worst_ns, ns);
		maxshift = max(maxshift, res.shift);
		KUNIT_EXPECT_LE(test, res.lb, opt);
		KUNIT_EXPECT_GE(test, res.best_max, opt);
		KUNIT_EXPECT_LE_MSG(test, res.new_max * 1000, opt * 1050,
				    "case %u", k);
		KUNIT_EXPECT_EQ(test, res.new_max,
				ref_max(bf->load, bf->out, N128));
		KUNIT_EXPECT_EQ(test, res.moves,
				ref_moves(bf->cur, bf->out, N128));
		pm = opt ? div64_u64(res.best_max * 1000, opt) - 1000 : 0;
		worst_pm = max(worst_pm, pm);

		KUNIT_ASSERT_EQ(test,
				e82574_rss_bal_solve(bf->load, bf->cur, N128,
						     20, N128, bf->out, sc,
						     &res),
				0);
		KUNIT_EXPECT_LE(test, res.new_max * 1000, opt * 1020);
		KUNIT_EXPECT_FALSE(test, res.coarse);
	}
	kunit_info(test,
		   "128 entries: max shift %u, best table within %llu permille of the optimum, slowest solve %llu us\n",
		   maxshift, worst_pm, worst_ns / 1000);
}

/*
 * Fewest moves on 128 entries (exact regime), against an independent DP:
 * reach[m] = queue-0 sums reachable with exactly m moves, as bitsets.
 */
static void bal_random_128_moves(struct kunit *test)
{
	u32 words = BITS_TO_LONGS(E82574_RSS_BAL_QMAX + 1);
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct e82574_rss_bal_result res;
	u32 k, i, m, want;
	struct bufs *bf;
	unsigned long *reach, *tmp;
	u64 total, opt, s;
	struct rnd_state rs;

	bf = alloc_bufs(test);

	reach = kunit_kcalloc(test, (N128 + 1) * words, sizeof(long),
			      GFP_KERNEL);
	tmp = kunit_kcalloc(test, words, sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, reach);
	KUNIT_ASSERT_NOT_NULL(test, tmp);
	prandom_seed_state(&rs, SEED + 4);
	for (k = 0; k < 12; k++) {
		random_128(&rs, bf->load, bf->cur, k | (k & 4 ? 8 : 0), 127);
		total = 0;
		for (i = 0; i < N128; i++) {
			bf->load[i] = min_t(u64, bf->load[i], 127);
			total += bf->load[i];
		}
		KUNIT_ASSERT_LE(test, total, (u64)E82574_RSS_BAL_QMAX);
		memset(reach, 0, (N128 + 1) * words * sizeof(long));
		__set_bit(0, reach);
		for (i = 0; i < N128; i++) {
			for (m = N128 + 1; m-- > 0;) {
				unsigned long *r = reach + m * words;

				if (!bf->cur[i]) { /* staying on q0 costs 0 */
					bitmap_shift_left(r, r, bf->load[i],
							  total + 1);
					if (m)
						bitmap_or(r, r, r - words,
							  total + 1);
				} else {
					if (m) {
						bitmap_shift_left(tmp,
								  r - words,
								  bf->load[i],
								  total + 1);
						bitmap_or(r, r, tmp, total + 1);
					}
				}
			}
		}
		opt = U64_MAX;
		for (m = 0; m <= N128; m++)
			for (s = 0; s <= total; s++)
				if (test_bit(s, reach + m * words))
					opt = min(opt, max(s, total - s));
		want = U32_MAX;
		for (m = 0; m <= N128 && want == U32_MAX; m++)
			for (s = 0; s <= total; s++)
				if (test_bit(s, reach + m * words) &&
				    max(s, total - s) * 1000 <= opt * 1050) {
					want = m;
					break;
				}
		KUNIT_ASSERT_EQ(test,
				e82574_rss_bal_solve(bf->load, bf->cur, N128,
						     50, N128, bf->out, sc,
						     &res),
				0);
		KUNIT_EXPECT_EQ(test, res.shift, 0u);
		KUNIT_EXPECT_EQ(test, res.lb, opt);
		KUNIT_EXPECT_EQ_MSG(test, res.moves, want, "case %u", k);
		KUNIT_EXPECT_EQ(test, res.moves,
				ref_moves(bf->cur, bf->out, N128));
		KUNIT_EXPECT_LE(test, res.new_max * 1000, opt * 1050);
	}
}

/* The current table is returned unchanged when it is already acceptable. */
static void bal_idempotent(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct e82574_rss_bal_result res;
	struct bufs *bf;
	u32 k;
	struct rnd_state rs;

	bf = alloc_bufs(test);

	prandom_seed_state(&rs, SEED + 5);
	for (k = 0; k < 16; k++) {
		random_128(&rs, bf->load, bf->cur, k | 8, 1u << rnd(&rs, 30));
		KUNIT_ASSERT_EQ(test,
				e82574_rss_bal_solve(bf->load, bf->cur, N128,
						     20, N128, bf->out, sc,
						     &res),
				0);
		memcpy(bf->cur, bf->out, sizeof(bf->cur));
		KUNIT_ASSERT_EQ(test,
				e82574_rss_bal_solve(bf->load, bf->cur, N128,
						     20, N128, bf->out, sc,
						     &res),
				0);
		KUNIT_EXPECT_EQ(test, res.moves, 0u);
		KUNIT_EXPECT_EQ(test, ref_moves(bf->cur, bf->out, N128), 0u);
		/* out may alias cur */
		KUNIT_ASSERT_EQ(test,
				e82574_rss_bal_solve(bf->load, bf->cur, N128,
						     20, N128, bf->cur, sc,
						     &res),
				0);
		KUNIT_EXPECT_EQ(test, ref_moves(bf->cur, bf->out, N128), 0u);
	}
}

static void bal_invalid(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct e82574_rss_bal_result res;
	struct bufs *bf;
	struct e82574_rss_bal_load m;

	bf = alloc_bufs(test);

	memset(bf->out, 0x5a, sizeof(bf->out));
	KUNIT_EXPECT_EQ(test,
			e82574_rss_bal_solve(bf->load, bf->cur, 0, 50, 8,
					     bf->out, sc, &res),
			-EINVAL);
	KUNIT_EXPECT_EQ(test,
			e82574_rss_bal_solve(bf->load, bf->cur, N128 + 1, 50, 8,
					     bf->out, sc, &res),
			-EINVAL);
	bf->cur[7] = 2;
	KUNIT_EXPECT_EQ(test,
			e82574_rss_bal_solve(bf->load, bf->cur, 16, 50, 8,
					     bf->out, sc, &res),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, bf->out[0], 0x5a5a5a5au);

	/* no load at all: nothing moves */
	bf->cur[7] = 1;
	KUNIT_EXPECT_EQ(test,
			e82574_rss_bal_solve(bf->load, bf->cur, 16, 50, 8,
					     bf->out, sc, &res),
			0);
	KUNIT_EXPECT_EQ(test, res.moves, 0u);
	KUNIT_EXPECT_EQ(test, bf->out[7], 1u);

	/* loads are clamped: no overflow with U64_MAX everywhere */
	memset(bf->load, 0xff, sizeof(bf->load));
	KUNIT_EXPECT_EQ(test,
			e82574_rss_bal_solve(bf->load, bf->cur, N128, 0, N128,
					     bf->out, sc, &res),
			0);
	KUNIT_EXPECT_EQ(test, res.total, N128 * E82574_RSS_BAL_LOAD_MAX);
	KUNIT_EXPECT_EQ(test, res.new_max, 64 * E82574_RSS_BAL_LOAD_MAX);
	e82574_rss_bal_measure(bf->load, bf->cur, 2, &m);
	KUNIT_EXPECT_EQ(test, m.max, 2 * E82574_RSS_BAL_LOAD_MAX);
}

static struct kunit_case e82574_rss_bal_solve_cases[] = {
	KUNIT_CASE(bal_brute_exact),	  KUNIT_CASE(bal_brute_cap),
	KUNIT_CASE(bal_brute_quantised),  KUNIT_CASE(bal_random_128_bound),
	KUNIT_CASE(bal_random_128_moves), KUNIT_CASE(bal_idempotent),
	KUNIT_CASE(bal_invalid),	  {}
};

static struct kunit_suite e82574_rss_bal_solve_suite = {
	.name = "e82574_rss_bal_solve",
	.test_cases = e82574_rss_bal_solve_cases,
};

/* ------------------------------------------------------------------ */
/* Hysteresis                                                         */
/* ------------------------------------------------------------------ */

struct bal_run {
	u32 tbl[N128];
	u64 avg[N128];
	struct e82574_rss_bal_state st;
	struct e82574_rss_bal_result res;
	u32 events;
	u32 first; /* interval of the first move (1-based) */
	u32 last; /* interval of the last move */
	u32 gap_min; /* shortest gap between moves */
	u32 intervals;
};

/* One interval of the worker: smooth, tick, maybe solve and commit. */
static enum e82574_rss_bal_verdict
bal_interval(struct kunit *test, const struct e82574_rss_bal_policy *p,
	     struct e82574_rss_bal_scratch *sc, struct bal_run *r,
	     const u64 *sample, int ewma_shift)
{
	struct e82574_rss_bal_load m;
	enum e82574_rss_bal_verdict v;
	const u64 *load = sample;
	u32 out[N128];

	r->intervals++;
	if (ewma_shift >= 0) {
		e82574_rss_bal_ewma(r->avg, sample, N128, ewma_shift);
		load = r->avg;
	}
	e82574_rss_bal_measure(load, r->tbl, N128, &m);
	v = e82574_rss_bal_tick(p, &r->st, &m);
	if (v != E82574_RSS_BAL_SOLVE)
		return v;
	KUNIT_EXPECT_EQ(test,
			e82574_rss_bal_solve(load, r->tbl, N128, p->target_pm,
					     p->max_moves, out, sc, &r->res),
			0);
	v = e82574_rss_bal_commit(p, &r->st, &r->res);
	if (v == E82574_RSS_BAL_MOVE) {
		KUNIT_EXPECT_LE(test, r->res.moves, p->max_moves);
		memcpy(r->tbl, out, sizeof(out));
		if (r->events)
			r->gap_min = min(r->gap_min, r->intervals - r->last);
		else
			r->first = r->intervals;
		r->last = r->intervals;
		r->events++;
	}
	return v;
}

static void bal_run_init(const struct e82574_rss_bal_policy *p,
			 struct bal_run *r)
{
	u32 i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < N128; i++)
		r->tbl[i] = i % 2;
	r->gap_min = U32_MAX;
	e82574_rss_bal_init(p, &r->st);
}

static const struct e82574_rss_bal_policy test_policy = {
	.trigger_pm = 50,
	.target_pm = 20,
	.gain_pm = 20,
	.persist = 2,
	.cooldown_min = 3,
	.cooldown_max = 48,
	.max_moves = 128,
	.min_total = 1000,
};

/*
 * Steady skewed load: balanced within 3 intervals, with the DP minimum
 * of moves, then no move for 30 intervals.
 */
static void bal_steady(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct bal_run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct e82574_rss_bal_result ref;
	struct bufs *bf;
	u32 i, k;
	struct rnd_state rs;
	u64 opt;

	bf = alloc_bufs(test);

	KUNIT_ASSERT_NOT_NULL(test, r);
	prandom_seed_state(&rs, SEED + 6);
	for (k = 0; k < 6; k++) {
		/* heavy flows on even entries (queue 0), light elsewhere */
		for (i = 0; i < N128; i++)
			bf->load[i] = i % 8 == 0 ? 20000 + rnd(&rs, 20000) :
						   rnd(&rs, 2000);
		opt = ref_opt(test, bf->load, N128);
		bal_run_init(&test_policy, r);
		memcpy(bf->init, r->tbl, sizeof(bf->init));
		for (i = 0; i < 33; i++)
			bal_interval(test, &test_policy, sc, r, bf->load, -1);
		KUNIT_EXPECT_EQ(test, r->events, 1u);
		KUNIT_EXPECT_LE(test, r->first, 3u);
		KUNIT_EXPECT_LE(test, ref_max(bf->load, r->tbl, N128) * 1000,
				opt * 1050);
		/* the one move was the solver's minimum from the start */
		e82574_rss_bal_solve(bf->load, bf->init, N128,
				     test_policy.target_pm, N128, bf->out, sc,
				     &ref);
		KUNIT_EXPECT_EQ(test, r->st.moved, ref.moves);
		KUNIT_EXPECT_EQ(test, ref_moves(bf->init, r->tbl, N128),
				ref.moves);
	}
}

/* Balanced load never moves anything; too little load is not judged. */
static void bal_balanced_idle(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct bal_run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u64 load[N128];
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	for (i = 0; i < N128; i++)
		load[i] = 1000 + (i % 4) * 10;
	bal_run_init(&test_policy, r);
	for (i = 0; i < 20; i++)
		KUNIT_EXPECT_EQ(test,
				bal_interval(test, &test_policy, sc, r, load,
					     -1),
				E82574_RSS_BAL_BALANCED);
	/* all load on queue 0, but below min_total */
	for (i = 0; i < N128; i++)
		load[i] = i % 2 ? 0 : 7;
	for (i = 0; i < 20; i++)
		KUNIT_EXPECT_EQ(test,
				bal_interval(test, &test_policy, sc, r, load,
					     -1),
				E82574_RSS_BAL_IDLE);
	/* one elephant: out of band but optimal, never moves */
	for (i = 0; i < N128; i++)
		load[i] = i == 3 ? 1000000 : 10;
	for (i = 0; i < 20; i++)
		bal_interval(test, &test_policy, sc, r, load, -1);
	KUNIT_EXPECT_EQ(test, r->events, 0u);
	KUNIT_EXPECT_EQ(test, r->res.moves, 0u);
}

/* table: entries 0-63 on queue 0; A loads 0-31, B loads 64-95 */
static void flip_patterns(u64 *a, u64 *b, u32 *tbl)
{
	u32 i;

	for (i = 0; i < N128; i++) {
		tbl[i] = i >= 64;
		a[i] = i < 32 ? 1000 : 10;
		b[i] = i >= 64 && i < 96 ? 1000 : 10;
	}
}

/*
 * Three patterns no table suits at once: each loads two of the elephants
 * on entries 0, 2 and 4 (all on queue 0 at first), so whichever two share
 * a queue, one pattern in three is unbalanced.
 */
static void cycle_patterns(u64 (*pat)[N128])
{
	static const u32 heavy[3][2] = { { 0, 2 }, { 2, 4 }, { 0, 4 } };
	u32 k, i;

	for (k = 0; k < 3; k++) {
		for (i = 0; i < N128; i++)
			pat[k][i] = 1;
		pat[k][heavy[k][0]] = 1000;
		pat[k][heavy[k][1]] = 1000;
	}
}

/*
 * Flip-flop: a pattern the table suits alternating with one it does not
 * never builds the persistence streak: no move at all.
 */
static void bal_flipflop_persist(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct bal_run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct bufs *bf = alloc_bufs(test);
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	bal_run_init(&test_policy, r);
	flip_patterns(bf->pat[0], bf->pat[1], r->tbl);
	for (i = 0; i < N128; i++)
		bf->pat[2][i] = 100;
	for (i = 0; i < 60; i++)
		bal_interval(test, &test_policy, sc, r, bf->pat[i % 2 ? 0 : 2],
			     -1);
	KUNIT_EXPECT_EQ(test, r->events, 0u);
}

/*
 * Two opposite patterns that some table suits both: the fewest-moves
 * tables lead there in one move, then nothing moves.
 */
static void bal_flipflop_compatible(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct bal_run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct bufs *bf = alloc_bufs(test);
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	bal_run_init(&test_policy, r);
	flip_patterns(bf->pat[0], bf->pat[1], r->tbl);
	for (i = 0; i < 60; i++)
		bal_interval(test, &test_policy, sc, r, bf->pat[i % 2], -1);
	KUNIT_EXPECT_LE(test, r->events, 1u);
}

/*
 * Patterns no table suits, each held for three intervals, raw: each move
 * is undone by a later pattern.  The doubling cool-down bounds the thrash
 * to moves at ever longer gaps; without hysteresis (no persistence, no
 * cool-down) the same load moves entries at nearly every pattern change.
 */
static void bal_flipflop_backoff(struct kunit *test)
{
	struct e82574_rss_bal_policy naive = test_policy;
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct bal_run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct bufs *bf = alloc_bufs(test);
	u32 i, events;

	KUNIT_ASSERT_NOT_NULL(test, r);
	cycle_patterns(bf->pat);
	bal_run_init(&test_policy, r);
	for (i = 0; i < 100; i++)
		bal_interval(test, &test_policy, sc, r, bf->pat[i / 3 % 3], -1);
	events = r->events;
	kunit_info(test,
		   "raw 3-cycle: %u moves in 100 intervals, cool-down now %u\n",
		   events, r->st.cooldown);
	KUNIT_EXPECT_GE(test, events, 2u);
	KUNIT_EXPECT_LE(test, events, 6u);
	KUNIT_EXPECT_GE(test, r->gap_min, test_policy.cooldown_min);
	KUNIT_EXPECT_GE(test, r->st.cooldown, 4 * test_policy.cooldown_min);

	naive.persist = 1;
	naive.cooldown_min = 1;
	naive.cooldown_max = 1;
	bal_run_init(&naive, r);
	for (i = 0; i < 100; i++)
		bal_interval(test, &naive, sc, r, bf->pat[i / 3 % 3], -1);
	kunit_info(test, "raw 3-cycle without hysteresis: %u moves\n",
		   r->events);
	KUNIT_EXPECT_GE(test, r->events, 4 * events);
}

/*
 * The same loads through the EWMA (weight 1/16), starting from the first
 * pattern.  The average first drifts to the patterns' mean (the balancer
 * follows that drift, with the cool-down growing), then stays within a
 * few percent of it: the moves stop for good.
 */
static void bal_flipflop_ewma(struct kunit *test)
{
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct bal_run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct bufs *bf = alloc_bufs(test);
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	bal_run_init(&test_policy, r);
	cycle_patterns(bf->pat);
	memcpy(r->avg, bf->pat[0], sizeof(r->avg));
	for (i = 0; i < 300; i++)
		bal_interval(test, &test_policy, sc, r, bf->pat[i % 3], 4);
	kunit_info(test, "EWMA 3-cycle: %u moves, last at interval %u\n",
		   r->events, r->last);
	KUNIT_EXPECT_LE(test, r->events, 6u);
	KUNIT_EXPECT_LE(test, r->last, 150u);

	bal_run_init(&test_policy, r);
	flip_patterns(bf->pat[0], bf->pat[1], r->tbl);
	memcpy(r->avg, bf->pat[0], sizeof(r->avg));
	for (i = 0; i < 300; i++)
		bal_interval(test, &test_policy, sc, r, bf->pat[i % 2], 4);
	kunit_info(test, "EWMA flip-flop: %u moves, last at interval %u\n",
		   r->events, r->last);
	KUNIT_EXPECT_LE(test, r->events, 6u);
	KUNIT_EXPECT_LE(test, r->last, 150u);
}

/* The move cap: convergence in several capped steps, cool-down between. */
static void bal_capped_steps(struct kunit *test)
{
	struct e82574_rss_bal_policy p = test_policy;
	struct e82574_rss_bal_scratch *sc = alloc_scratch(test);
	struct bal_run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u64 load[N128], opt;
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	p.max_moves = 4;
	bal_run_init(&p, r);
	for (i = 0; i < N128; i++)
		load[i] = i % 2 ? 10 : 1000; /* all weight on queue 0 */
	opt = ref_opt(test, load, N128);
	for (i = 0; i < 200; i++)
		bal_interval(test, &p, sc, r, load, -1);
	KUNIT_EXPECT_GE(test, r->events, 2u);
	KUNIT_EXPECT_GE(test, r->gap_min, p.cooldown_min);
	KUNIT_EXPECT_LE(test, ref_max(load, r->tbl, N128) * 1000, opt * 1050);
	kunit_info(test, "cap 4: %u moves in %u steps\n", r->st.moved,
		   r->events);
}

static void bal_ewma_basic(struct kunit *test)
{
	u64 avg[3] = { 0, 1000, 64 }, s[3] = { 1600, 0, 64 };

	e82574_rss_bal_ewma(avg, s, 3, 4);
	KUNIT_EXPECT_EQ(test, avg[0], 100ULL);
	KUNIT_EXPECT_EQ(test, avg[1], 938ULL); /* 1000 - 1000 / 16 */
	KUNIT_EXPECT_EQ(test, avg[2], 64ULL);
	e82574_rss_bal_ewma(avg, s, 3, 0);
	KUNIT_EXPECT_EQ(test, avg[0], 1600ULL);
	KUNIT_EXPECT_EQ(test, avg[1], 0ULL);
}

static struct kunit_case e82574_rss_bal_hyst_cases[] = {
	KUNIT_CASE(bal_steady),
	KUNIT_CASE(bal_balanced_idle),
	KUNIT_CASE(bal_flipflop_persist),
	KUNIT_CASE(bal_flipflop_compatible),
	KUNIT_CASE(bal_flipflop_backoff),
	KUNIT_CASE(bal_flipflop_ewma),
	KUNIT_CASE(bal_capped_steps),
	KUNIT_CASE(bal_ewma_basic),
	{}
};

static struct kunit_suite e82574_rss_bal_hyst_suite = {
	.name = "e82574_rss_bal_hyst",
	.test_cases = e82574_rss_bal_hyst_cases,
};

/* ------------------------------------------------------------------ */
/* Fence                                                              */
/* ------------------------------------------------------------------ */

static void fence_tables(u32 *old, u32 *new)
{
	u32 i;

	/* 2 queues: 5 and 9 move 0 -> 1, 6 moves 1 -> 0 */
	for (i = 0; i < N128; i++) {
		old[i] = i % 2;
		new[i] = i % 2;
	}
	new[4] = 1;
	new[8] = 1;
	new[5] = 0;
}

static void fence_plan_cases(struct kunit *test)
{
	struct e82574_rss_fence *f =
		kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	u32 old[N128], new[N128], bad[N128];
	u32 pos[2] = { 0, 0 };

	KUNIT_ASSERT_NOT_NULL(test, f);
	fence_tables(old, new);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_plan(f, old, new, N128, 2), 3);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_PLANNED);
	KUNIT_EXPECT_EQ(test, bitmap_weight(f->moved, N128), 3u);
	KUNIT_EXPECT_TRUE(test, test_bit(4, f->moved));
	KUNIT_EXPECT_TRUE(test, test_bit(5, f->moved));
	KUNIT_EXPECT_TRUE(test, test_bit(8, f->moved));
	KUNIT_EXPECT_EQ(test, f->old_q[5], 1);
	KUNIT_EXPECT_EQ(test, f->new_q[5], 0);

	/* errors leave the fence as it was */
	memcpy(bad, new, sizeof(bad));
	bad[100] = 2;
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_plan(f, old, bad, N128, 2),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_plan(f, old, new, 96, 2),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_plan(f, old, new, 256, 2),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_plan(f, old, new, N128, 17),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_PLANNED);
	KUNIT_EXPECT_EQ(test, f->nmoved, 3u);

	e82574_rss_fence_arm(f, 100);
	e82574_rss_fence_snap(f, pos);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_plan(f, old, old, N128, 2),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_ACTIVE);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_lift_all(f), 3u);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_RELEASED);

	/* identical tables: nothing to fence */
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_plan(f, old, old, N128, 2), 0);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_IDLE);
	e82574_rss_fence_arm(f, 0);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_IDLE);

	/* a planned fence whose table is never written goes back to idle */
	e82574_rss_fence_plan(f, old, new, N128, 2);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_lift_all(f), 0u);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_IDLE);
}

static void fence_classify_cases(struct kunit *test)
{
	struct e82574_rss_fence *f =
		kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	u32 old[N128], new[N128];
	u32 snap[2] = { 10, 0xfffffff0 }, pos[2];

	KUNIT_ASSERT_NOT_NULL(test, f);
	fence_tables(old, new);
	e82574_rss_fence_plan(f, old, new, N128, 2);
	/* planned: the table is not written, everything passes */
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 1, 4),
			E82574_RSS_FENCE_DELIVER);

	e82574_rss_fence_arm(f, 1000);
	KUNIT_EXPECT_EQ(test, f->waiting, 3u);
	/* armed, not snapped: held, and positions cannot lift it */
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 1, 4),
			E82574_RSS_FENCE_HOLD);
	pos[0] = 50;
	pos[1] = 50;
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 1001, 500), 0u);
	e82574_rss_fence_snap(f, snap);

	/* 4: 0 -> 1; the hash's bits above the table index are ignored */
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 1, 0xabcd0004),
			E82574_RSS_FENCE_HOLD);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 0, 0x84),
			E82574_RSS_FENCE_DELIVER);
	/* 5: 1 -> 0 */
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 0, 5),
			E82574_RSS_FENCE_HOLD);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 1, 5),
			E82574_RSS_FENCE_DELIVER);
	/* unmoved entries */
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 0, 6),
			E82574_RSS_FENCE_DELIVER);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 1, 7),
			E82574_RSS_FENCE_DELIVER);

	/* queue 0 short of its position by one: nothing lifts */
	pos[0] = 9;
	pos[1] = 0xffffff00;
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 1100, 500), 0u);
	/* queue 0 reaches it: entries leaving queue 0 pass */
	pos[0] = 10;
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 1100, 500), 1u);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_ACTIVE);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 1, 4),
			E82574_RSS_FENCE_DELIVER);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 0, 4),
			E82574_RSS_FENCE_LATE);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 0, 5),
			E82574_RSS_FENCE_HOLD);
	/* queue 1 wraps past 2^32 to its position */
	pos[1] = 3;
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 1200, 500), 2u);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_RELEASED);
	KUNIT_EXPECT_FALSE(test, f->timed_out);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 0, 5),
			E82574_RSS_FENCE_DELIVER);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_classify(f, 1, 5),
			E82574_RSS_FENCE_LATE);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 9999, 500), 0u);
}

static void fence_timeout_cases(struct kunit *test)
{
	struct e82574_rss_fence *f =
		kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	u32 old[N128], new[N128], snap[2] = { 10, 20 }, pos[2] = { 0, 0 };

	KUNIT_ASSERT_NOT_NULL(test, f);
	fence_tables(old, new);
	e82574_rss_fence_plan(f, old, new, N128, 2);
	e82574_rss_fence_arm(f, 1000);
	e82574_rss_fence_snap(f, snap);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 1499, 500), 0u);
	/* no timeout configured: waits */
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 99999, 0), 0u);
	/* queue 0 in time, queue 1 by timeout */
	pos[0] = 10;
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 1500, 500), 3u);
	KUNIT_EXPECT_TRUE(test, f->timed_out);
	KUNIT_EXPECT_EQ(test, f->phase, E82574_RSS_FENCE_RELEASED);

	/* positions and timeout together: not a timeout */
	e82574_rss_fence_plan(f, old, new, N128, 2);
	e82574_rss_fence_arm(f, 1000);
	e82574_rss_fence_snap(f, snap);
	pos[1] = 20;
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 5000, 500), 3u);
	KUNIT_EXPECT_FALSE(test, f->timed_out);

	/* armed and never snapped: only the timeout lifts it */
	e82574_rss_fence_plan(f, old, new, N128, 2);
	e82574_rss_fence_arm(f, 1000);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 1200, 500), 0u);
	KUNIT_EXPECT_EQ(test, e82574_rss_fence_update(f, pos, 1500, 500), 3u);
	KUNIT_EXPECT_TRUE(test, f->timed_out);
}

/*
 * A model of the driver: rings are FIFOs filled by the table, emptied in a
 * random order (so a new queue often runs ahead of the old one); frames
 * the fence holds wait in a per-ring list, released in order when their
 * old queue lifts.  Every frame carries its entry's sequence number.  With
 * the fence, no entry is ever delivered out of order, nothing is lost,
 * nothing is late and nothing times out, over thousands of moves; without
 * it (HOLD ignored) reordering is observed, which shows the model can see
 * it.
 */
#define SIM_RING 64
#define SIM_HELD 1024
#define SIM_ENTRIES 16

struct sim_frame {
	u16 entry;
	u32 seq;
};

struct sim {
	struct sim_frame ring[E82574_RSS_FENCE_MAX_QUEUES][SIM_RING];
	u32 head[E82574_RSS_FENCE_MAX_QUEUES]; /* written by the device */
	u32 tail[E82574_RSS_FENCE_MAX_QUEUES]; /* consumed by the driver */
	struct sim_frame held[E82574_RSS_FENCE_MAX_QUEUES][SIM_HELD];
	u32 nheld[E82574_RSS_FENCE_MAX_QUEUES];
	u32 tbl[SIM_ENTRIES], next_tbl[SIM_ENTRIES];
	u32 sent_seq[SIM_ENTRIES], got_seq[SIM_ENTRIES];
	u32 delivered, reordered, late, held_total, changes, moves;
	struct e82574_rss_fence f;
};

static void sim_deliver(struct sim *s, const struct sim_frame *fr)
{
	if (fr->seq != s->got_seq[fr->entry] + 1)
		s->reordered++;
	s->got_seq[fr->entry] = max(s->got_seq[fr->entry], fr->seq);
	s->delivered++;
}

static void sim_release(struct sim *s, u32 lifted)
{
	u32 q, i, k;

	for (q = 0; q < s->f.nqueues; q++) {
		k = 0;
		for (i = 0; i < s->nheld[q]; i++) {
			struct sim_frame *fr = &s->held[q][i];

			if (lifted & BIT(s->f.old_q[fr->entry]))
				sim_deliver(s, fr);
			else
				s->held[q][k++] = *fr;
		}
		s->nheld[q] = k;
	}
}

static void sim_run(struct kunit *test, struct sim *s, u32 nq, bool fence,
		    u32 steps, struct rnd_state *rs)
{
	u32 i, q, e, lifted, cnt;
	struct sim_frame fr;
	int ret;
	u64 now = 0;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < SIM_ENTRIES; i++)
		s->tbl[i] = i % nq;
	for (i = 0; i < steps; i++) {
		now++;
		switch (rnd(rs, 8)) {
		case 0:
		case 1:
		case 2: /* a frame arrives */
			e = rnd(rs, SIM_ENTRIES);
			q = s->tbl[e];
			if (s->head[q] - s->tail[q] >= SIM_RING)
				break; /* ring full: not sent */
			fr.entry = e;
			fr.seq = ++s->sent_seq[e];
			s->ring[q][s->head[q]++ % SIM_RING] = fr;
			break;
		case 3: /* a table change */
			if (s->f.phase == E82574_RSS_FENCE_ACTIVE)
				break;
			memcpy(s->next_tbl, s->tbl, sizeof(s->tbl));
			for (cnt = rnd(rs, 4) + 1; cnt; cnt--)
				s->next_tbl[rnd(rs, SIM_ENTRIES)] = rnd(rs, nq);
			ret = e82574_rss_fence_plan(&s->f, s->tbl, s->next_tbl,
						    SIM_ENTRIES, nq);
			KUNIT_ASSERT_GE(test, ret, 0);
			s->changes += ret > 0;
			s->moves += ret;
			e82574_rss_fence_arm(&s->f, now);
			memcpy(s->tbl, s->next_tbl, sizeof(s->tbl));
			e82574_rss_fence_snap(&s->f, s->head);
			break;
		default: /* a ring (random) consumes one */
			q = rnd(rs, nq);
			if (s->head[q] == s->tail[q])
				break;
			fr = s->ring[q][s->tail[q]++ % SIM_RING];
			switch (e82574_rss_fence_classify(&s->f, q, fr.entry)) {
			case E82574_RSS_FENCE_HOLD:
				if (fence) {
					KUNIT_ASSERT_LT(test, s->nheld[q],
							SIM_HELD);
					s->held[q][s->nheld[q]++] = fr;
					s->held_total++;
					break;
				}
				sim_deliver(s, &fr);
				break;
			case E82574_RSS_FENCE_LATE:
				s->late++;
				sim_deliver(s, &fr);
				break;
			default:
				sim_deliver(s, &fr);
				break;
			}
			break;
		}
		lifted = e82574_rss_fence_update(&s->f, s->tail, now, 1000000);
		if (lifted)
			sim_release(s, lifted);
		KUNIT_ASSERT_FALSE(test, s->f.timed_out);
	}
	/* drain everything */
	for (q = 0; q < nq; q++)
		while (s->head[q] != s->tail[q]) {
			fr = s->ring[q][s->tail[q]++ % SIM_RING];
			if (fence &&
			    e82574_rss_fence_classify(&s->f, q, fr.entry) ==
				    E82574_RSS_FENCE_HOLD &&
			    s->nheld[q] < SIM_HELD)
				s->held[q][s->nheld[q]++] = fr;
			else
				sim_deliver(s, &fr);
			sim_release(s, e82574_rss_fence_update(&s->f, s->tail,
							       now, 1000000));
		}
}

static void fence_sim(struct kunit *test)
{
	struct sim *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	u32 nq, sent, e;
	struct rnd_state rs;

	KUNIT_ASSERT_NOT_NULL(test, s);
	for (nq = 2; nq <= 4; nq += 2) {
		prandom_seed_state(&rs, SEED + nq);
		sim_run(test, s, nq, true, nq * 250000, &rs);
		sent = 0;
		for (e = 0; e < SIM_ENTRIES; e++) {
			sent += s->sent_seq[e];
			KUNIT_EXPECT_EQ(test, s->got_seq[e], s->sent_seq[e]);
		}
		KUNIT_EXPECT_EQ(test, s->delivered, sent);
		KUNIT_EXPECT_EQ(test, s->reordered, 0u);
		KUNIT_EXPECT_EQ(test, s->late, 0u);
		KUNIT_EXPECT_GE(test, s->moves, 10000u);
		KUNIT_EXPECT_GT(test, s->held_total, 0u);
		kunit_info(test,
			   "%u queues, fence on: %u table changes, %u entry moves, %u frames, %u held, %u reordered\n",
			   nq, s->changes, s->moves, sent, s->held_total,
			   s->reordered);

		prandom_seed_state(&rs, SEED + nq);
		sim_run(test, s, nq, false, nq * 250000, &rs);
		KUNIT_EXPECT_GT(test, s->reordered, 0u);
		kunit_info(test, "%u queues, fence off: %u reordered\n", nq,
			   s->reordered);
	}
}

static struct kunit_case e82574_rss_fence_cases[] = {
	KUNIT_CASE(fence_plan_cases),
	KUNIT_CASE(fence_classify_cases),
	KUNIT_CASE(fence_timeout_cases),
	KUNIT_CASE(fence_sim),
	{}
};

static struct kunit_suite e82574_rss_fence_suite = {
	.name = "e82574_rss_fence",
	.test_cases = e82574_rss_fence_cases,
};

kunit_test_suites(&e82574_rss_bal_solve_suite, &e82574_rss_bal_hyst_suite,
		  &e82574_rss_fence_suite);

MODULE_DESCRIPTION("KUnit tests for the e82574 RSS balancing core");
MODULE_LICENSE("GPL");
