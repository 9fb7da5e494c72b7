// SPDX-License-Identifier: GPL-2.0
/*
 * e82574-peer - host-side remote end of the guest's emulated link.
 *
 * Usage:
 *   e82574-peer (--qemu-port QPORT --peer-port PPORT | --stream NETSOCK)
 *               --ctl SOCKPATH [--log FILE] [--pcap FILE]
 *               [--hmp MONITOR-SOCKPATH] [--trace QEMU-LOG] [--pps-div N]
 *
 * QEMU runs with
 *   -netdev dgram,id=n0,local.type=inet,local.host=127.0.0.1,
 *           local.port=QPORT,remote.type=inet,remote.host=127.0.0.1,
 *           remote.port=PPORT
 *   -chardev socket,id=ctl,path=SOCKPATH -serial ... -serial chardev:ctl
 * The peer binds UDP 127.0.0.1:PPORT (frames from the guest), sends frames
 * as datagrams to 127.0.0.1:QPORT, and listens on the unix stream socket
 * SOCKPATH (QEMU connects; the guest sees it as /dev/ttyS1).  Start the
 * peer before QEMU.  SIGTERM/SIGINT or "quit" end it.
 *
 * --stream NETSOCK instead: QEMU runs with
 *   -netdev stream,id=n0,server=on,addr.type=unix,addr.path=NETSOCK
 * and the peer connects to that unix socket (retrying every 100 ms until
 * QEMU listens, and again if QEMU closes it).  Frames travel with a 4-byte
 * big-endian length before each (e82574_stream_feed() in e82574_wire.h).
 * This link has back-pressure: QEMU reads the socket only while the NIC
 * can take frames, so a send waits for the guest instead of losing frames
 * in a host socket buffer.  A frame that cannot start within 2 s (the
 * guest's receiver is off) is counted in tx_drops; one that has started
 * is always finished (after 30 s stalled in it the connection is closed).
 *
 * --pps-div N divides every send's pps by N: a guest kernel N times slower
 * (the debug kernel: KASAN, lockdep) gets the same load relative to its
 * speed, and tests that count every frame still see every frame.
 *
 * Always (background): answers ARP for 198.18.0.2, IPv6 NS for 2001:2::2,
 * ICMPv4/ICMPv6 echo requests to its addresses (up to 9216-byte frames)
 * and accounts/verifies every frame the guest transmits (see txstat).
 *
 * Control protocol: one command per line, one reply line per command,
 * beginning with "ok" or "err <reason>".  A line may start with a tag
 * "@TAG " which is then echoed at the start of the reply ("@TAG ok ...");
 * e82574-tool uses this to ignore stale replies.  Lines containing
 * non-printable characters and empty lines are ignored.  While a
 * foreground command (send without bg=1, ping4/ping6) runs, further
 * commands are queued.
 *
 *  hello
 *	-> ok e82574-peer VERSION
 *  send proto=P flows=F count=N [pps=R] [len=L] [seed=S]
 *       [tcpflags=R|A|S|PA] [first=K] [run=X] [bg=1] [badcsum=1]
 *       [dport=D] [dmac=M] [heavy=H:W]
 *	Send N frames round-robin over generator flows K..K+F-1 (see
 *	e82574_flow_gen(); P = tcp4 tcp6 udp4 udp6 mix) to the guest.
 *	heavy=H:W (1 <= H <= F, 1 <= W <= 64): a skewed mix; every round
 *	sends each of flows K..K+H-1 W times, interleaved, and each other
 *	flow once (e82574_wrr_flow()).
 *	P may also be a comma-separated list of up to 16 of tcp4 tcp6 udp4
 *	udp6: flow index i then has kind P[i % length] (so "mix" is
 *	tcp4,tcp6,udp4,udp6 and e.g. tcp4,tcp6,tcp4,tcp6,udp4,udp6 sends
 *	twice as many TCP as UDP flows); the tuple of flow i is otherwise
 *	that of e82574_flow_gen(kind, S, i).
 *	D (0..65535): every flow uses destination port D instead of the
 *	generator's (default: the generator's, 20000..59999).
 *	L = L4 payload length (16..9162 (v4 UDP: 9174), default 64), carrying
 *	the payload header + pattern; R = packets/s (default 2000, 0 = as fast
 *	as possible); S = generator seed (default 1); TCP flags default R
 *	(RST: the guest answers nothing); K default 0, F default 1; X = run id
 *	(default 0): per-flow sequence numbers continue across send commands
 *	with the same run id and restart at 0 when it changes.
 *	badcsum=1 corrupts the L4 checksum of every frame.
 *	M = destination MAC (default the guest's), for filter tests.
 *	vlan=T: every frame carries an 802.1Q tag with TCI T (0..65535:
 *	PCP << 13 | DEI << 12 | VID); stag=T: an 802.1ad (0x88a8) tag with
 *	TCI T outside it (QinQ with vlan=, or alone).
 *	-> ok sent=N  (when done)
 *	bg=1: -> ok started (at once); count=0 sends until "stop".
 *  stop
 *	-> ok sent=N  (ends a bg send; ok sent=0 if none)
 *  ping4 count=N [len=L] [timeout_ms=T] [interval_ms=I]
 *  ping6 ...
 *	Echo requests (L data bytes, default 56; I ms apart, default 10) to
 *	198.18.0.1 / 2001:2::1; replies when all are answered or T ms
 *	(default 2000) after the last one was sent.
 *	-> ok sent=N recv=M
 *  txstat [reset] [mss=M] [vid=any|none|N]
 *	Stats of the frames the guest transmitted; "reset" zeroes them; mss=M
 *	sets the MSS limit for over_mss (0 = off, the default).  Reply keys:
 *	frames		frames received from the guest
 *	bytes		their total length
 *	max_frame	largest frame (bytes, no FCS)
 *	arp ipv4 ipv6	frames by ethertype
 *	icmp		ICMPv4 + ICMPv6 (incl. ND/MLD)
 *	tcp udp		TCP / UDP segments (v4 + v6)
 *	other		frames not classified above
 *	bad_ip_csum	IPv4 header checksum errors
 *	bad_l4_csum	TCP/UDP/ICMP checksum errors (full pseudo-header)
 *	udp_zero_csum	UDP/IPv4 frames with checksum 0 (not computed)
 *	tcp_payload	TCP payload bytes, max_tcp_payload: largest one
 *	over_mss	TCP segments with payload > mss (if mss set)
 *	msgs		test messages (payload header seen, TCP or UDP)
 *	msgs_ok		messages received completely, contiguous, no errors
 *	segs		TCP segments carrying test message bytes
 *	seq_gaps	TCP sequence discontinuities within a connection
 *	pattern_err	segments/datagrams with wrong pattern or length
 *	psh_err		PSH/FIN on a segment that is not a message's last one
 *	ipid_err	IPv4 ID not incremented by 1 between the segments of
 *			one message
 *	flow_seq_err	payload-header seq not previous+1 within flow+run
 *	last_segs	segments of the last completed TCP message
 *	frags		wire frames that were IPv4 fragments or QEMU-7.2 IPv6
 *			TSO pieces (payload length 0, no fragment header)
 *	reasm		datagrams reassembled from them (in order only);
 *			they are then accounted like one frame, but
 *			segs/last_segs count their wire pieces and they are
 *			left out of max_tcp_payload/over_mss/ipid_err
 *	reasm_err	out-of-order/unparseable/evicted pieces
 *	max_frag	largest L3 payload of one piece
 *	mss		the configured mss
 *	vlan		frames whose outer tag is 802.1Q (0x8100)
 *	qinq		frames whose outer tag is 802.1ad (0x88a8)
 *	last_tci	TCI of the last tagged frame's outer tag (0x....)
 *	vid_err		TCP segments / UDP datagrams carrying test messages
 *			whose tag is not what vid= expects
 *	vid		the expectation: "any" (no check, the default),
 *			"none" (untagged) or a VID (exactly one 802.1Q tag
 *			with that VID); set with "txstat vid=any|none|N"
 *	Tags are removed before a frame is classified, so everything above
 *	counts tagged frames like untagged ones.  Replies (ARP, NA, echo
 *	replies) carry the tags of the frame they answer.
 *
 *	QEMU 7.2 note: with a non-vnet backend such as dgram, e1000e "TSO"
 *	is done by net_tx_pkt_do_sw_fragmentation(): a TCP/IPv4 TSO packet
 *	leaves as IPv4 fragments of gso_size bytes (TCP header only in the
 *	first, checksum over the whole datagram), a TCP/IPv6 one as frames
 *	with payload length 0 and no fragment header.  So on 7.2 expect
 *	frags/reasm > 0, max_frag <= MSS, msgs_ok == messages, while
 *	max_tcp_payload/over_mss stay 0; real segmentation (later QEMU,
 *	hardware) shows up as segs with max_tcp_payload <= mss instead.
 *	The reassembled IPv6 TSO packets fail the L4 checksum check on 7.2
 *	(bad_l4_csum counts them).
 *	-> ok frames=.. ...
 *  link on|off
 *      -> "ok link=on|off": "set_link n0 on|off" on QEMU's HMP monitor
 *      (--hmp), so the guest sees its link go down or up (LSC).
 *  hmp COMMAND...
 *	Run one HMP command on QEMU's monitor (--hmp) and reply with its
 *	output folded into one line: the echoed command and the prompt
 *	dropped, lines joined with " | ", cut short with "..." after about
 *	1900 characters.  -> "ok OUTPUT" ("ok" alone if it printed nothing);
 *	"err OUTPUT" if the output begins with "unknown command:" or
 *	"Error:"; "err REASON" if the monitor cannot be reached.  Other
 *	failures only show in OUTPUT (HMP has no status).
 *  hmp-at DELAY_MS COMMAND...
 *	-> "ok due_ms=DELAY_MS" at once; COMMAND runs on the monitor
 *	DELAY_MS ms later (its output goes to the peer's log).  One pending
 *	command; a new hmp-at replaces it.  For commands the guest cannot
 *	wait for, e.g. "system_wakeup" while it is suspended to RAM.
 *	"system_wakeup" waits until QEMU reports the guest suspended
 *	("info status"), polling every 200 ms for up to 120 s after it is
 *	due: on a loaded host the guest may take longer than DELAY_MS to
 *	reach S3, and a wakeup before that is a silent no-op in QEMU.
 *  trace-pos
 *	-> ok pos=BYTES: the current size of QEMU's log file (--trace, the
 *	file of QEMU's -D option, where the "log" trace backend writes the
 *	events enabled with "hmp trace-event NAME on").
 *  trace-count POS REGEX
 *	-> ok count=N pos=END: N of the complete lines after byte offset
 *	POS match REGEX (POSIX extended; the rest of the command line,
 *	spaces included); END is the offset after the last complete line,
 *	to pass as POS next time.
 *  trace-grep POS [max=M] REGEX
 *	-> ok count=N shown=S more=0|1 pos=END matches=V1;V2;...
 *	Like trace-count, plus the first S matches (S <= M, default 1000, and
 *	as many as fit in about 1700 characters; more=1 if some were left
 *	out): the text of REGEX's first parenthesised group, or the whole
 *	line if it has none, joined by ';' (the rest of the reply line).
 *  stats
 *	-> ok tx_frames=.. tx_bytes=.. tx_drops=.. rx_frames=.. rx_bytes=..
 *	   (tx = peer -> guest, rx = guest -> peer)
 *  quit
 *	-> ok bye, then the peer exits (after 1 s, so the reply gets
 *	through QEMU; later commands are ignored).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <netinet/in.h>
#include "e82574_wire.h"

#define ETH_HLEN	14
#define ET_IP		0x0800
#define ET_ARP		0x0806
#define ET_IPV6		0x86dd
#define PR_ICMP		1
#define PR_TCP		6
#define PR_UDP		17
#define PR_ICMP6	58
#define TCPF_FIN	0x01
#define TCPF_SYN	0x02
#define TCPF_RST	0x04
#define TCPF_PSH	0x08
#define TCPF_ACK	0x10

#define MAX_FLOWS	65536
#define CONN_SLOTS	4096
#define PING_ID		0x8257
#define MIN_FRAME	60
#define BUF_SIZE	(65536 + 128)

struct conn {
	bool used;
	int family;
	uint8_t saddr[16], daddr[16];
	uint16_t sport, dport;
	bool have_next;
	uint32_t next_seq;
	/* message in progress */
	bool msg;
	bool msg_bad;
	uint32_t base, len, got, flow, seq, run, segs;
	bool have_ipid;
	uint16_t last_ipid;
};

