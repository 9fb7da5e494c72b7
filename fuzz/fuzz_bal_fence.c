// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target bal_fence: e82574_rss_fence_plan(), _arm(), _snap(),
 * _classify(), _update() and _lift_all(), driven as the driver will drive
 * them.
 *
 * Input: table size (2-128, power of two), queue count (1-16), the first
 * table, then a stream of operations: a frame arrives (entry), a ring
 * consumes a frame, the table changes (a few entries get new queues), the
 * fence is lifted by force, time passes; plus rejected plans (bad sizes,
 * bad queues, while active).
 *
 * Rings are FIFOs filled through the current table; frames the fence
 * holds wait in per-ring lists and are released, in order, when
 * update() or lift_all() names their old queue.
 *
 * Properties:
 * - a rejected plan leaves the fence byte-for-byte unchanged;
 * - every verdict equals a naive model's (moved entry, old/new queue,
 *   which old queues still wait);
 * - with no forced lift and no timeout, every entry's frames are
 *   delivered in sequence, none is lost, none is late;
 * - the waiting mask only shrinks while active, and a fence whose old
 *   queues all passed their positions is released.
 */

#include "e82574_rss_bal.h"
#include "fuzz_common.h"

#define NE E82574_RSS_BAL_MAX_ENTRIES
#define NQ E82574_RSS_FENCE_MAX_QUEUES
#define RING 32
#define HELD 4096

struct frame {
	u8 entry;
	u32 seq;
};

struct sim {
	struct frame ring[NQ][RING];
	u32 head[NQ], tail[NQ];
	struct frame held[NQ][HELD];
	u32 nheld[NQ];
	u32 tbl[NE], next[NE];
	u32 sent[NE], got[NE];
	bool unordered;		/* a forced lift or a timeout happened */
	struct e82574_rss_fence f;
};

static enum e82574_rss_fence_verdict
model(const struct e82574_rss_fence *f, u32 ring, u32 hash)
{
	u32 e = hash & (f->entries - 1);
	bool lifted;

	if (f->phase != E82574_RSS_FENCE_ACTIVE &&
	    f->phase != E82574_RSS_FENCE_RELEASED)
		return E82574_RSS_FENCE_DELIVER;
	if (f->old_q[e] == f->new_q[e])
		return E82574_RSS_FENCE_DELIVER;
	lifted = !(f->waiting >> f->old_q[e] & 1);
	if (ring == f->old_q[e])
		return lifted ? E82574_RSS_FENCE_LATE :
				E82574_RSS_FENCE_DELIVER;
	if (ring == f->new_q[e])
		return lifted ? E82574_RSS_FENCE_DELIVER :
				E82574_RSS_FENCE_HOLD;
	return E82574_RSS_FENCE_DELIVER;
}

static void deliver(struct sim *s, const struct frame *fr)
{
	if (!s->unordered)
		FUZZ_CHECK(fr->seq == s->got[fr->entry] + 1,
			   "entry %u: seq %u after %u", fr->entry, fr->seq,
			   s->got[fr->entry]);
	if (fr->seq > s->got[fr->entry])
		s->got[fr->entry] = fr->seq;
}

static void release(struct sim *s, u32 lifted, u32 nq)
{
	u32 q, i, k;

	for (q = 0; q < nq; q++) {
		k = 0;
		for (i = 0; i < s->nheld[q]; i++) {
			if (lifted >> s->f.old_q[s->held[q][i].entry] & 1)
				deliver(s, &s->held[q][i]);
			else
				s->held[q][k++] = s->held[q][i];
		}
		s->nheld[q] = k;
	}
}

static void consume(struct sim *s, u32 q, u32 salt)
{
	enum e82574_rss_fence_verdict v;
	struct frame fr;

	if (s->head[q] == s->tail[q])
		return;
	fr = s->ring[q][s->tail[q]++ % RING];
	/* the hash's bits above the table index must not matter */
	v = e82574_rss_fence_classify(&s->f, q, fr.entry | salt * NE);
	FUZZ_CHECK(v == model(&s->f, q, fr.entry), "verdict %d, model %d", v,
		   model(&s->f, q, fr.entry));
	if (v == E82574_RSS_FENCE_HOLD && s->nheld[q] < HELD) {
		s->held[q][s->nheld[q]++] = fr;
		return;
	}
	if (v == E82574_RSS_FENCE_LATE)
		FUZZ_CHECK(s->unordered, "late frame, entry %u", fr.entry);
	deliver(s, &fr);
}

