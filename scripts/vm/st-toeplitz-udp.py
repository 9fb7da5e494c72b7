#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Re-check the UDP cases of the kernel's hw/toeplitz.py for the 82574.

The 82574 has no UDP port hashing: it gives a UDP frame the Toeplitz
hash of its addresses alone, and the driver marks it an L3 hash
(PKT_HASH_TYPE_L3).  When a socket asks for the frame's flow hash, as
the helper's TPACKET_V3 ring does, the kernel replaces an L3 hash with
its own flow-dissector hash over addresses and ports.  So the helper
compares a software hash with Toeplitz over the 4-tuple, and fails.

A UDP case that failed only on hash mismatches is checked again here,
from the helper's own verbose log, for what can be checked:
  - the mismatches are the kernel's hash: frames of one address pair
    carry different hashes, which an address-only hash cannot;
  - where the case checked queue placement (-C), each frame arrived on
    the CPU that the device's key and indirection table give for the
    Toeplitz hash of its addresses;
  - where it checked RPS (-r), each frame arrived on the CPU of the
    silo its (software) hash selects.
Usage: st-toeplitz-udp.py KTAP-OUTPUT ETHTOOL-X-OUTPUT
Prints "NAME<TAB>REASON" for each UDP case that passed this check.
"""

import ipaddress
import re
import sys

FRAME = re.compile(r"cpu (\d+): rx_hash 0x([0-9a-f]+) \[saddr (\S+) daddr (\S+) "
                   r"sport \d+ dport \d+\] != expected")
COUNT = re.compile(r"count: pass=(\d+) nohash=(\d+) fail=(\d+)")
RXQ = re.compile(r"rxq (\d+): cpu (\d+)")
SILO = re.compile(r"silo (\d+): cpu (\d+)")


def toeplitz(data, key):
    """32-bit Toeplitz hash of DATA with KEY (as the 82574 defines it)."""
    kbits = int.from_bytes(key, "big")
    klen = len(key) * 8
    ret = 0
    for i in range(len(data) * 8):
        if data[i // 8] & (0x80 >> (i % 8)):
            ret ^= (kbits >> (klen - 32 - i)) & 0xFFFFFFFF
    return ret


def parse_ethtool(text):
    """The key and the indirection table out of `ethtool -x`."""
    key, indir, lines = None, [], text.splitlines()
    for n, line in enumerate(lines):
        if line.startswith("RSS hash key"):
            key = bytes.fromhex(lines[n + 1].strip().replace(":", ""))
            break
        m = re.match(r"^\s*\d+:\s+([\d\s]+)$", line)
        if m:
            indir += [int(x) for x in m.group(1).split()]
    return key, indir


def check_case(diag, key, indir):
    """The re-check's finding for one case, or None if it failed."""
    frames = FRAME.findall(diag)
    counts = COUNT.findall(diag)
    if not frames or len(counts) != 1:
        return None
    passed, nohash, failed = (int(x) for x in counts[0])
    # each frame a logged mismatch, nothing failed for another reason
    if passed or nohash or failed != len(frames):
        return None
    hashes = {}
    for _, rxhash, saddr, daddr in frames:
        hashes.setdefault((saddr, daddr), set()).add(rxhash)
    if max(len(h) for h in hashes.values()) < 2:
        return None
    rxq = {int(q): int(c) for q, c in RXQ.findall(diag)}
    silo = {int(s): int(c) for s, c in SILO.findall(diag)}
    for cpu, rxhash, saddr, daddr in frames:
        if rxq:
            addrs = (ipaddress.ip_address(saddr).packed +
                     ipaddress.ip_address(daddr).packed)
            h = toeplitz(addrs, key)
            if rxq.get(indir[h % len(indir)]) != int(cpu):
                return None
        if silo and silo.get((int(rxhash, 16) * len(silo)) >> 32) != int(cpu):
            return None
    why = (f"upstream compares the hash a socket sees with Toeplitz over ports too; "
           f"the 82574 hashes UDP on addresses only (an L3 hash, which the kernel "
           f"replaces with its own flow hash): {len(frames)} frames, one address "
           f"pair with differing hashes")
    if rxq:
        why += (", each on the CPU the device key and table give for "
                f"Toeplitz over its addresses ({len(hashes)} address pair(s), "
                "so as many table entries checked)")
    if silo:
        why += ", each on the CPU of its RPS silo"
    return why


def main():
    """Check each failed UDP case of the KTAP output."""
    with open(sys.argv[2], encoding="utf-8") as fp:
        key, indir = parse_ethtool(fp.read())
    if not key or not indir:
        return
    diag = []
    with open(sys.argv[1], encoding="utf-8") as fp:
        for line in fp:
            m = re.match(r"^not ok \d+ (\S*udp\S*)", line)
            if m:
                why = check_case("\n".join(diag), key, indir)
                if why:
                    print(f"{m.group(1)}\t{why}")
            if re.match(r"^(not )?ok \d+ ", line):
                diag = []
            elif line.startswith("# "):
                diag.append(line.rstrip("\n"))


if __name__ == "__main__":
    main()
