// SPDX-License-Identifier: GPL-2.0
/*
 * wire-test - host self-test of e82574_wire.h: Toeplitz hash against the
 * Microsoft RSS verification vectors, the 82574 RSS input selection, and
 * the flow generator / payload pattern helpers, the VLAN tag helpers, and
 * the length-prefixed framing of QEMU's stream netdev.
 *
 * Usage: wire-test   (prints one line per failure and a final
 *                     "N passed, N failed"; exit status 1 on failure)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include "e82574_wire.h"

static int passed, failed;

static void expect(const char *what, uint32_t got, uint32_t want)
{
	if (got == want) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: got 0x%08x want 0x%08x\n", what, got, want);
}

struct vec {
	int family;
	const char *src, *dst;
	uint16_t sport, dport;
	uint32_t h_addr, h_ports;
};

static const struct vec vecs[] = {
	{ AF_INET, "66.9.149.187", "161.142.100.80", 2794, 1766,
	  0x323e8fc2, 0x51ccc178 },
	{ AF_INET, "199.92.111.2", "65.69.140.83", 14230, 4739,
	  0xd718262a, 0xc626b0ea },
	{ AF_INET, "24.19.198.95", "12.22.207.184", 12898, 38024,
	  0xd2d0a5de, 0x5c2b394a },
	{ AF_INET6, "3ffe:2501:200:1fff::7", "3ffe:2501:200:3::1", 2794, 1766,
	  0x2cc18cd5, 0x40207d3d },
	{ AF_INET6, "3ffe:501:8::260:97ff:fe40:efab", "ff02::1", 14230, 4739,
	  0x0f0c461c, 0xdde51bbf },
	{ AF_INET6, "3ffe:1900:4545:3:200:f8ff:fe21:67cf",
	  "fe80::200:f8ff:fe21:67cf", 44251, 38024,
	  0x4b61e985, 0x02d1feef },
};

static void test_vectors(void)
{
	const uint32_t all = E82574_MRQC_IPV4_TCP | E82574_MRQC_IPV4 |
			     E82574_MRQC_IPV6_TCP_EX | E82574_MRQC_IPV6_EX |
			     E82574_MRQC_IPV6;
	size_t i;

	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		const struct vec *v = &vecs[i];
		struct e82574_flow f;
		char what[128];
		int type;

		memset(&f, 0, sizeof(f));
		f.family = v->family;
		if (inet_pton(v->family, v->src, f.saddr) != 1 ||
		    inet_pton(v->family, v->dst, f.daddr) != 1) {
			printf("FAIL bad address in vector %zu\n", i);
			failed++;
			continue;
		}
		f.sport = v->sport;
		f.dport = v->dport;

		/* UDP: the 82574 hashes addresses only */
		f.proto = IPPROTO_UDP;
		snprintf(what, sizeof(what), "%s->%s udp (addresses)",
			 v->src, v->dst);
		expect(what, e82574_rss_hash(e82574_rss_key_ms, &f, all, &type),
		       v->h_addr);
		expect("udp type", type, v->family == AF_INET ?
		       E82574_RSS_IPV4 : E82574_RSS_IPV6_EX);

		/* TCP with the TCP field enabled: addresses + ports */
		f.proto = IPPROTO_TCP;
		snprintf(what, sizeof(what), "%s:%u->%s:%u tcp", v->src,
			 v->sport, v->dst, v->dport);
		expect(what, e82574_rss_hash(e82574_rss_key_ms, &f, all, &type),
		       v->h_ports);
		expect("tcp type", type, v->family == AF_INET ?
		       E82574_RSS_IPV4_TCP : E82574_RSS_IPV6_TCP);

		/* TCP with only the address field: addresses only */
		snprintf(what, sizeof(what), "%s->%s tcp, no tcp field",
			 v->src, v->dst);
		expect(what, e82574_rss_hash(e82574_rss_key_ms, &f,
					     E82574_MRQC_IPV4 |
					     E82574_MRQC_IPV6, &type),
		       v->h_addr);

		/* nothing enabled: not hashed, queue 0 */
		expect("no fields", e82574_rss_hash(e82574_rss_key_ms, &f, 0,
						    &type) | type, 0);
	}
}

static void test_queue(void)
{
	uint8_t reta[128] = { 0 };

	reta[120] = 0x80;
	reta[106] = 0x40;
	expect("reta 120 -> q1",
	       e82574_rss_queue(reta, 0x51ccc178, E82574_RSS_IPV4_TCP), 1);
	expect("reta 106 bit6 -> q0",
	       e82574_rss_queue(reta, 0xc626b0ea, E82574_RSS_IPV4_TCP), 0);
	expect("type none -> q0",
	       e82574_rss_queue(reta, 0x51ccc178, E82574_RSS_NONE), 0);
}

