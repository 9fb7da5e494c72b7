// SPDX-License-Identifier: GPL-2.0
/*
 * e82574-xdp - guest-side XDP test tool (run as root in the VM, linked
 * statically).  Needs neither clang, libbpf nor a mounted bpffs: the
 * programs are raw eBPF instructions loaded with bpf(2), attached with
 * rtnetlink, and stay attached to the interface after the tool exits;
 * their counter map is found again by its id.
 *
 *  e82574-xdp attach IFNAME ACTION [--redirect IFNAME2] [--skb]
 *	Create a BPF_MAP_TYPE_ARRAY map of 2 u64 entries (0 = frames,
 *	1 = bytes), load an XDP program (license GPL) for ACTION and
 *	attach it to IFNAME with RTM_SETLINK / IFLA_XDP in native driver
 *	mode (XDP_FLAGS_DRV_MODE; --skb: generic mode, XDP_FLAGS_SKB_MODE),
 *	replacing a program already attached in that mode.  ACTION is
 *	pass, drop, tx, redirect (needs --redirect IFNAME2) or aborted.
 *	If the verifier refuses the program, the load is repeated with
 *	log_level 1 and the verifier log goes to stderr.  Prints
 *	  attached ifindex=N prog_id=P map_id=M action=A
 *
 *  e82574-xdp count MAP_ID
 *	Print the counters of the map with id MAP_ID:
 *	  frames=F bytes=B
 *
 *  e82574-xdp detach IFNAME [--skb]
 *	Detach the native (--skb: generic) XDP program of IFNAME (IFLA_XDP_FD
 *	-1) and print
 *	  detached ifindex=N
 *
 *  e82574-xdp query IFNAME
 *	Print the id of the XDP program attached to IFNAME (RTM_GETLINK,
 *	IFLA_XDP_PROG_ID; with programs in several modes the native one),
 *	0 if none:
 *	  prog_id=P
 *
 *  e82574-xdp xsk IFNAME QUEUE COUNT [--timeout-ms T] [--skb]
 *	Receive frames of RX queue QUEUE (0..63) of IFNAME with an AF_XDP
 *	socket in copy mode (bind flag XDP_COPY).  Its UMEM is 4096 frames
 *	of 2048 bytes (anonymous mmap, XDP_UMEM_REG, no headroom); the fill
 *	ring has 4096 entries and starts with every frame on it, the
 *	completion ring 64 (bind needs one; unused), the RX ring 2048; no
 *	TX ring.  After the bind the socket goes to key QUEUE of a
 *	BPF_MAP_TYPE_XSKMAP (64 entries), and the xsk program below, with
 *	the counter map of "attach", is attached like "attach" does
 *	(native, --skb: generic mode, replacing a program in that mode).
 *	Received frames are counted and their buffers go back to the fill
 *	ring.  It stops after COUNT frames, when T ms (default 10000) pass
 *	without a new frame, on a socket error or on SIGINT/SIGTERM,
 *	detaches the program (also after any error once attached) and
 *	prints
 *	  xsk frames=F bytes=B queue=Q mode=copy
 *	exiting 0 iff F >= COUNT and the detach worked, 1 otherwise
 *	(errors before the receive loop print no line).  Short of COUNT,
 *	the program's counters (all frames it saw, any queue) and the
 *	socket's XDP_STATISTICS go to stderr:
 *	  e82574-xdp: xsk: prog_frames=F prog_bytes=B rx_dropped=N
 *	  rx_invalid_descs=N rx_ring_full=N rx_fill_ring_empty_descs=N
 *	(one line).  Frames longer than 2048 - 256 (XDP_PACKET_HEADROOM)
 *	bytes do not fit a UMEM frame and count as rx_dropped.  Nothing is
 *	printed before the end: wait for "query IFNAME" to show a program
 *	before sending.
 *
 * Errors go to stderr and exit 1 (usage errors: exit 2).  A netlink
 * refusal prints the kernel's extack message, if any, as "Error: MSG".
 *
 * Program layout (r1 = struct xdp_md *, r10 = frame pointer).  Every
 * program starts with the same counting prologue:
 *
 *  0	r6 = r1			; ctx, kept across the calls
 *  1	r2 = *(u32 *)(r6 + 0)	; ctx->data
 *  2	r3 = *(u32 *)(r6 + 4)	; ctx->data_end
 *  3	r7 = r3
 *  4	r7 -= r2		; frame length (ptr - ptr: CAP_PERFMON)
 *  5	*(u32 *)(r10 - 4) = 0	; key 0 on the stack
 *  6	r2 = r10
 *  7	r2 += -4
 *  8	r1 = map		; ld_imm64 BPF_PSEUDO_MAP_FD, 2 slots
 * 10	call bpf_map_lookup_elem
 * 11	if r0 == 0 goto 14
 * 12	r1 = 1
 * 13	lock *(u64 *)(r0 + 0) += r1
 *				; BPF_STX | BPF_ATOMIC | BPF_DW, imm
 *				; BPF_ADD (= BPF_XADD, imm 0)
 * 14	*(u32 *)(r10 - 4) = 1	; key 1
 * 15	r2 = r10
 * 16	r2 += -4
 * 17	r1 = map		; 2 slots
 * 19	call bpf_map_lookup_elem
 * 20	if r0 == 0 goto 22
 * 21	lock *(u64 *)(r0 + 0) += r7
 *
 * followed by the action:
 *
 * pass, drop, aborted:
 * 22	r0 = XDP_PASS | XDP_DROP | XDP_ABORTED
 * 23	exit
 *
 * tx (the packet pointers are reloaded: the helper calls invalidated
 * them):
 * 22	r2 = *(u32 *)(r6 + 0)	; data
 * 23	r3 = *(u32 *)(r6 + 4)	; data_end
 * 24	r4 = r2
 * 25	r4 += 14
 * 26	if r4 > r3 goto 41	; shorter than an Ethernet header
 * 27-38	for k = 0, 2, 4: swap the destination and source MAC, 16 bits
 *	at a time (2-byte accesses: aligned with NET_IP_ALIGN 0 or 2)
 *	  r4 = *(u16 *)(r2 + k)
 *	  r5 = *(u16 *)(r2 + k + 6)
 *	  *(u16 *)(r2 + k) = r5
 *	  *(u16 *)(r2 + k + 6) = r4
 * 39	r0 = XDP_TX
 * 40	exit
 * 41	r0 = XDP_DROP
 * 42	exit
 *
 * redirect:
 * 22	r1 = ifindex of IFNAME2
 * 23	r2 = 0			; flags
 * 24	call bpf_redirect	; XDP_REDIRECT (XDP_ABORTED if flags bad)
 * 25	exit
 *
 * xsk (the frame goes to the socket at key rx_queue_index of the
 * XSKMAP; with none there it goes to the stack: the flags are the
 * fallback action since Linux 5.3, older kernels abort the frame):
 * 22	r2 = *(u32 *)(r6 + 16)	; ctx->rx_queue_index
 * 23	r1 = xskmap		; ld_imm64 BPF_PSEUDO_MAP_FD, 2 slots
 * 25	r3 = XDP_PASS		; flags
 * 26	call bpf_redirect_map	; XDP_REDIRECT, or XDP_PASS
 * 27	exit
 */
