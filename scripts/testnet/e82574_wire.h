// SPDX-License-Identifier: GPL-2.0
/*
 * e82574_wire.h - definitions shared by the e82574 network test programs
 * (e82574-peer on the host, e82574-tool in the guest).  Userspace only,
 * header-only (all functions are static inline).
 *
 * Contents:
 *  - fixed identities of the emulated link (MACs, IPv4/IPv6 addresses);
 *  - the test payload header + deterministic byte pattern;
 *  - the deterministic flow generator (proto set, seed, index) -> tuple;
 *  - Toeplitz hash (Microsoft RSS) and the 82574's RSS input selection,
 *    so a tool can predict the hash / queue of every generated flow;
 *  - small checksum helpers;
 *  - VLAN tags: insert / remove an 802.1Q or 802.1ad tag after the MAC
 *    addresses;
 *  - the framing of QEMU's stream netdev (a 4-byte length before each
 *    frame): header encoding and an incremental decoder.
 *
 * Payload header (at offset 0 of the L4 payload of every test frame,
 * all fields big-endian, 16 bytes):
 *	u32 magic	E82574_MAGIC
 *	u16 flow	flow index (generator index)
 *	u16 run		run id (peer: "run=" of the send command)
 *	u32 seq		per-flow sequence number (message number for TSO)
 *	u32 len		total L4 payload length of this message, header
 *			included (for a TSO message: the whole message)
 * Byte i (i >= 16) of the payload is e82574_pat(flow, seq, i); the pattern
 * is a function of the offset from the start of the message, so a receiver
 * can verify any segment of a segmented message.
 */
#ifndef E82574_WIRE_H
#define E82574_WIRE_H

#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <arpa/inet.h>

/* ---------------------------------------------------------------- identities */

#define E82574_GUEST_MAC	{ 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 }
#define E82574_PEER_MAC		{ 0x52, 0x54, 0x00, 0xe8, 0x25, 0x02 }
#define E82574_GUEST_IP4	{ 198, 18, 0, 1 }
#define E82574_PEER_IP4		{ 198, 18, 0, 2 }
#define E82574_GUEST_IP6	{ 0x20, 0x01, 0x00, 0x02, 0, 0, 0, 0, \
				  0, 0, 0, 0, 0, 0, 0, 0x01 }
#define E82574_PEER_IP6		{ 0x20, 0x01, 0x00, 0x02, 0, 0, 0, 0, \
				  0, 0, 0, 0, 0, 0, 0, 0x02 }
#define E82574_IP4_PREFIXLEN	15
#define E82574_IP6_PREFIXLEN	48

static const uint8_t e82574_guest_mac[6] = E82574_GUEST_MAC;
static const uint8_t e82574_peer_mac[6] = E82574_PEER_MAC;
static const uint8_t e82574_guest_ip4[4] = E82574_GUEST_IP4;
static const uint8_t e82574_peer_ip4[4] = E82574_PEER_IP4;
static const uint8_t e82574_guest_ip6[16] = E82574_GUEST_IP6;
static const uint8_t e82574_peer_ip6[16] = E82574_PEER_IP6;

#define E82574_VERSION		"1.0"
#define E82574_MAX_FRAME	9216	/* largest frame we send / ping */

/* ----------------------------------------------------------- payload header */

#define E82574_MAGIC		0x45383235u	/* "E825" */
#define E82574_PHDR_LEN		16

struct e82574_phdr {
	uint32_t magic;
	uint16_t flow;
	uint16_t run;
	uint32_t seq;
	uint32_t len;
} __attribute__((packed));

static inline uint8_t e82574_pat(uint32_t flow, uint32_t seq, uint32_t off)
{
	uint32_t x = flow * 0x9e3779b1u + seq * 0x85ebca77u;

	x ^= x >> 15;
	return (uint8_t)(x + off * 7u + (off >> 8) * 13u);
}

/* Build the header + pattern into p (len bytes, len >= E82574_PHDR_LEN). */
static inline void e82574_fill_payload(uint8_t *p, uint32_t len, uint16_t flow,
				       uint16_t run, uint32_t seq)
{
	struct e82574_phdr h;
	uint32_t i;

	h.magic = htonl(E82574_MAGIC);
	h.flow = htons(flow);
	h.run = htons(run);
	h.seq = htonl(seq);
	h.len = htonl(len);
	memcpy(p, &h, sizeof(h));
	for (i = E82574_PHDR_LEN; i < len; i++)
		p[i] = e82574_pat(flow, seq, i);
}

