// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target hw_link: e82574_phy_adv(), e82574_fc_resolve(),
 * e82574_phy_hung(), e82574_link_adv_modes(), e82574_link_force().
 *
 * Input: speeds (32 bits), our and the partner's flow-control request
 * (any int, in range or not), our and the partner's MII_ADVERTISE /
 * MII_LPA words, duplex, the PHY error counters.
 *
 * Properties:
 * - phy_adv(): the 802.3 selector always; exactly the requested 10/100
 *   bits (all of them when no valid speed is asked for); no bit outside
 *   the selector, 10/100 and pause bits; pause bits per request (RX and
 *   FULL: PAUSE|ASYM, TX: ASYM, else none); ctrl1000 is
 *   ADVERTISE_1000FULL exactly when 1000 full is advertised;
 * - fc_resolve(): half duplex gives NONE; otherwise the IEEE 802.3
 *   Annex 28B table (written here as a table), where "symmetric" means
 *   FULL if FULL was asked for and RX otherwise; only the two pause bits
 *   of either word matter; the result is a valid mode;
 * - both ends agree: when one side resolves to send pause frames, the
 *   other resolves to honour them, whatever either asked for and
 *   advertised;
 * - with what phy_adv() advertises, the result never includes a direction
 *   that was not asked for, and against a partner with both pause bits it
 *   is exactly the request;
 * - phy_hung() is true exactly when the error counter is 0xFFFF and the
 *   idle error count (low byte of MII_STAT1000) is 0xFF;
 * - link_adv_modes() (ethtool -s advertise) accepts exactly the masks
 *   made of 10/100 half and full and 1000 full, with Autoneg, TP and the
 *   pause bits ignored, and at least one speed; it maps each speed to its
 *   E82574_ADV_* bit; 1000 half, any other mode and no speed are refused
 *   with a reason and the output left alone;
 * - link_force() (autoneg off) accepts exactly 10 or 100 Mb/s with half
 *   or full duplex; then BMCR has autonegotiation off, 100 Mb/s set for
 *   100, full duplex for full, and its other bits kept; CTRL has FRCSPD,
 *   FRCDPX, no ASDE, the speed field 100 or 10 and FD as asked, its other
 *   bits kept; anything else is refused with a reason and both left alone.
 */

#include <linux/errno.h>
#include <linux/ethtool.h>
#include <linux/linkmode.h>
#include <linux/mii.h>

#include "e82574_csr.h"
#include "e82574_hw_core.h"
#include "fuzz_common.h"

#define PAUSE_BITS	(ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM)
#define ALLOWED_ADV	(ADVERTISE_CSMA | ADVERTISE_10HALF | \
			 ADVERTISE_10FULL | ADVERTISE_100HALF | \
			 ADVERTISE_100FULL | PAUSE_BITS)
#define SYM		9	/* FULL if FULL was asked for, else RX */

/* Annex 28B: [ours PAUSE<<1|ASYM][partner PAUSE<<1|ASYM] */
static const u8 annex28b[4][4] = {
	{ E82574_FC_NONE, E82574_FC_NONE, E82574_FC_NONE, E82574_FC_NONE },
	{ E82574_FC_NONE, E82574_FC_NONE, E82574_FC_NONE, E82574_FC_TX },
	{ E82574_FC_NONE, E82574_FC_NONE, SYM, SYM },
	{ E82574_FC_NONE, E82574_FC_RX, SYM, SYM },
};

static u32 pause_idx(u16 w)
{
	return (w & ADVERTISE_PAUSE_CAP ? 2 : 0) |
	       (w & ADVERTISE_PAUSE_ASYM ? 1 : 0);
}

static enum e82574_fc_mode ref_resolve(enum e82574_fc_mode req, u16 adv,
				       u16 lpa, bool fd)
{
	u8 r = annex28b[pause_idx(adv)][pause_idx(lpa)];

	if (!fd)
		return E82574_FC_NONE;
	if (r == SYM)
		return req == E82574_FC_FULL ? E82574_FC_FULL : E82574_FC_RX;
	return r;
}