static void check_rejects(struct sim *s, struct fuzz_in *in, u32 n, u32 nq)
{
	struct e82574_rss_fence before = s->f;
	u32 bad[NE];
	int ret;

	memcpy(bad, s->tbl, sizeof(bad));
	switch (in_u8(in) % 4) {
	case 0:
		bad[in_u8(in) % n] = nq + in_u8(in);
		ret = e82574_rss_fence_plan(&s->f, s->tbl, bad, n, nq);
		break;
	case 1:
		ret = e82574_rss_fence_plan(&s->f, s->tbl, s->tbl,
					    n + 1 + in_u8(in) % 200, nq);
		break;
	case 2:
		ret = e82574_rss_fence_plan(&s->f, s->tbl, s->tbl, n,
					    in_u8(in) & 1 ? 0 : NQ + 1);
		break;
	default:
		if (s->f.phase != E82574_RSS_FENCE_ACTIVE)
			return;
		ret = e82574_rss_fence_plan(&s->f, s->tbl, s->tbl, n, nq);
		FUZZ_CHECK(ret == -EBUSY, "plan while active: %d", ret);
		break;
	}
	if (ret < 0)
		FUZZ_CHECK(!memcmp(&before, &s->f, sizeof(before)),
			   "rejected plan %d changed the fence", ret);
	else
		s->f = before;	/* an odd size that was valid: undo */
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };
	struct sim *s = fuzz_alloc(sizeof(*s));
	u32 n, nq, i, q, e, k, lifted, waiting;
	u64 now = 0, timeout;
	u8 op;
	int ret;

	n = 2u << (in_u8(&in) % 7);
	nq = in_u8(&in) % NQ + 1;
	timeout = in_u8(&in) & 1 ? 0 : 1 + in_u16(&in);
	for (i = 0; i < n; i++)
		s->tbl[i] = in_u8(&in) % nq;

	while (in.n) {
		op = in_u8(&in);
		now++;
		switch (op % 8) {
		case 0: case 1: case 2:		/* a frame arrives */
			e = in_u8(&in) % n;
			q = s->tbl[e];
			if (s->head[q] - s->tail[q] >= RING)
				break;
			s->ring[q][s->head[q]++ % RING] =
				(struct frame){ e, ++s->sent[e] };
			break;
		case 3: case 4:			/* a ring consumes */
			consume(s, in_u8(&in) % nq, op >> 3);
			break;
		case 5:				/* a table change */
			if (s->f.phase == E82574_RSS_FENCE_ACTIVE)
				break;
			memcpy(s->next, s->tbl, sizeof(s->next));
			for (k = in_u8(&in) % 8 + 1; k; k--)
				s->next[in_u8(&in) % n] = in_u8(&in) % nq;
			ret = e82574_rss_fence_plan(&s->f, s->tbl, s->next, n,
						    nq);
			FUZZ_CHECK(ret >= 0, "plan %d", ret);
			e82574_rss_fence_arm(&s->f, now);
			memcpy(s->tbl, s->next, sizeof(s->tbl));
			e82574_rss_fence_snap(&s->f, s->head);
			break;
		case 6:				/* forced lift */
			if (!(op & 0x80))
				break;
			lifted = e82574_rss_fence_lift_all(&s->f);
			if (lifted)
				s->unordered = true;
			release(s, lifted, nq);
			break;
		default:
			if (op & 0x80)
				check_rejects(s, &in, n, nq);
			else
				now += in_u8(&in);
			break;
		}
		waiting = s->f.waiting;
		lifted = e82574_rss_fence_update(&s->f, s->tail, now, timeout);
		FUZZ_CHECK(!(lifted & ~waiting), "lifted a queue not waiting");
		if (s->f.timed_out)
			s->unordered = true;
		release(s, lifted, nq);
		if (s->f.phase == E82574_RSS_FENCE_ACTIVE) {
			for (q = 0; q < nq; q++)
				if (s->f.waiting >> q & 1)
					FUZZ_CHECK((s32)(s->tail[q] -
							 s->f.snap[q]) < 0,
						   "queue %u passed, waits", q);
		}
	}
	/* drain: every frame comes out, in order unless forced */
	for (k = 0; k < 2; k++)
		for (q = 0; q < nq; q++)
			while (s->head[q] != s->tail[q]) {
				consume(s, q, 0);
				release(s, e82574_rss_fence_update(&s->f,
								   s->tail,
								   now, 0),
					nq);
			}
	release(s, e82574_rss_fence_lift_all(&s->f), nq);
	for (e = 0; e < n; e++)
		FUZZ_CHECK(s->got[e] == s->sent[e] || s->unordered,
			   "entry %u: %u of %u delivered", e, s->got[e],
			   s->sent[e]);
	free(s);
	return 0;
}
