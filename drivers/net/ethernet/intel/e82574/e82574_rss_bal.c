// SPDX-License-Identifier: GPL-2.0
/*
 * Hardware-independent RSS balancing core of the e82574 driver.
 *
 * Balancer.  With two queues a table is a subset S of the entries (those on
 * queue 0); its cost is the larger queue load max(L(S), T - L(S)), T the
 * total.  The optimum is a subset-sum problem, solved exactly by dynamic
 * programming over the queue-0 sum.  The DP keeps, per reachable sum, the
 * fewest entries that must change queue to reach it, so one pass gives both
 * the optimum and, for every acceptable sum, the cheapest way there.  Loads
 * are quantised (divided by a power of two, rounded to nearest) to bound
 * the DP; the rounding residuals give a per-instance bound on the error,
 * which is folded into the acceptance test so that the returned table is
 * certified against the true loads, not only the quantised ones.
 *
 * Hysteresis.  e82574_rss_bal_tick() and e82574_rss_bal_commit() implement
 * the rules documented at struct e82574_rss_bal_policy.
 *
 * Fence.  e82574_rss_fence_*() decide which entries a table change moves,
 * which received frames must wait for the old queue, and when the wait
 * ends; the driver keeps the held frames and the positions.
 */

#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/string.h>

#include "e82574_rss_bal.h"

#define E82574_RSS_BAL_INF	0xff

const struct e82574_rss_bal_policy e82574_rss_bal_default_policy = {
	.trigger_pm = 50,
	.target_pm = 20,
	.gain_pm = 20,
	.persist = 2,
	.cooldown_min = 3,
	.cooldown_max = 48,
	.max_moves = 16,
	.min_total = 1 << 20,
};

static u64 e82574_rss_bal_clamp(u64 load)
{
	return min_t(u64, load, E82574_RSS_BAL_LOAD_MAX);
}

/**
 * e82574_rss_bal_measure() - queue loads of a two-queue table
 * @load: per-entry load (@n values; each clamped to
 *	E82574_RSS_BAL_LOAD_MAX)
 * @tbl: table (@n queue numbers; any non-zero queue counts as queue 1)
 * @n: entries
 * @out: filled with the total, both queue loads and the larger of them
 */
void e82574_rss_bal_measure(const u64 *load, const u32 *tbl, u32 n,
			    struct e82574_rss_bal_load *out)
{
	u32 i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++)
		out->queue[tbl[i] ? 1 : 0] += e82574_rss_bal_clamp(load[i]);
	out->total = out->queue[0] + out->queue[1];
	out->max = max(out->queue[0], out->queue[1]);
}

/* Sum of the loads divided by 2^shift, rounded to nearest. */
static u64 e82574_rss_bal_qtotal(const u64 *load, u32 n, u32 shift)
{
	u64 half = shift ? 1ULL << (shift - 1) : 0, sum = 0;
	u32 i;

	for (i = 0; i < n; i++)
		sum += (e82574_rss_bal_clamp(load[i]) + half) >> shift;
	return sum;
}

/*
 * Walk the choice bits back from queue-0 sum @s.  Returns the true
 * queue-0 load of that assignment; if @out is set, writes the table there
 * and counts in *@moves the entries that differ from @cur.
 */
static u64 e82574_rss_bal_walk(const struct e82574_rss_bal_scratch *sc,
			       const u64 *load, const u32 *cur, u32 n, u32 s,
			       u32 *out, u32 *moves)
{
	u64 l0 = 0;
	u32 i, q;

	if (moves)
		*moves = 0;
	for (i = n; i-- > 0;) {
		if (!sc->q[i]) {
			q = cur[i];	/* no load: never moved */
		} else if (test_bit(s, sc->choice[i])) {
			q = 0;
			s -= sc->q[i];
		} else {
			q = 1;
		}
		if (!q)
			l0 += e82574_rss_bal_clamp(load[i]);
		if (moves && q != cur[i])
			(*moves)++;
		if (out)
			out[i] = q;
	}
	return l0;
}

/* max(s, qt - s): the quantised cost of queue-0 sum s */
static u32 e82574_rss_bal_qcost(u32 s, u32 qt)
{
	return max(s, qt - s);
}

