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
 *	norec = no queue recorded).  PACKET_FANOUT_QM picks member
 *	skb->queue_mapping % members, and skb_record_rx_queue(skb, q)
 *	stores q + 1 there, so member 0 gets the unrecorded frames and
 *	member q + 1 those of RX queue q.  The peer's reply goes to stderr.
 *	Exit 0 iff P == N and L = D = R = B = 0 and the reply was ok.
 *
 *  e82574-tool txgen --ifname IF --mode M --count N --size S [--mss MSS]
 *		      [--flows F] [--first-flow K]
 *	Inject N test frames/messages to the peer through an AF_PACKET
 *	socket with PACKET_VNET_HDR, so they reach the driver as
 *	CHECKSUM_PARTIAL (and GSO for tso*).  M: csum4 csum6 (TCP),
 *	udpcsum4 udpcsum6, tso4 tso6 (gso_size MSS, default 1448).  S = L4
 *	payload bytes (>= 16).  Flows F (default 1) round-robin: TCP/UDP
 *	ports 40000+f -> 5001, per-flow TCP seq contiguous, PSH|ACK.
 *	Prints "txgen sent=N"; exit 0 iff all N were sent.
 *
 *  e82574-tool get-rss --ifname IF
 *	Print the RSS configuration the driver reports (ETHTOOL_GRSSH,
 *	ETHTOOL_GRXRINGS, ETHTOOL_GRXFH):
 *	  key aa:bb:...        (the hash key, ethtool -X hkey format)
 *	  indir 0 1 0 1 ...    (the indirection table, all entries)
 *	  rings N              (active RX queues)
 *	  hfunc H              (ETH_RSS_HASH_* bits, 0x1 = Toeplitz)
 *	  fields tcp4=sdfn tcp6=sdfn udp4=sd udp6=sd  (ethtool -n letters)
 *
 *  e82574-tool set-indir --ifname IF (--random SEED [--queues N] |
 *				       --entries e0,e1,... | --flip IDX)
 *	Set the indirection table with ETHTOOL_SRSSH (key unchanged):
 *	--random: every entry uniformly random in 0..N-1 (N default: the
 *	active queues), deterministic in SEED; --entries: exactly the
 *	table size entries; --flip: the current table with entry IDX
 *	toggled between queue 0 and 1.  Prints "indir ..." as set; exit 1
 *	(with the errno text) if an ioctl fails.
 *
 *  e82574-tool rss-check --ifname IF --expect N --send "COMMAND"
 *			  [--idle-ms T] [--no-hash] [--verbose]
 *	Prove RSS steering by traffic.  Reads the key, table (GRSSH), the
 *	active queues (GRXRINGS) and the hash fields of tcp4/tcp6/udp4/udp6
 *	(GRXFH) from the driver; opens a PACKET_FANOUT_QM group of
 *	TPACKET_V3 rings (TP_FT_REQ_FILL_RXHASH), one member per active RX
 *	queue plus member 0 for frames without a recorded queue (see rx);
 *	sends COMMAND to the peer and receives like rx.  For every test
 *	frame it computes the 82574 Toeplitz hash of the frame's tuple
 *	with the driver's key and fields (fields with L4 bytes: addresses
 *	+ ports; addresses only: addresses; none: not hashed, queue 0) and
 *	the expected queue indir[hash & 127], and compares them with the
 *	queue the frame arrived on and with tp_rxhash.
 *	tp_rxhash is skb_get_hash(): the kernel keeps a driver hash there
 *	only when it is of type L4 (skb->l4_hash); an L3-typed hash (UDP,
 *	or TCP with fields sd) is replaced by the kernel's software flow
 *	hash.  So the hash is compared for frames with an L4 hash only
 *	("hashed"); L3-hashed frames ("l3") are checked by queue only.
 *	If COMMAND contains run=X, frames of other runs count as stale.
 *	Prints one line
 *	  rss packets=P q0=.. q1=.. hash_mismatch=H queue_mismatch=Q
 *	      nohash=Z lost=L dup=D norec=R hashed=C l3=3 hash_differ=F
 *	      stale=S other=O sockdrop=K
 *	(P: distinct test frames; nohash: tp_rxhash 0; hash_differ: hashed
 *	frames whose tp_rxhash is not the Toeplitz value, = H unless
 *	--no-hash) and the first mismatches in detail on stderr.  Exit 0
 *	iff the peer replied ok, P == N, L = D = Q = 0 and, unless
 *	--no-hash, H = 0.  --no-hash: hashes are counted (hash_differ)
 *	but do not decide the exit status (rxhash off).
 *
 *  e82574-tool rand-key SEED [LEN]
 *	Print a deterministic pseudo-random LEN-byte key (default 40) as
 *	aa:bb:..., for ethtool -X hkey.
 *
 *  e82574-tool reg IF OFFSET [VALUE]
 *	Read (after writing VALUE, if given) the 32-bit register at OFFSET
 *	of BAR0 through /sys/class/net/IF/device/resource0 and print
 *	"0xOFFSET = 0xVALUE".  Behind the driver's back: debugging and
 *	fault injection only (e.g. RETA 0x5c00.., RSSRK 0x5c80..).
 *
 *  e82574-tool regs IF OFFSET COUNT
 *	Read COUNT consecutive 32-bit registers from OFFSET, one
 *	"0xOFFSET = 0xVALUE" line each: a whole table in one process.
 *
 *  e82574-tool mii IF REG...
 *	Read PHY registers through the driver (SIOCGMIIPHY, SIOCGMIIREG,
 *	as mii-tool does) and print "REG = 0xVALUE" for each; exit 1 if
 *	an ioctl fails (with the errno text).
 *
 *  e82574-tool wait-carrier IF TIMEOUT_MS
 *	Wait until /sys/class/net/IF/carrier reads 1; exit 0, or 1 on
 *	timeout.
 *
 *  e82574-tool nl-queues --ifname IF
 *	Ask the kernel's "netdev" generic netlink family (resolved with
 *	CTRL_CMD_GETFAMILY) what it knows of IF's queues, NAPIs and
 *	queue statistics (6.8 and later), with dumps filtered by ifindex:
 *	  queue type=rx|tx id=N napi=ID        (NETDEV_CMD_QUEUE_GET)
 *	  napi id=ID irq=IRQ                   (NETDEV_CMD_NAPI_GET)
 *	  qstats type=rx|tx id=N packets=P bytes=B
 *	                                       (NETDEV_CMD_QSTATS_GET, scope
 *	                                        queue: active queues only)
 *	  qstats total rx-packets=P rx-bytes=B tx-packets=P tx-bytes=B
 *	                                       (NETDEV_CMD_QSTATS_GET without
 *	                                        scope: base stats + queues)
 *	A value the kernel did not report prints as "none".  Exit 1 with a
 *	message if the family, one of the three commands or the device
 *	totals are missing, or a dump fails.
 *
 *  e82574-tool nl-pools [--ifname IF]
 *	Dump the kernel's page pools (NETDEV_CMD_PAGE_POOL_GET, 6.8 and
 *	later), all of them or only IF's, one line each:
 *	  pool id=N ifindex=I napi=ID inflight=P inflight-mem=B detached=T
 *	A pool destroyed while pages were still in flight stays listed with
 *	detached= its detach time (else "none") until they come back; its
 *	ifindex is "none" once its device is gone.  Exit 3 if the kernel
 *	has no page pool netlink, 1 if a dump fails.
 *
 *  e82574-tool phc DEV OP [ARG]
 *	Use the PTP clock DEV (/dev/ptpN) through its dynamic clock id:
 *	  get          print "phc=NS"
 *	  boot-off     print "off=NS": PHC minus CLOCK_BOOTTIME (each read
 *	               bracketed by two of the other clock; the midpoint)
 *	  rate MS      compare the PHC's advance with CLOCK_MONOTONIC_RAW
 *	               over MS ms and print "ppm=N" (PHC fast: positive)
 *	  set SEC      clock_settime to SEC seconds
 *	  adj NS       clock_adjtime(ADJ_SETOFFSET) by NS nanoseconds
 *	  freq PPB     clock_adjtime(ADJ_FREQUENCY) to PPB parts per billion
 *	Exit 1 with the errno text if a call fails.
 *
 *  e82574-tool hwtstamp IF [TX RX]
 *	SIOCSHWTSTAMP with tx_type TX and rx_filter RX (numbers, as in
 *	<linux/net_tstamp.h>) if given, then SIOCGHWTSTAMP; print
 *	"tx=N rx=N" as the driver reports them.  Exit 1 with the errno
 *	text if an ioctl fails.
 *
 *  e82574-tool tstamp-tx IF DST-IPV4
 *	Send one PTPv2 Sync-like UDP datagram (port 319) through IF with
 *	SO_TIMESTAMPING (TX hardware and software, raw hardware) and wait
 *	up to 3 s on the error queue; print "sw=0|1 hw=0|1 hwns=NS".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/ethtool.h>