/* Parse a header; returns 0 and fills *h (host order) or -1. */
static inline int e82574_parse_phdr(const uint8_t *p, size_t len,
				    struct e82574_phdr *h)
{
	struct e82574_phdr n;

	if (len < E82574_PHDR_LEN)
		return -1;
	memcpy(&n, p, sizeof(n));
	if (ntohl(n.magic) != E82574_MAGIC)
		return -1;
	h->magic = E82574_MAGIC;
	h->flow = ntohs(n.flow);
	h->run = ntohs(n.run);
	h->seq = ntohl(n.seq);
	h->len = ntohl(n.len);
	return 0;
}

/*
 * Verify pattern bytes of a message slice: p holds message bytes
 * [off, off + len).  Header bytes (off < 16) are skipped.  Returns the
 * number of mismatching bytes.
 */
static inline uint32_t e82574_check_pattern(const uint8_t *p, uint32_t off,
					    uint32_t len, uint32_t flow,
					    uint32_t seq)
{
	uint32_t i, bad = 0;

	for (i = 0; i < len; i++) {
		if (off + i < E82574_PHDR_LEN)
			continue;
		if (p[i] != e82574_pat(flow, seq, off + i))
			bad++;
	}
	return bad;
}

/* ----------------------------------------------------------- flow generator */

enum e82574_proto_set {
	E82574_PS_TCP4,
	E82574_PS_TCP6,
	E82574_PS_UDP4,
	E82574_PS_UDP6,
	E82574_PS_MIX,		/* index % 4: tcp4, tcp6, udp4, udp6 */
	E82574_PS_NR,
};

static const char *const e82574_ps_names[E82574_PS_NR] = {
	"tcp4", "tcp6", "udp4", "udp6", "mix",
};

static inline int e82574_ps_parse(const char *s)
{
	int i;

	for (i = 0; i < E82574_PS_NR; i++)
		if (!strcmp(s, e82574_ps_names[i]))
			return i;
	return -1;
}

struct e82574_flow {
	int family;		/* AF_INET or AF_INET6 */
	int proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	uint8_t saddr[16];	/* 4 bytes used for AF_INET */
	uint8_t daddr[16];
	uint16_t sport;		/* host order */
	uint16_t dport;
};

static inline uint64_t e82574_splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/*
 * Flow number @index of proto set @ps with seed @seed.  The peer is the
 * source, the guest the destination.
 *  - source address: random in 198.18.0.0/15 (never .0.0, .0.1, .0.2 or
 *    198.19.255.255) resp. 2001:2::/48 (random low 80 bits, never ::0-::2);
 *  - sport = 1024 + index % 64000 (so any two flows with index < 64000
 *    differ at least in the source port; beyond that the random source
 *    address makes collisions vanishingly unlikely);
 *  - dport: random in 20000..59999 (closed ports in the guest).
 */
static inline void e82574_flow_gen(int ps, uint64_t seed, uint32_t index,
				   struct e82574_flow *f)
{
	uint64_t st = seed * 0xd1342543de82ef95ull + index;
	uint64_t r1, r2;
	int kind = ps == E82574_PS_MIX ? (int)(index % 4) : ps;

	e82574_splitmix64(&st);
	r1 = e82574_splitmix64(&st);
	r2 = e82574_splitmix64(&st);

