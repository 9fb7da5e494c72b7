/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hardware-independent RSS balancing core of the e82574 driver: the
 * two-queue table balancer (minimum max queue load, then minimum moves), the
 * hysteresis that decides whether a rebalance is worth it, and the decision
 * logic of the reorder fence for table moves.  Like e82574_rss_core, no
 * MMIO, no netdev, no locks, no allocation and no recursion: the caller
 * provides all memory, the KUnit suites and the fuzz targets call the same
 * code.
 */
#ifndef _E82574_RSS_BAL_H_
#define _E82574_RSS_BAL_H_

#include <linux/types.h>
#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/errno.h>

/* most table entries the balancer and the fence handle (the 82574 RETA) */
#define E82574_RSS_BAL_MAX_ENTRIES	128
/* most queues the fence handles (queue numbers are kept in a u8) */
#define E82574_RSS_FENCE_MAX_QUEUES	16
/*
 * Loads are clamped to this (2^40 bytes per entry per interval is hours of
 * line rate) so that load * 2000 never overflows a u64.
 */
#define E82574_RSS_BAL_LOAD_MAX		BIT_ULL(40)
/* a permille tolerance or threshold above this is clamped to it */
#define E82574_RSS_BAL_PM_MAX		1000
/*
 * Bound on the quantised total load the subset-sum DP runs over.  Loads are
 * divided by the smallest power of two 2^k that brings the sum of the
 * rounded loads to at most this; see e82574_rss_bal_solve() for the error
 * this costs (at most 128 / (16383 - 64) < 0.79% of the total load, i.e.
 * 1.57% of the mean queue load).
 */
#define E82574_RSS_BAL_QMAX		16383
/* longs of one row of the DP's choice bitmap (one bit per quantised sum) */
#define E82574_RSS_BAL_WORDS		BITS_TO_LONGS(E82574_RSS_BAL_QMAX + 1)

/**
 * struct e82574_rss_bal_scratch - working memory of e82574_rss_bal_solve()
 * @q: quantised load per entry
 * @choice: per entry, per reachable queue-0 sum: the entry is on queue 0
 *	in the minimum-move assignment that reaches the sum
 * @dp: per queue-0 sum, the fewest moves that reach it (0xff: unreachable)
 *
 * About 273 KiB: far too large for a kernel stack; the driver allocates it
 * once (kvmalloc) when balancing is turned on.
 */
struct e82574_rss_bal_scratch {
	u32 q[E82574_RSS_BAL_MAX_ENTRIES];
	unsigned long choice[E82574_RSS_BAL_MAX_ENTRIES][E82574_RSS_BAL_WORDS];
	u8 dp[E82574_RSS_BAL_QMAX + 1];
};

/* bytes the caller provides to e82574_rss_bal_solve() */
#define E82574_RSS_BAL_SCRATCH_SIZE	sizeof(struct e82574_rss_bal_scratch)

/**
 * struct e82574_rss_bal_load - load of a table under a per-entry load
 * @total: sum of the (clamped) entry loads
 * @queue: load of queue 0 and queue 1
 * @max: the larger of the two queue loads
 */
struct e82574_rss_bal_load {
	u64 total;
	u64 queue[2];
	u64 max;
};

/**
 * struct e82574_rss_bal_result - outcome of e82574_rss_bal_solve()
 * @total: sum of the (clamped) entry loads
 * @cur_max: max queue load of the current table
 * @new_max: max queue load of the returned table (exact, not quantised)
 * @best_max: max queue load of the most balanced table the DP found
 * @lb: certified lower bound on the optimum max queue load: no table does
 *	better than this (equal to the optimum when @shift is 0)
 * @moves: entries whose queue differs between the current and returned table
 * @shift: loads were divided by 2^@shift before the DP (0: exact)
 * @capped: the move cap kept the result out of the tolerance window
 * @coarse: the quantisation error exceeded the tolerance, so the result is
 *	the quantised optimum with fewest moves rather than a certified
 *	in-tolerance table (only with a tolerance under 16 permille)
 */
struct e82574_rss_bal_result {
	u64 total;
	u64 cur_max;
	u64 new_max;
	u64 best_max;
	u64 lb;
	u32 moves;
	u32 shift;
	bool capped;
	bool coarse;
};

