// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target hw_nvm: e82574_nvm_check() and e82574_nvm_mac().
 *
 * Input: a mode byte, the 64 NVM words (little-endian pairs; missing
 * bytes are zero), a word index and an XOR value.
 *
 * Properties:
 * - nvm_check() reports the 16-bit sum of words 0x00-0x3F and returns 0
 *   exactly when it is 0xBABA, -EINVAL otherwise; it reads no word past
 *   0x3F (exact-size heap buffer);
 * - an image whose checksum word is fixed up passes, and then any single
 *   changed word (the checksum word included) fails;
 * - nvm_mac() reads words 0-2 only, fills all six bytes (byte 0 in the low
 *   byte of word 0) and returns 0 exactly when the address is neither
 *   zero nor multicast (broadcast included), -EADDRNOTAVAIL otherwise.
 */

#include <linux/errno.h>
#include <linux/if_ether.h>

#include "e82574_hw_core.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t len)
{
	struct fuzz_in in = { data, len };
	u16 *nvm = fuzz_alloc(E82574_NVM_CSUM_WORDS * sizeof(u16));
	u16 *mw = fuzz_alloc(E82574_NVM_MAC_WORDS * sizeof(u16));
	u8 *mac = fuzz_alloc(ETH_ALEN);
	u16 sum = 0, got = 0, x;
	u32 i, idx;
	bool valid;
	u8 mode;
	int rc;

	mode = in_u8(&in);
	for (i = 0; i < E82574_NVM_CSUM_WORDS; i++)
		nvm[i] = in_u16(&in);
	idx = in_u8(&in) % E82574_NVM_CSUM_WORDS;
	x = in_u16(&in);

	if (mode & 1) {
		for (i = 0; i < E82574_NVM_CSUM_WORDS - 1; i++)
			sum += nvm[i];
		nvm[E82574_NVM_CSUM_WORDS - 1] = E82574_NVM_CSUM_SUM - sum;
	}
	sum = 0;
	for (i = 0; i < E82574_NVM_CSUM_WORDS; i++)
		sum += nvm[i];
	rc = e82574_nvm_check(nvm, &got);
	FUZZ_CHECK(got == sum, "sum 0x%04x, expected 0x%04x", got, sum);
	FUZZ_CHECK(rc == (sum == E82574_NVM_CSUM_SUM ? 0 : -EINVAL),
		   "sum 0x%04x: rc %d", sum, rc);
	if (mode & 1) {
		FUZZ_CHECK(rc == 0, "fixed-up image refused (sum 0x%04x)", got);
		if (x) {
			nvm[idx] ^= x;
			rc = e82574_nvm_check(nvm, &got);
			FUZZ_CHECK(rc == -EINVAL && got != E82574_NVM_CSUM_SUM,
				   "word 0x%x ^= 0x%04x not caught", idx, x);
		}
	}

	memcpy(mw, nvm, E82574_NVM_MAC_WORDS * sizeof(u16));
	memset(mac, 0xa5, ETH_ALEN);
	rc = e82574_nvm_mac(mw, mac);
	for (i = 0; i < ETH_ALEN; i++)
		FUZZ_CHECK(mac[i] == (u8)(i & 1 ? mw[i / 2] >> 8 : mw[i / 2]),
			   "mac byte %u 0x%02x from word 0x%04x", i, mac[i],
			   mw[i / 2]);
	valid = !(mac[0] & 1) &&
		(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]);
	FUZZ_CHECK(rc == (valid ? 0 : -EADDRNOTAVAIL),
		   "%02x:%02x:%02x:%02x:%02x:%02x: rc %d", mac[0], mac[1],
		   mac[2], mac[3], mac[4], mac[5], rc);

	free(nvm);
	free(mw);
	free(mac);
	return 0;
}