struct txstat {
	uint64_t frames, bytes, max_frame, arp, ipv4, ipv6, icmp, tcp, udp,
		 other, bad_ip_csum, bad_l4_csum, udp_zero_csum, tcp_payload,
		 max_tcp_payload, over_mss, msgs, msgs_ok, segs, seq_gaps,
		 pattern_err, psh_err, ipid_err, flow_seq_err, last_segs,
		 frags, reasm, reasm_err, max_frag, vlan, qinq, vid_err;
	uint32_t last_tci;
};

/* VLAN tags of a frame, outermost first. */
struct tags {
	int n;
	uint16_t tpid[2], tci[2];
};

#define VID_ANY		(-2)	/* txstat vid=any: no check */
#define VID_NONE	(-1)	/* txstat vid=none: untagged */

/*
 * Reassembly of what QEMU 7.2 makes of a TSO packet on a non-vnet backend
 * (net_tx_pkt_do_sw_fragmentation): IPv4 fragments of gso_size bytes (the
 * TCP header only in the first one), and for IPv6 frames with payload
 * length 0 and no fragment header, in order.  In-order only.
 */
#define REASM_SLOTS	4
struct reasm {
	bool used;
	int family;
	uint8_t saddr[16], daddr[16];
	uint16_t id;
	uint8_t proto;
	uint32_t got, total, nfrags;
	uint64_t stamp;
	uint8_t frame[ETH_HLEN + 60 + 65536];
	size_t hlen;	/* eth + ip header bytes at the start of frame */
};

static struct {
	int udp, lsock, ctl;
	struct sockaddr_in qaddr;
	/* --stream: QEMU's socket path, the connection (-1: none), decoder */
	const char *stream_path;
	int stream;
	uint64_t stream_retry_ns;
	struct e82574_stream_rx srx;
	const char *ctl_path;
	const char *hmp_path;	/* QEMU's HMP monitor socket, for "link" */
	unsigned int pps_div;	/* --pps-div: every send's pps divided by it */
	const char *trace_path;	/* QEMU's -D log file, for "trace-*" */
	/* "hmp-at": one HMP command to run later */
	struct {
		bool active;
		uint64_t due_ns;
		uint64_t give_up_ns;	/* system_wakeup: stop waiting */
		char cmd[512];
	} hmp_at;
	FILE *log;
	FILE *pcap;

	char ibuf[8192];
	size_t ilen;
	bool quit;
	uint64_t quit_ns;	/* linger so QEMU can deliver "ok bye" */

	/* stats */
	uint64_t tx_frames, tx_bytes, tx_drops, rx_frames, rx_bytes;
	struct txstat ts;
	uint32_t mss;
	int vid_expect;		/* VID_ANY, VID_NONE or 0..4095 */
	struct tags otags;	/* pushed by send_frame() */
	struct tags cur_tags;	/* of the frame being handled */
	struct conn conns[CONN_SLOTS];
	struct reasm reasm[REASM_SLOTS];
	uint64_t reasm_stamp;
	uint32_t cur_nfrags;	/* >0: frame being handled was reassembled */
	/* per flow: last payload-header seq seen from the guest (+1), run */
	uint32_t gseq_next[MAX_FLOWS];
	uint16_t gseq_run[MAX_FLOWS];
	uint8_t gseq_have[MAX_FLOWS];

	/* send state: per-flow seq / tcp seq for the current run id */
	int cur_run;
	uint32_t fseq[MAX_FLOWS];
	uint32_t ftcp[MAX_FLOWS];
	uint16_t ip_id;

	/* send job */
	struct {
		bool active, bg;
		int kinds[16], nkinds;
		int dport;	/* -1: the generator's */
		uint8_t dmac[6];	/* destination MAC, default the guest's */
		uint32_t flows, first, count, sent, pps, len;
		uint32_t heavy, weight;	/* heavy=H:W; H = 0: plain */
		uint64_t seed;
		uint8_t flags;
		bool badcsum;
		struct tags tags;
		uint32_t rr;
		uint64_t start_ns;
		char tag[64];
	} job;

	/* ping job */
	struct {
		bool active, v6;
		uint32_t count, sent, recv, len, timeout_ms, interval_ms;
		uint64_t next_ns, last_ns;
		uint8_t seen[65536 / 8];
		char tag[64];
	} ping;
	uint16_t ping_seq_base;
} P;

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void logf_(const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	if (!P.log)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(P.log, "[%ld.%03ld] ", (long)ts.tv_sec,
		ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(P.log, fmt, ap);
	va_end(ap);
	fputc('\n', P.log);
	fflush(P.log);
}

/* ---------------------------------------------------------------- pcap */

static void pcap_open(const char *path)
{
	struct {
		uint32_t magic;
		uint16_t major, minor;
		int32_t zone;
		uint32_t sigfigs, snaplen, linktype;
	} h = { 0xa1b2c3d4, 2, 4, 0, 0, BUF_SIZE, 1 };

	P.pcap = fopen(path, "w");
	if (!P.pcap) {
		perror(path);
		exit(1);
	}
	fwrite(&h, sizeof(h), 1, P.pcap);
}

static void pcap_write(const uint8_t *f, size_t len)
{
	struct timeval tv;
	uint32_t rec[4];

	if (!P.pcap)
		return;
	gettimeofday(&tv, NULL);
	rec[0] = tv.tv_sec;
	rec[1] = tv.tv_usec;
	rec[2] = len;
	rec[3] = len;
	fwrite(rec, sizeof(rec), 1, P.pcap);
	fwrite(f, len, 1, P.pcap);
}

/* -------------------------------------------------------------- sending */

/*
 * Send one frame to the guest with the tags of P.otags inserted; pads to
 * 60 bytes.  f must have room for 8 more bytes (and at least 68).
 * Returns 0 or -1.
 */
static void stream_close(const char *why);
static int stream_write(const uint8_t *f, size_t len);

/* One datagram to QEMU's dgram netdev; waits while the socket is full. */
static int udp_write(const uint8_t *f, size_t len)
{
	ssize_t n;

	for (;;) {
		n = sendto(P.udp, f, len, MSG_DONTWAIT,
			   (struct sockaddr *)&P.qaddr, sizeof(P.qaddr));
		if (n >= 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == ENOBUFS) {
			struct pollfd pfd = { .fd = P.udp, .events = POLLOUT };

			poll(&pfd, 1, 10);
			continue;
		}
		/* ECONNREFUSED etc.: QEMU not (yet) listening */
		return -1;
	}
}

static int send_frame(uint8_t *f, size_t len)
{
	int i;

	/* innermost first; the buffer has room for two tags */
	for (i = P.otags.n - 1; i >= 0; i--)
		len = e82574_vlan_push(f, len, P.otags.tpid[i], P.otags.tci[i]);
	if (len < MIN_FRAME) {
		memset(f + len, 0, MIN_FRAME - len);
		len = MIN_FRAME;
	}
	if (P.stream_path ? stream_write(f, len) : udp_write(f, len)) {
		P.tx_drops++;
		return -1;
	}
	P.tx_frames++;
	P.tx_bytes += len;
	pcap_write(f, len);
	return 0;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put_eth(uint8_t *f, const uint8_t *dst, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, e82574_peer_mac, 6);
	put16(f + 12, type);
}

/* IPv4 header at p, payload length plen; returns header length */
static size_t put_ip4(uint8_t *p, const uint8_t *src, const uint8_t *dst,
		      uint8_t proto, size_t plen)
{
	p[0] = 0x45;
	p[1] = 0;
	put16(p + 2, 20 + plen);
	put16(p + 4, P.ip_id++);
	put16(p + 6, 0);
	p[8] = 64;
	p[9] = proto;
	put16(p + 10, 0);
	memcpy(p + 12, src, 4);
	memcpy(p + 16, dst, 4);
	memcpy(p + 10, (uint16_t[]){ e82574_ip_csum(p, 20) }, 2);
	return 20;
}

static size_t put_ip6(uint8_t *p, const uint8_t *src, const uint8_t *dst,
		      uint8_t proto, size_t plen, uint8_t hlim)
{
	put32(p, 0x60000000);
	put16(p + 4, plen);
	p[6] = proto;
	p[7] = hlim;
	memcpy(p + 8, src, 16);
	memcpy(p + 24, dst, 16);
	return 40;
}

static void set_l4_csum(int family, const uint8_t *s, const uint8_t *d,
			uint8_t proto, uint8_t *l4, size_t l4len, size_t off)
{
	uint16_t c;

	l4[off] = l4[off + 1] = 0;
	c = e82574_l4_csum(family, s, d, proto, l4, l4len);
	memcpy(l4 + off, &c, 2);
}

/* Build and send test frame of flow index @fi. */
static int send_test_frame(uint32_t fi)
{
	static uint8_t f[BUF_SIZE];
	struct e82574_flow fl;
	uint8_t *ip = f + ETH_HLEN, *l4;
	size_t iphl, l4hl, l4len;
	uint32_t seq = P.fseq[fi];

	e82574_flow_gen(P.job.kinds[fi % P.job.nkinds], P.job.seed, fi, &fl);
	if (P.job.dport >= 0)
		fl.dport = P.job.dport;
	l4hl = fl.proto == PR_TCP ? 20 : 8;
	l4len = l4hl + P.job.len;
	iphl = fl.family == AF_INET ? 20 : 40;
	l4 = ip + iphl;
	put_eth(f, P.job.dmac, fl.family == AF_INET ? ET_IP : ET_IPV6);
	if (fl.family == AF_INET)
		put_ip4(ip, fl.saddr, fl.daddr, fl.proto, l4len);
	else
		put_ip6(ip, fl.saddr, fl.daddr, fl.proto, l4len, 64);
	put16(l4, fl.sport);
	put16(l4 + 2, fl.dport);
	if (fl.proto == PR_TCP) {
		put32(l4 + 4, P.ftcp[fi]);
		put32(l4 + 8, (P.job.flags & TCPF_ACK) ? 1 : 0);
		l4[12] = 5 << 4;
		l4[13] = P.job.flags;
		put16(l4 + 14, 65535);
		put16(l4 + 18, 0);
	} else {
		put16(l4 + 4, l4len);
	}
	e82574_fill_payload(l4 + l4hl, P.job.len, fi, P.cur_run, seq);
	set_l4_csum(fl.family, fl.saddr, fl.daddr, fl.proto, l4, l4len,
		    fl.proto == PR_TCP ? 16 : 6);
	if (P.job.badcsum)
		l4[fl.proto == PR_TCP ? 16 : 6] ^= 0x5a;
	P.otags = P.job.tags;
	if (send_frame(f, ETH_HLEN + iphl + l4len)) {
		P.otags.n = 0;
		return -1;
	}
	P.otags.n = 0;
	P.fseq[fi]++;
	P.ftcp[fi] += P.job.len;
	return 0;
}

static void send_ping(void)
{
	static uint8_t f[BUF_SIZE];
	uint8_t *ip = f + ETH_HLEN, *ic;
	size_t iphl, len = 8 + P.ping.len, i;
	uint16_t seq = P.ping_seq_base + P.ping.sent;

	put_eth(f, e82574_guest_mac, P.ping.v6 ? ET_IPV6 : ET_IP);
	if (P.ping.v6)
		iphl = put_ip6(ip, e82574_peer_ip6, e82574_guest_ip6,
			       PR_ICMP6, len, 64);
	else
		iphl = put_ip4(ip, e82574_peer_ip4, e82574_guest_ip4,
			       PR_ICMP, len);
	ic = ip + iphl;
	ic[0] = P.ping.v6 ? 128 : 8;
	ic[1] = 0;
	put16(ic + 4, PING_ID);
	put16(ic + 6, seq);
	for (i = 0; i < P.ping.len; i++)
		ic[8 + i] = (uint8_t)(i + seq);
	if (P.ping.v6) {
		set_l4_csum(AF_INET6, e82574_peer_ip6, e82574_guest_ip6,
			    PR_ICMP6, ic, len, 2);
	} else {
		uint16_t c;

		ic[2] = ic[3] = 0;
		c = e82574_ip_csum(ic, len);
		memcpy(ic + 2, &c, 2);
	}
	send_frame(f, ETH_HLEN + iphl + len);
	P.ping.sent++;
}

/* ------------------------------------------------------------ control */

static void ctl_write(const char *tag, const char *fmt, ...)
{
	char buf[2048];
	size_t n = 0, off = 0;
	va_list ap;

	if (tag && *tag)
		n = snprintf(buf, sizeof(buf), "@%s ", tag);
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n - 2, fmt, ap);
	va_end(ap);
	if (n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	logf_("reply: %.*s", (int)n, buf);
	buf[n++] = '\n';
	if (P.ctl < 0)
		return;
	while (off < n) {
		ssize_t w = send(P.ctl, buf + off, n - off, MSG_NOSIGNAL);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				struct pollfd pfd = { .fd = P.ctl,
						      .events = POLLOUT };

				poll(&pfd, 1, 100);
				continue;
			}
			logf_("ctl write: %s", strerror(errno));
			return;
		}
		off += w;
	}
}

