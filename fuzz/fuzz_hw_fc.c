// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target hw_fc: e82574_fc_config().
 *
 * Input: a frame size: two bytes pick one the driver can produce
 * (64..9234 bytes: MTU 68..9212 plus VLAN header and FCS, and minimum
 * Ethernet frames), four or more bytes give any unsigned int.
 *
 * Properties, for every frame size the driver can produce:
 * - the RX share keeps at least one whole frame and never exceeds 32 KB;
 *   frames up to 1518 bytes keep the full 32 KB;
 * - when RX could spare it, TX (40 KB - RX) holds two frames plus their
 *   descriptors (ALIGN(2 * (frame + 12), 1 KB));
 * - high_water is 8-byte aligned, at most 90% of the RX share, and leaves
 *   room for one frame above it; low_water = high_water - 8 (no wrap).
 * For any other size only "no undefined behaviour" is asked for: the
 * driver never passes one, and the results stop making sense from 13305
 * bytes on (XOFF rounds to 0 and XON wraps), see README.md.
 */

#include <linux/align.h>
#include <linux/if_ether.h>

#include "e82574_hw_core.h"
#include "fuzz_common.h"

#define MIN_FRAME	64u
#define MAX_FRAME	9234u

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };
	struct e82574_fc_cfg cfg;
	unsigned int frame;
	u32 rx_bytes, tx_need;

	if (len < 4)
		frame = MIN_FRAME + in_u16(&in) % (MAX_FRAME - MIN_FRAME + 1);
	else
		frame = in_u32(&in);

	memset(&cfg, 0xa5, sizeof(cfg));
	e82574_fc_config(frame, &cfg);
	if (frame < MIN_FRAME || frame > MAX_FRAME)
		return 0;
	FUZZ_CHECK(cfg.pba_rx_kb <= E82574_PBA_RX_KB, "frame %u: RX %u KB",
		   frame, cfg.pba_rx_kb);

	rx_bytes = cfg.pba_rx_kb << 10;
	FUZZ_CHECK(rx_bytes >= frame, "frame %u: RX %u KB holds no frame",
		   frame, cfg.pba_rx_kb);
	if (frame <= ETH_FRAME_LEN + ETH_FCS_LEN)
		FUZZ_CHECK(cfg.pba_rx_kb == E82574_PBA_RX_KB,
			   "frame %u: RX %u KB", frame, cfg.pba_rx_kb);
	tx_need = ALIGN((frame + 12) * 2, 1024) >> 10;
	if (frame > ETH_FRAME_LEN + ETH_FCS_LEN &&
	    cfg.pba_rx_kb > (ALIGN(frame, 1024) >> 10))
		FUZZ_CHECK(E82574_PBA_TOTAL_KB - cfg.pba_rx_kb >= tx_need,
			   "frame %u: TX %u KB < %u KB", frame,
			   E82574_PBA_TOTAL_KB - cfg.pba_rx_kb, tx_need);
	FUZZ_CHECK(cfg.high_water % 8 == 0, "frame %u: XOFF %u", frame,
		   cfg.high_water);
	FUZZ_CHECK(cfg.high_water <= (u64)rx_bytes * 9 / 10,
		   "frame %u: XOFF %u above 90%% of %u", frame, cfg.high_water,
		   rx_bytes);
	FUZZ_CHECK((u64)cfg.high_water + frame <= rx_bytes,
		   "frame %u: XOFF %u leaves no frame in %u", frame,
		   cfg.high_water, rx_bytes);
	FUZZ_CHECK(cfg.high_water >= 8 && cfg.low_water == cfg.high_water - 8,
		   "frame %u: XOFF %u XON %u", frame, cfg.high_water,
		   cfg.low_water);
	return 0;
}
