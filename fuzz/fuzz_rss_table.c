// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target rss_table: e82574_rss_validate(), encode, decode.
 *
 * Input: a layout (fixed or fuzzed), a queue count, a table size, a table
 * (valid spread, raw bytes, raw words, or periodic with one changed
 * entry), a message buffer length, a hash and junk register words.
 *
 * Properties:
 * - a layout is accepted exactly when it follows the documented rules;
 *   validate() rejects a bad one with "invalid RSS register layout";
 * - validate() accepts exactly the tables a naive checker accepts, and
 *   rejects the others with the message for the first problem, which fits
 *   E82574_RSS_MSG_LEN untruncated; a shorter buffer gets a terminated
 *   prefix and nothing is written past it; NULL is accepted;
 * - an accepted table, resized to the hardware's size, encodes into the
 *   words a bit-by-bit encoder produces, no bit outside the queue fields,
 *   and the words decode back to exactly that table;
 * - junk register words decode to queue numbers within the field, which
 *   encode back to the words with the non-field bits cleared;
 * - fill_default/is_default/hash_to_queue agree with their definitions.
 */

#include "e82574_rss_core.h"
#include "fuzz_common.h"

#define BIG_MSG	256

static u32 pick_nqueues(struct fuzz_in *in, const struct e82574_rss_layout *l)
{
	u8 b = in_u8(in);

	if (b >= 0xf8)
		return in_u32(in);
	return (u64)b % ((u64)l->max_queues + 2);
}

static u32 pick_size(struct fuzz_in *in)
{
	u8 b = in_u8(in);

	if (b < 0xe0)
		return 1U << (b % 10);
	if (b < 0xf0)
		return (1U << (b % 11)) + (b & 1 ? 1 : -1);
	return in_u32(in);
}

/* Fill @tbl (@n entries, @size nominal) in one of four ways. */
static void fill_table(struct fuzz_in *in, u32 *tbl, u32 n, u32 nq,
		       const struct e82574_rss_layout *l)
{
	u8 mode = in_u8(in);
	u32 i, period, nqv = nq ? nq : 1;

	switch (mode % 4) {
	case 0:		/* in range (if nq is sane) */
		for (i = 0; i < n; i++)
			tbl[i] = in_u8(in) % nqv;
		break;
	case 1:		/* raw bytes */
		for (i = 0; i < n; i++)
			tbl[i] = in_u8(in);
		break;
	case 2:		/* raw words */
		for (i = 0; i < n; i++)
			tbl[i] = in_u32(in);
		break;
	default:	/* hardware period repeated, one entry changed */
		period = l->entries < n ? l->entries : n;
		for (i = 0; i < period; i++)
			tbl[i] = in_u8(in) % nqv;
		for (; i < n; i++)
			tbl[i] = tbl[i % period];
		if (n && (mode & 4)) {
			i = in_u16(in) % n;
			tbl[i] = mode & 8 ? in_u32(in) : in_u8(in) % nqv;
		}
		break;
	}
}

/*
 * The rules of e82574_rss_validate()'s comment, checked naively.  Returns
 * the error and formats the message into @msg (BIG_MSG bytes).  Where both
 * an entry and a periodicity problem exist, either message is right:
 * @alt gets the second one.
 */
static int ref_validate(const struct e82574_rss_layout *l, const u32 *indir,
			u32 size, u32 nq, char *msg, char *alt)
{
	u32 i, bad = U32_MAX, ca = 0, cb = U32_MAX;
	char *m2 = msg;

	msg[0] = '\0';
	alt[0] = '\0';
	if (!ref_layout_ok(l)) {
		snprintf(msg, BIG_MSG, "invalid RSS register layout");
		return -EINVAL;
	}
	if (nq == 0) {
		snprintf(msg, BIG_MSG, "no receive queues to spread over");
		return -EINVAL;
	}
	if (nq > l->max_queues) {
		snprintf(msg, BIG_MSG,
			 "%u queues in use, the redirection table addresses only %u",
			 nq, l->max_queues);
		return -EINVAL;
	}
	if (size == 0 || size > E82574_RSS_MAX_ENTRIES || (size & (size - 1))) {
		snprintf(msg, BIG_MSG,
			 "indirection table has %u entries, must be a power of two up to %u",
			 size, E82574_RSS_MAX_ENTRIES);
		return -EINVAL;
	}
	for (i = 0; i < size; i++) {
		if (indir[i] >= nq) {
			bad = i;
			break;
		}
	}
	for (i = l->entries; i < size; i++) {
		if (indir[i] != indir[i % l->entries]) {
			ca = i % l->entries;
			cb = i;
			break;
		}
	}
	if (bad != U32_MAX) {
		if (nq == 1)
			snprintf(m2, BIG_MSG,
				 "indirection table entry %u points to queue %u, only queue 0 exists",
				 bad, indir[bad]);
		else
			snprintf(m2, BIG_MSG,
				 "indirection table entry %u points to queue %u, only queues 0-%u exist",
				 bad, indir[bad], nq - 1);
		m2 = alt;
	}
	if (cb != U32_MAX)
		snprintf(m2, BIG_MSG,
			 "indirection table entries %u and %u differ but share hardware entry %u",
			 ca, cb, ca);
	return bad != U32_MAX || cb != U32_MAX ? -EINVAL : 0;
}