#define _GNU_SOURCE		/* ppoll() */
#define _FILE_OFFSET_BITS 64	/* the ring mmap offsets */
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <linux/if_xdp.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK	11
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED	0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS	0x200
#endif
#ifndef BPF_ATOMIC
#define BPF_ATOMIC	0xc0	/* BPF_XADD */
#endif
#ifndef XDP_FLAGS_SKB_MODE
#define XDP_FLAGS_SKB_MODE	(1U << 1)
#endif
#ifndef XDP_FLAGS_DRV_MODE
#define XDP_FLAGS_DRV_MODE	(1U << 2)
#endif
#ifndef AF_XDP
#define AF_XDP		44
#endif
#ifndef SOL_XDP
#define SOL_XDP		283
#endif

#define PROG_NAME	"e82574-xdp"
#define MAX_INSNS	64
#define LOG_SIZE	(256 * 1024)
#define NL_BUF		(64 * 1024)

/* xsk: all ring sizes are powers of 2; the fill ring holds every frame */
#define XSK_FRAMES	4096
#define XSK_FRAME_SIZE	2048
#define XSK_FILL_SIZE	XSK_FRAMES
#define XSK_COMP_SIZE	64
#define XSK_RX_SIZE	2048
#define XSK_MAP_SIZE	64
#define XSK_TIMEOUT_MS	10000

/* eBPF instruction builders */
#define INSN(c, d, s, o, i)						\
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
			    .off = (o), .imm = (i) })
#define ALU64_X(op, d, s)	INSN(BPF_ALU64 | (op) | BPF_X, d, s, 0, 0)
#define ALU64_K(op, d, i)	INSN(BPF_ALU64 | (op) | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s)		ALU64_X(BPF_MOV, d, s)
#define MOV64_IMM(d, i)		ALU64_K(BPF_MOV, d, i)
#define ADD64_IMM(d, i)		ALU64_K(BPF_ADD, d, i)
#define SUB64_REG(d, s)		ALU64_X(BPF_SUB, d, s)
#define LDX(sz, d, s, o)	INSN(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define STX(sz, d, s, o)	INSN(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define ST_IMM(sz, d, o, i)	INSN(BPF_ST | BPF_MEM | (sz), d, 0, o, i)
#define ATOMIC_ADD64(d, s, o)	\
	INSN(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, o, BPF_ADD)
#define JEQ_IMM(d, i, o)	INSN(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JGT_REG(d, s, o)	INSN(BPF_JMP | BPF_JGT | BPF_X, d, s, o, 0)
#define CALL(fn)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, fn)
#define EXIT()			INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

enum action { A_PASS, A_DROP, A_TX, A_REDIRECT, A_ABORTED, A_NR };

static const char *const action_names[A_NR] = {
	[A_PASS] = "pass", [A_DROP] = "drop", [A_TX] = "tx",
	[A_REDIRECT] = "redirect", [A_ABORTED] = "aborted",
};

struct prog {
	struct bpf_insn insn[MAX_INSNS];
	int n;
};

static void emit(struct prog *p, struct bpf_insn insn)
{
	if (p->n >= MAX_INSNS) {
		fprintf(stderr, PROG_NAME ": program too long\n");
		exit(1);
	}
	p->insn[p->n++] = insn;
}

/* the two slots of "r = map", resolved by the verifier from the fd */
static void emit_ld_map_fd(struct prog *p, int reg, int fd)
{
	emit(p, INSN(BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_FD, 0,
		     fd));
	emit(p, INSN(0, 0, 0, 0, 0));
}

/* point the jump at index @from to the next instruction emitted */
static void patch_jump(struct prog *p, int from)
{
	p->insn[from].off = p->n - from - 1;
}

