// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target rss_toeplitz: the software Toeplitz hash, the hash input of
 * a flow, the RSSRK register packing of the key.
 *
 * Input: a key of any length (0-80 bytes) and two data strings of one
 * length (0-64 bytes), a flow tuple, ten RSSRK words.
 *
 * Properties:
 * - e82574_rss_toeplitz() equals a bit-by-bit reference written from the
 *   definition (for every set input bit, XOR the 32 key bits starting at
 *   that bit; key bits past the key count as zero), and reads no byte
 *   outside the key and data (exact-size heap buffers);
 * - the hash is linear: h(a ^ b) = h(a) ^ h(b);
 * - e82574_rss_tuple_input() lays out saddr, daddr, then sport and dport
 *   big-endian if ports are hashed (8, 12, 32 or 36 bytes), and
 *   e82574_rss_hash_tuple() is the reference hash of that with the
 *   40-byte key; hash_to_index takes the low bits for every layout;
 * - key -> RSSRK words -> key and words -> key -> words round-trip, and
 *   word i is the little-endian value of key bytes 4i..4i+3.
 */

#include "e82574_rss_core.h"
#include "fuzz_common.h"

#define MAX_KEY		80
#define MAX_DATA	64

static u32 key_bit(const u8 *key, u32 key_len, u64 n)
{
	if (n >= (u64)key_len * 8)
		return 0;
	return (key[n / 8] >> (7 - n % 8)) & 1;
}

static u32 ref_toeplitz(const u8 *key, u32 key_len, const u8 *data, u32 len)
{
	u32 hash = 0, window, k;
	u64 j;

	for (j = 0; j < (u64)len * 8; j++) {
		if (!((data[j / 8] >> (7 - j % 8)) & 1))
			continue;
		window = 0;
		for (k = 0; k < 32; k++)
			window |= key_bit(key, key_len, j + k) << (31 - k);
		hash ^= window;
	}
	return hash;
}

static void check_hash(struct fuzz_in *in)
{
	u32 klen = in_u8(in) % (MAX_KEY + 1);
	u32 dlen = in_u8(in) % (MAX_DATA + 1);
	u8 *key = fuzz_alloc(klen), *a = fuzz_alloc(dlen);
	u8 *b = fuzz_alloc(dlen), *x = fuzz_alloc(dlen);
	u32 i, ha, hb, hx, want;

	in_bytes(in, key, klen);
	in_bytes(in, a, dlen);
	in_bytes(in, b, dlen);
	for (i = 0; i < dlen; i++)
		x[i] = a[i] ^ b[i];

	ha = e82574_rss_toeplitz(key, klen, a, dlen);
	want = ref_toeplitz(key, klen, a, dlen);
	FUZZ_CHECK(ha == want,
		   "key %u bytes, data %u bytes: 0x%08x, expected 0x%08x",
		   klen, dlen, ha, want);
	hb = e82574_rss_toeplitz(key, klen, b, dlen);
	FUZZ_CHECK(hb == ref_toeplitz(key, klen, b, dlen), "second string");
	hx = e82574_rss_toeplitz(key, klen, x, dlen);
	FUZZ_CHECK(hx == (ha ^ hb), "not linear: 0x%08x ^ 0x%08x != 0x%08x",
		   ha, hb, hx);
	free(key);
	free(a);
	free(b);
	free(x);
}