static void check_messages(const struct e82574_rss_layout *l, const u32 *tbl,
			   u32 size, u32 nq, u32 short_len, int *rc_out)
{
	char want[BIG_MSG], alt[BIG_MSG], full[E82574_RSS_MSG_LEN];
	char *shortbuf;
	int want_rc, rc;
	u32 i;

	want_rc = ref_validate(l, tbl, size, nq, want, alt);
	FUZZ_CHECK(strlen(want) < E82574_RSS_MSG_LEN &&
		   strlen(alt) < E82574_RSS_MSG_LEN,
		   "message does not fit %d bytes: \"%s\" / \"%s\"",
		   E82574_RSS_MSG_LEN, want, alt);

	memset(full, 'X', sizeof(full));
	rc = e82574_rss_validate(l, tbl, size, nq, full, sizeof(full));
	FUZZ_CHECK(rc == want_rc, "validate %d, expected %d (\"%s\")", rc,
		   want_rc, want);
	FUZZ_CHECK(memchr(full, '\0', sizeof(full)), "message not terminated");
	FUZZ_CHECK(!strcmp(full, want) || (alt[0] && !strcmp(full, alt)),
		   "message \"%s\", expected \"%s\"%s%s", full, want,
		   alt[0] ? " or " : "", alt);
	if (!rc)
		FUZZ_CHECK(!full[0], "message \"%s\" on success", full);

	/* A short buffer: terminated prefix, nothing written past it. */
	shortbuf = fuzz_alloc(short_len + 1);
	memset(shortbuf, 'X', short_len + 1);
	rc = e82574_rss_validate(l, tbl, size, nq, shortbuf, short_len);
	FUZZ_CHECK(rc == want_rc, "validate %d with %u-byte buffer", rc,
		   short_len);
	FUZZ_CHECK(shortbuf[short_len] == 'X',
		   "wrote past a %u-byte message buffer", short_len);
	if (short_len) {
		FUZZ_CHECK(memchr(shortbuf, '\0', short_len),
			   "%u-byte message not terminated", short_len);
		for (i = 0; shortbuf[i]; i++)
			FUZZ_CHECK(shortbuf[i] == full[i],
				   "%u-byte message \"%s\" is no prefix of \"%s\"",
				   short_len, shortbuf, full);
		FUZZ_CHECK(i == min_t(u32, strlen(full), short_len - 1),
			   "%u-byte message \"%s\" of \"%s\" cut short",
			   short_len, shortbuf, full);
	} else {
		FUZZ_CHECK(shortbuf[0] == 'X', "wrote into a 0-byte buffer");
	}
	free(shortbuf);

	rc = e82574_rss_validate(l, tbl, size, nq, NULL, 0);
	FUZZ_CHECK(rc == want_rc, "validate %d without buffer", rc);
	rc = e82574_rss_validate(l, tbl, size, nq, NULL, E82574_RSS_MSG_LEN);
	FUZZ_CHECK(rc == want_rc, "validate %d with NULL buffer", rc);
	*rc_out = want_rc;
}

static void check_accepted(const struct e82574_rss_layout *l, const u32 *tbl,
			   u32 size, u32 nq, u32 hash)
{
	u32 n = l->entries, nregs = e82574_rss_nregs(l);
	u32 mask = ref_field_mask(l);
	u32 *hw = fuzz_alloc(n * sizeof(u32));
	u32 *hw2 = fuzz_alloc(n * sizeof(u32));
	u32 *regs = fuzz_alloc(nregs * sizeof(u32));
	u32 *ref = fuzz_alloc(nregs * sizeof(u32));
	u32 *back = fuzz_alloc(n * sizeof(u32));
	u32 i, ca = 0, cb = 0;
	int rc;

	/* What the hardware table must hold: hash h -> tbl[h % size]. */
	for (i = 0; i < n; i++)
		hw[i] = tbl[i % size];
	rc = e82574_rss_resize(tbl, size, hw2, n, &ca, &cb);
	FUZZ_CHECK(!rc, "accepted table of %u does not resize to %u (%u,%u)",
		   size, n, ca, cb);
	FUZZ_CHECK(!memcmp(hw, hw2, n * sizeof(u32)),
		   "resize to the hardware size differs");

	FUZZ_CHECK(nregs * l->entries_per_reg == n, "nregs %u", nregs);
	e82574_rss_encode(l, hw, regs);
	ref_encode(l, hw, ref);
	for (i = 0; i < nregs; i++) {
		FUZZ_CHECK(regs[i] == ref[i],
			   "%s reg %u: 0x%08x, expected 0x%08x",
			   l->name, i, regs[i], ref[i]);
		FUZZ_CHECK(e82574_rss_encode_reg(l, hw, i) == ref[i],
			   "%s encode_reg %u", l->name, i);
		FUZZ_CHECK(!(regs[i] & ~mask), "%s reg %u has bits 0x%08x",
			   l->name, i, regs[i] & ~mask);
	}
	e82574_rss_decode(l, regs, back);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(back[i] == hw[i],
			   "%s entry %u decodes to %u, was %u",
			   l->name, i, back[i], hw[i]);

	i = e82574_rss_hash_to_index(l, hash);
	FUZZ_CHECK(i == hash % n, "hash 0x%x -> index %u", hash, i);
	FUZZ_CHECK(e82574_rss_hash_to_queue(l, hw, hash) == hw[hash % n] &&
		   hw[hash % n] < nq, "hash 0x%x -> queue", hash);

	e82574_rss_fill_default(back, n, nq);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(back[i] == i % nq, "default entry %u", i);
	FUZZ_CHECK(e82574_rss_is_default(back, n, nq), "default not default");

	free(hw);
	free(hw2);
	free(regs);
	free(ref);
	free(back);
}