/* *(u64 *)map[key] += reg, if the lookup succeeds */
static void emit_count(struct prog *p, int map_fd, int key, int reg, int imm)
{
	int j;

	emit(p, ST_IMM(BPF_W, BPF_REG_10, -4, key));
	emit(p, MOV64_REG(BPF_REG_2, BPF_REG_10));
	emit(p, ADD64_IMM(BPF_REG_2, -4));
	emit_ld_map_fd(p, BPF_REG_1, map_fd);
	emit(p, CALL(BPF_FUNC_map_lookup_elem));
	j = p->n;
	emit(p, JEQ_IMM(BPF_REG_0, 0, 0));
	if (reg < 0) {
		emit(p, MOV64_IMM(BPF_REG_1, imm));
		reg = BPF_REG_1;
	}
	emit(p, ATOMIC_ADD64(BPF_REG_0, reg, 0));
	patch_jump(p, j);
}

/* the counting prologue of every program, instructions 0-21 */
static void emit_prologue(struct prog *p, int map_fd)
{
	p->n = 0;
	emit(p, MOV64_REG(BPF_REG_6, BPF_REG_1));
	emit(p, LDX(BPF_W, BPF_REG_2, BPF_REG_6,
		    offsetof(struct xdp_md, data)));
	emit(p, LDX(BPF_W, BPF_REG_3, BPF_REG_6,
		    offsetof(struct xdp_md, data_end)));
	emit(p, MOV64_REG(BPF_REG_7, BPF_REG_3));
	emit(p, SUB64_REG(BPF_REG_7, BPF_REG_2));
	emit_count(p, map_fd, 0, -1, 1);
	emit_count(p, map_fd, 1, BPF_REG_7, 0);
}

static void build_prog(struct prog *p, enum action a, int map_fd,
		       int redirect_ifindex)
{
	static const int ret[A_NR] = {
		[A_PASS] = XDP_PASS, [A_DROP] = XDP_DROP,
		[A_ABORTED] = XDP_ABORTED,
	};
	int j, k;

	emit_prologue(p, map_fd);
	switch (a) {
	case A_TX:
		emit(p, LDX(BPF_W, BPF_REG_2, BPF_REG_6,
			    offsetof(struct xdp_md, data)));
		emit(p, LDX(BPF_W, BPF_REG_3, BPF_REG_6,
			    offsetof(struct xdp_md, data_end)));
		emit(p, MOV64_REG(BPF_REG_4, BPF_REG_2));
		emit(p, ADD64_IMM(BPF_REG_4, 14));
		j = p->n;
		emit(p, JGT_REG(BPF_REG_4, BPF_REG_3, 0));
		for (k = 0; k < 6; k += 2) {
			emit(p, LDX(BPF_H, BPF_REG_4, BPF_REG_2, k));
			emit(p, LDX(BPF_H, BPF_REG_5, BPF_REG_2, k + 6));
			emit(p, STX(BPF_H, BPF_REG_2, BPF_REG_5, k));
			emit(p, STX(BPF_H, BPF_REG_2, BPF_REG_4, k + 6));
		}
		emit(p, MOV64_IMM(BPF_REG_0, XDP_TX));
		emit(p, EXIT());
		patch_jump(p, j);
		emit(p, MOV64_IMM(BPF_REG_0, XDP_DROP));
		emit(p, EXIT());
		break;
	case A_REDIRECT:
		emit(p, MOV64_IMM(BPF_REG_1, redirect_ifindex));
		emit(p, MOV64_IMM(BPF_REG_2, 0));
		emit(p, CALL(BPF_FUNC_redirect));
		emit(p, EXIT());
		break;
	default:
		emit(p, MOV64_IMM(BPF_REG_0, ret[a]));
		emit(p, EXIT());
		break;
	}
}

static void build_xsk_prog(struct prog *p, int map_fd, int xskmap_fd)
{
	emit_prologue(p, map_fd);
	emit(p, LDX(BPF_W, BPF_REG_2, BPF_REG_6,
		    offsetof(struct xdp_md, rx_queue_index)));
	emit_ld_map_fd(p, BPF_REG_1, xskmap_fd);
	emit(p, MOV64_IMM(BPF_REG_3, XDP_PASS));
	emit(p, CALL(BPF_FUNC_redirect_map));
	emit(p, EXIT());
}

/* bpf(2) */

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static int fail(const char *what)
{
	fprintf(stderr, PROG_NAME ": %s: %s\n", what, strerror(errno));
	return -1;
}

/* a map with u32 keys */
static int map_new(uint32_t type, uint32_t value_size, uint32_t entries,
		   const char *name)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = type;
	attr.key_size = sizeof(uint32_t);
	attr.value_size = value_size;
	attr.max_entries = entries;
	snprintf(attr.map_name, sizeof(attr.map_name), "%s", name);
	fd = sys_bpf(BPF_MAP_CREATE, &attr);
	if (fd < 0) {
		fprintf(stderr, PROG_NAME ": BPF_MAP_CREATE %s: %s\n", name,
			strerror(errno));
		return -1;
	}
	return fd;
}

/* the counter map: 0 = frames, 1 = bytes */
static int map_create(void)
{
	return map_new(BPF_MAP_TYPE_ARRAY, sizeof(uint64_t), 2,
		       "e82574_xdp_cnt");
}

static int counters_read(int fd, uint64_t v[2])
{
	union bpf_attr attr;
	uint32_t key;

	for (key = 0; key < 2; key++) {
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = fd;
		attr.key = (uintptr_t)&key;
		attr.value = (uintptr_t)&v[key];
		if (sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr) < 0)
			return fail("BPF_MAP_LOOKUP_ELEM");
	}
	return 0;
}

