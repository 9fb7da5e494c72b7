// SPDX-License-Identifier: GPL-2.0
/*
 * e82574-tool - guest-side multi-call test tool (run as root in the VM,
 * linked statically).  Talks to e82574-peer over the second serial port.
 *
 *  e82574-tool ctl "COMMAND"
 *	Send one control command to the peer (see e82574-peer.c) over
 *	/dev/ttyS1 (env E82574_CTL overrides the path; env E82574_CTL_TIMEOUT
 *	the reply timeout in seconds, default 120), print the reply line and
 *	exit 0 iff it starts with "ok".  The command is tagged ("@TAG cmd")
 *	so stale replies and garbage lines on the serial line are ignored;
 *	the tag is not printed.
 *
 *  e82574-tool rx --ifname IF --expect N --send "COMMAND" [--idle-ms T]
 *		   [--queue-report]
 *	Capture on IF (AF_PACKET, incoming frames only), send COMMAND to the
 *	peer, and receive until the peer's reply arrived and N test frames
 *	(frames with the payload header) were seen, or no test frame arrived
 *	for T ms (default 3000) after the reply.  Per flow id the header seq
 *	must be contiguous; the pattern and length are verified.  Prints
 *	  rx packets=P flows=F lost=L dup=D reordered=R bad=B other=O
 *	(P: test frames incl. duplicates; L: missing seqs, at least N minus
 *	the distinct frames; R: frames older than the newest seq of their
 *	flow that were not seen before; B: wrong pattern/length; O: other
 *	frames; sockdrop: drops in the capture socket itself, reported
 *	after the fixed keys) and, with --queue-report, a second line
 *	  rxq q0=.. q1=.. q2=.. norec=..
 *	counting test frames by the RX queue the driver recorded
 *	(skb_record_rx_queue, via a PACKET_FANOUT_QM group of 4 sockets;
 *	norec = no queue recorded).  The peer's reply goes to stderr.
 *	Exit 0 iff P == N and L = D = R = B = 0 and the reply was ok.
 *
 *  e82574-tool txgen --ifname IF --mode M --count N --size S [--mss MSS]
 *		      [--flows F]
 *	Inject N test frames/messages to the peer through an AF_PACKET
 *	socket with PACKET_VNET_HDR, so they reach the driver as
 *	CHECKSUM_PARTIAL (and GSO for tso*).  M: csum4 csum6 (TCP),
 *	udpcsum4 udpcsum6, tso4 tso6 (gso_size MSS, default 1448).  S = L4
 *	payload bytes (>= 16).  Flows F (default 1) round-robin: TCP/UDP
 *	ports 40000+f -> 5001, per-flow TCP seq contiguous, PSH|ACK.
 *	Prints "txgen sent=N"; exit 0 iff all N were sent.
 *
 *  e82574-tool wait-carrier IF TIMEOUT_MS
 *	Wait until /sys/class/net/IF/carrier reads 1; exit 0, or 1 on
 *	timeout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <linux/virtio_net.h>
#include "e82574_wire.h"

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#define MAX_FLOWS	65536
#define NFANOUT		4

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "e82574-tool: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, ": %s\n", strerror(errno));
	exit(2);
}

/* ------------------------------------------------------------ control */

struct ctl {
	int fd;
	char tag[32];
	char buf[4096];
	size_t len;
	char reply[4096];
};

static void ctl_open(struct ctl *c)
{
	const char *path = getenv("E82574_CTL");
	struct termios t;

	if (!path || !*path)
		path = "/dev/ttyS1";
	c->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (c->fd < 0)
		die("open %s", path);
	if (tcgetattr(c->fd, &t) == 0) {
		cfmakeraw(&t);
		t.c_cflag |= CLOCAL | CREAD;
		t.c_lflag &= ~(ECHO | ECHONL);
		t.c_cc[VMIN] = 1;
		t.c_cc[VTIME] = 0;
		cfsetispeed(&t, B115200);
		cfsetospeed(&t, B115200);
		tcsetattr(c->fd, TCSANOW, &t);
		tcflush(c->fd, TCIFLUSH);
	}
	snprintf(c->tag, sizeof(c->tag), "%d.%lu", (int)getpid(),
		 (unsigned long)(now_ms() % 1000000));
	c->len = 0;
}