/* Arbitrary register words: decode, then encode gives the field bits. */
static void check_junk_regs(struct fuzz_in *in,
			    const struct e82574_rss_layout *l)
{
	u32 n = l->entries, nregs = e82574_rss_nregs(l);
	u32 mask = ref_field_mask(l);
	u32 *regs = fuzz_alloc(nregs * sizeof(u32));
	u32 *back = fuzz_alloc(nregs * sizeof(u32));
	u32 *tbl = fuzz_alloc(n * sizeof(u32));
	u32 i;

	for (i = 0; i < nregs; i++)
		regs[i] = in_u32(in);
	e82574_rss_decode(l, regs, tbl);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(tbl[i] == ref_field(l, tbl[i]),
			   "%s junk entry %u decodes to 0x%x", l->name, i,
			   tbl[i]);
	e82574_rss_encode(l, tbl, back);
	for (i = 0; i < nregs; i++)
		FUZZ_CHECK(back[i] == (regs[i] & mask),
			   "%s junk reg %u: 0x%08x -> 0x%08x", l->name, i,
			   regs[i], back[i]);
	free(regs);
	free(back);
	free(tbl);
}

static bool ref_is_default(const u32 *tbl, u32 size, u32 nq)
{
	u32 i;

	if (!nq)
		nq = 1;
	for (i = 0; i < size; i++)
		if (tbl[i] != i % nq)
			return false;
	return true;
}

/* Any queue count, 0 included (treated as 1). */
static void check_default(u32 n, u32 nq)
{
	u32 *tbl = fuzz_alloc(n * sizeof(u32));
	u32 i;

	e82574_rss_fill_default(tbl, n, nq);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(tbl[i] == i % (nq ? nq : 1),
			   "default entry %u for %u queues: %u", i, nq, tbl[i]);
	FUZZ_CHECK(e82574_rss_is_default(tbl, n, nq), "%u queues", nq);
	free(tbl);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };
	struct e82574_rss_layout lbuf;
	const struct e82574_rss_layout *l;
	u32 nq, size, n, short_len, hash, *tbl;
	bool ok;
	int rc;

	l = fuzz_pick_layout(&in, &lbuf);
	ok = ref_layout_ok(l);
	FUZZ_CHECK(e82574_rss_layout_check(l) == (ok ? 0 : -EINVAL),
		   "layout %u/%u/%u/%u/%u/%u: check %d", l->entries,
		   l->entries_per_reg, l->entry_bits, l->queue_shift,
		   l->queue_bits, l->max_queues, e82574_rss_layout_check(l));

	nq = pick_nqueues(&in, l);
	size = pick_size(&in);
	/* validate() must not read a table of a size it refuses */
	n = min_t(u32, size, E82574_RSS_MAX_ENTRIES);
	tbl = fuzz_alloc(n * sizeof(u32));
	if (ok)
		fill_table(&in, tbl, n, nq, l);
	else
		fill_table(&in, tbl, n, nq, &e82574_rss_layout_82574);
	short_len = in_u8(&in) % (E82574_RSS_MSG_LEN + 8);
	hash = in_u32(&in);

	check_messages(l, tbl, size, nq, short_len, &rc);
	FUZZ_CHECK(e82574_rss_is_default(tbl, n, nq) ==
		   ref_is_default(tbl, n, nq), "is_default");
	check_default(n, nq);
	if (!rc)
		check_accepted(l, tbl, size, nq, hash);
	if (ok)
		check_junk_regs(&in, l);
	free(tbl);
	return 0;
}