/* find key=value in words; returns value or NULL */
static const char *kv(char **w, int nw, const char *key)
{
	size_t kl = strlen(key);
	int i;

	for (i = 1; i < nw; i++)
		if (!strncmp(w[i], key, kl) && w[i][kl] == '=')
			return w[i] + kl + 1;
	return NULL;
}

static int kv_u64(char **w, int nw, const char *key, uint64_t def,
		  uint64_t max, uint64_t *out, char *err, size_t errlen)
{
	const char *v = kv(w, nw, key);
	char *end;

	*out = def;
	if (!v)
		return 0;
	errno = 0;
	*out = strtoull(v, &end, 0);
	if (errno || end == v || *end || *out > max) {
		snprintf(err, errlen, "bad %s", key);
		return -1;
	}
	return 0;
}

static void reset_txstat(void)
{
	memset(&P.ts, 0, sizeof(P.ts));
	memset(P.conns, 0, sizeof(P.conns));
	for (int i = 0; i < REASM_SLOTS; i++)
		P.reasm[i].used = false;
	memset(P.gseq_have, 0, sizeof(P.gseq_have));
}

static void cmd_txstat(const char *tag)
{
	struct txstat *t = &P.ts;
	char vid[16];

	if (P.vid_expect == VID_ANY)
		strcpy(vid, "any");
	else if (P.vid_expect == VID_NONE)
		strcpy(vid, "none");
	else
		snprintf(vid, sizeof(vid), "%d", P.vid_expect);

	ctl_write(tag, "ok frames=%lu bytes=%lu max_frame=%lu arp=%lu "
		  "ipv4=%lu ipv6=%lu icmp=%lu tcp=%lu udp=%lu other=%lu "
		  "bad_ip_csum=%lu bad_l4_csum=%lu udp_zero_csum=%lu "
		  "tcp_payload=%lu max_tcp_payload=%lu over_mss=%lu "
		  "msgs=%lu msgs_ok=%lu segs=%lu seq_gaps=%lu pattern_err=%lu "
		  "psh_err=%lu ipid_err=%lu flow_seq_err=%lu last_segs=%lu "
		  "frags=%lu reasm=%lu reasm_err=%lu max_frag=%lu mss=%u "
		  "vlan=%lu qinq=%lu last_tci=0x%04x vid_err=%lu vid=%s",
		  t->frames, t->bytes, t->max_frame, t->arp, t->ipv4, t->ipv6,
		  t->icmp, t->tcp, t->udp, t->other, t->bad_ip_csum,
		  t->bad_l4_csum, t->udp_zero_csum, t->tcp_payload,
		  t->max_tcp_payload, t->over_mss, t->msgs, t->msgs_ok,
		  t->segs, t->seq_gaps, t->pattern_err, t->psh_err,
		  t->ipid_err, t->flow_seq_err, t->last_segs, t->frags,
		  t->reasm, t->reasm_err, t->max_frag, P.mss, t->vlan,
		  t->qinq, t->last_tci, t->vid_err, vid);
}

static int parse_flags(const char *s, uint8_t *fl)
{
	*fl = 0;
	for (; *s; s++) {
		switch (*s) {
		case 'R': *fl |= TCPF_RST; break;
		case 'A': *fl |= TCPF_ACK; break;
		case 'S': *fl |= TCPF_SYN; break;
		case 'P': *fl |= TCPF_PSH; break;
		case 'F': *fl |= TCPF_FIN; break;
		default: return -1;
		}
	}
	return 0;
}

/*
 * Parse proto=: one proto-set name, or a comma-separated list of single
 * kinds (tcp4 tcp6 udp4 udp6).  Fills kinds[] (flow i has kind
 * kinds[i % n]); returns n, or -1.
 */
static int parse_proto(const char *p, int kinds[16])
{
	char buf[256], *tok, *save = NULL;
	int n = 0, k;

	if (!p || strlen(p) >= sizeof(buf))
		return -1;
	if (!strchr(p, ',')) {
		k = e82574_ps_parse(p);
		if (k < 0)
			return -1;
		if (k != E82574_PS_MIX) {
			kinds[0] = k;
			return 1;
		}
		for (n = 0; n < 4; n++)
			kinds[n] = E82574_PS_TCP4 + n;
		return 4;
	}
	snprintf(buf, sizeof(buf), "%s", p);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		k = e82574_ps_parse(tok);
		if (k < 0 || k == E82574_PS_MIX || n == 16)
			return -1;
		kinds[n++] = k;
	}
	return n ? n : -1;
}

static int cmd_send(char **w, int nw, const char *tag)
{
	uint64_t flows, count, pps, len, seed, first, run, bg, bad, dport;
	uint64_t vtci, stci;
	struct tags tags = { 0 };
	char err[64] = "";
	const char *p = kv(w, nw, "proto");
	const char *tf = kv(w, nw, "tcpflags");
	const char *hv = kv(w, nw, "heavy");
	int kinds[16], nkinds, i;
	uint32_t maxlen, m, heavy = 0, weight = 1;
	uint8_t flags = TCPF_RST;
	char junk;

	if (P.job.active) {
		ctl_write(tag, "err busy");
		return -1;
	}
	nkinds = parse_proto(p, kinds);
	if (nkinds < 0) {
		ctl_write(tag, "err bad proto");
		return -1;
	}
	if (kv_u64(w, nw, "flows", 1, MAX_FLOWS, &flows, err, sizeof(err)) ||
	    kv_u64(w, nw, "count", 1, UINT32_MAX, &count, err, sizeof(err)) ||
	    kv_u64(w, nw, "pps", 2000, 10000000, &pps, err, sizeof(err)) ||
	    kv_u64(w, nw, "len", 64, 65535, &len, err, sizeof(err)) ||
	    kv_u64(w, nw, "seed", 1, UINT64_MAX, &seed, err, sizeof(err)) ||
	    kv_u64(w, nw, "first", 0, MAX_FLOWS - 1, &first, err,
		   sizeof(err)) ||
	    kv_u64(w, nw, "run", 0, 65535, &run, err, sizeof(err)) ||
	    kv_u64(w, nw, "bg", 0, 1, &bg, err, sizeof(err)) ||
	    kv_u64(w, nw, "badcsum", 0, 1, &bad, err, sizeof(err)) ||
	    kv_u64(w, nw, "dport", 0, 65535, &dport, err, sizeof(err)) ||
	    kv_u64(w, nw, "vlan", 0, 65535, &vtci, err, sizeof(err)) ||
	    kv_u64(w, nw, "stag", 0, 65535, &stci, err, sizeof(err))) {
		ctl_write(tag, "err %s", err);
		return -1;
	}
	if (kv(w, nw, "stag")) {
		tags.tpid[tags.n] = E82574_TPID_STAG;
		tags.tci[tags.n++] = stci;
	}
	if (kv(w, nw, "vlan")) {
		tags.tpid[tags.n] = E82574_TPID_CTAG;
		tags.tci[tags.n++] = vtci;
	}
	if (!kv(w, nw, "count")) {
		ctl_write(tag, "err count missing");
		return -1;
	}
	if (tf && parse_flags(tf, &flags)) {
		ctl_write(tag, "err bad tcpflags");
		return -1;
	}
	/* worst case header: eth + ipv6 + tcp */
	maxlen = E82574_MAX_FRAME - ETH_HLEN - 28;
	for (i = 0; i < nkinds; i++) {
		m = E82574_MAX_FRAME - ETH_HLEN;
		m -= (kinds[i] == E82574_PS_UDP4) ? 28 :
		     (kinds[i] == E82574_PS_TCP4) ? 40 : 60;
		if (m < maxlen)
			maxlen = m;
	}
	maxlen -= tags.n * E82574_VLAN_HLEN;
	if (len < E82574_PHDR_LEN || len > maxlen) {
		ctl_write(tag, "err len must be %u..%u", E82574_PHDR_LEN,
			  maxlen);
		return -1;
	}
	if (flows == 0 || first + flows > MAX_FLOWS) {
		ctl_write(tag, "err bad flows/first");
		return -1;
	}
	if (hv && (sscanf(hv, "%u:%u%c", &heavy, &weight, &junk) != 2 ||
		   heavy < 1 || heavy > flows || weight < 1 || weight > 64)) {
		ctl_write(tag, "err heavy must be H:W, 1 <= H <= flows, 1 <= W <= 64");
		return -1;
	}
	if (count == 0 && !bg) {
		ctl_write(tag, "err count=0 needs bg=1");
		return -1;
	}
	if ((int)run != P.cur_run) {
		P.cur_run = run;
		memset(P.fseq, 0, sizeof(P.fseq));
		memset(P.ftcp, 0, sizeof(P.ftcp));
	}
	memcpy(P.job.dmac, e82574_guest_mac, 6);
	if (kv(w, nw, "dmac") &&
	    sscanf(kv(w, nw, "dmac"), "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx",
		   &P.job.dmac[0], &P.job.dmac[1], &P.job.dmac[2],
		   &P.job.dmac[3], &P.job.dmac[4], &P.job.dmac[5]) != 6) {
		ctl_write(tag, "err dmac must be xx:xx:xx:xx:xx:xx");
		return -1;
	}
	P.job.active = true;
	P.job.bg = bg;
	memcpy(P.job.kinds, kinds, sizeof(kinds));
	P.job.nkinds = nkinds;
	P.job.dport = kv(w, nw, "dport") ? (int)dport : -1;
	P.job.flows = flows;
	P.job.first = first;
	P.job.count = count;
	P.job.sent = 0;
	P.job.pps = pps / P.pps_div ? pps / P.pps_div : 1;
	P.job.len = len;
	P.job.seed = seed;
	P.job.flags = flags;
	P.job.badcsum = bad;
	P.job.tags = tags;
	P.job.heavy = heavy;
	P.job.weight = weight;
	P.job.rr = 0;
	P.job.start_ns = now_ns();
	snprintf(P.job.tag, sizeof(P.job.tag), "%s", tag ? tag : "");
	if (bg)
		ctl_write(tag, "ok started");
	return bg ? 0 : 1;
}