static bool sends(enum e82574_fc_mode m)
{
	return m == E82574_FC_TX || m == E82574_FC_FULL;
}

static bool honours(enum e82574_fc_mode m)
{
	return m == E82574_FC_RX || m == E82574_FC_FULL;
}

static void check_adv(u32 speeds, enum e82574_fc_mode fc, u16 *adv_out)
{
	u32 eff = speeds & E82574_ADV_ALL;
	u16 adv = 0x5a5a, c1000 = 0x5a5a, want = 0;

	e82574_phy_adv(speeds, fc, &adv, &c1000);
	if (!eff)
		eff = E82574_ADV_ALL;
	if (eff & E82574_ADV_10_HALF)
		want |= ADVERTISE_10HALF;
	if (eff & E82574_ADV_10_FULL)
		want |= ADVERTISE_10FULL;
	if (eff & E82574_ADV_100_HALF)
		want |= ADVERTISE_100HALF;
	if (eff & E82574_ADV_100_FULL)
		want |= ADVERTISE_100FULL;
	if (fc == E82574_FC_RX || fc == E82574_FC_FULL)
		want |= ADVERTISE_PAUSE_CAP | ADVERTISE_PAUSE_ASYM;
	else if (fc == E82574_FC_TX)
		want |= ADVERTISE_PAUSE_ASYM;

	FUZZ_CHECK(adv & ADVERTISE_CSMA, "speeds 0x%x fc %d: no selector",
		   speeds, fc);
	FUZZ_CHECK(!(adv & ~ALLOWED_ADV), "speeds 0x%x fc %d: adv 0x%04x",
		   speeds, fc, adv);
	FUZZ_CHECK((adv & ~ADVERTISE_CSMA) == want,
		   "speeds 0x%x fc %d: adv 0x%04x, expected 0x%04x", speeds, fc,
		   adv, want | ADVERTISE_CSMA);
	FUZZ_CHECK(c1000 ==
		   (eff & E82574_ADV_1000_FULL ? ADVERTISE_1000FULL : 0),
		   "speeds 0x%x: ctrl1000 0x%04x", speeds, c1000);
	*adv_out = adv;
}

static enum e82574_fc_mode resolve(enum e82574_fc_mode req, u16 adv, u16 lpa,
				   bool fd)
{
	enum e82574_fc_mode got = e82574_fc_resolve(req, adv, lpa, fd);
	enum e82574_fc_mode want = ref_resolve(req, adv, lpa, fd);

	FUZZ_CHECK(got == want,
		   "req %d adv 0x%04x lpa 0x%04x fd %d: %d, expected %d", req,
		   adv, lpa, fd, got, want);
	FUZZ_CHECK(got == e82574_fc_resolve(req, adv & PAUSE_BITS,
					    lpa & PAUSE_BITS, fd),
		   "bits other than pause matter: adv 0x%04x lpa 0x%04x", adv,
		   lpa);
	FUZZ_CHECK(got >= E82574_FC_NONE && got <= E82574_FC_FULL,
		   "mode %d", got);
	return got;
}

/* Both ends: whoever sends pause frames is honoured by the other. */
static void check_pair(enum e82574_fc_mode ra, u16 adv_a,
		       enum e82574_fc_mode rb, u16 adv_b, bool fd)
{
	enum e82574_fc_mode a = resolve(ra, adv_a, adv_b, fd);
	enum e82574_fc_mode b = resolve(rb, adv_b, adv_a, fd);

	FUZZ_CHECK(!sends(a) || honours(b),
		   "A (req %d adv 0x%04x) sends, B (req %d adv 0x%04x) -> %d",
		   ra, adv_a, rb, adv_b, b);
	FUZZ_CHECK(!sends(b) || honours(a),
		   "B (req %d adv 0x%04x) sends, A (req %d adv 0x%04x) -> %d",
		   rb, adv_b, ra, adv_a, a);
}

static enum e82574_fc_mode pick_fc(struct fuzz_in *in)
{
	u8 b = in_u8(in);

