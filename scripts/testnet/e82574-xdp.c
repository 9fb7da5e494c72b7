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
 */
#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
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

#define PROG_NAME	"e82574-xdp"
#define MAX_INSNS	64
#define LOG_SIZE	(256 * 1024)
#define NL_BUF		(64 * 1024)

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

static void build_prog(struct prog *p, enum action a, int map_fd,
		       int redirect_ifindex)
{
	static const int ret[A_NR] = {
		[A_PASS] = XDP_PASS, [A_DROP] = XDP_DROP,
		[A_ABORTED] = XDP_ABORTED,
	};
	int j, k;

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

static int map_create(void)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = sizeof(uint32_t);
	attr.value_size = sizeof(uint64_t);
	attr.max_entries = 2;
	snprintf(attr.map_name, sizeof(attr.map_name), "e82574_xdp_cnt");
	fd = sys_bpf(BPF_MAP_CREATE, &attr);
	if (fd < 0)
		return fail("BPF_MAP_CREATE");
	return fd;
}

static int prog_load(const struct prog *p, enum action a)
{
	static char log[LOG_SIZE];
	union bpf_attr attr;
	int fd, err;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (uintptr_t)p->insn;
	attr.insn_cnt = p->n;
	attr.license = (uintptr_t)"GPL";
	snprintf(attr.prog_name, sizeof(attr.prog_name), "e82574_%s",
		 action_names[a]);
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
		"       " PROG_NAME " query IFNAME\n");
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
	prog_fd = prog_load(&p, a);
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
	uint32_t key;
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
	for (key = 0; key < 2; key++) {
		memset(&attr, 0, sizeof(attr));
		attr.map_fd = fd;
		attr.key = (uintptr_t)&key;
		attr.value = (uintptr_t)&v[key];
		if (sys_bpf(BPF_MAP_LOOKUP_ELEM, &attr) < 0) {
			fail("BPF_MAP_LOOKUP_ELEM");
			return 1;
		}
	}
	close(fd);
	printf("frames=%llu bytes=%llu\n", (unsigned long long)v[0],
	       (unsigned long long)v[1]);
	return 0;
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
	return usage();
}