/**
 * struct e82574_rss_bal_policy - when the balancer may move entries
 * @trigger_pm: rebalance only if the current max queue load exceeds the
 *	optimum's by more than this (permille; 50 = the 5% target)
 * @target_pm: when rebalancing, accept any table within this of the
 *	optimum (permille; less than @trigger_pm, so that a fresh table sits
 *	well inside the band and small drift does not retrigger)
 * @gain_pm: a rebalance must lower the max queue load by at least this
 *	(permille of the current max), or it is not worth its moves
 * @persist: consecutive imbalanced intervals before a rebalance (>= 1);
 *	filters a single burst
 * @cooldown_min: intervals after a move during which no move is made
 * @cooldown_max: the cool-down doubles, up to this, each time a move follows
 *	the previous one within twice the cool-down (a load that the last
 *	table did not fit for long), and falls back to @cooldown_min after a
 *	move that follows a long quiet period or continues a move the cap cut
 *	short
 * @max_moves: most entries moved in one interval
 * @min_total: total load below which the balancer does nothing (too little
 *	traffic to measure)
 */
struct e82574_rss_bal_policy {
	u32 trigger_pm;
	u32 target_pm;
	u32 gain_pm;
	u32 persist;
	u32 cooldown_min;
	u32 cooldown_max;
	u32 max_moves;
	u64 min_total;
};

/* the driver's defaults, as documented in e82574.rst */
extern const struct e82574_rss_bal_policy e82574_rss_bal_default_policy;

/**
 * struct e82574_rss_bal_state - hysteresis state kept between intervals
 * @since_move: intervals since the last move (saturates)
 * @over: consecutive intervals the table was out of the trigger band
 * @cooldown: current cool-down in intervals
 * @events: rebalances made
 * @moved: entries moved in all rebalances
 * @last_capped: the last move was cut short by the move cap, so the next
 *	one continues it and does not lengthen the cool-down
 */
struct e82574_rss_bal_state {
	u32 since_move;
	u32 over;
	u32 cooldown;
	u32 events;
	u32 moved;
	bool last_capped;
};

/**
 * enum e82574_rss_bal_verdict - what one balancer interval decided
 * @E82574_RSS_BAL_IDLE: too little load to judge; nothing moves
 * @E82574_RSS_BAL_BALANCED: the table is within the trigger band of the
 *	mean queue load, hence of the optimum; nothing moves
 * @E82574_RSS_BAL_COOLDOWN: out of band, but a move was made too recently
 * @E82574_RSS_BAL_PENDING: out of band for fewer than @persist intervals
 * @E82574_RSS_BAL_SOLVE: out of band long enough: run the solver and call
 *	e82574_rss_bal_commit()
 * @E82574_RSS_BAL_OPTIMAL: the solver shows no table is better by more
 *	than the trigger band (e.g. one entry carries most of the load)
 * @E82574_RSS_BAL_NO_GAIN: the best table within the move cap gains less
 *	than @gain_pm
 * @E82574_RSS_BAL_MOVE: apply the solver's table
 */
enum e82574_rss_bal_verdict {
	E82574_RSS_BAL_IDLE,
	E82574_RSS_BAL_BALANCED,
	E82574_RSS_BAL_COOLDOWN,
	E82574_RSS_BAL_PENDING,
	E82574_RSS_BAL_SOLVE,
	E82574_RSS_BAL_OPTIMAL,
	E82574_RSS_BAL_NO_GAIN,
	E82574_RSS_BAL_MOVE,
};

/**
 * enum e82574_rss_fence_verdict - what to do with one received frame
 * @E82574_RSS_FENCE_DELIVER: pass it up now
 * @E82574_RSS_FENCE_HOLD: its entry moved to this queue and the old queue
 *	has not yet delivered everything it received before the switch:
 *	hold it (in arrival order) until the fence lifts
 * @E82574_RSS_FENCE_LATE: its entry moved away from this queue and the
 *	fence already lifted: it arrived too late to be ordered (deliver and
 *	count it)
 */