static int cmd_ping(char **w, int nw, bool v6, const char *tag)
{
	uint64_t count, len, tmo, ival;
	char err[64] = "";
	uint32_t maxlen = E82574_MAX_FRAME - ETH_HLEN - (v6 ? 48 : 28);

	if (P.ping.active) {
		ctl_write(tag, "err busy");
		return -1;
	}
	if (kv_u64(w, nw, "count", 1, 65535, &count, err, sizeof(err)) ||
	    kv_u64(w, nw, "len", 56, maxlen, &len, err, sizeof(err)) ||
	    kv_u64(w, nw, "timeout_ms", 2000, 3600000, &tmo, err,
		   sizeof(err)) ||
	    kv_u64(w, nw, "interval_ms", 10, 60000, &ival, err,
		   sizeof(err))) {
		ctl_write(tag, "err %s", err);
		return -1;
	}
	if (!count) {
		ctl_write(tag, "err bad count");
		return -1;
	}
	memset(&P.ping, 0, sizeof(P.ping));
	P.ping.active = true;
	P.ping.v6 = v6;
	P.ping.count = count;
	P.ping.len = len;
	P.ping.timeout_ms = tmo;
	P.ping.interval_ms = ival;
	P.ping.next_ns = now_ns();
	P.ping_seq_base += 1000;	/* keep seqs of old replies apart */
	snprintf(P.ping.tag, sizeof(P.ping.tag), "%s", tag ? tag : "");
	return 1;
}

/*
 * Read from the monitor until its "(qemu) " prompt; false on timeout or
 * EOF.  With out != NULL, what was read (prompt included) is appended to
 * out[*olen..] as far as cap - 1 bytes go (the rest is dropped) and kept
 * NUL-terminated.
 */
static bool hmp_read(int fd, char *out, size_t cap, size_t *olen)
{
	static const char prompt[] = "(qemu) ";
	const size_t keep = sizeof(prompt) - 2;
	char buf[4096], tail[sizeof(buf) + sizeof(prompt)];
	size_t tl = 0;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (poll(&pfd, 1, 10000) == 1) {
		ssize_t n = read(fd, buf, sizeof(buf));
		size_t c;

		if (n <= 0)
			return false;
		if (out && *olen + 1 < cap) {
			c = cap - 1 - *olen;
			if (c > (size_t)n)
				c = n;
			memcpy(out + *olen, buf, c);
			*olen += c;
			out[*olen] = 0;
		}
		/* the prompt may straddle two reads: search tail + buf */
		memcpy(tail + tl, buf, n);
		tl += n;
		if (memmem(tail, tl, prompt, sizeof(prompt) - 1))
			return true;
		if (tl > keep) {
			memmove(tail, tail + tl - keep, keep);
			tl = keep;
		}
	}
	return false;
}

/*
 * One HMP command (e.g. "set_link n0 off"); 0 or -1 with err set.  With
 * out != NULL the monitor's raw answer (echo of the command, output,
 * prompt) is left in out (at most cap - 1 bytes, NUL-terminated).
 */
