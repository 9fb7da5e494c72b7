// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target bal_solve: e82574_rss_bal_solve(), _measure(), _tick() and
 * _commit().
 *
 * Input: entry count (1-128), tolerance, move cap, a load pattern (small
 * integers, large values that force quantisation, mostly zero, all equal,
 * raw 64-bit) and the current table.
 *
 * Properties:
 * - the result is a 0/1 table; moves, cur_max, new_max and total match a
 *   naive recount (with the documented clamping); no more moves than the
 *   cap; entries with no load never move; lb <= best_max, lb >= T/2;
 * - up to 16 entries, against exhaustive search: lb <= optimum <=
 *   best_max; unless capped or coarse, new_max is within the tolerance
 *   of the optimum; when the DP is exact (shift 0) lb and best_max are
 *   the optimum and the moves are the exhaustive minimum (or, when
 *   capped, the best table within the cap with fewest moves);
 * - same input, same output; solving again from an uncapped result moves
 *   nothing;
 * - hysteresis with a fuzzed policy under a steady load: no move while
 *   cooling down or before the persistence streak, the cool-down stays in
 *   [cooldown_min, cooldown_max], and after an uncapped move the same load
 *   never moves again.
 */

#include "e82574_rss_bal.h"
#include "fuzz_common.h"

#define N E82574_RSS_BAL_MAX_ENTRIES

static struct e82574_rss_bal_scratch *sc;

static u64 clampl(u64 v)
{
	return v > E82574_RSS_BAL_LOAD_MAX ? E82574_RSS_BAL_LOAD_MAX : v;
}

static u64 ref_max(const u64 *load, const u32 *tbl, u32 n, u64 *total)
{
	u64 q[2] = { 0, 0 };
	u32 i;

	for (i = 0; i < n; i++)
		q[tbl[i] ? 1 : 0] += clampl(load[i]);
	if (total)
		*total = q[0] + q[1];
	return q[0] > q[1] ? q[0] : q[1];
}

struct brute {
	u64 opt, cap_best;
	u32 min_moves, cap_moves;
};

static void brute(const u64 *load, const u32 *cur, u32 n, u32 tol, u32 cap,
		  struct brute *b)
{
	u32 mask, i, mv, curmask = 0;
	u64 l0, total = 0, m;
	int pass;

	for (i = 0; i < n; i++) {
		total += clampl(load[i]);
		if (!cur[i])
			curmask |= 1u << i;
	}
	b->opt = U64_MAX;
	b->cap_best = U64_MAX;
	b->min_moves = U32_MAX;
	b->cap_moves = U32_MAX;
	for (pass = 0; pass < 2; pass++) {
		for (mask = 0; mask < (1u << n); mask++) {
			l0 = 0;
			for (i = 0; i < n; i++)
				if (mask & (1u << i))
					l0 += clampl(load[i]);
			m = l0 > total - l0 ? l0 : total - l0;
			if (!pass) {
				if (m < b->opt)
					b->opt = m;
				continue;
			}
			mv = __builtin_popcount(mask ^ curmask);
			if ((unsigned __int128)m * 1000 <=
			    (unsigned __int128)b->opt * (1000 + tol) &&
			    mv < b->min_moves)
				b->min_moves = mv;
			if (mv <= cap && (m < b->cap_best ||
					  (m == b->cap_best && mv < b->cap_moves))) {
				b->cap_best = m;
				b->cap_moves = mv;
			}
		}
	}
}

