// SPDX-License-Identifier: GPL-2.0
/*
 * e82574_txdrop: a test module for the VM test "txdrop", never shipped
 * (it is built only by scripts/vm/lib-vm.sh, for the guest).
 *
 * On load it hands one xmit_more batch straight to the interface's
 * ndo_start_xmit, as the core's bulk dequeue does: FRAMES - 1 valid UDP
 * frames with xmit_more set, then a last frame, without xmit_more, that
 * the driver has to drop (a GSO frame whose protocol is not TCP over IPv4
 * or IPv6: nothing can segment it), or, with drop=0, one more valid
 * frame.  A driver that defers the tail write while more frames follow
 * must still write it when it drops the frame that ends the batch;
 * otherwise the FRAMES - 1 frames stay behind an unwritten tail until
 * something else is sent on that queue.
 *
 * The batch is sent under the queue's xmit lock with bottom halves off,
 * so no other frame can reach that queue in between.  The test reads the
 * result from QEMU's register-write trace and from the peer's count; the
 * module only refuses to load when it could not send the batch.
 */
#include <linux/etherdevice.h>
#include <linux/inet.h>
#include <linux/ip.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ip.h>

static char *ifname = "eth0";
module_param(ifname, charp, 0444);
MODULE_PARM_DESC(ifname, "interface");
static uint queue;
module_param(queue, uint, 0444);
MODULE_PARM_DESC(queue, "TX queue");
static uint frames = 8;
module_param(frames, uint, 0444);
MODULE_PARM_DESC(frames, "frames in the batch, the dropped one included");
static bool drop = true;
module_param(drop, bool, 0444);
MODULE_PARM_DESC(drop, "end the batch with a frame to drop (else a valid one)");
static char *dst_mac = "";
module_param(dst_mac, charp, 0444);
MODULE_PARM_DESC(dst_mac, "destination MAC address");
static char *saddr = "";
module_param(saddr, charp, 0444);
MODULE_PARM_DESC(saddr, "source IPv4 address");
static char *daddr = "";
module_param(daddr, charp, 0444);
MODULE_PARM_DESC(daddr, "destination IPv4 address");

#define TXDROP_PAYLOAD	100
#define TXDROP_PORT	9

/* One IPv4 UDP frame to the discard port, checksums done here. */
static struct sk_buff *txdrop_frame(struct net_device *dev, const u8 *dst,
				    __be32 src4, __be32 dst4, u16 seq)
{
	unsigned int len = sizeof(struct iphdr) + sizeof(struct udphdr) +
			   TXDROP_PAYLOAD;
	struct sk_buff *skb;
	struct udphdr *uh;
	struct iphdr *iph;
	struct ethhdr *eth;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + len, GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));

	skb_reset_network_header(skb);
	iph = skb_put_zero(skb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->tot_len = htons(len);
	iph->id = htons(seq);
	iph->saddr = src4;
	iph->daddr = dst4;
	ip_send_check(iph);

	skb_set_transport_header(skb, skb->len);
	uh = skb_put_zero(skb, sizeof(*uh));
	uh->source = htons(TXDROP_PORT);
	uh->dest = htons(TXDROP_PORT);
	uh->len = htons(sizeof(*uh) + TXDROP_PAYLOAD);
	memset(skb_put(skb, TXDROP_PAYLOAD), 0x5a, TXDROP_PAYLOAD);
	/* a zero UDP checksum: none (IPv4) */

	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, dst);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(ETH_P_IP);

	skb->protocol = htons(ETH_P_IP);
	skb->dev = dev;
	skb->ip_summed = CHECKSUM_NONE;
	skb_set_queue_mapping(skb, queue);
	return skb;
}

/*
 * The frame that ends the batch: claims TCP segmentation offload, but its
 * protocol is ARP's.  Its transport header points at the UDP header and
 * payload, more than a TCP header's 20 bytes, so a driver that reads a TCP
 * header length there reads initialised bytes.
 */