#include <linux/genetlink.h>
#include <linux/if_packet.h>
#include <linux/mii.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <linux/sockios.h>
#include <linux/net_tstamp.h>
#include <linux/errqueue.h>
#include <arpa/inet.h>
#include <sys/timex.h>
#include <linux/virtio_net.h>
#include "e82574_wire.h"

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif
#ifndef PACKET_FANOUT_FLAG_IGNORE_OUTGOING
#define PACKET_FANOUT_FLAG_IGNORE_OUTGOING 0x4000
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

/*
 * A peer command running while test frames arrive on some sockets: the
 * loop ends once the peer replied and either every expected frame came or
 * none came for idle ms, or when the peer never replied.
 */
struct rx_session {
	struct ctl c;
	uint64_t deadline, last_ms, idle;
	bool replied, reply_ok;
};

static void rx_session_start(struct rx_session *s, const char *send,
			     uint64_t idle)
{
	ctl_open(&s->c);
	ctl_send(&s->c, send);
	s->deadline = now_ms() + ctl_timeout_s() * 1000ull;
	s->last_ms = now_ms();
	s->idle = idle;
	s->replied = false;
	s->reply_ok = false;
}

/*
 * Wait (at most max_tmo ms) for frames on fds[0..nsock-1] or the peer's
 * reply, which it reads.  p[] (nsock + 1 entries) holds the revents.
 * Returns false when the loop is over.
 */
static bool rx_session_poll(struct rx_session *s, struct pollfd *p,
			    const int *fds, int nsock, uint64_t got,
			    uint64_t expect, int max_tmo)
{
	uint64_t now = now_ms();
	int i, tmo;

	if (s->replied && (got >= expect || now - s->last_ms >= s->idle))
		return false;
	if (!s->replied && now >= s->deadline) {
		fprintf(stderr, "e82574-tool: ctl timeout\n");
		return false;
	}
	tmo = s->replied ? (int)(s->idle - (now - s->last_ms)) : 1000;
	if (tmo > max_tmo)
		tmo = max_tmo;
	for (i = 0; i < nsock; i++) {
		p[i].fd = fds[i];
		p[i].events = POLLIN;
	}
	p[nsock].fd = s->c.fd;
	p[nsock].events = s->replied ? 0 : POLLIN;
	if (poll(p, nsock + 1, tmo) < 0 && errno != EINTR)
		die("%s", "poll");

	if (!s->replied && (p[nsock].revents & (POLLIN | POLLHUP))) {
		int r = ctl_poll_reply(&s->c);

		if (r != 0) {
			s->replied = true;
			s->reply_ok = r > 0 && !strncmp(s->c.reply, "ok", 2);
			fprintf(stderr, "ctl: %s\n", r > 0 ? s->c.reply :
				"read error");
			s->last_ms = now_ms();
			if (!s->reply_ok)
				return false;
		}
	}
	return true;
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
	uint64_t qcnt[NFANOUT] = { 0 };
	bool qrep = false;
	int o, nsock, fds[NFANOUT], i, ifindex;
	static uint8_t buf[65536];
	struct rx_session s;

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

	rx_session_start(&s, send, idle);
	for (;;) {
		struct pollfd p[NFANOUT + 1];

		if (!rx_session_poll(&s, p, fds, nsock, packets, expect,
				     INT_MAX))
			break;
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
				s.last_ms = now_ms();
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
		printf("rxq q0=%lu q1=%lu q2=%lu norec=%lu\n", qcnt[1],
		       qcnt[2], qcnt[3], qcnt[0]);
	return (s.reply_ok && packets == expect && !lost && !dup && !reord &&
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
		{ "first-flow", required_argument, NULL, 'F' },
		{ }
	};
	const char *ifname = NULL, *mstr = NULL;
	unsigned long count = 0, size = 0, mss = 1448, nflows = 1, i, sent = 0;
	unsigned long first = 0;
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
		case 'F': first = strtoul(optarg, NULL, 0); break;
		default: return 2;
		}
	}
	for (i = 0; mstr && i < M_NR; i++)
		if (!strcmp(mstr, modes[i]))
			mode = i;
	if (!ifname || mode < 0 || !count || optind != argc) {
		fprintf(stderr, "usage: e82574-tool txgen --ifname IF --mode "
			"csum4|csum6|udpcsum4|udpcsum6|tso4|tso6 --count N "
			"--size S [--mss MSS] [--flows F] [--first-flow K]\n");
		return 2;
	}
	v6 = mode == M_CSUM6 || mode == M_UDP6 || mode == M_TSO6;
	tcp = mode != M_UDP4 && mode != M_UDP6;
	iphl = v6 ? 40 : 20;
	l4hl = tcp ? 20 : 8;
	maxsize = 65535 - l4hl - (v6 ? 0 : 20);
	if (size < E82574_PHDR_LEN || size > maxsize || !mss ||
	    mss > 65535 || !nflows || nflows > 1024 || first > 20000) {
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
		l4[0] = (40000 + first + fl) >> 8;
		l4[1] = (40000 + first + fl) & 0xff;
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
		e82574_fill_payload(l4 + l4hl, size, first + fl, 0, fseq[fl]);
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

/* ----------------------------------------------------------------- rss */

#define RSS_MAX_INDIR	512
#define RSS_MAX_KEY	128
#define RSS_NFT		4	/* tcp4 tcp6 udp4 udp6 */

static const uint32_t rss_flow_types[RSS_NFT] = {
	TCP_V4_FLOW, TCP_V6_FLOW, UDP_V4_FLOW, UDP_V6_FLOW,
};

static const char *const rss_ft_names[RSS_NFT] = {
	"tcp4", "tcp6", "udp4", "udp6",
};

struct rss_conf {
	uint32_t indir_size, key_size, rings;
	uint32_t indir[RSS_MAX_INDIR];
	uint8_t key[RSS_MAX_KEY];
	uint8_t hfunc;
	uint64_t fields[RSS_NFT];	/* RXH_* per rss_flow_types[] */
};

/* SIOCETHTOOL on @ifname; returns 0 or -1 (errno set). */
static int ethtool_ioctl(const char *ifname, void *data)
{
	struct ifreq ifr;
	int fd, r, e;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	ifr.ifr_data = data;
	r = ioctl(fd, SIOCETHTOOL, &ifr);
	e = errno;
	close(fd);
	errno = e;
	return r;
}

static int ethtool_fail(const char *what)
{
	fprintf(stderr, "e82574-tool: %s: %s\n", what, strerror(errno));
	return -1;
}

/* Read table and key (GRSSH) into @c; 0 or -1 (message printed). */
static int rss_get_rxfh(const char *ifname, struct rss_conf *c)
{
	struct ethtool_rxfh *rh;
	size_t sz;

	sz = sizeof(*rh) + RSS_MAX_INDIR * 4 + RSS_MAX_KEY;
	rh = calloc(1, sz);
	if (!rh)
		return ethtool_fail("calloc");
	rh->cmd = ETHTOOL_GRSSH;
	if (ethtool_ioctl(ifname, rh)) {
		free(rh);
		return ethtool_fail("ETHTOOL_GRSSH (sizes)");
	}
	if (rh->indir_size > RSS_MAX_INDIR || rh->key_size > RSS_MAX_KEY) {
		fprintf(stderr, "e82574-tool: GRSSH: indir_size %u key_size "
			"%u too large\n", rh->indir_size, rh->key_size);
		free(rh);
		return -1;
	}
	c->indir_size = rh->indir_size;
	c->key_size = rh->key_size;
	memset(rh, 0, sz);
	rh->cmd = ETHTOOL_GRSSH;
	rh->indir_size = c->indir_size;
	rh->key_size = c->key_size;
	if (ethtool_ioctl(ifname, rh)) {
		free(rh);
		return ethtool_fail("ETHTOOL_GRSSH");
	}
	memcpy(c->indir, rh->rss_config, c->indir_size * 4);
	memcpy(c->key, (uint8_t *)rh->rss_config + c->indir_size * 4,
	       c->key_size);
	c->hfunc = rh->hfunc;
	free(rh);
	return 0;
}

static int rss_get_rings(const char *ifname, uint32_t *rings)
{
	struct ethtool_rxnfc nfc;

	memset(&nfc, 0, sizeof(nfc));
	nfc.cmd = ETHTOOL_GRXRINGS;
	if (ethtool_ioctl(ifname, &nfc))
		return ethtool_fail("ETHTOOL_GRXRINGS");
	*rings = (uint32_t)nfc.data;
	return 0;
}

static int rss_get_fields(const char *ifname, struct rss_conf *c)
{
	struct ethtool_rxnfc nfc;
	int i;

	for (i = 0; i < RSS_NFT; i++) {
		memset(&nfc, 0, sizeof(nfc));
		nfc.cmd = ETHTOOL_GRXFH;
		nfc.flow_type = rss_flow_types[i];
		if (ethtool_ioctl(ifname, &nfc))
			return ethtool_fail("ETHTOOL_GRXFH");
		c->fields[i] = nfc.data;
	}
	return 0;
}

static int rss_get_all(const char *ifname, struct rss_conf *c)
{
	memset(c, 0, sizeof(*c));
	if (rss_get_rxfh(ifname, c) || rss_get_rings(ifname, &c->rings) ||
	    rss_get_fields(ifname, c))
		return -1;
	return 0;
}

/* RXH_* bits as ethtool -n letters (m v t s d f n r) */
static void rxh_letters(uint64_t f, char *out)
{
	static const struct { uint64_t bit; char c; } m[] = {
		{ RXH_L2DA, 'm' }, { RXH_VLAN, 'v' }, { RXH_L3_PROTO, 't' },
		{ RXH_IP_SRC, 's' }, { RXH_IP_DST, 'd' },
		{ RXH_L4_B_0_1, 'f' }, { RXH_L4_B_2_3, 'n' },
		{ RXH_DISCARD, 'r' },
	};
	size_t i, n = 0;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (f & m[i].bit)
			out[n++] = m[i].c;
	if (!n)
		out[n++] = '-';
	out[n] = 0;
}

static void print_key(const char *prefix, const uint8_t *k, uint32_t n)
{
	uint32_t i;

	printf("%s", prefix);
	for (i = 0; i < n; i++)
		printf("%s%02x", i ? ":" : "", k[i]);
	printf("\n");
}

static void print_indir(const uint32_t *t, uint32_t n)
{
	uint32_t i;

	printf("indir");
	for (i = 0; i < n; i++)
		printf(" %u", t[i]);
	printf("\n");
}

static int cmd_get_rss(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ifname", required_argument, NULL, 'i' },
		{ }
	};
	const char *ifname = NULL;
	struct rss_conf c;
	char l[16];
	int o, i;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'i': ifname = optarg; break;
		default: return 2;
		}
	}
	if (!ifname || optind != argc) {
		fprintf(stderr, "usage: e82574-tool get-rss --ifname IF\n");
		return 2;
	}
	if (rss_get_all(ifname, &c))
		return 1;
	print_key("key ", c.key, c.key_size);
	print_indir(c.indir, c.indir_size);
	printf("rings %u\n", c.rings);
	printf("hfunc 0x%x\n", c.hfunc);
	printf("fields");
	for (i = 0; i < RSS_NFT; i++) {
		rxh_letters(c.fields[i], l);
		printf(" %s=%s", rss_ft_names[i], l);
	}
	printf("\n");
	return 0;
}