static void ctl_send(struct ctl *c, const char *cmd)
{
	char line[4096];
	size_t n, off = 0;

	n = snprintf(line, sizeof(line), "\n@%s %s\n", c->tag, cmd);
	if (n >= sizeof(line)) {
		fprintf(stderr, "e82574-tool: command too long\n");
		exit(2);
	}
	while (off < n) {
		ssize_t w = write(c->fd, line + off, n - off);

		if (w < 0) {
			if (errno == EAGAIN || errno == EINTR) {
				struct pollfd p = { c->fd, POLLOUT, 0 };

				poll(&p, 1, 100);
				continue;
			}
			die("write %s", "ctl");
		}
		off += w;
	}
	tcdrain(c->fd);
}

/*
 * Read what is available; returns 1 when our reply line is complete (in
 * c->reply), 0 if not yet, -1 on error/EOF.
 */
static int ctl_poll_reply(struct ctl *c)
{
	for (;;) {
		char *nl;
		ssize_t r;

		while ((nl = memchr(c->buf, '\n', c->len))) {
			size_t n = nl - c->buf, tl = strlen(c->tag);
			char *l = c->buf, *at;

			*nl = 0;
			if (n && l[n - 1] == '\r')
				l[n - 1] = 0;
			at = strchr(l, '@');
			if (at && !strncmp(at + 1, c->tag, tl) &&
			    at[1 + tl] == ' ') {
				snprintf(c->reply, sizeof(c->reply), "%s",
					 at + 2 + tl);
				memmove(c->buf, nl + 1, c->len - n - 1);
				c->len -= n + 1;
				return 1;
			}
			memmove(c->buf, nl + 1, c->len - n - 1);
			c->len -= n + 1;
		}
		if (c->len == sizeof(c->buf))
			c->len = 0;
		r = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
		if (r > 0) {
			c->len += r;
			continue;
		}
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			return 0;
		return -1;
	}
}

static unsigned int ctl_timeout_s(void)
{
	const char *t = getenv("E82574_CTL_TIMEOUT");

	return t && atoi(t) > 0 ? atoi(t) : 120;
}

static int cmd_ctl(int argc, char **argv)
{
	struct ctl c;
	uint64_t deadline;
	int r;

	if (argc != 2) {
		fprintf(stderr, "usage: e82574-tool ctl \"COMMAND\"\n");
		return 2;
	}
	ctl_open(&c);
	ctl_send(&c, argv[1]);
	deadline = now_ms() + ctl_timeout_s() * 1000ull;
	while ((r = ctl_poll_reply(&c)) == 0) {
		struct pollfd p = { c.fd, POLLIN, 0 };
		int64_t left = deadline - now_ms();

		if (left <= 0) {
			fprintf(stderr, "e82574-tool: ctl timeout\n");
			return 1;
		}
		poll(&p, 1, left > 1000 ? 1000 : left);
	}
	if (r < 0) {
		fprintf(stderr, "e82574-tool: ctl read error\n");
		return 1;
	}
	printf("%s\n", c.reply);
	return strncmp(c.reply, "ok", 2) ? 1 : 0;
}

/* ------------------------------------------------------------ parsing */

/* Locate the L4 payload of an IPv4/IPv6 TCP/UDP frame. */
static const uint8_t *l4_payload(const uint8_t *f, size_t len, size_t *plen)
{
	const uint8_t *ip = f + 14, *l4;
	size_t l4len;
	uint8_t proto;
	uint16_t et;

	if (len < 14 + 20)
		return NULL;
	et = f[12] << 8 | f[13];
	if (et == 0x0800 && (ip[0] >> 4) == 4) {
		size_t ihl = (ip[0] & 15) * 4, tot = ip[2] << 8 | ip[3];

		if (ihl < 20 || tot < ihl || 14 + tot > len ||
		    (ip[6] & 0x3f) || ip[7])
			return NULL;
		proto = ip[9];
		l4 = ip + ihl;
		l4len = tot - ihl;
	} else if (et == 0x86dd && len >= 14 + 40 && (ip[0] >> 4) == 6) {
		l4len = ip[4] << 8 | ip[5];
		if (14 + 40 + l4len > len)
			return NULL;
		proto = ip[6];
		l4 = ip + 40;
	} else {
		return NULL;
	}
	if (proto == IPPROTO_TCP) {
		size_t thl;

		if (l4len < 20)
			return NULL;
		thl = (l4[12] >> 4) * 4;
		if (thl < 20 || thl > l4len)
			return NULL;
		*plen = l4len - thl;
		return l4 + thl;
	}
	if (proto == IPPROTO_UDP && l4len >= 8) {
		*plen = l4len - 8;
		return l4 + 8;
	}
	return NULL;
}