static void check_solve(const u64 *load, const u32 *cur, u32 n, u32 tol,
			u32 cap)
{
	struct e82574_rss_bal_result res, res2;
	u32 out[N], out2[N], i, mv = 0;
	u64 total, cmax, half;
	struct brute b;
	int ret;

	ret = e82574_rss_bal_solve(load, cur, n, tol, cap, out, sc, &res);
	FUZZ_CHECK(ret == 0, "solve %d", ret);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(out[i] <= 1, "entry %u queue %u", i, out[i]);
		mv += out[i] != cur[i];
		if (!load[i])
			FUZZ_CHECK(out[i] == cur[i], "idle entry %u moved", i);
	}
	cmax = ref_max(load, cur, n, &total);
	FUZZ_CHECK(res.moves == mv, "moves %u, counted %u", res.moves, mv);
	FUZZ_CHECK(mv <= cap, "moves %u over cap %u", mv, cap);
	FUZZ_CHECK(res.total == total && res.cur_max == cmax,
		   "total %llu/%llu cur_max %llu/%llu",
		   (unsigned long long)res.total, (unsigned long long)total,
		   (unsigned long long)res.cur_max, (unsigned long long)cmax);
	FUZZ_CHECK(res.new_max == ref_max(load, out, n, NULL), "new_max");
	half = (total + 1) / 2;
	FUZZ_CHECK(res.lb >= half && res.lb <= res.best_max,
		   "lb %llu, half %llu, best %llu",
		   (unsigned long long)res.lb, (unsigned long long)half,
		   (unsigned long long)res.best_max);
	/* the documented bound: quantisation never beats 16 permille */
	FUZZ_CHECK(!res.coarse || (tol < 16 && res.shift),
		   "coarse with tolerance %u, shift %u", tol, res.shift);

	if (n <= 16) {
		brute(load, cur, n, tol > 1000 ? 1000 : tol, cap, &b);
		FUZZ_CHECK(res.lb <= b.opt && b.opt <= res.best_max,
			   "lb %llu opt %llu best %llu",
			   (unsigned long long)res.lb,
			   (unsigned long long)b.opt,
			   (unsigned long long)res.best_max);
		if (!res.capped && !res.coarse)
			FUZZ_CHECK((unsigned __int128)res.new_max * 1000 <=
				   (unsigned __int128)b.opt *
				   (1000 + (tol > 1000 ? 1000 : tol)),
				   "new_max %llu, opt %llu, tol %u",
				   (unsigned long long)res.new_max,
				   (unsigned long long)b.opt, tol);
		if (res.shift == 0) {
			FUZZ_CHECK(res.lb == b.opt && res.best_max == b.opt,
				   "exact: lb/best vs opt");
			FUZZ_CHECK(res.capped == (b.min_moves > cap),
				   "capped %d, min moves %u, cap %u",
				   res.capped, b.min_moves, cap);
			if (!res.capped)
				FUZZ_CHECK(res.moves == b.min_moves,
					   "moves %u, exhaustive %u", res.moves,
					   b.min_moves);
			else
				FUZZ_CHECK(res.new_max == b.cap_best &&
					   res.moves == b.cap_moves,
					   "capped: %llu/%u, exhaustive %llu/%u",
					   (unsigned long long)res.new_max,
					   res.moves,
					   (unsigned long long)b.cap_best,
					   b.cap_moves);
		} else {
			FUZZ_CHECK(res.capped || res.moves >= b.min_moves,
				   "moves %u below exhaustive %u", res.moves,
				   b.min_moves);
		}
	}

	/* deterministic */
	memset(out2, 0xa5, sizeof(out2));
	e82574_rss_bal_solve(load, cur, n, tol, cap, out2, sc, &res2);
	FUZZ_CHECK(!memcmp(out, out2, n * sizeof(u32)) &&
		   res2.moves == res.moves, "not deterministic");
	/* a fresh table is a fixed point */
	if (!res.capped) {
		e82574_rss_bal_solve(load, out, n, tol, n, out2, sc, &res2);
		FUZZ_CHECK(res2.moves == 0, "re-solve moves %u", res2.moves);
	}
}