	/* mostly a valid mode; sometimes any int, as a bad caller might */
	if (b < 0xf0)
		return (enum e82574_fc_mode)(b % 4);
	return (enum e82574_fc_mode)(int)in_u32(in);
}

static void check_adv_modes(struct fuzz_in *in)
{
	static const struct {
		int mode;
		u32 adv;
	} speed[] = {
		{ ETHTOOL_LINK_MODE_10baseT_Half_BIT, E82574_ADV_10_HALF },
		{ ETHTOOL_LINK_MODE_10baseT_Full_BIT, E82574_ADV_10_FULL },
		{ ETHTOOL_LINK_MODE_100baseT_Half_BIT, E82574_ADV_100_HALF },
		{ ETHTOOL_LINK_MODE_100baseT_Full_BIT, E82574_ADV_100_FULL },
		{ ETHTOOL_LINK_MODE_1000baseT_Full_BIT, E82574_ADV_1000_FULL },
	};
	static const int ignored[] = {
		ETHTOOL_LINK_MODE_Autoneg_BIT, ETHTOOL_LINK_MODE_TP_BIT,
		ETHTOOL_LINK_MODE_Pause_BIT, ETHTOOL_LINK_MODE_Asym_Pause_BIT,
	};
	__ETHTOOL_DECLARE_LINK_MODE_MASK(modes);
	__ETHTOOL_DECLARE_LINK_MODE_MASK(copy);
	const char *why = NULL;
	u32 want = 0, got = 0xdeadbeef;
	bool bad = false;
	unsigned int k;
	u8 shape = in_u8(in);
	int err;

	linkmode_zero(modes);
	/* mostly among the first 16 modes, sometimes anywhere */
	for (k = 0; k < 16; k++)
		if (in_u8(in) & 1)
			linkmode_set_bit(k, modes);
	if (shape >= 0xc0)
		linkmode_set_bit(in_u8(in) % __ETHTOOL_LINK_MODE_MASK_NBITS,
				 modes);
	linkmode_copy(copy, modes);

	for (k = 0; k < __ETHTOOL_LINK_MODE_MASK_NBITS; k++) {
		unsigned int j;
		bool known = false;

		if (!linkmode_test_bit(k, modes))
			continue;
		for (j = 0; j < ARRAY_SIZE(speed); j++) {
			if (speed[j].mode == (int)k) {
				want |= speed[j].adv;
				known = true;
			}
		}
		for (j = 0; j < ARRAY_SIZE(ignored); j++)
			known |= ignored[j] == (int)k;
		bad |= !known;
	}
	bad |= !want;

	err = e82574_link_adv_modes(modes, &got, &why);
	FUZZ_CHECK(!memcmp(copy, modes, sizeof(copy)), "the mask was changed");
	if (bad) {
		FUZZ_CHECK(err == -EINVAL, "mask 0x%lx: %d, expected -EINVAL",
			   modes[0], err);
		FUZZ_CHECK(why, "mask 0x%lx: refused without a reason",
			   modes[0]);
		FUZZ_CHECK(got == 0xdeadbeef, "mask 0x%lx: output written",
			   modes[0]);
		return;
	}
	FUZZ_CHECK(!err, "mask 0x%lx: %d (%s)", modes[0], err, why);
	FUZZ_CHECK(got == want, "mask 0x%lx: 0x%x, expected 0x%x", modes[0],
		   got, want);
}

