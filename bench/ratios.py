"""Throughput ratio kg/raw per query and concurrency, from a bench/serve.sh output file."""

import re
import sys

rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+)\s+(kg|raw)\s+c=(\d+) rps=(\S+)", line)
    if m and m.group(4):
        rows[(m.group(1), m.group(3), m.group(2))] = float(m.group(4))
print("query        c  kg/raw throughput")
for (q, c, server), rps in sorted(rows.items()):
    raw = rows.get(("PAGE-TTL" if q == "PAGE-HTML" else q, c, "raw"))
    if server == "kg" and raw:
        print(f"{q:<12} {c:<2} {rps / raw:.2f}")