/* ------------------------------------------------------------------ rx */

struct rxflow {
	bool have;
	uint32_t next;		/* highest seq seen + 1 */
	uint8_t *seen;		/* bitmap relative to base */
	uint32_t base, nbits;
};

static struct rxflow rxflows[MAX_FLOWS];

static bool seen_test_set(struct rxflow *f, uint32_t seq)
{
	uint32_t i = seq - f->base;
	bool was;

	if (seq < f->base)
		return false;	/* before the first one: treat as new */
	if (i >= f->nbits) {
		uint32_t n = f->nbits ? f->nbits : 1024;

		while (n <= i)
			n *= 2;
		f->seen = realloc(f->seen, n / 8);
		if (!f->seen) {
			perror("realloc");
			exit(2);
		}
		memset(f->seen + f->nbits / 8, 0, (n - f->nbits) / 8);
		f->nbits = n;
	}
	was = f->seen[i / 8] & (1 << (i % 8));
	f->seen[i / 8] |= 1 << (i % 8);
	return was;
}

static int open_rx_sock(int ifindex, bool fanout)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = ifindex,
	};
	int one = 1, sz = 32 << 20;
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("socket(%s)", "AF_PACKET");
	setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind %s", "AF_PACKET");
	if (fanout) {
		int arg = (getpid() & 0xffff) | (PACKET_FANOUT_QM << 16);

		if (setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &arg,
			       sizeof(arg)))
			die("%s", "PACKET_FANOUT");
	}
	return fd;
}