static int hmp_command(const char *cmd, char *out, size_t cap, char *err,
		       size_t errlen)
{
	struct sockaddr_un u = { .sun_family = AF_UNIX };
	size_t olen = 0;
	int fd, ret = -1;

	if (out && cap)
		out[0] = 0;
	if (!P.hmp_path) {
		snprintf(err, errlen, "no --hmp socket");
		return -1;
	}
	if (strlen(P.hmp_path) >= sizeof(u.sun_path)) {
		snprintf(err, errlen, "hmp path too long");
		return -1;
	}
	strcpy(u.sun_path, P.hmp_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&u, sizeof(u))) {
		snprintf(err, errlen, "hmp connect: %s", strerror(errno));
		goto out;
	}
	if (!hmp_read(fd, NULL, 0, NULL)) {
		snprintf(err, errlen, "no hmp prompt");
		goto out;
	}
	if (dprintf(fd, "%s\n", cmd) < 0 || !hmp_read(fd, out, cap, &olen)) {
		snprintf(err, errlen, "hmp command not answered");
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * Fold the monitor's raw answer s into one line in out (cap bytes, cut
 * short with "..." if longer): drop the echoed command (the first line),
 * the final prompt, carriage returns, control characters and terminal
 * escape sequences (ESC [ ... letter); join the non-empty lines with
 * " | ".  s is modified.
 */
static void hmp_fold(char *s, char *out, size_t cap)
{
	char *r, *pr, *next, *nl = strchr(s, '\n');
	size_t w = 0;
	bool text = false, pending = false;

	for (pr = strstr(s, "(qemu) "); pr; pr = next) {
		next = strstr(pr + 1, "(qemu) ");
		if (!next) {
			*pr = 0;	/* the last prompt ends the output */
			break;
		}
	}
	out[0] = 0;
	for (r = nl ? nl + 1 : s + strlen(s); *r; r++) {
		if (*r == '\033' && r[1] == '[') {
			for (r += 2; *r && !((*r >= 'A' && *r <= 'Z') ||
					      (*r >= 'a' && *r <= 'z')); r++)
				;
			if (!*r)
				break;
			continue;
		}
		if (*r == '\n') {
			pending = text;
			continue;
		}
		if ((unsigned char)*r < 0x20 && *r != '\t')
			continue;
		if (w + 3 + 4 >= cap) {
			strcpy(out + (w < cap - 4 ? w : cap - 4), "...");
			return;
		}
		if (pending) {
			memcpy(out + w, " | ", 3);
			w += 3;
			pending = false;
		}
		out[w++] = *r;
		out[w] = 0;
		text = true;
	}
}

/* Pointer to what follows the first n words of s (and their blanks). */
static const char *after_words(const char *s, int n)
{
	while (*s == ' ' || *s == '\t')
		s++;
	while (n-- > 0) {
		while (*s && *s != ' ' && *s != '\t')
			s++;
		while (*s == ' ' || *s == '\t')
			s++;
	}
	return s;
}

static void cmd_hmp(const char *cmd, const char *tag)
{
	static char raw[65536];
	char line[1900], err[96];

	if (!*cmd) {
		ctl_write(tag, "err usage: hmp COMMAND...");
		return;
	}
	if (hmp_command(cmd, raw, sizeof(raw), err, sizeof(err))) {
		ctl_write(tag, "err %s", err);
		return;
	}
	hmp_fold(raw, line, sizeof(line));
	logf_("hmp '%s': %s", cmd, line);
	if (!strncmp(line, "unknown command:", 16) ||
	    !strncmp(line, "Error:", 6))
		ctl_write(tag, "err %s", line);
	else
		ctl_write(tag, "ok%s%s", *line ? " " : "", line);
}

/* Run the "hmp-at" command when it is due; returns ns until then. */
static uint64_t run_hmp_at(uint64_t now)
{
	static char raw[65536];
	char line[512], err[96];

	if (!P.hmp_at.active)
		return UINT64_MAX;
	if (now < P.hmp_at.due_ns)
		return P.hmp_at.due_ns - now;
	if (!strcmp(P.hmp_at.cmd, "system_wakeup")) {
		if (!P.hmp_at.give_up_ns)
			P.hmp_at.give_up_ns = now + 120000000000ull;
		if (hmp_command("info status", raw, sizeof(raw), err,
				sizeof(err)) == 0 && !strstr(raw, "suspended") &&
		    now < P.hmp_at.give_up_ns) {
			P.hmp_at.due_ns = now + 200000000ull;
			return P.hmp_at.due_ns - now;
		}
	}
	P.hmp_at.active = false;
	P.hmp_at.give_up_ns = 0;
	if (hmp_command(P.hmp_at.cmd, raw, sizeof(raw), err, sizeof(err))) {
		logf_("hmp-at '%s': %s", P.hmp_at.cmd, err);
		return UINT64_MAX;
	}
	hmp_fold(raw, line, sizeof(line));
	logf_("hmp-at '%s': ok %s", P.hmp_at.cmd, line);
	return UINT64_MAX;
}

static int trace_size(uint64_t *size, char *err, size_t errlen)
{
	struct stat st;

	if (!P.trace_path) {
		snprintf(err, errlen, "no --trace file");
		return -1;
	}
	if (stat(P.trace_path, &st)) {
		if (errno != ENOENT) {
			snprintf(err, errlen, "%s: %s", P.trace_path,
				 strerror(errno));
			return -1;
		}
		st.st_size = 0;	/* QEMU has not written to it yet */
	}
	*size = st.st_size;
	return 0;
}

/*
 * trace-count / trace-grep: scan the complete lines of the trace file
 * from byte offset pos on for the extended regex re.  Reply: count of
 * matching lines and the offset after the last complete line; with grep,
 * also up to max matches (the text of the regex's first group, or the
 * whole line if it has none) joined by ';', as long as they fit.
 */
static void cmd_trace_scan(const char *tag, uint64_t pos, const char *re,
			   bool grep, uint64_t max)
{
	char vals[1700], err[160];
	uint64_t size, count = 0, shown = 0, end = pos;
	size_t vlen = 0, cap = 0;
	bool more = false;
	char *buf = NULL;
	regmatch_t m[2];
	ssize_t n;
	regex_t rx;
	FILE *f;
	int rc;

	vals[0] = 0;
	if (trace_size(&size, err, sizeof(err))) {
		ctl_write(tag, "err %s", err);
		return;
	}
	if (pos > size) {
		ctl_write(tag, "err pos %lu beyond the end (%lu)", pos, size);
		return;
	}
	if (!*re) {
		ctl_write(tag, "err regex missing");
		return;
	}
	rc = regcomp(&rx, re, REG_EXTENDED | (grep ? 0 : REG_NOSUB));
	if (rc) {
		regerror(rc, &rx, err, sizeof(err));
		ctl_write(tag, "err bad regex: %s", err);
		return;
	}
	f = size ? fopen(P.trace_path, "r") : NULL;
	if (size && (!f || fseeko(f, pos, SEEK_SET))) {
		ctl_write(tag, "err %s: %s", P.trace_path, strerror(errno));
		regfree(&rx);
		if (f)
			fclose(f);
		return;
	}
	while (f && (n = getline(&buf, &cap, f)) > 0) {
		const char *v;
		size_t vl;

		if (buf[n - 1] != '\n')
			break;	/* QEMU is still writing it */
		end += n;
		buf[--n] = 0;
		if (regexec(&rx, buf, grep ? 2 : 0, grep ? m : NULL, 0))
			continue;
		count++;
		if (!grep || more)
			continue;
		v = buf;
		vl = n;
		if (rx.re_nsub && m[1].rm_so >= 0) {
			v = buf + m[1].rm_so;
			vl = m[1].rm_eo - m[1].rm_so;
		}
		if (shown >= max || vlen + vl + 2 > sizeof(vals)) {
			more = true;
			continue;
		}
		vlen += snprintf(vals + vlen, sizeof(vals) - vlen, "%s%.*s",
				 shown ? ";" : "", (int)vl, v);
		shown++;
	}
	free(buf);
	if (f)
		fclose(f);
	regfree(&rx);
	if (grep)
		ctl_write(tag, "ok count=%lu shown=%lu more=%d pos=%lu "
			  "matches=%s", count, shown, more, end, vals);
	else
		ctl_write(tag, "ok count=%lu pos=%lu", count, end);
}

/* "trace-count POS REGEX" / "trace-grep POS [max=N] REGEX" */
static void cmd_trace(char **w, int nw, const char *raw, const char *tag)
{
	bool grep = !strcmp(w[0], "trace-grep");
	uint64_t pos, max = 1000;
	char *end;
	int skip = 2;

	if (nw < 3) {
		ctl_write(tag, "err usage: %s POS %sREGEX", w[0],
			  grep ? "[max=N] " : "");
		return;
	}
	errno = 0;
	pos = strtoull(w[1], &end, 0);
	if (errno || end == w[1] || *end) {
		ctl_write(tag, "err bad POS");
		return;
	}
	if (grep && !strncmp(w[2], "max=", 4)) {
		max = strtoull(w[2] + 4, &end, 0);
		if (end == w[2] + 4 || *end) {
			ctl_write(tag, "err bad max");
			return;
		}
		skip = 3;
	}
	cmd_trace_scan(tag, pos, after_words(raw, skip), grep, max);
}

/*
 * Execute one command line.  Returns 1 if a foreground job was started
 * (reply deferred), 0 otherwise.
 */
static int do_command(char *line)
{
	char *w[64], *tag = NULL, *s;
	char raw[sizeof(P.ibuf)];	/* the line before strtok() cuts it */
	int nw = 0;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == '@') {
		tag = line + 1;
		s = strchr(line, ' ');
		if (!s)
			return 0;
		*s = 0;
		line = s + 1;
	}
	logf_("cmd: %s%s%s%s", tag ? "@" : "", tag ? tag : "",
	      tag ? " " : "", line);
	snprintf(raw, sizeof(raw), "%s", line);
	for (s = strtok(line, " \t"); s && nw < 64; s = strtok(NULL, " \t"))
		w[nw++] = s;
	if (!nw) {
		ctl_write(tag, "err empty");
		return 0;
	}
	if (!strcmp(w[0], "hello")) {
		ctl_write(tag, "ok e82574-peer %s", E82574_VERSION);
	} else if (!strcmp(w[0], "send")) {
		return cmd_send(w, nw, tag) == 1;
	} else if (!strcmp(w[0], "stop")) {
		uint32_t sent = P.job.bg ? P.job.sent : 0;

		P.job.active = false;
		P.job.bg = false;
		ctl_write(tag, "ok sent=%u", sent);
	} else if (!strcmp(w[0], "ping4") || !strcmp(w[0], "ping6")) {
		return cmd_ping(w, nw, w[0][4] == '6', tag) == 1;
	} else if (!strcmp(w[0], "txstat")) {
		uint64_t mss;
		char err[32];
		int i;

		for (i = 1; i < nw; i++)
			if (!strcmp(w[i], "reset"))
				reset_txstat();
		if (kv_u64(w, nw, "mss", P.mss, 65535, &mss, err,
			   sizeof(err))) {
			ctl_write(tag, "err %s", err);
			return 0;
		}
		P.mss = mss;
		if (kv(w, nw, "vid")) {
			const char *v = kv(w, nw, "vid");
			uint64_t vid;

			if (!strcmp(v, "any")) {
				P.vid_expect = VID_ANY;
			} else if (!strcmp(v, "none")) {
				P.vid_expect = VID_NONE;
			} else if (kv_u64(w, nw, "vid", 0, E82574_VID_MASK,
					  &vid, err, sizeof(err))) {
				ctl_write(tag, "err vid must be any, none or "
					  "0..4095");
				return 0;
			} else {
				P.vid_expect = vid;
			}
		}
		cmd_txstat(tag);
	} else if (!strcmp(w[0], "stats")) {
		ctl_write(tag, "ok tx_frames=%lu tx_bytes=%lu tx_drops=%lu "
			  "rx_frames=%lu rx_bytes=%lu", P.tx_frames,
			  P.tx_bytes, P.tx_drops, P.rx_frames, P.rx_bytes);
	} else if (!strcmp(w[0], "link")) {
		char cmd[64], err[96];

		if (nw != 2 || (strcmp(w[1], "on") && strcmp(w[1], "off"))) {
			ctl_write(tag, "err usage: link on|off");
			return 0;
		}
		snprintf(cmd, sizeof(cmd), "set_link n0 %s", w[1]);
		if (hmp_command(cmd, NULL, 0, err, sizeof(err)))
			ctl_write(tag, "err %s", err);
		else
			ctl_write(tag, "ok link=%s", w[1]);
	} else if (!strcmp(w[0], "hmp")) {
		cmd_hmp(after_words(raw, 1), tag);
	} else if (!strcmp(w[0], "hmp-at")) {
		uint64_t ms;
		char *end;
		const char *cmd = after_words(raw, 2);

		errno = 0;
		ms = nw >= 3 ? strtoull(w[1], &end, 0) : 0;
		if (nw < 3 || errno || end == w[1] || *end || ms > 3600000) {
			ctl_write(tag, "err usage: hmp-at DELAY_MS COMMAND...");
			return 0;
		}
		if (strlen(cmd) >= sizeof(P.hmp_at.cmd)) {
			ctl_write(tag, "err command too long");
			return 0;
		}
		if (!P.hmp_path) {
			ctl_write(tag, "err no --hmp socket");
			return 0;
		}
		if (P.hmp_at.active)
			logf_("hmp-at: '%s' replaced before it ran",
			      P.hmp_at.cmd);
		strcpy(P.hmp_at.cmd, cmd);
		P.hmp_at.due_ns = now_ns() + ms * 1000000ull;
		P.hmp_at.give_up_ns = 0;
		P.hmp_at.active = true;
		ctl_write(tag, "ok due_ms=%lu", ms);
	} else if (!strcmp(w[0], "trace-pos")) {
		uint64_t size;
		char err[160];

		if (trace_size(&size, err, sizeof(err)))
			ctl_write(tag, "err %s", err);
		else
			ctl_write(tag, "ok pos=%lu", size);
	} else if (!strcmp(w[0], "trace-count") ||
		   !strcmp(w[0], "trace-grep")) {
		cmd_trace(w, nw, raw, tag);
	} else if (!strcmp(w[0], "quit")) {
		ctl_write(tag, "ok bye");
		P.quit = true;
		P.quit_ns = now_ns() + 1000000000ull;
		P.job.active = false;
		P.ping.active = false;
	} else {
		ctl_write(tag, "err unknown command %s", w[0]);
	}
	return 0;
}

static bool fg_busy(void)
{
	return (P.job.active && !P.job.bg) || P.ping.active;
}