/*
 * Among queue-0 sums s in [lo, hi] reachable with at most @cap moves, the
 * one with fewest moves (ties: lower cost, then lower s) if @by_moves, else
 * the one with lowest cost (ties: fewer moves, then lower s).  Returns
 * false if there is none.
 */
static bool e82574_rss_bal_pick(const u8 *dp, u32 qt, u32 lo, u32 hi,
				u32 cap, bool by_moves, u32 *best)
{
	u32 s, m, c, bm = 0, bc = 0;
	bool found = false;

	for (s = lo; s <= hi; s++) {
		m = dp[s];
		if (m == E82574_RSS_BAL_INF || m > cap)
			continue;
		c = e82574_rss_bal_qcost(s, qt);
		if (found && (by_moves ? (m > bm || (m == bm && c >= bc)) :
				       (c > bc || (c == bc && m >= bm))))
			continue;
		found = true;
		bm = m;
		bc = c;
		*best = s;
	}
	return found;
}

/**
 * e82574_rss_bal_solve() - balance a two-queue table with fewest moves
 * @load: per-entry load over the last interval(s), @n values (bytes or
 *	packets; each clamped to E82574_RSS_BAL_LOAD_MAX)
 * @cur: current table, @n values, each 0 or 1
 * @n: entries, 1..E82574_RSS_BAL_MAX_ENTRIES
 * @tol_pm: tolerance in permille (clamped to E82574_RSS_BAL_PM_MAX): any
 *	table whose max queue load is at most (1 + @tol_pm / 1000) times the
 *	optimum is acceptable
 * @max_moves: most entries the result may move
 * @out: the chosen table, @n values 0 or 1 (may be @cur)
 * @scratch: working memory, E82574_RSS_BAL_SCRATCH_SIZE bytes
 * @res: figures of the current and chosen table
 *
 * Among the acceptable tables, the one that moves fewest entries is
 * returned (ties: the better balanced, then the one with the smaller
 * quantised queue-0 load; the result is a deterministic function of the
 * input).  If none is reachable within @max_moves, the best balanced table
 * within @max_moves is returned and @res->capped is set.  Entries with no
 * load never move.
 *
 * Exactness.  Loads are divided by s = 2^k, the smallest power of two that
 * brings the sum of the rounded quotients to at most E82574_RSS_BAL_QMAX,
 * and the DP is exact on the quotients.  Writing e+ and e- for the sums of
 * the positive and negative rounding residuals (each residual is at most
 * s/2, so e+ + e- <= n * s / 2 < 0.79% of the total load), every table's
 * true max load lies within [s * Q - e-, s * Q + e+] of its quantised max
 * load Q.  Hence lb = max(T/2, largest entry, s * Qopt - e-) is a lower
 * bound on the true optimum, and a table is accepted only if
 * s * Q + e+ <= lb * (1 + @tol_pm / 1000): the true max load of the result
 * is then within the tolerance of the true optimum.  That window always
 * contains the quantised optimum when @tol_pm >= 16; with a smaller
 * tolerance (and k > 0) it may not, and the quantised optimum with fewest
 * moves is returned instead (@res->coarse).  With k = 0 (total load at
 * most E82574_RSS_BAL_QMAX) everything is exact.
 *
 * Cost: O(n * E82574_RSS_BAL_QMAX) time, no recursion, only @scratch.
 *
 * Return: 0, or -EINVAL if @n is out of range or @cur holds a queue other
 * than 0 or 1 (nothing is written then).
 */
int e82574_rss_bal_solve(const u64 *load, const u32 *cur, u32 n, u32 tol_pm,
			 u32 max_moves, u32 *out,
			 struct e82574_rss_bal_scratch *scratch,
			 struct e82574_rss_bal_result *res)
{
	struct e82574_rss_bal_scratch *sc = scratch;
	u64 half, l, back, lb, thr, e_pos = 0, e_neg = 0, big = 0, l0;
	u32 i, s, qt = 0, run = 0, shift = 0, qopt, qthr, lo, hi, pick, qi;
	struct e82574_rss_bal_load m;
	u8 a, b, c0, c1, *dp = sc->dp;
	unsigned long *row;
	bool on0;

	if (!n || n > E82574_RSS_BAL_MAX_ENTRIES)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (cur[i] > 1)
			return -EINVAL;
	tol_pm = min_t(u32, tol_pm, E82574_RSS_BAL_PM_MAX);