	memset(f, 0, sizeof(*f));
	f->proto = (kind == E82574_PS_TCP4 || kind == E82574_PS_TCP6) ?
		   6 /* IPPROTO_TCP */ : 17 /* IPPROTO_UDP */;
	if (kind == E82574_PS_TCP4 || kind == E82574_PS_UDP4) {
		uint32_t h = (uint32_t)(r1 % ((1u << 17) - 4)) + 3;

		f->family = AF_INET;
		f->saddr[0] = 198;
		f->saddr[1] = 18 + (h >> 16);
		f->saddr[2] = (h >> 8) & 0xff;
		f->saddr[3] = h & 0xff;
		memcpy(f->daddr, e82574_guest_ip4, 4);
	} else {
		f->family = AF_INET6;
		f->saddr[0] = 0x20;
		f->saddr[1] = 0x01;
		f->saddr[2] = 0x00;
		f->saddr[3] = 0x02;
		/* saddr[4..5] = 0: stay inside 2001:2::/48 */
		memcpy(&f->saddr[6], &r1, 8);
		f->saddr[14] = (uint8_t)(r2 >> 40);
		f->saddr[15] = (uint8_t)(r2 >> 48);
		if (!memcmp(&f->saddr[6], "\0\0\0\0\0\0\0\0\0", 9) &&
		    f->saddr[15] < 3)
			f->saddr[15] = 3;
		memcpy(f->daddr, e82574_guest_ip6, 16);
	}
	f->sport = 1024 + index % 64000;
	f->dport = 20000 + (uint16_t)(r2 % 40000);
}

/*
 * Weighted round robin of a send job ("heavy=H:W"): in every round, flows
 * 0..H-1 (relative to the job's first flow) are sent W times each,
 * interleaved, and the other F-H flows once each, in index order.  A round
 * is e82574_wrr_len() frames; slot s of a round carries flow
 * e82574_wrr_flow(s).  H = 0 is plain round robin.
 */
static inline uint32_t e82574_wrr_len(uint32_t flows, uint32_t heavy,
				      uint32_t weight)
{
	return heavy * weight + (flows - heavy);
}

static inline uint32_t e82574_wrr_flow(uint32_t slot, uint32_t heavy,
				       uint32_t weight)
{
	if (slot < heavy * weight)
		return slot % heavy;
	return heavy + (slot - heavy * weight);
}

/* ------------------------------------------------------------- Toeplitz/RSS */

/* Microsoft's default/verification RSS key. */
static const uint8_t e82574_rss_key_ms[40] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2,
	0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
	0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4,
	0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
	0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

/* Standard Toeplitz over @len input bytes (len <= 36 with a 40-byte key). */
static inline uint32_t e82574_toeplitz(const uint8_t key[40],
				       const uint8_t *in, size_t len)
{
	uint32_t hash = 0;
	uint64_t win;	/* key bits, current 32-bit window in bits 63:32 */
	size_t i, kb = 8;
	int b;

	win = 0;
	for (i = 0; i < 8; i++)
		win = (win << 8) | key[i];
	for (i = 0; i < len; i++) {
		for (b = 7; b >= 0; b--) {
			if (in[i] & (1u << b))
				hash ^= (uint32_t)(win >> 32);
			win <<= 1;
		}
		/* refill the low byte consumed by the 8 shifts */
		win |= kb < 40 ? key[kb] : 0;
		kb++;
	}
	return hash;
}

/*
 * MRQC hash-field bits of the 82574 (as modelled by QEMU, see
 * hw-82574-qemu.md section 4.2) and the hash types written to MRQ[3:0].
 */
#define E82574_MRQC_IPV4_TCP	(1u << 16)
#define E82574_MRQC_IPV4	(1u << 17)
#define E82574_MRQC_IPV6_TCP_EX	(1u << 18)
#define E82574_MRQC_IPV6_EX	(1u << 19)
#define E82574_MRQC_IPV6	(1u << 20)

enum e82574_rss_type {
	E82574_RSS_NONE = 0,
	E82574_RSS_IPV4_TCP = 1,
	E82574_RSS_IPV4 = 2,
	E82574_RSS_IPV6_TCP = 3,
	E82574_RSS_IPV6_EX = 4,
	E82574_RSS_IPV6 = 5,
};

/*
 * Build the Toeplitz input the 82574 uses for flow @f given MRQC hash-field
 * bits @mrqc (bits 16..20).  TCP: addresses + ports when the TCP field is
 * enabled; otherwise (and always for UDP) addresses only.  Packets without
 * extension headers assumed.  Returns the input length (0: not hashed) and
 * stores the hash type in *type.
 */