static int cmd_set_indir(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ifname", required_argument, NULL, 'i' },
		{ "random", required_argument, NULL, 'r' },
		{ "queues", required_argument, NULL, 'q' },
		{ "entries", required_argument, NULL, 'e' },
		{ "flip", required_argument, NULL, 'f' },
		{ }
	};
	const char *ifname = NULL, *entries = NULL;
	unsigned long long seed = 0, queues = 0, flip = 0;
	int o, modes = 0, mode = 0;
	struct ethtool_rxfh *rh;
	struct rss_conf c;
	uint32_t i;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'i': ifname = optarg; break;
		case 'r': seed = strtoull(optarg, NULL, 0); mode = o; modes++;
			  break;
		case 'q': queues = strtoull(optarg, NULL, 0); break;
		case 'e': entries = optarg; mode = o; modes++; break;
		case 'f': flip = strtoull(optarg, NULL, 0); mode = o; modes++;
			  break;
		default: return 2;
		}
	}
	if (!ifname || modes != 1 || optind != argc) {
		fprintf(stderr, "usage: e82574-tool set-indir --ifname IF "
			"(--random SEED [--queues N] | --entries e0,e1,... | "
			"--flip IDX)\n");
		return 2;
	}
	memset(&c, 0, sizeof(c));
	if (rss_get_rxfh(ifname, &c) || rss_get_rings(ifname, &c.rings))
		return 1;
	if (!c.indir_size) {
		fprintf(stderr, "e82574-tool: %s has no indirection table\n",
			ifname);
		return 1;
	}
	if (mode == 'r') {
		uint64_t st = seed * 0x9e3779b97f4a7c15ull + 0x5eed;

		if (!queues)
			queues = c.rings;
		if (!queues) {
			fprintf(stderr, "e82574-tool: no RX rings\n");
			return 1;
		}
		for (i = 0; i < c.indir_size; i++)
			c.indir[i] = e82574_splitmix64(&st) % queues;
	} else if (mode == 'e') {
		const char *p = entries;
		char *end;

		for (i = 0; i < c.indir_size; i++) {
			errno = 0;
			c.indir[i] = strtoul(p, &end, 0);
			if (errno || end == p || (*end && *end != ',') ||
			    (i + 1 < c.indir_size && *end != ',') ||
			    (i + 1 == c.indir_size && *end)) {
				fprintf(stderr, "e82574-tool: --entries needs "
					"exactly %u comma-separated numbers\n",
					c.indir_size);
				return 2;
			}
			p = end + 1;
		}
	} else {
		if (flip >= c.indir_size) {
			fprintf(stderr, "e82574-tool: --flip index must be "
				"below %u\n", c.indir_size);
			return 2;
		}
		c.indir[flip] = c.indir[flip] ? 0 : 1;
	}

	rh = calloc(1, sizeof(*rh) + c.indir_size * 4);
	if (!rh) {
		perror("calloc");
		return 1;
	}
	rh->cmd = ETHTOOL_SRSSH;
	rh->indir_size = c.indir_size;
	rh->key_size = 0;		/* key unchanged */
	rh->hfunc = 0;			/* ETH_RSS_HASH_NO_CHANGE */
	memcpy(rh->rss_config, c.indir, c.indir_size * 4);
	if (ethtool_ioctl(ifname, rh)) {
		ethtool_fail("ETHTOOL_SRSSH");
		free(rh);
		return 1;
	}
	free(rh);
	print_indir(c.indir, c.indir_size);
	return 0;
}

/* Map BAR0 of IF; the mapping is 0x20000 bytes. */
static uint8_t *bar0_map(const char *ifname, int *fdp)
{
	char path[256];
	uint8_t *map;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/net/%s/device/resource0",
		 ifname);
	fd = open(path, O_RDWR | O_SYNC | O_CLOEXEC);
	if (fd < 0)
		die("open %s", path);
	map = mmap(NULL, 0x20000, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		die("mmap %s", path);
	*fdp = fd;
	return map;
}

/*
 * reg: read (and with VALUE first write) one 32-bit register of the NIC
 * behind IF through /sys/class/net/IF/device/resource0 (BAR0); regs: read
 * COUNT of them.  Debug aid and fault injection for the RSS tests: the
 * driver does not see the write.
 */
static int cmd_reg(int argc, char **argv, bool many)
{
	unsigned long off, n = 1, i;
	volatile uint32_t *r;
	uint8_t *map;
	int fd;

	if (many ? argc != 4 : argc < 3 || argc > 4) {
		fprintf(stderr, many ?
			"usage: e82574-tool regs IF OFFSET COUNT\n" :
			"usage: e82574-tool reg IF OFFSET [VALUE]\n");
		return 2;
	}
	off = strtoul(argv[2], NULL, 0);
	if (many)
		n = strtoul(argv[3], NULL, 0);
	if (off & 3 || off >= 0x20000 || !n || n > (0x20000 - off) / 4) {
		fprintf(stderr, "e82574-tool: OFFSET must be 4-aligned and the "
			"registers below 0x20000\n");
		return 2;
	}
	map = bar0_map(argv[1], &fd);
	r = (volatile uint32_t *)(map + off);
	if (!many && argc == 4)
		*r = (uint32_t)strtoul(argv[3], NULL, 0);
	for (i = 0; i < n; i++)
		printf("0x%05lx = 0x%08x\n", off + 4 * i, r[i]);
	munmap(map, 0x20000);
	close(fd);
	return 0;
}