	memset(res, 0, sizeof(*res));
	e82574_rss_bal_measure(load, cur, n, &m);
	res->total = m.total;
	res->cur_max = m.max;

	/* quantise: smallest shift that bounds the DP */
	while (e82574_rss_bal_qtotal(load, n, shift) > E82574_RSS_BAL_QMAX)
		shift++;
	half = shift ? 1ULL << (shift - 1) : 0;
	for (i = 0; i < n; i++) {
		l = e82574_rss_bal_clamp(load[i]);
		big = max(big, l);
		sc->q[i] = (l + half) >> shift;
		back = (u64)sc->q[i] << shift;
		if (back > l)
			e_neg += back - l;
		else
			e_pos += l - back;
		qt += sc->q[i];
	}

	/* dp[s]: fewest moves to a queue-0 sum of s over the entries so far */
	memset(dp, E82574_RSS_BAL_INF, qt + 1);
	dp[0] = 0;
	for (i = 0; i < n; i++) {
		qi = sc->q[i];
		if (!qi)
			continue;
		row = sc->choice[i];
		run += qi;
		memset(row, 0, BITS_TO_LONGS(run + 1) * sizeof(*row));
		c0 = cur[i] != 0;	/* cost of putting it on queue 0 */
		c1 = !c0;		/* cost of putting it on queue 1 */
		/* descending, so dp[s - qi] still holds the previous row */
		for (s = run; ; s--) {
			a = dp[s] == E82574_RSS_BAL_INF ?
			    E82574_RSS_BAL_INF : dp[s] + c1;
			b = s < qi || dp[s - qi] == E82574_RSS_BAL_INF ?
			    E82574_RSS_BAL_INF : dp[s - qi] + c0;
			/* on a tie keep the entry where it is */
			on0 = b < a || (b == a && b != E82574_RSS_BAL_INF &&
					!c0);
			dp[s] = on0 ? b : a;
			if (on0)
				__set_bit(s, row);
			if (!s)
				break;
		}
	}

	/* the quantised optimum and the certified lower bound */
	e82574_rss_bal_pick(dp, qt, 0, qt, E82574_RSS_BAL_MAX_ENTRIES, false,
			    &pick);
	qopt = e82574_rss_bal_qcost(pick, qt);
	l0 = e82574_rss_bal_walk(sc, load, cur, n, pick, NULL, NULL);
	res->best_max = max(l0, m.total - l0);
	lb = max((m.total + 1) / 2, big);
	if (((u64)qopt << shift) > e_neg)
		lb = max(lb, ((u64)qopt << shift) - e_neg);
	res->lb = lb;

	/* the window of acceptable queue-0 sums */
	thr = div_u64(lb * (1000 + tol_pm), 1000);
	qthr = thr >= e_pos ? min_t(u64, (thr - e_pos) >> shift, qt) : 0;
	if (qthr < qopt) {
		res->coarse = true;
		qthr = qopt;
	}
	lo = qt - qthr;
	hi = qthr;
	if (!e82574_rss_bal_pick(dp, qt, lo, hi, max_moves, true, &pick)) {
		res->capped = true;
		/* dp of the current table's sum is 0: always found */
		e82574_rss_bal_pick(dp, qt, 0, qt, max_moves, false, &pick);
	}

	l0 = e82574_rss_bal_walk(sc, load, cur, n, pick, out, &res->moves);
	res->new_max = max(l0, m.total - l0);
	res->shift = shift;
	return 0;
}

/**
 * e82574_rss_bal_ewma() - smooth per-entry load over intervals
 * @avg: running average, updated in place (@n values)
 * @sample: load of the last interval (@n values, clamped to
 *	E82574_RSS_BAL_LOAD_MAX)
 * @n: entries
 * @shift: weight of the new sample is 2^-@shift (0: take the sample)
 *
 * A load that alternates between two patterns averages out to their mean
 * instead of making the balancer chase each half.
 */
void e82574_rss_bal_ewma(u64 *avg, const u64 *sample, u32 n, u32 shift)
{
	u64 x;
	u32 i;

	shift = min_t(u32, shift, 63);
	for (i = 0; i < n; i++) {
		x = e82574_rss_bal_clamp(sample[i]);
		if (x >= avg[i])
			avg[i] += (x - avg[i]) >> shift;
		else
			avg[i] -= (avg[i] - x) >> shift;
	}
}

