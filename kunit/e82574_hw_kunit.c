// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the e82574 hardware core: NVM checksum and MAC
 * address, packet buffer split and flow-control watermarks, pause
 * advertisement and resolution, the PHY hang test, ethtool -s link
 * settings.
 *
 * The core source is included, so the code under test is the file the
 * driver links.  Expected values are worked out by hand from the rules
 * (see the comments), not computed by the code under test.
 */

#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/mii.h>
#include <linux/module.h>

#include "e82574_hw_core.c"

/* ------------------------------------------------------------------ */
/* NVM                                                                */
/* ------------------------------------------------------------------ */

/* An NVM image like QEMU's for 52:54:00:12:34:56, checksum fixed up. */
static void nvm_image(u16 *nvm)
{
	u16 sum = 0;
	int i;

	for (i = 0; i < E82574_NVM_CSUM_WORDS; i++)
		nvm[i] = 0x1000 + 7 * i;
	nvm[0] = 0x5452;
	nvm[1] = 0x1200;
	nvm[2] = 0x5634;
	nvm[0x0b] = 0x10d3;
	nvm[0x0d] = 0x10d3;
	for (i = 0; i < E82574_NVM_CSUM_WORDS - 1; i++)
		sum += nvm[i];
	nvm[0x3f] = (u16)(0xBABA - sum);
}

static void nvm_checksum_good(struct kunit *test)
{
	u16 nvm[E82574_NVM_CSUM_WORDS], sum = 0;

	nvm_image(nvm);
	KUNIT_EXPECT_EQ(test, e82574_nvm_check(nvm, &sum), 0);
	KUNIT_EXPECT_EQ(test, sum, 0xBABA);
}

static void nvm_checksum_each_word_matters(struct kunit *test)
{
	u16 nvm[E82574_NVM_CSUM_WORDS], sum;
	int i;

	/* Any single changed word, the checksum word included, is caught. */
	for (i = 0; i < E82574_NVM_CSUM_WORDS; i++) {
		nvm_image(nvm);
		nvm[i] ^= 0x0100;
		KUNIT_EXPECT_EQ_MSG(test, e82574_nvm_check(nvm, &sum), -EINVAL,
				    "word 0x%x changed", i);
		KUNIT_EXPECT_NE(test, sum, 0xBABA);
	}
}

static void nvm_checksum_wraps(struct kunit *test)
{
	u16 nvm[E82574_NVM_CSUM_WORDS] = { };
	u16 sum;

	/* 0xFFFF * 63 + x == 0xBABA (mod 2^16) for x = 0xBABA + 63 */
	memset(nvm, 0xff, sizeof(nvm));
	nvm[0x3f] = (u16)(0xBABA + 63);
	KUNIT_EXPECT_EQ(test, e82574_nvm_check(nvm, &sum), 0);
	/* A blank (all-ones) part is refused, with its sum reported. */
	nvm[0x3f] = 0xffff;
	KUNIT_EXPECT_EQ(test, e82574_nvm_check(nvm, &sum), -EINVAL);
	KUNIT_EXPECT_EQ(test, sum, (u16)(0xffff * 64));
	/* Only words 0x00-0x3F count. */
	KUNIT_EXPECT_EQ(test, E82574_NVM_CSUM_WORDS, 0x40);
}

static void nvm_checksum_word_fixes(struct kunit *test)
{
	u16 nvm[E82574_NVM_CSUM_WORDS], sum, orig;
	int i;

	/* Whatever words 0x00-0x3E hold, the computed word 0x3F fixes it. */
	nvm_image(nvm);
	orig = nvm[0x3f];
	KUNIT_EXPECT_EQ(test, e82574_nvm_checksum_word(nvm), orig);
	for (i = 0; i < E82574_NVM_CSUM_WORDS - 1; i += 7) {
		nvm[i] += 0x1234 * (i + 1);
		nvm[0x3f] = 0xdead;	/* not read */
		nvm[0x3f] = e82574_nvm_checksum_word(nvm);
		KUNIT_EXPECT_EQ(test, e82574_nvm_check(nvm, &sum), 0);
	}
	/* A blank part: 63 words of 0xFFFF need 0xBABA + 63. */
	memset(nvm, 0xff, sizeof(nvm));
	KUNIT_EXPECT_EQ(test, e82574_nvm_checksum_word(nvm),
			(u16)(0xBABA + 63));
}