static void test_flows(void)
{
	struct e82574_flow a, b;
	uint32_t i, j, dup = 0, range = 0;
	int ps;

	for (ps = 0; ps < E82574_PS_NR; ps++) {
		for (i = 0; i < 256; i++) {
			e82574_flow_gen(ps, 1, i, &a);
			if (a.family == AF_INET) {
				uint32_t h = (a.saddr[1] - 18) << 16 |
					     a.saddr[2] << 8 | a.saddr[3];

				if (a.saddr[0] != 198 || a.saddr[1] < 18 ||
				    a.saddr[1] > 19 || h < 3 ||
				    h == 0x1ffff)
					range++;
			} else if (memcmp(a.saddr, "\x20\x01\0\x02\0\0", 6)) {
				range++;
			}
			if (ps == E82574_PS_MIX &&
			    a.proto != ((i % 4) < 2 ? 6 : 17))
				range++;
			for (j = 0; j < i; j++) {
				e82574_flow_gen(ps, 1, j, &b);
				if (!memcmp(&a, &b, sizeof(a)))
					dup++;
			}
		}
	}
	expect("flow addresses in range", range, 0);
	expect("distinct flows", dup, 0);
	e82574_flow_gen(E82574_PS_TCP4, 7, 3, &a);
	e82574_flow_gen(E82574_PS_TCP4, 7, 3, &b);
	expect("flow deterministic", memcmp(&a, &b, sizeof(a)) != 0, 0);
}

static void test_payload(void)
{
	uint8_t buf[2000];
	struct e82574_phdr h = { 0 };

	e82574_fill_payload(buf, sizeof(buf), 5, 9, 1234);
	expect("phdr parse", e82574_parse_phdr(buf, sizeof(buf), &h), 0);
	expect("phdr flow", h.flow, 5);
	expect("phdr run", h.run, 9);
	expect("phdr seq", h.seq, 1234);
	expect("phdr len", h.len, sizeof(buf));
	expect("pattern ok", e82574_check_pattern(buf, 0, sizeof(buf), 5,
						  1234), 0);
	expect("pattern slice ok", e82574_check_pattern(buf + 1448, 1448, 552,
							5, 1234), 0);
	buf[1500] ^= 1;
	expect("pattern error found", e82574_check_pattern(buf, 0, sizeof(buf),
							   5, 1234), 1);
	expect("pattern other seq differs",
	       e82574_check_pattern(buf, 0, 100, 5, 1235) > 50, 1);
}

static void test_csum(void)
{
	/* RFC 1071 example-ish: header from a well known capture */
	uint8_t ip[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
			   0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01,
			   0xc0, 0xa8, 0x00, 0xc7 };

	expect("ip csum", ntohs(e82574_ip_csum(ip, 20)), 0xb861);
}

static void test_vlan(void)
{
	uint8_t f[80], orig[60];
	uint16_t tpid = 1, tci = 0;
	size_t len, i;

	for (i = 0; i < sizeof(orig); i++)
		orig[i] = (uint8_t)(i * 7 + 1);
	orig[12] = 0x08;	/* IPv4 */
	orig[13] = 0x00;
	memcpy(f, orig, sizeof(orig));

	/* untagged: nothing removed */
	len = e82574_vlan_pop(f, sizeof(orig), &tpid, &tci);
	expect("pop untagged len", len, sizeof(orig));
	expect("pop untagged tpid", tpid, 0);
	expect("pop untagged frame", memcmp(f, orig, sizeof(orig)) != 0, 0);

	/* one 802.1Q tag: PCP 5, VID 100 */
	len = e82574_vlan_push(f, sizeof(orig), E82574_TPID_CTAG, 0xa064);
	expect("push len", len, sizeof(orig) + 4);
	expect("push tpid bytes", (uint32_t)f[12] << 8 | f[13], 0x8100);
	expect("push tci bytes", (uint32_t)f[14] << 8 | f[15], 0xa064);
	expect("push keeps macs", memcmp(f, orig, 12) != 0, 0);
	expect("push moves the rest", memcmp(f + 16, orig + 12, 48) != 0, 0);
	len = e82574_vlan_pop(f, len, &tpid, &tci);
	expect("pop len", len, sizeof(orig));
	expect("pop tpid", tpid, E82574_TPID_CTAG);
	expect("pop tci", tci, 0xa064);
	expect("pop vid", tci & E82574_VID_MASK, 100);
	expect("pop restores", memcmp(f, orig, sizeof(orig)) != 0, 0);

	/* QinQ: 802.1ad 300 outside 802.1Q 100; outer comes off first */
	len = e82574_vlan_push(f, sizeof(orig), E82574_TPID_CTAG, 100);
	len = e82574_vlan_push(f, len, E82574_TPID_STAG, 300);
	expect("qinq len", len, sizeof(orig) + 8);
	expect("qinq outer tpid", (uint32_t)f[12] << 8 | f[13], 0x88a8);
	expect("qinq inner tpid", (uint32_t)f[16] << 8 | f[17], 0x8100);
	len = e82574_vlan_pop(f, len, &tpid, &tci);
	expect("qinq pop outer", tpid, E82574_TPID_STAG);
	expect("qinq pop outer tci", tci, 300);
	len = e82574_vlan_pop(f, len, &tpid, &tci);
	expect("qinq pop inner", tpid, E82574_TPID_CTAG);
	expect("qinq pop inner tci", tci, 100);
	expect("qinq pop len", len, sizeof(orig));
	expect("qinq restores", memcmp(f, orig, sizeof(orig)) != 0, 0);

	/* too short to hold a tag and an ethertype: left alone */
	f[12] = 0x81;
	f[13] = 0x00;
	len = e82574_vlan_pop(f, 17, &tpid, &tci);
	expect("pop short len", len, 17);
	expect("pop short tpid", tpid, 0);
}

