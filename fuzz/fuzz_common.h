/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared pieces of the e82574 fuzz targets: an input reader, a check
 * macro that aborts (so libFuzzer stops and saves the input), and for the
 * RSS targets the register layouts of the KUnit suite plus deliberately
 * naive reference implementations.
 */
#ifndef _E82574_FUZZ_COMMON_H
#define _E82574_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/bitmap.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/types.h>

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * FUZZ_STRICT=1 in the environment turns on the checks of known, still
 * open findings (fuzz/crashes/); without it they are relaxed so that the
 * fuzzer keeps looking for new ones.
 */
static bool fuzz_strict;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *s = getenv("FUZZ_STRICT");

	fuzz_strict = s && *s && strcmp(s, "0");
	return 0;
}

/* A property does not hold: say which and where, and let libFuzzer save. */
#define FUZZ_CHECK(cond, fmt, ...)					\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr,					\
				"%s:%d: property violated: %s: " fmt "\n", \
				__FILE__, __LINE__, #cond, ##__VA_ARGS__); \
			abort();					\
		}							\
	} while (0)

/* Reads the fuzz input front to back; past its end every value is 0. */
struct fuzz_in {
	const u8 *p;
	size_t n;
};

static inline u8 in_u8(struct fuzz_in *in)
{
	u8 v;

	if (!in->n)
		return 0;
	v = *in->p++;
	in->n--;
	return v;
}

static inline u16 in_u16(struct fuzz_in *in)
{
	u16 v = in_u8(in);

	return v | (u16)in_u8(in) << 8;
}

static inline u32 in_u32(struct fuzz_in *in)
{
	u32 v = in_u16(in);

	return v | (u32)in_u16(in) << 16;
}

static inline void in_bytes(struct fuzz_in *in, u8 *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = in_u8(in);
}

/* A heap copy of exactly @len bytes, so that ASan sees every overrun. */
static inline void *fuzz_dup(const void *src, size_t len)
{
	void *p = malloc(len ? len : 1);

	if (!p)
		abort();
	if (len)
		memcpy(p, src, len);
	return p;
}

static inline void *fuzz_alloc(size_t len)
{
	void *p = calloc(1, len ? len : 1);

	if (!p)
		abort();
	return p;
}

#ifdef _E82574_RSS_CORE_H_

/*
 * The layouts of kunit/e82574_rss_kunit.c, copied as data: the 82574,
 * low-nibble queue ids, a smaller and a larger table than ethtool's,
 * wide slots with the queue field in the middle, one entry per register.
 */
static const struct e82574_rss_layout fuzz_layout_nibble = {
	.name = "nibble128", .entries = 128, .entries_per_reg = 8,
	.entry_bits = 4, .queue_shift = 0, .queue_bits = 4, .max_queues = 16,
};

static const struct e82574_rss_layout fuzz_layout_small = {
	.name = "small64", .entries = 64, .entries_per_reg = 4,
	.entry_bits = 8, .queue_shift = 0, .queue_bits = 3, .max_queues = 8,
};

static const struct e82574_rss_layout fuzz_layout_wide = {
	.name = "wide32", .entries = 32, .entries_per_reg = 2,
	.entry_bits = 16, .queue_shift = 5, .queue_bits = 3, .max_queues = 6,
};

static const struct e82574_rss_layout fuzz_layout_big = {
	.name = "big512", .entries = 512, .entries_per_reg = 4,
	.entry_bits = 8, .queue_shift = 2, .queue_bits = 4, .max_queues = 16,
};

static const struct e82574_rss_layout fuzz_layout_one = {
	.name = "one-per-reg16", .entries = 16, .entries_per_reg = 1,
	.entry_bits = 32, .queue_shift = 28, .queue_bits = 4, .max_queues = 16,
};