static void nvm_mac_layout(struct kunit *test)
{
	static const u8 want[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	u16 nvm[E82574_NVM_CSUM_WORDS];
	u8 mac[ETH_ALEN];

	nvm_image(nvm);
	KUNIT_EXPECT_EQ(test, e82574_nvm_mac(nvm, mac), 0);
	KUNIT_EXPECT_MEMEQ(test, mac, want, ETH_ALEN);
}

static void nvm_mac_invalid(struct kunit *test)
{
	static const u8 mcast[ETH_ALEN] = { 0x01, 0, 0x5e, 0, 0, 0x01 };
	u16 nvm[E82574_NVM_CSUM_WORDS] = { };
	u8 mac[ETH_ALEN];

	/* All zero. */
	KUNIT_EXPECT_EQ(test, e82574_nvm_mac(nvm, mac), -EADDRNOTAVAIL);
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(mac));
	/* Multicast (group bit of byte 0): still returned for the message. */
	nvm[0] = 0x0001;
	nvm[1] = 0x005e;
	nvm[2] = 0x0100;
	KUNIT_EXPECT_EQ(test, e82574_nvm_mac(nvm, mac), -EADDRNOTAVAIL);
	KUNIT_EXPECT_MEMEQ(test, mac, mcast, ETH_ALEN);
	/* Broadcast. */
	nvm[0] = 0xffff;
	nvm[1] = 0xffff;
	nvm[2] = 0xffff;
	KUNIT_EXPECT_EQ(test, e82574_nvm_mac(nvm, mac), -EADDRNOTAVAIL);
	/* A locally administered unicast address is fine. */
	nvm[0] = 0x0002;
	KUNIT_EXPECT_EQ(test, e82574_nvm_mac(nvm, mac), 0);
}

static struct kunit_case e82574_hw_nvm_cases[] = {
	KUNIT_CASE(nvm_checksum_good),
	KUNIT_CASE(nvm_checksum_each_word_matters),
	KUNIT_CASE(nvm_checksum_wraps),
	KUNIT_CASE(nvm_checksum_word_fixes),
	KUNIT_CASE(nvm_mac_layout),
	KUNIT_CASE(nvm_mac_invalid),
	{}
};

static struct kunit_suite e82574_hw_nvm_suite = {
	.name = "e82574_hw_nvm",
	.test_cases = e82574_hw_nvm_cases,
};

/* ------------------------------------------------------------------ */
/* Packet buffer and watermarks                                       */
/* ------------------------------------------------------------------ */

struct fc_case {
	const char *name;
	unsigned int max_frame;
	u32 rx_kb, high, low;
};

/*
 * Worked by hand:
 * 1522 (MTU 1500 + VLAN header + FCS): no jumbo adjustment, RX 32 KB;
 *   XOFF = min(32768 * 9 / 10 = 29491, 32768 - 1522 = 31246) = 29491,
 *   rounded down to 8 bytes = 29488; XON 29480.
 * 1518: the largest frame without adjustment (same split).
 * 1519: jumbo path, TX needs ALIGN(2 * (1519 + 12), 1K) = 3 KB <= 8 KB.
 * 9022 (MTU 9000): TX needs ALIGN(2 * 9034, 1K) = 18 KB; 10 KB come
 *   from RX: 22 KB; XOFF = min(20275, 22528 - 9022 = 13506) -> 13504.
 * 9234 (MTU 9212, the largest): TX needs 19 KB, RX 21 KB;
 *   XOFF = min(19353, 21504 - 9234 = 12270) -> 12264.
 */