/**
 * e82574_rss_bal_init() - start the hysteresis state
 * @p: policy
 * @st: state to initialise: no move yet, so no cool-down applies
 */
void e82574_rss_bal_init(const struct e82574_rss_bal_policy *p,
			 struct e82574_rss_bal_state *st)
{
	memset(st, 0, sizeof(*st));
	st->since_move = U32_MAX;
	st->cooldown = max_t(u32, p->cooldown_min, 1);
}

/**
 * e82574_rss_bal_tick() - account one interval and decide whether to solve
 * @p: policy
 * @st: hysteresis state
 * @cur: load of the current table over the interval
 *
 * Rules, in order: below @p->min_total nothing is judged (IDLE); a table
 * whose max queue load is within @p->trigger_pm of the mean load T/2 is
 * within it of the optimum too (BALANCED), and that ends an imbalance
 * streak; otherwise the streak grows, and the solver runs (SOLVE) only if
 * the last move is at least the current cool-down old and the streak is at
 * least @p->persist intervals long.  A load that flips between a balanced
 * and an unbalanced pattern every interval never builds a streak.
 *
 * Return: the verdict; only E82574_RSS_BAL_SOLVE asks for the solver.
 */
enum e82574_rss_bal_verdict
e82574_rss_bal_tick(const struct e82574_rss_bal_policy *p,
		    struct e82574_rss_bal_state *st,
		    const struct e82574_rss_bal_load *cur)
{
	u32 trig = min_t(u32, p->trigger_pm, E82574_RSS_BAL_PM_MAX);
	u64 total;

	if (st->since_move < U32_MAX)
		st->since_move++;
	if (!cur->total || cur->total < p->min_total) {
		st->over = 0;
		return E82574_RSS_BAL_IDLE;
	}
	total = min_t(u64, cur->total, 2 * E82574_RSS_BAL_LOAD_MAX);
	if (e82574_rss_bal_clamp(cur->max) * 2000 <= (1000 + trig) * total) {
		st->over = 0;
		return E82574_RSS_BAL_BALANCED;
	}
	if (st->over < U32_MAX)
		st->over++;
	if (st->since_move < st->cooldown)
		return E82574_RSS_BAL_COOLDOWN;
	if (st->over < max_t(u32, p->persist, 1))
		return E82574_RSS_BAL_PENDING;
	return E82574_RSS_BAL_SOLVE;
}

/**
 * e82574_rss_bal_commit() - decide on the solver's table
 * @p: policy
 * @st: hysteresis state
 * @res: the solver's figures, from e82574_rss_bal_solve() with
 *	@p->target_pm and @p->max_moves
 *
 * No move if the current table is within @p->trigger_pm of the lower bound
 * on the optimum (OPTIMAL: no table is much better), or if the new table
 * moves nothing or lowers the max queue load by less than @p->gain_pm of it
 * (NO_GAIN).  Otherwise MOVE: the cool-down doubles (up to
 * @p->cooldown_max) if this move follows the last within twice the
 * cool-down, unless the last move was cut short by the move cap (then this
 * one continues it), and returns to @p->cooldown_min otherwise.  Every
 * verdict ends the imbalance streak.
 *
 * Return: E82574_RSS_BAL_OPTIMAL, E82574_RSS_BAL_NO_GAIN or
 * E82574_RSS_BAL_MOVE.
 */
enum e82574_rss_bal_verdict
e82574_rss_bal_commit(const struct e82574_rss_bal_policy *p,
		      struct e82574_rss_bal_state *st,
		      const struct e82574_rss_bal_result *res)
{
	u32 trig = min_t(u32, p->trigger_pm, E82574_RSS_BAL_PM_MAX);
	u32 gain = min_t(u32, p->gain_pm, E82574_RSS_BAL_PM_MAX);
	u32 cmin = max_t(u32, p->cooldown_min, 1);
	u32 cmax = max(p->cooldown_max, cmin);

	st->over = 0;
	if (res->cur_max * 1000 <= res->lb * (1000 + trig))
		return E82574_RSS_BAL_OPTIMAL;
	if (!res->moves || res->new_max * 1000 > res->cur_max * (1000 - gain))
		return E82574_RSS_BAL_NO_GAIN;

	if (st->events && !st->last_capped &&
	    st->since_move < 2 * (u64)st->cooldown)
		st->cooldown = min_t(u64, 2 * (u64)st->cooldown, cmax);
	else
		st->cooldown = cmin;
	st->last_capped = res->capped;
	st->since_move = 0;
	st->events++;
	st->moved += res->moves;
	return E82574_RSS_BAL_MOVE;
}