/* PHY registers through the driver's MII ioctls (what mii-tool uses). */
static int cmd_mii(int argc, char **argv)
{
	struct mii_ioctl_data *mii;
	struct ifreq ifr;
	int fd, i, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: e82574-tool mii IF REG...\n");
		return 2;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	mii = (struct mii_ioctl_data *)&ifr.ifr_data;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket %s", argv[1]);
	if (ioctl(fd, SIOCGMIIPHY, &ifr)) {
		fprintf(stderr, "e82574-tool: SIOCGMIIPHY %s: %s\n", argv[1],
			strerror(errno));
		close(fd);
		return 1;
	}
	for (i = 2; i < argc; i++) {
		mii->reg_num = (uint16_t)strtoul(argv[i], NULL, 0);
		if (ioctl(fd, SIOCGMIIREG, &ifr)) {
			fprintf(stderr, "e82574-tool: SIOCGMIIREG %s reg %u: "
				"%s\n", argv[1], mii->reg_num,
				strerror(errno));
			rc = 1;
			continue;
		}
		printf("%u = 0x%04x\n", mii->reg_num, mii->val_out);
	}
	close(fd);
	return rc;
}

static int cmd_rand_key(int argc, char **argv)
{
	uint64_t st;
	uint8_t k[RSS_MAX_KEY];
	unsigned long n = 40, i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: e82574-tool rand-key SEED [LEN]\n");
		return 2;
	}
	st = strtoull(argv[1], NULL, 0) * 0xd1342543de82ef95ull + 0x6b6579;
	if (argc == 3)
		n = strtoul(argv[2], NULL, 0);
	if (!n || n > RSS_MAX_KEY) {
		fprintf(stderr, "e82574-tool: LEN must be 1..%d\n",
			RSS_MAX_KEY);
		return 2;
	}
	for (i = 0; i < n; i++)
		k[i] = (uint8_t)(e82574_splitmix64(&st) >> 24);
	print_key("", k, n);
	return 0;
}

/*
 * Parse an IPv4/IPv6 TCP/UDP frame (Ethernet header first) into @f
 * (family, proto, addresses, ports) and its L4 payload.  0 or -1.
 */
static int parse_tuple(const uint8_t *fr, size_t len, struct e82574_flow *f,
		       const uint8_t **pl, size_t *plen)
{
	const uint8_t *ip = fr + 14;

	*pl = l4_payload(fr, len, plen);
	if (!*pl)
		return -1;
	memset(f, 0, sizeof(*f));
	if ((fr[12] << 8 | fr[13]) == 0x0800) {
		f->family = AF_INET;
		f->proto = ip[9];
		memcpy(f->saddr, ip + 12, 4);
		memcpy(f->daddr, ip + 16, 4);
		ip += (ip[0] & 15) * 4;
	} else {
		f->family = AF_INET6;
		f->proto = ip[6];
		memcpy(f->saddr, ip + 8, 16);
		memcpy(f->daddr, ip + 24, 16);
		ip += 40;
	}
	f->sport = ip[0] << 8 | ip[1];
	f->dport = ip[2] << 8 | ip[3];
	return 0;
}

enum { RSS_T_NONE, RSS_T_L3, RSS_T_L4 };

/*
 * Expected 82574 hash of @f under the driver's key and fields: addresses
 * (+ ports if the fields of its flow type include both L4 halves).
 * Returns the hash; *type = RSS_T_NONE (not hashed), L3 or L4.
 */
static uint32_t rss_expect(const struct rss_conf *c, const struct e82574_flow *f,
			   int *type)
{
	int ft = (f->proto == IPPROTO_TCP ? 0 : 2) +
		 (f->family == AF_INET6 ? 1 : 0);
	uint64_t fl = c->fields[ft];
	size_t alen = f->family == AF_INET ? 4 : 16, n;
	uint8_t in[36];

	*type = RSS_T_NONE;
	if ((fl & (RXH_IP_SRC | RXH_IP_DST)) != (RXH_IP_SRC | RXH_IP_DST))
		return 0;
	memcpy(in, f->saddr, alen);
	memcpy(in + alen, f->daddr, alen);
	n = 2 * alen;
	*type = RSS_T_L3;
	if ((fl & (RXH_L4_B_0_1 | RXH_L4_B_2_3)) ==
	    (RXH_L4_B_0_1 | RXH_L4_B_2_3)) {
		in[n++] = f->sport >> 8;
		in[n++] = f->sport & 0xff;
		in[n++] = f->dport >> 8;
		in[n++] = f->dport & 0xff;
		*type = RSS_T_L4;
	}
	return e82574_toeplitz(c->key, in, n);
}

static void flow_str(const struct e82574_flow *f, char *out, size_t n)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];

	inet_ntop(f->family, f->saddr, s, sizeof(s));
	inet_ntop(f->family, f->daddr, d, sizeof(d));
	snprintf(out, n, "%s%s %s%s%s:%u -> %s%s%s:%u",
		 f->proto == IPPROTO_TCP ? "tcp" : "udp",
		 f->family == AF_INET ? "4" : "6",
		 f->family == AF_INET6 ? "[" : "", s,
		 f->family == AF_INET6 ? "]" : "", f->sport,
		 f->family == AF_INET6 ? "[" : "", d,
		 f->family == AF_INET6 ? "]" : "", f->dport);
}

#define RSS_MAX_SOCK	9	/* member 0 (norec) + up to 8 queues */
#define RSS_BLK_SIZE	(1u << 20)
#define RSS_BLK_NR	8u
#define RSS_FRAME_SIZE	2048u

struct rss_ring {
	int fd;
	uint8_t *map;
	unsigned int idx;
};

static void rss_ring_open(struct rss_ring *r, int ifindex, int group)
{
	struct tpacket_req3 req;
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = ifindex,
	};
	int v = TPACKET_V3, one = 1;

	r->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (r->fd < 0)
		die("socket(%s)", "AF_PACKET");
	if (setsockopt(r->fd, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)))
		die("%s", "PACKET_VERSION TPACKET_V3");
	setsockopt(r->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
		   sizeof(one));
	memset(&req, 0, sizeof(req));
	req.tp_block_size = RSS_BLK_SIZE;
	req.tp_block_nr = RSS_BLK_NR;
	req.tp_frame_size = RSS_FRAME_SIZE;
	req.tp_frame_nr = RSS_BLK_SIZE / RSS_FRAME_SIZE * RSS_BLK_NR;
	req.tp_retire_blk_tov = 20;	/* ms */
	req.tp_feature_req_word = TP_FT_REQ_FILL_RXHASH;
	if (setsockopt(r->fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)))
		die("%s", "PACKET_RX_RING");
	r->map = mmap(NULL, (size_t)RSS_BLK_SIZE * RSS_BLK_NR,
		      PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		      r->fd, 0);
	if (r->map == MAP_FAILED)
		die("%s", "mmap PACKET_RX_RING");
	r->idx = 0;
	if (bind(r->fd, (struct sockaddr *)&sll, sizeof(sll)))
		die("bind %s", "AF_PACKET");
	/* a fanout group ignores the members' PACKET_IGNORE_OUTGOING */
	v = group | ((PACKET_FANOUT_QM |
		      PACKET_FANOUT_FLAG_IGNORE_OUTGOING) << 16);
	if (setsockopt(r->fd, SOL_PACKET, PACKET_FANOUT, &v, sizeof(v)))
		die("%s", "PACKET_FANOUT_QM");
}

struct rss_stats {
	uint64_t packets, dup, hash_mis, queue_mis, nohash, norec, hashed,
		 l3, differ, stale, other, q[RSS_MAX_SOCK], shown;
	bool no_hash, verbose, have_run;
	unsigned int run;
};

/* Account one captured frame that arrived on fanout member @member. */
static void rss_frame(const struct rss_conf *c, struct rss_stats *st,
		      int member, const uint8_t *fr, size_t len,
		      uint32_t rxhash)
{
	struct e82574_flow f;
	struct e82574_phdr h;
	const uint8_t *pl;
	size_t plen;
	uint32_t hash;
	int type, want, got = member - 1;
	bool qbad, hbad = false;
	char fs[160];

	if (parse_tuple(fr, len, &f, &pl, &plen) ||
	    e82574_parse_phdr(pl, plen, &h)) {
		st->other++;
		return;
	}
	if (st->have_run && h.run != st->run) {
		st->stale++;
		return;
	}
	if (seen_test_set(&rxflows[h.flow], h.seq)) {
		st->dup++;
		return;
	}
	st->packets++;
	if (member == 0)
		st->norec++;
	else
		st->q[got]++;
	hash = rss_expect(c, &f, &type);
	want = (type == RSS_T_NONE || c->rings <= 1) ? 0 :
	       (int)c->indir[hash % c->indir_size];
	qbad = got != want;
	if (qbad)
		st->queue_mis++;
	if (!rxhash)
		st->nohash++;
	if (type == RSS_T_L4) {
		st->hashed++;
		if (rxhash != hash) {
			st->differ++;
			hbad = !st->no_hash;
			if (hbad)
				st->hash_mis++;
		}
	} else if (type == RSS_T_L3) {
		st->l3++;
	}
	if ((qbad || hbad || st->verbose) && st->shown < 8) {
		st->shown++;
		flow_str(&f, fs, sizeof(fs));
		fprintf(stderr, "%s%s%s flow %u seq %u: %s: expected hash "
			"0x%08x (%s) index %u queue %d; got queue %d "
			"tp_rxhash 0x%08x\n", qbad ? "QUEUE-MISMATCH" : "",
			qbad && hbad ? " " : "", hbad ? "HASH-MISMATCH" :
			qbad ? "" : "ok", h.flow, h.seq, fs, hash,
			type == RSS_T_L4 ? "L4" : type == RSS_T_L3 ? "L3" :
			"none", hash % c->indir_size, want, got, rxhash);
	}
}