static void check_tuple(struct fuzz_in *in)
{
	struct e82574_rss_tuple t;
	u8 key[E82574_RSS_KEY_SIZE], want[E82574_RSS_MAX_INPUT];
	u8 *buf = fuzz_alloc(E82574_RSS_MAX_INPUT);
	u32 n = 0, len, i, alen, h, l;
	u8 flags;

	memset(&t, 0, sizeof(t));
	flags = in_u8(in);
	t.ipv6 = flags & 1;
	t.ports = flags & 2;
	in_bytes(in, t.saddr, sizeof(t.saddr));
	in_bytes(in, t.daddr, sizeof(t.daddr));
	t.sport = in_u16(in);
	t.dport = in_u16(in);
	in_bytes(in, key, sizeof(key));

	alen = t.ipv6 ? 16 : 4;
	memcpy(want + n, t.saddr, alen);
	n += alen;
	memcpy(want + n, t.daddr, alen);
	n += alen;
	if (t.ports) {
		want[n++] = t.sport >> 8;
		want[n++] = t.sport;
		want[n++] = t.dport >> 8;
		want[n++] = t.dport;
	}

	len = e82574_rss_tuple_input(&t, buf);
	FUZZ_CHECK(len == n, "ipv6 %d ports %d: %u bytes, expected %u",
		   t.ipv6, t.ports, len, n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(buf[i] == want[i],
			   "input byte %u: 0x%02x, expected 0x%02x",
			   i, buf[i], want[i]);

	h = e82574_rss_hash_tuple(key, &t);
	FUZZ_CHECK(h == ref_toeplitz(key, sizeof(key), want, n),
		   "tuple hash 0x%08x, expected 0x%08x", h,
		   ref_toeplitz(key, sizeof(key), want, n));
	for (l = 0; l < ARRAY_SIZE(fuzz_layouts); l++)
		FUZZ_CHECK(e82574_rss_hash_to_index(fuzz_layouts[l], h) ==
			   h % fuzz_layouts[l]->entries, "%s index",
			   fuzz_layouts[l]->name);
	free(buf);
}

static void check_key_regs(struct fuzz_in *in)
{
	u8 *key = fuzz_alloc(E82574_RSS_KEY_SIZE);
	u8 *key2 = fuzz_alloc(E82574_RSS_KEY_SIZE);
	u32 *regs = fuzz_alloc(E82574_RSS_KEY_REGS * sizeof(u32));
	u32 *regs2 = fuzz_alloc(E82574_RSS_KEY_REGS * sizeof(u32));
	u32 i;

	in_bytes(in, key, E82574_RSS_KEY_SIZE);
	e82574_rss_key_to_regs(key, regs);
	for (i = 0; i < E82574_RSS_KEY_REGS; i++)
		FUZZ_CHECK(regs[i] == ((u32)key[4 * i] |
				       (u32)key[4 * i + 1] << 8 |
				       (u32)key[4 * i + 2] << 16 |
				       (u32)key[4 * i + 3] << 24),
			   "RSSRK[%u] = 0x%08x", i, regs[i]);
	e82574_rss_regs_to_key(regs, key2);
	FUZZ_CHECK(!memcmp(key, key2, E82574_RSS_KEY_SIZE),
		   "key -> RSSRK -> key differs");

	for (i = 0; i < E82574_RSS_KEY_REGS; i++)
		regs[i] = in_u32(in);
	e82574_rss_regs_to_key(regs, key);
	e82574_rss_key_to_regs(key, regs2);
	FUZZ_CHECK(!memcmp(regs, regs2, E82574_RSS_KEY_REGS * sizeof(u32)),
		   "RSSRK -> key -> RSSRK differs");
	free(key);
	free(key2);
	free(regs);
	free(regs2);
}

/*
 * The reference itself against the first verification vector of the
 * Microsoft RSS specification (66.9.149.187:2794 -> 161.142.100.80:1766),
 * once per process, so that a wrong reference cannot agree with a wrong
 * core.
 */
static void check_reference(void)
{
	static const u8 key[E82574_RSS_KEY_SIZE] = {
		0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
		0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
		0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
		0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
		0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
	};
	static const u8 in[12] = {
		66, 9, 149, 187, 161, 142, 100, 80,
		2794 >> 8, 2794 & 0xff, 1766 >> 8, 1766 & 0xff,
	};
	static bool done;

	if (done)
		return;
	FUZZ_CHECK(ref_toeplitz(key, sizeof(key), in, 8) == 0x323e8fc2,
		   "reference: IPv4 vector");
	FUZZ_CHECK(ref_toeplitz(key, sizeof(key), in, 12) == 0x51ccc178,
		   "reference: IPv4 TCP vector");
	done = true;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };

	check_reference();

	check_hash(&in);
	check_tuple(&in);
	check_key_regs(&in);
	return 0;
}