static int cmd_rx(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ifname", required_argument, NULL, 'i' },
		{ "expect", required_argument, NULL, 'n' },
		{ "send", required_argument, NULL, 's' },
		{ "idle-ms", required_argument, NULL, 't' },
		{ "queue-report", no_argument, NULL, 'q' },
		{ }
	};
	const char *ifname = NULL, *send = NULL;
	uint64_t expect = 0, idle = 3000, packets = 0, lost = 0, dup = 0,
		 reord = 0, bad = 0, other = 0, uniq = 0, flows = 0,
		 sockdrop = 0;
	uint64_t qcnt[NFANOUT] = { 0 }, last_ms, deadline;
	bool qrep = false, replied = false, reply_ok = false;
	int o, nsock, fds[NFANOUT], i, ifindex;
	static uint8_t buf[65536];
	struct ctl c;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'i': ifname = optarg; break;
		case 'n': expect = strtoull(optarg, NULL, 0); break;
		case 's': send = optarg; break;
		case 't': idle = strtoull(optarg, NULL, 0); break;
		case 'q': qrep = true; break;
		default: return 2;
		}
	}
	if (!ifname || !send || optind != argc) {
		fprintf(stderr, "usage: e82574-tool rx --ifname IF --expect N "
			"--send \"COMMAND\" [--idle-ms T] [--queue-report]\n");
		return 2;
	}
	ifindex = if_nametoindex(ifname);
	if (!ifindex)
		die("interface %s", ifname);
	nsock = qrep ? NFANOUT : 1;
	for (i = 0; i < nsock; i++)
		fds[i] = open_rx_sock(ifindex, qrep);
	/* drop anything queued before the command */
	for (i = 0; i < nsock; i++)
		while (recv(fds[i], buf, sizeof(buf), 0) > 0)
			;

	ctl_open(&c);
	ctl_send(&c, send);
	deadline = now_ms() + ctl_timeout_s() * 1000ull;
	last_ms = now_ms();

	for (;;) {
		struct pollfd p[NFANOUT + 1];
		uint64_t now = now_ms();
		int tmo;

		if (replied && (packets >= expect || now - last_ms >= idle))
			break;
		if (!replied && now >= deadline) {
			fprintf(stderr, "e82574-tool: ctl timeout\n");
			break;
		}
		tmo = replied ? (int)(idle - (now - last_ms)) : 1000;
		for (i = 0; i < nsock; i++) {
			p[i].fd = fds[i];
			p[i].events = POLLIN;
		}
		p[nsock].fd = c.fd;
		p[nsock].events = replied ? 0 : POLLIN;
		if (poll(p, nsock + 1, tmo) < 0 && errno != EINTR)
			die("%s", "poll");

		if (!replied && (p[nsock].revents & (POLLIN | POLLHUP))) {
			int r = ctl_poll_reply(&c);

			if (r != 0) {
				replied = true;
				reply_ok = r > 0 && !strncmp(c.reply, "ok", 2);
				fprintf(stderr, "ctl: %s\n", r > 0 ? c.reply :
					"read error");
				last_ms = now_ms();
				if (!reply_ok)
					break;
			}
		}
		for (i = 0; i < nsock; i++) {
			int k;

			for (k = 0; k < 1024; k++) {
				struct sockaddr_ll from;
				socklen_t fl = sizeof(from);
				struct e82574_phdr h;
				const uint8_t *pl;
				struct rxflow *f;
				size_t plen = 0;
				ssize_t n;

				n = recvfrom(fds[i], buf, sizeof(buf), 0,
					     (struct sockaddr *)&from, &fl);
				if (n < 0)
					break;
				if (from.sll_pkttype == PACKET_OUTGOING)
					continue;
				pl = l4_payload(buf, n, &plen);
				if (!pl || e82574_parse_phdr(pl, plen, &h)) {
					other++;
					continue;
				}
				packets++;
				qcnt[i]++;
				last_ms = now_ms();
				if (h.len != plen ||
				    e82574_check_pattern(pl, 0, plen, h.flow,
							 h.seq))
					bad++;
				f = &rxflows[h.flow];
				if (!f->have) {
					f->have = true;
					f->base = h.seq;
					f->next = h.seq;
					flows++;
				}
				if (seen_test_set(f, h.seq)) {
					dup++;
					continue;
				}
				uniq++;
				if (h.seq == f->next) {
					f->next++;
				} else if (h.seq > f->next) {
					lost += h.seq - f->next;
					f->next = h.seq + 1;
				} else {
					reord++;
					if (lost)
						lost--;
				}
			}
		}
	}
	for (i = 0; i < nsock; i++) {
		struct tpacket_stats st;
		socklen_t sl = sizeof(st);

		if (!getsockopt(fds[i], SOL_PACKET, PACKET_STATISTICS, &st,
				&sl))
			sockdrop += st.tp_drops;
	}
	if (expect > uniq && expect - uniq > lost)
		lost = expect - uniq;
	printf("rx packets=%lu flows=%lu lost=%lu dup=%lu reordered=%lu "
	       "bad=%lu other=%lu sockdrop=%lu\n", packets, flows, lost, dup,
	       reord, bad, other, sockdrop);
	if (qrep)
		printf("rxq q0=%lu q1=%lu q2=%lu norec=%lu\n", qcnt[0],
		       qcnt[1], qcnt[2], qcnt[3]);
	return (reply_ok && packets == expect && !lost && !dup && !reord &&
		!bad) ? 0 : 1;
}

/* --------------------------------------------------------------- txgen */

enum { M_CSUM4, M_CSUM6, M_UDP4, M_UDP6, M_TSO4, M_TSO6, M_NR };
static const char *const modes[M_NR] = {
	"csum4", "csum6", "udpcsum4", "udpcsum6", "tso4", "tso6",
};