static const struct fc_case fc_cases[] = {
	{ "mtu1500", 1522, 32, 29488, 29480 },
	{ "frame1518", 1518, 32, 29488, 29480 },
	{ "frame1519", 1519, 32, 29488, 29480 },
	{ "mtu9000", 9022, 22, 13504, 13496 },
	{ "mtu9212", 9234, 21, 12264, 12256 },
};

static void fc_case_desc(const struct fc_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fc, fc_cases, fc_case_desc);

static void fc_known_values(struct kunit *test)
{
	const struct fc_case *c = test->param_value;
	struct e82574_fc_cfg cfg;

	e82574_fc_config(c->max_frame, &cfg);
	KUNIT_EXPECT_EQ(test, cfg.pba_rx_kb, c->rx_kb);
	KUNIT_EXPECT_EQ(test, cfg.high_water, c->high);
	KUNIT_EXPECT_EQ(test, cfg.low_water, c->low);
}

static void fc_invariants(struct kunit *test)
{
	struct e82574_fc_cfg cfg;
	unsigned int mtu, frame, tx_need;

	for (mtu = 68; mtu <= 9212; mtu++) {
		frame = mtu + VLAN_ETH_HLEN + ETH_FCS_LEN;
		e82574_fc_config(frame, &cfg);
		/* RX keeps a whole frame, never grows, TX gets the rest. */
		KUNIT_ASSERT_GE(test, cfg.pba_rx_kb << 10, frame);
		KUNIT_ASSERT_LE(test, cfg.pba_rx_kb, E82574_PBA_RX_KB);
		/* Room for two frames in TX whenever RX can spare it. */
		tx_need = ALIGN((frame + 12) * 2, 1024) >> 10;
		if (frame > ETH_FRAME_LEN + ETH_FCS_LEN &&
		    cfg.pba_rx_kb > (ALIGN(frame, 1024) >> 10))
			KUNIT_ASSERT_GE(test, E82574_PBA_TOTAL_KB -
					cfg.pba_rx_kb, tx_need);
		/* One full frame fits above XOFF; 8-byte granularity. */
		KUNIT_ASSERT_LE(test, cfg.high_water + frame,
				cfg.pba_rx_kb << 10);
		KUNIT_ASSERT_LE(test, cfg.high_water,
				(cfg.pba_rx_kb << 10) * 9 / 10);
		KUNIT_ASSERT_EQ(test, cfg.high_water % 8, 0);
		KUNIT_ASSERT_EQ(test, cfg.low_water, cfg.high_water - 8);
		if (mtu <= ETH_DATA_LEN)
			KUNIT_ASSERT_EQ(test, cfg.pba_rx_kb, 32);
	}
}

static struct kunit_case e82574_hw_fc_cases[] = {
	KUNIT_CASE_PARAM(fc_known_values, fc_gen_params),
	KUNIT_CASE(fc_invariants),
	{}
};

static struct kunit_suite e82574_hw_fc_suite = {
	.name = "e82574_hw_fc",
	.test_cases = e82574_hw_fc_cases,
};

/* ------------------------------------------------------------------ */
/* Autonegotiation: advertisement, pause resolution, PHY hang         */
/* ------------------------------------------------------------------ */

