#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# The committed seed corpus is text (one input per line, in hex) so that
# every file in the repository carries an SPDX line and diffs stay
# readable.  libFuzzer wants one file per input:
#
#   seeds.py unpack corpus/T.seeds DIR   write DIR/<sha1> for every line
#   seeds.py pack DIR corpus/T.seeds T   the inverse (sorted, deduplicated)

import hashlib
import os
import sys

HEADER = """# SPDX-License-Identifier: GPL-2.0
# Seed inputs of the fuzz target {name}, one per line in hex (an empty
# line is the empty input).  Written by "make -C fuzz minimize".
"""


def unpack(src, dst):
    os.makedirs(dst, exist_ok=True)
    for f in os.listdir(dst):
        os.unlink(os.path.join(dst, f))
    n = 0
    with open(src) as fh:
        for line in fh:
            line = line.strip()
            if line.startswith("#"):
                continue
            data = bytes.fromhex(line)
            name = hashlib.sha1(data).hexdigest()
            with open(os.path.join(dst, name), "wb") as out:
                out.write(data)
            n += 1
    print(f"{src}: {n} seeds")


def pack(src, dst, name):
    seen = set()
    for f in sorted(os.listdir(src)):
        with open(os.path.join(src, f), "rb") as fh:
            seen.add(fh.read().hex())
    with open(dst, "w") as out:
        out.write(HEADER.format(name=name))
        for h in sorted(seen, key=lambda s: (len(s), s)):
            out.write(h + "\n")
    print(f"{dst}: {len(seen)} seeds, {os.path.getsize(dst)} bytes")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "unpack":
        unpack(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "pack":
        pack(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__ or "usage: seeds.py unpack|pack ...")