/* Process every block user space owns in ring @r; returns frames seen. */
static uint64_t rss_ring_drain(struct rss_ring *r, const struct rss_conf *c,
			       struct rss_stats *st, int member)
{
	uint64_t n = 0;

	for (;;) {
		struct tpacket_block_desc *b;
		uint8_t *p;
		uint32_t i;

		b = (void *)(r->map + (size_t)r->idx * RSS_BLK_SIZE);
		if (!(__atomic_load_n(&b->hdr.bh1.block_status,
				      __ATOMIC_ACQUIRE) & TP_STATUS_USER))
			break;
		p = (uint8_t *)b + b->hdr.bh1.offset_to_first_pkt;
		for (i = 0; i < b->hdr.bh1.num_pkts; i++) {
			struct tpacket3_hdr *t = (void *)p;
			struct sockaddr_ll *sll = (void *)(p +
				TPACKET_ALIGN(sizeof(*t)));

			if (c && st && sll->sll_pkttype != PACKET_OUTGOING)
				rss_frame(c, st, member, p + t->tp_mac,
					  t->tp_snaplen, t->hv1.tp_rxhash);
			n++;
			p += t->tp_next_offset;
		}
		__atomic_store_n(&b->hdr.bh1.block_status, TP_STATUS_KERNEL,
				 __ATOMIC_RELEASE);
		r->idx = (r->idx + 1) % RSS_BLK_NR;
	}
	return n;
}

static int cmd_rss_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ifname", required_argument, NULL, 'i' },
		{ "expect", required_argument, NULL, 'n' },
		{ "send", required_argument, NULL, 's' },
		{ "idle-ms", required_argument, NULL, 't' },
		{ "no-hash", no_argument, NULL, 'H' },
		{ "verbose", no_argument, NULL, 'v' },
		{ }
	};
	static struct rss_ring rings[RSS_MAX_SOCK];
	static struct rss_conf conf;
	static struct rss_stats st;
	const char *ifname = NULL, *send = NULL, *runp;
	uint64_t expect = 0, idle = 3000, sockdrop = 0,
		 lost = 0;
	int o, nsock, i, ifindex, group, fds[RSS_MAX_SOCK];
	struct rx_session s;
	char l[16];

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'i': ifname = optarg; break;
		case 'n': expect = strtoull(optarg, NULL, 0); break;
		case 's': send = optarg; break;
		case 't': idle = strtoull(optarg, NULL, 0); break;
		case 'H': st.no_hash = true; break;
		case 'v': st.verbose = true; break;
		default: return 2;
		}
	}
	if (!ifname || !send || optind != argc) {
		fprintf(stderr, "usage: e82574-tool rss-check --ifname IF "
			"--expect N --send \"COMMAND\" [--idle-ms T] "
			"[--no-hash] [--verbose]\n");
		return 2;
	}
	ifindex = if_nametoindex(ifname);
	if (!ifindex)
		die("interface %s", ifname);
	if (rss_get_all(ifname, &conf))
		return 1;
	if (!conf.indir_size || conf.key_size < 36 || !conf.rings ||
	    conf.rings + 1 > RSS_MAX_SOCK) {
		fprintf(stderr, "e82574-tool: unusable RSS config: indir %u "
			"key %u rings %u\n", conf.indir_size, conf.key_size,
			conf.rings);
		return 1;
	}
	fprintf(stderr, "rss-check: rings %u hfunc 0x%x fields", conf.rings,
		conf.hfunc);
	for (i = 0; i < RSS_NFT; i++) {
		rxh_letters(conf.fields[i], l);
		fprintf(stderr, " %s=%s", rss_ft_names[i], l);
	}
	fprintf(stderr, "\n");
	runp = strstr(send, " run=");
	if (runp) {
		st.have_run = true;
		st.run = strtoul(runp + 5, NULL, 0);
	}

	/* member 0: no recorded queue; member q + 1: RX queue q */
	nsock = conf.rings + 1;
	group = (getpid() & 0xffff) ^ 0x5a00;
	for (i = 0; i < nsock; i++)
		rss_ring_open(&rings[i], ifindex, group);
	/* frames before the group was complete may sit on any member */
	usleep(50000);
	for (i = 0; i < nsock; i++)
		rss_ring_drain(&rings[i], NULL, NULL, i);

	for (i = 0; i < nsock; i++)
		fds[i] = rings[i].fd;
	rx_session_start(&s, send, idle);
	for (;;) {
		struct pollfd p[RSS_MAX_SOCK + 1];
		uint64_t before;

		/* at most 100 ms: ring blocks also retire by timer */
		if (!rx_session_poll(&s, p, fds, nsock, st.packets, expect, 100))
			break;
		before = st.packets;
		for (i = 0; i < nsock; i++)
			rss_ring_drain(&rings[i], &conf, &st, i);
		if (st.packets != before)
			s.last_ms = now_ms();
	}
	for (i = 0; i < nsock; i++) {
		struct tpacket_stats_v3 ts;
		socklen_t sl = sizeof(ts);

		if (!getsockopt(rings[i].fd, SOL_PACKET, PACKET_STATISTICS,
				&ts, &sl))
			sockdrop += ts.tp_drops;
	}
	if (expect > st.packets)
		lost = expect - st.packets;
	printf("rss packets=%lu", st.packets);
	for (i = 0; i < (int)(conf.rings < 2 ? 2 : conf.rings); i++)
		printf(" q%d=%lu", i, st.q[i]);
	printf(" hash_mismatch=%lu queue_mismatch=%lu nohash=%lu lost=%lu "
	       "dup=%lu norec=%lu hashed=%lu l3=%lu hash_differ=%lu "
	       "stale=%lu other=%lu sockdrop=%lu\n", st.hash_mis,
	       st.queue_mis, st.nohash, lost, st.dup, st.norec, st.hashed,
	       st.l3, st.differ, st.stale, st.other, sockdrop);
	return (s.reply_ok && st.packets == expect && !lost && !st.dup &&
		!st.queue_mis && (st.no_hash || !st.hash_mis)) ? 0 : 1;
}

/* ----------------------------------------------------------- nl-queues */

/*
 * The netdev generic netlink family (6.8+).  The host's uapi headers may
 * predate it: the values below are those of include/uapi/linux/netdev.h.
 */
#ifndef NETDEV_FAMILY_NAME
#define NETDEV_FAMILY_NAME	"netdev"
#endif
#ifndef NETDEV_CMD_PAGE_POOL_GET
#define NETDEV_CMD_PAGE_POOL_GET	5
#endif
#ifndef NETDEV_A_PAGE_POOL_ID
#define NETDEV_A_PAGE_POOL_ID		1
#define NETDEV_A_PAGE_POOL_IFINDEX	2
#define NETDEV_A_PAGE_POOL_NAPI_ID	3
#define NETDEV_A_PAGE_POOL_INFLIGHT	4
#define NETDEV_A_PAGE_POOL_INFLIGHT_MEM	5
#define NETDEV_A_PAGE_POOL_DETACH_TIME	6
#endif
#ifndef NETDEV_CMD_QUEUE_GET
#define NETDEV_CMD_QUEUE_GET	10
#endif
#ifndef NETDEV_CMD_NAPI_GET
#define NETDEV_CMD_NAPI_GET	11
#endif
#ifndef NETDEV_CMD_QSTATS_GET
#define NETDEV_CMD_QSTATS_GET	12
#endif
#ifndef NETDEV_QUEUE_TYPE_RX
#define NETDEV_QUEUE_TYPE_RX	0
#define NETDEV_QUEUE_TYPE_TX	1
#endif
#ifndef NETDEV_QSTATS_SCOPE_QUEUE
#define NETDEV_QSTATS_SCOPE_QUEUE	1
#endif
#ifndef NETDEV_A_NAPI_IFINDEX
#define NETDEV_A_NAPI_IFINDEX	1
#define NETDEV_A_NAPI_ID	2
#define NETDEV_A_NAPI_IRQ	3
#endif
#ifndef NETDEV_A_QUEUE_ID
#define NETDEV_A_QUEUE_ID	1
#define NETDEV_A_QUEUE_IFINDEX	2
#define NETDEV_A_QUEUE_TYPE	3
#define NETDEV_A_QUEUE_NAPI_ID	4
#endif
#ifndef NETDEV_A_QSTATS_IFINDEX
#define NETDEV_A_QSTATS_IFINDEX		1
#define NETDEV_A_QSTATS_QUEUE_TYPE	2
#define NETDEV_A_QSTATS_QUEUE_ID	3
#define NETDEV_A_QSTATS_SCOPE		4
#define NETDEV_A_QSTATS_RX_PACKETS	8
#define NETDEV_A_QSTATS_RX_BYTES	9
#define NETDEV_A_QSTATS_TX_PACKETS	10
#define NETDEV_A_QSTATS_TX_BYTES	11
#endif