/* Process complete lines in the input buffer while no fg job runs. */
static void process_lines(void)
{
	while (!fg_busy() && !P.quit) {
		char *nl = memchr(P.ibuf, '\n', P.ilen);
		char line[sizeof(P.ibuf)];
		size_t n, i;
		bool ok = true;

		if (!nl) {
			if (P.ilen == sizeof(P.ibuf))
				P.ilen = 0;	/* overlong garbage */
			return;
		}
		n = nl - P.ibuf;
		memcpy(line, P.ibuf, n);
		line[n] = 0;
		memmove(P.ibuf, nl + 1, P.ilen - n - 1);
		P.ilen -= n + 1;
		if (n && line[n - 1] == '\r')
			line[--n] = 0;
		for (i = 0; i < n; i++)
			if ((unsigned char)line[i] < 0x20 && line[i] != '\t')
				ok = false;
			else if ((unsigned char)line[i] >= 0x7f)
				ok = false;
		if (!ok) {
			logf_("ignoring garbage line (%zu bytes)", n);
			continue;
		}
		for (i = 0; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
			;
		if (i == n)
			continue;
		do_command(line);
	}
}

static void ctl_close(void)
{
	if (P.ctl >= 0) {
		logf_("ctl connection closed");
		close(P.ctl);
	}
	P.ctl = -1;
	P.ilen = 0;
	P.job.active = false;
	P.ping.active = false;
}

/* ------------------------------------------------------------ receiving */

static void reply_arp(const uint8_t *f, size_t len)
{
	uint8_t r[MIN_FRAME + 8];
	const uint8_t *a = f + ETH_HLEN;

	if (len < ETH_HLEN + 28 || get16(a) != 1 || get16(a + 2) != ET_IP ||
	    a[4] != 6 || a[5] != 4 || get16(a + 6) != 1 ||
	    memcmp(a + 24, e82574_peer_ip4, 4))
		return;
	put_eth(r, a + 8, ET_ARP);
	memcpy(r + ETH_HLEN, a, 6);
	put16(r + ETH_HLEN + 6, 2);
	memcpy(r + ETH_HLEN + 8, e82574_peer_mac, 6);
	memcpy(r + ETH_HLEN + 14, e82574_peer_ip4, 4);
	memcpy(r + ETH_HLEN + 18, a + 8, 10);	/* sender hw + ip */
	send_frame(r, ETH_HLEN + 28);
}

static bool l4_csum_ok(int family, const uint8_t *s, const uint8_t *d,
		       uint8_t proto, const uint8_t *l4, size_t len)
{
	uint32_t sum = e82574_pseudo_sum(family, s, d, proto, len);

	return e82574_csum_fold(e82574_csum_add(sum, l4, len)) == 0xffff;
}

static struct conn *conn_get(int family, const uint8_t *s, const uint8_t *d,
			     uint16_t sp, uint16_t dp)
{
	size_t al = family == AF_INET ? 4 : 16;
	uint32_t h = family * 31 + sp * 131 + dp, i;
	struct conn *c;

	for (i = 0; i < al; i++)
		h = h * 33 + s[i] * 7 + d[i];
	for (i = 0; i < CONN_SLOTS; i++) {
		c = &P.conns[(h + i) % CONN_SLOTS];
		if (!c->used) {
			memset(c, 0, sizeof(*c));
			c->used = true;
			c->family = family;
			memcpy(c->saddr, s, al);
			memcpy(c->daddr, d, al);
			c->sport = sp;
			c->dport = dp;
			return c;
		}
		if (c->family == family && c->sport == sp && c->dport == dp &&
		    !memcmp(c->saddr, s, al) && !memcmp(c->daddr, d, al))
			return c;
	}
	return NULL;	/* table full */
}

static void flow_seq_check(uint32_t flow, uint32_t run, uint32_t seq)
{
	flow &= MAX_FLOWS - 1;
	if (P.gseq_have[flow] && P.gseq_run[flow] == run &&
	    P.gseq_next[flow] != seq)
		P.ts.flow_seq_err++;
	P.gseq_have[flow] = 1;
	P.gseq_run[flow] = run;
	P.gseq_next[flow] = seq + 1;
}

/* A test segment/datagram arrived: are its tags what txstat vid= says? */
static void vid_check(void)
{
	const struct tags *t = &P.cur_tags;

	if (P.vid_expect == VID_ANY)
		return;
	if (P.vid_expect == VID_NONE ? t->n != 0 :
	    t->n != 1 || t->tpid[0] != E82574_TPID_CTAG ||
	    (t->tci[0] & E82574_VID_MASK) != P.vid_expect)
		P.ts.vid_err++;
}

static void account_tcp(int family, const uint8_t *ip, const uint8_t *l4,
			size_t l4len, int have_id, uint16_t ipid)
{
	const uint8_t *s = ip + (family == AF_INET ? 12 : 8);
	const uint8_t *d = ip + (family == AF_INET ? 16 : 24);
	size_t thl = (l4[12] >> 4) * 4, plen;
	uint32_t seq = get32(l4 + 4), off;
	uint8_t flags = l4[13];
	const uint8_t *pl;
	struct e82574_phdr h;
	struct conn *c;
	bool last;

	if (thl < 20 || thl > l4len) {
		P.ts.other++;
		return;
	}
	pl = l4 + thl;
	plen = l4len - thl;
	P.ts.tcp_payload += plen;
	if (!P.cur_nfrags && plen > P.ts.max_tcp_payload)
		P.ts.max_tcp_payload = plen;
	if (!P.cur_nfrags && P.mss && plen > P.mss)
		P.ts.over_mss++;
	if (!plen)
		return;
	c = conn_get(family, s, d, get16(l4), get16(l4 + 2));
	if (!c)
		return;
	if (c->msg && seq - c->base < c->len) {
		/* continuation of the message in progress */
	} else if (!e82574_parse_phdr(pl, plen, &h)) {
		if (c->msg) {
			/* previous message never completed */
			P.ts.seq_gaps++;
		}
		c->msg = true;
		c->msg_bad = false;
		c->base = seq;
		c->len = h.len;
		c->got = 0;
		c->flow = h.flow;
		c->seq = h.seq;
		c->run = h.run;
		c->segs = 0;
		c->have_ipid = false;
		P.ts.msgs++;
		if (h.len < E82574_PHDR_LEN) {
			P.ts.pattern_err++;
			c->msg = false;
			return;
		}
	} else {
		return;	/* not test traffic */
	}
	if (c->have_next && c->next_seq != seq) {
		P.ts.seq_gaps++;
		c->msg_bad = true;
	}
	c->have_next = true;
	c->next_seq = seq + plen;
	off = seq - c->base;
	P.ts.segs += P.cur_nfrags ? P.cur_nfrags : 1;
	vid_check();
	c->segs += P.cur_nfrags ? P.cur_nfrags : 1;
	if (off + plen > c->len ||
	    e82574_check_pattern(pl, off, plen, c->flow, c->seq)) {
		P.ts.pattern_err++;
		c->msg_bad = true;
	}
	last = off + plen >= c->len;
	if (!last && (flags & (TCPF_PSH | TCPF_FIN))) {
		P.ts.psh_err++;
		c->msg_bad = true;
	}
	if (have_id && !P.cur_nfrags) {
		if (c->have_ipid && (uint16_t)(c->last_ipid + 1) != ipid) {
			P.ts.ipid_err++;
			c->msg_bad = true;
		}
		c->have_ipid = true;
		c->last_ipid = ipid;
	}
	c->got += plen;
	if (last) {
		if (!c->msg_bad && c->got == c->len)
			P.ts.msgs_ok++;
		P.ts.last_segs = c->segs;
		flow_seq_check(c->flow, c->run, c->seq);
		c->msg = false;
	}
}

static void account_udp(const uint8_t *l4, size_t l4len)
{
	struct e82574_phdr h;
	size_t plen;

	if (l4len < 8)
		return;
	plen = l4len - 8;
	if (e82574_parse_phdr(l4 + 8, plen, &h))
		return;
	P.ts.msgs++;
	vid_check();
	if (h.len != plen ||
	    e82574_check_pattern(l4 + 8, 0, plen, h.flow, h.seq)) {
		P.ts.pattern_err++;
	} else {
		P.ts.msgs_ok++;
	}
	flow_seq_check(h.flow, h.run, h.seq);
}

static void handle_ping_reply(const uint8_t *ic, size_t len, bool v6)
{
	uint16_t idx;

	if (!P.ping.active || P.ping.v6 != v6 || len < 8 ||
	    get16(ic + 4) != PING_ID)
		return;
	idx = get16(ic + 6) - P.ping_seq_base;
	if (idx >= P.ping.sent || len != 8 + P.ping.len)
		return;
	if (P.ping.seen[idx / 8] & (1 << (idx % 8)))
		return;
	P.ping.seen[idx / 8] |= 1 << (idx % 8);
	P.ping.recv++;
}


static void handle_ip4(uint8_t *f, size_t flen);
static void handle_ip6(uint8_t *f, size_t flen);

static struct reasm *reasm_find(int family, const uint8_t *s,
				const uint8_t *d, uint16_t id, uint8_t proto,
				bool create)
{
	size_t al = family == AF_INET ? 4 : 16;
	struct reasm *r, *old = &P.reasm[0];
	int i;

	for (i = 0; i < REASM_SLOTS; i++) {
		r = &P.reasm[i];
		if (r->used && r->family == family && r->id == id &&
		    r->proto == proto && !memcmp(r->saddr, s, al) &&
		    !memcmp(r->daddr, d, al))
			return r;
		if (!r->used || (old->used && r->stamp < old->stamp))
			old = r;
	}
	if (!create)
		return NULL;
	if (old->used)
		P.ts.reasm_err++;	/* evicting an incomplete one */
	memset(old, 0, offsetof(struct reasm, frame));
	old->used = true;
	old->family = family;
	memcpy(old->saddr, s, al);
	memcpy(old->daddr, d, al);
	old->id = id;
	old->proto = proto;
	old->stamp = ++P.reasm_stamp;
	return old;
}

static void reasm_done(struct reasm *r)
{
	P.ts.reasm++;
	P.cur_nfrags = r->nfrags;
	if (r->family == AF_INET)
		handle_ip4(r->frame, r->hlen + r->got);
	else
		handle_ip6(r->frame, r->hlen + r->got);
	P.cur_nfrags = 0;
	r->used = false;
}

/* An IPv4 fragment (header already validated). */
static void reasm_ip4(const uint8_t *f, const uint8_t *ip, size_t ihl,
		      size_t tot)
{
	uint16_t fo = get16(ip + 6);
	uint32_t off = (fo & 0x1fff) * 8, len = tot - ihl;
	struct reasm *r;
	uint16_t c;

	P.ts.frags++;
	if (len > P.ts.max_frag)
		P.ts.max_frag = len;
	r = reasm_find(AF_INET, ip + 12, ip + 16, get16(ip + 4), ip[9],
		       off == 0);
	if (!r || off != r->got || ihl + off + len > 65535) {
		P.ts.reasm_err++;
		if (r)
			r->used = false;
		return;
	}
	if (off == 0) {
		memcpy(r->frame, f, ETH_HLEN + ihl);
		r->hlen = ETH_HLEN + ihl;
	}
	memcpy(r->frame + r->hlen + off, ip + ihl, len);
	r->got += len;
	r->nfrags++;
	if (fo & 0x2000)
		return;		/* more fragments */
	/* rebuild a whole datagram */
	put16(r->frame + ETH_HLEN + 2, ihl + r->got);
	put16(r->frame + ETH_HLEN + 6, 0);
	put16(r->frame + ETH_HLEN + 10, 0);
	c = e82574_ip_csum(r->frame + ETH_HLEN, ihl);
	memcpy(r->frame + ETH_HLEN + 10, &c, 2);
	reasm_done(r);
}

/* An IPv6 frame with payload length 0 (QEMU 7.2 TSO "fragment"). */
static void reasm_ip6(const uint8_t *f, const uint8_t *ip, size_t flen)
{
	const uint8_t *data = ip + 40;
	uint32_t len = flen - ETH_HLEN - 40;
	struct e82574_phdr h;
	struct reasm *r;

	P.ts.frags++;
	if (len > P.ts.max_frag)
		P.ts.max_frag = len;
	r = reasm_find(AF_INET6, ip + 8, ip + 24, 0, ip[6], false);
	if (!r) {
		uint32_t total = 0;

		if (ip[6] == PR_TCP && len >= 20) {
			size_t thl = (data[12] >> 4) * 4;

			if (thl >= 20 && thl <= len &&
			    !e82574_parse_phdr(data + thl, len - thl, &h))
				total = thl + h.len;
		} else if (ip[6] == PR_UDP && len >= 8) {
			total = get16(data + 4);
		}
		if (total < len || total > 65535) {
			P.ts.reasm_err++;
			return;
		}
		r = reasm_find(AF_INET6, ip + 8, ip + 24, 0, ip[6], true);
		r->total = total;
		memcpy(r->frame, f, ETH_HLEN + 40);
		r->hlen = ETH_HLEN + 40;
	}
	if (len > r->total - r->got)
		len = r->total - r->got;	/* Ethernet padding */
	memcpy(r->frame + r->hlen + r->got, data, len);
	r->got += len;
	r->nfrags++;
	if (r->got < r->total)
		return;
	put16(r->frame + ETH_HLEN + 4, r->got);
	reasm_done(r);
}

static void handle_ip4(uint8_t *f, size_t flen)
{
	uint8_t *ip = f + ETH_HLEN, *l4;
	size_t ihl, tot, l4len;
	uint8_t proto;
	bool frag;

	if (!P.cur_nfrags)
		P.ts.ipv4++;
	if (flen < ETH_HLEN + 20 || (ip[0] >> 4) != 4) {
		P.ts.other++;
		return;
	}
	ihl = (ip[0] & 15) * 4;
	tot = get16(ip + 2);
	if (ihl < 20 || tot < ihl || ETH_HLEN + tot > flen) {
		P.ts.other++;
		return;
	}
	if (e82574_csum_fold(e82574_csum_add(0, ip, ihl)) != 0xffff)
		P.ts.bad_ip_csum++;
	proto = ip[9];
	l4 = ip + ihl;
	l4len = tot - ihl;
	frag = (get16(ip + 6) & 0x3fff) != 0;
	if (frag) {
		reasm_ip4(f, ip, ihl, tot);
		return;
	}
	if (proto == PR_ICMP) {
		P.ts.icmp++;
		if (l4len < 8)
			return;
		if (e82574_csum_fold(e82574_csum_add(0, l4, l4len)) !=
		    0xffff) {
			P.ts.bad_l4_csum++;
			return;
		}
		if (l4[0] == 0) {
			handle_ping_reply(l4, l4len, false);
		} else if (l4[0] == 8 && !memcmp(ip + 16, e82574_peer_ip4, 4)) {
			static uint8_t r[BUF_SIZE];
			uint8_t *rip = r + ETH_HLEN, *ric;
			uint16_t c;

			put_eth(r, f + 6, ET_IP);
			put_ip4(rip, e82574_peer_ip4, ip + 12, PR_ICMP, l4len);
			ric = rip + 20;
			memcpy(ric, l4, l4len);
			ric[0] = 0;
			ric[2] = ric[3] = 0;
			c = e82574_ip_csum(ric, l4len);
			memcpy(ric + 2, &c, 2);
			send_frame(r, ETH_HLEN + 20 + l4len);
		}
		return;
	}
	if (proto == PR_TCP || proto == PR_UDP) {
		if (proto == PR_TCP)
			P.ts.tcp++;
		else
			P.ts.udp++;
		if (l4len < (proto == PR_TCP ? 20u : 8u)) {
			P.ts.other++;
			return;
		}
		if (proto == PR_UDP && get16(l4 + 6) == 0)
			P.ts.udp_zero_csum++;
		else if (!l4_csum_ok(AF_INET, ip + 12, ip + 16, proto, l4,
				     l4len))
			P.ts.bad_l4_csum++;
		if (proto == PR_TCP)
			account_tcp(AF_INET, ip, l4, l4len, 1, get16(ip + 4));
		else
			account_udp(l4, l4len);
		return;
	}
	P.ts.other++;
}

static void send_na(const uint8_t *f, const uint8_t *ip)
{
	uint8_t r[ETH_HLEN + 40 + 32 + 8];
	uint8_t *rip = r + ETH_HLEN, *ic = rip + 40;
	static const uint8_t unspec[16];
	static const uint8_t allnodes[16] = { 0xff, 0x02, [15] = 1 };
	bool dad = !memcmp(ip + 8, unspec, 16);
	const uint8_t *dst = dad ? allnodes : ip + 8;
	uint8_t dmac[6] = { 0x33, 0x33, 0, 0, 0, 1 };

	put_eth(r, dad ? dmac : f + 6, ET_IPV6);
	put_ip6(rip, e82574_peer_ip6, dst, PR_ICMP6, 32, 255);
	memset(ic, 0, 32);
	ic[0] = 136;
	ic[4] = dad ? 0x20 : 0x60;	/* (S)olicited, (O)verride */
	memcpy(ic + 8, e82574_peer_ip6, 16);
	ic[24] = 2;			/* target link-layer address */
	ic[25] = 1;
	memcpy(ic + 26, e82574_peer_mac, 6);
	set_l4_csum(AF_INET6, e82574_peer_ip6, dst, PR_ICMP6, ic, 32, 2);
	send_frame(r, ETH_HLEN + 40 + 32);
}

static void handle_ip6(uint8_t *f, size_t flen)
{
	uint8_t *ip = f + ETH_HLEN, *l4;
	size_t l4len;
	uint8_t nh;

	if (!P.cur_nfrags)
		P.ts.ipv6++;
	if (flen < ETH_HLEN + 40 || (ip[0] >> 4) != 6) {
		P.ts.other++;
		return;
	}
	l4len = get16(ip + 4);
	nh = ip[6];
	l4 = ip + 40;
	if (l4len == 0 && flen > ETH_HLEN + 40 &&
	    (nh == PR_TCP || nh == PR_UDP)) {
		reasm_ip6(f, ip, flen);
		return;
	}
	if (ETH_HLEN + 40 + l4len > flen) {
		P.ts.other++;
		return;
	}
	if (nh == 0 && l4len >= 8) {
		/* hop-by-hop (MLD): skip it */
		size_t hl = (l4[1] + 1) * 8;

		if (hl > l4len) {
			P.ts.other++;
			return;
		}
		nh = l4[0];
		l4 += hl;
		l4len -= hl;
	}
	if (nh == PR_ICMP6) {
		P.ts.icmp++;
		if (l4len < 8)
			return;
		if (!l4_csum_ok(AF_INET6, ip + 8, ip + 24, PR_ICMP6, l4,
				l4len)) {
			P.ts.bad_l4_csum++;
			return;
		}
		if (l4[0] == 135 && l4len >= 24 &&
		    !memcmp(l4 + 8, e82574_peer_ip6, 16)) {
			send_na(f, ip);
		} else if (l4[0] == 129) {
			handle_ping_reply(l4, l4len, true);
		} else if (l4[0] == 128 &&
			   !memcmp(ip + 24, e82574_peer_ip6, 16)) {
			static uint8_t r[BUF_SIZE];
			uint8_t *rip = r + ETH_HLEN, *ric = rip + 40;

			put_eth(r, f + 6, ET_IPV6);
			put_ip6(rip, e82574_peer_ip6, ip + 8, PR_ICMP6, l4len,
				64);
			memcpy(ric, l4, l4len);
			ric[0] = 129;
			set_l4_csum(AF_INET6, e82574_peer_ip6, ip + 8,
				    PR_ICMP6, ric, l4len, 2);
			send_frame(r, ETH_HLEN + 40 + l4len);
		}
		return;
	}
	if (nh == PR_TCP || nh == PR_UDP) {
		if (nh == PR_TCP)
			P.ts.tcp++;
		else
			P.ts.udp++;
		if (l4len < (nh == PR_TCP ? 20u : 8u)) {
			P.ts.other++;
			return;
		}
		if (!l4_csum_ok(AF_INET6, ip + 8, ip + 24, nh, l4, l4len))
			P.ts.bad_l4_csum++;
		if (nh == PR_TCP)
			account_tcp(AF_INET6, ip, l4, l4len, 0, 0);
		else
			account_udp(l4, l4len);
		return;
	}
	P.ts.other++;
}

static void handle_untagged(uint8_t *f, size_t len);

static void handle_frame(uint8_t *f, size_t len)
{
	P.rx_frames++;
	P.rx_bytes += len;
	pcap_write(f, len);
	P.ts.frames++;
	P.ts.bytes += len;
	if (len > P.ts.max_frame)
		P.ts.max_frame = len;
	if (len < ETH_HLEN) {
		P.ts.other++;
		return;
	}
	/* classify what is inside the tags; replies carry the same tags */
	P.cur_tags.n = 0;
	while (P.cur_tags.n < 2) {
		uint16_t tpid, tci;

		len = e82574_vlan_pop(f, len, &tpid, &tci);
		if (!tpid)
			break;
		P.cur_tags.tpid[P.cur_tags.n] = tpid;
		P.cur_tags.tci[P.cur_tags.n++] = tci;
	}
	if (P.cur_tags.n) {
		if (P.cur_tags.tpid[0] == E82574_TPID_CTAG)
			P.ts.vlan++;
		else
			P.ts.qinq++;
		P.ts.last_tci = P.cur_tags.tci[0];
	}
	P.otags = P.cur_tags;
	handle_untagged(f, len);
	P.otags.n = 0;
}

static void handle_untagged(uint8_t *f, size_t len)
{
	uint16_t et;

	et = get16(f + 12);
	if (et == ET_ARP) {
		P.ts.arp++;
		reply_arp(f, len);
	} else if (et == ET_IP) {
		handle_ip4(f, len);
	} else if (et == ET_IPV6) {
		handle_ip6(f, len);
	} else {
		P.ts.other++;
	}
}

/* ---------------------------------------------------------------- stream */

static void stream_close(const char *why)
{
	if (P.stream < 0)
		return;
	logf_("stream %s: %s", P.stream_path, why);
	close(P.stream);
	P.stream = -1;
	P.srx.hgot = 0;
	P.stream_retry_ns = now_ns() + 100000000ull;
}

/* Connect to QEMU's stream netdev socket if not connected (every 100 ms). */
static void stream_connect(uint64_t now)
{
	struct sockaddr_un u = { .sun_family = AF_UNIX };
	int fd;

	if (P.stream >= 0 || now < P.stream_retry_ns)
		return;
	P.stream_retry_ns = now + 100000000ull;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	strcpy(u.sun_path, P.stream_path);
	if (connect(fd, (struct sockaddr *)&u, sizeof(u))) {
		close(fd);
		return;
	}
	P.stream = fd;
	P.srx.hgot = 0;
	logf_("stream %s: connected", P.stream_path);
}

/*
 * Write one frame with its length header.  Waits while QEMU does not read
 * (back-pressure): up to 2 s for the first byte (then -1: dropped), and
 * for the rest of a started frame as long as QEMU takes some every 30 s.
 */
static int stream_write(const uint8_t *f, size_t len)
{
	uint8_t hdr[E82574_STREAM_HLEN];
	size_t off = 0, total = sizeof(hdr) + len;
	uint64_t since = now_ns();

	if (P.stream < 0)
		return -1;
	e82574_stream_hdr(hdr, len);
	while (off < total) {
		struct iovec iov[2];
		struct msghdr mh = { .msg_iov = iov };
		struct pollfd pfd = { .fd = P.stream, .events = POLLOUT };
		ssize_t n;

		if (off < sizeof(hdr)) {
			iov[0].iov_base = hdr + off;
			iov[0].iov_len = sizeof(hdr) - off;
			iov[1].iov_base = (void *)f;
			iov[1].iov_len = len;
			mh.msg_iovlen = 2;
		} else {
			iov[0].iov_base = (void *)(f + off - sizeof(hdr));
			iov[0].iov_len = total - off;
			mh.msg_iovlen = 1;
		}
		n = sendmsg(P.stream, &mh, MSG_DONTWAIT | MSG_NOSIGNAL);
		if (n > 0) {
			off += n;
			since = now_ns();
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN) {
			stream_close(strerror(errno));
			return -1;
		}
		if (now_ns() - since > (off ? 30000000000ull : 2000000000ull)) {
			if (!off)
				return -1;
			stream_close("stalled in the middle of a frame");
			return -1;
		}
		poll(&pfd, 1, 10);
	}
	return 0;
}

static void drain_stream(void)
{
	static uint8_t chunk[65536];
	int i;

	for (i = 0; i < 64 && P.stream >= 0; i++) {
		ssize_t n = recv(P.stream, chunk, sizeof(chunk), MSG_DONTWAIT);
		size_t pos = 0, flen;

		if (n == 0) {
			stream_close("closed by QEMU");
			return;
		}
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				stream_close(strerror(errno));
			return;
		}
		while (pos < (size_t)n) {
			long r = e82574_stream_feed(&P.srx, chunk + pos,
						    n - pos, &flen);

			if (r < 0) {
				stream_close("frame length out of range");
				return;
			}
			pos += r;
			if (flen)
				handle_frame(P.srx.buf, flen);
		}
	}
}