enum e82574_rss_fence_verdict {
	E82574_RSS_FENCE_DELIVER,
	E82574_RSS_FENCE_HOLD,
	E82574_RSS_FENCE_LATE,
};

/**
 * enum e82574_rss_fence_phase - life cycle of a fence
 * @E82574_RSS_FENCE_IDLE: no move known; every frame is delivered
 * @E82574_RSS_FENCE_PLANNED: moves computed, table not yet written
 * @E82574_RSS_FENCE_ACTIVE: table being written or written; frames of
 *	moved entries on their new queue are held until their old queue
 *	passes its snapped position
 * @E82574_RSS_FENCE_RELEASED: every old queue passed its position (or the
 *	fence timed out); frames of moved entries on the old queue are late
 */
enum e82574_rss_fence_phase {
	E82574_RSS_FENCE_IDLE,
	E82574_RSS_FENCE_PLANNED,
	E82574_RSS_FENCE_ACTIVE,
	E82574_RSS_FENCE_RELEASED,
};

/**
 * struct e82574_rss_fence - decision state of one reorder fence
 * @phase: see enum e82574_rss_fence_phase
 * @entries: table size (a power of two; the entry of a hash is
 *	hash & (@entries - 1))
 * @nqueues: queues of the tables
 * @nmoved: entries in @moved
 * @moved: entries whose queue changed
 * @old_q: per entry, the queue before the change
 * @new_q: per entry, the queue after the change
 * @waiting: bit q set: old queue q still has pre-switch frames to deliver
 * @snap: per queue, its position (descriptors written by the device) when
 *	the new table reached the device
 * @start: time the fence was armed (caller's unit, e.g. ns)
 * @snapped: @snap is valid
 * @timed_out: the fence lifted by timeout rather than by positions
 */
struct e82574_rss_fence {
	enum e82574_rss_fence_phase phase;
	u32 entries;
	u32 nqueues;
	u32 nmoved;
	DECLARE_BITMAP(moved, E82574_RSS_BAL_MAX_ENTRIES);
	u8 old_q[E82574_RSS_BAL_MAX_ENTRIES];
	u8 new_q[E82574_RSS_BAL_MAX_ENTRIES];
	u32 waiting;
	u32 snap[E82574_RSS_FENCE_MAX_QUEUES];
	u64 start;
	bool snapped;
	bool timed_out;
};

void e82574_rss_bal_measure(const u64 *load, const u32 *tbl, u32 n,
			    struct e82574_rss_bal_load *out);
int e82574_rss_bal_solve(const u64 *load, const u32 *cur, u32 n, u32 tol_pm,
			 u32 max_moves, u32 *out,
			 struct e82574_rss_bal_scratch *scratch,
			 struct e82574_rss_bal_result *res);
void e82574_rss_bal_ewma(u64 *avg, const u64 *sample, u32 n, u32 shift);
void e82574_rss_bal_init(const struct e82574_rss_bal_policy *p,
			 struct e82574_rss_bal_state *st);
enum e82574_rss_bal_verdict
e82574_rss_bal_tick(const struct e82574_rss_bal_policy *p,
		    struct e82574_rss_bal_state *st,
		    const struct e82574_rss_bal_load *cur);
enum e82574_rss_bal_verdict
e82574_rss_bal_commit(const struct e82574_rss_bal_policy *p,
		      struct e82574_rss_bal_state *st,
		      const struct e82574_rss_bal_result *res);

int e82574_rss_fence_plan(struct e82574_rss_fence *f, const u32 *old_tbl,
			  const u32 *new_tbl, u32 entries, u32 nqueues);
void e82574_rss_fence_arm(struct e82574_rss_fence *f, u64 now);
void e82574_rss_fence_snap(struct e82574_rss_fence *f, const u32 *pos);
enum e82574_rss_fence_verdict
e82574_rss_fence_classify(const struct e82574_rss_fence *f, u32 ring,
			  u32 hash);
u32 e82574_rss_fence_update(struct e82574_rss_fence *f, const u32 *pos,
			    u64 now, u64 timeout);
u32 e82574_rss_fence_lift_all(struct e82574_rss_fence *f);

#endif /* _E82574_RSS_BAL_H_ */