static int cmd_txgen(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ifname", required_argument, NULL, 'i' },
		{ "mode", required_argument, NULL, 'm' },
		{ "count", required_argument, NULL, 'n' },
		{ "size", required_argument, NULL, 's' },
		{ "mss", required_argument, NULL, 'M' },
		{ "flows", required_argument, NULL, 'f' },
		{ }
	};
	const char *ifname = NULL, *mstr = NULL;
	unsigned long count = 0, size = 0, mss = 1448, nflows = 1, i, sent = 0;
	static uint8_t pkt[sizeof(struct virtio_net_hdr) + 65536 + 128];
	static uint32_t tcpseq[1024], fseq[1024];
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	int o, mode = -1, fd, one = 1, v6, tcp, sz = 4 << 20;
	size_t iphl, l4hl, maxsize;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'i': ifname = optarg; break;
		case 'm': mstr = optarg; break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 's': size = strtoul(optarg, NULL, 0); break;
		case 'M': mss = strtoul(optarg, NULL, 0); break;
		case 'f': nflows = strtoul(optarg, NULL, 0); break;
		default: return 2;
		}
	}
	for (i = 0; mstr && i < M_NR; i++)
		if (!strcmp(mstr, modes[i]))
			mode = i;
	if (!ifname || mode < 0 || !count || optind != argc) {
		fprintf(stderr, "usage: e82574-tool txgen --ifname IF --mode "
			"csum4|csum6|udpcsum4|udpcsum6|tso4|tso6 --count N "
			"--size S [--mss MSS] [--flows F]\n");
		return 2;
	}
	v6 = mode == M_CSUM6 || mode == M_UDP6 || mode == M_TSO6;
	tcp = mode != M_UDP4 && mode != M_UDP6;
	iphl = v6 ? 40 : 20;
	l4hl = tcp ? 20 : 8;
	maxsize = 65535 - l4hl - (v6 ? 0 : 20);
	if (size < E82574_PHDR_LEN || size > maxsize || !mss ||
	    mss > 65535 || !nflows || nflows > 1024) {
		fprintf(stderr, "e82574-tool: need %u <= size <= %zu, "
			"1 <= flows <= 1024\n", E82574_PHDR_LEN, maxsize);
		return 2;
	}

	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket(%s)", "AF_PACKET");
	if (setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one)))
		die("%s", "PACKET_VNET_HDR");
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	sll.sll_ifindex = if_nametoindex(ifname);
	if (!sll.sll_ifindex)
		die("interface %s", ifname);
	sll.sll_protocol = htons(v6 ? ETH_P_IPV6 : ETH_P_IP);
	sll.sll_halen = 6;
	memcpy(sll.sll_addr, e82574_peer_mac, 6);
	for (i = 0; i < nflows; i++)
		tcpseq[i] = 0x10000000u * (i & 15) + 1;

	for (i = 0; i < count; i++) {
		struct virtio_net_hdr *vh = (void *)pkt;
		uint8_t *f = pkt + sizeof(*vh), *ip = f + 14, *l4 = ip + iphl;
		const uint8_t *s = v6 ? e82574_guest_ip6 : e82574_guest_ip4;
		const uint8_t *d = v6 ? e82574_peer_ip6 : e82574_peer_ip4;
		size_t l4len = l4hl + size, flen = 14 + iphl + l4len;
		unsigned long fl = i % nflows;
		uint16_t ps;

		memcpy(f, e82574_peer_mac, 6);
		memcpy(f + 6, e82574_guest_mac, 6);
		f[12] = v6 ? 0x86 : 0x08;
		f[13] = v6 ? 0xdd : 0x00;
		if (v6) {
			ip[0] = 0x60;
			ip[1] = ip[2] = ip[3] = 0;
			ip[4] = l4len >> 8;
			ip[5] = l4len;
			ip[6] = tcp ? IPPROTO_TCP : IPPROTO_UDP;
			ip[7] = 64;
			memcpy(ip + 8, s, 16);
			memcpy(ip + 24, d, 16);
		} else {
			uint16_t c, id = (uint16_t)(i * 64);

			ip[0] = 0x45;
			ip[1] = 0;
			ip[2] = (20 + l4len) >> 8;
			ip[3] = 20 + l4len;
			ip[4] = id >> 8;
			ip[5] = id;
			ip[6] = 0x40;	/* DF */
			ip[7] = 0;
			ip[8] = 64;
			ip[9] = tcp ? IPPROTO_TCP : IPPROTO_UDP;
			ip[10] = ip[11] = 0;
			memcpy(ip + 12, s, 4);
			memcpy(ip + 16, d, 4);
			c = e82574_ip_csum(ip, 20);
			memcpy(ip + 10, &c, 2);
		}
		l4[0] = (40000 + fl) >> 8;
		l4[1] = (40000 + fl) & 0xff;
		l4[2] = 5001 >> 8;
		l4[3] = 5001 & 0xff;
		if (tcp) {
			uint32_t q = tcpseq[fl];

			l4[4] = q >> 24;
			l4[5] = q >> 16;
			l4[6] = q >> 8;
			l4[7] = q;
			memset(l4 + 8, 0, 12);
			l4[11] = 1;		/* ack 1 */
			l4[12] = 5 << 4;
			l4[13] = 0x18;		/* PSH|ACK */
			l4[14] = 0xff;
			l4[15] = 0xff;
		} else {
			l4[4] = l4len >> 8;
			l4[5] = l4len;
			l4[6] = l4[7] = 0;
		}
		e82574_fill_payload(l4 + l4hl, size, fl, 0, fseq[fl]);
		/* CHECKSUM_PARTIAL: the field holds the folded pseudo sum */
		ps = e82574_csum_fold(e82574_pseudo_sum(v6 ? AF_INET6 :
							AF_INET, s, d,
							tcp ? 6 : 17, l4len));
		ps = htons(ps);
		memcpy(l4 + (tcp ? 16 : 6), &ps, 2);

		memset(vh, 0, sizeof(*vh));
		vh->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
		vh->csum_start = 14 + iphl;
		vh->csum_offset = tcp ? 16 : 6;
		if ((mode == M_TSO4 || mode == M_TSO6) && size > mss) {
			vh->gso_type = v6 ? VIRTIO_NET_HDR_GSO_TCPV6 :
					    VIRTIO_NET_HDR_GSO_TCPV4;
			vh->gso_size = mss;
			vh->hdr_len = 14 + iphl + l4hl;
		}
		for (;;) {
			ssize_t n = sendto(fd, pkt, sizeof(*vh) + flen, 0,
					   (struct sockaddr *)&sll,
					   sizeof(sll));

			if (n >= 0)
				break;
			if (errno == ENOBUFS || errno == EAGAIN ||
			    errno == EINTR) {
				usleep(1000);
				continue;
			}
			fprintf(stderr, "e82574-tool: send: %s\n",
				strerror(errno));
			goto out;
		}
		sent++;
		tcpseq[fl] += size;
		fseq[fl]++;
	}