static void phy_adv_values(struct kunit *test)
{
	u16 adv, c1000;

	/* 802.3 selector 0x0001; 10H 0x20, 10F 0x40, 100H 0x80, 100F 0x100 */
	e82574_phy_adv(E82574_ADV_ALL, E82574_FC_FULL, &adv, &c1000);
	KUNIT_EXPECT_EQ(test, adv, 0x0de1);	/* + PAUSE 0x400, ASYM 0x800 */
	KUNIT_EXPECT_EQ(test, c1000, 0x0200);	/* 1000BASE-T full only */
	e82574_phy_adv(E82574_ADV_ALL, E82574_FC_RX, &adv, &c1000);
	KUNIT_EXPECT_EQ(test, adv, 0x0de1);
	e82574_phy_adv(E82574_ADV_ALL, E82574_FC_TX, &adv, &c1000);
	KUNIT_EXPECT_EQ(test, adv, 0x09e1);
	e82574_phy_adv(E82574_ADV_ALL, E82574_FC_NONE, &adv, &c1000);
	KUNIT_EXPECT_EQ(test, adv, 0x01e1);
	/* Nothing valid asked for: everything. */
	e82574_phy_adv(BIT(4), E82574_FC_NONE, &adv, &c1000);
	KUNIT_EXPECT_EQ(test, adv, 0x01e1);
	KUNIT_EXPECT_EQ(test, c1000, 0x0200);
	e82574_phy_adv(E82574_ADV_100_FULL, E82574_FC_NONE, &adv, &c1000);
	KUNIT_EXPECT_EQ(test, adv, 0x0101);
	KUNIT_EXPECT_EQ(test, c1000, 0);
	e82574_phy_adv(E82574_ADV_1000_FULL, E82574_FC_NONE, &adv, &c1000);
	KUNIT_EXPECT_EQ(test, adv, 0x0001);
	KUNIT_EXPECT_EQ(test, c1000, 0x0200);
}

/*
 * IEEE 802.3 Annex 28B table 28B-3, indexed by our (PAUSE, ASYM) and
 * the partner's (PAUSE, ASYM): what we do.  "S" = symmetric (both
 * directions, or RX only if only RX was asked for).
 */
#define N E82574_FC_NONE
#define R E82574_FC_RX
#define T E82574_FC_TX
#define S 9
static const u8 annex28b[4][4] = {
	/* ours \ partner: 00  01  10  11  (PAUSE << 1 | ASYM) */
	/* 00 */ { N, N, N, N },
	/* 01 */ { N, N, N, T },
	/* 10 */ { N, N, S, S },
	/* 11 */ { N, R, S, S },
};

#undef N
#undef R
#undef T

static void fc_resolve_table(struct kunit *test)
{
	static const enum e82574_fc_mode reqs[] = {
		E82574_FC_NONE, E82574_FC_RX, E82574_FC_TX, E82574_FC_FULL,
	};
	unsigned int o, p, r;
	enum e82574_fc_mode want, got;

	BUILD_BUG_ON(S <= E82574_FC_FULL);

	for (r = 0; r < ARRAY_SIZE(reqs); r++) {
		for (o = 0; o < 4; o++) {
			for (p = 0; p < 4; p++) {
				u16 adv = (o & 2 ? ADVERTISE_PAUSE_CAP : 0) |
					  (o & 1 ? ADVERTISE_PAUSE_ASYM : 0);
				u16 lpa = (p & 2 ? LPA_PAUSE_CAP : 0) |
					  (p & 1 ? LPA_PAUSE_ASYM : 0);

				if (annex28b[o][p] == S)
					want = reqs[r] == E82574_FC_FULL ?
					       E82574_FC_FULL : E82574_FC_RX;
				else
					want = annex28b[o][p];
				got = e82574_fc_resolve(reqs[r], adv, lpa,
							true);
				KUNIT_EXPECT_EQ_MSG(test, got, want,
						    "req %u ours %u partner %u",
						    reqs[r], o, p);
				/* Half duplex never pauses. */
				got = e82574_fc_resolve(reqs[r], adv, lpa,
							false);
				KUNIT_EXPECT_EQ(test, got, E82574_FC_NONE);
			}
		}
	}
}