static inline size_t e82574_rss_input(const struct e82574_flow *f,
				      uint32_t mrqc, uint8_t in[36], int *type)
{
	size_t alen = f->family == AF_INET ? 4 : 16;
	int tcp = f->proto == 6;
	int with_ports = 0;

	*type = E82574_RSS_NONE;
	if (f->family == AF_INET) {
		if (tcp && (mrqc & E82574_MRQC_IPV4_TCP)) {
			*type = E82574_RSS_IPV4_TCP;
			with_ports = 1;
		} else if (mrqc & E82574_MRQC_IPV4) {
			*type = E82574_RSS_IPV4;
		}
	} else {
		if (tcp && (mrqc & E82574_MRQC_IPV6_TCP_EX)) {
			*type = E82574_RSS_IPV6_TCP;
			with_ports = 1;
		} else if (mrqc & E82574_MRQC_IPV6_EX) {
			*type = E82574_RSS_IPV6_EX;
		} else if (mrqc & E82574_MRQC_IPV6) {
			*type = E82574_RSS_IPV6;
		}
	}
	if (*type == E82574_RSS_NONE)
		return 0;
	memcpy(in, f->saddr, alen);
	memcpy(in + alen, f->daddr, alen);
	if (!with_ports)
		return 2 * alen;
	in[2 * alen + 0] = f->sport >> 8;
	in[2 * alen + 1] = f->sport & 0xff;
	in[2 * alen + 2] = f->dport >> 8;
	in[2 * alen + 3] = f->dport & 0xff;
	return 2 * alen + 4;
}

/* Hash of flow @f as the 82574 computes it; *type as above. */
static inline uint32_t e82574_rss_hash(const uint8_t key[40],
				       const struct e82574_flow *f,
				       uint32_t mrqc, int *type)
{
	uint8_t in[36];
	size_t n = e82574_rss_input(f, mrqc, in, type);

	return n ? e82574_toeplitz(key, in, n) : 0;
}

/*
 * Queue for @hash with a 128-byte redirection table as the 82574 (QEMU)
 * uses it: entry hash & 0x7f, queue = bit 7 of the entry.  Unhashed
 * packets (type NONE) always go to queue 0.
 */
static inline int e82574_rss_queue(const uint8_t reta[128], uint32_t hash,
				   int type)
{
	if (type == E82574_RSS_NONE)
		return 0;
	return (reta[hash & 0x7f] >> 7) & 1;
}

/* ---------------------------------------------------------------- checksums */