out:
	printf("txgen sent=%lu\n", sent);
	return sent == count ? 0 : 1;
}

/* -------------------------------------------------------- wait-carrier */

static int cmd_wait_carrier(int argc, char **argv)
{
	char path[256];
	uint64_t deadline;

	if (argc != 3) {
		fprintf(stderr, "usage: e82574-tool wait-carrier IF "
			"TIMEOUT_MS\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/sys/class/net/%s/carrier", argv[1]);
	deadline = now_ms() + strtoull(argv[2], NULL, 0);
	for (;;) {
		char v = 0;
		int fd = open(path, O_RDONLY);

		if (fd >= 0) {
			if (read(fd, &v, 1) != 1)
				v = 0;
			close(fd);
		}
		if (v == '1')
			return 0;
		if (now_ms() >= deadline) {
			fprintf(stderr, "e82574-tool: no carrier on %s\n",
				argv[1]);
			return 1;
		}
		usleep(20000);
	}
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "ctl"))
		return cmd_ctl(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "rx"))
		return cmd_rx(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "txgen"))
		return cmd_txgen(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "wait-carrier"))
		return cmd_wait_carrier(argc - 1, argv + 1);
	fprintf(stderr, "usage: e82574-tool ctl|rx|txgen|wait-carrier ...\n"
		"(see the comment block at the top of e82574-tool.c)\n");
	return 2;
}