/* load the program named "e82574_@name" */
static int prog_load(const struct prog *p, const char *name)
{
	static char log[LOG_SIZE];
	union bpf_attr attr;
	int fd, err;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (uintptr_t)p->insn;
	attr.insn_cnt = p->n;
	attr.license = (uintptr_t)"GPL";
	snprintf(attr.prog_name, sizeof(attr.prog_name), "e82574_%s", name);
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd >= 0)
		return fd;
	err = errno;

	/* again, with the verifier's reasoning */
	log[0] = 0;
	attr.log_level = 1;
	attr.log_buf = (uintptr_t)log;
	attr.log_size = sizeof(log);
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd >= 0) {
		/* should not happen; use it anyway */
		return fd;
	}
	errno = err;
	fail("BPF_PROG_LOAD");
	if (log[0])
		fprintf(stderr, "verifier log:\n%s", log);
	return -1;
}

static int obj_id(int fd, void *info, uint32_t len, const char *what)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = len;
	attr.info.info = (uintptr_t)info;
	if (sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr) < 0)
		return fail(what);
	return 0;
}

static int prog_id(int fd, uint32_t *id)
{
	struct bpf_prog_info info;

	memset(&info, 0, sizeof(info));
	if (obj_id(fd, &info, sizeof(info), "BPF_OBJ_GET_INFO_BY_FD prog"))
		return -1;
	*id = info.id;
	return 0;
}

static int map_id(int fd, uint32_t *id)
{
	struct bpf_map_info info;

	memset(&info, 0, sizeof(info));
	if (obj_id(fd, &info, sizeof(info), "BPF_OBJ_GET_INFO_BY_FD map"))
		return -1;
	*id = info.id;
	return 0;
}

/* rtnetlink */

static char nl_buf[NL_BUF] __attribute__((aligned(NLMSG_ALIGNTO)));

static int nl_open(void)
{
	int fd, one = 1;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return fail("socket(AF_NETLINK)");
	/* extended ACKs: the driver's refusal text; ignore if unsupported */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	return fd;
}

static struct rtattr *rta_add(struct nlmsghdr *nlh, int type,
			      const void *data, int len)
{
	struct rtattr *rta;

	rta = (struct rtattr *)((char *)nlh + NLMSG_ALIGN(nlh->nlmsg_len));
	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + RTA_ALIGN(rta->rta_len);
	return rta;
}

static void rta_nest_end(struct nlmsghdr *nlh, struct rtattr *nest)
{
	nest->rta_len = (char *)nlh + nlh->nlmsg_len - (char *)nest;
}

/* print the extack message (and offset) of an NLMSG_ERROR, if any */
static void nl_extack(const struct nlmsghdr *nlh, bool error)
{
	const struct nlmsgerr *e = NLMSG_DATA(nlh);
	const struct rtattr *rta;
	unsigned int off;
	int len;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	len = (int)NLMSG_PAYLOAD(nlh, 0) - (int)off;
	rta = (const struct rtattr *)((const char *)e + off);
	for (; len > 0 && RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type != NLMSGERR_ATTR_MSG)
			continue;
		fprintf(stderr, "%s: %.*s\n", error ? "Error" : "Warning",
			(int)RTA_PAYLOAD(rta), (const char *)RTA_DATA(rta));
	}
}

/*
 * Send @req (NLM_F_REQUEST | NLM_F_ACK set here) and read the answers up
 * to its ACK.  Other messages of the request go to @cb.  Returns 0 on a
 * positive ACK, -1 (message on stderr) otherwise.
 */
static int nl_talk(int fd, struct nlmsghdr *req, const char *what,
		   void (*cb)(const struct nlmsghdr *nlh, void *arg),
		   void *arg)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	static uint32_t seq;
	struct nlmsghdr *nlh;
	ssize_t n;
	size_t len;

	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = ++seq;
	if (sendto(fd, req, req->nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		return fail(what);
	for (;;) {
		n = recv(fd, nl_buf, sizeof(nl_buf), MSG_TRUNC);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return fail(what);
		}
		if ((size_t)n > sizeof(nl_buf)) {
			fprintf(stderr, PROG_NAME ": %s: reply truncated\n",
				what);
			return -1;
		}
		len = n;
		for (nlh = (struct nlmsghdr *)nl_buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			const struct nlmsgerr *e;

			if (nlh->nlmsg_seq != req->nlmsg_seq)
				continue;
			if (nlh->nlmsg_type != NLMSG_ERROR) {
				if (cb)
					cb(nlh, arg);
				continue;
			}
			e = NLMSG_DATA(nlh);
			if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
				fprintf(stderr, PROG_NAME
					": %s: short NLMSG_ERROR\n", what);
				return -1;
			}
			nl_extack(nlh, e->error != 0);
			if (!e->error)
				return 0;
			errno = -e->error;
			return fail(what);
		}
	}
}

struct link_req {
	struct nlmsghdr nlh;
	struct ifinfomsg ifi;
	char attrs[64];
};

static void link_req_init(struct link_req *r, int type, int ifindex)
{
	memset(r, 0, sizeof(*r));
	r->nlh.nlmsg_len = NLMSG_LENGTH(sizeof(r->ifi));
	r->nlh.nlmsg_type = type;
	r->ifi.ifi_family = AF_UNSPEC;
	r->ifi.ifi_index = ifindex;
}

/* attach program @prog_fd (-1: detach) in mode @flags */
static int xdp_set(int ifindex, int prog_fd, uint32_t flags)
{
	struct link_req r;
	struct rtattr *nest;
	int fd, ret;

	fd = nl_open();
	if (fd < 0)
		return -1;
	link_req_init(&r, RTM_SETLINK, ifindex);
	nest = rta_add(&r.nlh, IFLA_XDP | NLA_F_NESTED, NULL, 0);
	rta_add(&r.nlh, IFLA_XDP_FD, &prog_fd, sizeof(prog_fd));
	rta_add(&r.nlh, IFLA_XDP_FLAGS, &flags, sizeof(flags));
	rta_nest_end(&r.nlh, nest);
	ret = nl_talk(fd, &r.nlh, "RTM_SETLINK IFLA_XDP", NULL, NULL);
	close(fd);
	return ret;
}