#define NL_MAXATTR	64
#define NL_BUFSZ	(64 * 1024)

struct nl_sock {
	int fd;
	uint32_t seq;
	uint16_t family;
	uint8_t buf[NL_BUFSZ] __attribute__((aligned(NLMSG_ALIGNTO)));
};

/* A request: header, generic header, room for a few attributes. */
struct nl_req {
	struct nlmsghdr nh;
	struct genlmsghdr gh;
	uint8_t attrs[256];
};

static void nl_req_init(struct nl_req *r, uint16_t type, uint16_t flags,
			uint8_t cmd)
{
	memset(r, 0, sizeof(*r));
	r->nh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	r->nh.nlmsg_type = type;
	r->nh.nlmsg_flags = NLM_F_REQUEST | flags;
	r->gh.cmd = cmd;
	r->gh.version = 1;
}

static void nl_req_put(struct nl_req *r, uint16_t type, const void *data,
		       size_t len)
{
	struct nlattr *a = (struct nlattr *)((uint8_t *)r +
					     NLMSG_ALIGN(r->nh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((uint8_t *)a + NLA_HDRLEN, data, len);
	r->nh.nlmsg_len = NLMSG_ALIGN(r->nh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static void nl_req_put_u32(struct nl_req *r, uint16_t type, uint32_t v)
{
	nl_req_put(r, type, &v, sizeof(v));
}

/* Next attribute in [*p, *p + *len), or NULL at the end (or if bad). */
static const struct nlattr *nla_next(const uint8_t **p, size_t *len)
{
	const struct nlattr *a = (const struct nlattr *)*p;
	size_t step;

	if (*len < NLA_HDRLEN || a->nla_len < NLA_HDRLEN ||
	    a->nla_len > *len)
		return NULL;
	step = NLA_ALIGN((size_t)a->nla_len);
	if (step > *len)
		step = *len;
	*p += step;
	*len -= step;
	return a;
}

/* Index the attributes in [p, p + len) by type (last one wins). */
static void nl_parse(const uint8_t *p, size_t len, const struct nlattr **tb,
		     int max)
{
	const struct nlattr *a;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while ((a = nla_next(&p, &len))) {
		int type = a->nla_type & NLA_TYPE_MASK;

		if (type <= max)
			tb[type] = a;
	}
}

static const void *nla_data(const struct nlattr *a)
{
	return (const uint8_t *)a + NLA_HDRLEN;
}

/* u8/u16/u32/u64 (NLA_UINT is u32 or u64 by size) */
static uint64_t nla_uint(const struct nlattr *a)
{
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;

	switch (a->nla_len - NLA_HDRLEN) {
	case 8:
		memcpy(&v64, nla_data(a), 8);
		return v64;
	case 4:
		memcpy(&v32, nla_data(a), 4);
		return v32;
	case 2:
		memcpy(&v16, nla_data(a), 2);
		return v16;
	case 1:
		return *(const uint8_t *)nla_data(a);
	}
	return 0;
}

typedef int (*nl_cb)(const struct nlattr **tb, void *arg);

/*
 * Send one request and feed every reply message's attributes to cb until
 * NLMSG_DONE (dump) or the ACK / the single reply (do).  Returns 0 or a
 * negative errno (from the kernel or from the socket).
 */
static int nl_talk(struct nl_sock *s, struct nl_req *r, nl_cb cb, void *arg)
{
	bool dump = r->nh.nlmsg_flags & NLM_F_DUMP;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	const struct nlattr *tb[NL_MAXATTR + 1];

	r->nh.nlmsg_seq = ++s->seq;
	if (sendto(s->fd, r, r->nh.nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) != (ssize_t)r->nh.nlmsg_len)
		return -errno;
	for (;;) {
		ssize_t n = recv(s->fd, s->buf, sizeof(s->buf), MSG_TRUNC);
		struct nlmsghdr *nh;
		size_t left;

		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		if ((size_t)n > sizeof(s->buf))
			return -EMSGSIZE;
		left = n;
		for (nh = (struct nlmsghdr *)s->buf; NLMSG_OK(nh, left);
		     nh = NLMSG_NEXT(nh, left)) {
			if (nh->nlmsg_seq != s->seq)
				continue;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(nh);

				return e->error;
			}
			if (nh->nlmsg_type == NLMSG_DONE) {
				int err = 0;

				if (nh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(&err, NLMSG_DATA(nh), sizeof(int));
				return err;
			}
			if (nh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
				continue;
			nl_parse((const uint8_t *)NLMSG_DATA(nh) + GENL_HDRLEN,
				 nh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN),
				 tb, NL_MAXATTR);
			if (cb(tb, arg))
				return -EPROTO;
			if (!dump && !(r->nh.nlmsg_flags & NLM_F_ACK))
				return 0;
		}
	}
}

struct nl_family {
	uint16_t id;
	bool ops[NL_MAXATTR + 1];
};

static int nl_family_cb(const struct nlattr **tb, void *arg)
{
	struct nl_family *f = arg;
	const struct nlattr *op[CTRL_ATTR_OP_MAX + 1];
	const struct nlattr *a;
	const uint8_t *p;
	size_t len;

	if (!tb[CTRL_ATTR_FAMILY_ID])
		return -1;
	f->id = nla_uint(tb[CTRL_ATTR_FAMILY_ID]);
	if (!tb[CTRL_ATTR_OPS])
		return 0;
	/* CTRL_ATTR_OPS: nested array, each entry nests CTRL_ATTR_OP_ID */
	p = nla_data(tb[CTRL_ATTR_OPS]);
	len = tb[CTRL_ATTR_OPS]->nla_len - NLA_HDRLEN;
	while ((a = nla_next(&p, &len))) {
		nl_parse(nla_data(a), a->nla_len - NLA_HDRLEN, op,
			 CTRL_ATTR_OP_MAX);
		if (op[CTRL_ATTR_OP_ID] &&
		    nla_uint(op[CTRL_ATTR_OP_ID]) <= NL_MAXATTR)
			f->ops[nla_uint(op[CTRL_ATTR_OP_ID])] = true;
	}
	return 0;
}

static const char *nl_qtype(const struct nlattr *a)
{
	if (!a)
		return "none";
	switch (nla_uint(a)) {
	case NETDEV_QUEUE_TYPE_RX: return "rx";
	case NETDEV_QUEUE_TYPE_TX: return "tx";
	}
	return "unknown";
}

/* print attribute a as a number, or "none" */
static void nl_print_val(const char *key, const struct nlattr *a)
{
	if (a)
		printf(" %s=%llu", key, (unsigned long long)nla_uint(a));
	else
		printf(" %s=none", key);
}

struct nl_count {
	uint32_t ifindex;
	unsigned int n;
};

/* dumps filtered by ifindex: ignore anything of another device */
static bool nl_other_dev(const struct nlattr *a, const struct nl_count *c)
{
	return a && nla_uint(a) != c->ifindex;
}

static int nl_queue_cb(const struct nlattr **tb, void *arg)
{
	struct nl_count *c = arg;

	if (nl_other_dev(tb[NETDEV_A_QUEUE_IFINDEX], c))
		return 0;
	printf("queue type=%s", nl_qtype(tb[NETDEV_A_QUEUE_TYPE]));
	nl_print_val("id", tb[NETDEV_A_QUEUE_ID]);
	nl_print_val("napi", tb[NETDEV_A_QUEUE_NAPI_ID]);
	printf("\n");
	c->n++;
	return 0;
}

static int nl_napi_cb(const struct nlattr **tb, void *arg)
{
	struct nl_count *c = arg;

	if (nl_other_dev(tb[NETDEV_A_NAPI_IFINDEX], c))
		return 0;
	printf("napi");
	nl_print_val("id", tb[NETDEV_A_NAPI_ID]);
	nl_print_val("irq", tb[NETDEV_A_NAPI_IRQ]);
	printf("\n");
	c->n++;
	return 0;
}

static int nl_qstats_cb(const struct nlattr **tb, void *arg)
{
	struct nl_count *c = arg;
	bool rx;

	if (nl_other_dev(tb[NETDEV_A_QSTATS_IFINDEX], c))
		return 0;
	rx = tb[NETDEV_A_QSTATS_QUEUE_TYPE] &&
	     nla_uint(tb[NETDEV_A_QSTATS_QUEUE_TYPE]) == NETDEV_QUEUE_TYPE_RX;
	printf("qstats type=%s", nl_qtype(tb[NETDEV_A_QSTATS_QUEUE_TYPE]));
	nl_print_val("id", tb[NETDEV_A_QSTATS_QUEUE_ID]);
	nl_print_val("packets", tb[rx ? NETDEV_A_QSTATS_RX_PACKETS :
					NETDEV_A_QSTATS_TX_PACKETS]);
	nl_print_val("bytes", tb[rx ? NETDEV_A_QSTATS_RX_BYTES :
				      NETDEV_A_QSTATS_TX_BYTES]);
	printf("\n");
	c->n++;
	return 0;
}

static int nl_total_cb(const struct nlattr **tb, void *arg)
{
	struct nl_count *c = arg;

	if (nl_other_dev(tb[NETDEV_A_QSTATS_IFINDEX], c))
		return 0;
	printf("qstats total");
	nl_print_val("rx-packets", tb[NETDEV_A_QSTATS_RX_PACKETS]);
	nl_print_val("rx-bytes", tb[NETDEV_A_QSTATS_RX_BYTES]);
	nl_print_val("tx-packets", tb[NETDEV_A_QSTATS_TX_PACKETS]);
	nl_print_val("tx-bytes", tb[NETDEV_A_QSTATS_TX_BYTES]);
	printf("\n");
	c->n++;
	return 0;
}

static int nl_fail(const char *what, int err)
{
	fprintf(stderr, "e82574-tool: nl-queues: %s: %s\n", what,
		strerror(-err));
	return 1;
}

/*
 * Open a generic netlink socket on the netdev family.  Returns 0, or 3
 * (with a message) if the kernel has no such family or no command @need.
 */
static int nl_netdev_open(struct nl_sock *s, struct nl_family *fam,
			  const char *who, uint8_t need, const char *need_name)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 10 };
	struct nl_req r;
	int err;

	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s->fd < 0)
		die("%s", "socket(AF_NETLINK, NETLINK_GENERIC)");
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("%s", "bind(AF_NETLINK)");
	setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

	nl_req_init(&r, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY);
	nl_req_put(&r, CTRL_ATTR_FAMILY_NAME, NETDEV_FAMILY_NAME,
		   sizeof(NETDEV_FAMILY_NAME));
	err = nl_talk(s, &r, nl_family_cb, fam);
	if (err || !fam->id) {
		fprintf(stderr, "e82574-tool: %s: no generic netlink "
			"family \"%s\": %s\n", who, NETDEV_FAMILY_NAME,
			err ? strerror(-err) : "no family id");
		return 3;
	}
	s->family = fam->id;
	if (!fam->ops[need]) {
		fprintf(stderr, "e82574-tool: %s: family \"%s\" has no "
			"command %s (%u)\n", who, NETDEV_FAMILY_NAME,
			need_name, need);
		return 3;
	}
	return 0;
}

static int nl_pool_cb(const struct nlattr **tb, void *arg)
{
	struct nl_count *c = arg;

	if (c->ifindex && (!tb[NETDEV_A_PAGE_POOL_IFINDEX] ||
			   nla_uint(tb[NETDEV_A_PAGE_POOL_IFINDEX]) !=
			   c->ifindex))
		return 0;
	printf("pool");
	nl_print_val("id", tb[NETDEV_A_PAGE_POOL_ID]);
	nl_print_val("ifindex", tb[NETDEV_A_PAGE_POOL_IFINDEX]);
	nl_print_val("napi", tb[NETDEV_A_PAGE_POOL_NAPI_ID]);
	nl_print_val("inflight", tb[NETDEV_A_PAGE_POOL_INFLIGHT]);
	nl_print_val("inflight-mem", tb[NETDEV_A_PAGE_POOL_INFLIGHT_MEM]);
	nl_print_val("detached", tb[NETDEV_A_PAGE_POOL_DETACH_TIME]);
	printf("\n");
	c->n++;
	return 0;
}

static int cmd_nl_pools(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ifname", required_argument, NULL, 'i' },
		{ }
	};
	static struct nl_sock s;
	struct nl_family fam = { };
	struct nl_count cnt = { };
	const char *ifname = NULL;
	struct nl_req r;
	int o, err;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'i': ifname = optarg; break;
		default: return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: e82574-tool nl-pools [--ifname IF]\n");
		return 2;
	}
	if (ifname) {
		cnt.ifindex = if_nametoindex(ifname);
		if (!cnt.ifindex)
			die("no interface %s", ifname);
	}
	err = nl_netdev_open(&s, &fam, "nl-pools", NETDEV_CMD_PAGE_POOL_GET,
			     "NETDEV_CMD_PAGE_POOL_GET");
	if (err)
		return err;
	/* The dump has no ifindex filter: every pool comes, cb filters. */
	nl_req_init(&r, s.family, NLM_F_DUMP, NETDEV_CMD_PAGE_POOL_GET);
	err = nl_talk(&s, &r, nl_pool_cb, &cnt);
	close(s.fd);
	if (err) {
		fprintf(stderr, "e82574-tool: nl-pools: page-pool-get dump: "
			"%s\n", strerror(-err));
		return 1;
	}
	return 0;
}