/**
 * e82574_rss_fence_plan() - which entries a table change moves
 * @f: fence; must not be active
 * @old_tbl: table before the change (@entries queue numbers)
 * @new_tbl: table after the change
 * @entries: table size, a power of two up to E82574_RSS_BAL_MAX_ENTRIES
 * @nqueues: queues, 1..E82574_RSS_FENCE_MAX_QUEUES; every queue number in
 *	both tables must be below it
 *
 * Records the moved entries and each one's old and new queue.  The fence
 * is then PLANNED (or IDLE if nothing moves).  The driver then calls
 * e82574_rss_fence_arm(), writes the table, flushes the write and calls
 * e82574_rss_fence_snap() with the rings' positions.
 * A fence that is still ACTIVE must be lifted first
 * (e82574_rss_fence_lift_all()) so that two generations of moves never
 * overlap.
 *
 * Return: number of moved entries, -EINVAL for bad sizes or queue numbers,
 * -EBUSY if @f is active; @f is unchanged on error.
 */
int e82574_rss_fence_plan(struct e82574_rss_fence *f, const u32 *old_tbl,
			  const u32 *new_tbl, u32 entries, u32 nqueues)
{
	u32 i;

	if (!entries || entries > E82574_RSS_BAL_MAX_ENTRIES ||
	    !is_power_of_2(entries) || !nqueues ||
	    nqueues > E82574_RSS_FENCE_MAX_QUEUES)
		return -EINVAL;
	for (i = 0; i < entries; i++)
		if (old_tbl[i] >= nqueues || new_tbl[i] >= nqueues)
			return -EINVAL;
	if (f->phase == E82574_RSS_FENCE_ACTIVE)
		return -EBUSY;

	memset(f, 0, sizeof(*f));
	f->entries = entries;
	f->nqueues = nqueues;
	for (i = 0; i < entries; i++) {
		f->old_q[i] = old_tbl[i];
		f->new_q[i] = new_tbl[i];
		if (old_tbl[i] != new_tbl[i]) {
			__set_bit(i, f->moved);
			f->nmoved++;
		}
	}
	f->phase = f->nmoved ? E82574_RSS_FENCE_PLANNED : E82574_RSS_FENCE_IDLE;
	return f->nmoved;
}

/**
 * e82574_rss_fence_arm() - the new table is about to be written
 * @f: a PLANNED fence (anything else is left alone)
 * @now: current time, in the unit of e82574_rss_fence_update()'s timeout
 *
 * Call before the table write: from here on, frames of moved entries on
 * their new queue are held, so that none slips through between the write
 * and e82574_rss_fence_snap().  Every queue that some moved entry leaves
 * must then deliver up to its snapped position before they may pass.
 */
void e82574_rss_fence_arm(struct e82574_rss_fence *f, u64 now)
{
	u32 i;

	if (f->phase != E82574_RSS_FENCE_PLANNED)
		return;
	f->waiting = 0;
	for_each_set_bit(i, f->moved, f->entries)
		f->waiting |= BIT(f->old_q[i]);
	f->start = now;
	f->snapped = false;
	f->timed_out = false;
	f->phase = E82574_RSS_FENCE_ACTIVE;
}

/**
 * e82574_rss_fence_snap() - the new table reached the device
 * @f: an ACTIVE fence (anything else is left alone)
 * @pos: per queue (@f->nqueues values), the free-running count of
 *	descriptors the device had written to that queue's ring once the
 *	table write was flushed: every frame steered by the old table lies
 *	before it
 *
 * Until this is called, only the timeout can lift the fence.
 */