struct xdp_ids {
	bool seen;
	uint32_t prog, drv, skb, hw;
};

static void xdp_query_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct xdp_ids *ids = arg;
	const struct rtattr *rta, *x;
	int len, xlen;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return;
	len = (int)nlh->nlmsg_len - (int)NLMSG_LENGTH(sizeof(struct ifinfomsg));
	rta = IFLA_RTA((struct ifinfomsg *)NLMSG_DATA(nlh));
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if ((rta->rta_type & NLA_TYPE_MASK) != IFLA_XDP)
			continue;
		ids->seen = true;
		xlen = RTA_PAYLOAD(rta);
		for (x = RTA_DATA(rta); RTA_OK(x, xlen);
		     x = RTA_NEXT(x, xlen)) {
			uint32_t v;

			if (RTA_PAYLOAD(x) < sizeof(v))
				continue;
			memcpy(&v, RTA_DATA(x), sizeof(v));
			switch (x->rta_type & NLA_TYPE_MASK) {
			case IFLA_XDP_PROG_ID:
				ids->prog = v;
				break;
			case IFLA_XDP_DRV_PROG_ID:
				ids->drv = v;
				break;
			case IFLA_XDP_SKB_PROG_ID:
				ids->skb = v;
				break;
			case IFLA_XDP_HW_PROG_ID:
				ids->hw = v;
				break;
			}
		}
	}
}

/* AF_XDP */

/* one mmapped ring; @cached is our side's index (producer or consumer) */
struct xsk_ring {
	uint32_t *producer;
	uint32_t *consumer;
	void *desc;
	uint32_t size;
	uint32_t cached;
	void *map;
	size_t map_len;
};

struct xsk {
	int fd;
	void *umem;
	struct xsk_ring fill, comp, rx;
};

/* struct xdp_mmap_offsets before Linux 5.4 (no flags) */
struct xdp_ring_offset_v1 {
	uint64_t producer;
	uint64_t consumer;
	uint64_t desc;
};

struct xdp_mmap_offsets_v1 {
	struct xdp_ring_offset_v1 rx, tx, fr, cr;
};

static volatile sig_atomic_t xsk_stop;

static void xsk_signal(int sig)
{
	(void)sig;
	xsk_stop = 1;
}

static void ring_off_from_v1(struct xdp_ring_offset *o,
			     const struct xdp_ring_offset_v1 *v1)
{
	memset(o, 0, sizeof(*o));
	o->producer = v1->producer;
	o->consumer = v1->consumer;
	o->desc = v1->desc;
}

static int xsk_offsets(int fd, struct xdp_mmap_offsets *off)
{
	union {
		struct xdp_mmap_offsets cur;
		struct xdp_mmap_offsets_v1 v1;
	} u;
	socklen_t len = sizeof(u);

	memset(&u, 0, sizeof(u));
	if (getsockopt(fd, SOL_XDP, XDP_MMAP_OFFSETS, &u, &len) < 0)
		return fail("getsockopt(XDP_MMAP_OFFSETS)");
	if (len == sizeof(u.cur)) {
		*off = u.cur;
		return 0;
	}
	if (len != sizeof(u.v1)) {
		fprintf(stderr, PROG_NAME
			": getsockopt(XDP_MMAP_OFFSETS): unknown size %u\n",
			(unsigned int)len);
		return -1;
	}
	ring_off_from_v1(&off->rx, &u.v1.rx);
	ring_off_from_v1(&off->tx, &u.v1.tx);
	ring_off_from_v1(&off->fr, &u.v1.fr);
	ring_off_from_v1(&off->cr, &u.v1.cr);
	return 0;
}

static int xsk_setopt(int fd, int opt, const void *val, socklen_t len,
		      const char *what)
{
	if (setsockopt(fd, SOL_XDP, opt, val, len) < 0)
		return fail(what);
	return 0;
}

static int ring_map(int fd, off_t pgoff, const struct xdp_ring_offset *o,
		    uint32_t size, size_t desc_size, struct xsk_ring *r,
		    bool producer, const char *what)
{
	r->map_len = o->desc + size * desc_size;
	r->map = mmap(NULL, r->map_len, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_POPULATE, fd, pgoff);
	if (r->map == MAP_FAILED) {
		r->map = NULL;
		return fail(what);
	}
	r->producer = (uint32_t *)((char *)r->map + o->producer);
	r->consumer = (uint32_t *)((char *)r->map + o->consumer);
	r->desc = (char *)r->map + o->desc;
	r->size = size;
	r->cached = __atomic_load_n(producer ? r->producer : r->consumer,
				    __ATOMIC_RELAXED);
	return 0;
}

static void ring_unmap(struct xsk_ring *r)
{
	if (r->map)
		munmap(r->map, r->map_len);
	r->map = NULL;
}

/* producer side (fill ring) */
static uint32_t ring_free(struct xsk_ring *r)
{
	return r->size - (r->cached -
			  __atomic_load_n(r->consumer, __ATOMIC_ACQUIRE));
}

static void fill_put(struct xsk_ring *r, uint64_t addr)
{
	((uint64_t *)r->desc)[r->cached++ & (r->size - 1)] = addr;
}

static void ring_produce(struct xsk_ring *r)
{
	__atomic_store_n(r->producer, r->cached, __ATOMIC_RELEASE);
}