static int cmd_nl_queues(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ifname", required_argument, NULL, 'i' },
		{ }
	};
	static const struct {
		uint8_t cmd;
		const char *name;
	} need[] = {
		{ NETDEV_CMD_QUEUE_GET, "NETDEV_CMD_QUEUE_GET" },
		{ NETDEV_CMD_NAPI_GET, "NETDEV_CMD_NAPI_GET" },
		{ NETDEV_CMD_QSTATS_GET, "NETDEV_CMD_QSTATS_GET" },
	};
	static struct nl_sock s;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 10 };
	struct nl_family fam = { };
	struct nl_count cnt = { };
	const char *ifname = NULL;
	struct nl_req r;
	unsigned int i;
	int o, err;

	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'i': ifname = optarg; break;
		default: return 2;
		}
	}
	if (!ifname || optind != argc) {
		fprintf(stderr, "usage: e82574-tool nl-queues --ifname IF\n");
		return 2;
	}
	cnt.ifindex = if_nametoindex(ifname);
	if (!cnt.ifindex)
		die("no interface %s", ifname);

	s.fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (s.fd < 0)
		die("%s", "socket(AF_NETLINK, NETLINK_GENERIC)");
	if (bind(s.fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("%s", "bind(AF_NETLINK)");
	setsockopt(s.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

	nl_req_init(&r, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY);
	nl_req_put(&r, CTRL_ATTR_FAMILY_NAME, NETDEV_FAMILY_NAME,
		   sizeof(NETDEV_FAMILY_NAME));
	err = nl_talk(&s, &r, nl_family_cb, &fam);
	if (err || !fam.id) {
		fprintf(stderr, "e82574-tool: nl-queues: no generic netlink "
			"family \"%s\": %s\n", NETDEV_FAMILY_NAME,
			err ? strerror(-err) : "no family id");
		return 1;
	}
	s.family = fam.id;
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		if (!fam.ops[need[i].cmd]) {
			fprintf(stderr, "e82574-tool: nl-queues: family "
				"\"%s\" has no command %s (%u)\n",
				NETDEV_FAMILY_NAME, need[i].name,
				need[i].cmd);
			return 1;
		}
	}

	nl_req_init(&r, s.family, NLM_F_DUMP, NETDEV_CMD_QUEUE_GET);
	nl_req_put_u32(&r, NETDEV_A_QUEUE_IFINDEX, cnt.ifindex);
	err = nl_talk(&s, &r, nl_queue_cb, &cnt);
	if (err)
		return nl_fail("queue-get dump", err);

	nl_req_init(&r, s.family, NLM_F_DUMP, NETDEV_CMD_NAPI_GET);
	nl_req_put_u32(&r, NETDEV_A_NAPI_IFINDEX, cnt.ifindex);
	err = nl_talk(&s, &r, nl_napi_cb, &cnt);
	if (err)
		return nl_fail("napi-get dump", err);

	nl_req_init(&r, s.family, NLM_F_DUMP, NETDEV_CMD_QSTATS_GET);
	nl_req_put_u32(&r, NETDEV_A_QSTATS_IFINDEX, cnt.ifindex);
	nl_req_put_u32(&r, NETDEV_A_QSTATS_SCOPE, NETDEV_QSTATS_SCOPE_QUEUE);
	err = nl_talk(&s, &r, nl_qstats_cb, &cnt);
	if (err)
		return nl_fail("qstats-get dump (scope queue)", err);

	cnt.n = 0;
	nl_req_init(&r, s.family, NLM_F_DUMP, NETDEV_CMD_QSTATS_GET);
	nl_req_put_u32(&r, NETDEV_A_QSTATS_IFINDEX, cnt.ifindex);
	err = nl_talk(&s, &r, nl_total_cb, &cnt);
	if (err)
		return nl_fail("qstats-get dump (device)", err);
	if (!cnt.n) {
		fprintf(stderr, "e82574-tool: nl-queues: no device totals "
			"for %s (no get_base_stats?)\n", ifname);
		return 1;
	}
	close(s.fd);
	return 0;
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

/* ------------------------------------------------------------ PTP clock */

#define FD_TO_CLOCKID(fd)	((~(clockid_t)(fd) << 3) | 3)

static long long ts_ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long long clk_ns(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return ts_ns(&t);
}

/* PHC and REF read together: REF is the midpoint of two reads around it. */
static int phc_pair(clockid_t phc, clockid_t ref, long long *p, long long *r)
{
	struct timespec t;
	long long a, b, best = -1;
	int i;

	for (i = 0; i < 5; i++) {
		a = clk_ns(ref);
		if (clock_gettime(phc, &t))
			return -1;
		b = clk_ns(ref);
		if (best < 0 || b - a < best) {
			best = b - a;
			*p = ts_ns(&t);
			*r = a + (b - a) / 2;
		}
	}
	return 0;
}

static int cmd_phc(int argc, char **argv)
{
	long long p0, r0, p1, r1;
	struct timex tx = { 0 };
	struct timespec t;
	clockid_t clk;
	int fd, ret = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: e82574-tool phc DEV get|boot-off|"
			"rate MS|set SEC|adj NS|freq PPB\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	clk = FD_TO_CLOCKID(fd);
	if (!strcmp(argv[2], "get")) {
		ret = clock_gettime(clk, &t);
		if (!ret)
			printf("phc=%lld\n", ts_ns(&t));
	} else if (!strcmp(argv[2], "boot-off")) {
		ret = phc_pair(clk, CLOCK_BOOTTIME, &p0, &r0);
		if (!ret)
			printf("off=%lld\n", p0 - r0);
	} else if (!strcmp(argv[2], "rate") && argc > 3) {
		ret = phc_pair(clk, CLOCK_MONOTONIC_RAW, &p0, &r0);
		usleep(atoi(argv[3]) * 1000);
		if (!ret)
			ret = phc_pair(clk, CLOCK_MONOTONIC_RAW, &p1, &r1);
		if (!ret)
			printf("ppm=%lld\n",
			       ((p1 - p0) - (r1 - r0)) * 1000000LL / (r1 - r0));
	} else if (!strcmp(argv[2], "set") && argc > 3) {
		t.tv_sec = atoll(argv[3]);
		t.tv_nsec = 0;
		ret = clock_settime(clk, &t);
	} else if (!strcmp(argv[2], "adj") && argc > 3) {
		long long ns = atoll(argv[3]);

		tx.modes = ADJ_SETOFFSET | ADJ_NANO;
		tx.time.tv_sec = ns / 1000000000LL;
		tx.time.tv_usec = ns % 1000000000LL;
		if (tx.time.tv_usec < 0) {
			tx.time.tv_sec--;
			tx.time.tv_usec += 1000000000LL;
		}
		ret = clock_adjtime(clk, &tx) < 0 ? -1 : 0;
	} else if (!strcmp(argv[2], "freq") && argc > 3) {
		tx.modes = ADJ_FREQUENCY;
		/* scaled ppm: ppm with a 16-bit fraction */
		tx.freq = atoll(argv[3]) * 65536LL / 1000;
		ret = clock_adjtime(clk, &tx) < 0 ? -1 : 0;
	} else {
		fprintf(stderr, "phc: unknown operation %s\n", argv[2]);
		close(fd);
		return 2;
	}
	if (ret)
		fprintf(stderr, "phc %s: %s\n", argv[2], strerror(errno));
	close(fd);
	return ret ? 1 : 0;
}

static int cmd_hwtstamp(int argc, char **argv)
{
	struct hwtstamp_config cfg = { 0 };
	struct ifreq ifr;
	int fd, ret = 0;

	if (argc != 2 && argc != 4) {
		fprintf(stderr, "usage: e82574-tool hwtstamp IF [TX RX]\n");
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return 1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	ifr.ifr_data = (void *)&cfg;
	if (argc == 4) {
		cfg.tx_type = atoi(argv[2]);
		cfg.rx_filter = atoi(argv[3]);
		if (ioctl(fd, SIOCSHWTSTAMP, &ifr)) {
			fprintf(stderr, "SIOCSHWTSTAMP: %s\n", strerror(errno));
			ret = 1;
		}
	}
	memset(&cfg, 0, sizeof(cfg));
	if (ioctl(fd, SIOCGHWTSTAMP, &ifr)) {
		fprintf(stderr, "SIOCGHWTSTAMP: %s\n", strerror(errno));
		ret = 1;
	} else {
		printf("tx=%d rx=%d\n", cfg.tx_type, cfg.rx_filter);
	}
	close(fd);
	return ret;
}

static int cmd_tstamp_tx(int argc, char **argv)
{
	int flags = SOF_TIMESTAMPING_TX_HARDWARE |
		    SOF_TIMESTAMPING_TX_SOFTWARE |
		    SOF_TIMESTAMPING_RAW_HARDWARE |
		    SOF_TIMESTAMPING_SOFTWARE;
	unsigned char msg[44] = { 0x00, 0x02 };	/* PTPv2 Sync */
	struct sockaddr_in dst = { .sin_family = AF_INET,
				   .sin_port = htons(319) };
	long long hwns = 0, deadline;
	bool sw = false, hw = false;
	int fd;

	if (argc != 3 || inet_pton(AF_INET, argv[2], &dst.sin_addr) != 1) {
		fprintf(stderr, "usage: e82574-tool tstamp-tx IF DST-IPV4\n");
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, argv[1],
		       strlen(argv[1]) + 1) ||
	    setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPING, &flags,
		       sizeof(flags))) {
		fprintf(stderr, "socket setup: %s\n", strerror(errno));
		return 1;
	}
	if (sendto(fd, msg, sizeof(msg), 0, (struct sockaddr *)&dst,
		   sizeof(dst)) < 0) {
		fprintf(stderr, "sendto: %s\n", strerror(errno));
		return 1;
	}
	deadline = clk_ns(CLOCK_MONOTONIC) + 3000000000LL;
	while (!(sw && hw) && clk_ns(CLOCK_MONOTONIC) < deadline) {
		char data[256], ctrl[512];
		struct iovec iov = { data, sizeof(data) };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = ctrl,
				     .msg_controllen = sizeof(ctrl) };
		struct pollfd pfd = { .fd = fd, .events = POLLERR };
		struct cmsghdr *c;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		if (recvmsg(fd, &mh, MSG_ERRQUEUE) < 0)
			continue;
		for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
			struct scm_timestamping *st;

			if (c->cmsg_level != SOL_SOCKET ||
			    c->cmsg_type != SCM_TIMESTAMPING)
				continue;
			st = (struct scm_timestamping *)CMSG_DATA(c);
			if (st->ts[0].tv_sec || st->ts[0].tv_nsec)
				sw = true;
			if (st->ts[2].tv_sec || st->ts[2].tv_nsec) {
				hw = true;
				hwns = st->ts[2].tv_sec * 1000000000LL +
				       st->ts[2].tv_nsec;
			}
		}
	}
	printf("sw=%d hw=%d hwns=%lld\n", sw, hw, hwns);
	close(fd);
	return 0;
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
	if (argc >= 2 && !strcmp(argv[1], "get-rss"))
		return cmd_get_rss(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "set-indir"))
		return cmd_set_indir(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "rss-check"))
		return cmd_rss_check(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "rand-key"))
		return cmd_rand_key(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "reg"))
		return cmd_reg(argc - 1, argv + 1, false);
	if (argc >= 2 && !strcmp(argv[1], "regs"))
		return cmd_reg(argc - 1, argv + 1, true);
	if (argc >= 2 && !strcmp(argv[1], "nl-queues"))
		return cmd_nl_queues(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "nl-pools"))
		return cmd_nl_pools(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "mii"))
		return cmd_mii(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "phc"))
		return cmd_phc(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "hwtstamp"))
		return cmd_hwtstamp(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "tstamp-tx"))
		return cmd_tstamp_tx(argc - 1, argv + 1);
	fprintf(stderr, "usage: e82574-tool ctl|rx|txgen|wait-carrier|"
		"get-rss|set-indir|rss-check|rand-key|reg|regs|nl-queues|nl-pools|"
		"mii|phc|hwtstamp|tstamp-tx ...\n"
		"(see the comment block at the top of e82574-tool.c)\n");
	return 2;
}