static void check_force(struct fuzz_in *in)
{
	static const u32 speeds[] = { SPEED_10, SPEED_100, SPEED_1000 };
	u8 pick = in_u8(in);
	u32 speed = pick < 0xf0 ? speeds[pick % 3] : in_u32(in);
	u8 duplex = in_u8(in);
	u16 bmcr0 = in_u16(in), bmcr = bmcr0;
	u32 ctrl0 = in_u32(in), ctrl = ctrl0;
	u16 bm = BMCR_ANENABLE | BMCR_ANRESTART | BMCR_SPEED1000 |
		 BMCR_SPEED100 | BMCR_FULLDPLX;
	u32 cm = E82574_CTRL_SPD | E82574_CTRL_ASDE | E82574_CTRL_FD |
		 E82574_CTRL_FRCSPD | E82574_CTRL_FRCDPX;
	const char *why = NULL;
	bool full;
	int err;

	if (duplex < 0xf0)
		duplex = duplex & 1 ? DUPLEX_FULL : DUPLEX_HALF;
	full = duplex == DUPLEX_FULL;
	err = e82574_link_force(speed, duplex, &bmcr, &ctrl, &why);
	if ((speed != SPEED_10 && speed != SPEED_100) ||
	    (duplex != DUPLEX_HALF && duplex != DUPLEX_FULL)) {
		FUZZ_CHECK(err == -EINVAL && why, "speed %u duplex %u: %d",
			   speed, duplex, err);
		FUZZ_CHECK(bmcr == bmcr0 && ctrl == ctrl0,
			   "speed %u duplex %u refused but changed", speed,
			   duplex);
		return;
	}
	FUZZ_CHECK(!err, "speed %u duplex %u: %d (%s)", speed, duplex, err,
		   why);
	FUZZ_CHECK((bmcr & ~bm) == (bmcr0 & ~bm), "BMCR 0x%04x -> 0x%04x",
		   bmcr0, bmcr);
	FUZZ_CHECK((bmcr & bm) == ((speed == SPEED_100 ? BMCR_SPEED100 : 0) |
				   (full ? BMCR_FULLDPLX : 0)),
		   "speed %u duplex %u: BMCR 0x%04x", speed, duplex, bmcr);
	FUZZ_CHECK((ctrl & ~cm) == (ctrl0 & ~cm), "CTRL 0x%08x -> 0x%08x",
		   ctrl0, ctrl);
	FUZZ_CHECK((ctrl & cm) == (E82574_CTRL_FRCSPD | E82574_CTRL_FRCDPX |
				   (speed == SPEED_100 ? E82574_CTRL_SPD_100 : 0) |
				   (full ? E82574_CTRL_FD : 0)),
		   "speed %u duplex %u: CTRL 0x%08x", speed, duplex, ctrl);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };
	enum e82574_fc_mode ra, rb, got;
	u32 speeds_a, speeds_b;
	u16 adv_a, adv_b, raw_a, raw_b, rx_err, stat1000;
	bool fd;

	speeds_a = in_u32(&in);
	speeds_b = in_u32(&in);
	ra = pick_fc(&in);
	rb = pick_fc(&in);
	raw_a = in_u16(&in);
	raw_b = in_u16(&in);
	fd = in_u8(&in) & 1;
	rx_err = in_u16(&in);
	stat1000 = in_u16(&in);

	check_adv(speeds_a, ra, &adv_a);
	check_adv(speeds_b, rb, &adv_b);

	/* arbitrary words on both sides */
	check_pair(ra, raw_a, rb, raw_b, fd);
	check_pair(ra, raw_a, rb, raw_b, true);

	/* what phy_adv() advertises: never more than asked for */
	check_pair(ra, adv_a, rb, adv_b, true);
	if (ra >= E82574_FC_NONE && ra <= E82574_FC_FULL) {
		got = resolve(ra, adv_a, adv_b, true);
		FUZZ_CHECK(!(got & ~ra), "req %d adv 0x%04x vs 0x%04x: %d", ra,
			   adv_a, adv_b, got);
		got = resolve(ra, adv_a, LPA_PAUSE_CAP | LPA_PAUSE_ASYM, true);
		FUZZ_CHECK(got == ra, "req %d against full pause: %d", ra, got);
		got = resolve(ra, adv_a, 0, true);
		FUZZ_CHECK(got == E82574_FC_NONE, "req %d against none: %d", ra,
			   got);
	}

	FUZZ_CHECK(e82574_phy_hung(rx_err, stat1000) ==
		   (rx_err == 0xffff && (stat1000 & 0xff) == 0xff),
		   "phy_hung(0x%04x, 0x%04x)", rx_err, stat1000);

	check_adv_modes(&in);
	check_force(&in);
	return 0;
}