static void check_hyst(struct fuzz_in *in, const u64 *load, const u32 *cur,
		       u32 n)
{
	struct e82574_rss_bal_policy p;
	struct e82574_rss_bal_state st;
	struct e82574_rss_bal_result res;
	struct e82574_rss_bal_load m;
	enum e82574_rss_bal_verdict v;
	u32 tbl[N], out[N], t, cmin, cmax, since, over;
	bool settled = false;

	p.trigger_pm = in_u16(in) % 1200;
	p.target_pm = in_u16(in) % 1200;
	p.gain_pm = in_u16(in) % 1200;
	p.persist = in_u8(in) % 5;
	p.cooldown_min = in_u8(in) % 8;
	p.cooldown_max = in_u8(in) % 64;
	p.max_moves = in_u8(in);
	p.min_total = in_u8(in) & 1 ? in_u32(in) : 0;
	cmin = p.cooldown_min ? p.cooldown_min : 1;
	cmax = p.cooldown_max > cmin ? p.cooldown_max : cmin;

	memcpy(tbl, cur, n * sizeof(u32));
	e82574_rss_bal_init(&p, &st);
	for (t = 0; t < 12; t++) {
		e82574_rss_bal_measure(load, tbl, n, &m);
		since = st.since_move;
		over = st.over;
		v = e82574_rss_bal_tick(&p, &st, &m);
		FUZZ_CHECK(st.cooldown >= cmin && st.cooldown <= cmax,
			   "cool-down %u", st.cooldown);
		if (v != E82574_RSS_BAL_SOLVE)
			continue;
		FUZZ_CHECK(since == U32_MAX || since + 1 >= st.cooldown,
			   "solve during cool-down");
		FUZZ_CHECK(over + 1 >= (p.persist ? p.persist : 1),
			   "solve before the streak");
		e82574_rss_bal_solve(load, tbl, n, p.target_pm, p.max_moves,
				     out, sc, &res);
		v = e82574_rss_bal_commit(&p, &st, &res);
		FUZZ_CHECK(st.cooldown >= cmin && st.cooldown <= cmax,
			   "cool-down %u", st.cooldown);
		if (v != E82574_RSS_BAL_MOVE)
			continue;
		FUZZ_CHECK(!settled, "steady load moved again at %u", t);
		FUZZ_CHECK(res.moves && res.moves <= p.max_moves, "moves %u",
			   res.moves);
		memcpy(tbl, out, n * sizeof(u32));
		if (!res.capped)
			settled = true;
	}
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };
	u64 *load = fuzz_alloc(N * sizeof(u64));
	u32 *cur = fuzz_alloc(N * sizeof(u32));
	u32 n, i, tol, cap, bits;
	u8 mode;

	if (!sc)
		sc = fuzz_alloc(E82574_RSS_BAL_SCRATCH_SIZE);
	mode = in_u8(&in);
	n = mode & 0x80 ? in_u8(&in) % N + 1 : in_u8(&in) % 16 + 1;
	tol = in_u8(&in) & 1 ? in_u16(&in) % 1100 : (u32[]){ 0, 20, 50,
							     200 }[in_u8(&in) % 4];
	cap = in_u8(&in) & 1 ? in_u8(&in) % (n + 2) : n;
	bits = in_u8(&in) % 64;
	for (i = 0; i < n; i++) {
		cur[i] = in_u8(&in) & 1;
		switch (mode % 5) {
		case 0:		/* small: exact DP */
			load[i] = in_u8(&in) * 4;
			break;
		case 1:		/* large: quantised */
			load[i] = (u64)in_u32(&in) << (bits % 24);
			break;
		case 2:		/* mostly idle */
			load[i] = in_u8(&in) < 200 ? 0 : in_u32(&in);
			break;
		case 3:		/* all equal */
			load[i] = 1ULL << bits;
			break;
		default:	/* raw, clamped by the core */
			load[i] = (u64)in_u32(&in) << 32 | in_u32(&in);
			break;
		}
	}
	/* an out-of-range queue is refused */
	if (mode & 0x40) {
		cur[in_u8(&in) % n] = 2 + in_u8(&in);
		FUZZ_CHECK(e82574_rss_bal_solve(load, cur, n, tol, cap, cur, sc,
						&(struct e82574_rss_bal_result){})
			   == -EINVAL, "bad queue accepted");
	} else {
		check_solve(load, cur, n, tol, cap);
		/* a solve costs n * E82574_RSS_BAL_QMAX steps: keep it quick */
		if (n <= 32)
			check_hyst(&in, load, cur, n);
	}
	free(load);
	free(cur);
	return 0;
}