static void fc_resolve_end_to_end(struct kunit *test)
{
	static const enum e82574_fc_mode reqs[] = {
		E82574_FC_NONE, E82574_FC_RX, E82574_FC_TX, E82574_FC_FULL,
	};
	const u16 both = LPA_PAUSE_CAP | LPA_PAUSE_ASYM;
	enum e82574_fc_mode got;
	u16 adv, c1000;
	unsigned int r;

	/*
	 * What we advertise for each request, against a full-pause peer,
	 * gives exactly the request; against a peer without pause, none.
	 */
	for (r = 0; r < ARRAY_SIZE(reqs); r++) {
		e82574_phy_adv(0, reqs[r], &adv, &c1000);
		got = e82574_fc_resolve(reqs[r], adv, both, true);
		KUNIT_EXPECT_EQ(test, got, reqs[r]);
		got = e82574_fc_resolve(reqs[r], adv, 0, true);
		KUNIT_EXPECT_EQ(test, got, E82574_FC_NONE);
	}
}

static void phy_hang_signature(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, e82574_phy_hung(0xffff, 0x00ff));
	/* Only the idle error count (low byte) of MII_STAT1000 counts. */
	KUNIT_EXPECT_TRUE(test, e82574_phy_hung(0xffff, 0x7cff));
	KUNIT_EXPECT_FALSE(test, e82574_phy_hung(0xffff, 0x00fe));
	KUNIT_EXPECT_FALSE(test, e82574_phy_hung(0xfffe, 0x00ff));
	KUNIT_EXPECT_FALSE(test, e82574_phy_hung(0, 0));
}

/* ------------------------------------------------------------------ */
/* ethtool -s: advertised link modes, forced speed and duplex         */
/* ------------------------------------------------------------------ */

static void link_adv_modes_ok(struct kunit *test)
{
	__ETHTOOL_DECLARE_LINK_MODE_MASK(m);
	const char *why = NULL;
	u32 adv = 0xdead;

	linkmode_zero(m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_100baseT_Full_BIT, m);
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), 0);
	KUNIT_EXPECT_EQ(test, adv, E82574_ADV_100_FULL);

	/* What ethtool reads back and writes again: speeds plus extras. */
	linkmode_set_bit(ETHTOOL_LINK_MODE_10baseT_Half_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_10baseT_Full_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_100baseT_Half_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_1000baseT_Full_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_Autoneg_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_TP_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_Pause_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_Asym_Pause_BIT, m);
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), 0);
	KUNIT_EXPECT_EQ(test, adv, E82574_ADV_ALL);
	KUNIT_EXPECT_NULL(test, why);

	linkmode_zero(m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_1000baseT_Full_BIT, m);
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), 0);
	KUNIT_EXPECT_EQ(test, adv, E82574_ADV_1000_FULL);
}

static void link_adv_modes_bad(struct kunit *test)
{
	__ETHTOOL_DECLARE_LINK_MODE_MASK(m);
	const char *why;
	u32 adv = 0x1234;

	/* 1000 half, alone or with valid speeds. */
	linkmode_zero(m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_1000baseT_Half_BIT, m);
	why = NULL;
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, why);
	linkmode_set_bit(ETHTOOL_LINK_MODE_100baseT_Full_BIT, m);
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), -EINVAL);

	/* Another medium's mode. */
	linkmode_zero(m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_100baseT_Full_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_10000baseT_Full_BIT, m);
	why = NULL;
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, why);
	linkmode_zero(m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_FIBRE_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_1000baseT_Full_BIT, m);
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), -EINVAL);

	/* No speed: empty, or only the non-speed bits. */
	linkmode_zero(m);
	why = NULL;
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, why);
	linkmode_set_bit(ETHTOOL_LINK_MODE_Autoneg_BIT, m);
	linkmode_set_bit(ETHTOOL_LINK_MODE_Pause_BIT, m);
	KUNIT_EXPECT_EQ(test, e82574_link_adv_modes(m, &adv, &why), -EINVAL);

	/* Left alone on failure. */
	KUNIT_EXPECT_EQ(test, adv, 0x1234);
}