/* consumer side (RX ring) */
static uint32_t ring_avail(struct xsk_ring *r)
{
	return __atomic_load_n(r->producer, __ATOMIC_ACQUIRE) - r->cached;
}

static const struct xdp_desc *rx_get(struct xsk_ring *r)
{
	return &((const struct xdp_desc *)r->desc)[r->cached++ &
						    (r->size - 1)];
}

static void ring_consume(struct xsk_ring *r)
{
	__atomic_store_n(r->consumer, r->cached, __ATOMIC_RELEASE);
}

static void xsk_close(struct xsk *x)
{
	ring_unmap(&x->rx);
	ring_unmap(&x->comp);
	ring_unmap(&x->fill);
	if (x->fd >= 0)
		close(x->fd);
	x->fd = -1;
	if (x->umem)
		munmap(x->umem, (size_t)XSK_FRAMES * XSK_FRAME_SIZE);
	x->umem = NULL;
}

/* socket, UMEM, rings, every frame on the fill ring, bound in copy mode */
static int xsk_open(struct xsk *x, const char *ifname, int ifindex,
		    uint32_t queue)
{
	struct sockaddr_xdp sxdp;
	struct xdp_umem_reg mr;
	struct xdp_mmap_offsets off;
	struct xdp_options opts;
	socklen_t len;
	uint32_t size, i;

	memset(x, 0, sizeof(*x));
	x->fd = socket(AF_XDP, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (x->fd < 0) {
		fprintf(stderr, PROG_NAME ": socket(AF_XDP): %s%s\n",
			strerror(errno), errno == EAFNOSUPPORT ?
			" (kernel without CONFIG_XDP_SOCKETS?)" : "");
		return -1;
	}

	x->umem = mmap(NULL, (size_t)XSK_FRAMES * XSK_FRAME_SIZE,
		       PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (x->umem == MAP_FAILED) {
		x->umem = NULL;
		return fail("mmap UMEM");
	}
	memset(&mr, 0, sizeof(mr));
	mr.addr = (uintptr_t)x->umem;
	mr.len = (uint64_t)XSK_FRAMES * XSK_FRAME_SIZE;
	mr.chunk_size = XSK_FRAME_SIZE;
	mr.headroom = 0;
	if (xsk_setopt(x->fd, XDP_UMEM_REG, &mr, sizeof(mr),
		       "setsockopt(XDP_UMEM_REG)"))
		return -1;

	size = XSK_FILL_SIZE;
	if (xsk_setopt(x->fd, XDP_UMEM_FILL_RING, &size, sizeof(size),
		       "setsockopt(XDP_UMEM_FILL_RING)"))
		return -1;
	size = XSK_COMP_SIZE;
	if (xsk_setopt(x->fd, XDP_UMEM_COMPLETION_RING, &size, sizeof(size),
		       "setsockopt(XDP_UMEM_COMPLETION_RING)"))
		return -1;
	size = XSK_RX_SIZE;
	if (xsk_setopt(x->fd, XDP_RX_RING, &size, sizeof(size),
		       "setsockopt(XDP_RX_RING)"))
		return -1;

	if (xsk_offsets(x->fd, &off))
		return -1;
	if (ring_map(x->fd, XDP_UMEM_PGOFF_FILL_RING, &off.fr, XSK_FILL_SIZE,
		     sizeof(uint64_t), &x->fill, true, "mmap fill ring") ||
	    ring_map(x->fd, XDP_UMEM_PGOFF_COMPLETION_RING, &off.cr,
		     XSK_COMP_SIZE, sizeof(uint64_t), &x->comp, false,
		     "mmap completion ring") ||
	    ring_map(x->fd, XDP_PGOFF_RX_RING, &off.rx, XSK_RX_SIZE,
		     sizeof(struct xdp_desc), &x->rx, false, "mmap RX ring"))
		return -1;

	for (i = 0; i < XSK_FRAMES; i++)
		fill_put(&x->fill, (uint64_t)i * XSK_FRAME_SIZE);
	ring_produce(&x->fill);

	memset(&sxdp, 0, sizeof(sxdp));
	sxdp.sxdp_family = AF_XDP;
	sxdp.sxdp_flags = XDP_COPY;
	sxdp.sxdp_ifindex = ifindex;
	sxdp.sxdp_queue_id = queue;
	if (bind(x->fd, (struct sockaddr *)&sxdp, sizeof(sxdp)) < 0) {
		fprintf(stderr, PROG_NAME ": bind(AF_XDP %s queue %u copy): %s\n",
			ifname, queue, strerror(errno));
		return -1;
	}

	/* XDP_OPTIONS: Linux 5.3 */
	memset(&opts, 0, sizeof(opts));
	len = sizeof(opts);
	if (!getsockopt(x->fd, SOL_XDP, XDP_OPTIONS, &opts, &len) &&
	    (opts.flags & XDP_OPTIONS_ZEROCOPY)) {
		fprintf(stderr, PROG_NAME ": AF_XDP socket is zero-copy\n");
		return -1;
	}
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool stop_pending(void)
{
	sigset_t set;

	if (xsk_stop)
		return true;
	if (sigpending(&set))
		return false;
	return sigismember(&set, SIGINT) || sigismember(&set, SIGTERM);
}

/*
 * Receive until @count frames, @timeout_ms without a frame or a signal
 * (SIGINT and SIGTERM are blocked but in ppoll(), which runs with
 * @waitmask).  Returns -1 on a socket error.
 */
static int xsk_receive(struct xsk *x, uint64_t count, int timeout_ms,
		       const sigset_t *waitmask, uint64_t *frames,
		       uint64_t *bytes)
{
	struct pollfd pfd = { .fd = x->fd, .events = POLLIN };
	int64_t deadline = now_ms() + timeout_ms, left;
	const struct xdp_desc *d;
	struct timespec ts;
	uint32_t n, room, i;
	int err;
	socklen_t len;

	while (*frames < count && !stop_pending()) {
		n = ring_avail(&x->rx);
		if (n) {
			/* cannot be short: the fill ring holds every frame */
			room = ring_free(&x->fill);
			if (n > room)
				n = room;
			if (!n) {
				fprintf(stderr, PROG_NAME
					": AF_XDP fill ring full\n");
				return -1;
			}
			for (i = 0; i < n; i++) {
				d = rx_get(&x->rx);
				*frames += 1;
				*bytes += d->len;
				fill_put(&x->fill, d->addr &
					 ~(uint64_t)(XSK_FRAME_SIZE - 1));
			}
			ring_consume(&x->rx);
			ring_produce(&x->fill);
			deadline = now_ms() + timeout_ms;
			continue;
		}

		left = deadline - now_ms();
		if (left <= 0)
			break;
		ts.tv_sec = left / 1000;
		ts.tv_nsec = (left % 1000) * 1000000;
		pfd.revents = 0;
		if (ppoll(&pfd, 1, &ts, waitmask) < 0) {
			if (errno == EINTR)
				continue;
			return fail("ppoll(AF_XDP)");
		}
		if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
			err = 0;
			len = sizeof(err);
			getsockopt(x->fd, SOL_SOCKET, SO_ERROR, &err, &len);
			fprintf(stderr, PROG_NAME ": AF_XDP socket: %s\n",
				err ? strerror(err) : "poll error");
			return -1;
		}
	}
	return 0;
}

/* why frames are missing: seen by the program? dropped by the socket? */
static void xsk_report_short(int fd, int cnt_fd)
{
	struct xdp_statistics st;
	socklen_t len = sizeof(st);
	uint64_t v[2];

	if (counters_read(cnt_fd, v))
		return;
	memset(&st, 0, sizeof(st));
	if (getsockopt(fd, SOL_XDP, XDP_STATISTICS, &st, &len) < 0) {
		fail("getsockopt(XDP_STATISTICS)");
		return;
	}
	fprintf(stderr, PROG_NAME ": xsk: prog_frames=%llu prog_bytes=%llu"
		" rx_dropped=%llu rx_invalid_descs=%llu rx_ring_full=%llu"
		" rx_fill_ring_empty_descs=%llu\n",
		(unsigned long long)v[0], (unsigned long long)v[1],
		(unsigned long long)st.rx_dropped,
		(unsigned long long)st.rx_invalid_descs,
		(unsigned long long)st.rx_ring_full,
		(unsigned long long)st.rx_fill_ring_empty_descs);
}

/* commands */

static int ifindex_of(const char *name)
{
	unsigned int i = if_nametoindex(name);

	if (!i)
		fprintf(stderr, PROG_NAME ": %s: %s\n", name, strerror(errno));
	return i;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: " PROG_NAME " attach IFNAME ACTION [--redirect IFNAME2]"
		" [--skb]\n"
		"       ACTION: pass drop tx redirect aborted\n"
		"       " PROG_NAME " count MAP_ID\n"
		"       " PROG_NAME " detach IFNAME [--skb]\n"
		"       " PROG_NAME " query IFNAME\n"
		"       " PROG_NAME " xsk IFNAME QUEUE COUNT [--timeout-ms T]"
		" [--skb]\n");
	return 2;
}

static int cmd_attach(int argc, char **argv)
{
	const char *redir = NULL;
	int ifindex, rifindex = 0, map_fd, prog_fd;
	uint32_t flags = XDP_FLAGS_DRV_MODE, pid, mid;
	static struct prog p;
	enum action a;
	int i;

	if (argc < 4)
		return usage();
	for (a = 0; a < A_NR; a++)
		if (!strcmp(argv[3], action_names[a]))
			break;
	if (a == A_NR)
		return usage();
	for (i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "--skb"))
			flags = XDP_FLAGS_SKB_MODE;
		else if (!strcmp(argv[i], "--redirect") && i + 1 < argc)
			redir = argv[++i];
		else
			return usage();
	}
	if ((a == A_REDIRECT) != (redir != NULL))
		return usage();

	ifindex = ifindex_of(argv[2]);
	if (!ifindex)
		return 1;
	if (redir) {
		rifindex = ifindex_of(redir);
		if (!rifindex)
			return 1;
	}
	map_fd = map_create();
	if (map_fd < 0)
		return 1;
	build_prog(&p, a, map_fd, rifindex);
	prog_fd = prog_load(&p, action_names[a]);
	if (prog_fd < 0)
		return 1;
	if (prog_id(prog_fd, &pid) || map_id(map_fd, &mid))
		return 1;
	if (xdp_set(ifindex, prog_fd, flags))
		return 1;
	/* the interface holds the program, the program the map */
	close(prog_fd);
	close(map_fd);
	printf("attached ifindex=%d prog_id=%u map_id=%u action=%s\n",
	       ifindex, pid, mid, action_names[a]);
	return 0;
}