static const struct e82574_rss_layout *const fuzz_layouts[] = {
	&e82574_rss_layout_82574,
	&fuzz_layout_nibble,
	&fuzz_layout_small,
	&fuzz_layout_wide,
	&fuzz_layout_big,
	&fuzz_layout_one,
};

/*
 * The layout rules of e82574_rss_layout_check()'s comment, in 64-bit
 * arithmetic so that no field value can overflow.
 */
static inline bool ref_layout_ok(const struct e82574_rss_layout *l)
{
	u64 entries = l->entries, per = l->entries_per_reg;
	u64 ebits = l->entry_bits, shift = l->queue_shift;
	u64 qbits = l->queue_bits, maxq = l->max_queues;

	if (!entries || entries > E82574_RSS_MAX_ENTRIES ||
	    (entries & (entries - 1)))
		return false;
	if (!per || entries % per)
		return false;
	if (!ebits || per * ebits > 32)
		return false;
	if (!qbits || shift + qbits > ebits)
		return false;
	if (!maxq || maxq > E82574_RSS_MAX_QUEUES)
		return false;
	if (qbits < 64 && maxq > (1ULL << qbits))
		return false;
	return true;
}

/*
 * Pick a layout: mostly one of the fixed ones; otherwise one made from
 * the input (small field values, or raw 32-bit ones), stored in @buf.
 */
static inline const struct e82574_rss_layout *
fuzz_pick_layout(struct fuzz_in *in, struct e82574_rss_layout *buf)
{
	u8 sel = in_u8(in);

	if (sel < 0xc0)
		return fuzz_layouts[sel % ARRAY_SIZE(fuzz_layouts)];

	buf->name = "fuzzed";
	if (sel & 1) {
		buf->entries = in_u32(in);
		buf->entries_per_reg = in_u32(in);
		buf->entry_bits = in_u32(in);
		buf->queue_shift = in_u32(in);
		buf->queue_bits = in_u32(in);
		buf->max_queues = in_u32(in);
	} else {
		buf->entries = 1U << (in_u8(in) % 11);
		buf->entries_per_reg = 1U << (in_u8(in) % 7);
		buf->entry_bits = in_u8(in) % 34;
		buf->queue_shift = in_u8(in) % 34;
		buf->queue_bits = in_u8(in) % 34;
		buf->max_queues = in_u8(in) % 18;
	}
	return buf;
}

/* Bit-by-bit encoder: every queue bit's position computed from scratch. */
static inline void ref_encode(const struct e82574_rss_layout *l,
			      const u32 *tbl, u32 *regs)
{
	u32 i, b, pos, nregs = l->entries / l->entries_per_reg;

	memset(regs, 0, sizeof(u32) * nregs);
	for (i = 0; i < l->entries; i++) {
		for (b = 0; b < l->queue_bits; b++) {
			if (!((u64)tbl[i] & BIT_ULL(b)))
				continue;
			pos = (i % l->entries_per_reg) * l->entry_bits +
			      l->queue_shift + b;
			regs[i / l->entries_per_reg] |= (u32)BIT_ULL(pos);
		}
	}
}

/* Queue field of one entry as the hardware sees it, bit by bit. */
static inline u32 ref_field(const struct e82574_rss_layout *l, u32 v)
{
	u32 b, out = 0;

	for (b = 0; b < l->queue_bits; b++)
		if ((u64)v & BIT_ULL(b))
			out |= (u32)BIT_ULL(b);
	return out;
}

/* Mask of all queue-field bits of one register. */
static inline u32 ref_field_mask(const struct e82574_rss_layout *l)
{
	u32 s, b, mask = 0;

	for (s = 0; s < l->entries_per_reg; s++)
		for (b = 0; b < l->queue_bits; b++)
			mask |= (u32)BIT_ULL(s * l->entry_bits +
					     l->queue_shift + b);
	return mask;
}

#endif /* _E82574_RSS_CORE_H_ */

#endif /* _E82574_FUZZ_COMMON_H */