static inline uint32_t e82574_csum_add(uint32_t sum, const void *data,
				       size_t len)
{
	const uint8_t *p = data;

	while (len > 1) {
		sum += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

static inline uint16_t e82574_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* Un-complemented pseudo-header sum (host order, not folded). */
static inline uint32_t e82574_pseudo_sum(int family, const uint8_t *saddr,
					 const uint8_t *daddr, uint8_t proto,
					 uint32_t l4len)
{
	size_t alen = family == AF_INET ? 4 : 16;
	uint32_t sum = 0;

	sum = e82574_csum_add(sum, saddr, alen);
	sum = e82574_csum_add(sum, daddr, alen);
	sum += proto;
	sum += l4len >> 16;
	sum += l4len & 0xffff;
	return sum;
}

/* Full L4 checksum value to store in the header (network order). */
static inline uint16_t e82574_l4_csum(int family, const uint8_t *saddr,
				      const uint8_t *daddr, uint8_t proto,
				      const void *l4, uint32_t l4len)
{
	uint32_t sum = e82574_pseudo_sum(family, saddr, daddr, proto, l4len);
	uint16_t c;

	c = (uint16_t)~e82574_csum_fold(e82574_csum_add(sum, l4, l4len));
	if (proto == 17 && c == 0)
		c = 0xffff;
	return htons(c);
}

/* IPv4 header checksum (network order), header checksum field zeroed. */
static inline uint16_t e82574_ip_csum(const void *iph, size_t len)
{
	return htons((uint16_t)~e82574_csum_fold(e82574_csum_add(0, iph, len)));
}

/* ---------------------------------------------------------------- VLAN tags */

#define E82574_TPID_CTAG	0x8100	/* 802.1Q customer tag */
#define E82574_TPID_STAG	0x88a8	/* 802.1ad service tag (QinQ outer) */
#define E82574_VLAN_HLEN	4
#define E82574_VID_MASK		0x0fff	/* VID bits of a TCI */

/*
 * Insert the tag TPID/TCI after the MAC addresses of the frame at f
 * (len >= 12 bytes; the buffer must hold len + 4).  Returns the new length.
 * Tags pushed one after another end up outermost last.
 */
static inline size_t e82574_vlan_push(uint8_t *f, size_t len, uint16_t tpid,
				      uint16_t tci)
{
	memmove(f + 12 + E82574_VLAN_HLEN, f + 12, len - 12);
	f[12] = tpid >> 8;
	f[13] = tpid & 0xff;
	f[14] = tci >> 8;
	f[15] = tci & 0xff;
	return len + E82574_VLAN_HLEN;
}

/*
 * If the frame at f (len bytes) carries an 802.1Q or 802.1ad tag after the
 * MAC addresses (and an ethertype after it), remove the outermost one:
 * *tpid and *tci get it and the new length is returned.  Otherwise *tpid
 * is 0 and len is returned, the frame untouched.
 */
static inline size_t e82574_vlan_pop(uint8_t *f, size_t len, uint16_t *tpid,
				     uint16_t *tci)
{
	uint16_t t;

	*tpid = 0;
	if (len < 12 + E82574_VLAN_HLEN + 2)
		return len;
	t = (uint16_t)f[12] << 8 | f[13];
	if (t != E82574_TPID_CTAG && t != E82574_TPID_STAG)
		return len;
	*tpid = t;
	*tci = (uint16_t)f[14] << 8 | f[15];
	memmove(f + 12, f + 12 + E82574_VLAN_HLEN, len - 12 - E82574_VLAN_HLEN);
	return len - E82574_VLAN_HLEN;
}

/* ------------------------------------------------- QEMU stream netdev framing */

/*
 * "-netdev stream" (like "-netdev socket" over a stream socket) carries
 * each frame as a 32-bit big-endian length followed by that many bytes.
 */
#define E82574_STREAM_HLEN	4

static inline void e82574_stream_hdr(uint8_t hdr[E82574_STREAM_HLEN],
				     uint32_t len)
{
	hdr[0] = len >> 24;
	hdr[1] = len >> 16;
	hdr[2] = len >> 8;
	hdr[3] = len;
}

/*
 * Decoder state: set buf/cap (the largest frame accepted) and zero the
 * rest before the first e82574_stream_feed().
 */
struct e82574_stream_rx {
	uint8_t *buf;
	size_t cap;
	uint8_t hdr[E82574_STREAM_HLEN];
	uint32_t hgot;		/* header bytes collected */
	uint32_t len;		/* length of the frame being collected */
	uint32_t got;		/* frame bytes collected */
};

/*
 * Consume bytes from p (n of them) up to the end of the next complete
 * frame.  Returns the number of bytes consumed; *frame_len is then the
 * length of the frame completed in s->buf, or 0 if none was (all n bytes
 * were consumed).  Call again with the rest.  Zero-length frames are
 * skipped.  Returns -1 if a header announces more than s->cap bytes: the
 * stream cannot be resynchronised after that.
 */
static inline long e82574_stream_feed(struct e82574_stream_rx *s,
				      const uint8_t *p, size_t n,
				      size_t *frame_len)
{
	size_t used = 0, take;

	*frame_len = 0;
	while (used < n) {
		if (s->hgot < E82574_STREAM_HLEN) {
			s->hdr[s->hgot++] = p[used++];
			if (s->hgot < E82574_STREAM_HLEN)
				continue;
			s->len = (uint32_t)s->hdr[0] << 24 |
				 (uint32_t)s->hdr[1] << 16 |
				 (uint32_t)s->hdr[2] << 8 | s->hdr[3];
			s->got = 0;
			if (s->len > s->cap)
				return -1;
			if (!s->len)
				s->hgot = 0;
			continue;
		}
		take = s->len - s->got;
		if (take > n - used)
			take = n - used;
		memcpy(s->buf + s->got, p + used, take);
		used += take;
		s->got += take;
		if (s->got == s->len) {
			s->hgot = 0;
			*frame_len = s->len;
			break;
		}
	}
	return (long)used;
}

#endif /* E82574_WIRE_H */