/*
 * Three frames (and a zero-length one, skipped) encoded as QEMU's stream
 * netdev sends them, fed to the decoder in chunks of every size from 1 to
 * the whole stream: the same frames must come out, in order, each once.
 */
static void test_stream(void)
{
	static const uint32_t lens[] = { 60, 0, 1514, 9216 };
	static uint8_t stream[4 * (E82574_STREAM_HLEN + 9216)];
	static uint8_t buf[9216];
	size_t total = 0, chunk, off, flen, i;
	uint32_t nf = 0;

	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		e82574_stream_hdr(stream + total, lens[i]);
		total += E82574_STREAM_HLEN;
		for (off = 0; off < lens[i]; off++)
			stream[total + off] = (uint8_t)(i * 31 + off * 7);
		total += lens[i];
	}
	expect("stream hdr bytes", (uint32_t)stream[0] << 24 | stream[1] << 16 |
	       stream[2] << 8 | stream[3], 60);

	for (chunk = 1; chunk <= total; chunk += chunk < 70 ? 1 : 97) {
		struct e82574_stream_rx s = { .buf = buf, .cap = sizeof(buf) };
		uint32_t want = 0, bad = 0;

		nf = 0;
		for (off = 0; off < total; off += chunk) {
			size_t n = total - off < chunk ? total - off : chunk;
			size_t pos = 0;

			while (pos < n) {
				long r = e82574_stream_feed(&s, stream + off + pos,
							    n - pos, &flen);

				if (r <= 0) {
					bad++;
					break;
				}
				pos += r;
				if (!flen)
					continue;
				while (want < 4 && !lens[want])
					want++;
				if (want >= 4 || flen != lens[want]) {
					bad++;
					continue;
				}
				for (i = 0; i < flen; i++)
					if (buf[i] != (uint8_t)(want * 31 + i * 7))
						bad++;
				want++;
				nf++;
			}
		}
		if (bad || nf != 3 || s.hgot) {
			char what[64];

			snprintf(what, sizeof(what), "stream chunk %zu frames", chunk);
			expect(what, nf * 1000 + bad, 3000);
		}
	}
	expect("stream frames (last chunking)", nf, 3);

	/* a length above the capacity is an error, not a frame */
	{
		struct e82574_stream_rx s = { .buf = buf, .cap = 1514 };
		uint8_t big[E82574_STREAM_HLEN + 8];

		e82574_stream_hdr(big, 1515);
		memset(big + E82574_STREAM_HLEN, 0, 8);
		expect("stream oversize", e82574_stream_feed(&s, big, sizeof(big),
							     &flen) == -1, 1);
		e82574_stream_hdr(big, 1514);
		s.hgot = 0;
		expect("stream at capacity: partial", (uint32_t)e82574_stream_feed(&s,
		       big, sizeof(big), &flen), sizeof(big));
		expect("stream at capacity: no frame yet", flen, 0);
	}
}

/* weighted round robin: the share of every flow over whole rounds */
static void test_wrr(void)
{
	static const uint32_t cfg[][3] = {
		{ 1, 0, 1 }, { 5, 0, 7 }, { 14, 2, 6 }, { 3, 3, 4 }, { 9, 1, 1 },
	};
	uint32_t c, s, r, f, len, cnt[16], bad, run, maxrun;

	for (c = 0; c < sizeof(cfg) / sizeof(cfg[0]); c++) {
		uint32_t flows = cfg[c][0], heavy = cfg[c][1], w = cfg[c][2];

		len = e82574_wrr_len(flows, heavy, w);
		memset(cnt, 0, sizeof(cnt));
		bad = 0;
		run = 0;
		maxrun = 0;
		f = UINT32_MAX;
		for (r = 0; r < 3; r++) {
			for (s = 0; s < len; s++) {
				uint32_t x = e82574_wrr_flow(s, heavy, w);

				if (x >= flows) {
					bad++;
					continue;
				}
				cnt[x]++;
				run = x == f ? run + 1 : 1;
				if (run > maxrun)
					maxrun = run;
				f = x;
			}
		}
		for (f = 0; f < flows; f++)
			if (cnt[f] != 3 * (f < heavy ? w : 1))
				bad++;
		expect("wrr: every flow its weight per round", bad, 0);
		/* with two or more heavy flows, no flow is sent twice in a row */
		if (heavy >= 2)
			expect("wrr: heavy flows interleaved", maxrun, 1);
	}
	expect("wrr: round of 14 flows, 2 of weight 6", e82574_wrr_len(14, 2, 6),
	       24);
}

int main(void)
{
	test_vectors();
	test_queue();
	test_flows();
	test_payload();
	test_csum();
	test_vlan();
	test_stream();
	test_wrr();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
