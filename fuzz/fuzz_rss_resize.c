// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target rss_resize: e82574_rss_resize().
 *
 * Input: source and destination sizes (powers of two up to 512, or bad
 * ones), a source table (random, or periodic with one entry changed) and
 * a size to expand to.
 *
 * Properties:
 * - a bad size is refused with both conflict indices U32_MAX and the
 *   destination untouched;
 * - an expansion always succeeds and dst[i] = src[i % src_size];
 * - a compression succeeds exactly when the source repeats with period
 *   dst_size, and then dst is the first dst_size entries; when refused,
 *   the named pair (a, b) really conflicts: a < dst_size, b = a + k *
 *   dst_size with k >= 1, b < src_size, src[a] != src[b], b is the
 *   smallest index that breaks the period, and dst is untouched;
 * - expand then compress gives the table back, and a successful
 *   compression expands back to the source;
 * - NULL conflict pointers change nothing.
 */

#include "e82574_rss_core.h"
#include "fuzz_common.h"

#define CANARY	0xdeadbeefu

static bool size_ok(u32 s)
{
	return s && s <= E82574_RSS_MAX_ENTRIES && !(s & (s - 1));
}

static u32 pick_size(struct fuzz_in *in)
{
	u8 b = in_u8(in);

	if (b < 0xf0)
		return 1U << (b % 10);
	switch (b & 7) {
	case 0:
		return 0;
	case 1:
		return 1024;
	case 2:
		return 3;
	case 3:
		return 0x80000000u;
	default:
		return in_u32(in);
	}
}

/* Allocated entries for a size: a refused size gets a small buffer. */
static u32 alloc_len(u32 s)
{
	return size_ok(s) ? s : 1;
}

/* Call resize; check that a refusal leaves @dst alone. */
static int try_resize(const u32 *src, u32 ss, u32 *dst, u32 ds, u32 dlen,
		      u32 *ca, u32 *cb)
{
	u32 i;
	int rc;

	for (i = 0; i < dlen; i++)
		dst[i] = CANARY;
	if (ca)
		*ca = CANARY;
	if (cb)
		*cb = CANARY;
	rc = e82574_rss_resize(src, ss, dst, ds, ca, cb);
	FUZZ_CHECK(rc == 0 || rc == -EINVAL, "resize returned %d", rc);
	if (rc)
		for (i = 0; i < dlen; i++)
			FUZZ_CHECK(dst[i] == CANARY,
				   "refused %u->%u wrote dst[%u]", ss, ds, i);
	return rc;
}

static void check(const u32 *src, u32 ss, u32 ds, u32 big)
{
	u32 dlen = alloc_len(ds), i, ca, cb, ca2 = 0, cb2 = 0;
	u32 want_b = U32_MAX;
	u32 *dst = fuzz_alloc(dlen * sizeof(u32));
	u32 *dst2 = fuzz_alloc(dlen * sizeof(u32));
	u32 *back, *exp;
	int rc, rc2;

	rc = try_resize(src, ss, dst, ds, dlen, &ca, &cb);
	rc2 = try_resize(src, ss, dst2, ds, dlen, NULL, NULL);
	FUZZ_CHECK(rc == rc2, "rc %d vs %d without conflict pointers", rc, rc2);
	if (rc) {
		try_resize(src, ss, dst2, ds, dlen, &ca2, NULL);
		try_resize(src, ss, dst2, ds, dlen, NULL, &cb2);
	}

	if (!size_ok(ss) || !size_ok(ds)) {
		FUZZ_CHECK(rc == -EINVAL && ca == U32_MAX && cb == U32_MAX &&
			   ca2 == U32_MAX && cb2 == U32_MAX,
			   "bad size %u->%u: rc %d conflict %u,%u", ss, ds, rc,
			   ca, cb);
		goto out;
	}

	if (ds < ss) {
		for (i = ds; i < ss; i++) {
			if (src[i] != src[i % ds]) {
				want_b = i;
				break;
			}
		}
	}
	if (want_b != U32_MAX) {
		FUZZ_CHECK(rc == -EINVAL,
			   "%u->%u accepted, but src[%u] != src[%u]", ss, ds,
			   want_b, want_b % ds);
		FUZZ_CHECK(ca < ds && cb < ss && cb > ca &&
			   (cb - ca) % ds == 0 && src[ca] != src[cb],
			   "%u->%u: named pair (%u, %u) does not conflict", ss,
			   ds, ca, cb);
		FUZZ_CHECK(cb == want_b && ca == want_b % ds,
			   "%u->%u: pair (%u, %u), first conflict is (%u, %u)",
			   ss, ds, ca, cb, want_b % ds, want_b);
		FUZZ_CHECK(ca2 == ca && cb2 == cb, "pair differs when alone");
		goto out;
	}
	FUZZ_CHECK(rc == 0, "%u->%u refused (%u, %u), but the table repeats",
		   ss, ds, ca, cb);
	for (i = 0; i < ds; i++)
		FUZZ_CHECK(dst[i] == src[i % ss] && dst2[i] == dst[i],
			   "%u->%u: dst[%u] = %u, expected %u", ss, ds, i,
			   dst[i], src[i % ss]);

	/* and back: compress what was expanded, expand what was compressed */
	back = fuzz_alloc(ss * sizeof(u32));
	rc = try_resize(dst, ds, back, ss, ss, &ca, &cb);
	FUZZ_CHECK(rc == 0, "%u->%u->%u: way back refused (%u, %u)", ss, ds,
		   ss, ca, cb);
	FUZZ_CHECK(!memcmp(back, src, ss * sizeof(u32)),
		   "%u->%u->%u does not round-trip", ss, ds, ss);
	free(back);

	/* expand to @big and compress to every size between */
	if (big >= ss) {
		exp = fuzz_alloc(big * sizeof(u32));
		back = fuzz_alloc(big * sizeof(u32));
		rc = try_resize(src, ss, exp, big, big, &ca, &cb);
		FUZZ_CHECK(rc == 0, "expand %u->%u refused", ss, big);
		for (i = ss; i <= big; i <<= 1) {
			rc = try_resize(exp, big, back, i, big, &ca, &cb);
			FUZZ_CHECK(rc == 0 &&
				   !memcmp(back, exp, i * sizeof(u32)),
				   "%u->%u->%u: rc %d (%u, %u)", ss, big, i, rc,
				   ca, cb);
		}
		free(exp);
		free(back);
	}
out:
	free(dst);
	free(dst2);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };
	u32 ss, ds, big, n, i, period, *src;
	u8 mode;

	ss = pick_size(&in);
	ds = pick_size(&in);
	big = 1U << (in_u8(&in) % 10);
	mode = in_u8(&in);
	n = alloc_len(ss);
	src = fuzz_alloc(n * sizeof(u32));
	if (mode & 1) {
		period = 1U << (in_u8(&in) % 10);
		if (period > n)
			period = n;
		for (i = 0; i < period; i++)
			src[i] = mode & 2 ? in_u32(&in) : in_u8(&in) % 4;
		for (; i < n; i++)
			src[i] = src[i % period];
		if (mode & 4) {
			i = in_u16(&in) % n;
			src[i] = mode & 2 ? in_u32(&in) : in_u8(&in) % 4;
		}
	} else {
		for (i = 0; i < n; i++)
			src[i] = mode & 2 ? in_u32(&in) : in_u8(&in) % 4;
	}
	check(src, ss, ds, big);
	free(src);
	return 0;
}