void e82574_rss_fence_snap(struct e82574_rss_fence *f, const u32 *pos)
{
	u32 i;

	if (f->phase != E82574_RSS_FENCE_ACTIVE)
		return;
	for (i = 0; i < f->nqueues; i++)
		f->snap[i] = pos[i];
	f->snapped = true;
}

/**
 * e82574_rss_fence_classify() - what to do with a received frame
 * @f: fence
 * @ring: queue the frame arrived on
 * @hash: the frame's RSS hash (the entry is @hash & (@f->entries - 1))
 *
 * Frames of entries that did not move, and every frame while no fence was
 * armed, are delivered.  For a moved entry whose old queue has not yet
 * passed its position: on the new queue the frame is held, on the old
 * queue it is one of the frames received before the switch and is
 * delivered.  Once the old queue has passed its position (or the fence
 * timed out or was lifted), frames on the new queue are delivered and
 * frames still arriving on the old queue are late.
 *
 * Return: the verdict for this frame.
 */
enum e82574_rss_fence_verdict
e82574_rss_fence_classify(const struct e82574_rss_fence *f, u32 ring,
			  u32 hash)
{
	u32 e, oq;
	bool lifted;

	if (f->phase != E82574_RSS_FENCE_ACTIVE &&
	    f->phase != E82574_RSS_FENCE_RELEASED)
		return E82574_RSS_FENCE_DELIVER;
	e = hash & (f->entries - 1);
	if (!test_bit(e, f->moved))
		return E82574_RSS_FENCE_DELIVER;
	oq = f->old_q[e];
	lifted = !(f->waiting & BIT(oq));
	if (ring == oq)
		return lifted ? E82574_RSS_FENCE_LATE :
				E82574_RSS_FENCE_DELIVER;
	if (ring == f->new_q[e] && !lifted)
		return E82574_RSS_FENCE_HOLD;
	return E82574_RSS_FENCE_DELIVER;
}

/**
 * e82574_rss_fence_update() - lift the fence where the old queues caught up
 * @f: fence (only an ACTIVE one changes)
 * @pos: per queue, the free-running count of descriptors the driver has
 *	consumed (delivered or held) from that queue's ring
 * @now: current time
 * @timeout: lift everything once @now is this far past the arming (0: no
 *	timeout); @f->timed_out records it
 *
 * An old queue is done when its consumed count has reached its snapped
 * position (compared modulo 2^32; not before e82574_rss_fence_snap()).
 * Held frames whose old queue is in the returned mask are to be delivered,
 * in arrival order, before any newer frame of the same queue.  When no old
 * queue is left the fence is RELEASED.
 *
 * Return: mask of the old queues lifted by this call.
 */
u32 e82574_rss_fence_update(struct e82574_rss_fence *f, const u32 *pos,
			    u64 now, u64 timeout)
{
	u32 q, lifted = 0;

	if (f->phase != E82574_RSS_FENCE_ACTIVE)
		return 0;
	for (q = 0; f->snapped && q < f->nqueues; q++)
		if ((f->waiting & BIT(q)) && (s32)(pos[q] - f->snap[q]) >= 0)
			lifted |= BIT(q);
	f->waiting &= ~lifted;
	if (f->waiting && timeout && now >= f->start &&
	    now - f->start >= timeout) {
		lifted |= f->waiting;
		f->waiting = 0;
		f->timed_out = true;
	}
	if (!f->waiting)
		f->phase = E82574_RSS_FENCE_RELEASED;
	return lifted;
}

/**
 * e82574_rss_fence_lift_all() - give up waiting (held-bytes bound, a new
 *	table, the fence turned off, the interface going down)
 * @f: fence
 *
 * An ACTIVE fence becomes RELEASED (later frames on old queues still count
 * as late); a PLANNED one, whose table never reached the device, IDLE.
 *
 * Return: mask of the old queues that were still waiting.
 */
u32 e82574_rss_fence_lift_all(struct e82574_rss_fence *f)
{
	u32 lifted = 0;

	if (f->phase == E82574_RSS_FENCE_ACTIVE) {
		lifted = f->waiting;
		f->waiting = 0;
		f->phase = E82574_RSS_FENCE_RELEASED;
	} else if (f->phase == E82574_RSS_FENCE_PLANNED) {
		f->phase = E82574_RSS_FENCE_IDLE;
	}
	return lifted;
}