static void link_force_values(struct kunit *test)
{
	/* BMCR: AN enable 0x1000, restart 0x0200, speed100 0x2000,
	 * speed1000 0x0040, full duplex 0x0100.  CTRL: FD bit 0, ASDE
	 * bit 5, SPD 9:8 (100 = 01), FRCSPD bit 11, FRCDPX bit 12.
	 */
	const char *why = NULL;
	u16 bmcr;
	u32 ctrl;

	bmcr = 0x1340;	/* AN on + restart + 1000 full */
	ctrl = 0x0261;	/* SLU, ASDE, SPD 1000, FD */
	KUNIT_EXPECT_EQ(test, e82574_link_force(SPEED_100, DUPLEX_FULL, &bmcr,
						&ctrl, &why), 0);
	KUNIT_EXPECT_EQ(test, bmcr, 0x2100);
	KUNIT_EXPECT_EQ(test, ctrl, 0x1941);

	bmcr = 0x3100;
	ctrl = 0x1941;
	KUNIT_EXPECT_EQ(test, e82574_link_force(SPEED_10, DUPLEX_HALF, &bmcr,
						&ctrl, &why), 0);
	KUNIT_EXPECT_EQ(test, bmcr, 0x0000);
	KUNIT_EXPECT_EQ(test, ctrl, 0x1840);

	bmcr = 0x0800;	/* power down survives */
	ctrl = 0;
	KUNIT_EXPECT_EQ(test, e82574_link_force(SPEED_10, DUPLEX_FULL, &bmcr,
						&ctrl, &why), 0);
	KUNIT_EXPECT_EQ(test, bmcr, 0x0900);
	KUNIT_EXPECT_EQ(test, ctrl, 0x1801);

	bmcr = 0;
	ctrl = 0;
	KUNIT_EXPECT_EQ(test, e82574_link_force(SPEED_100, DUPLEX_HALF, &bmcr,
						&ctrl, &why), 0);
	KUNIT_EXPECT_EQ(test, bmcr, 0x2000);
	KUNIT_EXPECT_EQ(test, ctrl, 0x1900);
	KUNIT_EXPECT_NULL(test, why);
}

static void link_force_bad(struct kunit *test)
{
	static const struct {
		u32 speed;
		u8 duplex;
	} bad[] = {
		{ SPEED_1000, DUPLEX_FULL }, { SPEED_1000, DUPLEX_HALF },
		{ SPEED_2500, DUPLEX_FULL }, { SPEED_UNKNOWN, DUPLEX_FULL },
		{ 0, DUPLEX_FULL }, { SPEED_100, DUPLEX_UNKNOWN },
		{ SPEED_10, 7 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *why = NULL;
		u16 bmcr = 0x1140;
		u32 ctrl = 0x0241;

		KUNIT_EXPECT_EQ_MSG(test, e82574_link_force(bad[i].speed,
							    bad[i].duplex,
							    &bmcr, &ctrl, &why),
				    -EINVAL, "case %u", i);
		KUNIT_EXPECT_NOT_NULL_MSG(test, why, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, bmcr, 0x1140, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, ctrl, 0x0241, "case %u", i);
	}
}

static struct kunit_case e82574_hw_link_cases[] = {
	KUNIT_CASE(phy_adv_values),
	KUNIT_CASE(fc_resolve_table),
	KUNIT_CASE(fc_resolve_end_to_end),
	KUNIT_CASE(phy_hang_signature),
	KUNIT_CASE(link_adv_modes_ok),
	KUNIT_CASE(link_adv_modes_bad),
	KUNIT_CASE(link_force_values),
	KUNIT_CASE(link_force_bad),
	{}
};

static struct kunit_suite e82574_hw_link_suite = {
	.name = "e82574_hw_link",
	.test_cases = e82574_hw_link_cases,
};

#undef S

kunit_test_suites(&e82574_hw_nvm_suite, &e82574_hw_fc_suite,
		  &e82574_hw_link_suite);

MODULE_DESCRIPTION("KUnit tests for the e82574 hardware core");
MODULE_LICENSE("GPL");
