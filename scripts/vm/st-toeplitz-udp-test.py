#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Host-side cases for st-toeplitz-udp.py (run by scripts/check.sh).

The re-check turns failed UDP cases of the kernel's toeplitz.py into
skips, so it must refuse every log it is not meant to accept.  Prints
"N passed, N failed"; exits non-zero on a failure.
"""

import importlib.util
import ipaddress
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location(
    "tz", os.path.join(HERE, "st-toeplitz-udp.py"))
tz = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(tz)

# the Microsoft RSS verification key and two of its IP-only vectors
MSKEY = bytes.fromhex("6d5a56da255b0ec24167253d43a38fb0d0ca2bcb"
                      "ae7b30b477cb2da38030f20c6a42b73bbeac01fa")
TABLE = [i % 2 for i in range(128)]
SADDR, DADDR = "192.0.2.2", "192.0.2.1"
RXQ_CPU = {0: 0, 1: 1}

results = []


def case(name, ok):
    """Record one case."""
    results.append(ok)
    print(("ok - " if ok else "not ok - ") + name)


def ethtool_x(table, key):
    """`ethtool -x` text for TABLE and KEY."""
    lines = ["RX flow hash indirection table for eth0 with 2 RX ring(s):"]
    for i in range(0, len(table), 8):
        lines.append(f"{i:5}: " + "".join(f"{q:6}" for q in table[i:i + 8]))
    lines += ["RSS hash key:", ":".join(f"{b:02x}" for b in key),
              "RSS hash function:", "    toeplitz: on"]
    return "\n".join(lines) + "\n"


def ktap(name, frames, maps, counts=None):
    """A KTAP log of one failed case: FRAMES are (cpu, hash) of one pair."""
    diag = ["# Exception|   STDERR: RSS indirection table size: 128"]
    diag += [f"# Exception|           {m}" for m in maps]
    for cpu, h in frames:
        diag.append(f"# Exception|           cpu {cpu}: rx_hash 0x{h:08x} "
                    f"[saddr {SADDR} daddr {DADDR} sport {40000 + h % 999} "
                    f"dport 5001] != expected 0x12345678")
    p, n, f = counts or (0, 0, len(frames))
    diag.append(f"# Exception|           count: pass={p} nohash={n} fail={f}")
    return "\n".join(["TAP version 13", "1..1"] + diag + [f"not ok 1 {name}"]) + "\n"


def run(log, table, key=MSKEY):
    """The names st-toeplitz-udp.py accepts from LOG."""
    with tempfile.TemporaryDirectory() as d:
        lp, xp = os.path.join(d, "out"), os.path.join(d, "x")
        with open(lp, "w", encoding="utf-8") as fp:
            fp.write(log)
        with open(xp, "w", encoding="utf-8") as fp:
            fp.write(ethtool_x(table, key))
        out = subprocess.run([sys.executable, os.path.join(HERE, "st-toeplitz-udp.py"),
                              lp, xp], capture_output=True, text=True, check=True)
    return [line.split("\t")[0] for line in out.stdout.splitlines()]


def main():
    """Run the cases."""
    v4 = (ipaddress.ip_address("66.9.149.187").packed +
          ipaddress.ip_address("161.142.100.80").packed)
    case("Toeplitz, Microsoft IPv4 vector", tz.toeplitz(v4, MSKEY) == 0x323e8fc2)
    v6 = (ipaddress.ip_address("3ffe:2501:200:1fff::7").packed +
          ipaddress.ip_address("3ffe:2501:200:3::1").packed)
    case("Toeplitz, Microsoft IPv6 vector", tz.toeplitz(v6, MSKEY) == 0x2cc18cd5)

    pair = ipaddress.ip_address(SADDR).packed + ipaddress.ip_address(DADDR).packed
    nic = tz.toeplitz(pair, MSKEY)
    cpu = RXQ_CPU[TABLE[nic % 128]]
    rxq = [f"rxq {q}: cpu {c}" for q, c in RXQ_CPU.items()]
    kernel_hashes = [0x1111, 0x2222, 0x3333, 0x4444]
    good = [(cpu, h) for h in kernel_hashes]

    name = "toeplitz.test.rss_udp_ipv4"
    case("RSS case: kernel hashes, frames on the table's CPU -> accepted",
         run(ktap(name, good, rxq), TABLE) == [name])
    swapped = [1 - q for q in TABLE]
    case("RSS case: the table's queues swapped -> refused",
         run(ktap(name, good, rxq), swapped) == [])
    # a key under which the pair's hash picks the other queue
    other = next(k for k in (MSKEY[:8] + bytes([i]) + MSKEY[9:] for i in range(256))
                 if RXQ_CPU[TABLE[tz.toeplitz(pair, k) % 128]] != cpu)
    case("RSS case: another key (pair on the other queue) -> refused",
         run(ktap(name, good, rxq), TABLE, other) == [])
    one_hash = [(cpu, 0x5555)] * 4
    case("one hash for the pair (not the kernel's) -> refused",
         run(ktap(name, one_hash, rxq), TABLE) == [])
    case("a frame failed for another reason (fail > logged) -> refused",
         run(ktap(name, good, rxq, (0, 0, 5)), TABLE) == [])
    case("a frame that passed in the same case -> refused",
         run(ktap(name, good, rxq, (1, 0, 4)), TABLE) == [])

    name = "toeplitz.test.udp_ipv4"
    case("plain case: kernel hashes -> accepted",
         run(ktap(name, good, []), TABLE) == [name])
    case("a TCP case is never re-checked",
         run(ktap("toeplitz.test.tcp_ipv4", good, []), TABLE) == [])

    name = "toeplitz.test.rps_udp_ipv4"
    silo = ["silo 0: cpu 2", "silo 1: cpu 3"]
    rps_good = [(2 if (h * 2) >> 32 == 0 else 3, h) for h in
                (0x10000000, 0x20000000, 0x90000000, 0xa0000000)]
    case("RPS case: frames on their silo's CPU -> accepted",
         run(ktap(name, rps_good, silo), TABLE) == [name])
    rps_bad = [(5 - c, h) for c, h in rps_good]
    case("RPS case: frames on the other silo's CPU -> refused",
         run(ktap(name, rps_bad, silo), TABLE) == [])

    npass = sum(results)
    print(f"{npass} passed, {len(results) - npass} failed")
    return 0 if npass == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