static int cmd_detach(int argc, char **argv)
{
	uint32_t flags = XDP_FLAGS_DRV_MODE;
	int ifindex;

	if (argc == 4 && !strcmp(argv[3], "--skb"))
		flags = XDP_FLAGS_SKB_MODE;
	else if (argc != 3)
		return usage();
	ifindex = ifindex_of(argv[2]);
	if (!ifindex)
		return 1;
	if (xdp_set(ifindex, -1, flags))
		return 1;
	printf("detached ifindex=%d\n", ifindex);
	return 0;
}

static int cmd_query(int argc, char **argv)
{
	struct xdp_ids ids = { 0 };
	struct link_req r;
	uint32_t id;
	int ifindex, fd, ret;

	if (argc != 3)
		return usage();
	ifindex = ifindex_of(argv[2]);
	if (!ifindex)
		return 1;
	fd = nl_open();
	if (fd < 0)
		return 1;
	link_req_init(&r, RTM_GETLINK, ifindex);
	ret = nl_talk(fd, &r.nlh, "RTM_GETLINK", xdp_query_cb, &ids);
	close(fd);
	if (ret)
		return 1;
	if (!ids.seen) {
		fprintf(stderr, PROG_NAME ": %s: no IFLA_XDP in RTM_NEWLINK\n",
			argv[2]);
		return 1;
	}
	/* several modes at once (XDP_ATTACHED_MULTI): no IFLA_XDP_PROG_ID */
	id = ids.prog ? ids.prog : ids.drv ? ids.drv :
	     ids.skb ? ids.skb : ids.hw;
	printf("prog_id=%u\n", id);
	return 0;
}

