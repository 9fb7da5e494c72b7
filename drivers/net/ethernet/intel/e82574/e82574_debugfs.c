// SPDX-License-Identifier: GPL-2.0
/*
 * e82574: debugfs files, under /sys/kernel/debug/e82574/<PCI address>/.
 *
 * rss_load: per indirection entry, its queue, the packets and bytes counted
 * since rss-balance was first turned on, the balancer's smoothed load, and
 * the smoothed load and queue the last move was solved from (so that the
 * move can be checked against an independent solver); with the balancer's
 * last figures above.  A file rather than ethtool -S:
 * 128 entries x 2 counters would bury the other statistics, and the
 * counters run only while rss-balance is on.
 */
#include <linux/debugfs.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/seq_file.h>

#include "e82574.h"

static struct dentry *e82574_dbg_root;

static const char *const e82574_bal_verdicts[] = {
	[E82574_RSS_BAL_IDLE] = "idle",
	[E82574_RSS_BAL_BALANCED] = "balanced",
	[E82574_RSS_BAL_COOLDOWN] = "cool-down",
	[E82574_RSS_BAL_PENDING] = "pending",
	[E82574_RSS_BAL_SOLVE] = "solve",
	[E82574_RSS_BAL_OPTIMAL] = "optimal",
	[E82574_RSS_BAL_NO_GAIN] = "no-gain",
	[E82574_RSS_BAL_MOVE] = "move",
};

static int e82574_rss_load_show(struct seq_file *s, void *unused)
{
	struct e82574_adapter *ad = s->private;
	struct e82574_rss_balancer *b;
	u64 pk, by;
	u32 e, q;

	rtnl_lock();
	b = ad->bal;
	seq_printf(s, "rss-balance: %s\n", b ? "on" : "off");
	if (b) {
		seq_printf(s, "intervals: %llu\nlast: %s\nrebalances: %u\nentries moved: %u\ncool-down: %u\n",
			   b->intervals, e82574_bal_verdicts[b->verdict],
			   b->st.events, b->st.moved, b->st.cooldown);
		seq_printf(s, "last solve: max queue load %llu -> %llu, lower bound %llu, moves %u\n",
			   b->res.cur_max, b->res.new_max, b->res.lb,
			   b->res.moves);
		seq_printf(s, "last move at interval: %llu\n", b->moved_at);
	}
	seq_puts(s, "entry queue packets bytes avg_bytes move_bytes move_from\n");
	for (e = 0; e < E82574_RSS_INDIR_SIZE; e++) {
		pk = 0;
		by = 0;
		for (q = 0; q < E82574_MAX_QP; q++) {
			pk += READ_ONCE(ad->rss_load[q].packets[e]);
			by += READ_ONCE(ad->rss_load[q].bytes[e]);
		}
		seq_printf(s, "%u %u %llu %llu %llu %llu %u\n", e,
			   ad->rss.indir[e], pk, by, b ? b->avg[e] : 0,
			   b ? b->move_load[e] : 0,
			   b && b->moved_at ? b->move_from[e] :
					      ad->rss.indir[e]);
	}
	rtnl_unlock();
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(e82574_rss_load);

/**
 * e82574_dbg_init - create the driver's debugfs directory (module load)
 */
void e82574_dbg_init(void)
{
	e82574_dbg_root = debugfs_create_dir(E82574_DRV_NAME, NULL);
}

/**
 * e82574_dbg_exit - remove the driver's debugfs directory (module unload)
 */
void e82574_dbg_exit(void)
{
	debugfs_remove_recursive(e82574_dbg_root);
	e82574_dbg_root = NULL;
}

/**
 * e82574_dbg_adapter_add - create a device's debugfs files
 * @ad: adapter, registered
 */
void e82574_dbg_adapter_add(struct e82574_adapter *ad)
{
	ad->dbg = debugfs_create_dir(pci_name(ad->pdev), e82574_dbg_root);
	debugfs_create_file("rss_load", 0400, ad->dbg, ad,
			    &e82574_rss_load_fops);
}

/**
 * e82574_dbg_adapter_remove - remove a device's debugfs files
 * @ad: adapter
 *
 * Waits for readers; must not be called under RTNL (readers take it).
 */
void e82574_dbg_adapter_remove(struct e82574_adapter *ad)
{
	debugfs_remove_recursive(ad->dbg);
	ad->dbg = NULL;
}