static void drain_udp(void)
{
	static uint8_t buf[BUF_SIZE];
	int i;

	for (i = 0; i < 512; i++) {
		ssize_t n = recv(P.udp, buf, sizeof(buf), MSG_DONTWAIT);

		if (n < 0)
			return;
		handle_frame(buf, n);
	}
}

/* ------------------------------------------------------------------ jobs */

/* Run the send job; returns ns until the next frame is due (0: now). */
static uint64_t run_send_job(uint64_t now)
{
	uint64_t due, budget, n;

	if (!P.job.active)
		return UINT64_MAX;
	if (P.job.pps) {
		due = (now - P.job.start_ns) * P.job.pps / 1000000000ull;
		if (P.job.count && due > P.job.count)
			due = P.job.count;
		if (due > (uint64_t)P.job.sent + 32) {
			/* we fell behind: do not burst more than 32 */
			P.job.start_ns = now - (uint64_t)(P.job.sent + 32) *
					 1000000000ull / P.job.pps;
			due = P.job.sent + 32;
		}
		budget = due - P.job.sent;
	} else {
		budget = 128;
	}
	for (n = 0; n < budget; n++) {
		if (P.job.count && P.job.sent >= P.job.count)
			break;
		send_test_frame(P.job.first +
				e82574_wrr_flow(P.job.rr, P.job.heavy,
						P.job.weight));
		P.job.rr = (P.job.rr + 1) %
			   e82574_wrr_len(P.job.flows, P.job.heavy,
					  P.job.weight);
		P.job.sent++;
	}
	if (P.job.count && P.job.sent >= P.job.count) {
		/* a finished bg job still answers "stop" with ok sent=N */
		P.job.active = false;
		if (!P.job.bg)
			ctl_write(P.job.tag, "ok sent=%u", P.job.sent);
		return UINT64_MAX;
	}
	if (!P.job.pps)
		return 0;
	due = P.job.start_ns + (uint64_t)(P.job.sent + 1) * 1000000000ull /
	      P.job.pps;
	return due > now ? due - now : 0;
}