static int cmd_count(int argc, char **argv)
{
	union bpf_attr attr;
	uint64_t v[2];
	unsigned long id;
	char *end;
	int fd;

	if (argc != 3)
		return usage();
	errno = 0;
	id = strtoul(argv[2], &end, 0);
	if (errno || end == argv[2] || *end || !id || id > UINT32_MAX)
		return usage();

	memset(&attr, 0, sizeof(attr));
	attr.map_id = id;
	fd = sys_bpf(BPF_MAP_GET_FD_BY_ID, &attr);
	if (fd < 0) {
		fail("BPF_MAP_GET_FD_BY_ID");
		return 1;
	}
	if (counters_read(fd, v))
		return 1;
	close(fd);
	printf("frames=%llu bytes=%llu\n", (unsigned long long)v[0],
	       (unsigned long long)v[1]);
	return 0;
}

/* a decimal number in [@min, @max] */
static bool parse_num(const char *s, unsigned long min, unsigned long max,
		      unsigned long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return !errno && !*end && *v >= min && *v <= max;
}

static int cmd_xsk(int argc, char **argv)
{
	unsigned long queue, count, timeout = XSK_TIMEOUT_MS;
	uint32_t flags = XDP_FLAGS_DRV_MODE, key;
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
	uint64_t frames = 0, bytes = 0;
	int ifindex, xskmap_fd, cnt_fd, prog_fd, ret;
	sigset_t block, orig;
	struct sigaction sa;
	static struct prog p;
	union bpf_attr attr;
	struct xsk x;
	int i;

	if (argc < 5 || !parse_num(argv[3], 0, XSK_MAP_SIZE - 1, &queue) ||
	    !parse_num(argv[4], 1, UINT32_MAX, &count))
		return usage();
	for (i = 5; i < argc; i++) {
		if (!strcmp(argv[i], "--skb"))
			flags = XDP_FLAGS_SKB_MODE;
		else if (!strcmp(argv[i], "--timeout-ms") && i + 1 < argc &&
			 parse_num(argv[i + 1], 1, INT_MAX, &timeout))
			i++;
		else
			return usage();
	}
	ifindex = ifindex_of(argv[2]);
	if (!ifindex)
		return 1;

	/* a signal stops the receive loop, not the tool: detach first */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = xsk_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &orig);
	sigdelset(&orig, SIGINT);
	sigdelset(&orig, SIGTERM);

	/* UMEM and maps count against it before Linux 5.11 (for BPF) */
	setrlimit(RLIMIT_MEMLOCK, &rl);

	if (xsk_open(&x, argv[2], ifindex, queue))
		return 1;
	xskmap_fd = map_new(BPF_MAP_TYPE_XSKMAP, sizeof(uint32_t),
			    XSK_MAP_SIZE, "e82574_xskmap");
	if (xskmap_fd < 0)
		return 1;
	key = queue;
	memset(&attr, 0, sizeof(attr));
	attr.map_fd = xskmap_fd;
	attr.key = (uintptr_t)&key;
	attr.value = (uintptr_t)&x.fd;
	attr.flags = BPF_ANY;
	if (sys_bpf(BPF_MAP_UPDATE_ELEM, &attr) < 0) {
		fail("BPF_MAP_UPDATE_ELEM xskmap");
		return 1;
	}
	cnt_fd = map_create();
	if (cnt_fd < 0)
		return 1;
	build_xsk_prog(&p, cnt_fd, xskmap_fd);
	prog_fd = prog_load(&p, "xsk");
	if (prog_fd < 0)
		return 1;
	if (xdp_set(ifindex, prog_fd, flags))
		return 1;

	ret = xsk_receive(&x, count, timeout, &orig, &frames, &bytes);
	if (xdp_set(ifindex, -1, flags))
		ret = -1;
	printf("xsk frames=%llu bytes=%llu queue=%lu mode=copy\n",
	       (unsigned long long)frames, (unsigned long long)bytes, queue);
	fflush(stdout);
	if (frames < count)
		xsk_report_short(x.fd, cnt_fd);
	close(prog_fd);
	close(cnt_fd);
	close(xskmap_fd);
	xsk_close(&x);
	return !ret && frames >= count ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "attach"))
		return cmd_attach(argc, argv);
	if (!strcmp(argv[1], "detach"))
		return cmd_detach(argc, argv);
	if (!strcmp(argv[1], "query"))
		return cmd_query(argc, argv);
	if (!strcmp(argv[1], "count"))
		return cmd_count(argc, argv);
	if (!strcmp(argv[1], "xsk"))
		return cmd_xsk(argc, argv);
	return usage();
}