static struct sk_buff *txdrop_bad_gso(struct net_device *dev, const u8 *dst,
				      __be32 src4, __be32 dst4, u16 seq)
{
	struct sk_buff *skb = txdrop_frame(dev, dst, src4, dst4, seq);

	if (!skb)
		return NULL;
	skb->protocol = htons(ETH_P_ARP);
	skb_shinfo(skb)->gso_size = 536;
	skb_shinfo(skb)->gso_segs = 1;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	return skb;
}

/* mac_pton() moved between headers (kernel.h, then hex.h): parse here. */
static bool txdrop_parse_mac(const char *s, u8 *mac)
{
	char end;

	return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx%c", &mac[0], &mac[1],
		      &mac[2], &mac[3], &mac[4], &mac[5], &end) == ETH_ALEN;
}

static int txdrop_send(struct net_device *dev)
{
	struct sk_buff **skbs;
	struct netdev_queue *txq;
	__be32 src4, dst4;
	netdev_tx_t rc = NETDEV_TX_OK;
	unsigned int i, sent = 0;
	u8 dst[ETH_ALEN];
	int err = 0;

	if (!txdrop_parse_mac(dst_mac, dst) ||
	    !in4_pton(saddr, -1, (u8 *)&src4, -1, NULL) ||
	    !in4_pton(daddr, -1, (u8 *)&dst4, -1, NULL)) {
		pr_err("e82574_txdrop: dst_mac, saddr and daddr are required\n");
		return -EINVAL;
	}
	if (frames < 2 || queue >= dev->real_num_tx_queues) {
		pr_err("e82574_txdrop: frames must be >= 2 and queue < %u\n",
		       dev->real_num_tx_queues);
		return -EINVAL;
	}
	skbs = kcalloc(frames, sizeof(*skbs), GFP_KERNEL);
	if (!skbs)
		return -ENOMEM;
	for (i = 0; i < frames; i++) {
		if (i + 1 < frames || !drop)
			skbs[i] = txdrop_frame(dev, dst, src4, dst4, i);
		else
			skbs[i] = txdrop_bad_gso(dev, dst, src4, dst4, i);
		if (!skbs[i]) {
			err = -ENOMEM;
			goto free_skbs;
		}
	}

	txq = netdev_get_tx_queue(dev, queue);
	local_bh_disable();
	__netif_tx_lock(txq, smp_processor_id());
	if (netif_xmit_frozen_or_stopped(txq)) {
		err = -EBUSY;
	} else {
		for (; sent < frames; sent++) {
			rc = netdev_start_xmit(skbs[sent], dev, txq,
					       sent + 1 < frames);
			if (rc != NETDEV_TX_OK)
				break;
			skbs[sent] = NULL;
		}
	}
	__netif_tx_unlock(txq);
	local_bh_enable();
	if (!err && sent < frames) {
		pr_err("e82574_txdrop: frame %u of %u returned %d\n",
		       sent + 1, frames, rc);
		err = -EIO;
	}
	if (!err)
		pr_info("e82574_txdrop: %s queue %u: %u frames with xmit_more, then one %s\n",
			dev->name, queue, frames - 1,
			drop ? "to drop" : "more");
free_skbs:
	for (i = 0; i < frames; i++)
		kfree_skb(skbs[i]);
	kfree(skbs);
	return err;
}

static int __init txdrop_init(void)
{
	struct net_device *dev;
	int err;

	dev = dev_get_by_name(&init_net, ifname);
	if (!dev) {
		pr_err("e82574_txdrop: no interface %s\n", ifname);
		return -ENODEV;
	}
	if (!netif_running(dev) || !netif_carrier_ok(dev))
		err = -ENETDOWN;
	else
		err = txdrop_send(dev);
	dev_put(dev);
	return err;
}

static void __exit txdrop_exit(void)
{
}

module_init(txdrop_init);
module_exit(txdrop_exit);
MODULE_DESCRIPTION("e82574 test: an xmit_more batch whose last frame is dropped");
MODULE_LICENSE("GPL");