static uint64_t run_ping_job(uint64_t now)
{
	uint64_t dl;

	if (!P.ping.active)
		return UINT64_MAX;
	while (P.ping.sent < P.ping.count && now >= P.ping.next_ns) {
		send_ping();
		P.ping.last_ns = now;
		P.ping.next_ns += (uint64_t)P.ping.interval_ms * 1000000ull;
	}
	if (P.ping.recv >= P.ping.count) {
		P.ping.active = false;
		ctl_write(P.ping.tag, "ok sent=%u recv=%u", P.ping.sent,
			  P.ping.recv);
		return UINT64_MAX;
	}
	if (P.ping.sent < P.ping.count)
		return P.ping.next_ns - now;
	dl = P.ping.last_ns + (uint64_t)P.ping.timeout_ms * 1000000ull;
	if (now >= dl) {
		P.ping.active = false;
		ctl_write(P.ping.tag, "ok sent=%u recv=%u", P.ping.sent,
			  P.ping.recv);
		return UINT64_MAX;
	}
	return dl - now;
}

/* ------------------------------------------------------------------ main */

static void usage(void)
{
	fprintf(stderr, "usage: e82574-peer (--qemu-port QPORT --peer-port "
		"PPORT | --stream NETSOCK) --ctl SOCKPATH [--log FILE] "
		"[--pcap FILE] [--hmp MONITOR-SOCKPATH] [--trace QEMU-LOG] "
		"[--pps-div N]\n");
	exit(2);
}

static void setup(int qport, int pport, const char *ctl)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct sockaddr_un u = { .sun_family = AF_UNIX };
	int sz = 8 << 20;

	P.udp = -1;
	P.stream = -1;
	if (P.stream_path) {
		static uint8_t sbuf[BUF_SIZE];

		if (strlen(P.stream_path) >= sizeof(u.sun_path)) {
			fprintf(stderr, "stream path too long\n");
			exit(1);
		}
		P.srx.buf = sbuf;
		P.srx.cap = sizeof(sbuf) - 8;	/* room for send_frame's tags */
		goto ctl;
	}
	P.udp = socket(AF_INET, SOCK_DGRAM, 0);
	if (P.udp < 0) {
		perror("socket");
		exit(1);
	}
	setsockopt(P.udp, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(P.udp, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons(pport);
	if (bind(P.udp, (struct sockaddr *)&a, sizeof(a))) {
		perror("bind udp");
		exit(1);
	}
	P.qaddr.sin_family = AF_INET;
	P.qaddr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	P.qaddr.sin_port = htons(qport);

ctl:
	if (strlen(ctl) >= sizeof(u.sun_path)) {
		fprintf(stderr, "ctl path too long\n");
		exit(1);
	}
	strcpy(u.sun_path, ctl);
	unlink(ctl);
	P.lsock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (P.lsock < 0 || bind(P.lsock, (struct sockaddr *)&u, sizeof(u)) ||
	    listen(P.lsock, 1)) {
		perror(ctl);
		exit(1);
	}
	P.ctl_path = ctl;
	P.ctl = -1;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "qemu-port", required_argument, NULL, 'q' },
		{ "peer-port", required_argument, NULL, 'p' },
		{ "ctl", required_argument, NULL, 'c' },
		{ "log", required_argument, NULL, 'l' },
		{ "pcap", required_argument, NULL, 'w' },
		{ "hmp", required_argument, NULL, 'm' },
		{ "trace", required_argument, NULL, 't' },
		{ "stream", required_argument, NULL, 's' },
		{ "pps-div", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int qport = 0, pport = 0, o;
	const char *ctl = NULL, *logp = NULL, *pcapp = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, orig;

	P.vid_expect = VID_ANY;
	P.pps_div = 1;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'q': qport = atoi(optarg); break;
		case 'p': pport = atoi(optarg); break;
		case 'c': ctl = optarg; break;
		case 'l': logp = optarg; break;
		case 'w': pcapp = optarg; break;
		case 'm': P.hmp_path = optarg; break;
		case 't': P.trace_path = optarg; break;
		case 's': P.stream_path = optarg; break;
		case 'd':
			P.pps_div = atoi(optarg);
			if (P.pps_div < 1 || P.pps_div > 100)
				usage();
			break;
		default: usage();
		}
	}
	if (!ctl || optind != argc)
		usage();
	if (P.stream_path ? qport || pport :
	    qport <= 0 || qport > 65535 || pport <= 0 || pport > 65535)
		usage();
	P.log = stderr;
	if (logp) {
		P.log = fopen(logp, "a");
		if (!P.log) {
			perror(logp);
			return 1;
		}
	}
	if (pcapp)
		pcap_open(pcapp);
	P.cur_run = -1;
	setup(qport, pport, ctl);

	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &orig);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (P.stream_path)
		logf_("e82574-peer %s: stream %s, ctl %s", E82574_VERSION,
		      P.stream_path, ctl);
	else
		logf_("e82574-peer %s: udp 127.0.0.1:%d -> :%d, ctl %s",
		      E82574_VERSION, pport, qport, ctl);

	while (!got_signal) {
		struct pollfd pfd[2];
		struct timespec ts;
		uint64_t now = now_ns(), t1, t2, t;
		int n, nfd = 0;

		process_lines();
		if (P.quit && now >= P.quit_ns)
			break;
		if (P.stream_path)
			stream_connect(now);
		t1 = run_send_job(now);
		t2 = run_ping_job(now);
		t = t1 < t2 ? t1 : t2;
		t1 = run_hmp_at(now);
		t = t1 < t ? t1 : t;
		if (!fg_busy() && memchr(P.ibuf, '\n', P.ilen))
			t = 0;	/* a fg job ended: run queued commands */
		if (t > 100000000ull)
			t = 100000000ull;
		if (P.stream_path && P.stream < 0 && t > 20000000ull)
			t = 20000000ull;	/* connection retries */
		ts.tv_sec = t / 1000000000ull;
		ts.tv_nsec = t % 1000000000ull;

		/* fd -1 (stream not connected) is ignored by ppoll */
		pfd[nfd].fd = P.stream_path ? P.stream : P.udp;
		pfd[nfd++].events = POLLIN;
		pfd[nfd].fd = P.ctl >= 0 ? P.ctl : P.lsock;
		pfd[nfd++].events = POLLIN;
		n = ppoll(pfd, nfd, &ts, &orig);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("ppoll");
			break;
		}
		if (pfd[0].revents && P.stream_path)
			drain_stream();
		else if (pfd[0].revents)
			drain_udp();
		if (!pfd[1].revents)
			continue;
		if (P.ctl < 0) {
			P.ctl = accept4(P.lsock, NULL, NULL,
					SOCK_NONBLOCK | SOCK_CLOEXEC);
			if (P.ctl >= 0)
				logf_("ctl connection accepted");
			P.ilen = 0;
			continue;
		}
		for (;;) {
			ssize_t r;

			if (P.ilen == sizeof(P.ibuf))
				P.ilen = 0;
			r = recv(P.ctl, P.ibuf + P.ilen,
				 sizeof(P.ibuf) - P.ilen, 0);
			if (r > 0) {
				P.ilen += r;
				continue;
			}
			if (r == 0 || (errno != EAGAIN && errno != EINTR))
				ctl_close();
			break;
		}
	}
	logf_("exiting (%s)", got_signal ? strsignal(got_signal) : "quit");
	if (P.ctl >= 0)
		close(P.ctl);
	close(P.lsock);
	unlink(P.ctl_path);
	if (P.pcap)
		fclose(P.pcap);
	return 0;
}
